"""Markdown safety: the rendered HTML of a field is judged by an allowlist; script, event handlers,
script URLs, embeds and outside requests are found with the line they are on; ordinary prose
(including the word data:) passes."""
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
    ("[a](x.md){ onclick=\"x\" }", [(0, "HTML の属性「onclick=")]),
    ("[a](javascript:alert(1))", [(0, "「javascript:")]),
    ("[a]( JAVASCRIPT:alert(1))", [(0, "「javascript:")]),
    ("[a](java&#115;cript:x)", [(0, "「javascript:")]),
    ("[a](java&#x73;cript&colon;x)", [(0, "「javascript:")]),
    ("<a href=\"java\nscript:x\">a</a>", [(0, "「javascript:")]),
    ("[a][r]\n\n[r]: vbscript:x", [(2, "「vbscript:"), (2, "参照形式のリンク定義「[r]: …")]),
    ("[a](data:text/html,<b>x</b>)", [(0, "「data:")]),
    ("<a href='data:text/html,x'>a</a>", [(0, "「data:")]),
    ("<iframe src=a></iframe>\n<object></object>\n<embed>\n<style>", [(0, "HTML のタグ「<iframe>"), (1, "HTML のタグ「<object>"), (2, "HTML のタグ「<embed>"), (3, "HTML のタグ「<style>")]),
    ("![x](https://example.com/a.png)", [(0, "サイトの外のファイル「https://example.com/a.png")]),
    ("<img src=\"//cdn.example.com/a.png\">", [(0, "サイトの外を指すアドレス「//cdn.example.com/a.png")]),
])
def test_unsafe_markup_is_found_on_its_line(text, expected):
    assert offsets(text) == expected


def test_each_problem_is_reported_once_per_line():
    assert len(find_unsafe_markup("<script></script><script>")) == 1


def test_an_event_handler_in_a_tag_spanning_lines_is_found_on_its_own_line():
    assert offsets('<img src="a.png"\n     alt=""\n     onerror="x">') == [(2, "HTML の属性「onerror=")]


def test_escaped_markup_is_text_and_passes():
    assert find_unsafe_markup("&lt;img src=x onerror=alert(1)&gt; は文字として表示されます") == []


@pytest.mark.parametrize("text, expected", [
    # a `>` inside a quoted attribute does not end the tag for the browser (or the parser)
    ('<img alt=">" onload="alert(1)" src="x.png">', [(0, "HTML の属性「onload=")]),
    ("前文\n<plaintext>", [(1, "HTML のタグ「<plaintext>")]),
    ('[全面](a.md){ style="position:fixed;inset:0;opacity:0" }', [(0, "HTML の属性「style=")]),
    ('<span style="background:url(https://e.example/x)">a</span>', [(0, "HTML の属性「style=")]),
    ("![a][r]\n\n[r]: https://e.example/x.png", [(2, "サイトの外のファイル「https://e.example/x.png"), (2, "参照形式のリンク定義「[r]: …")]),
    ('<img src="https:e.example/x.png">', [(0, "サイトの外のファイル「https:e.example/x.png")]),
    ('<img src="/\\e.example/x.png">', [(0, "サイトの外を指すアドレス「/\\e.example/x.png")]),
    ('<video poster="https://e.example/x.png"></video>', [(0, "HTML のタグ「<video>")]),
    ('<table background="https://e.example/x.png"><tr><td>a</td></tr></table>', [(0, "HTML の属性「background=")]),
    ('<a href="x.md" ping="https://e.example/">a</a>', [(0, "HTML の属性「ping=")]),
    ('[a](x.md "&lt;img src=x onerror=alert(1)&gt;")', [(0, "HTML の属性「title=")]),
    ('<abbr title="&lt;img src=x onerror=alert(1)&gt;">NPO</abbr>', [(0, "HTML の属性「title=")]),
    ('--8<-- ".git/config"', [(0, "「--8<--」（ファイルの差し込み）は使えません")]),
    ("本文\n\n*[NPO]: <b>x</b>", [(2, "略語の定義（*[語]: 説明）は、データの欄には書けません")]),
    ("## 見出し", [(0, "ID「見出し」（{ #… } や id=）は、データの欄には書けません")]),
    ("[a](x.md){ #PL-01 }", [(0, "ID「PL-01」（{ #… } や id=）は、データの欄には書けません")]),
    ('<span class="md-overlay">a</span>', [(0, "クラス「md-overlay」は使えません")]),
    ("<!-- a -->", [(0, "HTML のコメント（<!-- … -->）は、データの欄には書けません")]),
    ('<a href="mailto:a@example.jp">a</a> <a href="http://e.example/">b</a>', [(0, "「http:」で始まるリンク先は使えません")]),
])
def test_the_rendered_html_is_judged_by_the_allowlist(text, expected):
    found = find_unsafe_markup(text)
    assert [(p.line_offset, p.message[:len(prefix)]) for p, (_, prefix) in zip(found, expected)] == expected
    assert len(found) == len(expected)


@pytest.mark.parametrize("text", [
    "- [ ] 未完了\n- [x] 完了",
    "| 列 | 値 |\n|:--|--:|\n| 1 | 2 |",
    '!!! note "注意"\n    本文です。',
    "本文[^1]です。\n\n[^1]: 注記です。",
    '<a href="mailto:kyodo@example.jp">窓口</a>',
    "[協働](../guideline/kyodo-towa.md#協働とは)",
    "<a/onmouseover='x'>a</a>",  # not a tag for Markdown: shown as text
    "<details><summary>詳しく</summary>本文</details>",
])
def test_markup_of_ordinary_text_is_allowed(text):
    assert find_unsafe_markup(text) == []
