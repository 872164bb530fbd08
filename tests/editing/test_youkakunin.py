"""The 要確認 register (kyodo_kb.editing.youkakunin): every open 要確認 of the checklists and the
guideline pages, where it is, what to confirm and the likely 所管; the count is in the title."""
from __future__ import annotations

import re

from kyodo_kb.editing.youkakunin import PAGE_SRC, from_checklists, from_flows, from_pages, render_register
from kyodo_kb.knowledge_base import load_knowledge_base

from support import FIXTURES, ROOT, make_project

PAGE = """# 協働の形態と選び方

## 後援 {#koen}

茅ヶ崎市の後援の基準は要確認です。

| 形態 | 責任 |
| --- | --- |
| 共催 | 要確認 |

この一覧では「要確認」という印を使います。

```yaml
caution: 保険の扱いは要確認です。
```
"""


def test_each_marked_line_of_a_page_is_an_entry_with_its_heading_and_a_guessed_section():
    entries = from_pages({"guideline/keitai.md": PAGE, "editing/checklists.md": "要確認の書き方です。"})
    assert [(e.file, e.line, e.where, e.anchor, e.shokan, e.guessed) for e in entries] == [
        ("docs/guideline/keitai.md", 5, "協働の形態と選び方「後援」", "koen", "後援名義の所管課", True),
        ("docs/guideline/keitai.md", 9, "協働の形態と選び方「後援」", "koen", "共催の所管課", True),
    ]
    assert entries[0].confirm == "茅ヶ崎市の後援の基準は要確認です。"


def test_a_caution_s_youkakunin_source_is_an_entry_with_the_editors_words(tmp_path):
    project = make_project(tmp_path, {"sources.yml": (FIXTURES / "valid" / "sources.yml").read_bytes()})
    entries = from_checklists(load_knowledge_base(project).checklists)
    assert [(e.where, e.page_src, e.anchor, e.confirm, e.shokan, e.guessed, e.file, e.line) for e in entries] == [
        ("出典の種類をすべて使うチェックリスト SO-02", "checklists/sources.md", "SO-02", "茅ヶ崎市の後援の基準",
         "後援名義の所管課", False, "checklists/sources.yml", 19)]


def test_the_register_page_counts_its_entries_in_its_title_and_links_each_place():
    entries = from_pages({"guideline/keitai.md": PAGE})
    page = render_register(entries)
    assert "title: 要確認の一覧（2件）" in page and "# 要確認の一覧（2件）" in page
    assert "| 1 | [協働の形態と選び方「後援」](../guideline/keitai.md#koen) | 茅ヶ崎市の後援の基準は要確認です。 | 後援名義の所管課（推定） |" in page
    assert "# 要確認の一覧（0件）" in render_register([])


def test_every_youkakunin_on_the_site_is_in_the_built_register(built_site):
    kb = load_knowledge_base(ROOT)
    pages = {p.relative_to(ROOT / "docs").as_posix(): p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md")}
    expected = len(from_checklists(kb.checklists)) + len(from_flows(kb.flows)) + len(from_pages(pages))
    html = (built_site / "editing" / "youkakunin" / "index.html").read_text(encoding="utf-8")
    assert re.search(rf"<title>要確認の一覧（{expected}件）", html)
    cautions_marked = sum(1 for c in kb.checklists for i in c.items if "要確認" in i.caution)
    assert len(from_checklists(kb.checklists)) >= cautions_marked > 0
    assert html.count("<tr>") == expected + 1


def test_a_flow_text_that_marks_youkakunin_is_an_entry_on_the_editors_diagram():
    kb = load_knowledge_base(ROOT)
    entries = from_flows(kb.flows)
    assert entries and all(e.page_src == "flows/keitai.md" and e.file == "flows/keitai.yml" for e in entries)
    assert any(e.where == "協働の形態を選ぶ「後援」" and e.shokan == "後援名義の所管課" for e in entries)
