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


def test_make_build_reports_exactly_the_errors_of_make_check(tmp_path):
    """A broken checklist, a broken data/tags.yml and a broken page of docs/: `make check` and the
    build print the same lines (the build used to stop at the checklist)."""
    from kyodo_kb.tooling.project import copy_project, run_mkdocs_build
    project = copy_project(tmp_path / "project")
    (project / "checklists" / "bad.yml").write_text("id: bad\ntitle: t\nitems:\n  - id: B-1\n    check: yes\n    caution: c\n",
                                                   encoding="utf-8")
    (project / "data" / "tags.yml").write_text("tags:\n  - name: 会計\n", encoding="utf-8")
    page = project / "docs" / "guideline" / "keii.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<img src="x.png" onload="x()">\n', encoding="utf-8")
    check = run_check("--root", str(project))
    assert check.returncode == 1
    check_lines = [line for line in check.stdout.splitlines() if line]
    assert len(check_lines) == 3 and [line.split(":")[0] for line in check_lines] == [
        "checklists/bad.yml", "data/tags.yml", "docs/guideline/keii.md"]
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 1 and "Traceback" not in build.stderr
    output = build.stdout + build.stderr
    assert "データに 3 件の誤りがあります:\n" + "\n".join(check_lines) in output
