"""The 試験結果 page (accessibility/shiken-kekka.md) from the test run's data (data/a11y-results.json,
written by `make a11y-report`): the criteria of JIS X 8341-3:2016 (WCAG 2.0) A and AA with how each
is tested and its result, then every page against every automatically tested criterion.

Pure: takes the parsed results (or None when there are none yet) and returns Markdown.
"""
from __future__ import annotations

import posixpath
import re

from kyodo_kb.render.pages import escape_text

RESULTS_PATH = "data/a11y-results.json"
PAGE_URI = "accessibility/shiken-kekka.md"
MANUAL_CHECKS = "includes/a11y-manual-checks.md"
MANUAL_CHECKS_SNIPPET = "a11y-manual-checks.md"  # snippets are read from includes/

# JIS X 8341-3:2016 (= WCAG 2.0) level A and AA success criteria, with their JIS names.
CRITERIA = [
    ("1.1.1", "非テキストコンテンツ", "A"), ("1.2.1", "音声のみ及び映像のみ（収録済み）", "A"),
    ("1.2.2", "キャプション（収録済み）", "A"), ("1.2.3", "音声解説、又はメディアに対する代替（収録済み）", "A"),
    ("1.2.4", "キャプション（ライブ）", "AA"), ("1.2.5", "音声解説（収録済み）", "AA"),
    ("1.3.1", "情報及び関係性", "A"), ("1.3.2", "意味のある順序", "A"), ("1.3.3", "感覚的な特徴", "A"),
    ("1.4.1", "色の使用", "A"), ("1.4.2", "音声の制御", "A"), ("1.4.3", "コントラスト（最低限レベル）", "AA"),
    ("1.4.4", "テキストのサイズ変更", "AA"), ("1.4.5", "文字画像", "AA"),
    ("2.1.1", "キーボード", "A"), ("2.1.2", "キーボードトラップなし", "A"),
    ("2.2.1", "タイミング調整可能", "A"), ("2.2.2", "一時停止、停止及び非表示", "A"),
    ("2.3.1", "3回の閃光、又は閾値以下", "A"),
    ("2.4.1", "ブロックスキップ", "A"), ("2.4.2", "ページタイトル", "A"), ("2.4.3", "フォーカス順序", "A"),
    ("2.4.4", "リンクの目的（コンテキスト内）", "A"), ("2.4.5", "複数の手段", "AA"),
    ("2.4.6", "見出し及びラベル", "AA"), ("2.4.7", "フォーカスの可視化", "AA"),
    ("3.1.1", "ページの言語", "A"), ("3.1.2", "一部分の言語", "AA"),
    ("3.2.1", "フォーカス時", "A"), ("3.2.2", "入力時", "A"), ("3.2.3", "一貫したナビゲーション", "AA"),
    ("3.2.4", "一貫した識別性", "AA"),
    ("3.3.1", "エラーの特定", "A"), ("3.3.2", "ラベル又は説明", "A"), ("3.3.3", "エラー修正の提案", "AA"),
    ("3.3.4", "エラー回避（法的、金融及びデータ）", "AA"),
    ("4.1.1", "構文解析", "A"), ("4.1.2", "名前（name）・役割（role）及び値（value）", "A"),
]
# WCAG 2.1 criteria beyond JIS X 8341-3:2016 that the tests also cover.
WCAG21_TESTED = [("1.4.10", "リフロー", "AA")]

# Tests other than axe, by the criteria they check (module::test name prefix -> criteria).
TEST_CRITERIA = {
    "test_accessibility_keyboard": ["2.1.1", "2.1.2", "2.4.1", "2.4.3", "2.4.7"],
    "test_accessibility_reflow": ["1.4.4", "1.4.10"],
    "test_content_lint::test_layout_spaces": ["1.3.2"],
    "test_content_lint::test_link_text": ["2.4.4"],
}
TEST_METHODS = {
    "test_accessibility_keyboard": "キーボード操作のブラウザ試験",
    "test_accessibility_reflow": "320 px 幅・文字 200 % のブラウザ試験",
    "test_content_lint::test_layout_spaces": "make lint（語の途中の空白、F32）",
    "test_content_lint::test_link_text": "make lint（「こちら」などのリンク）",
}
# Criteria for which a person must judge (the manual checklist), beyond what the tools find.
MANUAL = {"1.1.1", "1.4.3", "1.3.1", "1.3.2", "1.3.3", "1.4.1", "1.4.5", "2.4.2", "2.4.4", "2.4.6", "3.1.2", "3.3.2",
          "3.2.3", "3.2.4", "2.4.5", "4.1.2", "3.3.1", "3.3.3"}
