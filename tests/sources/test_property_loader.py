"""Property: whatever text or bytes an editor saves, the loader and the validators either
accept it or return located errors (file, line >= 0, a Japanese message) — they never raise."""
import datetime
import re
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from kyodo_kb.formats.checklist import CHECKLIST_FIELDS, ITEM_FIELDS, read_checklist
from kyodo_kb.formats.citations import CitationResolver
from kyodo_kb.formats.ordinance import load_ordinance, read_ordinance
from kyodo_kb.sources.errors import DataError
from kyodo_kb.sources.yaml_source import load_yaml_bytes, load_yaml_text

from support import ROOT
PATH = "checklists/generated.yml"
_errors: list = []
RESOLVER = CitationResolver([load_ordinance(p, p.name, _errors) for p in sorted((ROOT / "ordinances").glob("*.yml"))])
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

YAML_PIECES = st.sampled_from([
    "id", "title", "items", "check", "caution", "basis", "tags", "summary", "-", "- ", ":", ": ", " ", "  ", "\t",
    "\n", "\r\n", "\"", "'", "[", "]", "{", "}", ",", "#", "&a", "*a", "!", "!!str", "!!python/object:os.system",
    "|", ">", "%", "@", "`", "?", "~", "---", "...", "<<", "yes", "no", "0x1F", "1.5", "2024-04-01", "null",
    "協働", "確認しているか", "市民活動推進条例第9条第1項第1号", "自治基本条例第二十六条", "\u3000", "\ufeff",
    "\x00", "\x07", "\x85", "\u2028", "\ud7ff", "😀", "<script>", "javascript:", "&#115;", "KK-01",
])


def assert_located(errors, path=PATH, text=None):
    for error in errors:
        assert isinstance(error, DataError)
        assert error.location.path == path and error.location.line >= 0
        assert isinstance(error.message, str) and error.message
        if text is not None:
            # YAML also breaks lines at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR.
            assert error.location.line <= len(re.findall("\r\n|[\n\r\x85\u2028\u2029]", text)) + 2


def load_and_validate(text):
    """Loads `text` and validates it as a checklist and as an ordinance; returns the checklist result."""
    loaded = load_yaml_text(text, PATH)
    errors = list(loaded.errors)
    checklist = None
    if loaded.root is not None:
        checklist = read_checklist(loaded.root, PATH, RESOLVER, errors)
        ordinance_errors: list = []
        read_ordinance(loaded.root, PATH, ordinance_errors)
        assert_located(ordinance_errors, text=text)
    assert_located(errors, text=text)
    return checklist, errors


@SETTINGS
@given(st.lists(YAML_PIECES, max_size=60).map("".join))
def test_yaml_like_text_is_accepted_or_gives_located_errors(text):
    load_and_validate(text)


@SETTINGS
@given(st.text(max_size=300))
def test_any_unicode_text_is_accepted_or_gives_located_errors(text):
    load_and_validate(text)


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_are_accepted_or_give_located_errors(data):
    loaded = load_yaml_bytes(data, PATH)
    errors = list(loaded.errors)
    if loaded.root is not None:
        read_checklist(loaded.root, PATH, RESOLVER, errors)
    assert_located(errors)


SCALARS = st.one_of(
    st.text(alphabet=st.sampled_from(list("ab: -#'\"\t協働か!&*|>[]{}%@\n")), max_size=20),
    st.booleans(), st.integers(), st.floats(allow_nan=False), st.none(),
    st.dates(min_value=datetime.date(1900, 1, 1)),
    st.sampled_from(["市民活動推進条例第9条第1項第1号", "自治基本条例第26条", "市民活動推進条例第99条", "KK-01", "bad id"]),
)
KEYS = st.sampled_from([spec.name for spec in CHECKLIST_FIELDS + ITEM_FIELDS] + ["chek", "sumary", "タグ", "1"])


def documents():
    return st.recursive(SCALARS, lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=6)), max_leaves=15)


@SETTINGS
@given(st.dictionaries(KEYS, documents(), max_size=6))
def test_checklist_shaped_documents_are_accepted_or_give_located_errors(document):
    text = yaml.dump(document, Dumper=DUMPER, allow_unicode=True, default_flow_style=False)
    checklist, errors = load_and_validate(text)
    assert (checklist is None) == bool(errors)


@SETTINGS
@given(st.lists(st.fixed_dictionaries({"id": SCALARS, "check": SCALARS, "caution": SCALARS},
                                       optional={"basis": st.lists(SCALARS, max_size=3), "tags": SCALARS}), max_size=4),
       st.sampled_from(["default", "flow", "literal"]))
def test_item_lists_with_wrong_types_give_errors_on_real_lines(items, style):
    document = {"id": "prop", "title": "題", "items": items}
    if style == "literal":
        text = yaml.dump(document, Dumper=DUMPER, allow_unicode=True, default_style="|")
    else:
        text = yaml.dump(document, Dumper=DUMPER, allow_unicode=True, default_flow_style=(style == "flow"))
    checklist, errors = load_and_validate(text)
    assert (checklist is None) == bool(errors)
    if checklist is not None:
        assert [item.line for item in checklist.items] == sorted(item.line for item in checklist.items)


MARKUP_PIECES = st.sampled_from(["<", ">", "script", "iframe", "on", "error", "click", "=", "\"", "'", "{", "}", "(", ")",
                                 "[", "]", ":", "javascript", "data", "&#115;", "&colon;", "&", ";", "\t", "\n", " ",
                                 "協働", "![x]", "http", "//", "src", "srcset"])


@SETTINGS
@given(st.one_of(st.text(max_size=200), st.lists(MARKUP_PIECES, max_size=40).map("".join)))
def test_the_markdown_check_never_fails_and_points_inside_the_text(text):
    from kyodo_kb.sources.markdown_safety import find_unsafe_markup
    for problem in find_unsafe_markup(text):
        assert 0 <= problem.line_offset <= text.count("\n") and problem.message
