"""Puts the `# yaml-language-server: $schema=…` comment on the first line of every data file.

With it, VS Code's YAML extension gives completion, Japanese hover help and squiggles from the
schemas in schemas/. Running it again changes nothing (an up-to-date first line is left alone;
a stale or misplaced schema comment is replaced). `--check` changes nothing and exits 1 when a
file lacks the comment. Exit codes: 0 done / all present, 1 files lack it (--check) or cannot be
read, 2 usage.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "# yaml-language-server: $schema="
_ANY_SCHEMA_COMMENT = re.compile(r"^\s*#\s*yaml-language-server:\s*\$schema=.*$")
# folder (or file) relative to the project -> schema file in schemas/
TARGETS = {
    "checklists": "checklist.schema.json",
    "ordinances": "ordinance.schema.json",
    "flows": "flow.schema.json",
    "training": "training.schema.json",
    "data/changelog.yml": "changelog.schema.json",
    "data/tags.yml": "tags.schema.json",
    "data/hyoki.yml": "hyoki.schema.json",
    "paperwork/role-table.yml": "paperwork-role-table.schema.json",
    "paperwork/agreement.yml": "paperwork-agreement.schema.json",
    "paperwork/evaluation.yml": "paperwork-evaluation.schema.json",
}


def schema_comment(relative_path: str, schema: str) -> str:
    depth = relative_path.count("/")
    return PREFIX + "../" * depth + "schemas/" + schema


def with_schema_comment(text: str, comment: str) -> str:
    """`text` with `comment` as its first line and no other schema comment; line endings kept."""
    newline = "\r\n" if "\r\n" in text else "\n"
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = text[len(bom):].splitlines(keepends=True)
    kept = [line for line in lines if not _ANY_SCHEMA_COMMENT.match(line.rstrip("\r\n"))]
    return bom + comment + newline + "".join(kept)


def data_files(root: Path) -> list[tuple[Path, str]]:
    """Existing data files with the comment each should carry."""
    found = []
    for target, schema in TARGETS.items():
        path = root / target
        files = sorted(p for p in path.iterdir() if p.suffix in (".yml", ".yaml")) if path.is_dir() else [path]
        for file in files:
            if file.is_file():
                relative = file.relative_to(root).as_posix()
                found.append((file, schema_comment(relative, schema)))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="add_schema_comment",
                                     description="データファイルの1行目に VS Code 用のスキーマ指定のコメントを入れます")
    parser.add_argument("--root", type=Path, default=ROOT, help="プロジェクトのフォルダ（既定: このリポジトリ）")
    parser.add_argument("--check", action="store_true", help="変更せずに、コメントのないファイルを表示します")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    if not args.root.is_dir():
        print(f"エラー: フォルダ {args.root} がありません", file=sys.stderr)
        return 2
    problems, changed = [], []
    for path, comment in data_files(args.root):
        relative = path.relative_to(args.root).as_posix()
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"{relative}:1: 文字コードが UTF-8 ではないため、コメントを入れられません。UTF-8 で保存し直してください")
            continue
        updated = with_schema_comment(text, comment)
        if updated == text:
            continue
        if args.check:
            problems.append(f"{relative}:1: 1行目に「{comment}」がありません。"
                            "python scripts/add_schema_comment.py を実行してください")
        else:
            path.write_bytes(updated.encode("utf-8"))
            changed.append(relative)
    for line in problems:
        print(line)
    if changed:
        print("コメントを入れました: " + "、".join(changed))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
