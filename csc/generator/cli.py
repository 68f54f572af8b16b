"""`csc generate` argument parsing and the per-LA write loop (with progress on stderr)."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import numpy as np

from csc import options
from csc.errors import UsageError, reported
from csc.generator.tables import TABLES
from csc.generator.writer import write_table


def _month(text: str) -> tuple[int, int]:
    """YYYY-MM as (year, month)."""
    try:
        y, m = (int(x) for x in text.split("-"))
        date(y, m, 1)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM, got {text!r}") from exc
    return y, m


def la_codes(spec: str) -> list[str]:
    """LA codes from a count ("33": fictional codes 801, 802, ...) or a comma list."""
    if "," not in spec and not spec.isdigit():
        raise argparse.ArgumentTypeError(
            f"expected a number of LAs or 3-digit codes separated by commas, got {spec!r}")
    if "," in spec or len(spec) == 3 and not spec.startswith("0") and int(spec) > 200:
        codes = [c.strip() for c in spec.split(",") if c.strip()]
        bad = [c for c in codes if not (len(c) == 3 and c.isdigit())]
        if bad:
            raise argparse.ArgumentTypeError(f"LA codes must be 3 digits: {bad}")
        return codes
    n = int(spec)
    if not 1 <= n <= 199:
        raise argparse.ArgumentTypeError("between 1 and 199 LAs")
    return [str(801 + i) for i in range(n)]


def build_parser() -> options.Parser:
    parser = options.Parser(
        prog="csc generate",
        description="Write a synthetic SSD extract: one folder per LA with the twelve ssd_* "
                    "tables (regional), or the calibrated demo extract (--demo).",
        epilog="Examples:\n"
               "  csc generate --las 33 --children-per-la 60000 --from 2010-04 --to 2020-03 "
               "--seed 7 --out /tmp/extract\n"
               "  csc generate --las 3 --children-per-la 2000 --from 2018-04 --to 2019-12 "
               "--dirty 2 --out /tmp/dirty\n"
               "  csc generate --demo --out seeds/demo\n",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="folder to write the extract into")
    parser.add_argument("--demo", action="store_true",
                        help="write the calibrated demo extract (LA 999, Apr 2016 - Dec 2019) "
                             "as flat seed files, reproducing the December 2019 report")
    parser.add_argument("--las", default="3",
                        help="number of LAs, up to 199 (fictional codes 801, 802, ...), or "
                             "3-digit DfE codes separated by commas, e.g. 208,212 (default 3)")
    parser.add_argument("--children-per-la", type=int, default=50000,
                        help="0-17 population of each LA; event volumes scale with it "
                             "(default 50000)")
    parser.add_argument("--from", dest="first", type=_month, default=(2016, 4),
                        help="first month of history, YYYY-MM (default 2016-04)")
    parser.add_argument("--to", dest="last", type=_month, default=(2019, 12),
                        help="last month of history, YYYY-MM (default 2019-12)")
    parser.add_argument("--seed", type=int, default=None,
                        help="random seed (default 7; 999 for --demo, which the shipped seeds use)")
    parser.add_argument("--format", choices=["csv", "parquet"], default="csv",
                        help="file format (default csv)")
    parser.add_argument("--dirty", type=int, default=0, metavar="N",
                        help="plant N bad rows of each quarantine rule in every LA "
                             "(required_value, date_before_1990, date_after_extract_date, "
                             "end_before_start, duplicate_id)")
    parser.add_argument("--tidy", action="store_true",
                        help="leave out the untidy shapes real extracts have, which are written "
                             "by default: care episodes opened before the previous one closed, "
                             "plans and placements reopened the day after they closed, events "
                             "on 28/29 February and 1 March")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """`csc generate`; a bad option exits 64 before anything is written."""
    return reported("csc generate", lambda: _generate_command(argv))


def _generate_command(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.demo:
        return write_demo(args.out, 999 if args.seed is None else args.seed, args.quiet)
    from csc.generator.regional import generate_la

    if args.last < args.first:
        raise UsageError("--to is before --from")
    try:
        codes = la_codes(args.las)
    except argparse.ArgumentTypeError as exc:
        raise UsageError(f"--las: {exc}") from exc
    t0 = time.perf_counter()
    total = 0
    for i, la in enumerate(codes):
        seed = 7 if args.seed is None else args.seed
        rng = np.random.default_rng(np.random.SeedSequence([seed, int(la)]))
        tables, styles = generate_la(rng, args.children_per_la, args.first, args.last,
                                     args.dirty, untidy=not args.tidy)
        rows = sum(write_table(args.out / la, name, tables[name], styles[name], rng, args.format)
                   for name in TABLES)
        total += rows
        del tables
        if not args.quiet:
            elapsed = time.perf_counter() - t0
            print(f"[{i + 1}/{len(codes)}] LA {la}: {rows:,} rows; total {total:,} rows in "
                  f"{elapsed:.1f}s ({total / max(elapsed, 1e-9):,.0f} rows/s)", file=sys.stderr)
    return 0


def write_demo(out: Path, seed: int, quiet: bool) -> int:
    """The demo seeds: flat files (no LA sub-folder), LF, plain headers (dbt loads by name)."""
    from csc.generator.demo import DEMO_STYLES, build_demo

    t0 = time.perf_counter()
    tables = build_demo(seed)
    rng = np.random.default_rng(seed)
    total = sum(write_table(out, name, tables[name], DEMO_STYLES[name], rng) for name in TABLES)
    if not quiet:
        print(f"demo extract: {total:,} rows in {time.perf_counter() - t0:.1f}s -> {out}",
              file=sys.stderr)
    return 0
