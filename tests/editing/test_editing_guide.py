"""The 編集ガイド: its tables come from the code, and every message the code can print is explained."""
from __future__ import annotations

import ast
from pathlib import Path
import re

import pytest

from kyodo_kb.editing import error_catalogue
from kyodo_kb.editing.content_lint import ContentWarning
from kyodo_kb.sources import rules
from kyodo_kb.sources.errors import DataError, SourceLocation
from kyodo_kb.editing.citation_docs import CITATION_FORMS, resolvable_forms
from kyodo_kb.formats.citations import CitationResolver
from kyodo_kb.tooling.project import PROJECT_ROOT as ROOT, copy_project, run_mkdocs_build
from kyodo_kb.editing.field_docs import FIELD_TABLES, KIND_LABELS, render_field_table
from kyodo_kb.editing.json_schema import SCHEMAS
from kyodo_kb.formats.ordinance import load_ordinance

GUIDE = ROOT / "docs" / "editing"
HOOKS = ROOT / "hooks"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


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


def raised_rules() -> dict[str, list[str]]:
    """{rule constant name: [file:line, …]} of every `rules.NAME` the package's code refers to,
    outside the registry and the catalogue themselves."""
    found: dict = {}
    for path in sorted((HOOKS / "kyodo_kb").rglob("*.py")):
        if path.name in ("rules.py", "error_catalogue.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and getattr(node.value, "id", None) == "rules" and node.attr.isupper():
                found.setdefault(node.attr, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_the_rule_scan_finds_the_rules_of_the_code():
    found = raised_rules()
    assert {"YAML_TAB", "FIELD_UNKNOWN_KEY", "CITATION_UNKNOWN_PROVISION", "LINT_QUESTION_FORM"} <= found.keys()


def test_every_rule_raised_in_the_code_is_defined_and_every_defined_rule_is_raised():
    defined = rules.all_rules()
    undefined = {name: where for name, where in raised_rules().items() if name not in defined}
    assert undefined == {}, "define these in kyodo_kb/sources/rules.py"
    unused = sorted(defined.keys() - raised_rules().keys())
    assert unused == [], "rules nobody raises: remove them from kyodo_kb/sources/rules.py"


def test_rule_ids_are_unique_and_well_formed():
    ids = list(rules.all_rules().values())
    assert len(ids) == len(set(ids))
    assert [i for i in ids if not rules.is_rule_id(i)] == []


def test_every_rule_has_an_entry_in_the_error_catalogue_and_every_entry_is_a_rule():
    ids = set(rules.all_rules().values())
    errors, warnings = error_catalogue.ERRORS, error_catalogue.WARNINGS
    missing = sorted(ids - errors.keys() - warnings.keys())
    assert missing == [], "add an entry to kyodo_kb/editing/error_catalogue.py for these rules"
    assert sorted((errors.keys() | warnings.keys()) - ids) == []
    assert not errors.keys() & warnings.keys()
    assert all(rule.startswith("lint-") for rule in warnings) and not any(rule.startswith("lint-") for rule in errors)


def test_every_catalogue_entry_is_japanese_and_shows_the_message_without_its_id():
    for rule, kind in (error_catalogue.ERRORS | error_catalogue.WARNINGS).items():
        assert JAPANESE.search(kind.example) and JAPANESE.search(kind.fix), rule
        assert "[" + rule not in kind.example


def test_errors_print_their_rule_id_after_the_message():
    error = DataError(SourceLocation("checklists/a.yml", 3), "items[1].check: 空です。", rules.FIELD_EMPTY)
    assert str(error) == "checklists/a.yml:3: items[1].check: 空です。 [field-empty]"
    warning = ContentWarning(SourceLocation("checklists/a.yml", 4), "summary: 「要記入」のままです", rules.LINT_PLACEHOLDER)
    assert str(warning) == "checklists/a.yml:4: 警告: summary: 「要記入」のままです [lint-placeholder]"


def test_the_error_table_anchors_each_row_by_its_rule_id():
    table = error_catalogue.render_message_table(error_catalogue.ERRORS)
    assert '| <code id="yaml-tab">yaml-tab</code> | タブ文字は使えません' in table
    assert table.count("\n") == len(error_catalogue.ERRORS) + 2


@pytest.mark.parametrize("marker", ["<!-- kb:errors -->", "<!-- kb:warnings -->", "<!-- kb:citations -->", "<!-- kb:tags -->"])
def test_the_guide_uses_each_generated_table(marker):
    assert marker in guide_text()


def test_the_built_guide_shows_the_tables_and_is_the_last_nav_section(built_site):
    fields = (built_site / "editing" / "checklists" / "index.html").read_text(encoding="utf-8")
    for name in ("id", "check", "caution", "basis", "tags", "summary", "items"):
        assert f"<code>{name}</code>" in fields
    errors = (built_site / "editing" / "errors" / "index.html").read_text(encoding="utf-8")
    assert "不明なキーです" in errors and "タブ文字は使えません" in errors and "<!-- kb:" not in errors
    assert '<code id="yaml-tab">yaml-tab</code>' in errors
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
