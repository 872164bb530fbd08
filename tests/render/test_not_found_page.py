"""404.html made to work under any sub-path (the browser test is tests/site/test_browser_not_found.py)."""
from kyodo_kb.render.not_found_page import not_found_page


def test_not_found_page_rewrites_root_links_and_config():
    html = ('<html><head>\n<meta charset="utf-8"><link href="/assets/a.css"></head><body><a href="/.">x</a>'
            '<a href="//cdn">y</a><h1>404 - Not found</h1>'
            '<script id="__config" type="application/json">{"base": "/", "search": "/w.js"}</script></body></html>')
    out = not_found_page(html, ["checklists", "assets"], "assets/javascripts/search_engine.js?v=1")
    # Stylesheets and scripts are written by script, out of the preload scanner's reach.
    assert '<script>document.write("<link href=\\"assets/a.css\\">")</script>' in out and 'href="/assets' not in out
    assert 'href="./"' in out and 'href="//cdn"' in out
    assert '"base": "./"' in out and '"search": "assets/javascripts/search_engine.js?v=1"' in out
    assert '["assets", "checklists"]' in out and "ページが見つかりません（404）" in out
    assert out.index("createElement(\"base\")") < out.index("assets/a.css")
    assert '"base": "./"' in out and "config.base = document.baseURI" in out


def test_under_a_site_url_with_a_path_the_links_below_it_become_relative():
    # MkDocs writes `/kyodo/assets/…` and `/kyodo/` when site_url is http://host/kyodo/
    html = ('<html><head>\n<meta charset="utf-8"><link href="/kyodo/assets/a.css"></head><body>'
            '<a href="/kyodo/">home</a><a href="/kyodo/checklists/">c</a><a href="/kyodoka/x/">other</a>'
            '<script src="/kyodo/assets/b.js"></script><h1>404 - Not found</h1></body></html>')
    out = not_found_page(html, ["checklists", "assets"], None, "/kyodo/")
    assert '<script>document.write("<link href=\\"assets/a.css\\">")</script>' in out
    assert 'document.write("<script src=\\"assets/b.js\\"><\\/script>")' in out
    assert 'href="./"' in out and 'href="checklists/"' in out
    assert 'href="/kyodoka/x/"' in out  # only the site's own path is taken off
    assert "/kyodo/assets" not in out
