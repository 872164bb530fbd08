"""Renders the 改定履歴 page (newest revision first) from data/changelog.yml."""
from __future__ import annotations

from kyodo_kb.formats.changelog import Revision, version_anchor
from kyodo_kb.render.pages import escape_text
from kyodo_kb.render.wareki import format_both

CHANGELOG_PAGE = "changelog.md"


def render_changelog_page(revisions: list[Revision]) -> str:
    lines = [
        "---",
        "title: 改定履歴",
        "---",
        "",
        "# 改定履歴",
        "",
        "このガイドラインとナレッジベースの改定の記録です（新しい順）。",
        "",
    ]
    if not revisions:
        lines += ["まだ記録はありません。", ""]
    for revision in revisions:
        lines += [f"## {format_both(revision.date)}　{escape_text(revision.version)}版 {{ #{version_anchor(revision.version)} }}", "",
                  f"**区分**: {escape_text(revision.change_label)}", "{ .kb-change-kind-line }", ""]
        if revision.change_note:
            lines += [f"**変更の要点**: {revision.change_note}", "{ .kb-change-note }", ""]
        lines += [revision.summary, ""]
    return "\n".join(lines) + "\n"

