"""The paperwork pages as rendered Markdown: every sheet page carries its data block (inert JSON),
the print title block and the sign-off block; the checklists the sheets name point at them; the
chooser's outcomes link to the sheets with their form."""
import datetime
import html
import json
import re

from kyodo_kb.formats.flow import Outcome, walk_steps
from kyodo_kb.knowledge_base import load_knowledge_base
from kyodo_kb.outputs.print_blocks import Revision
from kyodo_kb.render.flow_pages import render_flow_pages
from kyodo_kb.render.paperwork_pages import render_checklist_notice, render_paperwork_pages
from support import ROOT

REVISION = Revision("協働のガイドライン（補強版）", datetime.date(2026, 11, 27))


def test_every_sheet_page_has_its_data_title_block_and_signoff():
    kb = load_knowledge_base(ROOT)
    pages = render_paperwork_pages(kb, REVISION)
    assert set(pages) == {"paperwork/index.md", "paperwork/role-table.md", "paperwork/agreement.md", "paperwork/evaluation.md"}
    for sheet in kb.paperwork:
        page = pages[sheet.page_src]
        block = re.search(r'<div class="kb-pw-data" hidden data-kb-json="([^"]*)"></div>', page).group(1)
        assert "<" not in block and ">" not in block
        data = json.loads(html.unescape(block))
        assert [e["id"] for e in data["entries"]] == [e.id for e in sheet.entries]
        assert all(e["sources"] for e in data["entries"])
        assert "令和8年11月27日" in page and 'class="kb-signoff"' in page


def test_the_checklists_named_by_the_sheets_point_at_them():
    kb = load_knowledge_base(ROOT)
    kyotei = render_checklist_notice(kb.paperwork, "kyotei", "checklists/kyotei.md")
    assert "[役割分担表](../paperwork/role-table.md)" in kyotei and "[協定書に書くこと](../paperwork/agreement.md)" in kyotei
    assert "[振り返り（評価）シート](../paperwork/evaluation.md)" in render_checklist_notice(kb.paperwork, "hyoka", "checklists/hyoka.md")
    assert render_checklist_notice(kb.paperwork, "sentei", "checklists/sentei.md") == ""


def test_every_outcome_of_the_chooser_links_to_the_sheets_with_its_form():
    kb = load_knowledge_base(ROOT)
    flow = kb.flows[0]
    pages = render_flow_pages(flow, kb.checklists, kb.paperwork)
    for step in walk_steps(flow):
        if isinstance(step.node, Outcome):
            src = "/".join(("chooser", flow.id, *step.slug_path, "index.md"))
            form = dict((q, o) for q, o, _ in step.node.profile)["keitai"]
            assert f"paperwork/role-table.md?form={form})" in pages[src]
    assert "kb-outcome-paperwork" not in "".join(render_flow_pages(flow, kb.checklists).values())
