"""The search engine (docs/assets/javascripts/search_engine.js) on its own, in Chromium:
folding, citations, near phrases, item ids, highlighting. Loaded into a page, it is KbSearch."""
import pytest

from kyodo_kb.tooling.browser import serve_directory
from support import ROOT

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


@pytest.fixture(scope="module")
def scripts_url():
    """The engine's folder served on its own: the engine needs no site build."""
    server, url = serve_directory(ROOT / "docs" / "assets" / "javascripts")
    yield url
    server.shutdown()


@pytest.fixture
def engine_page(page, scripts_url):
    page.route(scripts_url + "blank.html", lambda route: route.fulfill(
        content_type="text/html", body="<!doctype html><html lang='ja'><meta charset='utf-8'><title>engine</title></html>"))
    page.goto(scripts_url + "blank.html")
    page.add_script_tag(url=scripts_url + "search_engine.js")
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


def test_the_first_results_of_many_are_those_a_full_sort_gives(engine_page):
    # Many ties, so the tie-break (record order) decides too.
    same = engine_page.evaluate("""() => {
      let seed = 7; const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      const checks = [];
      for (const size of [0, 1, 49, 50, 51, 199, 200, 201, 1000, 5000]) {
        const scores = Array.from({length: size}, () => Math.floor(random() * 20));
        const before = (a, b) => scores[b] - scores[a] || a - b;
        const values = scores.map((_, i) => i);
        const expected = values.slice().sort(before).slice(0, 50);
        checks.push(JSON.stringify(KbSearch.firstInOrder(values.slice(), 50, before)) === JSON.stringify(expected));
      }
      return checks;
    }""")
    assert same == [True] * 10


def test_a_many_result_query_ranks_like_before_and_counts_them_all(engine_page):
    result = engine_page.evaluate("""() => {
      const docs = [];
      for (let i = 0; i < 600; i++) docs.push({location: `c/#X-${i}`, title: `確認 ${i}`, kind: "caution",
        text: "打合せ".repeat(1 + (i * 7) % 5) + "の記録", id: `X-${i}`});
      const engine = new KbSearch.Engine({}, docs, {});
      const found = engine.search("打合せ");
      return {total: found.total, first: found.items.map(g => g[0].location)};
    }""")
    assert result["total"] == 600 and len(result["first"]) == 50
    # More mentions score higher; equal scores keep the order of the records.
    numbers = [int(location.split("-")[1]) for location in result["first"]]
    assert all((n * 7) % 5 == 4 for n in numbers[:10]) and numbers[:3] == sorted(numbers[:3])


def test_the_snippet_of_a_long_page_shows_a_mark_far_into_it(engine_page):
    snippet = engine_page.evaluate("""() => {
      const text = "あいうえお".repeat(2000) + "ｻﾎﾟｰﾄｾﾝﾀｰの開館時間" + "かきくけこ".repeat(100);
      const engine = new KbSearch.Engine({}, [{location: "p/", title: "長いページ", kind: "page", text: text}], {});
      return engine.search("サポートセンター").items[0][0].title;
    }""")
    assert "<mark data-md-highlight>ｻﾎﾟｰﾄｾﾝﾀｰ</mark>" in snippet


def test_a_record_found_only_by_what_it_cites_scores_by_its_citation(engine_page):
    assert locations(engine_page, "第9条第1項第4号")[0] == "checklists/a/#A-01"
    # Citing another item of the same article is not a match, and the text does not mention it.
    assert locations(engine_page, "第9条第1項第3号") == []


def test_a_resemblance_query_gives_the_same_results_when_its_bigrams_are_reused(engine_page):
    # 記録残し is not in the text, nor near it (記録を残し): found through its bigrams, which the engine keeps.
    first = engine_page.evaluate("q => JSON.stringify(engine.search(q))", "記録残し")
    again = engine_page.evaluate("q => JSON.stringify(engine.search(q))", "記録残し")
    assert engine_page.evaluate("() => engine.gramCache.size") == 3
    assert first == again and "A-01" in first


def make_engine(page, docs):
    page.evaluate("([config, docs]) => { window.engine = new KbSearch.Engine(config, docs, {}); }", [CONFIG, docs])


def test_a_phrase_found_nowhere_falls_back_to_its_parts(engine_page):
    """委託と協働の違い occurs nowhere as typed: its parts 委託 and 協働 are searched instead."""
    make_engine(engine_page, DOCS + [
        {"location": "guideline/keitai/#itaku", "title": "委託", "text": "委託は、市が行うべき業務を協働の相手方に任せる形態です。", "kind": "section"},
        {"location": "guideline/kyodo/#x", "title": "協働とは", "text": "協働の考え方", "kind": "section"},
    ])
    found = locations(engine_page, "委託と協働の違い")
    assert found and found[0] == "guideline/keitai/#itaku"


def test_staff_pages_come_before_editors_pages_for_the_same_words(engine_page):
    make_engine(engine_page, [
        {"location": "editing/#hoken", "title": "ボランティア保険の書き方", "text": "ボランティア保険", "kind": "section"},
        {"location": "tags/#tag-保険", "title": "保険", "text": "ボランティア保険", "kind": "section"},
        {"location": "guideline/keitai/#hoken", "title": "事故と保険", "text": "ボランティア保険に入っているか確かめます。", "kind": "section"},
    ])
    assert locations(engine_page, "ボランティア保険")[0] == "guideline/keitai/#hoken"


def test_the_words_as_typed_go_to_the_highlight_on_the_target_page(engine_page):
    make_engine(engine_page, [{"location": "guideline/x/", "title": "ボランティア保険", "text": "ボランティア保険に入る", "kind": "page"}])
    item = engine_page.evaluate("() => engine.search('ボランティア保険').items[0][0]")
    assert item["terms"] == {"ボランティア保険": True}  # not the folded ぼらんてぃあ保険, which the page does not contain
