"""MkDocs glue: fills the markers in the 編集ガイド (docs/editing/) with tables made from the code.

Events: `on_page_markdown` (replaces the markers, with the knowledge base that
hooks/knowledge_base_loading.py loaded). Markers:
`<!-- kb:fields NAME -->` (field table, hooks/field_docs.py), `<!-- kb:citations -->` (accepted
citation forms resolved against the recorded ordinances, hooks/citation_docs.py),
`<!-- kb:errors -->` and `<!-- kb:warnings -->` (hooks/error_catalogue.py), `<!-- kb:tags -->`
(the tags in data/tags.yml), `<!-- kb:source-kinds -->` (the closed list of source kinds),
`<!-- kb:notation-rules -->` (the 表記 rules of data/hyoki.yml). An unknown marker fails the build with its file and line.
"""
from __future__ import annotations

from pathlib import Path
import re

from mkdocs.exceptions import PluginError

from kyodo_kb.build_state import build_state
from kyodo_kb.editing.citation_docs import render_citation_table
from kyodo_kb.formats.citations import CitationResolver
from kyodo_kb.editing.error_catalogue import ERRORS, WARNINGS, render_message_table
from kyodo_kb.editing.field_docs import FIELD_TABLES, render_field_table, render_notation_rules, render_source_kinds
from kyodo_kb.render.pages import escape_text
from kyodo_kb.formats.tags import TAG_LIST_PATH

MARKER = re.compile(r"^<!-- kb:(?P<name>[a-z-]+)(?: (?P<arg>[a-z-]+))? -->$", re.MULTILINE)


def render_tags(tags: list) -> str:
    if not tags:
        return f"（{TAG_LIST_PATH} にタグがありません）\n"
    lines = ["| タグ | 付ける項目 |", "| --- | --- |"]
    lines += [f"| {escape_text(tag.name)} | {escape_text(tag.description)} |" for tag in tags]
    return "\n".join(lines) + "\n"


def on_page_markdown(markdown: str, page, config, files) -> str:
    if "<!-- kb:" not in markdown:
        return markdown
    root = Path(config.config_file_path).resolve().parent
    kb = build_state(config, need_kb=True).kb

    def replace(match: re.Match) -> str:
        name, arg = match.group("name"), match.group("arg")
        if name == "fields" and arg in FIELD_TABLES:
            return render_field_table(arg)
        if name == "citations" and kb is not None:
            return render_citation_table(CitationResolver(kb.ordinances), page.file.src_uri)
        if name == "citations":
            return "（データに誤りがあるため、表を作れませんでした）\n"
        if name == "errors":
            return render_message_table(ERRORS)
        if name == "warnings":
            return render_message_table(WARNINGS)
        if name == "tags":
            return render_tags(list(kb.tags or ()) if kb is not None else [])
        if name == "source-kinds":
            return render_source_kinds()
        if name == "progress":  # filled in the page's HTML by hooks/my_progress.py
            return match.group(0)
        if name == "notation-rules":
            return render_notation_rules(list(kb.notation or ()) if kb is not None else [])
        source = page.file.content_string  # with the front matter, so the line is the file's line
        line = source.count("\n", 0, max(source.find(match.group(0)), 0)) + 1
        docs = Path(config.docs_dir).resolve().relative_to(root).as_posix()
        raise PluginError(f"{docs}/{page.file.src_uri}:{line}: 差し込みの指定「{match.group(0)}」は使えません。"
                          f"使えるもの: kb:fields（{'、'.join(FIELD_TABLES)}）、kb:citations、kb:errors、kb:warnings、kb:tags、kb:source-kinds、kb:notation-rules")

    return MARKER.sub(replace, markdown)
