"""Synthetic projects for benchmarks (scripts/synthetic_data.py): as many valid cautions as asked."""
import sys

from conftest import ROOT
from knowledge_base import load_knowledge_base

sys.path.insert(0, str(ROOT / "scripts"))
import synthetic_data  # noqa: E402


def test_a_synthetic_project_holds_the_requested_cautions_and_they_are_valid(tmp_path):
    project = synthetic_data.write_synthetic_project(tmp_path / "project", 3, 7)
    kb = load_knowledge_base(project)
    assert [len(c.items) for c in kb.checklists] == [7, 7, 7]
    assert all(item.basis for c in kb.checklists for item in c.items)


def test_synthetic_data_rejects_numbers_below_one():
    assert synthetic_data.main(["x", "--checklists", "0"]) == 2
