"""Training paths: the shipped paths load, each invalid fixture yields exactly the messages in
its `.expected` file, and make lint flags a question whose caution or provision changed."""
from pathlib import Path
import shutil

import pytest

from kyodo_kb.editing.content_lint import stale_questions
from kyodo_kb.formats.training import NEW_STAFF_MAX_STEPS
from kyodo_kb.knowledge_base import load_knowledge_base, validate_project
from support import FIXTURES, ROOT, error_lines, load_script

TRAINING_FIXTURES = FIXTURES / "training"
INVALID = sorted((TRAINING_FIXTURES / "invalid").glob("*.yml"))


def project_with(tmp_path: Path, training_files: dict) -> Path:
    for folder in ("ordinances", "checklists", "docs/guideline"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    (tmp_path / "training").mkdir()
    for name, data in training_files.items():
        (tmp_path / "training" / name).write_bytes(data)
    return tmp_path


def test_shipped_paths_load_with_their_steps_and_questions():
    kb = load_knowledge_base(ROOT)
    paths = {t.id: t for t in kb.training_paths}
    assert set(paths) >= {"shinsaiyo", "kantokushoku"}
    new_staff = paths["shinsaiyo"]
    assert len(new_staff.steps) <= NEW_STAFF_MAX_STEPS and new_staff.minutes <= 30
    for training in kb.training_paths:
        for question in training.questions:
            # positive questions only: one right choice, asked for as what fits
            assert question.question.endswith("か"), question.id
            assert "誤って" not in question.question and "ないもの" not in question.question, question.id


def test_valid_fixture_loads(tmp_path):
    project = project_with(tmp_path, {"minimal.yml": (TRAINING_FIXTURES / "valid" / "minimal.yml").read_bytes()})
    kb = load_knowledge_base(project)
    (training,) = kb.training_paths
    assert training.steps[0].caution == "KG-01" and training.questions == ()


@pytest.mark.parametrize("fixture", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_reports_exactly_its_expected_messages(tmp_path, fixture):
    project = project_with(tmp_path, {fixture.name: fixture.read_bytes()})
    expected = fixture.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert error_lines(project) == expected
    errors, _ = validate_project(project)
    assert [str(e) for e in sorted(set(errors))] == expected


def test_every_invalid_fixture_has_its_expected_messages():
    assert INVALID
    for fixture in INVALID:
        assert fixture.with_suffix(".expected").exists(), fixture.name


def test_duplicate_path_ids_across_files_are_reported(tmp_path):
    data = (TRAINING_FIXTURES / "valid" / "minimal.yml").read_bytes()
    project = project_with(tmp_path, {"a.yml": data, "b.yml": data})
    assert error_lines(project) == [
        "training/b.yml:1: id: 研修の道筋の ID「minimal」は training/a.yml でも使われています。別の ID にしてください [id-not-unique]"]


def changed_caution_project(tmp_path: Path) -> Path:
    project = project_with(tmp_path, {})
    shutil.copy(ROOT / "training" / "shinsaiyo.yml", project / "training" / "shinsaiyo.yml")
    checklist = project / "checklists" / "kyodo-gensoku.yml"
    text = checklist.read_text(encoding="utf-8")
    assert "公開する情報に個人情報が含まれないよう注意してください。" in text
    checklist.write_text(text.replace("公開する情報に個人情報が含まれないよう注意してください。",
                                      "公開する情報に個人情報が含まれないよう、公開の前に確かめてください。"), encoding="utf-8")
    return project


def test_lint_flags_a_question_whose_caution_changed_at_its_fingerprint_line(tmp_path, capsys):
    project = changed_caution_project(tmp_path)
    kb = load_knowledge_base(project)
    (warning,) = stale_questions(kb)
    source = (project / "training" / "shinsaiyo.yml").read_text(encoding="utf-8").splitlines()
    assert source[warning.location.line - 1].strip().startswith("fingerprint: 381c8be5-3d52ef47")
    assert str(warning).startswith(f"training/shinsaiyo.yml:{warning.location.line}: 警告: questions[5].fingerprint（q05）: "
                                   "問いを書いた後に留意事項 KG-04が変わりました。")
    assert "fingerprint を " in warning.message and "-3d52ef47 に書き換えてください" in warning.message
    lint = load_script("lint_content")
    assert lint.main(["--root", str(project), "--strict"]) == 1
    assert f"training/shinsaiyo.yml:{warning.location.line}: 警告: questions[5].fingerprint（q05）" in capsys.readouterr().out


def test_lint_flags_a_question_whose_cited_provision_changed(tmp_path):
    project = project_with(tmp_path, {})
    shutil.copy(ROOT / "training" / "shinsaiyo.yml", project / "training" / "shinsaiyo.yml")
    ordinance = project / "ordinances" / "shimin-katsudo.yml"
    text = ordinance.read_text(encoding="utf-8")
    old = "協働による効果が発揮されるものでなければならない。"
    assert old in text
    ordinance.write_text(text.replace(old, "協働による効果が発揮されるものでなければならない。（改正の例）"), encoding="utf-8")
    warnings = stale_questions(load_knowledge_base(project))
    assert [w.message.split("：")[0][:60] for w in warnings] and all("根拠の規定（市民活動推進条例第9条第2項）" in w.message for w in warnings)
    assert {w.message.split("（")[1].split("）")[0] for w in warnings} == {"q06"}