# Criteria about content this site does not have (no audio, video, time limits, moving content,
# flashing, or transactions).
NOT_PRESENT = {
    "1.2.1": "音声・映像がありません", "1.2.2": "音声・映像がありません", "1.2.3": "音声・映像がありません",
    "1.2.4": "ライブの音声・映像がありません", "1.2.5": "映像がありません", "1.4.2": "自動で再生する音声がありません",
    "2.2.1": "制限時間がありません", "2.2.2": "動く・点滅する・自動更新する内容がありません",
    "2.3.1": "閃光がありません", "3.3.4": "法的・金融の取引やデータの送信がありません（回答はブラウザの中にだけ保存）",
}

MARKS = {"violation": "×", "pass": "○", "incomplete": "△", "inapplicable": "－"}


def criterion_of(tag: str) -> str | None:
    """axe's WCAG tag (wcag111, wcag1410) as a criterion number (1.1.1, 1.4.10)."""
    match = re.fullmatch(r"wcag(\d)(\d)(\d+)", tag)
    return ".".join(match.groups()) if match else None


def rules_by_criterion(rules: dict) -> dict:
    found: dict = {}
    for rule_id, rule in rules.items():
        for tag in rule["tags"]:
            number = criterion_of(tag)
            if number:
                found.setdefault(number, []).append(rule_id)
    return {number: sorted(ids) for number, ids in found.items()}


def page_outcome(page: dict, rule_ids: list) -> str:
    if any(rule in page["violations"] for rule in rule_ids):
        return "violation"
    if any(rule in page["incomplete"] for rule in rule_ids):
        return "incomplete"
    if any(rule in page["passes"] for rule in rule_ids):
        return "pass"
    return "inapplicable"


def _tests_for(criterion: str, tests: list) -> list:
    return [t for t in tests if any(criterion in numbers and t["test"].startswith(prefix)
                                    for prefix, numbers in TEST_CRITERIA.items())]


def _method_and_result(number: str, by_criterion: dict, pages: list, tests: list) -> tuple[str, str]:
    methods, results = [], []
    rule_ids = by_criterion.get(number, [])
    if rule_ids:
        methods.append("自動（axe: " + "、".join(f"`{r}`" for r in rule_ids) + "）")
        outcomes = [page_outcome(page, rule_ids) for page in pages]
        bad = outcomes.count("violation")
        if bad:
            results.append(f"自動: 違反 {bad} ページ")
        elif outcomes.count("pass"):
            results.append(f"自動: 違反なし（{outcomes.count('pass')} ページで確認、{outcomes.count('inapplicable')} ページは該当なし）")
        else:
            results.append("自動: 該当する要素なし")
        if outcomes.count("incomplete"):
            results.append(f"自動で判定できず目視へ {outcomes.count('incomplete')} ページ")
    own = _tests_for(number, tests)
    if own:
        kinds = sorted({TEST_METHODS[prefix] for prefix in TEST_CRITERIA for t in own if t["test"].startswith(prefix)})
        methods.append("、".join(kinds))
        failed = [t for t in own if t["outcome"] == "failed"]
        known = [t for t in own if t["outcome"] == "xfailed"]
        text = f"試験 {len(own)} 件: " + (f"失敗 {len(failed)} 件" if failed else "すべて合格")
        if known:
            text += f"（既知の不具合 {len(known)} 件）"
        results.append(text)
    if number in MANUAL:
        methods.append("目視（手動チェック表）")
        results.append("目視: 手動チェック表のとおり")
    if number in NOT_PRESENT:
        methods.append("内容の確認")
        results.append(f"該当なし（{NOT_PRESENT[number]}）")
    if not methods:
        methods.append("目視（手動チェック表）")
        results.append("目視: 手動チェック表のとおり")
    return "<br>".join(methods), "<br>".join(results)


def _page_cell(page: dict, sources: dict) -> str:
    title = escape_text(page["title"].split(" - ")[0]) or "（ホーム）"
    source = sources.get(page["page"])
    if source is None:  # a page no longer in the site, or 404.html
        return f"{title}（`{escape_text(page['page'] or '/')}`）"
    return f"[{title}]({posixpath.relpath(source, posixpath.dirname(PAGE_URI))})"


