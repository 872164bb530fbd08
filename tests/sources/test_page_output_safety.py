"""The page allowlist (kyodo_kb.sources.page_safety.page_output_problems): a written page judged as
a whole, frame and content, in the tree an HTML5 parser builds (what the browser runs), its
problems named by html.parser's reading of the start tags. Each unsafe case names its exact
message; the safe forms the site itself uses pass."""
from pathlib import Path
import re

import material
import pytest

from kyodo_kb.sources.page_safety import (THEME_INLINE_SCRIPTS, page_output_errors, page_output_problems,
                                          script_fingerprint)
from kyodo_kb.sources.errors import SourceLocation

OWN = "（サイトの部品が使う安全な書き方なら、kyodo_kb/sources/page_safety.py の許可リストに加えてください）"
ASSETS = frozenset({"assets/javascripts/kb_common.js", "assets/javascripts/bundle.a5f9d56c.min.js",
                    "assets/stylesheets/kb.css", "assets/javascripts/search_engine.js"})
THEME_SCRIPTS = Path(material.__file__).parent / "templates" / "partials" / "javascripts"


def theme_scripts(name: str, base: str = "../..") -> list[str]:
    """The inline scripts of one of the installed theme's script partials, as a page at `base` has them."""
    text = (THEME_SCRIPTS / name).read_text(encoding="utf-8")
    text = re.sub(r"\{%.*?%\}", "", re.sub(r"\{#.*?#\}", "", text, flags=re.S))
    return [re.sub(r"\{\{.*?\}\}", base, body) for body in re.findall(r"<script>(.*?)</script>", text, re.S)]


MD_SCOPE = theme_scripts("base.html")[0]


def page(content: str = "<p>本文</p>", head: str = "", frame: str = "") -> str:
    return ('<!doctype html><html lang="ja" class="no-js"><head><meta charset="utf-8">'
            '<title>協働 - ナレッジベース</title>'
            '<link rel="stylesheet" href="../../assets/stylesheets/kb.css">' + head +
            '<script id="__config" type="application/json">{"base": "../..", "search": "../../assets/javascripts/search_engine.js?v=1a2b3c4d"}</script>'
            '</head><body dir="ltr"><header class="md-header"><nav class="md-header__inner" aria-label="ヘッダー">'
            '<a href="../.." title="ホーム" class="md-header__button">ホーム</a></nav></header>' + frame +
            '<main class="md-main"><div class="md-content"><article class="md-content__inner md-typeset">'
            + content + '</article></div></main>'
            '<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
            '<script src="../../assets/javascripts/kb_common.js"></script></body></html>')


def messages(html: str, dest: str = "checklists/kyotei/index.html") -> list[str]:
    return [f"{'本文' if p.in_content else '枠'}: {p.message}" for p in page_output_problems(html, dest, ASSETS)]


def test_a_page_of_the_site_s_own_markup_passes():
    content = ('<h1 id="kyotei">協定</h1><p>本文と<a href="../sentei/">リンク</a>、<a href="https://www.city.chigasaki.kanagawa.jp/">市</a>、'
               '<a href="mailto:kyodo@example.invalid?subject=%E6%84%8F%E8%A6%8B">ご意見</a>、<abbr title="特定非営利活動法人">NPO</abbr></p>'
               '<table><tr><th style="text-align: center;">項目</th><td style="text-align: left">値</td></tr></table>'
               '<fieldset data-question="keitai"><legend>形態</legend><label><input type="radio" name="q" value="a" checked>a</label></fieldset>'
               '<button type="button" class="kb-reset" aria-controls="x" hidden>やり直す</button>'
               '<div data-kb-json="{&quot;a&quot;: 1}" hidden></div><img src="../../assets/images/flow.png" alt="流れ図">'
               '<svg viewBox="0 0 10 10" role="img" aria-labelledby="t"><title id="t">図</title>'
               '<rect x="1" y="1" width="8" height="8" fill="url(#grad)" stroke="#333"></rect><text x="1" y="5">はい</text></svg>'
               '<script src="../../assets/javascripts/kb_common.js"></script>')
    assert messages(page(content, head=f"<script>{MD_SCOPE}</script>")) == []


