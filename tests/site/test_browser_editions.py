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
from support import keep_only_the_first_edition

TODAY = datetime.date.today()


def choose_checklist():
    """(checklist id, its first item, an item no page links to): that item can be removed without
    breaking a link, and the first one is reworded."""
    import re
    text = "".join(p.read_text(encoding="utf-8") for folder in ("checklists", "docs", "flows")
                   for p in (PROJECT_ROOT / folder).rglob("*") if p.suffix in (".yml", ".md"))
    for path in sorted((PROJECT_ROOT / "checklists").glob("*.yml")):
        ids = re.findall(r"(?m)^  - id: ([A-Z]+-[0-9]+)$", path.read_text(encoding="utf-8"))
        for candidate in ids[1:]:
            if not re.search(rf"#{candidate}(?![0-9])", text):
                return path.stem, ids[0], candidate
    raise AssertionError("every item is linked from somewhere")


CHECKLIST, FIRST, REMOVED = choose_checklist()
CHANGE_NOTE = "役割分担の問いが変わりました。回答し直してください。"
CHANGE_LINE = f"1.1版: 大きな改定　変更の要点: {CHANGE_NOTE}"
ADDED = FIRST.split("-")[0] + "-99"
NEW_ITEM = f"""
  - id: {ADDED}
    check: 協定の内容を相手方の構成員にも伝えているか
    caution: |
      試しに追加した留意事項です。
    basis:
      - 市民活動推進条例第9条第1項第2号
"""


def make_edition(project, *args):
    return subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "make_edition.py"), *args, "--root", str(project)],
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory):
    """The project with edition 1.1 published today: in one checklist FIRST reworded, REMOVED removed, ADDED added."""
    folder = tmp_path_factory.mktemp("editions")
    project = copy_project(folder / "project")
    # 1.0 as the data of the copy, its only edition (the shipped editions differ from it and from each other)
    assert keep_only_the_first_edition(project) == "1.0"
    assert make_edition(project, "1.0").returncode == 0
    changelog = project / "data" / "changelog.yml"
    changelog.write_text(changelog.read_text(encoding="utf-8").replace(
        "revisions:\n", f'revisions:\n  - date: {TODAY.isoformat()}\n    version: "1.1"\n    summary: 役割分担の問いを改めました。\n'
        f'    change: major\n    change_note: {CHANGE_NOTE}\n', 1),
        encoding="utf-8")
    checklist = project / "checklists" / f"{CHECKLIST}.yml"
    text = checklist.read_text(encoding="utf-8")
    first = text.index(f"  - id: {FIRST}\n")
    check = text.index("    check: ", first) + len("    check: ")
    text = text[:check] + "改めて、" + text[check:]
    start = text.index(f"  - id: {REMOVED}\n")
    end = text.find("\n  - id: ", start + 1)
    text = text[:start] + (text[end + 1:] if end >= 0 else "")
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


@pytest.mark.browser
def test_the_changelog_page_shows_major_or_minor_and_the_change_note(two_editions, page):
    _, _, url = two_editions
    page.goto(url + "changelog/")
    assert page.locator(".kb-change-kind-line").all_inner_texts() == ["区分: 大きな改定", "区分: 大きな改定"]
    assert page.locator(".kb-change-note").first.inner_text() == f"変更の要点: {CHANGE_NOTE}"


def changes_shown(page):
    return page.eval_on_selector_all(".kb-editions-result .kb-change", """nodes => nodes.map(n =>
        [n.querySelector('.kb-change-kind').textContent, n.dataset.item])""")


