"""The 編集ガイド's table of accepted citation forms, each resolved against the recorded
ordinances at build time: the table shows what the validator really reads, and a form that
stops resolving is left out of the table (and fails the test that checks every form)."""
from __future__ import annotations

import posixpath

from kyodo_kb.formats.citations import CitationError, CitationResolver
from kyodo_kb.render.pages import escape_text

# (how it is written, what it shows) - every form hooks/citations.py accepts
CITATION_FORMS = (
    ("短い名前＋条・項・号", "市民活動推進条例第9条第1項第4号"),
    ("正式名称（「茅ヶ崎市」から）", "茅ヶ崎市市民活動推進条例第9条第1項第4号"),
    ("「茅ケ崎市」と書いても同じ", "茅ケ崎市市民活動推進条例第9条第2項"),
    ("条だけ", "自治基本条例第26条"),
    ("条と項", "自治基本条例第26条第2項"),
    ("全角数字", "市民活動推進条例第９条第３項"),
    ("漢数字", "自治基本条例第二十六条"),
    ("漢数字（号まで）", "市民活動推進条例第九条第一項第三号"),
    ("途中に空白", "市民活動推進条例 第8条 第6号"),
    ("項が1つだけの条は、項を省ける", "市民活動推進条例第8条第6号"),
    ("省かずに書いても同じ", "市民活動推進条例第8条第1項第6号"),
    ("「第」を省く", "自治基本条例26条2項"),
)


def resolvable_forms(resolver: CitationResolver) -> list[tuple[str, str, object]]:
    forms = []
    for label, text in CITATION_FORMS:
        try:
            forms.append((label, text, resolver.resolve(text)))
        except CitationError:
            continue
    return forms


def render_citation_table(resolver: CitationResolver, page_src: str) -> str:
    lines = ["| 書き方 | basis に書く文字 | サイトでの表示（リンク先） |", "| --- | --- | --- |"]
    for label, text, ref in resolvable_forms(resolver):
        link = posixpath.relpath(ref.page_src, posixpath.dirname(page_src) or ".") + "#" + ref.anchor
        lines.append(f"| {label} | `{text}` | [{escape_text(ref.label)}]({link}) |")
    return "\n".join(lines) + "\n"
