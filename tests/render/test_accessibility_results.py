"""The 試験結果 page (kyodo_kb/render/accessibility_results.py) from the results file."""
from __future__ import annotations

import pytest

from kyodo_kb.render.accessibility_results import CRITERIA, criterion_of, page_outcome, render_results_page


@pytest.mark.parametrize("tag, number", [("wcag111", "1.1.1"), ("wcag1410", "1.4.10"), ("wcag412", "4.1.2"),
                                         ("wcag2aa", None), ("best-practice", None)])
def test_axe_tags_name_the_wcag_criterion(tag, number):
    assert criterion_of(tag) == number


def test_the_jis_list_has_the_38_criteria_of_levels_a_and_aa():
    assert len(CRITERIA) == 38 and len({number for number, _, _ in CRITERIA}) == 38


def document(violations=None):
    return {
        "date": "2026-12-01", "tool": "axe-core 4.14.1", "browser": "Chromium 1", "viewport": "1366x768",
        "tags": ["wcag2a"], "not_applicable_in_state": {},
        "rules": {"image-alt": {"help": "画像に代替テキスト", "tags": ["wcag2a", "wcag111"]},
                  "color-contrast": {"help": "コントラスト", "tags": ["wcag2aa", "wcag143"]}},
        "pages": [
            {"page": "", "title": "ホーム - KB", "states": ["読み込んだ状態"], "violations": violations or {},
             "passes": ["color-contrast"], "incomplete": []},
            {"page": "a/", "title": "A - KB", "states": ["読み込んだ状態"], "violations": {},
             "passes": [], "incomplete": ["color-contrast"]},
        ],
        "tests": [{"test": "test_accessibility_keyboard::test_skip", "outcome": "passed"},
                  {"test": "test_accessibility_reflow::test_text[text200]", "outcome": "xfailed"}],
    }


def test_each_page_is_marked_against_each_automated_criterion():
    page = render_results_page(document(), sources={"": "index.md"})
    assert "| ページ | 1.1.1 | 1.4.3 |" in page
    assert "| [ホーム](../index.md) | － | ○ |" in page
    assert "| A（`a/`） | － | △ |" in page
    assert "- 試験日: 2026-12-01" in page and "すべてのページ（2 ページ）" in page
    assert "| 2.1.1 | キーボード | A | キーボード操作のブラウザ試験 | 試験 1 件: すべて合格 |" in page
    assert "試験 1 件: すべて合格（既知の不具合 1 件）" in page
    assert "| 1.2.1 | 音声のみ及び映像のみ（収録済み） | A | 内容の確認 | 該当なし（音声・映像がありません） |" in page
    assert '--8<-- "a11y-manual-checks.md"' in page


def test_a_violation_is_shown_as_such_with_where_it_was_found():
    page = render_results_page(document({"color-contrast": [{"state": "印刷", "impact": "serious", "nodes": ["p > a"]}]}),
                               sources={"": "index.md"})
    assert "| [ホーム](../index.md) | － | × |" in page
    assert "自動: 違反 1 ページ" in page
    assert "- ホーム \\- KB: `color-contrast` コントラスト（印刷: p &gt; a）" in page


def test_without_results_the_page_says_how_to_make_them():
    page = render_results_page(None)
    assert "まだ試験結果がありません" in page and "make a11y-report" in page
    assert page_outcome({"violations": {}, "incomplete": [], "passes": []}, ["x"]) == "inapplicable"
