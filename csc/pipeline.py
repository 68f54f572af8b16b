"""The build and the monthly run: dbt build, then the quality gate, then publication.

Each step runs only after the previous one has finished and released the DuckDB file (DuckDB
allows one writer process, and dbt holds the file for the whole of its run). Everything that
can be checked without building (options, the extract folder, the gate thresholds, the
warehouse lock) is checked before dbt starts, so a mistake costs a second, not a build.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import duckdb
import yaml

from csc import exit_codes, months, options
from csc.dbt import run_dbt
from csc.errors import UsageError
from csc.scorecard_text import scorecard_lines
from csc.summary import print_run_summary
from csc.warehouse import check_not_in_use, require_readable, warehouse_path
from csc.warehouse_swap import build_and_swap

DEMO_LABEL = "embedded demo extract (seeds/demo)"


def dbt_vars_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """dbt vars from the command-line options that were given (each already checked)."""
    out: dict[str, Any] = {}
    if getattr(args, "extract", None):
        out["extract_dir"] = str(args.extract)
    for name in ("la_code", "extract_date", "extract_start"):
        value = getattr(args, name, None)
        if value:
            out[name] = value
    return out


def latest_reported_month(db_path: Path) -> str | None:
    """The latest month in marts.scorecard, as YYYY-MM."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        row = con.execute("select max(month_end) from marts.scorecard").fetchone()
    return row[0].strftime("%Y-%m") if row and row[0] else None


def _writable_warehouse(args: argparse.Namespace) -> Path:
    """The warehouse dbt will write, once the options that go into it agree."""
    if args.extract_start and args.extract_date and args.extract_start > args.extract_date:
        raise UsageError(f"--extract-start {args.extract_start} is after "
                         f"--extract-date {args.extract_date}")
    db = warehouse_path(args.db)
    # dbt writes <db>.building and swaps it in, so an analyst's read-only connection is no
    # obstacle; only another writer is.
    check_not_in_use(db, read_only=True)
    return db


def _check_gate_config(path: Path | None) -> None:
    """Read the thresholds file now, so that a broken one stops the run before the build."""
    from csc.gate.config import load_config

    try:
        load_config(path)
    except (ValueError, yaml.YAMLError) as exc:
        raise UsageError(f"--gate-config {path}: {exc}") from exc


def _dbt_build(args: argparse.Namespace, db: Path) -> tuple[int, float]:
    started = time.perf_counter()
    # --full-refresh recreates the seeds, so a seed whose columns changed between versions of
    # the project (or an LA's edited reference seed) never meets a stale table. Unit tests check
    # the SQL, not the month's data: CI runs them (bin/test); the monthly run skips them.
    cmd = ["build", "--full-refresh", "--exclude-resource-type", "unit_test"]
    if args.threads:
        cmd += ["--threads", str(args.threads)]
    if getattr(args, "select", None):
        cmd += ["--select", *args.select]
    if getattr(args, "target", "duckdb") == "spark":
        return build_and_swap(db, lambda building: _spark_build(args, cmd, building)), \
            time.perf_counter() - started
    # dbt writes <db>.building, swapped in only when it passes: readers never block the build.
    code = build_and_swap(db, lambda building: run_dbt(
        cmd, building, dbt_vars_from_args(args)).returncode)
    return code, time.perf_counter() - started


def spark_warehouse_env(db: Path) -> dict[str, str]:
    """CSC_SPARK_WAREHOUSE for a csc run on Spark: as set, else <db folder>/spark."""
    import os

    folder = os.environ.get("CSC_SPARK_WAREHOUSE") or str(Path(db).resolve().parent / "spark")
    return {"CSC_SPARK_WAREHOUSE": folder}


def _spark_build(args: argparse.Namespace, cmd: list[str], building: Path) -> int:
    """dbt build --target spark, then the relations csc reads copied into `building`, a DuckDB
    file that the gate, the run summary and the publication read as they read a DuckDB build
    (csc/spark_session.py). The gate's frames are computed by Spark; only their rows move."""
    from csc.spark_session import mirror_to_duckdb

    env = spark_warehouse_env(building)
    code = run_dbt([*cmd, "--target", "spark"], building, dbt_vars_from_args(args),
                   extra_env=env).returncode
    if code != 0:
        return code
    return mirror_to_duckdb(building, env=env)


def build(args: argparse.Namespace) -> int:
    """`csc build`: dbt build, then the run summary. Exit 1 when dbt fails."""
    db = _writable_warehouse(args)
    code, elapsed = _dbt_build(args, db)
    if code != 0:
        print(f"\ncsc build: dbt build failed (exit {code}) after {elapsed:.1f} s; "
              "the messages above name the file, model or test.")
        return exit_codes.FAILED
    print(f"\ncsc build: warehouse {db} built in {elapsed:.1f} s.")
    print_run_summary(db)
    return exit_codes.OK


