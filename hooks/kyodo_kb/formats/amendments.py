"""Amendments of the provisions a caution cites, and whether the caution was reviewed against them.

A caution depends on the provisions in its `basis` and on the 条・項 above and 項・号 below each
(the same relation as `make impact`). An amendment (a version after the first, formats/ordinance.py)
of one of them is *pending* for the caution until its `basis_reviewed` date is that amendment's
施行日 or a later one of the same provisions. Why a date, and not the amending ordinance's number
or a hash of the text: one caution may cite several provisions, and a 施行日 names "every version
of my basis up to this day" at once; it is what the notice shows, editors read it in the 例規集,
and it is unique per provision (two versions with one 施行日 are an error). A `basis_reviewed` that
is not the 施行日 of any amendment of the caution's basis is a located error, so a typo never
silences a notice.
"""
from __future__ import annotations

from dataclasses import dataclass

from kyodo_kb.sources import rules
from kyodo_kb.sources.errors import DataError, SourceLocation
from kyodo_kb.formats.ordinance import ProvisionVersion, amendments_touching


@dataclass(frozen=True)
class PendingAmendment:
    label: str  # the amended provision, e.g. 市民活動推進条例第9条第1項第4号
    page_src: str  # its ordinance page
    anchor: str
    version: ProvisionVersion  # in_force, amended_by, text


def basis_amendments(item, ordinances: dict) -> list[PendingAmendment]:
    """Every amendment of the provisions `item` depends on (each once), oldest 施行日 first."""
    found: dict = {}
    for citation in item.basis:
        ordinance = ordinances.get(citation.ref.ordinance_id)
        if ordinance is None:
            continue
        for anchor, label, version in amendments_touching(ordinance, citation.ref.anchor):
            found.setdefault((ordinance.id, anchor, version.in_force),
                             PendingAmendment(label, ordinance.page_src, anchor, version))
    return sorted(found.values(), key=lambda a: (a.version.in_force, a.page_src, a.anchor))


def pending_amendments(checklists: list, ordinances: list, errors: list) -> dict:
    """item id -> the amendments its caution was not reviewed against (only items with some);
    a `basis_reviewed` naming no amendment of the item's basis is reported in `errors`."""
    by_id = {o.id: o for o in ordinances}
    pending = {}
    for checklist in checklists:
        for item in checklist.items:
            if not item.basis and item.basis_reviewed is None:
                continue
            amendments = basis_amendments(item, by_id)
            reviewed = item.basis_reviewed
            if reviewed is not None and all(a.version.in_force != reviewed for a in amendments):
                known = "、".join(dict.fromkeys(a.version.in_force.isoformat() for a in amendments))
                hint = (f"根拠の規定の改正の施行日（{known}）のどれかを書いてください" if known
                        else "根拠の規定（その条・項・号を含む）には改正が記録されていません。この行を削除してください")
                errors.append(DataError(SourceLocation(checklist.path, item.basis_reviewed_line or item.line),
                                        f"items[{item.index}].basis_reviewed: {reviewed.isoformat()} に施行された改正は、"
                                        f"この留意事項の根拠の規定にありません。{hint}", rules.BASIS_REVIEWED_UNKNOWN))
                continue
            open_ = [a for a in amendments if reviewed is None or a.version.in_force > reviewed]
            if open_:
                pending[item.id] = tuple(open_)
    return pending
