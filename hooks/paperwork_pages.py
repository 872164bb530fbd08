"""MkDocs glue: adds the paperwork pages (paperwork/…) and a pointer to them on the checklists
the sheets name.

Events: `on_files` (after generated_pages.py, which loads the data into config["kb"], and
printable_checklists.py, which reads the revision into config["kb_revision"]) and
`on_page_markdown`. The pages are rendered by kyodo_kb.render.paperwork_pages.
"""
from __future__ import annotations

from mkdocs.structure.files import File, Files

from kyodo_kb.render.paperwork_pages import render_checklist_notice, render_paperwork_pages

_SUMMARY = '<section class="kb-summary"'


def on_files(files: Files, config) -> Files:
    kb = config.get("kb")
    if kb is None:  # data errors while serving: data_error_pages.py shows them instead
        return files
    for src_uri, content in render_paperwork_pages(kb, config.get("kb_revision"), config.site_url or None).items():
        files.append(File.generated(config, src_uri, content=content))
    config["kb_paperwork_notices"] = {c.page_src: render_checklist_notice(kb.paperwork, c.id, c.page_src)
                                      for c in kb.checklists}
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    notice = config.get("kb_paperwork_notices", {}).get(page.file.src_uri)
    if not notice:
        return markdown
    at = markdown.find(_SUMMARY)
    if at < 0:
        return markdown + "\n" + notice
    return markdown[:at] + notice + "\n" + markdown[at:]
