"""Conditional items: a checklist's profile questions and each item's `applies_when`.

A checklist may ask the reader a few profile questions (e.g. 協働の形態) and an item may
apply only for some answers. This module reads and validates both, names a condition for
people (「委託・補助の場合」) and decides whether an item applies to a set of answers. An
unanswered profile question never hides an item: staff see everything until they narrow it.
"""
from __future__ import annotations

from dataclasses import dataclass

from kyodo_kb.sources import rules
from kyodo_kb.sources.field_specs import FieldSpec, MappingReader, SLUG_PATTERN, describe_value
from kyodo_kb.sources.errors import DataError, SourceLocation, did_you_mean
from kyodo_kb.sources.yaml_source import YamlMapping, YamlScalar, YamlSequence

PROFILE_QUESTION_FIELDS = [
    FieldSpec("id", "slug", True, "質問の識別子です（半角英小文字・数字・ハイフン）。項目の applies_when と共有リンクで使います", SLUG_PATTERN, "keitai"),
    FieldSpec("question", "line", True, "チェックリストの最初に尋ねる問いです", example="協働の形態はどれですか"),
    FieldSpec("options", "list", True, "選択肢のリストです（それぞれ id と label）"),
]
PROFILE_OPTION_FIELDS = [
    FieldSpec("id", "slug", True, "選択肢の識別子です（半角英小文字・数字・ハイフン）。applies_when に書きます", SLUG_PATTERN, "itaku"),
    FieldSpec("label", "line", True, "画面に表示する選択肢の名前です", example="委託"),
]


@dataclass(frozen=True)
class ProfileOption:
    id: str
    label: str
    line: int


@dataclass(frozen=True)
class ProfileQuestion:
    id: str
    question: str
    options: tuple  # of ProfileOption
    line: int

    def option(self, option_id: str) -> ProfileOption | None:
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True)
class Condition:
    """The item applies when the answer to `question` is one of `options`."""
    question: str
    options: tuple  # of str (option ids)
    line: int


def read_profile(node, path: str, key_path: str, errors: list) -> tuple:
    """Reads the `profile:` list; invalid questions are reported and left out."""
    if node is None:
        return ()
    if not isinstance(node, YamlSequence):
        errors.append(DataError(SourceLocation(path, node.line),
                                f"{key_path}: 質問のリストを書いてください（{describe_value(node)}が書かれています）。各質問を「- id: …」で始めます", rules.CONDITION_NOT_LIST))
        return ()
    questions = []
    seen: dict = {}
    for index, entry in enumerate(node.items, start=1):
        label = f"{key_path}[{index}]"
        question = _read_question(entry, path, label, errors)
        if question is None:
            continue
        if question.id in seen:
            errors.append(DataError(SourceLocation(path, question.line),
                                    f"{label}.id: 質問 ID「{question.id}」が重複しています（{seen[question.id]}行目にもあります）", rules.DUPLICATE_ENTRY))
            continue
        seen[question.id] = question.line
        questions.append(question)
    return tuple(questions)


def _read_question(node, path: str, key_path: str, errors: list) -> ProfileQuestion | None:
    count = len(errors)
    reader = MappingReader(node, path, key_path, PROFILE_QUESTION_FIELDS, errors, "質問")
    if not reader.ok:
        return None
    question_id = reader.string("id")
    text = reader.string("question")
    options = []
    seen: dict = {}
    for index, entry in enumerate(reader.sequence("options", allow_empty=False), start=1):
        label = f"{key_path}.options[{index}]"
        option_reader = MappingReader(entry, path, label, PROFILE_OPTION_FIELDS, errors, "選択肢")
        if not option_reader.ok:
            continue
        option_id, option_label = option_reader.string("id"), option_reader.string("label")
        if option_id is None or option_label is None:
            continue
        if option_id in seen:
            errors.append(DataError(SourceLocation(path, entry.line),
                                    f"{label}.id: 選択肢 ID「{option_id}」が重複しています（{seen[option_id]}行目にもあります）", rules.DUPLICATE_ENTRY))
            continue
        seen[option_id] = entry.line
        options.append(ProfileOption(option_id, option_label, entry.line))
    if len(errors) > count or question_id is None or text is None:
        return None
    return ProfileQuestion(question_id, text, tuple(options), node.line)


