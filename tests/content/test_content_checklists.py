"""The shipped checklists are the content staff come for: enough cautions, each actionable,
every provision of the ordinance data cited, tags from the maintained list."""
from __future__ import annotations

from pathlib import Path

import pytest

from kyodo_kb.knowledge_base import load_knowledge_base
from kyodo_kb.formats.ordinance import provision_anchor
from kyodo_kb.sources.yaml_source import YamlMapping, load_yaml_file

from support import ROOT

STAGE_CHECKLISTS = ["kankeizukuri", "keikaku", "sentei", "kyotei", "jisshi", "hyoka"]
SITUATION_CHECKLISTS = ["teian", "genki-kikin", "support-center"]
# The provisions the seed quotes; all of them are in ordinances/ and each must back a caution.
SEED_PROVISIONS = (
    [("jichi-kihon", "art26-para1"), ("jichi-kihon", "art26-para2"), ("shimin-katsudo", "art2-para1-item2")]
    + [("shimin-katsudo", f"art8-para1-item{n}") for n in range(1, 8)]
    + [("shimin-katsudo", f"art9-para1-item{n}") for n in range(1, 5)]
    + [("shimin-katsudo", "art9-para2"), ("shimin-katsudo", "art9-para3")]
)
# Words staff type into the search box; each must be a tag (or part of one).
SEARCH_WORDS = ["保険", "個人情報", "対等", "公開", "補助金", "げんき基金", "役割分担", "協定書", "事故", "著作権", "安全管理", "会計", "目的の共有", "評価"]
# The browser test of the foundation relies on these items and their citations.
DEMO_ITEMS = {
    "KG-01": ["市民活動推進条例第9条第1項第1号"],
    "KG-02": ["市民活動推進条例第9条第1項第2号", "自治基本条例第26条第1項"],
    "KG-03": ["市民活動推進条例第9条第1項第3号"],
    "KG-04": ["市民活動推進条例第9条第1項第4号"],
    "KG-05": ["市民活動推進条例第9条第2項"],
}


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base(ROOT)


def all_items(kb):
    return [(checklist, item) for checklist in kb.checklists for item in checklist.items]


def leaf_provisions(kb) -> set:
    """Every citable provision that has no smaller part: items, or paragraphs without items."""
    leaves = set()
    for ordinance in kb.ordinances:
        for article in ordinance.articles:
            for paragraph in article.paragraphs:
                if paragraph.items:
                    leaves |= {(ordinance.id, provision_anchor(article.number, paragraph.number, i.number)) for i in paragraph.items}
                else:
                    leaves.add((ordinance.id, provision_anchor(article.number, paragraph.number)))
    return leaves


def test_there_is_a_checklist_for_every_stage_and_named_situation(kb):
    ids = {c.id for c in kb.checklists}
    missing = [i for i in STAGE_CHECKLISTS + SITUATION_CHECKLISTS + ["kyodo-gensoku"] if i not in ids]
    assert not missing, f"チェックリストがありません: {missing}"


def test_there_are_at_least_sixty_cautions(kb):
    assert len(all_items(kb)) >= 60


def shown_counts(checklist) -> list:
    """How many items staff see: all of them, or for a checklist with a profile question, the
    items that apply to each single answer (the page hides the others once it is answered)."""
    if not checklist.profile:
        return [len(checklist.items)]
    counts = []
    for question in checklist.profile:
        for option in question.options:
            counts.append(sum(1 for item in checklist.items
                              if all(c.question != question.id or option.id in c.options for c in item.applies_when)))
    return counts


def test_checklists_stay_short_enough_to_use(kb):
    long = [f"{c.id}: {shown_counts(c)} 件" for c in kb.checklists if not all(3 <= n <= 9 for n in shown_counts(c))]
    assert not long, f"1つのチェックリスト（形態などを選んだ後に見える項目）は3〜9項目にしてください: {long}"


