"""`make new-checklist ID=… TITLE=… [PREFIX=…]`: creates checklists/<ID>.yml, a valid skeleton.

The skeleton passes `make check` at once (so the site can be previewed right away), carries the
schema comment for VS Code, and has three items with the next free item ids of its prefix; its
placeholder texts start with 「要記入」, which `make lint` lists until they are replaced.
Exit codes: 0 created, 2 usage (bad or taken ID, bad prefix, missing title, file exists).
"""
from __future__ import annotations

import argparse
import os
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from kyodo_kb.formats.citations import CitationError, CitationResolver
from kyodo_kb.sources.field_specs import SLUG_PATTERN
from kyodo_kb.knowledge_base import data_files, relative
from kyodo_kb.formats.ordinance import load_ordinance

PLACEHOLDER = "要記入"
ITEM_COUNT = 3
EXAMPLE_BASIS = "市民活動推進条例第9条第1項第1号"
SCHEMA_COMMENT = "# yaml-language-server: $schema=../schemas/checklist.schema.json"
# Read by line rather than through the YAML loader: a broken file elsewhere must not stop the
# scaffolder, and only ids are needed.
_ITEM_ID_LINE = re.compile(r"^\s*-\s*id:\s*[\"']?([A-Za-z0-9]+)-([0-9]+)[\"']?\s*(?:#.*)?$")
_CHECKLIST_ID_LINE = re.compile(r"^id:\s*[\"']?([^\"'#\s]+)")


class UsageError(Exception):
    """A mistake in the command line; the message is for editors."""


def derive_prefix(checklist_id: str) -> str:
    """kyodo-gensoku -> KG (initials); keikaku -> KK (first letter and the next consonant)."""
    parts = checklist_id.split("-")
    if len(parts) > 1:
        return "".join(part[0] for part in parts).upper()[:4]
    word = parts[0]
    consonant = next((c for c in word[1:] if c not in "aeiou"), word[1:2] or "X")
    return (word[0] + consonant).upper()


def used_item_numbers(root: Path) -> dict:
    """prefix -> {number: relative path} over every checklist file."""
    used: dict = {}
    for path in data_files(root, "checklists"):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            match = _ITEM_ID_LINE.match(line)
            if match:
                used.setdefault(match.group(1).upper(), {})[int(match.group(2))] = relative(root, path)
    return used


def used_checklist_ids(root: Path) -> dict:
    ids = {}
    for path in data_files(root, "checklists"):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            match = _CHECKLIST_ID_LINE.match(line)
            if match:
                ids[match.group(1)] = relative(root, path)
                break
    return ids


def example_basis(root: Path) -> str:
    """A citation that resolves against the recorded ordinances, so the skeleton is valid."""
    errors: list = []
    ordinances = [o for o in (load_ordinance(p, relative(root, p), errors) for p in data_files(root, "ordinances")) if o]
    resolver = CitationResolver(ordinances)
    try:
        resolver.resolve(EXAMPLE_BASIS)
        return EXAMPLE_BASIS
    except CitationError:
        for ordinance in ordinances:
            for article in ordinance.articles:
                return f"{ordinance.short_title}{article.label}"
    return EXAMPLE_BASIS


