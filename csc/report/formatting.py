"""How numbers, months and marks read in the report.

One place decides the rounding so that the headline, the tables and the chart labels never
disagree. Values are rounded half away from zero on their decimal representation (as a person
rounding 2.25% would write 2.3%), not with Python's binary half-to-even rounding.
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

#: Placeholder for a missing figure: visibly blank, never a zero.
MISSING = "\u2013"  # en dash

RAG_LABELS: dict[str | None, tuple[str, str, str]] = {
    # rag -> (symbol, short label, explanation); the symbol and text carry the meaning,
    # the colour only repeats it.
    "green": ("\u2714", "Green", "target met"),
    "amber": ("\u25c6", "Amber", "target narrowly missed"),
    "red": ("\u2716", "Red", "target missed"),
    None: ("\u25cb", "No RAG", "no target set"),
}

TRAVEL_LABELS: dict[str | None, tuple[str, str]] = {
    # direction_of_travel -> (symbol, text); read in the KPI's direction, so "improved" can be
    # a falling value for a low-is-good KPI.
    "improved": ("\u25b2", "Improved"),
    "worse": ("\u25bc", "Worse"),
    "same": ("\u25b6", "No change"),
    None: ("\u25cb", "No previous month"),
}

DIRECTION_LABELS = {"high_is_good": "High is good", "low_is_good": "Low is good"}

PERIOD_LABELS = {
    "fytd": "Financial year to date",
    "rolling_12m": "Rolling 12 months",
    "snapshot": "At month end",
    "month": "In the month",
}

UNIT_LABELS = {"percent": "%", "count": "children", "rate_per_10k": "per 10,000 children"}


def decimals_for(unit: str | None, decimals: int) -> int:
    """Decimals the report prints for a value of this unit, for a KPI whose registry entry
    gives `decimals` (marts.kpis.decimals: the EHA rate 0, as the reference prints "366";
    percentages and the other rates 1). Counts are whole."""
    return decimals if unit in ("percent", "rate_per_10k") else 0


def _round(value: float, decimals: int) -> Decimal:
    quantum = Decimal(1).scaleb(-decimals)
    return Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)


def number(value: float | int | None, decimals: int = 0) -> str:
    """A plain number with thousands separators: 1872 -> '1,872'; None -> a dash."""
    if value is None:
        return MISSING
    rounded = _round(value, decimals)
    if rounded == 0:
        rounded = abs(rounded)  # never print "-0.0"
    return f"{rounded:,.{decimals}f}"


def value(value: float | int | None, unit: str | None, decimals: int) -> str:
    """A KPI value in its unit with the KPI's decimals: '37.9%', '1,872', '366' (EHA rate,
    0 decimals), '36.4' (CP rate, 1)."""
    text = number(value, decimals_for(unit, decimals))
    if value is not None and unit == "percent":
        return text + "%"
    return text


def signed(value: float | int | None, unit: str | None, decimals: int) -> str:
    """A difference with its sign: '+7.9 pp' for percentages, '+106' for rates and counts.

    Differences of percentages are percentage points, written 'pp' so that nobody reads
    '+1.3' on a 25% target as a 1.3% relative change.
    """
    if value is None:
        return MISSING
    decimals = decimals_for(unit, decimals)
    text = number(value, decimals)
    if _round(value, decimals) > 0:
        text = "+" + text
    elif text.startswith("-"):
        text = "\u2212" + text[1:]  # a real minus sign, which screen readers read
    return text + (" pp" if unit == "percent" else "")


def signed_count(value: int | None) -> str:
    """A whole-number difference with its sign: '+1', '\u221224', '0'."""
    if value is None:
        return MISSING
    if value > 0:
        return f"+{value:,}"
    if value < 0:
        return f"\u2212{-value:,}"
    return "0"


def month_long(day: date) -> str:
    """date(2019, 12, 31) -> 'December 2019'."""
    return f"{calendar.month_name[day.month]} {day.year}"


def month_short(day: date) -> str:
    """date(2019, 12, 31) -> 'Dec 19', the chart axis label."""
    return f"{calendar.month_abbr[day.month]} {day.year % 100:02d}"
