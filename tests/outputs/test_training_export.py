"""Trainers' files of a path: the CSV (as the checklist CSV) and the Moodle GIFT export, read back
by a strict GIFT parser written here from Moodle's GIFT format documentation.

No maintained GIFT parser fits this project: PyPI's `pygiftparser` 1.1 (2017) pins Markdown 3.0.1,
which MkDocs cannot run with, and `pygiftparserrgmf` 0.0.5 installs a top-level `tests` package and
writes parser tables at import. The parser below accepts only what the export needs (multiple
choice with per-answer and general feedback, comments, $CATEGORY, ::title::, [format]) and rejects
anything else, so an unescaped special character or a broken block fails the test.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import pytest

from kyodo_kb.knowledge_base import load_knowledge_base
from kyodo_kb.outputs.training_export import gift_escape, training_csv, training_gift
from support import ROOT

SPECIALS = "~=#{}:"
FORMATS = ("html", "moodle", "plain", "markdown")


class GiftError(ValueError):
    pass


@dataclass
class GiftAnswer:
    text: str
    correct: bool
    feedback: str | None


@dataclass
class GiftQuestion:
    title: str | None
    format: str | None
    text: str
    answers: list
    general_feedback: str | None
    category: str | None


def _tokens(block: str):
    """(kind, value): kind "char" for literal text (escapes resolved), "special" for ~ = # { } :."""
    i = 0
    while i < len(block):
        char = block[i]
        if char == "\\":
            if i + 1 >= len(block):
                raise GiftError("バックスラッシュで終わっています")
            following = block[i + 1]
            if following == "n":
                yield "char", "\n"
            elif following in SPECIALS + "\\":
                yield "char", following
            else:
                raise GiftError(f"不明なエスケープ \\{following}")
            i += 2
            continue
        yield ("special" if char in SPECIALS else "char"), char
        i += 1


def parse_question(block: str, category: str | None) -> GiftQuestion:
    tokens = list(_tokens(block.strip()))
    pos = 0

    def peek(n=0):
        return tokens[pos + n] if pos + n < len(tokens) else (None, None)

    def read_text(stops: str) -> str:
        nonlocal pos
        out = []
        while pos < len(tokens):
            kind, value = tokens[pos]
            if kind == "special":
                if value in stops:
                    break
                raise GiftError(f"エスケープされていない「{value}」: {''.join(out)[:40]}")
            out.append(value)
            pos += 1
        return "".join(out).strip()

    title = None
    if peek() == ("special", ":") and peek(1) == ("special", ":"):
        pos += 2
        title = read_text(":")
        if not (peek() == ("special", ":") and peek(1) == ("special", ":")):
            raise GiftError("題名の「::」が閉じていません")
        pos += 2
    text = read_text("{")
    fmt = None
    if text.startswith("["):
        fmt, _, text = text[1:].partition("]")
        if fmt not in FORMATS:
            raise GiftError(f"不明な書式 [{fmt}]")
        text = text.strip()
    if not text:
        raise GiftError("問いの文がありません")
    if peek() != ("special", "{"):
        raise GiftError("答えの「{」がありません")
    pos += 1
    answers, general = [], None
    while True:
        kind, value = peek()
        if kind is None:
            raise GiftError("答えの「}」がありません")
        if kind == "char" and value.isspace():
            pos += 1
            continue
        if (kind, value) == ("special", "}"):
            pos += 1
            break
        if (kind, value) == ("special", "#") and all(peek(n) == ("special", "#") for n in range(4)):
            pos += 4
            general = read_text("}")
            continue
        if kind != "special" or value not in "=~":
            raise GiftError(f"答えは「=」か「~」で始めます（「{value}」）")
        pos += 1
        answer = read_text("=~#}")
        feedback = None
        if peek() == ("special", "#") and peek(1) != ("special", "#"):
            pos += 1
            feedback = read_text("=~}#")
        if not answer:
            raise GiftError("空の答えがあります")
        answers.append(GiftAnswer(answer, value == "=", feedback))
    if "".join(v for _, v in tokens[pos:]).strip():
        raise GiftError("「}」の後に文字があります")
    if len(answers) < 2 or sum(a.correct for a in answers) != 1:
        raise GiftError("多肢選択の問いには、正解（=）1つと誤答（~）が必要です")
    return GiftQuestion(title, fmt, text, answers, general, category)


