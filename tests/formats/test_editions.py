"""Editions (版): snapshots written by make edition, their located errors, comparison and history."""
import datetime
import json

import pytest

from kyodo_kb.formats.changelog import load_changelog, Revision
from kyodo_kb.formats.editions import (DRAFT_VERSION, compare_editions, item_fingerprint, item_histories,
                                        load_editions, read_snapshot, same_content, snapshot_of, snapshot_text)
from kyodo_kb.knowledge_base import load_knowledge_base
from kyodo_kb.render.editions_page import char_diff_html, render_editions_data, render_editions_page

from support import ROOT

D1, D2 = datetime.date(2026, 11, 27), datetime.date(2027, 4, 1)


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base(ROOT)


def edited(edition, version, date, change=None, drop=(), add=None):
    """`edition` as a later edition: items changed by `change` (id -> dict of fields), some dropped, one added."""
    from kyodo_kb.formats.editions import Edition, SnapshotChecklist, SnapshotItem
    checklists = []
    for checklist in edition.checklists:
        items = []
        for item in checklist.items:
            if item.id in drop:
                continue
            fields = {"check": item.check, "caution": item.caution, "basis": item.basis, **(change or {}).get(item.id, {})}
            items.append(SnapshotItem(item.id, fields["check"], fields["caution"], tuple(fields["basis"]),
                                      item_fingerprint(fields["check"], fields["caution"], fields["basis"])))
        if add and add[0] == checklist.id:
            items.append(SnapshotItem(add[1], "追加した問いか", "追加した留意事項です。", (), item_fingerprint("追加した問いか", "追加した留意事項です。", [])))
        checklists.append(SnapshotChecklist(checklist.id, checklist.title, tuple(items)))
    return Edition(version, date, tuple(checklists))


def test_the_shipped_editions_are_valid_and_every_changelog_revision_has_one():
    errors = []
    revisions = load_changelog(ROOT, errors).revisions
    editions = load_editions(ROOT, revisions, errors)
    assert errors == []
    assert [e.version for e in editions] == sorted(r.version for r in revisions)
    assert editions[0].version == "1.0" and sum(len(c.items) for c in editions[0].checklists) >= 75


def test_a_snapshot_reads_back_as_written_one_caution_per_line(kb):
    edition = snapshot_of(kb.checklists, "1.0", D1)
    text = snapshot_text(edition)
    json.loads(text)  # plain JSON
    errors = []
    again = read_snapshot(text, "data/editions/1.0.json", errors)
    assert errors == [] and same_content(again, edition)
    kt01 = again.items()["KT-01"][1]
    assert text.splitlines()[kt01.line - 1].lstrip().startswith('{"id": "KT-01", "check": ')
    assert kt01.basis == ("市民活動推進条例第9条第1項第2号", "自治基本条例第26条第1項")


def test_the_fingerprint_changes_with_the_check_the_caution_or_the_basis_only():
    base = item_fingerprint("問いか", "留意事項", ["自治基本条例第26条第1項"])
    assert len(base) == 12
    assert base == item_fingerprint("問いか", "留意事項\n", ["自治基本条例第26条第1項"])
    assert len({base, item_fingerprint("問いか？", "留意事項", ["自治基本条例第26条第1項"]),
                item_fingerprint("問いか", "留意事項。", ["自治基本条例第26条第1項"]),
                item_fingerprint("問いか", "留意事項", ["自治基本条例第26条第2項"])}) == 4


def _write(tmp_path, text, name="1.0.json", changelog='revisions:\n  - date: 2026-11-27\n    version: "1.0"\n    summary: s\n'):
    (tmp_path / "data" / "editions").mkdir(parents=True, exist_ok=True)
    (tmp_path / "data" / "changelog.yml").write_text(changelog, encoding="utf-8")
    if text is not None:
        (tmp_path / "data" / "editions" / name).write_text(text, encoding="utf-8")
    errors = []
    editions = load_editions(tmp_path, load_changelog(tmp_path, errors).revisions, errors)
    return editions, [str(e) for e in sorted(errors)]


