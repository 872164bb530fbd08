"""`make lint`: consistency warnings about the content (hooks/content_lint.py), as `path:line: 警告: …`.

Warnings do not stop anything: exit 0, or 1 with `--strict` when there is any warning.
Data errors (what `make check` reports) exit 1, since the content cannot be read; usage errors 2.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from kyodo_kb.editing import content_lint
from kyodo_kb.editing.content_lint import LintItem, LintText
from kyodo_kb.editing import youkakunin
from kyodo_kb.knowledge_base import load_knowledge_base
from kyodo_kb.sources.errors import DataErrors, format_errors
from kyodo_kb.formats.notation import NOTATION_PATH
from kyodo_kb.formats.tags import TAG_LIST_PATH
from kyodo_kb.sources.yaml_source import YamlMapping, YamlScalar, YamlSequence, load_yaml_file


def lint_records(checklists) -> tuple[list[LintItem], list[LintText]]:
    """Items and texts of the validated checklists, with the lines of their keys (kept in the model)."""
    items, texts = [], []
    for checklist in checklists:
        for key, line in (("title", checklist.title_line), ("summary", checklist.summary_line)):
            value = getattr(checklist, key)
            if value:
                texts.append(LintText(checklist.path, line or 1, key, value))
        for item in checklist.items:
            key = f"items[{item.index}]"
            check = LintText(checklist.path, item.check_line or item.line, f"{key}.check", item.check)
            items.append(LintItem(checklist.path, item.line, key, item.id, check, len(item.basis), item.tag_lines))
            texts += [check, LintText(checklist.path, item.caution_line or item.line, f"{key}.caution", item.caution)]
    return items, texts


# Folders of YAML whose every text value is read by the rules on reading (layout spaces, link text).
TEXT_FOLDERS = ("checklists", "flows", "ordinances", "data")


def _scalar_texts(node, path: str, label: str) -> list[LintText]:
    if isinstance(node, YamlScalar):
        if isinstance(node.value, str):
            # A block scalar's text starts on the line after its key: report each line where it is.
            first = node.line + 1 if node.style in ("|", ">") else node.line
            return [LintText(path, first + offset if node.style in ("|", ">") else first, label, line)
                    for offset, line in enumerate(node.value.splitlines() or [""])]
        return []
    if isinstance(node, YamlSequence):
        return [text for index, child in enumerate(node.items, start=1)
                for text in _scalar_texts(child, path, f"{label}[{index}]")]
    if isinstance(node, YamlMapping):
        return [text for key, child in node.entries.items()
                for text in _scalar_texts(child, path, f"{label}.{key}" if label else key)]
    return []


def reading_yaml_texts(root: Path) -> list[LintText]:
    """Every string of the YAML in TEXT_FOLDERS, line by line (for the rules on reading)."""
    texts = []
    for folder in TEXT_FOLDERS:
        for file in sorted((root / folder).glob("**/*.yml")):
            relative = file.relative_to(root).as_posix()
            loaded = load_yaml_file(file, relative)
            if loaded.root is not None:
                texts += _scalar_texts(loaded.root, relative, "")
    return texts


def reading_page_texts(root: Path) -> list[LintText]:
    """Every line of every Markdown page and include, outside fenced code (for the rules on reading)."""
    texts = []
    for folder in ("docs", "includes"):
        for file in sorted((root / folder).glob("**/*.md")):
            texts += content_lint.markdown_texts(file.relative_to(root).as_posix(), file.read_text(encoding="utf-8"))
    return texts


# Keys whose values are ids, links or names of documents, not prose: 表記 is not theirs to follow.
NOT_PROSE = {"id", "next", "start", "checklist", "profile", "applies_when", "basis", "sources", "tags", "kind", "number"}
# YAML folders whose prose staff read, with the keys of that folder that hold ids, links or a
# source (a source's title names a document as it is written, like a caution's sources)
PROSE_FOLDERS = {
    "checklists": set(),
    "flows": set(),
    "paperwork": {"source", "form", "forms", "who", "cautions", "checklists", "disclosure_basis"},
    "training": {"caution", "fingerprint", "section", "answer"},
}
# Pages of prose staff read; the editors' guide quotes the forms it talks about.
PROSE_PAGES = ("guideline", "index.md")


def yaml_texts(root: Path, folder: str, not_prose: set = frozenset()) -> list[LintText]:
    """Every prose string of the YAML files in `folder`, each with its first text line."""
    texts = []
    directory = root / folder
    for path in sorted(directory.glob("*.yml")) if directory.is_dir() else []:
        relative = path.relative_to(root).as_posix()
        loaded = load_yaml_file(path, relative)

        def walk(node, label):
            if isinstance(node, YamlMapping):
                for key, value in node.entries.items():
                    if key not in NOT_PROSE and key not in not_prose:
                        walk(value, f"{label}.{key}" if label else key)
            elif isinstance(node, YamlSequence):
                for index, value in enumerate(node.items, start=1):
                    walk(value, f"{label}[{index}]")
            elif isinstance(node, YamlScalar) and isinstance(node.value, str):
                texts.append(LintText(relative, node.first_text_line, label, node.value))

        walk(loaded.root, "")
    return texts


def page_texts(root: Path) -> list[LintText]:
    """The lines of the guideline pages, the home page and the hover definitions, without
    quotations (law and committee text is verbatim). Text blocks (the stages diagram) are prose too."""
    pages = [p for p in sorted((root / "docs").rglob("*.md")) if p.relative_to(root / "docs").parts[0] in PROSE_PAGES]
    pages += [p for p in [root / "includes" / "abbreviations.md"] if p.is_file()]
    texts = []
    for path in pages:
        relative = path.relative_to(root).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.lstrip().startswith(">"):
                texts.append(LintText(relative, number, "本文", line))
    return texts


def lint(root: Path) -> tuple[list, list[str]]:
    """(warnings, notes); raises DataErrors when the data cannot be read."""
    kb = load_knowledge_base(root)
    known = kb.tags
    notation_rules = kb.notation
    items, texts = lint_records(kb.checklists)
    warnings = content_lint.question_form(items)
    warnings += content_lint.similar_checks(items) + content_lint.placeholders(texts)
    reading = reading_yaml_texts(root) + reading_page_texts(root)
    warnings += content_lint.layout_spaces(reading) + content_lint.vague_link_text(reading)
    warnings += content_lint.stale_questions(kb) + content_lint.basis_amended(kb)
    pages = {p.relative_to(root / "docs").as_posix(): p.read_text(encoding="utf-8")
             for p in sorted((root / "docs").rglob("*.md"))} if (root / "docs").is_dir() else {}
    # open 要確認 are a to-do list, not a warning: the summary never fails --strict
    if notation_rules is not None:
        prose = [text for folder, keys in PROSE_FOLDERS.items() for text in yaml_texts(root, folder, keys)] + page_texts(root)
        warnings += content_lint.notation(prose, notation_rules)
    abbreviations = root / youkakunin.ABBREVIATIONS_PATH
    notes = [youkakunin.summary_line(youkakunin.collect(
        kb, pages, abbreviations.read_text(encoding="utf-8") if abbreviations.is_file() else None))]
    if notation_rules is None:
        notes.append(f"注意: {NOTATION_PATH} がないため、表記の確認を省きました")
    if known is None:
        notes.append(f"注意: {TAG_LIST_PATH} がないため、タグの確認を省きました")
    else:
        warnings += content_lint.unknown_tags(items, [tag.name for tag in known], TAG_LIST_PATH)
    return sorted(set(warnings)), notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lint_content", description="チェックリストの書き方の不ぞろいを警告します")
    parser.add_argument("--root", type=Path, default=ROOT, help="プロジェクトのフォルダ（既定: このリポジトリ）")
    parser.add_argument("--strict", action="store_true", help="警告が1件でもあれば終了コード 1 で終わります")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    if not args.root.is_dir():
        print(f"エラー: フォルダ {args.root} がありません", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        warnings, notes = lint(args.root.resolve())
    except DataErrors as exc:
        print(format_errors(exc.errors))
        print(f"\nデータに {len(exc.errors)} 件の誤りがあるため、確認できません。先に上の行を直してください（make check）。", file=sys.stderr)
        return 1
    for warning in warnings:
        print(warning)
    for note in notes:
        print(note, file=sys.stderr)
    elapsed = time.perf_counter() - started
    if warnings:
        print(f"\n警告 {len(warnings)} 件（{elapsed:.2f} 秒）。必要に応じて直してください。", file=sys.stderr)
    else:
        print(f"OK: 警告はありません（{elapsed:.2f} 秒）")
    return 1 if warnings and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
