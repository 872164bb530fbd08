"""The one entry point for reading editor-written YAML with line numbers.

The located tree is built straight from libyaml's event stream (no PyYAML nodes, no
constructor), so every value keeps its line; the common events are handled inline (see
`_TreeBuilder.read`), because per-event Python overhead is most of the cost at 20,000
cautions (make bench). The loader rejects what PyYAML would silently accept: duplicate keys (PyYAML
keeps the last), tags such as `!!python/object` (never constructed, so never executed),
aliases (which make alias bombs possible) and merge keys. Files must be UTF-8; a BOM is
accepted.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
import re
from typing import Any, NamedTuple, Union

import yaml

from kyodo_kb.sources import rules
from kyodo_kb.sources.errors import DataError, SourceLocation

try:  # libyaml parses with line marks too, and is several times faster
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
_MERGE = "tag:yaml.org,2002:merge"
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
_constructor = yaml.constructor.SafeConstructor()


# NamedTuples rather than dataclasses: a large file has hundreds of thousands of values,
# and tuple construction is several times cheaper.
class YamlScalar(NamedTuple):
    value: Any  # str, int, float, bool, None, date or datetime
    line: int
    tag: str
    # "|" or ">" for block scalars, whose text starts on the line after `line`; checks that
    # point inside a Markdown value need it to turn an offset into a file line.
    style: str | None = None

    @property
    def first_text_line(self) -> int:
        return self.line + 1 if self.style in ("|", ">") else self.line

    @property
    def is_string(self) -> bool:
        return self.tag == _STR


class YamlSequence(NamedTuple):
    items: tuple
    line: int


class YamlMapping(NamedTuple):
    entries: dict  # key (str) -> YamlNode, or None where an error was already reported
    key_lines: dict  # key (str) -> line of the key
    line: int


YamlNode = Union[YamlScalar, YamlSequence, YamlMapping]


@dataclass
class LoadedYaml:
    path: str
    root: YamlNode | None
    errors: list = field(default_factory=list)


# Real files nest about six levels deep; a limit far below libyaml's own (1000) keeps any
# recursive consumer of the tree far from Python's recursion limit.
MAX_DEPTH = 50

_STARTS_WHERE_THE_MISTAKE_IS = {"while scanning a quoted scalar", "while scanning a simple key",
                                "while parsing a flow sequence", "while parsing a flow mapping"}

_YAML_PROBLEMS_JA = [
    (re.compile(r"found character '\\t' that cannot start any token|found a tab character"),
     rules.YAML_TAB, "タブ文字は使えません。字下げには半角スペースを使ってください"),
    (re.compile(r"mapping values are not allowed"),
     rules.YAML_COLON_IN_VALUE, "ここに「:」は書けません。値の中に「: 」を含めるときは値全体を引用符（\"…\"）で囲んでください"),
    (re.compile(r"could not find expected ':'"),
     rules.YAML_MISSING_COLON, "「キー: 値」の形になっていません。「:」の後に半角スペースがあるか確認してください"),
    (re.compile(r"did not find expected key"),
     rules.YAML_INDENTATION, "字下げ（行頭の半角スペースの数）がそろっていないか、「- 」の位置がずれています。同じ階層の行は同じ数のスペースで始めてください"),
    (re.compile(r"did not find expected '-' indicator"),
     rules.YAML_LIST_INDENTATION, "字下げがそろっていません。同じ階層の行（同じリストの「- 」や、同じ項目のキー）は同じ数の半角スペースで始めてください"),
    (re.compile(r"block sequence entries are not allowed"),
     rules.YAML_MISPLACED_DASH, "ここに「- 」は書けません。リストは「キー:」の次の行から、字下げして「- 」で始めてください"),
    (re.compile(r"found unexpected end of stream"),
     rules.YAML_UNCLOSED_QUOTE, "この行で始まる引用符（\"…\" または '…'）が閉じられていません。値の終わりに閉じる引用符を書いてください"),
    (re.compile(r"did not find expected ',' or '\]'"),
     rules.YAML_UNCLOSED_BRACKET, "この行で始まる「[」に対応する「]」がないか、項目の区切りの「,」が抜けています"),
    (re.compile(r"did not find expected ',' or '\}'"),
     rules.YAML_UNCLOSED_BRACE, "この行で始まる「{」に対応する「}」がないか、項目の区切りの「,」が抜けています"),
    (re.compile(r"found undefined alias|found unknown escape character|expected alphabetic or numeric character"
                r"|found character that cannot start any token|did not find expected comment or line break"),
     rules.YAML_SPECIAL_CHARACTER, "「*」「&」「@」「`」「%」「\\」「|」などの記号が YAML の記法として解釈されました。値全体を引用符（\"…\"）で囲んでください"),
    (re.compile(r"but found another document|expected a single document|did not find expected <document start>"),
     rules.YAML_MULTIPLE_DOCUMENTS, "1つのファイルに書けるチェックリスト（文書）は1つです。「---」や「...」の行と、その後に続く2つ目の文書を削除してください"),
    (re.compile(r"exceeded maximum nesting depth"),
     rules.YAML_TOO_DEEP, "入れ子（字下げやかっこ）が深すぎます。字下げのくずれや、かっこの閉じ忘れがないか確かめてください"),
]


def _translate_yaml_problem(problem: str) -> tuple[str, str]:
    """(message, rule) of a libyaml problem."""
    for pattern, rule, japanese in _YAML_PROBLEMS_JA:
        if pattern.search(problem):
            return japanese, rule
    return f"YAML の書き方に誤りがあります（{problem}）", rules.YAML_SYNTAX


def load_yaml_file(path: Path, display_path: str) -> LoadedYaml:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return LoadedYaml(display_path, None, [DataError(SourceLocation(display_path, 0), f"ファイルを読み込めません（{exc.strerror}）",
                                                           rules.FILE_UNREADABLE)])
    return load_yaml_bytes(data, display_path)


def load_yaml_bytes(data: bytes, display_path: str) -> LoadedYaml:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return LoadedYaml(display_path, None, [DataError(
            SourceLocation(display_path, 1),
            "文字コードが UTF-16（「Unicode」）で保存されています。エディタで文字コードを「UTF-8」にして保存し直してください",
            rules.FILE_UTF16)])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return LoadedYaml(display_path, None, [DataError(
            SourceLocation(display_path, line),
            "文字コードが UTF-8 ではありません（Shift_JIS などで保存された可能性があります）。"
            "エディタで文字コードを「UTF-8」にして保存し直してください", rules.FILE_NOT_UTF8)])
    return load_yaml_text(text, display_path)


# Characters YAML reads without complaint that still change what a reader sees: bidirectional
# controls (U+202E turns the rest of a line around) written as they are, and any control
# character written as an escape in a double-quoted value ("\0", "\x1b", "\e", "\u202e"),
# which would reach the page and the CSV. Raw C0/C1 controls are refused by the YAML reader.
_INVISIBLE_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_RAW_FORBIDDEN = re.compile(f"[{_INVISIBLE_CONTROLS}]")
_VALUE_FORBIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{_INVISIBLE_CONTROLS}]")


def _control_message(character: str) -> str:
    return (f"制御文字（U+{ord(character):04X}）が含まれています。"
            "ほかの文書からコピーしたときに紛れ込む見えない文字か、「\\x1b」「\\e」「\\0」「\\u202e」のような書き方で入る文字です。"
            "表示や CSV を乱すため使えません。この行を打ち直してください")


def _control_characters(text: str, root, display_path: str) -> list:
    errors = []
    for match in _RAW_FORBIDDEN.finditer(text):
        errors.append(DataError(SourceLocation(display_path, text.count("\n", 0, match.start()) + 1), _control_message(match.group(0)), rules.YAML_CONTROL_CHARACTER))
    if "\\" not in text:
        return errors
    raw_lines = {error.location.line for error in errors}
    # An escape needs a backslash in the file: only then are the values walked.
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, YamlMapping):
            stack += [value for value in node.entries.values() if value is not None]
            for key, line in node.key_lines.items():
                found = _VALUE_FORBIDDEN.search(key)
                if found:
                    errors.append(DataError(SourceLocation(display_path, line), _control_message(found.group(0)), rules.YAML_CONTROL_CHARACTER))
        elif isinstance(node, YamlSequence):
            stack += [item for item in node.items if item is not None]
        elif isinstance(node, YamlScalar) and isinstance(node.value, str):
            found = _VALUE_FORBIDDEN.search(node.value)
            if found and node.line not in raw_lines:  # a raw one is reported above
                errors.append(DataError(SourceLocation(display_path, node.line), _control_message(found.group(0)), rules.YAML_CONTROL_CHARACTER))
    return errors


def load_yaml_text(text: str, display_path: str) -> LoadedYaml:
    result = LoadedYaml(display_path, None)
    builder = _TreeBuilder(display_path, result.errors)
    try:
        builder.read(text)
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
        japanese_slip = _full_width_slip(lines, mark.line if mark is not None else -1)
        if japanese_slip is not None:
            line, message, rule = japanese_slip
            result.errors.append(DataError(SourceLocation(display_path, line), message, rule))
            return result
        result.errors.append(DataError(SourceLocation(display_path, line), *_translate_yaml_problem(problem)))
        return result
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        result.errors.append(DataError(SourceLocation(display_path, line),
                                       f"制御文字（U+{exc.character:04X}）が含まれています。"
                                       "ほかの文書からコピーしたときに紛れ込む見えない文字です。この行を打ち直してください",
                                       rules.YAML_CONTROL_CHARACTER))
        return result
    except yaml.YAMLError as exc:
        result.errors.append(DataError(SourceLocation(display_path, 0), *_translate_yaml_problem(str(exc))))
        return result
    if builder.documents > 1:
        result.errors.append(DataError(SourceLocation(display_path, builder.second_document_line),
                                       *_translate_yaml_problem("expected a single document")))
        return result
    if builder.root is None and not builder.root_rejected:
        result.errors.append(DataError(SourceLocation(display_path, 1), "ファイルが空です。少なくとも id, title, items を書いてください",
                                       rules.FILE_EMPTY))
        return result
    if isinstance(builder.root, YamlScalar) and isinstance(builder.root.value, str):
        # Every colon full-width: the whole file reads as one string.
        lines = text.splitlines()
        first = next((index for index, line in enumerate(lines) if _FULL_WIDTH_COLON_KEY.match(line)), None)
        if first is not None:
            result.errors.append(DataError(SourceLocation(display_path, first + 1), _FULL_WIDTH_COLON_MESSAGE,
                                           rules.YAML_FULL_WIDTH_COLON))
            return result
    controls = _control_characters(text, builder.root, display_path)
    if controls:
        result.errors.extend(controls)
        return result
    result.root = builder.root
    return result


# Slips of a Japanese input method that YAML reads as something else entirely: a full-width
# colon makes `id：a` plain text (the error then shows up lines later), a full-width space
# before a key becomes part of the key.
_FULL_WIDTH_COLON_KEY = re.compile(r"^[ ]*(?:-[ ]+)?[a-z_][a-z0-9_]*[ \u3000]*：")
_FULL_WIDTH_SPACE_MESSAGE = "字下げに全角スペースが使われています。字下げには半角スペースを使ってください"
_FULL_WIDTH_COLON_MESSAGE = "全角のコロン「：」が使われています。「キー: 値」のコロンは半角の「:」にして、後ろに半角スペースを入れてください"


def _full_width_slip(lines: list[str], error_index: int) -> tuple[int, str, str] | None:
    """The (line, message, rule) of a full-width colon or indent at or just before a syntax error."""
    if 0 <= error_index < len(lines) and re.match(r"^[ ]*\u3000", lines[error_index]):
        return error_index + 1, _FULL_WIDTH_SPACE_MESSAGE, rules.YAML_FULL_WIDTH_SPACE
    for index in range(max(error_index - 5, 0), min(error_index, len(lines) - 1) + 1):
        if _FULL_WIDTH_COLON_KEY.match(lines[index]):
            return index + 1, _FULL_WIDTH_COLON_MESSAGE, rules.YAML_FULL_WIDTH_COLON
    return None


# Resolvers that apply whatever a plain scalar starts with (none in PyYAML's own table).
_FIRST_CHARACTER_ANY = bool(_IMPLICIT.get(None))


def _resolve_plain(value: str) -> str:
    for tag, regexp in _IMPLICIT.get(value[:1] if value else "", ()):
        if regexp.match(value):
            return tag
    for tag, regexp in _IMPLICIT.get(None, ()):
        if regexp.match(value):
            return tag
    return _STR


class _Collection:
    """A mapping or sequence being built; `None` values mark entries whose error is reported."""

    __slots__ = ("is_mapping", "line", "items", "entries", "key_lines", "pending_key", "pending_line", "skip_value")

    def __init__(self, is_mapping: bool, line: int):
        self.is_mapping = is_mapping
        self.line = line
        self.items: list = []
        self.entries: dict = {}
        self.key_lines: dict = {}
        self.pending_key = None  # a key read, waiting for its value
        self.pending_line = 0
        self.skip_value = False  # the key was rejected; drop its value


class _TreeBuilder:
    def __init__(self, path: str, errors: list):
        self.path = path
        self.errors = errors
        self.stack: list[_Collection] = []
        self.root = None
        self.documents = 0
        self.second_document_line = 0
        self.alias_reported = False
        self.depth_reported = False
        self.ignore_depth = 0  # > 0 while skipping a rejected (tagged) collection
        self.root_rejected = False

    def _error(self, line: int, message: str, rule: str) -> None:
        self.errors.append(DataError(SourceLocation(self.path, line), message, rule))

    def read(self, text: str) -> None:
        """Feeds every event of `text`. Plain keys, untagged string values and untagged
        collections (nearly all events of a real file) are handled inline, because per-event
        Python overhead is most of the time it takes to load 20,000 cautions; anything else
        goes through `feed`, which checks it fully."""
        loader = _Loader(text)
        try:
            get_event = loader.get_event
            stack = self.stack
            scalar_event, stream_end_event = yaml.ScalarEvent, yaml.StreamEndEvent
            mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
            mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
            implicit_resolvers = _IMPLICIT
            while True:
                event = get_event()
                kind = type(event)
                if self.ignore_depth or not stack:
                    if kind is stream_end_event:
                        return
                    self.feed(event)
                    continue
                if kind is scalar_event:
                    if event.tag is not None:
                        self.feed(event)
                        continue
                    value = event.value
                    top = stack[-1]
                    if event.implicit[0] and (value[:1] in implicit_resolvers or _FIRST_CHARACTER_ANY):
                        self.feed(event)
                        continue
                    # An untagged string, quoted or plain with nothing to resolve.
                    if top.is_mapping:
                        if top.skip_value:
                            self.feed(event)
                        elif top.pending_key is None:
                            if value in top.entries or value[:1] == "\u3000":
                                self.feed(event)
                            else:
                                top.pending_key = value
                                top.pending_line = event.start_mark.line + 1
                        else:
                            key = top.pending_key
                            top.entries[key] = YamlScalar(value, event.start_mark.line + 1, _STR, event.style or None)
                            top.key_lines[key] = top.pending_line
                            top.pending_key = None
                    else:
                        top.items.append(YamlScalar(value, event.start_mark.line + 1, _STR, event.style or None))
                    continue
                if (kind is mapping_start or kind is sequence_start) and event.tag is None and len(stack) < MAX_DEPTH:
                    stack.append(_Collection(kind is mapping_start, event.start_mark.line + 1))
                    continue
                if kind is mapping_end or kind is sequence_end:
                    done = stack.pop()
                    if done.is_mapping:
                        self._add(YamlMapping(done.entries, done.key_lines, done.line), done.line)
                    else:
                        self._add(YamlSequence(tuple(done.items), done.line), done.line)
                    continue
                if kind is stream_end_event:
                    return
                self.feed(event)
        finally:
            loader.dispose()

    def feed(self, event) -> None:
        kind = type(event)
        if self.ignore_depth:
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self.ignore_depth += 1
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                self.ignore_depth -= 1
                if not self.ignore_depth:
                    self._add(None, 0)
            return
        if kind is yaml.ScalarEvent:
            self._scalar(event)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            is_mapping = kind is yaml.MappingStartEvent
            line = event.start_mark.line + 1
            if event.tag not in (None, "!", _MAP if is_mapping else _SEQ):
                self._error(line, _tag_message(event.tag), rules.YAML_TAG)
                self.ignore_depth = 1
                return
            if len(self.stack) >= MAX_DEPTH:
                if not self.depth_reported:
                    self.depth_reported = True
                    self._error(line, *_translate_yaml_problem("exceeded maximum nesting depth"))
                self.ignore_depth = 1
                return
            self.stack.append(_Collection(is_mapping, line))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            done = self.stack.pop()
            if done.is_mapping:
                self._add(YamlMapping(done.entries, done.key_lines, done.line), done.line)
            else:
                self._add(YamlSequence(tuple(done.items), done.line), done.line)
        elif kind is yaml.AliasEvent:
            if not self.alias_reported:
                self.alias_reported = True
                self._error(event.start_mark.line + 1, "アンカー（&）とエイリアス（*）は使えません。同じ内容をそのまま書いてください",
                            rules.YAML_ALIAS)
            self._add(None, event.start_mark.line + 1)
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents == 2:
                self.second_document_line = event.start_mark.line + 1

    def _scalar(self, event) -> None:
        line = event.start_mark.line + 1
        value = event.value
        tag = event.tag
        if tag is None or tag == "!":
            tag = _resolve_plain(value) if event.implicit[0] else _STR
        top = self.stack[-1] if self.stack else None
        if top is not None and top.is_mapping and top.pending_key is None and not top.skip_value:
            self._key(top, value, tag, line)
            return
        if tag == _STR:
            self._add(YamlScalar(value, line, _STR, event.style or None), line)
            return
        if tag not in _ALLOWED_SCALAR_TAGS:
            self._error(line, _tag_message(tag), rules.YAML_TAG)
            self._add(None, line)
            return
        try:
            # The constructor function itself, not construct_object: that one keeps every node
            # it has seen for the life of the (module-wide) constructor.
            constructed = _constructor.yaml_constructors[tag](_constructor, yaml.ScalarNode(tag, value, event.start_mark))
        except (yaml.constructor.ConstructorError, ValueError, OverflowError):
            self._add(YamlScalar(value, line, _STR, event.style or None), line)
            return
        self._add(YamlScalar(constructed, line, tag, event.style or None), line)

    def _key(self, top: _Collection, value: str, tag: str, line: int) -> None:
        if value[:1] == "\u3000":
            self._error(line, _FULL_WIDTH_SPACE_MESSAGE, rules.YAML_FULL_WIDTH_SPACE)
            top.skip_value = True
            return
        if tag == _MERGE:
            self._error(line, "「<<」（マージキー）は使えません。項目をそのまま書いてください", rules.YAML_MERGE_KEY)
            top.skip_value = True
            return
        if tag not in _ALLOWED_SCALAR_TAGS:
            self._error(line, _tag_message(tag), rules.YAML_TAG)
            top.skip_value = True
            return
        if value in top.entries:
            self._error(line, f"キー「{value}」が重複しています（{top.key_lines[value]}行目にもあります）。どちらか一方を削除してください",
                        rules.YAML_DUPLICATE_KEY)
            top.skip_value = True
            return
        top.pending_key = value
        top.pending_line = line

    def _add(self, node, line: int) -> None:
        if not self.stack:
            self.root = node
            self.root_rejected = node is None
            return
        top = self.stack[-1]
        if not top.is_mapping:
            if node is not None:
                top.items.append(node)
            return
        if top.skip_value:
            top.skip_value = False
            return
        if top.pending_key is None:
            # A collection used as a key (`[a, b]: c`) or a rejected key value.
            found = "リスト" if isinstance(node, YamlSequence) else "「キー: 値」のまとまり" if isinstance(node, YamlMapping) else "値"
            self._error(line, f"キーには名前（id、check など）を書いてください（{found}が書かれています）。"
                              "「[」「{」で始まる値は引用符（\"…\"）で囲んでください", rules.YAML_COLLECTION_KEY)
            top.skip_value = True
            return
        top.entries[top.pending_key] = node
        top.key_lines[top.pending_key] = top.pending_line
        top.pending_key = None


def _tag_message(tag: str) -> str:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return (f"YAML のタグ「{shown}」は使えません（安全のため、タグの付いた値は読み込みません）。"
            f"「{shown}」を削除して、値をそのまま書いてください")
