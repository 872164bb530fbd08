"""The paperwork sheets in the browser: each sheet is filled, kept over a reload, printed (PDF text
read with pdftotext), downloaded as CSV (BOM, formula guard) and XLSX (opened with openpyxl); the
role table is prefilled from the chooser's outcome and marks it as a suggestion; the sheets work
from a file share; axe finds nothing serious; screenshots at desktop and phone sizes."""
from pathlib import Path
import csv
import io
import subprocess

import openpyxl
import pytest

from kyodo_kb.knowledge_base import load_knowledge_base
from support import ROOT

pytestmark = pytest.mark.browser

def axe_violations(page):
    from kyodo_kb.tooling.accessibility_audit import run_axe
    return [f"{v['id']} ({v['impact']}): {v['nodes'][:3]}" for v in run_axe(page, page.url, "test").violations
            if v["impact"] in ("serious", "critical")]


def ready(page, url):
    page.goto(url)
    page.wait_for_selector(".kb-pw-tools:not([hidden])")


def download(page, button_name, target: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name=button_name).click()
    info.value.save_as(target)
    return target


def pdf_text(page, path: Path) -> str:
    page.emulate_media(media="print")
    page.pdf(path=str(path), prefer_css_page_size=True)
    page.emulate_media(media="screen")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


def pdf_size(path: Path) -> str:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return next(line for line in info.splitlines() if line.startswith("Page size"))


def csv_rows(path: Path) -> list:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV must start with the UTF-8 BOM (Excel)"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_role_table_from_the_chooser_outcome_is_prefilled_as_a_suggestion_and_kept(page, site_url, tmp_path):
    page.goto(site_url + "chooser/keitai/tomoni/futari/tanki/ou/")
    page.locator(".kb-outcome-paperwork").get_by_role("link", name="役割分担表").click()
    page.wait_for_selector(".kb-pw-tools:not([hidden])")
    assert "?" not in page.url  # the form moved into storage
    assert page.locator("select.kb-pw-form").input_value() == "kyosai"
    assert "共催（「協働の形態を選ぶ」の結果から）" in page.locator(".kb-pw-form-status").inner_text()
    keihi = page.locator("tr[data-row=keihi]")
    assert "kb-pw-suggested" in keihi.get_attribute("class")
    assert keihi.get_by_role("radio", name="共同").is_checked()
    assert "共催の場合の提案: 共同　出典: 他自治体の例（川崎市）" in keihi.locator(".kb-pw-suggestion").inner_text()
    # a row without a sourced suggestion stays empty
    assert not any(r.is_checked() for r in page.locator("tr[data-row=kaikei] input[type=radio]").all())

    page.get_by_label("事業名").fill("海岸清掃と環境学習")
    keihi.get_by_role("textbox").fill("=会場費は市、講師謝礼は相手方")
    page.locator("tr[data-row=koho]").get_by_role("radio", name="相手方").check()
    page.locator("tr[data-row=anzen]").get_by_role("radio", name="市").check()  # overrides the suggestion
    page.reload()
    page.wait_for_selector(".kb-pw-tools:not([hidden])")
    assert page.get_by_label("事業名").input_value() == "海岸清掃と環境学習"
    assert keihi.get_by_role("textbox").input_value() == "=会場費は市、講師謝礼は相手方"
    assert page.locator("tr[data-row=koho]").get_by_role("radio", name="相手方").is_checked()
    anzen = page.locator("tr[data-row=anzen]")
    assert anzen.get_by_role("radio", name="市").is_checked()
    assert "kb-pw-suggested" not in anzen.get_attribute("class")
    assert "参考: 共催の場合の提案" in anzen.locator(".kb-pw-suggestion").inner_text()

    rows = csv_rows(download(page, "CSVをダウンロード", tmp_path / "role.csv"))
    assert rows[:4] == [["書式", "役割分担表"], ["事業名", "海岸清掃と環境学習"], ["相手方（団体名）", ""], ["協働の形態", "共催"]]
    header = rows.index(["分担する事柄", "決めること", "市", "相手方", "共同", "担い手", "備考", "提案の出典", "関連する留意事項", "出典"])
    by_name = {row[0]: row for row in rows[header + 1:]}
    assert by_name["経費"][2:7] == ["", "", "○", "共同（提案）", "'=会場費は市、講師謝礼は相手方"]  # formula guarded
    assert by_name["安全管理・保険"][2:6] == ["○", "", "", "市"]
    assert by_name["広報"][5] == "相手方"
    assert by_name["会計・精算"][5] == ""
    assert "KT-03 費用の負担の分け方" in by_name["経費"][8]
    assert "他自治体の例（横浜市）：横浜市市民協働条例第12条第2項。協働契約に" in by_name["経費"][9]

    book = openpyxl.load_workbook(download(page, "Excel（XLSX）をダウンロード", tmp_path / "role.xlsx"))
    sheet = book.active
    assert sheet.title == "役割分担表"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    keihi_row = next(r for r in values if r[0] == "経費")
    assert keihi_row[4:7] == ["○", "共同（提案）", "=会場費は市、講師謝礼は相手方"]
    assert sheet.cell(row=next(i for i, r in enumerate(values, 1) if r[0] == "経費"), column=7).data_type == "s"  # text, never a formula

    assert page.locator(".kb-pw-meta .kb-pw-print-value").all_text_contents() == ["海岸清掃と環境学習", "", "共催"]
    text = pdf_text(page, tmp_path / "role.pdf")
    assert "A4" in pdf_size(tmp_path / "role.pdf") and "841.92 x 594.96" in pdf_size(tmp_path / "role.pdf")  # landscape
    for expected in ("役割分担表", "海岸清掃と環境学習", "会場費は市、講師謝礼は相手方", "○（提", "確認欄", "上長確認",
                     "行ごとの留意事項と出典", "他自治体の例（狭山市）：協働提案シート（行政提案型）"):
        assert expected in text, expected
    assert "CSVをダウンロード" not in text


