"""The tag index page: every tag with its cautions, ordered by data/tags.yml, one anchor each."""
from kyodo_kb.knowledge_base import load_knowledge_base
from kyodo_kb.render.tag_index import render_tag_index, tag_anchor
from support import error_lines, make_project
from support import load_fixture_kb


def test_tag_anchor_keeps_the_tag_text_and_replaces_characters_attr_list_cannot_take():
    assert tag_anchor("役割分担") == "tag-役割分担"
    assert tag_anchor("交流・連携") == "tag-交流・連携"
    assert tag_anchor("a b{c}") == "tag-a-b-c-"


def test_every_tag_gets_a_section_listing_its_cautions_with_links(tmp_path):
    kb = load_fixture_kb(tmp_path)
    page = render_tag_index(kb.checklists)
    assert "## 役割分担 { #tag-役割分担 .kb-tag-section }" in page
    assert "## 対等な関係 { #tag-対等な関係 .kb-tag-section }" in page
    assert "- [役割分担を決めているか](../checklists/all-fields.md#AF-01)（すべての項目を使うチェックリスト・AF-01）" in page
    assert "[役割分担（1）](#tag-役割分担)" in page


def test_descriptions_order_the_tags_and_unlisted_tags_follow(tmp_path):
    kb = load_fixture_kb(tmp_path)
    page = render_tag_index(kb.checklists, {"対等な関係": "互いの立場と役割を尊重し合う関係", "使われないタグ": "x"})
    assert page.index("## 対等な関係") < page.index("## 役割分担")
    assert "互いの立場と役割を尊重し合う関係" in page
    assert "使われないタグ" not in page


def test_the_loader_keeps_the_tag_list_in_file_order_and_the_page_uses_it(tmp_path):
    project = make_project(tmp_path, {})
    (project / "data").mkdir()
    (project / "data" / "tags.yml").write_text(
        "tags:\n  - name: 保険\n    description: 保険のこと\n  - name: 公開\n    description: 公開すること\n", encoding="utf-8")
    kb = load_knowledge_base(project)
    assert [(tag.name, tag.description, tag.line) for tag in kb.tags] == [("保険", "保険のこと", 2), ("公開", "公開すること", 4)]
    assert load_knowledge_base(make_project(tmp_path / "none", {})).tags is None


def test_a_broken_tag_list_is_a_data_error_of_the_one_loader(tmp_path):
    project = make_project(tmp_path, {})
    (project / "data").mkdir()
    (project / "data" / "tags.yml").write_text("tags: [\n", encoding="utf-8")
    assert error_lines(project) == [
        "data/tags.yml:2: YAML の書き方に誤りがあります（did not find expected node content） [yaml-syntax]"]
