"""Every section of the seed has a page that tells staff what to do with it, and the pages,
the glossary and the R3 recommendations link to cautions that exist."""
from __future__ import annotations

from pathlib import Path
import re

import pytest

from kyodo_kb.knowledge_base import load_knowledge_base

from support import ROOT
GUIDE = ROOT / "docs" / "guideline"

# seed section -> (page, words its title must contain)
SEED_SECTIONS = {
    "はじめに（取組の方向性④ ガイドラインの補強）": ("hajimeni.md", "はじめに"),
    "協働とは（自治基本条例第26条、市民活動推進条例第2条第2号・第9条）": ("kyodo-towa.md", "協働とは"),
    "これまでの経緯": ("keii.md", "これまでの経緯"),
    "協働推進事業の概要と終了の背景": ("suishin-jigyo.md", "協働推進事業の振り返り"),
    "協働の形態と選び方": ("keitai.md", "協働の形態と選び方"),
    "協働の進め方": ("susumekata.md", "協働の進め方"),
    "市の施策（市民活動推進条例第8条）": ("shisaku.md", "市の施策と協働"),
    "総合計画での位置付け": ("sogo-keikaku.md", "総合計画との関係"),
    "R3答申": ("r3-toshin.md", "R3答申への対応"),
    "取組の方向性①〜④": ("hoko.md", "取組の方向性"),
    "用語集": ("yogoshu.md", "用語集"),
}
STAGES = ["kankeizukuri", "keikaku", "sentei", "kyotei", "jisshi", "hyoka"]
GLOSSARY_TERMS = ["協働", "市民活動団体", "げんき基金", "サポートセンター", "行政提案型", "市民提案型", "協働推進事業",
                  "事業協力", "共催", "後援", "委託", "補助", "実行委員会", "協定書", "マッチング", "総合計画", "R3答申"]
TIMELINE = [("平成17年", "2005年"), ("平成19年", "2007年"), ("平成22年", "2010年"), ("令和元年", "2019年"),
            ("令和3年", "2021年"), ("令和4年", "2022年")]
CHECKLIST_LINK = re.compile(r"\]\((?:\.\./)*(?:checklists/)?(?P<checklist>[a-z0-9-]+)\.md#(?P<item>[A-Z]{2}-\d{2})\)")


def read(name: str) -> str:
    return (GUIDE / name).read_text(encoding="utf-8")


def section(text: str, anchor: str) -> str:
    """The text from the heading carrying {#anchor} to the next heading of the same or higher level."""
    match = re.search(rf"^(#+) .*\{{#{re.escape(anchor)}\}}\s*$", text, re.M)
    assert match, f"見出し #{anchor} がありません"
    level = len(match.group(1))
    rest = text[match.end():]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.M)
    return rest[: end.start()] if end else rest


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base(ROOT)


@pytest.mark.parametrize("name,page", SEED_SECTIONS.items(), ids=list(SEED_SECTIONS))
def test_every_seed_section_has_a_page_that_says_how_to_use_it(name, page):
    file, title = page
    text = read(file)
    first_heading = next(line for line in text.splitlines() if line.startswith("# "))
    assert title in first_heading, f"{file}: 見出しが「{title}」ではありません"
    assert '!!! tip "このページの使い方"' in text, f"{file}: 「このページの使い方」がありません"


def test_every_guideline_page_is_in_the_nav():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = config[config.index("\nnav:"):]
    missing = [p.name for p in sorted(GUIDE.glob("*.md")) if f"guideline/{p.name}" not in nav]
    assert not missing, f"mkdocs.yml の nav にないページがあります: {missing}"


def test_timeline_gives_both_japanese_and_western_years():
    text = read("keii.md")
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    for wareki, seireki in TIMELINE:
        assert any(f"| {wareki} | {seireki} |" in row for row in rows), f"年表に {wareki}（{seireki}）の行がありません"


