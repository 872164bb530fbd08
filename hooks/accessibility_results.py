"""MkDocs glue: adds the アクセシビリティ試験結果 page, rendered from data/a11y-results.json.

Events: `on_files`, last of the hooks that add pages (it links every page it lists). The file is written by `make a11y-report` (which runs the browser tests); the
build only reads it, so building never starts a browser. Without the file the page says so.
"""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from kyodo_kb.render.accessibility_results import PAGE_URI, RESULTS_PATH, render_results_page


def on_files(files: Files, config) -> Files:
    path = Path(config.config_file_path).resolve().parent / RESULTS_PATH
    document = None
    if path.exists():
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, OSError) as exc:
            raise PluginError(f"{RESULTS_PATH}: 試験結果のファイルを読めません（{exc}）。"
                              "make a11y-report で作り直してください") from None
    edition = ""
    sources = {file.url: file.src_uri for file in files.documentation_pages()}
    files.append(File.generated(config, PAGE_URI, content=render_results_page(document, edition, sources)))
    return files
