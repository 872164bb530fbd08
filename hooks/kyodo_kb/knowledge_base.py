"""Loads every data file of the project into one validated, cross-checked KnowledgeBase.

This is the only reader of data files: ordinances, checklists and flows, and data/tags.yml and
data/changelog.yml. `load_knowledge_base` (the build) and `validate_project` (`make check`) read the
same files with the same functions, so they report the same errors.

Cross-file rules (unique checklist ids, unique item ids across all checklists) and the
back-link index (provision -> citing cautions) live here, each built once in linear time.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
import datetime
from functools import cached_property
import multiprocessing
import os
from pathlib import Path

from kyodo_kb.sources import rules
from kyodo_kb.formats.changelog import Changelog, load_changelog
from kyodo_kb.formats.checklist import Checklist, load_checklist
from kyodo_kb.formats.editions import DRAFT_VERSION, load_editions, same_content, snapshot_of
from kyodo_kb.formats.citations import CitationResolver
from kyodo_kb.tooling.collection_pause import without_cyclic_collection
from kyodo_kb.formats.flow import check_outcome_links, load_flow
from kyodo_kb.formats.amendments import pending_amendments
from kyodo_kb.formats.ordinance import Ordinance, load_ordinance
from kyodo_kb.formats.notation import load_notation_rules
from kyodo_kb.formats.tags import load_tag_list
from kyodo_kb.formats.paperwork import check_paperwork_links, load_paperwork
from kyodo_kb.formats.training import TRAINING_DIR, load_training_path
from kyodo_kb.sources.errors import DataError, DataErrors, SourceLocation
from kyodo_kb.formats.tags import tag_anchor
from kyodo_kb.sources.markdown_headings import GuidelineSections

CHECKLIST_DIR = "checklists"
ORDINANCE_DIR = "ordinances"
FLOW_DIR = "flows"


@dataclass(frozen=True)
class Revision:
    """What the printed title block shows: the edition's name and the newest changelog date."""
    edition: str
    date: datetime.date


@dataclass(frozen=True)
class KnowledgeBase:
    ordinances: list
    checklists: list
    citing_items: dict = field(default_factory=dict)  # (ordinance_id, anchor) -> [(Checklist, ChecklistItem)]
    flows: list = field(default_factory=list)
    tags: tuple | None = None  # of formats.tags.Tag, in file order; None when there is no data/tags.yml
    changelog: Changelog = Changelog("", ())
    editions: tuple = ()  # of formats.editions.Edition: the published editions (data/editions/), oldest first
    notation: tuple | None = None  # of formats.notation.NotationRule (data/hyoki.yml); None without the file
    paperwork: tuple = ()  # of paperwork.Sheet (role-table, agreement, evaluation), those present
    training_paths: list = field(default_factory=list)
    # item id -> formats.amendments.PendingAmendment the caution was not reviewed against
    pending_amendments: dict = field(default_factory=dict)

    @cached_property
    def _cautions(self) -> dict:
        return {item.id: (c, item) for c in self.checklists for item in c.items}

    def caution(self, item_id: str):
        """(Checklist, ChecklistItem) of an item id, or None."""
        return self._cautions.get(item_id)

    def ordinance(self, ordinance_id: str) -> Ordinance:
        return next(o for o in self.ordinances if o.id == ordinance_id)

    @cached_property
    def checklist_by_page(self) -> dict:
        """page src_uri -> Checklist"""
        return {checklist.page_src: checklist for checklist in self.checklists}

    @cached_property
    def edition_history(self) -> list:
        """The published editions oldest first, and the current data as a draft when it differs."""
        editions = list(self.editions)
        draft = snapshot_of(self.checklists, DRAFT_VERSION, None)
        if not editions or not same_content(editions[-1], draft):
            editions.append(draft)
        return editions

    @property
    def revision(self) -> Revision | None:
        """The edition and the date of the newest changelog entry (None without any entry)."""
        newest = self.changelog.newest
        return Revision(self.changelog.edition, newest.date) if newest is not None else None


def data_files(root: Path, folder: str) -> list[Path]:
    directory = root / folder
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())


