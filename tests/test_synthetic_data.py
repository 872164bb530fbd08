"""Synthetic checklists for benchmarks: as many cautions as asked, all valid, never in the real project."""
import sys

from conftest import ROOT, copy_project
from knowledge_base import load_knowledge_base

sys.path.insert(0, str(ROOT / "scripts"))
import synthetic_data  # noqa: E402


def test_synthetic_cautions_load_as_valid_data_with_unique_ids(tmp_path):
    project = copy_project(tmp_path / "project")
    real = sum(len(c.items) for c in load_knowledge_base(project).checklists)
    assert synthetic_data.main([str(project), "--cautions", "450", "--per-checklist", "200"]) == 0
    kb = load_knowledge_base(project)
    synthetic = [c for c in kb.checklists if c.id.startswith(synthetic_data.PREFIX)]
    assert [len(c.items) for c in synthetic] == [200, 200, 50]
    assert sum(len(c.items) for c in kb.checklists) == real + 450
    assert all(item.check.endswith("か") for c in synthetic for item in c.items)


def test_synthetic_data_refuses_the_real_work_tree_and_bad_numbers(tmp_path):
    (tmp_path / ".git").mkdir()
    assert synthetic_data.main([str(tmp_path)]) == 2
    assert synthetic_data.main([str(tmp_path / "x"), "--cautions", "0"]) == 2
    assert synthetic_data.main(["--no-such-option"]) == 2
