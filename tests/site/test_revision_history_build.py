"""Built pages carry their last-updated date (和暦と西暦) from git, and the 改定履歴 page exists."""
import datetime
import re
import subprocess

import pytest

from kyodo_kb.tooling.project import PROJECT_ROOT as ROOT, copy_project, run_mkdocs_build
from kyodo_kb.render.wareki import format_both


def git_date(path: str):
    result = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%cs", "--", path], capture_output=True, text=True)
    if result.returncode != 0 or not result.stdout.strip():
        pytest.skip("git history is not available")
    return datetime.date.fromisoformat(result.stdout.strip())


@pytest.mark.parametrize("page, source", [
    ("index.html", "docs/index.md"),
    ("checklists/kyodo-gensoku/index.html", "checklists/kyodo-gensoku.yml"),
    ("ordinances/shimin-katsudo/index.html", "ordinances/shimin-katsudo.yml"),
    ("changelog/index.html", "data/changelog.yml"),
])
def test_each_page_shows_the_date_of_its_source_file_in_wareki_and_seireki(built_site, page, source):
    html = (built_site / page).read_text(encoding="utf-8")
    assert f"最終更新日 {format_both(git_date(source))}" in html


def test_the_changelog_page_lists_the_revisions(built_site):
    html = (built_site / "changelog" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in html and "改定履歴" in html and "令和" in html and "版" in html


def test_without_git_history_pages_have_no_date_and_the_build_still_succeeds(tmp_path):
    project = copy_project(tmp_path / "project")  # copied without .git
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "最終更新日" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_a_changelog_mistake_fails_the_build_with_its_located_message(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "changelog.yml"
    text = path.read_text(encoding="utf-8")
    newest = re.search(r"(?m)^  - date: (\d{4})-(\d{2})-(\d{2})$", text)  # revisions[1], the newest entry
    line = text[:newest.start()].count("\n") + 1
    path.write_text(text[:newest.start()] + "  - date: " + "/".join(newest.groups()) + text[newest.end():], encoding="utf-8")
    result = run_mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert f"data/changelog.yml:{line}: revisions[1].date: 日付を「2026-11-27」のように" in output and "Traceback" not in output


def test_generated_sources_cover_pages_indexes_diagrams_and_the_steps_of_a_flow():
    from types import SimpleNamespace

    from kyodo_kb.render.all_pages import generated_sources
    kb = SimpleNamespace(
        checklists=[SimpleNamespace(page_src="checklists/a.md", path="checklists/a.yml"),
                     SimpleNamespace(page_src="checklists/b.md", path="checklists/b.yml")],
        flows=[SimpleNamespace(page_src="chooser/k/index.md", diagram_src="flows/k.md", path="flows/k.yml")],
        citing_items={})
    sources, folders = generated_sources(kb)
    assert sources["checklists/index.md"] == ["checklists/a.yml", "checklists/b.yml"]
    assert sources["checklists/a.md"] == ["checklists/a.yml"] and sources["flows/k.md"] == ["flows/k.yml"]
    assert folders == {"chooser/k/": "flows/k.yml"}
