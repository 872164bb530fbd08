"""The flow hook in a real build: every step is a page of its own, only the start page is in
the search index, and the diagram page is built."""
import json

from kyodo_kb.tooling.project import PROJECT_ROOT as ROOT
from kyodo_kb.formats.flow import walk_steps
from kyodo_kb.knowledge_base import load_knowledge_base

FLOW = next(f for f in load_knowledge_base(ROOT).flows if f.id == "keitai")


def test_build_has_a_page_for_every_step_of_the_shipped_flow(built_site):
    for step in walk_steps(FLOW):
        page = built_site / "chooser" / FLOW.id / "/".join(step.slug_path) / "index.html"
        assert page.is_file(), page
    assert (built_site / "flows" / FLOW.id / "index.html").is_file()


def test_only_the_first_step_of_the_chooser_is_in_the_search_index(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    chooser = {doc["location"].split("#")[0] for doc in index["docs"] if doc["location"].startswith("chooser/")}
    assert chooser == {f"chooser/{FLOW.id}/"}
