"""Training pages in the browser: steps marked as read and answers survive a reload, answering
shows the verdict and the explanation at once, the result lists the cautions to reread, the page
reads as a list without JavaScript, and the handout prints its answers on pages of their own."""
import subprocess

import pytest

from kyodo_kb.tooling.browser import open_context, watch_page

pytestmark = pytest.mark.browser

PATH = "training/shinsaiyo/"
HANDOUT = "training/shinsaiyo/handout/"


def test_marking_steps_keeps_progress_across_reloads(page, site_url):
    page.goto(site_url + PATH)
    status = page.locator(".kb-training-progress [role=status]")
    assert status.inner_text() == "読んだステップ 0 / 14"
    first = page.locator("#step-s01").get_by_role("checkbox", name="読んだ")
    third = page.locator("#step-s03").get_by_role("checkbox", name="読んだ")
    first.check()
    third.check()
    assert status.inner_text() == "読んだステップ 2 / 14"
    page.reload()
    assert page.locator("#step-s01").get_by_role("checkbox", name="読んだ").is_checked()
    assert page.locator("#step-s03").get_by_role("checkbox", name="読んだ").is_checked()
    assert not page.locator("#step-s02").get_by_role("checkbox", name="読んだ").is_checked()
    assert page.locator(".kb-training-progress [role=status]").inner_text() == "読んだステップ 2 / 14"
    stored = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('kb-training:'))")
    assert stored == ["kb-training:shinsaiyo"]


def test_answering_shows_the_verdict_and_explanation_and_the_result_lists_cautions_to_reread(page, site_url):
    page.goto(site_url + PATH)
    result = page.locator(".kb-training-result")
    assert result.is_hidden()
    q1 = page.locator("#q-q01")
    q1.get_by_role("radio").nth(0).check()  # wrong: the correct choice is 2
    feedback = q1.locator(".kb-feedback")
    assert feedback.locator(".kb-verdict").inner_text() == "正解ではありません。正解は 2 です。"
    assert "問1の答え: 2." in feedback.inner_text()
    assert feedback.get_by_role("link", name="KK-04", exact=False).count() == 1
    assert feedback.get_by_role("link", name="市民活動推進条例第2条第2号").count() == 1
    q2 = page.locator("#q-q02")
    q2.get_by_role("radio").nth(1).check()  # right
    assert q2.locator(".kb-verdict").inner_text() == "正解です。"
    assert result.is_visible()
    assert result.locator(".kb-result-score").inner_text() == "答えた問い 2 / 8　正解 1 問"
    reread = result.locator(".kb-result-reread a")
    assert reread.count() == 1
    assert reread.first.inner_text().startswith("KK-04 ")
    reread.first.click()
    page.wait_for_url("**/checklists/keikaku/#KK-04")
    page.go_back()
    page.wait_for_url("**/training/shinsaiyo/")
    # the answers come back with their verdicts after leaving the page
    assert page.locator("#q-q01").get_by_role("radio").nth(0).is_checked()
    assert page.locator("#q-q01 .kb-verdict").inner_text() == "正解ではありません。正解は 2 です。"
    page.reload()
    assert page.locator("#q-q02 .kb-verdict").inner_text() == "正解です。"
    assert page.locator(".kb-result-score").inner_text() == "答えた問い 2 / 8　正解 1 問"


def test_choices_are_keyboard_usable_radio_groups_named_by_their_question(page, site_url):
    page.goto(site_url + PATH)
    group = page.get_by_role("radiogroup", name="問3　役割分担について、留意事項に合う進め方はどれですか")
    group.get_by_role("radio").nth(1).focus()
    page.keyboard.press("ArrowUp")
    assert group.get_by_role("radio").first.is_checked()
    assert page.locator("#q-q03 .kb-verdict").inner_text() == "正解です。"
    page.keyboard.press("ArrowDown")
    assert page.locator("#q-q03 .kb-verdict").inner_text() == "正解ではありません。正解は 1 です。"


def test_reset_forgets_progress_and_answers(page, site_url):
    page.goto(site_url + PATH)
    page.locator("#step-s01").get_by_role("checkbox").check()
    page.locator("#q-q01").get_by_role("radio").nth(1).check()
    page.get_by_role("button", name="進み具合と答えを消す").click()
    page.reload()
    assert not page.locator("#step-s01").get_by_role("checkbox").is_checked()
    assert page.locator("#q-q01 .kb-verdict").count() == 0
    assert page.locator(".kb-training-result").is_hidden()


def test_without_javascript_the_page_lists_steps_questions_then_answers_in_a_disclosure(browser, site_url, page_log):
    context = open_context(browser, page_log, java_script_enabled=False)
    page = context.new_page()
    watch_page(page, page_log)
    page.goto(site_url + PATH)
    assert page.locator(".kb-training-step").count() == 14
    assert page.locator(".kb-step-title a").first.inner_text() == "協働とは › 条例が定める協働"
    assert page.locator(".kb-training input").count() == 0  # nothing to press that would do nothing
    assert page.locator(".kb-training-progress").is_hidden()
    questions = page.locator(".kb-question")
    assert questions.count() == 8
    assert questions.first.locator(".kb-choices li").count() == 3
    answers = page.locator("details.kb-training-answers")
    assert answers.locator(".kb-explanation").first.is_hidden()
    answers.locator("summary").click()
    assert answers.locator(".kb-explanation").first.is_visible()
    assert answers.locator(".kb-explanation").first.inner_text().startswith("問1の答え: 2.")
    # questions come before the answers in reading order
    order = page.evaluate("document.querySelector('.kb-question').compareDocumentPosition(document.querySelector('.kb-training-answers'))")
    assert order & 4  # DOCUMENT_POSITION_FOLLOWING
    context.close()
    assert page_log.external_requests == []


def test_handout_prints_questions_first_and_answers_on_pages_of_their_own(page, site_url, tmp_path):
    page.goto(site_url + HANDOUT)
    assert page.get_by_role("button", name="印刷する").is_visible()
    pdf = tmp_path / "handout.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    pages = int(next(line.split()[-1] for line in subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                               check=True).stdout.splitlines() if line.startswith("Pages:")))
    texts = [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True,
                            text=True, check=True).stdout for n in range(1, pages + 1)]
    answers_start = next(n for n, text in enumerate(texts) if "答えと解説" in text)
    assert answers_start >= 1
    assert "協働のガイドライン（補強版）" in texts[0] and "改訂日 令和" in texts[0]
    assert "問1" in texts[0]
    questions_text = "".join(texts[:answers_start])
    answers_text = "".join(texts[answers_start:])
    assert "問8" in questions_text
    assert "の答え" not in questions_text  # no answer shows on the question pages
    assert "問1の答え: 2." in answers_text and "問8の答え: 2." in answers_text
    assert "印刷する" not in "".join(texts)


@pytest.mark.parametrize("width,height", [(1366, 768), (390, 844), (320, 640)])
def test_training_page_and_handout_fit_the_screen_without_sideways_scrolling(browser, site_url, page_log, width, height):
    context = open_context(browser, page_log, viewport={"width": width, "height": height})
    page = context.new_page()
    watch_page(page, page_log)
    for address in (PATH, HANDOUT):
        page.goto(site_url + address)
        page.locator("#q-q01").get_by_role("radio").first.check() if address == PATH else None
        assert page.evaluate("document.documentElement.scrollWidth") <= width, address
    context.close()
    assert page_log.console_errors == [] and page_log.external_requests == []
