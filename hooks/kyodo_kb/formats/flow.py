"""Decision flows (flows/*.yml): questions whose answers lead to further questions or to an
outcome (a recommended form of collaboration), and the checks on the graph.

The graph rules: every answer leads to an existing question or outcome, every node can be
reached from the start, no path comes back to a question already asked (a cycle would make
the pre-rendered pages endless), and every outcome names an existing checklist and, where it
filters, an existing profile question and option of that checklist.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kyodo_kb.sources import rules
from kyodo_kb.sources.field_specs import FieldSpec, MappingReader, SLUG_PATTERN
from kyodo_kb.sources.errors import DataError, SourceLocation, did_you_mean
from kyodo_kb.sources.yaml_source import YamlMapping, YamlScalar, load_yaml_file

FLOW_FIELDS = [
    FieldSpec("id", "slug", True, "流れの識別子です（半角英小文字・数字・ハイフン）。ページの URL（chooser/<id>/）になります", SLUG_PATTERN, "keitai"),
    FieldSpec("title", "line", True, "流れの題名です", example="協働の形態を選ぶ"),
    FieldSpec("intro", "markdown", False, "最初の質問の前に表示する説明です（Markdown）"),
    FieldSpec("start", "slug", True, "最初に尋ねる質問の id です", SLUG_PATTERN, "shutai"),
    FieldSpec("questions", "list", True, "質問のリストです"),
    FieldSpec("outcomes", "list", True, "結果（おすすめの形態）のリストです"),
]
QUESTION_FIELDS = [
    FieldSpec("id", "slug", True, "質問の識別子です（半角英小文字・数字・ハイフン）。結果の id とも重ならないようにします", SLUG_PATTERN, "shutai"),
    FieldSpec("question", "line", True, "画面に表示する問いです", example="この事業は、だれの事業ですか"),
    FieldSpec("help", "markdown", False, "問いの下に表示する補足です（Markdown）"),
    FieldSpec("answers", "list", True, "答えのリストです（それぞれ id, label, next）"),
]
ANSWER_FIELDS = [
    FieldSpec("id", "slug", True, "答えの識別子です（半角英小文字・数字・ハイフン）。URL の一部になります", SLUG_PATTERN, "shi"),
    FieldSpec("label", "line", True, "画面に表示する答えです", example="本来は市が行う事業である"),
    FieldSpec("next", "slug", True, "この答えの次に進む質問または結果の id です", SLUG_PATTERN, "kikan"),
]
OUTCOME_FIELDS = [
    FieldSpec("id", "slug", True, "結果の識別子です（半角英小文字・数字・ハイフン）", SLUG_PATTERN, "kyosai"),
    FieldSpec("title", "line", True, "おすすめの形態の名前です", example="共催"),
    FieldSpec("summary", "markdown", True, "なぜこの形態が合うのか、どんな形態かの説明です（Markdown）"),
    FieldSpec("checklist", "slug", True, "この形態で使うチェックリストの id です", SLUG_PATTERN, "keitai-betsu"),
    FieldSpec("profile", "mapping", False, "チェックリストを開いたときに選んでおく答えです（profile の質問 ID: 選択肢 ID）", example="{keitai: kyosai}"),
]


@dataclass(frozen=True)
class Answer:
    id: str
    label: str
    next: str
    line: int


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    help: str | None
    answers: tuple  # of Answer
    line: int


@dataclass(frozen=True)
class Outcome:
    id: str
    title: str
    summary: str
    checklist: str
    profile: tuple  # of (question id, option id, line)
    line: int


@dataclass(frozen=True)
class Flow:
    id: str
    title: str
    intro: str | None
    start: str
    questions: tuple  # of Question
    outcomes: tuple  # of Outcome
    path: str
    line: int

    def node(self, node_id: str):
        return next((n for n in (*self.questions, *self.outcomes) if n.id == node_id), None)

    @property
    def page_src(self) -> str:
        return f"chooser/{self.id}/index.md"

    @property
    def diagram_src(self) -> str:
        return f"flows/{self.id}.md"


def load_flow(path: Path, display_path: str, errors: list) -> Flow | None:
    loaded = load_yaml_file(path, display_path)
    errors.extend(loaded.errors)
    if loaded.root is None:
        return None
    return read_flow(loaded.root, display_path, errors)


def read_flow(root, path: str, errors: list) -> Flow | None:
    count = len(errors)
    reader = MappingReader(root, path, "", FLOW_FIELDS, errors, "流れの内容")
    if not reader.ok:
        return None
    flow_id, title, intro, start = (reader.string(n) for n in ("id", "title", "intro", "start"))
    seen: dict = {}  # questions and outcomes share one namespace: `next` names either

    def claim(node_id: str, line: int, label: str) -> bool:
        if node_id in seen:
            errors.append(DataError(SourceLocation(path, line),
                                    f"{label}.id: id「{node_id}」は{seen[node_id]}行目でも使われています。質問と結果の id はすべて別にしてください", rules.DUPLICATE_ENTRY))
            return False
        seen[node_id] = line
        return True

    questions = []
    for index, node in enumerate(reader.sequence("questions", allow_empty=False), start=1):
        question = _read_question(node, path, f"questions[{index}]", errors)
        if question is not None and claim(question.id, question.line, f"questions[{index}]"):
            questions.append(question)
    outcomes = []
    for index, node in enumerate(reader.sequence("outcomes", allow_empty=False), start=1):
        outcome = _read_outcome(node, path, f"outcomes[{index}]", errors)
        if outcome is not None and claim(outcome.id, outcome.line, f"outcomes[{index}]"):
            outcomes.append(outcome)
    if len(errors) > count or None in (flow_id, title, start):
        return None
    flow = Flow(flow_id, title, intro, start, tuple(questions), tuple(outcomes), path, root.line)
    errors.extend(check_graph(flow, reader.line_of("start")))
    return flow if len(errors) == count else None


def _read_question(node, path: str, key_path: str, errors: list) -> Question | None:
    count = len(errors)
    reader = MappingReader(node, path, key_path, QUESTION_FIELDS, errors, "質問")
    if not reader.ok:
        return None
    question_id, text, help_text = reader.string("id"), reader.string("question"), reader.string("help")
    answers = []
    seen: dict = {}
    for index, entry in enumerate(reader.sequence("answers", allow_empty=False), start=1):
        label = f"{key_path}.answers[{index}]"
        answer_reader = MappingReader(entry, path, label, ANSWER_FIELDS, errors, "答え")
        if not answer_reader.ok:
            continue
        answer_id, answer_label, target = (answer_reader.string(n) for n in ("id", "label", "next"))
        if None in (answer_id, answer_label, target):
            continue
        if answer_id in seen:
            errors.append(DataError(SourceLocation(path, entry.line),
                                    f"{label}.id: 答えの id「{answer_id}」がこの質問の中で重複しています（{seen[answer_id]}行目にもあります）", rules.DUPLICATE_ENTRY))
            continue
        seen[answer_id] = entry.line
        answers.append(Answer(answer_id, answer_label, target, answer_reader.line_of("next")))
    if len(errors) > count or None in (question_id, text):
        return None
    return Question(question_id, text, help_text.strip() if help_text else None, tuple(answers), node.line)


def _read_outcome(node, path: str, key_path: str, errors: list) -> Outcome | None:
    count = len(errors)
    reader = MappingReader(node, path, key_path, OUTCOME_FIELDS, errors, "結果")
    if not reader.ok:
        return None
    outcome_id, title, summary, checklist = (reader.string(n) for n in ("id", "title", "summary", "checklist"))
    profile = []
    raw = reader.raw("profile")
    if raw is not None:
        if not isinstance(raw, YamlMapping):
            errors.append(DataError(SourceLocation(path, raw.line),
                                    f"{key_path}.profile: 「質問 ID: 選択肢 ID」の形で書いてください。例: profile: {{keitai: kyosai}}", rules.FLOW_PROFILE_FORM))
        else:
            for key, value in raw.entries.items():
                if not isinstance(value, YamlScalar) or not isinstance(value.value, str) or not value.value.strip():
                    errors.append(DataError(SourceLocation(path, raw.key_lines[key]),
                                            f"{key_path}.profile.{key}: 選択肢 ID を1つ、文字列で書いてください", rules.FLOW_PROFILE_FORM))
                    continue
                profile.append((key, value.value.strip(), raw.key_lines[key]))
    if len(errors) > count or None in (outcome_id, title, summary, checklist):
        return None
    return Outcome(outcome_id, title, summary.strip(), checklist, tuple(profile), node.line)


def check_graph(flow: Flow, start_line: int) -> list:
    """Dangling answers, unreachable nodes and cycles, each at the line an editor must change."""
    errors = []
    ids = [n.id for n in (*flow.questions, *flow.outcomes)]
    questions = {q.id: q for q in flow.questions}
    path = flow.path
    if flow.start not in questions:
        hint = did_you_mean(flow.start, questions)
        errors.append(DataError(SourceLocation(path, start_line),
                                f"start: 質問「{flow.start}」がありません{hint}。start には最初に尋ねる質問の id を書いてください", rules.FLOW_UNKNOWN_START))
        return errors
    dangling = False
    for q_index, question in enumerate(flow.questions, start=1):
        for a_index, answer in enumerate(question.answers, start=1):
            if flow.node(answer.next) is None:
                dangling = True
                errors.append(DataError(SourceLocation(path, answer.line),
                                        f"questions[{q_index}].answers[{a_index}].next: 質問または結果「{answer.next}」がありません"
                                        f"{did_you_mean(answer.next, ids)}。使える id: {'、'.join(ids)}", rules.FLOW_UNKNOWN_NEXT))
    if dangling:
        return errors  # reachability and cycles are meaningless over missing targets
    # Iterative depth-first search: a grey node met again closes a cycle, reported at the
    # answer that leads back, which is the line to change.
    state: dict = {}
    stack = [(flow.start, 0)]
    trail: list = []
    while stack:
        node_id, next_index = stack.pop()
        if next_index == 0:
            state[node_id] = "grey"
            trail.append(node_id)
        question = questions.get(node_id)
        answers = question.answers if question else ()
        if next_index < len(answers):
            stack.append((node_id, next_index + 1))
            answer = answers[next_index]
            target = answer.next
            if state.get(target) == "grey":
                loop = trail[trail.index(target):] + [target]
                q_index = flow.questions.index(question) + 1
                errors.append(DataError(SourceLocation(path, answer.line),
                                        f"questions[{q_index}].answers[{next_index + 1}].next: 前の質問「{target}」に戻るため、"
                                        f"質問が循環しています（{' → '.join(loop)}）。結果か、まだ尋ねていない質問に進めてください", rules.FLOW_LOOP))
            elif target not in state:
                stack.append((target, 0))
        else:
            state[node_id] = "black"
            trail.pop()
    for kind, nodes in (("questions", flow.questions), ("outcomes", flow.outcomes)):
        for index, node in enumerate(nodes, start=1):
            if node.id not in state:
                errors.append(DataError(SourceLocation(path, node.line),
                                        f"{kind}[{index}]: 「{node.id}」には最初の質問からたどり着けません。"
                                        f"どこかの答えの next に「{node.id}」を書くか、削除してください", rules.FLOW_UNREACHABLE))
    if not errors:
        errors.extend(_check_size(flow, questions, start_line))
    return errors


# Every path from the start is a page of its own (chooser/<flow>/<answer>/<answer>/…/), so the
# number of pages grows with the product of the answers: 16 yes/no questions that all lead on
# make 65,536 pages. The limits keep the build short and every page path well inside what file
# systems and file shares accept (Windows: 260 characters for the whole path).
MAX_FLOW_PAGES = 500
MAX_STEP_PATH = 150  # characters of chooser/<flow>/<answer>/…/index.html


def _check_size(flow: Flow, questions: dict, start_line: int) -> list:
    """Pages the flow pre-renders and the longest page path, computed over the (acyclic) graph
    without walking the paths."""
    pages: dict = {}
    longest: dict = {}  # characters of "<answer>/…/" from the node to its deepest outcome
    stack = [(flow.start, False)]
    while stack:
        node_id, expanded = stack.pop()
        if node_id in pages:
            continue
        question = questions.get(node_id)
        if question is None:
            pages[node_id], longest[node_id] = 1, 0
        elif expanded:
            pages[node_id] = 1 + sum(pages[a.next] for a in question.answers)
            longest[node_id] = max(len(a.id) + 1 + longest[a.next] for a in question.answers)
        else:
            stack.append((node_id, True))
            stack += [(a.next, False) for a in question.answers if a.next not in pages]
    errors = []
    count = pages[flow.start]
    if count > MAX_FLOW_PAGES:
        errors.append(DataError(SourceLocation(flow.path, start_line),
                                f"この流れから作るページ（答えの道筋ごとに1ページ）が {count} ページになり、上限（{MAX_FLOW_PAGES} ページ）を超えます。"
                                "どの答えからも同じ次の質問に進むときは質問を分け直すか、結果に進む答えを増やして、組み合わせを減らしてください", rules.FLOW_TOO_MANY_PAGES))
    length = len(f"chooser/{flow.id}/") + longest[flow.start] + len("index.html")
    if length > MAX_STEP_PATH:
        errors.append(DataError(SourceLocation(flow.path, start_line),
                                f"最も長い答えの道筋のページのパスが {length} 文字になり、上限（{MAX_STEP_PATH} 文字）を超えます。"
                                "答えの id を短くするか、質問の段数を減らしてください", rules.FLOW_PATH_TOO_LONG))
    return errors


def check_outcome_links(flow: Flow, checklists: list) -> list:
    """Outcomes must open an existing checklist, filtered by options it really has."""
    errors = []
    by_id = {c.id: c for c in checklists}
    for index, outcome in enumerate(flow.outcomes, start=1):
        label = f"outcomes[{index}]"
        checklist = by_id.get(outcome.checklist)
        if checklist is None:
            errors.append(DataError(SourceLocation(flow.path, outcome.line),
                                    f"{label}.checklist: チェックリスト「{outcome.checklist}」がありません"
                                    f"{did_you_mean(outcome.checklist, by_id)}。checklists/ にあるファイルの id を書いてください", rules.FLOW_UNKNOWN_CHECKLIST))
            continue
        questions = {q.id: q for q in checklist.profile}
        for question_id, option_id, line in outcome.profile:
            question = questions.get(question_id)
            if question is None:
                known = "、".join(questions) or "（profile がありません）"
                errors.append(DataError(SourceLocation(flow.path, line),
                                        f"{label}.profile.{question_id}: チェックリスト「{checklist.id}」に質問「{question_id}」はありません"
                                        f"{did_you_mean(question_id, questions)}。使える質問: {known}", rules.FLOW_UNKNOWN_QUESTION))
            elif question.option(option_id) is None:
                known = "、".join(f"{o.id}（{o.label}）" for o in question.options)
                errors.append(DataError(SourceLocation(flow.path, line),
                                        f"{label}.profile.{question_id}: 質問「{question_id}」に選択肢「{option_id}」はありません"
                                        f"{did_you_mean(option_id, [o.id for o in question.options])}。使える選択肢: {known}", rules.FLOW_UNKNOWN_OPTION))
    return errors


@dataclass(frozen=True)
class Step:
    """One pre-rendered page: the answers given so far and the node they lead to."""
    answers: tuple  # of (Question, Answer)
    node: object  # Question or Outcome

    @property
    def slug_path(self) -> tuple:
        return tuple(answer.id for _, answer in self.answers)


def walk_steps(flow: Flow) -> list:
    """Every path from the start, in order; finite because the graph has no cycles."""
    steps = []
    pending = [Step((), flow.node(flow.start))]
    while pending:
        step = pending.pop(0)
        steps.append(step)
        if isinstance(step.node, Question):
            for answer in step.node.answers:
                pending.append(Step(step.answers + ((step.node, answer),), flow.node(answer.next)))
    return steps
