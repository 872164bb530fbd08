"""The 改定履歴 (data/changelog.yml): located validation errors and the rendered page."""
import datetime
from pathlib import Path

import pytest

from kyodo_kb.formats.changelog import load_changelog, read_changelog
from kyodo_kb.render.changelog_page import render_changelog_page
from kyodo_kb.sources.yaml_source import load_yaml_text

from support import ROOT


def read(text):
    errors = []
    loaded = load_yaml_text(text, "data/changelog.yml")
    revisions = read_changelog(loaded.root, "data/changelog.yml", errors).revisions if loaded.root else []
    return revisions, [str(e) for e in sorted(errors + loaded.errors)]


def test_the_shipped_changelog_is_valid_and_not_empty():
    errors = []
    changelog = load_changelog(ROOT, errors)
    assert changelog.revisions and changelog.edition and errors == []


def test_revisions_are_read_with_bare_or_quoted_dates_and_listed_newest_first():
    revisions, errors = read('revisions:\n  - date: 2026-04-01\n    version: "1.0"\n    summary: 初版\n'
                             '  - date: "2026-11-27"\n    version: "1.1"\n    summary: 改定\n')
    assert errors == []
    assert [(r.date, r.version) for r in revisions] == [(datetime.date(2026, 11, 27), "1.1"), (datetime.date(2026, 4, 1), "1.0")]


@pytest.mark.parametrize("entry, message", [
    ('  - date: 2026-13-01\n    version: "1.0"\n    summary: s\n',
     "data/changelog.yml:2: revisions[1].date: 日付を「2026-11-27」のように西暦の年-月-日で書いてください（「2026-13-01」が書かれています） [changelog-date]"),
    ('  - date: 令和8年11月27日\n    version: "1.0"\n    summary: s\n',
     "data/changelog.yml:2: revisions[1].date: 日付を「2026-11-27」のように西暦の年-月-日で書いてください（「令和8年11月27日」が書かれています） [changelog-date]"),
    ('  - date: 2026-11-27\n    version: 1.0\n    summary: s\n',
     "data/changelog.yml:3: revisions[1].version: 1行の文字列を書いてください（数値（1.0）が書かれています）。YAML では yes/no/on/off/true/false や数字・日付は文字列になりません。値を引用符（\"…\"）で囲んでください [field-wrong-type]"),
    ('  - date: 2026-11-27\n    version: "1.0"\n',
     "data/changelog.yml:2: revisions[1].summary: 必須の項目がありません。「summary: 」の行を追加してください。改定の内容です（Markdown） [field-missing]"),
    ('  - date: 2026-11-27\n    version: "1.0"\n    summary: s\n  - date: 2026-11-28\n    version: "1.0"\n    summary: t\n',
     "data/changelog.yml:6: revisions[2].version: 版「1.0」が重複しています（3行目にもあります） [duplicate-entry]"),
])
def test_each_mistake_is_reported_at_its_line_in_japanese(entry, message):
    _, errors = read("revisions:\n" + entry)
    assert errors == [message]


@pytest.mark.parametrize("entry, message", [
    ('  - date: 2026-11-27\n    version: "1.0"\n    summary: s\n    change: big\n',
     "data/changelog.yml:5: revisions[1].change: 「big」は使えません。major（大きな改定）か minor（小さな改定）を書いてください [changelog-change-kind]"),
    ('  - date: 2026-11-27\n    version: "1.0"\n    summary: s\n    change: Major\n',
     "data/changelog.yml:5: revisions[1].change: 「Major」は使えません。major（大きな改定）か minor（小さな改定）を書いてください [changelog-change-kind]"),
    ('  - date: 2026-11-27\n    version: "1.0"\n    summary: s\n    change: major\n',
     "data/changelog.yml:5: revisions[1].change_note: 大きな改定（change: major）には、変更の要点を change_note に書いてください"
     "（何が変わり、使う人が何を確かめ直すべきか） [changelog-change-note]"),
])
def test_the_change_kind_is_major_or_minor_and_a_major_change_needs_its_note(entry, message):
    _, errors = read("revisions:\n" + entry)
    assert errors == [message]


