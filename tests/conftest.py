"""Shared fixtures: a strict build of the site, a local server that serves it under a sub-path,
and Chromium pages that fail the test on any outside request or console error.

The helpers behind them live in the package (`kyodo_kb.tooling.browser`, `kyodo_kb.tooling.project`),
where the benchmark and `make pdf` use them too.
"""
from __future__ import annotations

import os

import pytest

from kyodo_kb.tooling.browser import CHROMIUM, PageLog, launch_chromium, open_context, serve_directory, watch_page
from kyodo_kb.tooling.project import PROJECT_ROOT, run_mkdocs_build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    site_dir = tmp_path_factory.mktemp("built") / "site"
    result = run_mkdocs_build(PROJECT_ROOT, site_dir)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    server, url = serve_directory(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"Chromium が {CHROMIUM} にありません（sudo apt-get install -y chromium）"
        if os.environ.get("CI"):
            pytest.fail(message + ": CI ではブラウザテストを省略できません")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def page(browser, page_log):
    context = open_context(browser, page_log)
    page = context.new_page()
    watch_page(page, page_log)
    yield page
    context.close()
    assert page_log.external_requests == [], f"外部へのリクエストがありました: {page_log.external_requests}"
    if not page_log.allow_console_errors:
        assert page_log.console_errors == [], f"コンソールエラーがありました: {page_log.console_errors}"
