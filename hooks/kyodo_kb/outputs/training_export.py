"""Trainers' files of a path's self-check questions: CSV (as the checklist CSV: UTF-8 with BOM,
CRLF, formula-safe cells) and Moodle's GIFT format for the city's learning system.

GIFT (docs.moodle.org, "GIFT format"): one question per block separated by a blank line,
`::title::question{=right ~wrong #feedback ####general feedback}`; the characters
~ = # { } : and the backslash are escaped with a backslash wherever they are text. Markdown is
written as plain text ([plain] format) so nothing in it is read as markup by Moodle.
"""
from __future__ import annotations

from kyodo_kb.outputs.csv_export import markdown_to_text, render_csv

QUESTION_COLUMNS = ("道筋", "問い ID", "問い", "選択肢1", "選択肢2", "選択肢3", "選択肢4", "選択肢5",
                    "正解の番号", "正解", "解説", "留意事項", "根拠", "指紋")
_GIFT_SPECIALS = str.maketrans({char: "\\" + char for char in "\\~=#{}:"})


def csv_path(training_id: str) -> str:
    return f"training/{training_id}/{training_id}-questions.csv"


def gift_path(training_id: str) -> str:
    return f"training/{training_id}/{training_id}-questions.gift.txt"


def question_rows(training, kb) -> list[list[str]]:
    rows = [list(QUESTION_COLUMNS)]
    for question in training.questions:
        choices = list(question.choices) + [""] * (5 - len(question.choices))
        _, item = kb.caution(question.caution)
        rows.append([training.title, question.id, question.question, *choices, str(question.answer),
                     question.correct_choice, markdown_to_text(question.explanation),
                     f"{item.id} {item.check}", "、".join(c.ref.label for c in question.basis), question.fingerprint])
    return rows


def training_csv(training, kb) -> bytes:
    return render_csv(question_rows(training, kb))


def gift_escape(text: str) -> str:
    """Text safe anywhere in a GIFT question: specials escaped, lines joined (a blank line
    would end the question)."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip()).translate(_GIFT_SPECIALS)


def training_gift(training, kb) -> bytes:
    blocks = [f"// {gift_escape(training.title)}（{gift_escape(training.audience)}）",
              f"// 元データ: {training.path}。留意事項や条例が変わったら、サイトから作り直したファイルを取り込み直してください。",
              f"$CATEGORY: {training.title.replace('/', '／')}", ""]
    for number, question in enumerate(training.questions, start=1):
        _, item = kb.caution(question.caution)
        general = (f"{markdown_to_text(question.explanation)} 留意事項: {item.id} {item.check} "
                   f"根拠: {'、'.join(c.ref.label for c in question.basis)}")
        lines = [f"::{gift_escape(f'問{number} {question.id}')}::[plain]{gift_escape(question.question)}{{"]
        for index, choice in enumerate(question.choices, start=1):
            mark = "=" if index == question.answer else "~"
            feedback = "正解です" if index == question.answer else f"正解は {question.answer} です"
            lines.append(f"\t{mark}{gift_escape(choice)}#{gift_escape(feedback)}")
        lines.append(f"\t####{gift_escape(general)}")
        lines.append("}")
        blocks.append("\n".join(lines))
        blocks.append("")
    return ("\n".join(blocks)).encode("utf-8")
