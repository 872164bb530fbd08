"""JSON Schemas (hooks/json_schema.py): no drift from the committed files, and the schema and the
validator agree on every fixture and on every shipped data file.

What a schema cannot see, by design (the validator reports these; see the 編集ガイド):
citations to provisions that are not recorded, ids duplicated within or across files, references
between entries (applies_when to the profile, a flow's next/start, outcome links), and
everything the YAML reader rejects before there is data (encoding, tabs, duplicate keys, tags,
anchors and aliases, an empty file).
"""
from __future__ import annotations

import copy
from pathlib import Path

import jsonschema
import pytest

from kyodo_kb.editing import json_schema
from kyodo_kb.editing.json_schema import CHECKLIST, CHECKLIST_ITEM, SCHEMAS, all_schemas, to_plain
from support import error_lines, make_project
from kyodo_kb.sources.yaml_source import load_yaml_bytes, load_yaml_file

from support import ROOT
from support import FIXTURES
VALID = sorted((FIXTURES / "valid").glob("*.yml"))
INVALID = sorted((FIXTURES / "invalid").glob("*.yml"))
# Invalid fixtures that read as YAML cleanly but whose problem a schema cannot see.
SCHEMA_BLIND = {
    "bad-citations": "引用先の規定が収録されているかは、条例データと照合しないと分からない",
    "applies-when-unknown-option": "applies_when の選択肢が profile にあるかは、同じファイルの中の照合が要る",
    "applies-when-unknown-question": "applies_when の質問 ID が profile にあるかは、同じファイルの中の照合が要る",
    "applies-when-without-profile": "profile がないのに applies_when を書いたことは、項目をまたぐ照合が要る",
    "check-negative-forms": "問いが否定の形で終わるかは、形容詞の「少ない」などを除く判定が要る（kyodo_kb.formats.provenance）",
    # flows: the graph (where each answer leads) is beyond a schema
    "bad-outcome-links": "結果のチェックリスト・質問・選択肢が存在するかは、ほかのファイルとの照合が要る",
    "cycle": "答えをたどると循環することは、流れ全体をたどらないと分からない",
    "dangling-next": "next の行き先が存在するかは、同じファイルの中の照合が要る",
    "unknown-start": "start の質問が存在するかは、同じファイルの中の照合が要る",
    "unreachable": "たどり着けない質問・結果は、流れ全体をたどらないと分からない",
    "too-many-pages": "道筋（ページ）の数は、流れ全体をたどらないと分からない",
    "path-too-long": "最も長い道筋のパスの長さは、流れ全体をたどらないと分からない",
    # checklists: what needs the ordinances, other items or a reading of the Markdown
    "citation-kanji-and-missing-item": "引用先の規定が収録されているかは、条例データと照合しないと分からない",
    "duplicate-item-id-in-file": "項目 ID の重複は、項目をまたぐ照合が要る",
    "item-id-case": "大文字・小文字だけが違う項目 ID は、項目をまたぐ照合が要る",
    "tag-anchor-collision": "タグの見出しのアンカーが重なることは、項目をまたぐ照合が要る",
    "check-is-date": "YAML 1.2 を読む VS Code では日付も文字列なので、スキーマには正しい値に見える",
    "markdown-attr-list-handler": "Markdown の中の危険な記法は、本文を読まないと分からない",
    "markdown-data-url": "Markdown の中の危険な記法は、本文を読まないと分からない",
    "markdown-embeds": "Markdown の中の危険な記法は、本文を読まないと分からない",
    "markdown-event-handler": "Markdown の中の危険な記法は、本文を読まないと分からない",
    "markdown-external-image": "Markdown の中の危険な記法は、本文を読まないと分からない",
    "markdown-javascript-link": "Markdown の中の危険な記法は、本文を読まないと分からない",
    "markdown-obfuscated-scheme": "Markdown の中の危険な記法は、本文を読まないと分からない",
    "markdown-one-line-value": "Markdown の中の危険な記法は、本文を読まないと分からない",
    "markdown-script": "Markdown の中の危険な記法は、本文を読まないと分からない",
    "summary-script": "Markdown の中の危険な記法は、本文を読まないと分からない",
}
FLOWS = FIXTURES / "flows"
FLOW_VALID = sorted((FLOWS / "valid").glob("*.yml"))
FLOW_INVALID = sorted((FLOWS / "invalid").glob("*.yml"))


