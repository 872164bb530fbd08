"""Content lint (hooks/content_lint.py, scripts/lint_content.py): each rule alone, then the script."""
from __future__ import annotations

import re

import pytest

from kyodo_kb.editing import content_lint
from kyodo_kb.tooling.project import copy_project
from kyodo_kb.editing.content_lint import LintItem, LintText
from support import load_script

lint_script = load_script("lint_content")


def item(check="確認しているか", basis=1, tags=(), path="checklists/a.yml", line=5, item_id="A-01"):
    text = LintText(path, line + 1, "items[1].check", check)
    return LintItem(path, line, "items[1]", item_id, text, basis, tuple((t, line + 4) for t in tags))


@pytest.mark.parametrize("check, warned", [
    ("目的を共有しているか", False), ("目的を共有しているか？", False), ("目的を共有しているか。", False),
    ("目的を共有しているか ", False), ("目的を共有している", True), ("目的の共有", True), ("目的を共有しましたね？", True),
])
def test_question_form_warns_when_the_question_does_not_end_in_ka(check, warned):
    warnings = content_lint.question_form([item(check)])
    assert bool(warnings) == warned
    if warned:
        assert str(warnings[0]) == f"checklists/a.yml:6: 警告: items[1].check（A-01）: 確認の問いは「…しているか」のように「か」で終わる形にしてください（「{check.strip()}」） [lint-question-form]"


@pytest.mark.parametrize("tag, suggestion", [("役割分坦", "役割分担"), ("役割", "役割分担"), ("会計処理", None)])
def test_unknown_tags_are_warned_with_the_nearest_known_tag(tag, suggestion):
    known = ["役割分担", "目的の共有", "対等な関係"]
    warnings = content_lint.unknown_tags([item(tags=("目的の共有", tag))], known, "data/tags.yml")
    assert len(warnings) == 1 and warnings[0].location.line == 9
    message = str(warnings[0])
    assert f"タグ「{tag}」は data/tags.yml にありません" in message
    assert (f"（もしかして: {suggestion}）" in message) if suggestion else "もしかして" not in message


def test_similar_checks_warns_both_items_of_a_duplicate_or_near_duplicate_pair():
    items = [
        item("事業の目的を相手方と共有しているか", path="checklists/a.yml", line=5, item_id="A-01"),
        item("事業の目的を相手方と共有しているか？", path="checklists/b.yml", line=9, item_id="B-01"),
        item("事業の目的を相手方とよく共有しているか", path="checklists/c.yml", line=3, item_id="C-01"),
        item("協定書に役割分担を書いているか", path="checklists/d.yml", line=7, item_id="D-01"),
    ]
    warnings = sorted(content_lint.similar_checks(items))
    pairs = {(w.location.path, w.message.split("（")[1].split("）")[0]) for w in warnings}
    assert ("checklists/a.yml", "A-01") in pairs and ("checklists/b.yml", "B-01") in pairs and ("checklists/c.yml", "C-01") in pairs
    assert not any(w.location.path == "checklists/d.yml" for w in warnings)
    same = next(w for w in warnings if w.location.path == "checklists/a.yml" and "B-01" in w.message)
    assert "checklists/b.yml:10（B-01）と同じ問いです" in same.message


def test_similar_checks_stays_quiet_below_the_threshold():
    items = [item("事業の目的を相手方と共有しているか"), item("事業の予算を市の担当課と調整しているか", item_id="A-02")]
    assert content_lint.similar_checks(items) == []


def test_placeholders_left_by_the_scaffolder_are_warned():
    texts = [LintText("checklists/a.yml", 7, "summary", "要記入: 説明"), LintText("checklists/a.yml", 9, "title", "題名")]
    assert [str(w) for w in content_lint.placeholders(texts)] == ["checklists/a.yml:7: 警告: summary: 「要記入」のままです。内容を書いてください [lint-placeholder]"]


def write(project, name, text):
    (project / "checklists" / name).write_text(text, encoding="utf-8")


