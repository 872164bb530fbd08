"""Consistency checks of the content (warnings for editors, not data errors).

Rules, each a function over plain records that returns `ContentWarning`s:
- `question_form`: a check question should end in 「か」 (it is answered with はい / いいえ).
- `unknown_tags`: a tag outside data/tags.yml, with the nearest known tag suggested.
- `similar_checks`: the same or nearly the same check question twice (difflib ratio >= 0.9).
- `placeholders`: text still reading 「要記入」 (left by `make new-checklist`).
- `notation`: a written form that data/hyoki.yml replaces, with the expected form (表記).
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
