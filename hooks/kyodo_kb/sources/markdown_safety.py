"""Judges editor-written Markdown by the HTML it renders to, against an allowlist.

Markdown fields (caution, summary, …) and the pages in docs/ are rendered by Python-Markdown,
which keeps raw HTML and attr_list attributes as written. Pattern checks over the source miss
what the browser sees (a `>` inside a quoted attribute hides the handler after it), so the
check renders the text with the site's own Markdown extensions, parses the result with a real
HTML parser (html.parser) and accepts only the elements, attributes and URL schemes listed
below. Nothing is sanitised: every finding is reported with the line of the source it comes
from, and the editor changes the text (an error they can read is better than text that quietly
disappears).

Two strictness rules close the gaps between this parser and a browser's: every start tag must
be written in the plain `<name attr="value">` form (a browser and html.parser may split odd
tags differently), and a `<` that is not the start of a tag html.parser understood is refused.

What is allowed (the 編集ガイド lists the same):
- elements of ordinary text (paragraphs, lists, tables, emphasis, code, headings, quotes,
  definition lists, admonitions, details, tabs, task lists, footnotes, abbreviations);
- `href` on links: a relative link inside the site, `#…`, `mailto:` or `https:`;
- `src` on images: a relative path inside the site only (no scheme, no `//` or `\\`);
- `title` as plain text (no `<` or `>`: the theme's tooltips show titles as HTML);
- `class` of the site's own styles (not the theme's layout classes `md-…`, except buttons);
- `id` only in pages (not in data fields, where it could take an item's anchor), never one
  starting with `_` (the theme's) or `kb-` (the site's scripts), and each only once per page;
- `style` only as the table extension writes it (`text-align: left|center|right;`).
"""
from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
import re

from kyodo_kb.sources import rules
from kyodo_kb.sources.site_markdown import render_markdown

# Elements an editor's text may render to (Markdown and its extensions produce these).
_TEXT_ELEMENTS = frozenset("""
p br hr em strong b i s del ins mark sub sup small code pre kbd samp var span div blockquote q
cite dfn ul ol li dl dt dd h1 h2 h3 h4 h5 h6 table thead tbody tfoot tr th td caption colgroup col
a img abbr details summary input label figure figcaption
""".split())
_VOID_ELEMENTS = frozenset({"br", "hr", "img", "input", "col"})

_GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir"})
_ELEMENT_ATTRIBUTES = {
    "a": {"href", "rel"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "th": {"style", "colspan", "rowspan", "scope", "align"},
    "td": {"style", "colspan", "rowspan", "align"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
    "input": {"type", "disabled", "checked", "name"},
    "label": {"for"},
    "div": {"data-tabs"},
    "abbr": set(),
}
_TABLE_ALIGN_STYLE = re.compile(r"^text-align:\s*(?:left|center|right);?$")
_NUMBER = re.compile(r"^[0-9]{1,5}$")
_CLASS_TOKEN = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_THEME_CLASSES_ALLOWED = frozenset({"md-button", "md-button--primary"})
_ID = re.compile(r"^[^\s<>\"'`&]+$")
_TABBED_ID = re.compile(r"^__tabbed_[0-9]+_[0-9]+$")
_TABBED_NAME = re.compile(r"^__tabbed_[0-9]+$")
_FOOTNOTE_ID = re.compile(r"^fn(?:ref)?[0-9]*:[0-9A-Za-z_-]+$")
_DATA_TABS = re.compile(r"^[0-9]+:[0-9]+$")
# A start tag written the plain way: name, then attributes separated by white space, each
# with a quoted or simple unquoted value.
_PLAIN_START_TAG = re.compile(r"""^<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*/?>$""")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_IGNORED_IN_URLS = re.compile(r"[\t\n\r]")
_URL_EDGES = "".join(chr(c) for c in range(0x21))
_SNIPPET_MARKER = re.compile(r"-+8<-+")
_ABBREVIATION = re.compile(r"^[ ]{0,3}\*\[[^\]]*\][ ]?:", re.MULTILINE)
# Without one of these characters (and no `---`/`===` line), Markdown renders only paragraphs,
# emphasis, lists and code, with no attribute at all: most cautions skip the rendering.
_MARKUP_TRIGGER = re.compile(r"[<>&\[\]{}#=|!?:\\]|^[ ]*-{2,}[ ]*$", re.MULTILINE)


@dataclass(frozen=True, order=True)
class UnsafeMarkup:
    line_offset: int  # 0 for the first line of the text
    message: str  # Japanese, for editors; the caller prefixes the field name
    rule: str  # a constant of kyodo_kb.sources.rules


def find_unsafe_markup(text: str) -> list[UnsafeMarkup]:
    """Problems of a Markdown data field (caution, summary, …), each with its line in the text."""
    found: set = set()
    for match in _SNIPPET_MARKER.finditer(text):
        found.add(UnsafeMarkup(_line(text, match.start()),
                               f"「{match.group(0)}」（ファイルの差し込み）は使えません。"
                               "データの欄にはファイルを差し込めません。文章をそのまま書いてください", rules.MARKDOWN_SNIPPET))
    for match in _ABBREVIATION.finditer(text):
        found.add(UnsafeMarkup(_line(text, match.start()),
                               "略語の定義（*[語]: 説明）は、データの欄には書けません（ページ全体の語に効いてしまうため）。"
                               "用語の説明は includes/abbreviations.md と用語集に書いてください", rules.MARKDOWN_ABBREVIATION))
    if found or not _MARKUP_TRIGGER.search(text):
        return sorted(found)
    rendered, references = render_markdown(text)
    for name in references:
        position = _find_reference(text, name)
        found.add(UnsafeMarkup(_line(text, position),
                               f"参照形式のリンク定義「[{name}]: …」は使えません（ほかの欄のリンクや画像に効いてしまうため）。"
                               "リンクは [文字](リンク先) の形で書いてください", rules.MARKDOWN_REFERENCE_LINK))
    for problem in check_html(rendered, field=True):
        found.add(UnsafeMarkup(_line(text, locate(text, problem)), problem.message, problem.rule))
    return sorted(found)


@dataclass(frozen=True)
class HtmlProblem:
    message: str
    rule: str  # a constant of kyodo_kb.sources.rules
    hints: tuple  # source fragments to look for, most specific first


def locate(source: str, problem: HtmlProblem) -> int:
    """The position in `source` of the first hint found there (0 if none is). A hint is a
    fragment, or (fragment, part): the position of `part` inside the first `fragment` found."""
    lowered = None
    for hint in problem.hints:
        fragment, part = hint if isinstance(hint, tuple) else (hint, "")
        if not fragment:
            continue
        position = source.find(fragment)
        if position < 0:
            lowered = lowered if lowered is not None else source.lower()
            position = lowered.find(fragment.lower())
        if position >= 0:
            inside = fragment.lower().find(part.lower()) if part else -1
            return position + max(inside, 0)
    return 0


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, max(position, 0))


def _find_reference(text: str, name: str) -> int:
    match = re.search(r"^[ ]{0,3}\[" + re.escape(name) + r"\]:", text, re.MULTILINE | re.IGNORECASE)
    return match.start() if match else 0


def check_html(rendered: str, field: bool) -> list[HtmlProblem]:
    """Problems of rendered HTML. `field`: a data field (no ids, no comments) rather than a page."""
    checker = _AllowlistChecker(field)
    checker.feed(rendered)
    checker.close()
    return checker.problems


def url_problem(url: str, element: str, attribute: str) -> str | None:
    """Why `url` may not stand in `attribute` of `element` (None when it may)."""
    cleaned = _IGNORED_IN_URLS.sub("", url).strip(_URL_EDGES)
    lowered = cleaned.lower()
    if lowered.startswith(("//", "\\\\", "/\\", "\\/")):
        return (f"サイトの外を指すアドレス「{url}」は使えません（「//」で始まるアドレスは外部のサーバーを指します）。"
                "サイト内のページやファイルは相対パスで書いてください")
    scheme = _SCHEME.match(cleaned)
    if scheme is None:
        return None
    name = scheme.group(1).lower()
    if element == "a" and attribute == "href" and name in ("https", "mailto"):
        return None
    if element == "a" and attribute == "href":
        return (f"「{name}:」で始まるリンク先は使えません（スクリプトの実行や、安全でない通信に使われるため）。"
                "リンク先には https://… か mailto:… のアドレス、またはサイト内のページへの相対リンクを書いてください")
    return (f"サイトの外のファイル「{url}」は読み込めません（このサイトは外部へのリクエストをしません）。"
            "画像は docs/assets/ に置いて相対パスで参照してください")


class _AllowlistChecker(HTMLParser):
    def __init__(self, field: bool):
        super().__init__(convert_charrefs=False)
        self.field = field
        self.problems: list[HtmlProblem] = []
        self.ids: set = set()

    def problem(self, rule: str, message: str, *hints: str) -> None:
        self.problems.append(HtmlProblem(message, rule, tuple(hints)))

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs)

    def _start(self, tag: str, attrs: list) -> None:
        raw = self.get_starttag_text() or f"<{tag}"
        if tag not in _TEXT_ELEMENTS:
            self.problem(rules.MARKDOWN_HTML_TAG, f"HTML のタグ「<{tag}>」は使えません（使えるのは文章のためのタグだけです。"
                         "スクリプト、埋め込み、フォーム、表示を乗っ取るタグはサイトの安全のため書けません）。"
                         "タグを削除して、Markdown の文章で書いてください", raw, f"<{tag}")
            return
        if not _PLAIN_START_TAG.match(raw.replace("\n", " ")):
            self.problem(rules.MARKDOWN_HTML_SYNTAX, "HTML のタグの書き方が正しくありません（属性は半角スペースで区切り、値は \"…\" で囲んでください）。"
                         "ブラウザーによって読み方が変わる書き方は使えません", raw, f"<{tag}")
            return
        names = [name for name, _ in attrs]
        for name, value in attrs:
            value = "" if value is None else value
            message = self._attribute_problem(tag, name, value, attrs)
            if message:
                rule = (rules.MARKDOWN_URL if name in ("href", "src") else rules.MARKDOWN_ID if name == "id"
                        else rules.MARKDOWN_HTML_ATTRIBUTE)
                self.problem(rule, message, (raw, f"{name}="), (raw.replace("\n", " "), f"{name}="),
                             value if len(value) > 2 else "", f"{name}=", f"<{tag}")
        if len(set(names)) != len(names):
            self.problem(rules.MARKDOWN_HTML_SYNTAX, "HTML のタグに同じ属性が2回書かれています。1つにしてください", raw, f"<{tag}")

    def _attribute_problem(self, tag: str, name: str, value: str, attrs: list) -> str | None:
        allowed = name in _GLOBAL_ATTRIBUTES or name in _ELEMENT_ATTRIBUTES.get(tag, ())
        if not allowed:
            if name.startswith("on"):
                return f"HTML の属性「{name}=」は使えません（操作に応じてスクリプトを動かす属性のため）。属性を削除してください"
            if name == "style":
                return ("HTML の属性「style=」は使えません（ページの表示を覆い隠したり、外部のファイルを読み込んだりできるため）。"
                        "見た目はサイトの用意したスタイルに任せてください")
            return f"HTML の属性「{name}=」は「<{tag}>」には使えません（使える属性は編集ガイドの一覧のとおりです）。属性を削除してください"
        if name in ("href", "src"):
            return url_problem(value, tag, name)
        if name == "title":
            # html.parser has decoded the entities once, as the browser does
            if "<" in value or ">" in value:
                return (f"HTML の属性「{name}=」に「<」「>」は書けません（説明の表示でタグとして扱われるため）。"
                        "文字だけで書いてください")
            return None
        if name == "class":
            for token in value.split():
                if not _CLASS_TOKEN.match(token) or (token.startswith("md-") and token not in _THEME_CLASSES_ALLOWED):
                    return (f"クラス「{token}」は使えません（テーマの画面部品のクラスは、表示を乗っ取れるため）。"
                            "削除するか、編集ガイドにあるクラスを使ってください")
            return None
        if name == "id":
            return self._id_problem(tag, value, attrs)
        if name == "style":
            return None if _TABLE_ALIGN_STYLE.match(value.strip()) else (
                "HTML の属性「style=」は使えません（ページの表示を覆い隠したり、外部のファイルを読み込んだりできるため）。"
                "見た目はサイトの用意したスタイルに任せてください")
        if name == "name":
            return None if tag == "input" and _TABBED_NAME.match(value) else f"HTML の属性「{name}=」は使えません。属性を削除してください"
        if name == "type" and tag == "input":
            return None if value in ("checkbox", "radio") else f"入力欄（<input type=\"{value}\">）は使えません。削除してください"
        if name == "data-tabs":
            return None if _DATA_TABS.match(value) else "HTML の属性「data-tabs=」は使えません。属性を削除してください"
        if name in ("start", "value", "width", "height", "colspan", "rowspan", "span"):
            return None if _NUMBER.match(value.strip()) else f"HTML の属性「{name}=」には数字だけを書いてください"
        return None

    def _id_problem(self, tag: str, value: str, attrs: list) -> str | None:
        generated = (_FOOTNOTE_ID.match(value) or (tag == "input" and _TABBED_ID.match(value)))
        if self.field and not generated:
            return (f"ID「{value}」（{{ #… }} や id=）は、データの欄には書けません（項目のアンカーと重なるおそれがあるため）。"
                    "見出しを使わずに書くか、ID を削除してください")
        if not _ID.match(value):
            return f"ID「{value}」に空白や記号（< > \" ' ` &）は使えません"
        if not generated and (value.startswith("_") or value.lower().startswith("kb-")):
            return f"ID「{value}」は使えません（「_」や「kb-」で始まる ID はサイトの画面部品が使います）。別の ID にしてください"
        if value in self.ids:
            return f"ID「{value}」がこのページで2回使われています。見出しの文字か {{ #… }} の ID を変えて、重ならないようにしてください"
        self.ids.add(value)
        return None

    def handle_data(self, data):
        # html.parser leaves a `<` it could not read as a tag in the text; a browser may still
        # read it as one (for example at the end of the input), so it is refused.
        match = re.search(r"<[A-Za-z/!?]", data)
        if match:
            fragment = data[match.start():match.start() + 30]
            self.problem(rules.MARKDOWN_HTML_SYNTAX, "閉じられていない HTML のタグがあります（「<」の後に「>」がありません）。"
                         "「<」を文字として書くときは「&lt;」と書いてください", fragment)

    def handle_comment(self, data):
        if self.field:
            self.problem(rules.MARKDOWN_HTML_COMMENT, "HTML のコメント（<!-- … -->）は、データの欄には書けません。削除してください", "<!--")
        elif "--!" in data or data.startswith((">", "->")) or "<!--" in data:
            self.problem(rules.MARKDOWN_HTML_SYNTAX, "HTML のコメントの書き方が正しくありません。「<!--」と「-->」の間に「--」「<!--」を書かないでください", "<!--")

    def handle_decl(self, decl):
        self.problem(rules.MARKDOWN_HTML_SYNTAX, "「<!…>」（宣言）は使えません。削除してください", "<!")

    def unknown_decl(self, data):
        self.problem(rules.MARKDOWN_HTML_SYNTAX, "「<![…]]>」（CDATA など）は使えません。削除してください", "<![")

    def handle_pi(self, data):
        self.problem(rules.MARKDOWN_HTML_SYNTAX, "「<?…>」は使えません。削除してください", "<?")
