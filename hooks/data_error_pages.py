"""MkDocs glue: while `make serve` runs, data errors do not stop the preview.

Events: `on_startup` (remembers whether this process serves), `on_page_markdown` (puts the error
banner on top of every page while there are errors). `show_data_errors` is called by the hooks
that load data (generated_pages.py, revision_history.py) instead of raising PluginError when
serving: it prints the same `path:line:` messages in the terminal and adds error pages where the
generated pages would be. MkDocs alone would keep the last good site and never reload the
browser, and a failing first build would stop `make serve` altogether.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.structure.files import File, Files

from kyodo_kb.render import error_pages as error_display
from kyodo_kb.render.error_pages import GENERATED_PAGES, error_page_sources, render_error_banner, render_error_page

log = logging.getLogger("mkdocs.hooks.data_error_pages")


def on_startup(command: str, dirty: bool) -> None:
    error_display.serving = command == "serve"


def show_data_errors(files: Files, config, errors, message: str) -> Files:
    log.error(message)
    shown = config.get("kb_data_errors") or []
    config["kb_data_errors"] = shown + list(errors)
    root = Path(config.config_file_path).resolve().parent
    stems = {folder: sorted(p.stem for p in (root / folder).glob("*.y*ml")) for folder in GENERATED_PAGES
             if (root / folder).is_dir()}
    for src_uri in error_page_sources(stems):
        if files.get_file_from_path(src_uri) is None:
            files.append(File.generated(config, src_uri, content=render_error_page(config["kb_data_errors"], src_uri)))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    errors = config.get("kb_data_errors")
    if not errors or page.meta.get("kb_error_page"):
        return markdown
    return render_error_banner(errors) + "\n" + markdown
