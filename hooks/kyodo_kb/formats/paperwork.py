"""Paperwork sheets (paperwork/*.yml): the role-sharing table (役割分担表), what an agreement
should contain (協定書に書くこと) and the evaluation sheet (振り返り（評価）シート).

Each sheet is data: its rows (matters, criteria) name the cautions that ask about them, the
ordinance provisions behind them and where their content comes from. Staff fill the sheets in
the browser (paperwork.js); nothing here is clause text of an agreement.

Sources are written like a caution's (kyodo_kb.formats.provenance: the closed list of kinds seed,
chigasaki, other with body, youkakunin with confirm and shokan), and an entry whose text says 要確認
names what to confirm in a youkakunin source (the editors' register lists it), and the reverse.

Three files, each optional: paperwork/role-table.yml, paperwork/agreement.yml,
paperwork/evaluation.yml. Cross-file rules (caution ids exist in a checklist, form ids are
options of the form question, linked checklists exist) are checked once the checklists are
known to be valid.
"""
from __future__ import annotations

from dataclasses import dataclass
import hashlib
import json
from pathlib import Path

from kyodo_kb.formats.checklist import Citation
from kyodo_kb.formats.citations import CitationError, CitationResolver
from kyodo_kb.formats.provenance import check_youkakunin_marks, read_source, read_sources
from kyodo_kb.sources import rules
from kyodo_kb.sources.errors import DataError, SourceLocation, did_you_mean, unexpected_error
from kyodo_kb.sources.field_specs import FieldSpec, MappingReader, SLUG_PATTERN
from kyodo_kb.sources.yaml_source import YamlMapping, YamlScalar, YamlSequence, load_yaml_file

PAPERWORK_DIR = "paperwork"
# The chosen form of collaboration is the answer to this profile question of this checklist
# (the chooser's outcomes set it; decision.js keeps it in the browser).
FORM_CHECKLIST, FORM_QUESTION = "keitai-betsu", "keitai"
WHO = {"shi": "市", "aite": "相手方", "kyodo": "共同"}

_COMMON = [
    FieldSpec("title", "line", True, "シートの題名です", example="役割分担表"),
    FieldSpec("intro", "markdown", True, "シートの使い方と、内容の出典の説明です（Markdown）"),
    FieldSpec("checklists", "string_list", False, "このシートへの案内を表示するチェックリストの id のリストです", example="[kyotei]"),
]
_ENTRY_REFS = [
    FieldSpec("cautions", "string_list", False, "この行について尋ねている留意事項の項目 ID のリストです（どのチェックリストの項目でもかまいません）", example="[KT-03, KB-02]"),
    FieldSpec("sources", "list", True, "内容の出典のリストです（留意事項の sources と同じ書き方: kind と、種類に応じて title・body・confirm・shokan）",
              example="[{kind: other, body: 狭山市, title: 協働提案シート（行政提案型）}]"),
]

ROLE_TABLE_FIELDS = _COMMON + [FieldSpec("rows", "list", True, "役割分担表の行（分担する事柄）のリストです")]
ROLE_ROW_FIELDS = [
    FieldSpec("id", "slug", True, "行の識別子です（半角英小文字・数字・ハイフン）。ブラウザに保存する記入の鍵になるので、公開後は変えません", SLUG_PATTERN, "keihi"),
    FieldSpec("name", "line", True, "分担する事柄の名前です", example="経費"),
    FieldSpec("question", "line", True, "この行で決めることを、問いの形で書きます", example="どの費用を、どちらが負担しますか"),
    *_ENTRY_REFS,
    FieldSpec("basis", "string_list", False, "根拠となる条例の規定のリストです（チェックリストの basis と同じ書き方）", example="市民活動推進条例第9条第3項"),
    FieldSpec("suggestions", "list", False, "協働の形態ごとの担い手の提案です（出典があるものだけ。form, who, source）"),
    FieldSpec("note", "markdown", False, "行の補足です（Markdown）"),
]
SUGGESTION_FIELDS = [
    FieldSpec("form", "slug", True, "協働の形態の id です（チェックリスト keitai-betsu の質問 keitai の選択肢）", SLUG_PATTERN, "kyosai"),
    FieldSpec("who", "slug", True, "提案する担い手です: shi（市）、aite（相手方）、kyodo（共同）", SLUG_PATTERN, "kyodo"),
    FieldSpec("source", "mapping", True, "この提案の出典です（kind と、種類に応じて title・body・confirm・shokan。留意事項の sources の1件と同じ書き方）",
              example="{kind: other, body: 市川三郷町, title: 共催・後援・協力の違い}"),
]

