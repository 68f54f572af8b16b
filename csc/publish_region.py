"""The region's publication of a month: every LA side by side, small numbers suppressed.

publish/region/<YYYY-MM>/ holds regional_comparison.csv and .parquet (the month's rows of
marts.regional_comparison after disclosure control, csc.disclosure: a suppressed cell reads
"c"), regional-report.html (csc report --region) and manifest.json (the threshold, the LAs,
row counts and checksums). csc.publish.publish_month stages it beside the LA folders when the
run holds more than one LA, and moves it into place with them, so it is all or nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from csc.disclosure import MARKER, published_regional_rows, suppression_threshold
from csc.warehouse import reading

#: Columns that can read MARKER: written as text in CSV and Parquet (as the DfE's open data).
FIGURE_COLUMNS = ("headline_numerator", "headline_denominator", "headline_value",
                  "rank_in_region", "quartile", "difference_to_region", "region_numerator",
                  "region_denominator", "region_value", "region_median")


def region_available(db_path: Path, con: duckdb.DuckDBPyConnection | None = None) -> bool:
    """Whether the warehouse has the regional mart (one built before it existed has not: its
    LA folders are published as before, without a region folder). con: the warehouse when the
    caller has it open (csc.warehouse.reading)."""
    with reading(db_path, con) as con:
        return bool(con.execute(
            "select count(*) from information_schema.tables where table_schema = 'marts' "
            "and table_name = 'regional_comparison'").fetchone()[0])


def published_frame(db_path: Path, month_end: dt.date,
                    con: duckdb.DuckDBPyConnection | None = None) -> pd.DataFrame:
    """The month's regional rows as published: suppressed, figures as text ('c' or a number,
    empty when there is none)."""
    rows = published_regional_rows(db_path, [month_end], con=con)
    frame = pd.DataFrame(rows)
    for column in FIGURE_COLUMNS:
        frame[column] = [None if v is None or (isinstance(v, float) and pd.isna(v))
                         else MARKER if v == MARKER else str(v) for v in frame[column]]
        frame[column] = frame[column].astype("string")
    return frame


def write_region_folder(tmp: Path, *, db_path: Path, month: str, month_end: dt.date,
                        extract_label: str, sha256: Any, git: Any,
                        con: duckdb.DuckDBPyConnection | None = None) -> None:
    """Write the region's publication into tmp (renamed into place by the caller); con: the
    warehouse when the caller has it open."""
    from csc.report.regional import render_regional_report

    tmp.mkdir(parents=True)
    frame = published_frame(db_path, month_end, con)
    frame.to_csv(tmp / "regional_comparison.csv", index=False, date_format="%Y-%m-%d")
    frame.to_parquet(tmp / "regional_comparison.parquet", index=False)
    (tmp / "regional-report.html").write_text(render_regional_report(db_path, month, con),
                                              encoding="utf-8")
    files: dict[str, dict[str, Any]] = {
        "regional_comparison.csv": {"rows": len(frame)},
        "regional_comparison.parquet": {"rows": len(frame)},
        "regional-report.html": {},
    }
    for name, info in files.items():
        info["sha256"] = sha256(tmp / name)
        info["bytes"] = (tmp / name).stat().st_size
    suppressed = int(sum((frame[c] == MARKER).sum() for c in FIGURE_COLUMNS))
    manifest = {
        "region": sorted(frame["la_code"].unique().tolist()),
        "month": month,
        "published_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "extract": extract_label,
        "warehouse": str(db_path),
        "git": git,
        "disclosure_control": {
            "threshold": suppression_threshold(db_path, con),
            "marker": MARKER,
            "suppressed_cells": suppressed,
            "rules": "docs/regional.md",
        },
        "files": files,
    }
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, default=str),
                                       encoding="utf-8")
