"""Two builds of the same commit are identical byte for byte. The only input that varies
between builds is the build date, which MkDocs writes into the gzip header of sitemap.xml.gz;
`make build` and `make publish` pin it with SOURCE_DATE_EPOCH (the commit time)."""
from pathlib import Path

import subprocess
import sys

from kyodo_kb.tooling.project import BUILD_ENV, PROJECT_ROOT as ROOT


def snapshot(site: Path) -> dict:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def build(tmp_path, name, epoch, hash_seed):
    site = tmp_path / name
    env = {**BUILD_ENV, "SOURCE_DATE_EPOCH": str(epoch), "PYTHONHASHSEED": str(hash_seed)}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=ROOT, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return snapshot(site)


def test_two_builds_of_one_commit_are_identical_and_only_the_date_stamp_varies(tmp_path):
    first = build(tmp_path, "first", 1_700_000_000, 1)
    second = build(tmp_path, "second", 1_700_000_000, 2)  # another set/dict iteration order
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    another_day = build(tmp_path, "another-day", 1_700_000_000 + 86_400 * 30, 3)
    assert [name for name in first if first[name] != another_day[name]] == ["sitemap.xml.gz"]
