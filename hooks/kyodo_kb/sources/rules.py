"""The rule ids of every data error and content warning (like yamllint's rule names).

Each message the code can print names one rule; the id is printed after the message
(`path:line: message [rule-id]`) and keys the 編集ガイド's error catalogue
(kyodo_kb/editing/error_catalogue.py), so editors look a message up by its id, and the
catalogue never depends on the wording of a message.

To add a rule: add a constant here (ids are lower-case words joined by hyphens, prefixed
by the stage or format: `yaml-`, `field-`, `markdown-`, `citation-`, …), pass it as the
`rule` of the DataError (or ContentWarning) that reports it, and add an entry under the same
constant to error_catalogue.ERRORS (or WARNINGS). tests/editing/test_editing_guide.py fails
when a rule is defined but never raised, raised but not defined, or has no catalogue entry.
An id, once published, is never reused for a different problem.
"""
from __future__ import annotations

import re

# reading the file (sources/yaml_source.py)
FILE_UNREADABLE = "file-unreadable"
FILE_NOT_UTF8 = "file-not-utf8"
FILE_UTF16 = "file-utf16"
FILE_EMPTY = "file-empty"
YAML_TAB = "yaml-tab"
YAML_FULL_WIDTH_SPACE = "yaml-full-width-space"
YAML_FULL_WIDTH_COLON = "yaml-full-width-colon"
YAML_COLON_IN_VALUE = "yaml-colon-in-value"
YAML_MISSING_COLON = "yaml-missing-colon"
YAML_INDENTATION = "yaml-indentation"
YAML_LIST_INDENTATION = "yaml-list-indentation"
YAML_MISPLACED_DASH = "yaml-misplaced-dash"
YAML_UNCLOSED_QUOTE = "yaml-unclosed-quote"
YAML_UNCLOSED_BRACKET = "yaml-unclosed-bracket"
YAML_UNCLOSED_BRACE = "yaml-unclosed-brace"
YAML_SPECIAL_CHARACTER = "yaml-special-character"
YAML_MULTIPLE_DOCUMENTS = "yaml-multiple-documents"
YAML_TOO_DEEP = "yaml-too-deep"
YAML_SYNTAX = "yaml-syntax"
YAML_CONTROL_CHARACTER = "yaml-control-character"
YAML_TAG = "yaml-tag"
YAML_ALIAS = "yaml-alias"
YAML_MERGE_KEY = "yaml-merge-key"
YAML_DUPLICATE_KEY = "yaml-duplicate-key"
YAML_COLLECTION_KEY = "yaml-collection-key"
UNEXPECTED = "unexpected-error"

# the fields of a format (sources/field_specs.py)
FIELD_NOT_MAPPING = "field-not-mapping"
FIELD_UNKNOWN_KEY = "field-unknown-key"
FIELD_MISSING = "field-missing"
FIELD_WRONG_TYPE = "field-wrong-type"
FIELD_EMPTY = "field-empty"
FIELD_MULTILINE = "field-multiline"
FIELD_TOO_LONG = "field-too-long"
FIELD_INVALID_CHARACTERS = "field-invalid-characters"
FIELD_NOT_INTEGER = "field-not-integer"
FIELD_NOT_LIST = "field-not-list"
FIELD_EMPTY_LIST = "field-empty-list"
FIELD_NOT_STRING = "field-not-string"

# Markdown of data fields and pages, judged after rendering (sources/markdown_safety.py)
MARKDOWN_SNIPPET = "markdown-snippet"
MARKDOWN_ABBREVIATION = "markdown-abbreviation"
MARKDOWN_REFERENCE_LINK = "markdown-reference-link"
MARKDOWN_HTML_TAG = "markdown-html-tag"
MARKDOWN_HTML_SYNTAX = "markdown-html-syntax"
MARKDOWN_HTML_ATTRIBUTE = "markdown-html-attribute"
MARKDOWN_HTML_COMMENT = "markdown-html-comment"
MARKDOWN_URL = "markdown-url"
MARKDOWN_ID = "markdown-id"

