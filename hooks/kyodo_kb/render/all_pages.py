"""Every generated page of the site at once, from one knowledge base."""
from __future__ import annotations

from kyodo_kb.render.pages import (render_checklist_index, render_checklist_page, render_ordinance_index,
                                   render_ordinance_page)
from kyodo_kb.render.tag_index import PAGE_SRC as TAG_INDEX_SRC, render_tag_index
from kyodo_kb.tooling.collection_pause import without_cyclic_collection


def nav_sources(nav):
    """Page sources in the order the navigation lists them (nav entries nest as lists/dicts)."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for entry in nav:
            yield from nav_sources(entry)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_sources(value)


@without_cyclic_collection  # 20,000 cautions make hundreds of thousands of lines
def render_all_pages(kb, tag_descriptions: dict | None = None) -> dict:
    """Every generated page, src_uri -> Markdown (also used by the benchmark's no-hook baseline)."""
    pages = {"checklists/index.md": render_checklist_index(kb.checklists),
             "ordinances/index.md": render_ordinance_index(kb.ordinances),
             TAG_INDEX_SRC: render_tag_index(kb.checklists, tag_descriptions)}
    for checklist in kb.checklists:
        pages[checklist.page_src] = render_checklist_page(checklist)
    for ordinance in kb.ordinances:
        pages[ordinance.page_src] = render_ordinance_page(ordinance, kb.citing_items)
    return pages
