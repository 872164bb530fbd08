"""Japanese era dates (和暦), written the way city documents write them: 令和8年11月27日, 令和元年5月1日.

Eras start on the day the new era began (令和 2019-05-01, 平成 1989-01-08, 昭和 1926-12-25,
大正 1912-07-30). 明治 is counted from 1873-01-01, the first day of the Gregorian calendar in
Japan: earlier dates were lunar-calendar dates and cannot be converted by arithmetic.
"""
from __future__ import annotations

import datetime

ERAS = (  # newest first
    ("令和", datetime.date(2019, 5, 1)),
    ("平成", datetime.date(1989, 1, 8)),
    ("昭和", datetime.date(1926, 12, 25)),
    ("大正", datetime.date(1912, 7, 30)),
    ("明治", datetime.date(1868, 1, 25)),  # 明治元年 is 1868; see the module docstring for the lower bound
)
EARLIEST = datetime.date(1873, 1, 1)


def era_of(date: datetime.date) -> tuple[str, int]:
    """(era name, year of the era) for a Gregorian date; raises ValueError before 1873."""
    if date < EARLIEST:
        raise ValueError(f"{date.isoformat()} は和暦に換算できません（1873年1月1日以降の日付にしてください）")
    for name, start in ERAS:
        if date >= start:
            return name, date.year - start.year + 1
    raise AssertionError("unreachable: EARLIEST lies inside 明治")


def format_wareki(date: datetime.date) -> str:
    name, year = era_of(date)
    return f"{name}{'元' if year == 1 else year}年{date.month}月{date.day}日"


def format_seireki(date: datetime.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def format_both(date: datetime.date) -> str:
    """令和8年11月27日（2026年11月27日）"""
    return f"{format_wareki(date)}（{format_seireki(date)}）"
