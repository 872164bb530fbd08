"""Where a caution comes from (sources) and the form of a check: the rules of kyodo_kb.formats.provenance."""
from __future__ import annotations

import pytest

from kyodo_kb.formats.provenance import SOURCE_KINDS, Source, negative_ending
from kyodo_kb.knowledge_base import load_knowledge_base
from kyodo_kb.render.pages import render_checklist_page

from support import FIXTURES, make_project


@pytest.mark.parametrize("check, ending", [
    ("相手方の自主性と自立性を損なう進め方になっていないか", "ていないか"),
    ("提案の内容を団体の了解なく市の事業に使っていないか", "ていないか"),
    ("市と同じ重さの責任を求める言い方をしていないか", "ていないか"),
    ("団体に伝えていませんか", "ていませんか"),
    ("担い手が足りないか", "ないか"),
    ("結果を伝えなかったか", "なかったか"),
    ("話し合いを取り仕切りすぎていないか？", "ていないか"),
])
def test_a_check_ending_in_a_negative_form_is_found(check, ending):
    assert negative_ending(check) == ending


@pytest.mark.parametrize("check", [
    "事業の目的を相手方と共有しているか",
    "公開する資料に個人情報がないか確かめているか",  # the negation is inside; the question asks about checking
    "参加者が少ないか",  # an adjective ending in ない, not a negation
    "会場に危ないか所がないかを下見で確かめているか",
    "相手方の自主性と自立性を尊重した進め方にしているか",
    "説明できるか",
])
def test_a_positive_check_passes_even_with_a_negation_inside(check):
    assert negative_ending(check) is None


def test_the_source_kinds_are_a_closed_list_with_japanese_labels():
    assert [(k.id, k.label) for k in SOURCE_KINDS] == [
        ("seed", "委員会資料"), ("chigasaki", "茅ヶ崎市の資料"), ("other", "他自治体の例"), ("youkakunin", "要確認")]


def test_each_kind_is_named_on_the_page_with_its_label():
    assert Source("seed", "R3答申(5)", None, None, None, 1).label == "委員会資料（R3答申(5)）"
    assert Source("other", "協働 Q&A", "高松市", None, None, 1).label == "他自治体の例（高松市）：協働 Q&A"
    assert Source("youkakunin", None, None, "後援の基準", "後援名義の所管課", 1).label == "要確認（後援の基準。所管（見込み）: 後援名義の所管課）"


def test_the_page_shows_a_source_line_under_a_caution_with_sources(tmp_path):
    project = make_project(tmp_path, {"sources.yml": (FIXTURES / "valid" / "sources.yml").read_bytes()})
    checklist = load_knowledge_base(project).checklists[0]
    page = render_checklist_page(checklist)
    assert "**出典**: 委員会資料（R3答申\\(5\\)）\n{ .kb-sources }" in page
    assert "**出典**: 他自治体の例（逗子市）：後援名義の使用承認の申請、要確認（茅ヶ崎市の後援の基準。所管（見込み）: 後援名義の所管課）" in page
