"""Children-in-care KPIs (spec: cla_rate, cla_placement_stability, cla_visits_on_time,
cla_dental_checks, cla_health_assessments), over the cohort that `care.Care` gives."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from .care import Care, code
from .dates import as_date, minus_months, open_at, plus_years, rolling_12m_first_day
from .inputs import Inputs
from .rows import Row, is_true, percent_row, rate_row

STABILITY_PLACEMENTS = 3
VISIT_WINDOW_DAYS = 42
PERMANENCE_MONTHS = 12
PERMANENCE_WINDOW_MONTHS = 3
PERMANENCE_PLACEMENT_TYPES = {"U1", "U4"}
FIRST_VISIT_DAYS = 7
HEALTH_COHORT_MONTHS = 12
UNDER_FIVE_HEALTH_WINDOW_MONTHS = 6


def cla_rate(inp: Inputs, la: str) -> list[Row]:
    """Children looked after at month end (short breaks V3, V4 excluded; several open
    episodes count once), per 10,000 children."""
    care = Care.of(inp, la)
    return [rate_row(la, "cla_rate", month_end, "snapshot",
                     len(care.looked_after_at(month_end)), inp.population_for(la, month_end))
            for month_end in inp.month_ends(la)]


def cla_placement_stability(inp: Inputs, la: str) -> list[Row]:
    """Children looked after at month end, and those with 3 or more placement rows open at
    some date of the rolling 12 months (temporary placements count)."""
    care = Care.of(inp, la)
    placements = inp.table("cla_placement", la)
    start, end = placements["placement_start_date"], placements["placement_end_date"]
    rows = []
    for month_end in inp.month_ends(la):
        cohort = care.looked_after_at(month_end).index
        # open at some D in [first, month_end]: the earliest candidate is D = max(start, first)
        first = pd.Timestamp(rolling_12m_first_day(month_end))
        d = start.where(start > first, first)
        in_window = (start <= pd.Timestamp(month_end)) & (end.isna() | (end > d))
        counts = placements[in_window].groupby("person_id").size()
        unstable = counts[counts >= STABILITY_PLACEMENTS].index
        rows.append(percent_row(la, "cla_placement_stability", month_end, "snapshot",
                                len(cohort.intersection(unstable)), len(cohort)))
    return rows


def cla_visits_on_time(inp: Inputs, la: str) -> list[Row]:
    """Children looked after at month end whose period of care started at least 7 days
    before, and those seen on a CLA visit in their window: 42 days, or 3 months for a child
    whose current placement is long-term fostering (U1, U4) that has lasted 12 months."""
    care = Care.of(inp, la)
    placements = inp.table("cla_placement", la).assign(
        type_code=lambda d: code(d["placement_type"]))
    visits = inp.table("cla_visits", la)
    seen = dates_by_person(visits[is_true(visits["is_child_seen"])], "visit_date")
    rows = []
    for month_end in inp.month_ends(la):
        since = care.looked_after_at(month_end)
        cohort = since[since <= pd.Timestamp(month_end - timedelta(days=FIRST_VISIT_DAYS))]
        current = _current_placements(placements, month_end)
        settled = current[current["type_code"].isin(PERMANENCE_PLACEMENT_TYPES)
                          & (current["placement_start_date"]
                             <= pd.Timestamp(minus_months(month_end, PERMANENCE_MONTHS)))]
        short = pd.Timestamp(month_end - timedelta(days=VISIT_WINDOW_DAYS - 1))
        long = pd.Timestamp(minus_months(month_end, PERMANENCE_WINDOW_MONTHS)
                            + timedelta(days=1))
        window_start = pd.Series(short, index=cohort.index)
        window_start[window_start.index.isin(settled["person_id"])] = long
        visited = sum(any_between(seen.get(person), first, month_end)
                      for person, first in window_start.items())
        rows.append(percent_row(la, "cla_visits_on_time", month_end, "snapshot", visited,
                                len(cohort)))
    return rows


def cla_dental_checks(inp: Inputs, la: str) -> list[Row]:
    """Children looked after continuously for 12 months, and those with a completed dental
    check in the rolling 12 months."""
    return _health_rows(inp, la, "cla_dental_checks", "dental_check", under_five_months=None)


def cla_health_assessments(inp: Inputs, la: str) -> list[Row]:
    """As dental checks, for health assessments; the window is 6 months for a child under 5
    at month end."""
    return _health_rows(inp, la, "cla_health_assessments", "health_assessment",
                        under_five_months=UNDER_FIVE_HEALTH_WINDOW_MONTHS)


def dates_by_person(events: pd.DataFrame, date_col: str) -> dict[str, pd.Series]:
    """Each child's event dates (visits, checks)."""
    return {person: rows[date_col] for person, rows in events.groupby("person_id")}


def any_between(dates: pd.Series | None, first: pd.Timestamp, last: date) -> bool:
    """Whether any of the dates lies in [first, last]."""
    if dates is None:
        return False
    return bool(((dates >= first) & (dates <= pd.Timestamp(last))).any())


def _current_placements(placements: pd.DataFrame, d: date) -> pd.DataFrame:
    """Each child's current placement at D: the one open at D; with several, the latest
    start."""
    open_now = placements[open_at(placements["placement_start_date"],
                                  placements["placement_end_date"], d)]
    return open_now.sort_values("placement_start_date").groupby("person_id").tail(1)


def _health_rows(inp: Inputs, la: str, kpi: str, check_type: str,
                 under_five_months: int | None) -> list[Row]:
    care = Care.of(inp, la)
    checks = inp.table("cla_health", la)
    mapped = checks["health_check_type_key"].map(inp.health_check_types)
    done = dates_by_person(
        checks[mapped.eq(check_type).fillna(False)
               & code(checks["health_check_status"]).eq("COMPLETED").fillna(False)],
        "health_check_date")
    people = inp.table("person", la)
    dob = {p: as_date(d) for p, d in zip(people["person_id"], people["date_of_birth"],
                                         strict=True) if pd.notna(d)}
    rows = []
    for month_end in inp.month_ends(la):
        since = care.looked_after_at(month_end)
        cohort = since[since <= pd.Timestamp(minus_months(month_end, HEALTH_COHORT_MONTHS))]
        checked = 0
        for person in cohort.index:
            months = HEALTH_COHORT_MONTHS
            born = dob.get(person)
            if under_five_months and born is not None and plus_years(born, 5) > month_end:
                months = under_five_months
            first = pd.Timestamp(minus_months(month_end, months) + timedelta(days=1))
            checked += any_between(done.get(person), first, month_end)
        rows.append(percent_row(la, kpi, month_end, "snapshot", checked, len(cohort)))
    return rows
