"""MkDocs glue: adds the pages of every decision flow (the form chooser and its diagram).

Events: `on_files`. Runs after generated_pages.py (listed before it in mkdocs.yml), which
loads and validates all data, flows included, and leaves the knowledge base in config["kb"].
"""
from __future__ import annotations

from mkdocs.structure.files import File, Files, InclusionLevel

from kyodo_kb.render.flow_pages import render_flow_pages


def on_files(files: Files, config) -> Files:
    kb = config.get("kb")
    if kb is None:  # data errors while serving: data_error_pages.py shows them instead
        return files
    for flow in kb.flows:
        entry_pages = {flow.page_src, flow.diagram_src}
        for src_uri, content in render_flow_pages(flow, kb.checklists, kb.paperwork).items():
            # Steps after the first are reached by answering, never from the menu: marking them
            # so keeps every build from listing them as "not included in the nav".
            inclusion = InclusionLevel.UNDEFINED if src_uri in entry_pages else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
    return files
