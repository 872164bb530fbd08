"""`make publish`: DEST is replaced only by a site that built and passed its checks; a failed,
interrupted or killed publish leaves the previous site untouched and servable."""
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kyodo_kb.tooling.project import BUILD_ENV, copy_project

from support import ROOT
SCRIPT = ROOT / "scripts" / "publish.py"


def publish_command(project, dest):
    return [sys.executable, str(SCRIPT), "--root", str(project), str(dest)]


def run_publish(project, dest):
    return subprocess.run(publish_command(project, dest), capture_output=True, text=True, env=BUILD_ENV)


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(dest: Path) -> list:
    return sorted(p.name for p in dest.parent.glob(f".{dest.name}.new-*"))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("publish") / "project")


@pytest.fixture
def live_site(tmp_path):
    dest = tmp_path / "www" / "kyodo"
    dest.mkdir(parents=True)
    (dest / "index.html").write_text("<p>前の版</p>", encoding="utf-8")
    (dest / "assets").mkdir()
    (dest / "assets" / "kb.css").write_text("body{}", encoding="utf-8")
    return dest


def test_publish_replaces_dest_and_keeps_the_previous_site(project, live_site):
    before = snapshot(live_site)
    result = run_publish(project, live_site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "協働のガイドライン" in (live_site / "index.html").read_text(encoding="utf-8")
    assert (live_site / "checklists" / "kyodo-gensoku" / "index.html").is_file()
    assert snapshot(live_site.with_name("kyodo.prev")) == before
    assert leftovers(live_site) == []


def test_a_data_error_leaves_dest_untouched(tmp_path, live_site):
    project = copy_project(tmp_path / "bad")
    path = project / "checklists" / "kyodo-gensoku.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("check: 事業の目的", "check: yes\n    chek: 事業の目的", 1), encoding="utf-8")
    before = snapshot(live_site)
    result = run_publish(project, live_site)
    assert result.returncode == 1
    assert "checklists/kyodo-gensoku.yml:" in result.stdout and "Traceback" not in result.stdout + result.stderr
    assert snapshot(live_site) == before and leftovers(live_site) == [] and not live_site.with_name("kyodo.prev").exists()


def test_a_failed_strict_build_leaves_dest_untouched(tmp_path, live_site):
    project = copy_project(tmp_path / "broken-link")
    index = project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n[壊れたリンク](ordinances/jichi-kihon.md#art99)\n", encoding="utf-8")
    before = snapshot(live_site)
    result = run_publish(project, live_site)
    assert result.returncode == 1 and "サイトの作成（strict）で誤りが見つかりました" in result.stderr
    assert snapshot(live_site) == before and leftovers(live_site) == []


def start_and_wait_for_the_build(project, dest):
    process = subprocess.Popen(publish_command(project, dest), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=BUILD_ENV, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        # MkDocs has started writing the new site: the build is under way.
        if any(p.is_file() for staging in dest.parent.glob(f".{dest.name}.new-*") for p in staging.rglob("*")):
            break
        time.sleep(0.02)
    assert process.poll() is None, "the build finished before it could be interrupted"
    return process


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_publish_leaves_dest_untouched_and_cleans_up(project, live_site, how):
    before = snapshot(live_site)
    process = start_and_wait_for_the_build(project, live_site)
    os.killpg(process.pid, how)  # the whole group, as Ctrl+C in a terminal does
    out, err = process.communicate(timeout=60)
    assert process.returncode == 1, out + err
    assert "は変更していません" in err and "Traceback" not in err
    assert snapshot(live_site) == before and leftovers(live_site) == []


def test_a_killed_publish_leaves_dest_untouched_and_the_next_one_cleans_up(project, live_site):
    before = snapshot(live_site)
    process = start_and_wait_for_the_build(project, live_site)
    os.killpg(process.pid, signal.SIGKILL)  # no chance to clean up, like a power cut
    process.communicate(timeout=60)
    assert snapshot(live_site) == before and leftovers(live_site) != []
    result = run_publish(project, live_site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert leftovers(live_site) == [] and snapshot(live_site.with_name("kyodo.prev")) == before


def test_usage_errors_exit_2_and_touch_nothing(project, tmp_path):
    not_a_site = tmp_path / "documents"
    not_a_site.mkdir()
    (not_a_site / "memo.txt").write_text("大事なメモ", encoding="utf-8")
    a_file = tmp_path / "file.txt"
    a_file.write_text("x", encoding="utf-8")
    for args in ([], [str(not_a_site)], [str(a_file)], [str(tmp_path / "missing" / "site")]):
        result = subprocess.run([sys.executable, str(SCRIPT), "--root", str(project), *args],
                                capture_output=True, text=True, env=BUILD_ENV)
        assert result.returncode == 2, args
    assert (not_a_site / "memo.txt").read_text(encoding="utf-8") == "大事なメモ"


def test_publish_into_a_new_folder_creates_it(project, tmp_path):
    dest = tmp_path / "new-site"
    result = run_publish(project, dest)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (dest / "index.html").is_file() and not dest.with_name("new-site.prev").exists()


def test_the_build_date_is_the_commit_time_or_zero_outside_git(tmp_path):
    from support import load_script
    source_date_epoch = load_script("publish").source_date_epoch
    assert source_date_epoch(ROOT).isdigit() and int(source_date_epoch(ROOT)) > 1_600_000_000
    assert source_date_epoch(tmp_path) == "0"
