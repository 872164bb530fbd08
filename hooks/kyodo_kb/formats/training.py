"""Training paths (training/*.yml): an ordered selection of guideline sections and cautions,
each with its learning goal, and self-check questions tied to a caution and a provision.

Each question records the fingerprint of what it was written from (the caution's text and the
text of the provisions it cites). The loader checks only that the fingerprint is well formed;
`make lint` compares it with the current content, so a question whose caution or provision
changed later is flagged at its line instead of going stale silently.
"""
from __future__ import annotations

from dataclasses import dataclass
import hashlib
import json
from pathlib import Path

from kyodo_kb.formats.checklist import Citation
from kyodo_kb.formats.citations import CitationError, CitationResolver, ProvisionRef
from kyodo_kb.sources import rules
from kyodo_kb.sources.errors import DataError, SourceLocation, did_you_mean, unexpected_error
from kyodo_kb.sources.field_specs import FieldSpec, ITEM_ID_PATTERN, MappingReader, SLUG_PATTERN
from kyodo_kb.sources.markdown_headings import GuidelineSections
from kyodo_kb.sources.yaml_source import YamlSequence, load_yaml_file

TRAINING_DIR = "training"
FINGERPRINT_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{8}$"
# The committee's 新採用 course is short (about 30 minutes): a path for new staff keeps to this.
NEW_STAFF_AUDIENCE = "新採用"
NEW_STAFF_MAX_STEPS = 20
MIN_CHOICES, MAX_CHOICES = 2, 5

PATH_FIELDS = [
    FieldSpec("id", "slug", True, "研修の道筋の識別子です（半角英小文字・数字・ハイフン）。ページの URL（training/<id>/）になります", SLUG_PATTERN, "shinsaiyo"),
    FieldSpec("title", "line", True, "道筋の題名です", example="新採用職員のための協働の基本"),
    FieldSpec("audience", "line", True, f"対象の職員です。「{NEW_STAFF_AUDIENCE}」を含むときは、ステップを{NEW_STAFF_MAX_STEPS}件までにします", example="新採用職員"),
    FieldSpec("minutes", "integer", True, "学ぶのにかかる時間の目安（分）です", example="30"),
    FieldSpec("summary", "markdown", False, "道筋の説明です（Markdown）"),
    FieldSpec("steps", "list", True, "順に学ぶステップのリストです（それぞれ section か caution のどちらか1つと goal）"),
    FieldSpec("questions", "list", False, "理解を確かめる問い（セルフチェック）のリストです"),
]
STEP_FIELDS = [
    FieldSpec("id", "item_id", True, "ステップの識別子です（道筋の中で一意）。ページ内のアンカーになります", ITEM_ID_PATTERN, "s01"),
    FieldSpec("section", "line", False, "読むガイドラインの節です（docs/ からのページと見出しのアンカー）", example="guideline/keitai.md#erabikata"),
    FieldSpec("caution", "item_id", False, "読む留意事項の項目 ID です", ITEM_ID_PATTERN, "KK-01"),
    FieldSpec("goal", "line", True, "このステップで身につけること（学習目標）です", example="協働の形態の違いを説明できる"),
]
QUESTION_FIELDS = [
    FieldSpec("id", "item_id", True, "問いの識別子です（道筋の中で一意）", ITEM_ID_PATTERN, "q01"),
    FieldSpec("question", "line", True, "問いの文です（否定の形は避け、「正しいものはどれですか」のように書きます）", example="後援について正しいものはどれですか"),
    FieldSpec("choices", "string_list", True, f"選択肢のリストです（{MIN_CHOICES}〜{MAX_CHOICES}件）", example="[…, …, …]"),
    FieldSpec("answer", "integer", True, "正しい選択肢の番号です（choices の1件目が 1）", example="2"),
    FieldSpec("explanation", "markdown", True, "解説です（Markdown）。留意事項と根拠へのリンクはページで自動的に付きます"),
    FieldSpec("caution", "item_id", True, "この問いのもとになった留意事項の項目 ID です", ITEM_ID_PATTERN, "KB-04"),
    FieldSpec("basis", "string_list", True, "根拠となる条例の規定です（チェックリストの basis と同じ書き方）", example="[自治基本条例第26条第1項]"),
    FieldSpec("fingerprint", "line", True, "問いを書いたときの留意事項と規定の指紋です。make lint が現在の値を示します", FINGERPRINT_PATTERN, "1a2b3c4d-5e6f7a8b"),
]


@dataclass(frozen=True)
class TrainingStep:
    id: str
    goal: str
    line: int
    caution: str | None = None  # item id
    page: str | None = None  # docs-relative Markdown source, e.g. guideline/keitai.md
    anchor: str | None = None
    section_title: str | None = None
    page_title: str | None = None  # the page's first-level heading


