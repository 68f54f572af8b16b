"""The untidy shapes real extracts have, laid over a generated LA's tidy tables.

Why: a warehouse tried only on tidy data can be right on it and wrong on a council's extract.
Case-management systems record a new care episode before the old one is closed, reopen a plan
or a placement the day after it closed, and date events on 29 February and on the days either
side of it, where calendar arithmetic is easiest to get wrong (the rolling 12 months to
28 February 2021 hold 29 February 2020 and no other day of that February). These shapes are
valid input, not bad rows: nothing here is quarantined.

Like the rest of the generator it works on typed numpy columns (dates as day numbers, NAT for
null) and draws from the LA's own random generator, so the same arguments give the same bytes.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from csc.generator.writer import Table

NAT = np.iinfo(np.int64).min
#: Shares of the eligible rows each shape touches.
OVERLAP_WITHIN_PERIOD = 0.04
OVERLAP_NEW_PERIOD = 0.02
PLAN_REOPENED = 0.03
PLACEMENT_REOPENED = 0.03
#: Rows moved onto each of 28 February, 29 February (leap years) and 1 March, every year.
LEAP_DAY_ROWS = 4


def _day(d: date) -> int:
    return (d - date(1970, 1, 1)).days


def _append(table: Table, rows: dict[str, np.ndarray]) -> None:
    for col in table:
        table[col] = np.concatenate([np.asarray(table[col]), rows[col]])


def _copy_rows(table: Table, index: np.ndarray) -> dict[str, np.ndarray]:
    return {col: np.asarray(values)[index].copy() for col, values in table.items()}


def overlap_care_episodes(rng: np.random.Generator, episodes: Table, last_day: int) -> None:
    """Open some episodes before the one they follow has closed.

    Within a period of care: the next episode (after an X1 ending) starts 1-60 days before the
    previous one's end. Across periods: a new episode (start reason S, no entered-care date)
    opens 1-40 days before a period's last episode ends, and runs on past it.
    """
    who = np.asarray(episodes["clae_person_id"])
    start = np.asarray(episodes["clae_cla_episode_start_date"]).copy()
    end = np.asarray(episodes["clae_cla_episode_ceased_date"])
    reason = np.asarray(episodes["clae_cla_episode_ceased_reason"])
    order = np.lexsort((start, who))
    nxt = order[1:][(who[order[1:]] == who[order[:-1]])
                    & (reason[order[:-1]] == "X1")
                    & (start[order[1:]] == end[order[:-1]])]
    prev = order[:-1][np.isin(order[1:], nxt)]
    pick = rng.random(len(nxt)) < OVERLAP_WITHIN_PERIOD
    nxt, prev = nxt[pick], prev[pick]
    earlier = start[nxt] - rng.integers(1, 61, len(nxt))
    ok = earlier > start[prev] + 1
    start[nxt[ok]] = earlier[ok]
    episodes["clae_cla_episode_start_date"] = start

    ended = np.flatnonzero((end != NAT) & (reason != "X1") & (reason != ""))
    chosen = ended[rng.random(len(ended)) < OVERLAP_NEW_PERIOD]
    new = _copy_rows(episodes, chosen)
    new_start = end[chosen] - rng.integers(1, 41, len(chosen))
    keep = new_start > start[chosen]
    new = {col: values[keep] for col, values in new.items()}
    new_start = new_start[keep]
    n = len(new_start)
    new_end = new_start + rng.integers(60, 700, n)
    first_id = np.asarray(episodes["clae_cla_episode_id"]).max() + 1
    new["clae_cla_episode_id"] = first_id + np.arange(n)
    new["clae_cla_episode_start_date"] = new_start
    new["clae_cla_episode_start_reason"] = np.full(n, "S")
    new["clae_cla_episode_ceased_date"] = np.where(new_end <= last_day, new_end, NAT)
    new["clae_cla_episode_ceased_reason"] = np.where(
        new_end <= last_day, np.asarray(episodes["clae_cla_episode_ceased_reason"])[chosen][keep],
        "")
    new["clae_entered_care_date"] = np.full(n, NAT)
    _append(episodes, new)


def reopen_plans(rng: np.random.Generator, plans: Table, last_day: int) -> None:
    """A new plan of the same child starting the day after an ended plan closed."""
    end = np.asarray(plans["cppl_cp_plan_end_date"])
    ola = np.asarray(plans["cppl_cp_plan_ola"])
    ended = np.flatnonzero((end != NAT) & (end < last_day) & (ola != 1))
    chosen = ended[rng.random(len(ended)) < PLAN_REOPENED]
    new = _copy_rows(plans, chosen)
    n = len(chosen)
    new_start = end[chosen] + 1
    new_end = new_start + rng.integers(30, 500, n)
    new["cppl_cp_plan_id"] = np.asarray(plans["cppl_cp_plan_id"]).max() + 1 + np.arange(n)
    new["cppl_cp_plan_start_date"] = new_start
    new["cppl_cp_plan_end_date"] = np.where(new_end <= last_day, new_end, NAT)
    _append(plans, new)


def reopen_placements(rng: np.random.Generator, placements: Table) -> None:
    """Some moves leave a day between placements: the next one starts the day after the end."""
    who = np.asarray(placements["clap_person_id"])
    start = np.asarray(placements["clap_cla_placement_start_date"]).copy()
    end = np.asarray(placements["clap_cla_placement_end_date"])
    order = np.lexsort((start, who))
    follows = (who[order[1:]] == who[order[:-1]]) & (start[order[1:]] == end[order[:-1]])
    nxt = order[1:][follows]
    nxt_end = end[nxt]
    pick = (rng.random(len(nxt)) < PLACEMENT_REOPENED) & ((nxt_end == NAT)
                                                          | (nxt_end > start[nxt] + 1))
    start[nxt[pick]] += 1
    placements["clap_cla_placement_start_date"] = start


def _date(day: int) -> date:
    return date.fromordinal(date(1970, 1, 1).toordinal() + day)


def leap_days(first_day: int, last_day: int) -> list[int]:
    """29 February of every leap year between the two days (inclusive)."""
    days = []
    for year in range(_date(first_day).year, _date(last_day).year + 1):
        if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
            day = _day(date(year, 2, 29))
            if first_day <= day <= last_day:
                days.append(day)
    return days


def february_edges(first_day: int, last_day: int) -> list[int]:
    """28 February, 29 February (in leap years) and 1 March of every year in the span: the
    days either side of the bound of a rolling window that ends in a February."""
    days = []
    for year in range(_date(first_day).year, _date(last_day).year + 1):
        edges = [_day(date(year, 2, 28)), _day(date(year, 3, 1))]
        edges[1:1] = [d for d in leap_days(edges[0], edges[1])]
        days += [d for d in edges if first_day <= d <= last_day]
    return days


def around_leap_days(rng: np.random.Generator, table: Table, start_col: str,
                     end_col: str | None, first_day: int, last_day: int) -> None:
    """Move a few rows' start dates onto 28 February, 29 February and 1 March of each year,
    keeping each row's length (its end moves with it, and stays null if it was)."""
    start = np.asarray(table[start_col]).copy()
    if not len(start):
        return
    end = np.asarray(table[end_col]).copy() if end_col else None
    for day in february_edges(first_day, last_day):
        rows = rng.choice(len(start), min(LEAP_DAY_ROWS, len(start)), replace=False)
        if end is not None:
            length = np.where(end[rows] == NAT, 0, end[rows] - start[rows])
            end[rows] = np.where(end[rows] == NAT, NAT, np.minimum(day + length, last_day))
        start[rows] = day
    table[start_col] = start
    if end_col:
        table[end_col] = end