@pytest.mark.parametrize("content, expected", [
    ('<img src="x.png" alt="" onerror="window.__pwned=1">', "本文: 「<img>」にイベント処理の属性「onerror=」があります（スクリプトが動きます）"),
    ('<p><a href="javascript:window.__pwned=1">x</a></p>', "本文: 「<a>」の「href=」に「javascript:」のアドレスがあります（スクリプトが動くおそれがあります）"),
    ('<p><a href="java&#x09;script:window.__pwned=1">x</a></p>', "本文: 「<a>」の「href=」に「javascript:」のアドレスがあります（スクリプトが動くおそれがあります）"),
    ('<div data-kb-to=" JavaScript:alert(1)"></div>', "本文: 「<div>」の「data-kb-to=」に「JavaScript:」のアドレスがあります（スクリプトが動くおそれがあります）"),
    ('<img src="https://tracker.example/p.png" alt="">', "本文: 「<img>」の「src=」がサイトの外「https://tracker.example/p.png」を指しています"
     "（人がクリックする https: のリンクと mailto: のほかは、外へのリクエストになります）"),
    ('<img src="//tracker.example/p.png" alt="">', "本文: 「<img>」の「src=」がサイトの外「//tracker.example/p.png」を指しています"
     "（人がクリックする https: のリンクと mailto: のほかは、外へのリクエストになります）"),
    ('<img src="/\\tracker.example/p.png" alt="">', "本文: 「<img>」の「src=」がサイトの外「/\\tracker.example/p.png」を指しています"
     "（人がクリックする https: のリンクと mailto: のほかは、外へのリクエストになります）"),
    ('<a href="http://example.org/">x</a>', "本文: 「<a>」の「href=」がサイトの外「http://example.org/」を指しています"
     "（人がクリックする https: のリンクと mailto: のほかは、外へのリクエストになります）"),
    ('<iframe src="x.html"></iframe>', "本文: 本文に許可されていない要素「<iframe>」があります" + OWN),
    ('<video poster="x.png"></video>', "本文: 本文に許可されていない要素「<video>」があります" + OWN),
    ('<plaintext>', "本文: 本文に許可されていない要素「<plaintext>」があります" + OWN),
    ('<div style="position:fixed;inset:0">x</div>', "本文: 「<div>」に許可されていない属性「style=」があります" + OWN),
    ('<table><tr><td style="background:url(https://tracker.example/b.png)">x</td></tr></table>', "本文: 「<td>」の「style=」は表の文字寄せ（text-align）だけが使えます"),
    ('<table><tr><td background="https://tracker.example/b.png">x</td></tr></table>', "本文: 「<td>」に許可されていない属性「background=」があります" + OWN),
    ('<a href="a.html" ping="https://tracker.example/">x</a>', "本文: 「<a>」に許可されていない属性「ping=」があります" + OWN),
    ('<svg><rect fill="url(https://tracker.example/f.svg#a)"></rect></svg>', "本文: 「<rect>」の「fill=」に url(…) があります（サイトの外を読み込めるため）"),
    ('<form action="https://example.org/post"><button>x</button></form>', "本文: 「<form>」に許可されていない属性「action=」があります" + OWN),
    ('<script>window.__pwned=1</script>', "本文: 本文にスクリプトが書かれています（本文に置けるのは許可リストのファイルを読み込む <script src> だけです）"),
    ('<script src="../../uploads/evil.js"></script>', "本文: スクリプト「../../uploads/evil.js」はサイトの許可リストにありません"
     "（mkdocs.yml の extra_javascript / extra_css、テーマのファイル、kyodo_kb/sources/page_safety.py の SITE_ASSETS）"),
])
def test_unsafe_content_is_named(content, expected):
    assert messages(page(content)) == [expected]


