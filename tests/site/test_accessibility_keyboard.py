"""Keyboard use in the browser: a skip link to the questions, one tab stop per radio group, focus
always visible and never under the sticky header, header buttons, the search dialog keeps and
gives back focus."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

DECISION = "checklists/keitai-betsu/"
PHONE = {"width": 390, "height": 844}

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const header = document.querySelector('.md-header');
  const headerBottom = header ? header.getBoundingClientRect().bottom : 0;
  const x = Math.min(Math.max(rect.left + rect.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(rect.top + Math.min(rect.height / 2, 8), 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  return {
    tag: el.tagName.toLowerCase(), type: el.type || '', name: el.name || '',
    text: (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 40),
    inHeader: !!el.closest('.md-header'), inSidebar: !!el.closest('.md-sidebar'),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1,
    shadow: style.boxShadow !== 'none',
    top: rect.top, bottom: rect.bottom, headerBottom,
    covered: !!top && top !== el && !el.contains(top) && !top.contains(el) && !!top.closest('.md-header'),
  };
}"""


def tab_stops(page, limit: int = 400) -> list[dict]:
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUSED)
        if info is None or (stops and info == stops[0]):
            break
        stops.append(info)
    return stops


def test_the_skip_link_is_the_first_stop_and_goes_to_the_questions(page, site_url):
    page.goto(site_url + DECISION)
    page.keyboard.press("Tab")
    skip = page.locator(".md-skip")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    assert skip.inner_text().strip() == "質問へスキップ"
    assert skip.is_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert (focused["tag"], focused["type"], focused["name"]) == ("input", "radio", "kb-profile-keitai")
    assert focused["top"] >= focused["headerBottom"]


def test_each_radio_group_is_one_tab_stop_and_arrow_keys_choose_within_it(page, site_url):
    page.goto(site_url + DECISION)
    stops = tab_stops(page)
    radio_groups = [stop["name"] for stop in stops if stop["type"] == "radio"]
    assert radio_groups, "ラジオボタンに Tab で届きません"
    assert len(radio_groups) == len(set(radio_groups)), radio_groups
    item_groups = page.locator(".kb-item:visible fieldset.kb-answer").count()
    assert len([name for name in radio_groups if name.startswith("kb-answer-")]) == item_groups
    page.locator("input[name=kb-answer-KB-01][value=yes]").focus()
    page.keyboard.press("ArrowRight")
    assert page.locator("input[name=kb-answer-KB-01][value=no]").is_checked()


@pytest.mark.parametrize("path", ["", DECISION, "chooser/keitai/", "guideline/yogoshu/"])
@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_every_tab_stop_shows_focus_and_is_not_under_the_sticky_header(browser, site_url, path, viewport):
    from kyodo_kb.tooling.browser import PageLog, open_context, watch_page

    log = PageLog()
    context = open_context(browser, log, **({"viewport": viewport} if viewport else {}))
    try:
        page = context.new_page()
        watch_page(page, log)
        page.goto(site_url + path)
        stops = tab_stops(page)
        assert len(stops) > 5
        hidden_focus = [stop["text"] for stop in stops if not (stop["outline"] or stop["shadow"])]
        assert hidden_focus == []
        under_header = [stop["text"] for stop in stops
                        if not stop["inHeader"] and not stop["inSidebar"] and stop["covered"]]
        assert under_header == []
        assert log.console_errors == [] and log.external_requests == []
    finally:
        context.close()


def test_the_header_menu_button_opens_the_navigation_from_the_keyboard(browser, site_url):
    from kyodo_kb.tooling.browser import PageLog, open_context

    context = open_context(browser, PageLog(), viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(site_url)
        menu = page.locator("[data-kb-toggle=__drawer]")
        menu.focus()
        assert menu.get_attribute("aria-expanded") == "false"
        page.keyboard.press("Enter")
        assert page.locator("#__drawer").is_checked()
        assert menu.get_attribute("aria-expanded") == "true"
        assert page.locator(".md-nav--primary").get_by_role("link", name="協働とは").is_visible()
    finally:
        context.close()


def search_focus_trapped(page, presses: int = 30) -> bool:
    for _ in range(presses):
        page.keyboard.press("Tab")
        if not page.evaluate("document.querySelector('.md-search__inner').contains(document.activeElement)"):
            return False
    for _ in range(5):
        page.keyboard.press("Shift+Tab")
        if not page.evaluate("document.querySelector('.md-search__inner').contains(document.activeElement)"):
            return False
    return True


def test_the_search_dialog_keeps_focus_inside_and_gives_it_back_on_a_phone(browser, site_url):
    from kyodo_kb.tooling.browser import PageLog, open_context

    context = open_context(browser, PageLog(), viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(site_url)
        button = page.locator("[data-kb-toggle=__search]")
        button.focus()
        page.keyboard.press("Enter")
        field = page.locator(".md-search__input")
        field.wait_for()
        page.wait_for_function("document.activeElement === document.querySelector('.md-search__input')")
        assert button.get_attribute("aria-expanded") == "true"
        field.press_sequentially("協働")
        field.press("End")
        page.locator(".md-search-result__item").first.wait_for()
        assert search_focus_trapped(page)
        page.keyboard.press("Escape")
        page.wait_for_function("document.activeElement && document.activeElement.dataset.kbToggle === '__search'")
        assert not page.locator("#__search").is_checked()
        assert button.get_attribute("aria-expanded") == "false"
    finally:
        context.close()


def test_on_a_wide_screen_tab_passes_the_empty_search_field_and_a_query_keeps_focus_in_the_results_until_escape(page, site_url):
    page.goto(site_url)
    field = page.locator(".md-search__input")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.querySelector('.md-search__input')"):
            break
    assert page.locator("#__search").is_checked()
    page.keyboard.press("Tab")  # passing through the empty field: no trap, the search closes
    assert not page.evaluate("document.querySelector('.md-search__inner').contains(document.activeElement)")
    assert not page.locator("#__search").is_checked()
    field.focus()
    field.press_sequentially("協働")
    field.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    assert search_focus_trapped(page)
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()
    page.keyboard.press("Tab")  # focus continues after the search field, not at the top of the page
    assert not page.evaluate("document.activeElement.classList.contains('md-skip')")
