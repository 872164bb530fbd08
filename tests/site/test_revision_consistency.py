"""The revision printed on every checklist comes from data/changelog.yml alone: its `edition` and
the date of its newest entry. Editors add a changelog entry and change nothing else."""
import datetime

from kyodo_kb.knowledge_base import load_knowledge_base

from support import ROOT, make_project


def test_mkdocs_yml_keeps_no_revision_setting():
    assert "kb_revision" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_printed_revision_is_the_edition_and_the_newest_changelog_date(tmp_path):
    project = make_project(tmp_path, {})
    (project / "data").mkdir()
    (project / "data" / "changelog.yml").write_text(
        "edition: 協働のガイドライン（補強版）\nrevisions:\n"
        '  - date: 2026-04-01\n    version: "1.0"\n    summary: 初版\n'
        '  - date: 2027-01-15\n    version: "1.1"\n    summary: 改定\n', encoding="utf-8")
    revision = load_knowledge_base(project, editions=False).revision  # no data/editions/ in this project
    assert (revision.edition, revision.date) == ("協働のガイドライン（補強版）", datetime.date(2027, 1, 15))


def test_the_built_checklist_prints_the_shipped_revision(built_site):
    kb = load_knowledge_base(ROOT)
    html = (built_site / "checklists" / kb.checklists[0].id / "index.html").read_text(encoding="utf-8")
    newest = kb.changelog.revisions[0].date
    assert f'{kb.changelog.edition}　改訂日 ' in html and f"（{newest.year}年{newest.month}月{newest.day}日）" in html
