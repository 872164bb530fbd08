"""MkDocs glue for 404.html: makes it work under any sub-path, in Japanese (kyodo_kb.render.not_found_page).

Event: `on_post_build` (after search_index.py, whose search engine address the page takes from index.html).
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from kyodo_kb.render.not_found_page import not_found_page, search_url_of


def on_post_build(config) -> None:
    site = Path(config["site_dir"])
    page = site / "404.html"
    if not page.exists():
        return
    home = site / "index.html"
    search_url = search_url_of(home.read_text(encoding="utf-8")) if home.exists() else None
    names = [entry.name for entry in site.iterdir() if entry.name != "404.html"]
    page.write_text(not_found_page(page.read_text(encoding="utf-8"), names, search_url,
                                         urlsplit(config.get("site_url") or "").path or "/"), encoding="utf-8")
