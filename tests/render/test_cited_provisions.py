"""The cited provisions' text on a checklist page: verbatim from the ordinance files, a 号 with its
項's opening words, each provision once in the appendix."""
from kyodo_kb.formats.citations import CitationResolver
from kyodo_kb.knowledge_base import load_knowledge_base
from kyodo_kb.render.cited_provisions import provision_parts, render_provision_appendix
from support import ROOT


def setup():
    kb = load_knowledge_base(ROOT)
    return kb, {o.id: o for o in kb.ordinances}, CitationResolver(kb.ordinances)


def test_an_item_comes_with_its_paragraphs_opening_words_and_a_paragraph_with_its_items():
    kb, ordinances, resolve = setup()
    article9 = ordinances["shimin-katsudo"].article("9")
    paragraph = article9.paragraph(1)
    assert provision_parts(ordinances, resolve.resolve("市民活動推進条例第9条第1項第2号")) == [
        ("para", "第9条", paragraph.text), ("item", "(2)", paragraph.item(2).text)]
    whole = provision_parts(ordinances, resolve.resolve("市民活動推進条例第9条第1項"))
    assert whole[0] == ("para", "第9条", paragraph.text)
    assert [text for _, _, text in whole[1:]] == [item.text for item in paragraph.items]
    article = provision_parts(ordinances, resolve.resolve("市民活動推進条例第9条"))
    assert [n for kind, n, _ in article if kind == "para"] == ["第9条"] + [str(p.number) for p in article9.paragraphs[1:]]


def test_the_appendix_lists_each_cited_provision_once_with_the_items_citing_it():
    kb, ordinances, _ = setup()
    checklist = next(c for c in kb.checklists if c.id == "kyotei")
    text = "\n".join(render_provision_appendix(ordinances, checklist))
    labels = list(dict.fromkeys(c.ref.label for item in checklist.items for c in item.basis))
    for label in labels:
        assert text.count(f'<p class="kb-appendix-label">{label}（') == 1
    assert 'data-items="KT-01 KT-02"' in text
