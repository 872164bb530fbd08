"""Checks of what editors write outside the data files: the pages in docs/, the includes/ that
snippets append, mkdocs.yml, and symbolic links anywhere the build reads.

`make check` runs `check_site_sources` (so a passing check means the build will not stop on
these); the build runs the same checks page by page in hooks/page_safety.py.
"""
from __future__ import annotations

from dataclasses import dataclass
import hashlib
import html
from html.parser import HTMLParser
import json
from pathlib import Path
import posixpath
import re
from urllib.parse import urlsplit

import markdown
from selectolax.lexbor import LexborHTMLParser

from kyodo_kb.sources import rules
from kyodo_kb.sources.errors import DataError, SourceLocation
from kyodo_kb.sources.markdown_safety import HtmlProblem, check_html, locate
from kyodo_kb.sources.site_markdown import ABBREVIATIONS, EXTENSIONS, INCLUDES_DIR, SNIPPETS_CONFIG, heading_slugify

DOCS_DIR = "docs"
DATA_DIRS = ("checklists", "ordinances", "flows", "data", INCLUDES_DIR, DOCS_DIR)
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
# pymdownx.snippets: a marker line (`--8<-- "file"`), or a block marker (`--8<--` alone).
_SNIPPET_LINE = re.compile(r"""^[ \t]*(?P<escape>;*)-+8<-+(?:[ \t]+(?P<name>"(?:\\"|[^"\n\r])+?"|'(?:\\'|[^'\n\r])+?'))?[ \t]*\r?$""",
                           re.MULTILINE)
_ABBREVIATION = re.compile(r"^[ ]{0,3}\*\[(?P<term>[^\]]*)\][ ]?:[ ]*(?P<title>.*)$")


def symlink_errors(root: Path) -> list:
    """A symbolic link in a folder the build reads would publish (or load) whatever it points to."""
    errors = []
    for folder in DATA_DIRS:
        base = root / folder
        if base.is_symlink():
            errors.append(_symlink_error(folder))
            continue
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.is_symlink():
                errors.append(_symlink_error(path.relative_to(root).as_posix()))
    return errors


def _symlink_error(display: str) -> DataError:
    return DataError(SourceLocation(display, 0),
                     "シンボリックリンクは使えません（リンク先のファイルがサイトに公開されてしまうため）。"
                     "リンクを削除し、ファイルそのものを置いてください", rules.FILE_SYMLINK)


def snippet_errors(text: str, display: str, root: Path) -> list:
    """Snippet markers of a page: only `--8<-- "name"` of an existing file in includes/."""
    errors = []
    includes = (root / INCLUDES_DIR).resolve()
    for match in _SNIPPET_LINE.finditer(text):
        if match.group("escape"):
            continue
        line = text.count("\n", 0, match.start()) + 1
        name = match.group("name")
        if name is None:
            errors.append(DataError(SourceLocation(display, line),
                                    "差し込み（--8<--）は1行に「--8<-- \"ファイル名\"」の形で書いてください（複数行の形は使えません）", rules.PAGE_SNIPPET))
            continue
        name = name[1:-1]
        file_name = re.sub(r"(?::-?[0-9]*){1,2}$|:[A-Za-z0-9_-]+$", "", name) or name
        target = (includes / file_name).resolve()
        if "://" in name or not target.is_relative_to(includes) or not target.is_file():
            errors.append(DataError(SourceLocation(display, line),
                                    f"差し込むファイル「{name}」が {INCLUDES_DIR}/ にありません。"
                                    f"差し込めるのは {INCLUDES_DIR}/ のファイルだけです。ファイル名を確かめてください", rules.PAGE_SNIPPET))
    return errors