def render_results_page(document: dict | None, edition: str = "", sources: dict | None = None) -> str:
    """`sources` maps a page's address in the site ("checklists/x/") to its source ("checklists/x.md"),
    so that the page links are checked by MkDocs like any other."""
    sources = sources or {}
    lines = [
        "---", "title: アクセシビリティ試験結果", "---", "",
        "# アクセシビリティ試験結果", "",
        "[ウェブアクセシビリティ方針](index.md)に基づく試験の結果です。自動で確かめられる達成基準はすべてのページを"
        "試験し、人が判断する基準は下の手動チェック表で確かめます。",
        "",
    ]
    if document is None:
        lines += ['!!! warning "まだ試験結果がありません"',
                  f"    `make a11y-report` を実行すると {RESULTS_PATH} が作られ、このページに結果が載ります。", ""]
        return "\n".join(lines) + _manual_section()
    pages = document["pages"]
    tests = document.get("tests", [])
    by_criterion = rules_by_criterion(document["rules"])
    states = sorted({state for page in pages for state in page["states"]})
    lines += [
        "## 試験の概要", "",
        f"- 試験日: {document['date']}",
        "- 規格: JIS X 8341-3:2016（WCAG 2.0 と同一）の適合レベル AA。WCAG 2.1 のレベル A・AA の自動試験と"
        "ベストプラクティスも合わせて実行しています。",
        f"- 対象: このサイトのすべてのページ（{len(pages)} ページ）。WAIC の試験実施ガイドラインでは 100 ページを"
        "超えるサイトは抽出による試験も認められていますが、ここではすべてのページを試験しています。",
        f"- 自動試験のツール: {document['tool']}（{document['browser']}、画面 {document['viewport']}）。"
        "規則の組: " + "、".join(f"`{tag}`" for tag in document["tags"]),
        "- 試験した状態: " + "、".join(states) + "（チェックリストは回答と絞り込みをした状態と印刷の状態も試験しています）",
        f"- 試験の合否: 自動試験の違反 {sum(len(p['violations']) for p in pages)} 件、"
        f"ブラウザ試験など {len(tests)} 件のうち失敗 {sum(1 for t in tests if t['outcome'] == 'failed')} 件",
    ]
    if edition:
        lines.append(f"- 版: {edition}")
    for state, reasons in document.get("not_applicable_in_state", {}).items():
        for rule, reason in reasons.items():
            lines.append(f"- 「{state}」では `{rule}` を対象外としています: {reason}")
    lines += [
        "", "自動試験で違反がないことは、その達成基準を満たすことの一部しか示しません。"
        "人が判断する部分は手動チェック表で確かめます。", "",
        "## 達成基準ごとの結果", "",
        "| 番号 | 達成基準 | レベル | 試験の方法 | 結果 |", "| --- | --- | --- | --- | --- |",
    ]
    for number, name, level in CRITERIA + WCAG21_TESTED:
        method, result = _method_and_result(number, by_criterion, pages, tests)
        suffix = "（WCAG 2.1）" if (number, name, level) in WCAG21_TESTED else ""
        lines.append(f"| {number} | {name}{suffix} | {level} | {method} | {result} |")
    automated = [c for c in CRITERIA + WCAG21_TESTED if c[0] in by_criterion]
    lines += [
        "", "## ページごとの自動試験の結果", "",
        "○ 違反なし、× 違反あり、△ 自動では判定できず目視で確認、－ 該当する要素なし。"
        "列の番号は上の表の達成基準です。", "",
        "| ページ | " + " | ".join(number for number, _, _ in automated) + " |",
        "| --- | " + " | ".join("---" for _ in automated) + " |",
    ]
    for page in pages:
        cells = [MARKS[page_outcome(page, by_criterion[number])] for number, _, _ in automated]
        lines.append(f"| {_page_cell(page, sources)} | " + " | ".join(cells) + " |")
    violations = [(page, rule, found) for page in pages for rule, found in page["violations"].items()]
    if violations:
        lines += ["", "### 違反の内容", ""]
        for page, rule, found in violations:
            where = "、".join(f"{f['state']}: {'; '.join(f['nodes'][:3])}" for f in found)
            lines.append(f"- {escape_text(page['title'])}: `{rule}` {escape_text(document['rules'].get(rule, {}).get('help', ''))}（{escape_text(where)}）")
    if tests:
        lines += ["", "## ブラウザ試験と文章の確認（make test の一部）", "", "| 試験 | 結果 |", "| --- | --- |"]
        labels = {"passed": "合格", "failed": "失敗", "xfailed": "既知の不具合（未解決）", "skipped": "省略"}
        for test in tests:
            if any(test["test"].startswith(prefix) for prefix in TEST_CRITERIA) or "accessibility" in test["test"]:
                lines.append(f"| `{escape_text(test['test'])}` | {labels.get(test['outcome'], test['outcome'])} |")
    return "\n".join(lines) + "\n" + _manual_section()


def _manual_section() -> str:
    return ("\n## 手動チェック表（最後に確かめた結果）\n\n"
            "確かめ方は[アクセシビリティの手動チェック](../maintainers/accessibility.md)にあります。\n\n"
            f'--8<-- "{MANUAL_CHECKS_SNIPPET}"\n')