def test_role_table_takes_the_form_from_the_checklist_answers_and_prints_portrait_on_request(page, site_url, tmp_path):
    page.goto(site_url + "checklists/keitai-betsu/?profile=keitai:koen")
    page.wait_for_selector(".kb-summary:not([hidden])")
    page.locator(".kb-pw-notice").get_by_role("link", name="役割分担表").click()
    page.wait_for_selector(".kb-pw-tools:not([hidden])")
    assert "後援（協働の形態別の留意事項の回答から）" in page.locator(".kb-pw-form-status").inner_text()
    assert page.locator("tr[data-row=anzen]").get_by_role("radio", name="相手方").is_checked()
    page.get_by_role("radio", name="縦").check()
    page.evaluate("window.print = () => {}")
    page.get_by_role("button", name="印刷する").click()
    pdf_text(page, tmp_path / "portrait.pdf")
    assert "594.96 x 841.92" in pdf_size(tmp_path / "portrait.pdf")


def test_agreement_sheet_for_the_chosen_form_is_filled_kept_printed_and_downloaded(page, site_url, tmp_path):
    ready(page, site_url + "paperwork/agreement/?form=koen")
    sekinin = page.locator("section[data-row=sekinin]")
    notes = sekinin.locator(".kb-pw-form-notes li")
    assert [n.inner_text() for n in notes.all() if n.is_visible()] == ["後援: 他自治体の例（逗子市）では、後援のとき、原則として市は事故の責任を負わないとしています（茅ヶ崎市は要確認）"]
    assert "要確認" in page.locator(".kb-pw-kakunin").first.inner_text()
    assert sekinin.get_by_role("link", name="自治基本条例第26条第1項").get_attribute("href").endswith("ordinances/jichi-kihon/#art26-para1")
    sekinin.get_by_role("radio", name="書面に書いた").check()
    sekinin.get_by_role("textbox").fill("主催者である団体が行事保険に入る")
    page.locator("section[data-row=henko]").get_by_role("radio", name="まだ").check()
    page.reload()
    page.wait_for_selector(".kb-pw-tools:not([hidden])")
    assert sekinin.get_by_role("radio", name="書面に書いた").is_checked()
    assert sekinin.get_by_role("textbox").input_value() == "主催者である団体が行事保険に入る"

    rows = csv_rows(download(page, "CSVをダウンロード", tmp_path / "agreement.csv"))
    header = rows.index(["事柄", "決めて書面に残すこと", "形態ごとの補足", "要確認", "書面に書いたか", "決めた内容の要点",
                         "関連する留意事項", "根拠", "出典"])
    by_name = {row[0]: row for row in rows[header + 1:]}
    for name in ("目的", "期間", "役割分担", "経費", "責任とリスクの分担", "個人情報", "成果物の権利", "公開", "変更・中止", "協議"):
        assert name in by_name, name
        assert by_name[name][8], f"{name} has no source"
    assert by_name["責任とリスクの分担"][2] == "後援: 他自治体の例（逗子市）では、後援のとき、原則として市は事故の責任を負わないとしています（茅ヶ崎市は要確認）"
    assert by_name["責任とリスクの分担"][4:6] == ["書面に書いた", "主催者である団体が行事保険に入る"]
    assert by_name["公開"][7] == "市民活動推進条例第9条第1項第4号"
    book = openpyxl.load_workbook(download(page, "Excel（XLSX）をダウンロード", tmp_path / "agreement.xlsx"))
    assert book.active.page_setup.orientation == "portrait"
    assert any(row[0] == "責任とリスクの分担" and row[5] == "主催者である団体が行事保険に入る"
               for row in book.active.iter_rows(values_only=True))

    text = pdf_text(page, tmp_path / "agreement.pdf")
    assert "594.96 x 841.92" in pdf_size(tmp_path / "agreement.pdf")
    for expected in ("協定書に書くこと", "責任とリスクの分担", "主催者である団体が行事保険に入る", "要確認", "確認欄"):
        assert expected in text, expected


