"""MkDocs glue: the home page's list of stage checklists (the `<!-- kb:stages -->` marker, on
its own line, indented as the list it stands in), from the checklists' `stage` numbers.

Events: `on_page_markdown`, with the knowledge base hooks/knowledge_base_loading.py loaded.
The work is done by kyodo_kb.render.stage_path.
"""
from __future__ import annotations

from kyodo_kb.build_state import build_state
from kyodo_kb.render.stage_path import STAGES_MARKER, replace_stage_markers


def on_page_markdown(markdown: str, page, config, files) -> str:
    if STAGES_MARKER not in markdown:
        return markdown
    kb = build_state(config, need_kb=True).kb
    return replace_stage_markers(markdown, kb, page.file.src_uri)
