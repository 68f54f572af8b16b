"""Front-door KPIs: early help, contacts and referrals (spec: eha_initiated,
contacts_to_referral, re_referrals_12m)."""

from __future__ import annotations

import pandas as pd

from .dates import as_date, minus_months
from .inputs import Inputs
from .rows import Row, count_row, event_percent_rows, in_period, is_true, rate_row


def eha_initiated(inp: Inputs, la: str) -> list[Row]:
    """Distinct children with an early help episode starting in the month (a count) and in the
    rolling 12 months (a rate per 10,000)."""
    eh = inp.table("early_help_episodes", la)
    rows = []
    for month_end in inp.month_ends(la):
        month = eh.loc[in_period(eh["episode_start_date"], "month", month_end), "person_id"]
        rows.append(count_row(la, "eha_initiated", month_end, "month", month.nunique()))
        year = eh.loc[in_period(eh["episode_start_date"], "rolling_12m", month_end), "person_id"]
        rows.append(rate_row(la, "eha_initiated", month_end, "rolling_12m", year.nunique(),
                             inp.population_for(la, month_end)))
    return rows


def contacts_to_referral(inp: Inputs, la: str) -> list[Row]:
    """Contacts (once per child and date) in the period, and those whose outcome has
    NEW_REFERRAL_FLAG yes (any of the day's contacts)."""
    contacts = inp.table("contacts", la).assign(
        progressed=lambda d: is_true(d["is_new_referral"]))
    events = (contacts.groupby(["person_id", "contact_date"], dropna=False)["progressed"]
              .any().reset_index())
    return event_percent_rows(inp, la, "contacts_to_referral", events, "contact_date",
                               "progressed")


def re_referrals_12m(inp: Inputs, la: str) -> list[Row]:
    """Referrals (once per child and date) in the period, and those with another referral of
    the child on or after referral_date - 12 months and strictly before it."""
    referrals = (inp.table("cin_episodes", la)[["person_id", "referral_date"]]
                 .dropna(subset=["referral_date"]).drop_duplicates()
                 .sort_values(["person_id", "referral_date"]))
    previous = referrals.groupby("person_id", dropna=False)["referral_date"].shift(1)
    bound = referrals["referral_date"].map(lambda d: pd.Timestamp(minus_months(as_date(d), 12)))
    referrals = referrals.assign(is_re_referral=previous.notna() & (previous >= bound))
    return event_percent_rows(inp, la, "re_referrals_12m", referrals, "referral_date",
                               "is_re_referral")