def parse_gift(text: str) -> list[GiftQuestion]:
    questions, category, lines = [], None, []

    def flush():
        block = "\n".join(lines).strip()
        lines.clear()
        if block:
            questions.append(parse_question(block, category))

    for line in text.split("\n"):
        if line.strip().startswith("//"):
            continue
        if line.startswith("$CATEGORY:"):
            flush()
            category = line.split(":", 1)[1].strip()
            continue
        if not line.strip():
            flush()
            continue
        lines.append(line)
    flush()
    return questions


def test_the_parser_rejects_what_moodle_would_misread():
    for bad in ["問い {=a ~b", "問い = です {=a ~b}", "問い {=a =b}", "問い {~a ~b}", "問い {=a ~b} 後ろ", "::題 問い {=a ~b}",
                "[rtf]問い {=a ~b}", "問い {=a ~b\\q}"]:
        with pytest.raises(GiftError):
            parse_gift(bad)
    (question,) = parse_gift("::t::[plain]問い \\{1\\} {\n=正しい\\: a#よい\n~ちがう#だめ\n####全体\n}")
    assert (question.title, question.format, question.text) == ("t", "plain", "問い {1}")
    assert [(a.text, a.correct, a.feedback) for a in question.answers] == [("正しい: a", True, "よい"), ("ちがう", False, "だめ")]
    assert question.general_feedback == "全体"


def test_escaping_round_trips_every_special_character():
    text = "a~b=c#d{e}f:g\\h"
    (question,) = parse_gift(f"{gift_escape(text)} {{={gift_escape(text)} ~x}}")
    assert question.text == text and question.answers[0].text == text


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base(ROOT)


@pytest.mark.parametrize("path_id", ["shinsaiyo", "kantokushoku"])
def test_gift_export_parses_with_every_question_its_right_answer_and_explanation(kb, path_id):
    training = next(t for t in kb.training_paths if t.id == path_id)
    data = training_gift(training, kb)
    assert not data.startswith(b"\xef\xbb\xbf")  # Moodle reads GIFT as UTF-8 without a BOM
    questions = parse_gift(data.decode("utf-8"))
    assert len(questions) == len(training.questions)
    for number, (parsed, question) in enumerate(zip(questions, training.questions), start=1):
        assert parsed.category == training.title
        assert parsed.title == f"問{number} {question.id}" and parsed.format == "plain"
        assert parsed.text == question.question
        assert [a.text for a in parsed.answers] == list(question.choices)
        assert [a.correct for a in parsed.answers].index(True) == question.answer - 1
        assert f"留意事項: {question.caution} " in parsed.general_feedback
        assert "根拠: " + "、".join(c.ref.label for c in question.basis) in parsed.general_feedback


def test_csv_has_a_bom_a_header_and_one_row_per_question(kb):
    training = next(t for t in kb.training_paths if t.id == "shinsaiyo")
    data = training_csv(training, kb)
    assert data.startswith("\ufeff道筋,問い ID,問い,".encode("utf-8")) and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 1 + len(training.questions)
    first = dict(zip(rows[0], rows[1]))
    question = training.questions[0]
    assert first["問い"] == question.question and first["正解の番号"] == str(question.answer)
    assert first["正解"] == question.correct_choice and first["選択肢4"] == ""
    assert first["根拠"] == "市民活動推進条例第2条第2号" and first["指紋"] == question.fingerprint
