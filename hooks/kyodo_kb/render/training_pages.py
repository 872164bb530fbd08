"""Training pages: the index of paths, one page per path and one printable handout per path.

A path page is complete without JavaScript: the steps as a list of links with their learning
goals, the questions with their choices, then every answer and explanation in one closed
<details>. training.js adds progress kept in the browser, answering with immediate feedback
and the result summary. Links are Markdown links to the virtual sources, so the strict build
checks every step, caution and provision link.
"""
from __future__ import annotations

import hashlib
import html
import json

from kyodo_kb.outputs.print_blocks import Revision, format_revision
from kyodo_kb.outputs.training_export import csv_path, gift_path
from kyodo_kb.render.cjk_soft_breaks import join_soft_breaks_text
from kyodo_kb.render.pages import front_matter_title, escape_attr, escape_text, relative_link

INDEX_SRC = "training/index.md"


def step_anchor(step_id: str) -> str:
    return f"step-{step_id}"


def question_anchor(question_id: str) -> str:
    return f"q-{question_id}"


def training_version(training) -> str:
    """A short hash of what saved progress refers to: a changed path starts afresh."""
    data = [[s.id, s.page, s.anchor, s.caution] for s in training.steps]
    data += [[q.id, q.question, list(q.choices), q.answer] for q in training.questions]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode("utf-8")).hexdigest()[:12]


def _caution_link(kb, item_id: str, from_src: str, with_text: bool = True) -> str:
    checklist, item = kb.caution(item_id)
    text = f"{item.id} {item.check}" if with_text else item.id
    return f"[{escape_text(text)}]({relative_link(from_src, checklist.page_src, item.id)})"


def _basis_links(question, from_src: str) -> str:
    return "、".join(f"[{escape_text(c.ref.label)}]({relative_link(from_src, c.ref.page_src, c.ref.anchor)})"
                    for c in question.basis)


def step_link(kb, step, from_src: str) -> str:
    if step.caution:
        return _caution_link(kb, step.caution, from_src)
    page_title = step.page_title
    text = f"{page_title} › {step.section_title}" if page_title and page_title != step.section_title else step.section_title
    return f"[{escape_text(text)}]({relative_link(from_src, step.page, step.anchor)})"


def render_training_index(paths: list) -> str:
    lines = ["---", "title: 研修の道筋", "---", "", "# 研修の道筋", "",
             "取組の方向性③の階層別研修（新採用・監督職）に使う道筋です。ガイドラインの節と留意事項を順に読み、"
             "最後のセルフチェックで理解を確かめます。進み具合と答えは、このブラウザの中にだけ保存されます。",
             "", "| 道筋 | 対象 | 目安 | ステップ | 問い |", "| --- | --- | --- | ---: | ---: |"]
    for training in paths:
        link = relative_link(INDEX_SRC, training.page_src)
        lines.append(f"| [{escape_text(training.title)}]({link}) | {escape_text(training.audience)} | "
                     f"{training.minutes}分 | {len(training.steps)} | {len(training.questions)} |")
    lines += ["", "研修の講師は、各道筋のページから配布資料（印刷用）、問いの表計算用ファイル（CSV）、"
              "Moodle に取り込める GIFT 形式のファイルを使えます。", ""]
    return "\n".join(lines) + "\n"


def render_training_page(training, kb) -> str:
    src = training.page_src
    lines = [
        "---", f"title: {front_matter_title(training.title)}", "---", "",
        f"# {escape_text(training.title)}", "",
        f'<p class="kb-source">対象: {escape_attr(training.audience)}　目安: {training.minutes}分　'
        f"ステップ {len(training.steps)} 件　問い {len(training.questions)} 件　"
        f"元データ: <code>{escape_attr(training.path)}</code></p>", "",
    ]
    if training.summary:
        lines += [join_soft_breaks_text(training.summary.strip()), ""]
    downloads = [f"[配布資料（印刷用）]({relative_link(src, training.handout_src)})"]
    if training.questions:
        downloads += [f"[問いの表計算用ファイル（CSV）]({relative_link(src, csv_path(training.id))})",
                      f"[Moodle 用の問い（GIFT 形式）]({relative_link(src, gift_path(training.id))})"]
    lines += ["研修の講師向け: " + "・".join(downloads), "{ .kb-training-downloads }", ""]
    lines += [
        f'<div class="kb-training" data-training="{escape_attr(training.id)}" data-version="{training_version(training)}" markdown>',
        "",
        "## ステップ { #steps }",
        "",
        '<div class="kb-training-progress" hidden>',
        f'<p role="status" aria-live="polite">読んだステップ <span class="kb-steps-done">0</span> / {len(training.steps)}</p>',
        f'<progress class="kb-steps-progress" max="{len(training.steps)}" value="0" aria-label="ステップの進み具合"></progress>',
        '<button type="button" class="kb-training-reset md-button">進み具合と答えを消す</button>',
        '<p class="kb-privacy">進み具合と答えは、このブラウザの中にだけ保存され、どこにも送信されません。</p>',
        "</div>", "",
    ]
    for number, step in enumerate(training.steps, start=1):
        lines += [
            f'<div class="kb-training-step" id="{step_anchor(step.id)}" data-step="{escape_attr(step.id)}" markdown>',
            "",
            f"**ステップ {number}**　{step_link(kb, step, src)}",
            "{ .kb-step-title }",
            "",
            f"学習目標: {escape_text(step.goal)}",
            "{ .kb-step-goal }",
            "",
            "</div>", "",
        ]
    if training.questions:
        lines += render_questions(training, kb, src)
    lines += ["</div>", ""]
    return "\n".join(lines) + "\n"