def test_every_check_is_a_one_line_question_ending_in_ka(kb):
    bad = [f"{item.id}: {item.check!r}" for _, item in all_items(kb)
           if not item.check.strip() or "\n" in item.check.strip() or not item.check.strip().endswith("か")]
    assert not bad, "確認すること（check）は「か」で終わる1行の問いにしてください:\n" + "\n".join(bad)


def test_every_caution_says_what_to_do_when_the_answer_is_no(kb):
    short = [item.id for _, item in all_items(kb) if len(item.caution.strip()) < 60]
    assert not short, f"留意事項が短すぎます（何に気をつけるか、なぜかを書いてください）: {short}"
    no_action = [item.id for _, item in all_items(kb) if "「いいえ」のとき" not in item.caution]
    assert not no_action, f"留意事項に「いいえ」のときにすることがありません: {no_action}"


def test_the_seed_provisions_are_exactly_the_citable_leaves_of_the_data(kb):
    assert leaf_provisions(kb) == set(SEED_PROVISIONS)


# Provisions whose words support no caution for staff, so no caution cites them (issue 14's basis
# review): 自治基本条例第26条第2項 is an effort duty of 市民 toward each other, not a duty of the city.
# The ordinance page and 「協働とは」 still quote it.
NOT_A_BASIS = {("jichi-kihon", "art26-para2")}


@pytest.mark.parametrize("provision", [p for p in SEED_PROVISIONS if p not in NOT_A_BASIS], ids=lambda p: f"{p[0]}#{p[1]}")
def test_every_seed_provision_backs_at_least_one_caution(kb, provision):
    assert kb.citing_items.get(provision), f"{provision} を根拠とする留意事項がありません"


@pytest.mark.parametrize("provision", sorted(NOT_A_BASIS), ids=lambda p: f"{p[0]}#{p[1]}")
def test_provisions_that_support_no_caution_are_not_cited(kb, provision):
    assert not kb.citing_items.get(provision), f"{provision} は職員の留意事項の根拠になりません"


def test_every_stage_checklist_cites_at_least_one_provision(kb):
    uncited = [c.id for c in kb.checklists if not any(item.basis for item in c.items)]
    assert not uncited


def test_demo_checklist_keeps_the_items_the_browser_test_uses(kb):
    demo = next(c for c in kb.checklists if c.id == "kyodo-gensoku")
    basis = {item.id: [citation.text for citation in item.basis] for item in demo.items}
    for item_id, expected in DEMO_ITEMS.items():
        assert basis.get(item_id) == expected, item_id
    assert len({c.ref.key for item in demo.items for c in item.basis}) >= 5


@pytest.fixture(scope="module")
def tag_list() -> list:
    loaded = load_yaml_file(ROOT / "data/tags.yml", "data/tags.yml")
    assert not loaded.errors, loaded.errors
    assert isinstance(loaded.root, YamlMapping)
    entries = []
    for node in loaded.root.entries["tags"].items:
        name = node.entries["name"].value
        description = node.entries["description"].value
        entries.append((name, description, node.line))
    return entries


def test_tag_list_has_unique_names_with_descriptions(tag_list):
    names = [name for name, _, _ in tag_list]
    assert len(names) == len(set(names)), "data/tags.yml に同じタグが2回あります"
    assert all(isinstance(d, str) and d.strip() and "\n" not in d.strip() for _, d, _ in tag_list)


def test_every_tag_used_is_in_the_tag_list(kb, tag_list):
    known = {name for name, _, _ in tag_list}
    unknown = sorted({f"{item.id}: {tag}" for _, item in all_items(kb) for tag in item.tags if tag not in known})
    assert not unknown, "data/tags.yml にないタグが使われています:\n" + "\n".join(unknown)


def test_every_listed_tag_is_used(kb, tag_list):
    used = {tag for _, item in all_items(kb) for tag in item.tags}
    unused = [name for name, _, _ in tag_list if name not in used]
    assert not unused, f"どの項目にも使われていないタグがあります: {unused}"


@pytest.mark.parametrize("word", SEARCH_WORDS)
def test_search_words_staff_use_are_tags(kb, word):
    assert any(word in tag for _, item in all_items(kb) for tag in item.tags)