def test_seed_figures_are_the_seeds():
    review = read("suishin-jigyo.md")
    assert "56の事業" in review and "20,000千円" in review
    assert "令和元年度までに56事業" in read("keii.md")
    for reason in ["継続率", "実施件数の減少", "財政状況の変化", "マッチング"]:
        assert reason in review, reason


def test_the_stages_page_links_every_stage_checklist_in_order():
    text = read("susumekata.md")
    positions = [text.find(f"](../checklists/{stage}.md)") for stage in STAGES]
    assert -1 not in positions, dict(zip(STAGES, positions))
    assert positions == sorted(positions), "段階の順に並んでいません"


def test_the_situation_checklists_are_reachable_from_the_stages_page():
    text = read("susumekata.md")
    for checklist in ["teian", "genki-kikin", "support-center", "kyodo-gensoku"]:
        assert f"](../checklists/{checklist}.md)" in text, checklist


@pytest.mark.parametrize("number", range(1, 8))
def test_every_r3_recommendation_links_to_pages_or_cautions(number, kb):
    body = section(read("r3-toshin.md"), f"r3-{number}")
    answers = body.split("**このガイドラインでの対応**", 1)
    assert len(answers) == 2, f"R3答申({number})に「このガイドラインでの対応」がありません"
    links = re.findall(r"\]\(([^)]+)\)", answers[1])
    targets = [l for l in links if l.startswith(("../checklists/", "kyodo-towa", "keitai", "susumekata", "shisaku", "sogo-keikaku", "hoko", "yogoshu"))]
    assert targets, f"R3答申({number})がページや留意事項にリンクしていません"


def test_r3_five_is_answered_by_a_caution_about_wording(kb):
    body = section(read("r3-toshin.md"), "r3-5")
    items = {m.group("item") for m in CHECKLIST_LINK.finditer(body)}
    cautions = {i.id: i for c in kb.checklists for i in c.items}
    assert any("R3答申(5)" in cautions[i].caution for i in items if i in cautions)


@pytest.mark.parametrize("number", range(1, 5))
def test_every_direction_has_purpose_method_and_what_staff_can_do(number):
    body = section(read("hoko.md"), f"hoko-{number}")
    for part in ["**目的**", "具体的な方法", "**職員がいまからできること**"]:
        assert part in body, f"取組の方向性{number}: {part}"


def _markdown_sources():
    for page in sorted((ROOT / "docs").rglob("*.md")):
        yield page.relative_to(ROOT).as_posix(), page.read_text(encoding="utf-8")


def test_every_link_to_a_caution_names_an_item_of_that_checklist(kb):
    items = {(c.id, i.id) for c in kb.checklists for i in c.items}
    sources = list(_markdown_sources())
    sources += [(f"{c.path} {i.id}", i.caution) for c in kb.checklists for i in c.items]
    broken = [f"{where}: {m.group(0)}" for where, text in sources for m in CHECKLIST_LINK.finditer(text)
              if (m.group("checklist"), m.group("item")) not in items]
    assert not broken, "存在しない留意事項へのリンクがあります:\n" + "\n".join(broken)


@pytest.mark.parametrize("term", GLOSSARY_TERMS)
def test_glossary_explains_the_terms_new_staff_meet(term):
    headings = [line for line in read("yogoshu.md").splitlines() if line.startswith("### ")]
    assert any(term in heading for heading in headings), f"用語集に「{term}」がありません"


