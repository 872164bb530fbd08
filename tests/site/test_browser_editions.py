"""Two editions of a copy of the project: the 版の比較 page (pre-rendered and redone in the browser),
the 「改定」 mark and 「前回の閲覧後に変更」 on a checklist page, and make edition itself."""
import datetime
import json
import re
import subprocess
import sys

import pytest

from kyodo_kb.tooling.browser import serve_directory
from kyodo_kb.tooling.project import PROJECT_ROOT, copy_project, run_mkdocs_build

TODAY = datetime.date.today()
NEW_ITEM = """
  - id: KT-99
    check: 協定の内容を相手方の構成員にも伝えているか
    caution: |
      試しに追加した留意事項です。
    basis: [市民活動推進条例第9条第1項第4号]
"""


def make_edition(project, *args):
    return subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "make_edition.py"), *args, "--root", str(project)],
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory):
    """The project with edition 1.1 published today: KT-01 reworded, KT-03 (linked from nowhere) removed, KT-99 added."""
    folder = tmp_path_factory.mktemp("editions")
    project = copy_project(folder / "project")
    # 1.0 re-recorded from the content as it is now, so the comparison shows only this test's changes
    # (content edited on main after 1.0 was published would otherwise show up as revisions too)
    assert make_edition(project, "1.0").returncode == 0
    changelog = project / "data" / "changelog.yml"
    changelog.write_text(changelog.read_text(encoding="utf-8").replace(
        "revisions:\n", f'revisions:\n  - date: {TODAY.isoformat()}\n    version: "1.1"\n    summary: 役割分担の問いを改めました。\n', 1),
        encoding="utf-8")
    checklist = project / "checklists" / "kyotei.yml"
    text = checklist.read_text(encoding="utf-8")
    text = text.replace("市と相手方それぞれの得意なこと・できないこと", "市と相手方それぞれの強み・できないこと", 1)
    text = text[:text.index("  - id: KT-03")] + text[text.index("  - id: KT-04"):]
    text = text.rstrip("\n") + "\n" + NEW_ITEM
    checklist.write_text(text, encoding="utf-8")
    # the paperwork sheets name KT-03 among their cautions: a removed caution is unnamed there too
    for sheet in (project / "paperwork").glob("*.yml"):
        sheet.write_text(re.sub(r"KT-03, |, KT-03|KT-03(?=\])", "", sheet.read_text(encoding="utf-8")), encoding="utf-8")
    result = make_edition(project, "1.1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "data/editions/1.1.json を作成しました（版 1.1" in result.stdout
    site = folder / "site"
    build = run_mkdocs_build(project, site)
    assert build.returncode == 0, build.stdout + build.stderr
    server, url = serve_directory(site)
    yield project, site, url
    server.shutdown()


def test_make_edition_needs_the_changelog_entry_first(tmp_path):
    project = copy_project(tmp_path / "project")
    result = make_edition(project, "9.9")
    assert result.returncode == 2
    assert "版「9.9」の記録が data/changelog.yml にありません" in result.stderr
    assert not (project / "data" / "editions" / "9.9.json").exists()


def test_a_changelog_entry_without_its_edition_fails_make_check(two_editions, tmp_path):
    project, _, _ = two_editions
    (project / "data" / "editions" / "1.1.json").rename(tmp_path / "1.1.json")
    try:
        result = subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "check.py"), "--root", str(project)],
                                capture_output=True, text=True)
    finally:
        (tmp_path / "1.1.json").rename(project / "data" / "editions" / "1.1.json")
    assert result.returncode == 1
    line = (project / "data" / "changelog.yml").read_text(encoding="utf-8").splitlines().index("revisions:") + 2
    assert (f"data/changelog.yml:{line}: 版「1.1」の内容の記録 data/editions/1.1.json がありません。"
            "make edition VERSION=1.1 で作ってください [edition-missing]") in result.stdout