def test_evaluation_sheet_is_answered_by_both_sides_and_shows_the_disclosure_provision(page, site_url, tmp_path):
    ready(page, site_url + "paperwork/evaluation/")
    disclosure = page.locator(".kb-pw-disclosure")
    assert "事業の内容、過程及び結果を公開すること" in disclosure.locator("blockquote").inner_text()
    assert disclosure.get_by_role("link", name="市民活動推進条例第9条第1項第4号").get_attribute("href").endswith(
        "ordinances/shimin-katsudo/#art9-para1-item4")
    page.get_by_label("相乗効果: 市の評点").select_option("4")
    page.get_by_label("相乗効果: 相手方の評点").select_option("2")
    page.get_by_label("相乗効果: 相手方の所見").fill("準備の負担が団体に偏った")
    page.get_by_label("公開の方法（市のウェブページ、団体の会報、報告会など）").fill("報告会と市のウェブページ")
    page.reload()
    page.wait_for_selector(".kb-pw-tools:not([hidden])")
    assert page.get_by_label("相乗効果: 市の評点").input_value() == "4"
    assert page.get_by_label("相乗効果: 相手方の所見").input_value() == "準備の負担が団体に偏った"

    rows = csv_rows(download(page, "CSVをダウンロード", tmp_path / "evaluation.csv"))
    header = rows.index(["評価の項目", "問い", "市の評点", "市の所見", "相手方の評点", "相手方の所見", "関連する留意事項", "根拠", "出典"])
    by_name = {row[0]: row for row in rows[header + 1:] if row}
    assert by_name["相乗効果"][2:6] == ["4", "", "2", "準備の負担が団体に偏った"]
    for name in ("相乗効果", "進捗", "協働という手法の妥当性", "受益者満足度"):
        assert "他自治体の例（自治体名不明）" in by_name[name][8], name  # another body's example, labelled
    assert by_name["公開の方法"][1] == "報告会と市のウェブページ"
    assert by_name["公開の根拠"][1] == "市民活動推進条例第9条第1項第4号"
    book = openpyxl.load_workbook(download(page, "Excel（XLSX）をダウンロード", tmp_path / "evaluation.xlsx"))
    row = next(r for r in book.active.iter_rows(values_only=True) if r[0] == "相乗効果")
    assert (row[2], row[4]) == (4, 2)  # scores are numbers

    text = pdf_text(page, tmp_path / "evaluation.pdf")
    for expected in ("振り返り（評価）シート", "相乗効果", "準備の負担が団体に偏った", "報告会と市のウェブページ",
                     "市民活動推進条例第9条第1項第4号", "確認欄"):
        assert expected in text, expected


