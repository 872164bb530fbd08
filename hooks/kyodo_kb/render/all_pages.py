"""Every generated page of the site at once, from one knowledge base."""
from __future__ import annotations

from kyodo_kb.render.pages import (render_checklist_index, render_checklist_page, render_ordinance_index,
                                   render_ordinance_page)
from kyodo_kb.render.progress import render_progress_board
from kyodo_kb.render.stage_path import render_next_stage
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
def render_all_pages(kb) -> dict:
    """Every generated page, src_uri -> Markdown (also used by the benchmark's no-hook baseline)."""
    tag_descriptions = {tag.name: tag.description for tag in kb.tags or ()}
    pages = {"checklists/index.md": render_checklist_index(kb.checklists) + "\n"
             + render_progress_board(kb.checklists, "checklists/index.md"),
             "ordinances/index.md": render_ordinance_index(kb.ordinances),
             TAG_INDEX_SRC: render_tag_index(kb.checklists, tag_descriptions)}
    ordinances = {ordinance.id: ordinance for ordinance in kb.ordinances}
    for checklist in kb.checklists:
        pages[checklist.page_src] = render_checklist_page(checklist, kb.pending_amendments,
                                                          render_next_stage(kb.checklists, checklist), ordinances)
    for ordinance in kb.ordinances:
        pages[ordinance.page_src] = render_ordinance_page(ordinance, kb.citing_items)
    return pages


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


def page_sources(kb, src_uri: str) -> list[str]:
    """The data files a generated page is made from (project paths), [] when none is known."""
    from kyodo_kb.formats.changelog import CHANGELOG_PATH
    from kyodo_kb.formats.tags import TAG_LIST_PATH
    from kyodo_kb.render.changelog_page import CHANGELOG_PAGE
    from kyodo_kb.render.editions_page import PAGE_SRC as EDITIONS_PAGE

    if kb is None:
        return []
    generated, folders = generated_sources(kb)
    if src_uri in generated:
        return list(generated[src_uri])
    folder = next((prefix for prefix in folders if src_uri.startswith(prefix)), None)
    if folder is not None:
        return [folders[folder]]
    if src_uri == TAG_INDEX_SRC:
        return [TAG_LIST_PATH] + [checklist.path for checklist in kb.checklists]
    if src_uri in (CHANGELOG_PAGE, EDITIONS_PAGE):
        return [CHANGELOG_PATH]
    return []
