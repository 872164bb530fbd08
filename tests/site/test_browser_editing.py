"""What editors and readers see: the 編集ガイド from the nav, its generated tables, the
last-updated date and the 改定履歴 page (no outside request, no console error: `page` fixture)."""
import re

import pytest

pytestmark = pytest.mark.browser


def test_the_editing_guide_is_reachable_from_the_nav_and_shows_the_field_table(page, site_url):
    page.goto(site_url)
    page.locator(".md-nav--primary").get_by_role("link", name="編集ガイド").first.click()
    page.wait_for_url("**/editing/")
    assert page.locator("h1").first.inner_text().rstrip("¶") == "編集ガイド"
    page.goto(site_url + "editing/checklists/")
    table = page.locator("table").nth(1)  # the second table: the fields of one item
    assert table.is_visible()
    assert "check" in table.inner_text() and "必須" in table.inner_text()


def test_a_citation_example_of_the_guide_links_to_its_provision(page, site_url):
    page.goto(site_url + "editing/citations/")
    page.get_by_role("link", name="自治基本条例第26条第2項").first.click()
    page.wait_for_url("**/ordinances/jichi-kihon/#art26-para2")
    assert page.locator("#art26-para2").is_visible()


def test_pages_show_the_last_updated_date_in_wareki_and_seireki(page, site_url):
    page.goto(site_url + "checklists/kyodo-gensoku/")
    fact = page.locator(".md-source-file__fact").first
    if fact.count() == 0:
        pytest.skip("built without git history")
    assert re.fullmatch(r"最終更新日 (令和(元|\d+)年\d+月\d+日)（\d{4}年\d+月\d+日）", fact.inner_text().strip())


def test_the_changelog_page_lists_revisions_with_dates(page, site_url):
    page.goto(site_url + "changelog/")
    heading = page.locator("h2").first
    assert re.match(r"令和(元|\d+)年\d+月\d+日（\d{4}年\d+月\d+日）", heading.inner_text())
