"""The chain in the browser: home -> checklist -> provision -> back to the caution, served
from a sub-path, with no outside request and no console error (checked by the `page` fixture)."""
import pytest

from kyodo_kb.tooling.project import PROJECT_ROOT as ROOT

pytestmark = pytest.mark.browser


def test_home_page_opens_and_links_to_the_checklists(page, site_url):
    page.goto(site_url)
    assert page.locator("h1").first.inner_text().rstrip("¶") == "協働のガイドライン ナレッジベース"
    page.get_by_role("link", name="チェックリスト一覧").first.click()
    page.wait_for_url("**/checklists/")
    assert page.locator("h1").first.inner_text().rstrip("¶") == "チェックリスト一覧"


def test_basis_link_lands_on_the_provision_and_back_link_returns_to_the_caution(page, site_url):
    page.goto(site_url + "checklists/kyodo-gensoku/")
    caution = page.locator("#KG-04")
    assert "公開する方法" in caution.inner_text()
    page.locator("#KG-04 ~ p.kb-basis a").first.click()
    page.wait_for_url("**/ordinances/shimin-katsudo/#art9-para1-item4")
    provision = page.locator("#art9-para1-item4")
    assert provision.is_visible()
    assert "事業の内容、過程及び結果を公開すること。" in provision.inner_text()
    assert provision.evaluate("el => el.getBoundingClientRect().top") < page.viewport_size["height"]
    provision.get_by_role("link", name="事業の内容、過程及び結果を公開する方法を決めているか").click()
    page.wait_for_url("**/checklists/kyodo-gensoku/#KG-04")
    assert page.locator("#KG-04").is_visible()


def test_every_cited_provision_of_the_demo_checklist_resolves(page, site_url):
    page.goto(site_url + "checklists/kyodo-gensoku/")
    hrefs = page.locator("p.kb-basis a").evaluate_all("links => links.map(a => a.href)")
    assert len(set(hrefs)) >= 5
    for href in sorted(set(hrefs)):
        page.goto(href)
        anchor = href.split("#", 1)[1]
        assert page.locator(f"[id='{anchor}']").count() == 1, href


def test_wrapped_japanese_caution_reads_without_stray_spaces(page, site_url):
    import re
    source = (ROOT / "checklists" / "keitai-betsu.yml").read_text(encoding="utf-8")
    assert "後援では原則として\n" in source  # the YAML wraps this caution mid-sentence
    page.goto(site_url + "checklists/keitai-betsu/")
    text = page.locator(".kb-item[data-item='KB-02'] .kb-caution").inner_text()
    assert "後援では原則として市は事故の責任" in text
    assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff、。] [\u3040-\u30ff\u4e00-\u9fff「]", text), text


def test_a_tag_on_a_caution_leads_to_that_tag_in_the_tag_index(page, site_url):
    page.goto(site_url + "checklists/kyodo-gensoku/")
    page.locator(".kb-item[data-item='KG-04'] a.kb-tag", has_text="公開").click()
    page.wait_for_url("**/tags/#tag-*")
    section = page.locator("[id='tag-公開']")
    assert section.is_visible()
    assert page.locator("a[href$='checklists/kyodo-gensoku/#KG-04']").count() >= 1
