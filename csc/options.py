"""The csc command-line vocabulary: one spelling, one meaning and one check per option.

Why in one module: every command (build, run, summary, gate, publish, report, generate) takes
the same options from here, so --la-code, --db, --month, --gate-config and --out mean the same
everywhere; and every value is checked while the command line is read, so a typo is reported in
a second with exit 64, not after a build, and nothing unchecked reaches SQL.

Old spellings (--la, --config) are kept as hidden aliases so that existing scripts still run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path
from typing import NoReturn

from csc import months
from csc.errors import UsageError

DB_HELP = "the DuckDB warehouse file (default: $CSC_DUCKDB_PATH or warehouse/csc.duckdb)"


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors exit 64 (csc.exit_codes.USAGE) instead of argparse's 2,
    which csc uses for "the quality gate refused the month"."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {self.prog} --help)", prog=self.prog)


# --- value checks (argparse types: a ValueError-style message, reported as a usage error) ---

def la_code(text: str) -> str:
    """An LA code: exactly three digits, e.g. 208."""
    if not re.fullmatch(r"[0-9]{3}", text):
        raise argparse.ArgumentTypeError(f"must be a 3-digit LA code such as 208, not {text!r}")
    return text


def iso_date(text: str) -> str:
    """A real calendar date written YYYY-MM-DD (2019-02-30 and 20191231 are refused)."""
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError
        dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be a real date written YYYY-MM-DD, such as 2019-12-31, not {text!r}"
        ) from None
    return text


def month(text: str) -> str:
    """A month written YYYY-MM, e.g. 2019-12."""
    try:
        months.parse_month(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be a month written YYYY-MM, such as 2019-12, not {text!r}"
        ) from None
    return text


def existing_folder(text: str) -> Path:
    """A folder that exists (the extract is read in place)."""
    path = Path(text).expanduser()
    if not path.is_dir():
        what = "is a file, not a folder" if path.exists() else "does not exist"
        raise argparse.ArgumentTypeError(f"{text} {what}")
    return path.resolve()


def existing_file(text: str) -> Path:
    """A file that exists (e.g. the gate thresholds)."""
    path = Path(text).expanduser()
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"no such file: {text}")
    return path.resolve()


def positive_int(text: str) -> int:
    """A whole number of at least 1 (dbt threads)."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {text!r}")
    return int(text)


# --- the shared options ------------------------------------------------------------------------

def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="FILE", help=DB_HELP)


def add_la_code(parser: argparse.ArgumentParser, help: str) -> None:
    """--la-code, with --la as a hidden alias (csc report's old spelling)."""
    parser.add_argument("--la-code", dest="la_code", type=la_code, metavar="CODE", help=help)
    parser.add_argument("--la", dest="la_code", type=la_code, help=argparse.SUPPRESS)


def add_month(parser: argparse.ArgumentParser, help: str, required: bool = False) -> None:
    parser.add_argument("--month", type=month, metavar="YYYY-MM", required=required, help=help)


def add_extract(parser: argparse.ArgumentParser, help: str) -> None:
    parser.add_argument("--extract", type=existing_folder, metavar="DIR", help=help)


def add_gate_config(parser: argparse.ArgumentParser) -> None:
    """--gate-config, with --config as a hidden alias (csc gate and publish's old spelling)."""
    help = ("YAML file of quality-gate thresholds, laid over expectations/gate.yml "
            "(only the keys it changes)")
    parser.add_argument("--gate-config", dest="gate_config", type=existing_file, metavar="YAML",
                        help=help)
    parser.add_argument("--config", dest="gate_config", type=existing_file,
                        help=argparse.SUPPRESS)


def add_no_pdf(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-pdf", dest="no_pdf", action="store_true",
                        help="publish without each LA's report.pdf (Chromium takes about 0.7 s "
                             "a report: worth leaving out in a run of many LAs)")


def add_extract_window(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--extract-date", dest="extract_date", type=iso_date,
                        metavar="YYYY-MM-DD",
                        help="the extract's date (default: its latest event date per LA)")
    parser.add_argument("--extract-start", dest="extract_start", type=iso_date,
                        metavar="YYYY-MM-DD",
                        help="the date the extract is complete from (default: its earliest "
                             "contact or referral per LA)")


def add_dbt_threads(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--threads", type=positive_int, metavar="N",
                        help="dbt threads (default: $CSC_DBT_THREADS or 4)")


def add_dbt_select(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--select", nargs="+", metavar="SPEC",
                        help="build only these dbt nodes (dbt selection syntax, e.g. "
                             "+int_kpi__cp_plans); the run summary needs a full build")


def require(parser: argparse.ArgumentParser, value: object, option: str) -> None:
    """A required option that has a hidden alias (argparse's required= would refuse the alias)."""
    if value is None:
        parser.error(f"the following arguments are required: {option}")
