"""The site's Markdown extensions, shared by the build (mkdocs.yml lists the same; a test compares
them) and by the checks that render editor-written Markdown the way the site will.

mkdocs.yml carries no Python tag: MkDocs loads it with PyYAML's unsafe loader, so a tag such as
`!!python/object/apply` would run code when the file is read. The one setting that needed a
Python object, the heading-anchor function of `toc`, is set by the glue (hooks/page_safety.py)
from `heading_slugify` below; `make check` and `make build` refuse a mkdocs.yml with any tag
(kyodo_kb.sources.site_config).
"""
from __future__ import annotations

from functools import lru_cache
import threading

import markdown
from pymdownx.slugs import slugify

# Keeps Japanese headings readable in anchors (#協働とは) instead of position-derived #_1.
heading_slugify = slugify(case="lower")

INCLUDES_DIR = "includes"
ABBREVIATIONS = "abbreviations.md"  # appended to every page (pymdownx.snippets auto_append)

# (name, config) in mkdocs.yml's order; snippets are configured by the build only (data
# fields may not include files, and the check rejects the marker before rendering).
EXTENSIONS = (
    ("abbr", {}),
    ("admonition", {}),
    ("attr_list", {}),
    ("def_list", {}),
    ("footnotes", {}),
    ("md_in_html", {}),
    ("tables", {}),
    ("toc", {"permalink": True, "permalink_title": "この見出しへのリンク"}),
    ("pymdownx.details", {}),
    ("pymdownx.superfences", {}),
    ("pymdownx.tabbed", {"alternate_style": True}),
    ("pymdownx.tasklist", {"custom_checkbox": True}),
)
SNIPPETS_CONFIG = {"base_path": [INCLUDES_DIR], "check_paths": True, "auto_append": [ABBREVIATIONS]}

_local = threading.local()


def _converter() -> markdown.Markdown:
    md = getattr(_local, "md", None)
    if md is None:
        configs = {name: dict(config) for name, config in EXTENSIONS}
        configs["toc"]["slugify"] = heading_slugify
        md = markdown.Markdown(extensions=[name for name, _ in EXTENSIONS], extension_configs=configs)
        _local.md = md
    return md


def render_markdown(text: str) -> tuple[str, tuple]:
    """(HTML, names of reference-style link definitions) of a Markdown text, as the site renders it."""
    md = _converter()
    md.reset()
    rendered = md.convert(text)
    return rendered, tuple(md.references)


@lru_cache(maxsize=None)
def extension_names() -> tuple:
    return tuple(name for name, _ in EXTENSIONS) + ("pymdownx.snippets",)
