"""Consistency checks of the content (warnings for editors, not data errors).

Rules, each a function over plain records that returns `ContentWarning`s:
- `question_form`: a check question should end in 「か」 (it is answered with はい / いいえ).
- `unknown_tags`: a tag outside data/tags.yml, with the nearest known tag suggested.
- `similar_checks`: the same or nearly the same check question twice (difflib ratio >= 0.9).
- `placeholders`: text still reading 「要記入」 (left by `make new-checklist`).
- `layout_spaces`: spaces put between the characters of a Japanese word to spread it out
  (「氏　名」); a screen reader reads the characters one by one (WCAG failure F32).
- `vague_link_text`: a link whose text says nothing out of context (「こちら」「ここをクリック」):
  link lists of screen readers show the text alone (WCAG 2.4.4).
- `notation`: a written form that data/hyoki.yml replaces, with the expected form (表記).
- `basis_amended`: a caution whose basis (or the 条・項 above it, the 号 below it) got an amendment
  after the caution was last reviewed (`basis_reviewed`); the page shows 「内容を確認中」 meanwhile.
- `stale_questions`: a training self-check question whose caution or cited provisions changed
  after it was written (its recorded fingerprint differs from the current content).

`similar_checks` compares only pairs whose lengths allow a ratio of 0.9 (sorted by length, a
window of lengths within x1.23), then the cheap upper bounds `real_quick_ratio`/`quick_ratio`,
then `ratio`. Worst case is still quadratic (all questions of the same length), but a few hundred
questions take well under a second; scripts/bench_lint_content.py measures it.
"""
from __future__ import annotations

from dataclasses import dataclass
import difflib
import re
import unicodedata

from kyodo_kb.sources import rules
from kyodo_kb.formats.notation import find_variants
from kyodo_kb.sources.errors import SourceLocation

SIMILARITY = 0.9
PLACEHOLDER = "要記入"
_QUESTION_ENDINGS = ("か",)
_TRAILING = " 　?？。"


@dataclass(frozen=True, order=True)
class ContentWarning:
    location: SourceLocation
    message: str
    rule: str  # a LINT_ constant of kyodo_kb.sources.rules

    def __str__(self) -> str:
        return f"{self.location}: 警告: {self.message} [{self.rule}]"


@dataclass(frozen=True)
class LintText:
    """One text field of the content with where it is written."""
    path: str
    line: int
    label: str  # key path, e.g. items[3].check
    text: str


@dataclass(frozen=True)
class LintItem:
    path: str
    line: int
    key: str  # e.g. items[3]
    id: str
    check: LintText
    basis_count: int
    tags: tuple  # of (tag, line)


def question_form(items: list[LintItem]) -> list[ContentWarning]:
    warnings = []
    for item in items:
        text = item.check.text.strip()
        if not text.rstrip(_TRAILING).endswith(_QUESTION_ENDINGS):
            warnings.append(ContentWarning(SourceLocation(item.path, item.check.line),
                                    f"{item.check.label}（{item.id}）: 確認の問いは「…しているか」のように「か」で終わる形にしてください（「{text}」）",
                                           rules.LINT_QUESTION_FORM))
    return warnings


def nearest_tag(tag: str, known: list[str]) -> str | None:
    # Tags are short Japanese words: a lower cutoff than for keys, but only one suggestion.
    matches = difflib.get_close_matches(tag, known, n=1, cutoff=0.5)
    if matches:
        return matches[0]
    containing = [k for k in known if tag in k or k in tag]
    return min(containing, key=len) if containing else None


def unknown_tags(items: list[LintItem], known: list[str], tag_list_path: str) -> list[ContentWarning]:
    known_set = set(known)
    warnings = []
    for item in items:
        for tag, line in item.tags:
            if tag in known_set:
                continue
            guess = nearest_tag(tag, known)
            hint = f"（もしかして: {guess}）" if guess else ""
            warnings.append(ContentWarning(SourceLocation(item.path, line),
                                    f"{item.key}.tags（{item.id}）: タグ「{tag}」は {tag_list_path} にありません{hint}。"
                                    f"一覧のタグを使うか、新しいタグなら {tag_list_path} に追加してください", rules.LINT_UNKNOWN_TAG))
    return warnings


