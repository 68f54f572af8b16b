"""`csc`: the command line of the warehouse.

    csc build     dbt build on an extract folder (or the demo seeds), then the run summary
    csc run       the monthly run: build, quality gate, publish (the README's main command)
    csc summary   print the run summary of an existing warehouse
    csc generate  write a synthetic SSD extract (see csc.generator)
    csc gate      run the Great Expectations gate on a warehouse (see csc.gate)
    csc publish   publish a month after the gate passes (see csc.publish)
    csc report    render the HTML report for an LA and month (see csc.report)
    csc reference write an LA's reference/ files as templates (see csc.reference)
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Sub-commands implemented in their own modules, each with main(argv) -> int.
DELEGATED = {
    "generate": "csc.generator",
    "gate": "csc.gate",
    "publish": "csc.publish",
    "report": "csc.report",
    "reference": "csc.reference",
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in DELEGATED:
        module = importlib.import_module(DELEGATED[argv[0]])
        return int(module.main(argv[1:]) or 0)

    from csc import pipeline

    parser = argparse.ArgumentParser(prog="csc", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in DELEGATED:
        sub.add_parser(name, help=f"see `csc {name} --help`")
    pipeline.add_build_parsers(sub)
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
