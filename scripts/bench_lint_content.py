"""Benchmark of the near-duplicate rule of `make lint` on synthetic check questions.

Usage: python scripts/bench_lint_content.py [N ...]   (default: 100 300 1000)
Prints the seconds taken for N questions; speed targets are checked here, not in timed tests.
"""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path


from kyodo_kb.editing.content_lint import LintItem, LintText, similar_checks

WORDS = ["事業", "目的", "相手方", "役割分担", "協定書", "会計", "報告", "公開", "評価", "市民", "団体", "参加", "経費", "保険", "個人情報"]


def synthetic_items(count: int, seed: int = 1) -> list[LintItem]:
    rng = random.Random(seed)
    items = []
    for index in range(count):
        text = "".join(rng.choice(WORDS) + rng.choice("をにとのが") for _ in range(rng.randint(3, 8))) + "確認しているか"
        check = LintText("checklists/bench.yml", index + 1, f"items[{index + 1}].check", text)
        items.append(LintItem("checklists/bench.yml", index + 1, f"items[{index + 1}]", f"B-{index}", check, 1, ()))
    return items


def main(argv: list[str] | None = None) -> int:
    sizes = [int(a) for a in (argv if argv is not None else sys.argv[1:])] or [100, 300, 1000]
    for size in sizes:
        items = synthetic_items(size)
        started = time.perf_counter()
        warnings = similar_checks(items)
        print(f"{size} 件: {time.perf_counter() - started:.3f} 秒（警告 {len(warnings)} 件）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
