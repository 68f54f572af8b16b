"""The KPIs the oracle implements: one function per KPI and the SSD tables it needs.

To add a KPI, write its function (inp, la) -> rows in the module of its area and register it
here with its inputs ("Precise readings: Rows of kpi_values" lists them; a KPI whose input
table is absent from an LA's extract has no rows).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from .assessment import assessments_45wd
from .child_protection import (
    cp_plans,
    cp_plans_2y_ended,
    cp_plans_second_time,
    cp_visits_on_time,
)
from .children_in_care import (
    cla_dental_checks,
    cla_health_assessments,
    cla_placement_stability,
    cla_rate,
    cla_visits_on_time,
)
from .front_door import contacts_to_referral, eha_initiated, re_referrals_12m
from .inputs import Inputs
from .rows import COLUMNS, Row


@dataclass(frozen=True)
class Kpi:
    compute: Callable[[Inputs, str], list[Row]]
    inputs: tuple[str, ...]  # SSD tables (without ssd_) the KPI needs


REGISTRY: dict[str, Kpi] = {
    "eha_initiated": Kpi(eha_initiated, ("early_help_episodes",)),
    "contacts_to_referral": Kpi(contacts_to_referral, ("contacts",)),
    "re_referrals_12m": Kpi(re_referrals_12m, ("cin_episodes",)),
    "assessments_45wd": Kpi(assessments_45wd, ("cin_assessments",)),
    "cp_plans": Kpi(cp_plans, ("cp_plans",)),
    "cp_plans_2y_ended": Kpi(cp_plans_2y_ended, ("cp_plans",)),
    "cp_visits_on_time": Kpi(cp_visits_on_time, ("cp_plans", "cp_visits", "person")),
    "cla_placement_stability": Kpi(cla_placement_stability, ("cla_episodes", "cla_placement")),
    "cla_visits_on_time": Kpi(cla_visits_on_time,
                              ("cla_episodes", "cla_placement", "cla_visits")),
    "cla_dental_checks": Kpi(cla_dental_checks, ("cla_episodes", "cla_health", "person")),
    "cla_health_assessments": Kpi(cla_health_assessments,
                                  ("cla_episodes", "cla_health", "person")),
    "cp_plans_second_time": Kpi(cp_plans_second_time, ("cp_plans",)),
    "cla_rate": Kpi(cla_rate, ("cla_episodes",)),
}


def kpi_values(inp: Inputs, kpi_ids: list[str] | None = None) -> pd.DataFrame:
    """The oracle's kpi_values rows for every LA and reported month."""
    rows: list[Row] = []
    for kpi_id in kpi_ids or list(REGISTRY):
        kpi = REGISTRY[kpi_id]
        for la in inp.las():
            if inp.has_tables(la, kpi.inputs):
                rows.extend(kpi.compute(inp, la))
    return pd.DataFrame(rows, columns=COLUMNS)
