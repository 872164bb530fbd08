"""The parts of a checklist page that exist for paper: the print title block (revision date in
和暦 and 西暦, the page address), the print and download controls, and the sign-off block.

Pure: takes plain values, returns HTML/Markdown text to be placed into the checklist page.
Where each block goes on screen and on paper is decided by print.css; print.js wires the
controls. The revision (edition and date) comes from data/changelog.yml: its `edition` and the
date of its newest entry (KnowledgeBase.revision).
"""
from __future__ import annotations

import datetime
import html
import re

from kyodo_kb.knowledge_base import Revision
from kyodo_kb.render.pages import json_data_element

# (first day, era name); checked newest first. Only eras a revision date can fall in.
_ERAS = (
    (datetime.date(2019, 5, 1), "令和"),
    (datetime.date(1989, 1, 8), "平成"),
    (datetime.date(1926, 12, 25), "昭和"),
)
SIGNOFF_FIELDS = ("所属", "担当者", "確認日", "相手方（団体名）", "上長確認")
PDF_MARKER = "data-kb-pdf hidden"  # make_pdf.py removes `hidden` once the PDF exists
# Print blocks carry data-search-exclude (Material's search plugin skips them): otherwise every
# checklist would be a search hit for 担当者, 印刷 or 改訂日.


def wareki(date: datetime.date) -> str:
    """令和8年11月27日 for 2026-11-27; the first year of an era is 元年."""
    for start, era in _ERAS:
        if date >= start:
            year = date.year - start.year + 1
            return f"{era}{'元' if year == 1 else year}年{date.month}月{date.day}日"
    raise ValueError(f"{date.isoformat()} は昭和より前の日付です")


