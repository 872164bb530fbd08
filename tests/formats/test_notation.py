"""The 表記 rules file (data/hyoki.yml): its format, its errors, and the shipped rules."""
from __future__ import annotations

from kyodo_kb.formats.notation import find_variants, load_notation_rules, read_notation_rules
from kyodo_kb.sources.yaml_source import load_yaml_bytes

from support import ROOT


def read(text: str):
    loaded = load_yaml_bytes(text.encode("utf-8"), "data/hyoki.yml")
    errors: list = []
    return read_notation_rules(loaded.root, "data/hyoki.yml", errors), [str(e) for e in errors]


def test_the_shipped_rules_load_and_name_the_forms_the_issue_asks_for():
    errors: list = []
    rules = load_notation_rules(ROOT, errors)
    assert errors == []
    expected = {rule.expected for rule in rules}
    assert {"振り返り", "気を付け", "市民活動団体等"} <= expected


def test_a_pattern_inside_its_expected_form_and_a_pattern_in_two_rules_are_located_errors():
    rules, errors = read("rules:\n  - expected: 振り返り\n    patterns: [振り返り, ふりかえり]\n"
                         "  - expected: ふり返り\n    patterns: [ふりかえり]\n")
    assert errors == [
        "data/hyoki.yml:2: rules[1].patterns: 「振り返り」は使う書き方「振り返り」の一部です。使わない書き方だけを書いてください [notation-pattern-in-expected]",
        "data/hyoki.yml:4: rules[2].patterns: 「ふりかえり」は2行目のルールにもあります。どちらか一方にしてください [duplicate-entry]",
    ]


def test_an_exception_keeps_a_quoted_name_as_it_is():
    rules, errors = read("rules:\n  - expected: 取組\n    patterns: [取り組み]\n    exceptions: [取り組み自己チェックシート]\n")
    assert errors == []
    assert [(offset, pattern) for offset, pattern, _ in find_variants("県民協働の取り組み自己チェックシートと取り組み", rules)] == [(19, "取り組み")]
