"""Versions of ordinance provisions (text, 施行日, amending ordinance), the text in force on a day,
the amendment notice on the cautions citing an amended provision, and its review (basis_reviewed).
The invalid files are fixture folders (ordinance-versions, basis-reviewed-unknown) checked by
tests/formats/test_checklist_model.py with their exact messages."""
import datetime
import re

import pytest

from kyodo_kb.editing import content_lint
from kyodo_kb.editing.impact import find_impact
from kyodo_kb.formats.ordinance import ProvisionVersion, reference_date, text_on
from kyodo_kb.knowledge_base import load_knowledge_base
from kyodo_kb.render.pages import render_checklist_page, render_ordinance_page
from kyodo_kb.tooling.project import copy_project

from support import ROOT, TEST_AMENDED_TEXT, add_amendment, load_script, record_review

CITE = "市民活動推進条例第9条第1項第4号"
ORIGINAL = "市及び市民活動を行うものは、事業の内容、過程及び結果を公開すること。"


@pytest.fixture(scope="module")
def amended(tmp_path_factory):
    """A copy of the project whose 第9条第1項第4号 has a (fictional) amendment in force 2027-04-01."""
    project = copy_project(tmp_path_factory.mktemp("amended") / "project")
    add_amendment(project, "2027-04-01")
    return project


def test_the_shipped_provisions_have_one_version_each_with_an_unknown_in_force_date():
    kb = load_knowledge_base(ROOT)
    provisions = [p for o in kb.ordinances for _, _, p in o.provisions()]
    assert provisions and all(len(p.versions) == 1 and p.versions[0].in_force is None
                              and p.versions[0].amended_by is None and p.versions[0].text == p.text for p in provisions)
    assert kb.pending_amendments == {}
    page = render_ordinance_page(kb.ordinance("shimin-katsudo"), kb.citing_items)
    assert "反映している改正の時点: 要確認（例規集で改正を確かめた日が記録されていません）" in page
    assert "収録した規定には、改正の記録がありません。" in page and "kb-as-of-date" not in page


def test_the_text_in_force_is_the_newest_version_on_or_before_the_day():
    first = ProvisionVersion("旧", None, None, 1)
    second = ProvisionVersion("新", datetime.date(2027, 4, 1), "令和8年茅ヶ崎市条例第1号", 5)
    assert text_on((first, second), datetime.date(2027, 3, 31)) is first
    assert text_on((first, second), datetime.date(2027, 4, 1)) is second
    known = ProvisionVersion("旧", datetime.date(2005, 4, 1), None, 1)
    assert text_on((known, second), datetime.date(2005, 3, 31)) is None  # not yet in force


def test_the_build_shows_the_text_in_force_on_the_commit_date(monkeypatch, amended):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime.datetime(2027, 4, 1, 0, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=9))).timestamp())))
    assert reference_date() == datetime.date(2027, 4, 1)  # the day in Japan
    kb = load_knowledge_base(amended)
    item = kb.ordinance("shimin-katsudo").article("9").paragraph(1).item(4)
    assert item.text == TEST_AMENDED_TEXT and [v.text for v in item.versions] == [ORIGINAL, TEST_AMENDED_TEXT]
    page = render_ordinance_page(kb.ordinance("shimin-katsudo"), kb.citing_items)
    assert '<p class="kb-as-of-status" role="status" aria-live="polite">令和9年4月1日に施行されている条文を表示しています。' in page
    block = page[page.index('id="art9-para1-item4"'):]
    block = block[:block.index("</details>")]
    versions = re.findall(r'<div class="kb-version" data-from="([^"]*)" data-until="([^"]*)"( hidden)?>', block)
    assert versions == [("", "2027-04-01", " hidden"), ("2027-04-01", "", "")]
    assert "令和9年4月1日施行（令和8年茅ヶ崎市条例第99号による改正）の本文" in block
    assert "この規定の改正の履歴（本文 2 件）" in block and "施行日 要確認（このサイトに収録した最初の本文）" in block
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime.datetime(2027, 3, 1).timestamp())))
    kb = load_knowledge_base(amended)
    assert kb.ordinance("shimin-katsudo").article("9").paragraph(1).item(4).text == ORIGINAL