@dataclass(frozen=True)
class TrainingQuestion:
    id: str
    question: str
    choices: tuple  # of str
    answer: int  # 1-based
    explanation: str
    caution: str
    basis: tuple  # of checklist.Citation
    fingerprint: str
    line: int
    fingerprint_line: int

    @property
    def correct_choice(self) -> str:
        return self.choices[self.answer - 1]


@dataclass(frozen=True)
class TrainingPath:
    id: str
    title: str
    audience: str
    minutes: int
    summary: str | None
    steps: tuple  # of TrainingStep
    questions: tuple  # of TrainingQuestion
    path: str
    line: int

    @property
    def page_src(self) -> str:
        return f"{TRAINING_DIR}/{self.id}.md"

    @property
    def handout_src(self) -> str:
        return f"{TRAINING_DIR}/{self.id}/handout.md"


def _digest(data) -> str:
    encoded = json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()[:8]


def caution_fingerprint(item) -> str:
    """What a question about this caution depends on: its question, text and basis."""
    return _digest([item.id, item.check, item.caution, [c.ref.label for c in item.basis]])


def provision_text(ordinance, ref: ProvisionRef) -> list:
    article = ordinance.article(ref.article)
    paragraphs = article.paragraphs if ref.paragraph is None else (article.paragraph(ref.paragraph),)
    text = []
    for paragraph in paragraphs:
        items = paragraph.items if ref.item is None else (paragraph.item(ref.item),)
        if ref.item is None:
            text.append(paragraph.text)
        text += [item.text for item in items]
    return text


def provisions_fingerprint(ordinances: list, refs) -> str:
    by_id = {o.id: o for o in ordinances}
    return _digest([[ref.label, provision_text(by_id[ref.ordinance_id], ref)] for ref in refs])


def question_fingerprint(item, ordinances: list, refs) -> str:
    return f"{caution_fingerprint(item)}-{provisions_fingerprint(ordinances, refs)}"


def load_training_path(path: Path, display_path: str, resolver: CitationResolver, item_ids: set,
                       sections: GuidelineSections, errors: list) -> TrainingPath | None:
    try:
        loaded = load_yaml_file(path, display_path)
        errors.extend(loaded.errors)
        if loaded.root is None:
            return None
        return read_training_path(loaded.root, display_path, resolver, item_ids, sections, errors)
    except Exception as exc:  # never a traceback for editors: report it against the file
        errors.append(unexpected_error(display_path, exc))
        return None


def read_training_path(root, path: str, resolver: CitationResolver, item_ids: set,
                       sections: GuidelineSections, errors: list) -> TrainingPath | None:
    count = len(errors)
    reader = MappingReader(root, path, "", PATH_FIELDS, errors, "研修の道筋の内容")
    if not reader.ok:
        return None
    path_id, title, audience, summary = (reader.string(n) for n in ("id", "title", "audience", "summary"))
    minutes = reader.integer("minutes")
    if minutes is not None and not 1 <= minutes <= 600:
        errors.append(DataError(SourceLocation(path, reader.line_of("minutes")),
                                f"minutes: {minutes} 分は目安として使えません。1〜600 の分数で書いてください", rules.TRAINING_MINUTES))
    context = _Context(path, item_ids, errors)
    steps = []
    for index, node in enumerate(reader.sequence("steps", allow_empty=False), start=1):
        step = _read_step(node, f"steps[{index}]", context, sections)
        if step is not None and context.claim("steps", step.id, step.line, index):
            steps.append(step)
    if audience and NEW_STAFF_AUDIENCE in audience and len(steps) > NEW_STAFF_MAX_STEPS:
        errors.append(DataError(SourceLocation(path, reader.line_of("steps")),
                                f"steps: {NEW_STAFF_AUDIENCE}の道筋のステップは{NEW_STAFF_MAX_STEPS}件までです（{len(steps)}件あります）。"
                                "短く分けるか、別の道筋にしてください", rules.TRAINING_TOO_MANY_STEPS))
    questions = []
    for index, node in enumerate(reader.sequence("questions"), start=1):
        question = _read_question(node, f"questions[{index}]", context, resolver)
        if question is not None and context.claim("questions", question.id, question.line, index):
            questions.append(question)
    if len(errors) > count or None in (path_id, title, audience, minutes):
        return None
    return TrainingPath(path_id, title, audience, minutes, summary, tuple(steps), tuple(questions), path, root.line)


