"""The project checkout as tests and benchmarks use it: where it is, a copy to change, a strict build."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[3]
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run_mkdocs_build(project: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir), *extra],
        cwd=project, capture_output=True, text=True, env=BUILD_ENV,
    )


def copy_project(destination: Path, source: Path = PROJECT_ROOT) -> Path:
    """A copy of the buildable project (no venv, no site, no tests) for runs that change its data."""
    ignore = shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache", "tests",
                                    ".hypothesis", "*.egg-info", "wheelhouse", ".venv-lock")
    shutil.copytree(source, destination, ignore=ignore)
    return destination