def test_the_script_prints_located_warnings_exits_0_and_1_with_strict(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    write(project, "z.yml", "id: z\ntitle: t\nitems:\n  - id: Z-01\n    check: 目的を共有した\n    caution: c\n    tags: [役割分坦]\n"
                            "    basis: [市民活動推進条例第9条第1項第1号]\n")
    assert lint_script.main(["--root", str(project)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "checklists/z.yml:5: 警告: items[1].check（Z-01）: 確認の問いは「…しているか」のように「か」で終わる形にしてください（「目的を共有した」） [lint-question-form]" in out
    assert any(line.startswith("checklists/z.yml:7: 警告: items[1].tags（Z-01）: タグ「役割分坦」") and "もしかして: 役割分担" in line for line in out)
    assert lint_script.main(["--root", str(project), "--strict"]) == 1


def test_the_script_summarises_the_open_youkakunin_without_failing_strict(capsys):
    assert lint_script.main(["--strict"]) == 0
    err = capsys.readouterr().err
    assert re.search(r"^要確認: \d+ 件（チェックリスト \d+ 件、書式 \d+ 件、研修 \d+ 件、質問の流れ \d+ 件、条例のページ \d+ 件、"
                     r"ページ \d+ 件、用語のポップアップ \d+ 件）。一覧: 編集ガイドの「要確認の一覧」", err, re.M)


def test_the_scaffolders_placeholders_are_warned_by_the_script(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    assert load_script("new_checklist").main(["--root", str(project), "draft", "下書き"]) == 0
    capsys.readouterr()
    lint_script.main(["--root", str(project)])
    out = capsys.readouterr().out
    assert "checklists/draft.yml:6: 警告: summary: 「要記入」のままです" in out
    assert out.count("checklists/draft.yml") >= 7


def test_the_shipped_content_lints_without_data_errors_and_data_errors_exit_1(tmp_path, capsys):
    assert lint_script.main([]) in (0,)
    project = copy_project(tmp_path / "project")
    write(project, "bad.yml", "id: bad\ntitle: t\nitems: []\n")
    assert lint_script.main(["--root", str(project)]) == 1
    assert "checklists/bad.yml:3: items: 空のリストです" in capsys.readouterr().out
    assert lint_script.main(["--root", str(tmp_path / "missing")]) == 2


@pytest.mark.parametrize("text, spaced", [
    ("氏　名を書いてください", "氏　名"), ("申 請 書を出す", "申 請 書"), ("住　　所", "住　　所"),
    ("茅ヶ崎市 協働のガイドライン", None), ("回答 3 / 3　未対応", None), ("第1条　目的", None),
    ("`a` と `b` に表示", None), ("A 案と B 案", None), ("第1号 その他", None), ("第1条 市民", None),
    ("令和5年4月1日 条例第1号", None),
])
def test_layout_spaces_inside_a_japanese_word_are_warned_f32(text, spaced):
    warnings = content_lint.layout_spaces([LintText("docs/a.md", 3, "本文", text)])
    if spaced is None:
        assert warnings == []
    else:
        joined = spaced.replace(" ", "").replace("　", "")
        assert [str(w) for w in warnings] == [
            f"docs/a.md:3: 警告: 本文: 「{spaced}」は文字の間に空白があります。見た目をそろえるための空白は読み上げで"
            f"1字ずつ読まれるため、「{joined}」と詰めて書いてください（幅は表やレイアウトでそろえます） [lint-layout-space]"]


@pytest.mark.parametrize("text, label", [
    ("詳しくは[こちら](a.md)をご覧ください", "こちら"), ("[ここをクリック](a.md)", "ここをクリック"),
    ('<a href="a.md">詳細はこちら</a>', "詳細はこちら"), ("[**こちら**](a.md)", "こちら"),
    ("[協働の形態を選ぶ](a.md)", None), ("![こちら](a.png)", None), ("`[こちら](a.md)` と書かない", None),
])
def test_link_text_that_says_nothing_out_of_context_is_warned(text, label):
    warnings = content_lint.vague_link_text([LintText("checklists/a.yml", 7, "items[1].caution", text)])
    if label is None:
        assert warnings == []
    else:
        assert [str(w) for w in warnings] == [
            f"checklists/a.yml:7: 警告: items[1].caution: リンクの文字「{label}」だけでは行き先が分かりません。読み上げのリンク一覧では"
            "リンクの文字だけが読まれるため、行き先の名前をリンクにしてください（例: 「[協働の形態を選ぶ](…)」） [lint-vague-link-text]"]


def test_markdown_texts_skip_fenced_code_and_keep_line_numbers():
    texts = content_lint.markdown_texts("docs/a.md", "# 見出し\n\n```\n氏　名\n```\n氏 名\n")
    assert [(t.line, t.text) for t in texts] == [(1, "# 見出し"), (6, "氏 名")]


def test_the_script_warns_layout_spaces_and_vague_links_in_pages_and_yaml_at_their_lines(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "extra.md").write_text("# 追加\n\n申込は[こちら](index.md)から。\n\n氏　名\n", encoding="utf-8")
    tags = (project / "data" / "tags.yml").read_text(encoding="utf-8")
    (project / "data" / "tags.yml").write_text(tags, encoding="utf-8")
    write(project, "z.yml", "id: z\ntitle: 申 請\nsummary: |\n  一行目\n  [ここ](../index.md)を見る\n"
          "items:\n  - id: Z-01\n    check: 目的を共有しているか\n    caution: 住　所\n    basis: [自治基本条例第26条第1項]\n    tags: [役割分担]\n")
    lint_script.main(["--root", str(project)])
    out = capsys.readouterr().out.splitlines()
    located = [line.split(": 警告: ")[0] + " " + line.rsplit(" ", 1)[1] for line in out
               if "lint-layout-space" in line or "lint-vague-link-text" in line]
    assert located == ["checklists/z.yml:2 [lint-layout-space]", "checklists/z.yml:5 [lint-vague-link-text]",
                       "checklists/z.yml:9 [lint-layout-space]", "docs/extra.md:3 [lint-vague-link-text]",
                       "docs/extra.md:5 [lint-layout-space]"]
def test_notation_warns_each_variant_at_its_own_line_with_the_expected_form():
    from kyodo_kb.formats.notation import NotationRule
    rule = NotationRule("振り返り", ("ふりかえり", "振返り"), ("ふりかえりシート",), None, 3)
    texts = [LintText("checklists/a.yml", 10, "items[1].caution", "一行目\n事業をふりかえります。\n三重県のふりかえりシート。振返り")]
    assert [str(w) for w in content_lint.notation(texts, [rule])] == [
        "checklists/a.yml:11: 警告: items[1].caution: 表記「ふりかえり」は「振り返り」にそろえてください（data/hyoki.yml） [lint-notation]",
        "checklists/a.yml:12: 警告: items[1].caution: 表記「振返り」は「振り返り」にそろえてください（data/hyoki.yml） [lint-notation]",
    ]


def test_the_script_lints_notation_in_data_and_pages_but_not_quotations(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    write(project, "z.yml", "id: z\ntitle: 評価とふりかえり\nitems:\n  - id: Z-01\n    check: 目的を共有しているか\n"
                            "    caution: |\n      他自治体の例（三重県）\n      気をつけてください。\n    basis: [市民活動推進条例第9条第1項第1号]\n"
                            "    sources:\n      - kind: other\n        body: 三重県\n        title: ふりかえりシート\n")
    page = project / "docs" / "guideline" / "hajimeni.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n> 引用の中のふりかえりはそのまま\n\n本文の打ち合わせ\n", encoding="utf-8")
    assert lint_script.main(["--root", str(project), "--strict"]) == 1
    out = [line for line in capsys.readouterr().out.splitlines() if "[lint-notation]" in line]
    lines = page.read_text(encoding="utf-8").count("\n")
    assert out == [
        "checklists/z.yml:2: 警告: title: 表記「ふりかえり」は「振り返り」にそろえてください（data/hyoki.yml） [lint-notation]",
        "checklists/z.yml:8: 警告: items[1].caution: 表記「気をつけ」は「気を付け」にそろえてください（data/hyoki.yml） [lint-notation]",
        f"docs/guideline/hajimeni.md:{lines}: 警告: 本文: 表記「打ち合わせ」は「打合せ」にそろえてください（data/hyoki.yml） [lint-notation]",
    ]


def test_the_script_lints_notation_in_paperwork_and_training_but_not_their_sources_or_ids(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    sheet = project / "paperwork" / "role-table.yml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace(
        "    question: チラシ、ウェブページ、SNS などの広報を、どちらが担いますか",
        "    question: 広報と事業のふりかえりを、どちらが担いますか"), encoding="utf-8")
    number = sheet.read_text(encoding="utf-8").splitlines().index("    question: 広報と事業のふりかえりを、どちらが担いますか") + 1
    training = project / "training" / "kantokushoku.yml"
    text = training.read_text(encoding="utf-8")
    goal = next(line for line in text.splitlines() if line.startswith("    goal: "))
    training.write_text(text.replace(goal, goal + "（気をつけること）", 1), encoding="utf-8")
    goal_line = training.read_text(encoding="utf-8").splitlines().index(goal + "（気をつけること）") + 1
    assert lint_script.main(["--root", str(project), "--strict"]) == 1
    out = [line for line in capsys.readouterr().out.splitlines() if "[lint-notation]" in line]
    # the 狭山市 sheet's own words in a source title (行政の役割に「ふりかえり」) are a quotation: not linted
    assert out == [
        f"paperwork/role-table.yml:{number}: 警告: rows[5].question: 表記「ふりかえり」は「振り返り」にそろえてください（data/hyoki.yml） [lint-notation]",
        f"training/kantokushoku.yml:{goal_line}: 警告: steps[1].goal: 表記「気をつけ」は「気を付け」にそろえてください（data/hyoki.yml） [lint-notation]",
    ]
