"""Markdown safety: script, event handlers, script URLs and embeds are found with the line
they are on; ordinary prose (including the word data:) passes."""
import pytest

from kyodo_kb.sources.markdown_safety import find_unsafe_markup


def offsets(text):
    return [(p.line_offset, p.message.split("」")[0]) for p in find_unsafe_markup(text)]


@pytest.mark.parametrize("text", [
    "協働の相手方と**目的**を共有してください。",
    "[条例](../ordinances/jichi-kihon.md#art26)を確認してください。",
    "データ: 事業報告書 data: 2024年度",
    "[外部の資料](https://www.city.chigasaki.kanagawa.jp/)",
    "<span class=\"note\">注記</span> と <abbr title=\"説明\">NPO</abbr>",
    "onion の話 (once=1 ではなく)",
    "![図](../assets/zu.png)",
])
def test_ordinary_markdown_passes(text):
    assert find_unsafe_markup(text) == []


@pytest.mark.parametrize("text, expected", [
    ("a\n<script>alert(1)</script>", [(1, "HTML のタグ「<script>")]),
    ("<ScRiPt src=x.js>", [(0, "HTML のタグ「<script>")]),
    ("<img src=x.png onerror=alert(1)>", [(0, "HTML の属性「onerror=")]),
    ("<a/onmouseover='x'>a</a>", [(0, "HTML の属性「onmouseover=")]),
    ("[a](x.md){ onclick=\"x\" }", [(0, "HTML の属性「onclick=")]),
    ("[a](javascript:alert(1))", [(0, "「javascript:")]),
    ("[a]( JAVASCRIPT:alert(1))", [(0, "「javascript:")]),
    ("[a](java&#115;cript:x)", [(0, "「javascript:")]),
    ("[a](java&#x73;cript&colon;x)", [(0, "「javascript:")]),
    ("一行目\n<a href=\"java\tscript:x\">a</a>", [(1, "「javascript:")]),
    ("<a href=\"java\nscript:x\">a</a>", [(0, "「javascript:")]),
    ("[r]: vbscript:x", [(0, "「vbscript:")]),
    ("[a](data:text/html,<b>x</b>)", [(0, "「data:")]),
    ("<a href='data:text/html,x'>a</a>", [(0, "「data:")]),
    ("<iframe src=a></iframe>\n<object></object>\n<embed>\n<style>", [(0, "HTML のタグ「<iframe>"), (1, "HTML のタグ「<object>"), (2, "HTML のタグ「<embed>"), (3, "HTML のタグ「<style>")]),
    ("![x](https://example.com/a.png)", [(0, "サイトの外のファイル「https://example.com/a.png")]),
    ("<img src=\"//cdn.example.com/a.png\">", [(0, "サイトの外のファイル「//cdn.example.com/a.png")]),
])
def test_unsafe_markup_is_found_on_its_line(text, expected):
    assert offsets(text) == expected


def test_each_problem_is_reported_once_per_line():
    assert len(find_unsafe_markup("<script></script><script>")) == 1


def test_an_event_handler_in_a_tag_spanning_lines_is_found_on_its_own_line():
    assert offsets('<img src="a.png"\n     alt=""\n     onerror="x">') == [(2, "HTML の属性「onerror=")]


def test_escaped_markup_is_text_and_passes():
    assert find_unsafe_markup("&lt;img src=x onerror=alert(1)&gt; は文字として表示されます") == []
