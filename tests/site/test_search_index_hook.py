"""The search glue: each page points Material at our engine and loads the file-share helper
before Material's bundle, and the build stops with a clear message when Material's page no longer looks as expected."""
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from support import load_hook

search_index = load_hook("search_index")
from kyodo_kb.tooling.project import PROJECT_ROOT as ROOT

CONFIG = SimpleNamespace(plugins={"material/search": object()}, docs_dir=str(ROOT / "docs"))
PAGE = SimpleNamespace(file=SimpleNamespace(src_uri="checklists/keikaku.md"))
HTML = ('<script id="__config" type="application/json">{"base": "../..", '
        '"search": "../../assets/javascripts/workers/search.a7633da7.min.js"}</script>\n'
        '<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>')


def test_the_page_uses_our_engine_as_worker_and_loads_the_file_share_helper_before_the_bundle():
    output = search_index.on_post_page(HTML, PAGE, CONFIG)
    assert '"search": "../../assets/javascripts/search_engine.js?v=' in output
    helper = output.index('<script src="../../assets/javascripts/search_page.js?v=')
    assert helper < output.index("bundle.a5f9d56c.min.js")
    # The engine itself is not loaded into the page (it runs in the worker); the helper loads
    # it from this address only when the site is opened from a file share.
    assert '<script src="../../assets/javascripts/search_engine.js' not in output
    assert 'data-engine="../../assets/javascripts/search_engine.js?v=' in output[helper:output.index("bundle.a5f9d56c.min.js")]


def test_a_page_without_materials_worker_setting_stops_the_build_with_a_message():
    with pytest.raises(PluginError, match="checklists/keikaku.md に Material の検索ワーカー"):
        search_index.on_post_page(HTML.replace("workers/search", "workers/other"), PAGE, CONFIG)


def test_without_the_search_plugin_pages_are_left_alone():
    config = SimpleNamespace(plugins={}, docs_dir=CONFIG.docs_dir)
    assert search_index.on_post_page(HTML, PAGE, config) == HTML


class Config(dict):
    plugins = {"material/search": object()}
    docs_dir = str(ROOT / "docs")


def test_material_does_not_read_the_pages_whose_records_come_from_the_data():
    from kyodo_kb.build_state import CONFIG_KEY, BuildState
    from kyodo_kb.knowledge_base import load_knowledge_base

    config = Config()
    kb = load_knowledge_base(ROOT)
    config[CONFIG_KEY] = BuildState(ROOT, loaded=True, kb=kb)
    pages = {src_uri: SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), meta={"title": "題"})
             for src_uri in (kb.checklists[0].page_src, kb.ordinances[0].page_src, kb.training_paths[0].handout_src,
                             "guideline/hajimeni.md", "checklists/index.md")}
    for page in pages.values():
        assert search_index.on_page_markdown("本文", page, config, None) == "本文"
    excluded = sorted(src_uri for src_uri, page in pages.items() if page.meta.get("search") == {"exclude": True})
    assert excluded == sorted([kb.checklists[0].page_src, kb.ordinances[0].page_src, kb.training_paths[0].handout_src])
    assert all(page.meta["title"] == "題" for page in pages.values())
