"""MkDocs glue: loads the data, fails the build on data errors, adds the generated pages.

Events: `on_files` (load and validate all data, add virtual pages). Everything else is done
by the pure modules beside this file. Data is loaded in the event, not at import, because
`mkdocs serve` imports hooks once and re-runs events on every rebuild.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from kyodo_kb.render.cjk_soft_breaks import CjkSoftBreakExtension
from data_error_pages import show_data_errors
from kyodo_kb.render import error_pages as error_display
from kyodo_kb.knowledge_base import load_knowledge_base, order_like_nav
from kyodo_kb.render.all_pages import nav_sources, render_all_pages
from kyodo_kb.sources.errors import DataErrors, unexpected_failure
from kyodo_kb.render.tag_index import read_tag_descriptions


def project_root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config):
    # Japanese paragraphs wrapped over several lines must not show a space at each wrap.
    config.markdown_extensions.append(CjkSoftBreakExtension())
    return config


def on_files(files: Files, config) -> Files:
    try:
        kb = load_knowledge_base(project_root(config))
    except DataErrors as exc:
        count = len(exc.errors)
        message = f"データに {count} 件の誤りがあります:\n{exc}"
        if error_display.serving:  # `make serve` keeps running and shows the errors (data_error_pages.py)
            return show_data_errors(files, config, exc.errors, message)
        raise PluginError(message) from None
    except Exception as exc:  # a bug must still reach editors as a message, not a traceback
        raise PluginError(unexpected_failure("データ（checklists/・ordinances/）の読み込み", exc)) from None
    config["kb"] = kb  # later events of this build (other hooks) read the same instance
    kb.checklists = order_like_nav(kb.checklists, list(nav_sources(config.get("nav") or [])))
    for src_uri, content in render_all_pages(kb, read_tag_descriptions(project_root(config))).items():
        files.append(File.generated(config, src_uri, content=content))
    return files