class _Context:
    def __init__(self, path: str, item_ids: set, errors: list):
        self.path, self.item_ids, self.errors = path, item_ids, errors
        self.seen: dict = {}

    def _error(self, line: int, message: str, rule: str) -> None:
        self.errors.append(DataError(SourceLocation(self.path, line), message, rule))

    def claim(self, kind: str, entry_id: str, line: int, index: int) -> bool:
        key = (kind, entry_id)
        if key in self.seen:
            self._error(line, f"{kind}[{index}].id: ID「{entry_id}」は{self.seen[key]}行目でも使われています。別の ID にしてください", rules.DUPLICATE_ENTRY)
            return False
        self.seen[key] = line
        return True

    def caution(self, reader: MappingReader, label: str) -> str | None:
        item_id = reader.string("caution")
        if item_id is not None and item_id not in self.item_ids:
            self._error(reader.line_of("caution"),
                       f"{label}.caution: 留意事項「{item_id}」はどのチェックリストにもありません{did_you_mean(item_id, self.item_ids)}。"
                       "checklists/*.yml の項目 ID を書いてください", rules.TRAINING_UNKNOWN_CAUTION)
            return None
        return item_id


def _read_step(node, label: str, context: _Context, sections: GuidelineSections) -> TrainingStep | None:
    count = len(context.errors)
    reader = MappingReader(node, context.path, label, STEP_FIELDS, context.errors, "ステップ")
    if not reader.ok:
        return None
    step_id, goal, section = reader.string("id"), reader.string("goal"), reader.string("section")
    caution = context.caution(reader, label)
    if reader.has("section") == reader.has("caution"):
        context._error(node.line, f"{label}: section（ガイドラインの節）か caution（留意事項の項目 ID）のどちらか1つを書いてください", rules.TRAINING_STEP_TARGET)
        return None
    page = anchor = heading_title = page_title = None
    if section is not None:
        page, _, anchor = section.partition("#")
        headings = sections.headings(page)
        if headings is None:
            context._error(reader.line_of("section"),
                          f"{label}.section: ページ「{page}」は docs/ にありません。docs/ からの位置で書いてください（例: guideline/keitai.md#erabikata）", rules.TRAINING_UNKNOWN_PAGE)
            return None
        heading = sections.heading(page, anchor) if anchor else None
        if heading is None:
            known = [h.anchor for h in headings if h.level >= 2]
            hint = did_you_mean(anchor, known) if anchor else ""
            context._error(reader.line_of("section"),
                          f"{label}.section: {page} に見出しのアンカー「#{anchor}」がありません{hint}。"
                          f"使えるアンカー: {'、'.join(known)}", rules.TRAINING_UNKNOWN_ANCHOR)
            return None
        heading_title = heading.title
        page_title = next((h.title for h in headings if h.level == 1), None)
    if len(context.errors) > count or None in (step_id, goal):
        return None
    return TrainingStep(step_id, goal, node.line, caution, page, anchor, heading_title, page_title)


def _read_question(node, label: str, context: _Context, resolver: CitationResolver) -> TrainingQuestion | None:
    count = len(context.errors)
    reader = MappingReader(node, context.path, label, QUESTION_FIELDS, context.errors, "問い")
    if not reader.ok:
        return None
    question_id, text, explanation, fingerprint = (reader.string(n) for n in ("id", "question", "explanation", "fingerprint"))
    caution = context.caution(reader, label)
    choices = [choice for choice, _ in reader.string_list("choices")]
    if reader.has("choices") and not MIN_CHOICES <= len(choices) <= MAX_CHOICES and len(context.errors) == count:
        context._error(reader.line_of("choices"),
                      f"{label}.choices: 選択肢は{MIN_CHOICES}〜{MAX_CHOICES}件にしてください（{len(choices)}件あります）", rules.TRAINING_CHOICE_COUNT)
    duplicates = sorted({c for c in choices if choices.count(c) > 1})
    if duplicates:
        context._error(reader.line_of("choices"), f"{label}.choices: 同じ選択肢「{duplicates[0]}」が2回あります。書き分けてください", rules.DUPLICATE_ENTRY)
    answer = reader.integer("answer")
    if answer is not None and choices and not 1 <= answer <= len(choices):
        context._error(reader.line_of("answer"),
                      f"{label}.answer: {answer} 番の選択肢はありません。1〜{len(choices)} の番号で書いてください", rules.TRAINING_ANSWER_RANGE)
    basis = []
    entries = reader.string_list("basis")
    for index, (citation, line) in enumerate(entries, start=1):
        try:
            basis.append(Citation(citation, resolver.resolve(citation), line))
        except CitationError as exc:
            context._error(line, f"{label}.basis[{index}]: {exc}", exc.rule)
    raw_basis = reader.raw("basis")
    if isinstance(raw_basis, YamlSequence) and not raw_basis.items:
        context._error(reader.line_of("basis"), f"{label}.basis: 根拠の規定を1件以上書いてください", rules.TRAINING_NO_BASIS)
    if len(context.errors) > count or None in (question_id, text, explanation, fingerprint, caution, answer):
        return None
    return TrainingQuestion(question_id, text, tuple(choices), answer, explanation.strip(), caution, tuple(basis),
                            fingerprint, node.line, reader.line_of("fingerprint"))
