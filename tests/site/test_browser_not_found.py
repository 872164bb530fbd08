"""The 404 page under any sub-path (issue 15): styled, Japanese, with working links back, its
assets loaded from the site (not the server root), the site's search engine working."""
import pytest

from kyodo_kb.tooling.browser import serve_directory

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def error_site(built_site):
    servers = []

    def serve(sub_path):
        server, url = serve_directory(built_site, sub_path=sub_path, error_page=True)
        servers.append(server)
        return url

    yield serve
    for server in servers:
        server.shutdown()


MISSING = ["no-such-page/", "checklists/no-such-list/", "guideline/keitai/typo", "checklists/keitai-betsu/old/deep/page.html"]


@pytest.mark.parametrize("sub_path", ["/kyodo-kb/", "/intranet/bumon/kyodo/"])
@pytest.mark.parametrize("missing", MISSING)
@pytest.mark.parametrize("size", [(1366, 768), (390, 844)])
def test_the_404_page_is_styled_japanese_and_links_back_under_any_sub_path(page, page_log, error_site, sub_path, missing, size):
    url = error_site(sub_path)
    page_log.allow_console_errors = True  # the page's own 404 status is logged; nothing else may be
    page.set_viewport_size({"width": size[0], "height": size[1]})
    requests = []
    page.on("requestfinished", lambda request: requests.append(request.url))
    response = page.goto(url + missing)
    assert response.status == 404
    assert page.locator("h1").first.inner_text() == "ページが見つかりません（404）"
    assert page.title().startswith("ページが見つかりません")
    # Styled: Material's stylesheet applied (the header has its colour) and ours too.
    assert page.locator(".md-header").evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert page.evaluate("() => [...document.styleSheets].some(s => (s.href || '').endsWith('assets/stylesheets/kb.css'))")
    origin = url.split(sub_path)[0]
    assert all(r.startswith(url) for r in requests if r.startswith(origin)), requests
    page.get_by_role("link", name="チェックリストの一覧").click()
    page.wait_for_url(url + "checklists/")
    assert page.locator("h1").first.inner_text().rstrip("¶") != "ページが見つかりません（404）"
    page.go_back()
    page.get_by_role("link", name="トップページへ戻る").click()
    page.wait_for_url(url)
    assert page_log.console_errors == ["Failed to load resource: the server responded with a status of 404 (Not Found)"] * 2


def test_the_404_page_search_uses_the_sites_engine(page, page_log, error_site):
    url = error_site("/kyodo-kb/")
    page_log.allow_console_errors = True
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(url + "checklists/missing/")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("委託")
    box.press("End")  # Material searches on keyup
    page.wait_for_function("() => /件見つかりました/.test(document.querySelector('.md-search-result__meta').textContent)")
    first = page.locator(".md-search-result__list > li > a.md-search-result__link").first.evaluate("a => a.href")
    assert first.startswith(url) and "/missing/" not in first, first
