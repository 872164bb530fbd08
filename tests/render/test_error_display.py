"""How data errors are shown while serving (hooks/error_display.py)."""
from kyodo_kb.render.error_pages import error_page_sources, render_error_banner, render_error_page
from kyodo_kb.sources import rules
from kyodo_kb.sources.errors import DataError, SourceLocation

ERRORS = [DataError(SourceLocation("checklists/b.yml", 9), "items[1].check: <b>空</b>です", rules.FIELD_EMPTY),
          DataError(SourceLocation("checklists/a.yml", 3), "id: 「X」は使えません", rules.FIELD_INVALID_CHARACTERS)]


def test_the_banner_counts_lists_sorted_located_messages_and_escapes_html():
    banner = render_error_banner(ERRORS + ERRORS[:1])
    assert banner.startswith('!!! danger "データに 2 件の誤りがあります')
    lines = [line for line in banner.splitlines() if line.startswith("    - ")]
    assert lines == ["    - <code>checklists/a.yml:3: id: 「X」は使えません [field-invalid-characters]</code>",
                     "    - <code>checklists/b.yml:9: items[1].check: &lt;b&gt;空&lt;/b&gt;です [field-empty]</code>"]


def test_the_error_page_is_marked_so_it_gets_no_second_banner():
    page = render_error_page(ERRORS, "chooser/keitai/index.md")
    assert "kb_error_page: true" in page.split("---")[1] and "# データに誤りがあります" in page
    assert "[エラーメッセージと直し方](../../editing/errors.md)" in page


def test_error_pages_stand_in_for_every_generated_page_and_index():
    assert error_page_sources({"checklists": ["a", "b"], "ordinances": [], "flows": ["keitai"]}) == [
        "changelog.md", "tags/index.md", "editions/index.md", "checklists/index.md", "checklists/a.md", "checklists/b.md", "ordinances/index.md",
        "chooser/keitai/index.md", "flows/keitai.md"]
