"""Citations of ordinance provisions, written the way staff write them in documents.

Accepted: the ordinance's short or full name (or a recorded alias), 第N条, optional 第N項,
optional 第N号, with arabic, full-width or kanji numerals (第９条, 第二十六条), 条の枝番
(第9条の2), spaces anywhere. 第N項 may be left out for an article with one paragraph.
"""
from __future__ import annotations

from dataclasses import dataclass
import re
import unicodedata

from kyodo_kb.sources import rules
from kyodo_kb.formats.ordinance import Ordinance, article_label, provision_anchor, provision_label
from kyodo_kb.sources.errors import did_you_mean

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMBER = r"[0-9〇零一二三四五六七八九十百千]+"
_CITATION = re.compile(
    rf"^(?P<name>.*?)第?(?P<article>{_NUMBER})条(?P<branch>(?:の{_NUMBER})*)"
    rf"(?:第?(?P<paragraph>{_NUMBER})項)?(?:第?(?P<item>{_NUMBER})号)?$"
)


class CitationError(ValueError):
    """A citation that cannot be parsed or does not resolve; the message is for editors."""

    def __init__(self, message: str, rule: str):
        super().__init__(message)
        self.rule = rule  # a constant of kyodo_kb.sources.rules


@dataclass(frozen=True)
class ProvisionRef:
    ordinance_id: str
    article: str
    paragraph: int | None
    item: int | None
    label: str  # canonical citation text, e.g. 市民活動推進条例第9条第1項第4号
    anchor: str  # e.g. art9-para1-item4
    page_src: str  # e.g. ordinances/shimin-katsudo.md

    @property
    def key(self) -> tuple:
        return (self.ordinance_id, self.anchor)


def parse_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    total, digits = 0, 0
    for char in text:
        if char in _KANJI_DIGITS:
            digits = digits * 10 + _KANJI_DIGITS[char]
        elif char in _KANJI_UNITS:
            total += (digits or 1) * _KANJI_UNITS[char]
            digits = 0
        else:
            raise CitationError(f"数字として読めません: {text}", rules.CITATION_BAD_NUMBER)
    return total + digits


def normalize_name(name: str) -> str:
    text = unicodedata.normalize("NFKC", name)
    text = re.sub(r"\s+", "", text)
    return text.replace("ケ", "ヶ").replace("が崎", "ヶ崎")


class CitationResolver:
    """Resolves citation strings against the loaded ordinances; built once per build."""

    def __init__(self, ordinances: list[Ordinance]):
        self.ordinances = {o.id: o for o in ordinances}
        self.by_name: dict = {}
        for ordinance in ordinances:
            for name in ordinance.names:
                self.by_name[normalize_name(name)] = ordinance
        self._cache: dict = {}

    def resolve(self, citation: str) -> ProvisionRef:
        if citation not in self._cache:
            try:
                self._cache[citation] = self._resolve(citation)
            except CitationError as exc:
                self._cache[citation] = exc
        result = self._cache[citation]
        if isinstance(result, CitationError):
            raise result
        return result

    def _resolve(self, citation: str) -> ProvisionRef:
        text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", citation))
        forms = "例: 市民活動推進条例第9条第1項第4号、自治基本条例第26条第2項"
        match = _CITATION.match(text)
        if not match:
            raise CitationError(f"引用「{citation}」を読み取れません。「条例名 第N条 第N項 第N号」の形で書いてください（{forms}）", rules.CITATION_UNREADABLE)
        name = normalize_name(match.group("name"))
        if not name:
            raise CitationError(f"引用「{citation}」に条例名がありません。条例名から書いてください（{forms}）", rules.CITATION_NO_ORDINANCE_NAME)
        ordinance = self.by_name.get(name)
        if ordinance is None:
            known = sorted({o.short_title for o in self.ordinances.values()})
            hint = did_you_mean(name, self.by_name)
            raise CitationError(f"引用「{citation}」の条例名「{match.group('name')}」は収録されていません{hint}。収録されている条例: {'、'.join(known)}", rules.CITATION_UNKNOWN_ORDINANCE)
        article_number = str(parse_number(match.group("article")))
        for branch in re.findall(rf"の({_NUMBER})", match.group("branch") or ""):
            article_number += f"の{parse_number(branch)}"
        article = ordinance.article(article_number)
        if article is None:
            recorded = "、".join(a.label for a in ordinance.articles)
            raise CitationError(f"引用「{citation}」の{article_label(article_number)}は{ordinance.short_title}に収録されていません（収録されている条: {recorded}）", rules.CITATION_UNKNOWN_PROVISION)
        paragraph_number = parse_number(match.group("paragraph")) if match.group("paragraph") else None
        item_number = parse_number(match.group("item")) if match.group("item") else None
        if item_number is not None and paragraph_number is None:
            if len(article.paragraphs) != 1:
                raise CitationError(f"引用「{citation}」: {article_label(article_number)}には項が複数あるため、号の前に第N項を書いてください（例: {article_label(article_number)}第1項第{item_number}号）", rules.CITATION_PARAGRAPH_REQUIRED)
            paragraph_number = article.paragraphs[0].number
        if paragraph_number is not None:
            paragraph = article.paragraph(paragraph_number)
            if paragraph is None:
                recorded = "、".join(f"第{p.number}項" for p in article.paragraphs)
                raise CitationError(f"引用「{citation}」の{article_label(article_number)}第{paragraph_number}項は収録されていません（収録されている項: {recorded}）", rules.CITATION_UNKNOWN_PROVISION)
            if item_number is not None and paragraph.item(item_number) is None:
                recorded = "、".join(f"第{i.number}号" for i in paragraph.items) or "なし"
                raise CitationError(f"引用「{citation}」の第{item_number}号は{article_label(article_number)}第{paragraph_number}項に収録されていません（収録されている号: {recorded}）", rules.CITATION_UNKNOWN_PROVISION)
        return ProvisionRef(
            ordinance.id, article.number, paragraph_number, item_number,
            provision_label(ordinance, article, paragraph_number, item_number),
            provision_anchor(article.number, paragraph_number, item_number),
            ordinance.page_src,
        )
