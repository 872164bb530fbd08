"""The maintained list of tags (data/tags.yml) that checklist items may use.

Tags outside the list are not errors (the build accepts any tag); the content lint warns about
them and suggests the nearest known tag, so that one idea does not end up under two names.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kyodo_kb.sources import rules
from kyodo_kb.sources.field_specs import FieldSpec, MappingReader
from kyodo_kb.sources.errors import DataError, SourceLocation
from kyodo_kb.sources.yaml_source import load_yaml_file

TAG_LIST_PATH = "data/tags.yml"

TAG_LIST_FIELDS = [
    FieldSpec("tags", "list", True, "確認項目に付けてよいタグのリストです"),
]
TAG_FIELDS = [
    FieldSpec("name", "line", True, "タグの名前です。確認項目の tags にこのとおり書きます", example="役割分担"),
    FieldSpec("description", "markdown", True, "どんな確認項目に付けるタグかの説明です"),
]


def tag_anchor(tag: str) -> str:
    """The tag's anchor on the tag page: its own text, so a link says what it points to.
    Different tags can share one (「会計 報告」 and 「会計-報告」): the loader refuses that."""
    # Anything but letters (any script), digits and a few joiners would break attr_list or the URL.
    return "tag-" + "".join(char if char.isalnum() or char in "-_・ー" else "-" for char in tag)


@dataclass(frozen=True)
class Tag:
    name: str
    description: str
    line: int


def read_tag_list(root, path: str, errors: list) -> list[Tag]:
    reader = MappingReader(root, path, "", TAG_LIST_FIELDS, errors, "タグの一覧")
    tags: list = []
    if not reader.ok:
        return tags
    seen: dict = {}
    for index, node in enumerate(reader.sequence("tags", allow_empty=False), start=1):
        entry = MappingReader(node, path, f"tags[{index}]", TAG_FIELDS, errors, "タグ")
        if not entry.ok:
            continue
        name = entry.string("name")
        description = entry.string("description")
        if name is not None and name in seen:
            errors.append(DataError(SourceLocation(path, node.line),
                                    f"tags[{index}].name: タグ「{name}」が重複しています（{seen[name]}行目にもあります）", rules.DUPLICATE_ENTRY))
            continue
        if name is not None and description is not None:
            seen[name] = node.line
            tags.append(Tag(name, description.strip(), node.line))
    return tags


def load_tag_list(project_root: Path, errors: list) -> list[Tag] | None:
    """The known tags, or None when the project keeps no tag list."""
    path = project_root / TAG_LIST_PATH
    if not path.is_file():
        return None
    loaded = load_yaml_file(path, TAG_LIST_PATH)
    errors.extend(loaded.errors)
    if loaded.root is None:
        return []
    return read_tag_list(loaded.root, TAG_LIST_PATH, errors)
