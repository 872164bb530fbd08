"""Ordinances as data: articles (条), paragraphs (項) and items (号), addressed by number.

Anchors are derived from numbers, never from positions, so adding a provision later does
not move the others (`art9`, `art9-para1`, `art9-para1-item4`, `art9_2` for 第9条の2).

Versions: a paragraph (項) or item (号) has the `text` first recorded here, with its 施行日
`in_force` when a source states it (absent: 要確認), and may list `amendments`, oldest first, each
with its own verbatim `text`, 施行日 `in_force` and amending ordinance `amended_by`. The text in
force on a day is the newest version whose 施行日 is on or before it. Files written before
versions existed stay valid: their `text` is the only version. `text` of the model is the version
in force on `reference_date()` (the build's date), `versions` keeps them all.
"""
from __future__ import annotations

from dataclasses import dataclass
import datetime
import os
from pathlib import Path
import re

from kyodo_kb.sources import rules
from kyodo_kb.sources.field_specs import FieldSpec, MappingReader, SLUG_PATTERN
from kyodo_kb.sources.errors import DataError, SourceLocation, unexpected_error
from kyodo_kb.sources.yaml_source import YamlScalar, load_yaml_file

ARTICLE_NUMBER_PATTERN = r"^[0-9]+(?:の[0-9]+)*$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

