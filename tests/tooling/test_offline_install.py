"""The hash-locked requirements and the offline install (`make wheelhouse`, `make setup WHEELHOUSE=…`).

The install test takes about a minute (a fresh venv and 50 wheels, 45 s on a quiet 2-core machine, up to ~5 min at a load average of 11): it is the
only proof that a machine with no index can set up, check and build the site, so it runs in CI too. Its
wheelhouse is downloaded once per lock (cached in ~/.cache/kyodo-kb/, or KB_WHEELHOUSE_CACHE)."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kyodo_kb.tooling.project import copy_project
from support import ROOT

LOCKS = ("requirements.txt", "requirements-dev.txt", "requirements-lock.txt")
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+?)(?:\s*;.*?)?\s*\\?$")


def locked(name: str) -> dict[str, tuple[str, list[str]]]:
    """{normalised name: (version, hashes)} of a lock file; fails on any line that is not a hashed pin."""
    entries: dict[str, tuple[str, list[str]]] = {}
    current = None
    for number, line in enumerate((ROOT / name).read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("--hash=sha256:"):
            assert current, f"{name}:{number}: ハッシュの前に固定した版がありません"
            assert re.fullmatch(r"--hash=sha256:[0-9a-f]{64}( \\)?", stripped), f"{name}:{number}: {stripped}"
            entries[current][1].append(stripped.split(":", 1)[1].rstrip(" \\"))
            continue
        match = PIN.match(stripped)
        assert match, f"{name}:{number}: == で固定していない行です: {stripped}"
        current = re.sub(r"[-_.]+", "-", match.group(1)).lower()
        entries[current] = (match.group(2), [])
    return entries


def direct_pins(name: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-r "):
            continue
        package, version = line.split("==")
        pins[re.sub(r"[-_.]+", "-", package).lower()] = version
    return pins


@pytest.mark.parametrize("lock", LOCKS)
def test_every_locked_distribution_is_pinned_with_hashes(lock):
    entries = locked(lock)
    assert entries
    for package, (version, hashes) in entries.items():
        assert hashes, f"{lock}: {package}=={version} にハッシュがありません"


def test_the_locks_hold_the_direct_pins_the_build_backend_and_every_platform():
    runtime, dev = locked("requirements.txt"), locked("requirements-dev.txt")
    for source, lock in (("requirements.in", runtime), ("requirements-dev.in", dev),
                         ("requirements.in", dev), ("requirements-lock.in", locked("requirements-lock.txt"))):
        for package, version in direct_pins(source).items():
            assert lock.get(package, ("なし",))[0] == version, f"{source} の {package}=={version} がロックと違います"
    # the editable install of kyodo_kb runs without build isolation, so its backend comes from the lock
    assert runtime["setuptools"][0] == dev["setuptools"][0]
    # dev installs the same runtime versions as requirements.txt
    assert {p: v for p, (v, _) in dev.items() if p in runtime} == {p: v for p, (v, _) in runtime.items()}
    # hashes of every file the index lists, not only this machine's: PyYAML has wheels for many platforms
    assert len(runtime["pyyaml"][1]) >= 10


def lock_digest() -> str:
    return hashlib.sha256(b"".join((ROOT / name).read_bytes() for name in LOCKS)).hexdigest()[:16]


def cached_wheelhouse() -> Path:
    """`make wheelhouse` into a cache keyed by the locks; built once (needs the index), then reused."""
    base = Path(os.environ.get("KB_WHEELHOUSE_CACHE") or Path.home() / ".cache" / "kyodo-kb")
    wheelhouse = base / f"wheelhouse-{lock_digest()}"
    if not wheelhouse.is_dir():
        partial = base / f".partial-{os.getpid()}"
        shutil.rmtree(partial, ignore_errors=True)
        result = subprocess.run(["make", "--no-print-directory", "wheelhouse", f"WHEELHOUSE={partial}"],
                                cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        partial.rename(wheelhouse)
        for stale in base.glob("wheelhouse-*"):  # the wheelhouses of earlier locks (about 150 MB each)
            if stale != wheelhouse:
                shutil.rmtree(stale, ignore_errors=True)
    return wheelhouse


def network_cut() -> list[str]:
    """`unshare -n` (a network namespace with no interface up) when root may use it; otherwise nothing."""
    if os.geteuid() == 0 and shutil.which("unshare"):
        if subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0:
            return ["unshare", "-n"]
    return []


def offline_env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PIP_", "VIRTUAL_ENV", "MAKE")) and key.lower() not in ("http_proxy", "https_proxy")}
    unreachable = "http://127.0.0.1:9/"
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1", PIP_INDEX_URL=unreachable,
               PIP_EXTRA_INDEX_URL=unreachable, http_proxy=unreachable, https_proxy=unreachable,
               HTTP_PROXY=unreachable, HTTPS_PROXY=unreachable, ALL_PROXY=unreachable,
               PIP_NO_COMPILE="1")  # byte-compiling 46 packages is half the time and proves nothing here
    return env


def test_make_setup_from_a_wheelhouse_installs_checks_and_builds_with_no_index(tmp_path):
    wheelhouse = cached_wheelhouse()
    assert len(list(wheelhouse.glob("*.whl"))) == len(locked("requirements-dev.txt"))
    project = copy_project(tmp_path / "project")
    cut = network_cut()
    if os.environ.get("CI") and not cut:
        print("unshare -n が使えないため、索引を到達不能な URL に向けるだけで試します")

    def run(*command: str) -> subprocess.CompletedProcess:
        return subprocess.run([*cut, *command], cwd=project, capture_output=True, text=True, env=offline_env())

    setup = run("make", "--no-print-directory", "setup", f"WHEELHOUSE={wheelhouse}")
    assert setup.returncode == 0, setup.stdout + setup.stderr
    assert "--require-hashes --no-index --find-links" in setup.stdout
    where = run(".venv/bin/python", "-c", "import kyodo_kb, material, mkdocs, yaml; print(kyodo_kb.__file__)")
    assert where.returncode == 0 and Path(where.stdout.strip()).is_relative_to(project), where.stderr
    for target in ("check", "build"):
        result = run("make", "--no-print-directory", target)
        assert result.returncode == 0, f"make {target}:\n{result.stdout}{result.stderr}"
    assert (project / "site" / "index.html").is_file()


def test_make_setup_refuses_a_missing_wheelhouse(tmp_path):
    project = copy_project(tmp_path / "project")
    result = subprocess.run(["make", "--no-print-directory", "setup", "WHEELHOUSE=nowhere"], cwd=project,
                            capture_output=True, text=True, env=offline_env())
    assert result.returncode == 2
    assert "WHEELHOUSE=nowhere がありません: make wheelhouse WHEELHOUSE=nowhere で作ってください" in result.stderr
    assert not (project / ".venv").exists()
