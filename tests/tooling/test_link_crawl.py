"""Every internal link and anchor of the built site resolves (a crawler over site/, in
addition to MkDocs' own validation), and the crawler itself finds what is broken."""
import sys
from pathlib import Path

from support import ROOT

from kyodo_kb.tooling.site_checks import html_pages, link_problems


def test_every_internal_link_and_anchor_of_the_built_site_resolves(built_site):
    assert len(html_pages(built_site)) >= 7
    assert link_problems(built_site) == []


def write(site: Path, name: str, html: str) -> None:
    path = site / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")


def test_the_crawler_reports_missing_pages_missing_anchors_and_root_links(tmp_path):
    write(tmp_path, "index.html",
          '<a href="a/">a</a> <a href="a/#%E5%8D%94%E5%83%8D">協働</a> <a href="a/#nowhere">x</a> '
          '<a href="missing/">m</a> <img src="assets/none.png"> <a href="/a/">root</a> '
          '<a href="https://example.com/">outside</a> <a href="#top" id="top">top</a> '
          '<a href="later.pdf" data-kb-pdf hidden>not shown until the file exists</a>')
    write(tmp_path, "a/index.html", '<h2 id="協働">協働</h2><a href="../index.html#top">back</a>')
    write(tmp_path, "404.html", '<a href="/a/">root links are how MkDocs writes the 404 page</a>')
    assert link_problems(tmp_path) == [
        'index.html: <a href="/a/"> はサイトのルートからのリンクです（サブパスに置くと切れます）',
        'index.html: <a href="a/#nowhere"> のアンカー #nowhere が a/index.html にありません',
        'index.html: <a href="missing/"> のリンク先 missing/index.html がありません',
        'index.html: <img src="assets/none.png"> のリンク先 assets/none.png がありません',
    ]


def test_the_script_exits_0_1_2(tmp_path, capsys):
    from kyodo_kb.tooling.site_checks import main
    write(tmp_path / "ok", "index.html", '<a href="#x" id="x">x</a>')
    write(tmp_path / "bad", "index.html", '<a href="gone.html">x</a>')
    assert main([str(tmp_path / "ok")]) == 0
    assert main([str(tmp_path / "bad")]) == 1
    assert capsys.readouterr().out == "index.html: <a href=\"gone.html\"> のリンク先 gone.html がありません\n"
    assert main([str(tmp_path / "missing")]) == 2 and main([]) == 2
