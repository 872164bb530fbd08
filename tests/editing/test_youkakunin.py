"""The 要確認 register (kyodo_kb.editing.youkakunin): every open 要確認 of the checklists and the
guideline pages, where it is, what to confirm and the likely 所管; the count is in the title."""
from __future__ import annotations

import html
import re

from kyodo_kb.editing import youkakunin
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
    assert "| 1 | [協働の形態と選び方「後援」](../guideline/keitai.md#koen) | 茅ヶ崎市の後援の基準は要確認です。 | 後援名義の所管課＊ |" in page
    assert "# 要確認の一覧（0件）" in render_register([])


def test_every_youkakunin_on_the_site_is_in_the_built_register(built_site):
    kb = load_knowledge_base(ROOT)
    pages = {p.relative_to(ROOT / "docs").as_posix(): p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md")}
    expected = len(youkakunin.collect(kb, pages, (ROOT / youkakunin.ABBREVIATIONS_PATH).read_text(encoding="utf-8")))
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


# Pages for editors (the register itself, the guide, the flow diagrams) talk about the mark; the
# editions page quotes earlier wordings; the accessibility results mark manual tests not done yet
# (data/a11y-results.json, their own to-do list), not statements of the guideline.
_EDITORS = ("editing/", "maintainers/", "flows/", "editions/", "accessibility/")
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
# Lines derived from a source already counted: a caution's or a paperwork row's 出典 line.
# Labels of a box (the paperwork's 「要確認」 box) are not marks of their own.
_DERIVED = re.compile(r'<p class="kb-sources">.*?</p>|<li>出典: .*?</li>|<strong>要確認</strong>', re.S)
_BLOCK_END = re.compile(r"</(?:p|li|td|th|h[1-6]|dd|dt|div|summary|caption)>|<br\s*/?>")
_TAG = re.compile(r"<[^>]+>")
_ABBR = re.compile(r'<abbr title="([^"]*)"')


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", html.unescape(text))


def marked_sentences(page_html: str) -> set:
    """Each 要確認 mark of a page's content and hover definitions, as the words of its sentence up
    to the mark (what a reader sees next to it)."""
    found = set()
    match = _ARTICLE.search(page_html)
    body = _DERIVED.sub(" ", match.group(1)) if match else ""
    text = html.unescape(_TAG.sub("", _BLOCK_END.sub("\n", body)))
    texts = text.splitlines() + [html.unescape(title) for title in _ABBR.findall(page_html)]
    for line in texts:
        for mark in youkakunin.MARK.finditer(line):
            start = max(line.rfind(stop, 0, mark.start()) for stop in ("。", "：", ":")) + 1
            found.add(_squash(line[start:mark.end()]))
    return found


def test_every_youkakunin_mark_on_the_staff_pages_is_an_entry_of_the_register(built_site):
    """Counts the marks of the built site against the register: a mark on a page that no entry
    explains would be missed by the editors' to-do list."""
    kb = load_knowledge_base(ROOT)
    pages = {p.relative_to(ROOT / "docs").as_posix(): p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md")}
    entries = youkakunin.collect(kb, pages, (ROOT / youkakunin.ABBREVIATIONS_PATH).read_text(encoding="utf-8"))
    marked_words = [_squash(entry.marked) for entry in entries]
    sentences, missed = set(), []
    for path in sorted(built_site.rglob("*.html")):
        src = path.relative_to(built_site).as_posix()
        if src.startswith(_EDITORS) or src == "404.html":
            continue
        for sentence in marked_sentences(path.read_text(encoding="utf-8")):
            sentences.add(sentence)
            if not any(sentence in words for words in marked_words):
                missed.append(f"{src}: {sentence}")
    assert not missed, "要確認の一覧にない「要確認」:\n" + "\n".join(missed)
    # every kind of place that shows a mark has entries, and there is at least one entry per distinct mark text
    assert {e.kind for e in entries} == set(youkakunin.KIND_LABELS)
    assert len(entries) >= len({s for s in sentences if s != "要確認"}) * 0.5 > 0
    html_page = (built_site / "editing" / "youkakunin" / "index.html").read_text(encoding="utf-8")
    assert re.search(rf"<title>要確認の一覧（{len(entries)}件）", html_page)
    assert html_page.count("<tr>") == len(entries) + 1


def test_paperwork_training_and_hover_definitions_are_in_the_register():
    kb = load_knowledge_base(ROOT)
    paperwork = youkakunin.from_paperwork(kb.paperwork)
    assert any(e.where == "協定書に書くこと「責任とリスクの分担」" and e.anchor == "sekinin" and not e.guessed
               and e.shokan == "共催・後援名義の所管課、保険の担当" for e in paperwork)
    assert any(e.where == "協定書に書くこと" and e.guessed and e.file == "paperwork/agreement.yml" for e in paperwork)
    training = youkakunin.from_training(kb.training_paths, kb.caution)
    assert any(e.where.endswith(" m02") and e.anchor == "q-m02" and e.confirm.startswith("茅ヶ崎市で") for e in training)
    hover = youkakunin.from_abbreviations("*[後援]: 基準は要確認\n*[協働]: 定義\n*[共催]: 「要確認」という言葉\n")
    assert [(e.where, e.page_src, e.file, e.line, e.shokan) for e in hover] == [
        ("用語のポップアップ「後援」", "guideline/yogoshu.md", "includes/abbreviations.md", 1, "後援名義の所管課")]
