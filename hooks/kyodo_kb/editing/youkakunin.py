"""The 要確認 register: every statement of the site not confirmed yet, where it is, what must be
confirmed and the section likely to know (所管（見込み）). Printed, it is the editors' to-do list.

Where the entries come from:
- a caution's `sources` entry of kind youkakunin (checklists/*.yml), and a paperwork row's or
  suggestion's (paperwork/*.yml): what to confirm and the 所管 are written by the editor;
- a training question whose explanation repeats a caution's 要確認: the caution's youkakunin source;
- a text of a question flow, a paperwork sheet's own texts (intro, kakunin, scale, disclosure), a
  line of a guideline page (docs/**/*.md, except the 編集ガイド itself) and a hover definition
  (includes/abbreviations.md) that mark 要確認: what to confirm is the text, and the 所管 is
  guessed from its words (LIKELY_SECTIONS, the one table of guesses).
A quoted 「要確認」 (the word talked about, not a mark) does not count. The label of the column,
所管（見込み）, is provenance.SHOKAN_LABEL, the same words the 出典 line of a caution uses.
"""
from __future__ import annotations

from dataclasses import dataclass
import re

from kyodo_kb.formats.provenance import SHOKAN_LABEL
from kyodo_kb.render.pages import escape_text, relative_link

PAGE_SRC = "editing/youkakunin.md"
GLOSSARY_SRC = "guideline/yogoshu.md"
ABBREVIATIONS_PATH = "includes/abbreviations.md"
# Pages that talk about the mark rather than use it, and generated pages.
SKIPPED_PREFIXES = ("editing/", "checklists/", "ordinances/", "chooser/", "flows/", "tags/", "maintainers/",
                    "paperwork/", "training/")
# words of a marked text -> the section likely to confirm it (first match wins)
LIKELY_SECTIONS = (
    (("契約", "委託", "入札"), "契約の担当"),
    (("後援",), "後援名義の所管課"),
    (("共催",), "共催の所管課"),
    (("保険", "事故"), "保険の担当"),
    (("個人情報", "名簿"), "個人情報保護の担当"),
    (("予算", "財政"), "財政の担当"),
    (("サポートセンター", "サポセン"), "市民自治推進課（サポートセンターの所管）"),
    (("げんき基金", "補助"), "市民自治推進課（げんき基金の所管）"),
    (("研修",), "職員研修の担当"),
)
DEFAULT_SECTION = "市民自治推進課（協働推進担当）"
GUESSED_MARK = "＊"
KIND_LABELS = {"checklist": "チェックリスト", "paperwork": "書式", "training": "研修", "flow": "質問の流れ",
               "ordinance": "条例のページ", "page": "ページ", "abbreviation": "用語のポップアップ"}
