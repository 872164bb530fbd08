"""Soft line breaks between Japanese lines disappear; everything else keeps its lines."""
import markdown

from kyodo_kb.render.cjk_soft_breaks import CjkSoftBreakExtension, join_soft_breaks


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["admonition", "pymdownx.superfences", CjkSoftBreakExtension()])


def test_lines_of_one_japanese_paragraph_are_joined_without_a_space():
    assert render("協働は目的の共有から始まります。\n双方で確認してください。") == "<p>協働は目的の共有から始まります。双方で確認してください。</p>"


def test_a_line_starting_with_a_link_or_bold_after_japanese_is_joined():
    assert join_soft_breaks(["詳しくは", "[協働とは](a.md)を見てください。"]) == ["詳しくは[協働とは](a.md)を見てください。"]
    assert join_soft_breaks(["[協働とは](a.md)", "を見てください。"]) == ["[協働とは](a.md)を見てください。"]


def test_english_lines_paragraphs_lists_and_hard_breaks_are_kept():
    assert join_soft_breaks(["See the guide", "for details"]) == ["See the guide", "for details"]
    assert join_soft_breaks(["一つ目の段落です。", "", "二つ目の段落です。"]) == ["一つ目の段落です。", "", "二つ目の段落です。"]
    assert join_soft_breaks(["次のとおりです。", "- 項目"]) == ["次のとおりです。", "- 項目"]
    assert join_soft_breaks(["改行します。  ", "次の行です。"]) == ["改行します。  ", "次の行です。"]
    assert join_soft_breaks(["表の前です。", "| 列 |"]) == ["表の前です。", "| 列 |"]


def test_indented_continuations_inside_admonitions_are_joined():
    html = render('!!! note "注意"\n\n    一行目です。\n    二行目です。\n')
    assert "<p>一行目です。二行目です。</p>" in html


def test_fenced_code_is_not_touched():
    html = render("```\n日本語の\nコード\n```")
    assert "日本語の\nコード" in html


def test_text_helper_joins_markdown_that_lands_inside_html_blocks_but_not_code():
    from kyodo_kb.render.cjk_soft_breaks import join_soft_breaks_text
    assert join_soft_breaks_text("一行目、\n二行目。\n```\nコード\nの行\n```") == "一行目、二行目。\n```\nコード\nの行\n```"
