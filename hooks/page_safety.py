"""MkDocs glue: the site's Markdown settings, and the allowlist for the pages of docs/.

Events: `on_config` (the heading-anchor function that mkdocs.yml no longer names with a Python
tag; snippets read from includes/ by absolute path), `on_page_markdown` (snippet markers of a page must name a file
of includes/: a missing one is a located error, not a traceback), `on_page_content` (the
rendered HTML of a page written in docs/ is judged by the allowlist of
kyodo_kb.sources.markdown_safety). Generated pages are checked field by field when the data is
loaded, symbolic links by hooks/knowledge_base_loading.py. While serving, problems are shown on
the page instead of stopping the preview; a build stops with everything `make check` reports.
"""
from __future__ import annotations

import html
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from kyodo_kb.build_state import build_state, everything_make_check_reports
from kyodo_kb.render.error_pages import error_report
from kyodo_kb.sources.markdown_safety import check_html
from kyodo_kb.sources.page_safety import located_problems, snippet_errors, snippets_config
from kyodo_kb.sources.site_markdown import heading_slugify

log = logging.getLogger("mkdocs.hooks.page_safety")


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config):
    config.mdx_configs.setdefault("toc", {})["slugify"] = heading_slugify
    if "pymdownx.snippets" in config.mdx_configs:
        config.mdx_configs["pymdownx.snippets"].update(snippets_config(_root(config)))
    return config


def _fail(errors: list, config) -> str:
    if not build_state(config).serving:  # the same report as `make check`, all at once
        raise PluginError(error_report(everything_make_check_reports(_root(config), errors), "ページ"))
    log.error(error_report(errors, "ページ"))
    items = "".join(f"<li><code>{html.escape(str(error))}</code></li>" for error in sorted(set(errors)))
    return (f'<div class="admonition danger"><p class="admonition-title">このページは表示できません</p>'
            f"<ul>{items}</ul></div>")


def _display(page, config) -> str:
    docs = Path(config.docs_dir).resolve().relative_to(_root(config)).as_posix()
    return f"{docs}/{page.file.src_uri}"


def on_page_markdown(markdown: str, page, config, files) -> str:
    if page.file.generated_by or "8<-" not in markdown:
        return markdown
    errors = snippet_errors(page.file.content_string, _display(page, config), _root(config))
    if errors:
        return _fail(errors, config)
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    if page.file.generated_by:
        return html
    problems = check_html(html, field=False)
    if not problems:
        return html
    return _fail(located_problems(problems, _display(page, config), page.file.content_string, _root(config)), config)
