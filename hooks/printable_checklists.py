"""MkDocs glue for printing and downloads: adds each checklist's CSV file and puts the print
title block (edition and date of the newest data/changelog.yml entry, with the sheet's QR code),
print controls and sign-off block into each checklist page.

Events: `on_files` and `on_page_markdown`, with the knowledge base that
hooks/knowledge_base_loading.py loaded. The work is done by kyodo_kb.outputs (print_blocks, csv_export).
"""
from __future__ import annotations

from mkdocs.structure.files import File, Files

from kyodo_kb.build_state import build_state
from kyodo_kb.outputs.csv_export import checklist_csv, checklist_rows, csv_path
from kyodo_kb.formats.checklist import content_version
from kyodo_kb.outputs.print_blocks import wareki, with_print_blocks
from kyodo_kb.outputs.sheet_code import render_sheet_code


def on_files(files: Files, config) -> Files:
    kb = build_state(config, need_kb=True).kb
    if kb is None:  # serving with data errors: error pages stand in
        return files
    for checklist in kb.checklists:
        files.append(File.generated(config, csv_path(checklist.id), content=checklist_csv(checklist)))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    kb = build_state(config, need_kb=True).kb
    checklist = kb.checklist_by_page.get(page.file.src_uri) if kb else None
    if checklist is None:
        return markdown
    newest = kb.changelog.newest
    public_url = config.site_url or None
    sheet_code = render_sheet_code(page.url, public_url, content_version(checklist),
                                   newest.version if newest else None, wareki(newest.date) if newest else None)
    return with_print_blocks(markdown, checklist.id, checklist.title, kb.revision,
                             page.url, public_url, sheet_code, checklist_rows(checklist))
