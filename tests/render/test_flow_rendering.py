"""Flow pages: one page per path with plain links to the next steps, outcome pages with
「あなたの回答」, change links and the filtered checklist link, and the editors' diagram."""
from kyodo_kb.render.flow_pages import render_flow_pages, step_src
from kyodo_kb.knowledge_base import load_knowledge_base
from support import FIXTURES, make_flow_project


def small_pages(tmp_path):
    kb = load_knowledge_base(make_flow_project(tmp_path, FIXTURES / "flows" / "valid" / "small.yml"))
    return kb.flows[0], render_flow_pages(kb.flows[0], kb.checklists)


def test_every_path_gets_its_own_page_under_the_flow_url(tmp_path):
    flow, pages = small_pages(tmp_path)
    assert sorted(pages) == sorted([
        "chooser/small/index.md", "chooser/small/shi/index.md", "chooser/small/aite/index.md",
        "chooser/small/aite/okane/index.md", "chooser/small/aite/issho/index.md", "flows/small.md"])
    assert step_src(flow, ("aite", "okane")) == "chooser/small/aite/okane/index.md"


def test_question_page_links_each_answer_to_the_next_pre_rendered_step(tmp_path):
    _, pages = small_pages(tmp_path)
    start = pages["chooser/small/index.md"]
    assert "search:" not in start  # the start page is the one to find by search
    assert "テスト用の流れです。" in start
    assert "- [市の事業](shi/index.md){ .kb-answer-link .kb-step-link }" in start
    second = pages["chooser/small/aite/index.md"]
    assert "search:\n  exclude: true" in second
    assert "- [資金を出す](okane/index.md){ .kb-answer-link .kb-step-link }" in second
    assert "補足の説明です。" in second and "### これまでの回答" in second


def test_outcome_page_shows_your_answers_with_change_links_and_the_filtered_checklist(tmp_path):
    _, pages = small_pages(tmp_path)
    outcome = pages["chooser/small/aite/okane/index.md"]
    assert "## おすすめの形態: 補助" in outcome and "補助の説明です。" in outcome
    assert "### あなたの回答" in outcome
    assert "だれの事業ですか\n:   相手方の事業　[この回答を変更する](../../index.md)" in outcome
    assert "どう関わりますか\n:   資金を出す　[この回答を変更する](../index.md)" in outcome
    assert "(../../../../checklists/conditional.md?profile=keitai:hojo){ .md-button .md-button--primary .kb-outcome-link }" in outcome
    # CD-03 is written for 委託・補助 only; CD-01 applies to every form and is not "specific".
    assert "(../../../../checklists/conditional.md#CD-03)（CD-03）" in outcome
    assert "#CD-01)" not in outcome


def test_outcome_without_profile_links_the_whole_checklist(tmp_path):
    _, pages = small_pages(tmp_path)
    assert "(../../../../checklists/conditional.md){ .md-button" in pages["chooser/small/aite/issho/index.md"]


def test_diagram_page_lists_every_branch_and_every_path(tmp_path):
    _, pages = small_pages(tmp_path)
    diagram = pages["flows/small.md"]
    assert "- 相手方の事業 → 質問: [どう関わりますか](#node-kakawari)" in diagram
    assert "- 資金を出す → 結果: [補助](#node-hojo)" in diagram
    assert "| 相手方の事業 → 一緒に主催する | [共催](../chooser/small/aite/issho/index.md) |" in diagram
    assert diagram.count("\n| ") == 5  # header, separator and the 3 paths


def test_diagram_page_draws_the_whole_flow_as_inline_svg(tmp_path):
    _, pages = small_pages(tmp_path)
    diagram = pages["flows/small.md"]
    svg = diagram[diagram.index("<svg"):diagram.index("</svg>")]
    assert 'role="img"' in svg and "<script" not in svg and "href" not in svg
    assert svg.count("<rect") == 5  # one box per step: 2 questions and 3 outcomes
    for text in ["だれの事業ですか", "どう関わりますか", "結果: 委託", "結果: 補助", "結果: 共催", "相手方の事業", "一緒に主催する"]:
        assert text in svg, text
    assert "\n\n" not in diagram[diagram.index('<div class="kb-flow-diagram"'):diagram.index("</svg>")]  # one raw HTML block


def test_wrap_breaks_japanese_text_by_width_and_shortens_overlong_text():
    from kyodo_kb.render.flow_pages import _wrap
    assert _wrap("あいうえおかきくけこ", 4, 5) == ["あいうえ", "おかきく", "けこ"]
    assert _wrap("abcdefgh", 2, 5) == ["abcd", "efgh"]
    assert _wrap("あいうえおかきくけこ", 4, 2) == ["あいうえ", "おかき…"]


def test_flow_and_outcome_titles_are_escaped_in_the_page_title(tmp_path):
    source = (FIXTURES / "flows" / "valid" / "small.yml").read_text(encoding="utf-8")
    payload = "<img src=x onerror=window.__pwned=1>"
    flow_file = tmp_path / "payload.yml"
    flow_file.write_text(source.replace("title: 補助", f'title: "補助{payload}"', 1)
                         .replace("title: ", f'title: "{payload}"  # ', 1), encoding="utf-8")
    kb = load_knowledge_base(make_flow_project(tmp_path / "p", flow_file))
    pages = render_flow_pages(kb.flows[0], kb.checklists)
    escaped = "&lt;img src=x onerror=window.__pwned=1&gt;"
    for src, text in pages.items():
        front_matter = text.split("\n---\n", 1)[0]
        assert payload not in front_matter and escaped in front_matter, src
    assert f"補助{escaped}" in pages["chooser/small/aite/okane/index.md"].split("\n---\n", 1)[0]