AGREEMENT_FIELDS = _COMMON + [
    FieldSpec("kakunin", "markdown", True, "茅ヶ崎市の様式がわからないことなど、シート全体の要確認の事項です（Markdown）"),
    FieldSpec("matters", "list", True, "協定書に書く事柄のリストです"),
]
MATTER_FIELDS = [
    FieldSpec("id", "slug", True, "事柄の識別子です（半角英小文字・数字・ハイフン）。公開後は変えません", SLUG_PATTERN, "mokuteki"),
    FieldSpec("name", "line", True, "事柄の名前（見出し）です", example="目的"),
    FieldSpec("questions", "string_list", True, "この事柄について、相手方と決めて書面に残すことを問いの形で書きます（条文の案は書きません）", example="事業の目的を、市と相手方の言葉で書いているか"),
    *_ENTRY_REFS,
    FieldSpec("basis", "string_list", False, "根拠となる条例の規定のリストです（チェックリストの basis と同じ書き方）", example="市民活動推進条例第9条第1項第1号"),
    FieldSpec("forms", "string_list", False, "この事柄を示す協働の形態の id のリストです（書かなければすべての形態）", example="[kyosai, jikko]"),
    FieldSpec("form_notes", "list", False, "形態ごとの補足です（form と note）"),
    FieldSpec("kakunin", "markdown", False, "この事柄についての要確認の事項です（Markdown）"),
]
FORM_NOTE_FIELDS = [
    FieldSpec("form", "slug", True, "協働の形態の id です", SLUG_PATTERN, "itaku"),
    FieldSpec("note", "line", True, "その形態での補足です（出典を括弧で添えます）", example="委託では成果が市に帰属するとする資料があります（自治体名は未確認）"),
]

EVALUATION_FIELDS = _COMMON + [
    FieldSpec("scale", "markdown", True, "5段階の評点の説明です（Markdown）"),
    FieldSpec("disclosure", "markdown", True, "振り返りの結果の公開についての説明です（Markdown）"),
    FieldSpec("disclosure_basis", "string_list", True, "公開の根拠となる条例の規定です。シートに条文を載せます", example="市民活動推進条例第9条第1項第4号"),
    FieldSpec("criteria", "list", True, "評価の項目のリストです"),
]
CRITERION_FIELDS = [
    FieldSpec("id", "slug", True, "評価の項目の識別子です（半角英小文字・数字・ハイフン）。公開後は変えません", SLUG_PATTERN, "sojo-koka"),
    FieldSpec("name", "line", True, "評価の項目の名前です", example="相乗効果"),
    FieldSpec("question", "line", True, "市と相手方がそれぞれ答える問いです", example="市だけ、相手方だけで行うより大きな効果があったか"),
    *_ENTRY_REFS,
    FieldSpec("basis", "string_list", False, "根拠となる条例の規定のリストです", example="市民活動推進条例第9条第2項"),
    FieldSpec("note", "markdown", False, "項目の補足です（Markdown）"),
]

SCALE = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Ref:
    """An id or text as the editor wrote it, with its line."""
    text: str
    line: int


@dataclass(frozen=True)
class Suggestion:
    form: str
    who: str
    source: object  # provenance.Source
    line: int
    form_line: int


@dataclass(frozen=True)
class RoleRow:
    id: str
    name: str
    question: str
    cautions: tuple  # of Ref
    sources: tuple  # of provenance.Source
    suggestions: tuple  # of Suggestion
    note: str | None
    line: int
    basis: tuple = ()  # of checklist.Citation


@dataclass(frozen=True)
class FormNote:
    form: str
    note: str
    line: int


@dataclass(frozen=True)
class Matter:
    id: str
    name: str
    questions: tuple  # of str
    cautions: tuple  # of Ref
    sources: tuple  # of provenance.Source
    basis: tuple  # of checklist.Citation
    forms: tuple  # of Ref; empty = every form
    form_notes: tuple  # of FormNote
    kakunin: str | None
    line: int

    def applies_to(self, form: str | None) -> bool:
        return not self.forms or form is None or any(ref.text == form for ref in self.forms)


@dataclass(frozen=True)
class Criterion:
    id: str
    name: str
    question: str
    cautions: tuple  # of Ref
    sources: tuple  # of provenance.Source
    basis: tuple  # of checklist.Citation
    note: str | None
    line: int


