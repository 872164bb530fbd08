"""One place for headless Chromium and the local server that tests, the benchmark and `make pdf` use.

The intranet serves the site from a sub-path, so the server does too (`/kyodo-kb/` unless told
otherwise); anything outside it answers 404, which catches root-absolute links. Chromium runs
without background networking: this machine's closed network refuses those connections.
"""
from __future__ import annotations

import functools
import http.server
import os
import socket
import threading
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path(os.environ.get("KB_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
SUB_PATH = "/kyodo-kb/"
LOCAL_HOSTS = ("127.0.0.1", "localhost")


def launch_chromium(playwright):
    """Debian's Chromium (not a downloaded browser build), headless."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    sub_path = SUB_PATH
    error_page = False

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.sub_path):
            return str(Path(self.directory) / "__outside_sub_path__")
        return super().translate_path("/" + path[len(self.sub_path):])

    def log_message(self, *args) -> None:
        pass

    def send_error(self, code, message=None, explain=None) -> None:
        # As a web server's ErrorDocument: the site's 404.html for a missing address inside the sub-path.
        page = Path(self.directory) / "404.html"
        if code != 404 or not self.error_page or not self.path.startswith(self.sub_path) or not page.exists():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def free_port() -> int:
    """A local port nobody listens on now: for a server whose address must be known before it starts
    (site_url for instant navigation, `make serve --dev-addr`)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_directory(directory: Path, sub_path: str = SUB_PATH, port: int = 0, error_page: bool = False):
    """Serves `directory` at http://127.0.0.1:<port, free if 0><sub_path>; returns (server, base URL).
    With `error_page`, a missing address inside the sub-path gets the site's 404.html (status 404)."""
    handler_class = type("SubPathHandler", (_SubPathHandler,), {"sub_path": sub_path, "error_page": error_page})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{sub_path}"


def offline_context(browser, on_outside_request=None, **options):
    """A Japanese browser context that refuses every request outside this machine
    (and reports it to `on_outside_request`, when given)."""
    context = browser.new_context(locale="ja-JP", **options)

    def guard(route):
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            if on_outside_request is not None:
                on_outside_request(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return context


class PageLog:
    """What a page did that a test or a benchmark may assert on: outside requests, console errors, dialogs."""

    def __init__(self) -> None:
        self.external_requests: list[str] = []
        self.console_errors: list[str] = []
        self.dialogs: list[str] = []
        self.allow_console_errors = False


def open_context(browser, log: PageLog, **options):
    """An offline context whose refused outside requests are recorded in `log`."""
    return offline_context(browser, log.external_requests.append, **options)


def watch_page(page, log: PageLog) -> None:
    page.on("console", lambda message: message.type == "error" and log.console_errors.append(message.text))
    page.on("pageerror", lambda error: log.console_errors.append(str(error)))

    def on_dialog(dialog):
        log.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
