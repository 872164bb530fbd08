"""MkDocs glue: the 要確認 register page of the 編集ガイド (editing/youkakunin/).

Events: `on_files` (adds the virtual page, from the checklists and flows of the knowledge base
hooks/knowledge_base_loading.py loaded and the text of the pages written in docs/).
"""
from __future__ import annotations

from mkdocs.structure.files import File, Files

from kyodo_kb.build_state import build_state
from kyodo_kb.editing.youkakunin import PAGE_SRC, from_checklists, from_flows, from_pages, render_register


def on_files(files: Files, config) -> Files:
    kb = build_state(config, need_kb=True).kb  # None while serving with data errors
    pages = {f.src_uri: f.content_string for f in files.documentation_pages() if f.generated_by is None}
    entries = (from_checklists(kb.checklists) + from_flows(kb.flows) if kb is not None else []) + from_pages(pages)
    files.append(File.generated(config, PAGE_SRC, content=render_register(entries)))
    return files
