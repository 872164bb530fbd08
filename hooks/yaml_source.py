"""The one entry point for reading editor-written YAML with line numbers.

Files are composed (not constructed) so every value keeps its line. The loader rejects
what PyYAML would silently accept: duplicate keys (PyYAML keeps the last), tags such as
`!!python/object` (never constructed, so never executed), anchors and aliases (which make
alias bombs possible) and merge keys. Files must be UTF-8; a BOM is accepted.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
import re
from typing import Any, Union

import yaml

from source_errors import DataError, SourceLocation

try:  # libyaml composes with line marks too, and is several times faster
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader

_STR = "tag:yaml.org,2002:str"
_ALLOWED_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_constructor = yaml.constructor.SafeConstructor()


@dataclass(frozen=True)
class YamlScalar:
    value: Any  # str, int, float, bool, None, date or datetime
    line: int
    tag: str
    # "|" or ">" for block scalars, whose text starts on the line after `line`; checks that
    # point inside a Markdown value need it to turn an offset into a file line.
    style: str | None = field(default=None, compare=False)

    @property
    def first_text_line(self) -> int:
        return self.line + 1 if self.style in ("|", ">") else self.line

    @property
    def is_string(self) -> bool:
        return self.tag == _STR


@dataclass(frozen=True)
class YamlSequence:
    items: tuple
    line: int


@dataclass(frozen=True)
class YamlMapping:
    entries: dict  # key (str) -> YamlNode, or None where an error was already reported
    key_lines: dict  # key (str) -> line of the key
    line: int


YamlNode = Union[YamlScalar, YamlSequence, YamlMapping]


@dataclass
class LoadedYaml:
    path: str
    root: YamlNode | None
    errors: list = field(default_factory=list)


# Real files nest about six levels deep; the limit keeps the recursive walk far from
# Python's recursion limit (libyaml itself allows 1000 levels).
MAX_DEPTH = 50

_STARTS_WHERE_THE_MISTAKE_IS = {"while scanning a quoted scalar", "while scanning a simple key",
                                "while parsing a flow sequence", "while parsing a flow mapping"}

_YAML_PROBLEMS_JA = [
    (re.compile(r"found character '\\t' that cannot start any token|found a tab character"),
     "タブ文字は使えません。字下げには半角スペースを使ってください"),
    (re.compile(r"mapping values are not allowed"),
     "ここに「:」は書けません。値の中に「: 」を含めるときは値全体を引用符（\"…\"）で囲んでください"),
    (re.compile(r"could not find expected ':'"),
     "「キー: 値」の形になっていません。「:」の後に半角スペースがあるか確認してください"),
    (re.compile(r"did not find expected key"),
     "字下げ（行頭の半角スペースの数）がそろっていないか、「- 」の位置がずれています。同じ階層の行は同じ数のスペースで始めてください"),
    (re.compile(r"did not find expected '-' indicator"),
     "字下げがそろっていません。同じ階層の行（同じリストの「- 」や、同じ項目のキー）は同じ数の半角スペースで始めてください"),
    (re.compile(r"block sequence entries are not allowed"),
     "ここに「- 」は書けません。リストは「キー:」の次の行から、字下げして「- 」で始めてください"),
    (re.compile(r"found unexpected end of stream"),
     "この行で始まる引用符（\"…\" または '…'）が閉じられていません。値の終わりに閉じる引用符を書いてください"),
    (re.compile(r"did not find expected ',' or '\]'"),
     "この行で始まる「[」に対応する「]」がないか、項目の区切りの「,」が抜けています"),
    (re.compile(r"did not find expected ',' or '\}'"),
     "この行で始まる「{」に対応する「}」がないか、項目の区切りの「,」が抜けています"),
    (re.compile(r"found undefined alias|found unknown escape character|expected alphabetic or numeric character"
                r"|found character that cannot start any token|did not find expected comment or line break"),
     "「*」「&」「@」「`」「%」「\\」「|」などの記号が YAML の記法として解釈されました。値全体を引用符（\"…\"）で囲んでください"),
    (re.compile(r"but found another document|expected a single document|did not find expected <document start>"),
     "1つのファイルに書けるチェックリスト（文書）は1つです。「---」や「...」の行と、その後に続く2つ目の文書を削除してください"),
    (re.compile(r"exceeded maximum nesting depth"),
     f"入れ子（字下げやかっこ）が深すぎます（{MAX_DEPTH}段まで）"),
]


def _translate_yaml_problem(problem: str) -> str:
    for pattern, japanese in _YAML_PROBLEMS_JA:
        if pattern.search(problem):
            return japanese
    return f"YAML の書き方に誤りがあります（{problem}）"


def load_yaml_file(path: Path, display_path: str) -> LoadedYaml:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return LoadedYaml(display_path, None, [DataError(SourceLocation(display_path, 0), f"ファイルを読み込めません（{exc.strerror}）")])
    return load_yaml_bytes(data, display_path)


def load_yaml_bytes(data: bytes, display_path: str) -> LoadedYaml:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return LoadedYaml(display_path, None, [DataError(
            SourceLocation(display_path, 1),
            "文字コードが UTF-16（「Unicode」）で保存されています。エディタで文字コードを「UTF-8」にして保存し直してください")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return LoadedYaml(display_path, None, [DataError(
            SourceLocation(display_path, line),
            "文字コードが UTF-8 ではありません（Shift_JIS などで保存された可能性があります）。"
            "エディタで文字コードを「UTF-8」にして保存し直してください")])
    return load_yaml_text(text, display_path)


def load_yaml_text(text: str, display_path: str) -> LoadedYaml:
    result = LoadedYaml(display_path, None)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context in _STARTS_WHERE_THE_MISTAKE_IS and exc.context_mark is not None:
            # libyaml notices an unclosed quote or bracket where the file ends; the editor
            # has to look where it was opened.
            mark = exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        problem = exc.problem or exc.context or str(exc)
        lines = text.splitlines()
        if mark is not None and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
            # libyaml does not name the tab in its message ("found character that cannot start any token")
            problem = "found a tab character"
        result.errors.append(DataError(SourceLocation(display_path, line), _translate_yaml_problem(problem)))
        return result
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        result.errors.append(DataError(SourceLocation(display_path, line),
                                       f"制御文字（U+{exc.character:04X}）が含まれています。"
                                       "ほかの文書からコピーしたときに紛れ込む見えない文字です。この行を打ち直してください"))
        return result
    except yaml.YAMLError as exc:
        result.errors.append(DataError(SourceLocation(display_path, 0), _translate_yaml_problem(str(exc))))
        return result
    if node is None:
        result.errors.append(DataError(SourceLocation(display_path, 1), "ファイルが空です。少なくとも id, title, items を書いてください"))
        return result
    result.root = _convert(node, _Walk(display_path, text, result.errors))
    return result


@dataclass
class _Walk:
    path: str
    text: str
    errors: list
    seen: set = field(default_factory=set)
    alias_reported: bool = False
    depth_reported: bool = False

    def first_alias_line(self) -> int:
        """Composed nodes only know the anchor's line, so the alias is found by parsing again
        (only on this error path)."""
        for event in yaml.parse(self.text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark.line + 1
        return 0


def _convert(node: yaml.Node, walk: _Walk, depth: int = 0) -> YamlNode | None:
    line = node.start_mark.line + 1
    path, errors = walk.path, walk.errors
    if depth > MAX_DEPTH:
        if not walk.depth_reported:
            walk.depth_reported = True
            errors.append(DataError(SourceLocation(path, line), _translate_yaml_problem("exceeded maximum nesting depth")))
        return None
    if id(node) in walk.seen:
        # Composed aliases point to the same node object; rejecting them keeps the walk
        # linear, which is what stops alias bombs. One message per file is enough.
        if not walk.alias_reported:
            walk.alias_reported = True
            errors.append(DataError(SourceLocation(path, walk.first_alias_line() or line),
                                    "アンカー（&）とエイリアス（*）は使えません。同じ内容をそのまま書いてください"))
        return None
    walk.seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP:
            errors.append(_tag_error(path, line, node.tag))
            return None
        entries: dict = {}
        key_lines: dict = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                errors.append(DataError(SourceLocation(path, key_line), "「<<」（マージキー）は使えません。項目をそのまま書いてください"))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                found = "リスト" if isinstance(key_node, yaml.SequenceNode) else "「キー: 値」のまとまり"
                errors.append(DataError(SourceLocation(path, key_line),
                                        f"キーには名前（id、check など）を書いてください（{found}が書かれています）。"
                                        "「[」「{」で始まる値は引用符（\"…\"）で囲んでください"))
                continue
            key = str(key_node.value)
            if key in entries:
                errors.append(DataError(
                    SourceLocation(path, key_line),
                    f"キー「{key}」が重複しています（{key_lines[key]}行目にもあります）。どちらか一方を削除してください"))
                continue
            # None marks a value whose error is already reported, so that validators
            # neither repeat it nor report the key as missing.
            entries[key] = _convert(value_node, walk, depth + 1)
            key_lines[key] = key_line
        return YamlMapping(entries, key_lines, line)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            errors.append(_tag_error(path, line, node.tag))
            return None
        items = []
        for child in node.value:
            converted = _convert(child, walk, depth + 1)
            if converted is not None:
                items.append(converted)
        return YamlSequence(tuple(items), line)
    if node.tag not in _ALLOWED_SCALAR_TAGS:
        errors.append(_tag_error(path, line, node.tag))
        return None
    try:
        value = _constructor.construct_object(node, deep=True)
    except (yaml.constructor.ConstructorError, ValueError, OverflowError):
        value = node.value
        return YamlScalar(value, line, _STR, node.style)
    return YamlScalar(value, line, node.tag, node.style)


def _tag_error(path: str, line: int, tag: str) -> DataError:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return DataError(SourceLocation(path, line),
                     f"YAML のタグ「{shown}」は使えません（安全のため、タグの付いた値は読み込みません）。"
                     f"「{shown}」を削除して、値をそのまま書いてください")
