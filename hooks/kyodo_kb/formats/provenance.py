"""Where a caution's statements come from (`sources:`), and the wording rules of a check question.

A caution rests on an ordinance provision (`basis`) or names its sources, each of one kind from
a closed list (SOURCE_KINDS): the committee handout, a Chigasaki document, another body's
practice (named, and labelled 「他自治体の例（○○市）」 in the caution itself, so that staff never
read it as Chigasaki's rule), or 要確認 (not confirmed yet, with what to confirm and the section
likely to know: the editors' register lists these). A caution with neither is an error.

A check is answered はい / いいえ and はい must mean "done / safe", so a check that ends in a
negative form (…ていないか, …ないか, …ませんか) is an error; see `negative_ending`.
"""
from __future__ import annotations

from dataclasses import dataclass
import re

from kyodo_kb.sources import rules
from kyodo_kb.sources.errors import DataError, SourceLocation, did_you_mean
from kyodo_kb.sources.field_specs import FieldSpec, MappingReader, SLUG_PATTERN, describe_value
from kyodo_kb.sources.yaml_source import YamlSequence


@dataclass(frozen=True)
class SourceKind:
    id: str
    label: str  # shown on the page and in the guide
    description: str


SOURCE_KINDS = (
    SourceKind("seed", "委員会資料", "令和5年度第3回市民活動推進委員会 資料5（R3答申、取組の方向性、協働推進事業の概要など）。title に箇所を書きます"),
    SourceKind("chigasaki", "茅ヶ崎市の資料", "茅ヶ崎市のウェブページや資料（調査メモ shared/reference に記録のあるもの）。title に資料名と日付を書きます"),
    SourceKind("other", "他自治体の例", "他の自治体の手引や制度。body に自治体名を書き、留意事項の本文に「他自治体の例（自治体名）」と書きます"),
    SourceKind("youkakunin", "要確認", "出典がまだ確かめられていない内容。confirm に確かめること、shokan に確かめる先（所管）を書き、本文に「要確認」と書きます"),
)
KIND_BY_ID = {kind.id: kind for kind in SOURCE_KINDS}
OTHER_LABEL = "他自治体の例（{body}）"
YOUKAKUNIN = "要確認"
# how the section to confirm a 要確認 with is named everywhere (出典 line, register, guide)
SHOKAN_LABEL = "所管（見込み）"

SOURCE_FIELDS = [
    FieldSpec("kind", "slug", True, "出典の種類です: " + "、".join(f"{k.id}（{k.label}）" for k in SOURCE_KINDS), SLUG_PATTERN, "seed"),
    FieldSpec("title", "line", False, "資料の名前と箇所です（seed・chigasaki・other では必須）", example="R3答申(5)"),
    FieldSpec("body", "line", False, "他の自治体の名前です（other では必須）。本文に「他自治体の例（この名前）」と書きます", example="高松市"),
    FieldSpec("confirm", "line", False, "確かめることです（youkakunin では必須）", example="後援名義で市が負わない責任の範囲"),
    FieldSpec("shokan", "line", False, "確かめる先の所管（見込み）です（youkakunin では必須。例: 契約、後援名義、保険、個人情報）", example="後援名義の所管課"),
]
_REQUIRED = {"seed": ("title",), "chigasaki": ("title",), "other": ("title", "body"), "youkakunin": ("confirm", "shokan")}


@dataclass(frozen=True)
class Source:
    kind: str  # an id of SOURCE_KINDS
    title: str | None
    body: str | None
    confirm: str | None
    shokan: str | None
    line: int

    @property
    def label(self) -> str:
        """How the page names it: 「委員会資料（R3答申(5)）」, 「他自治体の例（高松市）：協働Q&A」, 「要確認（…。所管（見込み）: 契約の担当）」."""
        kind = KIND_BY_ID[self.kind].label
        if self.kind == "other":
            return f"{OTHER_LABEL.format(body=self.body)}：{self.title}"
        if self.kind == "youkakunin":
            return f"{kind}（{self.confirm}。{SHOKAN_LABEL}: {self.shokan}）"
        return f"{kind}（{self.title}）"


def read_sources(node, path: str, key_path: str, errors: list) -> tuple:
    """Reads an item's `sources:` list; wrong entries are reported and left out."""
    if node is None:
        return ()
    if not isinstance(node, YamlSequence):
        errors.append(DataError(SourceLocation(path, node.line),
                                f"{key_path}: 出典のリストを書いてください（{describe_value(node)}が書かれています）。各出典を「- kind: …」で始めます", rules.SOURCES_NOT_LIST))
        return ()
    sources = (read_source(entry, path, f"{key_path}[{index}]", errors) for index, entry in enumerate(node.items, start=1))
    return tuple(source for source in sources if source is not None)


