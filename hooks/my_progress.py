"""MkDocs glue: 「このブラウザでの回答の状況」 where a page has the `<!-- kb:progress -->` line
(the home page); the checklist index gets it from kyodo_kb.render.pages.

Events: `on_page_content` (after hooks/page_safety.py has judged the page's own HTML), with the knowledge base hooks/knowledge_base_loading.py loaded.
The work is done by kyodo_kb.render.progress (the board) and docs/assets/javascripts/progress.js.
"""
from __future__ import annotations

from kyodo_kb.build_state import build_state
from kyodo_kb.render.progress import PROGRESS_MARKER, replace_progress_marker


def on_page_content(html: str, page, config, files) -> str:
    if PROGRESS_MARKER not in html:
        return html
    return replace_progress_marker(html, build_state(config, need_kb=True).kb, page.file.src_uri)
