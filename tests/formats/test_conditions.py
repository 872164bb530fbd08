"""Conditions: which items apply to a set of profile answers, how conditions are named for
people, and the content version that keys saved answers."""
from pathlib import Path

from kyodo_kb.formats.checklist import content_version
from kyodo_kb.formats.conditions import Condition, applies, condition_labels, conditions_as_data
from kyodo_kb.knowledge_base import load_knowledge_base
from support import make_project

from support import FIXTURES


def load_conditional(tmp_path, data=None):
    data = data or (FIXTURES / "valid" / "conditional.yml").read_bytes()
    return load_knowledge_base(make_project(tmp_path, {"conditional.yml": data})).checklists[0]


def test_conditional_fixture_keeps_profile_and_conditions(tmp_path):
    checklist = load_conditional(tmp_path)
    assert [q.id for q in checklist.profile] == ["keitai", "kikan"]
    assert [o.label for o in checklist.question("keitai").options] == ["委託", "補助", "共催"]
    by_id = {item.id: item for item in checklist.items}
    assert by_id["CD-01"].applies_when == ()
    assert conditions_as_data(by_id["CD-03"].applies_when) == {"keitai": ["itaku", "hojo"], "kikan": ["choki"]}


def test_condition_labels_use_the_option_labels(tmp_path):
    checklist = load_conditional(tmp_path)
    item = next(i for i in checklist.items if i.id == "CD-03")
    assert condition_labels(item.applies_when, checklist.profile) == ["委託・補助の場合", "複数年度の場合"]


def test_item_applies_only_when_every_answered_question_matches():
    conditions = (Condition("keitai", ("itaku", "hojo"), 1), Condition("kikan", ("choki",), 2))
    assert applies(conditions, {})  # nothing answered: everything is shown
    assert applies(conditions, {"keitai": "hojo"})
    assert not applies(conditions, {"keitai": "kyosai"})
    assert not applies(conditions, {"keitai": "itaku", "kikan": "tanki"})
    assert applies(conditions, {"keitai": "itaku", "kikan": "choki"})
    assert applies((), {"keitai": "kyosai"})


def test_content_version_changes_with_a_question_but_not_with_the_title(tmp_path):
    original = (FIXTURES / "valid" / "conditional.yml").read_bytes()
    base = content_version(load_conditional(tmp_path / "a", original))
    retitled = original.replace("title: 条件付きの項目を含むチェックリスト".encode(), "title: 別の題名".encode())
    reworded = original.replace("目的を共有しているか".encode(), "目的を話し合っているか".encode())
    assert content_version(load_conditional(tmp_path / "b", retitled)) == base
    assert content_version(load_conditional(tmp_path / "c", reworded)) != base
    assert len(base) == 12
