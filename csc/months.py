"""Months and periods: parsing YYYY-MM, month ends, months back and financial years.

One module, so that every part of the package (CLI options, pipeline, gate, publication,
report, reference templates) reads a month the same way.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re


def parse_month(text: str) -> tuple[int, int]:
    """(year, month) of a month written YYYY-MM; ValueError for anything else (2019-1, 2019-13)."""
    if not isinstance(text, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}", text):
        raise ValueError(f"month must be YYYY-MM, e.g. 2019-12 (got {text!r})")
    year, number = int(text[:4]), int(text[5:])
    if not 1 <= number <= 12:
        raise ValueError(f"month must be YYYY-MM, e.g. 2019-12 (got {text!r})")
    return year, number


def first_day(month: str) -> dt.date:
    """'2019-12' -> date(2019, 12, 1)."""
    year, number = parse_month(month)
    return dt.date(year, number, 1)


def month_end(month: str) -> dt.date:
    """'2019-12' -> date(2019, 12, 31); rejects anything that is not YYYY-MM."""
    year, number = parse_month(month)
    return last_day(dt.date(year, number, 1))


def last_day(day: dt.date) -> dt.date:
    """The last day of day's month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def months_back(end: dt.date, count: int) -> list[dt.date]:
    """The month ends of the `count` months ending at `end`, oldest first."""
    result = []
    year, number = end.year, end.month
    for _ in range(count):
        result.append(last_day(dt.date(year, number, 1)))
        year, number = (year, number - 1) if number > 1 else (year - 1, 12)
    return result[::-1]


def financial_year(day: dt.date) -> str:
    """'2019-20' for any day from April 2019 to March 2020."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"
