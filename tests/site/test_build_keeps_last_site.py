"""`make build` (scripts/build_site.py): a failed build keeps the last good site/ and leaves no
temporary folder; a folder that is not a built site is never replaced."""
import subprocess
import sys

from kyodo_kb.tooling.project import BUILD_ENV, PROJECT_ROOT, copy_project

SCRIPT = PROJECT_ROOT / "scripts" / "build_site.py"


def build(project):
    return subprocess.run([sys.executable, str(SCRIPT), "site", "--root", str(project)],
                          capture_output=True, text=True, env=BUILD_ENV)


def test_a_failed_build_keeps_the_last_good_site(tmp_path):
    project = copy_project(tmp_path / "project")
    assert build(project).returncode == 0
    page = project / "site" / "checklists" / "keikaku" / "index.html"
    before = page.read_bytes()
    checklist = project / "checklists" / "keikaku.yml"
    checklist.write_text(checklist.read_text(encoding="utf-8").replace("  - id: KK-01\n", "  - id: KK-01\n    id: KK-01\n", 1),
                         encoding="utf-8")
    result = build(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "[yaml-duplicate-key]" in result.stderr and "前回のビルドのまま" in result.stderr
    assert page.read_bytes() == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_a_folder_that_is_not_a_site_is_not_replaced(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "site").mkdir()
    (project / "site" / "memo.txt").write_text("大事なメモ", encoding="utf-8")
    result = build(project)
    assert result.returncode == 2 and (project / "site" / "memo.txt").read_text(encoding="utf-8") == "大事なメモ"
