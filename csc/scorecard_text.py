"""The month's scorecard as a plain-text table, printed at the end of `csc run`."""

from __future__ import annotations

from pathlib import Path

import duckdb

RAG_MARKS = {"green": "G ok", "amber": "A ~", "red": "R !!"}


def format_value(decimals: int, unit: str | None, value: float | None) -> str:
    """A figure as the report prints it: percentages (with %) and rates with the KPI's decimals
    (marts.kpis.decimals), counts whole."""
    if value is None or unit is None:
        return "-"
    if unit == "percent":
        return f"{value:.{decimals}f}%"
    if unit == "rate_per_10k":
        return f"{value:,.{decimals}f}"
    return f"{value:,.0f}"


def scorecard_lines(db_path: Path, month_end: str) -> list[str]:
    """One block per LA: each KPI's headline, month figure, target, RAG and direction of travel."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        rows = con.execute(
            """
            select s.la_code, s.kpi_id, s.kpi_name, s.headline_unit, s.headline_value,
                   s.month_unit, s.month_value, s.target_value, s.rag, s.direction_of_travel,
                   s.sentence, c.decimals
            from marts.scorecard as s
            inner join marts.kpis as c on c.kpi_id = s.kpi_id
            where s.month_end = cast(? as date)
            order by s.la_code, c.sort_order
            """,
            [month_end],
        ).fetchall()
    lines: list[str] = []
    current_la = None
    for (la, _kpi, name, h_unit, h_value, m_unit, m_value, target, rag, travel, sentence,
         decimals) in rows:
        if la != current_la:
            current_la = la
            lines += ["", f"Scorecard for LA {la}, month ending {month_end}",
                      f"  {'indicator':<58} {'headline':>9} {'month':>9} {'target':>8}"
                      f" {'RAG':<5} {'travel':<9}"]
        lines.append(
            f"  {name[:58]:<58} {format_value(decimals, h_unit, h_value):>9}"
            f" {format_value(decimals, m_unit, m_value):>9}"
            f" {format_value(decimals, h_unit, target):>8}"
            f" {RAG_MARKS.get(rag or '', '-'):<5} {travel or '-':<9}"
        )
        lines.append(f"      {sentence}")
    if not rows:
        lines.append(f"No scorecard rows for the month ending {month_end}.")
    return lines
