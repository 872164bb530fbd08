"""Declarative field lists of the data formats, and a reader that checks a mapping against them.

The same `FieldSpec` tables drive validation and the editors' documentation, so the two
cannot drift. A reader gathers errors instead of raising.
"""
from __future__ import annotations

from dataclasses import dataclass
import re

from kyodo_kb.sources import rules
from kyodo_kb.sources.markdown_safety import find_unsafe_markup
from kyodo_kb.sources.errors import DataError, SourceLocation, did_you_mean
from kyodo_kb.sources.yaml_source import YamlMapping, YamlScalar, YamlSequence

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ITEM_ID_PATTERN = r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$"

_KIND_NAMES = {
    "line": "1行の文字列",
    "markdown": "文字列（Markdown）",
    "slug": "半角英小文字・数字・ハイフンの文字列",
    "item_id": "半角英数字とハイフンの文字列",
    "string_list": "文字列のリスト",
    "list": "リスト",
    "mapping": "「キー: 値」のまとまり",
    "integer": "整数",
}


# A check question or a title longer than this is almost always a caution pasted into the
# wrong field; ids become URLs and anchors, which should stay short.
MAX_LENGTH = {"line": 200, "slug": 64, "item_id": 64}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str  # one of _KIND_NAMES
    required: bool
    description: str  # Japanese, shown to editors
    pattern: str | None = None
    example: str | None = None


def describe_value(node) -> str:
    if isinstance(node, YamlMapping):
        return "「キー: 値」のまとまり"
    if isinstance(node, YamlSequence):
        return "リスト"
    value = node.value
    if isinstance(value, bool):
        return f"真偽値（{'true' if value else 'false'}）"
    if value is None:
        return "空の値"
    if isinstance(value, int):
        return f"数値（{value}）"
    if isinstance(value, float):
        return f"数値（{value}）"
    if not isinstance(value, str):
        return f"日付（{value}）"
    return "文字列"


def _wrong_string_hint(node) -> str:
    if isinstance(node, YamlSequence):
        return "。「- 」で始まる行にせず、「キー: 値」の1行で書いてください"
    if isinstance(node, YamlMapping):
        return "。値の中に「: 」があるときは、値全体を引用符（\"…\"）で囲んでください"
    if node.value is None:
        return "。値を書くか、この行を削除してください"
    return "。YAML では yes/no/on/off/true/false や数字・日付は文字列になりません。値を引用符（\"…\"）で囲んでください"


def _pattern_problem(text: str, pattern: str) -> str:
    if any(ch.isspace() for ch in text):
        return "空白が含まれています"
    if any(ord(ch) > 127 for ch in text):
        return "全角文字などの半角英数字以外の文字が含まれています"
    if re.match(pattern, text.lower()):
        return "大文字が含まれています"
    if text.startswith("-") or text.endswith("-") or "--" in text:
        return "ハイフンは先頭・末尾に置けず、2つ続けられません"
    return "使えない文字が含まれています"


def _line_in_text(value: YamlScalar, offset: int) -> int:
    """The file line of the `offset`-th line of a string value. Exact for literal blocks (`|`,
    the documented way to write Markdown) and one-line values; folded (`>`) and multi-line
    plain values lose their line breaks, so their problems point at the value's first line."""
    if value.style == "|":
        return value.first_text_line + offset
    return value.first_text_line


_SPEC_INDEXES: dict = {}


def _spec_index(specs: list[FieldSpec]) -> dict:
    # One index per field table, not per mapping read: a large project reads tens of
    # thousands of items against the same table.
    index = _SPEC_INDEXES.get(id(specs))
    if index is None or index[0] is not specs:
        index = (specs, {spec.name: spec for spec in specs})
        _SPEC_INDEXES[id(specs)] = index
    return index[1]


