"""My progress across the checklists (issue 15): the home page and the checklist index show, per
checklist, 「回答 6/9・いいえ 2」 from the browser's storage, counted as the checklist page counts
(items hidden by the chosen form left out; an answer to changed text is 「再確認」); unreadable
storage is skipped with a message; one button clears everything the site stored, with undo."""
import json

import pytest

from kyodo_kb.tooling.browser import PageLog, SUB_PATH, open_context, watch_page
from support import instant_navigation_site

pytestmark = pytest.mark.browser

SIZES = [{"width": 1366, "height": 768}, {"width": 390, "height": 844}]


def answer(page, item_id, label):
    page.locator(f'.kb-item[data-item="{item_id}"]').get_by_role("radio", name=label, exact=True).check()


def row(page, checklist_id):
    return page.locator(f'.kb-my-progress-row[data-checklist="{checklist_id}"] .kb-my-progress-count')


def answer_some(page, site_url):
    """kyotei: 3 answered (2 いいえ); keitai-betsu: the form 委託 chosen and 1 answered. Returns how
    many keitai-betsu items the page shows for 委託 (the total the progress must use)."""
    page.goto(site_url + "checklists/kyotei/")
    answer(page, "KT-01", "はい")
    answer(page, "KT-02", "いいえ")
    answer(page, "KT-03", "いいえ")
    page.goto(site_url + "checklists/keitai-betsu/")
    page.locator(".kb-profile").get_by_role("radio", name="委託", exact=True).check()
    shown = page.locator(".kb-item:not([hidden])")
    first = shown.first.get_attribute("data-item")
    answer(page, first, "はい")
    total = shown.count()
    assert total < page.locator(".kb-item").count()
    return total


@pytest.mark.parametrize("viewport", SIZES, ids=["desktop", "phone"])
def test_home_and_index_show_my_progress_per_checklist(page, site_url, viewport):
    page.set_viewport_size(viewport)
    page.goto(site_url)
    board = page.locator(".kb-my-progress")
    assert board.is_visible()
    assert page.locator(".kb-my-progress-empty").inner_text() == "このブラウザには、チェックリストの回答はまだ保存されていません。"
    total = answer_some(page, site_url)
    for address in [site_url, site_url + "checklists/"]:
        page.goto(address)
        assert row(page, "kyotei").inner_text() == "回答 3/9・いいえ 2"
        assert row(page, "keitai-betsu").inner_text() == f"回答 1/{total}・いいえ 0"
        assert page.locator(".kb-my-progress-row").count() == 2
        assert page.locator(".kb-my-progress-empty").is_hidden()
        table = page.locator(".kb-my-progress-table").bounding_box()
        assert table["x"] >= 0 and table["x"] + table["width"] <= viewport["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.locator('.kb-my-progress-row[data-checklist="kyotei"]').get_by_role("link").click()
    page.wait_for_url("**/checklists/kyotei/")
    assert page.locator(".kb-summary-count").inner_text().startswith("回答 3 / 9")


def test_an_answer_to_changed_text_counts_as_recheck_and_unreadable_storage_is_skipped_with_a_message(page, site_url):
    answer_some(page, site_url)
    page.evaluate("""() => {
      const key = 'kyodo-kb:answers:kyotei', stored = JSON.parse(localStorage.getItem(key));
      stored.items['KT-02'].fp = 'earlier';
      localStorage.setItem(key, JSON.stringify(stored));
      localStorage.setItem('kyodo-kb:answers:hyoka', '{not json');
      localStorage.setItem('kyodo-kb:answers:jisshi', JSON.stringify({format: 2, items: {'JS-01': {answer: 'maybe'}}}));
    }""")
    page.goto(site_url)
    assert row(page, "kyotei").inner_text() == "回答 2/9・いいえ 1・再確認 1"
    assert page.locator(".kb-my-progress-problem").inner_text() == \
        "このブラウザに保存されていた回答の一部を読み取れなかったため、その部分を数えていません。"
    assert row(page, "hyoka").count() == 0
    assert row(page, "jisshi").inner_text().startswith("回答 0/")


@pytest.mark.parametrize("viewport", SIZES, ids=["desktop", "phone"])
def test_one_button_clears_everything_the_site_stored_and_can_be_undone(page, site_url, viewport):
    page.set_viewport_size(viewport)
    answer_some(page, site_url)
    page.evaluate("""() => {
      localStorage.setItem('kyodo-kb:seen:kyotei', JSON.stringify({'KT-01': 'abc'}));
      localStorage.setItem('kyodo-kb:paperwork:form', JSON.stringify('itaku'));
      localStorage.setItem('kyodo-kb:paperwork:role-table', JSON.stringify({fields: {'a.b': 'x'}}));
      localStorage.setItem('other-site', 'kept');
    }""")
    page.goto(site_url + "checklists/")
    before = page.evaluate("() => Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))")
    assert {"kyodo-kb:answers:kyotei", "kyodo-kb:answers:keitai-betsu", "kyodo-kb:seen:kyotei"} <= set(before)
    button = page.get_by_role("button", name="このサイトが保存した内容をすべて消す")
    button.click()
    left = page.evaluate("() => Object.keys(localStorage)")
    assert left == ["other-site"]
    status = page.locator(".kb-clear-all-status")
    assert status.inner_text().startswith(f"このサイトが保存した内容（{len(before) - 1} 件）を消しました。")
    assert page.locator(".kb-my-progress-empty").is_visible()
    undo = status.get_by_role("button", name="元に戻す")
    assert page.evaluate("() => document.activeElement.textContent") == "元に戻す"
    undo.click()
    after = page.evaluate("() => Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))")
    assert after == before
    assert row(page, "kyotei").inner_text() == "回答 3/9・いいえ 2"
    # cleared for good: the checklist page starts empty
    button.click()
    page.goto(site_url + "checklists/kyotei/")
    assert page.locator(".kb-summary-count").inner_text().startswith("回答 0 / 9")


def test_progress_works_after_material_instant_navigation(tmp_path, browser):
    """Instant navigation swaps the page body without reloading scripts: progress.js must fill the
    board on document$ (built here with navigation.instant, which the site may turn on). Over 60 s
    on a busy machine: it makes a build of its own (about 10 s idle) before the browser runs."""
    server, site_url = instant_navigation_site(tmp_path)
    log = PageLog()
    context = open_context(browser, log)
    try:
        page = context.new_page()
        watch_page(page, log)
        page.goto(f"{site_url}checklists/kyotei/")
        answer(page, "KT-01", "いいえ")
        page.evaluate("() => { window.kbSamePage = true; }")
        page.locator(".md-header__button.md-logo").click()
        page.wait_for_url(f"**{SUB_PATH}")
        assert row(page, "kyotei").inner_text() == "回答 1/9・いいえ 1"
        page.locator(".md-content").get_by_role("link", name="チェックリスト一覧").first.click()
        page.wait_for_url("**/checklists/")
        assert row(page, "kyotei").inner_text() == "回答 1/9・いいえ 1"
        assert page.evaluate("() => window.kbSamePage === true")
    finally:
        context.close()
        server.shutdown()
    assert log.external_requests == [] and log.console_errors == [], (log.external_requests, log.console_errors)