def abbreviation_errors(root: Path) -> list:
    """Glossary abbreviations become `title` attributes that the theme shows as HTML on hover.
    Python-Markdown writes an entity of the definition (`&lt;`) into the attribute unchanged,
    so the browser decodes it: entities are decoded before looking for `<` and `>`."""
    path = root / INCLUDES_DIR / ABBREVIATIONS
    if not path.is_file() or path.is_symlink():
        return []
    errors = []
    display = f"{INCLUDES_DIR}/{ABBREVIATIONS}"
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        match = _ABBREVIATION.match(line)
        if match and re.search(r"[<>]", html.unescape(match.group("title") + match.group("term"))):
            errors.append(DataError(SourceLocation(display, number),
                                    f"略語「{match.group('term')}」の説明に「<」「>」は書けません（説明は、語にマウスを重ねたときに HTML として表示されるため）。"
                                    "文字だけで書いてください", rules.ABBREVIATION_MARKUP))
    return errors


def located_problems(problems: list, display: str, source: str, root: Path) -> list:
    """DataErrors for HTML problems of a page, each at the line of `source` (the page file, with its
    front matter) where its hint is found, or in the include it came from."""
    errors = []
    for problem in problems:
        where, text = display, source
        position = _position(source, problem)
        if position is None:
            for include in sorted((root / INCLUDES_DIR).glob("*.md")):
                include_text = include.read_text(encoding="utf-8", errors="replace")
                position = _position(include_text, problem)
                if position is not None:
                    where, text = include.relative_to(root).as_posix(), include_text
                    break
        line = text.count("\n", 0, position) + 1 if position is not None else 0
        errors.append(DataError(SourceLocation(where, line), problem.message, problem.rule))
    return errors


def _position(text: str, problem: HtmlProblem) -> int | None:
    found = locate(text, problem)
    fragments = [hint[0] if isinstance(hint, tuple) else hint for hint in problem.hints]
    if found == 0 and not any(hint and text.lower().startswith(hint.lower()) for hint in fragments):
        return None
    return found


def page_markdown_converter(root: Path) -> markdown.Markdown:
    """Python-Markdown set up like the site's page renderer (snippets from includes/ included)."""
    configs = {name: dict(config) for name, config in EXTENSIONS}
    configs["toc"]["slugify"] = heading_slugify
    configs["pymdownx.snippets"] = snippets_config(root)
    return markdown.Markdown(extensions=[name for name, _ in EXTENSIONS] + ["pymdownx.snippets"],
                             extension_configs=configs)


def snippets_config(root: Path) -> dict:
    config = dict(SNIPPETS_CONFIG)
    config["base_path"] = [str((root / INCLUDES_DIR).resolve())]
    return config


def check_docs_pages(root: Path) -> list:
    """Every page in docs/ rendered as the site renders it and judged by the allowlist."""
    errors: list = []
    docs = root / DOCS_DIR
    if not docs.is_dir():
        return errors
    converter = None
    for path in sorted(docs.rglob("*.md")):
        if path.is_symlink() or not path.is_file():
            continue  # reported by symlink_errors
        display = path.relative_to(root).as_posix()
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(DataError(SourceLocation(display, 0), f"ファイルを読み込めません（{type(exc).__name__}）。UTF-8 で保存し直してください", rules.FILE_UNREADABLE))
            continue
        page_errors = snippet_errors(source, display, root)
        if page_errors:
            errors += page_errors
            continue
        converter = converter or page_markdown_converter(root)
        converter.reset()
        body = _FRONT_MATTER.sub("", source, count=1)
        try:
            rendered = converter.convert(body)
        except Exception as exc:  # a page the renderer cannot read is reported, not raised
            errors.append(DataError(SourceLocation(display, 0), f"ページを Markdown として読めません（{type(exc).__name__}: {str(exc)[:200]}）", rules.PAGE_UNREADABLE))
            continue
        errors += located_problems(check_html(rendered, field=False), display, source, root)
    return errors


def check_site_sources(root: Path) -> list:
    """Everything `make check` verifies outside the data files."""
    from kyodo_kb.sources.site_config import mkdocs_yml_errors
    errors = symlink_errors(root)
    errors += mkdocs_yml_errors(root)
    errors += abbreviation_errors(root)
    errors += check_docs_pages(root)
    return errors


