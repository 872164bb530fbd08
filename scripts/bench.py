"""`make bench`: how the cost of checking, building and searching grows with the data.

For each size it measures, each in its own child process (so peak memory is that step's):
(a) validation as `make check` does it, (b) the hooks' own work inside a real build (every
event handler registered from `hooks:` is timed), (c) the full `mkdocs build`, and (d) a
baseline: MkDocs building the same generated pages written out as plain Markdown, with no
hooks. Ratios are taken within one run because this machine is shared and noisy.
At the largest size it also compares validation with a bare C-libyaml parse of the same files
(the target is at most 1.3×), and on the shipped data it measures the editor's preview loop
(scripts/bench_preview.py: save a checklist under `make serve` → page reloaded, and the same for a
plain Markdown page).
Writes a Markdown table (default docs/maintainers/benchmark.md). Not part of `make test`.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ITEMS_PER_CHECKLIST = 20
BIG_CHECKLIST_ITEMS = 200


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_memory_with_workers_mb() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return max(peak_memory_mb(), children)


def child_check(project: Path) -> dict:
    """Validation exactly as `make check` does it (scripts/check.py calls validate_project)."""
    from kyodo_kb.knowledge_base import validate_project

    started = time.perf_counter()
    errors, counts = validate_project(project)
    elapsed = time.perf_counter() - started
    if errors:
        raise RuntimeError(f"synthetic data has errors: {errors[:3]}")
    return {"seconds": elapsed, "peak_mb": peak_memory_with_workers_mb(), "items": counts["items"]}


def yaml_files(project: Path) -> list[Path]:
    """Every data file the loader reads (the YAML of checklists, ordinances, flows, data, paperwork, training)."""
    folders = ("checklists", "ordinances", "flows", "data", "paperwork", "training")
    return [path for folder in folders for path in sorted((project / folder).rglob("*.yml"))]


def child_parse_ratio(project: Path, rounds: int = 5) -> dict:
    """Validation against a bare C-libyaml parse of the same files (`yaml.load(text, Loader=yaml.CSafeLoader)`,
    one process, no checks), alternated `rounds` times so both see the same load on the shared machine.
    "check" is validation as `make check` runs it (checklist files read by one process per core);
    "single" is the same validation in one process."""
    import yaml
    from kyodo_kb.knowledge_base import validate_project

    files = yaml_files(project)

    def bare() -> None:
        for path in files:
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

    runs: dict = {"bare": [], "check": [], "single": []}
    cpu: dict = {"bare": [], "single": []}
    for _ in range(rounds):
        for name, step in (("bare", bare), ("check", lambda: validate_project(project)),
                           ("single", lambda: validate_project(project, workers=1))):
            started, started_cpu = time.perf_counter(), time.process_time()
            step()
            runs[name].append(time.perf_counter() - started)
            if name in cpu:  # one process: its CPU time is the work, whatever else the machine runs
                cpu[name].append(time.process_time() - started_cpu)
    best = {name: min(times) for name, times in runs.items()}
    best_cpu = {name: min(times) for name, times in cpu.items()}
    return {"files": len(files), "rounds": rounds, "runs": runs, **{f"{name}_s": value for name, value in best.items()},
            **{f"{name}_cpu_s": value for name, value in best_cpu.items()},
            "ratio": best["check"] / best["bare"], "single_ratio": best["single"] / best["bare"],
            "cpu_ratio": best_cpu["single"] / best_cpu["bare"]}


def render_parse_table(label: str, m: dict) -> str:
    return "\n".join([
        "", "## 検証と、YAML を読むだけの時間の比（最大の規模）", "",
        f"同じ {m['files']:,} ファイルを、C の libyaml で読むだけ（`yaml.load(…, Loader=yaml.CSafeLoader)`、1 プロセス、検査なし）の時間と、"
        "(a) の検証（`make check` と同じ、チェックリストのファイルはコアの数のプロセスで読む）、同じ検証を 1 プロセスでした時間を比べます。"
        f"共有マシンの混み具合が同じになるよう 3 つを交互に {m['rounds']} 回測り、それぞれの最短を使います。目標は比が 1.3 以下です。"
        "壁時計の秒はマシンの混み具合で大きく揺れるので、1 プロセスどうしは CPU 時間（そのプロセスの仕事の量）の比も示します。", "",
        "| データ | ファイル | libyaml だけ 秒 | (a) 検証 秒 | (a)/libyaml | 1 プロセスの検証 秒 | 1 プロセス/libyaml | CPU 秒 libyaml / 1 プロセスの検証 | CPU の比 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {label} | {m['files']:,} | {m['bare_s']:.2f} | {m['check_s']:.2f} | {m['ratio']:.2f} | {m['single_s']:.2f} | {m['single_ratio']:.2f} | "
        f"{m['bare_cpu_s']:.2f} / {m['single_cpu_s']:.2f} | {m['cpu_ratio']:.2f} |",
        ""])


def check_command_seconds(project: Path) -> float:
    """Wall time of the whole `make check` command (Python start-up and imports included)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "--root", str(project)],
                   check=True, capture_output=True)
    return time.perf_counter() - started


