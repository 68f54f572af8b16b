"""What an LA's figures lack for want of its own reference data, said so that a person can fix it.

The project ships population, targets and benchmarks for the demo LA only. A new LA's first run
builds cleanly and yet its rates per 10,000 are blank (no population) and every RAG is missing
(no targets). Nothing is wrong with the extract, so nothing fails: these lines say what is
missing and how to add it. They are read from the marts, so the run summary and the report say
the same thing.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import duckdb

INIT_HINT = ("`csc reference init --la-code {la} --extract {extract} --month {month}` writes a"
             " template")


def _span(values: list[str]) -> str:
    """'2019', '2018 and 2019', '2017, 2018 and 2019'."""
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " and " + values[-1]


def _where(la_code: str | None, first: date | None, last: date | None) -> tuple[str, list]:
    conditions, params = ["true"], []
    if la_code is not None:
        conditions.append("la_code = ?")
        params.append(la_code)
    if first is not None:
        conditions.append("month_end >= ?")
        params.append(first)
    if last is not None:
        conditions.append("month_end <= ?")
        params.append(last)
    return " and ".join(conditions), params


def _la_folders(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Each LA's extract folder, from the files the build read (seeds/demo for the demo)."""
    try:
        rows = con.execute(
            "select la_code, min(file_path) from extract.extract_files"
            " where is_present group by la_code"
        ).fetchall()
    except duckdb.CatalogException:
        return {}
    return {la: path.rsplit("/", 1)[0] for la, path in rows if path}


def reference_gaps(
    con: duckdb.DuckDBPyConnection,
    la_code: str | None = None,
    first: date | None = None,
    last: date | None = None,
    name_folders: bool = True,
) -> list[str]:
    """One sentence per LA and missing kind of reference data, in the months first..last.

    - population: rate rows whose denominator is blank (no estimate for the year or before);
    - targets: financial years in which no KPI of the LA has a target;
    - benchmarks: an LA with no benchmark value at all.
    name_folders puts the LA's extract folder in the advice (the run summary); the report,
    which managers read, names the file only.
    """
    where, params = _where(la_code, first, last)
    try:
        rates = con.execute(
            f"select la_code, kpi_id, month_end from marts.kpi_values"
            f" where unit = 'rate_per_10k' and denominator is null and {where}", params
        ).fetchall()
        no_targets = con.execute(
            f"select la_code, financial_year from marts.scorecard where {where}"
            " group by la_code, financial_year having count(target_value) = 0"
            " order by la_code, financial_year", params
        ).fetchall()
        last_months = dict(con.execute(
            f"select la_code, max(month_end) from marts.scorecard where {where}"
            " group by la_code", params).fetchall())
        no_benchmarks = con.execute(
            f"select la_code from marts.scorecard where {where} group by la_code"
            " having count(coalesce(benchmark_la_previous_year, benchmark_statistical_neighbours,"
            " benchmark_region, benchmark_england)) = 0 order by la_code", params
        ).fetchall()
    except duckdb.CatalogException:  # a build that stopped before the marts: nothing to say
        return []
    folders = _la_folders(con) if name_folders else {}

    years: dict[str, set[str]] = defaultdict(set)
    kpis: dict[str, set[str]] = defaultdict(set)
    for la, kpi, month_end in rates:
        years[la].add(str(month_end.year))
        kpis[la].add(kpi)
    fys: dict[str, list[str]] = defaultdict(list)
    for la, fy in no_targets:
        fys[la].append(fy)

    def where_to(la: str, name: str) -> tuple[str, str]:
        folder = folders.get(la)
        month = f"{last_months[la]:%Y-%m}" if last_months.get(la) else "YYYY-MM"
        if folder is None:
            return (f"Add reference/{name} beside LA {la}'s extract",
                    INIT_HINT.format(la=la, extract="DIR", month=month))
        return (f"Add {folder}/reference/{name}",
                INIT_HINT.format(la=la, extract=folder, month=month))

    lines: list[str] = []
    for la in sorted(set(years) | set(fys) | {row[0] for row in no_benchmarks}):
        if la in years:
            add, hint = where_to(la, "population_0_17.csv")
            lines.append(
                f"No population for LA {la} in {_span(sorted(years[la]))}: rates per 10,000 are"
                f" blank ({', '.join(sorted(kpis[la]))}). {add} (la_code, year, population:"
                f" the ONS mid-year estimate of children aged 0-17); {hint}."
            )
        if la in fys:
            add, hint = where_to(la, "kpi_targets.csv")
            lines.append(
                f"No targets for LA {la} in {_span(fys[la])}: every RAG is blank. {add}"
                f" (la_code, kpi_id, financial_year, target_value, target_count); {hint}."
            )
        if (la,) in no_benchmarks:
            add, hint = where_to(la, "kpi_benchmarks.csv")
            lines.append(
                f"No benchmarks for LA {la}: the benchmark comparisons are blank. {add}"
                f" (la_code, kpi_id, comparator, period, value); {hint}."
            )
    return lines
