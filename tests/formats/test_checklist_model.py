"""Checklist validation against fixture folders: valid files load, each invalid case yields
exactly the messages in its `.expected` file (or `expected.txt` for multi-file cases).

Run with KB_REGEN_EXPECTED=1 to rewrite the expected files from the current messages, then
review them as a content diff before committing."""
import os
import shutil
from pathlib import Path

import pytest

from kyodo_kb.knowledge_base import load_knowledge_base
from kyodo_kb.sources.errors import DataErrors

from support import ROOT, error_lines, make_project
from support import FIXTURES
INVALID_FILES = sorted(p for p in (FIXTURES / "invalid").glob("*.yml"))
INVALID_FOLDERS = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())
VALID_FILES = sorted((FIXTURES / "valid").glob("*.yml"))


REGENERATE = os.environ.get("KB_REGEN_EXPECTED") == "1"


def assert_expected(actual: list[str], expected_file: Path) -> None:
    if REGENERATE:
        expected_file.write_text("".join(line + "\n" for line in actual), encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8").splitlines()
    assert actual == expected


@pytest.mark.parametrize("fixture", VALID_FILES, ids=lambda p: p.stem)
def test_valid_fixture_loads_without_errors(tmp_path, fixture):
    project = make_project(tmp_path, {fixture.name: fixture.read_bytes()})
    kb = load_knowledge_base(project)
    assert len(kb.checklists) == 1 and kb.checklists[0].items


@pytest.mark.parametrize("fixture", INVALID_FILES, ids=lambda p: p.stem)
def test_invalid_fixture_reports_exactly_its_expected_messages(tmp_path, fixture):
    project = make_project(tmp_path, {fixture.name: fixture.read_bytes()})
    assert_expected(error_lines(project), fixture.with_suffix(".expected"))


@pytest.mark.parametrize("folder", INVALID_FOLDERS, ids=lambda p: p.name)
def test_invalid_fixture_folder_reports_exactly_its_expected_messages(tmp_path, folder):
    files = {p.name: p.read_bytes() for p in sorted((folder / "checklists").glob("*.yml"))}
    ordinances = {p.name: p.read_bytes() for p in sorted((folder / "ordinances").glob("*.yml"))}
    flows = {p.name: p.read_bytes() for p in sorted((folder / "flows").glob("*.yml"))}
    project = make_project(tmp_path, files, ordinances, flows)
    assert_expected(error_lines(project), folder / "expected.txt")


def test_every_invalid_fixture_has_its_expected_messages():
    for fixture in INVALID_FILES:
        assert fixture.with_suffix(".expected").exists(), fixture.name
    for folder in INVALID_FOLDERS:
        assert (folder / "expected.txt").exists(), folder.name


def test_all_errors_of_all_files_are_reported_together_and_sorted(tmp_path):
    bad = b"id: b\ntitle: t\nitems:\n  - id: B-1\n    check: yes\n    caution: c\n"
    project = make_project(tmp_path, {"z.yml": bad, "a.yml": bad.replace(b"id: b\n", b"id: a\n").replace(b"B-1", b"A-1")})
    lines = error_lines(project)
    assert [line.split(":")[0:2] for line in lines] == [["checklists/a.yml", "5"], ["checklists/z.yml", "5"]]


def test_a_checklist_with_only_the_original_fields_keeps_its_data(tmp_path):
    project = make_project(tmp_path, {"all-fields.yml": (FIXTURES / "valid" / "all-fields.yml").read_bytes()})
    checklist = load_knowledge_base(project).checklists[0]
    first = checklist.items[0]
    assert (checklist.id, checklist.title, first.id, first.tags) == ("all-fields", "すべての項目を使うチェックリスト", "AF-01", ("役割分担", "対等な関係"))
    assert [c.ref.label for c in first.basis] == ["市民活動推進条例第9条第1項第2号", "自治基本条例第26条第2項", "市民活動推進条例第8条第6号"]
    assert checklist.items[1].check == "「対等」: 言葉の使い方を工夫しているか"


def test_a_checklist_of_ten_thousand_items_is_accepted(tmp_path):
    lines = ["id: big", "title: 大きなチェックリスト", "items:"]
    for n in range(10_000):
        lines += [f"  - id: BIG-{n}", f"    check: 確認{n}をしているか", "    caution: |", f"      注意{n}です。",
                  "    basis: [市民活動推進条例第9条第1項第1号]"]
    project = make_project(tmp_path, {"big.yml": ("\n".join(lines) + "\n").encode("utf-8")})
    kb = load_knowledge_base(project)
    assert len(kb.checklists[0].items) == 10_000
    assert len(kb.citing_items[("shimin-katsudo", "art9-para1-item1")]) == 10_000


def test_markdown_problems_point_at_the_line_inside_the_block(tmp_path):
    caution = "    caution: |\n      一行目です。\n\n      三行目に<iframe src=x>があります。\n"
    data = f"id: md\ntitle: 題\nitems:\n  - id: A-1\n    check: 確認しているか\n{caution}".encode("utf-8")
    lines = error_lines(make_project(tmp_path, {"md.yml": data}))
    assert len(lines) == 1 and lines[0].startswith("checklists/md.yml:9: items[1].caution: HTML のタグ「<iframe>」")
