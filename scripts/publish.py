"""`make publish DEST=…`: builds the site, checks it, and only then replaces DEST.

The build goes into a temporary folder next to DEST (same file system, so the swap is a
rename). DEST is replaced only when the data check, the strict build, the link check and the
outside-request check all pass. On Linux the swap is one atomic `renameat2(RENAME_EXCHANGE)`,
so DEST always holds a complete site; elsewhere it is two renames a moment apart. The site
that was live before is kept as `DEST.prev` (one generation) so it can be restored by hand.

publish deletes only what it made: every site it puts in place carries a marker file
(`.kb-published`), and an existing `DEST.prev` without it (someone's folder, a file, a link) is
left alone and the run stops before building. When DEST is a symbolic link, the folder it points
to is replaced and the link is kept, so repeated runs work the same.

A failed, interrupted (Ctrl+C, SIGTERM) or killed build leaves DEST untouched: it never writes
there. Leftover temporary folders of a killed run are removed by the next run.

Exit codes: 0 published, 1 data or site errors (nothing changed), 2 usage (DEST missing or not
a site folder, DEST.prev not made by publish, another publish running), 3 the file system
refused (no permission, disk full, read-only): DEST is unchanged. Every case prints a Japanese
message, never a traceback.
"""
from __future__ import annotations

import argparse
import ctypes
import errno
import fcntl
import os
from pathlib import Path
import shutil
import signal
import subprocess
import sys
import tempfile

ROOT = Path(__file__).resolve().parent.parent

from kyodo_kb.tooling.site_checks import link_problems, outside_resource_problems

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
MARKER = ".kb-published"  # in every site publish puts in place: what it may delete later
EXIT_FILE_SYSTEM = 3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="publish", description="サイトを作り、検査に合格したときだけ公開フォルダを置き換えます")
    parser.add_argument("dest", type=Path, metavar="DEST", help="公開フォルダ（Web サーバーが配信するフォルダ）")
    parser.add_argument("--root", type=Path, default=ROOT, help="プロジェクトのフォルダ（既定: このリポジトリ）")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    root = args.root.resolve()
    dest = Path(os.path.abspath(args.dest))
    if dest.is_symlink():
        # Replace the folder the link points to and keep the link: swapping the link itself
        # would leave DEST.prev a link (and the next run unable to remove it).
        dest = dest.resolve()
        print(f"{args.dest} はシンボリックリンクです。リンク先の {dest} を置き換えます（リンクはそのまま残ります）")
    usage_error = _check_destination(dest)
    if not (root / "mkdocs.yml").is_file():
        usage_error = f"{root} はプロジェクトのフォルダではありません（mkdocs.yml がありません）"
    if usage_error:
        print(f"エラー: {usage_error}", file=sys.stderr)
        return 2
    try:
        lock = open(dest.parent / f".{dest.name}.publish-lock", "w")
    except OSError as exc:
        print(f"エラー: {file_system_problem(exc, dest.parent)}。{dest} は変更していません。", file=sys.stderr)
        return EXIT_FILE_SYSTEM
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        print(f"エラー: {dest} への公開がほかで実行中です。終わってからもう一度実行してください", file=sys.stderr)
        return 2
    with lock:
        try:
            return _publish(root, dest)
        except OSError as exc:
            print(f"エラー: {file_system_problem(exc, dest.parent)}。{dest} は変更していません。", file=sys.stderr)
            return EXIT_FILE_SYSTEM


def file_system_problem(exc: OSError, folder: Path) -> str:
    """A Japanese sentence for an OSError of the file system."""
    where = exc.filename or folder
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"{where} に書き込む権限がありません（公開先のフォルダの権限を確かめてください）"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"{where} のディスクの空きが足りません（不要なファイルを削除してから、もう一度実行してください）"
    if exc.errno == errno.EROFS:
        return f"{where} は読み取り専用のため書き込めません"
    return f"{where} の読み書きに失敗しました（{exc.strerror or type(exc).__name__}）"


