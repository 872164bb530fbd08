"""JSON Schemas of the data formats, generated from the same FieldSpec tables the validator reads.

VS Code's YAML extension (yaml-language-server) uses these schemas for completion, Japanese hover
help and squiggles while an editor types. The validator stays the judge: a schema cannot see
citations to provisions that are not recorded, ids duplicated within or across files, references
between entries (applies_when to the profile, a flow's start/next, outcome links) or file
encodings, and yaml-language-server reads YAML 1.2, where `yes`/`no` are strings; `make check`
and the build report those. `scripts/make_schema.py` writes the files
into `schemas/`, and a test fails when the committed files differ from what this module generates.
"""
from __future__ import annotations

from dataclasses import dataclass, field
import datetime
import json

from kyodo_kb.formats import changelog as changelog_model
from kyodo_kb.formats import checklist as checklist_model
from kyodo_kb.formats import conditions
from kyodo_kb.formats import flow as flow_model
from kyodo_kb.formats import ordinance as ordinance_model
from kyodo_kb.formats import notation
from kyodo_kb.formats import paperwork as paperwork_model
from kyodo_kb.formats import provenance
from kyodo_kb.formats import tags as tag_list
from kyodo_kb.formats import training as training_model
from kyodo_kb.sources.field_specs import MAX_LENGTH
from kyodo_kb.sources.field_specs import SLUG_PATTERN
from kyodo_kb.sources.yaml_source import YamlMapping, YamlScalar, YamlSequence

DRAFT = "http://json-schema.org/draft-07/schema#"
# A one-line value: no line break between its first and last visible character (the model strips
# the value first, so surrounding spaces and a final newline of a `|` block are fine).
LINE_PATTERN = r"^\s*\S[^\r\n]*\s*$"
NOT_BLANK_PATTERN = r"\S"


def _anchored(pattern: str) -> str:
    """The spec's pattern, allowing the surrounding spaces that the model strips."""
    inner = pattern.removeprefix("^").removesuffix("$")
    return rf"^\s*(?:{inner})\s*$"


SLUG = _anchored(SLUG_PATTERN)


@dataclass(frozen=True)
class Shape:
    """One kind of mapping in a data file: its fields, and what its list/mapping fields hold."""

    fields: tuple
    children: dict = field(default_factory=dict)  # field name -> Shape (entries of a list, or the mapping)
    overrides: dict = field(default_factory=dict)  # field name -> schema that replaces the kind's schema
    snippets: tuple = ()  # yaml-language-server `defaultSnippets` for a new entry of this shape
    one_of_required: tuple = ()  # at least one of these fields must be present


