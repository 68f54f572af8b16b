"""The build and the monthly run: dbt build, then the quality gate, then publication.

Each step runs only after the previous one has finished and released the DuckDB file (DuckDB
allows one writer process, and dbt holds the file for the whole of its run).
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import time
from pathlib import Path
from typing import Any

import duckdb

from csc.dbt import run_dbt, warehouse_path
from csc.scorecard_text import scorecard_lines
from csc.summary import print_run_summary
from csc.warehouse_swap import build_and_swap

EXIT_OK = 0
EXIT_BUILD_FAILED = 1
EXIT_GATE_FAILED = 2
EXIT_PUBLISH_FAILED = 3
EXIT_USAGE = 64
DEMO_LABEL = "embedded demo extract (seeds/demo)"


def dbt_vars_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """dbt vars from the command-line options that were given."""
    out: dict[str, Any] = {}
    if getattr(args, "extract", None):
        out["extract_dir"] = str(Path(args.extract).resolve())
    for name in ("la_code", "extract_date", "extract_start"):
        value = getattr(args, name, None)
        if value:
            out[name] = value
    return out


def month_end_of(month: str) -> str:
    """'2019-12' -> '2019-12-31'; a clear error for anything else."""
    try:
        year, mon = (int(part) for part in month.split("-"))
        return dt.date(year, mon, calendar.monthrange(year, mon)[1]).isoformat()
    except (ValueError, TypeError) as exc:
        raise SystemExit(f"csc: --month must be YYYY-MM, not {month!r}") from exc


def latest_reported_month(db_path: Path) -> str | None:
    """The latest month in marts.scorecard, as YYYY-MM."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        row = con.execute("select max(month_end) from marts.scorecard").fetchone()
    return row[0].strftime("%Y-%m") if row and row[0] else None


def _dbt_build(args: argparse.Namespace, db: Path) -> tuple[int, float]:
    started = time.perf_counter()
    # --full-refresh recreates the seeds, so a seed whose columns changed between versions of
    # the project (or an LA's edited reference seed) never meets a stale table. Unit tests check
    # the SQL, not the month's data: CI runs them (bin/test); the monthly run skips them.
    # dbt writes <db>.building, swapped in only when it passes: readers never block the build.
    code = build_and_swap(db, lambda building: run_dbt(
        ["build", "--full-refresh", "--exclude-resource-type", "unit_test"],
        building, dbt_vars_from_args(args)).returncode)
    return code, time.perf_counter() - started


def build(args: argparse.Namespace) -> int:
    """`csc build`: dbt build, then the run summary. Exit 1 when dbt fails."""
    db = warehouse_path(args.db)
    code, elapsed = _dbt_build(args, db)
    if code != 0:
        print(f"\ncsc build: dbt build failed (exit {code}) after {elapsed:.1f} s; "
              "the messages above name the file, model or test.")
        return EXIT_BUILD_FAILED
    print(f"\ncsc build: warehouse {db} built in {elapsed:.1f} s.")
    print_run_summary(db)
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """`csc run`: build, gate, publish, strictly in sequence, with a closing summary."""
    from csc.gate import run_gate
    from csc.publish import publish_month

    db = warehouse_path(args.db)
    code, build_seconds = _dbt_build(args, db)
    if code != 0:
        print(f"\ncsc run: dbt build failed (exit {code}) after {build_seconds:.1f} s. "
              "Nothing was checked or published.")
        return EXIT_BUILD_FAILED
    print()
    print_run_summary(db)

    month = args.month or latest_reported_month(db)
    if month is None:
        print("\ncsc run: the extract supports no reported month (it needs 12 months of history"
              " before the first). Nothing was checked or published.")
        return EXIT_GATE_FAILED
    month_end = month_end_of(month)

    gate_config = Path(args.gate_config) if args.gate_config else None
    gate = run_gate(db, month=month, config_path=gate_config)
    checked = f"{gate.n_expectations} expectations, {gate.n_failed} failed"
    if not gate.passed:
        print(f"\ncsc run: the quality gate refused {month} ({checked}):")
        for failure in gate.failures:
            print(f"  - {failure}")
        print("Nothing was published.")
        return EXIT_GATE_FAILED

    label = str(Path(args.extract).resolve()) if args.extract else DEMO_LABEL
    try:
        written = publish_month(db, month, gate, out_dir=Path(args.out), extract_label=label)
    except Exception as exc:  # publication is atomic: report and leave nothing half-written
        print(f"\ncsc run: publication failed: {exc}")
        return EXIT_PUBLISH_FAILED

    print("\n".join(scorecard_lines(db, month_end)))
    print(f"\ncsc run: built in {build_seconds:.1f} s; checked {checked}; published {month} to:")
    for folder in written:
        print(f"  {folder}")
    return EXIT_OK


def summary(args: argparse.Namespace) -> int:
    """`csc summary`: the run summary of an existing warehouse."""
    print_run_summary(warehouse_path(args.db))
    return EXIT_OK


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--extract", metavar="DIR",
                   help="SSD extract folder (default: the embedded demo extract)")
    p.add_argument("--la-code", dest="la_code", help="LA code of a single-LA folder (default 999)")
    p.add_argument("--extract-date", dest="extract_date", metavar="YYYY-MM-DD")
    p.add_argument("--extract-start", dest="extract_start", metavar="YYYY-MM-DD")
    p.add_argument("--db", help="DuckDB file (default: $CSC_DUCKDB_PATH or warehouse/csc.duckdb)")


def add_build_parsers(sub: Any) -> None:
    """Register build, run and summary on the csc sub-command parser."""
    p = sub.add_parser("build", help="dbt build on an extract, then the run summary")
    _add_common(p)
    p.set_defaults(func=build)

    p = sub.add_parser("run", help="the monthly run: build, quality gate, publish")
    _add_common(p)
    p.add_argument("--month", metavar="YYYY-MM",
                   help="month to publish (default: the latest complete month of the extract)")
    p.add_argument("--out", default="publish", help="publication folder (default: publish)")
    p.add_argument("--gate-config", dest="gate_config", metavar="YAML",
                   help="quality-gate thresholds overlaid on expectations/gate.yml")
    p.set_defaults(func=run)

    p = sub.add_parser("summary", help="print the run summary of a built warehouse")
    p.add_argument("--db")
    p.set_defaults(func=summary)
