"""`make check` passing means the build succeeds: every fixture of tests/fixtures that the data
check accepts (added to the shipped project, with its companions) is built as a project of its
own by the strict build, which must succeed - no traceback, exit 0.

Fixtures are discovered, not listed: every `*.yml` file and every case folder under
tests/fixtures is a fixture, placed by the folder it sits in (PLACEMENT). A new kind of fixture
that no rule places fails this test until a rule says where it goes.

11 of the ~190 fixtures are accepted. They are built one after another in ONE child process
(tests/batch_build.py): MkDocs, the theme and the extensions are imported once, which
saves about a second a build; the machine's two cores leave nothing to gain from building side
by side. This test needs more than 60 s because it builds the whole site once per accepted
fixture, which is the point: measured while the machine was shared, 11 builds in 75.7 s
(3.4-11.4 s each) plus about 40 s to copy and check every fixture; 2 min 12 s in all.
"""
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from kyodo_kb.knowledge_base import validate_project
from kyodo_kb.tooling.project import BUILD_ENV, copy_project

from support import FIXTURES, add_payloads

# kind folder under tests/fixtures -> the project folder its files go into ("" : the files name it)
PLACEMENT = {"valid": "checklists", "invalid": "checklists", "flows": "flows", "paperwork": "paperwork",
             "training": "training", "ordinances": "ordinances"}
# files a fixture of a kind needs next to it (the flow fixtures open this checklist)
COMPANIONS = {"flows": [("checklists", FIXTURES / "valid" / "conditional.yml")]}
# sheets have fixed file names: a fixture sheet replaces the shipped one
KEEP_NAME = {"paperwork"}
DATA_FOLDERS = ("checklists", "ordinances", "flows", "paperwork", "training", "data", "includes")
# the overlay of every payload, applied as one fixture (tests/support.add_payloads)
WHOLE_FOLDER_FIXTURES = {"payloads"}


def discover() -> tuple[list, list]:
    """(fixtures, unplaced): a fixture is (name, kind, path); a path is a YAML file or a case folder."""
    fixtures, unplaced = [], []
    for kind_folder in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        kind = kind_folder.name
        if kind in WHOLE_FOLDER_FIXTURES:
            fixtures.append((kind, kind, kind_folder))
            continue
        if kind not in PLACEMENT:
            unplaced.append(kind)
            continue
        # files and case folders in the kind folder's valid/ and invalid/, or in the kind folder itself
        groups = [p for p in (kind_folder / "valid", kind_folder / "invalid") if p.is_dir()] or [kind_folder]
        for group in groups:
            for entry in sorted(group.iterdir()):
                if entry.is_dir() or entry.suffix in (".yml", ".yaml"):
                    fixtures.append((entry.relative_to(FIXTURES).as_posix(), kind, entry))
    return fixtures, unplaced


def placements(kind: str, path: Path) -> list:
    """(project-relative destination, source file) for every file of one fixture."""
    if path.is_file():
        folder = PLACEMENT[kind]
        name = path.name if folder in KEEP_NAME else f"zz-{path.name}"
        found = [(f"{folder}/{name}", path)]
    else:
        found = []
        for source in sorted(path.rglob("*.y*ml")):
            inner = source.relative_to(path)
            folder = inner.parts[0] if len(inner.parts) > 1 and inner.parts[0] in DATA_FOLDERS else PLACEMENT[kind]
            name = source.name if folder in KEEP_NAME else f"zz-{source.name}"
            found.append((f"{folder}/{name}", source))
    return found + [(f"{folder}/zz-{companion.name}", companion) for folder, companion in COMPANIONS.get(kind, [])]


def make_fixture_project(base: Path, destination: Path, kind: str, path: Path) -> Path:
    project = Path(shutil.copytree(base, destination))
    if kind in WHOLE_FOLDER_FIXTURES:
        return add_payloads(project)
    for target, source in placements(kind, path):
        (project / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, project / target)
    return project


def test_every_fixture_kind_has_a_placement():
    _, unplaced = discover()
    assert unplaced == [], (f"tests/fixtures/{unplaced}: a new kind of fixture; say in PLACEMENT of "
                            "tests/site/test_check_implies_build.py which project folder its files go into")


def test_every_fixture_that_make_check_accepts_builds_strictly_as_its_own_project(tmp_path):
    base = copy_project(tmp_path / "base")
    fixtures, _ = discover()
    assert len(fixtures) > 100  # every kind is found
    accepted, refused = [], []
    for index, (name, kind, path) in enumerate(fixtures):
        project = make_fixture_project(base, tmp_path / f"f{index:03d}", kind, path)
        errors, _ = validate_project(project, workers=1)  # the data check of `make check`
        if errors:
            refused.append(name)
            shutil.rmtree(project)
        else:
            accepted.append((name, project))
    accepted_names = {name for name, _ in accepted}
    # the positive fixtures are accepted (shipped-demo.yml repeats a shipped checklist's ids)
    assert {"valid/minimal.yml", "valid/all-fields.yml", "flows/valid/small.yml", "paperwork/valid/role-table.yml",
            "training/valid/minimal.yml", "payloads"} <= accepted_names, sorted(accepted_names)
    assert not any("/invalid" in name or name.startswith("invalid/") for name in accepted_names), sorted(accepted_names)
    started = time.perf_counter()
    run = subprocess.run([sys.executable, str(Path(__file__).parents[1] / "batch_build.py"), *(str(p) for _, p in accepted)],
                         capture_output=True, text=True, env=BUILD_ENV, timeout=900)
    total = time.perf_counter() - started
    results = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    assert len(results) == len(accepted), run.stderr[-3000:]
    names = {str(project): name for name, project in accepted}
    failures = [f"{names[r['project']]}: {r['error'][-2000:]}" for r in results if not r["ok"]]
    assert failures == [], "\n\n".join(failures) + "\n\n" + run.stderr[-5000:]
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    each = ", ".join(f"{name}: {r['seconds']:.1f} s" for name, r in zip(accepted_names_in_order(accepted), results))
    print(f"\n{len(results)} fixture projects built strictly in {total:.1f} s ({each})")


def accepted_names_in_order(accepted: list) -> list:
    return [name for name, _ in accepted]
