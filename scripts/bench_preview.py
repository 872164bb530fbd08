"""The editor's preview loop, as `make bench` measures it: `make serve` on a copy of the shipped
project, a checklist page open in Chromium, a change saved to that checklist's YAML, and the time
until the page has reloaded showing the change. Beside it the baseline: the same for a plain
Markdown page of docs/. The checkout is never edited (kyodo_kb.tooling.project.copy_project).

    .venv/bin/python scripts/bench_preview.py [--rounds 3]
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from kyodo_kb.tooling.browser import free_port, launch_chromium, offline_context
from kyodo_kb.tooling.project import PROJECT_ROOT, copy_project

# (what is edited, the page that shows it, the text to change, the page's id for the table)
CHECKLIST = ("checklists/keikaku.yml", "checklists/keikaku/",
             "事業の目的（何のために、誰のために行うか）を相手方と共有しているか", "チェックリスト（checklists/keikaku.yml）")
PLAIN_PAGE = ("docs/guideline/hajimeni.md", "guideline/hajimeni/", None, "Markdown のページ（docs/guideline/hajimeni.md）")
TIMEOUT = 120  # seconds for one rebuild and reload; the machine may be busy


class Serving:
    """`make serve` (the same recipe editors run) in the copy, with the checkout's virtual environment."""

    def __init__(self, project: Path, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = log
        venv = PROJECT_ROOT / ".venv"
        self.process = subprocess.Popen(
            ["make", "--no-print-directory", "serve", f"VENV={venv}", f"PORT={self.port}"],
            cwd=project, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})

    def wait_until_up(self, path: str) -> float:
        started = time.perf_counter()
        while time.perf_counter() - started < TIMEOUT:
            if self.process.poll() is not None:
                raise RuntimeError(f"make serve が終了しました:\n{self.log.read_text(errors='replace')[-3000:]}")
            try:
                with urllib.request.urlopen(self.url + path, timeout=5) as response:
                    if response.status == 200:
                        return time.perf_counter() - started
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{TIMEOUT} 秒待っても make serve が応答しません")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # make and the mkdocs it started (its own session)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=15)


def saved_to_shown(page, target: Path, old: str | None, marker: str) -> float:
    """Seconds from saving the change to the open page showing it (after livereload's reload)."""
    text = target.read_text(encoding="utf-8")
    changed = text.replace(old, old.replace("か", f"（{marker}）か", 1), 1) if old else text + f"\n{marker}\n"
    assert changed != text
    started = time.perf_counter()
    target.write_text(changed, encoding="utf-8")
    while time.perf_counter() - started < TIMEOUT:
        try:
            if page.evaluate("(m) => !!document.body && document.body.textContent.includes(m)", marker):
                return time.perf_counter() - started
        except Exception:  # the page is reloading: its old document is gone
            pass
        time.sleep(0.01)
    raise RuntimeError(f"{TIMEOUT} 秒待っても {target.name} の変更がページに出ません")


def preview_loop(rounds: int = 3) -> dict:
    """{label: {"seconds": [...], "median": s, "min": s}} for the checklist and the plain page,
    plus "startup" (seconds until `make serve` answered)."""
    from playwright.sync_api import sync_playwright

    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="kb-bench-preview-") as temp:
        project = copy_project(Path(temp) / "project")
        server = Serving(project, Path(temp) / "serve.log")
        try:
            results["startup"] = server.wait_until_up(CHECKLIST[1])
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                try:
                    context = offline_context(browser)
                    page = context.new_page()
                    for source, address, old, label in (CHECKLIST, PLAIN_PAGE):
                        page.goto(server.url + address, wait_until="load")
                        times = []
                        for number in range(rounds):
                            time.sleep(1.0)  # let the watcher settle after the previous rebuild
                            marker = f"計測{number}{'a' if old else 'b'}"
                            times.append(saved_to_shown(page, project / source, old, marker))
                            if old:  # the next round edits the same question again
                                old = old.replace("か", f"（{marker}）か", 1)
                        results[label] = {"seconds": times, "median": statistics.median(times), "min": min(times)}
                finally:
                    browser.close()
        finally:
            server.stop()
    return results


def render_preview_table(results: dict) -> str:
    lines = ["", "## 編集のプレビュー（make serve、出荷データ）", "",
             "プロジェクトのコピーで `make serve` を動かし、Chromium でページを開いたまま元のファイルを保存してから、"
             "ページが再読み込みされて変更が見えるまでの秒です（MkDocs の再構築と livereload を含みます）。"
             "チェックリストは YAML の問いを1つ、比べる基準は docs/ の Markdown のページに1行を加えます。"
             f"`make serve` が最初にページを返すまで {results['startup']:.1f} 秒でした。", "",
             "| 保存したファイル | 回数 | 最短 秒 | 中央値 秒 |", "| --- | ---: | ---: | ---: |"]
    for label, m in results.items():
        if label != "startup":
            lines.append(f"| {label} | {len(m['seconds'])} | {m['min']:.2f} | {m['median']:.2f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_preview", description="保存からプレビューの再表示までの時間を計測します")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    results = preview_loop(args.rounds)
    print(render_preview_table(results))
    print(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