# ---------------------------------------------------------------------------------------------
# Every page the build writes, judged as a whole (hooks/page_output_safety.py, after every other
# hook has changed it). The fields and docs/ pages are judged before rendering; this is the last
# line: a renderer, a template override or a hook that lets markup through is caught here, in
# the HTML a browser will read. The theme's frame (head, header, navigation, footer) may use the
# theme's markup and the site's scripts by an explicit list; the content area (Material's
# `<article class="md-content__inner">`) only the markup of text and of the site's own widgets.
# Nowhere: event-handler attributes, `javascript:` (or any scheme but https:/mailto: on a link),
# a request leaving the site, a script or stylesheet that is not on the list, an inline script
# that is not one of the theme's own.

# Inline scripts of the theme (Material's partials/javascripts/*.html) by the SHA-256 of their
# text with the relative root address (`new URL("../..",location)`) taken out; 404.html's own
# (render/not_found_page.py) are added from that module. A Material upgrade that changes them
# stops the build with the new fingerprint to review and add here
# (tests/sources/test_page_output_safety.py compares this list with the installed theme).
THEME_INLINE_SCRIPTS = frozenset({
    "7eb3684fdacd2881",  # Material: __md_scope, __md_get/__md_set (storage helpers)
    "0eb10c249dbdb0be",  # Material: the palette preference
    "ffcc0f7735fdab43",  # Material: opens the content tab named by the address's #hash
})
# Scripts and stylesheets the site serves besides the theme's own files and extra_javascript /
# extra_css of mkdocs.yml (hooks/search_index.py, render/editions_page.py).
SITE_ASSETS = frozenset({
    "assets/javascripts/search_page.js",
    "assets/javascripts/search_engine.js",
    "editions/editions-data.js",
})

_CONTENT_ELEMENTS = frozenset("""
p br hr em strong b i s del ins mark sub sup small code pre kbd samp var span div blockquote q
cite dfn ul ol li dl dt dd h1 h2 h3 h4 h5 h6 table thead tbody tfoot tr th td caption colgroup col
a img abbr details summary input label figure figcaption
article aside section nav header footer time fieldset legend form button select option optgroup
textarea progress output meter script style
svg g path rect text tspan title line circle ellipse polyline polygon defs marker desc
""".split())
_FRAME_ELEMENTS = _CONTENT_ELEMENTS | frozenset("html head meta link body main".split())
_COMMON_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir", "hidden", "role", "tabindex"})
_SVG_ATTRIBUTES = frozenset("""
viewbox width height xmlns focusable preserveaspectratio d fill stroke stroke-width stroke-dasharray
stroke-linecap stroke-linejoin x y x1 y1 x2 y2 cx cy r rx ry dx dy points transform font-size
font-weight font-family font-style text-anchor dominant-baseline alignment-baseline baseline-shift opacity
fill-opacity stroke-opacity fill-rule clip-rule stroke-miterlimit stroke-dashoffset shape-rendering
text-rendering vector-effect paint-order letter-spacing word-spacing writing-mode visibility color
marker-end marker-mid marker-start markerwidth markerheight markerunits refx refy orient version
""".split())
_CONTENT_ATTRIBUTES = {
    "a": {"href", "rel", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "th": {"style", "colspan", "rowspan", "scope", "align", "headers"},
    "td": {"style", "colspan", "rowspan", "align", "headers"},
    "col": {"span"}, "colgroup": {"span"},
    "details": {"open"},
    "time": {"datetime"},
    "input": {"type", "name", "value", "checked", "disabled", "autocomplete", "maxlength", "placeholder",
              "required", "readonly", "min", "max", "step", "size"},
    "textarea": {"name", "rows", "cols", "maxlength", "placeholder", "readonly", "disabled", "autocomplete"},
    "select": {"name", "multiple", "required", "disabled", "autocomplete"},
    "option": {"value", "selected", "disabled"}, "optgroup": {"label", "disabled"},
    "button": {"type", "disabled", "name", "value"},
    "form": {"name", "autocomplete", "novalidate"},
    "fieldset": {"disabled", "name"},
    "label": {"for"}, "output": {"for", "name"},
    "progress": {"max", "value"}, "meter": {"min", "max", "low", "high", "optimum", "value"},
    "script": {"src"},
    "style": set(),  # only the print running header's, judged by its text (_RUNNING_HEADER)
    **{name: _SVG_ATTRIBUTES for name in "svg g path rect text tspan line circle ellipse polyline polygon marker".split()},
}
_FRAME_ATTRIBUTES = {
    **_CONTENT_ATTRIBUTES,
    "html": {"lang", "class"}, "body": {"dir"},
    "meta": {"charset", "name", "content", "http-equiv"},  # http-equiv: refused with its own message
    "link": {"rel", "href", "type", "sizes"},
    "script": {"src", "type", "id"},
    "a": {"href", "rel", "download", "target"},
    "input": _CONTENT_ATTRIBUTES["input"] | {"autocapitalize", "autocorrect", "spellcheck"},
}
# Attributes whose value the browser requests or navigates to.
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "poster", "background", "srcset", "ping",
                             "xlink:href", "cite", "data", "manifest", "longdesc", "usemap", "lowsrc", "dynsrc",
                             "codebase", "archive", "icon", "profile", "data-engine"})
