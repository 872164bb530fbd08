"""MkDocs glue for printing and downloads: adds each checklist's CSV file and puts the print
title block, print controls and sign-off block into each checklist page.

Events: `on_files` (after generated_pages.py, which must be listed first in mkdocs.yml: it
leaves the loaded knowledge base in `config["kb"]`) and `on_page_markdown`. The work is done
by print_blocks.py and checklist_export.py.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from kyodo_kb.outputs.csv_export import checklist_csv, csv_path
from kyodo_kb.outputs.print_blocks import read_revision, with_print_blocks
from kyodo_kb.sources.errors import DataErrors, SourceLocation

CONFIG_FILE = "mkdocs.yml"


def _setting_line(config, key: str) -> int:
    """Line of `key:` in mkdocs.yml, for the error message (MkDocs keeps no positions)."""
    try:
        text = Path(config.config_file_path).read_text(encoding="utf-8")
    except OSError:
        return 0
    return next((n for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith(f"{key}:")), 0)


def on_files(files: Files, config) -> Files:
    kb = config.get("kb")
    if kb is None and config.get("kb_data_errors"):  # serving with data errors: data_error_pages.py shows them
        return files
    if kb is None:
        raise PluginError("hooks/printable_checklists.py は mkdocs.yml の hooks で generated_pages.py の後に置いてください")
    try:
        config["kb_revision"] = read_revision(config.extra.get("kb_revision"),
                                              SourceLocation(CONFIG_FILE, _setting_line(config, "kb_revision")))
    except DataErrors as exc:
        raise PluginError(f"設定に誤りがあります:\n{exc}") from None
    config["kb_printable"] = {checklist.page_src: checklist for checklist in kb.checklists}
    for checklist in kb.checklists:
        files.append(File.generated(config, csv_path(checklist.id), content=checklist_csv(checklist)))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    checklist = config.get("kb_printable", {}).get(page.file.src_uri)
    if checklist is None:
        return markdown
    return with_print_blocks(markdown, checklist.id, checklist.title, config["kb_revision"],
                             page.url, config.site_url or None)