def read_applies_when(node, path: str, key_path: str, profile: tuple, errors: list) -> tuple:
    """Reads `applies_when: {question: [option, …]}` against the checklist's profile."""
    if node is None:
        return ()
    if not isinstance(node, YamlMapping):
        errors.append(DataError(SourceLocation(path, node.line),
                                f"{key_path}: 「質問 ID: [選択肢 ID, …]」の形で書いてください（{describe_value(node)}が書かれています）。例: applies_when: {{keitai: [itaku, hojo]}}", rules.CONDITION_FORM))
        return ()
    if not profile:
        errors.append(DataError(SourceLocation(path, node.line),
                                f"{key_path}: このチェックリストには profile（最初に尋ねる質問）がないため、条件を書けません。"
                                "チェックリストに profile を書くか、applies_when を削除してください", rules.CONDITION_NO_PROFILE))
        return ()
    questions = {q.id: q for q in profile}
    conditions = []
    for key, value in node.entries.items():
        label = f"{key_path}.{key}"
        line = node.key_lines[key]
        question = questions.get(key)
        if question is None:
            errors.append(DataError(SourceLocation(path, line),
                                    f"{label}: 不明な質問 ID「{key}」です{did_you_mean(key, questions)}。profile の質問 ID: {'、'.join(questions)}", rules.CONDITION_UNKNOWN_QUESTION))
            continue
        if value is None:
            continue  # already reported by the YAML loader
        entries = [value] if isinstance(value, YamlScalar) else list(value.items) if isinstance(value, YamlSequence) else None
        if entries is None or not entries:
            errors.append(DataError(SourceLocation(path, value.line),
                                    f"{label}: 選択肢 ID のリストを書いてください（{describe_value(value)}が書かれています）。例: {key}: [{question.options[0].id}]", rules.CONDITION_FORM))
            continue
        chosen = []
        for entry in entries:
            if not isinstance(entry, YamlScalar) or not isinstance(entry.value, str) or not entry.value.strip():
                errors.append(DataError(SourceLocation(path, entry.line),
                                        f"{label}: 選択肢 ID を文字列で書いてください（{describe_value(entry)}が書かれています）", rules.CONDITION_FORM))
                continue
            option_id = entry.value.strip()
            if question.option(option_id) is None:
                known = "、".join(f"{o.id}（{o.label}）" for o in question.options)
                errors.append(DataError(SourceLocation(path, entry.line),
                                        f"{label}: 質問「{key}」に選択肢「{option_id}」はありません{did_you_mean(option_id, [o.id for o in question.options])}。使える選択肢: {known}", rules.CONDITION_UNKNOWN_OPTION))
                continue
            if option_id not in chosen:
                chosen.append(option_id)
        if chosen:
            conditions.append(Condition(key, tuple(chosen), line))
    return tuple(conditions)


def condition_labels(conditions: tuple, profile: tuple) -> list[str]:
    """People's names for conditions: one label per question, e.g. 「委託・補助の場合」."""
    questions = {q.id: q for q in profile}
    labels = []
    for condition in conditions:
        question = questions[condition.question]
        names = "・".join(question.option(o).label for o in condition.options)
        labels.append(f"{names}の場合")
    return labels


def conditions_as_data(conditions: tuple) -> dict:
    """The form emitted into the page for the browser: {question: [option, …]}."""
    return {c.question: list(c.options) for c in conditions}


def applies(conditions: tuple, answers: dict) -> bool:
    """True when every answered profile question matches; unanswered questions never hide."""
    return all(answers.get(c.question) in (None, *c.options) for c in conditions)
