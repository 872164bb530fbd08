"""Rendering: plain text is escaped, anchors are the item ids and provision numbers, links are
relative to the virtual sources, back-links list every citing caution."""
from pathlib import Path

from knowledge_base import load_knowledge_base
from page_rendering import escape_text, relative_link, render_checklist_page, render_ordinance_page
from test_checklist_model import make_project

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load_fixture_kb(tmp_path, name="all-fields.yml"):
    return load_knowledge_base(make_project(tmp_path, {name: (FIXTURES / "valid" / name).read_bytes()}))


def test_escape_text_neutralises_markdown_and_html():
    assert escape_text("<script>alert(1)</script> *強調* [リンク](x)") == (
        "&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\*強調\\* \\[リンク\\]\\(x\\)")


def test_relative_link_points_from_one_virtual_page_to_another():
    assert relative_link("checklists/a.md", "ordinances/b.md", "art9") == "../ordinances/b.md#art9"
    assert relative_link("index.md", "checklists/a.md") == "checklists/a.md"


def test_checklist_page_gives_each_item_its_id_as_anchor_and_links_its_basis(tmp_path):
    kb = load_fixture_kb(tmp_path)
    page = render_checklist_page(kb.checklists[0])
    assert "## 役割分担を決めているか { #AF-01 .kb-item }" in page
    assert "[市民活動推進条例第9条第1項第2号](../ordinances/shimin-katsudo.md#art9-para1-item2)" in page
    assert "[自治基本条例第26条第2項](../ordinances/jichi-kihon.md#art26-para2)" in page
    assert "[市民活動推進条例第8条第6号](../ordinances/shimin-katsudo.md#art8-para1-item6)" in page
    assert '<span class="kb-tag">対等な関係</span>' in page
    assert "{ #af-02 .kb-item }" in page


def test_ordinance_page_lists_citing_cautions_under_each_provision(tmp_path):
    kb = load_fixture_kb(tmp_path)
    page = render_ordinance_page(kb.ordinance("shimin-katsudo"), kb.citing_items)
    item6 = page.index('id="art8-para1-item6"')
    item7 = page.index('id="art8-para1-item7"')
    backlink = page.index("[役割分担を決めているか](../checklists/all-fields.md#AF-01)")
    assert item6 < backlink < item7
    assert "（抄）" in page and "この規定を根拠とする留意事項" in page


def test_ordinance_page_gives_every_provision_a_number_based_anchor(tmp_path):
    kb = load_fixture_kb(tmp_path)
    page = render_ordinance_page(kb.ordinance("shimin-katsudo"), kb.citing_items)
    anchors = ["art2", "art2-para1", "art2-para1-item2", "art8", *[f"art8-para1-item{n}" for n in range(1, 8)],
               "art9", "art9-para1", *[f"art9-para1-item{n}" for n in range(1, 5)], "art9-para2", "art9-para3"]
    for anchor in anchors:
        assert f'id="{anchor}"' in page or f"#{anchor} " in page, anchor