def schema(name: str) -> dict:
    return json_schema.document_schema(*SCHEMAS[name])


def schema_errors(name: str, data) -> list[str]:
    validator = jsonschema.Draft7Validator(schema(name))
    return [error.message for error in validator.iter_errors(data)]


def plain(path: Path):
    loaded = load_yaml_file(path, path.name)
    assert loaded.errors == []
    return to_plain(loaded.root)


def test_committed_schemas_equal_the_generated_ones():
    generated = all_schemas()
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schemas").glob("*.json")}
    assert committed == generated, "schemas/ が古くなっています: .venv/bin/python scripts/make_schema.py を実行してください"


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_each_schema_is_a_valid_draft7_schema_closed_to_unknown_keys(name):
    document = schema(name)
    jsonschema.Draft7Validator.check_schema(document)
    assert document["additionalProperties"] is False


def test_every_field_of_a_shape_is_in_the_schema_with_its_japanese_description():
    def walk(shape, node):
        assert set(node["properties"]) == {spec.name for spec in shape.fields}
        for spec in shape.fields:
            prop = node["properties"][spec.name]
            assert prop["description"].startswith(spec.description)
            if spec.kind in ("list", "mapping"):
                # a list or mapping without a declared shape would accept anything: declare it in json_schema.py
                assert spec.name in shape.children or spec.name in shape.overrides, spec.name
            if spec.name in shape.children:
                walk(shape.children[spec.name], prop["items"] if spec.kind == "list" else prop)
    for name, (_, shape) in SCHEMAS.items():
        walk(shape, schema(name))


def test_an_unknown_field_kind_is_refused_rather_than_left_open():
    spec = CHECKLIST.fields[0].__class__("x", "no-such-kind", False, "説明")
    with pytest.raises(ValueError):
        json_schema.field_schema(spec)


@pytest.mark.parametrize("fixture", VALID, ids=lambda p: p.stem)
def test_valid_fixtures_pass_both_the_schema_and_the_validator(tmp_path, fixture):
    assert schema_errors("checklist.schema.json", plain(fixture)) == []
    assert error_lines(make_project(tmp_path, {fixture.name: fixture.read_bytes()})) == []


@pytest.mark.parametrize("fixture", FLOW_VALID, ids=lambda p: p.stem)
def test_valid_flow_fixtures_pass_the_flow_schema(fixture):
    assert schema_errors("flow.schema.json", plain(fixture)) == []


@pytest.mark.parametrize("fixture", FLOW_INVALID, ids=lambda p: p.stem)
def test_invalid_flow_fixtures_fail_the_schema_unless_the_schema_cannot_see_their_problem(fixture):
    loaded = load_yaml_bytes(fixture.read_bytes(), fixture.name)
    if loaded.errors:
        return
    errors = schema_errors("flow.schema.json", to_plain(loaded.root))
    assert (errors == []) == (fixture.stem in SCHEMA_BLIND), errors


@pytest.mark.parametrize("folder, name", [("checklists", "checklist.schema.json"), ("ordinances", "ordinance.schema.json"),
                                          ("flows", "flow.schema.json"),
                                          ("data/changelog.yml", "changelog.schema.json"), ("data/tags.yml", "tags.schema.json")])
def test_every_shipped_data_file_passes_its_schema(folder, name):
    path = ROOT / folder
    files = sorted(path.glob("*.yml")) if path.is_dir() else [path]
    assert files and all(p.is_file() for p in files)
    for file in files:
        assert schema_errors(name, plain(file)) == [], file


