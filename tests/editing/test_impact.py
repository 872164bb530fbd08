"""make impact: every caution, flow outcome and guideline page an amendment of a provision touches."""
from kyodo_kb.formats.citations import CitationResolver
from kyodo_kb.editing.impact import find_impact, scan_checklist, touches
from kyodo_kb.formats.ordinance import provision_anchor
from kyodo_kb.knowledge_base import load_knowledge_base
from kyodo_kb.tooling.project import copy_project
from kyodo_kb.tooling.synthetic_data import CITATIONS, write_synthetic_project

from support import ROOT, load_script


def provisions(kb):
    for ordinance in kb.ordinances:
        for article in ordinance.articles:
            yield ordinance, article.label, (ordinance.id, provision_anchor(article.number))
            for paragraph in article.paragraphs:
                yield ordinance, f"{article.label}第{paragraph.number}項", (ordinance.id, provision_anchor(article.number, paragraph.number))
                for item in paragraph.items:
                    yield (ordinance, f"{article.label}第{paragraph.number}項第{item.number}号",
                           (ordinance.id, provision_anchor(article.number, paragraph.number, item.number)))


def back_links(kb, key):
    """What the ordinance page lists under the provision, its 条・項 above and its 項・号 below."""
    return sorted({(checklist.path, item.line, item.id, item.check)
                   for cited, entries in kb.citing_items.items() if touches(cited, key)
                   for checklist, item in entries})


def test_impact_equals_the_back_links_for_every_provision_of_the_shipped_data():
    kb = load_knowledge_base(ROOT)
    checked = 0
    for ordinance, citation, key in provisions(kb):
        target, lines = find_impact(ROOT, ordinance.short_title + citation)
        assert target.key == key
        cautions = sorted((l.path, l.line, l.id, l.title) for l in lines if l.path.startswith("checklists/"))
        assert cautions == back_links(kb, key), citation
        checked += 1
    assert checked > 20


def test_the_output_names_cautions_and_guideline_pages_one_per_line(capsys):
    kb = load_knowledge_base(ROOT)
    checklist, item = kb.citing_items[("jichi-kihon", "art26-para1")][0]
    assert load_script("impact").main(["自治基本条例第26条第1項"]) == 0
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert f"{checklist.path}:{item.line}: {item.id} {item.check}" in lines
    linking = [(path, number) for path in sorted((ROOT / "docs" / "guideline").glob("*.md"))
               for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
               if "jichi-kihon.md#art26)" in line]  # links to 第26条, the article above
    assert linking
    for path, number in linking:
        assert any(l.startswith(f"docs/guideline/{path.name}:{number}: guideline/{path.stem} ") for l in lines)
    assert lines == sorted(lines, key=lambda l: (l.split(":")[0], int(l.split(":")[1])))
    assert "自治基本条例第26条第1項（その条・項、その下の項・号を含む）を引用している箇所: " in out.err


def test_any_citation_form_of_basis_is_accepted(capsys):
    script = load_script("impact")
    assert script.main(["市民活動推進条例第9条第1項第4号"]) == 0
    canonical = capsys.readouterr().out
    assert script.main(["茅ヶ崎市 市民活動推進条例 第九条 第一項 第四号"]) == 0
    assert capsys.readouterr().out == canonical and canonical


def test_a_citation_that_does_not_resolve_is_a_usage_error(capsys):
    assert load_script("impact").main(["市民活動推進条例第99条"]) == 2
    assert "エラー: 引用「市民活動推進条例第99条」の第99条は市民活動推進条例に収録されていません" in capsys.readouterr().err


def test_a_flow_outcome_linking_to_the_provision_is_listed(tmp_path):
    project = copy_project(tmp_path / "project")
    flow = project / "flows" / "keitai.yml"
    text = flow.read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(n for n, l in enumerate(lines) if l.strip().startswith("summary:") and n > 100)
    lines.insert(at + 1, "      根拠は[第9条第3項](../../ordinances/shimin-katsudo.md#art9-para3)です。")
    flow.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, found = find_impact(project, "市民活動推進条例第9条")
    flows = [str(l) for l in found if l.path == "flows/keitai.yml"]
    assert len(flows) == 1 and flows[0].startswith(f"flows/keitai.yml:{at + 2}: keitai/")


def test_the_line_scanner_reads_what_the_loader_reads_on_synthetic_data(tmp_path):
    project = write_synthetic_project(tmp_path / "synthetic", 6, 25)
    kb = load_knowledge_base(project)
    for citation in CITATIONS:
        _, lines = find_impact(project, citation)
        key = CitationResolver(kb.ordinances).resolve(citation).key
        cautions = sorted((l.path, l.line, l.id, l.title) for l in lines if l.path.startswith("checklists/"))
        assert cautions == back_links(kb, key) and cautions


def test_block_and_flow_lists_quoted_scalars_and_profile_ids_are_read_as_the_loader_reads_them():
    text = ("id: x\ntitle: t\nprofile:\n  - id: keitai\n    question: q\nitems:\n"
            "  - id: A-01\n    check: \"問い: 引用符つきか\"\n    caution: c\n    basis: [自治基本条例第26条第1項, '自治基本条例第26条第2項']\n"
            "  - id: A-02\n    check: 問いか  # comment\n    caution: |\n      - basis: not a key\n    basis:\n      - 自治基本条例第26条第1項  # comment\n    tags: [a]\n")
    assert scan_checklist(text) == [["A-01", 7, "問い: 引用符つきか", ["自治基本条例第26条第1項", "自治基本条例第26条第2項"]],
                                    ["A-02", 11, "問いか", ["自治基本条例第26条第1項"]]]
