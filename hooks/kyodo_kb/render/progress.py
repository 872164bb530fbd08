"""「このブラウザでの回答の状況」: a board on the home page (`<!-- kb:progress -->`) and the
checklist index that progress.js fills from the browser's storage (回答 6/9・いいえ 2 per
checklist), with the one button that clears everything the site stored there.

The page carries what the script needs to count like decision.js does: each checklist's items
with their fingerprints (an answer to changed text is 「再確認」, not answered) and conditions
(items hidden by the chosen form are not counted).
"""
from __future__ import annotations

import posixpath
import re

from kyodo_kb.formats.checklist import item_fingerprint
from kyodo_kb.formats.conditions import conditions_as_data
from kyodo_kb.render.pages import json_data_element

PROGRESS_MARKER = "<!-- kb:progress -->"
_MARKER_LINE = re.compile(r"^<!-- kb:progress -->[ \t]*$", re.MULTILINE)


def checklist_url(from_src: str, checklist_id: str) -> str:
    """The checklist page's address relative to the page at `from_src` (directory URLs: raw
    HTML links are not rewritten by MkDocs)."""
    folder = posixpath.dirname(from_src) or "."
    return posixpath.relpath(f"checklists/{checklist_id}", folder) + "/"


def progress_data(checklists, from_src: str) -> dict:
    return {"checklists": [
        {"id": c.id, "title": c.title, "href": checklist_url(from_src, c.id),
         "items": [[item.id, item_fingerprint(item), conditions_as_data(item.applies_when) or None]
                   for item in c.items]}
        for c in checklists]}


def render_progress_board(checklists, from_src: str) -> str:
    """The board (hidden until progress.js has filled it: without JavaScript nothing is counted)."""
    return "\n".join([
        '<section class="kb-my-progress" aria-labelledby="kb-my-progress-title" data-search-exclude="true" hidden>',
        json_data_element("kb-my-progress-data", progress_data(checklists, from_src)),
        '<h2 id="kb-my-progress-title">このブラウザでの回答の状況</h2>',
        '<p class="kb-my-progress-problem" role="status"></p>',
        '<p class="kb-my-progress-empty">このブラウザには、チェックリストの回答はまだ保存されていません。</p>',
        '<table class="kb-my-progress-table"><thead><tr><th scope="col">チェックリスト</th>'
        '<th scope="col">回答の状況</th></tr></thead><tbody></tbody></table>',
        '<div class="kb-clear-all">',
        '<p>回答・メモ・選んだ形態、書式の記入、研修の回答、改訂の確認の印など、このサイトがこのブラウザに保存した内容は、'
        'ここでまとめて消せます（消した直後は元に戻せます）。</p>',
        '<p><button type="button" class="md-button kb-clear-all-button">このサイトが保存した内容をすべて消す</button></p>',
        '<p class="kb-clear-all-status" role="status"></p>',
        "</div>",
        "</section>",
        "",
    ])


def replace_progress_marker(html: str, kb, page_src: str) -> str:
    """The marker line of a page's HTML (Markdown keeps the comment) -> the board; nothing while
    serving with data errors (the error pages say what is wrong)."""
    if kb is None:
        return _MARKER_LINE.sub("", html)
    board = render_progress_board(kb.checklists, page_src).rstrip("\n")
    return _MARKER_LINE.sub(lambda _: board, html)
