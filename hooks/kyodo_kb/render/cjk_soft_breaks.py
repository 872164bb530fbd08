"""A Markdown extension that drops the soft line break between two lines of Japanese text.

Browsers render a newline inside a paragraph as a space, which is right for English and
wrong for Japanese (「…です。 次の文…」). Editors wrap long cautions in YAML and Markdown, so
the break is removed where the text on both sides is Japanese. The preprocessor runs after
fenced code and raw HTML are stashed, so code and HTML blocks are never touched; Markdown
that the renderer places inside HTML blocks is joined by `join_soft_breaks_text` instead.
"""
from __future__ import annotations

import re

from markdown import Extension
from markdown.preprocessors import Preprocessor

_CJK = "\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_ENDS_JAPANESE = re.compile(rf"[{_CJK}]$")
_ENDS_INLINE_MARKUP = re.compile(r"[)\]*_`]$")
_STARTS_JAPANESE = re.compile(rf"^[{_CJK}]")
_STARTS_INLINE_MARKUP = re.compile(r"^(?:\*\*|__|\[|`)")
_BLOCK_START = re.compile(r"^(?:[-*+]\s|\d+[.)]\s|#|>|\||:\s|!!!|\?\?\?|=+\s*$|-+\s*$|\{)")


_FENCE = re.compile(r"^\s*(```|~~~)")


def join_soft_breaks(lines: list[str]) -> list[str]:
    result: list[str] = []
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
            result.append(line)
        elif not in_fence and result and not _FENCE.match(result[-1]) and _joins(result[-1], line):
            result[-1] = result[-1] + line.lstrip()
        else:
            result.append(line)
    return result


def join_soft_breaks_text(text: str) -> str:
    """For Markdown that ends up inside an HTML block (md_in_html), which preprocessors never see."""
    return "\n".join(join_soft_breaks(text.split("\n")))


def _joins(previous: str, line: str) -> bool:
    if not previous.strip() or previous.endswith("  ") or previous.endswith("\\"):
        return False  # a paragraph boundary, or a hard break the editor asked for
    text = line.lstrip()
    if not text or _BLOCK_START.match(text):
        return False
    if _ENDS_JAPANESE.search(previous):
        return bool(_STARTS_JAPANESE.match(text) or _STARTS_INLINE_MARKUP.match(text))
    return bool(_ENDS_INLINE_MARKUP.search(previous) and _STARTS_JAPANESE.match(text))


class _JoinPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return join_soft_breaks(lines)


class CjkSoftBreakExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's API name
        # Priority 15: after fenced code (25) and raw HTML blocks (20) are stashed away.
        md.preprocessors.register(_JoinPreprocessor(md), "kb_cjk_soft_breaks", 15)
