"""Measures the site search in Chromium: quality on the query set, and size and speed.

  python scripts/bench_search.py quality [--engines kb,material,material-tuned]
      recall@5 and MRR of each engine on tests/search_queries.yml, each on its own build.
  python scripts/bench_search.py perf [--cautions 20000] [--queries 40]
      index bytes, time until search is ready and query latency (median, p95) for the
      shipped site and for a synthetic site (write_synthetic_project of scripts/synthetic_data.py:
      the real code and ordinances, checklists of 200 generated cautions each).

Not a test: numbers depend on the machine. Queries are typed into the Material header
search box and the links shown are read back, so every engine is measured the same way.
Exit codes: 0 ok, 1 a build failed, 2 usage.
"""
from __future__ import annotations

import argparse
import os
from dataclasses import dataclass, field
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUERY_SET = ROOT / "tests" / "search_queries.yml"
TOP_K = 5
INITIALIZING = "検索を初期化"  # Material's Japanese text while its search worker is starting

# Material's search, for comparison: its own lunr worker and index (our hook left out), with
# the separator it ships for Japanese, and with one that also splits at Japanese punctuation.
ENGINES = {
    "kb": {"hook": True, "separator": None},
    "material": {"hook": False, "separator": None},
    "material-tuned": {"hook": False, "separator": r"[\s\-\u3000、。，．・「」『』（）()/]+"},
    # Every kana and kanji its own token: the unspaced phrase then matches character by character.
    # Pagefind's extended build (lindera segments Japanese at index time), through its own JS API:
    # needs `pip install pagefind[extended]`, which the project does not pin (52 MB, measurement only).
    "pagefind": {"hook": False, "separator": None, "pagefind": True},
    "material-chars": {"hook": False,
                       "separator": r"[\s\-\u3000、。，．]+|(?=[\u3040-\u30ff\u3400-\u9fff])|(?<=[\u3040-\u30ff\u3400-\u9fff])"},
}


@dataclass(frozen=True)
class QuerySpec:
    query: str
    expect: tuple  # site-relative locations: checklists/keikaku/#KK-01, guideline/keitai/
    note: str = ""


@dataclass
class QueryOutcome:
    spec: QuerySpec
    results: list
    found: int = 0
    rank: int | None = None  # 1-based rank of the first expected result


@dataclass
class Evaluation:
    outcomes: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return statistics.mean(o.found / len(o.spec.expect) for o in self.outcomes)

    @property
    def mrr(self) -> float:
        return statistics.mean(1 / o.rank if o.rank else 0.0 for o in self.outcomes)

    def misses(self) -> list:
        return [o for o in self.outcomes if o.found < len(o.spec.expect)]


def item_locations(root: Path = ROOT) -> dict:
    from kyodo_kb.knowledge_base import load_knowledge_base

    kb = load_knowledge_base(root)
    return {item.id: f"checklists/{c.id}/#{item.id}" for c in kb.checklists for item in c.items}


def load_query_set(path: Path = QUERY_SET, items: dict | None = None) -> list[QuerySpec]:
    """The query set with item ids turned into locations; unknown ids are an error, not a miss."""
    items = item_locations() if items is None else items
    data = yaml.safe_load(path.read_text(encoding="utf-8"))  # a maintainers' test file, not editor data
    specs = []
    for entry in data["queries"]:
        expect = []
        for target in entry["expect"]:
            if "/" in target:
                expect.append(target)
            elif target in items:
                expect.append(items[target])
            else:
                raise ValueError(f"{path.name}: 「{entry['query']}」の expect にある {target} は、項目 ID でもサイトの場所でもありません")
        specs.append(QuerySpec(str(entry["query"]), tuple(expect), entry.get("note", "")))
    return specs


def site_location(href: str, site_url: str) -> str:
    """A result link as a site-relative location without the highlight parameter."""
    parts, base = urlsplit(href), urlsplit(site_url)
    path = unquote(parts.path)
    path = path[len(base.path):] if path.startswith(base.path) else path
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    return path + ("#" + unquote(parts.fragment) if parts.fragment else "")


_SETTLED_JS = """async ([initial, timeoutMs]) => {
  const meta = document.querySelector('.md-search-result__meta');
  const list = document.querySelector('.md-search-result__list');
  const start = performance.now();
  let last = null, stable = 0;
  while (performance.now() - start < timeoutMs) {
    await new Promise(r => setTimeout(r, 40));
    const now = meta.textContent + '|' + list.innerHTML.length + '|' + list.childElementCount;
    if (meta.textContent !== initial && now === last) { if (++stable >= 3) return true; }
    else stable = 0;
    last = now;
  }
  return false;
}"""

_VISIBLE_LINKS_JS = """() => Array.from(document.querySelectorAll(
  '.md-search-result__list > li > a[href], .md-search-result__list details[open] a[href]'
)).map(a => a.href)"""


