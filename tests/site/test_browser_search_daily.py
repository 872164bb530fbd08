"""Search as staff use it (issue 15), on the built site: a phrase found nowhere falls back to its
parts, staff pages before editors' pages, the words typed are highlighted on the page opened,
and snippets carry no stray spaces from the source's line breaks."""
import re

import pytest

pytestmark = pytest.mark.browser

RESULT_LINKS = ".md-search-result__list > li > a.md-search-result__link"


def type_query(page, query):
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)
    box.press("End")  # Material searches on keyup
    page.wait_for_function("""q => document.querySelector('.md-search__input').value === q &&
        /件見つかりました|何も見つかりませんでした/.test(document.querySelector('.md-search-result__meta').textContent)""", arg=query)
    page.wait_for_timeout(300)  # the answer to the last keystroke drawn


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)])
def test_a_question_with_no_complete_match_finds_its_parts(page, site_url, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(site_url)
    if size[0] < 600:
        page.locator('label[for="__search"]').first.click()
    type_query(page, "委託と協働の違い")
    meta = page.locator(".md-search-result__meta").inner_text()
    assert "見つかりませんでした" not in meta
    firsts = page.locator(RESULT_LINKS).evaluate_all("links => links.slice(0, 5).map(a => a.innerText)")
    assert any("委託" in text for text in firsts), firsts


def test_staff_pages_come_before_editors_pages(page, site_url):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(site_url)
    for query in ["ボランティア保険", "協定書", "役割分担"]:
        page.locator("input.md-search__input").fill("")
        type_query(page, query)
        hrefs = page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.getAttribute('href'))")
        editors = [i for i, href in enumerate(hrefs) if re.search(r"(^|/)(editing|tags|maintainers|flows)/", href)]
        staff = [i for i, href in enumerate(hrefs) if i not in editors]
        assert staff and (not editors or max(staff) < min(editors)), (query, hrefs[:10])


def test_the_typed_katakana_word_is_highlighted_on_the_page_opened(page, site_url):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(site_url)
    type_query(page, "ボランティア保険")
    page.locator(RESULT_LINKS).first.click()
    page.wait_for_load_state()
    marks = set(page.locator(".md-content mark").evaluate_all("marks => marks.map(m => m.textContent)"))
    text = page.locator(".md-content").inner_text()
    # The word where the page has it; else (found by resemblance) its parts.
    assert ("ボランティア保険" in marks) if "ボランティア保険" in text else {"ボランティア", "保険"} <= marks, marks


def test_snippets_have_no_stray_spaces_between_japanese_words(page, site_url):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(site_url)
    type_query(page, "事業協力")
    snippets = page.locator(".kb-search-snippet").evaluate_all("s => s.map(e => e.textContent)")
    assert snippets
    gaps = [s for s in snippets if re.search(r"[\u3040-\u30ff\u4e00-\u9fff、]\s+[\u3040-\u30ff\u4e00-\u9fff]", s)]
    # Only pages' tables and lists (not cautions) may keep a space between cells.
    caution_snippets = page.locator(".md-search-result__list > li").evaluate_all(
        "items => items.filter(li => (li.querySelector('.kb-search-kind') || {}).textContent === '留意事項').map(li => li.querySelector('.kb-search-snippet').textContent)")
    assert caution_snippets and not [s for s in caution_snippets if s in gaps], gaps[:3]
