"""The provision's text at hand (issue 15): every citation on a decision page opens the provision's
verbatim text in place (a native disclosure: keyboard-usable, named by its summary), and the printed
sheet can add an appendix listing each cited provision once with its text."""
import pytest

from kyodo_kb.knowledge_base import load_knowledge_base
from kyodo_kb.render.cited_provisions import provision_parts
from support import ROOT

pytestmark = pytest.mark.browser

SIZES = [{"width": 1366, "height": 768}, {"width": 390, "height": 844}]
RECORD_PRINT = "window.__printed = 0; window.print = () => { window.__printed++; };"


def verbatim(ref_label):
    kb = load_knowledge_base(ROOT)
    ordinances = {o.id: o for o in kb.ordinances}
    ref = next(c.ref for checklist in kb.checklists for item in checklist.items for c in item.basis if c.ref.label == ref_label)
    return [f"{number} {text}" for _, number, text in provision_parts(ordinances, ref)]


def cited_labels(page, only_shown=True):
    selector = ".kb-item:not([hidden]) .kb-basis a" if only_shown else ".kb-item .kb-basis a"
    return page.locator(selector).evaluate_all("links => links.map(a => a.textContent.trim())")


@pytest.mark.parametrize("viewport", SIZES, ids=["desktop", "phone"])
def test_each_citation_opens_its_verbatim_text_in_place_by_keyboard(page, site_url, viewport):
    page.set_viewport_size(viewport)
    page.goto(site_url + "checklists/kyotei/")
    item = page.locator('.kb-item[data-item="KT-01"]')
    labels = item.locator(".kb-basis a").evaluate_all("links => links.map(a => a.textContent.trim())")
    summaries = item.locator("details.kb-cited > summary")
    assert summaries.evaluate_all("s => s.map(x => x.textContent.trim())") == [f"条文を読む: {label}" for label in labels]
    first = item.locator("details.kb-cited").first
    body = first.locator(".kb-cited-body")
    assert body.is_hidden()
    summaries.first.focus()
    page.keyboard.press("Enter")
    assert body.is_visible()
    assert body.locator("p").evaluate_all("ps => ps.map(p => p.textContent.trim())") == verbatim(labels[0])
    box = body.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    page.keyboard.press("Enter")
    assert body.is_hidden()
    # every citation of the page has one, named for screen readers by its summary
    assert page.locator("details.kb-cited").count() == len(cited_labels(page))
    name = page.locator("details.kb-cited > summary").first.evaluate("s => s.textContent")
    assert name.startswith("条文を読む: ")
    # folded away with the caution and its 根拠 once answered 「はい」, back with 「留意事項を表示」
    item.get_by_role("radio", name="はい", exact=True).check()
    assert item.locator(".kb-cited-texts").is_hidden() and item.locator(".kb-basis").is_hidden()
    item.locator(".kb-caution-toggle").click()
    assert item.locator(".kb-cited-texts").is_visible()


def test_the_printed_appendix_lists_each_cited_provision_once_with_its_text(page, site_url):
    page.add_init_script(RECORD_PRINT)
    page.goto(site_url + "checklists/kyotei/")
    page.emulate_media(media="print")
    assert page.locator(".kb-provision-appendix").is_hidden()  # only when asked for
    page.emulate_media(media="screen")
    page.get_by_role("checkbox", name="条文の付録").check()
    page.get_by_role("button", name="印刷する").click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    appendix = page.locator(".kb-provision-appendix")
    assert appendix.is_visible()
    assert page.locator(".kb-cited-texts").first.is_hidden()  # the disclosures stay off paper
    entries = page.locator(".kb-appendix-entry:visible")
    labels = entries.locator(".kb-appendix-label").evaluate_all("ps => ps.map(p => p.textContent.replace(/（.*）$/, ''))")
    assert labels == list(dict.fromkeys(cited_labels(page)))  # each once, in the order first cited
    first = entries.first.locator("p:not(.kb-appendix-label)").evaluate_all("ps => ps.map(p => p.textContent.trim())")
    assert first == verbatim(labels[0])
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert appendix.is_hidden()


def test_the_appendix_leaves_out_provisions_only_hidden_items_cite(page, site_url):
    page.add_init_script(RECORD_PRINT)
    page.goto(site_url + "checklists/keitai-betsu/")
    page.locator(".kb-profile").get_by_role("radio", name="後援", exact=True).check()
    shown = list(dict.fromkeys(cited_labels(page)))
    every = list(dict.fromkeys(cited_labels(page, only_shown=False)))
    assert len(shown) < len(every)
    page.get_by_role("checkbox", name="条文の付録").check()
    page.get_by_role("button", name="印刷する").click()
    page.emulate_media(media="print")
    labels = page.locator(".kb-appendix-entry:visible .kb-appendix-label").evaluate_all(
        "ps => ps.map(p => p.textContent.replace(/（.*）$/, ''))")
    assert labels == shown
