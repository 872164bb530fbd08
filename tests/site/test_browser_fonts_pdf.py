"""The font stack applies for real (screen and print), and PDFs printed from the site carry the
page's text unchanged (issue 15). With Noto Sans CJK first, Chromium's PDFs mapped some kanji to
CJK radical code points (市民 came out as 市⺠, U+2EA0), so searching a PDF for 市民活動推進条例
found nothing; BIZ UDPGothic first gives a clean text layer. Compared without any normalisation."""
import re
import shutil
import subprocess

import pytest

pytestmark = pytest.mark.browser

PAGES = ["ordinances/shimin-katsudo/", "checklists/keitai-betsu/", "guideline/kyodo-towa/"]
RADICALS = re.compile("[\u2e80-\u2fdf\u31c0-\u31ef]")  # CJK radicals supplement, Kangxi radicals, strokes


def platform_fonts(page, selector):
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return [font["familyName"] for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]]


@pytest.mark.parametrize("media,selector", [
    (media, selector) for media in ("screen", "print") for selector in (".md-typeset p", ".md-typeset h1", ".kb-item-id", ".kb-print-revision")
] + [("screen", ".md-header__topic .md-ellipsis"), ("screen", ".md-nav__link .md-ellipsis")])
def test_the_japanese_font_stack_renders_latin_digits_and_kanji(page, site_url, media, selector):
    page.emulate_media(media=media)
    page.goto(site_url + "checklists/keitai-betsu/")
    fonts = platform_fonts(page, selector)
    expected = "BIZ UDGothic" if selector == ".kb-item-id" else "BIZ UDPGothic"
    assert fonts and set(fonts) == {expected}, fonts  # no Arial/Liberation/DejaVu for Latin or digits


def page_text_pieces(page):
    """Headings and paragraphs of the printed page, as the reader sees them."""
    return page.evaluate("""() => [...document.querySelectorAll('.md-content h1, .md-content h2, .md-content h3, .md-content p, .md-content li')]
        .filter(el => el.getClientRects().length && !el.closest('.kb-print-tools, .kb-summary, .md-source-file'))
        .map(el => el.innerText.replace(/¶/g, ''))""")


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is installed by make setup")
@pytest.mark.parametrize("path", PAGES)
def test_a_printed_pdf_carries_the_pages_text_unchanged(page, site_url, tmp_path, path):
    page.goto(site_url + path)
    page.emulate_media(media="print")
    pieces = page_text_pieces(page)
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert not RADICALS.findall(text), sorted(set(RADICALS.findall(text)))
    # pdftotext joins a word hyphenated at a line end and drops the hyphen (KB-\n02 -> KB02):
    # hyphens and white space are left out on both sides; nothing else is changed.
    flat = re.sub(r"[\s-]+", "", text)
    missing = [piece for piece in pieces if re.sub(r"[\s-]+", "", piece) not in flat]
    # A paragraph split by a page break has the page number in between: at most a few such.
    assert len(missing) <= 3, missing[:5]
    assert len(pieces) >= 5
    if "shimin-katsudo" in path:
        assert "市民活動推進条例" in flat
