"""The headings of the guideline's Markdown pages and the anchors MkDocs gives them.

Training paths link to guideline sections by page and anchor (`guideline/kyodo-towa.md#…`);
the loader checks those links against what this module reads, so a renamed heading is a
located data error instead of a dead link found only by the strict build. Anchors follow
mkdocs.yml's toc settings: an explicit `{#id}` wins, otherwise pymdownx's slugify (lower case).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
import re

from pymdownx.slugs import slugify

DOCS_DIR = "docs"
_HEADING = re.compile(r"^(#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
_EXPLICIT_ID = re.compile(r"\s*\{[^}]*#(?P<id>[^\s}]+)[^}]*\}\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_SLUGIFY = slugify(case="lower")


@dataclass(frozen=True)
class Heading:
    anchor: str
    title: str  # the heading's text without its `{#id}`
    level: int


def page_headings(text: str) -> list[Heading]:
    headings, seen, fenced = [], {}, False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        match = _HEADING.match(line) if not fenced else None
        if not match:
            continue
        title = match.group("text")
        explicit = _EXPLICIT_ID.search(title)
        if explicit:
            anchor = explicit.group("id")
            title = title[:explicit.start()].strip()
        else:
            anchor = _SLUGIFY(title, "-")
            # Python-Markdown's toc numbers repeated ids: x, x_1, x_2
            count = seen.get(anchor, 0)
            seen[anchor] = count + 1
            if count:
                anchor = f"{anchor}_{count}"
        headings.append(Heading(anchor, title, len(match.group(1))))
    return headings


class GuidelineSections:
    """Pages under docs/ read on demand, each once: src (relative to docs/) -> headings."""

    def __init__(self, root: Path):
        self.docs = root / DOCS_DIR
        self._pages: dict = {}

    def headings(self, src: str) -> list[Heading] | None:
        """The page's headings, or None when there is no such page."""
        if src not in self._pages:
            path = self.docs / src
            if ".." in Path(src).parts or not src.endswith(".md") or not path.is_file():
                self._pages[src] = None
            else:
                self._pages[src] = page_headings(path.read_text(encoding="utf-8-sig"))
        return self._pages[src]

    def heading(self, src: str, anchor: str) -> Heading | None:
        return next((h for h in self.headings(src) or () if h.anchor == anchor), None)