_DATA_ATTRIBUTE = re.compile(r"^(?:data|aria)-[a-z0-9-]+$")
_SCRIPTLIKE = re.compile(r"^\s*(?:javascript|vbscript|livescript|data)\s*:", re.IGNORECASE)
_CSS_URL = re.compile(r"url\s*\(\s*['\"]?(?!#)", re.IGNORECASE)
# The site's root as the theme writes it: relative (`"../.."`), or root-absolute on 404.html when
# `site_url` has a path (`"/kyodo/"`); never `"//host/"`, which would name another host.
_ROOT_LITERAL = re.compile(r'new URL\("(?:[./]*|/(?!/)[^"\\<>]*/)",location\)')
_KNOWN_LIST = re.compile(r'var known = \[[^\]<]*\]')
_DOCUMENT_WRITE = re.compile(r'^document\.write\(("(?:[^"\\]|\\.)*")\)$')
_TABLE_ALIGN = re.compile(r"^text-align:\s*(?:left|center|right);?$")
_URL_IGNORED = re.compile(r"[\t\n\r\x00-\x08]")
_URL_EDGE_CHARACTERS = "".join(chr(c) for c in range(0x21))
_NO_ATTRIBUTES: frozenset = frozenset()
_OWN_MARKUP = "（サイトの部品が使う安全な書き方なら、kyodo_kb/sources/page_safety.py の許可リストに加えてください）"
_RAW_TAG_START = re.compile(r"<[A-Za-z/!?]")
_URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")


@dataclass(frozen=True)
class OutputProblem:
    message: str  # Japanese, for the person who maintains the site
    fragment: str  # the offending markup or value, to look up in the page's sources
    in_content: bool


def _normalised_script(text: str) -> str:
    return _KNOWN_LIST.sub("var known = []", _ROOT_LITERAL.sub('new URL("",location)', text))


def script_fingerprint(text: str) -> str:
    return hashlib.sha256(_normalised_script(text).encode("utf-8")).hexdigest()[:16]


def _not_found_scripts() -> frozenset:
    from kyodo_kb.render import not_found_page
    scripts = [not_found_page._BASE_SCRIPT % "[]", not_found_page._CONFIG_SCRIPT]
    return frozenset(script_fingerprint(s[len("<script>"):-len("</script>")]) for s in scripts)