# The ordinance pages say 要確認 when the date up to which amendments were checked is not recorded
# (render.pages.render_as_of): the 例規集 is kept by the section in charge of legal documents.
ORDINANCE_CONFIRM = "例規集で改正を確かめた日（反映している改正の時点）。確かめたら amendments_checked に書く"
ORDINANCE_SECTION = "例規集の担当（文書法制）"
MARK = re.compile(r"(?<!「)要確認(?!」|の一覧)")
_MARK = MARK  # the name earlier code used
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{\s*#(?P<anchor>[\w-]+)[^}]*\})?\s*$")
_MARKUP = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*_`>|]|<[^>]+>|\{[^}]*\}")
_ABBREVIATION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<text>.*)$")


@dataclass(frozen=True)
class RegisterEntry:
    where: str  # page title, and the item id or section heading
    page_src: str  # the page (virtual or in docs/) that shows the mark
    anchor: str | None
    confirm: str  # what must be confirmed
    shokan: str  # the section likely to confirm it
    guessed: bool  # shokan guessed from the words of the text
    file: str  # file:line where editors change it
    line: int
    kind: str = "page"  # a key of KIND_LABELS
    marked: str = ""  # the words that carry the mark on the page (plain text)


def likely_section(text: str) -> str:
    return next((section for words, section in LIKELY_SECTIONS if any(w in text for w in words)), DEFAULT_SECTION)


def plain(line: str) -> str:
    """The words of a Markdown line, without links' targets, emphasis or table bars."""
    text = _MARKUP.sub(lambda m: m.group(1) or " ", line)
    return re.sub(r"\s+", " ", text).strip(" -:")


def _guessed(where, page_src, anchor, text, file, line, kind) -> RegisterEntry:
    words = plain(text)
    return RegisterEntry(where, page_src, anchor, words, likely_section(words), True, file, line, kind, words)


def from_checklists(checklists) -> list[RegisterEntry]:
    """The youkakunin sources of the cautions, and the lines of a checklist's summary that mark
    要確認 (guessed; a summary has no sources)."""
    entries = []
    for checklist in checklists:
        for offset, line in enumerate((checklist.summary or "").splitlines()):
            if MARK.search(line) and checklist.summary_line:
                entries.append(_guessed(checklist.title, checklist.page_src, None, line, checklist.path,
                                        checklist.summary_line + 1 + offset, "checklist"))
        for item in checklist.items:
            for source in item.sources:
                if source.kind == "youkakunin":
                    entries.append(RegisterEntry(f"{checklist.title} {item.id}", checklist.page_src, item.id,
                                                 source.confirm, source.shokan, False, checklist.path, source.line,
                                                 "checklist", plain(item.caution)))
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
            if text and MARK.search(text):
                entries.append(_guessed(where, flow.diagram_src, None, text, flow.path, line, "flow"))
    return entries


_PAPERWORK_ANCHORS = {"role-table": "row-{}", "agreement": "{}", "evaluation": "crit-{}"}


def _entry_words(entry) -> str:
    words = [entry.name, getattr(entry, "question", "") or "", *getattr(entry, "questions", ()),
             getattr(entry, "note", None) or "", getattr(entry, "kakunin", None) or ""]
    words += [note.note for note in getattr(entry, "form_notes", ())]
    return plain(" ".join(words))


def from_paperwork(sheets) -> list[RegisterEntry]:
    """A sheet's own texts that mark 要確認 (guessed, line by line), and the youkakunin sources of
    its rows, matters and criteria (and of the role table's suggestions)."""
    entries = []
    for sheet in sheets:
        for name, key_line in sheet.text_lines:
            text = getattr(sheet, name) or ""
            for offset, line in enumerate(text.splitlines()):
                if MARK.search(line):
                    entries.append(_guessed(sheet.title, sheet.page_src, None, line, sheet.path, key_line + 1 + offset,
                                            "paperwork"))
        for entry in sheet.entries:
            sources = [*entry.sources, *(s.source for s in getattr(entry, "suggestions", ()))]
            for source in sources:
                if source.kind == "youkakunin":
                    entries.append(RegisterEntry(f"{sheet.title}「{entry.name}」", sheet.page_src,
                                                 _PAPERWORK_ANCHORS[sheet.kind].format(entry.id), source.confirm,
                                                 source.shokan, False, sheet.path, source.line, "paperwork",
                                                 _entry_words(entry)))
    return entries


def from_training(training_paths, caution_of) -> list[RegisterEntry]:
    """Self-check questions whose explanation marks 要確認: what to confirm and the 所管 are those of
    the caution the question is about (`caution_of(id)` -> (checklist, item) or None)."""
    from kyodo_kb.render.training_pages import question_anchor

    entries = []
    for training in training_paths:
        for question in training.questions:
            if not MARK.search(question.explanation):
                continue
            found = caution_of(question.caution)
            source = next((s for s in found[1].sources if s.kind == "youkakunin"), None) if found else None
            where = f"{training.title} {question.id}"
            if source is None:
                entries.append(_guessed(where, training.page_src, question_anchor(question.id), question.explanation,
                                        training.path, question.line, "training"))
            else:
                entries.append(RegisterEntry(where, training.page_src, question_anchor(question.id), source.confirm,
                                             source.shokan, False, training.path, question.line, "training",
                                             plain(question.explanation)))
    return entries


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
            if fenced or not MARK.search(line):
                continue
            where = title if heading in (None, title) else f"{title}「{heading}」"
            entries.append(_guessed(where, src, anchor, line, f"{docs_dir}/{src}", number, "page"))
    return entries


def from_abbreviations(text: str | None) -> list[RegisterEntry]:
    """Hover definitions (shown on every page where the term is used) that mark 要確認; the entry
    links to the glossary, where the full entry is."""
    entries = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        match = _ABBREVIATION.match(line)
        if match and MARK.search(match.group("text")):
            text = plain(match.group("text"))
            entries.append(RegisterEntry(f"用語のポップアップ「{match.group('term')}」", GLOSSARY_SRC, None, text,
                                         likely_section(match.group("term") + text), True, ABBREVIATIONS_PATH, number,
                                         "abbreviation", text))
    return entries


def from_ordinances(ordinances) -> list[RegisterEntry]:
    """Ordinance pages whose amendments were not checked against the 例規集 (no amendments_checked)."""
    return [RegisterEntry(ordinance.title, ordinance.page_src, None, ORDINANCE_CONFIRM, ORDINANCE_SECTION, False,
                          ordinance.path, 1, "ordinance", "反映している改正の時点: 要確認（例規集で改正を確かめた日が記録されていません）")
            for ordinance in ordinances if ordinance.amendments_checked is None]


def collect(kb, pages: dict, abbreviations: str | None) -> list[RegisterEntry]:
    """Every entry of the site: the knowledge base's (None while serving with data errors), then
    the pages' and the hover definitions'."""
    entries = []
    if kb is not None:
        entries += from_checklists(kb.checklists) + from_paperwork(kb.paperwork)
        entries += from_training(kb.training_paths, kb.caution) + from_flows(kb.flows) + from_ordinances(kb.ordinances)
    return entries + from_pages(pages) + from_abbreviations(abbreviations)


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
    lines += [f"| 番号 | 場所 | 確かめること | 確かめる先（{SHOKAN_LABEL}） | 直すファイル | 確認済み |",
              "| ---: | --- | --- | --- | --- | :---: |"]
    for number, entry in enumerate(entries, start=1):
        link = relative_link(PAGE_SRC, entry.page_src, entry.anchor)
        shokan = escape_text(entry.shokan) + (GUESSED_MARK if entry.guessed else "")
        lines.append(f"| {number} | [{escape_text(entry.where)}]({link}) | {escape_text(entry.confirm)} | {shokan} | "
                     f"`{entry.file}:{entry.line}` | ☐ |")
    lines += ["", "{ .kb-youkakunin }", "",
              f"{SHOKAN_LABEL}は、確かめる先として見込まれる所管です。チェックリスト・書式・研修の項目は編集担当が sources に書いたもの、"
              f"「{GUESSED_MARK}」の付いたものは、ページや質問の流れの文の言葉から推定したものです。", ""]
    return "\n".join(lines)


def summary_line(entries: list[RegisterEntry]) -> str:
    counts = "、".join(f"{label} {sum(1 for e in entries if e.kind == kind)} 件" for kind, label in KIND_LABELS.items()
                      if any(e.kind == kind for e in entries))
    return (f"要確認: {len(entries)} 件（{counts}）。"
            "一覧: 編集ガイドの「要確認の一覧」（editing/youkakunin/）")
