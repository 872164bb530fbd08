"""Reflow and text size (WCAG 1.4.10, 1.4.4): at 320 CSS px wide, and with text at 200 %, no page
scrolls sideways, and the checklist and chooser still work."""
from __future__ import annotations

import pytest

from kyodo_kb.tooling.accessibility_audit import site_pages
from kyodo_kb.tooling.browser import PageLog, open_context, serve_directory, watch_page

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}
# Text zoom only (not page zoom): the theme sizes everything in rem from html's 125 %, so 250 % is 200 % text.
DOUBLE_TEXT = "html { font-size: 250% !important; }"

OVERFLOW = """() => {
  const root = document.documentElement;
  const wide = [];
  if (root.scrollWidth > root.clientWidth + 1) {
    for (const el of document.querySelectorAll('.md-content *, .md-header *')) {
      const rect = el.getBoundingClientRect();
      if (rect.right > root.clientWidth + 1 && !el.closest('.md-typeset__scrollwrap, pre, .md-sidebar')
          && getComputedStyle(el).position !== 'fixed') {
        wide.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + Math.round(rect.right));
        if (wide.length > 3) break;
      }
    }
    wide.unshift(`scrollWidth ${root.scrollWidth} > ${root.clientWidth}`);
  }
  return wide;
}"""


@pytest.fixture(scope="module")
def root_url(built_site):
    server, url = serve_directory(built_site, sub_path="/")  # 404.html links its assets from the root
    yield url
    server.shutdown()


def sideways(browser, root_url, pages, css: str | None = None, **viewport) -> dict:
    log = PageLog()
    context = open_context(browser, log, viewport=viewport or NARROW)
    problems = {}
    try:
        page = context.new_page()
        watch_page(page, log)
        for path in pages:
            page.goto(root_url + path)
            if css:
                page.add_style_tag(content=css)
            overflow = page.evaluate(OVERFLOW)
            if overflow:
                problems[path or "(ホーム)"] = overflow
        assert log.console_errors == [] and log.external_requests == []
    finally:
        context.close()
    return problems


def test_no_page_scrolls_sideways_at_320_css_px(browser, built_site, root_url):
    assert sideways(browser, root_url, site_pages(built_site)) == {}


def test_no_page_scrolls_sideways_with_text_at_200_percent(browser, built_site, root_url):
    assert sideways(browser, root_url, site_pages(built_site), DOUBLE_TEXT, width=1280, height=800) == {}


@pytest.mark.parametrize("css,viewport", [(None, NARROW), (DOUBLE_TEXT, {"width": 1280, "height": 800})],
                         ids=["320px", "text200"])
def test_the_checklist_and_the_chooser_work_at_320_px_and_at_200_percent_text(browser, root_url, css, viewport):
    context = open_context(browser, PageLog(), viewport=viewport)
    try:
        page = context.new_page()
        page.goto(root_url + "checklists/keitai-betsu/")
        if css:
            page.add_style_tag(content=css)
        radio = page.locator(".kb-profile").get_by_role("radio", name="共催", exact=True)
        radio.scroll_into_view_if_needed()
        radio.check()
        answer = page.locator('.kb-item[data-item="KB-01"] input[value=no]')
        answer.scroll_into_view_if_needed()
        assert answer.is_visible()
        answer.check()
        assert "回答 1 /" in page.locator(".kb-summary-count").inner_text()
        page.goto(root_url + "chooser/keitai/")
        if css:
            page.add_style_tag(content=css)
        first = page.locator(".kb-chooser a").first
        first.scroll_into_view_if_needed()
        assert first.is_visible()
        box = first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
        first.click()
        assert page.url != root_url + "chooser/keitai/"
    finally:
        context.close()
