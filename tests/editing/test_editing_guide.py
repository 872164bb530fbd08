"""The 編集ガイド: its tables come from the code, and every message the code can print is explained."""
from __future__ import annotations

import ast
from pathlib import Path
import re

import pytest

from kyodo_kb.editing import error_catalogue
from kyodo_kb.editing.citation_docs import CITATION_FORMS, resolvable_forms
from kyodo_kb.formats.citations import CitationResolver
from kyodo_kb.tooling.project import PROJECT_ROOT as ROOT, copy_project, run_mkdocs_build
from kyodo_kb.editing.field_docs import FIELD_TABLES, KIND_LABELS, render_field_table
from kyodo_kb.editing.json_schema import SCHEMAS
from kyodo_kb.formats.ordinance import load_ordinance

GUIDE = ROOT / "docs" / "editing"
HOOKS = ROOT / "hooks"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
MESSAGE_CALLS = {"DataError": 1, "CitationError": 0, "_error": 1, "ContentWarning": 1}
# Modules whose Japanese strings are documentation, not messages.
NOT_MESSAGES = {"error_catalogue.py", "field_docs.py", "citation_docs.py", "error_display.py"}


def guide_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(GUIDE.glob("*.md")))


def shapes():
    def walk(shape):
        yield shape
        for child in shape.children.values():
            yield from walk(child)
    for _, shape in SCHEMAS.values():
        yield from walk(shape)


def test_every_field_table_of_the_formats_is_in_the_guide():
    tables = {id(specs): name for name, (_, specs) in FIELD_TABLES.items()}
    markers = set(re.findall(r"<!-- kb:fields ([a-z-]+) -->", guide_text()))
    for shape in shapes():
        name = next((n for n, (_, specs) in FIELD_TABLES.items() if tuple(specs) == shape.fields), None)
        assert name is not None, f"no field table for {[s.name for s in shape.fields]}: add it to field_docs.FIELD_TABLES"
        assert name in markers, f"<!-- kb:fields {name} --> is in no page of docs/editing/"
    assert tables


def test_every_field_kind_has_a_japanese_label_and_every_field_is_in_its_table():
    for name, (_, specs) in FIELD_TABLES.items():
        table = render_field_table(name)
        for spec in specs:
            assert spec.kind in KIND_LABELS, spec.kind
            assert f"| `{spec.name}` |" in table


def test_every_documented_citation_form_resolves_against_the_shipped_ordinances():
    errors = []
    ordinances = [load_ordinance(p, p.name, errors) for p in sorted((ROOT / "ordinances").glob("*.yml"))]
    assert len(resolvable_forms(CitationResolver(ordinances))) == len(CITATION_FORMS)


def message_templates():
    """(file, line, text) of every message the hooks can print; formatted parts become «…»."""
    def text_of(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.JoinedStr):
            return "".join(v.value if isinstance(v, ast.Constant) else "«…»" for v in node.values)
        return None

    for path in sorted(HOOKS.rglob("*.py")):
        if path.name in NOT_MESSAGES:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in MESSAGE_CALLS and len(node.args) > MESSAGE_CALLS[name]:
                    text = text_of(node.args[MESSAGE_CALLS[name]])
                    if text and JAPANESE.search(text):
                        yield path.name, node.lineno, text
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "_YAML_PROBLEMS_JA" for t in node.targets):
                for element in ast.walk(node.value):
                    text = text_of(element)
                    if text and JAPANESE.search(text):
                        yield path.name, element.lineno, text
            # helpers that build a message and return it
            if isinstance(node, ast.FunctionDef) and (node.name.endswith("_message") or node.name == "_translate_yaml_problem"):
                for element in ast.walk(node):
                    if isinstance(element, ast.Return) and text_of(element.value):
                        yield path.name, element.lineno, text_of(element.value)


def test_the_message_scan_finds_the_messages_of_the_code():
    texts = [text for _, _, text in message_templates()]
    assert len(texts) > 40
    assert any("タブ文字は使えません" in t for t in texts) and any("不明なキーです" in t for t in texts)


def test_every_message_in_the_code_is_explained_in_the_guide():
    kinds = error_catalogue.ERRORS + error_catalogue.WARNINGS
    missing = [f"hooks/{file}:{line}: {text}" for file, line, text in message_templates()
               if not any(kind.signature in text for kind in kinds)]
    assert missing == [], "add a MessageKind to hooks/error_catalogue.py for:\n" + "\n".join(missing)


def test_every_entry_of_the_catalogue_still_matches_a_message_of_the_code():
    texts = [text for _, _, text in message_templates()]
    for kind in error_catalogue.ERRORS + error_catalogue.WARNINGS:
        assert any(kind.signature in text for text in texts), f"no message in hooks/ contains {kind.signature!r}"
        assert kind.signature in kind.example, kind.signature


@pytest.mark.parametrize("marker", ["<!-- kb:errors -->", "<!-- kb:warnings -->", "<!-- kb:citations -->", "<!-- kb:tags -->"])
def test_the_guide_uses_each_generated_table(marker):
    assert marker in guide_text()


def test_the_built_guide_shows_the_tables_and_is_the_last_nav_section(built_site):
    fields = (built_site / "editing" / "checklists" / "index.html").read_text(encoding="utf-8")
    for name in ("id", "check", "caution", "basis", "tags", "summary", "items"):
        assert f"<code>{name}</code>" in fields
    errors = (built_site / "editing" / "errors" / "index.html").read_text(encoding="utf-8")
    assert "不明なキーです" in errors and "タブ文字は使えません" in errors and "<!-- kb:" not in errors
    citations = (built_site / "editing" / "citations" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../ordinances/shimin-katsudo/#art9-para1-item4"' in citations
    from mkdocs.config import load_config
    nav = load_config(str(ROOT / "mkdocs.yml")).nav
    assert list(nav[-1]) == ["編集ガイド"] and "editing/index.md" in nav[-1]["編集ガイド"]


def test_an_unknown_marker_fails_the_build_with_its_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "editing" / "tags.md"
    text = page.read_text(encoding="utf-8") + "\n<!-- kb:fields no-such-table -->\n"
    page.write_text(text, encoding="utf-8")
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    line = text.count("\n")  # the marker is on the last line
    assert f"docs/editing/tags.md:{line}: 差し込みの指定「<!-- kb:fields no-such-table -->」は使えません" in result.stdout + result.stderr
