"""Flow validation: the graph checks (dangling answers, unreachable nodes, cycles) and the
outcome links, each invalid fixture yielding exactly the messages in its `.expected` file
(KB_REGEN_EXPECTED=1 rewrites them from the current messages; review the diff)."""
import os
from pathlib import Path

import pytest

from kyodo_kb.formats.flow import Outcome, Question, walk_steps
from kyodo_kb.knowledge_base import load_knowledge_base
from kyodo_kb.sources.errors import DataErrors
from support import ROOT, make_flow_project, make_project

from support import FIXTURES
INVALID_FLOWS = sorted((FIXTURES / "flows" / "invalid").glob("*.yml"))
REGENERATE = os.environ.get("KB_REGEN_EXPECTED") == "1"


def load_small_flow(tmp_path):
    return load_knowledge_base(make_flow_project(tmp_path, FIXTURES / "flows" / "valid" / "small.yml")).flows[0]


def test_valid_flow_loads_with_its_questions_and_outcomes(tmp_path):
    flow = load_small_flow(tmp_path)
    assert (flow.id, flow.start) == ("small", "dare")
    assert [q.id for q in flow.questions] == ["dare", "kakawari"]
    assert [(o.id, o.checklist, o.profile[:1] and o.profile[0][:2]) for o in flow.outcomes] == [
        ("itaku", "conditional", ("keitai", "itaku")), ("hojo", "conditional", ("keitai", "hojo")), ("kyosai", "conditional", ())]


def test_walk_steps_gives_one_step_per_path_and_ends_each_path_in_an_outcome(tmp_path):
    steps = walk_steps(load_small_flow(tmp_path))
    assert [(s.slug_path, s.node.id) for s in steps] == [
        ((), "dare"), (("shi",), "itaku"), (("aite",), "kakawari"), (("aite", "okane"), "hojo"), (("aite", "issho"), "kyosai")]
    assert sum(isinstance(s.node, Outcome) for s in steps) == 3


@pytest.mark.parametrize("fixture", INVALID_FLOWS, ids=lambda p: p.stem)
def test_invalid_flow_reports_exactly_its_expected_messages(tmp_path, fixture):
    with pytest.raises(DataErrors) as caught:
        load_knowledge_base(make_flow_project(tmp_path, fixture))
    if REGENERATE:
        fixture.with_suffix(".expected").write_text("".join(f"{e}\n" for e in caught.value.errors), encoding="utf-8")
    expected = fixture.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert [str(e) for e in caught.value.errors] == expected


def test_every_invalid_flow_fixture_has_its_expected_messages():
    assert INVALID_FLOWS
    for fixture in INVALID_FLOWS:
        assert fixture.with_suffix(".expected").exists(), fixture.name


def test_shipped_flow_reaches_every_form_of_the_shipped_checklist():
    kb = load_knowledge_base(ROOT)
    flow = next(f for f in kb.flows if f.id == "keitai")
    reached = {s.node.id for s in walk_steps(flow) if isinstance(s.node, Outcome)}
    options = {o.id for o in next(c for c in kb.checklists if c.id == "keitai-betsu").question("keitai").options}
    assert reached == {o.id for o in flow.outcomes}
    assert {o.profile[0][1] for o in flow.outcomes} == options
