"""MkDocs glue: the last-updated date (和暦と西暦) on every page, and the 改定履歴 page.

Events: `on_files` (validates data/changelog.yml and adds the 改定履歴 page; reads every file's
last commit date in one `git log` pass), `on_page_markdown` (sets `page.meta.revision_date`, which
Material's source-file partial shows under the content). A generated page is dated by the YAML
it comes from; an index page by the newest of the files it lists. Runs after generated_pages.py,
whose `config["kb"]` it reads.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from kyodo_kb.formats.changelog import CHANGELOG_PATH, load_changelog
from kyodo_kb.render.changelog_page import CHANGELOG_PAGE, render_changelog_page
from kyodo_kb.render import error_pages as error_display
from data_error_pages import show_data_errors
from kyodo_kb.render.error_pages import render_error_page
from kyodo_kb.tooling.git_dates import last_commit_dates, newest
from kyodo_kb.sources.errors import format_errors
from kyodo_kb.render.wareki import format_both


def project_root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def generated_sources(kb) -> tuple[dict, dict]:
    """For every data kind the knowledge base holds: ({virtual page: [data files]}, {folder prefix:
    data file}) - a record whose page is a folder index (a flow's chooser/<id>/index.md) owns
    every page under that folder (its steps)."""
    sources: dict = {}
    folders: dict = {}
    if kb is None:
        return sources, folders
    for value in vars(kb).values():
        if not isinstance(value, (list, tuple)):
            continue
        for record in value:
            path = getattr(record, "path", None)
            page_src = getattr(record, "page_src", None)
            if not isinstance(path, str) or not isinstance(page_src, str):
                continue
            if page_src.endswith("/index.md"):
                folders[page_src[: -len("index.md")]] = path
            else:
                sources.setdefault(page_src.rsplit("/", 1)[0] + "/index.md", []).append(path)
            for src in (page_src, getattr(record, "diagram_src", None)):
                if isinstance(src, str):
                    sources[src] = [path]
    return sources, folders


def on_files(files: Files, config) -> Files:
    root = project_root(config)
    errors: list = []
    revisions = load_changelog(root, errors)
    if errors:
        message = f"データに {len(errors)} 件の誤りがあります:\n{format_errors(errors)}"
        if not error_display.serving:
            raise PluginError(message)
        show_data_errors(files, config, errors, message)
        page = render_error_page(config["kb_data_errors"], CHANGELOG_PAGE)
        files.append(File.generated(config, CHANGELOG_PAGE, content=page))
    else:
        files.append(File.generated(config, CHANGELOG_PAGE, content=render_changelog_page(revisions)))
    dates = last_commit_dates(root)
    docs = Path(config.docs_dir).resolve().relative_to(root).as_posix() if dates else ""
    generated, folders = generated_sources(config.get("kb"))
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
    config["kb_page_dates"] = page_dates
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    date = config.get("kb_page_dates", {}).get(page.file.src_uri)
    if date is not None and not page.meta.get("revision_date"):
        page.meta["revision_date"] = f"最終更新日 {format_both(date)}"
    return markdown