def changes_shown(page):
    return page.eval_on_selector_all(".kb-editions-result .kb-change", """nodes => nodes.map(n =>
        [n.querySelector('.kb-change-kind').textContent, n.dataset.item])""")


@pytest.mark.browser
def test_the_comparison_page_compares_any_two_editions_with_a_character_diff(two_editions, page):
    _, _, url = two_editions
    page.goto(url + "editions/")
    assert changes_shown(page) == [["追加", "KT-99"], ["改定", "KT-01"], ["削除", "KT-03"]]
    kt01 = page.locator('.kb-editions-result .kb-change[data-item="KT-01"] dd').first
    assert kt01.locator("del").all_text_contents() == ["得意なこと"]
    assert kt01.locator("ins").all_text_contents() == ["強み"]
    # the other way round, chosen in the form: the browser redoes the comparison
    page.select_option(".kb-edition-from", label=page.locator(".kb-edition-to option:checked").text_content())
    page.locator(".kb-edition-to").select_option(index=0)
    assert page.locator(".kb-comparison-summary").text_content().startswith("1.1版（")
    assert changes_shown(page) == [["追加", "KT-03"], ["改定", "KT-01"], ["削除", "KT-99"]]
    kt01 = page.locator('.kb-editions-result .kb-change[data-item="KT-01"] dd').first
    assert kt01.locator("del").all_text_contents() == ["強み"] and kt01.locator("ins").all_text_contents() == ["得意なこと"]
    # a date before 1.1 compares the edition in force then with the one chosen as 比べる先
    page.locator(".kb-edition-to").select_option(index=1)
    page.fill(".kb-edition-date", "2026-12-01" if TODAY > datetime.date(2026, 12, 1) else "2026-11-28")
    page.dispatch_event(".kb-edition-date", "change")
    assert page.locator(".kb-comparison").get_attribute("data-from") == "1.0"
    assert page.locator(".kb-comparison").get_attribute("data-to") == "1.1"
    # a query string opens a comparison directly; the history names every change of the checklist
    page.goto(url + "editions/?from=1.1&to=1.1")
    assert page.locator(".kb-comparison-summary").text_content().endswith("への変更: 0 件")
    assert "追加 KT-99、改定 KT-01、削除 KT-03" in page.locator("#history-kyotei + p + ul").text_content()


@pytest.mark.browser
def test_a_checklist_page_marks_revised_items_and_items_changed_since_the_last_visit(two_editions, page):
    project, _, url = two_editions
    page.goto(url + "checklists/kyotei/")
    marks = page.eval_on_selector_all(".kb-revised", "nodes => nodes.map(n => n.closest('.kb-item').dataset.item)")
    assert marks == ["KT-01", "KT-99"]
    assert page.locator('.kb-item[data-item="KT-01"] .kb-revised').text_content().startswith("改定 令和")
    assert page.locator(".kb-changed-since").count() == 0  # a first visit has nothing to compare with
    seen = page.evaluate("JSON.parse(localStorage.getItem('kyodo-kb:seen:kyotei'))")
    assert sorted(seen) == ["KT-01", "KT-02", "KT-04", "KT-05", "KT-06", "KT-07", "KT-08", "KT-09", "KT-99"]
    seen["KT-04"] = "000000000000"
    page.evaluate("seen => localStorage.setItem('kyodo-kb:seen:kyotei', JSON.stringify(seen))", seen)
    page.reload()
    changed = page.eval_on_selector_all(".kb-changed-since", "nodes => nodes.map(n => n.closest('.kb-item').dataset.item)")
    assert changed == ["KT-04"]
    assert page.locator(".kb-changed-since").first.text_content() == "前回の閲覧後に変更"
    page.reload()  # seen now: no mark any more
    assert page.locator(".kb-changed-since").count() == 0
    page.click(".kb-history-link")
    assert page.url.endswith("editions/#history-kyotei")
