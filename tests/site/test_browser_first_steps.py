"""The home page's path for a first collaboration: principles, the chooser, then the stage
checklists in their order, with the paperwork sheets at the stages that use them."""
import pytest

pytestmark = pytest.mark.browser

STAGES = ["kankeizukuri", "keikaku", "sentei", "kyotei", "jisshi", "hyoka"]


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 768}, {"width": 390, "height": 844}], ids=["desktop", "phone"])
def test_home_page_leads_a_first_timer_from_the_chooser_through_the_stages_in_order(page, site_url, viewport):
    page.set_viewport_size(viewport)
    page.goto(site_url)
    section = page.locator("h2#はじめて協働に取り組むとき")
    assert section.is_visible()
    hrefs = page.eval_on_selector_all(
        "h2#はじめて協働に取り組むとき + p + ol a",
        "links => links.map(a => a.getAttribute('href'))")
    chooser = next(i for i, href in enumerate(hrefs) if href.startswith("chooser/keitai/"))
    stage_positions = [next(i for i, href in enumerate(hrefs) if href == f"checklists/{stage}/") for stage in STAGES]
    assert chooser < stage_positions[0] and stage_positions == sorted(stage_positions)
    assert {"paperwork/role-table/", "paperwork/agreement/", "paperwork/evaluation/"} <= set(hrefs)
    page.locator("h2#はじめて協働に取り組むとき + p + ol").get_by_role("link", name="協働の形態を選ぶ").click()
    page.wait_for_url("**/chooser/keitai/")
    assert page.locator("h1").first.inner_text().strip() != ""
