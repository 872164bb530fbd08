"""The automated accessibility test of the built site: axe-core on every page, in the states that matter.

Every page is discovered from the built site (each `index.html`, plus `404.html`), so pages that
other people add are tested without a list to keep. A page is tested in its first state (as
loaded) and, where it has one, in the states a user brings it into: a checklist answered and
filtered by its first question, the search dialog open with results, the printed sheet (print
media). The chooser's steps are pages of their own and are found like any other page.

axe-core is vendored (tests/vendor/axe-core/, MPL-2.0) so the test needs no network; its version
is read from the file's banner. `make test` asserts no violation of any impact
(tests/site/test_accessibility_all_pages.py); `make a11y-report` runs the same audit and writes
data/a11y-results.json, from which the build renders the 試験結果 page (no browser in the build).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
import datetime
import re
from pathlib import Path

from kyodo_kb.tooling.project import PROJECT_ROOT

AXE_DIR = PROJECT_ROOT / "tests" / "vendor" / "axe-core"
AXE_SCRIPT = AXE_DIR / "axe.min.js"
# WCAG 2.0 and 2.1, levels A and AA (JIS X 8341-3:2016 is WCAG 2.0), and axe's best practices.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")
RESULT_KINDS = ("violations", "passes", "incomplete", "inapplicable")


def axe_version(script: Path = AXE_SCRIPT) -> str:
    match = re.match(r"/\*! axe v(\S+)", script.read_text(encoding="utf-8")[:100])
    if match is None:
        raise ValueError(f"{script} の先頭に axe の版（/*! axe vX.Y.Z）がありません")
    return match.group(1)


def site_pages(site_dir: Path) -> list[str]:
    """The address of every page of a built site, relative to its root ("" is the home page)."""
    pages = []
    for path in site_dir.rglob("*.html"):
        relative = path.relative_to(site_dir).as_posix()
        if relative == "index.html":
            pages.append("")
        elif relative.endswith("/index.html"):
            pages.append(relative[: -len("index.html")])
        elif relative == "404.html":
            pages.append(relative)
    return sorted(pages)


@dataclass
class StateResult:
    """One axe run: a page in one state."""
    page: str
    state: str
    title: str
    violations: list = field(default_factory=list)  # [{id, impact, help, nodes: [target, ...]}]
    passes: list = field(default_factory=list)  # rule ids
    incomplete: list = field(default_factory=list)  # rule ids axe could not decide (need a person)
    inapplicable: list = field(default_factory=list)


# Rules that do not apply in a state, with the reason the results page gives.
NOT_APPLICABLE_IN_STATE = {
    # On paper a link cannot be followed, so it need not stand out from the text; print.css prints
    # links as plain text on purpose (the citation is the text).
    "印刷（print メディア）": {"link-in-text-block": "紙の上のリンクは操作できないため、本文と見分ける必要がありません"},
}


def run_axe(page, page_path: str, state: str) -> StateResult:
    """Runs the vendored axe-core on the page as it is now."""
    disabled = list(NOT_APPLICABLE_IN_STATE.get(state, {}))
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE_SCRIPT.read_text(encoding="utf-8"))
    raw = page.evaluate(
        """async ([tags, disabled]) => {
            const rules = Object.fromEntries(disabled.map(id => [id, {enabled: false}]));
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, rules});
            return {
                title: document.title,
                violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5),
                    summary: (v.nodes[0] && v.nodes[0].failureSummary) || ''})),
                passes: r.passes.map(v => v.id),
                incomplete: r.incomplete.map(v => v.id),
                inapplicable: r.inapplicable.map(v => v.id),
            };
        }""",
        [list(AXE_TAGS), disabled],
    )
    return StateResult(page=page_path, state=state, **raw)


def describe(result: StateResult) -> list[str]:
    """One line per violation, for an assertion message."""
    return [f"{result.page or '(ホーム)'} [{result.state}] {v['id']} ({v['impact']}): {v['help']} — "
            f"{v['nodes'][:3]} {v['summary'][:200]}" for v in result.violations]


# --- States -----------------------------------------------------------------------------------
# Each state function brings a loaded page into a state and returns its name, or None when the
# page has no such state.

def is_decision_page(page) -> bool:
    return page.locator(".kb-answer").count() > 0


def answer_and_filter(page) -> str | None:
    """A checklist answered: the first profile question set to its second option (which filters the
    items), the first visible items answered いいえ, はい and 該当しない, the list of open cautions opened."""
    if not is_decision_page(page):
        return None
    profile_radios = page.locator(".kb-profile:not([hidden]) fieldset").first.locator("input[type=radio]")
    if profile_radios.count() > 1:
        profile_radios.nth(1).check()
    items = page.locator(".kb-item:visible .kb-answer")
    for index, value in enumerate(["no", "yes", "na"][: items.count()]):
        items.nth(index).locator(f"input[value={value}]").check()
    summary = page.locator(".kb-open-cautions:visible summary")
    if summary.count():
        summary.first.click()
    # Scrolling to the answers fades the theme's back-to-top button in; axe must not measure it mid-fade.
    page.wait_for_timeout(500)
    return "回答・絞り込み後"


def share_review(page, base_url: str, page_path: str) -> str | None:
    """The page opened from a share link: the review banner over someone else's answers
    (the first item answered いいえ, with the sharer's name and time)."""
    if not is_decision_page(page):
        return None
    first_item = page.locator(".kb-item").first.get_attribute("data-item")
    page.goto(f"{base_url}{page_path}#answers={first_item}:no&by=%E5%85%B1%E6%9C%89%E8%80%85&at=2026-11-30T09:00")
    page.reload()  # a fragment-only navigation would not re-run the page's scripts
    page.locator(".kb-review-banner").wait_for(state="visible")
    page.wait_for_timeout(500)
    return "共有リンクの確認モード"


def search_open(page) -> str | None:
    """The search dialog open, with results for a query that has some on every site."""
    field = page.locator(".md-search__input")
    if field.count() == 0:
        return None
    if not field.is_visible():  # narrow screens: the field is behind the search button
        page.locator("label.md-header__button[for=__search]").click()
    field.click()
    field.press_sequentially("協働")
    field.press("End")  # Material searches on keyup; an IME commits with a key
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    page.wait_for_timeout(500)  # the results fade in: axe must not measure the colours mid-fade
    return "検索を開いた状態"


def print_media(page) -> str | None:
    """The page as printed (print style sheet), for checklists: the printed sheet is what staff file."""
    if not is_decision_page(page):
        return None
    page.emulate_media(media="print")
    return "印刷（print メディア）"


@dataclass
class AuditPlan:
    """Which extra states to test on which pages (every page is always tested as loaded)."""
    answered_on_every_decision_page: bool = True
    print_on_every_decision_page: bool = True
    share_review_on_every_decision_page: bool = True
    search_open_on: tuple = ("",)


def audit_page(page, base_url: str, page_path: str, plan: AuditPlan = AuditPlan()) -> list[StateResult]:
    results = []
    page.emulate_media(media="screen")
    page.goto(base_url + page_path)
    results.append(run_axe(page, page_path, "読み込んだ状態"))
    if plan.answered_on_every_decision_page:
        state = answer_and_filter(page)
        if state:
            results.append(run_axe(page, page_path, state))
    if plan.print_on_every_decision_page:
        state = print_media(page)
        if state:
            results.append(run_axe(page, page_path, state))
            page.emulate_media(media="screen")
    if plan.share_review_on_every_decision_page:
        state = share_review(page, base_url, page_path)
        if state:
            results.append(run_axe(page, page_path, state))
    if page_path in plan.search_open_on:
        page.goto(base_url + page_path)
        state = search_open(page)
        if state:
            results.append(run_axe(page, page_path, state))
    return results


def audit_site(browser, site_dir: Path, plan: AuditPlan = AuditPlan(), pages: list[str] | None = None,
               on_page=None) -> list[StateResult]:
    """Every page of the built site in one browser page, reused (a page per URL costs more than the test).

    The site is served from the root: 404.html links its assets root-absolute (MkDocs without
    site_url), so under a sub-path it would be tested unstyled, which is not what anyone sees.
    """
    from kyodo_kb.tooling.browser import offline_context, serve_directory

    server, base_url = serve_directory(site_dir, sub_path="/")
    context = offline_context(browser, viewport={"width": 1366, "height": 768})
    try:
        page = context.new_page()
        results = []
        for page_path in pages if pages is not None else site_pages(site_dir):
            results.extend(audit_page(page, base_url, page_path, plan))
            if on_page is not None:
                on_page(page_path)
        return results
    finally:
        context.close()
        server.shutdown()


def axe_rules(page) -> dict:
    """Each rule of the run's tags: {id: {"help", "tags"}} (the WCAG criteria a rule tests are its tags)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE_SCRIPT.read_text(encoding="utf-8"))
    rules = page.evaluate("(tags) => axe.getRules(tags).map(r => ({id: r.ruleId, help: r.help, tags: r.tags}))",
                          list(AXE_TAGS))
    return {rule["id"]: {"help": rule["help"], "tags": sorted(rule["tags"])} for rule in rules}


def results_document(results: list[StateResult], rules: dict, browser_version: str, date: datetime.date) -> dict:
    """The data the 試験結果 page is built from (data/a11y-results.json): per page, the states tested and
    each rule's outcome over them (a violation in any state counts)."""
    pages: dict = {}
    for result in results:
        entry = pages.setdefault(result.page, {"page": result.page, "title": result.title, "states": [],
                                               "violations": {}, "passes": set(), "incomplete": set()})
        entry["states"].append(result.state)
        for violation in result.violations:
            entry["violations"].setdefault(violation["id"], []).append(
                {"state": result.state, "impact": violation["impact"], "nodes": violation["nodes"]})
        entry["passes"].update(result.passes)
        entry["incomplete"].update(result.incomplete)
    for entry in pages.values():
        entry["incomplete"] = sorted(entry["incomplete"] - set(entry["violations"]))
        entry["passes"] = sorted(entry["passes"] - set(entry["violations"]) - set(entry["incomplete"]))
    return {
        "date": date.isoformat(),
        "tool": f"axe-core {axe_version()}",
        "browser": browser_version,
        "tags": list(AXE_TAGS),
        "viewport": "1366x768",
        "not_applicable_in_state": NOT_APPLICABLE_IN_STATE,
        "rules": rules,
        "pages": [pages[key] for key in sorted(pages)],
    }
