"""The site search index: one record per caution, per provision and per page section.

Material's search plugin indexes whole pages split at headings. Staff search for a caution,
so the records of checklist and ordinance pages are rebuilt here from the knowledge base
(each caution its own record, titled by its check question, carrying its checklist, tags,
item id and the provisions it cites), and the records of every other page are kept as
Material made them, with their HTML reduced to text. The records are read by
docs/assets/javascripts/search_engine.js, which folds width, case and kana at load time.
"""
from __future__ import annotations

from dataclasses import dataclass
import html
import re
from typing import Callable, Iterable

from kyodo_kb.formats.ordinance import article_label, provision_anchor, provision_label
from kyodo_kb.render.tag_index import PAGE_SRC as TAG_INDEX_SRC

CAUTION = "caution"
PROVISION = "provision"
PAGE = "page"
SECTION = "section"

_TAG = re.compile(r"<[^>]+>")
_LIST = re.compile(r"<(ul|ol)\b[^>]*>.*?</\1>", re.DOTALL)
_SPACE = re.compile(r"\s+")
_CJK = "\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# Between two Japanese characters a space only ever comes from a line break of the source (YAML
# or Markdown wrapped by the editor): Japanese puts none there, and a snippet must not show one.
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_ATTRS = re.compile(r"\{[:\s]*[#.][^}]*\}")
_MD_MARKS = re.compile(r"(\*\*|__|\*|`|^#+\s*|^\s*[-+]\s+|^\s*\d+\.\s+|^!!!\s*\w+\s*)", re.MULTILINE)


@dataclass(frozen=True)
class SearchRecord:
    location: str  # URL relative to the site root, e.g. checklists/keikaku/#KK-01
    title: str  # plain text: the check question, the provision's label, the heading
    text: str  # plain text searched and quoted in the snippet
    kind: str  # CAUTION, PROVISION, PAGE or SECTION
    context: str = ""  # where it lives: the checklist, the ordinance, the page
    item_id: str = ""
    tags: tuple = ()
    cites: tuple = ()  # "ordinance-id|article|paragraph|item" with empty parts left out

    def as_json(self) -> dict:
        """Text fields HTML-escaped, as in MkDocs' own index: Material inserts titles as HTML,
        so plain text from data files must never reach it as markup (search_engine.js unescapes)."""
        record = {"location": self.location, "title": html.escape(self.title), "text": html.escape(self.text),
                  "kind": self.kind}
        if self.context:
            record["context"] = html.escape(self.context)
        if self.item_id:
            record["id"] = self.item_id
        if self.tags:
            record["kb_tags"] = [html.escape(tag) for tag in self.tags]  # not "tags": Material would render them twice
        if self.cites:
            record["cites"] = list(self.cites)
        return record