class MappingReader:
    """Reads one YAML mapping against a list of FieldSpecs, appending errors to a shared list."""

    def __init__(self, node, path: str, key_path: str, specs: list[FieldSpec], errors: list,
                 what: str = "値"):
        self.path = path
        self.key_path = key_path
        self.specs = _spec_index(specs)
        self.errors = errors
        self.node = node
        self.ok = isinstance(node, YamlMapping)
        if node is None:
            self.ok = False
            return
        if not self.ok:
            self._error(node.line, f"{self._label(None)}には{what}を「キー: 値」の形で書いてください（{describe_value(node)}が書かれています）。"
                                   "「キー: 値」の行を、字下げをそろえて並べます", rules.FIELD_NOT_MAPPING)
            return
        entries = node.entries
        if not entries.keys() <= self.specs.keys():
            for key in entries:
                if key not in self.specs:
                    hint = did_you_mean(key, self.specs)
                    known = "、".join(self.specs)
                    self._error(node.key_lines[key],
                                f"{self._label(key)}: 不明なキーです{hint}。使えるキー: {known}", rules.FIELD_UNKNOWN_KEY)
        for spec in specs:
            if spec.required and spec.name not in entries:
                self._error(node.line, f"{self._label(spec.name)}: 必須の項目がありません。"
                                       f"「{spec.name}: 」の行を追加してください。{spec.description}", rules.FIELD_MISSING)

    def _label(self, key: str | None) -> str:
        if key is None:
            return self.key_path or "ファイル全体"
        return f"{self.key_path}.{key}" if self.key_path else key

    def _error(self, line: int, message: str, rule: str) -> None:
        self.errors.append(DataError(SourceLocation(self.path, line), message, rule))

    def has(self, name: str) -> bool:
        return self.ok and self.node.entries.get(name) is not None

    def line_of(self, name: str) -> int:
        if self.ok and name in self.node.key_lines:
            return self.node.key_lines[name]
        return self.node.line if self.node is not None else 0

    def raw(self, name: str):
        return self.node.entries.get(name) if self.ok else None

    def string(self, name: str) -> str | None:
        """A string field of kind line/markdown/slug/item_id; None if absent or wrong."""
        value = self.raw(name)
        if value is None:
            return None
        spec = self.specs[name]
        if type(value) is not YamlScalar or type(value.value) is not str:
            got = describe_value(value)
            self._error(value.line, f"{self._label(name)}: {_KIND_NAMES[spec.kind]}を書いてください（{got}が書かれています）{_wrong_string_hint(value)}", rules.FIELD_WRONG_TYPE)
            return None
        text = value.value
        kind = spec.kind
        if kind == "line" or kind == "slug" or kind == "item_id":
            text = text.strip()
        if not text.strip():
            self._error(value.line, f"{self._label(name)}: 空です。{spec.description}", rules.FIELD_EMPTY)
            return None
        if kind == "markdown":
            problems = find_unsafe_markup(value.value)
            for problem in problems:
                self._error(_line_in_text(value, problem.line_offset), f"{self._label(name)}: {problem.message}", problem.rule)
            if problems:
                return None
        if kind == "line" and "\n" in text:
            self._error(value.line, f"{self._label(name)}: 1行で書いてください（改行が含まれています）", rules.FIELD_MULTILINE)
            return None
        limit = MAX_LENGTH.get(kind)
        if limit is not None and len(text) > limit:
            hint = "長い説明は Markdown の欄（caution など）に書いてください" if kind == "line" else "短い ID にしてください"
            self._error(value.line, f"{self._label(name)}: 長すぎます（{len(text)}文字、{limit}文字まで）。{hint}", rules.FIELD_TOO_LONG)
            return None
        if spec.pattern and not re.match(spec.pattern, text):
            if kind in ("slug", "item_id"):
                expected = f"{_KIND_NAMES[kind]}で書いてください" + (f"（例: {spec.example}）" if spec.example else "")
            else:
                expected = spec.description
            self._error(value.line, f"{self._label(name)}: 「{text}」は使えません（{_pattern_problem(text, spec.pattern)}）。{expected}",
                        rules.FIELD_INVALID_CHARACTERS)
            return None
        return text

    def integer(self, name: str) -> int | None:
        value = self.raw(name)
        if value is None:
            return None
        if not isinstance(value, YamlScalar) or isinstance(value.value, bool) or not isinstance(value.value, int):
            hint = ""
            if isinstance(value, YamlScalar) and isinstance(value.value, str) and value.value.strip().isdigit():
                hint = f"。引用符を外して {value.value.strip()} のように書いてください"
            elif isinstance(value, YamlScalar):
                hint = "。1、2、3 のような半角の整数で書いてください"
            self._error(value.line, f"{self._label(name)}: 整数を書いてください（{describe_value(value)}が書かれています）{hint}",
                        rules.FIELD_NOT_INTEGER)
            return None
        return value.value

    def sequence(self, name: str, allow_empty: bool = True) -> list:
        value = self.raw(name)
        if value is None:
            return []
        if not isinstance(value, YamlSequence):
            self._error(value.line, f"{self._label(name)}: リストを書いてください（{describe_value(value)}が書かれています）。各行を「- 」で始めます", rules.FIELD_NOT_LIST)
            return []
        if not value.items and not allow_empty:
            self._error(value.line, f"{self._label(name)}: 空のリストです。少なくとも1件書いてください", rules.FIELD_EMPTY_LIST)
        return list(value.items)

    def string_list(self, name: str) -> list[tuple[str, int]]:
        """A list of one-line strings, with their lines; wrong entries are reported and skipped."""
        result = []
        value = self.raw(name)
        if isinstance(value, YamlScalar) and isinstance(value.value, str) and self.specs[name].kind == "string_list":
            # `tags: 会計` is a common slip for `tags: [会計]`: report it as a list problem.
            self._error(value.line, f"{self._label(name)}: リストを書いてください（文字列が書かれています）。例: {name}: [{value.value}]", rules.FIELD_NOT_LIST)
            return result
        for index, entry in enumerate(self.sequence(name), start=1):
            text = entry.value.strip() if type(entry) is YamlScalar and type(entry.value) is str else ""
            if not text:
                self._error(entry.line, f"{self._label(name)}[{index}]: 文字列を書いてください（{describe_value(entry)}が書かれています）",
                            rules.FIELD_NOT_STRING)
                continue
            if "\n" in text:
                self._error(entry.line, f"{self._label(name)}[{index}]: 1行で書いてください", rules.FIELD_MULTILINE)
                continue
            result.append((text, entry.line))
        return result
