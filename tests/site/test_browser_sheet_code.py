"""Paper → screen: the QR code on printed checklist sheets, read back from real PDFs, and what
scanning it opens.

Every PDF page is rendered at 300 dpi (poppler's pdftoppm) and read with OpenCV (QRCodeDetector, and
QRCodeDetectorAruco where the classic one fails: it misses some version-13 symbols even when they are
drawn perfectly at 5 or 6 pixels a module, tests/outputs/test_sheet_code.py shows one):
only a sheet's first page carries a code, it decodes to exactly the address, edition and answers
that were printed, and the symbol is at least 20 mm wide on the page. Then the decoded address is
opened, after a new edition changed one item, at 1366 and 390 px: the review banner with the printed
answers, 「印刷した版（…）から変わった項目 1 件」 with the item's diff, the recipient's own answers
untouched until they adopt the printed ones.
"""
import json
import re
import shutil
import subprocess
import sys

from urllib.parse import quote

import cv2
import pytest

from kyodo_kb.tooling.browser import serve_directory
from kyodo_kb.tooling.project import PROJECT_ROOT, copy_project, run_mkdocs_build
from kyodo_kb.knowledge_base import load_knowledge_base
from support import instant_navigation_site, keep_only_the_first_edition

pytestmark = pytest.mark.browser

DPI = 300
SHIPPED_EDITION = load_knowledge_base(PROJECT_ROOT).changelog.newest.version  # what the shipped site prints
MIN_WIDTH_MM = 20
PUBLIC = "http://intranet.example/kyodo/"
CHECKLIST = "kyotei"


def read_code(image):
    """(text, corner points) of the QR code in the image, ('', None) when there is none; a code
    that is found but not read gives ('', points)."""
    text, points, _ = cv2.QRCodeDetector().detectAndDecode(image)
    if not text:
        text2, points2, _ = cv2.QRCodeDetectorAruco().detectAndDecode(image)
        if text2 or points is None:
            text, points = text2, points2
    return text, points


def codes_in_pdf(pdf, folder):
    """[(page number, decoded text, symbol width in mm)] for every page of the PDF where a code was
    read. (OpenCV also "finds" codes it cannot read in tables and item boxes - 117 mm wide on one
    sheet's second page - so a page counts only by what decodes; a sheet's one code that did not
    decode fails the tests because page 1 must be in the list.)"""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", str(pdf), str(folder / "p")], check=True)
    found = []
    for number, image_path in enumerate(sorted(folder.glob("p-*.png"), key=lambda p: int(p.stem[2:])), start=1):
        image = cv2.imread(str(image_path), cv2.IMREAD_GRAYSCALE)
        text, points = read_code(image)
        if not text:
            continue
        width = None
        if points is not None:
            corners = points.reshape(-1, 2)
            width = float(max(abs(corners[1][0] - corners[0][0]), abs(corners[2][0] - corners[3][0]))) / DPI * 25.4
        found.append((number, text, width))
    return found


def built_fingerprint(site, checklist):
    html = (site / "checklists" / checklist / "index.html").read_text(encoding="utf-8")
    return re.search(r'data-kb-fingerprint="([0-9a-f]+)"', html).group(1)


def test_make_pdf_blank_sheets_carry_a_code_that_decodes_to_the_public_address_and_edition(built_site, tmp_path):
    # Over 60 s: 11 checklists rendered by Chromium, then ~30 A4 pages at 300 dpi read by OpenCV (about
    # 40 s on a quiet machine, 3 min on a loaded one). It is the `make pdf` acceptance test, so it stays whole.
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    result = subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "make_pdf.py"), "--site", str(site),
                             "--public-url", PUBLIC], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    pdfs = sorted(site.glob("checklists/*/*.pdf"))
    assert len(pdfs) == len(list(PROJECT_ROOT.glob("checklists/*.yml")))
    edition = re.search(r'version: "([^"]+)"', (PROJECT_ROOT / "data" / "changelog.yml").read_text(encoding="utf-8")).group(1)
    for pdf in pdfs:
        checklist = pdf.parent.name
        pages = codes_in_pdf(pdf, tmp_path / "png" / checklist)
        with_code = pages
        assert [number for number, _, _ in with_code] == [1], (checklist, pages)
        _, text, width = with_code[0]
        assert text == f"{PUBLIC}checklists/{checklist}/#v={built_fingerprint(site, checklist)}&e={edition}", checklist
        assert width is not None and width >= MIN_WIDTH_MM, (checklist, width)