def render_skeleton(checklist_id: str, title: str, item_ids: list[str], basis: str) -> str:
    quoted_title = json.dumps(title, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar
    lines = [
        SCHEMA_COMMENT,
        f"# {title}",
        f"# 「{PLACEHOLDER}」と書かれたところを書き換えてください（make lint で残りを確認できます）。書き方はサイトの「編集ガイド」にあります。",
        f"id: {checklist_id}",
        f"title: {quoted_title}",
        "summary: |",
        f"  {PLACEHOLDER}: このチェックリストを使う場面と目的を書いてください。",
        "items:",
    ]
    for index, item_id in enumerate(item_ids):
        lines += [
            f"  - id: {item_id}",
            f"    check: {PLACEHOLDER}（職員が答える確認の問いを「…しているか」の形で書いてください）",
            "    caution: |",
            f"      {PLACEHOLDER}: 何に気をつけるか、なぜか、できていないときに何をするかを書いてください。",
        ]
        if index == 0:
            lines += ["    basis:  # 根拠となる規定に書き換えてください（規定の文言が支えないときは、basis の2行を sources に替えます）", f"      - {basis}"]
        else:
            # every caution names a basis or a source: until the editor finds one, it is 要確認
            lines[-1] += "（出典を書くまでは要確認）"
            lines += ["    sources:  # 出典に書き換えてください（seed・chigasaki・other・youkakunin。編集ガイドの「出典」）",
                      "      - kind: youkakunin", f"        confirm: {PLACEHOLDER}", f"        shokan: {PLACEHOLDER}"]
        lines += ["    tags: []"]
    return "\n".join(lines) + "\n"


def plan(root: Path, checklist_id: str, title: str, prefix: str | None) -> tuple[Path, str, list[str]]:
    """The file to create, its text and notes for the editor; raises UsageError."""
    if not checklist_id:
        raise UsageError("ID を指定してください（例: make new-checklist ID=keikaku TITLE=企画段階の留意事項）")
    if not re.match(SLUG_PATTERN, checklist_id):
        raise UsageError(f"ID「{checklist_id}」は使えません。半角英小文字・数字・ハイフンで書いてください（例: keikaku、support-center）")
    title = (title or "").strip()
    if not title:
        raise UsageError("TITLE（チェックリストの題名）を指定してください（例: make new-checklist ID=keikaku TITLE=企画段階の留意事項）")
    if "\n" in title:
        raise UsageError("TITLE は1行で書いてください")
    target = root / "checklists" / f"{checklist_id}.yml"
    if target.exists():
        raise UsageError(f"checklists/{checklist_id}.yml はすでにあります。上書きはしません。別の ID を指定してください")
    taken = used_checklist_ids(root)
    if checklist_id in taken:
        raise UsageError(f"ID「{checklist_id}」は {taken[checklist_id]} で使われています。別の ID を指定してください")
    if prefix is not None:
        prefix = prefix.strip().upper()
        if not re.match(r"^[A-Z0-9]{1,6}$", prefix):
            raise UsageError(f"PREFIX「{prefix}」は使えません。半角英大文字・数字の1〜6文字で書いてください（例: PREFIX=KK）")
    else:
        prefix = derive_prefix(checklist_id)
    used = used_item_numbers(root).get(prefix, {})
    start = max(used, default=0) + 1
    item_ids = [f"{prefix}-{number:02d}" for number in range(start, start + ITEM_COUNT)]
    notes = []
    if used:
        files = "、".join(sorted(set(used.values())))
        notes.append(f"注意: 接頭辞 {prefix} は {files} でも使われているため、{item_ids[0]} から番号を続けました。"
                     "別の接頭辞にするには PREFIX=… を指定してください")
    return target, render_skeleton(checklist_id, title, item_ids, example_basis(root)), notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="new_checklist", description="新しいチェックリストの雛形を checklists/ に作ります")
    # `make new-checklist` passes its arguments in the environment (KB_NEW_ID, KB_NEW_TITLE,
    # KB_NEW_PREFIX), never through the shell: quotes, `$` and backticks in a title stay as typed.
    parser.add_argument("id", nargs="?", default=os.environ.get("KB_NEW_ID", ""), help="チェックリストの ID（半角英小文字・数字・ハイフン）")
    parser.add_argument("title", nargs="?", default=os.environ.get("KB_NEW_TITLE", ""), help="チェックリストの題名")
    parser.add_argument("--prefix", default=os.environ.get("KB_NEW_PREFIX") or None,
                        help="項目 ID の接頭辞（既定: ID から作ります。例: keikaku → KK）")
    parser.add_argument("--root", type=Path, default=ROOT, help="プロジェクトのフォルダ（既定: このリポジトリ）")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    try:
        target, text, notes = plan(args.root, args.id.strip(), args.title, args.prefix or None)
    except UsageError as exc:
        print(f"エラー: {exc}", file=sys.stderr)
        return 2
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    for note in notes:
        print(note)
    print(f"作成しました: checklists/{target.name}")
    print("次に: ファイルを開いて「要記入」を書き換え、make serve で確認してください（make check で検証、make lint で残りの「要記入」を確認できます）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
