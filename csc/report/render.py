"""Turn the report data into the one HTML file a manager reads.

Everything a template prints is prepared here as text (formatted by csc.report.formatting), so
the templates hold layout only and the rounding lives in one place. The result is one
self-contained file: CSS inlined, charts as inline SVG, no script, no font, no link out.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from pathlib import Path
from typing import Any

import duckdb
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from csc.report import charts
from csc.report import formatting as fmt
from csc.report.data import KpiReport, Point, ReportData, load_report_data

TEMPLATES = Path(__file__).resolve().parent / "templates"

AREA_LABELS = {
    "front_door": "Front door",
    "assessment": "Assessment",
    "child_protection": "Child protection",
    "children_in_care": "Children in care",
}

AXIS_LABELS = {"percent": "Percent", "rate_per_10k": "Rate per 10,000 children",
               "count": "Number"}

BENCHMARKS = (
    ("Local authority (previous year)", "benchmark_la_previous_year", "vs_la_previous_year"),
    ("Statistical neighbours", "benchmark_statistical_neighbours", "vs_statistical_neighbours"),
    ("Region", "benchmark_region", "vs_region"),
    ("England", "benchmark_england", "vs_england"),
)

INCOMPLETE_MARK = "\u2020"  # dagger


@dataclass
class Cell:
    """One table cell: its text and whether its month lacks full history."""

    text: str
    incomplete: bool = False


def unit_label(unit: str, period_type: str) -> str:
    """'Rate per 10,000 children, rolling 12 months' and the like, for headings and axes."""
    name = {"percent": "Percentage", "count": "Number", "rate_per_10k":
            "Rate per 10,000 children"}.get(unit, unit)
    return f"{name}, {fmt.PERIOD_LABELS.get(period_type, period_type).lower()}"


def count_gap(numerator: int | None, denominator: int | None, target: float | None,
              direction: str) -> int | None:
    """How many more (or fewer) the numerator is than the target percentage allows.

    The reference report states the gap this way ("15 less than the 90% target"): children
    needed to reach a high-is-good target round up, children allowed under a low-is-good one
    round down. Decimal arithmetic keeps 7% of 100 at exactly 7.
    """
    if numerator is None or not denominator or target is None:
        return None
    exact = Decimal(repr(float(target))) * denominator / 100
    bound = exact.to_integral_value(
        rounding=ROUND_CEILING if direction == "high_is_good" else ROUND_FLOOR)
    return numerator - int(bound)


def _diff(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b


class SectionBuilder:
    """The printed content of one KPI section, from its KpiReport."""

    def __init__(self, kpi: KpiReport, report_month: date) -> None:
        self.kpi = kpi
        self.report_month = report_month
        self.months = kpi.months
        self.x_labels = [fmt.month_short(m) for m in self.months]
        # Labels come from marts.kpis, worded with the same vars as the numbers they label.
        self.num_label = kpi.numerator_label or "Numerator"
        self.den_label = kpi.denominator_label

    # Formatting shortcuts in the KPI's own units.
    def headline_text(self, v: float | None) -> str:
        return fmt.value(v, self.kpi.unit, self.kpi.decimals)

    def month_text(self, v: float | None) -> str:
        return fmt.value(v, self.kpi.month_unit, self.kpi.decimals)

    @property
    def separate_month(self) -> bool:
        """Whether the month figure is a different period from the headline (FYTD, rolling)."""
        return self.kpi.month_period_type != self.kpi.headline_period_type

    def _points(self, series: dict[date, Point]) -> list[Point | None]:
        return [series.get(m) for m in self.months]

    def _targets(self, index: int) -> list[float | None]:
        return [self.kpi.targets.get(m, (None, None))[index] for m in self.months]

    def build(self) -> dict[str, Any]:
        kpi, cur = self.kpi, self.kpi.current
        section: dict[str, Any] = {
            "id": f"kpi-{kpi.kpi_id}",
            "kpi_id": kpi.kpi_id,
            "number": kpi.sort_order,
            "name": kpi.name,
            "short_name": kpi.short_name,
            "area": AREA_LABELS.get(kpi.area, kpi.area),
            "direction": fmt.DIRECTION_LABELS.get(kpi.direction, kpi.direction),
            "direction_short": fmt.DIRECTION_LABELS.get(kpi.direction, kpi.direction
                                                        ).split()[0],
            "headline_label": unit_label(kpi.unit, kpi.headline_period_type),
            "has_data": cur is not None and cur.get("headline_value") is not None,
            "present": cur is not None,
        }
        section.update(self._headline(cur))
        section["charts"] = self._charts() if cur is not None else []
        section["spark"] = self._sparkline()
        section["spark_note"] = self._spark_note()
        section["table"] = self._table() if cur is not None else None
        section["benchmarks"] = self._benchmarks(cur)
        commentary = (cur or {}).get("commentary")
        section["commentary"] = [p.strip() for p in str(commentary).splitlines() if p.strip()] \
            if commentary and str(commentary).strip() else []
        return section

    def _headline(self, cur: dict[str, Any] | None) -> dict[str, Any]:
        kpi = self.kpi
        cur = cur or {}
        rag = cur.get("rag")
        travel = cur.get("direction_of_travel")
        symbol, rag_label, rag_text = fmt.RAG_LABELS.get(rag, fmt.RAG_LABELS[None])
        travel_symbol, travel_text = fmt.TRAVEL_LABELS.get(travel, fmt.TRAVEL_LABELS[None])
        facts: list[tuple[str, str]] = []
        unit = kpi.unit
        if unit == "percent" and cur.get("headline_denominator") is not None:
            facts.append((fmt.PERIOD_LABELS.get(kpi.headline_period_type, ""),
                          f"{fmt.number(cur.get('headline_numerator'))} of "
                          f"{fmt.number(cur.get('headline_denominator'))}"))
        if unit == "rate_per_10k":
            facts.append((f"Children, {fmt.PERIOD_LABELS[kpi.headline_period_type].lower()}",
                          fmt.number(cur.get("headline_numerator"))))
        if self.separate_month and cur.get("month_value") is not None:
            text = self.month_text(cur.get("month_value"))
            if kpi.month_unit == "percent":
                text += (f" ({fmt.number(cur.get('month_numerator'))} of "
                         f"{fmt.number(cur.get('month_denominator'))})")
            facts.append((f"In {fmt.month_long(self.report_month).split()[0]}", text))
        if cur.get("target_count") is not None:
            gap = None
            count_now = (cur.get("month_numerator") if kpi.month_unit == "count"
                         else cur.get("headline_numerator"))
            if count_now is not None:
                gap = int(count_now) - round(float(cur["target_count"]))
            facts.append(("Target (number)",
                          fmt.number(cur["target_count"])
                          + (f" ({fmt.signed_count(gap)})" if gap is not None else "")))
        return {
            "headline": self.headline_text(cur.get("headline_value")),
            "target": self.headline_text(cur.get("target_value")),
            "variance": fmt.signed(cur.get("variance"), unit, kpi.decimals),
            "previous": self.headline_text(cur.get("previous_headline_value")),
            "rag": rag or "none",
            "rag_symbol": symbol,
            "rag_label": rag_label,
            "rag_text": rag_text,
            "travel": travel or "none",
            "travel_symbol": travel_symbol,
            "travel_text": travel_text,
            "sentence": cur.get("sentence"),
            "history_complete": cur.get("history_complete") is not False,
            "facts": facts,
            "financial_year": cur.get("financial_year"),
        }

    def _sparkline(self) -> Markup | None:
        """The headline's last 13 months for the summary table, with a spoken summary."""
        points = self._points(self.kpi.headline_series)
        values = [None if p is None else p.value for p in points]
        shown = [(label, v) for label, v in zip(self.x_labels, values, strict=True)
                 if v is not None]
        if len(shown) < 2:
            return None
        label = (f"Trend: {self.headline_text(shown[0][1])} in {shown[0][0]}, "
                 f"{self.headline_text(shown[-1][1])} in {shown[-1][0]}")
        return Markup(charts.sparkline(
            values, [p is not None and not p.history_complete for p in points], label))

    def _spark_note(self) -> str:
        """Why there is no sparkline: too few months reported, or months without a value (a
        rate with no population to divide by)."""
        points = [p for p in self._points(self.kpi.headline_series) if p is not None]
        if len(points) < 2:
            return "too few months"
        if self.kpi.unit == "rate_per_10k" and any(p.denominator is None for p in points):
            return "blank: no population"
        return "too few figures"

    def _charts(self) -> list[dict[str, Any]]:
        """The two charts, each with a caption saying which figure is which when the
        headline is not the month's own figure (FYTD, rolling 12 months)."""
        kpi = self.kpi
        month_points = self._points(kpi.month_series)
        head_points = self._points(kpi.headline_series)
        targets = charts.Series("Target", self._targets(0))
        count_targets = self._targets(1)
        first, last = self.x_labels[0], self.x_labels[-1]
        found: list[dict[str, Any]] = []
        headline_period = fmt.PERIOD_LABELS[kpi.headline_period_type].lower()

        def values(points: list[Point | None], attr: str = "value") -> list[float | None]:
            return [None if p is None else getattr(p, attr) for p in points]

        def flags(points: list[Point | None]) -> list[bool]:
            return [p is not None and not p.history_complete for p in points]

        def describe(series: list[charts.Series], text_of: Any) -> str:
            parts = []
            for s in series:
                shown = [(lab, v) for lab, v in zip(self.x_labels, s.values, strict=True)
                         if v is not None]
                if not shown:
                    parts.append(f"{s.label}: no figures.")
                    continue
                parts.append(f"{s.label}: from {text_of(shown[0][1])} in {shown[0][0]} to "
                             f"{text_of(shown[-1][1])} in {shown[-1][0]}.")
                gaps = len(s.values) - len(shown)
                if gaps:
                    parts.append(f"{gaps} month(s) without a figure are left blank.")
                flagged = [lab for lab, f in zip(self.x_labels, s.incomplete, strict=False)
                           if f]
                if flagged:
                    parts.append("Incomplete history in " + ", ".join(flagged) + ".")
            return " ".join(parts)

        # Chart 1: the KPI in its headline unit against target.
        lines: list[charts.Series] = []
        if self.separate_month and kpi.month_unit == kpi.unit:
            lines.append(charts.Series(f"{fmt.PERIOD_LABELS['month']}",
                                       values(month_points), flags(month_points)))
        lines.append(charts.Series(fmt.PERIOD_LABELS[kpi.headline_period_type],
                                   values(head_points), flags(head_points)))
        target_line = targets if any(v is not None for v in targets.values) else None
        text_of = self.headline_text
        desc = describe(lines, text_of)
        if target_line is not None:
            desc += f" Target in {last}: {text_of(target_line.values[-1])}."
        caption = None
        if len(lines) == 2:  # the month line carries the end label; the headline is the other
            month_shown = [(lab, v) for lab, v in zip(self.x_labels, lines[0].values,
                                                      strict=True) if v is not None]
            head_shown = [v for v in lines[1].values if v is not None]
            if month_shown:
                caption = (f"Solid line, dots and the end label: each month on its own "
                           f"({text_of(month_shown[-1][1])} in {month_shown[-1][0]}). "
                           f"Dotted line and squares: {headline_period}, the headline figure"
                           + (f" ({text_of(head_shown[-1])})." if head_shown else "."))
        found.append(self._chart(caption, charts.trend_chart(
            chart_id=f"{kpi.kpi_id}-trend",
            title=f"{kpi.short_name}: {unit_label(kpi.unit, kpi.headline_period_type).lower()}"
                  f" against target, {first} to {last}",
            x_labels=self.x_labels, y_label=AXIS_LABELS.get(kpi.unit, kpi.unit),
            fmt=text_of, tick_suffix="%" if kpi.unit == "percent" else "",
            lines=lines, target=target_line, description=desc,
        )))

        # Chart 2: the numbers behind it.
        bars: list[charts.Series] = []
        count_target = None
        if kpi.month_unit == "count":
            bars.append(charts.Series(self.num_label, values(month_points, "numerator"),
                                      flags(month_points)))
            count_target = count_targets
        elif kpi.unit == "rate_per_10k":
            bars.append(charts.Series(self.num_label, values(head_points, "numerator"),
                                      flags(head_points)))
            count_target = count_targets
        else:
            bars.append(charts.Series(self.num_label, values(month_points, "numerator"),
                                      flags(month_points)))
            if self.den_label:
                bars.append(charts.Series(self.den_label, values(month_points, "denominator"),
                                          flags(month_points)))
        target_series = (charts.Series("Target (number)", count_target)
                         if count_target and any(v is not None for v in count_target) else None)
        period = fmt.PERIOD_LABELS[kpi.month_period_type].lower()
        month_bars = kpi.month_unit == "count" or kpi.unit != "rate_per_10k"
        caption = (f"Bars: each month on its own; the headline figure is the {headline_period}."
                   if self.separate_month and month_bars else None)
        found.append(self._chart(caption, charts.trend_chart(
            chart_id=f"{kpi.kpi_id}-counts",
            title=f"{kpi.short_name}: numbers {period}, {first} to {last}",
            x_labels=self.x_labels, y_label="Number",
            fmt=lambda v: fmt.number(v, 0), bars=bars, target=target_series,
            description=describe(bars, lambda v: fmt.number(v, 0)),
        )))
        return found

    @staticmethod
    def _chart(caption: str | None, svg: str) -> dict[str, Any]:
        return {"svg": Markup(svg), "caption": caption}

    def _table(self) -> dict[str, Any]:
        """The figures behind the charts, month by month: also their text alternative."""
        kpi = self.kpi
        month_points = self._points(kpi.month_series)
        head_points = self._points(kpi.headline_series)
        target_values = self._targets(0)
        target_counts = self._targets(1)
        rows: list[tuple[str, list[Cell]]] = []

        def row(label: str, points: list[Point | None], text: Any) -> None:
            cells = []
            for p in points:
                if p is None:
                    cells.append(Cell(fmt.MISSING))
                else:
                    cells.append(Cell(text(p), not p.history_complete))
            rows.append((label, cells))

        count_unit = kpi.month_unit == "count"
        row(self.num_label + (f" ({fmt.PERIOD_LABELS['month'].lower()})"
                              if count_unit else ""),
            month_points, lambda p: fmt.number(p.numerator))
        if self.den_label and not count_unit:
            row(self.den_label, month_points, lambda p: fmt.number(p.denominator))
        if not count_unit:
            row(unit_label(kpi.month_unit, kpi.month_period_type), month_points,
                lambda p: self.month_text(p.value))
        if self.separate_month:
            if kpi.unit == "rate_per_10k":
                row(f"Children, {fmt.PERIOD_LABELS[kpi.headline_period_type].lower()}",
                    head_points, lambda p: fmt.number(p.numerator))
            row(unit_label(kpi.unit, kpi.headline_period_type), head_points,
                lambda p: self.headline_text(p.value))
        rows.append(("Target", [Cell(self.headline_text(t)) for t in target_values]))
        rows.append((
            "Variance from target",
            [Cell(fmt.signed(_diff(p.value if p else None, t), kpi.unit, kpi.decimals),
                  bool(p and not p.history_complete))
             for p, t in zip(head_points, target_values, strict=True)],
        ))
        # The monthly variance in people or events, as the reference report prints it.
        if kpi.month_unit == "percent":
            label = (f"{self.num_label}: difference from target, "
                     f"{fmt.PERIOD_LABELS['month'].lower() if self.separate_month else 'number'}")
            rows.append((label, [
                Cell(fmt.signed_count(count_gap(p.numerator if p else None,
                                                p.denominator if p else None, t,
                                                kpi.direction)),
                     bool(p and not p.history_complete))
                for p, t in zip(month_points, target_values, strict=True)]))
        elif any(c is not None for c in target_counts):
            points = month_points if count_unit else head_points
            rows.append(("Target (number)",
                         [Cell(fmt.number(c)) for c in target_counts]))
            rows.append(("Difference from target (number)", [
                Cell(fmt.signed_count(None if p is None or p.numerator is None or c is None
                                      else int(p.numerator) - round(c)),
                     bool(p and not p.history_complete))
                for p, c in zip(points, target_counts, strict=True)]))
        incomplete = any(c.incomplete for _, cells in rows for c in cells)
        return {"months": self.x_labels, "rows": rows, "incomplete": incomplete}

    def _benchmarks(self, cur: dict[str, Any] | None) -> dict[str, Any] | None:
        cur = cur or {}
        rows = [
            (label, self.headline_text(cur.get(col)),
             fmt.signed(cur.get(vs), self.kpi.unit, self.kpi.decimals))
            for label, col, vs in BENCHMARKS if cur.get(col) is not None
        ]
        if not rows:
            return None
        return {"period": cur.get("benchmark_period") or "", "rows": rows,
                "current": self.headline_text(cur.get("headline_value"))}


