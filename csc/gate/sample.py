"""A tiny warehouse with the documented shape, for the gate's and publication's tests.

It has the schemas and columns the gate reads (staging, data_quality, reference, marts) and
values that pass every expectation, so a test breaks exactly one thing with one SQL statement
and shows the gate refuses it. Building it takes milliseconds, no dbt needed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from csc.gate.config import load_config
from csc.gate.frames import staging_model
from csc.kpi_registry import load_registry


def kpi_units() -> dict[str, dict[str, str]]:
    """kpi_id -> {period_type: unit} from the KPI registry: every period type is in the KPI's
    unit, except a month count beside a rate headline (EHAs: month count, rolling 12m rate)."""
    return {
        kpi["kpi_id"]: {
            pt: ("count" if kpi["unit"] == "rate_per_10k" and pt != kpi["headline_period_type"]
                 else kpi["unit"])
            for pt in kpi["period_types"]
        }
        for kpi in load_registry()
    }


def month_ends(first: str, last: str) -> list[dt.date]:
    """Last days of the months first..last (YYYY-MM), in order."""
    y, m = (int(p) for p in first.split("-"))
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
        out.append(dt.date(ny, nm, 1) - dt.timedelta(days=1))
        y, m = ny, nm
    return out


def write_sample_warehouse(
    db_path: Path,
    la_codes: tuple[str, ...] = ("999",),
    first_month: str = "2019-01",
    last_month: str = "2019-12",
    rows_per_table: int = 3,
) -> Path:
    """Write a clean warehouse to db_path (replacing it) and return the path."""
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.unlink(missing_ok=True)
    config = load_config()
    tables = config["extract"]["tables"]
    with duckdb.connect(str(db_path)) as con:
        for schema in ("staging", "data_quality", "reference", "marts"):
            con.execute(f"create schema {schema}")
        for table, spec in tables.items():
            dates = [*spec.get("event_dates", []), *spec.get("life_dates", [])]
            cols = ["la_code varchar"]
            cols += [f"{c} varchar" for c in spec["required"] if c not in dates]
            cols += [f"{c} date" for c in dates]
            con.execute(f"create table staging.{staging_model(table)} ({', '.join(cols)})")
            names = [c.split()[0] for c in cols]
            rows = [[la if n == "la_code" else
                     (dt.date(2019, 1 + i % 12, 15) if f"{n} date" in cols else f"{n}-{i}")
                     for n in names]
                    for la in la_codes for i in range(rows_per_table)]
            placeholders = ", ".join("?" for _ in names)
            con.executemany(f"insert into staging.{staging_model(table)} values ({placeholders})",
                            rows)
        con.execute("""create table staging.stg_ssd__quarantine (la_code varchar,
            table_name varchar, row_id varchar, source_file varchar, record_number bigint,
            column_name varchar, offending_value varchar, rule varchar)""")
        con.execute("""create table data_quality.dq_table_reconciliation (la_code varchar,
            table_name varchar, is_present boolean, raw_rows bigint, staged_rows bigint,
            quarantined_rows bigint)""")
        con.executemany(
            "insert into data_quality.dq_table_reconciliation values (?, ?, true, ?, ?, 0)",
            [[la, t, rows_per_table, rows_per_table] for la in la_codes for t in tables])
        con.execute("""create table data_quality.dq_value_issues (la_code varchar,
            table_name varchar, column_name varchar, issue varchar, row_count bigint)""")
        # marts.kpis: the registry's order, labels, direction, period types and inputs, as the
        # gate and the publication read them (labels with their {placeholders} unfilled).
        registry = load_registry()
        con.execute("""create table marts.kpis (kpi_id varchar, sort_order integer,
            short_name varchar, kpi_name varchar, numerator_label varchar,
            denominator_label varchar, headline_unit varchar, direction varchar,
            period_types varchar, input_tables varchar, decimals integer)""")
        con.executemany(
            "insert into marts.kpis values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [[k["kpi_id"], n, k["short_name"], k["kpi_name"], k["numerator_label"],
              k["denominator_label"], k["unit"], k["direction"], ", ".join(k["period_types"]),
              ", ".join(k["inputs"]), k["decimals"]] for n, k in enumerate(registry, 1)])
        directions = {k["kpi_id"]: k["direction"] for k in registry}
        con.execute("""create table marts.kpi_values (la_code varchar, kpi_id varchar,
            month_end date, period_type varchar, period_start date, numerator bigint,
            denominator bigint, value double, unit varchar, history_complete boolean)""")
        con.execute("""create table marts.scorecard (la_code varchar, kpi_id varchar,
            month_end date, kpi_name varchar, direction varchar, headline_period_type varchar,
            headline_unit varchar, headline_value double, target_value double,
            variance double, rag varchar, direction_of_travel varchar, sentence varchar,
            history_complete boolean)""")
        kv_rows, sc_rows = [], []
        months = month_ends(first_month, last_month)
        for la in la_codes:
            for i, month_end in enumerate(months):
                start = month_end.replace(day=1)
                for kpi, units in kpi_units().items():
                    for period_type, unit in units.items():
                        num, den = {"count": (7, None), "rate_per_10k": (40, 10_000),
                                    "percent": (5, 10)}[unit]
                        value = num * 10_000 / den if unit == "rate_per_10k" else (
                            num * 100 / den if den else float(num))
                        kv_rows.append([la, kpi, month_end, period_type, start, num, den, value,
                                        unit, True])
                    headline_pt, headline_unit = list(units.items())[-1]
                    headline = 40.0 if headline_unit == "rate_per_10k" else 50.0
                    direction = directions[kpi]
                    sc_rows.append([la, kpi, month_end, kpi.replace("_", " "), direction,
                                    headline_pt, headline_unit, headline, 50.0, headline - 50.0,
                                    "green", None if i == 0 else "same",
                                    f"{kpi} was {headline}.", True])
        con.executemany("insert into marts.kpi_values values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        kv_rows)
        con.executemany("insert into marts.scorecard values "
                        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", sc_rows)
    return db_path