def page_output_problems(output: str, dest_uri: str, assets: frozenset, site_url: str = "") -> list[OutputProblem]:
    """What in the written page `dest_uri` (its path in the site, e.g. checklists/kyotei/index.html)
    is outside the page allowlist. `assets`: the site paths of the scripts and stylesheets allowed;
    `site_url`: the site's own address when it has one (`mkdocs serve` sets it), under which an
    absolute address is inside the site.

    The page is judged as a browser reads it: the tree an HTML5 parser builds (lexbor, through
    selectolax), about ten times faster than html.parser on the site's pages. A page with a
    problem is read again with html.parser, whose problems carry the start tag exactly as written
    (for finding it in the sources) and which also names a tag the page leaves unclosed."""
    folder = posixpath.dirname(dest_uri)
    tree_checker = _PageChecker(folder, assets, site_url)
    tree_checker.judge_tree(output)
    if not tree_checker.problems and not _ends_inside_a_tag(output):
        return []
    # The start tags as written in the page, for the message and for finding the line in the
    # page's sources; the HTML5 tree's problems stand when html.parser reads the page otherwise.
    checker = _PageChecker(folder, assets, site_url)
    checker.feed(output)
    checker.close()
    return checker.problems or tree_checker.problems


def _ends_inside_a_tag(output: str) -> bool:
    """A page cut off inside a tag: an HTML5 parser drops the tag, html.parser names it."""
    return output.rfind("<") > output.rfind(">")


def _outermost(articles: list) -> list:
    """The articles not inside another of them (judging one judges those inside it)."""
    ids = {article.mem_id for article in articles}
    outermost = []
    for article in articles:
        parent = article.parent
        while parent is not None and parent.mem_id not in ids:
            parent = parent.parent
        if parent is None:
            outermost.append(article)
    return outermost


def _tree_start_tag(node) -> str:
    attributes = "".join(f' {name}="{html.escape(value)}"' if value is not None else f" {name}"
                         for name, value in (node.attributes or {}).items())
    return f"<{node.tag}{attributes}>"


