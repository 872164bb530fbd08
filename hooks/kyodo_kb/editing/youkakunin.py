"""The 要確認 register: every statement of the site not confirmed yet, where it is, what must be
confirmed and the section likely to know. Printed, it is the editors' to-do list.

Two kinds of entry:
- a caution's `sources` entry of kind youkakunin (checklists/*.yml): what to confirm and the 所管
  are written by the editor;
- a text of a question flow (flows/*.yml) that marks 要確認, guessed the same way;
- a line of a guideline page (docs/**/*.md, except the 編集ガイド itself) that marks 要確認: what
  to confirm is the line's text, and the 所管 is guessed from its words (LIKELY_SECTIONS) and shown
  as a guess. A quoted 「要確認」 (the word talked about, not a mark) does not count.
"""
from __future__ import annotations

from dataclasses import dataclass
import re

from kyodo_kb.formats.provenance import YOUKAKUNIN
from kyodo_kb.render.pages import escape_text, relative_link

PAGE_SRC = "editing/youkakunin.md"
# Pages that talk about the mark rather than use it, and generated pages.
SKIPPED_PREFIXES = ("editing/", "checklists/", "ordinances/", "chooser/", "flows/", "tags/", "maintainers/")
# words of a marked line -> the section likely to confirm it (first match wins)
LIKELY_SECTIONS = (
    (("契約", "委託", "入札"), "契約の担当"),
    (("後援",), "後援名義の所管課"),
    (("共催",), "共催の所管課"),
    (("保険", "事故"), "保険の担当"),
    (("個人情報", "名簿"), "個人情報保護の担当"),
    (("予算", "財政"), "財政の担当"),
    (("げんき基金", "補助"), "市民自治推進課（げんき基金の所管）"),
    (("サポートセンター", "サポセン"), "市民自治推進課（サポートセンターの所管）"),
    (("研修",), "職員研修の担当"),
)
DEFAULT_SECTION = "市民自治推進課（協働推進担当）"
_MARK = re.compile(r"(?<!「)要確認(?!」)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{\s*#(?P<anchor>[\w-]+)[^}]*\})?\s*$")
_MARKUP = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*_`>|]|<[^>]+>|\{[^}]*\}")


@dataclass(frozen=True)
class RegisterEntry:
    where: str  # page title, and the item id or section heading
    page_src: str  # the page (virtual or in docs/) that shows the mark
    anchor: str | None
    confirm: str  # what must be confirmed
    shokan: str  # the section likely to confirm it
    guessed: bool  # shokan guessed from the words of the line
    file: str  # file:line where editors change it
    line: int


def from_checklists(checklists) -> list[RegisterEntry]:
    entries = []
    for checklist in checklists:
        for item in checklist.items:
            for source in item.sources:
                if source.kind == "youkakunin":
                    entries.append(RegisterEntry(f"{checklist.title} {item.id}", checklist.page_src, item.id,
                                                 source.confirm, source.shokan, False, checklist.path, source.line))
    return entries


def from_flows(flows) -> list[RegisterEntry]:
    """The texts of the question flows (intro, help, outcome summaries) that mark 要確認; the
    editors' diagram page (flows/<id>/) shows every node, so the entry links there."""
    entries = []
    for flow in flows:
        texts = [(flow.title, flow.intro, flow.line)]
        texts += [(f"{flow.title}「{q.question}」", q.help, q.line) for q in flow.questions]
        texts += [(f"{flow.title}「{o.title}」", o.summary, o.line) for o in flow.outcomes]
        for where, text, line in texts:
            if text and _MARK.search(text):
                words = plain(text)
                entries.append(RegisterEntry(where, flow.diagram_src, None, words, likely_section(words), True, flow.path, line))
    return entries


def likely_section(text: str) -> str:
    return next((section for words, section in LIKELY_SECTIONS if any(w in text for w in words)), DEFAULT_SECTION)


def plain(line: str) -> str:
    """The words of a Markdown line, without links' targets, emphasis or table bars."""
    text = _MARKUP.sub(lambda m: m.group(1) or " ", line)
    return re.sub(r"\s+", " ", text).strip(" -:")


def from_pages(pages: dict, docs_dir: str = "docs") -> list[RegisterEntry]:
    """`pages`: {src_uri: Markdown} of the pages written in docs/."""
    entries = []
    for src, markdown in sorted(pages.items()):
        if src.startswith(SKIPPED_PREFIXES) or src == PAGE_SRC:
            continue
        title, heading, anchor, fenced = src, None, None, False
        for number, line in enumerate(markdown.splitlines(), start=1):
            if line.lstrip().startswith(("```", "~~~")):
                fenced = not fenced
                continue
            match = _HEADING.match(line) if not fenced else None
            if match:
                text = plain(match.group(2))
                if len(match.group(1)) == 1:
                    title = text
                heading, anchor = text, match.group("anchor")
                continue
            if fenced or not _MARK.search(line):
                continue
            text = plain(line)
            where = title if heading in (None, title) else f"{title}「{heading}」"
            entries.append(RegisterEntry(where, src, anchor, text, likely_section(text), True, f"{docs_dir}/{src}", number))
    return entries


def render_register(entries: list[RegisterEntry]) -> str:
    count = len(entries)
    lines = [
        "---",
        f"title: 要確認の一覧（{count}件）",
        "---",
        "",
        f"# 要確認の一覧（{count}件）",
        "",
        "サイトの中で「要確認」と示している内容の一覧です。調査資料（委員会資料と調査メモ）では確かめられなかったため、",
        "所管課に確かめる必要があります。印刷すると、編集担当が所管課に確かめるときの作業の一覧になります。",
        "",
        "確かめたら、その箇所の本文を直し、出典を確かめた資料に書き換えてください（書き方は[チェックリストの書式](checklists.md#sources)）。",
        "直すと、この一覧から消え、件数が減ります。`make lint` も件数を表示します。",
        "",
    ]
    if not entries:
        return "\n".join(lines + ["要確認の箇所はありません。", ""])
    lines += ["| 番号 | 場所 | 確かめること | 確かめる先（所管） | 直すファイル | 確認済み |",
              "| ---: | --- | --- | --- | --- | :---: |"]
    for number, entry in enumerate(entries, start=1):
        link = relative_link(PAGE_SRC, entry.page_src, entry.anchor)
        shokan = escape_text(entry.shokan) + ("（推定）" if entry.guessed else "")
        lines.append(f"| {number} | [{escape_text(entry.where)}]({link}) | {escape_text(entry.confirm)} | {shokan} | "
                     f"`{entry.file}:{entry.line}` | ☐ |")
    lines += ["", "{ .kb-youkakunin }", "",
              "「（推定）」は、ガイドラインのページの文の言葉から推定した所管です。チェックリストの項目は、編集担当が sources に書いた所管です。", ""]
    return "\n".join(lines)


def summary_line(entries: list[RegisterEntry]) -> str:
    in_checklists = sum(1 for e in entries if not e.guessed)
    return (f"要確認: {len(entries)} 件（チェックリスト {in_checklists} 件、ページと質問の流れ {len(entries) - in_checklists} 件）。"
            "一覧: 編集ガイドの「要確認の一覧」（editing/youkakunin/）")
