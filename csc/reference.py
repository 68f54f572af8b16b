"""Regenerate the generated reference seeds.

    python -m csc.reference bank-holidays   # seeds/reference/bank_holidays.csv

England and Wales bank holidays come from the maintained `holidays` package, which carries the
moved and one-off holidays (8 May 2020, 3 June 2022, 19 September 2022, 8 May 2023). The seed
covers every year a valid extract can hold dates in (the contract rejects dates before 1990).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import holidays

from csc import PROJECT_DIR

FIRST_YEAR = 1990
LAST_YEAR = 2040
BANK_HOLIDAYS_SEED = PROJECT_DIR / "seeds" / "reference" / "bank_holidays.csv"


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


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv != ["bank-holidays"]:
        print(__doc__)
        return 64
    n = write_bank_holidays()
    print(f"wrote {n} bank holidays to {BANK_HOLIDAYS_SEED}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
