"""Published editions (版) of the checklists: one committed snapshot per edition.

Why snapshots in the repository and not the git history: the site is also built from copies
without git (a zip handed to another department, the publish folder), and a snapshot must say
exactly what a printed sheet showed even after the history is squashed or rewritten. So
publishing an edition (`make edition VERSION=1.1`, after adding its entry to
data/changelog.yml) writes data/editions/<版>.json: every caution's check, caution and basis
(canonical citation labels) with a content fingerprint. The file is JSON, written one caution
per line, so that a diff between two editions in git reads item by item, and a build reads it
fast (json is C). Everything else - what was added, changed or removed in an edition, each
item's revision history, the 「改定」 marks - is derived from the snapshots, never stored twice.

The fingerprint is the first 12 hex digits of SHA-256 over [check, caution, basis labels]:
browsers compare it to what they saw last, answers are carried over when it is unchanged, and
printed sheets carry it so that paper can be matched to an edition.
"""
from __future__ import annotations

from dataclasses import dataclass
import datetime
import hashlib
import json
from pathlib import Path
import re

from kyodo_kb.sources import rules
from kyodo_kb.sources.errors import DataError, SourceLocation

EDITIONS_DIR = "data/editions"
SNAPSHOT_FORMAT = 1
DRAFT_VERSION = "現在"  # the data as it is now, when it differs from the newest edition


def item_fingerprint(check: str, caution: str, basis: tuple | list) -> str:
    """A short hash of what an item says (its question, its caution and the provisions it cites)."""
    encoded = json.dumps([check, caution.strip(), list(basis)], ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()[:12]


def fingerprint_of(item) -> str:
    """The fingerprint of a loaded ChecklistItem (basis as canonical labels, so 第９条 and 第9条 are one)."""
    return item_fingerprint(item.check, item.caution, [c.ref.label for c in item.basis])


@dataclass(frozen=True)
class SnapshotItem:
    id: str
    check: str
    caution: str
    basis: tuple  # of canonical citation labels
    fingerprint: str
    line: int = 0


@dataclass(frozen=True)
class SnapshotChecklist:
    id: str
    title: str
    items: tuple  # of SnapshotItem
    line: int = 0


@dataclass(frozen=True)
class Edition:
    version: str
    date: datetime.date | None  # None for the unpublished draft
    checklists: tuple  # of SnapshotChecklist
    path: str = ""

    @property
    def draft(self) -> bool:
        return self.version == DRAFT_VERSION

    def items(self) -> dict:
        """item id -> (SnapshotChecklist, SnapshotItem)"""
        return {item.id: (checklist, item) for checklist in self.checklists for item in checklist.items}


def snapshot_of(checklists, version: str, date: datetime.date | None) -> Edition:
    """The edition the loaded checklists make (in the order given)."""
    return Edition(version, date, tuple(
        SnapshotChecklist(c.id, c.title, tuple(
            SnapshotItem(i.id, i.check, i.caution.strip(), tuple(b.ref.label for b in i.basis), fingerprint_of(i))
            for i in c.items))
        for c in checklists))


def snapshot_path(version: str) -> str:
    return f"{EDITIONS_DIR}/{version}.json"


def snapshot_text(edition: Edition) -> str:
    """The committed file: valid JSON, one caution per line."""
    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))

    lines = ["{" + f'"format": {SNAPSHOT_FORMAT}, "edition": {dump(edition.version)}, '
             f'"date": {dump(edition.date.isoformat())},', ' "checklists": [']
    for c_index, checklist in enumerate(edition.checklists):
        lines.append(f'  {{"id": {dump(checklist.id)}, "title": {dump(checklist.title)}, "items": [')
        for i_index, item in enumerate(checklist.items):
            comma = "," if i_index < len(checklist.items) - 1 else ""
            lines.append("   " + dump({"id": item.id, "check": item.check, "caution": item.caution,
                                       "basis": list(item.basis), "fingerprint": item.fingerprint}) + comma)
        lines.append("  ]}" + ("," if c_index < len(edition.checklists) - 1 else ""))
    lines.append(" ]}")
    return "\n".join(lines) + "\n"


_VERSION_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-]*$")


