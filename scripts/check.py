"""`make check`: validates every checklist and ordinance file without building the site.

Exit codes: 0 no problems, 1 data errors (printed as `path:line: message`, sorted), 2 usage.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from kyodo_kb.knowledge_base import validate_project
from kyodo_kb.sources.errors import DataErrors, unexpected_failure
from kyodo_kb.sources.page_safety import check_site_sources


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="check", description="チェックリストと条例のデータを検証します")
    parser.add_argument("--root", type=Path, default=ROOT, help="プロジェクトのフォルダ（既定: このリポジトリ）")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    if not args.root.is_dir():
        print(f"エラー: フォルダ {args.root} がありません", file=sys.stderr)
        return 2
    started = time.perf_counter()
    errors: list = []
    try:
        data_errors, counts = validate_project(args.root.resolve())  # every data file, data/ too
        errors += data_errors
        errors += check_site_sources(args.root.resolve())  # docs/, includes/, mkdocs.yml, symbolic links
    except Exception as exc:  # a bug must still reach editors as a message, not a traceback
        print(unexpected_failure("データ（checklists/・ordinances/）の読み込み", exc))
        return 1
    if errors:
        exc = DataErrors(errors)
        print(str(exc))
        print(f"\n{len(exc.errors)} 件の誤りがあります。上の「ファイル名:行番号」の行を直してください。", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(f"OK: チェックリスト {counts['checklists']} 件（確認項目 {counts['items']} 件）、条例 {counts['ordinances']} 件に誤りはありません（{elapsed:.2f} 秒）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