# pages, includes and mkdocs.yml (sources/page_safety.py, sources/site_config.py)
FILE_SYMLINK = "file-symlink"
PAGE_SNIPPET = "page-snippet"
PAGE_UNREADABLE = "page-unreadable"
PAGE_OUTPUT_UNSAFE = "page-output-unsafe"  # a written page outside the page allowlist (hooks/page_output_safety.py)
ABBREVIATION_MARKUP = "abbreviation-markup"
CONFIG_MISSING = "config-missing"
CONFIG_DATE = "config-date"

# ids and numbers that must be unique
DUPLICATE_ENTRY = "duplicate-entry"  # twice in one file: item id, question, option, tag, version, article …
ID_NOT_UNIQUE = "id-not-unique"  # the same id in two files
ID_CASE_ONLY = "id-case-only"  # item ids that differ only in upper/lower case
TAG_ANCHOR_COLLISION = "tag-anchor-collision"  # two tags that share one anchor on the tag page
CHANGELOG_VERSION_ANCHOR = "changelog-version-anchor"  # two versions that share one anchor
CHANGELOG_DATE_RANGE = "changelog-date-range"  # a date before the wareki calendar
NO_ORDINANCES = "ordinances-missing"
CHANGELOG_DATE = "changelog-date"
CHANGELOG_CHANGE_KIND = "changelog-change-kind"  # change: neither major nor minor
CHANGELOG_CHANGE_NOTE = "changelog-change-note"  # a major change without its change note

# versions of ordinance provisions (formats/ordinance.py) and the reviews of the cautions citing them
ORDINANCE_DATE = "ordinance-date"  # a 施行日 or check date not written as 年-月-日
ORDINANCE_DATE_RANGE = "ordinance-date-range"  # outside 1873-01-01 .. 2099-12-31
ORDINANCE_AMENDMENT_ORDER = "ordinance-amendment-order"  # amendments not oldest first
ORDINANCE_AMENDMENT_DUPLICATE_DATE = "ordinance-amendment-duplicate-date"  # two versions with one 施行日
BASIS_REVIEWED_UNKNOWN = "basis-reviewed-unknown"  # a caution reviewed against a version that does not exist

# editions (formats/editions.py: data/editions/*.json against data/changelog.yml)
EDITION_DAMAGED = "edition-damaged"
EDITION_FINGERPRINT = "edition-fingerprint"
EDITION_FILE_NAME = "edition-file-name"
EDITION_NOT_IN_CHANGELOG = "edition-not-in-changelog"
EDITION_DATE = "edition-date"
EDITION_MISSING = "edition-missing"

# citations (formats/citations.py)
CITATION_UNREADABLE = "citation-unreadable"
CITATION_NO_ORDINANCE_NAME = "citation-no-ordinance-name"
CITATION_UNKNOWN_ORDINANCE = "citation-unknown-ordinance"
CITATION_UNKNOWN_PROVISION = "citation-unknown-provision"
CITATION_PARAGRAPH_REQUIRED = "citation-paragraph-required"
CITATION_BAD_NUMBER = "citation-bad-number"

# training paths (formats/training.py)
TRAINING_UNKNOWN_CAUTION = "training-unknown-caution"
TRAINING_STEP_TARGET = "training-step-target"  # neither or both of section and caution
TRAINING_UNKNOWN_PAGE = "training-unknown-page"
TRAINING_UNKNOWN_ANCHOR = "training-unknown-anchor"
TRAINING_CHOICE_COUNT = "training-choice-count"
TRAINING_ANSWER_RANGE = "training-answer-range"
TRAINING_NO_BASIS = "training-no-basis"
TRAINING_MINUTES = "training-minutes"
TRAINING_TOO_MANY_STEPS = "training-too-many-steps"

