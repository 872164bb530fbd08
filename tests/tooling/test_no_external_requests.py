"""The site never calls out: no asset of the built site is loaded from outside (build-time
check, also run by `make publish`), and a browser visiting every page makes no request to
any host but the local server and logs no console error (asserted by the `page` fixture)."""
import sys
from pathlib import Path

import pytest

from support import ROOT

from kyodo_kb.tooling.site_checks import outside_resource_problems


def test_the_built_site_loads_nothing_from_outside(built_site):
    assert outside_resource_problems(built_site) == []


def test_the_check_finds_outside_scripts_styles_images_and_fonts(tmp_path):
    (tmp_path / "index.html").write_text(
        '<script src="https://cdn.example.com/x.js"></script><link rel="stylesheet" href="//fonts.example.com/a.css">'
        '<img srcset="a.png 1x, https://img.example.com/b.png 2x"><a href="https://example.com/">a plain link is fine</a>'
        '<div style="background: url(\'http://example.com/bg.png\')"></div><pre class="mermaid">graph</pre>',
        encoding="utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "site.css").write_text('@import "https://fonts.example.com/f.css"; a{background:url(data:image/png;base64,AA)}', encoding="utf-8")
    # an XML namespace name (paperwork.js writes them into XLSX files) is not a request; a URL beside it still is
    (tmp_path / "assets" / "own.js").write_text('fetch("https://api.example.com/v1"); '
                                                "'<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">'",
                                                encoding="utf-8")
    # a vendored script's licence comment names a web site; code of it that does is still reported
    vendor = tmp_path / "assets" / "javascripts" / "vendor" / "lib"
    vendor.mkdir(parents=True)
    (vendor / "lib.js").write_text("// Licensed under the MIT license:\n//  http://www.opensource.org/licenses/mit-license.php\n"
                                   "var svg = 'http://www.w3.org/2000/svg'; fetch('https://cdn.example.com/more.js');\n",
                                   encoding="utf-8")
    assert outside_resource_problems(tmp_path) == [
        "assets/javascripts/vendor/lib/lib.js: スクリプトにサイトの外の URL https://cdn.example.com/more.js があります",
        "assets/own.js: スクリプトにサイトの外の URL https://api.example.com/v1 があります",
        "assets/site.css: https://fonts.example.com/f.css はサイトの外から読み込みます",
        'index.html: <img srcset="https://img.example.com/b.png"> はサイトの外から読み込みます',
        'index.html: <link href="//fonts.example.com/a.css"> はサイトの外から読み込みます',
        'index.html: <script src="https://cdn.example.com/x.js"> はサイトの外から読み込みます',
        "index.html: mermaid の図があります（テーマが unpkg.com から図のスクリプトを読み込みます）",
        "index.html: スタイルの http://example.com/bg.png はサイトの外から読み込みます",
    ]


def every_page(site: Path) -> list[str]:
    return sorted(p.parent.relative_to(site).as_posix() + "/" if p.parent != site else "" for p in site.rglob("index.html"))


@pytest.mark.browser
def test_every_page_opens_without_outside_requests_or_console_errors(page, site_url, built_site, page_log):
    pages = every_page(built_site)
    assert "checklists/kyodo-gensoku/" in pages and "" in pages
    local_requests = []
    page.on("request", lambda request: local_requests.append(request.url))
    for path in pages:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").count() >= 1, path
    assert page_log.external_requests == [] and page_log.console_errors == []
    assert all(url.startswith(site_url) for url in local_requests), [u for u in local_requests if not u.startswith(site_url)]