@dataclass(frozen=True)
class Sheet:
    kind: str  # role-table | agreement | evaluation
    title: str
    intro: str
    checklists: tuple  # of Ref
    entries: tuple  # of RoleRow | Matter | Criterion
    path: str
    line: int
    kakunin: str | None = None  # agreement
    scale: str | None = None  # evaluation
    disclosure: str | None = None  # evaluation
    disclosure_basis: tuple = ()  # evaluation, of checklist.Citation
    text_lines: tuple = ()  # (field name, line of its key) of the sheet's own texts (intro, kakunin, scale, disclosure)

    @property
    def page_src(self) -> str:
        return f"{PAPERWORK_DIR}/{self.kind}.md"

    @property
    def version(self) -> str:
        """A short hash of the ids the browser keys its notes by (not of the wording, so a
        reworded row keeps what staff wrote)."""
        data = [self.kind, [entry.id for entry in self.entries]]
        return hashlib.sha256(json.dumps(data).encode("utf-8")).hexdigest()[:12]


# file name (without .yml) -> (top-level fields, entry list key, entry fields, what an entry is)
SHEETS = {
    "role-table": (ROLE_TABLE_FIELDS, "rows", ROLE_ROW_FIELDS, "役割分担表の行"),
    "agreement": (AGREEMENT_FIELDS, "matters", MATTER_FIELDS, "協定書に書く事柄"),
    "evaluation": (EVALUATION_FIELDS, "criteria", CRITERION_FIELDS, "評価の項目"),
}
SHEET_WHAT = {"role-table": "役割分担表の内容", "agreement": "協定書に書くことの内容", "evaluation": "振り返りシートの内容"}


def load_paperwork(root: Path, resolver: CitationResolver, errors: list) -> tuple:
    """The sheets found in paperwork/ (in the order of SHEETS); unknown file names are errors."""
    directory = root / PAPERWORK_DIR
    if not directory.is_dir():
        return ()
    sheets = []
    for path in sorted(p for p in directory.iterdir() if p.is_file() and p.suffix in (".yml", ".yaml")):
        display = f"{PAPERWORK_DIR}/{path.name}"
        if path.stem not in SHEETS or path.suffix != ".yml":
            errors.append(DataError(SourceLocation(display, 0),
                                    f"{path.name}: このフォルダに置けるのは {'、'.join(n + '.yml' for n in SHEETS)} だけです"
                                    f"{did_you_mean(path.stem, SHEETS)}。ファイル名を直してください", rules.PAPERWORK_UNKNOWN_FILE))
            continue
        try:
            loaded = load_yaml_file(path, display)
            errors.extend(loaded.errors)
            if loaded.root is not None:
                sheet = read_sheet(path.stem, loaded.root, display, resolver, errors)
                if sheet is not None:
                    sheets.append(sheet)
        except Exception as exc:  # never a traceback for editors
            errors.append(unexpected_error(display, exc))
    order = list(SHEETS)
    return tuple(sorted(sheets, key=lambda s: order.index(s.kind)))


def read_sheet(kind: str, root, path: str, resolver: CitationResolver, errors: list) -> Sheet | None:
    fields, list_key, entry_fields, _ = SHEETS[kind]
    reader = MappingReader(root, path, "", fields, errors, SHEET_WHAT[kind])
    if not reader.ok:
        return None
    title, intro = reader.string("title"), reader.string("intro")
    checklists = tuple(Ref(text, line) for text, line in reader.string_list("checklists"))
    extra = {}
    if kind == "agreement":
        extra["kakunin"] = reader.string("kakunin")
    if kind == "evaluation":
        extra["scale"] = reader.string("scale")
        extra["disclosure"] = reader.string("disclosure")
        extra["disclosure_basis"] = _citations(reader, "disclosure_basis", "disclosure_basis", path, resolver, errors)
    entries = []
    seen: dict = {}
    for index, node in enumerate(reader.sequence(list_key, allow_empty=False), start=1):
        key_path = f"{list_key}[{index}]"
        entry = _read_entry(kind, node, path, key_path, entry_fields, resolver, errors)
        if entry is None:
            continue
        if entry.id in seen:
            errors.append(DataError(SourceLocation(path, entry.line),
                                    f"{key_path}.id: id「{entry.id}」は{seen[entry.id]}行目でも使われています。別の id にしてください", rules.DUPLICATE_ENTRY))
            continue
        seen[entry.id] = entry.line
        entries.append(entry)
    # A sheet with errors of its own is still returned (the load fails anyway): its ids are
    # checked against the checklists too, so one run reports every problem.
    extra = {k: (v.strip() if isinstance(v, str) else v) for k, v in extra.items()}
    extra["text_lines"] = tuple((name, reader.line_of(name)) for name in ("intro", "kakunin", "scale", "disclosure")
                                if reader.has(name))
    return Sheet(kind, (title or ""), (intro or "").strip(), checklists, tuple(entries), path, root.line, **extra)


