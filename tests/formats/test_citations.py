"""Citations as staff write them: every accepted form, and the rejected ones with their messages."""
from pathlib import Path

import pytest

from kyodo_kb.formats.citations import CitationError, CitationResolver, parse_number
from kyodo_kb.formats.ordinance import load_ordinance

from support import ROOT


@pytest.fixture(scope="module")
def resolver():
    errors = []
    ordinances = [load_ordinance(p, p.name, errors) for p in sorted((ROOT / "ordinances").glob("*.yml"))]
    assert errors == []
    return CitationResolver(ordinances)


@pytest.mark.parametrize("text, number", [("9", 9), ("九", 9), ("十", 10), ("二十六", 26), ("百二", 102), ("二千十五", 2015), ("一〇", 10)])
def test_parse_number_reads_arabic_and_kanji_numerals(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize("citation, label, anchor", [
    ("市民活動推進条例第9条第1項第1号", "市民活動推進条例第9条第1項第1号", "art9-para1-item1"),
    ("茅ヶ崎市市民活動推進条例第9条第1項第4号", "市民活動推進条例第9条第1項第4号", "art9-para1-item4"),
    ("茅ケ崎市市民活動推進条例第9条第2項", "市民活動推進条例第9条第2項", "art9-para2"),
    ("市民活動推進条例第９条第３項", "市民活動推進条例第9条第3項", "art9-para3"),
    ("市民活動推進条例第九条第一項第三号", "市民活動推進条例第9条第1項第3号", "art9-para1-item3"),
    ("市民活動推進条例 第8条 第6号", "市民活動推進条例第8条第6号", "art8-para1-item6"),
    ("市民活動推進条例第8条第1項第6号", "市民活動推進条例第8条第6号", "art8-para1-item6"),
    ("市民活動推進条例第2条第2号", "市民活動推進条例第2条第2号", "art2-para1-item2"),
    ("市民活動推進条例第9条", "市民活動推進条例第9条", "art9"),
    ("自治基本条例第二十六条", "自治基本条例第26条", "art26"),
    ("自治基本条例第26条第2項", "自治基本条例第26条第2項", "art26-para2"),
    ("茅ヶ崎市自治基本条例第２６条第１項", "自治基本条例第26条第1項", "art26-para1"),
    ("自治基本条例26条2項", "自治基本条例第26条第2項", "art26-para2"),
])
def test_resolve_accepts_every_written_form(resolver, citation, label, anchor):
    ref = resolver.resolve(citation)
    assert (ref.label, ref.anchor) == (label, anchor)


@pytest.mark.parametrize("citation, message", [
    ("市民活動推進条例第10条", "引用「市民活動推進条例第10条」の第10条は市民活動推進条例に収録されていません（収録されている条: 第2条、第8条、第9条）"),
    ("市民活動推進条例第2条第1号", "引用「市民活動推進条例第2条第1号」の第1号は第2条第1項に収録されていません（収録されている号: 第2号）"),
    ("自治基本条例第26条第3項", "引用「自治基本条例第26条第3項」の第26条第3項は収録されていません（収録されている項: 第1項、第2項）"),
    ("自治基本条例第26条第1号", "引用「自治基本条例第26条第1号」: 第26条には項が複数あるため、号の前に第N項を書いてください（例: 第26条第1項第1号）"),
    ("第9条", "引用「第9条」に条例名がありません。条例名から書いてください（例: 市民活動推進条例第9条第1項第4号、自治基本条例第26条第2項）"),
    ("自治基本条令第26条", "引用「自治基本条令第26条」の条例名「自治基本条令」は収録されていません（もしかして: 自治基本条例）。収録されている条例: 市民活動推進条例、自治基本条例"),
    ("市民活動推進条例第9条の2", "引用「市民活動推進条例第9条の2」の第9条の2は市民活動推進条例に収録されていません（収録されている条: 第2条、第8条、第9条）"),
    ("市民活動推進条例第9項", "引用「市民活動推進条例第9項」を読み取れません。「条例名 第N条 第N項 第N号」の形で書いてください（例: 市民活動推進条例第9条第1項第4号、自治基本条例第26条第2項）"),
])
def test_resolve_rejects_what_does_not_exist_with_a_japanese_message(resolver, citation, message):
    with pytest.raises(CitationError) as raised:
        resolver.resolve(citation)
    assert str(raised.value) == message
