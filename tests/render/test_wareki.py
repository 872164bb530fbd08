"""和暦 conversion (hooks/wareki.py): era boundaries, 元年, and the combined 和暦（西暦） form."""
import datetime

import pytest

from kyodo_kb.render.wareki import era_of, format_both, format_wareki

D = datetime.date


@pytest.mark.parametrize("date, text", [
    (D(2026, 11, 27), "令和8年11月27日"),
    (D(2019, 5, 1), "令和元年5月1日"),
    (D(2019, 4, 30), "平成31年4月30日"),
    (D(2020, 1, 1), "令和2年1月1日"),
    (D(1989, 1, 8), "平成元年1月8日"),
    (D(1989, 1, 7), "昭和64年1月7日"),
    (D(1926, 12, 25), "昭和元年12月25日"),
    (D(1926, 12, 24), "大正15年12月24日"),
    (D(1912, 7, 30), "大正元年7月30日"),
    (D(1912, 7, 29), "明治45年7月29日"),
    (D(1873, 1, 1), "明治6年1月1日"),
    (D(2001, 4, 1), "平成13年4月1日"),
])
def test_format_wareki_follows_era_boundaries_and_writes_the_first_year_as_gannen(date, text):
    assert format_wareki(date) == text


def test_format_both_puts_the_western_date_in_full_width_brackets():
    assert format_both(D(2026, 11, 27)) == "令和8年11月27日（2026年11月27日）"


def test_dates_before_the_gregorian_calendar_are_refused():
    with pytest.raises(ValueError):
        era_of(D(1872, 12, 31))