def run(args: argparse.Namespace) -> int:
    """`csc run`: build, gate, publish, strictly in sequence, with a closing summary."""
    from csc.gate import run_gate
    from csc.gate.checkpoint import preload_great_expectations
    from csc.publish import publish_month

    db = _writable_warehouse(args)
    _check_gate_config(args.gate_config)
    preload_great_expectations()  # while dbt builds in its own process
    code, build_seconds = _dbt_build(args, db)
    if code != 0:
        print(f"\ncsc run: dbt build failed (exit {code}) after {build_seconds:.1f} s. "
              "Nothing was checked or published.")
        return exit_codes.FAILED
    print()
    print_run_summary(db)

    month = args.month or latest_reported_month(db)
    if month is None:
        print("\ncsc run: the extract supports no reported month (it needs 12 months of history"
              " before the first). Nothing was checked or published.")
        return exit_codes.GATE_REFUSED
    month_end = months.month_end(month).isoformat()

    gate = run_gate(db, month=month, config_path=args.gate_config)
    checked = f"{gate.n_expectations} expectations, {gate.n_failed} failed"
    if not gate.passed:
        print(f"\ncsc run: the quality gate refused {month} ({checked}):")
        for failure in gate.failures:
            print(f"  - {failure}")
        print("Nothing was published.")
        return exit_codes.GATE_REFUSED

    label = str(args.extract) if args.extract else DEMO_LABEL
    try:
        written = publish_month(db, month, gate, out_dir=Path(args.out), extract_label=label,
                                pdf=not args.no_pdf)
    except Exception as exc:  # publication is atomic: report and leave nothing half-written
        print(f"\ncsc run: publication failed: {exc}")
        return exit_codes.PUBLISH_FAILED

    print("\n".join(scorecard_lines(db, month_end)))
    print(f"\ncsc run: built in {build_seconds:.1f} s; checked {checked}; published {month} to:")
    for folder in written:
        print(f"  {folder}")
    return exit_codes.OK


def summary(args: argparse.Namespace) -> int:
    """`csc summary`: the run summary of an existing warehouse."""
    print_run_summary(require_readable(args.db))
    return exit_codes.OK


def _add_build_options(p: argparse.ArgumentParser) -> None:
    options.add_extract(p, "SSD extract folder, read in place: one LA's files, or one "
                           "sub-folder per LA named by its code (default: the embedded demo)")
    options.add_la_code(p, "LA code of a single-LA extract folder (default 999)")
    options.add_extract_window(p)
    options.add_db(p)
    options.add_dbt_threads(p)
    p.add_argument("--target", choices=("duckdb", "spark"), default="duckdb",
                   help="engine to build on: duckdb (default) or spark, dbt's spark target "
                        "(profiles.yml); on spark the warehouse lives in CSC_SPARK_WAREHOUSE "
                        "(default: the folder spark/ beside --db) and what csc reads from it "
                        "is copied into the --db file")


def add_build_parsers(sub: Any) -> None:
    """Register build, run and summary on the csc sub-command parser."""
    formatter = argparse.RawDescriptionHelpFormatter
    p = sub.add_parser("build", help="dbt build on an extract, then the run summary",
                       description="dbt build on an extract folder (or the demo seeds), then "
                                   "the run summary. Nothing is checked by the gate or published.",
                       epilog=exit_codes.epilog(), formatter_class=formatter)
    _add_build_options(p)
    options.add_dbt_select(p)
    p.set_defaults(func=build)

    p = sub.add_parser("run", help="the monthly run: build, quality gate, publish",
                       description="The monthly run: dbt build, the quality gate, then the "
                                   "month's publication (CSV, Parquet, manifest, HTML report). "
                                   "Nothing is published unless the gate passes.",
                       epilog=exit_codes.epilog(), formatter_class=formatter)
    _add_build_options(p)
    options.add_month(p, "month to publish (default: the latest complete month of the extract)")
    p.add_argument("--out", metavar="DIR", default="publish",
                   help="publication folder; the month goes to DIR/<la>/<YYYY-MM>/ "
                        "(default: publish)")
    options.add_gate_config(p)
    options.add_no_pdf(p)
    p.set_defaults(func=run)

    p = sub.add_parser("summary", help="print the run summary of a built warehouse",
                       description="Print the run summary (rows read, staged and quarantined "
                                   "per table) of a built warehouse.",
                       epilog=exit_codes.epilog(), formatter_class=formatter)
    options.add_db(p)
    p.set_defaults(func=summary)
