"""CSV export: Excel-ready bytes (BOM, CRLF, quoting), formula cells neutralised, caution
Markdown flattened to text, one row per item."""
import csv
import io

import pytest

from kyodo_kb.outputs.csv_export import (BOM, COLUMNS, checklist_csv, checklist_rows, csv_path, markdown_to_text, render_csv,
                              safe_cell)
from support import load_fixture_kb


def parse(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_starts_with_a_bom_and_ends_rows_with_crlf():
    data = render_csv([["a", "b"], ["c", "d"]])
    assert data.startswith(BOM.encode("utf-8"))
    assert data[len(BOM.encode("utf-8")):] == "a,b\r\nc,d\r\n".encode("utf-8")


def test_csv_quotes_commas_quotes_and_line_breaks_and_reads_back_unchanged():
    row = ["事業A, B", '「対等」の"意味"', "一行目\n二行目", "普通"]
    data = render_csv([row])
    assert '"事業A, B","「対等」の""意味""","一行目\n二行目",普通\r\n' in data.decode("utf-8-sig")
    assert parse(data) == [row]


@pytest.mark.parametrize("text, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+81", "'+81"),
    ("-1", "'-1"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"),
    ("KK-01", "KK-01"),
    ("協働 = 対等", "協働 = 対等"),
    ("", ""),
])
def test_safe_cell_prefixes_only_cells_a_spreadsheet_would_evaluate(text, expected):
    assert safe_cell(text) == expected


def test_render_csv_neutralises_every_cell():
    assert parse(render_csv([["=1+1", "-x"]])) == [["'=1+1", "'-x"]]


def test_markdown_to_text_keeps_link_text_drops_marks_and_joins_japanese_lines():
    caution = ("協働は、目的の共有が\n出発点です。\n\n**「いいえ」のとき**：[協働の形態](../guideline/keitai.md)を"
               "`確認`してください。\n\n- 一つ目\n- 二つ目\n")
    assert markdown_to_text(caution) == ("協働は、目的の共有が出発点です。\n「いいえ」のとき：協働の形態を確認してください。\n"
                                         "・一つ目\n・二つ目")


def test_checklist_rows_have_the_columns_and_one_row_per_item(tmp_path):
    checklist = load_fixture_kb(tmp_path).checklists[0]
    rows = checklist_rows(checklist)
    assert rows[0] == list(COLUMNS) == ["チェックリスト", "ID", "確認事項", "対象", "留意事項", "根拠", "タグ", "回答欄"]
    assert rows[1] == ["すべての項目を使うチェックリスト", "AF-01", "役割分担を決めているか", "", "役割分担表を作ってください。",
                       "市民活動推進条例第9条第1項第2号、自治基本条例第26条第2項、市民活動推進条例第8条第6号",
                       "役割分担、対等な関係", ""]
    assert [row[1] for row in rows[1:]] == [item.id for item in checklist.items]


def test_conditional_items_name_the_cases_they_apply_to(tmp_path):
    checklist = load_fixture_kb(tmp_path, "conditional.yml").checklists[0]
    rows = {row[1]: row for row in checklist_rows(checklist)[1:]}
    assert rows["CD-01"][3] == ""
    assert rows["CD-02"][3] == "委託の場合"


def test_checklist_csv_reads_back_as_the_rows(tmp_path):
    checklist = load_fixture_kb(tmp_path).checklists[0]
    assert parse(checklist_csv(checklist)) == checklist_rows(checklist)
    assert csv_path(checklist.id) == "checklists/all-fields/all-fields.csv"