class _PageChecker(HTMLParser):
    def __init__(self, folder: str, assets: frozenset, site_url: str = ""):
        super().__init__(convert_charrefs=False)  # text keeps its entities: a raw `<` in it is a problem
        self.folder = folder
        self.assets = assets
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.site_path = urlsplit(self.site_url).path if site_url else "/"
        self.inline_allowed = THEME_INLINE_SCRIPTS | _not_found_scripts_cached()
        self.problems: list[OutputProblem] = []
        self.content_depth = 0  # >0 inside Material's content <article>
        self.script: dict | None = None  # attributes of the open <script>
        self.script_text: list = []
        self.script_content = False
        self.after_lt = False
        self.node = None  # the HTML5 tree's element being judged (judge_tree)

    def problem(self, message: str, fragment: str) -> None:
        self.problems.append(OutputProblem(message, fragment, self.content_depth > 0))

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs)
        if tag in ("script", "style"):
            self.script, self.script_text, self.script_content = dict(attrs), [], self.content_depth > 0
            self.script["<tag>"] = tag

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs)

    def handle_endtag(self, tag):
        self.after_lt = False
        if tag == "article" and self.content_depth:
            self.content_depth -= 1
        elif tag in ("script", "style") and self.script is not None:
            self._inline_script(self.script, "".join(self.script_text))
            self.script = None

    def close(self):
        super().close()
        if self.script is not None:  # never closed: the rest of the page is its text
            self._inline_script(self.script, "".join(self.script_text))
            self.script = None

    def _raw(self, tag: str) -> str:
        if self.node is not None:  # judged from the HTML5 tree: the start tag as the tree holds it
            return _tree_start_tag(self.node)[:120]
        return (self.get_starttag_text() or f"<{tag}>")[:120]

    def judge_tree(self, output: str) -> None:
        """The same rules over the HTML5 tree of the page: Material's content articles by the
        content's rules, then everything else by the frame's."""
        tree = LexborHTMLParser(output)
        articles = _outermost(tree.css("article.md-content__inner"))
        for article in articles:
            self._judge_nodes(article, content=True)
        for article in articles:
            article.decompose()
        if tree.root is not None:
            self._judge_nodes(tree.root, content=False)
        self.node = None

    def _judge_nodes(self, top, content: bool) -> None:
        self.content_depth = 1 if content else 0
        for node in top.traverse():
            tag = node.tag
            if tag is None or tag[0] in "-!":  # text, comments, the doctype, processing instructions
                if tag is None and node.is_element_node:
                    tag = "?"
                else:
                    continue
            attributes = node.attributes
            attrs = [(name.lower(), value) for name, value in attributes.items()] if attributes else []
            self.node = node
            self._judge_start(tag, attrs)
            if tag in ("script", "style"):
                self.script_content = content
                self._inline_script({**dict(attrs), "<tag>": tag}, node.text(deep=True))

    def _start(self, tag: str, attrs: list) -> None:
        self.after_lt = False
        if tag == "article" and (self.content_depth or any(n == "class" and v and "md-content__inner" in v.split()
                                                            for n, v in attrs)):
            self.content_depth += 1
        self._judge_start(tag, attrs)

    def _judge_start(self, tag: str, attrs: list) -> None:
        content = self.content_depth > 0
        if tag not in (_CONTENT_ELEMENTS if content else _FRAME_ELEMENTS):
            where = "本文" if content else "ページの枠（ヘッダー・ナビゲーション）"
            self.problem(f"{where}に許可されていない要素「<{tag}>」があります{_OWN_MARKUP}", self._raw(tag))
            return
        if not attrs:
            return
        allowed = (_CONTENT_ATTRIBUTES if content else _FRAME_ATTRIBUTES).get(tag, _NO_ATTRIBUTES)
        for name, value in attrs:
            if name not in _COMMON_ATTRIBUTES and name not in allowed:
                if name.startswith("on"):
                    self.problem(f"「<{tag}>」にイベント処理の属性「{name}=」があります（スクリプトが動きます）", self._raw(tag))
                    continue
                if not _DATA_ATTRIBUTE.match(name):
                    self.problem(f"「<{tag}>」に許可されていない属性「{name}=」があります{_OWN_MARKUP}", self._raw(tag))
                    continue
            if not value:
                continue
            if name == "style" and not _TABLE_ALIGN.match(value.strip()):
                self.problem(f"「<{tag}>」の「style=」は表の文字寄せ（text-align）だけが使えます", self._raw(tag))
            elif ":" in value or "(" in value:
                self._value(tag, name, value)
            if name in _URL_ATTRIBUTES:
                self._url(tag, name, value, attrs)
        if tag == "meta" and any(n == "http-equiv" for n, _ in attrs):
            self.problem("「<meta http-equiv>」は使えません（ページの移動や読み込みを指示できるため）", self._raw(tag))

    def _value(self, tag: str, name: str, value: str) -> None:
        cleaned = _URL_IGNORED.sub("", value)
        if _SCRIPTLIKE.match(cleaned) and not (tag == "meta" and name == "content"):
            self.problem(f"「<{tag}>」の「{name}=」に「{cleaned.strip().split(':')[0]}:」のアドレスがあります（スクリプトが動くおそれがあります）", self._raw(tag))
        elif _CSS_URL.search(value) and name != "d":
            self.problem(f"「<{tag}>」の「{name}=」に url(…) があります（サイトの外を読み込めるため）", self._raw(tag))

    def _url(self, tag: str, name: str, value: str, attrs: list) -> None:
        if _SCRIPTLIKE.match(_URL_IGNORED.sub("", value)):
            return  # reported by _value
        if self.site_url and value.startswith(self.site_url):
            value = value[len(self.site_url) - 1:]  # root-absolute inside the site
        leaving = url_leaves_site(value)
        if leaving and not (tag == "a" and name == "href" and leaving in ("https", "mailto")):
            self.problem(f"「<{tag}>」の「{name}=」がサイトの外「{value[:80]}」を指しています（人がクリックする https: のリンクと mailto: のほかは、外へのリクエストになります）", self._raw(tag))
            return
        asset_kind = ("script" if (tag == "script" and name == "src") or name == "data-engine" else
                      "stylesheet" if tag == "link" and name == "href" and "stylesheet" in dict(attrs).get("rel", "").split()
                      else None)
        if asset_kind and self._site_path(value) not in self.assets:
            self.problem(f"{'スクリプト' if asset_kind == 'script' else 'スタイルシート'}「{value[:80]}」はサイトの許可リストにありません"
                         "（mkdocs.yml の extra_javascript / extra_css、テーマのファイル、kyodo_kb/sources/page_safety.py の SITE_ASSETS）", self._raw(tag))

    def _site_path(self, url: str) -> str:
        path = url.split("#", 1)[0].split("?", 1)[0]
        if path.startswith("/"):  # root-absolute (404.html while serving): from the site's own root
            return posixpath.normpath(path[len(self.site_path):]) if path.startswith(self.site_path) else ""
        return posixpath.normpath(posixpath.join(self.folder, path)) if path else ""

    def handle_data(self, data):
        if self.script is not None:
            self.script_text.append(data)
            return
        # html.parser hands a `<` it could not read as a tag over as text (often alone, the rest
        # in the next chunk); a browser may still read a tag there
        if self.after_lt and data[:1].isascii() and (data[:1].isalpha() or data[:1] in "/!?"):
            self.problem("閉じられていない HTML のタグがあります", "<" + data[:60])
        match = _RAW_TAG_START.search(data) if "<" in data else None
        if match:
            self.problem("閉じられていない HTML のタグがあります", data[match.start():match.start() + 60])
        self.after_lt = data.endswith("<")

    def handle_entityref(self, name):
        self.after_lt = False

    def handle_charref(self, name):
        self.after_lt = False

    def _inline_script(self, attrs: dict, text: str) -> None:
        if attrs.get("<tag>") == "style":
            if not (self.script_content and attrs.get("class") == "kb-running-header" and _running_header().fullmatch(text)):
                self.problem("「<style>」は、印刷の柱（チェックリストの題名と版）のほかには使えません（画面を覆い隠したり、外部を読み込んだりできるため）", text[:120])
            return
        if "src" in attrs:
            if text.strip():
                self.problem("「<script src>」の中にスクリプトが書かれています", text[:120])
            return
        if self.script_content:
            self.problem("本文にスクリプトが書かれています（本文に置けるのは許可リストのファイルを読み込む <script src> だけです）", text[:120])
            return
        if attrs.get("type") == "application/json" and attrs.get("id") == "__config":
            self._theme_config(text)
            return
        if attrs.get("type") not in (None, "text/javascript"):
            self.problem(f"「<script type=\"{attrs.get('type')}\">」は使えません", text[:120])
            return
        written = _DOCUMENT_WRITE.match(text.strip())
        if written:  # 404.html writes its stylesheets and scripts (render/not_found_page.py)
            try:
                markup = json.loads(written.group(1))
            except ValueError:
                markup = None
            if isinstance(markup, str) and re.fullmatch(r"<(?:link|script)\b[^<>]*>(?:</script>)?", markup):
                inner = _PageChecker(self.folder, self.assets, self.site_url)
                inner.feed(markup)
                inner.close()
                self.problems += inner.problems
                return
        if script_fingerprint(text) not in self.inline_allowed:
            self.problem(f"ページの枠に許可リストにないスクリプトがあります（指紋 {script_fingerprint(text)}。テーマの更新で変わったものなら、"
                         "確かめてから kyodo_kb/sources/page_safety.py の THEME_INLINE_SCRIPTS に加えてください）", text[:120])

    def _theme_config(self, text: str) -> None:
        try:
            config = json.loads(text)
        except ValueError:
            self.problem("テーマの設定（#__config）が JSON として読めません", text[:120])
            return
        search = config.get("search") if isinstance(config, dict) else None
        if isinstance(search, str) and self._site_path(search) not in self.assets:
            self.problem(f"テーマの設定（#__config）の検索スクリプト「{search[:80]}」はサイトの許可リストにありません", search)


