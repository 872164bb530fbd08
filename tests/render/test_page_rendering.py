"""Rendering: plain text is escaped, anchors are the item ids and provision numbers, links are
relative to the virtual sources, back-links list every citing caution."""
from hypothesis import given, settings, strategies as st
from pathlib import Path

from kyodo_kb.knowledge_base import load_knowledge_base
from kyodo_kb.render.pages import escape_text, relative_link, render_checklist_page, render_ordinance_page
from support import load_fixture_kb, make_project

from support import FIXTURES


def test_escape_text_neutralises_markdown_and_html():
    assert escape_text("<script>alert(1)</script> *強調* [リンク](x)") == (
        "&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\*強調\\* \\[リンク\\]\\(x\\)")


def test_relative_link_points_from_one_virtual_page_to_another():
    assert relative_link("checklists/a.md", "ordinances/b.md", "art9") == "../ordinances/b.md#art9"
    assert relative_link("index.md", "checklists/a.md") == "checklists/a.md"


def test_checklist_page_gives_each_item_its_id_as_anchor_and_links_its_basis(tmp_path):
    kb = load_fixture_kb(tmp_path)
    page = render_checklist_page(kb.checklists[0])
    assert '<div class="kb-item" data-item="AF-01" data-fingerprint="' in page
    assert ' markdown>\n\n## 役割分担を決めているか { #AF-01 }' in page
    assert "[市民活動推進条例第9条第1項第2号](../ordinances/shimin-katsudo.md#art9-para1-item2)" in page
    assert "[自治基本条例第26条第2項](../ordinances/jichi-kihon.md#art26-para2)" in page
    assert "[市民活動推進条例第8条第6号](../ordinances/shimin-katsudo.md#art8-para1-item6)" in page
    assert ('<a class="kb-tag" href="../../tags/#tag-%E5%AF%BE%E7%AD%89%E3%81%AA%E9%96%A2%E4%BF%82" '
            'title="タグ「対等な関係」の留意事項の一覧">対等な関係</a>') in page
    assert "{ #af-02 }" in page and 'data-item="af-02"' in page


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


def test_checklist_item_follows_the_markup_contract(tmp_path):
    kb = load_fixture_kb(tmp_path, "conditional.yml")
    page = render_checklist_page(kb.checklists[0])
    item = page[page.index('data-item="CD-03"'):]  # the last item of the page
    assert 'data-applies="{&quot;keitai&quot;:[&quot;itaku&quot;,&quot;hojo&quot;],&quot;kikan&quot;:[&quot;choki&quot;]}"' in item
    assert '<span class="kb-condition">委託・補助の場合</span> <span class="kb-condition">複数年度の場合</span>' in item
    check = kb.checklists[0].items[-1].check
    assert f'<fieldset class="kb-answer"><legend><span class="kb-sr-only">{check}</span><span aria-hidden="true">回答</span></legend>' in item
    for value, label in [("yes", "はい"), ("no", "いいえ"), ("na", "該当しない")]:
        assert f'<label><input type="radio" name="kb-answer-CD-03" value="{value}"> {label}</label>' in item
    assert item.index("kb-item-meta") < item.index("kb-answer") < item.index("kb-caution") < item.index(".kb-basis")


def test_checklist_page_carries_summary_with_content_version_and_profile_questions(tmp_path):
    from kyodo_kb.formats.checklist import content_version
    kb = load_fixture_kb(tmp_path, "conditional.yml")
    checklist = kb.checklists[0]
    page = render_checklist_page(checklist)
    assert f'data-checklist="conditional" data-version="{content_version(checklist)}"' in page
    assert 'aria-live="polite"' in page and '<progress class="kb-progress" max="3"' in page
    assert '<fieldset class="kb-profile-question" data-question="keitai"><legend>協働の形態はどれですか</legend>' in page
    assert '<input type="radio" name="kb-profile-kikan" value="choki"> 複数年度' in page


def test_checklist_without_profile_has_no_profile_form_and_no_conditions(tmp_path):
    page = render_checklist_page(load_fixture_kb(tmp_path).checklists[0])
    assert "kb-profile" not in page and "kb-condition" not in page and "data-applies" not in page


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("\\`*_{}[]()#+-.!|~<>&\"'a協 \n")), max_size=20))
def test_escape_text_equals_entities_then_a_backslash_before_markdown_characters(text):
    import html
    import re
    reference = re.sub(r"([\\`*_{}\[\]()#+\-.!|~>])", r"\\\1", html.escape(text, quote=False))
    assert escape_text(text) == reference


def test_item_fingerprint_changes_with_the_item_and_only_with_it(tmp_path):
    """Answers carry over editions per item: the fingerprint of an unchanged item stays."""
    import dataclasses
    from kyodo_kb.formats.checklist import item_fingerprint
    kb = load_fixture_kb(tmp_path, "conditional.yml")
    first, second = kb.checklists[0].items[:2]
    assert len(item_fingerprint(first)) == 10 and item_fingerprint(first) != item_fingerprint(second)
    assert item_fingerprint(dataclasses.replace(first, line=first.line + 5)) == item_fingerprint(first)
    assert item_fingerprint(dataclasses.replace(first, caution=first.caution + "。")) != item_fingerprint(first)
    assert f'data-fingerprint="{item_fingerprint(first)}"' in render_checklist_page(kb.checklists[0])
