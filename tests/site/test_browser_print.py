"""Printing a checklist from the browser: the controls print only on a click, blank or with the
answers; print media shows the title block, items with boxes and full citations, and the
sign-off block, without the site's chrome; every item fits on an A4 page."""
import pytest

pytestmark = pytest.mark.browser

PAGE = "checklists/kyodo-gensoku/"
# A4 portrait minus the @page margins of print.css (15 mm left/right, 14 mm top, 16 mm bottom), in CSS px.
A4_CONTENT_WIDTH = round((210 - 30) / 25.4 * 96)
A4_CONTENT_HEIGHT = round((297 - 30) / 25.4 * 96)
RECORD_PRINT = """
window.__printed = [];
window.print = () => window.__printed.push(document.body.classList.contains('kb-print-blank') ? 'blank' : 'filled');
"""


def visible_in_print(page, selector: str) -> bool:
    return page.locator(selector).first.evaluate(
        "el => { for (; el; el = el.parentElement) { if (getComputedStyle(el).display === 'none') return false; } return true; }")


def test_print_button_prints_only_when_clicked_in_the_chosen_mode(page, site_url):
    page.add_init_script(RECORD_PRINT)
    page.goto(site_url + PAGE)
    assert page.evaluate("window.__printed") == []
    button = page.get_by_role("button", name="印刷する")
    assert button.is_visible()
    assert page.get_by_role("radio", name="回答を入れて").is_checked()
    button.click()
    page.get_by_role("radio", name="空欄で").check()
    button.click()
    assert page.evaluate("window.__printed") == ["filled", "blank"]
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("document.body.classList.contains('kb-print-blank')") is False


def test_screen_shows_downloads_but_not_the_signoff_block(page, site_url):
    page.goto(site_url + PAGE)
    csv_link = page.get_by_role("link", name="空欄の CSV")
    assert csv_link.is_visible()
    response = page.request.get(csv_link.evaluate("a => a.href"))
    assert response.ok and response.body().startswith("\ufeffチェックリスト,ID,".encode("utf-8"))
    # The build makes no PDF, so its link stays hidden until make_pdf.py has written one.
    assert page.locator("a.kb-download-pdf").is_hidden()
    assert page.locator(".kb-signoff").is_hidden()


def test_print_media_drops_the_site_chrome_and_keeps_title_block_items_and_signoff(page, site_url):
    page.goto(site_url + PAGE)
    page.emulate_media(media="print")
    for chrome in [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                   ".md-search", ".kb-print-tools", ".kb-print-button", ".kb-source"]:
        if page.locator(chrome).count():
            assert not visible_in_print(page, chrome), chrome
    assert page.locator("button:visible, .md-button:visible").count() == 0
    assert page.locator(".kb-print-revision").inner_text().startswith("協働のガイドライン（補強版）　改訂日 令和")
    assert page.locator(".kb-page-url").inner_text() == page.url.split("#")[0]
    signoff = page.locator(".kb-signoff")
    assert signoff.is_visible()
    for field in ["所属", "担当者", "確認日", "相手方（団体名）", "上長確認"]:
        assert signoff.get_by_role("rowheader", name=field).is_visible()
    items = page.locator("div.kb-item")
    assert items.count() >= 6
    for index in range(items.count()):
        item = items.nth(index)
        boxes = item.locator("fieldset.kb-answer input[type=radio]")
        assert boxes.count() == 3
        assert boxes.first.evaluate("el => getComputedStyle(el).borderTopStyle") == "solid"
        for link in item.locator("p.kb-basis a").all():
            style = link.evaluate("a => [getComputedStyle(a).color, getComputedStyle(a).textDecorationLine,"
                                  " getComputedStyle(a, '::after').content]")
            assert style[0] == "rgb(0, 0, 0)" and style[1] == "none" and style[2] in ("none", "normal")
            assert link.inner_text().startswith(("市民活動推進条例第", "自治基本条例第"))


def test_filled_print_marks_the_chosen_answer_and_blank_print_hides_it(page, site_url):
    page.goto(site_url + PAGE)
    chosen = page.locator("#KG-01").locator("xpath=ancestor::div[contains(@class,'kb-item')]").get_by_role("radio", name="はい")
    chosen.check()
    other = page.locator("fieldset.kb-answer input[value=no]").first
    page.emulate_media(media="print")
    background = "el => getComputedStyle(el).backgroundColor"
    assert chosen.evaluate(background) == "rgb(0, 0, 0)"
    assert other.evaluate(background) == "rgb(255, 255, 255)"
    page.evaluate("document.body.classList.add('kb-print-blank')")
    assert chosen.evaluate(background) == "rgb(255, 255, 255)"


def test_every_item_fits_on_one_a4_page_and_is_never_split(page, site_url):
    page.set_viewport_size({"width": A4_CONTENT_WIDTH, "height": A4_CONTENT_HEIGHT})
    page.goto(site_url + PAGE)
    page.emulate_media(media="print")
    boxes = page.locator("div.kb-item, .kb-signoff").evaluate_all(
        "els => els.map(el => [el.querySelector('h2, .kb-signoff-title').textContent,"
        " el.getBoundingClientRect().width, el.getBoundingClientRect().height, getComputedStyle(el).breakInside])")
    assert len(boxes) >= 7
    for text, width, height, break_inside in boxes:
        assert break_inside == "avoid", text
        assert width <= A4_CONTENT_WIDTH and 0 < height < A4_CONTENT_HEIGHT, text


def test_paper_shows_every_caution_even_when_the_screen_folds_answered_ones(page, site_url):
    page.goto(site_url + PAGE)
    item = page.locator("div.kb-item").first
    item.get_by_role("radio", name="はい").check()
    caution = item.locator(".kb-caution")
    page.emulate_media(media="print")
    assert caution.is_visible() and item.locator(".kb-basis").is_visible()


def test_paper_names_the_chosen_conditions_of_a_filtered_checklist(page, site_url):
    page.goto(site_url + "checklists/keitai-betsu/")
    page.emulate_media(media="print")
    assert not page.locator(".kb-profile").is_visible()
    page.emulate_media(media="screen")
    page.get_by_role("radio", name="共催").check()
    page.emulate_media(media="print")
    profile = page.locator(".kb-profile")
    assert profile.is_visible()
    assert "共催" in profile.inner_text() and "委託" not in profile.inner_text()
    hidden = page.locator("div.kb-item[hidden]")
    assert hidden.count() > 0 and not hidden.first.is_visible()


def test_glossary_terms_lose_their_dotted_underline_on_paper(page, site_url):
    page.goto(site_url + "checklists/keitai-betsu/")
    terms = page.locator(".kb-caution abbr")
    assert terms.count() > 0
    style = "el => getComputedStyle(el).borderBottomStyle"
    assert terms.first.evaluate(style) == "dotted"
    page.emulate_media(media="print")
    assert set(terms.evaluate_all(f"els => els.map({style})")) == {"none"}
