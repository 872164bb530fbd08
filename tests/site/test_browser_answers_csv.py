"""CSV with my answers (issue 15): the decision page's 「回答入りの CSV」 carries the answers, the
notes (対応予定・期限・担当) and the chosen form, made in the browser and encoded like the blank
CSV (UTF-8 with BOM, CRLF, minimal quoting, formula cells defused); the blank CSV stays available."""
import csv
import io

import pytest

pytestmark = pytest.mark.browser

SIZES = [{"width": 1366, "height": 768}, {"width": 390, "height": 844}]


def answer(page, item_id, label):
    page.locator(f'.kb-item[data-item="{item_id}"]').get_by_role("radio", name=label, exact=True).check()


def note(page, item_id, field, text):
    item = page.locator(f'.kb-item[data-item="{item_id}"]')
    details = item.locator("details.kb-note")
    if not details.evaluate("d => d.open"):
        details.locator("summary").click()
    item.locator(f'input[data-note="{field}"]').fill(text)


def download(page, name):
    with page.expect_download() as info:
        page.get_by_role("button", name=name).click()
    return info.value


def parse(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    body = data.decode("utf-8")[1:]
    assert body.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(body, newline="")))
    # every row ends in CRLF; a line break inside a cell (a caution's paragraphs) is LF, as in the blank CSV
    assert body.count("\r\n") == len(rows)
    return rows


@pytest.mark.parametrize("viewport", SIZES, ids=["desktop", "phone"])
def test_the_answers_csv_carries_answers_notes_and_the_chosen_form(page, site_url, viewport, tmp_path):
    page.set_viewport_size(viewport)
    page.goto(site_url + "checklists/keitai-betsu/")
    page.locator(".kb-profile").get_by_role("radio", name="委託", exact=True).check()
    shown = page.locator(".kb-item:not([hidden])")
    ids = shown.evaluate_all("items => items.map(i => i.dataset.item)")
    first, second = ids[0], ids[1]
    answer(page, first, "いいえ")
    answer(page, second, "はい")
    note(page, first, "plan", '=契約書に追記, "保険"の確認')
    note(page, first, "due", "2026-12-10")
    note(page, first, "owner", "市民協働推進課 茅ヶ崎")
    button = page.get_by_role("button", name="回答入りの CSV")
    assert button.is_visible()
    box = button.bounding_box()
    assert box["x"] + box["width"] <= viewport["width"]
    got = download(page, "回答入りの CSV")
    assert got.suggested_filename == "協働の形態別の留意事項_回答.csv"
    data = open(got.path(), "rb").read()
    blank = page.request.get(page.locator("a.kb-download-csv").evaluate("a => a.href")).body()
    # the blank template's encoding: BOM, CRLF row ends (a caution's own line breaks are LF inside quotes)
    assert blank.startswith(b"\xef\xbb\xbf") and data.startswith(b"\xef\xbb\xbf")
    assert data.split(b"\r\n")[0].startswith(blank.split(b"\r\n")[0] + ",対応予定".encode("utf-8"))
    rows = parse(data)
    blank_rows = list(csv.reader(io.StringIO(blank.decode("utf-8")[1:], newline="")))
    assert rows[0] == blank_rows[0] + ["対応予定", "期限", "担当", "選んだ条件"]
    assert [r[1] for r in rows[1:]] == ids  # only the items the chosen form shows, in page order
    by_id = {r[1]: r for r in rows[1:]}
    assert by_id[first][7] == "いいえ" and by_id[second][7] == "はい"
    assert by_id[first][8:11] == ["'=契約書に追記, \"保険\"の確認", "2026-12-10", "市民協働推進課 茅ヶ崎"]
    assert all(r[11] == "協働の形態はどれですか：委託" for r in rows[1:])
    assert all(r[7] == "" for r in rows[1:] if r[1] not in (first, second))
    # the other columns are the blank template's, cell for cell
    blank_by_id = {r[1]: r for r in blank_rows[1:]}
    assert all(r[:7] == blank_by_id[r[1]][:7] for r in rows[1:])
    # the blank template stays available beside it
    assert page.get_by_role("link", name="空欄の CSV").is_visible()
    assert blank.count(b"\r\n") == len(blank_rows)


def test_the_answers_csv_of_a_checklist_without_a_profile_has_every_item(page, site_url):
    page.goto(site_url + "checklists/kyotei/")
    answer(page, "KT-03", "該当しない")
    rows = parse(open(download(page, "回答入りの CSV").path(), "rb").read())
    assert len(rows) == 1 + page.locator(".kb-item").count()
    assert {r[1]: r[7] for r in rows[1:]}["KT-03"] == "該当しない"
    assert all(r[11] == "" for r in rows[1:])
