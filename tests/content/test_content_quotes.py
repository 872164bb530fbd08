"""Law text and committee text on the site are the seed's words, character for character.

The seed is the committee handout (令和5年度第3回市民活動推進委員会 資料5) kept in
`shared/seed/` beside the repository (CI lays `shared/` there too). Every line of a Markdown
blockquote in docs/ (except its bold caption line) and every provision text in ordinances/
must occur in it verbatim; only runs of whitespace are treated as equal.
"""
from __future__ import annotations

import os
from pathlib import Path
import re

import pytest

from kyodo_kb.knowledge_base import load_knowledge_base

from support import ROOT
SEED_NAME = "committee-handout-2023-09-20.md"
CAPTION = re.compile(r"^\*\*[^*]+\*\*$")


def seed_path() -> Path:
    """The committee handout kept in the repository (sources/), so the check needs nothing outside it."""
    if os.environ.get("KB_SEED"):
        return Path(os.environ["KB_SEED"])
    return ROOT / "sources" / SEED_NAME


def test_the_repository_copy_of_the_seed_matches_the_shared_original():
    originals = [p for p in (ROOT.parent / "shared" / "seed" / SEED_NAME, ROOT.parent.parent / "shared" / "seed" / SEED_NAME) if p.is_file()]
    if not originals:
        pytest.skip("shared/seed が隣にないため、リポジトリ内の写しだけで確認します")
    assert (ROOT / "sources" / SEED_NAME).read_bytes() == originals[0].read_bytes()


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def seed_text() -> str:
    return squash(seed_path().read_text(encoding="utf-8"))


def blockquote_lines(path: Path):
    """(line number, text) of each quoted line that is not blank and not the bold caption."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.lstrip()
        if not stripped.startswith(">"):
            continue
        text = stripped.lstrip(">").strip()
        if text and not CAPTION.match(text):
            yield number, text


def docs_pages() -> list[Path]:
    return sorted((ROOT / "docs").rglob("*.md"))


def test_docs_have_quotes_to_check():
    quoted = [p for p in docs_pages() if any(blockquote_lines(p))]
    assert len(quoted) >= 4, "引用のあるページが見つかりません（テストが空振りしています）"


@pytest.mark.parametrize("page", docs_pages(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_quoted_line_is_verbatim_in_the_seed(page, seed_text):
    wrong = [f"{page.relative_to(ROOT)}:{n}: {text}" for n, text in blockquote_lines(page) if squash(text) not in seed_text]
    assert not wrong, "委員会資料にない引用があります（条文・答申は一字一句そのまま引用してください）:\n" + "\n".join(wrong)


def test_the_definition_page_quotes_the_three_provisions_in_full():
    text = (ROOT / "docs/guideline/kyodo-towa.md").read_text(encoding="utf-8")
    for phrase in [
        "第26条 市民及び市は、適切な役割分担の下、",
        "2 市民は、自らの自由な意思に基づき、",
        "(2) 協働 市、市民活動を行うもの、市民及び事業者が共通する目的の実現に向けて、",
        "第9条 市及び市民活動を行うものは、協働して事業を行うに当たっては、",
        "3 市は、市民活動を行うものと協働して事業を行うときは、",
    ]:
        assert f"> {phrase}" in text, phrase


def test_the_policy_page_quotes_every_item_of_article_8():
    text = (ROOT / "docs/guideline/shisaku.md").read_text(encoding="utf-8")
    for number in range(1, 8):
        assert f"> ({number}) " in text, f"第8条第{number}号の引用がありません"


def test_every_r3_recommendation_is_quoted():
    text = (ROOT / "docs/guideline/r3-toshin.md").read_text(encoding="utf-8")
    for number in range(1, 8):
        assert f"> ({number}) " in text, f"R3答申({number})の引用がありません"


def test_ordinance_data_is_verbatim_in_the_seed(seed_text):
    kb = load_knowledge_base(ROOT)
    wrong = []
    for ordinance in kb.ordinances:
        for article in ordinance.articles:
            for paragraph in article.paragraphs:
                texts = [paragraph.text] + [item.text for item in paragraph.items]
                wrong += [f"{ordinance.path}:{paragraph.line}: {t}" for t in texts if squash(t) not in seed_text]
    assert not wrong, "条例データの条文が委員会資料と一致しません:\n" + "\n".join(wrong)


def test_the_ordinance_pages_show_each_provision_as_the_seed_prints_it(built_site):
    """Numbering forms and spaces included (「第26条 」「2 」「(1) 」): the ordinance page and the
    quotations of the guideline pages read the same, character for character."""
    import html as html_module
    seed = seed_path().read_text(encoding="utf-8")
    shown = []
    for page in sorted((built_site / "ordinances").glob("*/index.html")):
        for match in re.finditer(r'<p class="kb-provision-text">(.*?)</p>', page.read_text(encoding="utf-8"), re.S):
            shown.append((page.parent.name, html_module.unescape(re.sub(r"<[^>]+>", "", match.group(1)))))
    assert len(shown) >= 16
    wrong = [f"{name}: {text}" for name, text in shown if text not in seed]
    assert not wrong, "条例のページの条文が委員会資料の表記（番号・空白）と違います:\n" + "\n".join(wrong)
