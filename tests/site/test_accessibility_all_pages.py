"""axe-core (WCAG 2.0/2.1 A and AA, best practices) on every built page, in the states that matter:
no violation of any impact."""
from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

import pytest

from kyodo_kb.tooling.accessibility_audit import (
    AXE_TAGS, audit_site, axe_rules, axe_version, describe, results_document, site_pages,
)
from kyodo_kb.tooling.browser import offline_context

pytestmark = pytest.mark.browser


def test_every_built_page_has_no_axe_violation_in_any_state(browser, built_site):
    results = audit_site(browser, built_site)
    tested = {result.page for result in results}
    assert tested == set(site_pages(built_site))
    states = {result.state for result in results}
    assert {"読み込んだ状態", "回答・絞り込み後", "印刷（print メディア）", "検索を開いた状態", "共有リンクの確認モード"} <= states
    # `make a11y-report` sets KB_A11Y_RESULTS: the same run then writes what the 試験結果 page shows.
    if os.environ.get("KB_A11Y_RESULTS"):
        context = offline_context(browser)
        rules = axe_rules(context.new_page())
        context.close()
        document = results_document(results, rules, f"Chromium {browser.version}", datetime.date.today())
        Path(os.environ["KB_A11Y_RESULTS"]).write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    problems = [line for result in results for line in describe(result)]
    assert problems == [], "\n".join(problems)


def test_site_pages_finds_every_page_of_a_built_site(tmp_path):
    for relative in ["index.html", "a/index.html", "a/b/index.html", "404.html", "assets/x.html"]:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("<html></html>", encoding="utf-8")
    assert site_pages(tmp_path) == ["", "404.html", "a/", "a/b/"]


def test_the_vendored_axe_is_a_current_release_with_its_licence():
    major, minor, _ = (int(part) for part in axe_version().split("."))
    assert (major, minor) >= (4, 14)
    assert set(AXE_TAGS) == {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"}
