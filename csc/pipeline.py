"""The build and the monthly run: dbt build, then the quality gate, then publication.

Each step runs only after the previous one has finished and released the DuckDB file.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from csc.dbt import run_dbt, warehouse_path
from csc.summary import print_run_summary

EXIT_OK = 0
EXIT_BUILD_FAILED = 1
EXIT_GATE_FAILED = 2
EXIT_PUBLISH_FAILED = 3
EXIT_USAGE = 64


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


def build(args: argparse.Namespace) -> int:
    """`csc build`: dbt build, then the run summary. Exit 1 when dbt fails."""
    db = warehouse_path(args.db)
    started = time.perf_counter()
    proc = run_dbt(["build"], db, dbt_vars_from_args(args))
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        print(f"\ncsc build: dbt build failed (exit {proc.returncode}) after {elapsed:.1f} s; "
              "nothing was published.")
        return EXIT_BUILD_FAILED
    print(f"\ncsc build: warehouse {db} built in {elapsed:.1f} s.")
    print_run_summary(db)
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

    p = sub.add_parser("summary", help="print the run summary of a built warehouse")
    p.add_argument("--db")
    p.set_defaults(func=summary)
