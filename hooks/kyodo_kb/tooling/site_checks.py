"""Checks over a built site folder: internal links and anchors resolve, and nothing the browser
loads by itself (scripts, styles, images, fonts, frames) comes from outside the site.

Pure Python (html.parser), used by `make publish` before it replaces the live site and by the
tests. Plain `<a href="https://…">` links to outside are allowed: they make no request unless
someone clicks them (the theme's footer credit is one).
"""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
import posixpath
import re
from urllib.parse import unquote, urlsplit

# Attributes whose URL the browser fetches without a click.
_RESOURCE_ATTRIBUTES = {"src", "srcset", "poster", "data", "action", "formaction", "background", "imagesrcset"}
_CSS_URL = re.compile(r"""url\(\s*['"]?\s*([^'")\s]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)
_SCRIPT_URL = re.compile(r"https?://[^\s'\"()<>`]+", re.IGNORECASE)
# XML namespace names that paperwork.js writes into the XLSX files it makes, and SVG's (the sheets'
# QR codes, sheet_code.js): identifiers that no program fetches (the formats require them
# verbatim), not resources.
_NAMESPACE_NAMES = ("http://schemas.openxmlformats.org/", "http://www.w3.org/2000/svg")
# Line comments of scripts vendored unchanged (assets/javascripts/vendor/): their copyright
# and licence lines name web sites, which a comment never loads.
_VENDORED_COMMENT = re.compile(r"(?m)^\s*//.*$")
# Material's own bundles contain outside URLs that it loads only for features this site does
# not use (mermaid diagrams, a repository link, a ResizeObserver polyfill Chromium does not
# need); `_theme_feature_problems` checks that those features stay off instead.
_THEME_SCRIPTS = re.compile(r"^assets/javascripts/(bundle\.[0-9a-f]+\.min\.js|workers/|lunr/)")
# The script copy of the search index (for file://) is page text, not code: an address quoted in
# a page (e.g. http://127.0.0.1:8000/ in the editing guide) is something to read, not to load.
_SEARCH_DATA = "search/search_index.js"


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set = set()
        self.links: list = []  # (tag, attribute, url)
        self.resources: list = []  # (tag, attribute, url)
        self.classes: set = set()
        self._in_style = False
        self.inline_css: list = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if values.get(name):
                self.ids.add(values[name])
        self.classes.update((values.get("class") or "").split())
        for name, value in attrs:
            if value is None:
                continue
            if name == "href" and tag in ("a", "area", "link"):
                # A hidden link is not shown until its target exists (make_pdf.py unhides the
                # 「PDFをダウンロード」 link once it has written the PDF).
                if "hidden" not in values:
                    self.links.append((tag, name, value))
                rel = set((values.get("rel") or "").lower().split())
                if tag == "link" and rel & {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch",
                                            "preconnect", "dns-prefetch", "apple-touch-icon"}:
                    self.resources.append((tag, name, value))
            elif name == "src":
                self.links.append((tag, name, value))
                self.resources.append((tag, name, value))
            elif name in _RESOURCE_ATTRIBUTES:
                self.resources.append((tag, name, value))
            elif name == "style":
                self.inline_css.append(value)
            elif name == "content" and (values.get("http-equiv") or "").lower() == "refresh":
                self.resources.append((tag, "http-equiv=refresh", value.split("=", 1)[-1]))
        if tag == "style":
            self._in_style = True

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "style":
            self._in_style = False

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.inline_css.append(data)


def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _is_outside(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.scheme) or url.strip().startswith("//")


def _target_file(site: Path, page: Path, path: str) -> Path:
    if not path:  # "#anchor" on the same page
        return page
    if path.startswith("/"):
        joined = path.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(page.relative_to(site).as_posix()), path)
    target = site / posixpath.normpath(joined)
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target


def link_problems(site: Path) -> list[str]:
    """Every internal href/src resolves to a file, and every #fragment to an id on that page.

    Links starting with "/" are reported too (except on 404.html, which MkDocs writes for the
    server root): they break when the site is served from a sub-path of the intranet server.
    """
    site = site.resolve()
    parsed = {page: _parse(page) for page in html_pages(site)}
    problems = []
    for page, parser in parsed.items():
        shown = page.relative_to(site).as_posix()
        for tag, attribute, url in parser.links:
            if _is_outside(url):
                continue
            parts = urlsplit(url)
            path = unquote(parts.path)
            if path.startswith("/") and page.name != "404.html":
                problems.append(f"{shown}: <{tag} {attribute}=\"{url}\"> はサイトのルートからのリンクです（サブパスに置くと切れます）")
                continue
            target = _target_file(site, page, path)
            if not target.is_file():
                problems.append(f"{shown}: <{tag} {attribute}=\"{url}\"> のリンク先 {target.relative_to(site).as_posix() if target.is_relative_to(site) else target} がありません")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html":
                ids = (parsed.get(target) or _parse(target)).ids
                if fragment not in ids:
                    problems.append(f"{shown}: <{tag} {attribute}=\"{url}\"> のアンカー #{fragment} が {target.relative_to(site).as_posix()} にありません")
    return sorted(set(problems))


def outside_resource_problems(site: Path) -> list[str]:
    """URLs outside the site that a page would load by itself (never mere links)."""
    site = site.resolve()
    problems = []
    for page in html_pages(site):
        shown = page.relative_to(site).as_posix()
        parser = _parse(page)
        for tag, attribute, url in parser.resources:
            for candidate in url.split(",") if "srcset" in attribute else [url]:
                candidate = candidate.strip().split(" ")[0]
                if _is_outside(candidate) and not candidate.lower().startswith("data:"):
                    problems.append(f"{shown}: <{tag} {attribute}=\"{candidate}\"> はサイトの外から読み込みます")
        for css in parser.inline_css:
            problems += [f"{shown}: スタイルの {url} はサイトの外から読み込みます" for url in _css_outside_urls(css)]
        problems += [f"{shown}: {problem}" for problem in _theme_feature_problems(parser)]
    for css_file in sorted(site.rglob("*.css")):
        shown = css_file.relative_to(site).as_posix()
        problems += [f"{shown}: {url} はサイトの外から読み込みます" for url in _css_outside_urls(css_file.read_text(encoding="utf-8", errors="replace"))]
    for js_file in sorted(site.rglob("*.js")):
        shown = js_file.relative_to(site).as_posix()
        if _THEME_SCRIPTS.match(shown) or shown == _SEARCH_DATA:
            continue
        text = js_file.read_text(encoding="utf-8", errors="replace")
        if shown.startswith("assets/javascripts/vendor/"):
            text = _VENDORED_COMMENT.sub("", text)
        problems += [f"{shown}: スクリプトにサイトの外の URL {url} があります" for url in _SCRIPT_URL.findall(text)
                     if not url.startswith(_NAMESPACE_NAMES)]
    return sorted(set(problems))


def _css_outside_urls(css: str) -> list[str]:
    urls = []
    for match in _CSS_URL.finditer(css):
        url = match.group(1) or match.group(2)
        if _is_outside(url) and not url.lower().startswith("data:"):
            urls.append(url)
    return urls


def _theme_feature_problems(parser: _PageParser) -> list[str]:
    problems = []
    if "mermaid" in parser.classes:
        problems.append("mermaid の図があります（テーマが unpkg.com から図のスクリプトを読み込みます）")
    if "md-source" in parser.classes:
        problems.append("リポジトリへのリンク（repo_url）があります（テーマが api.github.com に問い合わせます）")
    return problems


def main(argv: list[str] | None = None) -> int:
    """`python scripts/site_checks.py site/`: 0 no problems, 1 problems (printed), 2 usage."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="site_checks", description="作成したサイトのリンクと外部リクエストを検査します")
    parser.add_argument("site", type=Path, help="サイトのフォルダ（例: site）")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    if not (args.site / "index.html").is_file():
        print(f"エラー: {args.site} はサイトのフォルダではありません（index.html がありません）", file=sys.stderr)
        return 2
    problems = link_problems(args.site) + outside_resource_problems(args.site)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} 件の問題があります。" if problems else "OK: リンク切れと外部からの読み込みはありません", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