def test_every_hover_definition_has_a_glossary_entry():
    abbreviations = (ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8")
    terms = re.findall(r"^\*\[(.+?)\]: \S", abbreviations, re.M)
    assert len(terms) >= len(GLOSSARY_TERMS)
    glossary = read("yogoshu.md")
    missing = [t for t in terms if t not in glossary]
    assert not missing, f"用語集の本文にない略語定義があります: {missing}"


# Bodies whose practice the research notes (shared/reference) describe; none of it is Chigasaki's rule.
OTHER_BODIES = ["逗子市", "高松市", "川崎市", "横浜市", "あま市", "今治市", "市川三郷町", "佐賀県", "三重県", "府中市", "三田市",
                "小平市", "狭山市", "目黒区", "宝塚市", "和光市", "大和市", "北海道", "浦安市", "筑西市", "豊中市", "相模原市",
                "仙台市", "龍ケ崎市", "茂原市", "高浜市", "三鷹市", "岩手県", "千葉県", "小牧市", "大阪市", "広島市", "石川県",
                "尼崎市", "江東区"]


def _displayed_texts(kb):
    """(where, text) of every text staff read: guideline pages, the home page, hover definitions,
    checklist summaries, checks and cautions, the question flows, the paperwork sheets and the
    training paths."""
    for page in sorted((ROOT / "docs").rglob("*.md")):
        if page.relative_to(ROOT / "docs").parts[0] in ("editing", "maintainers"):
            continue
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            yield f"{page.relative_to(ROOT)}:{number}", line
    yield from ((f"includes/abbreviations.md:{n}", line) for n, line in
                enumerate((ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8").splitlines(), start=1))
    for checklist in kb.checklists:
        yield checklist.path, checklist.summary or ""
        for item in checklist.items:
            yield f"{checklist.path} {item.id}", item.check
            yield f"{checklist.path} {item.id}", item.caution
    for flow in kb.flows:
        yield flow.path, flow.intro or ""
        for question in flow.questions:
            yield f"{flow.path} {question.id}", " ".join([question.question, question.help or ""] + [a.label for a in question.answers])
        for outcome in flow.outcomes:
            yield f"{flow.path} {outcome.id}", outcome.title + " " + outcome.summary
    for sheet in kb.paperwork:  # the sheets' own words; their sources are shown with the label already
        for name in ("intro", "kakunin", "scale", "disclosure"):
            yield f"{sheet.path} {name}", getattr(sheet, name) or ""
        for entry in sheet.entries:
            words = [entry.name, getattr(entry, "question", ""), *getattr(entry, "questions", ()),
                     getattr(entry, "note", None) or "", getattr(entry, "kakunin", None) or ""]
            yield f"{sheet.path} {entry.id}", " ".join(words)
            for note in getattr(entry, "form_notes", ()):
                yield f"{sheet.path} {entry.id} {note.form}", note.note
    for training in kb.training_paths:
        yield training.path, training.summary or ""
        for step in training.steps:
            yield f"{training.path} {step.id}", step.goal
        for question in training.questions:
            yield f"{training.path} {question.id}", " ".join([question.question, *question.choices, question.explanation])


def test_another_body_s_practice_is_always_labelled_as_its_example(kb):
    """No statement about another body reads as Chigasaki's rule: every mention of one of the bodies
    the research notes describe comes after its label 「他自治体の例（○○）」 in the same paragraph."""
    unlabelled = []
    for where, text in _displayed_texts(kb):
        for body in OTHER_BODIES:
            start = text.find(body)
            while start != -1:
                label = text.find(f"他自治体の例（{body}）")
                if label == -1 or label > start - len("他自治体の例（"):
                    unlabelled.append(f"{where}: {body}: {text[max(0, start - 30):start + 20]}")
                start = text.find(body, start + 1)
    assert not unlabelled, "「他自治体の例（○○）」の表示がない他自治体の記述があります:\n" + "\n".join(unlabelled)


def test_no_check_on_the_site_is_phrased_negatively(kb):
    from kyodo_kb.formats.provenance import negative_ending
    negative = [f"{c.path} {i.id}: {i.check}" for c in kb.checklists for i in c.items if negative_ending(i.check)]
    assert not negative


def test_every_caution_shows_a_basis_or_a_source(kb):
    bare = [f"{c.path} {i.id}" for c in kb.checklists for i in c.items if not i.basis and not i.sources]
    assert not bare