@pytest.mark.parametrize("head, frame, expected", [
    ("<script>window.__pwned=1</script>", "",
     f"枠: ページの枠に許可リストにないスクリプトがあります（指紋 {script_fingerprint('window.__pwned=1')}。テーマの更新で変わったものなら、"
     "確かめてから kyodo_kb/sources/page_safety.py の THEME_INLINE_SCRIPTS に加えてください）"),
    ('<meta http-equiv="refresh" content="0; url=https://example.org/">', "",
     "枠: 「<meta http-equiv>」は使えません（ページの移動や読み込みを指示できるため）"),
    ('<link rel="stylesheet" href="https://cdn.example/x.css">', "",
     "枠: 「<link>」の「href=」がサイトの外「https://cdn.example/x.css」を指しています（人がクリックする https: のリンクと mailto: のほかは、外へのリクエストになります）"),
    ('<link rel="stylesheet" href="../../uploads/x.css">', "",
     "枠: スタイルシート「../../uploads/x.css」はサイトの許可リストにありません（mkdocs.yml の extra_javascript / extra_css、テーマのファイル、kyodo_kb/sources/page_safety.py の SITE_ASSETS）"),
    ('<base href="https://example.org/">', "", "枠: ページの枠（ヘッダー・ナビゲーション）に許可されていない要素「<base>」があります" + OWN),
    ("<style>body{background:url(https://x/)}</style>", "", "枠: 「<style>」は、印刷の柱（チェックリストの題名と版）のほかには使えません（画面を覆い隠したり、外部を読み込んだりできるため）"),
    ("", '<nav class="md-nav"><a href="../x/" onmouseover="window.__pwned=1">x</a></nav>',
     "枠: 「<a>」にイベント処理の属性「onmouseover=」があります（スクリプトが動きます）"),
    ("", '<span class="md-ellipsis"><img src="https://tracker.example/t.png" alt=""></span>',
     "枠: 「<img>」の「src=」がサイトの外「https://tracker.example/t.png」を指しています（人がクリックする https: のリンクと mailto: のほかは、外へのリクエストになります）"),
])
def test_unsafe_frame_is_named(head, frame, expected):
    assert messages(page(head=head, frame=frame)) == [expected]


def test_the_theme_configuration_may_only_start_a_listed_search_script():
    html = page().replace("../../assets/javascripts/search_engine.js?v=1a2b3c4d", "https://cdn.example/worker.js")
    assert messages(html) == ["枠: テーマの設定（#__config）の検索スクリプト「https://cdn.example/worker.js」はサイトの許可リストにありません"]


def test_the_theme_s_inline_scripts_are_known_at_any_depth():
    # the scripts Material writes unconditionally (content.tabs.link, not enabled, writes one more)
    for base in ("..", "../..", ".", "/", "../../..", "/kyodo/", "/intranet/bumon/kyodo/"):  # the last two: 404.html under site_url
        scripts = theme_scripts("base.html", base) + theme_scripts("palette.html", base) + theme_scripts("content.html", base)[-1:]
        assert [script_fingerprint(s) in THEME_INLINE_SCRIPTS for s in scripts] == [True, True, True]


def test_a_theme_script_whose_root_names_another_host_is_not_the_theme_s():
    script = theme_scripts("base.html", "//evil.example/")[0]
    assert script_fingerprint(script) not in THEME_INLINE_SCRIPTS


def test_an_unclosed_tag_at_the_end_is_named():
    found = page_output_problems('<p>x</p><a href="x"', "index.html", ASSETS)
    assert [p.message for p in found] == ["閉じられていない HTML のタグがあります"]


def test_a_closed_article_does_not_end_the_check():
    # content that closes Material's article early is judged by the frame's rules from there on
    found = messages(page('<p>x</p></article><iframe src="x.html"></iframe><article>'))
    assert found == ["枠: ページの枠（ヘッダー・ナビゲーション）に許可されていない要素「<iframe>」があります" + OWN]


def test_markup_html_parser_takes_for_a_comment_is_judged_as_the_browser_reads_it():
    # `--!>` ends a comment in HTML5 (html.parser reads on to `-->`): the image is live in a browser
    assert messages(page('<!--a--!><img src=x onerror="window.__pwned=1">-->')) == [
        "本文: 「<img>」にイベント処理の属性「onerror=」があります（スクリプトが動きます）"]
    problems = page_output_problems(page('<!--><img src=x onerror="window.__pwned=1">-->'), "checklists/kyotei/index.html", ASSETS)
    assert [p.fragment for p in problems] == ['<img src="x" onerror="window.__pwned=1">']