def html_to_text(markup: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


def markdown_to_text(markdown: str) -> str:
    """The words of a caution without Markdown punctuation, for searching and snippets."""
    text = _MD_LINK.sub(r"\1", markdown)
    text = _MD_ATTRS.sub("", text)
    text = _MD_MARKS.sub("", text)
    return _CJK_GAP.sub("", html_to_text(text))


def cite_key(ordinance_id: str, article: str, paragraph: int | None = None, item: int | None = None) -> str:
    parts = [ordinance_id, article]
    if paragraph is not None:
        parts.append(str(paragraph))
        if item is not None:
            parts.append(str(item))
    return "|".join(parts)


def caution_records(checklists: Iterable, page_url: Callable[[str], str]) -> list[SearchRecord]:
    records = []
    for checklist in checklists:
        url = page_url(checklist.page_src)
        summary = markdown_to_text(checklist.summary or "")
        records.append(SearchRecord(url, checklist.title, summary, PAGE, "チェックリスト"))
        for item in checklist.items:
            basis = "、".join(citation.ref.label for citation in item.basis)
            text = markdown_to_text(item.caution) + (f" 根拠: {basis}" if basis else "")
            cites = tuple(dict.fromkeys(
                cite_key(c.ref.ordinance_id, c.ref.article, c.ref.paragraph, c.ref.item) for c in item.basis))
            records.append(SearchRecord(f"{url}#{item.id}", item.check, text, CAUTION, checklist.title,
                                        item.id, tuple(item.tags), cites))
    return records


def provision_records(ordinances: Iterable, page_url: Callable[[str], str]) -> list[SearchRecord]:
    """A record for each article, and for each paragraph and item that can be cited alone."""
    records = []
    for ordinance in ordinances:
        url = page_url(ordinance.page_src)
        records.append(SearchRecord(url, ordinance.title, markdown_to_text(ordinance.purpose or ""), PAGE, "条例（抄）"))
        for article in ordinance.articles:
            caption = f"（{article.caption}）" if article.caption else ""
            words = []
            for paragraph in article.paragraphs:
                words.append(paragraph.text)
                words.extend(f"({item.number}) {item.text}" for item in paragraph.items)
            records.append(SearchRecord(
                f"{url}#{provision_anchor(article.number)}",
                f"{ordinance.short_title}{article_label(article.number)}{caption}", " ".join(words), PROVISION,
                ordinance.title, cites=(cite_key(ordinance.id, article.number),)))
            several = len(article.paragraphs) > 1
            for paragraph in article.paragraphs:
                if several:
                    records.append(SearchRecord(
                        f"{url}#{provision_anchor(article.number, paragraph.number)}",
                        provision_label(ordinance, article, paragraph.number, None),
                        paragraph.text + " " + " ".join(item.text for item in paragraph.items), PROVISION,
                        ordinance.title, cites=(cite_key(ordinance.id, article.number, paragraph.number),)))
                for item in paragraph.items:
                    records.append(SearchRecord(
                        f"{url}#{provision_anchor(article.number, paragraph.number, item.number)}",
                        provision_label(ordinance, article, paragraph.number, item.number), item.text, PROVISION,
                        ordinance.title, cites=(cite_key(ordinance.id, article.number, paragraph.number, item.number),)))
    return records


def section_records(material_docs: Iterable[dict], replaced_pages: set[str],
                    listing_pages: set[str] = frozenset()) -> list[SearchRecord]:
    """Material's records of the pages not rebuilt here, with the page title as their context.
    On `listing_pages` (the tag index) the lists are left out: they repeat the check question
    of every tagged caution, which has its own record. At 20,000 cautions they were almost
    half of all indexed text, and every search had to go through them."""
    docs = [doc for doc in material_docs if doc["location"].split("#", 1)[0] not in replaced_pages]
    docs = [{**doc, "text": _LIST.sub(" ", doc.get("text", ""))} if doc["location"].split("#", 1)[0] in listing_pages else doc
            for doc in docs]
    page_titles = {doc["location"]: html_to_text(doc["title"]) for doc in docs if "#" not in doc["location"]}
    records = []
    for doc in docs:
        page, _, anchor = doc["location"].partition("#")
        title = html_to_text(doc["title"])
        if anchor:
            records.append(SearchRecord(doc["location"], title, html_to_text(doc.get("text", "")), SECTION,
                                        page_titles.get(page, "")))
        else:
            records.append(SearchRecord(doc["location"], title, html_to_text(doc.get("text", "")), PAGE))
    return records


def training_records(training_paths: Iterable, caution: Callable, page_url: Callable[[str], str]) -> list[SearchRecord]:
    """A record for each training path, each of its steps (titled by what it reads, with its
    learning goal) and each self-check question (with its choices, explanation and basis)."""
    records = []
    for training in training_paths:
        url = page_url(training.page_src)
        context = f"研修の道筋: {training.title}"
        records.append(SearchRecord(url, training.title, f"対象: {training.audience} " + markdown_to_text(training.summary or ""),
                                    PAGE, "研修の道筋"))
        for number, step in enumerate(training.steps, start=1):
            if step.caution:
                found = caution(step.caution)
                target = f"{step.caution} {found[1].check}" if found else step.caution
            else:
                target = f"{step.page_title} › {step.section_title}" if step.page_title else step.section_title
            records.append(SearchRecord(f"{url}#step-{step.id}", f"ステップ {number}: {target}",
                                        f"学習目標: {step.goal}", SECTION, context))
        for number, question in enumerate(training.questions, start=1):
            basis = "、".join(c.ref.label for c in question.basis)
            text = (" ".join(question.choices) + " " + markdown_to_text(question.explanation)
                    + f" 留意事項: {question.caution} 根拠: {basis}")
            cites = tuple(dict.fromkeys(
                cite_key(c.ref.ordinance_id, c.ref.article, c.ref.paragraph, c.ref.item) for c in question.basis))
            records.append(SearchRecord(f"{url}#q-{question.id}", f"問{number} {question.question}", text, SECTION,
                                        context, cites=cites))
    return records


def ordinance_names(ordinances: Iterable) -> dict:
    """Every name staff may type before 第N条, per ordinance id (for citation queries)."""
    return {o.id: list(dict.fromkeys(o.names)) for o in ordinances}


def data_record_pages(kb) -> frozenset[str]:
    """The pages (src_uri) whose search records come from the knowledge base, not from Material:
    checklists, ordinances, training paths and their handouts (whose questions the training
    records already hold)."""
    training_paths = getattr(kb, "training_paths", [])
    return frozenset([c.page_src for c in kb.checklists] + [o.page_src for o in kb.ordinances]
                     + [t.page_src for t in training_paths] + [t.handout_src for t in training_paths])


def build_search_index(material_index: dict, kb, page_url: Callable[[str], str]) -> dict:
    """Material's search_index.json with its checklist and ordinance records replaced."""
    replaced = {page_url(src_uri) for src_uri in data_record_pages(kb)}
    training_paths = getattr(kb, "training_paths", [])
    records = (caution_records(kb.checklists, page_url) + provision_records(kb.ordinances, page_url)
               + training_records(training_paths, getattr(kb, "caution", None), page_url)
               + section_records(material_index.get("docs", []), replaced, {page_url(TAG_INDEX_SRC)}))
    config = dict(material_index.get("config", {}))
    # The engine reads its settings from `config`: Material hands the worker only config and docs.
    config["kb"] = {"version": 1, "ordinances": ordinance_names(kb.ordinances)}
    return {"config": config, "docs": [record.as_json() for record in records]}
