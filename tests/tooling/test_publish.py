"""`make publish`: DEST is replaced only by a site that built and passed its checks; a failed,
interrupted or killed publish leaves the previous site untouched and servable."""
import errno
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


MARKER = ".kb-published"


def snapshot(folder: Path) -> dict:
    """The files of a site (without publish's marker) and their hashes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != MARKER}


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


def test_a_prev_folder_that_publish_did_not_make_is_never_deleted(project, live_site):
    staff = live_site.with_name("kyodo.prev")
    staff.mkdir()
    (staff / "memo.txt").write_text("職員の書類", encoding="utf-8")
    before = snapshot(live_site)
    result = run_publish(project, live_site)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"エラー: {staff} は make publish が作ったものではないため、削除せずに中止しました" in result.stderr
    assert (staff / "memo.txt").read_text(encoding="utf-8") == "職員の書類" and snapshot(live_site) == before


def test_a_prev_that_is_a_file_stops_publish_with_exit_2(project, live_site):
    live_site.with_name("kyodo.prev").write_text("x", encoding="utf-8")
    result = run_publish(project, live_site)
    assert result.returncode == 2 and "make publish が作ったものではないため" in result.stderr and "Traceback" not in result.stderr
    assert live_site.with_name("kyodo.prev").read_text(encoding="utf-8") == "x"


def test_a_symlinked_dest_works_run_after_run_and_stays_a_link(project, tmp_path, live_site):
    link = tmp_path / "public"
    link.symlink_to(live_site, target_is_directory=True)
    for run in range(2):  # the second run deletes the DEST.prev the first one made
        result = run_publish(project, link)
        assert result.returncode == 0, result.stdout + result.stderr
        assert link.is_symlink() and link.resolve() == live_site.resolve()
        assert (link / "checklists" / "kyodo-gensoku" / "index.html").is_file() and (link / MARKER).is_file()
        assert live_site.with_name("kyodo.prev").is_dir() and (live_site.with_name("kyodo.prev") / MARKER).is_file()


@pytest.mark.parametrize("code, words", [(errno.EACCES, " に書き込む権限がありません"), (errno.ENOSPC, " のディスクの空きが足りません")])
def test_file_system_refusals_exit_3_with_a_japanese_message(project, live_site, monkeypatch, capsys, code, words):
    from support import load_script
    publish = load_script("publish")

    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code), str(live_site.parent))
    monkeypatch.setattr(publish.tempfile, "mkdtemp", refuse)
    before = snapshot(live_site)
    assert publish.main(["--root", str(project), str(live_site)]) == 3
    err = capsys.readouterr().err
    assert f"エラー: {live_site.parent}{words}" in err and "は変更していません" in err
    assert snapshot(live_site) == before


def test_an_unwritable_parent_exits_3(project, live_site, monkeypatch, capsys):
    from support import load_script
    publish = load_script("publish")
    real_open = open

    def locked_open(path, *args, **kwargs):
        if str(path).endswith(".publish-lock"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)
    monkeypatch.setattr("builtins.open", locked_open)
    assert publish.main(["--root", str(project), str(live_site)]) == 3
    assert "に書き込む権限がありません" in capsys.readouterr().err