def test_the_line_names_the_day_amendments_were_checked_in_wareki(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "ordinances" / "jichi-kihon.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("purpose:", "amendments_checked: 2026-11-27\npurpose:", 1), encoding="utf-8")
    kb = load_knowledge_base(project)
    assert '<p class="kb-amendments-checked">令和8年11月27日までの改正を反映</p>' in render_ordinance_page(kb.ordinance("jichi-kihon"), kb.citing_items)


def test_the_cautions_with_the_notice_are_those_make_impact_lists(amended):
    kb = load_knowledge_base(amended)
    _, lines = find_impact(amended, CITE)
    listed = {line.id for line in lines if line.path.startswith("checklists/")}
    assert listed and set(kb.pending_amendments) == listed
    # every one shows the same dated notice, with a link to the amended provision
    checklist = next(c for c in kb.checklists if c.id == "kyotei")
    page = render_checklist_page(checklist, kb.pending_amendments)
    block = page[page.index('data-item="KT-09"'):]
    block = block[:block.index('<div class="kb-item"', 10) if '<div class="kb-item"' in block[10:] else len(block)]
    assert "**根拠の規定が改正されました（令和9年4月1日施行）: 内容を確認中**" in block
    assert ("- [市民活動推進条例第9条第1項第4号](../ordinances/shimin-katsudo.md#art9-para1-item4): "
            "令和9年4月1日施行（令和8年茅ヶ崎市条例第99号による改正）") in block


def test_make_lint_lists_the_unreviewed_cautions_and_strict_fails_until_each_is_reviewed(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    add_amendment(project, "2027-04-01")
    lint = load_script("lint_content")
    assert lint.main(["--root", str(project)]) == 0
    assert lint.main(["--root", str(project), "--strict"]) == 1
    out = capsys.readouterr().out
    kt09_line = next(n for n, line in enumerate((project / "checklists" / "kyotei.yml").read_text(encoding="utf-8").splitlines(), 1)
                     if line.strip() == "- id: KT-09")
    assert (f"checklists/kyotei.yml:{kt09_line}: 警告: items[9]（KT-09）: 根拠の規定が改正されました: "
            "市民活動推進条例第9条第1項第4号（令和9年4月1日施行）。留意事項を改正後の規定に照らして見直し、"
            "「basis_reviewed: 2027-04-01」を書いてください（それまでページに「内容を確認中」と表示します） [lint-basis-amended]") in out
    kb = load_knowledge_base(project)
    for checklist in kb.checklists:
        for item in checklist.items:
            if item.id in kb.pending_amendments:
                record_review(project, checklist.id, item.id, "2027-04-01")
    assert load_knowledge_base(project).pending_amendments == {}
    assert lint.main(["--root", str(project), "--strict"]) == 0
    # a newer amendment opens the notice again
    path = project / "ordinances" / "shimin-katsudo.yml"
    text = path.read_text(encoding="utf-8")
    marker = f"                text: {TEST_AMENDED_TEXT}\n"
    path.write_text(text.replace(marker, marker + "              - in_force: 2028-04-01\n"
                                 "                amended_by: 令和9年茅ヶ崎市条例第98号\n"
                                 "                text: （テスト用の架空の再改正の本文）\n", 1), encoding="utf-8")
    pending = load_knowledge_base(project).pending_amendments
    assert pending and all([a.version.in_force for a in p] == [datetime.date(2028, 4, 1)] for p in pending.values())


def test_content_lint_warns_nothing_on_the_shipped_data():
    assert content_lint.basis_amended(load_knowledge_base(ROOT)) == []
