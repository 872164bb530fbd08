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

_BLOCKED_TAGS = ("script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
                 "base", "link", "meta", "form", "svg", "math", "template", "noscript")
_TAG = re.compile(r"<\s*(" + "|".join(_BLOCKED_TAGS) + r")(?![\w-])", re.IGNORECASE)
# An event-handler attribute inside a raw tag (`<img onerror=…>`, `<a/onclick=…>`, also when
# the tag spans lines) or an attr_list block (`{ onclick=… }`); `&lt;img onerror=…&gt;` is text.
_EVENT_ATTRIBUTE = re.compile(r"<[a-z][^<>]*?[\s/\"'](on[a-z]+)\s*=|\{[^{}]*?(?<![\w-])(on[a-z]+)\s*=[^{}]*\}", re.IGNORECASE)
_SCRIPT_SCHEME = re.compile(r"(?<![a-z0-9+.\-])(javascript|vbscript|livescript):")
# data: is an ordinary word in prose, so it counts only where a URL starts.
_DATA_URL = re.compile(r"(?:[(<=\"']|\]:)\s*(data):")
_OUTSIDE_RESOURCE = re.compile(
    r"(?:!\[[^\]]*\]\(\s*<?|\bsrc\s*=\s*[\"']?\s*|\bsrcset\s*=\s*[\"']?\s*)((?:https?:)?//[^\s\"')>]+)",
    re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);?", re.IGNORECASE)
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")


@dataclass(frozen=True, order=True)
class UnsafeMarkup:
    line_offset: int  # 0 for the first line of the text
    message: str  # Japanese, for editors; the caller prefixes the field name


def find_unsafe_markup(text: str) -> list[UnsafeMarkup]:
    found: set = set()
    for offset, line in enumerate(text.split("\n")):
        for match in _TAG.finditer(line):
            found.add(UnsafeMarkup(offset, f"HTML のタグ「<{match.group(1).lower()}>」は使えません"
                                           "（スクリプトや埋め込みは、サイトの安全のため書けません）。"
                                           "タグを削除して、Markdown の文章で書いてください"))
        for match in _OUTSIDE_RESOURCE.finditer(line):
            found.add(UnsafeMarkup(offset, f"サイトの外のファイル「{match.group(1)}」は読み込めません"
                                           "（このサイトは外部へのリクエストをしません）。"
                                           "画像は docs/assets/ に置いて相対パスで参照してください"))
    for match in _EVENT_ATTRIBUTE.finditer(text):
        group = 1 if match.group(1) else 2
        found.add(UnsafeMarkup(text.count("\n", 0, match.start(group)),
                               f"HTML の属性「{match.group(group).lower()}=」は使えません"
                               "（操作に応じてスクリプトを動かす属性のため）。属性を削除してください"))
    normalized, positions = _normalize_for_urls(text)
    for pattern in (_SCRIPT_SCHEME, _DATA_URL):
        for match in pattern.finditer(normalized):
            offset = text.count("\n", 0, positions[match.start(1)])
            scheme = match.group(1)
            found.add(UnsafeMarkup(offset, f"「{scheme}:」で始まるリンク先は使えません"
                                           "（スクリプトの実行や埋め込みに使われるため）。"
                                           "リンク先には https://… のアドレスか、サイト内のページへの相対リンクを書いてください"))
    return sorted(found)


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
