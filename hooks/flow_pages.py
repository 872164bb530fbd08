"""MkDocs glue: adds the pages of every decision flow (the form chooser and its diagram).

Events: `on_files`, with the knowledge base hooks/knowledge_base_loading.py loaded.
"""
from __future__ import annotations

from mkdocs.structure.files import File, Files, InclusionLevel

from kyodo_kb.build_state import build_state
from kyodo_kb.render.flow_pages import render_flow_pages


def on_files(files: Files, config) -> Files:
    kb = build_state(config, need_kb=True).kb
    if kb is None:  # serving with data errors: error pages stand in
        return files
    for flow in kb.flows:
        entry_pages = {flow.page_src, flow.diagram_src}
        for src_uri, content in render_flow_pages(flow, kb.checklists, kb.paperwork).items():
            # Steps after the first are reached by answering, never from the menu: marking them
            # so keeps every build from listing them as "not included in the nav".
            inclusion = InclusionLevel.UNDEFINED if src_uri in entry_pages else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
    return files
