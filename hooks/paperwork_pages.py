"""MkDocs glue: adds the paperwork pages (paperwork/…) and a pointer to them on the checklists
the sheets name.

Events: `on_files` and `on_page_markdown`, with the knowledge base hooks/knowledge_base_loading.py
loaded (the printed revision is KnowledgeBase.revision). The pages are rendered by
kyodo_kb.render.paperwork_pages.
"""
from __future__ import annotations

from mkdocs.structure.files import File, Files

from kyodo_kb.build_state import build_state
from kyodo_kb.render.paperwork_pages import render_checklist_notice, render_paperwork_pages

_SUMMARY = '<section class="kb-summary"'


def on_files(files: Files, config) -> Files:
    kb = build_state(config, need_kb=True).kb
    if kb is None:  # serving with data errors: error pages stand in
        return files
    for src_uri, content in render_paperwork_pages(kb, kb.revision, config.site_url or None).items():
        files.append(File.generated(config, src_uri, content=content))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    kb = build_state(config, need_kb=True).kb
    checklist = kb.checklist_by_page.get(page.file.src_uri) if kb else None
    notice = render_checklist_notice(kb.paperwork, checklist.id, checklist.page_src) if checklist else None
    if not notice:
        return markdown
    at = markdown.find(_SUMMARY)
    if at < 0:
        return markdown + "\n" + notice
    return markdown[:at] + notice + "\n" + markdown[at:]