def fill_in(page, url, answers, note=None):
    page.goto(f"{url}checklists/{CHECKLIST}/", wait_until="load")
    page.wait_for_selector("body.kb-decision-ready")
    for item, value in answers.items():
        page.locator(f'.kb-item[data-item="{item}"] .kb-answer input[value="{value}"]').check()
    if note:
        item, fields = note
        box = page.locator(f'.kb-item[data-item="{item}"] details.kb-note')
        box.locator("summary").click()
        for field, value in fields.items():
            box.locator(f'input[data-note="{field}"]').fill(value)


def print_pdf(page, path):
    page.emulate_media(media="print")
    page.pdf(path=str(path), format="A4", prefer_css_page_size=True)
    page.emulate_media(media="screen")


@pytest.fixture(scope="module")
def printed_then_revised(tmp_path_factory, browser):
    """A copy of the project whose edition 1.0 is its own data; a filled sheet is printed from it;
    then edition 1.1 rewords the checklist's first item and the site is rebuilt in place."""
    from kyodo_kb.tooling.browser import PageLog, open_context, watch_page

    folder = tmp_path_factory.mktemp("sheet")
    project = copy_project(folder / "project")
    make_edition = [sys.executable, str(PROJECT_ROOT / "scripts" / "make_edition.py")]
    assert keep_only_the_first_edition(project) == "1.0"
    assert subprocess.run([*make_edition, "1.0", "--root", str(project)], capture_output=True).returncode == 0
    site = folder / "site"
    assert run_mkdocs_build(project, site).returncode == 0
    server, url = serve_directory(site)
    log = PageLog()
    context = open_context(browser, log)
    page = context.new_page()
    watch_page(page, log)
    items = re.findall(r"(?m)^  - id: ([A-Z]+-[0-9]+)$", (project / "checklists" / f"{CHECKLIST}.yml").read_text(encoding="utf-8"))
    answers = {items[0]: "yes", items[1]: "no", items[2]: "na"}
    note = (items[1], {"plan": "協定書の案を12月に送る", "due": "2026-12-10", "owner": "市民協働課 田中"})
    fill_in(page, url, answers, note)
    share = page.get_attribute(".kb-share-link", "href")
    pdf = folder / "filled.pdf"
    print_pdf(page, pdf)
    context.close()
    assert log.console_errors == [] and log.external_requests == []
    pages = codes_in_pdf(pdf, folder / "png")

    changelog = project / "data" / "changelog.yml"
    changelog.write_text(changelog.read_text(encoding="utf-8").replace(
        "revisions:\n", 'revisions:\n  - date: 2027-04-01\n    version: "1.1"\n    summary: 役割分担の問いを改めました。\n', 1),
        encoding="utf-8")
    path = project / "checklists" / f"{CHECKLIST}.yml"
    text = path.read_text(encoding="utf-8")
    check = text.index("    check: ", text.index(f"  - id: {items[0]}\n")) + len("    check: ")
    path.write_text(text[:check] + "改めて、" + text[check:], encoding="utf-8")
    assert subprocess.run([*make_edition, "1.1", "--root", str(project)], capture_output=True).returncode == 0
    build = run_mkdocs_build(project, site)
    assert build.returncode == 0, build.stdout + build.stderr
    yield {"url": url, "share": share, "pages": pages, "items": items, "answers": answers, "note": note}
    server.shutdown()


