"""The hooks share one build state under one config key and do not import each other."""
import ast

import pytest

from kyodo_kb.build_state import CONFIG_KEY, BuildState, MissingBuildState, build_state, new_build_state

from support import ROOT

HOOKS = sorted((ROOT / "hooks").glob("*.py"))


class Config(dict):
    config_file_path = str(ROOT / "mkdocs.yml")


def test_no_hook_imports_another_hook_and_only_hooks_import_mkdocs():
    names = {path.stem for path in HOOKS}
    for path in HOOKS:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        assert not imported & names, f"{path.name} imports {imported & names}"
    for path in (ROOT / "hooks" / "kyodo_kb").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        modules |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        assert not any(m == "mkdocs" or m.startswith("mkdocs.") for m in modules), path


def test_the_hooks_keep_their_state_under_one_key_only():
    for path in HOOKS:
        text = path.read_text(encoding="utf-8")
        assert 'config["kb' not in text and "config.get(\"kb" not in text, path.name


def test_a_hook_without_the_state_fails_loudly_in_the_same_words_everywhere():
    with pytest.raises(MissingBuildState) as missing:
        build_state(Config())
    assert "hooks/knowledge_base_loading.py" in str(missing.value) and CONFIG_KEY in str(missing.value)
    config = Config()
    state = new_build_state(config)
    assert build_state(config) is state and isinstance(config[CONFIG_KEY], BuildState)
    with pytest.raises(MissingBuildState):  # the knowledge base is not loaded yet
        build_state(config, need_kb=True)


def test_the_loading_hook_is_listed_first():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = [line.split("#")[0].strip()[2:] for line in text.split("\nhooks:\n")[1].split("\n\n")[0].splitlines()
             if line.strip().startswith("- ")]
    assert hooks[0] == "hooks/knowledge_base_loading.py" and set(hooks) == {f"hooks/{p.name}" for p in HOOKS}
