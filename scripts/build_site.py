"""`make build`: the strict build into a temporary folder next to the site folder, swapped in only
on success, so a failed build keeps the last good site (and `make pdf`, a file share or a browser
tab on it keep working).

Only what this program creates is deleted: its temporary folder, and the previous site once the
new one is in place. A site folder that is not a built site (no index.html) is left alone and
the build refuses to replace it. Exit codes: 0 built, 1 build errors (site unchanged), 2 usage.
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path
import shutil
import subprocess
import sys
import tempfile

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build_site", description="サイトを作り、成功したときだけ site フォルダを入れ替えます")
    parser.add_argument("site", type=Path, nargs="?", default=Path("site"), help="サイトのフォルダ（既定: site）")
    parser.add_argument("--root", type=Path, default=ROOT, help="プロジェクトのフォルダ（既定: このリポジトリ）")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    root = args.root.resolve()
    site = args.site if args.site.is_absolute() else root / args.site
    if site.exists() and not (site / "index.html").is_file() and any(site.iterdir()):
        print(f"エラー: {site} はサイトのフォルダではありません（index.html がありません）。中身を確かめて移してください", file=sys.stderr)
        return 2
    staging = Path(tempfile.mkdtemp(prefix=f".{site.name}.new-", dir=site.parent))
    try:
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(staging)],
                                cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        if result.returncode != 0:
            print(f"\nビルドに失敗しました。{site.name}/ は前回のビルドのまま変わっていません。", file=sys.stderr)
            return 1
        previous = None
        if site.exists():
            previous = Path(tempfile.mkdtemp(prefix=f".{site.name}.old-", dir=site.parent))
            site.rename(previous / site.name)
        staging.rename(site)
        if previous is not None:
            shutil.rmtree(previous)
        return 0
    finally:
        if staging.exists():
            shutil.rmtree(staging)


if __name__ == "__main__":
    sys.exit(main())
