"""The second build path: ProperDocs (the maintained fork of MkDocs 1.6.1, pinned in
requirements-dev.txt) builds the same mkdocs.yml with the same hooks into the same site, except
the generator meta tag. MkDocs 1.6.1 stays the default build."""
import os
from pathlib import Path
import subprocess
import sys

import pytest

from kyodo_kb.tooling.project import BUILD_ENV, PROJECT_ROOT

GENERATOR = b'<meta name="generator" content="'


def build(command: list, site: Path) -> None:
    env = {**BUILD_ENV, "SOURCE_DATE_EPOCH": "1780000000"}
    result = subprocess.run([*command, "build", "--strict", "--site-dir", str(site)], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def without_generator(data: bytes) -> bytes:
    start = data.find(GENERATOR)
    return data if start < 0 else data[:start] + data[data.index(b">", start) + 1:]


def test_properdocs_builds_the_same_site_as_mkdocs_except_the_generator_tag(tmp_path):
    properdocs = Path(sys.executable).parent / "properdocs"
    if not properdocs.exists():
        pytest.fail("properdocs がありません: make setup で requirements-dev.txt を入れ直してください")
    build([sys.executable, "-m", "mkdocs"], tmp_path / "mkdocs")
    build([str(properdocs)], tmp_path / "properdocs")
    files = sorted(p.relative_to(tmp_path / "mkdocs") for p in (tmp_path / "mkdocs").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "properdocs") for p in (tmp_path / "properdocs").rglob("*") if p.is_file())
    generators = set()
    for name in files:
        a, b = (tmp_path / "mkdocs" / name).read_bytes(), (tmp_path / "properdocs" / name).read_bytes()
        if a != b:
            assert without_generator(a) == without_generator(b), name
            generators.add(b[b.index(GENERATOR):].split(b'"')[3].decode())
    assert generators and all(g.startswith("mkdocs-ProperDocs ") for g in generators)
