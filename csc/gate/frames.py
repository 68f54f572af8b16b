"""The compact frames the gate's suites validate: dbt models, read from data_quality.

Great Expectations 1.x cannot validate DuckDB through duckdb-engine (GX closes the connection
before it fetches, fivetran/great_expectations#10738, #11579), and pulling staging tables into
pandas would not scale to England-sized extracts. So every check is reduced in SQL to a few
rows per LA and table, column or KPI series (counts, shares, extremes, missing months) and GX
validates those small frames with pandas expectations. The SQL is dbt's:
models/gate/dq_gate__<frame>.sql, views generated from the extract contract and the KPI
registry, with lineage and docs; here they are only read, the scorecard frames for the month
being published, and the plausible bands of expectations/gate.yml joined to the KPI series.

Every frame has the columns la_code, subject and detail: the checkpoint reports them for each
failing row, so a failure names the LA, the table/column or KPI, and what was observed.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd

from csc import months

#: Frame name (= suite, validation definition and parquet file name; dbt model dq_gate__<name>).
FRAME_NAMES = (
    "extract_tables",
    "extract_columns",
    "extract_dates",
    "extract_codes",
    "kpi_values_series",
    "kpi_values_coverage",
    "scorecard_rows",
    "scorecard_coverage",
)

_TEXT = ("la_code", "subject", "detail")
#: Each frame's columns and dtypes, for a warehouse that lacks the model (an empty frame, which
#: the row-count expectation of every suite refuses).
_COLUMNS: dict[str, dict[str, str]] = {
    "extract_tables": {"table_name": "object", "is_present": "bool", "in_warehouse": "bool",
                       "raw_rows": "float64", "staged_rows": "float64",
                       "quarantined_rows": "float64", "quarantine_share": "float64",
                       "reconciles": "bool"},
    "extract_columns": {"table_name": "object", "column_name": "object", "rows": "float64",
                        "null_rows": "float64"},
    "extract_dates": {"table_name": "object", "column_name": "object",
                      "rows_before_window": "float64", "rows_after_window": "float64"},
    "extract_codes": {"unknown_code_share": "float64"},
    "kpi_values_series": {"kpi_id": "object", "period_type": "object", "unit": "object",
                          "rows": "float64", "min_value": "float64", "max_value": "float64",
                          "numerator_over_denominator_rows": "float64",
                          "months_expected": "float64", "months_present": "float64",
                          "missing_months": "float64", "plausible_min": "float64",
                          "plausible_max": "float64"},
    "kpi_values_coverage": {"status": "object"},
    "scorecard_rows": {"rag": "object", "direction": "object",
                       "direction_matches_catalogue": "bool", "direction_of_travel": "object",
                       "rag_state": "object"},
    "scorecard_coverage": {"status": "object"},
}


def frame_model(name: str) -> str:
    """The dbt model holding a frame: data_quality.dq_gate__<name>."""
    return f"dq_gate__{name}"


def _model_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    row = con.execute(
        "select count(*) from information_schema.tables "
        "where table_schema = 'data_quality' and table_name = ?",
        [frame_model(name)],
    ).fetchone()
    return bool(row and row[0])


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    """Nullable pandas dtypes as plain numpy ones, which every GX pandas metric handles."""
    for col in df.columns:
        dtype = str(df[col].dtype)
        if dtype in ("Int64", "Int32", "Int16", "Int8", "Float64"):
            df[col] = df[col].astype("float64")
        elif dtype == "boolean":
            df[col] = df[col].astype("object")
    return df


def _empty(name: str) -> pd.DataFrame:
    columns = {c: "object" for c in _TEXT} | _COLUMNS[name]
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns.items()})


def _read(con: duckdb.DuckDBPyConnection, name: str, sql: str = "", params: list[Any] = ()):
    """The frame's rows (sql: a query over the model named `frame`), or an empty frame."""
    if not _model_exists(con, name):
        return _empty(name)
    query = sql or "select * from frame order by la_code, subject"
    model = f"data_quality.{frame_model(name)}"
    df = con.execute(f"with frame as (select * from {model}) {query}", list(params)).fetchdf()
    return _plain(df)


def _target_months_sql(month: str | None) -> tuple[str, list[Any]]:
    """SQL for (la_code, month_end): the given month for every LA, else each LA's latest."""
    if month is None:
        return ("select la_code, max(month_end) as month_end from marts.kpi_values "
                "group by la_code", [])
    las = """(select la_code from data_quality.dq_table_reconciliation
              union select la_code from marts.kpi_values)"""
    return f"select la_code, cast(? as date) as month_end from {las}", [months.month_end(month)]


def _with_bands(df: pd.DataFrame, config: dict[str, Any]) -> pd.DataFrame:
    """The plausible band of each KPI series (expectations/gate.yml), per unit or KPI."""
    bands = config["kpi_values"].get("plausible_bands", {}) or {}
    by_kpi = config["kpi_values"].get("plausible_bands_by_kpi", {}) or {}

    def band(kpi: str, unit: str, end: str) -> float:
        spec = (by_kpi.get(kpi) or {}).get(unit) or bands.get(unit) or {}
        value = spec.get(end)
        return float("nan") if value is None else float(value)

    pairs = list(zip(df["kpi_id"], df["unit"], strict=True))
    df["plausible_min"] = [band(k, u, "min") for k, u in pairs]
    df["plausible_max"] = [band(k, u, "max") for k, u in pairs]
    return df


def build_frames(
    con: duckdb.DuckDBPyConnection, config: dict[str, Any], month: str | None
) -> dict[str, pd.DataFrame]:
    """Every frame the checkpoint validates, by suite name."""
    frames = {name: _read(con, name) for name in FRAME_NAMES[:6]}
    frames["kpi_values_series"] = _plain(_with_bands(frames["kpi_values_series"], config))
    target, params = _target_months_sql(month)
    if _model_exists(con, "scorecard_rows"):
        frames["scorecard_rows"] = _read(con, "scorecard_rows", f"""
            select frame.* exclude (month_end)
            from frame join ({target}) as t
                on t.la_code = frame.la_code and t.month_end = frame.month_end
            order by frame.la_code, frame.subject""", params)
    else:
        frames["scorecard_rows"] = _empty("scorecard_rows")
    frames["scorecard_coverage"] = _read(con, "scorecard_coverage", f"""
        select t.la_code, coalesce(frame.subject, '(month)') as subject,
               strftime(t.month_end, '%Y-%m') as detail,
               coalesce(frame.status, 'month_not_reported') as status
        from ({target}) as t
        left join frame on frame.la_code = t.la_code and frame.month_end = t.month_end
        order by t.la_code, subject""", params)
    assert tuple(frames) == FRAME_NAMES
    return frames
