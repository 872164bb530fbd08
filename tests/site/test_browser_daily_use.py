"""Daily use of the decision page (issue 15, with issue 20's robustness): a share link opens in a
review mode that leaves the recipient's answers alone, reset can be undone, notes per item,
unreadable links and storage are ignored with a message, jump targets land visible and
highlighted below the sticky chrome, which never takes more than a third of the viewport,
items hidden by the chosen form leave the table of contents, and radio groups are named by
their question. At desktop 1366x768, phone 390x844 and 320 px (400 % zoom)."""
import pytest

from kyodo_kb.tooling.browser import PageLog, open_context, watch_page
from kyodo_kb.tooling.project import PROJECT_ROOT as ROOT
from kyodo_kb.knowledge_base import load_knowledge_base

pytestmark = pytest.mark.browser

SHIPPED = load_knowledge_base(ROOT)
KEITAI = next(c for c in SHIPPED.checklists if c.id == "keitai-betsu")
KEY = "kyodo-kb:answers:keitai-betsu"
PAGE = "checklists/keitai-betsu/"
N = len(KEITAI.items)  # the content team may add items: counts follow the shipped data
K = sum(1 for item in KEITAI.items if all("kyosai" in c.options for c in item.applies_when if c.question == "keitai"))
DESKTOP, PHONE, NARROW = (1366, 768), (390, 844), (320, 256)  # NARROW: 1280x1024 at 400 %


def answer(page, item_id, label):
    page.locator(f'.kb-item[data-item="{item_id}"]').get_by_role("radio", name=label, exact=True).check()


def checked(page, item_id):
    return page.locator(f'.kb-item[data-item="{item_id}"] .kb-answer input:checked').evaluate_all(
        "inputs => inputs.map(i => i.value)")


def summary_text(page):
    return page.locator(".kb-summary-count").inner_text()


def stored(page):
    return page.evaluate(f"() => JSON.parse(localStorage.getItem('{KEY}'))")


def other_browser(browser, log):
    context = open_context(browser, log)
    other = context.new_page()
    watch_page(other, log)
    return context, other


# ---- share links: review mode ----

def test_a_share_link_shows_whose_answers_and_leaves_the_recipients_own_untouched(page, site_url, browser):
    page.goto(site_url + PAGE)
    page.locator(".kb-open-cautions summary").click()
    page.locator(".kb-sharer-name").fill("協働推進課 山田")
    answer(page, "KB-01", "いいえ")
    answer(page, "KB-02", "はい")
    shared = page.locator(".kb-share-link").get_attribute("href")
    assert "by=%E5%8D%94" in shared and "&at=20" in shared and "&v=" in shared
    log = PageLog()
    context, other = other_browser(browser, log)
    try:
        other.goto(site_url + PAGE)
        answer(other, "KB-01", "はい")
        answer(other, "KB-04", "いいえ")
        own_before = other.evaluate(f"() => localStorage.getItem('{KEY}')")
        other.goto(shared)
        banner = other.locator(".kb-review-banner")
        assert banner.is_visible()
        text = banner.inner_text()
        assert "共有された回答を表示しています" in text and "協働推進課 山田 さんの回答です" in text
        assert "年" in text and "時点" in text
        assert "あなたがこのブラウザに保存している回答（2 件）は変更していません" in text
        assert checked(other, "KB-01") == ["no"] and checked(other, "KB-04") == []
        answer(other, "KB-05", "はい")  # a change in review mode is not saved
        assert other.evaluate(f"() => localStorage.getItem('{KEY}')") == own_before
        other.get_by_role("button", name="自分の回答に戻る").click()
        assert not banner.count() and "#" not in other.url
        assert checked(other, "KB-01") == ["yes"] and checked(other, "KB-04") == ["no"]
        other.goto(shared)  # the next visit without the link shows the own answers again
        other.goto(site_url + PAGE)
        assert checked(other, "KB-01") == ["yes"] and not other.locator(".kb-review-banner").count()
        # Adopting is explicit, and can be undone.
        other.goto(shared)
        other.get_by_role("button", name="この回答を自分の回答として保存する").click()
        assert checked(other, "KB-01") == ["no"] and checked(other, "KB-02") == ["yes"]
        assert stored(other)["items"]["KB-01"]["answer"] == "no"
        other.get_by_role("button", name="元に戻す").click()
        assert checked(other, "KB-01") == ["yes"] and checked(other, "KB-04") == ["no"]
        assert stored(other)["items"]["KB-04"]["answer"] == "no"
    finally:
        context.close()
    assert log.external_requests == [] and log.console_errors == []