def normalize(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).rstrip("?？。")


def similar_checks(items: list[LintItem], threshold: float = SIMILARITY) -> list[ContentWarning]:
    entries = sorted(((normalize(item.check.text), item) for item in items), key=lambda e: len(e[0]))
    warnings = []
    for i, (text_a, item_a) in enumerate(entries):
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(text_a)  # SequenceMatcher caches details about the second sequence
        for text_b, item_b in entries[i + 1:]:
            if len(text_a) + len(text_b) and 2 * len(text_a) / (len(text_a) + len(text_b)) < threshold:
                break  # sorted by length: every later text is longer still
            matcher.set_seq1(text_b)
            if text_a != text_b and (matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold
                                     or matcher.ratio() < threshold):
                continue
            what = "同じ" if text_a == text_b else "よく似た"
            for this, other in ((item_a, item_b), (item_b, item_a)):
                warnings.append(ContentWarning(SourceLocation(this.path, this.check.line),
                                        f"{this.check.label}（{this.id}）: {other.path}:{other.check.line}（{other.id}）と{what}問いです。"
                                        "まとめるか、違いが分かるように書き分けてください", rules.LINT_SIMILAR_CHECK))
    return warnings


def placeholders(texts: list[LintText]) -> list[ContentWarning]:
    return [ContentWarning(SourceLocation(t.path, t.line), f"{t.label}: 「{PLACEHOLDER}」のままです。内容を書いてください",
                           rules.LINT_PLACEHOLDER)
            for t in texts if PLACEHOLDER in t.text]


# Han, kana and the iteration marks: one character each side of a space.
_CJK = "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3006]"
_CJK_START = f"(?<!{_CJK})"
# Single Japanese characters separated by spaces (ASCII or U+3000), at least two: 「氏 名」「申 請 書」.
# A word next to a word (「茅ヶ崎市 協働」) is not matched: each part but the last is one character.
_KANJI_KATAKANA = "[\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3006]"
# The first character stands alone (not after a digit or letter: 「第1条 市民」 is a number and a
# word); the last may be followed by a particle in hiragana (「氏　名を」), not by more of a word.
_LAYOUT_SPACES = re.compile(
    rf"(?<![0-9０-９A-Za-zＡ-Ｚａ-ｚ]){_CJK_START}{_CJK}(?:[ \u3000]+{_CJK}(?=[ \u3000]))*[ \u3000]+{_CJK}(?!{_KANJI_KATAKANA})")
_CODE_SPAN = re.compile(r"`[^`]*`")
_LINK_TEXT = re.compile(r"(?<!!)\[([^\]]+)\]\(")
_HTML_LINK_TEXT = re.compile(r"<a\b[^>]*>(.*?)</a>", re.IGNORECASE)
VAGUE_LINK_TEXTS = frozenset({
    "こちら", "ここ", "これ", "こちらから", "こちらをクリック", "ここをクリック", "こちらをクリックしてください",
    "ここをクリックしてください", "クリック", "詳しくはこちら", "詳細はこちら", "詳細", "詳しく", "リンク",
    "このリンク", "click here", "here", "more", "link",
})


def layout_spaces(texts: list[LintText]) -> list[ContentWarning]:
    warnings = []
    for t in texts:
        for match in _LAYOUT_SPACES.finditer(_CODE_SPAN.sub("\u2022", t.text)):  # code is not prose
            joined = re.sub(r"[ \u3000]+", "", match.group())
            warnings.append(ContentWarning(
                SourceLocation(t.path, t.line),
                f"{t.label}: 「{match.group()}」は文字の間に空白があります。見た目をそろえるための空白は読み上げで"
                f"1字ずつ読まれるため、「{joined}」と詰めて書いてください（幅は表やレイアウトでそろえます）",
                rules.LINT_LAYOUT_SPACE))
    return warnings


