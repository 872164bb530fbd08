"""Checklists of cautions (留意事項): the file format, its validation and the data model.

A file that uses only the fields of the original format (id, title, summary, items with
id, check, caution, basis, tags) must always stay valid; later fields are optional.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from citations import CitationError, CitationResolver, ProvisionRef
from field_specs import FieldSpec, ITEM_ID_PATTERN, MappingReader, SLUG_PATTERN
from source_errors import DataError, SourceLocation, unexpected_error
from yaml_source import load_yaml_file

CHECKLIST_FIELDS = [
    FieldSpec("id", "slug", True, "チェックリストの識別子です（半角英小文字・数字・ハイフン）。ページの URL（checklists/<id>/）になります", SLUG_PATTERN, "keikaku"),
    FieldSpec("title", "line", True, "チェックリストの題名です", example="企画・協働の検討段階の留意事項"),
    FieldSpec("summary", "markdown", False, "チェックリストの説明です（Markdown）"),
    FieldSpec("items", "list", True, "確認項目（留意事項）のリストです"),
]
ITEM_FIELDS = [
    FieldSpec("id", "item_id", True, "項目の識別子です（半角英数字とハイフン、全チェックリストで一意）。ページ内のアンカーになります", ITEM_ID_PATTERN, "KK-01"),
    FieldSpec("check", "line", True, "職員が答える確認の問いです（1行、「…しているか」の形）", example="事業の目的を相手方と共有しているか"),
    FieldSpec("caution", "markdown", True, "留意事項です: 何に気をつけるか、なぜか、できていないときに何をするか（Markdown）"),
    FieldSpec("basis", "string_list", False, "根拠となる条例の規定のリストです", example="市民活動推進条例第9条第1項第1号"),
    FieldSpec("tags", "string_list", False, "検索や一覧に使うタグのリストです", example="[目的の共有, 役割分担]"),
]


@dataclass(frozen=True)
class Citation:
    text: str  # as the editor wrote it
    ref: ProvisionRef
    line: int


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    check: str
    caution: str
    basis: tuple  # of Citation
    tags: tuple  # of str
    line: int


@dataclass(frozen=True)
class Checklist:
    id: str
    title: str
    summary: str | None
    items: tuple  # of ChecklistItem
    path: str  # relative source path, e.g. checklists/keikaku.yml
    line: int

    @property
    def page_src(self) -> str:
        return f"checklists/{self.id}.md"


def load_checklist(path: Path, display_path: str, resolver: CitationResolver, errors: list) -> Checklist | None:
    try:
        loaded = load_yaml_file(path, display_path)
        errors.extend(loaded.errors)
        if loaded.root is None:
            return None
        return read_checklist(loaded.root, display_path, resolver, errors)
    except Exception as exc:  # never a traceback for editors: report it against the file
        errors.append(unexpected_error(display_path, exc))
        return None


def read_checklist(root, path: str, resolver: CitationResolver, errors: list) -> Checklist | None:
    count = len(errors)
    reader = MappingReader(root, path, "", CHECKLIST_FIELDS, errors, "チェックリストの内容")
    if not reader.ok:
        return None
    checklist_id = reader.string("id")
    title = reader.string("title")
    summary = reader.string("summary")
    items = []
    seen: dict = {}
    for index, node in enumerate(reader.sequence("items", allow_empty=False), start=1):
        item = read_item(node, path, f"items[{index}]", resolver, errors)
        if item is None:
            continue
        if item.id in seen:
            errors.append(DataError(SourceLocation(path, item.line),
                                    f"items[{index}].id: 項目 ID「{item.id}」が重複しています（{seen[item.id]}行目にもあります）。別の ID にしてください"))
            continue
        seen[item.id] = item.line
        items.append(item)
    if len(errors) > count or checklist_id is None or title is None:
        return None
    return Checklist(checklist_id, title, summary, tuple(items), path, root.line)


def read_item(node, path: str, key_path: str, resolver: CitationResolver, errors: list) -> ChecklistItem | None:
    count = len(errors)
    reader = MappingReader(node, path, key_path, ITEM_FIELDS, errors, "確認項目")
    if not reader.ok:
        return None
    item_id = reader.string("id")
    check = reader.string("check")
    caution = reader.string("caution")
    basis = []
    for index, (text, line) in enumerate(reader.string_list("basis"), start=1):
        try:
            basis.append(Citation(text, resolver.resolve(text), line))
        except CitationError as exc:
            errors.append(DataError(SourceLocation(path, line), f"{key_path}.basis[{index}]: {exc}"))
    tags = []
    for text, line in reader.string_list("tags"):
        if text not in tags:
            tags.append(text)
    if len(errors) > count or None in (item_id, check, caution):
        return None
    return ChecklistItem(item_id, check, caution.strip(), tuple(basis), tuple(tags), node.line)
