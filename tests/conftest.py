"""Shared fixtures: the project root on sys.path, a strict build of the site, a local server
that serves it under a sub-path, and Chromium pages that fail the test on any outside request
or console error."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
CHROMIUM = Path(os.environ.get("KB_CHROMIUM", "/usr/bin/chromium"))
SUB_PATH = "/kyodo-kb/"  # the intranet serves the site from a sub-path; so do the tests
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run_mkdocs_build(project: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir), *extra],
        cwd=project, capture_output=True, text=True, env=BUILD_ENV,
    )


def copy_project(destination: Path) -> Path:
    """A copy of the buildable project (no venv, no site) for tests that change its data."""
    ignore = shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache", "tests", ".hypothesis")
    shutil.copytree(ROOT, destination, ignore=ignore)
    return destination


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("built") / "site"
    result = run_mkdocs_build(ROOT, site_dir)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path: str) -> str:
        if not path.startswith(SUB_PATH):
            return str(Path(self.directory) / "__outside_sub_path__")
        return super().translate_path("/" + path[len(SUB_PATH):])

    def log_message(self, *args) -> None:
        pass


def serve_directory(directory: Path):
    handler = functools.partial(_SubPathHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"


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
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class PageLog:
    """What a page did that a test may assert on: outside requests, console errors, dialogs."""

    def __init__(self) -> None:
        self.external_requests: list[str] = []
        self.console_errors: list[str] = []
        self.dialogs: list[str] = []
        self.allow_console_errors = False


def open_context(browser, log: PageLog, **options):
    context = browser.new_context(locale="ja-JP", **options)

    def guard(route):
        host = urlsplit(route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            log.external_requests.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return context


def watch_page(page, log: PageLog) -> None:
    page.on("console", lambda message: message.type == "error" and log.console_errors.append(message.text))
    page.on("pageerror", lambda error: log.console_errors.append(str(error)))

    def on_dialog(dialog):
        log.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)


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