def test_a_filled_sheet_printed_from_the_browser_decodes_to_its_answers_and_notes(printed_then_revised):
    printed = printed_then_revised
    with_code = printed["pages"]
    assert [number for number, _, _ in with_code] == [1], printed["pages"]
    _, text, width = with_code[0]
    assert width is not None and width >= MIN_WIDTH_MM
    # exactly the share link of what was printed, with the printed edition
    assert text == printed["share"] + "&e=1.0"
    items, note = printed["items"], printed["note"]
    assert text.startswith(f"{printed['url']}checklists/{CHECKLIST}/#")
    assert f"answers={items[0]}:yes,{items[1]}:no,{items[2]}:na" in text
    assert "notes=" + ":".join([items[1]] + [quote(v, safe="-_.!~*'()") for v in note[1].values()]) in text


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 768}, {"width": 390, "height": 844}])
def test_scanning_a_filled_sheet_opens_review_mode_with_the_items_changed_since_the_printed_edition(
        printed_then_revised, page, viewport):
    printed = printed_then_revised
    items = printed["items"]
    decoded = next(text for _, text, width in printed["pages"] if text)
    page.set_viewport_size(viewport)
    # the recipient's own answers, saved before scanning
    page.goto(f"{printed['url']}checklists/{CHECKLIST}/", wait_until="load")
    page.wait_for_selector("body.kb-decision-ready")
    page.locator(f'.kb-item[data-item="{items[3]}"] .kb-answer input[value="yes"]').check()
    key = f"kyodo-kb:answers:{CHECKLIST}"
    own_before = page.evaluate("k => localStorage.getItem(k)", key)

    page.goto("about:blank")
    page.goto(decoded, wait_until="load")
    page.wait_for_selector(".kb-review-banner")
    changes = page.locator(".kb-printed-changes")
    changes.wait_for()
    assert changes.locator(".kb-printed-changes-title").inner_text() == "印刷した版（令和8年11月27日・1.0版）から変わった項目 1 件"
    change = changes.locator(".kb-change")
    assert change.count() == 1
    assert change.get_attribute("data-item") == items[0]
    assert change.locator(".kb-change-kind").inner_text() == "改定"
    assert change.locator("ins").first.inner_text() == "改めて、"
    assert change.locator("a").get_attribute("href") == f"#{items[0]}"
    assert changes.is_visible()
    # the printed answers and note are shown; the recipient's own answers are untouched
    assert page.locator(f'.kb-item[data-item="{items[1]}"] .kb-answer input[value="no"]').is_checked()
    assert page.locator(f'.kb-item[data-item="{items[1]}"] input[data-note="owner"]').input_value() == "市民協働課 田中"
    assert not page.locator(f'.kb-item[data-item="{items[3]}"] .kb-answer input[value="yes"]').is_checked()
    assert page.evaluate("k => localStorage.getItem(k)", key) == own_before
    # continuing from them
    adopt = page.get_by_role("button", name="この回答を自分の回答として保存する")
    adopt.scroll_into_view_if_needed()
    adopt.click()
    stored = json.loads(page.evaluate("k => localStorage.getItem(k)", key))
    # the answer to the item changed since printing is kept for 再確認, not shown as an answer to the new text
    assert stored["items"][items[0]]["answer"] == "yes" and stored["items"][items[0]]["fp"] == "printed-1.0"
    first = page.locator(f'.kb-item[data-item="{items[0]}"]')
    assert not first.locator('.kb-answer input[value="yes"]').is_checked()
    assert first.locator(".kb-recheck").inner_text().startswith("再確認 前の内容に「はい」と回答した項目です。")
    page.locator(".kb-copy-status", has_text="印刷した版から変わった項目の回答は「再確認」として残しています。").wait_for()
    assert page.locator(f'.kb-item[data-item="{items[1]}"] .kb-answer input[value="no"]').is_checked()
    assert stored["items"][items[1]]["answer"] == "no"
    assert stored["items"][items[1]]["note"]["plan"] == "協定書の案を12月に送る"
    assert stored["items"][items[2]]["answer"] == "na"
    assert items[3] not in stored["items"] or "answer" not in stored["items"][items[3]]


