"""Writes synthetic, valid checklists into a copy of the project, for benchmarks at scale.

  python scripts/synthetic_data.py PROJECT_COPY [--cautions 20000] [--per-checklist 200] [--seed 1]

The cautions are recombined from the sentences, questions, citations and tags of the real
checklists in PROJECT_COPY, so the text looks like real Japanese and every citation
resolves; ids are SY<checklist>-<item> and never collide with real ones. Never run it on
the real project: it refuses a folder that is a git work tree.
Exit codes: 0 ok, 1 the data in the copy does not load, 2 usage.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from knowledge_base import load_knowledge_base  # noqa: E402
from source_errors import DataErrors  # noqa: E402

PREFIX = "synthetic-"
_SENTENCE = re.compile(r"[^。\n]+。")


def sentence_pool(checklists) -> list[str]:
    pool = []
    for checklist in checklists:
        for item in checklist.items:
            pool.extend(s.strip() for s in _SENTENCE.findall(item.caution) if "](" not in s and "**" not in s)
    return pool or ["相手方と話し合い、双方で確かめてください。"]


def generate_checklists(kb, cautions: int, per_checklist: int = 200, seed: int = 1) -> dict:
    """File name -> YAML text of synthetic checklists holding `cautions` items in all."""
    rng = random.Random(seed)
    items = [item for checklist in kb.checklists for item in checklist.items]
    checks = [item.check for item in items] or ["相手方と確かめているか"]
    citations = sorted({c.ref.label for item in items for c in item.basis}) or [None]
    tags = sorted({tag for item in items for tag in item.tags}) or ["合成"]
    sentences = sentence_pool(kb.checklists)
    files = {}
    count = (cautions + per_checklist - 1) // per_checklist
    for number in range(1, count + 1):
        size = min(per_checklist, cautions - (number - 1) * per_checklist)
        entries = []
        for index in range(1, size + 1):
            entry = {
                "id": f"SY{number:03d}-{index:03d}",
                # A different lead keeps the questions distinct; the question still ends in か.
                "check": f"{rng.choice(tags)}について、" + rng.choice(checks),
                "caution": "".join(rng.sample(sentences, min(4, len(sentences)))) + "\n",
                "tags": rng.sample(tags, min(2, len(tags))),
            }
            basis = rng.choice(citations)
            if basis:
                entry["basis"] = [basis]
            entries.append(entry)
        document = {"id": f"{PREFIX}{number:03d}", "title": f"合成チェックリスト {number:03d}", "items": entries}
        files[f"{PREFIX}{number:03d}.yml"] = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1000)
    return files


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="synthetic_data.py", description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path, help="プロジェクトのコピー（checklists/ と ordinances/ を含むフォルダ）")
    parser.add_argument("--cautions", type=int, default=20000)
    parser.add_argument("--per-checklist", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    if args.cautions < 1 or args.per_checklist < 1:
        print("--cautions と --per-checklist は1以上にしてください", file=sys.stderr)
        return 2
    if (args.project / ".git").exists():
        print(f"{args.project} は git の作業ツリーです。合成データはプロジェクトのコピーにだけ書きます", file=sys.stderr)
        return 2
    if not (args.project / "checklists").is_dir():
        print(f"{args.project}/checklists がありません", file=sys.stderr)
        return 2
    try:
        kb = load_knowledge_base(args.project)
    except DataErrors as exc:
        print(exc, file=sys.stderr)
        return 1
    for name, text in generate_checklists(kb, args.cautions, args.per_checklist, args.seed).items():
        (args.project / "checklists" / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
