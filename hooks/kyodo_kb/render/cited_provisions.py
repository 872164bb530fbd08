"""The cited provisions' verbatim text on a checklist page: a disclosure under each item's 根拠
(「条文を読む」, native <details>: keyboard-usable and named by its summary) and an appendix that
lists each provision the page cites once, printed when the reader asks for it (print.js).

The text is the ordinance file's text (the version in force, kyodo_kb.formats.ordinance), with
the numbers as the ordinance page prints them; nothing is paraphrased.
"""
from __future__ import annotations

import html

from kyodo_kb.formats.ordinance import article_label


def provision_parts(ordinances: dict, ref) -> list[tuple[str, str, str]]:
    """[(kind, number, text)] of the provision `ref` names, kind "para" or "item". A 号 comes
    with its 項's opening words (the 柱書), which it completes."""
    article = ordinances[ref.ordinance_id].article(ref.article)

    def paragraph_parts(paragraph, with_items: bool):
        number = article_label(article.number) if paragraph.number == 1 else str(paragraph.number)
        parts = [("para", number, paragraph.text)]
        if with_items:
            parts += [("item", f"({item.number})", item.text) for item in paragraph.items]
        return parts

    if ref.paragraph is None:
        return [part for paragraph in article.paragraphs for part in paragraph_parts(paragraph, True)]
    paragraph = article.paragraph(ref.paragraph)
    if ref.item is None:
        return paragraph_parts(paragraph, True)
    item = paragraph.item(ref.item)
    return paragraph_parts(paragraph, False) + [("item", f"({item.number})", item.text)]


def _body(parts) -> str:
    return "".join(f'<p class="kb-cited-{kind}"><span class="kb-provision-number">{html.escape(number)}</span> '
                   f"{html.escape(text)}</p>" for kind, number, text in parts)


def render_cited_texts(ordinances: dict, citations) -> list[str]:
    """Lines under an item's 根拠: one closed disclosure per citation."""
    lines = ['<div class="kb-cited-texts">']
    for citation in citations:
        ref = citation.ref
        lines.append(f'<details class="kb-cited"><summary>条文を読む: {html.escape(ref.label)}</summary>'
                     f'<div class="kb-cited-body">{_body(provision_parts(ordinances, ref))}</div></details>')
    lines += ["</div>", ""]
    return lines


def render_provision_appendix(ordinances: dict, checklist) -> list[str]:
    """The appendix of a checklist page: each cited provision once, in the order of first
    citation, with the items citing it (print.js leaves out those only hidden items cite)."""
    cited: dict = {}
    for item in checklist.items:
        for citation in item.basis:
            cited.setdefault(citation.ref.key, (citation.ref, []))[1].append(item.id)
    if not cited:
        return []
    lines = ['<section class="kb-provision-appendix" aria-labelledby="kb-provision-appendix-title" data-search-exclude="true">',
             '<p class="kb-provision-appendix-title" id="kb-provision-appendix-title">付録　根拠とした条例の規定</p>']
    for ref, item_ids in cited.values():
        lines.append(f'<div class="kb-appendix-entry" data-items="{html.escape(" ".join(item_ids))}">'
                     f'<p class="kb-appendix-label">{html.escape(ref.label)}（{html.escape("・".join(item_ids))}）</p>'
                     f"{_body(provision_parts(ordinances, ref))}</div>")
    lines += ["</section>", ""]
    return lines
