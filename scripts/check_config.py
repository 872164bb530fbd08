"""Refuses a mkdocs.yml with a YAML tag before MkDocs reads it (MkDocs' loader would run it).

Run by `make build`, `make serve` and `make publish` before MkDocs starts; `make check` runs the
same check. Exit codes: 0 fine, 1 a problem (printed as `mkdocs.yml:line: message`).
"""
from __future__ import annotations

import sys
from pathlib import Path

from kyodo_kb.sources.errors import format_errors
from kyodo_kb.sources.site_config import mkdocs_yml_errors

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    errors = mkdocs_yml_errors(ROOT)
    if errors:
        print(format_errors(errors), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
