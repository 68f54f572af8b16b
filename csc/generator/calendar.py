"""Calendar arithmetic shared by the generator: the same clamped month shifts and working-day
counting that docs/kpis.md prescribes, so calibrated figures land where the
warehouse will measure them."""

from __future__ import annotations

import bisect
import calendar as _cal
import csv
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BANK_HOLIDAYS_SEED = REPO / "seeds" / "reference" / "bank_holidays.csv"


def add_months(d: date, months: int) -> date:
    """Calendar month shift clamped to the month's last day (2016-02-29 + 24 = 2018-02-28)."""
    total = d.year * 12 + d.month - 1 + months
    y, m = divmod(total, 12)
    return date(y, m + 1, min(d.day, _cal.monthrange(y, m + 1)[1]))


def month_end(y: int, m: int) -> date:
    """Last day of a calendar month."""
    return date(y, m, _cal.monthrange(y, m)[1])


def months_between(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    """The (year, month) pairs from first to last inclusive."""
    out = []
    y, m = first
    while (y, m) <= last:
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


@lru_cache(maxsize=1)
def bank_holidays() -> frozenset[date]:
    """England and Wales bank holidays from the warehouse's own reference seed (so the
    generator and the KPI agree on every working day); weekdays only when it is absent."""
    if not BANK_HOLIDAYS_SEED.exists():
        return frozenset()
    with BANK_HOLIDAYS_SEED.open(encoding="utf-8") as fh:
        return frozenset(date.fromisoformat(r["holiday_date"]) for r in csv.DictReader(fh))


class WorkingDays:
    """Working days as a sorted list, so that "working days after start up to and including
    end" is a difference of two positions, and the reverse (the start that is N working days
    before an end) is a lookup."""

    def __init__(self, first: date, last: date) -> None:
        hol = bank_holidays()
        days = []
        d = first
        while d <= last:
            if d.weekday() < 5 and d not in hol:
                days.append(d)
            d += timedelta(days=1)
        self.days = days

    def index(self, d: date) -> int:
        """Number of working days on or before d (within the calendar's range)."""
        return bisect.bisect_right(self.days, d)

    def between(self, start: date, end: date) -> int:
        """Working days after start up to and including end (same day = 0)."""
        return self.index(end) - self.index(start)

    def back(self, end: date, n: int) -> date:
        """The working day that lies exactly n working days before end."""
        return self.days[self.index(end) - n - 1]

    def in_month(self, y: int, m: int) -> list[date]:
        """The working days of a calendar month."""
        lo = bisect.bisect_left(self.days, date(y, m, 1))
        hi = bisect.bisect_right(self.days, month_end(y, m))
        return self.days[lo:hi]
