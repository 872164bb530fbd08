"""Spreadsheet export of a checklist: CSV that Excel on Windows opens as Japanese text.

UTF-8 with a byte order mark (without it Excel reads Shift_JIS and shows mojibake), CRLF
row ends, RFC 4180 quoting. Cells that a spreadsheet would read as a formula get a leading
apostrophe, because staff open these files with macros and links enabled (CSV injection).
"""
from __future__ import annotations

import csv
import io
import re

from kyodo_kb.formats.conditions import condition_labels

COLUMNS = ("チェックリスト", "ID", "確認事項", "対象", "留意事項", "根拠", "タグ", "回答欄")
BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(.+?)\1")
_ATTR_LIST = re.compile(r"\s*\{:?\s*[.#][^}]*\}")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def csv_path(checklist_id: str) -> str:
    """Where the CSV lives in the site, beside the page (checklists/<id>/<id>.csv)."""
    return f"checklists/{checklist_id}/{checklist_id}.csv"


def safe_cell(text: str) -> str:
    """Text a spreadsheet shows as text, never evaluates."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def markdown_to_text(markdown: str) -> str:
    """Caution Markdown as plain text for a cell: links keep their text, emphasis marks go,
    list items become 「・」 lines. Lines of one paragraph are joined without a space
    (Japanese has none between words); paragraphs are separated by a line break."""
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in markdown.strip().splitlines():
        line = raw.strip()
        if not line:
            if current:
                paragraphs.append("".join(current))
                current = []
            continue
        line = _ATTR_LIST.sub("", _EMPHASIS.sub(r"\2", _LINK.sub(r"\1", line)))
        if _LIST_MARK.match(raw):
            if current:
                paragraphs.append("".join(current))
            current = ["・" + _LIST_MARK.sub("", line)]
            continue
        current.append(line)
    if current:
        paragraphs.append("".join(current))
    return "\n".join(paragraphs)


def checklist_rows(checklist) -> list[list[str]]:
    rows = [list(COLUMNS)]
    for item in checklist.items:
        rows.append([
            checklist.title,
            item.id,
            item.check,
            "、".join(condition_labels(item.applies_when, checklist.profile)),  # empty: applies always
            markdown_to_text(item.caution),
            "、".join(citation.ref.label for citation in item.basis),
            "、".join(item.tags),
            "",
        ])
    return rows


def render_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return (BOM + buffer.getvalue()).encode("utf-8")


def checklist_csv(checklist) -> bytes:
    return render_csv(checklist_rows(checklist))