@pytest.mark.parametrize("content", [
    '<textarea><img src=x onerror="window.__pwned=1"></textarea>',  # text inside a text field
    '<table><tr><td><title><img src=x onerror="window.__pwned=1"></title></td></tr></table>',
    '<p><a href="../x/" href="javascript:window.__pwned=1">x</a></p>',  # the first of the same attribute wins
])
def test_markup_the_browser_reads_as_text_or_drops_passes(content):
    assert messages(page(content)) == []


def test_404_may_write_only_listed_assets():
    written = '<script>document.write("<script src=\\"assets/javascripts/kb_common.js\\"><\\/script>")</script>'
    assert messages(page(head=written).replace("../../", ""), dest="404.html") == []
    evil = '<script>document.write("<script src=\\"uploads/evil.js\\"><\\/script>")</script>'
    assert messages(page(head=evil).replace("../../", ""), dest="404.html") == [
        "枠: スクリプト「uploads/evil.js」はサイトの許可リストにありません（mkdocs.yml の extra_javascript / extra_css、テーマのファイル、"
        "kyodo_kb/sources/page_safety.py の SITE_ASSETS）"]


def test_errors_name_the_page_and_the_line_of_the_source(tmp_path):
    (tmp_path / "checklists").mkdir()
    (tmp_path / "checklists" / "kyotei.yml").write_text("id: kyotei\ntitle: 役割分担・協定\n", encoding="utf-8")
    problems = page_output_problems(page('<span title="役割分担・協定" onclick="x()">a</span>'), "checklists/kyotei/index.html", ASSETS)
    errors = page_output_errors(problems, "checklists/kyotei/index.html", ["checklists/kyotei.yml"], tmp_path)
    assert [str(e) for e in errors] == [
        'checklists/kyotei.yml:2: 出力されたページ checklists/kyotei/index.html（本文）: 「<span>」にイベント処理の属性「onclick=」があります'
        '（スクリプトが動きます）。該当箇所: <span title="役割分担・協定" onclick="x()"> [page-output-unsafe]']
    without_source = page_output_errors(problems, "404.html", [], tmp_path)
    assert without_source[0].location == SourceLocation("404.html", 0)


def test_addresses_under_the_site_s_own_address_are_inside_it():
    # `mkdocs serve` sets site_url: canonical links and 404.html's root-absolute addresses
    html = page(head='<link rel="canonical" href="http://127.0.0.1:8000/checklists/kyotei/">'
                '<script src="/assets/javascripts/kb_common.js"></script>')
    assert [p.message for p in page_output_problems(html, "checklists/kyotei/index.html", ASSETS, "http://127.0.0.1:8000/")] == []
    assert [p.message for p in page_output_problems(html, "checklists/kyotei/index.html", ASSETS)] == [
        "「<link>」の「href=」がサイトの外「http://127.0.0.1:8000/checklists/kyotei/」を指しています"
        "（人がクリックする https: のリンクと mailto: のほかは、外へのリクエストになります）"]


def test_the_theme_never_builds_tooltips_from_titles():
    """Material's content.tooltips sets a tooltip's content with innerHTML from a `title`, and
    gives every truncated navigation or header text (which shows markup-like text as text) a
    title of its own: a heading 「<img src=x onerror=…>書面の種類」 ran on hover. Off for good."""
    import yaml
    from support import ROOT
    features = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]["features"]
    assert "content.tooltips" not in features


def test_the_print_running_header_is_the_one_style_element():
    from kyodo_kb.outputs.print_blocks import render_running_header
    header = render_running_header('協定"}</style><script>window.__pwned=1</script>', None)
    assert messages(page(header)) == []
    forged = '<style class="kb-running-header">@media print { body { background: url(https://tracker.example/) } }</style>'
    assert messages(page(forged)) == [
        "本文: 「<style>」は、印刷の柱（チェックリストの題名と版）のほかには使えません（画面を覆い隠したり、外部を読み込んだりできるため）"]
