"""Printed pages 2+ repeat the checklist title and edition (issue 15), checked in a real PDF:
Chromium prints the page (page.pdf, as the browser's print and `make pdf` do) and pypdf reads the
text layer of each page."""
import io
import re

import pytest
from pypdf import PdfReader

from kyodo_kb.knowledge_base import load_knowledge_base
from kyodo_kb.outputs.print_blocks import format_revision
from support import ROOT

pytestmark = pytest.mark.browser


def pdf_pages(page) -> list[str]:
    page.emulate_media(media="print")
    data = page.pdf(prefer_css_page_size=True, print_background=True)
    # Whitespace differs between a PDF's text layer and the page (line breaks, spacing); nothing else.
    return [re.sub(r"\s+", "", p.extract_text() or "") for p in PdfReader(io.BytesIO(data)).pages]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("checklist", ["keitai-betsu", "kyotei"])
def test_every_printed_page_after_the_first_repeats_the_title_and_edition(page, site_url, checklist):
    kb = load_knowledge_base(ROOT)
    title = next(c.title for c in kb.checklists if c.id == checklist)
    edition = format_revision(kb.revision)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(site_url + f"checklists/{checklist}/")
    pages = pdf_pages(page)
    assert len(pages) >= 2, "the sheet should take more than one page"
    for number, text in enumerate(pages[1:], start=2):
        assert squeeze(title) in text, (number, text[:200])
        assert squeeze(edition) in text, (number, text[:200])
    # page 1 has its own title block (the heading and the edition line), not the running header too
    assert pages[0].count(squeeze(title)) == 1
    assert pages[0].count(squeeze(edition)) == 1


def test_the_running_header_also_repeats_with_the_appendix_and_a_blank_sheet(page, site_url):
    kb = load_knowledge_base(ROOT)
    page.add_init_script("window.print = () => {};")
    page.goto(site_url + "checklists/kyotei/")
    page.get_by_role("radio", name="空欄で", exact=True).check()
    page.get_by_role("checkbox", name="条文の付録").check()
    page.get_by_role("button", name="印刷する").click()
    pages = pdf_pages(page)
    assert "付録根拠とした条例の規定" in "".join(pages)
    for text in pages[1:]:
        assert squeeze("役割分担・協定の留意事項") in text and squeeze(format_revision(kb.revision)) in text
