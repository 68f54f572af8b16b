"""The compact frames the gate's suites validate, computed inside DuckDB.

Great Expectations 1.x cannot validate DuckDB through duckdb-engine (GX closes the connection
before it fetches, fivetran/great_expectations#10738, #11579), and pulling staging tables into
pandas would not scale to England-sized extracts. So every check is reduced in SQL to a few
rows per LA and table, column or KPI series (counts, shares, extremes, missing months) and GX
validates those small frames with pandas expectations. Each staging table is read in a single
aggregate scan; nothing child-level leaves the database.

Every frame has the columns la_code, subject and detail: the checkpoint reports them for each
failing row, so a failure names the LA, the table/column or KPI, and what was observed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb
import pandas as pd

#: Frame name (= suite, validation definition and parquet file name) -> builder.
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


def _relation_exists(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    row = con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [schema, name],
    ).fetchone()
    return bool(row and row[0])


def _columns_of(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> set[str]:
    rows = con.execute(
        "select column_name from information_schema.columns "
        "where table_schema = ? and table_name = ?",
        [schema, name],
    ).fetchall()
    return {r[0] for r in rows}


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    """Nullable pandas dtypes as plain numpy ones, which every GX pandas metric handles."""
    for col in df.columns:
        dtype = str(df[col].dtype)
        if dtype in ("Int64", "Int32", "Int16", "Int8", "Float64"):
            df[col] = df[col].astype("float64")
        elif dtype == "boolean":
            df[col] = df[col].astype("object")
    return df


def _empty(columns: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns.items()})


def staging_model(table: str) -> str:
    """staging.stg_ssd__<table without the ssd_ prefix>, as the dbt project names it."""
    return "stg_ssd__" + table.removeprefix("ssd_")


def extract_date_of(con: duckdb.DuckDBPyConnection) -> dt.date:
    """The extract date the date checks use: the one the build's staging rules applied
    (data_quality.dq_run_settings: var extract_date, or the build's run date), so that one
    run has one extract date. A warehouse built before that table existed: today."""
    if _relation_exists(con, "data_quality", "dq_run_settings"):
        row = con.execute("select max(extract_date) from data_quality.dq_run_settings").fetchone()
        if row and row[0] is not None:
            return row[0]
    return dt.date.today()


# --- the extract as staged -------------------------------------------------------------------

def extract_tables(con: duckdb.DuckDBPyConnection, config: dict[str, Any]) -> pd.DataFrame:
    """One row per LA and SSD table: presence, row counts, quarantine share and top rules."""
    columns = {"la_code": "object", "subject": "object", "detail": "object",
               "table_name": "object", "is_present": "bool", "in_warehouse": "bool",
               "raw_rows": "float64", "staged_rows": "float64", "quarantined_rows": "float64",
               "quarantine_share": "float64", "reconciles": "bool"}
    if not _relation_exists(con, "data_quality", "dq_table_reconciliation"):
        return _empty(columns)
    rules = "''"
    if _relation_exists(con, "staging", "stg_ssd__quarantine"):
        rules = "coalesce(q.rules, '')"
    quarantine_cte = (
        """
        , q as (
            select la_code, table_name,
                   string_agg(rule || ' ' || n, ', ' order by n desc, rule) as rules
            from (select la_code, table_name, rule, count(*) as n
                  from staging.stg_ssd__quarantine group by la_code, table_name, rule)
            group by la_code, table_name
        )"""
        if rules != "''" else ""
    )
    join = "left join q using (la_code, table_name)" if rules != "''" else ""
    df = con.execute(
        f"""
        with r as (select * from data_quality.dq_table_reconciliation){quarantine_cte}
        select
            r.la_code,
            r.table_name as subject,
            'raw ' || r.raw_rows || ', staged ' || r.staged_rows || ', quarantined '
                || r.quarantined_rows
                || case when {rules} <> '' then ' (' || {rules} || ')' else '' end
                || case when not r.is_present then '; file absent' else '' end as detail,
            r.table_name,
            coalesce(r.is_present, false) as is_present,
            cast(r.raw_rows as double) as raw_rows,
            cast(r.staged_rows as double) as staged_rows,
            cast(r.quarantined_rows as double) as quarantined_rows,
            case when r.raw_rows > 0 then r.quarantined_rows / r.raw_rows else 0.0 end
                as quarantine_share,
            coalesce(r.raw_rows = r.staged_rows + r.quarantined_rows, false) as reconciles
        from r {join}
        order by r.la_code, r.table_name
        """
    ).fetchdf()
    df.insert(5, "in_warehouse", [
        _relation_exists(con, "staging", staging_model(t)) for t in df["table_name"]
    ])
    return _plain(df)


def _table_profiles(
    con: duckdb.DuckDBPyConnection, config: dict[str, Any]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Required-column null counts and date-window violations, one scan per staging table."""
    col_rows: list[dict[str, Any]] = []
    date_rows: list[dict[str, Any]] = []
    window_start = dt.date.fromisoformat(str(config["extract"]["window_start"]))
    extract_date = extract_date_of(con)
    for table, spec in config["extract"]["tables"].items():
        model = staging_model(table)
        if not _relation_exists(con, "staging", model):
            continue  # reported by extract_tables (in_warehouse)
        have = _columns_of(con, "staging", model)
        required = ["la_code", *spec.get("required", [])]
        event = list(spec.get("event_dates", []))
        life = list(spec.get("life_dates", []))
        selects = ["count(*) as n"]
        for c in required:
            if c in have:
                selects.append(f'count("{c}") as "nn__{c}"')
        for c in event + life:
            if c not in have:
                continue
            lower = (f"count(*) filter (where \"{c}\" < date '{window_start}')"
                     if c in event else "0")
            selects += [
                f'{lower} as "before__{c}"',
                f"count(*) filter (where \"{c}\" > date '{extract_date}') as \"after__{c}\"",
                f'coalesce(cast(min("{c}") as varchar), \'none\') as "min__{c}"',
                f'coalesce(cast(max("{c}") as varchar), \'none\') as "max__{c}"',
            ]
        sql = f'select la_code, {", ".join(selects)} from staging."{model}" group by la_code'
        for rec in con.execute(sql).fetchdf().to_dict("records"):
            la = rec["la_code"] if isinstance(rec["la_code"], str) else "(null)"
            n = int(rec["n"])
            for c in required:
                missing = c not in have
                nulls = n if missing else n - int(rec[f"nn__{c}"])
                col_rows.append({
                    "la_code": la, "subject": f"{table}.{c}",
                    "detail": ("column missing from the staging table" if missing
                               else f"{nulls} of {n} rows null"),
                    "table_name": table, "column_name": c,
                    "rows": float(n), "null_rows": float(nulls),
                })
            for c in event + life:
                if c not in have:
                    continue
                window = (f"{window_start}..{extract_date}" if c in event
                          else f"..{extract_date}")
                date_rows.append({
                    "la_code": la, "subject": f"{table}.{c}",
                    "detail": f"dates {rec[f'min__{c}']}..{rec[f'max__{c}']}; window {window}",
                    "table_name": table, "column_name": c,
                    "rows_before_window": float(rec[f"before__{c}"]),
                    "rows_after_window": float(rec[f"after__{c}"]),
                })
    col_columns = {"la_code": "object", "subject": "object", "detail": "object",
                   "table_name": "object", "column_name": "object",
                   "rows": "float64", "null_rows": "float64"}
    date_columns = {"la_code": "object", "subject": "object", "detail": "object",
                    "table_name": "object", "column_name": "object",
                    "rows_before_window": "float64", "rows_after_window": "float64"}
    cols = pd.DataFrame(col_rows) if col_rows else _empty(col_columns)
    dates = pd.DataFrame(date_rows) if date_rows else _empty(date_columns)
    return cols, dates


def extract_codes(con: duckdb.DuckDBPyConnection, config: dict[str, Any]) -> pd.DataFrame:
    """One row per LA and staged table: the worst column's share of unknown codes."""
    columns = {"la_code": "object", "subject": "object", "detail": "object",
               "unknown_code_share": "float64"}
    if not (_relation_exists(con, "data_quality", "dq_table_reconciliation")
            and _relation_exists(con, "data_quality", "dq_value_issues")):
        return _empty(columns)
    issues = [str(i) for i in config["extract"].get("unknown_code_issues", [])]
    df = con.execute(
        """
        with issues as (
            select la_code, table_name, column_name, sum(row_count) as n
            from data_quality.dq_value_issues
            where list_contains(?, issue)
            group by la_code, table_name, column_name
        ),
        present as (
            select la_code, table_name, staged_rows
            from data_quality.dq_table_reconciliation
            where is_present and staged_rows > 0
        )
        select
            p.la_code,
            p.table_name as subject,
            coalesce(string_agg(i.column_name || ': ' || i.n || ' of ' || p.staged_rows
                                || ' rows', '; ' order by i.column_name), 'none') as detail,
            coalesce(max(i.n / p.staged_rows), 0.0) as unknown_code_share
        from present as p
        left join issues as i using (la_code, table_name)
        group by p.la_code, p.table_name
        order by p.la_code, p.table_name
        """,
        [issues],
    ).fetchdf()
    return _plain(df)


# --- marts.kpi_values ------------------------------------------------------------------------

def kpi_values_series(con: duckdb.DuckDBPyConnection, config: dict[str, Any]) -> pd.DataFrame:
    """One row per LA, KPI, period type and unit: extremes, bad ratios and missing months."""
    columns = {"la_code": "object", "subject": "object", "detail": "object",
               "kpi_id": "object", "period_type": "object", "unit": "object",
               "rows": "float64", "min_value": "float64", "max_value": "float64",
               "numerator_over_denominator_rows": "float64", "months_expected": "float64",
               "months_present": "float64", "missing_months": "float64",
               "plausible_min": "float64", "plausible_max": "float64"}
    if not _relation_exists(con, "marts", "kpi_values"):
        return _empty(columns)
    df = con.execute(
        """
        with kv as (
            select la_code, kpi_id, period_type, unit, month_end, numerator, denominator, value
            from marts.kpi_values
        ),
        la_range as (
            select la_code, min(month_end) as first_month, max(month_end) as last_month
            from kv group by la_code
        ),
        la_months as (
            select la_code, cast(last_day(m) as date) as month_end
            from (
                select la_code,
                       unnest(generate_series(cast(date_trunc('month', first_month) as timestamp),
                                              cast(date_trunc('month', last_month) as timestamp),
                                              interval 1 month)) as m
                from la_range
            )
        ),
        series as (
            select
                la_code, kpi_id, period_type, unit,
                count(*) as n_rows,
                count(distinct month_end) as months_present,
                min(value) as min_value,
                max(value) as max_value,
                arg_min(month_end, value) as min_month,
                arg_max(month_end, value) as max_month,
                count(*) filter (where denominator is not null and numerator > denominator)
                    as numerator_over_denominator_rows
            from kv group by la_code, kpi_id, period_type, unit
        ),
        missing as (
            select s.la_code, s.kpi_id, s.period_type, s.unit,
                   count(*) as n_missing,
                   string_agg(strftime(m.month_end, '%Y-%m'), ', ' order by m.month_end)
                       as missing_list
            from series as s
            join la_months as m on m.la_code = s.la_code
            left join kv
                on kv.la_code = s.la_code and kv.kpi_id = s.kpi_id
                and kv.period_type = s.period_type and kv.unit = s.unit
                and kv.month_end = m.month_end
            where kv.la_code is null
            group by s.la_code, s.kpi_id, s.period_type, s.unit
        ),
        expected as (
            select la_code, count(*) as months_expected,
                   strftime(min(month_end), '%Y-%m') || '..' || strftime(max(month_end), '%Y-%m')
                       as month_range
            from la_months group by la_code
        )
        select
            s.la_code,
            s.kpi_id || '/' || s.period_type || ' (' || s.unit || ')' as subject,
            'months ' || e.month_range
                || case when mi.n_missing > 0 then '; missing ' || mi.missing_list else '' end
                || coalesce('; min ' || round(s.min_value, 2) || ' in '
                            || strftime(s.min_month, '%Y-%m'), '')
                || coalesce('; max ' || round(s.max_value, 2) || ' in '
                            || strftime(s.max_month, '%Y-%m'), '')
                || case when s.numerator_over_denominator_rows > 0
                        then '; ' || s.numerator_over_denominator_rows
                             || ' rows with numerator > denominator' else '' end
                as detail,
            s.kpi_id, s.period_type, s.unit,
            cast(s.n_rows as double) as rows,
            s.min_value, s.max_value,
            cast(s.numerator_over_denominator_rows as double) as numerator_over_denominator_rows,
            cast(e.months_expected as double) as months_expected,
            cast(s.months_present as double) as months_present,
            cast(coalesce(mi.n_missing, 0) as double) as missing_months
        from series as s
        join expected as e using (la_code)
        left join missing as mi
            on mi.la_code = s.la_code and mi.kpi_id = s.kpi_id
            and mi.period_type = s.period_type and mi.unit = s.unit
        order by s.la_code, s.kpi_id, s.period_type
        """
    ).fetchdf()
    bands = config["kpi_values"].get("plausible_bands", {}) or {}
    by_kpi = config["kpi_values"].get("plausible_bands_by_kpi", {}) or {}

    def band(kpi: str, unit: str, end: str) -> float:
        spec = (by_kpi.get(kpi) or {}).get(unit) or bands.get(unit) or {}
        value = spec.get(end)
        return float("nan") if value is None else float(value)

    df["plausible_min"] = [band(k, u, "min") for k, u in zip(df["kpi_id"], df["unit"], strict=True)]
    df["plausible_max"] = [band(k, u, "max") for k, u in zip(df["kpi_id"], df["unit"], strict=True)]
    return _plain(df)


def kpi_values_coverage(con: duckdb.DuckDBPyConnection, config: dict[str, Any]) -> pd.DataFrame:
    """One row per LA and KPI: are all its period types there, or were its inputs absent?

    The period types and input tables are the KPI registry's, as this run built marts.kpis
    (its input tables follow the run's vars), so the gate holds no second copy of them.
    """
    kpis: dict[str, tuple[set[str], set[str]]] = {}
    if _relation_exists(con, "marts", "kpis"):
        for kpi, period_types, inputs in con.execute(
            "select kpi_id, period_types, input_tables from marts.kpis"
        ).fetchall():
            kpis[kpi] = (_listed(period_types), _listed(inputs))
    present_files: dict[str, set[str]] = {}
    if _relation_exists(con, "data_quality", "dq_table_reconciliation"):
        for la, table, is_present in con.execute(
            "select la_code, table_name, is_present from data_quality.dq_table_reconciliation"
        ).fetchall():
            present_files.setdefault(la, set())
            if is_present:
                present_files[la].add(table)
    reported: dict[tuple[str, str], set[str]] = {}
    if _relation_exists(con, "marts", "kpi_values"):
        for la, kpi, pt in con.execute(
            "select distinct la_code, kpi_id, period_type from marts.kpi_values"
        ).fetchall():
            present_files.setdefault(la, set())
            reported.setdefault((la, kpi), set()).add(pt)
    rows = []
    for la in sorted(present_files):
        for kpi, (expected, inputs) in sorted(kpis.items()):
            have = reported.get((la, kpi), set())
            absent = sorted(inputs - present_files[la])
            if have == expected:
                status, detail = "present", "period types " + ", ".join(sorted(have))
            elif not have and absent:
                status, detail = "no_input", "input file absent: " + ", ".join(absent)
            elif not have:
                status, detail = "missing", "no rows although its inputs are present"
            else:
                status = "incomplete"
                detail = ("period types " + ", ".join(sorted(have)) + "; expected "
                          + ", ".join(sorted(expected)))
            rows.append({"la_code": la, "subject": kpi, "detail": detail, "status": status})
    columns = {"la_code": "object", "subject": "object", "detail": "object", "status": "object"}
    return pd.DataFrame(rows) if rows else _empty(columns)


def _listed(text: str | None) -> set[str]:
    """A comma-separated list of marts.kpis ('month, fytd') as a set."""
    return {item.strip() for item in (text or "").split(",") if item.strip()}


# --- marts.scorecard, for the month being published ----------------------------------------

def _target_months_sql(month: str | None) -> str:
    """SQL for (la_code, month_end): the given month for every LA, else each LA's latest."""
    las = """(select la_code from data_quality.dq_table_reconciliation
              union select la_code from marts.kpi_values)"""
    if month is None:
        return ("select la_code, max(month_end) as month_end from marts.kpi_values "
                "group by la_code")
    first = dt.date.fromisoformat(f"{month}-01")
    return f"select la_code, cast(last_day(date '{first}') as date) as month_end from {las}"


def scorecard_rows(
    con: duckdb.DuckDBPyConnection, config: dict[str, Any], month: str | None
) -> pd.DataFrame:
    """The scorecard rows of the month published, with RAG, direction and their consistency."""
    columns = {"la_code": "object", "subject": "object", "detail": "object", "rag": "object",
               "direction": "object", "direction_matches_catalogue": "bool",
               "direction_of_travel": "object", "rag_state": "object"}
    needed = [("marts", "scorecard"), ("marts", "kpi_values"),
              ("data_quality", "dq_table_reconciliation"), ("marts", "kpis")]
    if not all(_relation_exists(con, s, n) for s, n in needed):
        return _empty(columns)
    df = con.execute(
        f"""
        with target as ({_target_months_sql(month)})
        select
            s.la_code,
            s.kpi_id as subject,
            strftime(s.month_end, '%Y-%m') || ': rag ' || coalesce(s.rag, 'null')
                || ', target ' || coalesce(cast(s.target_value as varchar), 'null')
                || ', headline ' || coalesce(cast(round(s.headline_value, 2) as varchar), 'null')
                || ', direction ' || coalesce(s.direction, 'null')
                || ' (catalogue ' || coalesce(c.direction, 'none') || ')' as detail,
            s.rag,
            s.direction,
            coalesce(s.direction = c.direction, false) as direction_matches_catalogue,
            s.direction_of_travel,
            case
                when s.target_value is not null and s.headline_value is not null
                     and s.rag is null then 'rag_missing'
                when s.target_value is null and s.rag is not null then 'rag_without_target'
                else 'ok'
            end as rag_state
        from marts.scorecard as s
        join target as t on t.la_code = s.la_code and t.month_end = s.month_end
        left join marts.kpis as c on c.kpi_id = s.kpi_id
        order by s.la_code, s.kpi_id
        """
    ).fetchdf()
    return _plain(df)


def scorecard_coverage(
    con: duckdb.DuckDBPyConnection, config: dict[str, Any], month: str | None
) -> pd.DataFrame:
    """One row per LA and KPI with values in the month: is its scorecard row there?"""
    columns = {"la_code": "object", "subject": "object", "detail": "object", "status": "object"}
    needed = [("marts", "scorecard"), ("marts", "kpi_values"),
              ("data_quality", "dq_table_reconciliation")]
    if not all(_relation_exists(con, s, n) for s, n in needed):
        return _empty(columns)
    df = con.execute(
        f"""
        with target as ({_target_months_sql(month)}),
        kv as (
            select distinct k.la_code, k.kpi_id
            from marts.kpi_values as k
            join target as t on t.la_code = k.la_code and t.month_end = k.month_end
        ),
        sc as (
            select distinct s.la_code, s.kpi_id
            from marts.scorecard as s
            join target as t on t.la_code = s.la_code and t.month_end = s.month_end
        ),
        pairs as (
            select la_code, kpi_id, bool_or(in_kv) as in_kv, bool_or(in_sc) as in_sc
            from (
                select la_code, kpi_id, true as in_kv, false as in_sc from kv
                union all
                select la_code, kpi_id, false as in_kv, true as in_sc from sc
            )
            group by la_code, kpi_id
        )
        select
            t.la_code,
            coalesce(p.kpi_id, '(month)') as subject,
            strftime(t.month_end, '%Y-%m') as detail,
            case
                when p.kpi_id is null then 'month_not_reported'
                when not p.in_sc then 'missing_from_scorecard'
                when not p.in_kv then 'scorecard_without_kpi_values'
                else 'complete'
            end as status
        from target as t
        left join pairs as p on p.la_code = t.la_code
        order by t.la_code, subject
        """
    ).fetchdf()
    return _plain(df)


def build_frames(
    con: duckdb.DuckDBPyConnection, config: dict[str, Any], month: str | None
) -> dict[str, pd.DataFrame]:
    """Every frame the checkpoint validates, by suite name."""
    columns, dates = _table_profiles(con, config)
    frames = {
        "extract_tables": extract_tables(con, config),
        "extract_columns": columns,
        "extract_dates": dates,
        "extract_codes": extract_codes(con, config),
        "kpi_values_series": kpi_values_series(con, config),
        "kpi_values_coverage": kpi_values_coverage(con, config),
        "scorecard_rows": scorecard_rows(con, config, month),
        "scorecard_coverage": scorecard_coverage(con, config, month),
    }
    assert tuple(frames) == FRAME_NAMES
    return frames