_NOT_FOUND_SCRIPTS: frozenset | None = None
_RUNNING_HEADER_PATTERN: re.Pattern | None = None


def _running_header() -> re.Pattern:
    """The text of the one <style> a page may carry: outputs/print_blocks.render_running_header's,
    with any title written as that function's CSS string (which cannot end the string or rule)."""
    global _RUNNING_HEADER_PATTERN
    if _RUNNING_HEADER_PATTERN is None:
        from kyodo_kb.outputs.print_blocks import render_running_header
        sample = render_running_header("TITLE", None)
        body = sample.split(">", 1)[1].rsplit("</style>", 1)[0]
        before, after = body.split('"TITLE"')
        string = r'"(?:[^"\\<>&\x00-\x1f]|\\[0-9a-f]{1,6} )*"'
        _RUNNING_HEADER_PATTERN = re.compile(re.escape(before) + string + re.escape(after))
    return _RUNNING_HEADER_PATTERN


def _not_found_scripts_cached() -> frozenset:
    global _NOT_FOUND_SCRIPTS
    if _NOT_FOUND_SCRIPTS is None:
        _NOT_FOUND_SCRIPTS = _not_found_scripts()
    return _NOT_FOUND_SCRIPTS


def url_leaves_site(url: str) -> str | None:
    """The scheme (or "//") by which `url` leaves the site, None for an address inside it."""
    cleaned = _URL_IGNORED.sub("", url).strip(_URL_EDGE_CHARACTERS)
    if cleaned.startswith(("//", "\\\\", "/\\", "\\/")):
        return "//"
    scheme = _URL_SCHEME.match(cleaned)
    return scheme.group(1).lower() if scheme else None


