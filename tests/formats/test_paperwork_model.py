"""Paperwork sheets (paperwork/*.yml): the shipped sheets load with every row citing a source,
and each invalid fixture folder yields exactly the located messages of its expected.txt
(`KB_REGEN_EXPECTED=1` rewrites them; review the diff)."""
import os
import shutil

import pytest

from kyodo_kb.formats.paperwork import FORM_CHECKLIST, FORM_QUESTION, WHO
from kyodo_kb.formats.provenance import KIND_BY_ID
from kyodo_kb.knowledge_base import load_knowledge_base, validate_project
from kyodo_kb.sources.errors import DataErrors
from support import FIXTURES, ROOT

CASES = sorted(p for p in (FIXTURES / "paperwork" / "invalid").iterdir() if p.is_dir())


def project_with(tmp_path, sheet_folder):
    shutil.copytree(ROOT / "ordinances", tmp_path / "ordinances")
    shutil.copytree(ROOT / "checklists", tmp_path / "checklists")
    (tmp_path / "paperwork").mkdir()
    for path in sheet_folder.glob("*.yml"):
        shutil.copy(path, tmp_path / "paperwork" / path.name)
    return tmp_path


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_invalid_sheet_reports_exactly_its_expected_messages(tmp_path, case):
    project = project_with(tmp_path, case)
    with pytest.raises(DataErrors) as caught:
        load_knowledge_base(project)
    lines = [str(e) for e in caught.value.errors]
    expected_file = case / "expected.txt"
    if os.environ.get("KB_REGEN_EXPECTED"):
        expected_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert lines == expected_file.read_text(encoding="utf-8").splitlines()
    # make check reads the same files and reports the same errors
    errors, _ = validate_project(project, workers=1)
    assert [str(e) for e in sorted(set(errors))] == lines


def test_valid_sheet_loads_with_its_suggestion(tmp_path):
    kb = load_knowledge_base(project_with(tmp_path, FIXTURES / "paperwork" / "valid"))
    (sheet,) = kb.paperwork
    assert (sheet.kind, sheet.page_src) == ("role-table", "paperwork/role-table.md")
    (row,) = sheet.entries
    assert [(s.form, s.who) for s in row.suggestions] == [("kyosai", "kyodo")]
    assert [r.text for r in row.cautions] == ["KT-03"]


def test_a_project_without_paperwork_has_no_sheets(tmp_path):
    shutil.copytree(ROOT / "ordinances", tmp_path / "ordinances")
    shutil.copytree(ROOT / "checklists", tmp_path / "checklists")
    assert load_knowledge_base(tmp_path).paperwork == ()


def test_shipped_sheets_cite_a_source_for_every_entry_and_label_other_bodies():
    kb = load_knowledge_base(ROOT)
    assert [s.kind for s in kb.paperwork] == ["role-table", "agreement", "evaluation"]
    names = {"role-table": "目的・企画 経費 会計・精算 広報 参加者対応 安全管理・保険 個人情報 成果物・著作権 報告・公開 評価",
             "agreement": "目的 期間 役割分担 経費 責任とリスクの分担 個人情報 成果物の権利 公開 変更・中止 協議",
             "evaluation": "相乗効果 進捗 協働という手法の妥当性 受益者満足度"}
    for sheet in kb.paperwork:
        present = {entry.name for entry in sheet.entries}
        assert set(names[sheet.kind].split()) <= present, sheet.kind
        for entry in sheet.entries:
            assert entry.sources, entry.id
            for source in [*entry.sources, *(s.source for s in getattr(entry, "suggestions", ()))]:
                # the closed list of kinds; another body's practice is shown with its label
                assert source.kind in KIND_BY_ID, source
                if source.kind == "other":
                    assert source.body and source.label.startswith(f"他自治体の例（{source.body}）："), source
            for suggestion in getattr(entry, "suggestions", ()):
                assert suggestion.who in WHO
    agreement = next(s for s in kb.paperwork if s.kind == "agreement")
    assert "要確認" in agreement.kakunin
    evaluation = next(s for s in kb.paperwork if s.kind == "evaluation")
    assert [c.ref.label for c in evaluation.disclosure_basis] == ["市民活動推進条例第9条第1項第4号"]
    assert "自治体名が確認できない" in evaluation.scale


def test_form_ids_come_from_the_form_question_of_the_shipped_checklist():
    kb = load_knowledge_base(ROOT)
    checklist = next(c for c in kb.checklists if c.id == FORM_CHECKLIST)
    options = {o.id for o in checklist.question(FORM_QUESTION).options}
    used = {s.form for sheet in kb.paperwork for e in sheet.entries for s in getattr(e, "suggestions", ())}
    assert used and used <= options


@pytest.mark.parametrize("name", ["role-table", "agreement", "evaluation"])
def test_shipped_sheets_pass_their_json_schema(name):
    import jsonschema
    from kyodo_kb.editing.json_schema import all_schemas, to_plain
    from kyodo_kb.sources.yaml_source import load_yaml_file
    import json
    schema = json.loads(all_schemas()[f"paperwork-{name}.schema.json"])
    loaded = load_yaml_file(ROOT / "paperwork" / f"{name}.yml", f"paperwork/{name}.yml")
    assert list(jsonschema.Draft7Validator(schema).iter_errors(to_plain(loaded.root))) == []
    bad = to_plain(loaded.root)
    bad["unknown"] = 1
    assert list(jsonschema.Draft7Validator(schema).iter_errors(bad))
