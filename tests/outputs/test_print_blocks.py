"""Print blocks: the revision date in 和暦 and 西暦 (from data/changelog.yml), the title block, print and
download controls, and the sign-off block, placed into a checklist page."""
import datetime

import pytest

from kyodo_kb.knowledge_base import Revision
from kyodo_kb.outputs.print_blocks import (PDF_MARKER, SIGNOFF_FIELDS, download_name, format_revision,
                          render_print_header, render_print_tools, render_signoff, wareki, with_print_blocks)
REVISION = Revision("協働のガイドライン（補強版）", datetime.date(2026, 11, 27))


@pytest.mark.parametrize("date, expected", [
    (datetime.date(2026, 11, 27), "令和8年11月27日"),
    (datetime.date(2019, 5, 1), "令和元年5月1日"),
    (datetime.date(2019, 4, 30), "平成31年4月30日"),
    (datetime.date(1989, 1, 8), "平成元年1月8日"),
    (datetime.date(1989, 1, 7), "昭和64年1月7日"),
])
def test_wareki_names_the_era_and_calls_its_first_year_gannen(date, expected):
    assert wareki(date) == expected


def test_format_revision_gives_edition_with_both_calendars():
    assert format_revision(REVISION) == "協働のガイドライン（補強版）　改訂日 令和8年11月27日（2026年11月27日）"


def test_without_an_edition_the_revision_is_the_date_alone_and_without_a_revision_no_line():
    assert format_revision(Revision("", datetime.date(2026, 11, 27))) == "改訂日 令和8年11月27日（2026年11月27日）"
    assert "kb-print-revision" not in render_print_header(None, "checklists/keikaku/", None)


def test_print_header_prints_the_address_from_the_public_url_or_the_path_in_the_site():
    header = render_print_header(REVISION, "checklists/keikaku/", None)
    assert "改訂日 令和8年11月27日（2026年11月27日）" in header
    assert 'data-kb-path="checklists/keikaku/">checklists/keikaku/</span>' in header
    public = render_print_header(REVISION, "checklists/keikaku/", "http://intranet/kyodo/")
    assert ">http://intranet/kyodo/checklists/keikaku/</span>" in public


def test_print_tools_offer_both_modes_a_print_button_and_downloads_with_a_hidden_pdf_link():
    tools = render_print_tools("keikaku", "企画・立案段階の留意事項")
    assert "<legend>印刷</legend>" in tools
    assert 'value="blank"> 空欄で<' in tools and 'value="filled" checked> 回答を入れて<' in tools
    assert ">印刷する</button>" in tools
    assert f'href="keikaku.pdf" download="企画・立案段階の留意事項.pdf" {PDF_MARKER}>PDFをダウンロード</a>' in tools
    assert "[空欄の CSV](keikaku/keikaku.csv)" in tools


def test_download_name_keeps_japanese_and_replaces_what_windows_forbids():
    assert download_name("協働の原則の確認") == "協働の原則の確認"
    assert download_name('委託/補助: "見直し"?') == "委託_補助_見直し"
    assert download_name("///") == "checklist"


def test_signoff_has_a_space_to_write_on_for_every_field():
    signoff = render_signoff()
    for field in SIGNOFF_FIELDS:
        assert signoff.count(f'<th scope="row">{field}</th>') == 1
    assert '<th scope="row">上長確認</th><td colspan="3"></td>' in signoff
    assert SIGNOFF_FIELDS == ("所属", "担当者", "確認日", "相手方（団体名）", "上長確認")
    assert "令和　　　年　　　月　　　日" in signoff


def test_with_print_blocks_puts_the_title_block_under_the_heading_and_the_signoff_last():
    page = '---\ntitle: "T"\n---\n\n# T\n\n<p class="kb-source">…</p>\n\n## 問いか { #X-01 }\n'
    result = with_print_blocks(page, "t", "T", REVISION, "checklists/t/")
    heading, header, tools = result.index("# T\n"), result.index("kb-print-header"), result.index("kb-print-tools")
    assert heading < header < tools < result.index("kb-source") < result.index("X-01") < result.index("kb-signoff")
    assert result.startswith('---\ntitle: "T"\n---\n')
    assert result.rstrip().endswith("</section>")


def test_with_print_blocks_refuses_a_page_without_heading():
    with pytest.raises(ValueError):
        with_print_blocks("no heading\n", "t", "T", REVISION, "checklists/t/")


def test_the_running_header_repeats_title_and_edition_from_page_2_and_cannot_break_out_of_its_string():
    from kyodo_kb.outputs.print_blocks import css_string, render_running_header
    style = render_running_header("協定の留意事項", REVISION)
    assert style.startswith('<style class="kb-running-header">') and style.rstrip().endswith("</style>")
    assert 'content: "協定の留意事項　' + format_revision(REVISION) + '"' in style
    assert "@page :first { @top-left { content: none; } }" in style
    assert css_string('a"b\\c</style>') == '"a\\22 b\\5c c\\3c /style\\3e "'
    assert "content: \"T\";" in render_running_header("T", None)
