"""MkDocs glue for editions (版): the 版の比較 page, its data, and each checklist page's
revision marks and history link.

Events: `on_files` (after generated_pages.py, whose `config["kb"]` it reads: validates
data/editions/ against data/changelog.yml, adds editions/index.md and editions-data.js) and
`on_page_markdown` (checklist pages). The work is done by formats/editions.py and
render/editions_page.py.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from data_error_pages import show_data_errors
from kyodo_kb.formats.changelog import load_changelog
from kyodo_kb.formats.editions import DRAFT_VERSION, load_editions, same_content, snapshot_of
from kyodo_kb.render import error_pages as error_display
from kyodo_kb.render.editions_page import (DATA_SRC, PAGE_SRC, render_editions_data, render_editions_page,
                                           render_revision_marks)
from kyodo_kb.sources.errors import format_errors


def editions_with_draft(root: Path, kb, errors: list) -> list:
    """The published editions oldest first, and the current data as a draft when it differs."""
    changelog_errors: list = []  # reported by revision_history.py; editions are checked against a sound changelog only
    revisions = load_changelog(root, changelog_errors)
    editions = load_editions(root, revisions, errors if not changelog_errors else [])
    draft = snapshot_of(kb.checklists, DRAFT_VERSION, None)
    if not editions or not same_content(editions[-1], draft):
        editions.append(draft)
    return editions


def on_files(files: Files, config) -> Files:
    kb = config.get("kb")
    if kb is None:  # serving with data errors: data_error_pages.py shows them
        return files
    errors: list = []
    editions = editions_with_draft(Path(config.config_file_path).resolve().parent, kb, errors)
    if errors:
        message = f"データに {len(errors)} 件の誤りがあります:\n{format_errors(errors)}"
        if not error_display.serving:
            raise PluginError(message)
        return show_data_errors(files, config, errors, message)
    config["kb_editions"] = editions
    files.append(File.generated(config, PAGE_SRC, content=render_editions_page(editions, kb.checklists)))
    files.append(File.generated(config, DATA_SRC, content=render_editions_data(editions, kb.checklists)))
    config["kb_edition_checklists"] = {checklist.page_src: checklist for checklist in kb.checklists}
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    checklist = config.get("kb_edition_checklists", {}).get(page.file.src_uri)
    if checklist is None:
        return markdown
    return markdown + "\n" + render_revision_marks(config["kb_editions"], checklist)
