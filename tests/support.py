"""Helpers shared by test modules: where the fixtures are, small projects made of fixture files,
and scripts/ and hooks/ files imported by path (neither folder is a package)."""
from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from pathlib import Path

import yaml

from kyodo_kb.knowledge_base import load_knowledge_base
from kyodo_kb.sources.errors import DataErrors
from kyodo_kb.tooling.project import PROJECT_ROOT

ROOT = PROJECT_ROOT
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _load(folder: str, name: str):
    spec = importlib.util.spec_from_file_location(f"{folder}_{name}", PROJECT_ROOT / folder / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def load_script(name: str):
    return _load("scripts", name)


def load_hook(name: str):
    """A glue file loaded the way MkDocs loads `hooks:` entries (its folder importable while it loads)."""
    from mkdocs.config.config_options import Hooks

    return Hooks("plugins")._load_hook(f"hooks/{name}.py", str(PROJECT_ROOT / "hooks" / f"{name}.py"))


def make_project(tmp_path: Path, checklist_files: dict, ordinance_files: dict | None = None,
                 flow_files: dict | None = None) -> Path:
    """The project's ordinances (overlaid with `ordinance_files`, same name replaces), the given
    checklists and, if any, the given flows."""
    shutil.copytree(ROOT / "ordinances", tmp_path / "ordinances")
    for name, data in (ordinance_files or {}).items():
        (tmp_path / "ordinances" / name).write_bytes(data)
    if flow_files:
        (tmp_path / "flows").mkdir()
        for name, data in flow_files.items():
            (tmp_path / "flows" / name).write_bytes(data)
    (tmp_path / "checklists").mkdir()
    for name, data in checklist_files.items():
        (tmp_path / "checklists" / name).write_bytes(data)
    return tmp_path


def error_lines(project: Path) -> list[str]:
    try:
        load_knowledge_base(project)
    except DataErrors as exc:
        return [str(error) for error in exc.errors]
    return []


def load_fixture_kb(tmp_path, name="all-fields.yml"):
    return load_knowledge_base(make_project(tmp_path, {name: (FIXTURES / "valid" / name).read_bytes()}))


def make_flow_project(tmp_path: Path, flow: Path) -> Path:
    project = make_project(tmp_path, {"conditional.yml": (FIXTURES / "valid" / "conditional.yml").read_bytes()})
    (project / "flows").mkdir()
    (project / "flows" / flow.name).write_bytes(flow.read_bytes())
    return project


# The shipped text of 市民活動推進条例第9条第1項第4号, after which tests add a fictional amendment.
ART9_ITEM4 = "            text: 市及び市民活動を行うものは、事業の内容、過程及び結果を公開すること。\n"
TEST_AMENDED_TEXT = "（テスト用の架空の改正後の本文）市及び市民活動を行うものは、事業の内容、過程及び結果を速やかに公開すること。"


def add_amendment(project: Path, in_force: str, amended_by: str = "令和8年茅ヶ崎市条例第99号",
                  text: str = TEST_AMENDED_TEXT) -> None:
    """Records a fictional amendment of 市民活動推進条例第9条第1項第4号 in a copied project (tests only)."""
    path = project / "ordinances" / "shimin-katsudo.yml"
    source = path.read_text(encoding="utf-8")
    assert ART9_ITEM4 in source
    entry = (f"            amendments:\n              - in_force: {in_force}\n"
             f"                amended_by: {amended_by}\n                text: {text}\n")
    path.write_text(source.replace(ART9_ITEM4, ART9_ITEM4 + entry, 1), encoding="utf-8")


def instant_navigation_site(tmp_path: Path) -> tuple:
    """A copy of the project built with Material's instant navigation (which needs site_url, so the
    port is chosen first) and served at that address: (server, site_url). Shut the server down after use."""
    from kyodo_kb.tooling.browser import SUB_PATH, free_port, serve_directory
    from kyodo_kb.tooling.project import copy_project, run_mkdocs_build

    port = free_port()
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "    - navigation.sections\n", "    - navigation.sections\n    - navigation.instant\n", 1)
    site_url = f"http://127.0.0.1:{port}{SUB_PATH}"
    config.write_text(f"site_url: {site_url}\n" + text, encoding="utf-8")
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    server, _ = serve_directory(tmp_path / "site", port=port)
    return server, site_url


def keep_only_the_first_edition(project: Path) -> str:
    """Leaves a copied project with its oldest published edition only (newer changelog entries and
    their snapshots removed), so that a test can publish the next edition itself; returns its version."""
    changelog = project / "data" / "changelog.yml"
    head, entries = changelog.read_text(encoding="utf-8").split("revisions:\n", 1)
    oldest = entries[[m.start() for m in re.finditer(r"(?m)^  - date: ", entries)][-1]:]
    version = re.search(r'(?m)^    version: "([^"]+)"', oldest).group(1)
    changelog.write_text(head + "revisions:\n" + oldest, encoding="utf-8")
    for snapshot in (project / "data" / "editions").glob("*.json"):
        if snapshot.stem != version:
            snapshot.unlink()
    return version


def record_review(project: Path, checklist: str, item_id: str, in_force: str) -> None:
    """Writes `basis_reviewed: <in_force>` under the item's `basis:` list (tests only)."""
    path = project / "checklists" / f"{checklist}.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {item_id}")
    basis = next(i for i in range(start + 1, len(lines)) if lines[i].strip() == "basis:")
    end = basis + 1
    while end < len(lines) and lines[end].lstrip().startswith("- ") and lines[end].startswith(" " * 6):
        end += 1
    lines.insert(end, f"    basis_reviewed: {in_force}\n")
    path.write_text("".join(lines), encoding="utf-8")


PAYLOADS = FIXTURES / "payloads"


def add_payloads(project: Path) -> Path:
    for folder in ("checklists", "ordinances", "flows"):
        (project / folder).mkdir(exist_ok=True)
        for path in (PAYLOADS / folder).glob("*.yml"):
            shutil.copy(path, project / folder / path.name)
    with open(project / "includes" / "abbreviations.md", "a", encoding="utf-8") as glossary:
        glossary.write((PAYLOADS / "includes" / "abbreviations.md").read_text(encoding="utf-8"))
    patch_data_files(project)
    return project


def patch_data_files(project: Path) -> None:
    """Payloads in the fields of the project's own data files (data/, paperwork/, training/),
    from tests/fixtures/payloads/data-fields.yml: `append` adds list entries, `set` replaces
    values at a dotted path (numbers index lists)."""
    spec = yaml.safe_load((PAYLOADS / "data-fields.yml").read_text(encoding="utf-8"))
    for name, changes in spec.items():
        path = project / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for dotted, value in (changes.get("set") or {}).items():
            *parents, last = [int(part) if part.isdigit() else part for part in dotted.split(".")]
            target = data
            for part in parents:
                target = target[part]
            target[last] = value
        for dotted, entries in (changes.get("append") or {}).items():
            data[dotted].extend(entries)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