def child_build(project: Path, site_dir: Path) -> dict:
    os.chdir(project)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir))
    hook_names = set(config["hooks"].keys()) if "hooks" in config else set()
    hook_seconds: dict = {}
    events = config.plugins.events
    for event_name, methods in events.items():
        for index, method in enumerate(methods):
            origin = config.plugins._event_origins.get(method, "")
            if origin not in hook_names:
                continue

            def timed(*args, _method=method, _key=f"{origin}:{event_name}", **kwargs):
                started = time.perf_counter()
                try:
                    return _method(*args, **kwargs)
                finally:
                    hook_seconds[_key] = hook_seconds.get(_key, 0.0) + time.perf_counter() - started

            methods[index] = timed
    config.plugins.run_event("startup", command="build", dirty=False)
    started = time.perf_counter()
    build(config)
    total = time.perf_counter() - started
    config.plugins.run_event("shutdown")
    return {"seconds": total, "hook_seconds": sum(hook_seconds.values()), "by_event": hook_seconds,
            "peak_mb": peak_memory_mb()}


def run_child(*args: str) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"child {args} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def write_baseline_project(project: Path, destination: Path) -> Path:
    """The same pages the hooks generate, written as plain Markdown, built with no hooks."""
    from kyodo_kb.render.all_pages import render_all_pages
    from kyodo_kb.knowledge_base import load_knowledge_base

    shutil.copytree(project, destination)
    for src_uri, content in render_all_pages(load_knowledge_base(project)).items():
        target = destination / "docs" / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    config = (destination / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?ms)^hooks:\n(?:  - .*\n)+", "", config)
    (destination / "mkdocs.yml").write_text(config, encoding="utf-8")
    return destination


IMPACT_CITATION = "市民活動推進条例第9条第1項第4号"


def add_editions(project: Path, changed_every: int = 20) -> int:
    """Two published editions of the synthetic data (data/changelog.yml and data/editions/):
    1.1 is the data as it is, 1.0 the same with every `changed_every`-th caution worded
    differently, so the build renders a real comparison. Returns how many cautions changed."""
    from kyodo_kb.formats.editions import SnapshotItem, item_fingerprint, snapshot_of, snapshot_text
    from kyodo_kb.knowledge_base import load_knowledge_base
    import dataclasses
    import datetime

    checklists = load_knowledge_base(project).checklists
    newer = snapshot_of(checklists, "1.1", datetime.date(2027, 4, 1))
    changed = 0
    older_lists = []
    for checklist in newer.checklists:
        items = []
        for item in checklist.items:
            changed += 1 if (len(items) % changed_every == 0) else 0
            if len(items) % changed_every == 0:
                caution = item.caution.replace("記録に残して", "書面に残して")
                item = SnapshotItem(item.id, item.check, caution, item.basis, item_fingerprint(item.check, caution, item.basis))
            items.append(item)
        older_lists.append(dataclasses.replace(checklist, items=tuple(items)))
    older = dataclasses.replace(newer, version="1.0", date=datetime.date(2026, 11, 27), checklists=tuple(older_lists))
    (project / "data" / "changelog.yml").write_text(
        'revisions:\n  - date: 2027-04-01\n    version: "1.1"\n    summary: 合成データの改定\n    change: minor\n'
        '  - date: 2026-11-27\n    version: "1.0"\n    summary: 合成データの初版\n    change: major\n'
        '    change_note: 合成データの初版です。\n', encoding="utf-8")
    add_amendment(project)
    folder = project / "data" / "editions"
    for old in folder.glob("*.json"):
        old.unlink()
    (folder / "1.0.json").write_text(snapshot_text(older), encoding="utf-8")
    (folder / "1.1.json").write_text(snapshot_text(newer), encoding="utf-8")
    return changed


