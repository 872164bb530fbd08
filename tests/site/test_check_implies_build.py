"""`make check` passing means the build succeeds: every fixture that the check accepts (valid,
invalid, payload and flow fixtures alike) is built, all together, by the strict build."""
import contextlib
import io
import shutil

import pytest

from kyodo_kb.knowledge_base import validate_project
from kyodo_kb.tooling.project import copy_project, run_mkdocs_build

from support import FIXTURES, load_script

CHECKLIST_FIXTURES = sorted([*(FIXTURES / "valid").glob("*.yml"), *(FIXTURES / "invalid").glob("*.yml"),
                             *(FIXTURES / "payloads" / "checklists").glob("*.yml")])
FLOW_FIXTURES = sorted([*(FIXTURES / "flows" / "valid").glob("*.yml"), *(FIXTURES / "flows" / "invalid").glob("*.yml")])
ORDINANCE_FIXTURES = sorted((FIXTURES / "payloads" / "ordinances").glob("*.yml"))
FLOW_CHECKLIST = FIXTURES / "valid" / "conditional.yml"  # the checklist the flow fixtures open


def check(project) -> tuple[int, str]:
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        code = load_script("check").main(["--root", str(project)])
    return code, output.getvalue()


def accepted(project, folder: str, fixtures: list, companions: dict) -> list:
    """The fixtures that the check accepts when each is added alone (with its companions)."""
    result = []
    for fixture in fixtures:
        added = [(project / folder / f"zz-{fixture.name}", fixture)]
        added += [(project / target / f"zz-{path.name}", path) for target, path in companions.items()]
        for destination, source in added:
            destination.parent.mkdir(exist_ok=True)
            shutil.copy(source, destination)
        errors, _ = validate_project(project, workers=1)  # the rest of `make check` is the same for all
        if not errors:
            result.append(fixture)
        for destination, _ in added:
            destination.unlink()
    return result


def test_every_fixture_that_make_check_accepts_builds_strictly(tmp_path):
    project = copy_project(tmp_path / "project")
    checklists = accepted(project, "checklists", CHECKLIST_FIXTURES, {})
    ordinances = accepted(project, "ordinances", ORDINANCE_FIXTURES, {})
    flows = accepted(project, "flows", FLOW_FIXTURES, {"checklists": FLOW_CHECKLIST})
    # the invalid fixtures are all refused; every valid, payload and flow/valid fixture is accepted
    # (shipped-demo.yml repeats a shipped checklist's ids: it is refused next to the shipped data)
    assert {p.name for p in checklists} >= {p.name for p in (FIXTURES / "valid").glob("*.yml")} - {"shipped-demo.yml"}
    assert not any(p.parent.name == "invalid" for p in checklists + flows)
    assert len(flows) == len(list((FIXTURES / "flows" / "valid").glob("*.yml"))) and ordinances
    for folder, fixtures in (("checklists", checklists + [FLOW_CHECKLIST]), ("ordinances", ordinances), ("flows", flows)):
        (project / folder).mkdir(exist_ok=True)
        for fixture in fixtures:
            shutil.copy(fixture, project / folder / f"zz-{fixture.parent.name}-{fixture.name}")
    code, output = check(project)
    if code != 0:  # fixtures that only clash with each other (same ids) are built one by one
        pytest.fail(f"the accepted fixtures clash when combined:\n{output}")
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
