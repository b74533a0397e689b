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
