"""和暦: Japanese era dates as a Japanese letter prints them (「令和6年8月8日」, 「令和元年5月1日」)."""

import datetime

ERAS = (
    ("令和", datetime.date(2019, 5, 1), 2019),
    ("平成", datetime.date(1989, 1, 8), 1989),
    ("昭和", datetime.date(1926, 12, 25), 1926),
    ("大正", datetime.date(1912, 7, 30), 1912),
    ("明治", datetime.date(1873, 1, 1), 1868),
)
"""Era names, the first day shuchi dates in them, and the Western year of the era's 元年, newest first.

明治 began in 1868, but Japan counted days by the Gregorian calendar only from 1873-01-01
(明治6年1月1日): that is the first day supported, and its era year still counts from 1868.
"""


def era_year(day: datetime.date) -> tuple[str, int]:
    """The era and the year within it: 2019-05-01 → ('令和', 1)."""
    for name, start, first_year in ERAS:
        if day >= start:
            return name, day.year - first_year + 1
    raise ValueError(f"{day} is before 明治6年; 和暦 is not supported that far back")


def year_text(era: str, year: int) -> str:
    """「元年」 for the first year of an era, 「6年」 otherwise."""
    return f"{era}{'元' if year == 1 else year}年"


def wareki(day: datetime.date, western: bool = False) -> str:
    """「令和6年8月8日」; with ``western`` 「令和6年(2024年)8月8日」."""
    era, year = era_year(day)
    text = year_text(era, year)
    if western:
        text += f"（{day.year}年）"
    return f"{text}{day.month}月{day.day}日"


def relative_date(day: datetime.date, issued: datetime.date | None) -> str:
    """A date as a letter issued on ``issued`` says it: 「本年12月2日」 in the same year, full 和暦 otherwise."""
    if issued is not None and issued.year == day.year:
        return f"本年{day.month}月{day.day}日"
    return wareki(day)
