"""`make a11y-report`: runs the accessibility tests once and writes data/a11y-results.json, from which
the build renders the 試験結果 page (hooks/accessibility_results.py; the build runs no browser).

The tests are the ones `make test` runs (tests/site/test_accessibility_*.py); the all-pages axe
test writes its per-page results where KB_A11Y_RESULTS says, and this script adds each test's
outcome. The file is written even when a test fails: the published results must say so.
Exit 0 when every test passed, 1 when one failed, 2 on usage errors.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from kyodo_kb.tooling.project import PROJECT_ROOT

TESTS = ["tests/site/test_accessibility_all_pages.py", "tests/site/test_accessibility_keyboard.py",
         "tests/site/test_accessibility_reflow.py", "tests/editing/test_content_lint.py"]
RESULTS = PROJECT_ROOT / "data" / "a11y-results.json"


def test_outcomes(junit_xml: Path) -> list[dict]:
    outcomes = []
    for case in ElementTree.parse(junit_xml).getroot().iter("testcase"):
        outcome = "passed"
        for child in case:
            if child.tag in ("failure", "error"):
                outcome = "failed"
            elif child.tag == "skipped":
                outcome = "xfailed" if "xfail" in (child.get("type", "") + child.get("message", "")) else "skipped"
        module = case.get("classname", "").rsplit(".", 1)[-1]
        outcomes.append({"test": f"{module}::{case.get('name')}", "outcome": outcome})
    return outcomes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="a11y_report", description="アクセシビリティの試験を実行し、結果を data/a11y-results.json に書きます")
    parser.add_argument("--output", type=Path, default=RESULTS, help="結果のファイル（既定: data/a11y-results.json）")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    with tempfile.TemporaryDirectory() as temporary:
        axe_results = Path(temporary) / "axe.json"
        junit = Path(temporary) / "junit.xml"
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={junit}", *TESTS],
            cwd=PROJECT_ROOT, env={**os.environ, "KB_A11Y_RESULTS": str(axe_results)},
        )
        if not axe_results.exists() or not junit.exists():
            print("エラー: 全ページの axe 試験が結果を書きませんでした（上の pytest の出力を見てください）", file=sys.stderr)
            return 1
        document = json.loads(axe_results.read_text(encoding="utf-8"))
        document["tests"] = test_outcomes(junit)
    args.output.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    failed = [t["test"] for t in document["tests"] if t["outcome"] == "failed"]
    print(f"{args.output}: {len(document['pages'])} ページ、試験 {len(document['tests'])} 件、失敗 {len(failed)} 件")
    return 1 if failed or run.returncode not in (0,) else 0


if __name__ == "__main__":
    sys.exit(main())