def seireki(date: datetime.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def format_revision(revision: Revision) -> str:
    edition = f"{revision.edition}　" if revision.edition else ""
    return f"{edition}改訂日 {wareki(revision.date)}（{seireki(revision.date)}）"


def render_print_header(revision: Revision | None, page_path: str, public_url: str | None,
                        sheet_code: str = "") -> str:
    """Title block under the page heading: revision on screen and paper (none while the changelog
    has no entry), the address on paper, and on paper the sheet's QR code block
    (outputs/sheet_code.py) at its top right.

    The address is filled in by print.js from the browser's location (and by make_pdf.py for
    PDFs); without either it shows the path inside the site, which is still findable."""
    address = (public_url.rstrip("/") + "/" + page_path) if public_url else page_path
    revision_line = [f'<p class="kb-print-revision">{html.escape(format_revision(revision))}</p>'] if revision else []
    return "\n".join([
        '<div class="kb-print-header" data-search-exclude="true">',
        *revision_line,
        f'<p class="kb-print-address">このページ: <span class="kb-page-url" data-kb-path="{html.escape(page_path)}">'
        f"{html.escape(address)}</span></p>",
        *([sheet_code] if sheet_code else []),
        "</div>",
        "",
    ])


def css_string(text: str) -> str:
    """Text as a CSS string literal that cannot end the string, the rule or the <style> element."""
    return '"' + "".join(f"\\{ord(ch):x} " if ch in '"\\<>&' or ord(ch) < 0x20 else ch for ch in text) + '"'


def render_running_header(title: str, revision: Revision | None) -> str:
    """Pages 2+ of the printed sheet repeat the checklist title and edition in the top margin
    (a page-margin box, Chromium 131+; page 1 has the title block). A <style> in the page
    itself: the rule goes with the page, also when Material swaps pages in place."""
    edition = f"　{format_revision(revision)}" if revision else ""
    return "\n".join([
        '<style class="kb-running-header">',
        "@media print { @page { @top-left { content: " + css_string(title + edition) + "; "
        "font-size: 7.5pt; color: #000; vertical-align: bottom; padding-bottom: 2mm; } }",
        "@page :first { @top-left { content: none; } } }",
        "</style>",
        "",
    ])


def render_print_tools(checklist_id: str, title: str, csv_rows: list | None = None) -> str:
    """Print choice and button (revealed by print.js: printing from a button needs JavaScript),
    and the download links. The CSV link is Markdown so the strict build checks it; the PDF
    link is raw HTML and hidden until make_pdf.py has written the file.

    With `csv_rows` (the blank CSV's rows, csv_export.checklist_rows) the page also offers
    「回答入りの CSV」: answers_csv.js fills the answer column, notes and chosen conditions in the
    browser (nothing is sent anywhere) and writes the file in the blank CSV's encoding."""
    name = download_name(title)
    answers_csv = []
    if csv_rows:
        data = {"name": name, "columns": csv_rows[0], "rows": csv_rows[1:]}
        answers_csv = [json_data_element("kb-answers-csv-data", data),
                       '<button type="button" class="md-button kb-answers-csv" hidden>回答入りの CSV</button>']
    return "\n".join([
        '<div class="kb-print-tools" data-search-exclude="true" markdown>',
        "",
        '<div class="kb-print-controls" hidden>',
        '<fieldset class="kb-print-mode"><legend>印刷</legend>',
        '<label><input type="radio" name="kb-print-mode" value="filled" checked> 回答を入れて</label>',
        '<label><input type="radio" name="kb-print-mode" value="blank"> 空欄で</label>',
        "</fieldset>",
        '<label class="kb-print-appendix-option"><input type="checkbox" name="kb-print-appendix"> 条文の付録</label>',
        '<button type="button" class="md-button md-button--primary kb-print-button">印刷する</button>',
        *answers_csv,
        "</div>",
        "",
        f'<a class="kb-download-pdf md-button" href="{html.escape(checklist_id)}.pdf" '
        f'download="{html.escape(name)}.pdf" {PDF_MARKER}>PDFをダウンロード</a>',
        f'[空欄の CSV]({checklist_id}/{checklist_id}.csv){{ .kb-download-csv .md-button '
        f'download="{html.escape(name)}.csv" title="表計算用ファイル（CSV）: 回答欄が空欄のもの" }}',
        "{ .kb-downloads data-search-exclude=\"true\" }",
        "",
        "</div>",
        "",
    ])


def render_signoff() -> str:
    """Lines to write on, printed after the last item (hidden on screen by print.css). Two
    fields a row keep the block short enough to share the last page with the items."""
    cells = {field: "令和　　　年　　　月　　　日" if field == "確認日" else "" for field in SIGNOFF_FIELDS}
    *pairs, last = SIGNOFF_FIELDS
    rows = []
    for left, right in zip(pairs[::2], pairs[1::2]):
        rows.append(f'<tr><th scope="row">{left}</th><td>{cells[left]}</td>'
                    f'<th scope="row">{right}</th><td>{cells[right]}</td></tr>')
    rows.append(f'<tr class="kb-signoff-approval"><th scope="row">{last}</th><td colspan="3"></td></tr>')
    return "\n".join([
        '<section class="kb-signoff" aria-label="確認欄" data-search-exclude="true">',
        '<p class="kb-signoff-title">確認欄</p>',
        '<table class="kb-signoff-table">',
        *rows,
        "</table>",
        "</section>",
        "",
    ])


def download_name(title: str) -> str:
    """A file name staff recognise (the checklist title) that Windows accepts."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", title).strip("_.") or "checklist"


def with_print_blocks(markdown: str, checklist_id: str, title: str, revision: Revision | None,
                      page_path: str, public_url: str | None = None, sheet_code: str = "",
                      csv_rows: list | None = None) -> str:
    """The checklist page with the title block and tools under its first heading and the
    sign-off block at the end. Inserting after the heading keeps page_rendering.py unaware
    of printing, so the page markup can change without touching this module."""
    lines = markdown.split("\n")
    heading = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if heading is None:
        raise ValueError(f"checklist page {checklist_id} has no '# ' heading to put the print title block under")
    blocks = ["", render_print_header(revision, page_path, public_url, sheet_code),
              render_print_tools(checklist_id, title, csv_rows), render_running_header(title, revision)]
    lines[heading + 1:heading + 1] = blocks
    return "\n".join(lines).rstrip("\n") + "\n\n" + render_signoff()