def render_questions(training, kb, src: str) -> list[str]:
    lines = ["## セルフチェック { #self-check }", "",
             "問いに答えると、その場で正誤と解説を表示します。答えはすべての問いの後の「答えと解説」にもあります。", ""]
    for number, question in enumerate(training.questions, start=1):
        lines += [
            f'<div class="kb-question" id="{question_anchor(question.id)}" data-question="{escape_attr(question.id)}" '
            f'data-answer="{question.answer}" data-caution="{escape_attr(question.caution)}" markdown>',
            "",
            f"**問{number}**　{escape_text(question.question)}",
            "{ .kb-question-text }",
            "",
            '<ol class="kb-choices">',
            *(f"<li>{escape_attr(choice)}</li>" for choice in question.choices),
            "</ol>",
            '<div class="kb-feedback" role="status" aria-live="polite"></div>',
            "",
            "</div>", "",
        ]
    lines += [
        '<section class="kb-training-result" aria-label="セルフチェックの結果" hidden>',
        "<h3>結果</h3>",
        '<p class="kb-result-score" role="status"></p>',
        '<p class="kb-result-reread-intro" hidden>読み直す留意事項:</p>',
        '<ul class="kb-result-reread"></ul>',
        "</section>", "",
        "## 答えと解説 { #answers }", "",
        '<details class="kb-training-answers" markdown>',
        "<summary>答えと解説を表示する</summary>", "",
    ]
    for number, question in enumerate(training.questions, start=1):
        lines += render_explanation(question, number, kb, src)
    lines += ["</details>", ""]
    return lines


def render_explanation(question, number: int, kb, src: str) -> list[str]:
    return [
        f'<div class="kb-explanation" data-question="{escape_attr(question.id)}" markdown>',
        "",
        f"**問{number}の答え: {question.answer}. {escape_text(question.correct_choice)}**",
        "",
        join_soft_breaks_text(question.explanation),
        "",
        f"留意事項: {_caution_link(kb, question.caution, src)}",
        "{ .kb-explanation-caution }",
        "",
        f"**根拠**: {_basis_links(question, src)}",
        "{ .kb-basis }",
        "",
        "</div>", "",
    ]


def render_handout(training, kb, revision: Revision | None) -> str:
    """The trainer's A4 handout: the questions first, then (from a new page) the answers."""
    src = training.handout_src
    edition = html.escape(format_revision(revision)) if revision else ""
    lines = [
        "---", f"title: {front_matter_title(training.title + '（配布資料）')}", "---", "",
        f"# {escape_text(training.title)}（配布資料）", "",
        f'<p class="kb-handout-edition">{edition}</p>', "",
        f'<p class="kb-handout-meta">対象: {escape_attr(training.audience)}　目安: {training.minutes}分　'
        f"問い {len(training.questions)} 問　"
        f'<button type="button" class="kb-handout-print md-button" hidden>印刷する</button></p>', "",
        f"[この道筋のページに戻る]({relative_link(src, training.page_src)})",
        "{ .kb-handout-back }", "",
        '<section class="kb-handout-questions" markdown>', "",
        "## 問い { #questions }", "",
        "当てはまる選択肢の番号を1つ選んでください。", "",
    ]
    for number, question in enumerate(training.questions, start=1):
        lines += [f"**問{number}**　{escape_text(question.question)}", "{ .kb-question-text }", "",
                  '<ol class="kb-choices">', *(f"<li>{escape_attr(c)}</li>" for c in question.choices), "</ol>", ""]
    lines += ["</section>", "",
              '<section class="kb-handout-answers" markdown>', "",
              "## 答えと解説 { #answers }", ""]
    for number, question in enumerate(training.questions, start=1):
        lines += render_explanation(question, number, kb, src)
    lines += ["</section>", ""]
    return "\n".join(lines) + "\n"


def steps_by_page(kb, flow_pages: dict | None = None) -> dict:
    """src of a page -> [(path, step number, step)] for the training steps that read it: a
    checklist page for each caution step, a guideline page for each section step, and each page
    in `flow_pages` (src -> guideline page it is about) for the steps that read that guideline page."""
    found: dict = {}
    for training in kb.training_paths:
        for number, step in enumerate(training.steps, start=1):
            if step.caution:
                entry = kb.caution(step.caution)
                if entry:
                    found.setdefault(entry[0].page_src, []).append((training, number, step))
            else:
                found.setdefault(step.page, []).append((training, number, step))
    for src, guideline_page in (flow_pages or {}).items():
        if guideline_page in found:
            found[src] = list(found[guideline_page])
    return found


def render_training_links(src: str, entries: list) -> str:
    """The block appended to a page that training steps read: where each step is."""
    lines = ['<div class="kb-training-links" markdown>', "",
             "**研修の道筋で学ぶ**: このページの内容は、次の研修のステップで学べます。", ""]
    for training, number, step in entries:
        what = f"（{step.caution}）" if step.caution else f"（{escape_text(step.section_title)}）"
        lines.append(f"- [{escape_text(training.title)} ステップ {number}]"
                     f"({relative_link(src, training.page_src, step_anchor(step.id))}){what}")
    lines += ["", "</div>", ""]
    return "\n".join(lines)
