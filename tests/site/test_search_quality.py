"""The query set (tests/search_queries.yml) typed into the header search of the built site:
recall@5 must stay at or above the target. scripts/bench_search.py compares engines."""
import sys
from urllib.parse import quote

import pytest

from kyodo_kb.tooling.project import PROJECT_ROOT as ROOT

from support import load_script

bench_search = load_script("bench_search")
TOP_K, evaluate, load_query_set = bench_search.TOP_K, bench_search.evaluate, bench_search.load_query_set

TARGET_RECALL = 0.95


def test_the_query_set_is_large_enough_and_every_expected_result_exists(built_site):
    specs = load_query_set()
    assert len(specs) >= 40
    for spec in specs:
        for target in spec.expect:
            path, _, anchor = target.partition("#")
            page = built_site / path / "index.html"
            assert page.is_file(), f"{spec.query}: {target} のページがありません"
            if anchor:
                html = page.read_text(encoding="utf-8")
                assert f'id="{anchor}"' in html or f'id="{quote(anchor)}"' in html, f"{spec.query}: {target} のアンカーがありません"


def test_an_unknown_item_id_in_the_query_set_is_reported_not_counted_as_a_miss(tmp_path):
    bad = tmp_path / "queries.yml"
    bad.write_text("queries:\n  - {query: 保険, expect: [XX-99]}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="XX-99"):
        load_query_set(bad, {"KT-04": "checklists/kyotei/#KT-04"})


@pytest.mark.browser
def test_recall_at_5_on_the_query_set_meets_the_target(page, site_url):
    evaluation = evaluate(page, site_url, load_query_set())
    misses = "\n".join(f"  {o.spec.query}: 期待 {list(o.spec.expect)} / 上位 {o.results[:TOP_K]}" for o in evaluation.misses())
    print(f"recall@{TOP_K} {evaluation.recall:.3f}  MRR {evaluation.mrr:.3f}\n{misses}")
    assert evaluation.recall >= TARGET_RECALL, f"recall@{TOP_K} {evaluation.recall:.3f} < {TARGET_RECALL}:\n{misses}"
