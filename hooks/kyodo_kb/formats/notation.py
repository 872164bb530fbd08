"""The 表記 rules (data/hyoki.yml): which written form the site uses for a word, and the forms it
replaces, like the rules of textlint's prh. `make lint` warns at file:line with the expected form.

A rule's `patterns` are plain strings (not regular expressions: editors write them); an occurrence
is left alone when the text at that point starts with one of the rule's `exceptions` (a quoted
document name, for example). Law and committee text is verbatim and never linted: quotations
(`> ` lines), ordinances/ and the `sources` of a caution (names of documents) are left out.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kyodo_kb.sources import rules
from kyodo_kb.sources.errors import DataError, SourceLocation
from kyodo_kb.sources.field_specs import FieldSpec, MappingReader
from kyodo_kb.sources.yaml_source import load_yaml_file

NOTATION_PATH = "data/hyoki.yml"

NOTATION_FIELDS = [
    FieldSpec("rules", "list", True, "表記のルールのリストです"),
]
NOTATION_RULE_FIELDS = [
    FieldSpec("expected", "line", True, "サイトで使う書き方です", example="振り返り"),
    FieldSpec("patterns", "string_list", True, "使わない書き方のリストです（見つけると make lint が expected を示します）", example="[ふりかえり, 振返り]"),
    FieldSpec("exceptions", "string_list", False, "その位置からこの文字列が続くときは警告しない、例外のリストです（資料名など）", example="[これまでの市の取り組み]"),
    FieldSpec("note", "line", False, "この書き方を選んだ理由です（編集ガイドに表示されます）", example="公用文の表記に合わせます"),
]


@dataclass(frozen=True)
class NotationRule:
    expected: str
    patterns: tuple  # of str
    exceptions: tuple  # of str
    note: str | None
    line: int


def read_notation_rules(root, path: str, errors: list) -> list[NotationRule]:
    reader = MappingReader(root, path, "", NOTATION_FIELDS, errors, "表記のルール")
    result: list = []
    if not reader.ok:
        return result
    seen: dict = {}
    for index, node in enumerate(reader.sequence("rules", allow_empty=False), start=1):
        entry = MappingReader(node, path, f"rules[{index}]", NOTATION_RULE_FIELDS, errors, "表記のルール")
        if not entry.ok:
            continue
        count = len(errors)
        expected = entry.string("expected")
        patterns = [text for text, _ in entry.string_list("patterns")]
        exceptions = tuple(text for text, _ in entry.string_list("exceptions"))
        note = entry.string("note")
        for pattern in patterns:
            if expected is not None and pattern in expected:
                # the expected form itself would be reported everywhere it is used
                errors.append(DataError(SourceLocation(path, node.line),
                                        f"rules[{index}].patterns: 「{pattern}」は使う書き方「{expected}」の一部です。"
                                        "使わない書き方だけを書いてください", rules.NOTATION_PATTERN_IN_EXPECTED))
            elif pattern in seen:
                errors.append(DataError(SourceLocation(path, node.line),
                                        f"rules[{index}].patterns: 「{pattern}」は{seen[pattern]}行目のルールにもあります。"
                                        "どちらか一方にしてください", rules.DUPLICATE_ENTRY))
            else:
                seen[pattern] = node.line
        if len(errors) == count and expected is not None and patterns:
            result.append(NotationRule(expected, tuple(patterns), exceptions, note, node.line))
    return result


def load_notation_rules(project_root: Path, errors: list) -> list[NotationRule] | None:
    """The rules, or None when the project keeps no data/hyoki.yml."""
    path = project_root / NOTATION_PATH
    if not path.is_file():
        return None
    loaded = load_yaml_file(path, NOTATION_PATH)
    errors.extend(loaded.errors)
    if loaded.root is None:
        return []
    return read_notation_rules(loaded.root, NOTATION_PATH, errors)


def find_variants(text: str, notation_rules: list) -> list[tuple[int, str, NotationRule]]:
    """(offset, pattern, rule) of every form in `text` that a rule replaces, in text order."""
    found = []
    for rule in notation_rules:
        for pattern in rule.patterns:
            start = text.find(pattern)
            while start != -1:
                if not any(text.startswith(exception, start) for exception in rule.exceptions):
                    found.append((start, pattern, rule))
                start = text.find(pattern, start + len(pattern))
    return sorted(found, key=lambda f: f[0])
