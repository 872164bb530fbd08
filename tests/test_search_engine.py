"""The search engine (docs/assets/javascripts/search_engine.js) on its own, in Chromium:
folding, citations, near phrases, item ids, highlighting. Every page loads it as KbSearch."""
import pytest

pytestmark = pytest.mark.browser

DOCS = [
    {"location": "checklists/a/#A-01", "title": "打合せの記録を残しているか", "text": "打合せのたびに記録します。",
     "kind": "caution", "context": "実施", "id": "A-01", "kb_tags": ["記録"], "cites": ["shimin-katsudo|9|1|4"]},
    {"location": "ordinances/s/#art19", "title": "市民活動推進条例第19条", "text": "委任について定める。",
     "kind": "provision", "context": "条例", "cites": ["shimin-katsudo|19"]},
    {"location": "ordinances/s/#art9", "title": "市民活動推進条例第9条（協働事業）", "text": "対等の立場に立ち",
     "kind": "provision", "context": "条例", "cites": ["shimin-katsudo|9"]},
    {"location": "guideline/g/#x", "title": "<用語>", "text": "ＮＰＯ法人とｻﾎﾟｰﾄｾﾝﾀｰ", "kind": "section", "context": "用語集"},
]
CONFIG = {"kb": {"ordinances": {"shimin-katsudo": ["茅ヶ崎市市民活動推進条例", "市民活動推進条例"]}}}


@pytest.fixture
def engine_page(page, site_url):
    page.goto(site_url)
    page.evaluate("([config, docs]) => { window.engine = new KbSearch.Engine(config, docs, {}); }", [CONFIG, DOCS])
    return page


def locations(page, query):
    return page.evaluate("q => engine.search(q).items.map(group => group[0].location)", query)


@pytest.mark.parametrize("text, folded", [
    ("ＮＰＯ", "npo"), ("ｶﾞｲﾄﾞﾗｲﾝ", "がいどらいん"), ("茅ヶ崎", "茅け崎"), ("茅ケ崎", "茅け崎"), ("ＫＫ－０１", "kk-01"),
])
def test_fold_makes_width_case_and_kana_variants_equal(engine_page, text, folded):
    assert engine_page.evaluate("t => KbSearch.fold(t)", text) == folded


@pytest.mark.parametrize("text, normal", [
    ("第九条第一項", "9条1項"), ("第二十六条", "26条"), ("第９条の２", "9条の2"), ("第一に", "第一に"),
])
def test_normalize_writes_citations_one_way(engine_page, text, normal):
    assert engine_page.evaluate("t => KbSearch.normalize(t)", text) == normal


def test_a_citation_matches_its_article_not_a_longer_number(engine_page):
    assert locations(engine_page, "第9条") == ["ordinances/s/#art9", "checklists/a/#A-01"]
    assert locations(engine_page, "市民活動推進条例第十九条") == ["ordinances/s/#art19"]


def test_okurigana_and_particles_may_differ(engine_page):
    assert locations(engine_page, "打ち合わせ") == ["checklists/a/#A-01"]
    assert locations(engine_page, "対等な立場") == ["ordinances/s/#art9"]


def test_an_item_id_finds_its_item_in_any_width_or_case(engine_page):
    assert locations(engine_page, "ａ－０１")[0] == "checklists/a/#A-01"


def test_a_missing_term_falls_back_to_records_with_the_others_and_is_flagged(engine_page):
    result = engine_page.evaluate("() => engine.search('記録 存在しない語').items[0][0]")
    assert result["location"] == "checklists/a/#A-01"
    assert result["terms"] == {"記録": True, "存在しない語": False}


def test_titles_are_escaped_and_matches_marked(engine_page):
    title = engine_page.evaluate("() => engine.search('npo').items[0][0].title")
    assert "&lt;用語&gt;" in title
    assert "<mark data-md-highlight>ＮＰＯ</mark>法人" in title
    assert engine_page.evaluate("() => engine.search('サポートセンター').items.length") == 1


def test_from_a_file_share_folder_links_point_at_index_html(engine_page):
    engine_page.evaluate("([config, docs]) => { window.engine = new KbSearch.Engine(config, docs, {fileUrls: true}); }",
                         [CONFIG, DOCS])
    assert locations(engine_page, "打合せ") == ["checklists/a/index.html#A-01"]