def read_source(entry, path: str, label: str, errors: list) -> Source | None:
    """One source (a mapping with kind and the keys its kind needs); None when it is wrong."""
    count = len(errors)
    reader = MappingReader(entry, path, label, SOURCE_FIELDS, errors, "出典")
    if not reader.ok:
        return None
    kind = reader.string("kind")
    values = {name: reader.string(name) for name in ("title", "body", "confirm", "shokan")}
    if kind is not None and kind not in KIND_BY_ID:
        known = "、".join(f"{k.id}（{k.label}）" for k in SOURCE_KINDS)
        errors.append(DataError(SourceLocation(path, reader.line_of("kind")),
                                f"{label}.kind: 出典の種類「{kind}」はありません{did_you_mean(kind, KIND_BY_ID)}。使える種類: {known}", rules.SOURCE_UNKNOWN_KIND))
    elif kind is not None:
        for name in _REQUIRED[kind]:
            if values[name] is None and not reader.has(name):
                errors.append(DataError(SourceLocation(path, entry.line),
                                        f"{label}.{name}: 出典の種類が {kind}（{KIND_BY_ID[kind].label}）のときは {name} が必須です。"
                                        f"{next(s.description for s in SOURCE_FIELDS if s.name == name)}", rules.SOURCE_FIELD_MISSING))
        for name, value in values.items():
            if value is not None and name not in _REQUIRED[kind]:
                errors.append(DataError(SourceLocation(path, reader.line_of(name)),
                                        f"{label}.{name}: 出典の種類が {kind}（{KIND_BY_ID[kind].label}）のときは {name} は書けません。"
                                        f"書けるキー: kind、{'、'.join(_REQUIRED[kind])}", rules.SOURCE_FIELD_NOT_ALLOWED))
    if len(errors) == count and kind is not None:
        return Source(kind, values["title"], values["body"], values["confirm"], values["shokan"], entry.line)
    return None


def check_youkakunin_marks(text: str, sources: tuple, path: str, key_path: str, line: int, errors: list,
                           where: str = "留意事項の本文") -> None:
    """Text that says 要確認 names what to confirm (a youkakunin source), and such a source is shown."""
    has_marker = YOUKAKUNIN in text
    has_source = any(s.kind == "youkakunin" for s in sources)
    if has_marker and not has_source:
        errors.append(DataError(SourceLocation(path, line),
                                f"{key_path}: {where}に「要確認」がありますが、sources に kind: youkakunin の出典がありません。"
                                "確かめること（confirm）と所管（shokan）を書いてください（要確認の一覧に載ります）", rules.YOUKAKUNIN_WITHOUT_SOURCE))
    elif has_source and not has_marker:
        errors.append(DataError(SourceLocation(path, line),
                                f"{key_path}: sources に要確認（youkakunin）がありますが、{where}に「要確認」の表示がありません。"
                                "確かめていない内容を述べる文に「（要確認）」と書いてください", rules.YOUKAKUNIN_WITHOUT_MARK))


def check_provenance(caution: str, basis, sources: tuple, path: str, key_path: str, line: int,
                     errors: list) -> None:
    """A caution names where it comes from (`basis` is truthy when it cites a provision), and its
    text shows the labels its sources call for."""
    if not basis and not sources:
        errors.append(DataError(SourceLocation(path, line),
                                f"{key_path}: 留意事項の根拠も出典もありません。根拠となる条例の規定を basis に書くか、"
                                "出典を sources に書いてください（委員会資料・茅ヶ崎市の資料・他自治体の例・要確認）", rules.CAUTION_WITHOUT_SOURCE))
    for index, source in enumerate(sources, start=1):
        if source.kind == "other":
            expected = OTHER_LABEL.format(body=source.body)
            if expected not in caution:
                errors.append(DataError(SourceLocation(path, source.line),
                                        f"{key_path}.sources[{index}]: 他の自治体の例なのに、留意事項の本文に「{expected}」の表示がありません。"
                                        f"茅ヶ崎市の決まりと読まれないよう、その内容を述べる文に「{expected}」と書き、検討する例として書いてください",
                                        rules.SOURCE_OTHER_UNLABELLED))
    check_youkakunin_marks(caution, sources, path, key_path, line, errors)


# はい must mean done or safe. A check is negative when, once the closing 「か」 and punctuation
# are taken off, it ends in a negative auxiliary: …ない / …ません / …なかった / …ず. The rule looks
# only at the end, so 「…がないか確かめているか」 (a positive question about checking) passes;
# adjectives that merely end in ない (少ない, 危ない) are not negations and pass too.
_NEGATIVE_END = re.compile(r"(?:[てで]い)?(?:ない|ません|なかった)$|ず$")
_NOT_NEGATION = ("少ない", "危ない", "切ない", "幼ない")
_TRAILING = " 　?？。"


def negative_ending(check: str) -> str | None:
    """The negative ending of a check question (「ていないか」), or None when it reads positively."""
    text = check.strip().rstrip(_TRAILING)
    if not text.endswith("か"):
        return None
    body = text[:-1]
    match = _NEGATIVE_END.search(body)
    if not match or body.endswith(_NOT_NEGATION):
        return None
    return body[match.start():] + "か"


def check_polarity(check: str, path: str, key_path: str, line: int, errors: list) -> None:
    ending = negative_ending(check)
    if ending is None:
        return
    errors.append(DataError(SourceLocation(path, line),
                            f"{key_path}.check: 問いが否定の形（「…{ending}」）で終わっています。「はい」が「できている・問題ない」の意味になるよう、"
                            "望ましい状態を尋ねる形に書き換えてください（例: 「自主性を損なう進め方になっていないか」→「自主性を尊重した進め方にしているか」）",
                            rules.CHECK_NEGATIVE))
