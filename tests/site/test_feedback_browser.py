"""ご意見・誤りの報告 in the browser: one link on every page and one on every caution; the mailto URL
the browser holds names the page's real address, the item and the edition, and is not followed."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from kyodo_kb.tooling.accessibility_audit import site_pages
from kyodo_kb.knowledge_base import load_knowledge_base
from kyodo_kb.tooling.project import PROJECT_ROOT

pytestmark = pytest.mark.browser

CONFIG = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
ADDRESS = next(line.split(":", 1)[1].strip() for line in CONFIG.splitlines() if line.strip().startswith("feedback_address:"))
REVISION = load_knowledge_base(PROJECT_ROOT).revision  # the newest data/changelog.yml entry


def read_mailto(href: str) -> tuple[str, dict]:
    parts = urlsplit(href)
    assert parts.scheme == "mailto"
    return parts.path, {key: values[0] for key, values in parse_qs(parts.query).items()}


def test_every_page_has_one_feedback_link_with_its_own_address(page, site_url, built_site):
    for path in site_pages(built_site):
        if path == "404.html":
            continue  # served from the root only (its assets are root-absolute)
        page.goto(site_url + path)
        links = page.locator(".kb-feedback-page a.kb-feedback")
        assert links.count() == 1, path
        address, query = read_mailto(links.get_attribute("href"))
        assert address == ADDRESS
        assert f"ページ: {site_url}{path}\r\n" in query["body"], path
        assert f"版: {REVISION.edition}（改訂日 {REVISION.date.isoformat()}）" in query["body"]


def test_every_caution_has_a_feedback_link_with_its_item_id(page, site_url):
    page.goto(site_url + "checklists/keitai-betsu/?x=1#KB-02")
    items = page.locator(".kb-item")
    assert items.count() > 0
    for index in range(items.count()):
        item = items.nth(index)
        item_id = item.get_attribute("data-item")
        _, query = read_mailto(item.locator("a.kb-feedback").get_attribute("href"))
        assert query["body"] == (
            "（ご意見・誤りの内容をここに書いてください）\r\n\r\n"
            f"ページ: {site_url}checklists/keitai-betsu/\r\n項目: {item_id}\r\n"
            f"版: {REVISION.edition}（改訂日 {REVISION.date.isoformat()}）\r\n")
        assert query["subject"] == f"協働のガイドライン ナレッジベース: ご意見・誤りの報告（協働の形態別の留意事項 {item_id}）"
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.locator('.kb-item[data-item="KB-01"] a.kb-feedback').evaluate("a => a.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}))")
    assert [url for url in requests if not url.startswith(site_url)] == []