def read_snapshot(text: str, path: str, errors: list) -> Edition | None:
    """A snapshot file; every problem is a located error (the file is written by `make edition`,
    so a problem nearly always means it was edited by hand or merged badly)."""
    redo = "版のファイルは手で編集せず、make edition で作り直してください"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        errors.append(DataError(SourceLocation(path, exc.lineno), f"JSON として読めません（{exc.msg}）。{redo}", rules.EDITION_DAMAGED))
        return None
    lines = _item_lines(text)
    problems_before = len(errors)

    def _error(line: int, message: str, rule: str = rules.EDITION_DAMAGED) -> None:
        errors.append(DataError(SourceLocation(path, line), f"{message}。{redo}", rule))

    if not isinstance(data, dict) or data.get("format") != SNAPSHOT_FORMAT:
        _error(1, f"版のファイルの形式（format: {SNAPSHOT_FORMAT}）ではありません")
        return None
    version, date_text, checklists = data.get("edition"), data.get("date"), data.get("checklists")
    date = None
    if isinstance(date_text, str):
        try:
            date = datetime.date.fromisoformat(date_text)
        except ValueError:
            pass
    if not isinstance(version, str) or date is None or not isinstance(checklists, list):
        _error(1, "edition（版）、date（日付）、checklists（チェックリスト）のいずれかがないか、形が違います")
        return None
    result = []
    for checklist in checklists:
        if not (isinstance(checklist, dict) and isinstance(checklist.get("id"), str)
                and isinstance(checklist.get("title"), str) and isinstance(checklist.get("items"), list)):
            _error(1, "チェックリストの記録（id, title, items）の形が違います")
            continue
        items = []
        for item in checklist["items"]:
            fields = ("id", "check", "caution", "fingerprint")
            if not (isinstance(item, dict) and all(isinstance(item.get(f), str) for f in fields)
                    and isinstance(item.get("basis"), list) and all(isinstance(b, str) for b in item["basis"])):
                _error(lines.get(item.get("id") if isinstance(item, dict) else None, 1),
                        f"チェックリスト「{checklist['id']}」の項目の記録（id, check, caution, basis, fingerprint）の形が違います")
                continue
            line = lines.get(item["id"], 1)
            expected = item_fingerprint(item["check"], item["caution"], item["basis"])
            if item["fingerprint"] != expected:
                _error(line, f"項目「{item['id']}」の fingerprint（{item['fingerprint']}）が内容と一致しません（内容からは {expected}）",
                       rules.EDITION_FINGERPRINT)
                continue
            items.append(SnapshotItem(item["id"], item["check"], item["caution"], tuple(item["basis"]), expected, line))
        result.append(SnapshotChecklist(checklist["id"], checklist["title"], tuple(items), lines.get(("checklist", checklist["id"]), 1)))
    if len(errors) > problems_before:
        return None
    return Edition(version, date, tuple(result), path)


def _item_lines(text: str) -> dict:
    """item id -> line, ("checklist", id) -> line, from the one-record-per-line layout."""
    lines: dict = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = re.match(r'\s*\{"id": "((?:[^"\\]|\\.)*)", "(check|title)"', line)
        if match:
            key = match.group(1) if match.group(2) == "check" else ("checklist", match.group(1))
            lines.setdefault(key, number)
    return lines


