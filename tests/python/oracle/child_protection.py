"""Child protection KPIs (spec: cp_plans, cp_plans_2y_ended, cp_visits_on_time,
cp_plans_second_time).

Other-LA plans (cppl_cp_plan_ola yes) are left out everywhere; null means this LA's plan.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from .dates import as_date, minus_months, open_at, plus_years
from .inputs import Inputs
from .rows import Row, event_percent_rows, is_true, percent_row, rate_row

CP_VISIT_WINDOW_DAYS = 28
# var cp_repeat_lookback_months: None = ever (the national definition)
CP_REPEAT_LOOKBACK_MONTHS: int | None = None


def this_la_plans(inp: Inputs, la: str) -> pd.DataFrame:
    plans = inp.table("cp_plans", la)
    return plans[~is_true(plans["is_other_la_plan"])]


def plans_open_at(plans: pd.DataFrame, d: date) -> pd.DataFrame:
    return plans[open_at(plans["plan_start_date"], plans["plan_end_date"], d)]


def cp_plans(inp: Inputs, la: str) -> list[Row]:
    """Distinct children with this LA's CP plan open at month end, per 10,000 children."""
    plans = this_la_plans(inp, la)
    return [rate_row(la, "cp_plans", month_end, "snapshot",
                     plans_open_at(plans, month_end)["person_id"].nunique(),
                     inp.population_for(la, month_end))
            for month_end in inp.month_ends(la)]


def cp_plans_2y_ended(inp: Inputs, la: str) -> list[Row]:
    """Plans ending in the period (once per child and end date) and those that lasted two
    years or more (end >= start + 2 years, clamped; any of the day's plans)."""
    ended = this_la_plans(inp, la).dropna(subset=["plan_end_date"])
    two_years_on = ended["plan_start_date"].map(
        lambda d: pd.Timestamp(plus_years(as_date(d), 2)) if pd.notna(d) else pd.NaT)
    ended = ended.assign(lasted=(ended["plan_end_date"] >= two_years_on).fillna(False))
    events = (ended.groupby(["person_id", "plan_end_date"], dropna=False)["lasted"]
              .any().reset_index())
    return event_percent_rows(inp, la, "cp_plans_2y_ended", events, "plan_end_date", "lasted")


def cp_visits_on_time(inp: Inputs, la: str) -> list[Row]:
    """Children on a plan at month end whose plan started before the 28-day window and who
    were born by its start, and those seen on a CP visit dated in the window."""
    plans = this_la_plans(inp, la)
    people = inp.table("person", la)
    dob = people.dropna(subset=["date_of_birth"]).set_index("person_id")["date_of_birth"]
    visits = inp.table("cp_visits", la)
    seen = visits[is_true(visits["is_child_seen"])]
    rows = []
    for month_end in inp.month_ends(la):
        window_start = pd.Timestamp(month_end - timedelta(days=CP_VISIT_WINDOW_DAYS - 1))
        open_plans = plans_open_at(plans, month_end)
        due = set(open_plans.loc[open_plans["plan_start_date"] < window_start, "person_id"])
        born = set(dob[dob <= window_start].index)
        cohort = due & born
        in_window = (seen["visit_date"] >= window_start) & (
            seen["visit_date"] <= pd.Timestamp(month_end))
        visited = cohort & set(seen.loc[in_window, "person_id"])
        rows.append(percent_row(la, "cp_visits_on_time", month_end, "snapshot", len(visited),
                                len(cohort)))
    return rows


def cp_plans_second_time(inp: Inputs, la: str,
                         lookback_months: int | None = CP_REPEAT_LOOKBACK_MONTHS) -> list[Row]:
    """Plans starting in the period (once per child and start date) and those of children
    with another of this LA's plans that started strictly before, ever; or, with
    lookback_months = N, on or after start - N months (the bound is inclusive as in
    re_referrals_12m: the spec does not say, and the warehouse is compared at the default).
    Other-LA plans are neither counted nor a previous plan."""
    starts = (this_la_plans(inp, la)[["person_id", "plan_start_date"]]
              .dropna(subset=["plan_start_date"]).drop_duplicates()
              .sort_values(["person_id", "plan_start_date"]))
    # the child's latest earlier start date: a plan starting the same day is not earlier
    previous = starts.groupby("person_id", dropna=False)["plan_start_date"].shift(1)
    repeat = previous.notna()
    if lookback_months is not None:
        bound = starts["plan_start_date"].map(
            lambda d: pd.Timestamp(minus_months(as_date(d), lookback_months)))
        repeat &= previous >= bound
    return event_percent_rows(inp, la, "cp_plans_second_time", starts.assign(repeat=repeat),
                              "plan_start_date", "repeat")
