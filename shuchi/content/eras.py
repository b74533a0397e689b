"""Dates content gives must be printable in 和暦 (元号): a letter prints every date as 「令和6年8月8日」, and
before 明治6年 (1873-01-01, when Japan took the Gregorian calendar) there is no such date to print."""

import datetime

from ..errors import Problem
from ..typeset.wareki import ERAS
from .source import Location, dotted
from .store import Content

FIRST = ERAS[-1][1]
"""The first day shuchi can print in 和暦."""


def check_eras(content: Content) -> list[Problem]:
    """Every date in every content file on or after :data:`FIRST`, with file and line."""
    problems = []

    def walk(value: object, location: Location, source) -> None:
        if isinstance(value, datetime.date) and value < FIRST:
            problems.append(Problem(source.path, source.line_of(location), dotted(location),
                                    f"{value} is before 明治6年 (1873-01-01), which cannot be printed in 和暦 "
                                    f"(expected a date from {FIRST} on)"))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*location, key), source)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*location, index), source)

    for source in content.sources.values():
        walk(source.data, (), source)
    return problems
