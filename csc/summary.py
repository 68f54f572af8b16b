"""The run summary a person reads at the end of every build."""

from __future__ import annotations

from pathlib import Path

import duckdb

from csc.reference_gaps import reference_gaps

MISSING_FILE_NOTE = "file missing: KPIs that need it report no data"


def run_summary_lines(db_path: Path) -> list[str]:
    """Rows read, staged and quarantined per table; missing files; value issues; and the
    LA reference data (population, targets, benchmarks) whose absence leaves figures blank."""
    lines: list[str] = []
    with duckdb.connect(str(db_path), read_only=True) as con:
        recon = con.execute(
            """
            select la_code, table_name, is_present, raw_rows, staged_rows, quarantined_rows
            from data_quality.dq_table_reconciliation
            order by la_code, table_name
            """
        ).fetchall()
        rules = con.execute(
            """
            select la_code, table_name, rule, count(*)
            from staging.stg_ssd__quarantine
            group by all order by 1, 2, 3
            """
        ).fetchall()
        issues = con.execute(
            """
            select la_code, table_name, column_name, issue, row_count
            from data_quality.dq_value_issues
            where row_count > 0
            order by 1, 2, 3, 4
            """
        ).fetchall()
        gaps = reference_gaps(con)

    lines.append("Run summary")
    lines.append(f"  {'LA':<4} {'table':<26} {'read':>10} {'staged':>10} {'quarantined':>12}")
    for la, table, present, raw, staged, quarantined in recon:
        if not present:
            lines.append(f"  {la:<4} {table:<26} {MISSING_FILE_NOTE:>34}")
            continue
        lines.append(f"  {la:<4} {table:<26} {raw:>10,} {staged:>10,} {quarantined:>12,}")
    if rules:
        lines.append("Quarantined rows by rule")
        for la, table, rule, n in rules:
            lines.append(f"  {la:<4} {table:<26} {rule:<26} {n:>8,}")
    if issues:
        lines.append("Values kept but flagged")
        for la, table, column, issue, n in issues:
            lines.append(f"  {la:<4} {table:<26} {column:<34} {issue:<22} {n:>8,}")
    missing = [(la, t) for la, t, present, *_ in recon if not present]
    if missing:
        lines.append("Missing files: " + ", ".join(f"{la}/{t}.csv" for la, t in missing))
    if gaps:
        lines.append("Missing reference data")
        lines += [f"  {gap}" for gap in gaps]
    return lines


def print_run_summary(db_path: Path) -> None:
    """Print the summary; say so in one line when the warehouse lacks the tables it reads
    (a build with --select, or a file dbt never finished)."""
    try:
        lines = run_summary_lines(db_path)
    except duckdb.CatalogException:
        lines = [f"No run summary: {db_path} has no data_quality tables yet "
                 "(a build with --select, or one that did not finish)."]
    print("\n".join(lines))