def vague_link_text(texts: list[LintText]) -> list[ContentWarning]:
    warnings = []
    for t in texts:
        text = _CODE_SPAN.sub("", t.text)
        for match in list(_LINK_TEXT.finditer(text)) + list(_HTML_LINK_TEXT.finditer(text)):
            label = re.sub(r"<[^>]+>|[*_]", "", match.group(1)).strip()
            if label.lower().rstrip("。.!！") in VAGUE_LINK_TEXTS:
                warnings.append(ContentWarning(
                    SourceLocation(t.path, t.line),
                    f"{t.label}: リンクの文字「{label}」だけでは行き先が分かりません。読み上げのリンク一覧では"
                    "リンクの文字だけが読まれるため、行き先の名前をリンクにしてください（例: 「[協働の形態を選ぶ](…)」）",
                    rules.LINT_VAGUE_LINK_TEXT))
    return warnings


def markdown_texts(path: str, text: str) -> list[LintText]:
    """The lines of a Markdown page outside fenced code blocks, each as a text to check."""
    texts, fence = [], None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip()
        marker = stripped[:3]
        if marker in ("```", "~~~"):
            fence = None if fence == marker else (fence or marker)
            continue
        if fence is None and stripped:
            texts.append(LintText(path, number, "本文", line))
    return texts
def notation(texts: list[LintText], notation_rules: list) -> list[ContentWarning]:
    """表記: each form a rule replaces, at its own line (a text's `line` is its first line)."""
    warnings = []
    for t in texts:
        for offset, pattern, rule in find_variants(t.text, notation_rules):
            line = t.line + t.text.count("\n", 0, offset)
            warnings.append(ContentWarning(SourceLocation(t.path, line),
                                           f"{t.label}: 表記「{pattern}」は「{rule.expected}」にそろえてください（data/hyoki.yml）",
                                           rules.LINT_NOTATION))
    return warnings


def stale_questions(kb) -> list[ContentWarning]:
    """Self-check questions whose caution or cited provisions changed after the question was
    written: the fingerprint recorded with the question no longer matches the content."""
    from kyodo_kb.formats.training import caution_fingerprint, provisions_fingerprint

    warnings = []
    for training in kb.training_paths:
        for index, question in enumerate(training.questions, start=1):
            found = kb.caution(question.caution)
            if found is None:
                continue
            current = (f"{caution_fingerprint(found[1])}-"
                       f"{provisions_fingerprint(kb.ordinances, [c.ref for c in question.basis])}")
            if current == question.fingerprint:
                continue
            recorded_caution, _, recorded_provisions = question.fingerprint.partition("-")
            changed = []
            if recorded_caution != current[:8]:
                changed.append(f"留意事項 {question.caution}")
            if recorded_provisions != current[9:]:
                changed.append("根拠の規定（" + "、".join(c.ref.label for c in question.basis) + "）")
            warnings.append(ContentWarning(
                SourceLocation(training.path, question.fingerprint_line),
                f"questions[{index}].fingerprint（{question.id}）: 問いを書いた後に{'・'.join(changed)}が変わりました。"
                f"問い・選択肢・解説が今の内容に合っているかを見直し、fingerprint を {current} に書き換えてください",
                rules.LINT_STALE_QUESTION))
    return warnings


def basis_amended(kb) -> list[ContentWarning]:
    """Cautions not yet reviewed against an amendment of their basis (formats/amendments.py)."""
    from kyodo_kb.render.wareki import format_wareki

    warnings = []
    for checklist in kb.checklists:
        for item in checklist.items:
            pending = kb.pending_amendments.get(item.id)
            if not pending:
                continue
            newest = max(a.version.in_force for a in pending)
            amended = "、".join(f"{a.label}（{format_wareki(a.version.in_force)}施行）" for a in pending)
            warnings.append(ContentWarning(
                SourceLocation(checklist.path, item.line),
                f"items[{item.index}]（{item.id}）: 根拠の規定が改正されました: {amended}。留意事項を改正後の規定に照らして見直し、"
                f"「basis_reviewed: {newest.isoformat()}」を書いてください（それまでページに「内容を確認中」と表示します）",
                rules.LINT_BASIS_AMENDED))
    return warnings