@pytest.mark.parametrize("fixture", INVALID, ids=lambda p: p.stem)
def test_invalid_fixtures_fail_the_schema_unless_the_schema_cannot_see_their_problem(tmp_path, fixture):
    assert error_lines(make_project(tmp_path, {fixture.name: fixture.read_bytes()})) != []
    loaded = load_yaml_bytes(fixture.read_bytes(), fixture.name)
    if loaded.errors:
        return  # rejected while reading YAML, before there is data a schema could judge
    errors = schema_errors("checklist.schema.json", to_plain(loaded.root))
    if fixture.stem in SCHEMA_BLIND:
        assert errors == [], "the schema now sees this problem: remove it from SCHEMA_BLIND"
    else:
        assert errors != []


MINIMAL = {"id": "m", "title": "題名", "items": [{"id": "M-01", "check": "確認しているか", "caution": "注意",
                                                "basis": ["市民活動推進条例第9条第1項第1号"]}]}


def mutations():
    for spec in CHECKLIST.fields:
        if spec.required:
            yield f"missing-{spec.name}", lambda d, n=spec.name: d.pop(n)
    for spec in CHECKLIST_ITEM.fields:
        if spec.required:
            yield f"missing-item-{spec.name}", lambda d, n=spec.name: d["items"][0].pop(n)
        if spec.kind != "mapping":
            yield f"item-{spec.name}-is-a-mapping", lambda d, n=spec.name: d["items"][0].__setitem__(n, {"a": "b"})
    yield "unknown-key", lambda d: d.__setitem__("titel", "x")
    yield "unknown-item-key", lambda d: d["items"][0].__setitem__("chek", "x")
    yield "check-on-two-lines", lambda d: d["items"][0].__setitem__("check", "一行目\n二行目")
    yield "blank-caution", lambda d: d["items"][0].__setitem__("caution", "  ")
    yield "id-with-capitals", lambda d: d.__setitem__("id", "Keikaku")
    yield "item-id-with-space", lambda d: d["items"][0].__setitem__("id", "M 01")
    yield "tags-is-a-string", lambda d: d["items"][0].__setitem__("tags", "会計")
    yield "basis-entry-is-a-number", lambda d: d["items"][0].__setitem__("basis", [9])
    yield "check-is-a-number", lambda d: d["items"][0].__setitem__("check", 12)
    yield "no-items", lambda d: d.__setitem__("items", [])
    yield "neither-basis-nor-sources", lambda d: d["items"][0].pop("basis")
    yield "source-kind-outside-the-list", lambda d: d["items"][0].__setitem__("sources", [{"kind": "web", "title": "t"}])
    yield "source-without-kind", lambda d: d["items"][0].__setitem__("sources", [{"title": "t"}])
    yield "sources-is-a-string", lambda d: d["items"][0].__setitem__("sources", "委員会資料")


@pytest.mark.parametrize("name, mutate", list(mutations()), ids=lambda v: v if isinstance(v, str) else "")
def test_schema_and_validator_both_reject_each_single_mistake(tmp_path, name, mutate):
    import yaml
    data = copy.deepcopy(MINIMAL)
    mutate(data)
    assert schema_errors("checklist.schema.json", data) != []
    text = yaml.safe_dump(data, allow_unicode=True)  # test-side serialisation of our own dict, not an editor file
    assert error_lines(make_project(tmp_path, {"m.yml": text.encode("utf-8")})) != []


def test_the_unmutated_minimal_checklist_passes_both(tmp_path):
    import yaml
    assert schema_errors("checklist.schema.json", MINIMAL) == []
    text = yaml.safe_dump(MINIMAL, allow_unicode=True)
    assert error_lines(make_project(tmp_path, {"m.yml": text.encode("utf-8")})) == []
