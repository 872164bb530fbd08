"""`make schema`: writes the JSON Schemas of the data formats into schemas/ (for VS Code).

The schemas are generated from the FieldSpec tables the validator uses (hooks/json_schema.py).
`--check` writes nothing and exits 1 when a committed schema differs from the generated one.
Exit codes: 0 up to date / written, 1 out of date (with --check), 2 usage.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from kyodo_kb.editing.json_schema import all_schemas


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make_schema", description="データ形式の JSON Schema を schemas/ に書き出します")
    parser.add_argument("--root", type=Path, default=ROOT, help="プロジェクトのフォルダ（既定: このリポジトリ）")
    parser.add_argument("--check", action="store_true", help="書き出さずに、schemas/ が最新かどうかだけを調べます")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    folder = args.root / "schemas"
    stale = []
    for name, text in all_schemas().items():
        path = folder / name
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        stale.append(f"schemas/{name}")
        if not args.check:
            folder.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
    if args.check and stale:
        for name in stale:
            print(f"{name}: 書式の定義（FieldSpec）と一致しません。make schema で作り直してください")
        return 1
    print(f"{'更新しました' if stale else '最新です'}: " + "、".join(stale or [f"schemas/{n}" for n in all_schemas()]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
