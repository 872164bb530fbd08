"""An amendment of an ordinance provision in a copy of the project, seen in the browser: the
ordinance page shows the text in force on a chosen date (keyboard), every caution citing the
provision shows the dated notice on screen and in print, and the notice goes once the review is
recorded. Two builds of a copied project (~2 × 10 s on a quiet machine)."""
import datetime

import pytest

from kyodo_kb.knowledge_base import load_knowledge_base
from kyodo_kb.render.wareki import format_wareki
from kyodo_kb.tooling.browser import serve_directory
from kyodo_kb.tooling.project import copy_project, run_mkdocs_build

from support import TEST_AMENDED_TEXT, add_amendment, record_review

TODAY = datetime.date.today()
IN_FORCE = TODAY + datetime.timedelta(days=120)  # a future amendment: today's text is still the old one
ORIGINAL = "市及び市民活動を行うものは、事業の内容、過程及び結果を公開すること。"
NOTICE = f"根拠の規定が改正されました（{format_wareki(IN_FORCE)}施行）: 内容を確認中"


def build(project, site):
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def amended(tmp_path_factory):
    folder = tmp_path_factory.mktemp("amendments")
    project = copy_project(folder / "project")
    add_amendment(project, IN_FORCE.isoformat())
    site = build(project, folder / "site")
    server, url = serve_directory(site)
    yield folder, project, url
    server.shutdown()


@pytest.mark.browser
def test_the_ordinance_page_shows_the_text_in_force_on_the_chosen_date(amended, page):
    _, _, url = amended
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url + "ordinances/shimin-katsudo/")
    item = page.locator("#art9-para1-item4")
    status = page.locator(".kb-as-of-status")
    assert page.locator(".kb-amendments-checked").inner_text().startswith("反映している改正の時点: 要確認")
    assert status.inner_text().startswith(f"{format_wareki(TODAY)}（今日）に施行されている条文を表示しています。")
    assert item.locator(".kb-version:visible .kb-provision-text").inner_text() == "(4) " + ORIGINAL
    # from the keyboard: a native date field; an arrow key changes the focused part of the date
    date = page.locator(".kb-as-of-date")
    date.focus()
    page.keyboard.press("ArrowUp")
    chosen = date.input_value()
    assert chosen != TODAY.isoformat()
    assert status.inner_text().startswith(f"{format_wareki(datetime.date.fromisoformat(chosen))}に施行されている条文を表示しています。")
    shown = TEST_AMENDED_TEXT if chosen >= IN_FORCE.isoformat() else ORIGINAL
    assert item.locator(".kb-version:visible .kb-provision-text").inner_text() == "(4) " + shown
    # the day the amendment comes into force
    date.fill(IN_FORCE.isoformat())
    assert status.inner_text().startswith(f"{format_wareki(IN_FORCE)}に施行されている条文を表示しています。")
    assert item.locator(".kb-version:visible .kb-provision-text").inner_text() == "(4) " + TEST_AMENDED_TEXT
    assert "による改正）の本文" in item.locator(".kb-version:visible .kb-version-note").inner_text()
    date.fill((IN_FORCE - datetime.timedelta(days=1)).isoformat())
    assert item.locator(".kb-version:visible .kb-provision-text").inner_text() == "(4) " + ORIGINAL
    date.fill(IN_FORCE.isoformat())
    # the earlier versions are on the page: the history lists both texts
    item.locator(".kb-version-history summary").click()
    assert item.locator(".kb-version-history .kb-version-text").all_inner_texts() == [ORIGINAL, TEST_AMENDED_TEXT]
    page.locator(".kb-as-of-today").focus()
    page.keyboard.press("Enter")
    assert date.input_value() == TODAY.isoformat()
    assert item.locator(".kb-version:visible .kb-provision-text").inner_text() == "(4) " + ORIGINAL
    focused = page.evaluate("() => document.activeElement.className")
    assert "kb-as-of-date" in focused


@pytest.mark.browser
def test_the_citing_cautions_show_the_notice_until_the_review_is_recorded(amended, page):
    folder, project, url = amended
    page.goto(url + "checklists/kyotei/")
    notice = page.locator('.kb-item[data-item="KT-09"] .kb-amended')
    assert notice.locator(".kb-amended-title").inner_text() == NOTICE
    assert notice.get_by_role("link", name="市民活動推進条例第9条第1項第4号").get_attribute("href").endswith(
        "ordinances/shimin-katsudo/#art9-para1-item4")
    page.emulate_media(media="print")
    assert notice.is_visible() and notice.inner_text().startswith(NOTICE)
    page.emulate_media(media="screen")
    # every caution make impact lists carries it; one not citing the provision does not
    pending = load_knowledge_base(project).pending_amendments
    assert "KT-09" in pending and "KG-04" in pending
    page.goto(url + "checklists/kyodo-gensoku/")
    assert page.locator('.kb-item[data-item="KG-04"] .kb-amended-title').inner_text() == NOTICE
    assert page.locator('.kb-item[data-item="KG-01"] .kb-amended').count() == 0
    # the editor records the review of each caution; the rebuilt pages have no notice left
    kb = load_knowledge_base(project)
    for checklist in kb.checklists:
        for item in checklist.items:
            if item.id in pending:
                record_review(project, checklist.id, item.id, IN_FORCE.isoformat())
    assert load_knowledge_base(project).pending_amendments == {}
    site = build(project, folder / "site2")
    server, url2 = serve_directory(site)
    try:
        page.goto(url2 + "checklists/kyotei/")
        assert page.locator('.kb-item[data-item="KT-09"]').is_visible()
        assert page.locator(".kb-amended").count() == 0
        page.goto(url2 + "checklists/kyodo-gensoku/")
        assert page.locator(".kb-amended").count() == 0
    finally:
        server.shutdown()