def test_a_hand_edited_caution_is_reported_at_its_line(tmp_path, kb):
    text = snapshot_text(snapshot_of(kb.checklists, "1.0", D1))
    lines = text.splitlines()
    number = next(n for n, line in enumerate(lines, 1) if line.lstrip().startswith('{"id": "KT-02"'))
    lines[number - 1] = lines[number - 1].replace("条例は、協働を、", "条例は協働を、")
    fingerprint = json.loads(lines[number - 1].rstrip(","))["fingerprint"]
    _, errors = _write(tmp_path, "\n".join(lines) + "\n")
    assert len(errors) == 1
    assert errors[0].startswith(f"data/editions/1.0.json:{number}: 項目「KT-02」の fingerprint（{fingerprint}）が内容と一致しません（内容からは ")
    assert errors[0].endswith("）。版のファイルは手で編集せず、make edition で作り直してください [edition-fingerprint]")


@pytest.mark.parametrize("text, name, changelog, message", [
    ('{"format": 1,\n "edition": "1.0"', "1.0.json", None,
     "data/editions/1.0.json:2: JSON として読めません（Expecting ',' delimiter）。版のファイルは手で編集せず、make edition で作り直してください [edition-damaged]"),
    ('{"format": 2}', "1.0.json", None,
     "data/editions/1.0.json:1: 版のファイルの形式（format: 1）ではありません。版のファイルは手で編集せず、make edition で作り直してください [edition-damaged]"),
    ('{"format": 1, "edition": "1.0", "date": "2026-11-27", "checklists": []}', "1.1.json", None,
     "data/editions/1.1.json:1: ファイル名は版の番号と同じ 1.0.json にしてください [edition-file-name]"),
    ('{"format": 1, "edition": "1.0", "date": "2026-11-28", "checklists": []}', "1.0.json", None,
     "data/editions/1.0.json:1: 日付 2026-11-28 が data/changelog.yml の版「1.0」の日付 2026-11-27 と違います。make edition VERSION=1.0 で作り直してください [edition-date]"),
    ('{"format": 1, "edition": "0.9", "date": "2026-11-27", "checklists": []}', "0.9.json", None,
     "data/editions/0.9.json:1: 版「0.9」の記録が data/changelog.yml にありません。改定の記録を追加するか、このファイルを削除してください [edition-not-in-changelog]"),
    (None, "1.0.json", None,
     "data/changelog.yml:2: 版「1.0」の内容の記録 data/editions/1.0.json がありません。make edition VERSION=1.0 で作ってください [edition-missing]"),
])
def test_each_snapshot_mistake_is_reported_once_at_its_place(tmp_path, text, name, changelog, message):
    args = {"changelog": changelog} if changelog else {}
    _, errors = _write(tmp_path, text, name, **args)
    assert message in errors
    if text is not None and name == "1.0.json":
        assert errors == [message]


def test_two_editions_compared_give_added_changed_and_removed_per_checklist(kb):
    first = snapshot_of(kb.checklists, "1.0", D1)
    kt01 = first.items()["KT-01"][1]
    second = edited(first, "1.1", D2, change={"KT-01": {"check": kt01.check.replace("得意なこと", "強み")}},
                    drop=("KT-07",), add=("kyotei", "KT-99"))
    changes = compare_editions(first, second)
    assert [c.id for c in changes] == ["kyotei"]
    kyotei = changes[0]
    assert [i.id for i in kyotei.added] == ["KT-99"]
    assert [(a.id, b.id) for a, b in kyotei.changed] == [("KT-01", "KT-01")]
    assert [i.id for i in kyotei.removed] == ["KT-07"]
    assert compare_editions(first, first) == []
    history = item_histories([first, second])
    assert [(r.version, r.kind) for r in history["KT-01"]] == [("1.0", "追加"), ("1.1", "改定")]
    assert [(r.version, r.kind) for r in history["KT-07"]] == [("1.0", "追加"), ("1.1", "削除")]
    assert [(r.version, r.kind) for r in history["KT-02"]] == [("1.0", "追加")]


