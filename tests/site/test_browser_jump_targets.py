"""Jumping to an item (issue 15) from a search result and from a chooser link: the item's question
lands fully visible below every sticky element (header, summary) and the item is highlighted, at
desktop, phone and 320 px sizes. (The 未対応 list and ordinance back-links: test_browser_daily_use.)"""
import re

import pytest

pytestmark = pytest.mark.browser

SIZES = [(1366, 768), (390, 844), (320, 568)]
RESULT_LINKS = ".md-search-result__list a.md-search-result__link"

STICKY_BOTTOM = """() => {
  let bottom = 0;
  for (const el of document.querySelectorAll('.md-header, .kb-summary')) {
    const style = getComputedStyle(el);
    if (style.position !== 'sticky' && style.position !== 'fixed') continue;
    const rect = el.getBoundingClientRect();
    if (rect.top <= parseFloat(style.top || 0) + 1 && rect.bottom > 0) bottom = Math.max(bottom, rect.bottom);
  }
  return bottom;
}"""


def assert_landed(page, item_id, size):
    page.wait_for_timeout(200)  # jump_targets.js re-scrolls once after measuring the sticky chrome
    heading = page.locator(f"#{item_id}").bounding_box()
    top = page.evaluate(STICKY_BOTTOM)
    assert heading["y"] >= top - 0.5, (item_id, heading, top)
    assert heading["y"] + heading["height"] <= size[1], (item_id, heading, size)
    item = page.locator(f'.kb-item[data-item="{item_id}"]')
    assert "kb-target" in item.get_attribute("class")
    assert item.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(255, 248, 197)"
    others = page.locator(".kb-item.kb-target").count()
    assert others == 1


@pytest.mark.parametrize("size", SIZES, ids=["desktop", "phone", "320"])
def test_a_search_result_lands_on_a_visible_highlighted_item(page, site_url, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(site_url)
    if size[0] < 1220:  # Material folds the search box into an icon below its large breakpoint
        page.locator('label[for="__search"]').first.click()
    box = page.locator("input.md-search__input")
    box.fill("著作権")
    box.press("End")
    page.wait_for_function("() => /件見つかりました/.test(document.querySelector('.md-search-result__meta').textContent)")
    page.wait_for_timeout(300)
    hrefs = page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.getAttribute('href'))")
    index, href = next((i, h) for i, h in enumerate(hrefs) if re.search(r"checklists/[a-z-]+/.*#[A-Z]+-\d+$", h))
    item_id = href.rsplit("#", 1)[1]
    page.locator(RESULT_LINKS).nth(index).click()
    page.wait_for_url(f"**#{item_id}")
    assert_landed(page, item_id, size)


@pytest.mark.parametrize("size", SIZES, ids=["desktop", "phone", "320"])
def test_a_chooser_link_lands_on_a_visible_highlighted_item(page, site_url, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(site_url + "chooser/keitai/")
    page.get_by_role("link", name="相手方が自主的に行う事業で、市が応援する").click()
    page.get_by_role("link", name="市の名前（後援の名義）を使うことを認め、賛同を示す").click()
    page.wait_for_selector("#kb-specific")
    links = page.locator("#kb-specific + ul a")
    link = links.last  # the deepest one: the page must scroll to it
    item_id = link.get_attribute("href").rsplit("#", 1)[1]
    link.click()
    page.wait_for_url(f"**/checklists/keitai-betsu/#{item_id}")
    assert_landed(page, item_id, size)
