"""Synthetic but valid data for benchmarks: N checklists of M cautions citing real provisions.

`main(argv)` writes a complete project copy (code, docs, ordinances) whose checklists/ holds
only generated files, so a benchmark can build it exactly as the real site is built.
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from kyodo_kb.tooling.project import PROJECT_ROOT as ROOT

CITATIONS = [
    "市民活動推進条例第9条第1項第1号", "市民活動推進条例第9条第1項第2号", "市民活動推進条例第9条第1項第3号",
    "市民活動推進条例第9条第1項第4号", "市民活動推進条例第9条第2項", "市民活動推進条例第9条第3項",
    "市民活動推進条例第2条第2号", "市民活動推進条例第8条第1号", "市民活動推進条例第8条第2号",
    "市民活動推進条例第8条第3号", "市民活動推進条例第8条第4号", "市民活動推進条例第8条第5号",
    "市民活動推進条例第8条第6号", "市民活動推進条例第8条第7号", "自治基本条例第26条第1項", "自治基本条例第26条第2項",
]
TAGS = ["目的の共有", "役割分担", "公開", "会計", "個人情報", "安全管理", "保険", "対等な関係", "自主性の尊重", "評価"]
TOPICS = ["事業の目的", "役割分担表", "経費の負担", "事故への備え", "個人情報の取扱い", "成果の公開", "評価の方法",
          "協定書の内容", "広報の方法", "会場の確保", "参加者の安全", "報告の時期"]
IGNORED = shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache", ".hypothesis", "tests")


FORMS = [("kyoryoku", "事業協力"), ("kyosai", "共催"), ("koen", "後援"), ("itaku", "委託"), ("hojo", "補助")]


def checklist_yaml(index: int, items: int, checklist_id: str | None = None, prefix: str | None = None) -> str:
    """One checklist with a profile question; every third item applies to one form only."""
    prefix = prefix or f"S{index:05d}"
    lines = [f"id: {checklist_id or f'synthetic-{index:05d}'}", f"title: 合成チェックリスト {index}",
             "summary: |", "  ベンチマーク用に生成したチェックリストです。",
             "profile:", "  - id: keitai", "    question: 協働の形態はどれですか", "    options:"]
    for option_id, label in FORMS:
        lines += [f"      - id: {option_id}", f"        label: {label}"]
    lines += ["items:"]
    for n in range(items):
        topic = TOPICS[(index + n) % len(TOPICS)]
        lines += [
            f"  - id: {prefix}-{n + 1:03d}",
            f"    check: {topic}（{index}-{n + 1}）について相手方と確認しているか",
            "    caution: |",
            f"      {topic}は、協働を進めるうえで行き違いが起きやすい点です。事前に双方で話し合い、",
            "      決めた内容を記録に残してください。確認できていないときは、次の打合せで取り上げてください。",
            "    basis:",
            f"      - {CITATIONS[(index * 7 + n) % len(CITATIONS)]}",
            f"      - {CITATIONS[(index + n * 3) % len(CITATIONS)]}",
            f"    tags: [{TAGS[(index + n) % len(TAGS)]}, {TAGS[(index * 3 + n) % len(TAGS)]}]",
        ]
        if n % 3 == 2:
            lines += ["    applies_when:", f"      keitai: [{FORMS[(index + n) % len(FORMS)][0]}]"]
    return "\n".join(lines) + "\n"


def write_synthetic_project(destination: Path, checklists: int, items_per_checklist: int,
                            big_checklist_items: int = 0) -> Path:
    """A project copy whose checklists/ holds only generated files (plus, when asked, one
    checklist of `big_checklist_items` items at checklists/synthetic-big/)."""
    if destination.exists():
        shutil.rmtree(destination)
    shutil.copytree(ROOT, destination, ignore=IGNORED)
    folder = destination / "checklists"
    for old in folder.glob("*.y*ml"):
        old.unlink()
    # The shipped flows and paperwork sheets point at shipped checklists; generated data stands alone.
    for flow in [*(destination / "flows").glob("*.y*ml"), *(destination / "paperwork").glob("*.y*ml")]:
        flow.unlink()
    # So do the training paths, which cite shipped cautions.
    for training in (destination / "training").glob("*.y*ml"):
        training.unlink()
    for index in range(1, checklists + 1):
        (folder / f"synthetic-{index:05d}.yml").write_text(checklist_yaml(index, items_per_checklist), encoding="utf-8")
    if big_checklist_items:
        (folder / "synthetic-big.yml").write_text(
            checklist_yaml(0, big_checklist_items, "synthetic-big", "BIG"), encoding="utf-8")
    return destination


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="synthetic_data", description="ベンチマーク用の合成データを作ります")
    parser.add_argument("destination", type=Path)
    parser.add_argument("--checklists", type=int, default=1000)
    parser.add_argument("--items", type=int, default=20, help="1チェックリストあたりの項目数")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    if args.checklists < 1 or args.items < 1:
        print("エラー: --checklists と --items は1以上にしてください", file=sys.stderr)
        return 2
    write_synthetic_project(args.destination, args.checklists, args.items)
    print(f"{args.destination}: {args.checklists} checklists x {args.items} items")
    return 0


if __name__ == "__main__":
    sys.exit(main())
