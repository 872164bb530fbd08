"""MkDocs glue: the last-updated date (和暦と西暦) on every page, and the 改定履歴 page.

Events: `on_files` (adds the 改定履歴 page from the changelog the loader read; reads every file's
last commit date in one `git log` pass), `on_page_markdown` (sets `page.meta.revision_date`, which
Material's source-file partial shows under the content). A generated page is dated by the YAML
it comes from; an index page by the newest of the files it lists. Runs after the hooks that add
pages (they are listed before it in mkdocs.yml).
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files

from kyodo_kb.build_state import build_state
from kyodo_kb.formats.changelog import CHANGELOG_PATH
from kyodo_kb.render.all_pages import generated_sources
from kyodo_kb.render.changelog_page import CHANGELOG_PAGE, render_changelog_page
from kyodo_kb.tooling.git_dates import last_commit_dates, newest
from kyodo_kb.render.wareki import format_both


def on_files(files: Files, config) -> Files:
    state = build_state(config, need_kb=True)
    root = state.root
    if state.kb is not None:  # else serving with data errors: an error page stands in
        files.append(File.generated(config, CHANGELOG_PAGE, content=render_changelog_page(state.kb.changelog.revisions)))
    dates = last_commit_dates(root)
    docs = Path(config.docs_dir).resolve().relative_to(root).as_posix() if dates else ""
    generated, folders = generated_sources(state.kb)
    generated[CHANGELOG_PAGE] = [CHANGELOG_PATH]
    page_dates = {}
    for file in files.documentation_pages():
        folder = next((prefix for prefix in folders if file.src_uri.startswith(prefix)), None)
        if file.src_uri in generated:
            paths = generated[file.src_uri]
        elif folder is not None:
            paths = [folders[folder]]
        elif file.generated_by is None:  # a page written in docs/
            paths = [f"{docs}/{file.src_uri}"]
        else:
            continue
        date = newest(dates, paths)
        if date is not None:
            page_dates[file.src_uri] = date
    state.page_dates = page_dates
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    date = build_state(config).page_dates.get(page.file.src_uri)
    if date is not None and not page.meta.get("revision_date"):
        page.meta["revision_date"] = f"最終更新日 {format_both(date)}"
    return markdown
