"""scripts/new_checklist.py: a valid skeleton with the next free item ids; refuses bad input."""
from __future__ import annotations

import subprocess

import pytest

from kyodo_kb.tooling.project import PROJECT_ROOT as ROOT, copy_project
from support import load_script

tool = load_script("new_checklist")
check = load_script("check")


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def test_make_new_checklist_creates_a_skeleton_that_passes_make_check(project):
    (project / ".venv").symlink_to(ROOT / ".venv")  # the copy's Makefile then finds an installed venv
    result = subprocess.run(["make", "-s", "new-checklist", "ID=zeta-test", "TITLE=試しのチェックリスト"],
                            cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    text = (project / "checklists" / "zeta-test.yml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schemas/checklist.schema.json"
    assert "id: ZT-01" in text and "id: ZT-03" in text and text.count("- id: ZT-") == 3
    assert text.count("要記入") >= 7
    assert check.main(["--root", str(project)]) == 0


def test_item_numbers_continue_after_the_highest_used_number_of_the_prefix(project):
    (project / "checklists" / "other.yml").write_text(
        "id: other\ntitle: t\nitems:\n  - id: KG-41\n    check: c か\n    caution: c\n", encoding="utf-8")
    target, text, notes = tool.plan(project, "new-one", "題名", "kg")
    assert "- id: KG-42" in text and "- id: KG-44" in text
    assert notes and "KG-42" in notes[0] and "checklists/other.yml" in notes[0]


@pytest.mark.parametrize("checklist_id, prefix", [("kyodo-gensoku", "KG"), ("support-center", "SC"), ("keikaku", "KK"),
                                                  ("hyoka", "HY"), ("sentei", "SN"), ("a", "AX")])
def test_derive_prefix_uses_initials_or_the_first_consonants(checklist_id, prefix):
    assert tool.derive_prefix(checklist_id) == prefix


def test_a_title_with_yaml_special_characters_is_kept_exactly(project):
    title = "「対等」: #1 の *確認* 'とき'"
    assert tool.main([f"--root={project}", "odd-title", title]) == 0
    assert check.main(["--root", str(project)]) == 0
    kb = __import__("kyodo_kb.knowledge_base", fromlist=["load_knowledge_base"]).load_knowledge_base(project)
    assert next(c for c in kb.checklists if c.id == "odd-title").title == title


@pytest.mark.parametrize("args, message", [
    (["Keikaku", "題名"], "ID「Keikaku」は使えません"),
    (["kei kaku", "題名"], "ID「kei kaku」は使えません"),
    ([], "ID を指定してください"),
    (["keikaku"], "TITLE（チェックリストの題名）を指定してください"),
    (["kyodo-gensoku", "題名"], "checklists/kyodo-gensoku.yml はすでにあります。上書きはしません"),
    (["new-id", "題名", "--prefix", "K-K"], "PREFIX「K-K」は使えません"),
])
def test_bad_input_exits_2_with_a_japanese_message_and_writes_nothing(project, capsys, args, message):
    before = sorted(p.name for p in (project / "checklists").iterdir())
    original = (project / "checklists" / "kyodo-gensoku.yml").read_bytes()
    assert tool.main(["--root", str(project), *args]) == 2
    assert message in capsys.readouterr().err
    assert sorted(p.name for p in (project / "checklists").iterdir()) == before
    assert (project / "checklists" / "kyodo-gensoku.yml").read_bytes() == original


def test_an_id_already_used_inside_another_file_is_refused(project, capsys):
    (project / "checklists" / "renamed.yml").write_text(
        "id: taken\ntitle: t\nitems:\n  - id: TK-01\n    check: cか\n    caution: c\n", encoding="utf-8")
    assert tool.main(["--root", str(project), "taken", "題名"]) == 2
    assert "checklists/renamed.yml で使われています" in capsys.readouterr().err


def test_make_new_checklist_writes_the_title_exactly_as_given_and_runs_nothing(project, tmp_path):
    (project / ".venv").symlink_to(ROOT / ".venv")
    witness = tmp_path / "ran"
    title = f"「会議」'引用' \"二重\" $HOME $(touch {witness}) `touch {witness}` 100%"
    result = subprocess.run(["make", "-s", "new-checklist", "ID=quote-test", f"TITLE={title}"],
                            cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    import yaml
    data = yaml.safe_load((project / "checklists" / "quote-test.yml").read_text(encoding="utf-8"))
    assert data["title"] == title
    assert not witness.exists()
