"""和暦 dates as letters print them, across era boundaries."""

import datetime

import pytest

from shuchi.typeset.wareki import relative_date, wareki


@pytest.mark.parametrize("day, printed", [
    (datetime.date(2024, 8, 8), "令和6年8月8日"),
    (datetime.date(2019, 5, 1), "令和元年5月1日"),
    (datetime.date(2019, 4, 30), "平成31年4月30日"),
    (datetime.date(1989, 1, 8), "平成元年1月8日"),
    (datetime.date(1989, 1, 7), "昭和64年1月7日"),
    (datetime.date(2020, 1, 1), "令和2年1月1日"),
])
def test_era_dates(day, printed):
    assert wareki(day) == printed


def test_western_year_beside_the_era_where_the_profile_asks():
    assert wareki(datetime.date(2024, 8, 8), western=True) == "令和6年（2024年）8月8日"


def test_a_date_in_the_letters_own_year_reads_honnen():
    assert relative_date(datetime.date(2024, 12, 2), datetime.date(2024, 8, 8)) == "本年12月2日"


def test_a_date_of_another_year_is_written_in_full():
    assert relative_date(datetime.date(2024, 12, 2), datetime.date(2025, 3, 1)) == "令和6年12月2日"


REFERENCE = [
    # first day and last day of each era as the 官報 / 元号法 fix them (hand-checked table)
    (datetime.date(1873, 1, 1), "明治6年1月1日"),      # the Gregorian calendar adopted: 明治5年12月3日 became 明治6年1月1日
    (datetime.date(1900, 6, 15), "明治33年6月15日"),
    (datetime.date(1912, 7, 29), "明治45年7月29日"),
    (datetime.date(1912, 7, 30), "大正元年7月30日"),
    (datetime.date(1926, 12, 24), "大正15年12月24日"),
    (datetime.date(1926, 12, 25), "昭和元年12月25日"),
    (datetime.date(1927, 1, 1), "昭和2年1月1日"),
    (datetime.date(1989, 1, 7), "昭和64年1月7日"),
    (datetime.date(1989, 1, 8), "平成元年1月8日"),
    (datetime.date(2019, 4, 30), "平成31年4月30日"),
    (datetime.date(2019, 5, 1), "令和元年5月1日"),
]

ERA_TABLE = [
    # era, first day, Western year of its 元年: era year = Western year − (first year − 1)
    ("明治", datetime.date(1873, 1, 1), 1868),
    ("大正", datetime.date(1912, 7, 30), 1912),
    ("昭和", datetime.date(1926, 12, 25), 1926),
    ("平成", datetime.date(1989, 1, 8), 1989),
    ("令和", datetime.date(2019, 5, 1), 2019),
]


@pytest.mark.parametrize("day, printed", REFERENCE)
def test_the_first_and_last_day_of_every_era(day, printed):
    assert wareki(day) == printed


def test_every_day_from_1873_to_2035_against_the_era_table():
    day, last, wrong = datetime.date(1873, 1, 1), datetime.date(2035, 12, 31), []
    while day <= last:
        era, _, first_year = [row for row in ERA_TABLE if row[1] <= day][-1]
        year = day.year - first_year + 1
        expected = f"{era}{'元' if year == 1 else year}年{day.month}月{day.day}日"
        if wareki(day) != expected:
            wrong.append((day, wareki(day), expected))
        day += datetime.timedelta(days=1)
    assert not wrong, f"{len(wrong)} days differ, e.g. {wrong[:3]}"


def test_before_the_gregorian_calendar_is_refused():
    with pytest.raises(ValueError, match="明治6年"):
        wareki(datetime.date(1872, 12, 31))
