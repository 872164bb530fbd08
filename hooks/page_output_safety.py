"""MkDocs glue: every page the build writes, judged as a whole against the page allowlist
(kyodo_kb.sources.page_safety.page_output_problems), after every other hook has changed it.

Events: `on_config` (the scripts and stylesheets a page may load: mkdocs.yml's extra_javascript
and extra_css, the theme's files, page_safety.SITE_ASSETS), `on_post_page` (each page: checklist,
flow, tag, changelog, editions, paperwork, training, error and docs/ pages alike),
`on_post_build` (404.html, which hooks/not_found_page.py rewrites after the pages; then a build
stops with every problem found, each at the source the page came from). A page with a problem
is written as a short Japanese notice instead, so not even a failed build's folder holds it;
while serving, that notice is what the browser shows and the preview keeps running. Listed
last in mkdocs.yml's hooks.
"""
from __future__ import annotations

import html
import logging
from pathlib import Path
import time

from mkdocs.exceptions import PluginError

from kyodo_kb.build_state import build_state
from kyodo_kb.render.all_pages import page_sources
from kyodo_kb.render.error_pages import error_report
from kyodo_kb.sources.page_safety import page_output_errors, page_output_problems, site_assets

log = logging.getLogger("mkdocs.hooks.page_output_safety")
_assets: frozenset = frozenset()
_timing = {"seconds": 0.0, "pages": 0}


def on_config(config):
    global _assets
    _assets = site_assets(list(config.extra_javascript) + list(config.extra_css), list(config.theme.dirs))
    _timing.update(seconds=0.0, pages=0)
    return config


def _notice(errors: list) -> str:
    items = "".join(f"<li><code>{html.escape(str(error))}</code></li>" for error in errors)
    return ('<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>このページは表示できません</title></head>'
            f"<body><h1>このページは表示できません</h1><p>ページに安全でない書き方が含まれています。</p><ul>{items}</ul></body></html>")


def _judge(output: str, dest_uri: str, sources, config) -> str:
    """`sources`: a function giving the files the page comes from, asked only when it has a problem."""
    started = time.process_time()
    problems = page_output_problems(output, dest_uri, _assets, config.site_url or "")
    _timing["seconds"] += time.process_time() - started
    _timing["pages"] += 1
    if not problems:
        return output
    state = build_state(config)
    errors = sorted(set(page_output_errors(problems, dest_uri, sources(), state.root)))
    if state.serving:
        log.error(error_report(errors, "ページ"))
    else:
        state.output_errors += errors
    return _notice(errors)


def on_post_page(output: str, page, config) -> str:
    state = build_state(config)

    def sources() -> list:
        if page.file.generated_by is None:
            docs = Path(config.docs_dir).resolve().relative_to(state.root).as_posix()
            return [f"{docs}/{page.file.src_uri}"] + sorted(
                path.relative_to(state.root).as_posix() for path in (state.root / "includes").glob("*.md"))
        return page_sources(state.kb, page.file.src_uri)
    return _judge(output, page.file.dest_uri, sources, config)


def on_post_build(config) -> None:
    page = Path(config.site_dir) / "404.html"
    if page.is_file():
        output = page.read_text(encoding="utf-8")
        judged = _judge(output, "404.html", lambda: [], config)
        if judged is not output:
            page.write_text(judged, encoding="utf-8")
    log.debug("page allowlist: %d pages in %.3f s", _timing["pages"], _timing["seconds"])
    state = build_state(config)
    if state.output_errors:
        errors, state.output_errors = state.output_errors, []
        raise PluginError(error_report(errors, "出力されたページ"))
