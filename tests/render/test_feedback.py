"""ご意見・誤りの報告 links (kyodo_kb/render/feedback.py): the mailto URL and the caution markers."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from kyodo_kb.render.feedback import Feedback, fill_item_links, item_marker, link, mailto

FEEDBACK = Feedback("kb@example.invalid", "協働のガイドライン（補強版）（改訂日 2026-11-27）", "協働KB")


def decoded(url: str) -> tuple[str, dict]:
    parts = urlsplit(url)
    return parts.path, {key: values[0] for key, values in parse_qs(parts.query).items()}


def test_the_mailto_url_carries_page_item_and_edition_percent_encoded():
    url = mailto(FEEDBACK, "協働の形態別の留意事項", "checklists/keitai-betsu/", "KB-01")
    assert url.startswith("mailto:kb@example.invalid?subject=%E5%8D%94")
    assert " " not in url and "\n" not in url
    address, query = decoded(url)
    assert address == "kb@example.invalid"
    assert query["subject"] == "協働KB: ご意見・誤りの報告（協働の形態別の留意事項 KB-01）"
    assert query["body"] == ("（ご意見・誤りの内容をここに書いてください）\r\n\r\nページ: checklists/keitai-betsu/\r\n"
                             "項目: KB-01\r\n版: 協働のガイドライン（補強版）（改訂日 2026-11-27）\r\n")


def test_a_page_link_has_no_item_line():
    _, query = decoded(mailto(FEEDBACK, "用語集", "guideline/yogoshu/"))
    assert "項目:" not in query["body"] and query["subject"].endswith("（用語集）")


def test_each_caution_marker_becomes_its_link_and_attributes_are_escaped():
    html = "<div>" + item_marker("KB-01") + item_marker("KB-02") + "</div>"
    filled = fill_item_links(html, FEEDBACK, 'A"<b>', "a/")
    assert filled.count('<p class="kb-feedback-item"><a class="kb-feedback"') == 2
    assert "この項目について報告（メール）" in filled and "KB-02" in filled
    assert '"<b>' not in link(FEEDBACK, 'A"<b>', "a/")