def test_the_page_lists_each_revision_with_wareki_and_seireki_dates():
    revisions, _ = read('revisions:\n  - date: 2019-05-01\n    version: "2.0"\n    summary: "**改元**に対応"\n')
    page = render_changelog_page(revisions)
    assert "## 令和元年5月1日（2019年5月1日）　2\\.0版 { #v2-0 }" in page
    assert "**改元**に対応" in page


def test_an_absent_changelog_is_no_revisions_not_an_error(tmp_path):
    errors = []
    assert load_changelog(tmp_path, errors).revisions == () and errors == []
    assert "まだ記録はありません" in render_changelog_page([])


def test_make_check_reports_changelog_and_tag_list_errors_with_the_data_errors(tmp_path, capsys):
    from kyodo_kb.tooling.project import copy_project
    from support import load_script
    project = copy_project(tmp_path / "project")
    (project / "data" / "changelog.yml").write_text('revisions:\n  - date: 2026-11-27\n    version: "1.0"\n', encoding="utf-8")
    (project / "data" / "tags.yml").write_text("tags:\n  - name: 会計\n", encoding="utf-8")
    assert load_script("check").main(["--root", str(project)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "data/changelog.yml:2: revisions[1].summary: 必須の項目がありません。「summary: 」の行を追加してください。改定の内容です（Markdown） [field-missing]",
        "data/tags.yml:2: tags[1].description: 必須の項目がありません。「description: 」の行を追加してください。どんな確認項目に付けるタグかの説明です [field-missing]",
    ]


def test_dates_before_the_wareki_calendar_and_impossible_dates_are_located_errors():
    _, errors = read('revisions:\n  - date: 1800-01-01\n    version: "1.0"\n    summary: s\n'
                     '  - date: 2026-02-30\n    version: "1.1"\n    summary: s\n')
    assert errors == [
        "data/changelog.yml:2: revisions[1].date: 1800-01-01 は使えません（和暦に換算できるのは 1873-01-01 以降の日付です）。日付を確かめてください [changelog-date-range]",
        "data/changelog.yml:5: revisions[2].date: 日付を「2026-11-27」のように西暦の年-月-日で書いてください（「2026-02-30」が書かれています） [changelog-date]"]


def test_the_earliest_date_is_where_wareki_starts():
    from kyodo_kb.formats.changelog import EARLIEST_DATE
    from kyodo_kb.render.wareki import EARLIEST
    assert EARLIEST_DATE == EARLIEST


def test_versions_that_would_share_an_anchor_are_refused():
    _, errors = read('revisions:\n  - date: 2026-01-01\n    version: "1.0"\n    summary: s\n'
                     '  - date: 2026-02-01\n    version: "1-0"\n    summary: s\n')
    assert errors == [
        "data/changelog.yml:6: revisions[2].version: 版「1-0」は、版「1.0」（3行目）と見出しのアンカー（#v1-0）が同じになり、"
        "リンクで区別できません。版の番号の書き方をそろえてください（例: 1.0 と 1.1） [changelog-version-anchor]"]


def test_major_minor_and_the_change_note_are_read_and_shown_on_the_changelog_page():
    revisions, errors = read('revisions:\n  - date: 2026-12-01\n    version: "1.1"\n    summary: 表記を直しました。\n    change: minor\n'
                             '  - date: 2026-11-27\n    version: "1.0"\n    summary: 初版\n    change: major\n    change_note: 初版です。\n'
                             '  - date: 2026-10-01\n    version: "0.9"\n    summary: 試行\n')
    assert errors == []
    assert [(r.version, r.change, r.change_label, r.change_note) for r in revisions] == [
        ("1.1", "minor", "小さな改定", None), ("1.0", "major", "大きな改定", "初版です。"), ("0.9", None, "要確認", None)]
    page = render_changelog_page(revisions)
    assert "**区分**: 小さな改定" in page and "**変更の要点**: 初版です。" in page and "**区分**: 要確認" in page


def test_the_shipped_first_edition_is_recorded_as_a_major_change_with_its_note():
    errors = []
    first = load_changelog(ROOT, errors).revisions[-1]
    assert (first.version, first.change, first.change_note) == ("1.0", "major", "初版です。すべての確認項目が新しく加わりました。")
