"""Search records: one per caution (titled by its check question, carrying its checklist, id,
tags and citations), one per citable provision, Material's records kept for other pages."""
from kyodo_kb.knowledge_base import load_knowledge_base
from kyodo_kb.outputs.search_records import (CAUTION, PAGE, PROVISION, SECTION, build_search_index, caution_records, cite_key,
                            html_to_text, markdown_to_text, provision_records, section_records)
from support import load_fixture_kb
from kyodo_kb.tooling.project import PROJECT_ROOT as ROOT


def page_url(src: str) -> str:
    return src[: -len("index.md")] if src.endswith("index.md") else src[: -len(".md")] + "/"


def test_markdown_to_text_keeps_the_words_and_drops_the_markup():
    text = markdown_to_text("**「いいえ」のとき**：[評価](hyoka.md#HY-02)で使います。\n\n- 名簿を<br>確かめる { #x }")
    assert text == "「いいえ」のとき：評価で使います。名簿を確かめる"  # no space between Japanese words


def test_html_to_text_unescapes_entities_and_collapses_space():
    assert html_to_text("<p>A &amp; B</p>\n<p>C</p>") == "A & B C"


def test_each_caution_is_its_own_record_landing_on_its_anchor(tmp_path):
    kb = load_fixture_kb(tmp_path)
    records = {r.location: r for r in caution_records(kb.checklists, page_url)}
    caution = records["checklists/all-fields/#AF-01"]
    assert caution.kind == CAUTION
    assert caution.title == "役割分担を決めているか"
    assert caution.context == "すべての項目を使うチェックリスト"
    assert caution.item_id == "AF-01"
    assert caution.tags == ("役割分担", "対等な関係")
    assert caution.cites == ("shimin-katsudo|9|1|2", "jichi-kihon|26|2", "shimin-katsudo|8|1|6")
    assert "根拠: 市民活動推進条例第9条第1項第2号" in caution.text
    assert records["checklists/all-fields/"].kind == PAGE


def test_cite_key_leaves_out_what_the_citation_does_not_name():
    assert cite_key("jichi-kihon", "26") == "jichi-kihon|26"
    assert cite_key("shimin-katsudo", "9", 1, 4) == "shimin-katsudo|9|1|4"


def test_provisions_have_records_for_article_paragraph_and_item(tmp_path):
    kb = load_fixture_kb(tmp_path)
    records = {r.location: r for r in provision_records(kb.ordinances, page_url)}
    article = records["ordinances/shimin-katsudo/#art9"]
    assert article.kind == PROVISION and article.title.startswith("市民活動推進条例第9条")
    assert records["ordinances/shimin-katsudo/#art9-para1"].cites == ("shimin-katsudo|9|1",)
    item = records["ordinances/shimin-katsudo/#art9-para1-item4"]
    assert item.title == "市民活動推進条例第9条第1項第4号"
    assert "公開" in item.text
    assert records["ordinances/jichi-kihon/#art26-para2"].cites == ("jichi-kihon|26|2",)


def test_material_records_of_other_pages_are_kept_with_their_page_as_context():
    docs = [{"location": "guideline/a/", "title": "協働とは", "text": "<p>前書き</p>"},
            {"location": "guideline/a/#x", "title": "条例が定める協働", "text": "<p>本文 &amp; 注</p>"},
            {"location": "checklists/k/", "title": "古い", "text": ""},
            {"location": "checklists/k/#K-1", "title": "古い項目", "text": ""}]
    records = section_records(docs, {"checklists/k/"})
    assert [(r.location, r.kind, r.context, r.text) for r in records] == [
        ("guideline/a/", PAGE, "", "前書き"), ("guideline/a/#x", SECTION, "協働とは", "本文 & 注")]


