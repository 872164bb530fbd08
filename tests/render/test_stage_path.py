"""The first-timer's path: one source (each stage checklist's `stage` number) orders the home
page's stage list, the 「次の段階へ」 blocks and the chooser outcome's stage links."""
from dataclasses import replace

from kyodo_kb.formats.checklist import Checklist
from kyodo_kb.knowledge_base import load_knowledge_base
from kyodo_kb.render.stage_path import (render_next_stage, render_stage_list, replace_stage_markers,
                                        stage_checklists, stage_label)
from support import ROOT, error_lines, make_project


def checklist(cid, title, stage=None):
    return Checklist(cid, title, None, (), f"checklists/{cid}.yml", 1, stage=stage)


A, B, C, OTHER = (checklist("a", "企画の留意事項", 2), checklist("b", "関係づくりの留意事項", 1),
                  checklist("c", "評価の留意事項", 3), checklist("x", "場面別"))


def test_stages_are_ordered_by_their_number_not_by_the_file_or_navigation_order():
    assert [c.id for c in stage_checklists([A, OTHER, C, B])] == ["b", "a", "c"]
    # equal numbers keep the navigation order
    assert [c.id for c in stage_checklists([replace(C, stage=1), B])] == ["c", "b"]
    assert stage_label(B) == "関係づくり" and stage_label(OTHER) == "場面別"


def test_the_project_stages_are_the_six_of_the_guideline_in_order():
    kb = load_knowledge_base(ROOT)
    assert [c.id for c in stage_checklists(kb.checklists)] == ["kankeizukuri", "keikaku", "sentei", "kyotei", "jisshi", "hyoka"]


def test_the_stage_list_links_each_stage_with_its_paperwork_sheets():
    class Ref:
        def __init__(self, text):
            self.text = text

    class Sheet:
        title, page_src, checklists = "役割分担表", "paperwork/role-table.md", (Ref("a"),)

    text = render_stage_list([A, OTHER, C, B], [Sheet], "index.md", "    ")
    assert text == ("    1. [関係づくり](checklists/b.md)\n"
                    "    2. [企画](checklists/a.md)（[役割分担表](paperwork/role-table.md)も使えます）\n"
                    "    3. [評価](checklists/c.md)\n")


def test_next_stage_links_the_following_stage_and_the_last_says_what_follows():
    middle = "\n".join(render_next_stage([A, OTHER, C, B], A))
    assert "「企画」（段階 2 / 3）が済んだら" in middle
    assert "[段階 3「評価」へ進む](c.md){ .md-button .md-button--primary .kb-next-stage-link }" in middle
    last = "\n".join(render_next_stage([A, OTHER, C, B], C))
    assert "「評価」（段階 3 / 3）は、最後の段階です。振り返りの結果を公開し、次の事業や関係づくりに生かします" in last
    assert "([協働の進め方](../guideline/susumekata.md#c))" in last.replace("（", "(").replace("）", ")")
    assert "[段階 1「関係づくり」へ](b.md)" in last
    assert render_next_stage([A, OTHER, C, B], OTHER) == []


def test_the_marker_becomes_the_list_at_its_indentation_and_a_note_without_data():
    class Kb:
        checklists, paperwork = [A, B], ()

    page = "1. 段階ごとに\n    <!-- kb:stages -->\n\n## 次\n"
    assert replace_stage_markers(page, Kb, "index.md") == (
        "1. 段階ごとに\n    1. [関係づくり](checklists/b.md)\n    2. [企画](checklists/a.md)\n\n## 次\n")
    assert "（データに誤りがあるため、段階の一覧を作れませんでした）" in replace_stage_markers(page, None, "index.md")


def test_a_stage_that_is_not_a_whole_number_is_a_located_error(tmp_path):
    text = (ROOT / "checklists" / "kankeizukuri.yml").read_text(encoding="utf-8").replace("stage: 1", "stage: 一")
    project = make_project(tmp_path, {"kankeizukuri.yml": text.encode("utf-8")})
    line = text.split("\n").index("stage: 一") + 1
    assert error_lines(project) == [
        f"checklists/kankeizukuri.yml:{line}: stage: 整数を書いてください（文字列が書かれています）。1、2、3 のような半角の整数で書いてください [field-not-integer]"]
