"""The month's scorecard as an Excel workbook for managers: one readable sheet, plus the history.

Numbers stay numbers (a manager can sort, filter and chart them) and only their display is
formatted: percentages are stored as fractions with a percentage format, so Excel shows 37.9%
and computes with 0.379; variances of percentages are percentage points; rates keep the
report's decimals (csc.report.formatting decides them for both).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from csc.report import formatting as fmt

SCORECARD_SHEET = "Scorecard"
HISTORY_SHEET = "KPI history"

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E6EAEE")
HEADER_BORDER = Border(bottom=Side(style="medium", color="1F2933"))
HEADER_ALIGNMENT = Alignment(vertical="center", wrap_text=True)
TOP = Alignment(vertical="top")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
RAG_FILLS = {"green": "E3F4E8", "amber": "FFF1D0", "red": "FDE4E1"}
RAG_PATTERNS = {rag: PatternFill("solid", fgColor=color) for rag, color in RAG_FILLS.items()}
RAG_TEXT = {"green": "Green", "amber": "Amber", "red": "Red", None: "No target"}
TRAVEL_TEXT = {key: text for key, (_, text) in fmt.TRAVEL_LABELS.items()}
#: Widest a column grows to fit its text; longer text wraps.
MAX_WIDTH = 60


def _plain(value: Any) -> Any:
    """A cell value openpyxl accepts: None for missing, Python scalars, dates as dates."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value.item() if hasattr(value, "item") else value


def number_format(unit: str | None, decimals: int, variance: bool = False) -> str:
    """Excel's format for a value of this unit: the report's decimals for a KPI whose
    marts.kpis.decimals is `decimals`, pp for variances."""
    decimals = fmt.decimals_for(unit, int(decimals))
    digits = "#,##0" + ("." + "0" * decimals if decimals else "")
    if unit == "percent" and variance:
        return f'+{digits}" pp";-{digits}" pp";{digits}" pp"'
    if unit == "percent":
        return "0." + "0" * decimals + "%" if decimals else "0%"
    return f"+{digits};-{digits};{digits}" if variance else digits


def excel_value(value: Any, unit: str | None, variance: bool = False) -> Any:
    """Percentages become fractions (37.9 -> 0.379) so that Excel's % format shows them."""
    value = _plain(value)
    if value is not None and unit == "percent" and not variance:
        return value / 100
    return value


@dataclass(frozen=True)
class Column:
    """One workbook column: its header, where its value comes from and how it is shown."""

    header: str
    value: Callable[[dict[str, Any]], Any]
    number_format: Callable[[dict[str, Any]], str | None] = lambda row: None
    wrap: bool = False


def _unit_value(column: str, unit_column: str = "headline_unit",
                variance: bool = False) -> tuple[Callable, Callable]:
    return (lambda r: excel_value(r.get(column), r.get(unit_column), variance),
            lambda r: number_format(r.get(unit_column), r["decimals"], variance))


def _text(column: str, labels: dict[Any, str] | None = None) -> Callable[[dict[str, Any]], Any]:
    def get(row: dict[str, Any]) -> Any:
        value = _plain(row.get(column))
        return labels.get(value, value) if labels is not None else value
    return get


COUNT = "#,##0"

#: The scorecard sheet, left to right; a column whose source is not in the scorecard is left out.
SCORECARD_COLUMNS: list[tuple[str, Column]] = [
    ("sort_order", Column("No.", _text("sort_order"))),
    ("short_name", Column("Indicator", _text("short_name"))),
    ("headline_period_type", Column("Headline period", _text("headline_period_type",
                                                             fmt.PERIOD_LABELS))),
    ("headline_value", Column("Headline", *_unit_value("headline_value"))),
    ("target_value", Column("Target", *_unit_value("target_value"))),
    ("variance", Column("Variance", *_unit_value("variance", variance=True))),
    ("rag", Column("RAG", _text("rag", RAG_TEXT))),
    ("previous_headline_value", Column("Previous month", *_unit_value("previous_headline_value"))),
    ("direction_of_travel", Column("Direction of travel", _text("direction_of_travel",
                                                                TRAVEL_TEXT))),
    ("direction", Column("Good is", _text("direction", fmt.DIRECTION_LABELS))),
    ("headline_numerator", Column("Numerator", _text("headline_numerator"), lambda r: COUNT)),
    ("headline_denominator", Column("Denominator", _text("headline_denominator"),
                                    lambda r: COUNT)),
    ("month_value", Column("In the month", *_unit_value("month_value", "month_unit"))),
    ("numerator_label", Column("What is counted (month)", _text("numerator_label"))),
    ("denominator_label", Column("Out of (month)", _text("denominator_label"))),
    ("financial_year", Column("Financial year", _text("financial_year"))),
    ("history_complete", Column("Full history", _text("history_complete",
                                                      {True: "Yes", False: "No"}))),
    ("kpi_name", Column("Indicator (full name)", _text("kpi_name"), wrap=True)),
    ("sentence", Column("Sentence", _text("sentence"), wrap=True)),
    ("commentary", Column("Commentary", _text("commentary"), wrap=True)),
    ("kpi_id", Column("KPI id", _text("kpi_id"))),
]

