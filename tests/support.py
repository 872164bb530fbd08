"""Helpers shared by test modules: where the fixtures are, small projects made of fixture files,
and scripts/ and hooks/ files imported by path (neither folder is a package)."""
from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

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
