"""MkDocs glue: adds the pages generated from the data (checklists, ordinances, tag index).

Events: `on_config` (Japanese paragraphs wrapped over several lines show no space at each wrap),
`on_files` (the pages, from the knowledge base hooks/knowledge_base_loading.py loaded).
"""
from __future__ import annotations

from dataclasses import replace

from mkdocs.structure.files import File, Files

from kyodo_kb.build_state import build_state
from kyodo_kb.knowledge_base import order_like_nav
from kyodo_kb.render.all_pages import nav_sources, render_all_pages
from kyodo_kb.render.cjk_soft_breaks import CjkSoftBreakExtension


def on_config(config):
    config.markdown_extensions.append(CjkSoftBreakExtension())
    return config


def on_files(files: Files, config) -> Files:
    state = build_state(config, need_kb=True)
    if state.kb is None:  # serving with data errors: error pages stand in
        return files
    # Checklists in the order editors gave them in the navigation, for every later hook too.
    state.kb = replace(state.kb, checklists=order_like_nav(state.kb.checklists, list(nav_sources(config.get("nav") or []))))
    for src_uri, content in render_all_pages(state.kb).items():
        files.append(File.generated(config, src_uri, content=content))
    return files
