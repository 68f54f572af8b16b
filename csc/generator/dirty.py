"""Planting known bad rows, one kind per quarantine rule of the extract contract.

Why planted rather than random: a test can then assert that exactly these rows, and no others,
land in staging.stg_ssd__quarantine under each rule. Each rule gets its own table so the
planted rows cannot break an earlier rule by accident (the contract quarantines a row under the
first rule it breaks). Rows are copies of good rows with one thing changed and new ids, except
the duplicates, which repeat an existing id after its first occurrence.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from csc.generator.writer import Table

# rule -> (table, id column, what is spoiled)
PLANTED = {
    "required_value": ("ssd_contacts", "cont_contact_id", "cont_person_id"),
    "date_before_1990": ("ssd_cin_episodes", "cine_referral_id", "cine_referral_date"),
    "date_after_extract_date": ("ssd_cin_assessments", "cina_assessment_id",
                                "cina_assessment_start_date"),
    "end_before_start": ("ssd_cp_plans", "cppl_cp_plan_id", "cppl_cp_plan_end_date"),
    "duplicate_id": ("ssd_cla_visits", "clav_cla_visit_id", None),
}


def _day(d: date) -> int:
    return (d - date(1970, 1, 1)).days


def plant_bad_rows(rng: np.random.Generator, typed: dict[str, Table], n: int,
                   last_day: int) -> None:
    """Append n bad rows per rule (see PLANTED), in place, on the typed tables."""
    for rule, (name, id_col, col) in PLANTED.items():
        table = typed[name]
        size = len(table[id_col])
        if size == 0:
            raise ValueError(f"cannot plant {rule} rows: {name} is empty")
        src = rng.integers(0, size, n)
        bad = {k: np.asarray(v)[src].copy() for k, v in table.items()}
        if rule != "duplicate_id":
            bad[id_col] = np.asarray(table[id_col]).max() + 1 + np.arange(n)
        if rule == "required_value":
            bad[col] = np.full(n, -1)  # a null person id
        elif rule == "date_before_1990":
            bad[col] = _day(date(1989, 1, 1)) + rng.integers(0, 365, n)  # e.g. 1989 for 2019
            bad["cine_close_date"] = np.full(n, np.iinfo(np.int64).min)
        elif rule == "date_after_extract_date":
            typo = _day(date(2090, 1, 1)) - _day(date(2000, 1, 1))  # 2109 typed for 2019
            bad[col] = np.full(n, last_day + typo) - rng.integers(0, 300, n)
            bad["cina_assessment_auth_date"] = np.full(n, np.iinfo(np.int64).min)
        elif rule == "end_before_start":
            bad[col] = bad["cppl_cp_plan_start_date"] - rng.integers(1, 60, n)
        for k in table:
            table[k] = np.concatenate([np.asarray(table[k]), bad[k]])
