"""MkDocs glue: the ご意見・誤りの報告 links (mailto:) on every page and on every caution.

Events: `on_env` (the `kb_feedback_link` template filter overrides/main.html uses for the page's
link) and `on_page_content` (fills each caution's marker left by render/pages.py). The address is
mkdocs.yml `extra.feedback_address`; the build fails without it.
"""
from __future__ import annotations

from mkdocs.exceptions import PluginError

from kyodo_kb.render.feedback import Feedback, fill_item_links, link


def _feedback(config) -> Feedback:
    address = str(config.extra.get("feedback_address") or "").strip()
    if "@" not in address:
        raise PluginError("mkdocs.yml: extra.feedback_address にご意見・誤りの報告を受けるメールアドレスを書いてください")
    # The edition and date of the newest data/changelog.yml entry (the print blocks show the same).
    from kyodo_kb.build_state import build_state
    kb = build_state(config, need_kb=True).kb  # None while `make serve` shows data errors
    revision = kb.revision if kb is not None else None
    edition = f"{revision.edition}（改訂日 {revision.date.isoformat()}）" if revision else "（版の記録なし）"
    return Feedback(address=address, edition=edition, site_name=config.site_name)


def on_env(env, config, files):
    feedback = _feedback(config)
    env.filters["kb_feedback_link"] = lambda page: link(feedback, page.title or config.site_name, page.url or "./")
    return env


def on_page_content(html: str, page, config, files) -> str:
    if 'class="kb-feedback-item"' not in html:
        return html
    return fill_item_links(html, _feedback(config), page.title or "", page.url or "./")