def _check_destination(dest: Path) -> str | None:
    if not dest.parent.is_dir():
        return f"公開フォルダの親フォルダ {dest.parent} がありません"
    if dest.exists() and not dest.is_dir():
        return f"{dest} はフォルダではありません"
    if dest.is_dir() and any(dest.iterdir()) and not (dest / "index.html").is_file():
        # Refuse to replace a folder that is not a published site: a typo in DEST must not
        # move someone's documents aside.
        return f"{dest} はサイトのフォルダではありません（index.html がありません）。公開先のフォルダを確認してください"
    previous = previous_path(dest)
    if (previous.exists() or previous.is_symlink()) and not made_by_publish(previous):
        return (f"{previous} は make publish が作ったものではないため、削除せずに中止しました"
                f"（前の版はこの名前で残します）。中身を確かめて、別の名前に変えるか移動してから、もう一度実行してください")
    return None


def previous_path(dest: Path) -> Path:
    return dest.with_name(dest.name + ".prev")


def made_by_publish(path: Path) -> bool:
    return not path.is_symlink() and path.is_dir() and (path / MARKER).is_file()


def _publish(root: Path, dest: Path) -> int:
    for leftover in dest.parent.glob(f".{dest.name}.new-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.new-", dir=dest.parent))
    previous_handler = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        status = _build_and_check(root, staging / "site")
        if status != 0:
            print(f"公開を中止しました。{dest} は変更していません。", file=sys.stderr)
            return status
        (staging / "site" / MARKER).write_text("make publish が作ったサイトです。次の公開で DEST.prev になり、その次の公開で削除されます。\n",
                                               encoding="utf-8")
        kept = _swap(staging / "site", dest)
        print(f"公開しました: {dest}" + (f"（前の版は {kept.name} に残しています）" if kept else ""))
        return 0
    except KeyboardInterrupt:
        print(f"\n中断しました。{dest} は変更していません。", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous_handler)
        shutil.rmtree(staging, ignore_errors=True)


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


def _build_and_check(root: Path, site: Path) -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(root))
    steps = [
        ("データの検査", [sys.executable, str(ROOT / "scripts" / "check.py"), "--root", str(root)]),
        ("サイトの作成（strict）", [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(site)]),
    ]
    for title, command in steps:
        print(f"== {title}", flush=True)
        process = subprocess.Popen(command, cwd=root, env=env)
        try:
            code = process.wait()
        finally:
            if process.poll() is None:  # interrupted while the step runs: stop it too
                process.terminate()
                process.wait()
        if code != 0:
            print(f"{title}で誤りが見つかりました（上の表示を確認してください）。", file=sys.stderr)
            return 1
    print("== リンクと外部リクエストの検査", flush=True)
    problems = link_problems(site) + outside_resource_problems(site)
    for problem in problems:
        print(problem)
    if problems:
        print(f"作成したサイトに {len(problems)} 件の問題があります。", file=sys.stderr)
        return 1
    return 0


def source_date_epoch(root: Path) -> str:
    """The commit time of the checked-out revision, so that two builds of one commit are byte
    for byte the same (MkDocs otherwise stamps sitemap.xml.gz with the build day)."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, timeout=10)
        if result.returncode == 0 and result.stdout.strip().isdigit():
            return result.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return "0"


def _swap(new_site: Path, dest: Path) -> Path | None:
    """Puts `new_site` at `dest`; returns where the previous site was kept, if there was one."""
    previous = previous_path(dest)
    if not dest.exists():
        os.rename(new_site, dest)
        return None
    if previous.exists() or previous.is_symlink():
        if not made_by_publish(previous):  # appeared while building: still not ours to delete
            raise FileExistsError(errno.EEXIST, "make publish が作ったものではないため削除しません", str(previous))
        shutil.rmtree(previous)
    if _exchange(new_site, dest):
        os.rename(new_site, previous)  # new_site now holds the old site
    else:
        os.rename(dest, previous)
        os.rename(new_site, dest)
    # The old site was publish's to move: marked, so that the next run may delete it.
    (previous / MARKER).touch()
    return previous


def _exchange(a: Path, b: Path) -> bool:
    """Swaps two paths atomically where the OS can (Linux renameat2); False where it cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


if __name__ == "__main__":
    sys.exit(main())
