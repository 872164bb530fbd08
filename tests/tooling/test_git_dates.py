"""Last-change dates from git (hooks/git_dates.py): one log pass, newest commit wins, no git -> no dates."""
import datetime
import os
import subprocess

from kyodo_kb.tooling.git_dates import last_commit_dates, newest, parse_git_log

D = datetime.date


def test_parse_git_log_keeps_the_newest_date_of_each_path_and_reads_japanese_names():
    text = ("@@kb-commit 2026-11-27\n\ndocs/a.md\nchecklists/計画.yml\n"
            "@@kb-commit 2026-10-01\n\ndocs/a.md\ndocs/b.md\n")
    assert parse_git_log(text) == {"docs/a.md": D(2026, 11, 27), "checklists/計画.yml": D(2026, 11, 27),
                                   "docs/b.md": D(2026, 10, 1)}


def test_newest_is_the_latest_of_the_known_paths_or_none():
    dates = {"a": D(2020, 1, 1), "b": D(2021, 1, 1)}
    assert newest(dates, ["a", "b", "c"]) == D(2021, 1, 1)
    assert newest(dates, ["c"]) is None


def git(repo, *args, date="2026-01-02T10:00:00+09:00"):
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def test_last_commit_dates_reads_a_repository_relative_to_a_project_inside_it(tmp_path):
    project = tmp_path / "repo" / "project"
    (project / "docs").mkdir(parents=True)
    git(tmp_path / "repo", "init", "-q")
    (project / "docs" / "a.md").write_text("a", encoding="utf-8")
    (project / "docs" / "b.md").write_text("b", encoding="utf-8")
    git(tmp_path / "repo", "add", "-A")
    git(tmp_path / "repo", "commit", "-qm", "one", date="2025-04-30T12:00:00+09:00")
    (project / "docs" / "b.md").write_text("b2", encoding="utf-8")
    git(tmp_path / "repo", "commit", "-qam", "two", date="2026-05-01T12:00:00+09:00")
    assert last_commit_dates(project) == {"docs/a.md": D(2025, 4, 30), "docs/b.md": D(2026, 5, 1)}


def test_a_folder_without_git_history_has_no_dates(tmp_path):
    assert last_commit_dates(tmp_path) == {}
