"""Months and periods: parsing YYYY-MM, month ends, months back and financial years.

One module, so that every part of the package (CLI options, pipeline, gate, publication,
report) reads a month the same way and gives the same error for a bad one.
"""

from __future__ import annotations

import calendar
import datetime as dt


def parse_month(text: str) -> tuple[int, int]:
    """(year, month) of a YYYY-MM string; ValueError naming the value otherwise."""
    try:
        parsed = dt.datetime.strptime(text, "%Y-%m")
    except (TypeError, ValueError) as exc:
        raise ValueError(f"month must be YYYY-MM, got {text!r}") from exc
    return parsed.year, parsed.month


def month_end(month: str) -> dt.date:
    """The last day of a YYYY-MM month."""
    year, number = parse_month(month)
    return dt.date(year, number, calendar.monthrange(year, number)[1])
