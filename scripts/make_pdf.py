"""Renders every checklist of a built site to an A4 PDF beside its page, offline.

    python scripts/make_pdf.py [--site site] [--public-url http://intranet/kyodo/]

Serves the built site on 127.0.0.1, opens each checklist page in headless Chromium (the
same print stylesheet a person gets from the browser's print command, answers blank),
writes checklists/<id>/<id>.pdf and then reveals the page's 「PDFをダウンロード」 link,
which the build leaves hidden so that a site without PDFs has no broken link. With --public-url
the sheet's QR code (kyodo_kb/outputs/sheet_code.py) is redrawn by segno for the public address;
without it (and without site_url) the code holds only the page's path inside the site.
Exit codes: 0 done, 1 a page could not be rendered, 2 usage (no built site, no Chromium).
"""
from __future__ import annotations

import argparse
import functools
import http.server
import os
from pathlib import Path
import re
import sys
import threading
import time
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("KB_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
_PDF_LINK = re.compile(r'<a class="kb-download-pdf[^>]*>')
_HIDDEN = re.compile(r'\s+hidden(?:="(?:hidden)?")?(?=[\s>])')


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def checklist_pages(site: Path) -> list[Path]:
    """Built checklist pages that offer a PDF (their source carries the hidden PDF link)."""
    pages = sorted((site / "checklists").glob("*/index.html"))
    return [page for page in pages if "kb-download-pdf" in page.read_text(encoding="utf-8")]


def reveal_pdf_link(html: str) -> str:
    return _PDF_LINK.sub(lambda match: _HIDDEN.sub("", match.group(0)), html)


def page_address(public_url: str | None, path: str) -> str:
    return public_url.rstrip("/") + "/" + path if public_url else path


def with_public_address(page, address: str) -> None:
    """The sheet's QR code (built with the page's path only) redrawn by segno for the public
    address; sheet_code.js then finds the payload it would draw already there and keeps it."""
    from kyodo_kb.outputs.sheet_code import blank_payload, qr_matrix, qr_svg

    code = page.query_selector(".kb-sheet-code")
    if code is None:
        return
    payload = blank_payload(address, code.get_attribute("data-kb-fingerprint") or "",
                            code.get_attribute("data-kb-edition") or None)
    page.evaluate("""([code, address, payload, svg]) => {
        code.setAttribute('data-kb-address', address);
        code.setAttribute('data-kb-payload', payload);
        code.querySelector('svg.kb-qr').outerHTML = svg;
    }""", [code, address, payload, qr_svg(qr_matrix(payload))])


def render_pdfs(site: Path, public_url: str | None, out=sys.stdout) -> int:
    from playwright.sync_api import Error as PlaywrightError, sync_playwright

    pages = checklist_pages(site)
    if not pages:
        print(f"{site}/checklists/ にチェックリストのページがありません。先に make build を実行してください", file=sys.stderr)
        return 2
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    failures = 0
    started = time.perf_counter()
    if not public_url:
        print("公開アドレス（PUBLIC_URL）の指定がないため、PDF の QR コードにはサイト内の位置だけが入ります", file=out)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
            context = browser.new_context(locale="ja-JP")
            # Offline by construction: anything not served from this site is refused.
            context.route("**/*", lambda route: route.continue_()
                          if urlsplit(route.request.url).hostname == "127.0.0.1" else route.abort())
            page = context.new_page()
            for index_html in pages:
                path = index_html.parent.relative_to(site).as_posix() + "/"
                checklist_id = index_html.parent.name
                target = index_html.parent / f"{checklist_id}.pdf"
                try:
                    page.goto(base + path, wait_until="load")
                    page.evaluate("document.fonts.ready.then(() => true)")
                    page.evaluate("(text) => document.querySelectorAll('.kb-page-url').forEach(n => n.textContent = text)",
                                  page_address(public_url, path))
                    if public_url:
                        with_public_address(page, page_address(public_url, path))
                    page.pdf(path=str(target), format="A4", prefer_css_page_size=True, print_background=False,
                             display_header_footer=False)
                except PlaywrightError as exc:
                    failures += 1
                    print(f"{path}: PDF を作れませんでした: {str(exc).splitlines()[0]}", file=sys.stderr)
                    continue
                index_html.write_text(reveal_pdf_link(index_html.read_text(encoding="utf-8")), encoding="utf-8")
                print(f"{target.relative_to(site).as_posix()} ({target.stat().st_size // 1024} KB)", file=out)
            browser.close()
    finally:
        server.shutdown()
    elapsed = time.perf_counter() - started
    print(f"PDF {len(pages) - failures} 件を {elapsed:.1f} 秒で作りました", file=out)
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make_pdf.py", description="チェックリストの PDF を作ります（make build の後に実行）")
    parser.add_argument("--site", default=str(ROOT / "site"), help="作成済みのサイトのフォルダ（既定: site）")
    parser.add_argument("--public-url", default=os.environ.get("KB_PUBLIC_URL") or None,
                        help="PDF に印字するサイトの公開アドレス（例: http://intranet/kyodo/）。省略するとサイト内の位置を印字します")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"{site} に作成済みのサイトがありません。先に make build を実行してください", file=sys.stderr)
        return 2
    if not CHROMIUM.exists():
        print(f"Chromium が {CHROMIUM} にありません（sudo apt-get install -y chromium）", file=sys.stderr)
        return 2
    try:
        import playwright  # noqa: F401  (a dev dependency: make setup installs it)
    except ImportError:
        print("playwright が入っていません。make setup を実行してください", file=sys.stderr)
        return 2
    return render_pdfs(site, args.public_url)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