def _citations(reader: MappingReader, name: str, key_path: str, path: str, resolver: CitationResolver,
               errors: list) -> tuple:
    basis = []
    for index, (text, line) in enumerate(reader.string_list(name), start=1):
        try:
            basis.append(Citation(text, resolver.resolve(text), line))
        except CitationError as exc:
            errors.append(DataError(SourceLocation(path, line), f"{key_path}[{index}]: {exc}", exc.rule))
    return tuple(basis)


def _read_entry(kind: str, node, path: str, key_path: str, fields: list, resolver: CitationResolver, errors: list):
    reader = MappingReader(node, path, key_path, fields, errors, SHEETS[kind][3])
    if not reader.ok:
        return None
    entry_id, name = reader.string("id"), reader.string("name")
    cautions = tuple(Ref(text, line) for text, line in reader.string_list("cautions"))
    count = len(errors)
    raw_sources = reader.raw("sources")
    sources = read_sources(raw_sources, path, f"{key_path}.sources", errors)
    if isinstance(raw_sources, YamlSequence) and not raw_sources.items and len(errors) == count:
        errors.append(DataError(SourceLocation(path, reader.line_of("sources")),
                                f"{key_path}.sources: 空のリストです。内容の出典を少なくとも1件書いてください", rules.FIELD_EMPTY_LIST))
    basis = _citations(reader, "basis", f"{key_path}.basis", path, resolver, errors)
    if reader.has("sources"):
        # 要確認 in the entry's own words and a youkakunin source go together (as in a caution)
        check_youkakunin_marks(_entry_words(reader), sources, path, key_path, reader.line_of("sources"), errors,
                               where="この" + SHEETS[kind][3] + "の本文")
    if kind == "role-table":
        question, note = reader.string("question"), reader.string("note")
        suggestions = _suggestions(reader, path, key_path, errors)
        if None in (entry_id, name, question):
            return None
        return RoleRow(entry_id, name, question, cautions, sources, suggestions, note.strip() if note else None, node.line,
                       basis)
    if kind == "agreement":
        count = len(errors)
        questions = tuple(text for text, _ in reader.string_list("questions"))
        if reader.has("questions") and not questions and len(errors) == count:
            errors.append(DataError(SourceLocation(path, reader.line_of("questions")),
                                    f"{key_path}.questions: 空のリストです。決めて書面に残すことを少なくとも1件書いてください", rules.FIELD_EMPTY_LIST))
        forms = tuple(Ref(text, line) for text, line in reader.string_list("forms"))
        form_notes = _form_notes(reader, path, key_path, errors)
        kakunin = reader.string("kakunin")
        if None in (entry_id, name):
            return None
        return Matter(entry_id, name, questions, cautions, sources, basis, forms, form_notes,
                      kakunin.strip() if kakunin else None, node.line)
    question, note = reader.string("question"), reader.string("note")
    if None in (entry_id, name, question):
        return None
    return Criterion(entry_id, name, question, cautions, sources, basis, note.strip() if note else None, node.line)


def _suggestions(reader: MappingReader, path: str, key_path: str, errors: list) -> tuple:
    found = []
    seen: dict = {}
    for index, node in enumerate(reader.sequence("suggestions"), start=1):
        label = f"{key_path}.suggestions[{index}]"
        sub = MappingReader(node, path, label, SUGGESTION_FIELDS, errors, "担い手の提案")
        if not sub.ok:
            continue
        form, who = sub.string("form"), sub.string("who")
        source = read_source(sub.raw("source"), path, f"{label}.source", errors) if sub.has("source") else None
        if who is not None and who not in WHO:
            errors.append(DataError(SourceLocation(path, sub.line_of("who")),
                                    f"{label}.who: 「{who}」は使えません{did_you_mean(who, WHO)}。"
                                    "shi（市）、aite（相手方）、kyodo（共同）のどれかを書いてください", rules.PAPERWORK_WHO))
            continue
        if None in (form, who, source):
            continue
        if form in seen:
            errors.append(DataError(SourceLocation(path, node.line),
                                    f"{label}.form: 形態「{form}」の提案は{seen[form]}行目にもあります。1つの形態に提案は1つです", rules.DUPLICATE_ENTRY))
            continue
        seen[form] = node.line
        found.append(Suggestion(form, who, source, node.line, sub.line_of("form")))
    return tuple(found)


