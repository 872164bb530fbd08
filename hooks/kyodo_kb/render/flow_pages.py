"""Renders a decision flow into Markdown pages: one page per path through the flow (so every
answer is a plain link and the path is the URL), and a diagram page for editors.

Step pages live at chooser/<flow>/<answer>/<answer>/…/ (virtual `…/index.md`). They are
excluded from search: the same question appears on several paths.
"""
from __future__ import annotations

import html
import posixpath

from kyodo_kb.render.cjk_soft_breaks import join_soft_breaks_text
from kyodo_kb.formats.flow import Flow, Outcome, Question, Step, walk_steps
from kyodo_kb.formats.paperwork import FORM_QUESTION
from kyodo_kb.render.pages import escape_attr, escape_text, front_matter_title, relative_link
from kyodo_kb.render.stage_path import render_stage_list, stage_checklists

STEP_CLASS = "kb-step-link"  # decision.js swaps these steps in place


def step_src(flow: Flow, step_or_path) -> str:
    path = step_or_path.slug_path if isinstance(step_or_path, Step) else tuple(step_or_path)
    return posixpath.join("chooser", flow.id, *path, "index.md")


def render_flow_pages(flow: Flow, checklists: list, sheets: tuple = ()) -> dict:
    """{virtual src: Markdown} for every step of the flow and its diagram page; outcomes link
    to the paperwork `sheets` (paperwork.Sheet) with the outcome's form."""
    by_id = {c.id: c for c in checklists}
    pages = {}
    for step in walk_steps(flow):
        pages[step_src(flow, step)] = render_step_page(flow, step, by_id, sheets)
    pages[flow.diagram_src] = render_flow_diagram_page(flow, by_id)
    return pages


def render_step_page(flow: Flow, step: Step, checklists: dict, sheets: tuple = ()) -> str:
    src = step_src(flow, step)
    is_start = not step.answers
    title = flow.title if is_start else f"{flow.title}: {_node_title(step.node)}"
    # No table of contents: a step has one question, and in-place steps would leave it stale.
    lines = ["---", f"title: {front_matter_title(title)}", "hide:", "  - toc"]
    if not is_start:
        lines += ["search:", "  exclude: true"]
    lines += ["---", "", f"# {escape_text(flow.title)}", ""]
    if is_start and flow.intro:
        lines += [flow.intro.strip(), ""]
    lines += ['<div class="kb-chooser" markdown>', ""]
    if isinstance(step.node, Question):
        lines += _render_question(flow, step, src)
    else:
        lines += _render_outcome(flow, step, src, checklists, sheets)
    lines += ["</div>", ""]
    return "\n".join(lines) + "\n"


def _render_question(flow: Flow, step: Step, src: str) -> list[str]:
    question = step.node
    lines = []
    if step.answers:
        lines += [f'<p class="kb-step-progress">質問 {len(step.answers) + 1}（これまでの回答は下にあります）</p>', ""]
    lines += [f"## {escape_text(question.question)} {{ #kb-step }}", ""]
    if question.help:
        lines += [join_soft_breaks_text(question.help), ""]
    lines += ['<div class="kb-chooser-answers" markdown>', ""]
    for answer in question.answers:
        target = step_src(flow, step.slug_path + (answer.id,))
        lines.append(f"- [{escape_text(answer.label)}]({relative_link(src, target)}){{ .kb-answer-link .{STEP_CLASS} }}")
    lines += ["", "</div>", ""]
    if step.answers:
        lines += _render_your_answers(flow, step, src, "これまでの回答")
    return lines


def _render_outcome(flow: Flow, step: Step, src: str, checklists: dict, sheets: tuple = ()) -> list[str]:
    outcome: Outcome = step.node
    checklist = checklists[outcome.checklist]
    lines = [
        f"## おすすめの形態: {escape_text(outcome.title)} {{ #kb-step }}",
        "",
        join_soft_breaks_text(outcome.summary),
        "",
    ]
    specific = [item for item in checklist.items if _matches(item, outcome)]
    if specific:
        lines += ["### この形態で特に気をつけること { #kb-specific }", ""]
        for item in specific:
            lines.append(f"- [{escape_text(item.check)}]({relative_link(src, checklist.page_src, item.id)})（{item.id}）")
        lines.append("")
    query = ",".join(f"{q}:{o}" for q, o, _ in outcome.profile)
    link = relative_link(src, checklist.page_src) + (f"?profile={query}" if query else "")
    lines += [f"[{escape_text(outcome.title)}の留意事項に答える（{escape_text(checklist.title)}）]({link}){{ .md-button .md-button--primary .kb-outcome-link }}", ""]
    form = next((o for q, o, _ in outcome.profile if q == FORM_QUESTION), None)
    if sheets:
        query = f"?form={form}" if form else ""
        links = "、".join(f"[{escape_text(sheet.title)}]({relative_link(src, sheet.page_src)}{query})" for sheet in sheets)
        lines += [f"書式（{escape_text(outcome.title)}に合わせて表示します）: {links}", "{ .kb-outcome-paperwork }", ""]
    if stage_checklists(checklists.values()):
        lines += ["### 段階ごとのチェックリスト { #kb-stages }", "",
                  "形態を決めたら、事業の段階ごとのチェックリストに、順に答えてください。", "",
                  render_stage_list(checklists.values(), sheets, src), ""]
    lines += _render_your_answers(flow, step, src, "あなたの回答")
    return lines


