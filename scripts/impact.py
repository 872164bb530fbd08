"""`make impact CITE="市民活動推進条例第9条第1項第4号"`: what an amendment of a provision touches.

Prints every caution, flow outcome and guideline page that cites the provision, a provision
above it or one below it, one per line as `path:line: id title` (the form editors' tools jump
to), then a count on stderr. Any citation form that `basis` accepts is accepted.
Exit codes: 0 (also when nothing cites it), 2 usage or a citation that does not resolve.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from kyodo_kb.editing.impact import find_impact
from kyodo_kb.formats.citations import CitationError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make impact", description="条例の規定の改正が影響する留意事項・流れ・ページを示します")
    parser.add_argument("citation", help="規定の引用（例: 市民活動推進条例第9条第1項第4号）")
    parser.add_argument("--root", type=Path, default=ROOT)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    if not args.citation.strip():
        print('使い方: make impact CITE="市民活動推進条例第9条第1項第4号"', file=sys.stderr)
        return 2
    try:
        target, lines = find_impact(args.root.resolve(), args.citation)
    except CitationError as exc:
        print(f"エラー: {exc}", file=sys.stderr)
        return 2
    out = sys.stdout
    for line in lines:
        out.write(f"{line}\n")
    print(f"{target.label}（その条・項、その下の項・号を含む）を引用している箇所: {len(lines)} 件", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