def test_scanning_a_blank_sheet_opens_the_page_with_the_changed_items_and_no_review(printed_then_revised, page, built_site):
    printed = printed_then_revised
    url = printed["url"]
    page.goto(f"{url}checklists/{CHECKLIST}/#v=000000000000&e=1.0", wait_until="load")
    changes = page.locator(".kb-printed-changes")
    changes.wait_for()
    assert changes.locator(".kb-printed-changes-title").inner_text() == "印刷した版（令和8年11月27日・1.0版）から変わった項目 1 件"
    assert page.locator(".kb-review-banner").count() == 0
    assert page.evaluate("location.hash") == ""


def test_notes_too_long_for_a_scannable_code_are_left_out_and_the_sheet_says_so(site_url, page, tmp_path):
    # Three items' notes of 60 kanji each: about 1,600 bytes percent-encoded, far beyond version 14
    # (362 bytes); the answers alone fit.
    long_note = "協定書の案を相手方と読み合わせ、役割分担と費用の負担を確かめてから決裁に回す" * 2
    fill_in(page, site_url, {"KT-01": "yes", "KT-02": "no", "KT-03": "yes"})
    for item in ("KT-01", "KT-02", "KT-03"):
        box = page.locator(f'.kb-item[data-item="{item}"] details.kb-note')
        box.locator("summary").click()
        box.locator('input[data-note="plan"]').fill(long_note)
    share = page.get_attribute(".kb-share-link", "href")
    assert "notes=" in share and len(share) > 1500
    pdf = tmp_path / "long.pdf"
    print_pdf(page, pdf)
    pages = codes_in_pdf(pdf, tmp_path / "png")
    text = next(text for _, text, width in pages if text)
    expected = "&".join(part for part in share.split("&") if not part.startswith("notes=")) + f"&e={SHIPPED_EDITION}"
    assert text == expected
    assert "answers=KT-01:yes,KT-02:no,KT-03:yes" in text and "notes=" not in text
    assert page.locator(".kb-sheet-code-note").inner_text() == "メモはQRコードに含まれていません"
    layer = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    assert "メモはQRコードに含まれていません" in re.sub(r"\s", "", layer)
    # the notes are still printed as text under their items
    assert long_note[:20] in re.sub(r"\s", "", subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)


def test_under_instant_navigation_the_printed_code_carries_the_site_url_and_the_answers(tmp_path, browser):
    """Material's instant navigation swaps pages without reloading scripts: the print-time code
    must still be drawn for the page reached that way, from the configured site_url."""
    from kyodo_kb.tooling.browser import PageLog, open_context, watch_page

    server, site_url = instant_navigation_site(tmp_path)
    log = PageLog()
    context = open_context(browser, log)
    try:
        page = context.new_page()
        watch_page(page, log)
        page.goto(site_url)
        page.evaluate("() => { window.kbSamePage = true; }")
        page.locator(".md-sidebar--primary").get_by_role("link", name="協働の形態別の留意事項").click()
        page.wait_for_url("**/checklists/keitai-betsu/")
        page.locator(".kb-summary").wait_for(state="visible")
        code = page.locator(".kb-sheet-code")
        assert code.get_attribute("data-kb-address") == f"{site_url}checklists/keitai-betsu/"
        page.locator('.kb-item[data-item="KB-01"] .kb-answer input[value="no"]').check()
        share = page.get_attribute(".kb-share-link", "href")
        pdf = tmp_path / "instant.pdf"
        print_pdf(page, pdf)
        assert page.evaluate("() => window.kbSamePage === true")
        decoded = next(text for _, text, width in codes_in_pdf(pdf, tmp_path / "png") if text)
        assert decoded == share + f"&e={SHIPPED_EDITION}"
        assert decoded.startswith(f"{site_url}checklists/keitai-betsu/#answers=KB-01:no&")
        assert log.console_errors == [] and log.external_requests == []
    finally:
        context.close()
        server.shutdown()