HISTORY_COLUMNS: list[tuple[str, Column]] = [
    ("month_end", Column("Month end", _text("month_end"), lambda r: "yyyy-mm-dd")),
    ("sort_order", Column("No.", _text("sort_order"))),
    ("short_name", Column("Indicator", _text("short_name"))),
    ("period_type", Column("Period", _text("period_type", fmt.PERIOD_LABELS))),
    ("value", Column("Value", *_unit_value("value", "unit"))),
    ("numerator", Column("Numerator", _text("numerator"), lambda r: COUNT)),
    ("denominator", Column("Denominator", _text("denominator"), lambda r: COUNT)),
    ("unit", Column("Unit", _text("unit"))),
    ("history_complete", Column("Full history", _text("history_complete",
                                                      {True: "Yes", False: "No"}))),
    ("kpi_id", Column("KPI id", _text("kpi_id"))),
    ("period_type", Column("Period type", _text("period_type"))),
]


def _shown_width(value: Any) -> int:
    """About how many characters Excel shows for a value (numbers as formatted, not raw)."""
    if value is None:
        return 0
    if isinstance(value, bool):
        return 3
    if isinstance(value, int):
        return len(f"{value:,}") + 1
    if isinstance(value, float):
        return len(f"{abs(value) * 100:,.1f}") + 4  # room for a sign and '%' or ' pp'
    if hasattr(value, "isoformat"):
        return 10
    return len(str(value))


def _write_sheet(ws: WriteOnlyWorksheet, frame: pd.DataFrame,
                 columns: list[tuple[str, Column]], freeze: str) -> int:
    """Header row, one row per record, widths to fit, frozen header, filters; returns rows.

    The sheet is write-only (rows streamed to the file, each style object made once): a
    regional run writes 33 workbooks of ~2,000 history rows, and openpyxl's ordinary sheets
    took about a second each, most of it finding the last row again for every row."""
    shown = [col for source, col in columns if source in frame.columns]
    records = frame.to_dict("records")
    values = [[col.value(record) for col in shown] for record in records]
    # Widths first: a write-only sheet takes its column sizes before its first row.
    widths = [len(col.header) for col in shown]
    for row in values:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], _shown_width(value))
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(width + 2, MAX_WIDTH)
    ws.freeze_panes = freeze  # the header row and the columns that name the indicator
    ws.auto_filter.ref = (f"A1:{get_column_letter(max(len(shown), 1))}{len(records) + 1}")

    header = []
    for col in shown:
        cell = WriteOnlyCell(ws, col.header)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
        cell.alignment = HEADER_ALIGNMENT
        header.append(cell)
    ws.append(header)
    # Each combination of number format, wrap and RAG fill is styled once, on a template cell,
    # and its style indexes (openpyxl's StyleArray) given to every cell that looks the same:
    # setting font, fill and alignment on each cell hashed them anew, a third of the time.
    styles: dict[tuple[str | None, bool, str | None], Any] = {}
    for record, row in zip(records, values, strict=True):
        cells = []
        for col, value in zip(shown, row, strict=True):
            number = col.number_format(record)
            rag = record.get("rag") if col.header == "RAG" else None
            key = (number if number and value is not None else None, col.wrap,
                   rag if rag in RAG_FILLS else None)
            style = styles.get(key)
            if style is None:
                style = styles[key] = _style_array(ws, *key)
            cells.append(Cell(ws, row=1, column=1, value=value, style_array=style))
        ws.append(cells)
    return len(records)


def _style_array(ws: WriteOnlyWorksheet, number: str | None, wrap: bool,
                 rag: str | None) -> Any:
    """The style indexes of a body cell with this number format, wrapping and RAG fill."""
    cell = WriteOnlyCell(ws)
    if number:
        cell.number_format = number
    cell.alignment = WRAP_TOP if wrap else TOP
    if rag is not None:
        cell.fill = RAG_PATTERNS[rag]
    return cell._style


def write_workbook(path: Path, scorecard: pd.DataFrame, history: pd.DataFrame,
                   decimals: dict[str, int], title: str) -> dict[str, int]:
    """Write the scorecard (in report order) and the KPI history; return rows per sheet.

    decimals: each KPI's marts.kpis.decimals, for the number formats (not a column written)."""
    scorecard = scorecard.assign(decimals=scorecard["kpi_id"].map(decimals))
    history = history.assign(decimals=history["kpi_id"].map(decimals))
    wb = Workbook(write_only=True)
    rows = {SCORECARD_SHEET: _write_sheet(wb.create_sheet(SCORECARD_SHEET), scorecard,
                                          SCORECARD_COLUMNS, "C2")}
    rows[HISTORY_SHEET] = _write_sheet(wb.create_sheet(HISTORY_SHEET), history,
                                       HISTORY_COLUMNS, "D2")
    wb.properties.title = title
    wb.properties.creator = "the open children's social care performance warehouse"
    wb.save(path)
    return rows