def relative(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


@dataclass(frozen=True)
class ItemOutline:
    id: str
    line: int
    tags: tuple = ()


@dataclass(frozen=True)
class ChecklistOutline:
    """What the cross-file rules need of a checklist: a worker process sends this back
    instead of the whole model, which would cost more to copy than to read."""
    id: str
    path: str
    line: int
    items: tuple  # of ItemOutline
    profile: tuple


@without_cyclic_collection
def load_knowledge_base(root: Path, editions: bool = True) -> KnowledgeBase:
    """Loads and validates all data under `root`; raises DataErrors with every problem found.
    `editions=False` leaves data/editions/ unread (`make edition`, which writes the missing one)."""
    errors: list = []
    ordinances = load_ordinances(root, errors)
    ordinances_ok = not errors
    resolver = CitationResolver(ordinances)
    checklists = []
    register = _CrossFileRules(errors)
    for path in data_files(root, CHECKLIST_DIR):
        broken: list = []
        checklist = load_checklist(path, relative(root, path), resolver, errors, broken)
        if checklist is not None and register(checklist):
            checklists.append(checklist)
        for outline in _outlines_of_broken(relative(root, path), broken):
            register(outline)
    checklists_ok = not errors
    flows = load_flows(root, checklists, errors)
    paperwork = _load_paperwork(root, resolver, checklists if checklists_ok else None, errors)
    training_paths = load_training_paths(root, resolver, {i.id for c in checklists for i in c.items}, checklists_ok, errors)
    tags, changelog, editions, notation = load_site_data(root, errors, editions)
    # reviews are judged against sound ordinances only (a broken file would hide its amendments)
    pending = pending_amendments(checklists, ordinances, errors) if ordinances_ok else {}
    if errors:
        raise DataErrors(errors)
    citing: dict = defaultdict(list)
    for checklist in checklists:
        for item in checklist.items:
            for key in dict.fromkeys(c.ref.key for c in item.basis):
                citing[key].append((checklist, item))
    return KnowledgeBase(ordinances, checklists, dict(citing), flows, tags, changelog, editions, paperwork=paperwork,
                         notation=notation, training_paths=training_paths, pending_amendments=pending)


def load_site_data(root: Path, errors: list, with_editions: bool = True) -> tuple:
    """(tags or None, Changelog, editions): the files of data/. Editions are checked against the
    changelog's versions and dates, so only when the changelog itself is sound."""
    tags = load_tag_list(root, errors)
    notation = load_notation_rules(root, errors)
    changelog_errors: list = []
    changelog = load_changelog(root, changelog_errors)
    errors.extend(changelog_errors)
    editions = load_editions(root, list(changelog.revisions), errors) if with_editions and not changelog_errors else []
    return (tuple(tags) if tags is not None else None), changelog, tuple(editions), (tuple(notation) if notation is not None else None)


@without_cyclic_collection
def validate_project(root: Path, workers: int | None = None) -> tuple[list, dict]:
    """The errors `load_knowledge_base` would raise, and counts of what was
    read ({"checklists", "items", "ordinances"}). Checklist files are read by `workers`
    processes (default: one per core) when there are enough of them to repay the start-up."""
    errors: list = []
    ordinances = load_ordinances(root, errors)
    paths = [relative(root, path) for path in data_files(root, CHECKLIST_DIR)]
    workers = min(workers or os.cpu_count() or 1, max(1, len(paths) // _FILES_PER_WORKER_AT_LEAST))
    chunks = [paths]
    if workers > 1:
        size = -(-len(paths) // (workers * 4))
        chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
    results = None
    site_errors: list | None = None  # data/ (editions above all), read here while the workers read checklists
    if len(chunks) > 1:
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                pending = pool.starmap_async(_outline_files, [(root, chunk, ordinances) for chunk in chunks])
                site_errors = []
                load_site_data(root, site_errors)
                results = pending.get()
        except (OSError, ValueError):  # no fork here (or no resources for it): read them all in this process
            results = None
    if results is None:
        results = [_outline_files(root, paths, ordinances)]
    outlines = []
    register = _CrossFileRules(errors)
    for file_errors, outline, broken in (entry for chunk in results for entry in chunk):
        errors.extend(file_errors)
        if outline is not None and register(outline):
            outlines.append(outline)
        for partial in broken:
            register(partial)
    checklists_ok = not errors
    load_flows(root, outlines, errors)
    _load_paperwork(root, CitationResolver(ordinances), outlines if checklists_ok else None, errors)
    load_training_paths(root, CitationResolver(ordinances), {i.id for o in outlines for i in o.items}, checklists_ok, errors)
    if site_errors is None:
        site_errors = []
        load_site_data(root, site_errors)
    errors.extend(site_errors)
    counts = {"checklists": len(outlines), "items": sum(len(o.items) for o in outlines), "ordinances": len(ordinances)}
    return errors, counts


# Below this many files per process, starting the processes costs more than it saves.
_FILES_PER_WORKER_AT_LEAST = 50


def _outline_files(root: Path, paths: list, ordinances: list) -> list:
    """[(errors of the file, ChecklistOutline or None)] for each path, in order."""
    resolver = CitationResolver(ordinances)
    results = []
    for display_path in paths:
        file_errors: list = []
        broken: list = []
        checklist = load_checklist(root / display_path, display_path, resolver, file_errors, broken)
        outline = None
        if checklist is not None:
            outline = ChecklistOutline(checklist.id, checklist.path, checklist.line,
                                       tuple(ItemOutline(item.id, item.line, item.tags) for item in checklist.items),
                                       checklist.profile)
        results.append((file_errors, outline, _outlines_of_broken(display_path, broken)))
    return results


def _outlines_of_broken(path: str, broken: list) -> list:
    """Outlines of a checklist that has errors of its own: only its ids, for the cross-file rules."""
    return [ChecklistOutline(checklist_id, path, line, tuple(ItemOutline(i, n) for i, n in items), ())
            for checklist_id, line, items in broken]


def load_ordinances(root: Path, errors: list) -> list:
    ordinances = []
    ordinance_ids: dict = {}
    for path in data_files(root, ORDINANCE_DIR):
        ordinance = load_ordinance(path, relative(root, path), errors)
        if ordinance is None:
            continue
        if ordinance.id in ordinance_ids:
            errors.append(DataError(SourceLocation(ordinance.path, 1), f"id: 条例 ID「{ordinance.id}」は {ordinance_ids[ordinance.id]} でも使われています", rules.ID_NOT_UNIQUE))
            continue
        ordinance_ids[ordinance.id] = ordinance.path
        ordinances.append(ordinance)
    if not ordinances and not errors:
        errors.append(DataError(SourceLocation(ORDINANCE_DIR, 0), "条例のデータ（ordinances/*.yml）が1件もありません", rules.NO_ORDINANCES))
    return ordinances


class _CrossFileRules:
    """Checklist ids and item ids unique across files, checked as each checklist comes in
    (one dict lookup per id). Calling it with a checklist (or outline) returns whether the
    checklist is kept.

    Item ids are compared without regard to case (KK-01 and kk-01 would be one anchor to a
    reader, and one file name on Windows); tags are compared by the anchor of their section
    on the tag page (「会計 報告」, 「会計-報告」 and 「会計/報告」 would share #tag-会計-報告)."""

    def __init__(self, errors: list):
        self.errors = errors
        self.checklist_ids: dict = {}
        self.item_ids: dict = {}  # casefolded id -> (path, line, id as written)
        self.tag_anchors: dict = {}  # casefolded anchor -> (tag, path, line)

    def __call__(self, checklist) -> bool:
        if checklist.id is not None and checklist.id in self.checklist_ids:
            self.errors.append(DataError(SourceLocation(checklist.path, checklist.line),
                                         f"id: チェックリスト ID「{checklist.id}」は {self.checklist_ids[checklist.id]} でも使われています。別の ID にしてください", rules.ID_NOT_UNIQUE))
            return False
        duplicate = False
        for item in checklist.items:
            key = item.id.casefold()
            if key in self.item_ids:
                other_path, other_line, other_id = self.item_ids[key]
                if other_id == item.id:
                    self.errors.append(DataError(SourceLocation(checklist.path, item.line),
                                                 f"id: 項目 ID「{item.id}」は {other_path}:{other_line} でも使われています。項目 ID はすべてのチェックリストを通して一意にしてください", rules.ID_NOT_UNIQUE))
                else:
                    self.errors.append(DataError(SourceLocation(checklist.path, item.line),
                                                 f"id: 項目 ID「{item.id}」は {other_path}:{other_line} の「{other_id}」と大文字・小文字の違いしかありません。"
                                                 "項目 ID はすべてのチェックリストを通して一意にしてください（大文字と小文字は区別しません）", rules.ID_CASE_ONLY))
                duplicate = True
            else:
                self.item_ids[key] = (checklist.path, item.line, item.id)
            for tag in item.tags:
                anchor = tag_anchor(tag).casefold()
                other = self.tag_anchors.setdefault(anchor, (tag, checklist.path, item.line))
                if other[0] != tag:
                    self.errors.append(DataError(SourceLocation(checklist.path, item.line),
                                                 f"tags: タグ「{tag}」は {other[1]}:{other[2]} のタグ「{other[0]}」とタグ一覧の見出し（#{tag_anchor(tag)}）が同じになり、"
                                                 "区別できません（空白や記号はハイフンと同じに扱われます）。どちらかの表記にそろえてください", rules.TAG_ANCHOR_COLLISION))
                    duplicate = True
        if not duplicate and checklist.id is not None:
            self.checklist_ids[checklist.id] = checklist.path
        return not duplicate


def _load_paperwork(root: Path, resolver: CitationResolver, checklists: list | None, errors: list) -> tuple:
    # Like flows: caution and form ids are checked only over a clean set of checklists (None
    # when some checklist had errors: a dropped checklist would make its ids look missing).
    sheets = load_paperwork(root, resolver, errors)
    if checklists is not None:
        errors.extend(check_paperwork_links(sheets, checklists))
    return sheets


def load_flows(root: Path, checklists: list, errors: list) -> list:
    # Outcome links are checked only over a clean set of checklists: a checklist dropped for
    # its own errors would otherwise also show up as "missing" here.
    checklists_ok = not errors
    flows = []
    flow_ids: dict = {}
    for path in data_files(root, FLOW_DIR):
        flow = load_flow(path, relative(root, path), errors)
        if flow is None:
            continue
        if flow.id in flow_ids:
            errors.append(DataError(SourceLocation(flow.path, flow.line),
                                    f"id: 流れの ID「{flow.id}」は {flow_ids[flow.id]} でも使われています。別の ID にしてください", rules.ID_NOT_UNIQUE))
            continue
        flow_ids[flow.id] = flow.path
        if checklists_ok:
            link_errors = check_outcome_links(flow, checklists)
            errors.extend(link_errors)
            if link_errors:
                continue
        flows.append(flow)
    return flows


def load_training_paths(root: Path, resolver: CitationResolver, item_ids: set, checklists_ok: bool, errors: list) -> list:
    """Training paths; unknown cautions are reported only over a clean set of checklists
    (a caution of a checklist dropped for its own errors would otherwise look missing too)."""
    sections = GuidelineSections(root)
    paths = []
    path_ids: dict = {}
    for path in data_files(root, TRAINING_DIR):
        file_errors: list = []
        training = load_training_path(path, relative(root, path), resolver, item_ids, sections, file_errors)
        if checklists_ok or not any(e.rule == rules.TRAINING_UNKNOWN_CAUTION for e in file_errors):
            errors.extend(file_errors)
        if training is None:
            continue
        if training.id in path_ids:
            errors.append(DataError(SourceLocation(training.path, training.line),
                                    f"id: 研修の道筋の ID「{training.id}」は {path_ids[training.id]} でも使われています。別の ID にしてください",
                                    rules.ID_NOT_UNIQUE))
            continue
        path_ids[training.id] = training.path
        paths.append(training)
    return paths


def order_like_nav(checklists: list, nav_sources: list) -> list:
    """Checklists in the order editors gave them in the navigation; unlisted ones after, by file."""
    position = {src: index for index, src in enumerate(nav_sources)}
    return sorted(checklists, key=lambda c: (position.get(c.page_src, len(position)), c.path))