def load_editions(project_root: Path, revisions: list, errors: list) -> list[Edition]:
    """Every published edition, oldest first, checked against data/changelog.yml: each revision
    there has its snapshot, each snapshot its revision (same version and date)."""
    folder = project_root / EDITIONS_DIR
    by_version = {r.version: r for r in revisions}
    editions = []
    seen = set()
    paths = sorted(folder.glob("*.json")) if folder.is_dir() else []
    for file in paths:
        path = f"{EDITIONS_DIR}/{file.name}"
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(DataError(SourceLocation(path, 0), f"ファイルを読めません（{type(exc).__name__}）", rules.EDITION_DAMAGED))
            continue
        edition = read_snapshot(text, path, errors)
        if edition is None:
            continue
        if file.stem != edition.version:
            errors.append(DataError(SourceLocation(path, 1), f"ファイル名は版の番号と同じ {edition.version}.json にしてください",
                                    rules.EDITION_FILE_NAME))
            continue
        revision = by_version.get(edition.version)
        if revision is None:
            errors.append(DataError(SourceLocation(path, 1),
                                    f"版「{edition.version}」の記録が data/changelog.yml にありません。改定の記録を追加するか、このファイルを削除してください",
                                    rules.EDITION_NOT_IN_CHANGELOG))
            continue
        if revision.date != edition.date:
            errors.append(DataError(SourceLocation(path, 1),
                                    f"日付 {edition.date.isoformat()} が data/changelog.yml の版「{edition.version}」の日付 "
                                    f"{revision.date.isoformat()} と違います。make edition VERSION={edition.version} で作り直してください", rules.EDITION_DATE))
            continue
        seen.add(edition.version)
        editions.append(edition)
    for revision in revisions:
        if revision.version not in seen and not any(e.location.path == snapshot_path(revision.version) for e in errors):
            errors.append(DataError(SourceLocation("data/changelog.yml", revision.line),
                                    f"版「{revision.version}」の内容の記録 {snapshot_path(revision.version)} がありません。"
                                    f"make edition VERSION={revision.version} で作ってください", rules.EDITION_MISSING))
    return sorted(editions, key=lambda e: (e.date, e.version))


# --- comparing editions -------------------------------------------------------------------

@dataclass(frozen=True)
class ChecklistChanges:
    id: str
    title: str
    added: tuple  # of SnapshotItem
    changed: tuple  # of (old SnapshotItem, new SnapshotItem)
    removed: tuple  # of SnapshotItem

    @property
    def count(self) -> int:
        return len(self.added) + len(self.changed) + len(self.removed)


def compare_editions(old: Edition, new: Edition) -> list[ChecklistChanges]:
    """Per checklist (new edition's order, then checklists only the old one has): the items
    added, changed (different fingerprint) and removed. An item that moved to another checklist
    counts under the checklist it is in now (changed only if its content changed)."""
    old_items, new_items = old.items(), new.items()
    results = []
    titles = {}
    order = []
    for checklist in new.checklists + old.checklists:
        if checklist.id not in titles:
            titles[checklist.id] = checklist.title
            order.append(checklist.id)
    grouped: dict = {cid: ([], [], []) for cid in order}
    for checklist in new.checklists:
        for item in checklist.items:
            before = old_items.get(item.id)
            if before is None:
                grouped[checklist.id][0].append(item)
            elif before[1].fingerprint != item.fingerprint:
                grouped[checklist.id][1].append((before[1], item))
    for checklist in old.checklists:
        for item in checklist.items:
            if item.id not in new_items:
                grouped[checklist.id][2].append(item)
    for cid in order:
        added, changed, removed = grouped[cid]
        if added or changed or removed:
            results.append(ChecklistChanges(cid, titles[cid], tuple(added), tuple(changed), tuple(removed)))
    return results


@dataclass(frozen=True)
class ItemRevision:
    version: str
    date: datetime.date | None
    kind: str  # "追加", "改定" or "削除"


def item_histories(editions: list[Edition]) -> dict:
    """item id -> [ItemRevision] oldest first, over editions given oldest first."""
    histories: dict = {}
    previous: dict = {}
    for edition in editions:
        current = {item.id: item.fingerprint for checklist in edition.checklists for item in checklist.items}
        for item_id, fingerprint in current.items():
            if item_id not in previous:
                histories.setdefault(item_id, []).append(ItemRevision(edition.version, edition.date, "追加"))
            elif previous[item_id] != fingerprint:
                histories.setdefault(item_id, []).append(ItemRevision(edition.version, edition.date, "改定"))
        for item_id in previous.keys() - current.keys():
            histories.setdefault(item_id, []).append(ItemRevision(edition.version, edition.date, "削除"))
        previous = current
    return histories


def same_content(a: Edition, b: Edition) -> bool:
    """The same items with the same fingerprints in the same checklists (checklist order aside)."""
    return ({c.id: [i.fingerprint for i in c.items] for c in a.checklists}
            == {c.id: [i.fingerprint for i in c.items] for c in b.checklists})