def test_index_replaces_checklist_and_ordinance_records_and_tells_the_engine_the_ordinance_names():
    kb = load_knowledge_base(ROOT)
    material = {"config": {"lang": ["ja"]}, "docs": [
        {"location": "checklists/keikaku/#KK-01", "title": "lunr の記録", "text": ""},
        {"location": "guideline/keitai/#koen", "title": "後援", "text": "<p>後援は</p>"}]}
    index = build_search_index(material, kb, page_url)
    locations = [doc["location"] for doc in index["docs"]]
    assert locations.count("checklists/keikaku/#KK-01") == 1
    kk01 = next(doc for doc in index["docs"] if doc["location"] == "checklists/keikaku/#KK-01")
    assert kk01["kind"] == CAUTION and kk01["id"] == "KK-01" and kk01["title"].endswith("か")
    assert "guideline/keitai/#koen" in locations
    assert index["config"]["lang"] == ["ja"]
    assert "市民活動推進条例" in index["config"]["kb"]["ordinances"]["shimin-katsudo"]
    every_item = {f"checklists/{c.id}/#{i.id}" for c in kb.checklists for i in c.items}
    assert every_item <= set(locations)


def test_the_tag_index_keeps_its_headings_and_descriptions_but_not_its_lists_of_cautions():
    from kyodo_kb.outputs.search_records import section_records
    docs = [
        {"location": "tags/", "title": "タグ一覧", "text": "<p>タグごとに並べています。</p>"},
        {"location": "tags/#tag-保険", "title": "保険",
         "text": "<p>事故への備えです。</p><ul><li><a href='x'>保険に入っているか</a>（実施・JS-04）</li></ul>"},
        {"location": "guideline/a/#x", "title": "節", "text": "<p>前</p><ul><li>箇条書きは残る</li></ul>"},
    ]
    records = {r.location: r for r in section_records(docs, set(), {"tags/"})}
    assert records["tags/#tag-保険"].title == "保険"
    assert records["tags/#tag-保険"].text == "事故への備えです。"
    assert records["guideline/a/#x"].text == "前 箇条書きは残る"


def test_line_breaks_of_the_source_leave_no_space_between_japanese_words():
    """Editors wrap cautions in YAML; a snippet must read 「話し合ったうえで、事業協力」, not 「…うえで、 事業協力」."""
    assert markdown_to_text("相手方と話し合ったうえで、\n事業協力、共催\nから選びます。\n\n次に NPO と\n話します。") == \
        "相手方と話し合ったうえで、事業協力、共催から選びます。次に NPO と話します。"


def test_training_steps_and_questions_are_records_of_their_page_and_the_handout_is_not_indexed():
    from kyodo_kb.knowledge_base import load_knowledge_base
    from kyodo_kb.outputs.search_records import build_search_index
    from support import ROOT

    kb = load_knowledge_base(ROOT)
    material = {"config": {}, "docs": [
        {"location": "training/shinsaiyo/", "title": "新採用", "text": "Material の記録"},
        {"location": "training/shinsaiyo/handout/", "title": "配布資料", "text": "問1 …"},
        {"location": "guideline/keitai/", "title": "協働の形態と選び方", "text": "本文"}]}
    index = build_search_index(material, kb, lambda src: src.removesuffix(".md").removesuffix("index") + "/"
                               if not src.endswith("index.md") else src.removesuffix("index.md"))
    docs = {d["location"]: d for d in index["docs"]}
    assert "training/shinsaiyo/handout/" not in docs
    assert docs["training/shinsaiyo/"]["text"].startswith("対象: 新採用職員")
    step = docs["training/shinsaiyo/#step-s03"]
    assert step["title"] == "ステップ 3: KG-01 事業の目的を相手方と話し合い、双方が同じ理解をしているか"
    assert step["text"].startswith("学習目標: ") and step["context"] == "研修の道筋: 新採用職員のための協働の基本"
    question = docs["training/shinsaiyo/#q-q05"]
    assert question["title"] == "問5 協働で行う事業で、公開することが原則とされているものはどれですか"
    assert "根拠: 市民活動推進条例第9条第1項第4号" in question["text"]
    assert question["cites"] == ["shimin-katsudo|9|1|4"]
