"""Rows of kpi_values and the periods they measure ("Precise readings: Rows of kpi_values").

A period is a closed range of dates [first, month_end]: the month, the financial year to date
or the rolling 12 months (dates > month_end - 12 months).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from .dates import financial_year_start, month_start, rolling_12m_first_day
from .inputs import Inputs

Row = dict[str, Any]
COLUMNS = ["la_code", "kpi_id", "month_end", "period_type", "numerator", "denominator",
           "value", "unit"]

PERIOD_FIRST_DAY = {
    "month": month_start,
    "fytd": financial_year_start,
    "rolling_12m": rolling_12m_first_day,
}


def period_first_day(period_type: str, month_end: date) -> date:
    return PERIOD_FIRST_DAY[period_type](month_end)


def in_period(dates: pd.Series, period_type: str, month_end: date) -> pd.Series:
    """Whether each date lies in the period ending month_end (missing dates never do)."""
    first = pd.Timestamp(period_first_day(period_type, month_end))
    return (dates >= first) & (dates <= pd.Timestamp(month_end))


def percent_row(la: str, kpi: str, month_end: date, period: str, num: int, den: int) -> Row:
    """A percent row; a zero denominator keeps the row with a null value."""
    value = 100.0 * num / den if den else None
    return _row(la, kpi, month_end, period, num, den, value, "percent")


def count_row(la: str, kpi: str, month_end: date, period: str, count: int) -> Row:
    """A count row: numerator = value = the count, no denominator."""
    return _row(la, kpi, month_end, period, count, None, float(count), "count")


def rate_row(la: str, kpi: str, month_end: date, period: str, children: int,
             population: int | None) -> Row:
    """A rate per 10,000 children; no population (or zero) leaves the value null."""
    value = children / population * 10_000 if population else None
    return _row(la, kpi, month_end, period, children, population, value, "rate_per_10k")


def _row(la: str, kpi: str, month_end: date, period: str, num: int, den: int | None,
         value: float | None, unit: str) -> Row:
    return {"la_code": la, "kpi_id": kpi, "month_end": month_end, "period_type": period,
            "numerator": int(num), "denominator": None if den is None else int(den),
            "value": value, "unit": unit}


def is_true(flags: pd.Series) -> pd.Series:
    """A nullable boolean column as plain booleans: null is not true."""
    return flags.astype("boolean").fillna(False).astype(bool)


def event_percent_rows(inp: Inputs, la: str, kpi: str, events: pd.DataFrame, date_col: str,
                       flag_col: str) -> list[Row]:
    """Month and FYTD percent rows of an event measure: events dated in the period over
    those flagged."""
    rows = []
    for month_end in inp.month_ends(la):
        for period in ("month", "fytd"):
            hit = events[in_period(events[date_col], period, month_end)]
            rows.append(percent_row(la, kpi, month_end, period, int(hit[flag_col].sum()),
                                    len(hit)))
    return rows
