"""ご意見・誤りの報告: `mailto:` links that open the staff member's mail with the page address, the item
id and the edition filled in. Nothing is sent by the site: no server, no request.

The page address is known at build time only as a path relative to the site (no site_url on the
intranet); feedback.js puts the address the reader actually has in its place.
"""
from __future__ import annotations

from dataclasses import dataclass
import html
import re
from urllib.parse import quote

PLACEHOLDER_NOTE = "要確認"
ITEM_MARKER = re.compile(r'<p class="kb-feedback-item" data-item="([^"]+)"></p>')


@dataclass(frozen=True)
class Feedback:
    address: str  # mkdocs.yml extra.feedback_address
    edition: str  # extra.kb_revision: edition and date
    site_name: str


def item_marker(item_id: str) -> str:
    """Where a caution's link goes (render/pages.py); the build fills it in (hooks/feedback_links.py)."""
    return f'<p class="kb-feedback-item" data-item="{html.escape(item_id, quote=True)}"></p>'


def subject(feedback: Feedback, title: str, item_id: str = "") -> str:
    return f"{feedback.site_name}: ご意見・誤りの報告（{title}{' ' + item_id if item_id else ''}）"


def body(feedback: Feedback, page_address: str, item_id: str = "") -> str:
    lines = ["（ご意見・誤りの内容をここに書いてください）", "", f"ページ: {page_address}"]
    if item_id:
        lines.append(f"項目: {item_id}")
    lines.append(f"版: {feedback.edition}")
    return "\n".join(lines) + "\n"


def mailto(feedback: Feedback, title: str, page_address: str, item_id: str = "") -> str:
    # RFC 6068: subject and body percent-encoded as UTF-8; line breaks as %0D%0A.
    encoded_body = quote(body(feedback, page_address, item_id).replace("\n", "\r\n"), safe="")
    return f"mailto:{feedback.address}?subject={quote(subject(feedback, title, item_id), safe='')}&body={encoded_body}"


def link(feedback: Feedback, title: str, page_address: str, item_id: str = "", text: str = "") -> str:
    attrs = {
        "class": "kb-feedback",
        "href": mailto(feedback, title, page_address, item_id),
        "data-kb-to": feedback.address,
        "data-kb-subject": subject(feedback, title, item_id),
        "data-kb-body": body(feedback, page_address, item_id),
        "data-kb-page": page_address,
    }
    label = text or ("この項目について報告（メール）" if item_id else "ご意見・誤りの報告（メール）")
    rendered = " ".join(f'{name}="{html.escape(value, quote=True)}"' for name, value in attrs.items())
    return f"<a {rendered}>{html.escape(label)}</a>"


def fill_item_links(page_html: str, feedback: Feedback, title: str, page_address: str) -> str:
    """Each caution's marker becomes its link."""
    return ITEM_MARKER.sub(
        lambda m: f'<p class="kb-feedback-item">{link(feedback, title, page_address, html.unescape(m.group(1)))}</p>',
        page_html)
