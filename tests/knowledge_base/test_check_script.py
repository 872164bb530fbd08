"""`make check` (scripts/check.py): the same messages as the build, and exit codes 0 / 1 / 2."""
import subprocess
import sys
from pathlib import Path

from support import make_project

from support import ROOT
SCRIPT = ROOT / "scripts" / "check.py"


def run_check(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True)


def test_check_passes_on_the_shipped_data():
    result = run_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: ")


def test_check_prints_located_japanese_errors_without_traceback_and_exits_1(tmp_path):
    project = make_project(tmp_path, {"bad.yml": b"id: bad\ntitle: t\nitems:\n  - id: B-1\n    check: yes\n    caution: c\n"})
    result = run_check("--root", str(project))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("checklists/bad.yml:5: items[1].check: 1行の文字列を書いてください")
    assert "Traceback" not in result.stdout + result.stderr


def test_check_exits_2_on_usage_errors(tmp_path):
    assert run_check("--no-such-option").returncode == 2
    assert run_check("--root", str(tmp_path / "missing")).returncode == 2
