"""Loads every data file of the project into one validated, cross-checked KnowledgeBase.

Cross-file rules (unique checklist ids, unique item ids across all checklists) and the
back-link index (provision -> citing cautions) live here, each built once in linear time.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from checklist_model import Checklist, load_checklist
from citations import CitationResolver
from flow_model import check_outcome_links, load_flow
from ordinance_model import Ordinance, load_ordinance
from source_errors import DataError, DataErrors, SourceLocation

CHECKLIST_DIR = "checklists"
ORDINANCE_DIR = "ordinances"
FLOW_DIR = "flows"


@dataclass
class KnowledgeBase:
    ordinances: list
    checklists: list
    citing_items: dict = field(default_factory=dict)  # (ordinance_id, anchor) -> [(Checklist, ChecklistItem)]
    flows: list = field(default_factory=list)

    def ordinance(self, ordinance_id: str) -> Ordinance:
        return next(o for o in self.ordinances if o.id == ordinance_id)


def data_files(root: Path, folder: str) -> list[Path]:
    directory = root / folder
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())


def relative(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def load_knowledge_base(root: Path) -> KnowledgeBase:
    """Loads and validates all data under `root`; raises DataErrors with every problem found."""
    errors: list = []
    ordinances = []
    ordinance_ids: dict = {}
    for path in data_files(root, ORDINANCE_DIR):
        ordinance = load_ordinance(path, relative(root, path), errors)
        if ordinance is None:
            continue
        if ordinance.id in ordinance_ids:
            errors.append(DataError(SourceLocation(ordinance.path, 1), f"id: 条例 ID「{ordinance.id}」は {ordinance_ids[ordinance.id]} でも使われています"))
            continue
        ordinance_ids[ordinance.id] = ordinance.path
        ordinances.append(ordinance)
    if not ordinances and not errors:
        errors.append(DataError(SourceLocation(ORDINANCE_DIR, 0), "条例のデータ（ordinances/*.yml）が1件もありません"))
    resolver = CitationResolver(ordinances)
    checklists = []
    checklist_ids: dict = {}
    item_ids: dict = {}
    for path in data_files(root, CHECKLIST_DIR):
        checklist = load_checklist(path, relative(root, path), resolver, errors)
        if checklist is None:
            continue
        if checklist.id in checklist_ids:
            errors.append(DataError(SourceLocation(checklist.path, checklist.line),
                                    f"id: チェックリスト ID「{checklist.id}」は {checklist_ids[checklist.id]} でも使われています。別の ID にしてください"))
            continue
        duplicate = False
        for item in checklist.items:
            if item.id in item_ids:
                other_path, other_line = item_ids[item.id]
                errors.append(DataError(SourceLocation(checklist.path, item.line),
                                        f"id: 項目 ID「{item.id}」は {other_path}:{other_line} でも使われています。項目 ID はすべてのチェックリストを通して一意にしてください"))
                duplicate = True
            else:
                item_ids[item.id] = (checklist.path, item.line)
        if not duplicate:
            checklist_ids[checklist.id] = checklist.path
            checklists.append(checklist)
    flows = load_flows(root, checklists, errors)
    if errors:
        raise DataErrors(errors)
    citing: dict = defaultdict(list)
    for checklist in checklists:
        for item in checklist.items:
            for key in dict.fromkeys(c.ref.key for c in item.basis):
                citing[key].append((checklist, item))
    return KnowledgeBase(ordinances, checklists, dict(citing), flows)


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
                                    f"id: 流れの ID「{flow.id}」は {flow_ids[flow.id]} でも使われています。別の ID にしてください"))
            continue
        flow_ids[flow.id] = flow.path
        if checklists_ok:
            link_errors = check_outcome_links(flow, checklists)
            errors.extend(link_errors)
            if link_errors:
                continue
        flows.append(flow)
    return flows


def order_like_nav(checklists: list, nav_sources: list) -> list:
    """Checklists in the order editors gave them in the navigation; unlisted ones after, by file."""
    position = {src: index for index, src in enumerate(nav_sources)}
    return sorted(checklists, key=lambda c: (position.get(c.page_src, len(position)), c.path))