def _matches(item, outcome: Outcome) -> bool:
    """Items written for this outcome's filter (not the ones that apply to every form);
    a condition on a question the outcome leaves open does not exclude, as on the page."""
    wanted = {q: o for q, o, _ in outcome.profile}
    relevant = [c for c in item.applies_when if c.question in wanted]
    return bool(relevant) and all(wanted[c.question] in c.options for c in relevant)


def _render_your_answers(flow: Flow, step: Step, src: str, heading: str) -> list[str]:
    anchor = "kb-your-answers"
    lines = [f"### {heading} {{ #{anchor} }}", "", '<div class="kb-your-answers" markdown>', ""]
    for index, (question, answer) in enumerate(step.answers):
        change = relative_link(src, step_src(flow, step.slug_path[:index]))
        lines += [
            escape_text(question.question),
            f":   {escape_text(answer.label)}　[この回答を変更する]({change}){{ .{STEP_CLASS} aria-label=\"この回答を変更する（{escape_attr(question.question)}）\" }}",
            "",
        ]
    lines += ["</div>", "", f"[最初からやり直す]({relative_link(src, flow.page_src)}){{ .{STEP_CLASS} }}", ""]
    return lines


def render_flow_diagram_page(flow: Flow, checklists: dict) -> str:
    """For editors reviewing the flow: every question with where each answer leads, every
    outcome with its checklist, and every path from the start, as plain HTML (prints too)."""
    src = flow.diagram_src
    depth = _depths(flow)
    lines = [
        "---",
        f"title: {front_matter_title(flow.title + '（流れ図）')}",
        "hide:",
        "  - toc  # the diagram needs the width",
        "---",
        "",
        f"# {escape_text(flow.title)}（流れ図）",
        "",
        f'<p class="kb-source">編集者向けのページです。元データ: <code>{escape_attr(flow.path)}</code>　'
        f"質問 {len(flow.questions)} 件、結果 {len(flow.outcomes)} 件</p>",
        "",
        f"[利用者向けのページを開く]({relative_link(src, flow.page_src)})",
        "",
        "## 全体の図 { #diagram }",
        "",
        "左の最初の質問から、答え（線の上の文字）ごとに右へ進みます。緑の枠が結果です。同じ内容を下に文章でも示しています。",
        "",
        render_flow_svg(flow),
        "",
        "## 質問と分かれ道 { #questions }",
        "",
        "質問は、最初の質問から何問目に出るか（最も遠い経路で数えます）の順に並べています。",
        "",
    ]
    nodes = sorted(flow.questions, key=lambda q: (depth[q.id], flow.questions.index(q)))
    lines += ['<div class="kb-flow-nodes" markdown>', ""]
    for question in nodes:
        start = "（最初の質問）" if question.id == flow.start else ""
        lines += [f"### {escape_text(question.question)} {{ #node-{question.id} }}", "",
                  f"`{question.id}`　{depth[question.id] + 1}段目{start}", ""]
        for answer in question.answers:
            target = flow.node(answer.next)
            kind = "質問" if isinstance(target, Question) else "結果"
            lines.append(f"- {escape_text(answer.label)} → {kind}: [{escape_text(_node_title(target))}](#node-{target.id})")
        lines.append("")
    lines += ["</div>", "", "## 結果 { #outcomes }", ""]
    for outcome in flow.outcomes:
        checklist = checklists[outcome.checklist]
        profile = "、".join(f"{q}={o}" for q, o, _ in outcome.profile) or "なし"
        lines += [f"### {escape_text(outcome.title)} {{ #node-{outcome.id} }}", "",
                  f"`{outcome.id}`　チェックリスト: [{escape_text(checklist.title)}]({relative_link(src, checklist.page_src)})　絞り込み: `{profile}`", ""]
    lines += ["## すべての経路 { #paths }", "", "| 回答の組合せ | 結果 |", "| --- | --- |"]
    for step in walk_steps(flow):
        if isinstance(step.node, Outcome):
            answers = " → ".join(escape_text(a.label) for _, a in step.answers)
            link = relative_link(src, step_src(flow, step))
            lines.append(f"| {answers} | [{escape_text(step.node.title)}]({link}) |")
    return "\n".join(lines) + "\n"


