"""MkDocs glue for the site search: swaps Material's lunr worker for the knowledge base's engine.

Events:
- `on_page_markdown`: marks the pages whose records come from the knowledge base
  (search_records.data_record_pages) `search: exclude`, so Material's search plugin does not
  read their HTML only for on_post_build to drop what it found (a fifth of a build at 20,000
  cautions).
- `on_post_page`: points Material's search (the `search` entry of `#__config`) at
  assets/javascripts/search_engine.js instead of Material's worker, and loads search_page.js
  (which loads the engine into the page from a file share) before Material's bundle: from a
  file share the bundle starts its worker while it loads, before any extra_javascript runs,
  so the stand-in must already be there.
- `on_post_build`: rewrites search/search_index.json with the records of
  hooks/search_records.py and writes search/search_index.js, the same index as a script,
  which Material loads instead of the JSON when the site is opened from a file share.
Runs after Material's search plugin has written its index (priority below the default).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
import re

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from kyodo_kb.build_state import build_state
from kyodo_kb.tooling.collection_pause import without_cyclic_collection
from kyodo_kb.outputs.search_records import build_search_index, data_record_pages

ENGINE = "assets/javascripts/search_engine.js"
PAGE_SCRIPT = "assets/javascripts/search_page.js"
_MATERIAL_WORKER = re.compile(r'("search":\s*"[^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')
_MATERIAL_BUNDLE = re.compile(r'<script src="([^"]*?)assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')


def _search_enabled(config) -> bool:
    return any(name.split("/")[-1] == "search" for name in config.plugins)


def _versioned(config, path: str) -> str:
    digest = hashlib.sha256((Path(config.docs_dir) / path).read_bytes()).hexdigest()[:8]
    return f"{path}?v={digest}"  # a new engine is never taken from a stale cache


def on_page_markdown(markdown: str, page, config, files) -> str:
    state = build_state(config, need_kb=True)
    if state.kb is None or not _search_enabled(config):
        return markdown
    if state.search_data_pages is None:
        state.search_data_pages = data_record_pages(state.kb)
    if page.file.src_uri in state.search_data_pages:
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown


def on_post_page(output: str, page, config) -> str:
    if not _search_enabled(config) or 'id="__config"' not in output:
        return output
    engine = _versioned(config, ENGINE)
    output, workers = _MATERIAL_WORKER.subn(lambda m: f'{m.group(1)}{engine}"', output, count=1)
    # Only the small page script: it loads the engine into the page when opened from a file
    # share, where no worker can start; over http the engine runs in Material's worker.
    scripts = (f'<script src="{{prefix}}{_versioned(config, PAGE_SCRIPT)}" '
               f'data-engine="{{prefix}}{_versioned(config, ENGINE)}"></script>')
    output, bundles = _MATERIAL_BUNDLE.subn(
        lambda m: scripts.replace("{prefix}", m.group(1)) + m.group(0), output, count=1)
    if not (workers and bundles):
        raise PluginError(
            f"検索: {page.file.src_uri} に Material の検索ワーカーかスクリプトの読み込みが見つかりません。"
            "Material for MkDocs の更新で形が変わった可能性があります（hooks/search_index.py を確認してください）")
    return output


@event_priority(-50)
@without_cyclic_collection  # reads and writes an index of every page's text (18 MB at 20,000 cautions)
def on_post_build(config) -> None:
    kb = build_state(config, need_kb=True).kb
    if not _search_enabled(config) or kb is None:
        return
    index_path = Path(config.site_dir) / "search" / "search_index.json"
    material_index = json.loads(index_path.read_text(encoding="utf-8"))

    def page_url(src_uri: str) -> str:
        return File.generated(config, src_uri, content="").url

    index = build_search_index(material_index, kb, page_url)
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    index_path.write_text(data, encoding="utf-8")
    # Read by Material (not by us) from file://, where fetching the JSON is not allowed.
    (index_path.parent / "search_index.js").write_text(f"var __index = {data}\n", encoding="utf-8")
