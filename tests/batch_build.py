"""Strict builds of several projects, one after another, in one Python process.

`python tests/batch_build.py PROJECT...` builds each project (its own mkdocs.yml, its
own site folder PROJECT/site) as `mkdocs build --strict` would, and prints one JSON line per
project: {"project", "ok", "seconds", "error"} - `error` is the message of a refused build, or
the traceback of a crash. A test helper (MkDocs is imported only by hooks/ and tests/), used by tests/site/test_check_implies_build.py: importing MkDocs,
the theme and the Markdown extensions once instead of once per project saves about a second a
build on this machine, and the machine has too few cores to build side by side.
"""
from __future__ import annotations

import json
import logging
import os
import sys
import time
import traceback


def build_one(project: str) -> dict:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    started = time.perf_counter()
    previous = os.getcwd()
    os.chdir(project)
    try:
        config = load_config(config_file=os.path.join(project, "mkdocs.yml"), strict=True,
                             site_dir=os.path.join(project, "site"))
        build(config)
        return {"project": project, "ok": True, "seconds": time.perf_counter() - started, "error": ""}
    except (Abort, MkDocsException, SystemExit) as exc:  # a refused build: its own message
        return {"project": project, "ok": False, "seconds": time.perf_counter() - started, "error": str(exc)}
    except Exception:  # a crash: what a strict build must never do
        return {"project": project, "ok": False, "seconds": time.perf_counter() - started,
                "error": traceback.format_exc()}
    finally:
        os.chdir(previous)


def main(argv: list[str]) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    failed = 0
    for project in argv:
        result = build_one(os.path.abspath(project))
        failed += not result["ok"]
        print(json.dumps(result, ensure_ascii=False), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
