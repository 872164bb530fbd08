"""`make bench`: how the cost of checking, building and searching grows with the data.

For each size it measures, each in its own child process (so peak memory is that step's):
(a) validation as `make check` does it, (b) the hooks' own work inside a real build (every
event handler registered from `hooks:` is timed), (c) the full `mkdocs build`, and (d) a
baseline: MkDocs building the same generated pages written out as plain Markdown, with no
hooks. Ratios are taken within one run because this machine is shared and noisy.
Writes a Markdown table (default docs/maintainers/benchmark.md). Not part of `make test`.
"""
from __future__ import annotations

import argparse
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
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "scripts"))

ITEMS_PER_CHECKLIST = 20


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_check(project: Path) -> dict:
    from knowledge_base import load_knowledge_base

    started = time.perf_counter()
    kb = load_knowledge_base(project)
    elapsed = time.perf_counter() - started
    return {"seconds": elapsed, "peak_mb": peak_memory_mb(), "items": sum(len(c.items) for c in kb.checklists)}


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
    from generated_pages import render_all_pages
    from knowledge_base import load_knowledge_base

    shutil.copytree(project, destination)
    for src_uri, content in render_all_pages(load_knowledge_base(project)).items():
        target = destination / "docs" / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    config = (destination / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?ms)^hooks:\n(?:  - .*\n)+", "", config)
    (destination / "mkdocs.yml").write_text(config, encoding="utf-8")
    return destination


def measure_size(label: str, project: Path, work: Path) -> dict:
    row = {"label": label}
    row["check"] = run_child("check", str(project))
    row["build"] = run_child("build", str(project), str(work / f"site-{label}"))
    baseline = write_baseline_project(project, work / f"baseline-{label}")
    row["baseline"] = run_child("build", str(baseline), str(work / f"site-baseline-{label}"))
    shutil.rmtree(work / f"site-{label}", ignore_errors=True)
    shutil.rmtree(work / f"site-baseline-{label}", ignore_errors=True)
    shutil.rmtree(baseline, ignore_errors=True)
    return row


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
        "`make bench` が書き出す表です。手で編集しないでください。",
        "",
        f"計測環境: {machine}",
        "",
        note,
        "",
        "| データ | 項目数 | (a) 検証 秒 | (a) メモリ MB | (b) フック 秒 | (c) ビルド全体 秒 | (c) メモリ MB | (d) フックなし基準 秒 | (b)/(c) | (c)/(d) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        check, build, baseline = row["check"], row["build"], row["baseline"]
        lines.append(
            f"| {row['label']} | {check['items']:,} | {check['seconds']:.3f} | {check['peak_mb']:.0f} | "
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


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--child"]:
        kind, *rest = argv[1:]
        result = child_check(Path(rest[0])) if kind == "check" else child_build(Path(rest[0]), Path(rest[1]))
        print(json.dumps(result))
        return 0
    parser = argparse.ArgumentParser(prog="bench", description="検証・ビルドの時間とメモリを規模ごとに計測します")
    parser.add_argument("--factors", default="1,10,100,1000",
                        help=f"合成データの規模（1× = {ITEMS_PER_CHECKLIST} 項目のチェックリスト1件）")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "maintainers" / "benchmark.md")
    try:
        args = parser.parse_args(argv)
        factors = [int(f) for f in args.factors.split(",")]
    except (SystemExit, ValueError):
        return 2
    from synthetic_data import write_synthetic_project

    machine = machine_description()
    rows = []
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as temp:
        work = Path(temp)
        rows.append(measure_size("出荷データ", ROOT, work))
        for factor in factors:
            project = write_synthetic_project(work / f"project-{factor}", factor, ITEMS_PER_CHECKLIST)
            rows.append(measure_size(f"{factor:,}×", project, work))
            shutil.rmtree(project, ignore_errors=True)
            print(f"{factor}×: check {rows[-1]['check']['seconds']:.2f}s, build {rows[-1]['build']['seconds']:.2f}s", flush=True)
    note = (f"1× は {ITEMS_PER_CHECKLIST} 項目のチェックリスト1件です（1,000× = 1,000 件・20,000 項目）。"
            "合成データは実在の規定を引用し、タグを付けています。時間は壁時計の秒、メモリは各子プロセスの最大常駐メモリです。")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(render_table(rows, machine, note), encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