def test_clearing_a_sheet_keeps_the_other_sheets_and_the_chosen_form(page, site_url):
    ready(page, site_url + "paperwork/role-table/?form=itaku")
    page.locator("tr[data-row=keihi]").get_by_role("textbox").fill("委託料")
    ready(page, site_url + "paperwork/evaluation/")
    page.get_by_label("進捗: 市の所見").fill("予定どおり")
    assert page.locator("select.kb-pw-form").input_value() == "itaku"
    page.get_by_role("button", name="記入を消す").click()
    assert page.get_by_label("進捗: 市の所見").input_value() == ""
    ready(page, site_url + "paperwork/role-table/")
    assert page.locator("tr[data-row=keihi]").get_by_role("textbox").input_value() == "委託料"
    assert page.locator("tr[data-row=keihi]").get_by_role("radio", name="市").is_checked()  # 委託 suggestion


def test_every_row_matter_and_criterion_on_the_pages_cites_its_source(page, site_url):
    kb = load_knowledge_base(ROOT)
    anchors = {"role-table": "row-", "agreement": "", "evaluation": "crit-"}
    for sheet in kb.paperwork:
        page.goto(site_url + f"paperwork/{sheet.kind}/")
        for entry in sheet.entries:
            if sheet.kind == "agreement":
                text = page.locator(f"section[data-row='{entry.id}']").inner_text()
            else:
                heading = page.locator(f"[id='{anchors[sheet.kind]}{entry.id}']")
                text = heading.locator("xpath=following-sibling::ul[1]").inner_text()
            assert "出典: " + entry.sources[0].label in text, (sheet.kind, entry.id)
            for ref in entry.cautions:
                assert ref.text in text, (sheet.kind, entry.id, ref.text)


def test_sheets_work_from_a_file_share(browser, built_site, tmp_path):
    context = browser.new_context(locale="ja-JP")
    outside = []

    def guard(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((built_site / "paperwork" / "role-table" / "index.html").as_uri() + "?form=kyosai")
    page.wait_for_selector(".kb-pw-tools:not([hidden])")
    assert page.locator("tr[data-row=keihi]").get_by_role("radio", name="共同").is_checked()
    page.locator("tr[data-row=keihi]").get_by_role("textbox").fill("共有フォルダから記入")
    page.reload()
    page.wait_for_selector(".kb-pw-tools:not([hidden])")
    assert page.locator("tr[data-row=keihi]").get_by_role("textbox").input_value() == "共有フォルダから記入"
    with page.expect_download() as info:
        page.get_by_role("button", name="Excel（XLSX）をダウンロード").click()
    info.value.save_as(tmp_path / "share.xlsx")
    assert any(r[0] == "経費" and r[6] == "共有フォルダから記入"
               for r in openpyxl.load_workbook(tmp_path / "share.xlsx").active.iter_rows(values_only=True))
    context.close()
    assert outside == [] and errors == []


@pytest.mark.parametrize("path", ["paperwork/role-table/?form=kyosai", "paperwork/agreement/?form=kyosai", "paperwork/evaluation/"])
def test_axe_finds_no_serious_or_critical_violation_on_the_sheets(page, site_url, path):
    ready(page, site_url + path)
    assert axe_violations(page) == []


@pytest.mark.parametrize("width, height", [(1366, 768), (390, 844), (320, 640)])
def test_sheets_fit_the_screen_and_are_photographed(browser, site_url, tmp_path, width, height):
    """Screenshots go to $KB_SCREENSHOTS when set (to look at them), else to the test's tmp folder."""
    import os
    from kyodo_kb.tooling.browser import PageLog, open_context, watch_page

    log = PageLog()
    context = open_context(browser, log, viewport={"width": width, "height": height})
    page = context.new_page()
    watch_page(page, log)
    shots = Path(os.environ.get("KB_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    for name in ("role-table", "agreement", "evaluation"):
        ready(page, site_url + f"paperwork/{name}/?form=kyosai")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
        target = page.locator(".kb-pw-sheet")
        target.scroll_into_view_if_needed()
        page.screenshot(path=str(shots / f"paperwork-{name}-{width}x{height}.png"))
    context.close()
    assert log.console_errors == [] and log.external_requests == []
