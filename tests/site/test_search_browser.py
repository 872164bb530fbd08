"""Search in the browser as staff use it: typed into the header box, results as you type,
highlighted, keyboard-navigable, landing on the caution; from a web server under a sub-path
(the `page` fixture fails on any outside request or console error) and from a file share."""
import shutil
from urllib.parse import urlsplit

import pytest

from kyodo_kb.tooling.browser import PageLog, watch_page

pytestmark = pytest.mark.browser

RESULT_LINKS = ".md-search-result__list > li > a.md-search-result__link"


# Counts the queries Material sends to its search worker and the answers that come back.
# Typing sends a query per key; without this, a slow machine could show the answer to the
# first characters while the test reads the results of the whole query.
WORKER_PROBE = """(() => {
  const NativeWorker = window.Worker;
  if (!NativeWorker) return;
  const probe = window.__searchProbe = { queries: 0, answers: 0, answeredAt: 0 };
  window.Worker = function (url, options) {
    const worker = new NativeWorker(url, options);
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (message) => { if (message && message.type === 2) probe.queries++; return post(message); };
    worker.addEventListener("message", (event) => {
      if (event.data && event.data.type === 3) { probe.answers++; probe.answeredAt = performance.now(); }
    });
    return worker;
  };
})()"""


@pytest.fixture(autouse=True)
def count_search_messages(request):
    if "page" in request.fixturenames:
        request.getfixturevalue("page").add_init_script(WORKER_PROBE)


def type_query(page, query: str) -> None:
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)
    box.press("End")  # an IME commits with a key; Material searches on keyup
    # Every query answered (where the probe sees the worker: not from a file share) and, a
    # moment later, shown: Material draws the answer on a following frame.
    page.wait_for_function(
        """() => {
          const probe = window.__searchProbe;
          const answered = !probe || !probe.queries ||
            (probe.answers === probe.queries && performance.now() - probe.answeredAt > 150);
          return answered && /件見つかりました|何も見つかりませんでした/.test(
            document.querySelector('.md-search-result__meta').textContent);
        }""")


def first_hrefs(page, count: int = 5) -> list[str]:
    return page.locator(RESULT_LINKS).evaluate_all(f"links => links.slice(0, {count}).map(a => a.href)")


def test_a_word_finds_its_caution_first_and_the_result_shows_question_checklist_and_match(page, site_url):
    page.goto(site_url)
    type_query(page, "保険")
    # The probe type_query waits on sees the worker: one query per typed character, all answered.
    assert page.evaluate("[window.__searchProbe.queries >= 2, window.__searchProbe.answers]") == [
        True, page.evaluate("window.__searchProbe.queries")]
    first = page.locator(RESULT_LINKS).first
    assert urlsplit(first.get_attribute("href")).fragment == "KT-04"
    assert "誰がどの保険に入るかを決めているか" in first.locator(".kb-search-title").inner_text()
    assert "役割分担・協定の留意事項" in first.locator(".kb-search-context").inner_text()
    assert "保険" in first.locator("mark").first.inner_text()
    first.click()
    page.wait_for_url("**/checklists/kyotei/**#KT-04")
    assert page.locator("#KT-04").is_visible()
    assert page.locator("#KT-04").evaluate("el => el.getBoundingClientRect().top") < page.viewport_size["height"]


@pytest.mark.parametrize("query, fragment", [
    ("個人情報の取扱い", "KT-07"),
    ("対等な立場", "art9-para1-item2"),
    ("ＮＰＯ", "npo"),
    ("第九条", "art9"),
    ("kk-01", "KK-01"),
])
def test_phrases_variants_citations_and_ids_are_found_in_the_first_results(page, site_url, query, fragment):
    page.goto(site_url)
    type_query(page, query)
    assert fragment in [urlsplit(href).fragment for href in first_hrefs(page)]


def test_a_citation_finds_the_provision_and_the_cautions_citing_it(page, site_url):
    page.goto(site_url)
    type_query(page, "第9条第1項第4号")
    fragments = [urlsplit(href).fragment for href in first_hrefs(page, 10)]
    assert fragments[0] == "art9-para1-item4"
    assert {"KG-04", "HY-05", "KT-09"} <= set(fragments)


def test_keyboard_alone_opens_search_moves_to_a_result_and_follows_it(page, site_url):
    page.goto(site_url + "guideline/keitai/")
    page.keyboard.press("/")  # Material's shortcut to the search box
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.insert_text("著作権")
    page.keyboard.press("End")
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.includes('件')")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    page.keyboard.press("Enter")
    page.wait_for_url("**#KT-05")
    assert page.locator("#KT-05").is_visible()


def test_the_tag_page_lists_cautions_by_tag_and_a_tag_name_finds_its_section(page, site_url):
    page.goto(site_url + "tags/")
    page.locator(".kb-tag-list a", has_text="保険").click()
    page.wait_for_function("() => decodeURIComponent(location.hash) === '#tag-保険'")
    section_links = page.locator("xpath=//h2[@id='tag-保険']/following-sibling::ul[1]//a")
    assert any("誰がどの保険に入るかを決めているか" in text for text in section_links.all_inner_texts())
    type_query(page, "交流・連携")
    assert any(urlsplit(h).fragment in ("tag-交流・連携", "KZ-03") for h in first_hrefs(page))


@pytest.fixture
def file_log() -> PageLog:
    return PageLog()


@pytest.fixture
def file_page(browser, file_log):
    """A page for a site opened from a file share: file URLs allowed, anything else recorded."""
    log = file_log
    context = browser.new_context(locale="ja-JP")

    def guard(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            log.external_requests.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    watch_page(page, log)
    yield page
    context.close()
    assert log.external_requests == [], log.external_requests
    if not log.allow_console_errors:
        assert log.console_errors == [], log.console_errors


def test_search_works_from_a_file_share_and_lands_on_the_caution(file_page, built_site):
    file_page.goto((built_site / "index.html").as_uri())
    type_query(file_page, "名簿")
    first = file_page.locator(RESULT_LINKS).first
    assert first.get_attribute("href").split("?")[0].endswith("/checklists/kyotei/index.html")
    first.click()
    file_page.wait_for_url("**/checklists/kyotei/index.html**#KT-07")
    assert file_page.locator("#KT-07").is_visible()


def test_from_a_file_share_without_its_index_search_says_so_instead_of_spinning(file_page, file_log, built_site, tmp_path):
    site = shutil.copytree(built_site, tmp_path / "site")
    (site / "search" / "search_index.js").unlink()
    file_log.allow_console_errors = True  # the missing script is the point of the test
    file_page.goto((site / "index.html").as_uri())
    file_page.locator("input.md-search__input").click()
    meta = file_page.locator(".md-search-result__meta")
    file_page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta').textContent.includes('検索を準備できませんでした')",
        timeout=15000)
    assert "Web サーバー" in meta.inner_text()
