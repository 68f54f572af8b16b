"""Date arithmetic as the spec defines it ("Precise readings: Date arithmetic").

`month_end - N months` and `start + N years` are clamped calendar arithmetic (the day is kept
and clamped to the last day of the target month), which is what dateutil's relativedelta
does: 2021-02-28 - 12 months = 2020-02-28, 2016-02-29 + 2 years = 2018-02-28.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import numpy as np
import pandas as pd
from dateutil.relativedelta import relativedelta

ONE_DAY = timedelta(days=1)


def minus_months(d: date, n: int) -> date:
    """d - n calendar months, clamped to the end of a shorter month."""
    return d - relativedelta(months=n)


def plus_years(d: date, n: int) -> date:
    """d + n years, clamped (29 February + 1 year = 28 February)."""
    return d + relativedelta(years=n)


def month_start(month_end: date) -> date:
    return month_end.replace(day=1)


def financial_year_start(d: date) -> date:
    """1 April of the financial year (April to March) that holds d."""
    return date(d.year if d.month >= 4 else d.year - 1, 4, 1)


def rolling_12m_first_day(month_end: date) -> date:
    """First day of the rolling 12 months: dates > month_end - 12 months."""
    return minus_months(month_end, 12) + ONE_DAY


def ts(d: date) -> pd.Timestamp:
    """A date as a Timestamp, to compare with the datetime64 columns of the inputs."""
    return pd.Timestamp(d)


def as_date(value: object) -> date | None:
    """A Timestamp, datetime64 or date as a date; NaT and None as None."""
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


class WorkingDays:
    """Working days between two dates: weekdays that are not bank holidays, counted after the
    start date up to and including the end date (same day = 0, Friday to Monday = 1)."""

    def __init__(self, bank_holidays: Iterable[date]) -> None:
        self._holidays = np.array(sorted(bank_holidays), dtype="datetime64[D]")

    def between(self, start: pd.Series, end: pd.Series) -> pd.Series:
        """Element-wise working days from start to end; NA where either date is missing."""
        known = start.notna() & end.notna()
        out = pd.Series(pd.NA, index=start.index, dtype="Int64")
        if known.any():
            # busday_count counts [begin, end): shift both by a day to count (start, end].
            begin = start[known].to_numpy(dtype="datetime64[D]") + np.timedelta64(1, "D")
            stop = end[known].to_numpy(dtype="datetime64[D]") + np.timedelta64(1, "D")
            out[known] = np.busday_count(begin, stop, holidays=self._holidays)
        return out


def open_at(start: pd.Series, end: pd.Series, d: date) -> pd.Series:
    """Open at D (plans, episodes, placements, legal statuses): start <= D and (end is null
    or end > D)."""
    day = pd.Timestamp(d)
    return (start <= day) & (end.isna() | (end > day))