@pytest.mark.browser
def test_the_comparison_page_compares_any_two_editions_with_a_character_diff(two_editions, page):
    _, _, url = two_editions
    page.goto(url + "editions/")
    assert changes_shown(page) == [["追加", ADDED], ["改定", FIRST], ["削除", REMOVED]]
    assert page.locator(".kb-editions-result .kb-comparison-changes li").all_inner_texts() == [CHANGE_LINE]
    first = page.locator(f'.kb-editions-result .kb-change[data-item="{FIRST}"] dd').first
    assert first.locator("del").all_text_contents() == []
    assert first.locator("ins").all_text_contents() == ["改めて、"]
    # the other way round, chosen in the form: the browser redoes the comparison
    page.select_option(".kb-edition-from", label=page.locator(".kb-edition-to option:checked").text_content())
    page.locator(".kb-edition-to").select_option(index=0)
    assert page.locator(".kb-comparison-summary").text_content().startswith("1.1版（")
    assert changes_shown(page) == [["追加", REMOVED], ["改定", FIRST], ["削除", ADDED]]
    # redone by editions.js: the major/minor label and the note of the edition in between
    assert page.locator(".kb-editions-result .kb-comparison-changes li").all_inner_texts() == [CHANGE_LINE]
    assert page.locator(".kb-comparison-summary").first.inner_text().endswith("件")
    first = page.locator(f'.kb-editions-result .kb-change[data-item="{FIRST}"] dd').first
    assert first.locator("del").all_text_contents() == ["改めて、"] and first.locator("ins").all_text_contents() == []
    # a date before 1.1 compares the edition in force then with the one chosen as 比べる先
    page.locator(".kb-edition-to").select_option(index=1)
    page.fill(".kb-edition-date", "2026-12-01" if TODAY > datetime.date(2026, 12, 1) else "2026-11-28")
    page.dispatch_event(".kb-edition-date", "change")
    assert page.locator(".kb-comparison").get_attribute("data-from") == "1.0"
    assert page.locator(".kb-comparison").get_attribute("data-to") == "1.1"
    # a query string opens a comparison directly; the history names every change of the checklist
    page.goto(url + "editions/?from=1.1&to=1.1")
    assert page.locator(".kb-comparison-summary").text_content().endswith("への変更: 0 件")
    assert f"追加 {ADDED}、改定 {FIRST}、削除 {REMOVED}" in page.locator(f"#history-{CHECKLIST} + p + ul").text_content()


@pytest.mark.browser
def test_a_checklist_page_marks_revised_items_and_items_changed_since_the_last_visit(two_editions, page):
    project, _, url = two_editions
    page.goto(url + f"checklists/{CHECKLIST}/")
    marks = page.eval_on_selector_all(".kb-revised", "nodes => nodes.map(n => n.closest('.kb-item').dataset.item)")
    assert marks == [FIRST, ADDED]
    assert page.locator(f'.kb-item[data-item="{FIRST}"] .kb-revised').text_content().startswith("改定 令和")
    assert page.locator(".kb-changed-since").count() == 0  # a first visit has nothing to compare with
    key = f"kyodo-kb:seen:{CHECKLIST}"
    seen = page.evaluate("key => JSON.parse(localStorage.getItem(key))", key)
    assert REMOVED not in seen and {FIRST, ADDED} <= set(seen)
    other = next(i for i in seen if i not in (FIRST, ADDED))
    seen[other] = "000000000000"
    page.evaluate("([key, seen]) => localStorage.setItem(key, JSON.stringify(seen))", [key, seen])
    page.reload()
    changed = page.eval_on_selector_all(".kb-changed-since", "nodes => nodes.map(n => n.closest('.kb-item').dataset.item)")
    assert changed == [other]
    assert page.locator(".kb-changed-since").first.text_content() == "前回の閲覧後に変更"
    page.reload()  # seen now: no mark any more
    assert page.locator(".kb-changed-since").count() == 0
    page.click(".kb-history-link")
    assert page.url.endswith(f"editions/#history-{CHECKLIST}")


@pytest.mark.browser
def test_answers_carry_over_an_edition_and_answers_to_changed_items_are_marked_for_recheck(site_url, page):
    """Answers are kept per item with the item's fingerprint (decision.js): an unchanged item keeps
    its answer in a new edition; the answer to a changed item is kept and shown as 「再確認」."""
    page.goto(site_url + "checklists/kyotei/")
    items = page.eval_on_selector_all(".kb-item[data-item]", "nodes => nodes.map(n => [n.dataset.item, n.dataset.fingerprint])")
    (changed, _), (unchanged, fingerprint) = items[0], items[1]
    stored = {"format": 2, "checklist": "kyotei", "saved": "", "profile": {},
              "items": {changed: {"answer": "yes", "fp": "0000000000"}, unchanged: {"answer": "no", "fp": fingerprint}}}
    page.evaluate("value => localStorage.setItem('kyodo-kb:answers:kyotei', JSON.stringify(value))", stored)
    page.reload()
    assert page.locator(f'.kb-item[data-item="{unchanged}"] input[value="no"]').is_checked()
    recheck = page.locator(f'.kb-item[data-item="{changed}"] .kb-recheck')
    assert recheck.count() == 1
    assert recheck.text_content().startswith("再確認 前の内容に「はい」と回答した項目です。")
    assert not page.locator(f'.kb-item[data-item="{changed}"] input[type=radio]:checked').count()
    assert page.locator(".kb-recheck").count() == 1
    page.locator(f'.kb-item[data-item="{changed}"] input[value="yes"]').check()
    assert recheck.count() == 0
    page.reload()
    assert page.locator(".kb-recheck").count() == 0
    assert page.locator(f'.kb-item[data-item="{changed}"] input[value="yes"]').is_checked()
