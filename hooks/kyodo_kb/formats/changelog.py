"""The guideline's revision history (data/changelog.yml): format, validation and data model.

Editors add one entry per published revision; the 改定履歴 page lists them newest first.
Dates may be written bare (`2026-11-27`, which YAML reads as a date) or quoted.

Each entry may say whether it is a major or a minor change (`change: major|minor`); a major change
needs a change note (`change_note`): what changed that readers must re-check. Entries without
`change` stay valid (written before the field existed) and show 「区分 要確認」.
"""
from __future__ import annotations

from dataclasses import dataclass
import datetime
from pathlib import Path
import re

from kyodo_kb.sources import rules
from kyodo_kb.sources.field_specs import FieldSpec, MappingReader
from kyodo_kb.sources.errors import DataError, SourceLocation
from kyodo_kb.sources.yaml_source import YamlScalar, load_yaml_file

CHANGELOG_PATH = "data/changelog.yml"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# The page shows each date in 和暦 too, which is defined from 1873-01-01 (the first day of the
# Gregorian calendar in Japan; kyodo_kb.render.wareki.EARLIEST, a test keeps the two equal).
EARLIEST_DATE = datetime.date(1873, 1, 1)

CHANGELOG_FIELDS = [
    FieldSpec("edition", "line", False, "印刷・PDF の表題欄に載せる版の名前です。改訂日には revisions の最新の日付が載ります",
              example="協働のガイドライン（補強版）"),
    FieldSpec("revisions", "list", True, "改定の記録のリストです。新しい改定を先頭に書きます"),
]
REVISION_FIELDS = [
    FieldSpec("date", "date", True, "改定した日です（西暦の年-月-日）", DATE_PATTERN, "2026-11-27"),
    FieldSpec("version", "line", True, "版の番号です（引用符で囲みます）", example="\"1.1\""),
    FieldSpec("summary", "markdown", True, "改定の内容です（Markdown）"),
    FieldSpec("change", "line", False, "改定の区分です: major（大きな改定: 使う人が確かめ直すべき変更がある）か minor（小さな改定: 表記の修正など）。"
              "書かないと「区分 要確認」と表示します", r"^(major|minor)$", "minor"),
    FieldSpec("change_note", "markdown", False, "変更の要点です: 何が変わり、使う人が何を確かめ直すべきか。change が major のときは必須です"),
]
CHANGE_LABELS = {"major": "大きな改定", "minor": "小さな改定"}


@dataclass(frozen=True)
class Revision:
    date: datetime.date
    version: str
    summary: str
    line: int
    change: str | None = None  # "major", "minor", or None when the entry does not say (要確認)
    change_note: str | None = None

    @property
    def change_label(self) -> str:
        """大きな改定 / 小さな改定 / 要確認 (after 「区分」)."""
        return CHANGE_LABELS.get(self.change, "要確認")

    @property
    def change_phrase(self) -> str:
        """The label standing alone: 大きな改定 / 小さな改定 / 区分 要確認."""
        return CHANGE_LABELS.get(self.change, "区分 要確認")


def read_date(reader: MappingReader, name: str) -> datetime.date | None:
    date = _read_date(reader, name)
    if date is not None and date < EARLIEST_DATE:
        label = f"{reader.key_path}.{name}" if reader.key_path else name
        reader.errors.append(DataError(SourceLocation(reader.path, reader.raw(name).line),
                                       f"{label}: {date.isoformat()} は使えません（和暦に換算できるのは 1873-01-01 以降の日付です）。日付を確かめてください",
                                       rules.CHANGELOG_DATE_RANGE))
        return None
    return date


def _read_date(reader: MappingReader, name: str) -> datetime.date | None:
    value = reader.raw(name)
    if value is None:
        return None
    label = f"{reader.key_path}.{name}" if reader.key_path else name
    if isinstance(value, YamlScalar) and isinstance(value.value, datetime.datetime):
        return value.value.date()
    if isinstance(value, YamlScalar) and isinstance(value.value, datetime.date):
        return value.value
    if isinstance(value, YamlScalar) and isinstance(value.value, str) and re.match(DATE_PATTERN, value.value.strip()):
        try:
            return datetime.date.fromisoformat(value.value.strip())
        except ValueError:
            pass
    shown = value.value if isinstance(value, YamlScalar) else "リストなど"
    reader.errors.append(DataError(SourceLocation(reader.path, value.line),
                                   f"{label}: 日付を「2026-11-27」のように西暦の年-月-日で書いてください（「{shown}」が書かれています）", rules.CHANGELOG_DATE))
    return None


