"""Synthetic projects for benchmarks (scripts/synthetic_data.py): as many valid cautions as asked."""
import sys

from kyodo_kb.tooling.project import PROJECT_ROOT as ROOT
from kyodo_kb.knowledge_base import load_knowledge_base

from kyodo_kb.tooling import synthetic_data


def test_a_synthetic_project_holds_the_requested_cautions_and_they_are_valid(tmp_path):
    project = synthetic_data.write_synthetic_project(tmp_path / "project", 3, 7)
    kb = load_knowledge_base(project)
    assert [len(c.items) for c in kb.checklists] == [7, 7, 7]
    assert all(item.basis for c in kb.checklists for item in c.items)


def test_synthetic_data_rejects_numbers_below_one():
    assert synthetic_data.main(["x", "--checklists", "0"]) == 2


def test_a_new_bench_run_keeps_the_hand_written_before_and_after_section(tmp_path):
    from support import load_script
    bench = load_script("bench")
    output = tmp_path / "benchmark.md"
    assert bench.with_kept_history("# 表\n\n| a |\n", output) == "# 表\n\n| a |\n"
    output.write_text("# 表\n\n| old |\n\n## 改善の前後\n\n| 前 | 後 |\n| 9.76 | 1.60 |\n", encoding="utf-8")
    assert bench.with_kept_history("# 表\n\n| new |\n", output) == "# 表\n\n| new |\n\n## 改善の前後\n\n| 前 | 後 |\n| 9.76 | 1.60 |\n"
