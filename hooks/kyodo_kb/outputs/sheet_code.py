"""The QR code of a printed checklist sheet (paper → screen), built offline with segno.

A printed sheet carries, top right of its title block, the edition it was printed from, the
edition's date, the checklist's content fingerprint and a QR code of the page's address with
that edition in the fragment:

    <address>#v=<fingerprint>&e=<edition>                        (a blank sheet)
    <address>#profile=…&answers=…&notes=…&by=…&at=…&v=<fingerprint>&e=<edition>   (a filled sheet)

The fragment is the share link's format (decision.js, CONVENTIONS.md) plus `e`, the printed
edition; a fragment never reaches a server. The fingerprint is the checklist's existing
content version (`content_version`, the share link's `v`), not a new hash.

The build writes the blank sheet's code (it works without JavaScript); a filled sheet's code
needs the answers, which exist only in the browser, so sheet_code.js redraws it at print time
with the same module layout (vendored qrcode-generator). Both draw the same SVG: a white square
with a quiet zone of 4 modules and one black path, sized by print.css (the symbol ≥ 20 mm).
"""
from __future__ import annotations

import html
from urllib.parse import quote

import segno

ERROR_LEVEL = "m"  # 15 % of the symbol may be lost (a fold, a smudge, a photocopy's noise)
QUIET_ZONE = 4  # modules of white around the symbol, as the QR standard asks
# The largest symbol that stays scannable at its printed size: version 14 (73 modules) in a 32 mm
# square (quiet zone included) gives modules of 0.39 mm, 4.6 pixels each at 300 dpi. The same
# limit is in sheet_code.js; a filled sheet whose answers do not fit leaves out its notes first.
MAX_VERSION = 14
MAX_MODULES = 4 * MAX_VERSION + 17


def sheet_address(page_path: str, public_url: str | None) -> str:
    """The page's address as the build knows it: the public URL (site_url) and the page's path,
    or only the path inside the site (print.js and sheet_code.js then use the browser's address)."""
    return public_url.rstrip("/") + "/" + page_path if public_url else page_path


def blank_payload(address: str, fingerprint: str, edition: str | None) -> str:
    fragment = f"v={quote(fingerprint, safe='')}"
    if edition:
        fragment += f"&e={quote(edition, safe='')}"
    return f"{address}#{fragment}"


def qr_matrix(payload: str) -> list[list[bool]]:
    """The symbol's dark modules (rows of booleans), byte mode, error level M, smallest version."""
    code = segno.make_qr(payload, error=ERROR_LEVEL, boost_error=False, mode="byte")
    return [[bool(cell) for cell in row] for row in code.matrix]


def qr_svg(matrix: list[list[bool]]) -> str:
    """The SVG of a symbol with its quiet zone: one path of horizontal runs (sheet_code.js draws the same)."""
    size = len(matrix) + 2 * QUIET_ZONE
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                runs.append(f"M{start + QUIET_ZONE} {y + QUIET_ZONE}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return (f'<svg class="kb-qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
            f'data-modules="{len(matrix)}" shape-rendering="crispEdges" aria-hidden="true" focusable="false">'
            f'<rect width="{size}" height="{size}" fill="#fff"/><path fill="#000" d="{"".join(runs)}"/></svg>')


def render_sheet_code(page_path: str, public_url: str | None, fingerprint: str, edition: str | None,
                      edition_date: str | None) -> str:
    """The block with the blank sheet's code and what it identifies (hidden on screen by print.css).

    data-kb-address is the public address when the build knows it (sheet_code.js then encodes
    it instead of the browser's address); data-kb-path is the page's path for the browser."""
    address = sheet_address(page_path, public_url)
    payload = blank_payload(address, fingerprint, edition)
    edition_text = f"{edition}版" if edition else "版の記録なし"
    date_text = f"（{edition_date}）" if edition_date else ""
    attributes = {
        "data-kb-path": page_path,
        "data-kb-address": address if public_url else "",
        "data-kb-fingerprint": fingerprint,
        "data-kb-edition": edition or "",
        "data-kb-payload": payload,
    }
    attrs = " ".join(f'{name}="{html.escape(value)}"' for name, value in attributes.items())
    return "\n".join([
        f'<div class="kb-sheet-code" {attrs}>',
        qr_svg(qr_matrix(payload)),
        f'<p class="kb-sheet-edition">{html.escape(edition_text + date_text)}</p>',
        f'<p class="kb-sheet-fingerprint">内容の指紋 <span class="kb-fingerprint">{html.escape(fingerprint)}</span></p>',
        '<p class="kb-sheet-code-note"></p>',
        "</div>",
    ])