_BOX_W, _GAP_W, _BAND_H, _LINE_H = 190, 210, 100, 17
_BOX_CHARS, _LABEL_CHARS = 13, 12  # full-width characters per line at 13px


def render_flow_svg(flow: Flow) -> str:
    """The flow as a left-to-right tree of every path, drawn at build time (no script, no
    download). A node reached by several paths appears once per path, so no line crosses."""
    steps = walk_steps(flow)
    children: dict = {}
    for step in steps:
        if step.answers:
            children.setdefault(step.slug_path[:-1], []).append(step)
    y_of: dict = {}
    next_band = [0]

    def place(step: Step) -> float:
        kids = children.get(step.slug_path, [])
        if not kids:
            y = next_band[0] * _BAND_H + _BAND_H / 2
            next_band[0] += 1
        else:
            ys = [place(kid) for kid in kids]
            y = (ys[0] + ys[-1]) / 2
        y_of[step.slug_path] = y
        return y

    place(steps[0])
    depth = max(len(s.slug_path) for s in steps)
    width = (depth + 1) * _BOX_W + depth * _GAP_W + 2
    height = next_band[0] * _BAND_H
    # The wide drawing scrolls sideways; tabindex lets keyboard users scroll it too.
    parts = [f'<div class="kb-flow-diagram" tabindex="0" role="region" aria-label="流れ図（横にスクロールできます）"><svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="flow-svg-title">'
             f'<title id="flow-svg-title">{html.escape(flow.title)}の流れ図（内容は下の一覧と同じです）</title>',
             '<g font-size="13" fill="#1f2937">']
    for step in steps:
        x = len(step.slug_path) * (_BOX_W + _GAP_W) + 1
        y = y_of[step.slug_path]
        is_outcome = isinstance(step.node, Outcome)
        text = f"結果: {step.node.title}" if is_outcome else step.node.question
        lines = _wrap(text, _BOX_CHARS, 4)
        box_h = len(lines) * _LINE_H + 14
        fill, stroke = ("#e8f5e9", "#2e7d32") if is_outcome else ("#eef1fb", "#3949ab")
        parts.append(f'<rect x="{x}" y="{y - box_h / 2:.1f}" width="{_BOX_W}" height="{box_h}" rx="6" fill="{fill}" stroke="{stroke}"/>')
        parts += _svg_text(lines, x + 8, y - box_h / 2 + 7 + 13, "700" if is_outcome else "400")
        if step.answers:
            parent_x = (len(step.slug_path) - 1) * (_BOX_W + _GAP_W) + 1 + _BOX_W
            parent_y = y_of[step.slug_path[:-1]]
            elbow = parent_x + 16
            parts.append(f'<path d="M{parent_x} {parent_y:.1f} H{elbow} V{y:.1f} H{x}" fill="none" stroke="#5c6370" stroke-width="1.5"/>')
            parts.append(f'<path d="M{x - 7} {y - 4:.1f} L{x} {y:.1f} L{x - 7} {y + 4:.1f}" fill="none" stroke="#5c6370" stroke-width="1.5"/>')
            label = _wrap(step.answers[-1][1].label, _LABEL_CHARS, 3)
            top = y - 6 - (len(label) - 1) * (_LINE_H - 2)
            parts += _svg_text(label, elbow + 10, top, "400", size=12, line_h=_LINE_H - 2)
    parts.append("</g></svg></div>")
    return "".join(parts)


def _svg_text(lines: list, x: float, y: float, weight: str, size: int = 13, line_h: int = _LINE_H) -> list[str]:
    spans = "".join(f'<tspan x="{x}" dy="{0 if i == 0 else line_h}">{html.escape(line)}</tspan>' for i, line in enumerate(lines))
    return [f'<text x="{x}" y="{y:.1f}" font-size="{size}" font-weight="{weight}">{spans}</text>']


def _wrap(text: str, width: int, max_lines: int) -> list[str]:
    """Fixed-width wrapping: Japanese has no spaces to break at; half-width letters count half."""
    lines, current, used = [], "", 0.0
    for char in text:
        cost = 0.5 if ord(char) < 0x2E80 else 1.0
        if used + cost > width:
            lines.append(current)
            current, used = "", 0.0
        current += char
        used += cost
    lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][:-1] + "…"
    return lines


def _depths(flow: Flow) -> dict:
    """Longest distance from the start; the graph has no cycles, so this terminates."""
    depth = {flow.start: 0}
    changed = True
    while changed:
        changed = False
        for question in flow.questions:
            if question.id not in depth:
                continue
            for answer in question.answers:
                if depth.get(answer.next, -1) < depth[question.id] + 1:
                    depth[answer.next] = depth[question.id] + 1
                    changed = True
    return depth


def _node_title(node) -> str:
    return node.question if isinstance(node, Question) else f"{node.title}"

