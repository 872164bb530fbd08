"""MkDocs glue: the 要確認 register page of the 編集ガイド (editing/youkakunin/).

Events: `on_files` (adds the virtual page, from the checklists, paperwork, training paths and flows
of the knowledge base hooks/knowledge_base_loading.py loaded, the text of the pages written in
docs/ and the hover definitions of includes/abbreviations.md).
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files

from kyodo_kb.build_state import build_state
from kyodo_kb.editing.youkakunin import ABBREVIATIONS_PATH, PAGE_SRC, collect, render_register


def on_files(files: Files, config) -> Files:
    kb = build_state(config, need_kb=True).kb  # None while serving with data errors
    pages = {f.src_uri: f.content_string for f in files.documentation_pages() if f.generated_by is None}
    abbreviations = Path(config["config_file_path"]).parent / ABBREVIATIONS_PATH
    text = abbreviations.read_text(encoding="utf-8") if abbreviations.is_file() else None
    entries = collect(kb, pages, text)
    files.append(File.generated(config, PAGE_SRC, content=render_register(entries)))
    return files
