"""What a month's publication adds for BI tools and Excel, beside the scorecard and KPI values.

- kpi_values_history.parquet: the LA's marts.kpi_values for every month the warehouse holds up
  to the published one (what a BI tool draws trends from), with each KPI's sort_order and
  short_name;
- scorecard_report_order.csv and .parquet: the month's scorecard in the report's order, with
  sort_order, short_name and the month figure's numerator and denominator labels (marts.kpis);
- scorecard.xlsx: the same for managers, with the history on a second sheet (csc.workbook).

Every figure is read from the marts, as the report's are; only labels and order are added.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from csc.months import month_end as month_end_of
from csc.warehouse import reading
from csc.workbook import SCORECARD_SHEET, write_workbook

HISTORY_FILE = "kpi_values_history.parquet"
ORDERED_NAME = "scorecard_report_order"
WORKBOOK_FILE = "scorecard.xlsx"


def read_history_and_labels(
    db_path: Path, la_code: str, month: str, con: duckdb.DuckDBPyConnection | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The LA's kpi_values up to the month's end, and marts.kpis' order and labels (through
    con when the caller has the warehouse open, csc.warehouse.reading)."""
    with reading(db_path, con) as con:
        labels = con.execute(
            "select kpi_id, sort_order, short_name, numerator_label, denominator_label, decimals "
            "from marts.kpis").fetchdf()
        history = con.execute(
            "select * from marts.kpi_values where la_code = ? and month_end <= ?",
            [la_code, month_end_of(month)]).fetchdf()
    return history, labels


def scorecard_in_report_order(scorecard: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """sort_order and short_name first, then the scorecard's own columns, then the labels."""
    extra = ["numerator_label", "denominator_label"]
    merged = scorecard.merge(labels, on="kpi_id", how="left")
    merged = merged.sort_values(["sort_order", "kpi_id"], na_position="last", kind="stable")
    return merged[["sort_order", "short_name", *scorecard.columns, *extra]].reset_index(drop=True)


def history_in_report_order(history: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """Each KPI's months in order, KPIs in the report's order; sort_order and short_name added."""
    merged = history.merge(labels[["kpi_id", "sort_order", "short_name"]], on="kpi_id",
                           how="left")
    merged = merged.sort_values(["sort_order", "kpi_id", "period_type", "month_end"],
                                na_position="last", kind="stable")
    return merged[[*history.columns, "sort_order", "short_name"]].reset_index(drop=True)


def write_bi_files(folder: Path, db_path: Path, la_code: str, month: str,
                   scorecard: pd.DataFrame,
                   con: duckdb.DuckDBPyConnection | None = None) -> dict[str, dict[str, Any]]:
    """Write the history, the ordered scorecard and the workbook; their manifest entries."""
    history, labels = read_history_and_labels(db_path, la_code, month, con)
    ordered = scorecard_in_report_order(scorecard, labels)
    history = history_in_report_order(history, labels)
    history.to_parquet(folder / HISTORY_FILE, index=False)
    ordered.to_csv(folder / f"{ORDERED_NAME}.csv", index=False, date_format="%Y-%m-%d")
    ordered.to_parquet(folder / f"{ORDERED_NAME}.parquet", index=False)
    decimals = dict(zip(labels["kpi_id"], labels["decimals"], strict=True))
    sheets = write_workbook(folder / WORKBOOK_FILE, ordered, history, decimals,
                            title=f"Children's social care scorecard, LA {la_code}, {month}")
    return {
        HISTORY_FILE: {"rows": len(history)},
        f"{ORDERED_NAME}.csv": {"rows": len(ordered)},
        f"{ORDERED_NAME}.parquet": {"rows": len(ordered)},
        WORKBOOK_FILE: {"rows": sheets[SCORECARD_SHEET], "sheets": sheets},
    }
