"""A checklist page opens on its first question (issue 15): the editors' details (checklist id,
source file) are at the page end and the print/CSV controls take one compact row, so the first
question the page asks is inside the window on load at desktop and phone sizes."""
import pytest

pytestmark = pytest.mark.browser

ALL = ["kyodo-gensoku", "kankeizukuri", "keikaku", "sentei", "kyotei", "jisshi", "hyoka",
       "teian", "genki-kikin", "support-center", "keitai-betsu"]
SIZES = [{"width": 1366, "height": 768}, {"width": 390, "height": 844}]

# The first question: a checklist with a profile asks its first profile question first.
FIRST_QUESTION = """() => {
  const q = document.querySelector('.kb-profile:not([hidden]) .kb-profile-question legend') || document.querySelector('.kb-item h2');
  const r = q.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, text: q.textContent.trim(),
          width: innerWidth, height: innerHeight};
}"""


@pytest.mark.parametrize("viewport", SIZES, ids=["desktop", "phone"])
def test_the_first_question_is_on_the_first_screen_of_every_checklist(page, site_url, viewport):
    page.set_viewport_size(viewport)
    for checklist in ALL:
        page.goto(site_url + f"checklists/{checklist}/")
        page.wait_for_selector(".kb-summary:not([hidden])")
        box = page.evaluate(FIRST_QUESTION)
        assert box["text"]
        assert 0 <= box["top"] and box["bottom"] <= box["height"], (checklist, box)
        assert 0 <= box["left"] and box["right"] <= box["width"], (checklist, box)


@pytest.mark.parametrize("viewport", SIZES + [{"width": 320, "height": 568}], ids=["desktop", "phone", "320"])
def test_editors_details_come_after_the_items_and_print_controls_are_one_compact_row(page, site_url, viewport):
    page.set_viewport_size(viewport)
    page.goto(site_url + "checklists/kyotei/")
    order = page.evaluate("""() => {
      const all = [...document.querySelectorAll('.kb-print-tools, .kb-item, p.kb-source')];
      return all.map(el => el.matches('.kb-item') ? 'item' : el.className);
    }""")
    assert order[0] == "kb-print-tools" and order[-1] == "kb-source" and set(order[1:-1]) == {"item"}
    source = page.locator("p.kb-source")
    assert "チェックリスト ID" in source.inner_text() and "checklists/kyotei.yml" in source.inner_text()
    # The controls: print choice, print button and the CSV link, in one row on desktop
    # (a row may wrap on a narrow phone, never overflow it).
    boxes = page.evaluate("""() => ['.kb-print-mode', '.kb-print-button', '.kb-download-csv'].map(s => {
      const r = document.querySelector(s).getBoundingClientRect(); return [r.top, r.bottom, r.right]; })""")
    tools = page.locator(".kb-print-tools").bounding_box()
    assert all(right <= viewport["width"] for _, _, right in boxes)
    if viewport["width"] >= 1000:
        assert tools["height"] < 48
        tops = [top for top, _, _ in boxes]
        assert max(tops) - min(tops) < 12
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
