"""The print glue in a full build: every checklist page gets its title block, controls and
sign-off block, a CSV beside it, and a bad changelog date fails with a located message."""
import csv
import io

from kyodo_kb.tooling.project import PROJECT_ROOT as ROOT, copy_project, run_mkdocs_build
from kyodo_kb.knowledge_base import load_knowledge_base


def test_every_checklist_page_has_the_print_blocks_and_a_csv_beside_it(built_site):
    for checklist in load_knowledge_base(ROOT).checklists:
        folder = built_site / "checklists" / checklist.id
        html = (folder / "index.html").read_text(encoding="utf-8")
        for part in ['class="kb-print-header"', 'class="kb-print-controls"', 'class="kb-signoff"',
                     f'href="{checklist.id}.csv"', f'href="{checklist.id}.pdf"']:
            assert part in html, (checklist.id, part)
        rows = list(csv.reader(io.StringIO((folder / f"{checklist.id}.csv").read_bytes().decode("utf-8-sig"), newline="")))
        assert [row[1] for row in rows[1:]] == [item.id for item in checklist.items]


def test_ordinary_pages_get_no_print_blocks(built_site):
    assert "kb-signoff" not in (built_site / "index.html").read_text(encoding="utf-8")
    assert "kb-signoff" not in (built_site / "ordinances/jichi-kihon/index.html").read_text(encoding="utf-8")


def test_build_fails_with_a_located_message_on_a_bad_changelog_date(tmp_path):
    project = copy_project(tmp_path / "project")
    changelog = project / "data" / "changelog.yml"
    text = changelog.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.strip().startswith("- date:"))
    changelog.write_text(text.replace("  - date: 20", "  - date: 令和", 1), encoding="utf-8")
    result = run_mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert f"data/changelog.yml:{line}: revisions[1].date: 日付を「2026-11-27」のように西暦の年-月-日で書いてください" in output
    assert "Traceback" not in output


def test_search_does_not_find_the_print_blocks(built_site):
    import json
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = [doc["text"] for doc in index["docs"] if doc["location"].startswith("checklists/")]
    assert texts
    for word in ["回答を入れて", "空欄の CSV", "PDFをダウンロード", "改訂日", "上長確認", "このページ:"]:
        assert not any(word in text for text in texts), word
