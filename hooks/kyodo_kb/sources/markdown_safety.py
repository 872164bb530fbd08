"""Finds markup in editor-written Markdown that could run script or load outside content.

Markdown fields (caution, summary, …) are passed to Python-Markdown, which keeps raw HTML and
attr_list attributes as written. Rather than sanitising the output (a sanitiser silently
changes what the editor wrote, and its rules must track every browser quirk), the build
rejects the source with the line and a hint: editors have no legitimate use for any of this
in a caution text, and an error they can read is better than text that quietly disappears.

The check is deliberately stricter than a browser: entities are decoded and tabs, newlines
and control characters removed before URL schemes are compared, because browsers ignore them
inside URLs (`java&#115;cript:`, `java<TAB>script:`).
"""
from __future__ import annotations

from dataclasses import dataclass
import html
import re

from kyodo_kb.sources import rules

_BLOCKED_TAGS = ("script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
                 "base", "link", "meta", "form", "svg", "math", "template", "noscript")
_TAG = re.compile(r"<\s*(" + "|".join(_BLOCKED_TAGS) + r")(?![\w-])", re.IGNORECASE)
# An event-handler attribute inside a raw tag (`<img onerror=…>`, `<a/onclick=…>`, also when
# the tag spans lines) or an attr_list block (`{ onclick=… }`); `&lt;img onerror=…&gt;` is text.
_EVENT_ATTRIBUTE = re.compile(r"<[a-z][^<>]*?[\s/\"'](on[a-z]+)\s*=|\{[^{}]*?(?<![\w-])(on[a-z]+)\s*=[^{}]*\}", re.IGNORECASE)
_SCRIPT_SCHEME = re.compile(r"(?<![a-z0-9+.\-])(javascript|vbscript|livescript):")
# data: is an ordinary word in prose, so it counts only where a URL starts.
_DATA_URL = re.compile(r"(?:[(<=\"']|\]:)\s*(data):")
# An absolute or protocol-relative URL is an outside resource when it is an image source
# (`![x](https://…)`, `src=`, `srcset=`); found by looking back from each "//".
_URL_START = re.compile(r"(?:https?:)?//", re.IGNORECASE)
_URL = re.compile(r"(?:https?:)?//[^\s\"')>]+", re.IGNORECASE)
_RESOURCE_CONTEXT = re.compile(r"(?:!\[[^\]]*\]\(\s*<?|(?<![\w-])src\s*=\s*[\"']?\s*|(?<![\w-])srcset\s*=\s*[\"']?[^\"'>]*)$",
                               re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);?", re.IGNORECASE)
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")
_IGNORED_IN_URLS_EXCEPT_SPACE = re.compile(r"[\x00-\x1f\x7f]")
_ANY_MARKUP = re.compile(r"[<&:={]")


@dataclass(frozen=True, order=True)
class UnsafeMarkup:
    line_offset: int  # 0 for the first line of the text
    message: str  # Japanese, for editors; the caller prefixes the field name
    rule: str  # a constant of kyodo_kb.sources.rules


def find_unsafe_markup(text: str) -> list[UnsafeMarkup]:
    # Most cautions are plain prose; every pattern below needs one of these characters, and
    # validation runs over tens of thousands of values.
    if not _ANY_MARKUP.search(text):
        return []
    found: set = set()

    def add(position: int, message: str, rule: str) -> None:
        found.add(UnsafeMarkup(text.count("\n", 0, position), message, rule))

    for match in _TAG.finditer(text):
        add(match.start(1), f"HTML のタグ「<{match.group(1).lower()}>」は使えません"
                            "（スクリプトや埋め込みは、サイトの安全のため書けません）。"
                            "タグを削除して、Markdown の文章で書いてください", rules.MARKDOWN_HTML_TAG)
    for match in _EVENT_ATTRIBUTE.finditer(text):
        group = 1 if match.group(1) else 2
        add(match.start(group), f"HTML の属性「{match.group(group).lower()}=」は使えません"
                                "（操作に応じてスクリプトを動かす属性のため）。属性を削除してください",
                                rules.MARKDOWN_EVENT_ATTRIBUTE)
    if "//" in text:
        for start in _URL_START.finditer(text):
            if _RESOURCE_CONTEXT.search(text, max(0, start.start() - 300), start.start()):
                url = _URL.match(text, start.start()).group(0)
                add(start.start(), f"サイトの外のファイル「{url}」は読み込めません"
                                   "（このサイトは外部へのリクエストをしません）。"
                                   "画像は docs/assets/ に置いて相対パスで参照してください",
                                   rules.MARKDOWN_EXTERNAL_RESOURCE)
    if ":" in text or "&" in text:
        found |= _script_urls(text)
    return sorted(found)


def _script_urls(text: str) -> set:
    if "&" not in text:
        quick = _IGNORED_IN_URLS_EXCEPT_SPACE.sub("", text).lower()
        if "script:" not in quick and "data:" not in quick:
            return set()
    normalized, positions = _normalize_for_urls(text)
    found = set()
    for pattern in (_SCRIPT_SCHEME, _DATA_URL):
        for match in pattern.finditer(normalized):
            scheme = match.group(1)
            found.add(UnsafeMarkup(text.count("\n", 0, positions[match.start(1)]),
                                   f"「{scheme}:」で始まるリンク先は使えません"
                                   "（スクリプトの実行や埋め込みに使われるため）。"
                                   "リンク先には https://… のアドレスか、サイト内のページへの相対リンクを書いてください",
                                   rules.MARKDOWN_SCRIPT_LINK))
    return found


def _normalize_for_urls(text: str) -> tuple[str, list[int]]:
    """Lower-cased text as a browser reads a URL (entities decoded, tabs, newlines and control
    characters dropped), with the position in `text` of every character kept."""
    chars: list[str] = []
    positions: list[int] = []
    index = 0
    while index < len(text):
        match = _ENTITY.match(text, index) if text[index] == "&" else None
        if match:
            piece, width = html.unescape(match.group(0)), match.end() - index
        else:
            piece, width = text[index], 1
        for char in piece:
            if char in "\t\n\r" or (_IGNORED_IN_URLS.match(char) and char != " "):
                continue
            chars.append(char.lower())
            positions.append(index)
        index += width
    return "".join(chars), positions