def _entry_words(reader: MappingReader) -> str:
    """The prose of an entry the page shows (not its sources): where a 要確認 mark can be. Read
    from the nodes without reporting: wrong values are reported where the fields are read."""
    def text(node) -> list:
        if isinstance(node, YamlScalar) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, YamlSequence):
            return [t for child in node.items for t in text(child)]
        return []

    words = [t for name in ("name", "question", "questions", "note", "kakunin") for t in text(reader.raw(name))]
    notes = reader.raw("form_notes")
    for note in notes.items if isinstance(notes, YamlSequence) else []:
        if isinstance(note, YamlMapping):
            words += text(note.entries.get("note"))
    return "\n".join(words)


def _form_notes(reader: MappingReader, path: str, key_path: str, errors: list) -> tuple:
    found = []
    for index, node in enumerate(reader.sequence("form_notes"), start=1):
        sub = MappingReader(node, path, f"{key_path}.form_notes[{index}]", FORM_NOTE_FIELDS, errors, "形態ごとの補足")
        if not sub.ok:
            continue
        form, note = sub.string("form"), sub.string("note")
        if None not in (form, note):
            found.append(FormNote(form, note, sub.line_of("form")))
    return tuple(found)


def form_options(checklists: list) -> dict | None:
    """{form id: label} from the form question, or None when that checklist or question is missing."""
    checklist = next((c for c in checklists if c.id == FORM_CHECKLIST), None)
    question = next((q for q in checklist.profile if q.id == FORM_QUESTION), None) if checklist else None
    if question is None:
        return None
    return {option.id: option.label for option in question.options}


def check_paperwork_links(sheets: tuple, checklists: list) -> list:
    """Caution ids, linked checklists and form ids must exist (checked over valid checklists)."""
    errors = []
    item_ids = {item.id for checklist in checklists for item in checklist.items}
    checklist_ids = [c.id for c in checklists]
    forms = form_options(checklists)
    keys = {"role-table": "rows", "agreement": "matters", "evaluation": "criteria"}

    def form_error(sheet, line: int, label: str, form: str) -> None:
        if forms is None:
            errors.append(DataError(SourceLocation(sheet.path, line),
                                    f"{label}: 形態の選択肢を読むチェックリスト「{FORM_CHECKLIST}」の質問「{FORM_QUESTION}」がありません。"
                                    "形態の id は使えません", rules.PAPERWORK_NO_FORM_QUESTION))
        elif form not in forms:
            known = "、".join(f"{k}（{v}）" for k, v in forms.items())
            errors.append(DataError(SourceLocation(sheet.path, line),
                                    f"{label}: 形態「{form}」はありません{did_you_mean(form, forms)}。使える形態: {known}", rules.PAPERWORK_UNKNOWN_FORM))

    for sheet in sheets:
        for index, ref in enumerate(sheet.checklists, start=1):
            if ref.text not in checklist_ids:
                errors.append(DataError(SourceLocation(sheet.path, ref.line),
                                        f"checklists[{index}]: チェックリスト「{ref.text}」がありません{did_you_mean(ref.text, checklist_ids)}。"
                                        "checklists/ にあるファイルの id を書いてください", rules.PAPERWORK_UNKNOWN_CHECKLIST))
        for e_index, entry in enumerate(sheet.entries, start=1):
            label = f"{keys[sheet.kind]}[{e_index}]"
            for index, ref in enumerate(entry.cautions, start=1):
                if ref.text not in item_ids:
                    errors.append(DataError(SourceLocation(sheet.path, ref.line),
                                            f"{label}.cautions[{index}]: 留意事項「{ref.text}」はどのチェックリストにもありません"
                                            f"{did_you_mean(ref.text, item_ids)}。チェックリストの項目 ID（例: KT-01）を書いてください", rules.PAPERWORK_UNKNOWN_CAUTION))
            for index, suggestion in enumerate(getattr(entry, "suggestions", ()), start=1):
                if forms is None or suggestion.form not in forms:
                    form_error(sheet, suggestion.form_line, f"{label}.suggestions[{index}].form", suggestion.form)
            for index, ref in enumerate(getattr(entry, "forms", ()), start=1):
                if forms is None or ref.text not in forms:
                    form_error(sheet, ref.line, f"{label}.forms[{index}]", ref.text)
            for index, note in enumerate(getattr(entry, "form_notes", ()), start=1):
                if forms is None or note.form not in forms:
                    form_error(sheet, note.line, f"{label}.form_notes[{index}].form", note.form)
    return errors