def test_the_character_diff_marks_exactly_the_removed_and_added_characters():
    assert char_diff_html("得意なことを出し合い", "強みを出し合い") == "<del>得意なこと</del><ins>強み</ins>を出し合い"
    assert char_diff_html("a<b", "a<b>c") == "a&lt;b<ins>&gt;c</ins>"


def test_the_comparison_page_shows_the_newest_change_and_every_checklists_history(kb):
    first = snapshot_of(kb.checklists, "1.0", D1)
    kt01 = first.items()["KT-01"][1]
    second = edited(first, "1.1", D2, change={"KT-01": {"check": kt01.check.replace("得意なこと", "強み")}},
                    drop=("KT-07",), add=("kyotei", "KT-99"))
    page = render_editions_page([first, second], kb.checklists)
    assert "1.0版（令和8年11月27日（2026年11月27日）） から 1.1版（令和9年4月1日（2027年4月1日）） への変更: 3 件" in page
    assert "<del>得意なこと</del><ins>強み</ins>" in page
    assert '<span class="kb-change-kind">削除</span> KT-07' in page
    assert '<a href="../checklists/kyotei/#KT-01">KT-01</a>' in page
    assert "### 役割分担・協定の留意事項 { #history-kyotei }" in page
    assert "- 令和9年4月1日（2027年4月1日）　1\\.1版: 追加 KT\\-99、改定 KT\\-01、削除 KT\\-07" in page
    data = render_editions_data([first, second], kb.checklists)
    assert data.startswith("window.kbEditions={") and "</" not in data


def test_the_current_data_is_a_draft_only_when_it_differs_from_the_newest_edition(kb):
    published = snapshot_of(kb.checklists, "1.0", D1)
    assert same_content(published, snapshot_of(list(reversed(kb.checklists)), DRAFT_VERSION, None))
    changed = edited(published, DRAFT_VERSION, None, drop=("KT-07",))
    assert not same_content(published, changed) and changed.draft


def test_the_comparison_names_major_or_minor_and_the_change_note_of_each_edition_in_between(kb):
    first = snapshot_of(kb.checklists, "1.0", D1)
    second = edited(first, "1.1", D2, drop=("KT-07",))
    third = edited(second, "1.2", datetime.date(2027, 5, 1), add=("kyotei", "KT-99"))
    revisions = {"1.0": Revision(D1, "1.0", "初版", 1, "major", "初版です。"),
                 "1.1": Revision(D2, "1.1", "削除", 2, "major", "KT-07 がなくなりました。"),
                 "1.2": Revision(datetime.date(2027, 5, 1), "1.2", "追加", 3, "minor")}
    page = render_editions_page([first, second, third], kb.checklists, revisions)
    assert ('<ul class="kb-comparison-changes">\n<li data-version="1.2" data-change="minor">1.2版: 小さな改定</li>\n</ul>') in page
    assert "公開した版: 1.0版（令和8年11月27日（2026年11月27日））・大きな改定、" in page
    from kyodo_kb.render.editions_page import edition_change_lines
    editions = [first, second, third]
    lines = edition_change_lines(editions, third, first, revisions)  # either way round
    assert lines[1:-1] == ['<li data-version="1.1" data-change="major">1.1版: 大きな改定　変更の要点: KT-07 がなくなりました。</li>',
                           '<li data-version="1.2" data-change="minor">1.2版: 小さな改定</li>']
    data = json.loads(render_editions_data(editions, kb.checklists, revisions).split("=", 1)[1].split(";\n")[0])
    assert [(e["version"], e["change"], e["note"]) for e in data["editions"]] == [
        ("1.0", "大きな改定", "初版です。"), ("1.1", "大きな改定", "KT-07 がなくなりました。"), ("1.2", "小さな改定", None)]
