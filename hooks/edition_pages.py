"""MkDocs glue for editions (版): the 版の比較 page, its data, and each checklist page's
revision marks and history link.

Events: `on_files` (adds editions/index.md and editions-data.js) and `on_page_markdown`
(checklist pages), with the knowledge base hooks/knowledge_base_loading.py loaded (data/editions/
is read and checked against data/changelog.yml there). The work is done by formats/editions.py
and render/editions_page.py.
"""
from __future__ import annotations

from mkdocs.structure.files import File, Files

from kyodo_kb.build_state import build_state
from kyodo_kb.render.editions_page import DATA_SRC, PAGE_SRC, render_editions_data, render_editions_page, render_revision_marks


def on_files(files: Files, config) -> Files:
    kb = build_state(config, need_kb=True).kb
    if kb is None:  # serving with data errors: error pages stand in
        return files
    revisions = {revision.version: revision for revision in kb.changelog.revisions}
    files.append(File.generated(config, PAGE_SRC, content=render_editions_page(kb.edition_history, kb.checklists, revisions)))
    files.append(File.generated(config, DATA_SRC, content=render_editions_data(kb.edition_history, kb.checklists, revisions)))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    kb = build_state(config, need_kb=True).kb
    checklist = kb.checklist_by_page.get(page.file.src_uri) if kb else None
    if checklist is None:
        return markdown
    return markdown + "\n" + render_revision_marks(kb.edition_history, checklist)