# The shipped text of the provision IMPACT_CITATION names; the benchmark records a fictional
# amendment of it (synthetic data only) so that the build renders the amendment notice on every
# caution citing it and the ordinance page's versions.
_ART9_ITEM4 = "            text: 市及び市民活動を行うものは、事業の内容、過程及び結果を公開すること。\n"


def add_amendment(project: Path) -> None:
    path = project / "ordinances" / "shimin-katsudo.yml"
    text = path.read_text(encoding="utf-8")
    if _ART9_ITEM4 in text:
        path.write_text(text.replace(_ART9_ITEM4, _ART9_ITEM4 + (
            "            amendments:\n              - in_force: 2027-04-01\n"
            "                amended_by: 合成データの架空の改正条例\n"
            "                text: （合成データの架空の改正後の本文）\n"), 1), encoding="utf-8")


def impact_seconds(project: Path, runs: int = 3) -> dict:
    """Wall time of the whole `make impact` command (Python start-up included), best of `runs`."""
    times, cpu, count = [], [], 0
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(ROOT / "scripts" / "impact.py"), IMPACT_CITATION, "--root", str(project)],
                                capture_output=True, text=True, check=True)
        times.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        count = len(result.stdout.splitlines())
    return {"seconds": min(times), "median": sorted(times)[len(times) // 2], "cpu": min(cpu), "lines": count}


def measure_size(label: str, project: Path, work: Path, keep_site: bool = False) -> dict:
    row = {"label": label}
    row["impact"] = impact_seconds(project)
    row["check"] = run_child("check", str(project))
    row["check"]["command_seconds"] = check_command_seconds(project)
    row["build"] = run_child("build", str(project), str(work / f"site-{label}"))
    baseline = write_baseline_project(project, work / f"baseline-{label}")
    row["baseline"] = run_child("build", str(baseline), str(work / f"site-baseline-{label}"))
    if keep_site:
        row["site"] = str(work / f"site-{label}")
    else:
        shutil.rmtree(work / f"site-{label}", ignore_errors=True)
    shutil.rmtree(work / f"site-baseline-{label}", ignore_errors=True)
    shutil.rmtree(baseline, ignore_errors=True)
    return row


def decision_page_metrics(site_dir: Path, checklist_id: str, answers: int = 50) -> dict:
    """In Chromium: bytes of a checklist page without the search index, time from navigation
    to an interactive summary, and the time one answer takes (handler, and until the next frame)."""
    import statistics

    from kyodo_kb.tooling.browser import CHROMIUM, CHROMIUM_ARGS, serve_directory
    from playwright.sync_api import sync_playwright

    server, base = serve_directory(site_dir)
    sizes: dict = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()

            def record(response):
                try:
                    body = response.body()
                    sizes[response.url] = (len(body), len(gzip.compress(body, 6)))
                except Exception:  # redirects and aborted loads have no body
                    pass

            page.on("response", record)
            loads = []
            for _ in range(5):
                page.goto(base + f"checklists/{checklist_id}/", wait_until="load")
                page.wait_for_function("() => { const s = document.querySelector('.kb-summary');"
                                       " return s && !s.hidden && s.getAttribute('data-kb-ready'); }", polling="raf")
                loads.append(page.evaluate("() => performance.now()"))
            handler, frame = [], []
            radios = page.locator(".kb-answer input[value='no']")
            count = radios.count()
            for index in range(min(answers, count)):
                timing = page.evaluate(
                    """(index) => new Promise(resolve => {
                        const radio = document.querySelectorAll(".kb-answer input[value='no']")[index];
                        const start = performance.now();
                        radio.click();
                        const handled = performance.now();
                        requestAnimationFrame(() => setTimeout(() => resolve([handled - start, performance.now() - start]), 0));
                    })""", index)
                handler.append(timing[0])
                frame.append(timing[1])
            browser.close()
    finally:
        server.shutdown()
    # The search index and the search engine (loaded by Material's search worker, not by the
    # page) are the search's cost, measured in the search table.
    own = {url: size for url, size in sizes.items()
           if "search_index" not in url and "/search/" not in url and "search_engine.js" not in url}
    theme = sum(raw for url, (raw, _) in own.items() if re.search(r"/(main|palette)\.[0-9a-f]+\.min\.css|/bundle\.[0-9a-f]+\.min\.js", url))
    def p95(values):
        return sorted(values)[max(0, int(round(0.95 * len(values))) - 1)]
    return {"items": count, "page_bytes": sum(raw for raw, _ in own.values()), "theme_bytes": theme,
            "page_gzip_bytes": sum(packed for _, packed in own.values()), "load_ms": statistics.median(loads),
            "answer_handler_ms_median": statistics.median(handler), "answer_handler_ms_p95": p95(handler),
            "answer_frame_ms_median": statistics.median(frame), "answer_frame_ms_p95": p95(frame)}


def search_metrics(site_dir: Path, queries: int = 50) -> dict:
    """In Chromium, through Material's header search (scripts/bench_search.py): the index as
    served (raw and gzip), the time until search is ready, and the latency of `queries`
    queries of tests/search_queries.yml (after one query that is not counted, so the engine's
    first compilation is not taken for a query)."""
    from bench_search import launch, load_query_set, measure_site
    from playwright.sync_api import sync_playwright

    texts = [spec.query for spec in load_query_set()]
    texts = (texts * (queries // len(texts) + 1))[:queries]
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            measured = measure_site(browser, site_dir, texts, warm_up="協働")
        finally:
            browser.close()
    index = (site_dir / "search" / "search_index.json").read_bytes()
    return {"index_bytes": len(index), "index_gzip_bytes": len(gzip.compress(index, 6)), "ready_s": measured["ready_s"],
            "queries": measured["measured"], "median_ms": measured["median_ms"], "p95_ms": measured["p95_ms"]}


def render_search_table(label: str, m: dict) -> str:
    return "\n".join([
        "", "## 検索（Chromium、最大の規模）", "",
        "ヘッダーの検索欄に問いを入れてから結果が表示されるまでの時間です（問いは tests/search_queries.yml から。"
        "最初の1問はエンジンの準備にあたるため数えません）。索引はページを開いて検索を始めたときに一度だけ読み込みます。", "",
        "| サイト | 索引 KB（圧縮前） | 索引 KB（gzip） | 検索の準備 秒 | 問いの数 | 応答 中央値 ms | 応答 p95 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {label} | {m['index_bytes'] / 1024:,.0f} | {m['index_gzip_bytes'] / 1024:,.0f} | {m['ready_s']:.2f} | "
        f"{m['queries']} | {m['median_ms']:.1f} | {m['p95_ms']:.1f} |", ""])


def render_browser_table(browser_rows: list) -> str:
    lines = ["", "## チェックリストのページ（Chromium）", "",
             "ページの重さは、検索（索引と検索エンジン）を除く HTML・CSS・JavaScript・画像の合計です（圧縮前と、サーバーが gzip で送るときの大きさ）。"
             "「うち Material」は Material for MkDocs のテーマの CSS と JavaScript（どのページも同じもの）です。"
             "応答時間は「いいえ」を選んでから、処理が終わるまで（ハンドラ）と、次の描画まで（描画）です。", "",
             "| ページ | 項目数 | 重さ KB（圧縮前） | うち Material KB | 重さ KB（gzip） | 操作可能まで ms | 応答 ハンドラ 中央値/p95 ms | 応答 描画 中央値/p95 ms |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for label, m in browser_rows:
        lines.append(f"| {label} | {m['items']} | {m['page_bytes'] / 1024:.0f} | {m['theme_bytes'] / 1024:.0f} | {m['page_gzip_bytes'] / 1024:.0f} | {m['load_ms']:.0f} | "
                     f"{m['answer_handler_ms_median']:.1f} / {m['answer_handler_ms_p95']:.1f} | "
                     f"{m['answer_frame_ms_median']:.1f} / {m['answer_frame_ms_p95']:.1f} |")
    return "\n".join(lines) + "\n"


def render_impact_table(rows: list[dict]) -> str:
    lines = ["", "## 版と make impact", "",
             "合成データには版を2つ（1.0 と 1.1、1.1 で20件に1件の留意事項を改定）と、"
             f"{IMPACT_CITATION}の架空の改正（合成データだけ）を記録してからビルドしています"
             "（(c) のビルドは版の比較のページとそのデータ、改正を引用する留意事項の「内容を確認中」の表示を含みます）。"
             f"`make impact CITE=\"{IMPACT_CITATION}\"` はコマンド全体（Python の起動を含む）の壁時計の秒で、3回のうち最短と中央値、"
             "それに CPU 時間（ユーザー＋システム、最短）です。共有マシンが混んでいると壁時計の秒は CPU 時間より大きくなります。",
             "", "| データ | 項目数 | 版で改定した項目 | make impact 最短 秒 | 中央値 秒 | CPU 秒 | 出力 行 |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in rows:
        impact = row["impact"]
        lines.append(f"| {row['label']} | {row['check']['items']:,} | {row.get('editions_changed', '—')} | "
                     f"{impact['seconds']:.2f} | {impact['median']:.2f} | {impact['cpu']:.2f} | {impact['lines']:,} |")
    return "\n".join(lines) + "\n"


def machine_description() -> str:
    memory = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            kb = int(meminfo.readline().split()[1])
            memory = f"、メモリ {kb / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{platform.machine()}、{os.cpu_count()} コア{memory}、Python {platform.python_version()}、"
            f"計測開始時のロードアベレージ {load:.1f}")


def render_table(rows: list[dict], machine: str, note: str) -> str:
    lines = [
        "# ベンチマーク（保守担当者向け）",
        "",
        f"`make bench` が書き出す表です。表は手で編集しないでください（「{HISTORY_HEADING[3:]}」の節だけは手で書き、`make bench` はそのまま残します）。",
        "",
        f"計測環境: {machine}",
        "",
        note,
        "",
        "| データ | 項目数 | (a) 検証 秒 | (a) `make check` 全体 秒 | (a) メモリ MB | (b) フック 秒 | (c) ビルド全体 秒 | (c) メモリ MB | (d) フックなし基準 秒 | (b)/(c) | (c)/(d) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        check, build, baseline = row["check"], row["build"], row["baseline"]
        lines.append(
            f"| {row['label']} | {check['items']:,} | {check['seconds']:.3f} | {check['command_seconds']:.2f} | {check['peak_mb']:.0f} | "
            f"{build['hook_seconds']:.2f} | {build['seconds']:.2f} | {build['peak_mb']:.0f} | {baseline['seconds']:.2f} | "
            f"{build['hook_seconds'] / build['seconds']:.1%} | {build['seconds'] / baseline['seconds']:.2f} |")
    lines += ["", "## 増え方（隣り合う規模の比）", "",
              "| 規模 | 項目数の比 | (a) 検証時間の比 | (b) フック時間の比 | (c) ビルド時間の比 |", "| --- | ---: | ---: | ---: | ---: |"]
    synthetic = [row for row in rows if row["label"].endswith("×")]
    for smaller, larger in zip(synthetic, synthetic[1:]):
        ratio = larger["check"]["items"] / smaller["check"]["items"]
        lines.append(
            f"| {smaller['label']} → {larger['label']} | {ratio:.0f} | "
            f"{larger['check']['seconds'] / smaller['check']['seconds']:.1f} | "
            f"{larger['build']['hook_seconds'] / smaller['build']['hook_seconds']:.1f} | "
            f"{larger['build']['seconds'] / smaller['build']['seconds']:.1f} |")
    lines += ["", "## フックごとの内訳（最大の規模）", "", "| フック:イベント | 秒 |", "| --- | ---: |"]
    largest = rows[-1]["build"]["by_event"]
    for key, seconds in sorted(largest.items(), key=lambda kv: -kv[1]):
        lines.append(f"| `{key}` | {seconds:.3f} |")
    return "\n".join(lines) + "\n"


# Maintainers write the before/after of each performance fix under this heading; a new run
# replaces the tables above it and keeps it.
HISTORY_HEADING = "## 改善の前後"


def with_kept_history(measured: str, output: Path) -> str:
    """The new tables, followed by the hand-written history section of the previous file."""
    previous = output.read_text(encoding="utf-8") if output.is_file() else ""
    start = previous.find("\n" + HISTORY_HEADING)
    if start < 0:
        return measured
    return measured.rstrip("\n") + "\n" + previous[start:]


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--child"]:
        kind, *rest = argv[1:]
        if kind == "parse":
            result = child_parse_ratio(Path(rest[0]))
        else:
            result = child_check(Path(rest[0])) if kind == "check" else child_build(Path(rest[0]), Path(rest[1]))
        print(json.dumps(result))
        return 0
    parser = argparse.ArgumentParser(prog="bench", description="検証・ビルドの時間とメモリを規模ごとに計測します")
    parser.add_argument("--factors", default="1,10,100,1000",
                        help=f"合成データの規模（1× = {ITEMS_PER_CHECKLIST} 項目のチェックリスト1件）")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "maintainers" / "benchmark.md")
    parser.add_argument("--preview-rounds", type=int, default=3, help="編集のプレビューの計測の回数（0 なら計測しない）")
    try:
        args = parser.parse_args(argv)
        factors = [int(f) for f in args.factors.split(",")]
    except (SystemExit, ValueError):
        return 2
    from kyodo_kb.tooling.synthetic_data import write_synthetic_project

    machine = machine_description()
    preview = None
    if args.preview_rounds:
        from bench_preview import preview_loop, render_preview_table

        preview = preview_loop(args.preview_rounds)
        print("preview: " + ", ".join(f"{label} {m['median']:.2f}s (min {m['min']:.2f}s)"
                                      for label, m in preview.items() if label != "startup"), flush=True)
    rows = []
    parse = None
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as temp:
        work = Path(temp)
        rows.append(measure_size("出荷データ", ROOT, work, keep_site=True))
        for factor in factors:
            largest = factor == factors[-1]
            # The largest size also carries one 200-item checklist for the decision-page figures.
            project = write_synthetic_project(work / f"project-{factor}", factor, ITEMS_PER_CHECKLIST,
                                              big_checklist_items=BIG_CHECKLIST_ITEMS if largest else 0)
            changed = add_editions(project)
            rows.append(measure_size(f"{factor:,}×", project, work, keep_site=largest))
            if largest:
                parse = run_child("parse", str(project))
                print(f"{factor}×: validation / bare libyaml parse = {parse['ratio']:.2f} "
                      f"({parse['check_s']:.2f}s / {parse['bare_s']:.2f}s); one process {parse['single_ratio']:.2f}, "
                      f"CPU {parse['cpu_ratio']:.2f} ({parse['single_cpu_s']:.2f}s / {parse['bare_cpu_s']:.2f}s)", flush=True)
            shutil.rmtree(project, ignore_errors=True)
            rows[-1]["editions_changed"] = changed
            print(f"{factor}×: check {rows[-1]['check']['seconds']:.2f}s, build {rows[-1]['build']['seconds']:.2f}s, "
                  f"impact {rows[-1]['impact']['seconds']:.2f}s", flush=True)
        shipped_site = Path(rows[0]["site"])  # built above, so the row is there without a `make build` first
        browser_rows = [("出荷データ（keikaku）", decision_page_metrics(shipped_site, "keikaku"))] if (shipped_site / "checklists" / "keikaku").is_dir() else []
        browser_rows.append((f"{rows[-1]['label']}（{BIG_CHECKLIST_ITEMS} 項目のページ）",
                             decision_page_metrics(Path(rows[-1]["site"]), "synthetic-big")))
        search = search_metrics(Path(rows[-1]["site"]))
        print(f"search: p95 {search['p95_ms']:.1f} ms", flush=True)
    note = (f"1× は {ITEMS_PER_CHECKLIST} 項目のチェックリスト1件です（1,000× = 1,000 件・20,000 項目）。"
            "合成データは実在の規定を引用し、タグを付けています。時間は壁時計の秒、メモリは各子プロセスの最大常駐メモリです。")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    search_label = f"{rows[-1]['label']}（{rows[-1]['check']['items']:,} 項目）"
    measured = (render_table(rows, machine, note) + render_parse_table(search_label, parse)
                + (render_preview_table(preview) if preview else "") + render_impact_table(rows)
                + render_browser_table(browser_rows) + render_search_table(search_label, search))
    args.output.write_text(with_kept_history(measured, args.output), encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
