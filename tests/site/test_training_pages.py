"""The built site's training pages: an index and a page, handout, CSV and GIFT per path; the
checklists, guideline pages and the form chooser link to the steps that read them; the R3答申
page traces (6) to the paths."""


def test_each_path_has_its_page_handout_and_files(built_site):
    index = (built_site / "training" / "index.html").read_text(encoding="utf-8")
    for path_id in ("shinsaiyo", "kantokushoku"):
        assert f'href="{path_id}/"' in index
        folder = built_site / "training" / path_id
        assert (folder / "index.html").is_file() and (folder / "handout" / "index.html").is_file()
        assert (folder / f"{path_id}-questions.csv").read_bytes().startswith(b"\xef\xbb\xbf")
        assert (folder / f"{path_id}-questions.gift.txt").read_text(encoding="utf-8").count("::問") >= 8


def test_checklists_guideline_and_chooser_link_to_the_steps_that_read_them(built_site):
    checklist = (built_site / "checklists" / "kyodo-gensoku" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../training/shinsaiyo/#step-s03">新採用職員のための協働の基本 ステップ 3</a>（KG-01）' in checklist
    chooser = (built_site / "chooser" / "keitai" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../training/kantokushoku/#step-s04">監督職のための協働の確認と説明 ステップ 4</a>' in chooser
    guideline = (built_site / "guideline" / "kyodo-towa" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../training/shinsaiyo/#step-s01"' in guideline


def test_the_r3_toshin_page_traces_its_sixth_point_to_the_paths(built_site):
    page = (built_site / "guideline" / "r3-toshin" / "index.html").read_text(encoding="utf-8")
    section = page.split('id="r3-6"', 1)[1].split('id="r3-7"', 1)[0]
    assert 'href="../../training/shinsaiyo/"' in section and 'href="../../training/kantokushoku/"' in section
