"""`make edition VERSION=1.1 [FROM_GIT=<commit>]`: records a published edition.

Writes data/editions/<VERSION>.json, the snapshot of every caution (check, caution, basis and
fingerprint) that the 版の比較 page, the 「改定」 marks and the answers carried across editions
are derived from. The edition must first have its entry (version and date) in
data/changelog.yml; commit both files together. FROM_GIT takes the checklists and ordinances
as they were at a commit (used to record an edition published before this command existed).
Exit codes: 0 written, 1 data errors, 2 usage.
"""
from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from kyodo_kb.formats.changelog import load_changelog
from kyodo_kb.formats.editions import EDITIONS_DIR, snapshot_of, snapshot_path, snapshot_text
from kyodo_kb.knowledge_base import load_knowledge_base
from kyodo_kb.sources.errors import DataErrors


def checklists_at(root: Path, commit: str | None):
    """The loaded checklists, now or as they were at `commit` (ordered by id)."""
    if commit is None:
        kb = load_knowledge_base(root, editions=False)
    else:
        archive = subprocess.run(["git", "archive", "--format=tar", commit, "checklists", "ordinances"],
                                 cwd=root, capture_output=True, check=False)
        if archive.returncode != 0:
            raise ValueError(f"git のコミット「{commit}」から checklists/ と ordinances/ を取り出せません: "
                             f"{archive.stderr.decode('utf-8', 'replace').strip()}")
        with tempfile.TemporaryDirectory() as folder:
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                tar.extractall(folder, filter="data")
            kb = load_knowledge_base(Path(folder), editions=False)
    return sorted(kb.checklists, key=lambda c: c.id)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make edition", description="公開した版の内容を data/editions/ に記録します")
    parser.add_argument("version", help="版の番号（data/changelog.yml の version と同じ）")
    parser.add_argument("--from-git", help="この git のコミットの時点の内容で記録する")
    parser.add_argument("--root", type=Path, default=ROOT)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    if not args.version.strip():
        print("使い方: make edition VERSION=1.1 [FROM_GIT=コミット]", file=sys.stderr)
        return 2
    root = args.root.resolve()
    errors: list = []
    revisions = load_changelog(root, errors).revisions
    if errors:
        print(DataErrors(errors))
        return 1
    revision = next((r for r in revisions if r.version == args.version), None)
    if revision is None:
        print(f"エラー: 版「{args.version}」の記録が data/changelog.yml にありません。先に revisions の先頭に"
              f"この版の date・version・summary を書いてください", file=sys.stderr)
        return 2
    try:
        checklists = checklists_at(root, args.from_git)
    except DataErrors as exc:
        print(str(exc))
        print("\nデータに誤りがあるため、版を記録できません。make check で確かめてください。", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"エラー: {exc}", file=sys.stderr)
        return 2
    edition = snapshot_of(checklists, revision.version, revision.date)
    target = root / snapshot_path(revision.version)
    target.parent.mkdir(parents=True, exist_ok=True)
    existed = target.exists()
    target.write_text(snapshot_text(edition), encoding="utf-8")
    count = sum(len(c.items) for c in edition.checklists)
    print(f"{EDITIONS_DIR}/{target.name} を{'書き直' if existed else '作成'}しました（版 {revision.version}、"
          f"{revision.date.isoformat()}、チェックリスト {len(edition.checklists)} 件・確認項目 {count} 件）。"
          "data/changelog.yml と一緒にコミットしてください。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