def open_search(page, site_url: str, timeout_ms: int = 120000) -> None:
    """Opens the site and waits until the header search is ready for a query."""
    page.goto(site_url)
    box = page.locator("input.md-search__input")
    box.click()
    page.wait_for_function(
        "initial => document.querySelector('.md-search-result__meta').textContent.trim() !== initial",
        arg=INITIALIZING, timeout=timeout_ms)


def search_in_header(page, site_url: str, query: str) -> list[str]:
    """Types the query into the header search box as staff do and returns the result locations shown."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    page.evaluate(_SETTLED_JS, [None, 2000])
    before = page.locator(".md-search-result__meta").text_content()
    box.fill(query)
    box.press("End")  # Material reacts to keyup; fill() alone types without keys
    page.evaluate(_SETTLED_JS, [before, 10000])
    return [site_location(href, site_url) for href in page.evaluate(_VISIBLE_LINKS_JS)]


_PAGEFIND_JS = """async (query) => {
  const pagefind = await import(new URL('pagefind/pagefind.js', document.querySelector('#__config') ?
    new URL(JSON.parse(document.querySelector('#__config').textContent).base, location.href) : location.href).href);
  const search = await pagefind.search(query);
  const pages = await Promise.all(search.results.slice(0, 10).map(result => result.data()));
  return pages.flatMap(data => data.sub_results && data.sub_results.length
    ? data.sub_results.map(sub => new URL(sub.url, location.href).href) : [new URL(data.url, location.href).href]);
}"""


def search_with_pagefind(page, site_url: str, query: str) -> list[str]:
    locations = [site_location(href, site_url) for href in page.evaluate(_PAGEFIND_JS, query)]
    # The maintainers' pages are left out of the site search (search.exclude), so out of Pagefind's too.
    return [location for location in locations if not location.startswith("maintainers/")]


def evaluate(page, site_url: str, specs: list[QuerySpec], k: int = TOP_K, pagefind: bool = False) -> Evaluation:
    if pagefind:
        page.goto(site_url)
    else:
        open_search(page, site_url)
    evaluation = Evaluation()
    for spec in specs:
        if pagefind:
            results = search_with_pagefind(page, site_url, spec.query)
        else:
            results = search_in_header(page, site_url, spec.query)
        outcome = QueryOutcome(spec, results)
        outcome.found = sum(1 for target in spec.expect if target in results[:k])
        ranks = [results.index(t) + 1 for t in spec.expect if t in results]
        outcome.rank = min(ranks) if ranks else None
        evaluation.outcomes.append(outcome)
    return evaluation


def configure_engine(project: Path, engine: str) -> Path:
    """Sets up a copy of the project to use one engine."""
    settings = ENGINES[engine]
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    if not settings["hook"]:
        config = "\n".join(line for line in config.splitlines() if "hooks/search_index.py" not in line) + "\n"
    if settings["separator"]:
        config = config.replace("      lang: ja\n", f"      lang: ja\n      separator: '{settings['separator']}'\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


def engine_project(engine: str, destination: Path) -> Path:
    from kyodo_kb.tooling.project import copy_project

    return configure_engine(copy_project(destination), engine)


def build(project: Path, site_dir: Path) -> bool:
    from kyodo_kb.tooling.project import run_mkdocs_build

    result = run_mkdocs_build(project, site_dir)
    if result.returncode != 0:
        print(result.stdout + result.stderr, file=sys.stderr)
    return result.returncode == 0


def launch(playwright):
    from kyodo_kb.tooling.browser import CHROMIUM, CHROMIUM_ARGS

    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)


def quality(engines: list[str], verbose: bool) -> int:
    from kyodo_kb.tooling.browser import serve_directory
    from playwright.sync_api import sync_playwright

    specs = load_query_set()
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = launch(playwright)
        for engine in engines:
            project = engine_project(engine, Path(tmp) / engine)
            site = Path(tmp) / f"{engine}-site"
            if not build(project, site):
                return 1
            if ENGINES[engine].get("pagefind"):
                indexed = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--root-selector", ".md-content"],
                                         capture_output=True, text=True)
                if indexed.returncode != 0:
                    print(f"pagefind を実行できません（pip install 'pagefind[extended]'）: {indexed.stderr[-500:]}", file=sys.stderr)
                    continue
            server, url = serve_directory(site)
            try:
                page = browser.new_page(locale="ja-JP")
                result = evaluate(page, url, specs, pagefind=bool(ENGINES[engine].get("pagefind")))
                page.close()
            finally:
                server.shutdown()
            rows.append((engine, result))
            if verbose:
                for miss in result.misses():
                    print(f"  [{engine}] {miss.spec.query}: 期待 {list(miss.spec.expect)} / 上位 {miss.results[:TOP_K]}")
        browser.close()
    print(f"問い {len(specs)} 件（tests/search_queries.yml）")
    print("| エンジン | recall@5 | MRR | 上位5件に期待がそろわなかった問い |")
    print("| --- | ---: | ---: | ---: |")
    for engine, result in rows:
        print(f"| {engine} | {result.recall:.3f} | {result.mrr:.3f} | {len(result.misses())} |")
    return 0


_TIMED_QUERY_JS = """async ([query, timeoutMs]) => {
  const box = document.querySelector('input.md-search__input');
  const list = document.querySelector('.md-search-result__list');
  const meta = document.querySelector('.md-search-result__meta');
  box.value = '';
  box.dispatchEvent(new KeyboardEvent('keyup', {key: 'End', bubbles: true}));
  await new Promise(r => setTimeout(r, 50));
  const before = meta.textContent + list.innerHTML;
  return await new Promise(resolve => {
    const start = performance.now();
    const observer = new MutationObserver(() => {
      observer.disconnect();
      resolve(performance.now() - start);
    });
    observer.observe(list.parentElement, {childList: true, subtree: true, characterData: true});
    box.value = query;
    box.dispatchEvent(new KeyboardEvent('keyup', {key: 'End', bubbles: true}));
    setTimeout(() => { observer.disconnect(); resolve(null); }, timeoutMs);
  });
}"""


def measure_site(browser, site: Path, queries: list[str], warm_up: str | None = None) -> dict:
    """Index size, time until search is ready, and latency of `queries` (after `warm_up`, a
    query that is not counted, when given)."""
    from kyodo_kb.tooling.browser import serve_directory

    index = site / "search" / "search_index.json"
    server, url = serve_directory(site)
    try:
        page = browser.new_page(locale="ja-JP")
        start = time.perf_counter()
        open_search(page, url, timeout_ms=600000)
        ready = time.perf_counter() - start
        if warm_up:
            page.evaluate(_TIMED_QUERY_JS, [warm_up, 30000])
        times = []
        for query in queries:
            elapsed = page.evaluate(_TIMED_QUERY_JS, [query, 30000])
            if elapsed is not None:
                times.append(elapsed)
        page.close()
    finally:
        server.shutdown()
    times.sort()
    return {"bytes": index.stat().st_size, "docs": None, "ready_s": ready,
            "median_ms": statistics.median(times) if times else float("nan"),
            "p95_ms": times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))] if times else float("nan"),
            "measured": len(times)}


def perf(cautions: int, engines: list[str], query_count: int) -> int:
    import json

    from kyodo_kb.tooling.synthetic_data import write_synthetic_project
    from playwright.sync_api import sync_playwright

    queries = [spec.query for spec in load_query_set()][:query_count]
    per_checklist = 200
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = launch(playwright)
        for engine in engines:
            for label, count in (("実データ", 0), (f"合成 {cautions} 件", cautions)):
                destination = Path(tmp) / f"{engine}-{count}"
                if count:
                    project = write_synthetic_project(destination, max(1, count // per_checklist), per_checklist)
                    # The real checklists stay beside the generated ones: the pages link to them.
                    shutil.copytree(ROOT / "checklists", project / "checklists", dirs_exist_ok=True)
                    configure_engine(project, engine)
                else:
                    project = engine_project(engine, destination)
                site = Path(tmp) / f"{engine}-{count}-site"
                started = time.perf_counter()
                if not build(project, site):
                    return 1
                built = time.perf_counter() - started
                numbers = measure_site(browser, site, queries)
                docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
                numbers.update(docs=len(docs), build_s=built)
                rows.append((engine, label, numbers))
                print(f"  {engine} {label}: {numbers}", file=sys.stderr)
        browser.close()
    print(f"（負荷: load average {os.getloadavg()[0]:.1f}、CPU {os.cpu_count()} コア）")
    print("| エンジン | サイト | 検索レコード | 索引 (bytes) | ビルド (s) | 検索の準備 (s) | 応答 中央値 (ms) | 応答 p95 (ms) |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for engine, label, n in rows:
        print(f"| {engine} | {label} | {n['docs']} | {n['bytes']:,} | {n['build_s']:.1f} | {n['ready_s']:.2f} "
              f"| {n['median_ms']:.1f} | {n['p95_ms']:.1f} |")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench_search.py", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    q = commands.add_parser("quality", help="recall@5 と MRR")
    q.add_argument("--engines", default="kb,material,material-tuned")
    q.add_argument("-v", "--verbose", action="store_true", help="期待どおりでなかった問いを表示します")
    p = commands.add_parser("perf", help="索引の大きさと応答時間")
    p.add_argument("--cautions", type=int, default=20000)
    p.add_argument("--engines", default="kb")
    p.add_argument("--queries", type=int, default=40)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    engines = args.engines.split(",")
    unknown = [e for e in engines if e not in ENGINES]
    if unknown:
        print(f"知らないエンジンです: {', '.join(unknown)}（使えるもの: {', '.join(ENGINES)}）", file=sys.stderr)
        return 2
    if args.command == "quality":
        return quality(engines, args.verbose)
    return perf(args.cautions, engines, args.queries)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