def version_anchor(version: str) -> str:
    """The anchor of a revision's heading on the 改定履歴 page (#v1-1 for 1.1)."""
    return "v" + ("".join(c if c.isascii() and c.isalnum() else "-" for c in version).strip("-").lower() or "x")


@dataclass(frozen=True)
class Changelog:
    edition: str  # '' when the file names none
    revisions: tuple  # of Revision, newest first

    @property
    def newest(self) -> Revision | None:
        return self.revisions[0] if self.revisions else None


def read_changelog(root, path: str, errors: list) -> Changelog:
    reader = MappingReader(root, path, "", CHANGELOG_FIELDS, errors, "改定履歴")
    if not reader.ok:
        return Changelog("", ())
    return Changelog(reader.string("edition") or "", tuple(_read_revisions(reader, path, errors)))


def _read_revisions(reader: MappingReader, path: str, errors: list) -> list[Revision]:
    revisions = []
    versions: dict = {}
    anchors: dict = {}  # anchor -> (version, line): 「1.0」 and 「1-0」 would share #v1-0
    for index, node in enumerate(reader.sequence("revisions", allow_empty=False), start=1):
        entry = MappingReader(node, path, f"revisions[{index}]", REVISION_FIELDS, errors, "改定の記録")
        if not entry.ok:
            continue
        date = read_date(entry, "date")
        version = entry.string("version")
        summary = entry.string("summary")
        change = _read_change(entry, index)
        change_note = entry.string("change_note")
        if change == "major" and change_note is None and entry.ok and not entry.has("change_note"):
            errors.append(DataError(SourceLocation(path, entry.line_of("change")),
                                    f"revisions[{index}].change_note: 大きな改定（change: major）には、変更の要点を change_note に書いてください"
                                    "（何が変わり、使う人が何を確かめ直すべきか）", rules.CHANGELOG_CHANGE_NOTE))
        if version is not None and version in versions:
            errors.append(DataError(SourceLocation(path, entry.line_of("version")),
                                    f"revisions[{index}].version: 版「{version}」が重複しています（{versions[version]}行目にもあります）", rules.DUPLICATE_ENTRY))
            continue
        if version is not None and version_anchor(version) in anchors:
            other, other_line = anchors[version_anchor(version)]
            errors.append(DataError(SourceLocation(path, entry.line_of("version")),
                                    f"revisions[{index}].version: 版「{version}」は、版「{other}」（{other_line}行目）と見出しのアンカー（#{version_anchor(version)}）が同じになり、"
                                    "リンクで区別できません。版の番号の書き方をそろえてください（例: 1.0 と 1.1）", rules.CHANGELOG_VERSION_ANCHOR))
            continue
        if version is not None:
            versions[version] = entry.line_of("version")
            anchors[version_anchor(version)] = (version, entry.line_of("version"))
        if None not in (date, version, summary):
            revisions.append(Revision(date, version, summary.strip(), node.line, change,
                                      change_note.strip() if change_note else None))
    return sorted(revisions, key=lambda r: r.date, reverse=True)


def _read_change(entry: MappingReader, index: int) -> str | None:
    value = entry.raw("change")
    if value is None:
        return None
    text = value.value.strip() if isinstance(value, YamlScalar) and isinstance(value.value, str) else None
    if text in CHANGE_LABELS:
        return text
    shown = text if text is not None else (value.value if isinstance(value, YamlScalar) else "リストなど")
    entry.errors.append(DataError(SourceLocation(entry.path, value.line),
                                  f"revisions[{index}].change: 「{shown}」は使えません。major（大きな改定）か minor（小さな改定）を書いてください",
                                  rules.CHANGELOG_CHANGE_KIND))
    return None


def load_changelog(project_root: Path, errors: list) -> Changelog:
    """The edition and the revisions, newest first; an absent file is no revision, not an error."""
    path = project_root / CHANGELOG_PATH
    if not path.is_file():
        return Changelog("", ())
    loaded = load_yaml_file(path, CHANGELOG_PATH)
    errors.extend(loaded.errors)
    if loaded.root is None:
        return Changelog("", ())
    return read_changelog(loaded.root, CHANGELOG_PATH, errors)
