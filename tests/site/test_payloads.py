"""Injected markup stays inert: a site built from payload fixtures (markup and script in the
plain-text fields, which pass validation) shows them as text on the page, in the search index,
in search results and in print, and no script runs (no dialog, no console marker)."""
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kyodo_kb.tooling.project import copy_project, run_mkdocs_build

from kyodo_kb.tooling.browser import serve_directory
from kyodo_kb.knowledge_base import load_knowledge_base

from support import add_payloads

MARKER = "KB-PAYLOAD"


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("payloads")
    project = add_payloads(copy_project(base / "project"))
    result = run_mkdocs_build(project, base / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return base / "site"


@pytest.fixture(scope="module")
def payload_url(payload_site):
    server, url = serve_directory(payload_site)
    yield url
    server.shutdown()


class LiveMarkupFinder(HTMLParser):
    """Collects payload markers that ended up as markup (an element, an attribute, a script)
    instead of text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.live: list = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        for name, value in attrs:
            # An escaped payload may sit in a harmless attribute (title, alt) as text; it is
            # live when it became a handler, a URL or an element of its own.
            # A ご意見・誤りの報告 link carries the page title percent-encoded in its mailto: query: text
            # for the mail's subject, never markup or a link target.
            if name == "href" and (value or "").startswith("mailto:") and MARKER not in value.split("?", 1)[0]:
                continue
            if MARKER in (value or "") and (name.startswith("on") or name in ("src", "href") or tag in ("img", "svg", "iframe", "b")):
                self.live.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and MARKER in data:
            self.live.append(f"<script>{data[:80]}")


def live_markup(html: str) -> list:
    finder = LiveMarkupFinder()
    finder.feed(html)
    return finder.live


def test_payload_fixtures_pass_validation(tmp_path):
    kb = load_knowledge_base(add_payloads(copy_project(tmp_path / "project")))
    assert "payload" in {c.id for c in kb.checklists} and "payload-jorei" in {o.id for o in kb.ordinances}


def test_no_page_of_the_payload_site_carries_live_markup(payload_site):
    pages = sorted(payload_site.rglob("*.html"))
    assert sum(MARKER in p.read_text(encoding="utf-8") for p in pages) >= 4
    for page in pages:
        assert live_markup(page.read_text(encoding="utf-8")) == [], page


def test_the_search_index_carries_payloads_only_as_escaped_text(payload_site):
    docs = json.loads((payload_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    fields = [doc[key] for doc in docs for key in ("title", "text") if MARKER in doc[key]]
    assert len(fields) >= 5
    for field in fields:
        assert live_markup(field) == [] and "<script" not in field and "<img" not in field and "<svg" not in field, field


def search(page, query: str) -> None:
    # Material reads the query on input/keyup once its worker is ready; typing before that is
    # dropped, so the query is set and announced until results appear.
    for _ in range(20):
        page.evaluate("""query => { const input = document.querySelector('.md-search__input'); input.focus();
            input.value = query; input.dispatchEvent(new Event('input', {bubbles: true}));
            input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true})); }""", query)
        page.wait_for_timeout(250)
        if page.locator(".md-search-result__item").count():
            return
    raise AssertionError("検索結果が表示されません")


@pytest.mark.browser
def test_payloads_show_as_text_and_no_script_runs_in_the_browser(page, payload_url, page_log):
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(payload_url + "checklists/payload/")
    assert page.locator("#PL-01").inner_text().startswith("<script>alert('KB-PAYLOAD-check')</script>を確認しているか")
    assert page.locator("h1").first.inner_text().startswith("<img src=x onerror=alert('KB-PAYLOAD-title')> & \"題名\"")
    assert page.title().startswith("<img src=x onerror=alert('KB-PAYLOAD-title')>")
    assert "a&b" in page.locator(".kb-tag").all_inner_texts()
    assert page.locator(".kb-condition").first.inner_text() == "<script>alert('KB-PAYLOAD-label')</script>委託の場合"
    page.locator("input[name='kb-profile-keitai'][value='hojo']").check()  # decision.js filters by the answer
    assert page.locator(".kb-profile-question legend").inner_text().startswith("<img src=x onerror=")
    page.emulate_media(media="print")
    assert page.locator("#PL-03").is_visible()
    page.emulate_media(media="screen")
    for path in ("checklists/", "ordinances/", "ordinances/payload-jorei/", "ordinances/shimin-katsudo/"):
        page.goto(payload_url + path)
        page.wait_for_load_state("networkidle")
    page.goto(payload_url + "ordinances/payload-jorei/")
    assert "<b>KB-PAYLOAD-item</b>号です" in page.locator("#art1-para1-item1").inner_text()
    search(page, "確認")  # search results are rendered from the index with innerHTML
    results = page.locator(".md-search-result").inner_text()
    assert "<script>alert('KB-PAYLOAD-check')</script>" in results
    assert page_log.dialogs == []
    assert [text for text in console if MARKER in text] == []


def test_the_csv_export_keeps_payloads_as_plain_text_and_never_as_formulas(payload_site):
    import csv
    import io
    text = (payload_site / "checklists" / "payload" / "payload.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    header, cells = rows[0], {row[1]: dict(zip(rows[0], row)) for row in rows[1:]}
    assert cells["PL-01"][header[2]] == "<script>alert('KB-PAYLOAD-check')</script>を確認しているか"  # text, not HTML
    assert cells["PL-04"][header[2]].startswith("'=HYPERLINK(")
    assert cells["PL-04"][header[4]].startswith("'@SUM(")
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


PWNED_PAGES = ["checklists/payload/", "chooser/payload-flow/", "chooser/payload-flow/a/", "chooser/payload-flow/b/",
               "flows/payload-flow/", "tags/", "ordinances/payload-jorei/", "checklists/", "changelog/"]


def hover_everything_with_a_title(page) -> int:
    """Hovers each element that shows a tooltip (title, abbr), the header's page title and the
    table of contents: Material's content.tooltips (now off, mkdocs.yml) built tooltips with
    innerHTML from a title, and gives truncated navigation and header texts a title of their own."""
    page.locator(".md-header__title").hover()
    targets = page.locator("main [title], main abbr, .kb-tag, .md-sidebar--secondary .md-nav__link")
    count = 0
    for index in range(min(targets.count(), 80)):
        target = targets.nth(index)
        if target.is_visible():
            target.hover()
            page.wait_for_timeout(30)
            count += 1
    return count


@pytest.mark.browser
def test_no_payload_runs_on_load_hover_or_click_and_nothing_leaves_the_site(page, payload_url, page_log):
    """Every field kind carries a script payload (window.__pwned) in the payload fixtures; the
    page fixture fails on any request outside the local server."""
    hovered = 0
    for path in PWNED_PAGES:
        page.goto(payload_url + path)
        page.wait_for_load_state("networkidle")
        hovered += hover_everything_with_a_title(page)
        assert page.evaluate("window.__pwned") is None, path
        assert page.locator(".md-tooltip img, .md-tooltip2 img, .md-tooltip2 svg, .md-tooltip2 script").count() == 0, path
    assert hovered >= 5
    # the tooltips are the browser's own, which show a title as text; the theme's are off
    page.goto(payload_url + "checklists/payload/")
    page.locator("abbr", has_text="NPO").first.hover()
    page.wait_for_timeout(300)
    assert "img src=x onerror=window.__pwned=2" in page.locator("abbr", has_text="NPO").first.get_attribute("title")
    assert page.locator(".md-tooltip, .md-tooltip2").count() == 0
    # clicking: the flow's answers (swapped in place by the chooser script) and the caution's link
    page.goto(payload_url + "chooser/payload-flow/")
    page.get_by_role("link", name="はい").first.click()
    page.wait_for_load_state("networkidle")
    hover_everything_with_a_title(page)
    assert page.evaluate("window.__pwned") is None
    assert page.title().startswith("<img src=x onerror=window.__pwned=10>流れ</title><script>")
    page.goto(payload_url + "checklists/payload/")
    page.get_by_role("link", name="説明付きのリンク").click()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__pwned") is None
    assert page_log.dialogs == []


DATA_FILE_PAGES = ["tags/", "changelog/", "editions/", "paperwork/", "paperwork/role-table/", "paperwork/agreement/",
                   "paperwork/evaluation/", "training/", "training/shinsaiyo/", "training/shinsaiyo/handout/",
                   "editing/hyoki/", "checklists/kyotei/"]


@pytest.mark.browser
def test_no_payload_of_the_data_files_runs_on_load_hover_or_click(page, payload_url, page_log):
    """data/tags.yml, data/changelog.yml, data/hyoki.yml, paperwork/ and training/ carry the
    payloads of tests/fixtures/payloads/data-fields.yml; the page fixture fails on any request
    outside the local server."""
    hovered = 0
    for path in DATA_FILE_PAGES:
        page.goto(payload_url + path)
        page.wait_for_load_state("networkidle")
        hovered += hover_everything_with_a_title(page)
        assert page.evaluate("window.__pwned") is None, path
        assert page.locator(".md-tooltip img, .md-tooltip2 img, .md-tooltip2 svg, .md-tooltip2 script").count() == 0, path
    assert hovered >= 5
    # plain-text fields stay text: in the title, the heading and the navigation
    page.goto(payload_url + "paperwork/role-table/")
    assert page.title().startswith("<img src=x onerror=window.__pwned=40>役割分担表</title><script>")
    assert page.locator("h1").first.inner_text().startswith("<img src=x onerror=window.__pwned=40>役割分担表")
    assert "<img src=x onerror=window.__pwned=43>目的・企画" in page.locator("main").inner_text()
    # clicking: choosing a form shows the suggestions (their sources), answering fills the sheet
    page.locator("select.kb-pw-form").select_option("kyosai")
    page.locator("input[name='kb-pw-mokuteki-who'][value='kyodo']").check()
    page.locator("textarea[data-field='mokuteki.note']").fill("<img src=x onerror=window.__pwned=90>")
    page.wait_for_timeout(100)
    assert "<img src=x onerror=window.__pwned=45>市" in page.locator("main").inner_text()
    assert page.evaluate("window.__pwned") is None
    page.reload()  # the saved entry is read back into the sheet
    page.wait_for_load_state("networkidle")
    assert page.locator("textarea[data-field='mokuteki.note']").input_value() == "<img src=x onerror=window.__pwned=90>"
    assert page.evaluate("window.__pwned") is None
    page.goto(payload_url + "training/shinsaiyo/")
    assert page.title().startswith("<img src=x onerror=window.__pwned=60>新採用職員のための協働の基本")
    page.locator(".kb-question .kb-choices input").first.check()  # shows the verdict and the explanation
    page.wait_for_timeout(100)
    hover_everything_with_a_title(page)
    assert "<img src=x onerror=window.__pwned=66>選択肢" in page.locator(".kb-question").first.inner_text()
    assert page.evaluate("window.__pwned") is None
    page.goto(payload_url + "changelog/")
    page.get_by_role("link", name="説明付きのリンク").click()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__pwned") is None
    # the search shows the fields as text (Material renders results with innerHTML)
    for query, shown in (("KB-PAYLOAD-paperwork", "&lt;img src=x onerror=window.__pwned=42&gt;"),
                         ("KB-PAYLOAD-training", "&lt;img src=x onerror=window.__pwned=63&gt;")):
        search(page, query)
        assert page.evaluate("window.__pwned") is None
    assert page_log.dialogs == []


def test_the_data_file_payloads_reach_the_pages_as_text(payload_site):
    """The payloads are on the pages (so the browser probe exercises them), and only as text."""
    for path, text in (("tags/index.html", "\"' onmouseover=window.__pwned=30 x（1）</a>"),
                       ("changelog/index.html", "&lt;img src=x onerror=window.__pwned=34&gt;"),
                       ("paperwork/role-table/index.html", "&lt;img src=x onerror=window.__pwned=43&gt;目的・企画"),
                       ("training/shinsaiyo/index.html", "&lt;img src=x onerror=window.__pwned=64&gt;説明できる"),
                       ("editing/hyoki/index.html", "&lt;img src=x onerror=window.__pwned=70&gt;")):
        html = (payload_site / path).read_text(encoding="utf-8")
        assert text in html, path
        assert pwned_markup(html) == [], path


class PwnedMarkupFinder(HTMLParser):
    """Elements, handlers and scripts a `window.__pwned` payload became (text is fine)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.live: list = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        self._script = tag == "script"
        for name, value in attrs:
            if "__pwned" in (value or "") and (name.startswith("on") or name == "style"
                                               or (name in ("src", "href") and not value.startswith(("#", "mailto:")))):
                self.live.append(f"<{tag} {name}={value!r}>")
        if tag in ("img", "svg") and any("__pwned" in (value or "") for _, value in attrs):
            self.live.append(f"<{tag}>")

    def handle_endtag(self, tag):
        self._script = False

    def handle_data(self, data):
        if self._script and "__pwned" in data:
            self.live.append(f"<script>{data[:80]}")


def pwned_markup(html: str) -> list:
    finder = PwnedMarkupFinder()
    finder.feed(html)
    return finder.live
