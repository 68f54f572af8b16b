"""Read what one report needs from the warehouse, and nothing else.

The report is a view of the marts: every figure it prints comes from marts.scorecard or
marts.kpi_values as the warehouse computed it, so the report can never disagree with what an
analyst queries. The connection is read-only, so rendering can run while nobody else writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from csc.months import month_end, months_back
from csc.reference_gaps import reference_gaps
from csc.warehouse import reading

#: Months in a trend chart: the reported month and the twelve before it.
TREND_MONTHS = 13

#: The scorecard columns the report reads (see models/marts/_marts__models.yml).
SCORECARD_COLUMNS = (
    "kpi_id", "month_end", "kpi_name", "direction", "headline_period_type", "headline_unit",
    "headline_value", "headline_numerator", "headline_denominator",
    "month_value", "month_numerator", "month_denominator", "month_unit",
    "fytd_value", "fytd_numerator", "fytd_denominator", "previous_headline_value",
    "financial_year", "target_value", "target_count", "variance", "rag", "direction_of_travel",
    "benchmark_la_previous_year", "benchmark_statistical_neighbours", "benchmark_region",
    "benchmark_england", "benchmark_period", "vs_la_previous_year",
    "vs_statistical_neighbours", "vs_region", "vs_england", "sentence", "commentary",
    "history_complete",
)


class ReportError(Exception):
    """The report cannot be produced (no such warehouse, LA or month); the message says why."""


@dataclass(frozen=True)
class Point:
    """One KPI figure for one month and period type, as marts.kpi_values holds it."""

    month_end: date
    value: float | None
    numerator: int | None
    denominator: int | None
    unit: str
    history_complete: bool


@dataclass
class KpiReport:
    """Everything one KPI section prints: the catalogue entry, this month and its history."""

    kpi_id: str
    sort_order: int
    area: str
    name: str
    short_name: str
    #: What the month figure's numerator and denominator count, worded with this run's vars.
    numerator_label: str | None
    denominator_label: str | None
    unit: str
    headline_period_type: str
    direction: str
    #: Decimals for its percentages and rates (marts.kpis, from the KPI registry).
    decimals: int
    #: The scorecard row for the reported month; None when the warehouse has no figure.
    current: dict[str, Any] | None
    months: list[date]
    #: The month (or snapshot) figures and the headline figures, keyed by month end.
    month_series: dict[date, Point] = field(default_factory=dict)
    headline_series: dict[date, Point] = field(default_factory=dict)
    #: Targets per month (they change with the financial year): (target_value, target_count).
    targets: dict[date, tuple[float | None, float | None]] = field(default_factory=dict)

    @property
    def month_period_type(self) -> str:
        """The period of the month figure: the snapshot for snapshot KPIs, else the month."""
        return "snapshot" if self.headline_period_type == "snapshot" else "month"

    @property
    def month_unit(self) -> str:
        """Unit of the month figure (a count for EHAs, whose rate is the rolling headline)."""
        if self.current and self.current.get("month_unit"):
            return str(self.current["month_unit"])
        units = {p.unit for p in self.month_series.values()}
        return units.pop() if len(units) == 1 else self.unit


@dataclass
class ReportData:
    """One LA and month: the KPIs in report order."""

    la_code: str
    month_end: date
    kpis: list[KpiReport]
    #: What the LA's own reference data lacks in these months (no population, no targets),
    #: one sentence each, so a blank rate or a missing RAG is explained rather than puzzling.
    missing: list[str] = field(default_factory=list)


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def load_report_data(db_path: Path, la_code: str, month: str,
                     con: duckdb.DuckDBPyConnection | None = None) -> ReportData:
    """Read the scorecard month, 13 months of kpi_values and the catalogue for one LA (through
    con when the caller has the warehouse open, csc.warehouse.reading)."""
    try:
        end = month_end(month)
    except ValueError as exc:
        raise ReportError(str(exc)) from exc
    if not Path(db_path).exists():
        raise ReportError(f"no warehouse at {db_path}: build it first (csc build)")
    months = months_back(end, TREND_MONTHS)
    try:
        return _load(Path(db_path), la_code, end, months, con)
    except duckdb.CatalogException as exc:
        raise ReportError(f"the warehouse {db_path} has no marts yet ({exc}): run csc build"
                          ) from exc
    except duckdb.IOException as exc:  # e.g. dbt still holds the file for writing
        raise ReportError(f"cannot open the warehouse {db_path}: {exc}") from exc


def _load(db_path: Path, la_code: str, end: date, months: list[date],
          con: duckdb.DuckDBPyConnection | None) -> ReportData:
    with reading(db_path, con) as con:
        catalogue = _rows(
            con,
            """
            select kpi_id, sort_order, area, kpi_name, short_name, numerator_label,
                   denominator_label, headline_unit as unit, headline_period_type, direction,
                   decimals
            from marts.kpis
            order by sort_order, kpi_id
            """,
            [],
        )
        columns = ", ".join(SCORECARD_COLUMNS)
        scorecard = _rows(
            con,
            f"select {columns} from marts.scorecard where la_code = ? and month_end = ?",
            [la_code, end],
        )
        if not scorecard:
            raise ReportError(_nothing_reported(con, la_code, end))
        history = _rows(
            con,
            """
            select kpi_id, month_end, target_value, target_count
            from marts.scorecard
            where la_code = ? and month_end between ? and ?
            """,
            [la_code, months[0], end],
        )
        values = _rows(
            con,
            """
            select kpi_id, month_end, period_type, value, numerator, denominator, unit,
                   history_complete
            from marts.kpi_values
            where la_code = ? and month_end between ? and ?
            """,
            [la_code, months[0], end],
        )
        missing = reference_gaps(con, la_code, months[0], end, name_folders=False)

    current = {row["kpi_id"]: row for row in scorecard}
    kpis = [
        KpiReport(
            kpi_id=c["kpi_id"], sort_order=c["sort_order"], area=c["area"],
            name=(current.get(c["kpi_id"]) or {}).get("kpi_name") or c["kpi_name"],
            short_name=c["short_name"], numerator_label=c["numerator_label"],
            denominator_label=c["denominator_label"], unit=c["unit"],
            headline_period_type=c["headline_period_type"], direction=c["direction"],
            decimals=c["decimals"], current=current.get(c["kpi_id"]), months=months,
        )
        for c in catalogue
    ]
    by_id = {k.kpi_id: k for k in kpis}
    for row in history:
        kpi = by_id.get(row["kpi_id"])
        if kpi is not None:
            kpi.targets[row["month_end"]] = (row["target_value"], row["target_count"])
    for row in values:
        kpi = by_id.get(row["kpi_id"])
        if kpi is None:
            continue
        point = Point(
            month_end=row["month_end"], value=row["value"], numerator=row["numerator"],
            denominator=row["denominator"], unit=row["unit"],
            history_complete=bool(row["history_complete"]),
        )
        if row["period_type"] == kpi.month_period_type:
            kpi.month_series[point.month_end] = point
        if row["period_type"] == kpi.headline_period_type:
            kpi.headline_series[point.month_end] = point
    return ReportData(la_code=la_code, month_end=end, kpis=kpis, missing=missing)


def _nothing_reported(con: duckdb.DuckDBPyConnection, la_code: str, end: date) -> str:
    """Say what the warehouse does hold, so that a wrong --la or --month is easy to fix."""
    span = con.execute(
        "select min(month_end), max(month_end) from marts.scorecard where la_code = ?",
        [la_code],
    ).fetchone()
    if span is None or span[0] is None:
        las = [r[0] for r in con.execute(
            "select distinct la_code from marts.scorecard order by 1").fetchall()]
        held = ", ".join(las) if las else "none"
        return f"the warehouse has no scorecard for LA {la_code} (LAs held: {held})"
    first, last = span
    return (
        f"the warehouse has no scorecard for LA {la_code} in {end:%Y-%m}: "
        f"it reports {first:%Y-%m} to {last:%Y-%m}"
    )
