"""make_pdf.py: every checklist of the built site becomes an A4 PDF with every question, its
citations and the sign-off block, no page chrome, no item split across pages, and its page
then links to it. PDF text is read with pdftotext (poppler-utils)."""
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from kyodo_kb.outputs.csv_export import markdown_to_text
from kyodo_kb.tooling.project import BUILD_ENV, PROJECT_ROOT as ROOT
from kyodo_kb.knowledge_base import load_knowledge_base
from kyodo_kb.outputs.print_blocks import SIGNOFF_FIELDS

from support import load_script

make_pdf = load_script("make_pdf")
main, page_address, reveal_pdf_link = make_pdf.main, make_pdf.page_address, make_pdf.reveal_pdf_link


def normalise(text: str) -> str:
    """Noto CJK text comes back from PDFs with Kangxi radicals (⼊ for 入) and line breaks
    inside phrases; NFKC and dropping whitespace make it comparable with the source."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def test_reveal_pdf_link_removes_hidden_only_from_the_pdf_link():
    html = ('<div class="kb-print-controls" hidden="hidden"></div>'
            '<a class="kb-download-pdf md-button" href="k.pdf" download="k.pdf" data-kb-pdf hidden>PDF</a>')
    assert reveal_pdf_link(html) == ('<div class="kb-print-controls" hidden="hidden"></div>'
                                     '<a class="kb-download-pdf md-button" href="k.pdf" download="k.pdf" data-kb-pdf>PDF</a>')
    assert reveal_pdf_link('<a class="kb-download-pdf" hidden="hidden" href="k.pdf">') == '<a class="kb-download-pdf" href="k.pdf">'


def test_page_address_uses_the_public_url_when_given():
    assert page_address("http://intranet/kyodo", "checklists/a/") == "http://intranet/kyodo/checklists/a/"
    assert page_address(None, "checklists/a/") == "checklists/a/"


def test_main_without_a_built_site_is_a_usage_error(tmp_path, capsys):
    assert main(["--site", str(tmp_path / "nothing")]) == 2
    assert "先に make build を実行してください" in capsys.readouterr().err
    assert main(["--no-such-option"]) == 2


@pytest.fixture(scope="module")
def pdf_site(built_site, tmp_path_factory):
    if not Path("/usr/bin/chromium").exists() or shutil.which("pdftotext") is None:
        message = "chromium と poppler-utils（pdftotext）が必要です（make system-packages）"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    site = tmp_path_factory.mktemp("pdf") / "site"
    shutil.copytree(built_site, site)
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_pdf.py"), "--site", str(site)],
                            capture_output=True, text=True, env=BUILD_ENV, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def checklists():
    return load_knowledge_base(ROOT).checklists


def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True).stdout
    return [normalise(page) for page in text.decode("utf-8").split("\f") if page.strip()]


def test_every_checklist_gets_an_a4_pdf_and_a_visible_download_link(pdf_site, checklists):
    for checklist in checklists:
        folder = pdf_site / "checklists" / checklist.id
        pdf = folder / f"{checklist.id}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF"), pdf
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert "(A4)" in info, info
        html = (folder / "index.html").read_text(encoding="utf-8")
        link = html[html.index('<a class="kb-download-pdf'):]
        link = link[:link.index(">")]
        assert f'href="{checklist.id}.pdf"' in link and "hidden" not in link


def test_pdf_text_has_the_title_block_every_question_and_citation_and_the_signoff(pdf_site, checklists):
    for checklist in checklists:
        text = "".join(pdf_pages(pdf_site / "checklists" / checklist.id / f"{checklist.id}.pdf"))
        assert normalise(checklist.title) in text
        assert "改訂日令和" in text and f"checklists/{checklist.id}/" in text
        for item in checklist.items:
            assert normalise(item.check) in text, item.id
            for citation in item.basis:
                assert normalise(citation.ref.label) in text, (item.id, citation.ref.label)
        for field in SIGNOFF_FIELDS:
            assert normalise(field) in text, field


def test_every_pdf_page_carries_its_number_and_the_page_count(pdf_site, checklists):
    for checklist in checklists:
        pages = pdf_pages(pdf_site / "checklists" / checklist.id / f"{checklist.id}.pdf")
        for number, text in enumerate(pages, start=1):
            assert f"{number}/{len(pages)}" in text, (checklist.id, number)


def test_pdf_has_no_navigation_search_or_buttons(pdf_site, checklists):
    for checklist in checklists:
        text = "".join(pdf_pages(pdf_site / "checklists" / checklist.id / f"{checklist.id}.pdf"))
        for chrome in ["印刷する", "空欄で印刷", "PDFをダウンロード", "表計算用ファイル", "検索", "目次", "ホーム",
                       "茅ヶ崎市自治基本条例", "元データ"]:
            assert chrome not in text, (checklist.id, chrome)


def test_no_item_is_split_across_pages(pdf_site, checklists):
    """An item starts with its question and ends with its citations (or its caution); both
    must be on the same page, before the next item's question."""
    for checklist in checklists:
        pages = pdf_pages(pdf_site / "checklists" / checklist.id / f"{checklist.id}.pdf")
        questions = [normalise(item.check) for item in checklist.items]
        for index, item in enumerate(checklist.items):
            ending = normalise(item.basis[-1].ref.label) if item.basis else normalise(markdown_to_text(item.caution))[-12:]
            page = next(p for p in pages if questions[index] in p)
            rest = page[page.index(questions[index]) + len(questions[index]):]
            if index + 1 < len(questions) and questions[index + 1] in rest:
                rest = rest[:rest.index(questions[index + 1])]
            assert ending in rest, f"{checklist.id} {item.id} はページをまたいでいます"
