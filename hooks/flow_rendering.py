"""Renders a decision flow into Markdown pages: one page per path through the flow (so every
answer is a plain link and the path is the URL), and a diagram page for editors.

Step pages live at chooser/<flow>/<answer>/<answer>/…/ (virtual `…/index.md`). They are
excluded from search: the same question appears on several paths.
"""
from __future__ import annotations

import posixpath

from flow_model import Flow, Outcome, Question, Step, walk_steps
from page_rendering import escape_attr, escape_text, relative_link

STEP_CLASS = "kb-step-link"  # decision.js swaps these steps in place


def step_src(flow: Flow, step_or_path) -> str:
    path = step_or_path.slug_path if isinstance(step_or_path, Step) else tuple(step_or_path)
    return posixpath.join("chooser", flow.id, *path, "index.md")


def render_flow_pages(flow: Flow, checklists: list) -> dict:
    """{virtual src: Markdown} for every step of the flow and its diagram page."""
    by_id = {c.id: c for c in checklists}
    pages = {}
    for step in walk_steps(flow):
        pages[step_src(flow, step)] = render_step_page(flow, step, by_id)
    pages[flow.diagram_src] = render_flow_diagram_page(flow, by_id)
    return pages


def render_step_page(flow: Flow, step: Step, checklists: dict) -> str:
    src = step_src(flow, step)
    is_start = not step.answers
    title = flow.title if is_start else f"{flow.title}: {_node_title(step.node)}"
    # No table of contents: a step has one question, and in-place steps would leave it stale.
    lines = ["---", f"title: {_yaml_string(title)}", "hide:", "  - toc"]
    if not is_start:
        lines += ["search:", "  exclude: true"]
    lines += ["---", "", f"# {escape_text(flow.title)}", ""]
    if is_start and flow.intro:
        lines += [flow.intro.strip(), ""]
    lines += ['<div class="kb-chooser" markdown>', ""]
    if isinstance(step.node, Question):
        lines += _render_question(flow, step, src)
    else:
        lines += _render_outcome(flow, step, src, checklists)
    lines += ["</div>", ""]
    return "\n".join(lines) + "\n"


def _render_question(flow: Flow, step: Step, src: str) -> list[str]:
    question = step.node
    lines = []
    if step.answers:
        lines += [f'<p class="kb-step-progress">質問 {len(step.answers) + 1}（これまでの回答は下にあります）</p>', ""]
    lines += [f"## {escape_text(question.question)} {{ #kb-step }}", ""]
    if question.help:
        lines += [question.help, ""]
    lines += ['<div class="kb-chooser-answers" markdown>', ""]
    for answer in question.answers:
        target = step_src(flow, step.slug_path + (answer.id,))
        lines.append(f"- [{escape_text(answer.label)}]({relative_link(src, target)}){{ .kb-answer-link .{STEP_CLASS} }}")
    lines += ["", "</div>", ""]
    if step.answers:
        lines += _render_your_answers(flow, step, src, "これまでの回答")
    return lines


def _render_outcome(flow: Flow, step: Step, src: str, checklists: dict) -> list[str]:
    outcome: Outcome = step.node
    checklist = checklists[outcome.checklist]
    lines = [
        f"## おすすめの形態: {escape_text(outcome.title)} {{ #kb-step }}",
        "",
        outcome.summary,
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
        f"title: {_yaml_string(flow.title + '（流れ図）')}",
        "---",
        "",
        f"# {escape_text(flow.title)}（流れ図）",
        "",
        f'<p class="kb-source">編集者向けのページです。元データ: <code>{escape_attr(flow.path)}</code>　'
        f"質問 {len(flow.questions)} 件、結果 {len(flow.outcomes)} 件</p>",
        "",
        f"[利用者向けのページを開く]({relative_link(src, flow.page_src)})",
        "",
        "## 質問と分かれ道 { #questions }",
        "",
        "質問は、最初の質問から何問目に出るか（最も遠い経路で数えます）の順に並べています。",
        "",
    ]
    nodes = sorted(flow.questions, key=lambda q: (depth[q.id], flow.questions.index(q)))
    lines += ['<div class="kb-flow-diagram" markdown>', ""]
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


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