def test_reset_can_be_undone(page, site_url):
    page.goto(site_url + PAGE)
    page.locator(".kb-profile").get_by_role("radio", name="共催", exact=True).check()
    answer(page, "KB-01", "いいえ")
    page.locator('.kb-item[data-item="KB-01"] .kb-note summary').click()
    page.locator('.kb-item[data-item="KB-01"] .kb-note-owner').fill("山田")
    page.get_by_role("button", name="回答をリセット").click()
    assert checked(page, "KB-01") == [] and summary_text(page) == f"回答 0 / {N}　未対応の留意事項 {N} 件"
    assert page.locator(".kb-copy-status").inner_text() == "回答・メモと選んだ条件をリセットしました。"
    assert page.evaluate(f"() => localStorage.getItem('{KEY}')") is None
    page.get_by_role("button", name="元に戻す").click()
    assert checked(page, "KB-01") == ["no"] and summary_text(page) == f"回答 1 / {K}　未対応の留意事項 {K} 件"
    assert page.locator('.kb-item[data-item="KB-01"] .kb-note-owner').input_value() == "山田"
    page.reload()
    assert checked(page, "KB-01") == ["no"]
    assert page.locator(".kb-profile").get_by_role("radio", name="共催", exact=True).is_checked()


# ---- notes per item ----