_SOURCE = Shape(
    tuple(provenance.SOURCE_FIELDS),
    # the closed list of source kinds; which other keys each kind needs is checked by the validator
    overrides={"kind": {"enum": [kind.id for kind in provenance.SOURCE_KINDS],
                        "description": provenance.SOURCE_FIELDS[0].description}},
)
CHECKLIST_ITEM = Shape(
    tuple(checklist_model.ITEM_FIELDS), {"sources": _SOURCE},
    # {question id: option id or [option ids]}; whether the ids exist is checked by the validator
    overrides={"applies_when": {
        "type": "object",
        "propertyNames": {"pattern": SLUG},
        "additionalProperties": {"anyOf": [
            {"type": "string", "pattern": SLUG},
            {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": SLUG}},
        ]},
    }},
    snippets=({"label": "確認項目（留意事項）", "description": "確認項目の雛形を入れます",
               "body": {"id": "XX-01", "check": "（確認の問い）しているか", "caution": "（留意事項）",
                        "basis": ["市民活動推進条例第9条第1項第1号"]}},),
    one_of_required=("basis", "sources"),  # a caution rests on a provision or names its source
)
_PROFILE_QUESTION = Shape(tuple(conditions.PROFILE_QUESTION_FIELDS),
                          {"options": Shape(tuple(conditions.PROFILE_OPTION_FIELDS))})
CHECKLIST = Shape(tuple(checklist_model.CHECKLIST_FIELDS), {"items": CHECKLIST_ITEM, "profile": _PROFILE_QUESTION})

FLOW = Shape(tuple(flow_model.FLOW_FIELDS), {
    "questions": Shape(tuple(flow_model.QUESTION_FIELDS), {"answers": Shape(tuple(flow_model.ANSWER_FIELDS))}),
    # profile: {question id: one option id}
    "outcomes": Shape(tuple(flow_model.OUTCOME_FIELDS), overrides={"profile": {
        "type": "object", "propertyNames": {"pattern": SLUG},
        "additionalProperties": {"type": "string", "pattern": SLUG}}}),
})

_AMENDMENT = Shape(tuple(ordinance_model.AMENDMENT_FIELDS))
_ORDINANCE_ITEM = Shape(tuple(ordinance_model.ITEM_FIELDS), {"amendments": _AMENDMENT})
_PARAGRAPH = Shape(tuple(ordinance_model.PARAGRAPH_FIELDS), {"items": _ORDINANCE_ITEM, "amendments": _AMENDMENT})
_ARTICLE = Shape(
    tuple(ordinance_model.ARTICLE_FIELDS), {"paragraphs": _PARAGRAPH},
    # `number: 9` is read as the article "9", so an integer is as good as the string.
    overrides={"number": {"anyOf": [{"type": "integer", "minimum": 1},
                                    {"type": "string", "pattern": ordinance_model.ARTICLE_NUMBER_PATTERN}]}},
)
ORDINANCE = Shape(tuple(ordinance_model.ORDINANCE_FIELDS), {"articles": _ARTICLE})

CHANGELOG = Shape(tuple(changelog_model.CHANGELOG_FIELDS),
                  {"revisions": Shape(tuple(changelog_model.REVISION_FIELDS))})
TAGS = Shape(tuple(tag_list.TAG_LIST_FIELDS), {"tags": Shape(tuple(tag_list.TAG_FIELDS))})
NOTATION = Shape(tuple(notation.NOTATION_FIELDS), {"rules": Shape(tuple(notation.NOTATION_RULE_FIELDS))})

_WHO = {"type": "string", "enum": list(paperwork_model.WHO),
        "description": "提案する担い手です: shi（市）、aite（相手方）、kyodo（共同）"}
# paperwork sources are written like a caution's (the same closed list of kinds)
PAPERWORK_ROLE_TABLE = Shape(tuple(paperwork_model.ROLE_TABLE_FIELDS), {"rows": Shape(
    tuple(paperwork_model.ROLE_ROW_FIELDS),
    {"sources": _SOURCE,
     "suggestions": Shape(tuple(paperwork_model.SUGGESTION_FIELDS), {"source": _SOURCE}, overrides={"who": _WHO})})})
PAPERWORK_AGREEMENT = Shape(tuple(paperwork_model.AGREEMENT_FIELDS), {"matters": Shape(
    tuple(paperwork_model.MATTER_FIELDS), {"sources": _SOURCE, "form_notes": Shape(tuple(paperwork_model.FORM_NOTE_FIELDS))})})
PAPERWORK_EVALUATION = Shape(tuple(paperwork_model.EVALUATION_FIELDS),
                             {"criteria": Shape(tuple(paperwork_model.CRITERION_FIELDS), {"sources": _SOURCE})})
TRAINING = Shape(tuple(training_model.PATH_FIELDS), {
    "steps": Shape(tuple(training_model.STEP_FIELDS)),
    "questions": Shape(
        tuple(training_model.QUESTION_FIELDS),
        overrides={"choices": {"type": "array", "minItems": training_model.MIN_CHOICES,
                               "maxItems": training_model.MAX_CHOICES,
                               "items": {"type": "string", "pattern": LINE_PATTERN}},
                   "basis": {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": LINE_PATTERN}},
                   "answer": {"type": "integer", "minimum": 1, "maximum": training_model.MAX_CHOICES}}),
})

# file name in schemas/ -> (title, shape)
SCHEMAS = {
    "checklist.schema.json": ("チェックリスト（checklists/*.yml）", CHECKLIST),
    "ordinance.schema.json": ("条例の抄録（ordinances/*.yml）", ORDINANCE),
    "flow.schema.json": ("質問の流れ（flows/*.yml）", FLOW),
    "training.schema.json": ("研修の道筋（training/*.yml）", TRAINING),
    "changelog.schema.json": ("改定履歴（data/changelog.yml）", CHANGELOG),
    "tags.schema.json": ("タグの一覧（data/tags.yml）", TAGS),
    "hyoki.schema.json": ("表記のルール（data/hyoki.yml）", NOTATION),
    "paperwork-role-table.schema.json": ("役割分担表（paperwork/role-table.yml）", PAPERWORK_ROLE_TABLE),
    "paperwork-agreement.schema.json": ("協定書に書くこと（paperwork/agreement.yml）", PAPERWORK_AGREEMENT),
    "paperwork-evaluation.schema.json": ("振り返り（評価）シート（paperwork/evaluation.yml）", PAPERWORK_EVALUATION),
}

_PATTERN_MESSAGES = {
    "slug": "半角英小文字・数字・ハイフンで書いてください（例: {example}）",
    "item_id": "半角英数字とハイフンで書いてください（例: {example}）",
    "line": "1行で書いてください（空にはできません）",
    "markdown": "空にはできません",
    "date": "YYYY-MM-DD の形で書いてください（例: {example}）",
}


def _string_schema(kind: str, pattern: str | None, example: str | None) -> dict:
    if kind in ("slug", "item_id", "date") or (kind == "line" and pattern):
        schema = {"type": "string", "pattern": _anchored(pattern)}
    elif kind == "markdown":
        schema = {"type": "string", "pattern": NOT_BLANK_PATTERN}
    else:
        schema = {"type": "string", "pattern": LINE_PATTERN}
    message = _PATTERN_MESSAGES.get(kind if kind in _PATTERN_MESSAGES else "line")
    schema["patternErrorMessage"] = message.format(example=example or "")
    if kind in MAX_LENGTH:  # the same limits the validator applies
        schema["maxLength"] = MAX_LENGTH[kind]
    return schema


def field_schema(spec, child: Shape | None = None, override: dict | None = None) -> dict:
    """The schema of one field; raises ValueError for a kind this module does not know yet."""
    description = spec.description + (f"（例: {spec.example}）" if spec.example else "")
    if override is not None:
        schema = dict(override)
    elif spec.kind in ("line", "markdown", "slug", "item_id", "date"):
        schema = _string_schema(spec.kind, spec.pattern, spec.example)
    elif spec.kind == "integer":
        schema = {"type": "integer"}
    elif spec.kind == "string_list":
        schema = {"type": "array", "items": {"type": "string", "pattern": LINE_PATTERN,
                                             "patternErrorMessage": _PATTERN_MESSAGES["line"]}}
    elif spec.kind == "list":
        schema = {"type": "array"}
        if child is not None:
            schema["items"] = object_schema(child)
        if spec.required:  # every required list of the formats needs at least one entry
            schema["minItems"] = 1
    elif spec.kind == "mapping":
        schema = object_schema(child) if child is not None else {"type": "object"}
    else:
        raise ValueError(f"FieldSpec {spec.name}: kind {spec.kind!r} has no JSON Schema mapping")
    return {"description": description, **schema}


def object_schema(shape: Shape) -> dict:
    schema = {
        "type": "object",
        "properties": {spec.name: field_schema(spec, shape.children.get(spec.name), shape.overrides.get(spec.name))
                       for spec in shape.fields},
        "required": [spec.name for spec in shape.fields if spec.required],
        "additionalProperties": False,
    }
    if shape.one_of_required:
        schema["anyOf"] = [{"required": [name]} for name in shape.one_of_required]
    if shape.snippets:
        schema["defaultSnippets"] = list(shape.snippets)
    return schema


def document_schema(title: str, shape: Shape) -> dict:
    return {"$schema": DRAFT, "title": title, **object_schema(shape)}


def render_schema(schema: dict) -> str:
    """Stable text for a schema file: the committed file is compared byte for byte."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def all_schemas() -> dict:
    """File name in schemas/ -> file text."""
    return {name: render_schema(document_schema(title, shape)) for name, (title, shape) in SCHEMAS.items()}


def to_plain(node):
    """A loaded YAML tree (yaml_source nodes) as the plain data a JSON Schema validator takes."""
    if isinstance(node, YamlMapping):
        return {key: to_plain(value) for key, value in node.entries.items()}
    if isinstance(node, YamlSequence):
        return [to_plain(item) for item in node.items]
    if isinstance(node, YamlScalar):
        if isinstance(node.value, (datetime.date, datetime.datetime)):
            # yaml-language-server reads YAML 1.2, where a bare 2026-11-27 is a string.
            return node.value.isoformat()
        return node.value
    return None