ORDINANCE_FIELDS = [
    FieldSpec("id", "slug", True, "条例の識別子です（半角英小文字・数字・ハイフン）。ページの URL になります", SLUG_PATTERN, "shimin-katsudo"),
    FieldSpec("title", "line", True, "条例の正式名称です"),
    FieldSpec("short_title", "line", True, "「茅ヶ崎市」を除いた短い名称です。引用（basis）で使います"),
    FieldSpec("aliases", "string_list", False, "引用で受け付ける別の書き方です"),
    FieldSpec("promulgated", "line", False, "公布年月日と条例番号です"),
    FieldSpec("in_force", "line", False, "施行日です"),
    FieldSpec("purpose", "markdown", False, "条例の概要です"),
    FieldSpec("amendments_checked", "date", False, "例規集で、この条例の改正をどの日の分まで確かめて反映したかです（西暦の年-月-日）。"
              "ページに「令和…までの改正を反映」と表示します。書かないと「要確認」と表示します", DATE_PATTERN, "2026-11-27"),
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
_TEXT_IN_FORCE = ("in_force", "date", False, "text の本文の施行日です（西暦の年-月-日）。出典に書かれているときだけ書きます。書かないと「施行日 要確認」と表示します", DATE_PATTERN, "2005-04-01")
_AMENDMENTS = ("amendments", "list", False, "改正後の本文のリストです（施行日の古い順。それぞれ in_force・amended_by・text）")
PARAGRAPH_FIELDS = [
    FieldSpec("number", "integer", True, "項の番号です（1から）"),
    FieldSpec("text", "markdown", True, "項の本文です（例規集のとおり一字一句そのまま）。改正があっても書き換えず、改正後の本文は amendments に加えます"),
    FieldSpec(*_TEXT_IN_FORCE),
    FieldSpec(*_AMENDMENTS),
    FieldSpec("items", "list", False, "号のリストです"),
    FieldSpec("note", "markdown", False, "収録範囲などの注記です"),
]
ITEM_FIELDS = [
    FieldSpec("number", "integer", True, "号の番号です（1から）"),
    FieldSpec("text", "markdown", True, "号の本文です（例規集のとおり一字一句そのまま）。改正があっても書き換えず、改正後の本文は amendments に加えます"),
    FieldSpec(*_TEXT_IN_FORCE),
    FieldSpec(*_AMENDMENTS),
]
AMENDMENT_FIELDS = [
    FieldSpec("in_force", "date", True, "改正後の本文の施行日です（西暦の年-月-日）", DATE_PATTERN, "2027-04-01"),
    FieldSpec("amended_by", "line", True, "改正した条例です（公布の年と条例番号）", example="令和8年茅ヶ崎市条例第12号"),
    FieldSpec("text", "markdown", True, "改正後の本文です（例規集のとおり一字一句そのまま）"),
]
# The dates a provision version may carry: 和暦 is defined from 1873-01-01 (render/wareki.py);
# a year after 2099 is a typing mistake.
EARLIEST_DATE = datetime.date(1873, 1, 1)
LATEST_DATE = datetime.date(2099, 12, 31)


@dataclass(frozen=True)
class ProvisionVersion:
    text: str
    in_force: datetime.date | None  # None: not stated in the sources (要確認); only the first version
    amended_by: str | None  # None for the first recorded version
    line: int  # of the version's text (the first) or of its amendments entry


def text_on(versions: tuple, day: datetime.date) -> ProvisionVersion | None:
    """The version in force on `day`, or None before the first version's known 施行日."""
    current = None
    for version in versions:
        if version.in_force is None or version.in_force <= day:
            current = version
    return current


def reference_date() -> datetime.date:
    """The day whose text a build shows without JavaScript: the commit time (SOURCE_DATE_EPOCH,
    which make build and make publish set), so two builds of one commit are identical; else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit() and int(epoch) > 0:
        japan = datetime.timezone(datetime.timedelta(hours=9))
        return datetime.datetime.fromtimestamp(int(epoch), japan).date()
    return datetime.date.today()


@dataclass(frozen=True)
class Item:
    number: int
    text: str  # the version in force on reference_date()
    line: int
    versions: tuple = ()  # of ProvisionVersion, oldest first; the first is `text:` of the file


@dataclass(frozen=True)
class Paragraph:
    number: int
    text: str  # the version in force on reference_date()
    items: tuple  # of Item
    note: str | None
    line: int
    versions: tuple = ()  # of ProvisionVersion, oldest first; the first is `text:` of the file

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
    amendments_checked: datetime.date | None = None

    def provisions(self):
        """(anchor, label, Paragraph or Item) of every provision with a text, in page order."""
        for article in self.articles:
            for paragraph in article.paragraphs:
                yield (provision_anchor(article.number, paragraph.number),
                       provision_label(self, article, paragraph.number, None), paragraph)
                for item in paragraph.items:
                    yield (provision_anchor(article.number, paragraph.number, item.number),
                           provision_label(self, article, paragraph.number, item.number), item)

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
                i_versions = read_versions(i_reader, i_text, path, i_key, errors)
                if i_number is not None and i_number in seen_items:
                    errors.append(DataError(SourceLocation(path, i_node.line), f"{i_key}.number: 第{i_number}号が重複しています（{seen_items[i_number]}行目）", rules.DUPLICATE_ENTRY))
                    continue
                if i_number is not None and i_text is not None:
                    seen_items[i_number] = i_node.line
                    items.append(Item(i_number, _current(i_versions), i_node.line, i_versions))
            p_text = p_reader.string("text")
            p_versions = read_versions(p_reader, p_text, path, key, errors)
            if p_number is not None and p_text is not None:
                paragraphs.append(Paragraph(p_number, _current(p_versions), tuple(sorted(items, key=lambda i: i.number)),
                                            p_reader.string("note"), p_node.line, p_versions))
        if number is not None:
            articles.append(Article(number, a_reader.string("caption"), a_reader.string("chapter"),
                                    tuple(sorted(paragraphs, key=lambda p: p.number)), a_reader.string("note"), a_node.line))
    promulgated = reader.string("promulgated")
    in_force = reader.string("in_force")
    purpose = reader.string("purpose")
    source = reader.string("source")
    checked = read_provision_date(reader, "amendments_checked")
    if len(errors) > count or None in (ordinance_id, title, short_title, source):
        return None
    return Ordinance(ordinance_id, title, short_title, aliases, promulgated, in_force, purpose, source,
                     tuple(sorted(articles, key=lambda a: article_sort_key(a.number))), path, checked)


def _current(versions: tuple) -> str:
    if not versions:
        return ""
    version = text_on(versions, reference_date())
    return (version or versions[0]).text


def read_provision_date(reader: MappingReader, name: str) -> datetime.date | None:
    """A date written `2027-04-01` (bare, which YAML reads as a date, or quoted) within the supported range."""
    value = reader.raw(name)
    if value is None:
        return None
    label = f"{reader.key_path}.{name}" if reader.key_path else name
    date = None
    if isinstance(value, YamlScalar) and isinstance(value.value, datetime.datetime):
        date = value.value.date()
    elif isinstance(value, YamlScalar) and isinstance(value.value, datetime.date):
        date = value.value
    elif isinstance(value, YamlScalar) and isinstance(value.value, str) and re.match(DATE_PATTERN, value.value.strip()):
        try:
            date = datetime.date.fromisoformat(value.value.strip())
        except ValueError:
            date = None
    if date is None and isinstance(value, YamlScalar) and isinstance(value.value, str) and re.match(DATE_PATTERN, value.value.strip()):
        reader.errors.append(DataError(SourceLocation(reader.path, value.line),
                                       f"{label}: {value.value.strip()} という日はありません。月と日を確かめてください", rules.ORDINANCE_DATE))
        return None
    if date is None:
        shown = value.value if isinstance(value, YamlScalar) else "リストなど"
        reader.errors.append(DataError(SourceLocation(reader.path, value.line),
                                       f"{label}: 日付を「2027-04-01」のように西暦の年-月-日で書いてください（「{shown}」が書かれています。和暦は使えません）",
                                       rules.ORDINANCE_DATE))
        return None
    if not EARLIEST_DATE <= date <= LATEST_DATE:
        reader.errors.append(DataError(SourceLocation(reader.path, value.line),
                                       f"{label}: {date.isoformat()} は使えません（書ける日付は 1873-01-01 から 2099-12-31 までです）。打ち間違いがないか確かめてください",
                                       rules.ORDINANCE_DATE_RANGE))
        return None
    return date


def read_versions(reader: MappingReader, text: str | None, path: str, key: str, errors: list) -> tuple:
    """The versions of one provision, oldest first: `text` (with its optional `in_force`), then `amendments`."""
    first_date = read_provision_date(reader, "in_force")
    versions = []
    if text is not None:
        versions.append(ProvisionVersion(text.strip(), first_date, None, reader.line_of("text")))
    dates = {first_date: reader.line_of("in_force")} if first_date is not None else {}
    previous = first_date
    for index, node in enumerate(reader.sequence("amendments"), start=1):
        a_key = f"{key}.amendments[{index}]"
        a_reader = MappingReader(node, path, a_key, AMENDMENT_FIELDS, errors, "改正")
        if not a_reader.ok:
            continue
        date = read_provision_date(a_reader, "in_force")
        amended_by = a_reader.string("amended_by")
        a_text = a_reader.string("text")
        if date is not None and date in dates:
            errors.append(DataError(SourceLocation(path, a_reader.line_of("in_force")),
                                    f"{a_key}.in_force: 施行日 {date.isoformat()} の本文が {dates[date]}行目にもあります。"
                                    "同じ日に施行された改正は1つの本文にまとめてください", rules.ORDINANCE_AMENDMENT_DUPLICATE_DATE))
            continue
        if date is not None and previous is not None and date < previous:
            errors.append(DataError(SourceLocation(path, a_reader.line_of("in_force")),
                                    f"{a_key}.in_force: 施行日 {date.isoformat()} が、その前の本文の施行日 {previous.isoformat()} より前です。"
                                    "amendments は施行日の古い順に並べてください", rules.ORDINANCE_AMENDMENT_ORDER))
            continue
        if date is not None:
            dates[date] = a_reader.line_of("in_force")
            previous = date
        if None not in (date, amended_by, a_text):
            versions.append(ProvisionVersion(a_text.strip(), date, amended_by, node.line))
    return tuple(versions)


def anchors_touch(cited: str, amended: str) -> bool:
    """Whether a citation of anchor `cited` is touched by an amendment of anchor `amended` of the
    same ordinance: the provision itself, the 条・項 above it and the 項・号 below it (`make impact`)."""
    return cited == amended or amended.startswith(cited + "-") or cited.startswith(amended + "-")


def amendments_touching(ordinance: Ordinance, anchor: str) -> list:
    """(anchor, label, ProvisionVersion) of every amendment (a version after the first) of the
    provisions a citation of `anchor` depends on, in page order."""
    return [(a, label, version) for a, label, provision in ordinance.provisions() if anchors_touch(anchor, a)
            for version in provision.versions[1:]]
