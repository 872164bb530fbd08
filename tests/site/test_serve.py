"""`make serve` (mkdocs serve) against a copy of the project: a data error is printed with its
`path:line:` message and shown in the browser without stopping the server; fixing the file brings
the page back. The server always runs in its own process, with timeouts, and is always stopped."""
from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from kyodo_kb.tooling.browser import free_port
from kyodo_kb.tooling.project import BUILD_ENV, copy_project

TIMEOUT = 90  # seconds for one build to show up; the machine may be busy
CHECKLIST = "checklists/kyodo-gensoku.yml"
BROKEN_MESSAGE = "第9条第7項は収録されていません"


class Server:
    def __init__(self, project: Path, log_path: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log_path = log_path
        self.log = open(log_path, "w", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}", "--livereload"],
            cwd=project, stdout=self.log, stderr=subprocess.STDOUT, env={**BUILD_ENV, "PYTHONUNBUFFERED": "1"},
        )

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", errors="replace")
        except (urllib.error.URLError, ConnectionError, socket.timeout):
            return 0, ""

    def wait_for(self, condition, what: str):
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"mkdocs serve が終了しました（{what} を待つ間）:\n{self.output()}"
            result = condition()
            if result:
                return result
            time.sleep(0.3)
        pytest.fail(f"{TIMEOUT} 秒待っても {what} になりませんでした:\n{self.output()[-3000:]}")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self.log.close()


@contextlib.contextmanager
def serving(project: Path, log_path: Path):
    server = Server(project, log_path)
    try:
        yield server
    finally:
        server.stop()


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_serve_survives_a_data_error_shows_it_and_recovers_when_it_is_fixed(tmp_path):
    project = copy_project(tmp_path / "project")
    checklist = project / CHECKLIST
    page = "checklists/kyodo-gensoku/"
    with serving(project, tmp_path / "serve.log") as server:
        server.wait_for(lambda: server.get(page)[0] == 200, "最初のページの表示")

        replace_in(checklist, "市民活動推進条例第9条第2項", "市民活動推進条例第9条第7項")
        server.wait_for(lambda: BROKEN_MESSAGE in server.output(), "誤りの表示（端末）")
        output = server.output()
        assert f"{CHECKLIST}:" in output and "Traceback" not in output
        server.wait_for(lambda: BROKEN_MESSAGE in server.get(page)[1], "誤りの表示（ブラウザ）")
        assert "データに 1 件の誤りがあります" in server.get("")[1]  # the banner is on every page

        replace_in(checklist, "市民活動推進条例第9条第7項", "市民活動推進条例第9条第2項")
        replace_in(checklist, "check: 事業の目的を相手方と話し合い", "check: 事業の目的を相手方と十分に話し合い")
        server.wait_for(lambda: "事業の目的を相手方と十分に話し合い" in server.get(page)[1], "直した内容の表示")
        assert "データに 1 件の誤りがあります" not in server.get("")[1]
        assert server.process.poll() is None


def test_serve_starts_even_when_the_data_is_broken_from_the_start(tmp_path):
    project = copy_project(tmp_path / "project")
    replace_in(project / CHECKLIST, "市民活動推進条例第9条第2項", "市民活動推進条例第9条第7項")
    with serving(project, tmp_path / "serve.log") as server:
        server.wait_for(lambda: BROKEN_MESSAGE in server.get("checklists/kyodo-gensoku/")[1], "誤りのページの表示")
        assert f"{CHECKLIST}:" in server.output() and BROKEN_MESSAGE in server.output()
        server.wait_for(lambda: "Serving on" in server.output(), "サーバーの開始")
        # The one Japanese error is not buried: no warnings (links into the error pages' missing
        # anchors and pages used to print ~85), and the build ends with the error summary.
        build = server.output().split("Building documentation")[1].split("Serving on")[0]
        assert "WARNING" not in build, build
        closing = build.rstrip().splitlines()
        closing = closing[closing.index(next(line for line in closing if "Documentation built" in line)):]
        assert closing[0].startswith("ERROR") and closing[1] == "データに 1 件の誤りがあります:"
        assert BROKEN_MESSAGE in closing[2] and closing[3].startswith("誤りのページを表示しています")
        replace_in(project / CHECKLIST, "市民活動推進条例第9条第7項", "市民活動推進条例第9条第2項")
        server.wait_for(lambda: 'id="KG-01"' in server.get("checklists/kyodo-gensoku/")[1], "直した後のページの表示")


def test_serve_watches_the_data_folder(tmp_path):
    project = copy_project(tmp_path / "project")
    with serving(project, tmp_path / "serve.log") as server:
        server.wait_for(lambda: server.get("changelog/")[0] == 200, "改定履歴の表示")
        replace_in(project / "data" / "changelog.yml", "ナレッジベースを公開しました。", "ナレッジベースを試験公開しました。")
        server.wait_for(lambda: "試験公開" in server.get("changelog/")[1], "data/ の変更の反映")


def test_serve_shows_a_missing_include_with_its_line_and_recovers(tmp_path):
    """A page whose `--8<--` names a file that is not (or no longer) in includes/: the served page
    is the Japanese notice naming the page file and line, the server keeps serving (no hang, no
    traceback), and putting the file back brings the page back."""
    project = copy_project(tmp_path / "project")
    page_file = project / "docs" / "guideline" / "keii.md"
    text = page_file.read_text(encoding="utf-8").rstrip("\n") + "\n\n--8<-- \"kb-sashikomi.md\"\n"
    page_file.write_text(text, encoding="utf-8")
    line = text.count("\n")  # the marker is the last line
    include = project / "includes" / "kb-sashikomi.md"
    include.write_text("差し込みの本文です（KB-INCLUDE）。\n", encoding="utf-8")
    page = "guideline/keii/"
    with serving(project, tmp_path / "serve.log") as server:
        server.wait_for(lambda: "KB-INCLUDE" in server.get(page)[1], "差し込んだ本文の表示")

        include.unlink()
        expected = (f"docs/guideline/keii.md:{line}: 差し込むファイル「kb-sashikomi.md」が includes/ にありません。"
                    "差し込めるのは includes/ のファイルだけです。ファイル名を確かめてください [page-snippet]")
        shown = server.wait_for(lambda: (lambda body: body if "このページは表示できません" in body else None)(server.get(page)[1]),
                                "差し込めないことの表示（ブラウザ）")
        assert expected in shown.replace("&#x27;", "'").replace("&quot;", '"')
        assert "KB-INCLUDE" not in shown
        assert expected in server.output() and "Traceback" not in server.output()
        assert server.get("guideline/hajimeni/")[0] == 200  # the rest of the site is still served

        include.write_text("差し込みの本文です（KB-INCLUDE）。\n", encoding="utf-8")
        server.wait_for(lambda: "KB-INCLUDE" in server.get(page)[1], "直した後の表示")
        assert "このページは表示できません" not in server.get(page)[1]
        assert server.process.poll() is None and "Traceback" not in server.output()