def two_years_from_a_leap_day(rng: np.random.Generator, plans: Table, first_day: int,
                              last_day: int) -> None:
    """Plans starting on 29 February and ending on 28 February two years on (2 years exactly,
    by clamped calendar arithmetic) or the day before (not 2 years)."""
    ola = np.asarray(plans["cppl_cp_plan_ola"])
    for leap in leap_days(first_day, last_day):
        year = _date(leap).year
        two_years = _day(date(year + 2, 2, 28))
        if two_years > last_day:
            continue
        rows = rng.choice(np.flatnonzero(ola != 1), 2, replace=False)
        new = _copy_rows(plans, rows)
        new["cppl_cp_plan_id"] = np.asarray(plans["cppl_cp_plan_id"]).max() + 1 + np.arange(2)
        new["cppl_cp_plan_start_date"] = np.full(2, leap)
        new["cppl_cp_plan_end_date"] = np.array([two_years, two_years - 1])
        _append(plans, new)


def make_untidy(rng: np.random.Generator, typed: dict[str, Table], first_day: int,
                last_day: int) -> None:
    """Lay every untidy shape over one LA's typed tables, in place."""
    overlap_care_episodes(rng, typed["ssd_cla_episodes"], last_day)
    reopen_plans(rng, typed["ssd_cp_plans"], last_day)
    two_years_from_a_leap_day(rng, typed["ssd_cp_plans"], first_day, last_day)
    reopen_placements(rng, typed["ssd_cla_placement"])
    around_leap_days(rng, typed["ssd_early_help_episodes"], "earl_episode_start_date",
                     "earl_episode_end_date", first_day, last_day)
    around_leap_days(rng, typed["ssd_cin_episodes"], "cine_referral_date", "cine_close_date",
                     first_day, last_day)
