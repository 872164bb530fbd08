"""Ordinances as data: articles (条), paragraphs (項) and items (号), addressed by number.

Anchors are derived from numbers, never from positions, so adding a provision later does
not move the others (`art9`, `art9-para1`, `art9-para1-item4`, `art9_2` for 第9条の2).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
import re

from kyodo_kb.sources import rules
from kyodo_kb.sources.field_specs import FieldSpec, MappingReader, SLUG_PATTERN
from kyodo_kb.sources.errors import DataError, SourceLocation, unexpected_error
from kyodo_kb.sources.yaml_source import load_yaml_file

ARTICLE_NUMBER_PATTERN = r"^[0-9]+(?:の[0-9]+)*$"

ORDINANCE_FIELDS = [
    FieldSpec("id", "slug", True, "条例の識別子です（半角英小文字・数字・ハイフン）。ページの URL になります", SLUG_PATTERN, "shimin-katsudo"),
    FieldSpec("title", "line", True, "条例の正式名称です"),
    FieldSpec("short_title", "line", True, "「茅ヶ崎市」を除いた短い名称です。引用（basis）で使います"),
    FieldSpec("aliases", "string_list", False, "引用で受け付ける別の書き方です"),
    FieldSpec("promulgated", "line", False, "公布年月日と条例番号です"),
    FieldSpec("in_force", "line", False, "施行日です"),
    FieldSpec("purpose", "markdown", False, "条例の概要です"),
    FieldSpec("source", "markdown", True, "条文の出典です"),
    FieldSpec("articles", "list", True, "収録する条のリストです"),
]
ARTICLE_FIELDS = [
    FieldSpec("number", "line", True, "条の番号です（例: \"9\"、第9条の2なら \"9の2\"）", ARTICLE_NUMBER_PATTERN, "\"9\""),
    FieldSpec("caption", "line", False, "見出し（かっこ書き）です"),
    FieldSpec("chapter", "line", False, "この条が属する章・節です"),
    FieldSpec("paragraphs", "list", True, "収録する項のリストです"),
    FieldSpec("note", "markdown", False, "収録範囲などの注記です"),
]
PARAGRAPH_FIELDS = [
    FieldSpec("number", "integer", True, "項の番号です（1から）"),
    FieldSpec("text", "markdown", True, "項の本文です（例規集のとおり一字一句そのまま）"),
    FieldSpec("items", "list", False, "号のリストです"),
    FieldSpec("note", "markdown", False, "収録範囲などの注記です"),
]
ITEM_FIELDS = [
    FieldSpec("number", "integer", True, "号の番号です（1から）"),
    FieldSpec("text", "markdown", True, "号の本文です（例規集のとおり一字一句そのまま）"),
]


@dataclass(frozen=True)
class Item:
    number: int
    text: str
    line: int


@dataclass(frozen=True)
class Paragraph:
    number: int
    text: str
    items: tuple  # of Item
    note: str | None
    line: int

    def item(self, number: int) -> Item | None:
        return next((item for item in self.items if item.number == number), None)


@dataclass(frozen=True)
class Article:
    number: str  # "9" or "9の2"
    caption: str | None
    chapter: str | None
    paragraphs: tuple  # of Paragraph
    note: str | None
    line: int

    def paragraph(self, number: int) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.number == number), None)

    @property
    def label(self) -> str:
        return article_label(self.number)


@dataclass(frozen=True)
class Ordinance:
    id: str
    title: str
    short_title: str
    aliases: tuple
    promulgated: str | None
    in_force: str | None
    purpose: str | None
    source: str
    articles: tuple  # of Article, in number order
    path: str

    @property
    def names(self) -> tuple:
        return (self.title, self.short_title, *self.aliases)

    def article(self, number: str) -> Article | None:
        return next((a for a in self.articles if a.number == number), None)

    @property
    def page_src(self) -> str:
        return f"ordinances/{self.id}.md"


def article_label(number: str) -> str:
    """第9条, or 第9条の2 for the branch number "9の2"."""
    main, *branches = number.split("の")
    return f"第{main}条" + "".join(f"の{branch}" for branch in branches)


def article_sort_key(number: str) -> tuple:
    return tuple(int(part) for part in number.split("の"))


def provision_anchor(article: str, paragraph: int | None = None, item: int | None = None) -> str:
    anchor = "art" + article.replace("の", "_")
    if paragraph is not None:
        anchor += f"-para{paragraph}"
    if item is not None:
        anchor += f"-item{item}"
    return anchor


def provision_label(ordinance: Ordinance, article: Article, paragraph: int | None, item: int | None) -> str:
    """The citation as staff write it: 項 is left out for the items of a one-paragraph article."""
    label = ordinance.short_title + article_label(article.number)
    if paragraph is not None and not (item is not None and len(article.paragraphs) == 1):
        label += f"第{paragraph}項"
    if item is not None:
        label += f"第{item}号"
    return label


def load_ordinance(path: Path, display_path: str, errors: list) -> Ordinance | None:
    try:
        loaded = load_yaml_file(path, display_path)
        errors.extend(loaded.errors)
        if loaded.root is None:
            return None
        return read_ordinance(loaded.root, display_path, errors)
    except Exception as exc:  # never a traceback for editors: report it against the file
        errors.append(unexpected_error(display_path, exc))
        return None


def read_ordinance(root, path: str, errors: list) -> Ordinance | None:
    count = len(errors)
    reader = MappingReader(root, path, "", ORDINANCE_FIELDS, errors, "条例の内容")
    if not reader.ok:
        return None
    ordinance_id = reader.string("id")
    title = reader.string("title")
    short_title = reader.string("short_title")
    aliases = tuple(name for name, _ in reader.string_list("aliases"))
    articles = []
    seen_articles: dict = {}
    for a_index, a_node in enumerate(reader.sequence("articles", allow_empty=False), start=1):
        a_reader = MappingReader(a_node, path, f"articles[{a_index}]", ARTICLE_FIELDS, errors, "条")
        if not a_reader.ok:
            continue
        raw_number = a_reader.raw("number")
        if isinstance(getattr(raw_number, "value", None), int) and not isinstance(raw_number.value, bool):
            number = str(raw_number.value)  # `number: 9` is the natural way to write it
        else:
            number = a_reader.string("number")
        if number is not None and number in seen_articles:
            errors.append(DataError(SourceLocation(path, a_node.line), f"articles[{a_index}].number: 第{number}条が重複しています（{seen_articles[number]}行目）", rules.DUPLICATE_ENTRY))
        elif number is not None:
            seen_articles[number] = a_node.line
        paragraphs = []
        seen_paragraphs: dict = {}
        for p_index, p_node in enumerate(a_reader.sequence("paragraphs", allow_empty=False), start=1):
            key = f"articles[{a_index}].paragraphs[{p_index}]"
            p_reader = MappingReader(p_node, path, key, PARAGRAPH_FIELDS, errors, "項")
            if not p_reader.ok:
                continue
            p_number = p_reader.integer("number")
            if p_number is not None and p_number in seen_paragraphs:
                errors.append(DataError(SourceLocation(path, p_node.line), f"{key}.number: 第{p_number}項が重複しています（{seen_paragraphs[p_number]}行目）", rules.DUPLICATE_ENTRY))
            elif p_number is not None:
                seen_paragraphs[p_number] = p_node.line
            items = []
            seen_items: dict = {}
            for i_index, i_node in enumerate(p_reader.sequence("items"), start=1):
                i_key = f"{key}.items[{i_index}]"
                i_reader = MappingReader(i_node, path, i_key, ITEM_FIELDS, errors, "号")
                if not i_reader.ok:
                    continue
                i_number = i_reader.integer("number")
                i_text = i_reader.string("text")
                if i_number is not None and i_number in seen_items:
                    errors.append(DataError(SourceLocation(path, i_node.line), f"{i_key}.number: 第{i_number}号が重複しています（{seen_items[i_number]}行目）", rules.DUPLICATE_ENTRY))
                    continue
                if i_number is not None and i_text is not None:
                    seen_items[i_number] = i_node.line
                    items.append(Item(i_number, i_text.strip(), i_node.line))
            p_text = p_reader.string("text")
            if p_number is not None and p_text is not None:
                paragraphs.append(Paragraph(p_number, p_text.strip(), tuple(sorted(items, key=lambda i: i.number)),
                                            p_reader.string("note"), p_node.line))
        if number is not None:
            articles.append(Article(number, a_reader.string("caption"), a_reader.string("chapter"),
                                    tuple(sorted(paragraphs, key=lambda p: p.number)), a_reader.string("note"), a_node.line))
    promulgated = reader.string("promulgated")
    in_force = reader.string("in_force")
    purpose = reader.string("purpose")
    source = reader.string("source")
    if len(errors) > count or None in (ordinance_id, title, short_title, source):
        return None
    return Ordinance(ordinance_id, title, short_title, aliases, promulgated, in_force, purpose, source,
                     tuple(sorted(articles, key=lambda a: article_sort_key(a.number))), path)
