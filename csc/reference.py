"""Reference data: an LA's own reference/ files, and the generated reference seeds.

    csc reference init --la-code 208 --extract DIR [--month YYYY-MM]
        write the LA's reference/ files as templates to fill in (never overwrites a file)
    csc reference bank-holidays
        regenerate seeds/reference/bank_holidays.csv

The project ships population, targets, benchmarks and commentary for the demo LA only, so a new
LA's rates and RAGs are blank until it supplies its own (docs/extract-format.md, "The LA's own
reference files"). `init` writes the four files with the seeds' headers, the LA code filled in
and one row per KPI, with the values left blank. A blank value is accepted by the build and
changes nothing, so the templates build as written and can be filled in one row at a time.

England and Wales bank holidays come from the maintained `holidays` package, which carries the
moved and one-off holidays (8 May 2020, 3 June 2022, 19 September 2022, 8 May 2023). The seed
covers every year a valid extract can hold dates in (the contract rejects dates before 1990).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import holidays

from csc import PROJECT_DIR, exit_codes, months, options
from csc.errors import CscError
from csc.kpi_registry import kpi_ids

FIRST_YEAR = 1990
LAST_YEAR = 2040
REFERENCE_SEEDS = PROJECT_DIR / "seeds" / "reference"
BANK_HOLIDAYS_SEED = REFERENCE_SEEDS / "bank_holidays.csv"
#: The files an LA may put in reference/, named as the seeds whose rows they replace.
LA_REFERENCE_FILES = ("population_0_17", "kpi_targets", "kpi_benchmarks", "commentary")
COMPARATORS = ("la_previous_year", "statistical_neighbours", "region", "england")


def write_bank_holidays(path: Path = BANK_HOLIDAYS_SEED) -> int:
    """Write one row per England and Wales bank holiday; return the number of rows."""
    days = holidays.country_holidays("GB", subdiv="ENG", years=range(FIRST_YEAR, LAST_YEAR + 1))
    rows = sorted(days.items())
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["holiday_date", "holiday_name"])
        for day, name in rows:
            writer.writerow([day.isoformat(), name])
    return len(rows)


def seed_header(name: str) -> list[str]:
    """A reference seed's columns: the LA's file has the same ones."""
    with (REFERENCE_SEEDS / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh))


def template_rows(name: str, la_code: str, month: dt.date) -> list[list[str]]:
    """The rows of one template, values blank: what to fill for the month and its year.

    population: the month's calendar year and the one before (a 13-month trend spans both);
    targets: every KPI for the month's financial year; benchmarks: every KPI and comparator
    for the financial year before (the scorecard shows the latest one before the month's);
    commentary: every KPI for the month.
    """
    fy = months.financial_year(month)
    kpis = kpi_ids()
    if name == "population_0_17":
        return [[la_code, str(year), ""] for year in (month.year - 1, month.year)]
    if name == "kpi_targets":
        return [[la_code, kpi, fy, "", ""] for kpi in kpis]
    if name == "kpi_benchmarks":
        previous = months.financial_year(month.replace(year=month.year - 1))
        return [[la_code, kpi, comparator, previous, ""] for kpi in kpis
                for comparator in COMPARATORS]
    if name == "commentary":
        return [[la_code, kpi, f"{month:%Y-%m}", ""] for kpi in kpis]
    raise ValueError(f"no template for {name}")


def reference_folder(extract: Path, la_code: str) -> Path:
    """Where the build looks for the LA's reference/ files: in its sub-folder of a regional
    extract (3-digit folders holding ssd_* files), else beside the tables."""
    regional = any(
        sub.is_dir() and re.fullmatch(r"\d{3}", sub.name)
        and any(f.name.lower().startswith("ssd_") for f in sub.iterdir())
        for sub in extract.iterdir()
    )
    if not regional:
        return extract / "reference"
    if not (extract / la_code).is_dir():
        raise ValueError(f"{extract} is a regional extract with no folder for LA {la_code}")
    return extract / la_code / "reference"


def init_templates(extract: Path, la_code: str, month: dt.date) -> tuple[list[Path], list[Path]]:
    """Write the templates that do not exist yet; return (written, left as they were)."""
    folder = reference_folder(extract, la_code)
    folder.mkdir(exist_ok=True)
    written, kept = [], []
    for name in LA_REFERENCE_FILES:
        path = folder / f"{name}.csv"
        if path.exists():
            kept.append(path)
            continue
        with path.open("x", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(seed_header(name))
            writer.writerows(template_rows(name, la_code, month))
        written.append(path)
    return written, kept


def build_parser() -> options.Parser:
    """csc reference init (templates of an LA's reference/ files) and bank-holidays."""
    parser = options.Parser(
        prog="csc reference", description=__doc__, epilog=exit_codes.epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                help="init (reference/ templates) or bank-holidays")
    init = sub.add_parser("init", help="write the LA's reference/ files as templates")
    init.add_argument("--la-code", dest="la_code", type=options.la_code, required=True,
                      metavar="CODE", help="the LA's 3-digit code, e.g. 208")
    init.add_argument("--extract", type=options.existing_folder, metavar="DIR", required=True,
                      help="the extract folder (the LA's, or a regional folder)")
    init.add_argument("--month", type=options.month, metavar="YYYY-MM",
                      help="month the templates start from (default: this month)")
    sub.add_parser("bank-holidays", help="regenerate seeds/reference/bank_holidays.csv")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except CscError as exc:
        print(f"{exc.prog or 'csc reference'}: {exc}", file=sys.stderr)
        return exc.exit_code

    if args.command == "bank-holidays":
        n = write_bank_holidays()
        print(f"wrote {n} bank holidays to {BANK_HOLIDAYS_SEED}")
        return 0

    extract = Path(args.extract)
    month = (months.first_day(args.month) if args.month
             else dt.date.today().replace(day=1))
    try:
        written, kept = init_templates(extract, args.la_code, month)
    except ValueError as exc:
        print(f"csc reference init: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    for path in kept:
        print(f"kept {path}: it exists, so it was not overwritten")
    if not written:
        print("csc reference init: every reference file exists; nothing was written",
              file=sys.stderr)
        return 1
    print("Fill in the blank values (population first: without it rates per 10,000 are blank;"
          " without targets there is no RAG), then run the build again. Rows left blank"
          " change nothing. Format: docs/extract-format.md.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
