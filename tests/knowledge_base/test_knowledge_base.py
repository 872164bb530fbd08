"""Cross-file rules and the back-link index, and the contract: the shipped data is valid."""
from pathlib import Path

from kyodo_kb.knowledge_base import load_knowledge_base
from support import FIXTURES, error_lines, make_project

from support import ROOT


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
    from kyodo_kb.sources.errors import DataErrors
    import pytest
    project = make_project(tmp_path, {"a.yml": item_file("same", ["A-1"]), "b.yml": item_file("same", ["B-1"])})
    with pytest.raises(DataErrors) as raised:
        load_knowledge_base(project)
    assert [str(e) for e in raised.value.errors] == [
        "checklists/b.yml:1: id: チェックリスト ID「same」は checklists/a.yml でも使われています。別の ID にしてください [id-not-unique]"]


def test_checklists_are_ordered_like_the_navigation_then_by_file(tmp_path):
    from kyodo_kb.knowledge_base import order_like_nav
    project = make_project(tmp_path, {name: item_file(name[0], [name[0].upper() + "-1"]) for name in ("a.yml", "b.yml", "c.yml")})
    kb = load_knowledge_base(project)
    ordered = order_like_nav(kb.checklists, ["index.md", "checklists/c.md", "checklists/a.md"])
    assert [c.id for c in ordered] == ["c", "a", "b"]


def many_files_project(tmp_path):
    """Enough checklist files for validate_project to use worker processes, with errors of
    every kind spread across them: file-level (every invalid fixture), duplicate checklist
    and item ids across files far apart, and a flow pointing at a checklist."""
    fixtures = FIXTURES
    files = {f"c{n:03d}.yml": item_file(f"c{n:03d}", [f"C{n:03d}-1", f"C{n:03d}-2"]) for n in range(150)}
    files["c140.yml"] = item_file("c007", ["C140-1"])  # checklist id used by c007.yml
    files["c141.yml"] = item_file("c141", ["C003-2"])  # item id used by c003.yml
    for path in sorted((fixtures / "invalid").glob("*.yml")):
        files[f"x-{path.name}"] = path.read_bytes()
    flows = {path.name: path.read_bytes() for path in sorted((fixtures / "flows" / "valid").glob("*.yml"))}
    return make_project(tmp_path, files, flow_files=flows)


def test_validate_project_reports_what_loading_reports(tmp_path):
    from kyodo_kb.knowledge_base import validate_project
    from kyodo_kb.sources.errors import DataErrors
    import pytest
    project = many_files_project(tmp_path)
    # data/ is read by the main process while the workers read the checklists
    (project / "data").mkdir()
    (project / "data" / "tags.yml").write_text("tags:\n  - [\n", encoding="utf-8")
    with pytest.raises(DataErrors) as raised:
        load_knowledge_base(project)
    expected = [str(e) for e in raised.value.errors]
    assert any("c140.yml" in e for e in expected) and any("c141.yml" in e for e in expected)
    assert any(e.startswith("data/tags.yml:") for e in expected)
    for workers in (1, 2, 3):
        errors, counts = validate_project(project, workers=workers)
        assert [str(e) for e in DataErrors(errors).errors] == expected, workers
        assert counts["ordinances"] == 2 and counts["checklists"] >= 148


def test_validate_project_counts_a_valid_project(tmp_path):
    from kyodo_kb.knowledge_base import validate_project
    files = {f"c{n:03d}.yml": item_file(f"c{n:03d}", [f"C{n:03d}-1", f"C{n:03d}-2"]) for n in range(120)}
    errors, counts = validate_project(make_project(tmp_path, files), workers=2)
    assert errors == [] and counts == {"checklists": 120, "items": 240, "ordinances": 2}


def test_a_file_with_several_mistakes_reports_them_all_at_once_with_the_cross_file_ones(tmp_path):
    """An item with a wrong value, an unknown citation and an id used in another file: all three at
    once (the duplicate id used to show up only after the other two were fixed)."""
    first = b"id: a\ntitle: A\nitems:\n  - id: X-01\n    check: x\xe3\x81\x8b\n    caution: c\n"
    second = ("id: b\ntitle: B\nitems:\n  - id: X-01\n    check: yes\n    caution: c\n"
              "    basis: [\u5e02\u6c11\u6d3b\u52d5\u63a8\u9032\u6761\u4f8b\u7b2c9\u6761\u7b2c9\u9805]\n").encode("utf-8")
    lines = error_lines(make_project(tmp_path, {"a.yml": first, "b.yml": second}))
    b_lines = [line for line in lines if line.startswith("checklists/b.yml:")]
    assert [line.split(" [")[-1] for line in b_lines][:3] == ["id-not-unique]", "field-wrong-type]", "citation-unknown-provision]"]
    assert b_lines[0].startswith("checklists/b.yml:4: id: 項目 ID「X-01」は checklists/a.yml:4 でも使われています")
