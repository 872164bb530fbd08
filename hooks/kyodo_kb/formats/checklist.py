"""Checklists of cautions (留意事項): the file format, its validation and the data model.

A file that uses only the fields of the original format (id, title, summary, items with
id, check, caution, basis, tags) stays valid as long as every caution has a basis; a caution
without one names its `sources` (kyodo_kb.formats.provenance), and no check ends negatively.
"""
from __future__ import annotations

from dataclasses import dataclass
import datetime
import hashlib
import json
from pathlib import Path
import re

from kyodo_kb.sources import rules
from kyodo_kb.formats.citations import CitationError, CitationResolver, ProvisionRef
from kyodo_kb.formats.conditions import read_applies_when, read_profile
from kyodo_kb.formats.ordinance import read_provision_date
from kyodo_kb.formats.provenance import check_polarity, check_provenance, read_sources
from kyodo_kb.sources.field_specs import FieldSpec, ITEM_ID_PATTERN, MappingReader, SLUG_PATTERN
from kyodo_kb.sources.errors import DataError, SourceLocation, unexpected_error
from kyodo_kb.sources.yaml_source import YamlMapping, YamlScalar, load_yaml_file

CHECKLIST_FIELDS = [
    FieldSpec("id", "slug", True, "チェックリストの識別子です（半角英小文字・数字・ハイフン）。ページの URL（checklists/<id>/）になります", SLUG_PATTERN, "keikaku"),
    FieldSpec("title", "line", True, "チェックリストの題名です", example="企画・協働の検討段階の留意事項"),
    FieldSpec("summary", "markdown", False, "チェックリストの説明です（Markdown）"),
    FieldSpec("items", "list", True, "確認項目（留意事項）のリストです"),
    FieldSpec("profile", "list", False, "最初に尋ねる質問のリストです（協働の形態など）。項目の applies_when で、答えに応じて表示する項目を絞ります"),
    FieldSpec("stage", "integer", False, "協働の進め方の段階の順番です（1、2、3…）。書いたチェックリストは、この順でホームの「はじめて協働に取り組むとき」と協働の形態を選ぶの結果に並び、ページの最後に「次の段階へ」が付きます。段階でないチェックリストには書きません", example="1"),
]
ITEM_FIELDS = [
    FieldSpec("id", "item_id", True, "項目の識別子です（半角英数字とハイフン、全チェックリストで一意）。ページ内のアンカーになります", ITEM_ID_PATTERN, "KK-01"),
    FieldSpec("check", "line", True, "職員が答える確認の問いです（1行、「…しているか」の形。「はい」が「できている」の意味になる肯定の形で、1つのことだけを尋ねます）", example="事業の目的を相手方と共有しているか"),
    FieldSpec("caution", "markdown", True, "留意事項です: 何に気をつけるか、なぜか、できていないときに何をするか（Markdown）"),
    FieldSpec("basis", "string_list", False, "根拠となる条例の規定のリストです。規定の文言がその留意事項を支えるものだけを書きます（basis か sources のどちらかは必須）", example="市民活動推進条例第9条第1項第1号"),
    FieldSpec("basis_reviewed", "date", False, "根拠の規定の改正を受けて、この留意事項を見直した改正の施行日です（西暦の年-月-日）。"
              "basis の規定（その条・項・号を含む）の amendments にある施行日のどれかを書きます。これより新しい改正があると「内容を確認中」と表示します",
              r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "2027-04-01"),
    FieldSpec("sources", "list", False, "留意事項の出典のリストです（それぞれ kind と、種類に応じて title・body・confirm・shokan）。basis がない留意事項には必須です", example="[{kind: seed, title: R3答申(5)}]"),
    FieldSpec("tags", "string_list", False, "検索や一覧に使うタグのリストです", example="[目的の共有, 役割分担]"),
    FieldSpec("applies_when", "mapping", False, "この項目が当てはまる条件です（profile の質問 ID: 選択肢 ID のリスト）", example="{keitai: [itaku, hojo]}"),
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
    applies_when: tuple = ()  # of conditions.Condition; empty = always applies
    sources: tuple = ()  # of provenance.Source
    # Where the parts are written, for messages about them (make lint)
    index: int = 0  # 1-based position in the file's items
    check_line: int = 0
    caution_line: int = 0
    tag_lines: tuple = ()  # of (tag, line), in the order of `tags`
    # the 施行日 of the newest amendment of the basis the caution was reviewed against (None: none)
    basis_reviewed: datetime.date | None = None
    basis_reviewed_line: int = 0


@dataclass(frozen=True)
class Checklist:
    id: str
    title: str
    summary: str | None
    items: tuple  # of ChecklistItem
    path: str  # relative source path, e.g. checklists/keikaku.yml
    line: int
    profile: tuple = ()  # of conditions.ProfileQuestion
    title_line: int = 0
    summary_line: int = 0  # 0 when there is no summary
    stage: int | None = None  # its place in 協働の進め方 (the first-timer's path); None = not a stage

    @property
    def page_src(self) -> str:
        return f"checklists/{self.id}.md"

    def question(self, question_id: str):
        return next((q for q in self.profile if q.id == question_id), None)


def content_version(checklist: Checklist) -> str:
    """A short hash of everything an answer depends on: browsers key saved answers by it,
    so a changed checklist starts fresh instead of showing answers to other questions."""
    data = {
        "id": checklist.id,
        "profile": [[q.id, q.question, [[o.id, o.label] for o in q.options]] for q in checklist.profile],
        "items": [[i.id, i.check, i.caution, [c.text for c in i.basis], [[c.question, list(c.options)] for c in i.applies_when]]
                  for i in checklist.items],
    }
    encoded = json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()[:12]


def item_fingerprint(item: ChecklistItem) -> str:
    """A short hash of what an answer to one item depends on (question, caution, basis, conditions).
    Browsers keep each answer with it, so answers carry over editions item by item and an answer
    to a changed item is never shown as if it answered the new text (CONVENTIONS.md)."""
    data = [item.id, item.check, item.caution, [c.text for c in item.basis],
            [[c.question, list(c.options)] for c in item.applies_when]]
    encoded = json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()[:10]


def load_checklist(path: Path, display_path: str, resolver: CitationResolver, errors: list,
                   ids_of_broken: list | None = None) -> Checklist | None:
    """The checklist, or None with its errors; then `ids_of_broken` (if given) receives the ids
    it could read, (checklist id or None, line, ((item id, line), …)), so that the cross-file
    rules report a duplicate id together with the file's other errors, not after they are fixed."""
    try:
        loaded = load_yaml_file(path, display_path)
        errors.extend(loaded.errors)
        if loaded.root is None:
            return None
        return read_checklist(loaded.root, display_path, resolver, errors, ids_of_broken)
    except Exception as exc:  # never a traceback for editors: report it against the file
        errors.append(unexpected_error(display_path, exc))
        return None


def read_checklist(root, path: str, resolver: CitationResolver, errors: list,
                   ids_of_broken: list | None = None) -> Checklist | None:
    count = len(errors)
    reader = MappingReader(root, path, "", CHECKLIST_FIELDS, errors, "チェックリストの内容")
    if not reader.ok:
        return None
    checklist_id = reader.string("id")
    title = reader.string("title")
    summary = reader.string("summary")
    stage = reader.integer("stage")
    profile = read_profile(reader.raw("profile"), path, "profile", errors)
    items = []
    seen: dict = {}
    for index, node in enumerate(reader.sequence("items", allow_empty=False), start=1):
        item = read_item(node, path, f"items[{index}]", resolver, errors, profile, index)
        # The id counts even when the item has other mistakes: all of them are reported at once.
        item_id = item.id if item is not None else _readable_item_id(node)
        if item_id is not None and item_id in seen:
            errors.append(DataError(SourceLocation(path, node.line),
                                    f"items[{index}].id: 項目 ID「{item_id}」が重複しています（{seen[item_id]}行目にもあります）。別の ID にしてください", rules.DUPLICATE_ENTRY))
            continue
        if item_id is not None:
            seen[item_id] = node.line
        if item is not None:
            items.append(item)
    if len(errors) > count or checklist_id is None or title is None:
        if ids_of_broken is not None:
            ids_of_broken.append((checklist_id, root.line, tuple(seen.items())))
        return None
    return Checklist(checklist_id, title, summary, tuple(items), path, root.line, profile,
                     reader.line_of("title"), reader.line_of("summary") if summary is not None else 0, stage)


def _readable_item_id(node) -> str | None:
    """The item's id if it is written correctly (its own mistakes are reported by read_item)."""
    value = node.entries.get("id") if isinstance(node, YamlMapping) else None
    if isinstance(value, YamlScalar) and isinstance(value.value, str) and re.match(ITEM_ID_PATTERN, value.value.strip()):
        return value.value.strip()
    return None


def read_item(node, path: str, key_path: str, resolver: CitationResolver, errors: list,
              profile: tuple = (), index: int = 0) -> ChecklistItem | None:
    count = len(errors)
    reader = MappingReader(node, path, key_path, ITEM_FIELDS, errors, "確認項目")
    if not reader.ok:
        return None
    item_id = reader.string("id")
    check = reader.string("check")
    caution = reader.string("caution")
    basis = []
    for number, (text, line) in enumerate(reader.string_list("basis"), start=1):
        try:
            basis.append(Citation(text, resolver.resolve(text), line))
        except CitationError as exc:
            errors.append(DataError(SourceLocation(path, line), f"{key_path}.basis[{number}]: {exc}", exc.rule))
    tags: dict = {}  # tag -> line of its first mention
    for text, line in reader.string_list("tags"):
        tags.setdefault(text, line)
    applies_when = read_applies_when(reader.raw("applies_when"), path, f"{key_path}.applies_when", profile, errors)
    sources = read_sources(reader.raw("sources"), path, f"{key_path}.sources", errors)
    basis_reviewed = read_provision_date(reader, "basis_reviewed")
    if check is not None:
        check_polarity(check, path, key_path, reader.line_of("check"), errors)
    if len(errors) > count or None in (item_id, check, caution):
        return None
    # Reported, but the item is kept: the cross-item rules (duplicate ids) still see it.
    # a basis or sources key written wrongly is reported already; the caution still names one
    named = tuple(basis) or reader.has("basis") or reader.has("sources")
    check_provenance(caution, named, sources, path, key_path, node.line, errors)
    return ChecklistItem(item_id, check, caution.strip(), tuple(basis), tuple(tags), node.line, applies_when, sources,
                         index, reader.line_of("check"), reader.line_of("caution"), tuple(tags.items()),
                         basis_reviewed, reader.line_of("basis_reviewed") if basis_reviewed else 0)