# conditional items (formats/conditions.py)
CONDITION_NOT_LIST = "condition-not-list"
CONDITION_NO_PROFILE = "condition-no-profile"
CONDITION_UNKNOWN_QUESTION = "condition-unknown-question"
CONDITION_UNKNOWN_OPTION = "condition-unknown-option"
CONDITION_FORM = "condition-form"

# where a caution comes from, and the form of a check (formats/provenance.py)
CAUTION_WITHOUT_SOURCE = "caution-without-source"  # neither basis nor sources
SOURCES_NOT_LIST = "sources-not-list"
SOURCE_UNKNOWN_KIND = "source-unknown-kind"
SOURCE_FIELD_MISSING = "source-field-missing"  # a key the kind needs (title, body, confirm, shokan)
SOURCE_FIELD_NOT_ALLOWED = "source-field-not-allowed"
SOURCE_OTHER_UNLABELLED = "source-other-unlabelled"  # no 「他自治体の例（○○）」 in the caution
YOUKAKUNIN_WITHOUT_SOURCE = "youkakunin-without-source"  # 要確認 in the text, no youkakunin source
YOUKAKUNIN_WITHOUT_MARK = "youkakunin-without-mark"  # a youkakunin source, no 要確認 in the text
CHECK_NEGATIVE = "check-negative"  # a check ending in …ていないか / …ませんか

# 表記 rules (formats/notation.py, data/hyoki.yml)
NOTATION_PATTERN_IN_EXPECTED = "notation-pattern-in-expected"

# question flows (formats/flow.py)
FLOW_PROFILE_FORM = "flow-profile-form"
FLOW_UNKNOWN_START = "flow-unknown-start"
FLOW_UNKNOWN_NEXT = "flow-unknown-next"
FLOW_UNKNOWN_CHECKLIST = "flow-unknown-checklist"
FLOW_UNKNOWN_QUESTION = "flow-unknown-question"
FLOW_UNKNOWN_OPTION = "flow-unknown-option"
FLOW_LOOP = "flow-loop"
FLOW_UNREACHABLE = "flow-unreachable"
FLOW_TOO_MANY_PAGES = "flow-too-many-pages"
FLOW_PATH_TOO_LONG = "flow-path-too-long"

# paperwork sheets (formats/paperwork.py)
PAPERWORK_UNKNOWN_FILE = "paperwork-unknown-file"
PAPERWORK_UNKNOWN_CAUTION = "paperwork-unknown-caution"
PAPERWORK_UNKNOWN_CHECKLIST = "paperwork-unknown-checklist"
PAPERWORK_UNKNOWN_FORM = "paperwork-unknown-form"
PAPERWORK_NO_FORM_QUESTION = "paperwork-no-form-question"
PAPERWORK_WHO = "paperwork-who"

# content warnings of `make lint` (editing/content_lint.py)
LINT_QUESTION_FORM = "lint-question-form"
# retired: "lint-missing-basis" (a caution without basis must now name its sources: caution-without-source)
LINT_UNKNOWN_TAG = "lint-unknown-tag"
LINT_SIMILAR_CHECK = "lint-similar-check"
LINT_PLACEHOLDER = "lint-placeholder"
LINT_LAYOUT_SPACE = "lint-layout-space"
LINT_VAGUE_LINK_TEXT = "lint-vague-link-text"
LINT_NOTATION = "lint-notation"  # a written form data/hyoki.yml replaces
LINT_STALE_QUESTION = "lint-stale-question"
LINT_BASIS_AMENDED = "lint-basis-amended"  # a caution not yet reviewed against an amendment of its basis

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def all_rules() -> dict[str, str]:
    """{constant name: rule id} of every rule defined above."""
    return {name: value for name, value in globals().items()
            if name.isupper() and isinstance(value, str) and not name.startswith("_")}


def is_rule_id(text: str) -> bool:
    return bool(_ID.match(text))