@functools.cache  # one per process: compiling the template anew took ~30 ms a report
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def build_context(data: ReportData) -> dict[str, Any]:
    """Everything the template prints, already formatted."""
    sections = [SectionBuilder(kpi, data.month_end).build() for kpi in data.kpis]
    rag_counts = {key: sum(1 for s in sections if s["rag"] == key)
                  for key in ("green", "amber", "red", "none")}
    return {
        "la_code": data.la_code,
        "month": fmt.month_long(data.month_end),
        "month_iso": f"{data.month_end:%Y-%m}",
        "sections": sections,
        "rag_counts": rag_counts,
        "rag_labels": fmt.RAG_LABELS,
        "travel_labels": fmt.TRAVEL_LABELS,
        "missing": data.missing,
        "incomplete_mark": INCOMPLETE_MARK,
        "incomplete": [s["short_name"] for s in sections
                       if s["present"] and not s["history_complete"]],
        "css": Markup((TEMPLATES / "report.css").read_text(encoding="utf-8")),
    }


def render_report(db_path: Path, la_code: str, month: str, *,
                  con: duckdb.DuckDBPyConnection | None = None,
                  positions: dict[str, dict[str, str]] | None = None) -> str:
    """The complete, self-contained HTML report for one LA and month (YYYY-MM).

    A publication passes the warehouse it holds open (con) and the LA's place in the region,
    worked out once for every LA (csc.report.regional.region_positions); alone, the report
    reads both itself.
    """
    from csc.report.regional import region_position

    data = load_report_data(Path(db_path), la_code, month, con)
    context = build_context(data)
    # The LA's place among the LAs of a regional run (nothing when the run holds one LA).
    if positions is None:
        positions = region_position(Path(db_path), la_code, data.month_end, con)
    for section in context["sections"]:
        section["region_position"] = positions.get(section["kpi_id"])
    return _environment().get_template("report.html.j2").render(**context)