@pytest.mark.parametrize("size", [DESKTOP, PHONE])
def test_a_note_per_item_is_kept_and_travels_with_the_share_link(page, site_url, browser, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(site_url + PAGE)
    item = page.locator('.kb-item[data-item="KB-02"]')
    item.get_by_text("メモ（対応予定・期限・担当）").click()
    item.get_by_label("対応予定").fill("協定書の案を作る: 12月の打合せで")
    item.get_by_label("期限").fill("2026-12-10")
    item.get_by_label("担当").fill("山田, 佐藤")
    assert item.locator(".kb-note summary").inner_text() == "メモ（対応予定・期限・担当）：記入あり"
    page.reload()
    item = page.locator('.kb-item[data-item="KB-02"]')
    assert item.locator(".kb-note-plan").input_value() == "協定書の案を作る: 12月の打合せで"
    assert stored(page)["items"]["KB-02"]["note"] == {"plan": "協定書の案を作る: 12月の打合せで", "due": "2026-12-10", "owner": "山田, 佐藤"}
    shared = page.locator(".kb-share-link").get_attribute("href")
    log = PageLog()
    context, other = other_browser(browser, log)
    try:
        other.goto(shared)
        note = other.locator('.kb-item[data-item="KB-02"]')
        assert note.locator(".kb-note-plan").input_value() == "協定書の案を作る: 12月の打合せで"
        assert note.locator(".kb-note-due").input_value() == "2026-12-10"
        assert note.locator(".kb-note-owner").input_value() == "山田, 佐藤"
    finally:
        context.close()
    assert log.console_errors == []


# ---- unreadable links and storage (issue 20) ----

BAD_LINKS = [
    ("#answers=KB-01:no,KB-02:%E0%A4%A&profile=keitai:kyosai", {"KB-01": ["no"]}, 1),
    ("#answers=KB-01:no&profile=%ZZ", {"KB-01": ["no"]}, 1),
    ("#notes=KB-01:%:a:b&answers=KB-03:yes", {"KB-03": ["yes"]}, 1),
    ("#answers=KB-01:maybe,KB-02:no&by=%E5%", {"KB-02": ["no"]}, 2),
    ("#%=1&answers=%", {}, 2),
]


@pytest.mark.parametrize("fragment,expected,problems", BAD_LINKS)
def test_a_malformed_percent_in_a_share_link_is_ignored_with_a_message(page, site_url, fragment, expected, problems):
    page.goto(site_url + PAGE + fragment)
    message = page.locator(".kb-notice-link")
    assert message.is_visible()
    assert message.inner_text() == (f"共有リンクの一部（{problems} か所）を読み取れなかったため、その部分を無視しました。"
                                     "読み取れた回答は表示しています。")
    for item_id, values in expected.items():
        assert checked(page, item_id) == values
    # The page keeps working: answers, summary, reset.
    answer(page, "KB-02", "はい")
    assert "回答" in summary_text(page) and checked(page, "KB-02") == ["yes"]
    assert page.locator(".kb-open-list li").count() >= 1


BAD_STORAGE = [
    "{not json", "5", '"text"', "null", "[]", '{"items": 5}', '{"profile": [1], "items": {"KB-01": "yes"}}',
    '{"items": {"KB-01": {"answer": "maybe", "note": 3}}}',
    '{"items": {"__proto__": {"answer": "yes"}, "constructor": {"answer": "no"}}}',
    '{"items": {"KB-02": {"answer": "no", "note": {"plan": 7}}}}',
]


@pytest.mark.parametrize("raw", BAD_STORAGE)
def test_corrupt_values_in_the_browsers_storage_are_ignored_with_a_message(page, site_url, raw):
    page.goto(site_url + PAGE)
    page.evaluate("([key, raw]) => { localStorage.setItem(key, raw); localStorage.setItem('kyodo-kb:sharer-name', '{'); }", [KEY, raw])
    page.reload()
    assert page.locator(".kb-summary").is_visible() and summary_text(page) == f"回答 0 / {N}　未対応の留意事項 {N} 件" or raw.startswith('{"items": {"KB-02"')
    damaged = page.locator(".kb-notice-storage-damaged")
    if raw == "null" or "__proto__" in raw:  # unknown item ids are kept, harmlessly: not damage
        assert not damaged.count()
        assert page.evaluate("() => ({}).answer === undefined && Object.prototype.answer === undefined")
    else:
        assert damaged.inner_text() == "このブラウザに保存されていた回答の一部を読み取れなかったため、その部分を無視しました。"
    answer(page, "KB-01", "いいえ")
    page.get_by_role("button", name="回答をリセット").click()
    assert checked(page, "KB-01") == []
    answer(page, "KB-03", "はい")
    page.reload()
    assert checked(page, "KB-03") == ["yes"] and not page.locator(".kb-notice-storage-damaged").count()


def test_storage_that_throws_leaves_a_working_page_and_says_answers_are_not_kept(browser, site_url):
    log = PageLog()
    context = open_context(browser, log)
    # As in a private window of some browsers: reading works, every write fails.
    context.add_init_script("""Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };""")
    try:
        page = context.new_page()
        watch_page(page, log)
        page.goto(site_url + PAGE)
        answer(page, "KB-01", "いいえ")
        assert summary_text(page) == f"回答 1 / {N}　未対応の留意事項 {N} 件"
        assert page.locator(".kb-notice-storage").inner_text() == "このブラウザには回答を保存できません。回答はこの画面を閉じるまで有効です。"
    finally:
        context.close()
    assert log.console_errors == []


# ---- sticky chrome and jump targets ----

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


def sticky_bottom(page):
    return page.evaluate(STICKY_BOTTOM)


@pytest.mark.parametrize("size", [DESKTOP, PHONE, NARROW, (1366, 192), (341, 192)])
def test_sticky_chrome_takes_at_most_a_third_of_the_viewport_even_with_the_list_open(page, site_url, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(site_url + PAGE)
    page.evaluate("() => window.scrollTo(0, document.querySelector('.kb-item[data-item=\"KB-04\"]').offsetTop)")
    page.wait_for_timeout(100)
    assert sticky_bottom(page) <= size[1] / 3 + 0.5
    page.evaluate("() => { document.querySelector('.kb-open-cautions').open = true; }")
    page.wait_for_timeout(100)
    assert sticky_bottom(page) <= size[1] / 3 + 0.5


@pytest.mark.parametrize("size", [DESKTOP, PHONE, NARROW])
def test_the_open_list_leads_to_a_visible_highlighted_item_and_closes(page, site_url, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(site_url + PAGE)
    answer(page, "KB-01", "はい")
    page.locator(".kb-open-cautions summary").click()
    page.locator(".kb-open-list").get_by_role("link", name="KB-07", exact=False).click()
    page.wait_for_url("**#KB-07")
    page.wait_for_timeout(150)
    assert page.locator(".kb-open-cautions").evaluate("d => d.open") is False
    assert_target_visible_and_highlighted(page, "KB-07", size)


def assert_target_visible_and_highlighted(page, item_id, size):
    heading = page.locator(f"#{item_id}").bounding_box()
    top = sticky_bottom(page)
    assert heading["y"] >= top - 0.5, (heading, top)
    assert heading["y"] + heading["height"] <= size[1], (heading, size)
    item = page.locator(f'.kb-item[data-item="{item_id}"]')
    assert "kb-target" in item.get_attribute("class")
    assert item.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(255, 248, 197)"


@pytest.mark.parametrize("size", [DESKTOP, PHONE, NARROW])
def test_an_ordinance_back_link_lands_on_a_visible_highlighted_item(page, site_url, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(site_url + "ordinances/shimin-katsudo/")
    link = page.locator('.kb-backlinks a[href*="keitai-betsu/#KB-0"]').last
    target = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_url(f"**#{target}")
    page.wait_for_timeout(150)
    assert_target_visible_and_highlighted(page, target, size)


# ---- table of contents, tab order, names ----

def test_items_hidden_by_the_chosen_form_leave_the_toc_and_the_tab_order(page, site_url):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(site_url + PAGE)
    toc = page.locator('.md-sidebar--secondary a[href="#KB-05"]')
    assert toc.is_visible()
    page.locator(".kb-profile").get_by_role("radio", name="共催", exact=True).check()
    assert not toc.is_visible() and page.locator('.md-sidebar--secondary a[href="#KB-03"]').is_visible()
    focusable = page.evaluate("""() => [...document.querySelectorAll('.kb-item[data-item="KB-05"] input, .kb-item[data-item="KB-05"] a, .kb-item[data-item="KB-05"] button, .kb-item[data-item="KB-05"] summary')]
        .filter(el => el.getClientRects().length > 0).length""")
    assert focusable == 0
    page.locator(".kb-profile").get_by_role("radio", name="指定しない", exact=True).check()
    assert toc.is_visible()


def test_each_radio_group_is_named_by_its_question(page, site_url):
    page.goto(site_url + PAGE)
    for item in KEITAI.items:
        group = page.get_by_role("group", name=item.check, exact=True)
        assert group.count() == 1, item.id
        assert group.get_by_role("radio", name="はい", exact=True).count() == 1
