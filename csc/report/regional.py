"""The regional report: every LA of the run side by side, one self-contained HTML file.

    csc report --region --month YYYY-MM [--db FILE] [--out DIR]

It is shared beyond any one council, so it prints marts.regional_comparison only as published,
after disclosure control (csc.disclosure): a suppressed figure reads "c" and is never drawn.
Per KPI: a ranked bar chart of the LAs with the region's value and the median marked, small
multiples of the last 13 months (one small line per LA), and the table behind them. Like the
LA report: CSS inlined, SVG charts, no script, no link out, A4 print.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from csc import months as periods
from csc.disclosure import MARKER, published_regional_rows, suppression_threshold
from csc.report import formatting as fmt
from csc.report import regional_charts as rc
from csc.report.data import TREND_MONTHS, ReportError
from csc.report.render import AREA_LABELS, unit_label
from csc.warehouse import reading

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _text(value: Any, write: Any) -> str:
    """A figure as printed: the marker when suppressed, a dash when there is none."""
    if value == MARKER:
        return MARKER
    return write(value)


def _number(value: Any) -> Any:
    return None if value is None or value == MARKER else value


def build_regional_context(db_path: Path, month: str,
                           con: duckdb.DuckDBPyConnection | None = None) -> dict[str, Any]:
    """Everything the regional template prints, formatted, from the published rows (through con
    when the caller has the warehouse open, csc.warehouse.reading)."""
    try:
        end = periods.month_end(month)
    except ValueError as exc:
        raise ReportError(str(exc)) from exc
    if not Path(db_path).exists():
        raise ReportError(f"no warehouse at {db_path}: build it first (csc build)")
    months = periods.months_back(end, TREND_MONTHS)
    try:
        with reading(db_path, con) as con:
            cursor = con.execute(
                "select kpi_id, sort_order, area, kpi_name, short_name, headline_unit, "
                "headline_period_type, direction, decimals from marts.kpis "
                "order by sort_order, kpi_id")
            names = [c[0] for c in cursor.description]
            catalogue = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
            threshold = suppression_threshold(db_path, con)
            rows = published_regional_rows(db_path, months, threshold, con)
    except duckdb.CatalogException as exc:
        raise ReportError(f"the warehouse {db_path} has no regional mart yet ({exc}): "
                          "run csc build") from exc
    current = [r for r in rows if r["month_end"] == end]
    if not current:
        raise ReportError(f"the warehouse has no regional comparison for {end:%Y-%m}")
    las = sorted({r["la_code"] for r in current})
    by_kpi: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_kpi[r["kpi_id"]].append(r)
    sections = [_section(kpi, by_kpi.get(kpi["kpi_id"], []), end, months, las)
                for kpi in catalogue]
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8") + \
        (TEMPLATES / "regional.css").read_text(encoding="utf-8")
    return {
        "month": fmt.month_long(end),
        "month_iso": f"{end:%Y-%m}",
        "las": las,
        "sections": sections,
        "threshold": threshold,
        "marker": MARKER,
        "suppressed_cells": sum(s["suppressed_cells"] for s in sections),
        "css": Markup(css),
    }


def _section(kpi: dict[str, Any], rows: list[dict[str, Any]], end: date, months: list[date],
             las: list[str]) -> dict[str, Any]:
    kpi_id, unit, decimals = kpi["kpi_id"], kpi["headline_unit"], kpi["decimals"]

    def value_text(v: Any) -> str:
        return _text(v, lambda x: fmt.value(x, unit, decimals))

    now = [r for r in rows if r["month_end"] == end]
    section: dict[str, Any] = {
        "id": f"kpi-{kpi_id}", "kpi_id": kpi_id, "number": kpi["sort_order"],
        "name": kpi["kpi_name"], "short_name": kpi["short_name"],
        "area": AREA_LABELS.get(kpi["area"], kpi["area"]),
        "direction": fmt.DIRECTION_LABELS.get(kpi["direction"], kpi["direction"]),
        "headline_label": unit_label(unit, kpi["headline_period_type"]),
        "present": bool(now), "suppressed_cells": 0,
    }
    if not now:
        return section
    first = now[0]
    section["region"] = value_text(first["region_value"])
    section["median"] = value_text(first["region_median"])
    section["ranked"] = first["las_ranked"]
    section["reporting"] = first["las_reporting"]

    def order(r: dict[str, Any]) -> tuple[int, int, str]:
        rank = r["rank_in_region"]
        return (0 if isinstance(rank, int) else 1, rank if isinstance(rank, int) else 0,
                r["la_code"])

    ordered = sorted(now, key=order)
    bars = [rc.Bar(f"LA {r['la_code']}", _number(r["headline_value"]),
                   value_text(r["headline_value"]) if r["headline_value"] is not None
                   else "no figure")
            for r in ordered]
    tick = "%" if unit == "percent" else ""
    described = [f"{b.label} {b.text}" for b in bars]
    section["ranked_chart"] = Markup(rc.ranked_bars(
        chart_id=f"{kpi_id}-ranked",
        title=f"{kpi['short_name']}: LAs ranked, {fmt.month_long(end)}",
        description=(f"Best first ({section['direction'].lower()}). Region "
                     f"{section['region']}, median {section['median']}. "
                     + "; ".join(described) + "."),
        bars=bars, region=_number(first["region_value"]), region_text=section["region"],
        median=_number(first["region_median"]), median_text=section["median"],
        fmt_tick=tick))

    series: dict[str, dict[date, Any]] = defaultdict(dict)
    region_series: dict[date, Any] = {}
    for r in rows:
        series[r["la_code"]][r["month_end"]] = r["headline_value"]
        region_series[r["month_end"]] = r["region_value"]
    panels = [(f"LA {la}", [_number(series[la].get(m)) for m in months]) for la in las]
    section["multiples"] = [
        {"label": label, "svg": Markup(svg),
         "last": value_text(series[label[3:]].get(end))}
        for (label, _), svg in zip(panels, rc.small_multiples(
            chart_id=f"{kpi_id}-multiple", panels=panels,
            region=[_number(region_series.get(m)) for m in months],
            fmt=lambda v: fmt.value(v, unit, decimals),
            first_label=fmt.month_short(months[0]), last_label=fmt.month_short(end)),
            strict=True)]

    def number_text(v: Any) -> str:
        return _text(v, fmt.number)

    def signed_text(v: Any) -> str:
        return _text(v, lambda x: fmt.signed(x, unit, decimals))

    table = []
    for r in ordered:
        cells = [number_text(r["headline_numerator"]),
                 number_text(r["headline_denominator"]) if unit != "count" else "",
                 value_text(r["headline_value"]),
                 _text(r["rank_in_region"], lambda x: fmt.MISSING if x is None else str(x)),
                 _text(r["quartile"], lambda x: fmt.MISSING if x is None else f"Q{x}"),
                 signed_text(r["difference_to_region"])]
        section["suppressed_cells"] += sum(c == MARKER for c in cells)
        table.append({"la_code": r["la_code"], "cells": cells,
                      "suppressed": bool(r["suppression"])})
    section["table"] = table
    section["region_row"] = [number_text(first["region_numerator"]),
                             number_text(first["region_denominator"]) if unit != "count"
                             else "", section["region"]]
    section["count_unit"] = unit == "count"
    return section


@functools.cache  # one per process: the template is compiled once
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True)


def render_regional_report(db_path: Path, month: str,
                           con: duckdb.DuckDBPyConnection | None = None) -> str:
    """The complete, self-contained regional HTML report for a month (YYYY-MM), suppressed."""
    context = build_regional_context(Path(db_path), month, con)
    return _environment().get_template("regional.html.j2").render(**context)


def region_position(db_path: Path, la_code: str, month_end: date,
                    con: duckdb.DuckDBPyConnection | None = None) -> dict[str, dict[str, str]]:
    """Per KPI, the LA's place in the region for its own (internal) report: its rank of N and
    quartile band from the mart (its own figures, unsuppressed), and the region's value and
    median as published (other councils' figures, so suppressed as the regional report shows
    them). Empty when the run holds one LA only, or has no regional mart."""
    with reading(db_path, con) as con:
        return region_positions(db_path, month_end, con).get(la_code, {})


def region_positions(db_path: Path, month_end: date,
                     con: duckdb.DuckDBPyConnection | None = None
                     ) -> dict[str, dict[str, dict[str, str]]]:
    """region_position for every LA of the month at once, keyed by LA code.

    Why at once: the month's published rows (disclosure control over every LA) are the same for
    each LA's report, so a publication suppresses them once rather than once per LA.
    """
    with reading(db_path, con) as con:
        try:
            las = con.execute("select count(distinct la_code) from marts.regional_comparison "
                              "where month_end = ?", [month_end]).fetchone()
        except duckdb.Error:
            return {}
        if not las or las[0] < 2:
            return {}
        published = {(r["kpi_id"], r["la_code"]): r
                     for r in published_regional_rows(db_path, [month_end], con=con)}
        own = con.execute(
            "select r.la_code, r.kpi_id, r.headline_unit, r.rank_in_region, r.las_with_value, "
            "r.quartile, k.decimals from marts.regional_comparison as r "
            "inner join marts.kpis as k on k.kpi_id = r.kpi_id "
            "where r.month_end = ?",
            [month_end]).fetchall()
    out: dict[str, dict[str, dict[str, str]]] = defaultdict(dict)
    for la_code, kpi_id, unit, rank, n, quartile, decimals in own:
        region = published[(kpi_id, la_code)]
        out[la_code][kpi_id] = {
            "rank": f"{rank} of {n}" if rank is not None else fmt.MISSING,
            "quartile": f"Q{quartile}" if quartile is not None else fmt.MISSING,
            "region": _text(region["region_value"], lambda x, u=unit, d=decimals:
                            fmt.value(x, u, d)),
            "median": _text(region["region_median"], lambda x, u=unit, d=decimals:
                            fmt.value(x, u, d)),
        }
    return dict(out)
