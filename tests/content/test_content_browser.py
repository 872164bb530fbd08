"""A new staff member's path through the content in a real browser: home -> 協働の進め方 ->
a stage's checklist -> the provision behind a caution -> back to that caution."""
import pytest

pytestmark = pytest.mark.browser

CAUTION = "KK-05"
CHECK = "事業の内容が固まる前の、計画をつくる段階から相手方に加わってもらっているか"


def heading(page) -> str:
    return page.locator("article h1").first.inner_text().rstrip("¶").strip()


def test_from_home_to_a_stage_checklist_to_its_provision_and_back(page, site_url):
    page.goto(site_url)
    page.get_by_role("link", name="協働の進め方", exact=True).first.click()
    page.wait_for_url("**/guideline/susumekata/")
    assert heading(page) == "協働の進め方"

    page.locator("article a[href$='checklists/keikaku/']").first.click()
    page.wait_for_url("**/checklists/keikaku/")
    caution = page.locator(f"[id='{CAUTION}']")
    assert caution.inner_text().rstrip("¶").strip() == CHECK

    page.locator(f"[id='{CAUTION}'] ~ p.kb-basis a").first.click()
    page.wait_for_url("**/ordinances/shimin-katsudo/#art9-para3")
    provision = page.locator("#art9-para3")
    assert provision.is_visible()
    assert "その計画の策定から市民活動を行うものと協働するよう努めるものとする。" in provision.inner_text()

    provision.get_by_role("link", name=CHECK).click()
    page.wait_for_url(f"**/checklists/keikaku/#{CAUTION}")
    assert page.locator(f"[id='{CAUTION}']").is_visible()


def test_guideline_links_to_a_provision_land_on_its_anchor(page, site_url):
    page.goto(site_url + "guideline/kyodo-towa/")
    page.locator("article a[href$='ordinances/jichi-kihon/#art26-para2']").first.click()
    page.wait_for_url("**/ordinances/jichi-kihon/#art26-para2")
    assert "自らの自由な意思に基づき" in page.locator("#art26-para2").inner_text()


def test_glossary_terms_carry_a_definition_without_javascript(page, site_url):
    page.goto(site_url + "guideline/keitai/")
    titles = page.locator("article abbr[title]").evaluate_all("els => els.map(e => e.textContent + '=' + e.title)")
    assert any(t.startswith("共催=") for t in titles), titles
    page.locator("article a[href$='yogoshu/#kyoteisho']").first.click()
    page.wait_for_url("**/guideline/yogoshu/#kyoteisho")
    assert page.locator("#kyoteisho").is_visible()
