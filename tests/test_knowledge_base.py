"""Cross-file rules and the back-link index, and the contract: the shipped data is valid."""
from pathlib import Path

from knowledge_base import load_knowledge_base
from test_checklist_model import make_project

ROOT = Path(__file__).resolve().parent.parent


def item_file(checklist_id, item_ids, basis="市民活動推進条例第9条第1項第1号"):
    lines = [f"id: {checklist_id}", "title: 題名", "items:"]
    for item_id in item_ids:
        lines += [f"  - id: {item_id}", "    check: 確認しているか", "    caution: 注意してください", "    basis:", f"      - {basis}"]
    return ("\n".join(lines) + "\n").encode()


def test_shipped_data_is_valid_and_cites_real_provisions():
    kb = load_knowledge_base(ROOT)
    assert kb.checklists and all(c.items for c in kb.checklists)
    assert {o.id for o in kb.ordinances} == {"jichi-kihon", "shimin-katsudo"}


def test_back_links_collect_every_citing_item_once(tmp_path):
    project = make_project(tmp_path, {"a.yml": item_file("a", ["A-1", "A-2"]), "b.yml": item_file("b", ["B-1"], "自治基本条例第26条")})
    kb = load_knowledge_base(project)
    citing = kb.citing_items[("shimin-katsudo", "art9-para1-item1")]
    assert [(c.id, i.id) for c, i in citing] == [("a", "A-1"), ("a", "A-2")]
    assert [i.id for _, i in kb.citing_items[("jichi-kihon", "art26")]] == ["B-1"]


def test_the_same_citation_twice_in_one_item_is_one_back_link(tmp_path):
    data = item_file("a", ["A-1"]).replace(b"      - \xe5", b"      - \xe5", 1)
    data = data.replace("      - 市民活動推進条例第9条第1項第1号\n".encode(), "      - 市民活動推進条例第9条第1項第1号\n      - 市民活動推進条例第九条第一項第一号\n".encode())
    kb = load_knowledge_base(make_project(tmp_path, {"a.yml": data}))
    assert len(kb.citing_items[("shimin-katsudo", "art9-para1-item1")]) == 1


def test_duplicate_checklist_ids_across_files_are_reported(tmp_path):
    from source_errors import DataErrors
    import pytest
    project = make_project(tmp_path, {"a.yml": item_file("same", ["A-1"]), "b.yml": item_file("same", ["B-1"])})
    with pytest.raises(DataErrors) as raised:
        load_knowledge_base(project)
    assert [str(e) for e in raised.value.errors] == [
        "checklists/b.yml:1: id: チェックリスト ID「same」は checklists/a.yml でも使われています。別の ID にしてください"]


def test_checklists_are_ordered_like_the_navigation_then_by_file(tmp_path):
    from knowledge_base import order_like_nav
    project = make_project(tmp_path, {name: item_file(name[0], [name[0].upper() + "-1"]) for name in ("a.yml", "b.yml", "c.yml")})
    kb = load_knowledge_base(project)
    ordered = order_like_nav(kb.checklists, ["index.md", "checklists/c.md", "checklists/a.md"])
    assert [c.id for c in ordered] == ["c", "a", "b"]
