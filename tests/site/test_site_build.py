"""Full builds: the strict build succeeds, and a data error or a broken anchor fails it with
the same located message and no traceback."""
from kyodo_kb.tooling.project import copy_project, run_mkdocs_build


def test_strict_build_produces_checklist_and_ordinance_pages(built_site):
    for page in ["index.html", "checklists/index.html", "checklists/kyodo-gensoku/index.html",
                 "ordinances/jichi-kihon/index.html", "ordinances/shimin-katsudo/index.html"]:
        assert (built_site / page).is_file(), page
    html = (built_site / "checklists/kyodo-gensoku/index.html").read_text(encoding="utf-8")
    assert 'id="KG-01"' in html and 'href="../../ordinances/shimin-katsudo/#art9-para1-item1"' in html


def test_generated_pages_are_not_written_into_docs(built_site):
    from kyodo_kb.tooling.project import PROJECT_ROOT as ROOT
    assert not (ROOT / "docs" / "checklists").exists() and not (ROOT / "docs" / "ordinances").exists()


def test_build_fails_with_the_located_message_on_a_data_error(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "checklists" / "kyodo-gensoku.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("市民活動推進条例第9条第2項", "市民活動推進条例第9条第7項"), encoding="utf-8")
    result = run_mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "checklists/kyodo-gensoku.yml:" in output and "第9条第7項は収録されていません" in output
    assert "Traceback" not in output


def test_strict_build_fails_on_a_broken_anchor(tmp_path):
    project = copy_project(tmp_path / "project")
    index = project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n[壊れたリンク](ordinances/jichi-kihon.md#art99)\n", encoding="utf-8")
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "art99" in result.stdout + result.stderr
