"""Last-change dates of the project's files, from git, in one `git log` pass per build.

A build must not start one process per page, and two builds of one commit must be identical:
the committer date (%cs) of a file's latest commit depends only on the history. Where git or the
history is unavailable (a copy without .git, git not installed), there are no dates and pages
simply show none, rather than the build date, which would make every build different.
"""
from __future__ import annotations

import datetime
from pathlib import Path
import subprocess

_MARK = "@@kb-commit "


def parse_git_log(text: str) -> dict:
    """`git log --format=@@kb-commit %cs --name-only` output -> {path: date of its newest commit}."""
    dates: dict = {}
    current = None
    for line in text.splitlines():
        if line.startswith(_MARK):
            current = datetime.date.fromisoformat(line[len(_MARK):].strip())
        elif line and current is not None:
            dates.setdefault(line, current)  # the log is newest first
    return dates


def last_commit_dates(root: Path, timeout: float = 30.0) -> dict:
    """{path relative to root (posix): date}; empty when git or its history is unavailable."""
    command = ["git", "-c", "core.quotepath=off", "-C", str(root), "log", "--relative", "--no-renames",
               f"--format={_MARK}%cs", "--name-only", "--", "."]
    try:
        result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=timeout)
    except (OSError, subprocess.SubprocessError):
        return {}
    if result.returncode != 0:
        return {}
    return parse_git_log(result.stdout)


def newest(dates: dict, paths) -> datetime.date | None:
    found = [dates[p] for p in paths if p in dates]
    return max(found) if found else None