def site_assets(extra: list, theme_dirs: list) -> frozenset:
    """The site paths of the scripts and stylesheets a page may load: mkdocs.yml's
    extra_javascript and extra_css, the theme's own, and SITE_ASSETS."""
    assets = set(SITE_ASSETS)
    assets.update(posixpath.normpath(str(entry)) for entry in extra)
    for folder in theme_dirs:
        base = Path(folder)
        for kind in ("assets/javascripts", "assets/stylesheets"):
            if (base / kind).is_dir():
                assets.update(path.relative_to(base).as_posix() for path in (base / kind).rglob("*")
                              if path.suffix in (".js", ".css"))
    return frozenset(assets)


_QUOTED_VALUE = re.compile(r"=\"([^\"]{3,})\"|='([^']{3,})'")


def page_output_errors(problems: list, dest_uri: str, sources: list, root: Path) -> list:
    """Located errors for the problems of one written page: each at the line of the first of
    `sources` (the page's docs/ file or the data files it is generated from) where its markup or
    a value of it is found, else at the first source's line 0 (the page's path when it has none)."""
    texts = []
    for source in sources:
        path = root / source
        try:
            texts.append((source, path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""))
        except OSError:
            texts.append((source, ""))
    errors = []
    for problem in problems:
        fragment = " ".join(problem.fragment.split())
        hints = [problem.fragment.strip()] + [a or b for a, b in _QUOTED_VALUE.findall(problem.fragment)]
        location = SourceLocation(sources[0] if sources else dest_uri, 0)
        for source, text in texts:
            found = next((text.find(hint) for hint in hints if hint and text.find(hint) >= 0), -1)
            if found >= 0:
                location = SourceLocation(source, text.count("\n", 0, found) + 1)
                break
        where = "本文" if problem.in_content else "ページの枠"
        errors.append(DataError(location, f"出力されたページ {dest_uri}（{where}）: {problem.message}。該当箇所: {fragment[:120]}",
                                rules.PAGE_OUTPUT_UNSAFE))
    return errors
