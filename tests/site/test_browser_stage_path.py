"""The first-timer's path (issue 15): the stage checklists each end with 「次の段階へ」, in the
order the home page lists them (both from the checklists' `stage` numbers); the last stage says
what follows; the chooser's outcome links to the stage checklists too."""
import pytest

from kyodo_kb.knowledge_base import load_knowledge_base
from kyodo_kb.render.stage_path import stage_checklists
from support import ROOT

pytestmark = pytest.mark.browser

SIZES = [{"width": 1366, "height": 768}, {"width": 390, "height": 844}]
HOME_STAGES = "h2#はじめて協働に取り組むとき + p + ol > li > ol > li > a:first-child"


def data_order():
    return [f"checklists/{c.id}/" for c in stage_checklists(load_knowledge_base(ROOT).checklists)]


@pytest.mark.parametrize("viewport", SIZES, ids=["desktop", "phone"])
def test_next_stage_walks_the_stages_in_the_home_pages_order_and_the_last_says_what_follows(page, site_url, viewport):
    page.set_viewport_size(viewport)
    page.goto(site_url)
    home = page.eval_on_selector_all(HOME_STAGES, "links => links.map(a => a.getAttribute('href'))")
    assert home == data_order() and len(home) == 6
    page.locator(HOME_STAGES).first.click()
    visited = []
    for _ in range(len(home)):
        page.wait_for_selector(".kb-next-stage")
        visited.append(page.url.removeprefix(site_url))
        nav = page.get_by_role("navigation", name="次の段階へ")
        link = nav.locator("a.kb-next-stage-link")
        link.scroll_into_view_if_needed()
        assert link.is_visible()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
        if len(visited) < len(home):
            assert "が済んだら、次の段階のチェックリストに進んでください" in nav.inner_text()
            link.click()
            page.wait_for_url(site_url + home[len(visited)])
    assert visited == home
    last = page.get_by_role("navigation", name="次の段階へ").inner_text()
    assert "は、最後の段階です。振り返りの結果を公開し、次の事業や関係づくりに生かします" in last
    assert "次の事業では、最初の段階から進めてください" in last
    assert page.locator(".kb-next-stage a.kb-next-stage-link").get_attribute("href") == "../kankeizukuri/"
    # not on paper
    page.emulate_media(media="print")
    assert page.locator(".kb-next-stage").is_hidden()


@pytest.mark.parametrize("viewport", SIZES, ids=["desktop", "phone"])
def test_a_checklist_that_is_not_a_stage_has_no_next_stage(page, site_url, viewport):
    page.set_viewport_size(viewport)
    page.goto(site_url + "checklists/teian/")
    assert page.locator(".kb-next-stage").count() == 0


@pytest.mark.parametrize("viewport", SIZES, ids=["desktop", "phone"])
def test_the_choosers_outcome_links_to_the_stage_checklists_in_order(page, site_url, viewport):
    page.set_viewport_size(viewport)
    page.goto(site_url + "chooser/keitai/")
    page.get_by_role("link", name="相手方が自主的に行う事業で、市が応援する").click()
    page.get_by_role("link", name="資金などを出して、相手方の事業を育てる").click()
    page.wait_for_selector("#kb-stages")
    links = page.locator("#kb-stages + p + ol > li > a:first-child")
    hrefs = [href.split("checklists/")[-1] for href in links.evaluate_all("ls => ls.map(a => a.href)")]
    assert ["checklists/" + h for h in hrefs] == data_order()
    assert page.locator(".kb-outcome-link").is_visible()  # the filtered form checklist stays
    links.nth(3).click()
    page.wait_for_url("**/checklists/kyotei/")
    assert page.locator("h1").inner_text().startswith("役割分担・協定")
