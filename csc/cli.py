"""`csc`: the command line of the warehouse.

    csc build     dbt build on an extract folder (or the demo seeds), then the run summary
    csc run       the monthly run: build, quality gate, publish (the README's main command)
    csc summary   print the run summary of an existing warehouse
    csc generate  write a synthetic SSD extract (see csc.generator)
    csc gate      run the Great Expectations gate on a warehouse (see csc.gate)
    csc publish   publish a month after the gate passes (see csc.publish)
    csc report    render the HTML report for an LA and month (see csc.report)
    csc reference write an LA's reference/ files as templates (see csc.reference)

Every command takes the same options for the same things: --db FILE (the warehouse; default
$CSC_DUCKDB_PATH or warehouse/csc.duckdb), --la-code CODE, --month YYYY-MM, --extract DIR,
--gate-config YAML and --out DIR (the folder written into).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from csc import __version__, exit_codes
from csc.errors import CscError, reported
from csc.options import Parser

# Sub-commands implemented in their own modules, each with build_parser() and main(argv) -> int.
DELEGATED = {
    "generate": ("csc.generator", "write a synthetic SSD extract"),
    "gate": ("csc.gate", "run the quality gate on a built warehouse"),
    "publish": ("csc.publish", "publish a month after the quality gate passes"),
    "report": ("csc.report", "render the HTML report of an LA and month"),
    "reference": ("csc.reference", "write an LA's reference/ files as templates"),
}


def build_parser() -> Parser:
    """The top-level parser; delegated commands parse their own options."""
    from csc import pipeline

    parser = Parser(prog="csc", description=__doc__, epilog=exit_codes.epilog(),
                    formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"csc {__version__}",
                        help="print the version and exit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (_, help_text) in DELEGATED.items():
        sub.add_parser(name, help=f"{help_text} (see csc {name} --help)", add_help=False)
    pipeline.add_build_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in DELEGATED:
        module = importlib.import_module(DELEGATED[argv[0]][0])
        return int(module.main(argv[1:]) or 0)

    return reported("csc", lambda: _run_command(argv))


def _run_command(argv: list[str]) -> int:
    """Parse and run build, run or summary; their errors name the command they came from."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CscError as exc:
        exc.prog = exc.prog or f"csc {args.command}"
        raise


if __name__ == "__main__":
    raise SystemExit(main())
