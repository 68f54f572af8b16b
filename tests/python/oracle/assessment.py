"""Assessment KPI (spec: assessments_45wd), with the default clock start
(var assessment_clock_start = cina_assessment_start_date)."""

from __future__ import annotations

from .dates import WorkingDays
from .inputs import Inputs
from .rows import Row, event_percent_rows

TARGET_WORKING_DAYS = 45


def assessments_45wd(inp: Inputs, la: str) -> list[Row]:
    """Assessments authorised in the period (once per child and authorisation date) and those
    authorised within 45 working days of their start (any of the day's assessments)."""
    done = inp.table("cin_assessments", la).dropna(subset=["assessment_auth_date"])
    days = WorkingDays(inp.bank_holidays).between(done["assessment_start_date"],
                                                  done["assessment_auth_date"])
    done = done.assign(on_time=(days <= TARGET_WORKING_DAYS).fillna(False).astype(bool))
    events = (done.groupby(["person_id", "assessment_auth_date"], dropna=False)["on_time"]
              .any().reset_index())
    return event_percent_rows(inp, la, "assessments_45wd", events, "assessment_auth_date",
                               "on_time")
