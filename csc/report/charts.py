"""Trend charts as inline SVG, drawn when the report is built.

No plotting library and no script: the report must open offline, print, and survive being
emailed, so each chart is a small piece of SVG markup written here. The chart never invents a
value: a missing month is a gap in the line (not a zero), and a month whose figure lacks its
full look-back is drawn hollow over a hatched band and named in the chart's description.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape

WIDTH, HEIGHT = 560, 250
LEFT, RIGHT, TOP, BOTTOM = 58, 10, 34, 46

#: Month labels on the x axis: their size, and a generous width per character (DejaVu Sans,
#: Debian's default and one of the widest, measures 0.59 em for "Dec 18") so that labels that
#: fit on paper here also fit in the browser.
X_LABEL_SIZE = 10.5
CHAR_EM = 0.62
#: The least space between two month labels, and between the end label and a target line.
X_LABEL_GAP = 4.0
END_LABEL_SIZE = 12
#: From the target line's centre: 3 units of white space beyond its 2-unit stroke.
END_LABEL_CLEARANCE = 4.0

#: Colours chosen to stay apart for common colour-vision deficiencies (Okabe-Ito) and in
#: greyscale print; shapes and dashes repeat the distinction.
INK = "#1f2933"
GRID = "#d9dee3"
SERIES_COLOURS = ("#0072b2", "#d55e00", "#009e73")
BAR_COLOURS = ("#56b4e9", "#b8c4ce")
TARGET_COLOUR = "#1f2933"


@dataclass
class Series:
    """A line (or bars) of values, one per month; None is a month without a figure."""

    label: str
    values: Sequence[float | None]
    #: True where the month's figure lacks its full history (drawn hollow, band behind).
    incomplete: Sequence[bool] = field(default_factory=list)


def _fmt_attr(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _tick_text(tick: float, step: float) -> str:
    decimals = 0 if float(step).is_integer() else (1 if float(step * 10).is_integer() else 2)
    return f"{tick:,.{decimals}f}"


def nice_scale(low: float, high: float, ticks: int = 4) -> tuple[float, float, float]:
    """Axis bounds and step that are round numbers and include zero and every value."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high == low:
        high = low + 1
    raw = (high - low) / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def trend_chart(
    *,
    chart_id: str,
    title: str,
    x_labels: Sequence[str],
    y_label: str,
    fmt: Callable[[float], str],
    tick_suffix: str = "",
    lines: Sequence[Series] = (),
    bars: Sequence[Series] = (),
    target: Series | None = None,
    description: str = "",
    width: int = WIDTH,
) -> str:
    """One chart: grouped bars, lines with markers and a dashed target, over the months.

    chart_id must be unique in the page; it ties the SVG to its title and description so that
    screen readers announce them. fmt writes values (tooltips, the latest value's label); the
    axis ticks get as many decimals as their step needs, then tick_suffix. width is the chart's
    width in SVG units (it scales to its box, so narrow means fewer units per month): month
    labels are thinned so that they never overlap.
    """
    n = len(x_labels)
    flagged = sorted({i for s in (*lines, *bars) for i, f in enumerate(s.incomplete) if f})
    legend, legend_rows = _legend(lines, bars, target, bool(flagged), chart_id, width)
    top = TOP + LEGEND_ROW * (legend_rows - 1)
    height = HEIGHT + LEGEND_ROW * (legend_rows - 1)
    plot_w, plot_h = width - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    col_w = plot_w / max(n, 1)
    every = [v for s in (*lines, *bars, *([target] if target else [])) for v in s.values
             if v is not None]
    y_min, y_max, step = nice_scale(min(every, default=0.0), max(every, default=1.0))

    def x_of(i: int) -> float:
        return LEFT + col_w * (i + 0.5)

    def y_of(v: float) -> float:
        return top + plot_h * (1 - (v - y_min) / (y_max - y_min))

    out: list[str] = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="inherit" font-size="12">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
        f'<defs><pattern id="{chart_id}-hatch" width="6" height="6" '
        f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="#f4f1e8"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="#c9bf9f" stroke-width="2"/></pattern></defs>',
    ]

    # Months with incomplete history: a hatched band behind the whole column.
    for i in flagged:
        out.append(
            f'<rect x="{_fmt_attr(LEFT + col_w * i)}" y="{top}" width="{_fmt_attr(col_w)}" '
            f'height="{plot_h}" fill="url(#{chart_id}-hatch)"/>'
        )

    # Grid and y axis.
    tick = y_min
    while tick <= y_max + step / 1000:
        y = _fmt_attr(y_of(tick))
        out.append(f'<line x1="{LEFT}" x2="{width - RIGHT}" y1="{y}" y2="{y}" '
                   f'stroke="{GRID}" stroke-width="1"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y}" dy="0.32em" text-anchor="end" '
                   f'fill="{INK}">{_tick_text(tick, step)}{escape(tick_suffix)}</text>')
        tick += step
    out.append(
        f'<text transform="translate(14 {top + plot_h / 2:.0f}) rotate(-90)" '
        f'text-anchor="middle" fill="{INK}">{escape(y_label)}</text>'
    )
    baseline = _fmt_attr(y_of(max(y_min, 0.0)))
    out.append(f'<line x1="{LEFT}" x2="{width - RIGHT}" y1="{baseline}" y2="{baseline}" '
               f'stroke="{INK}" stroke-width="1"/>')

    # X axis: a tick for every month, a label for as many as fit (always the first and last).
    for i in range(n):
        x = _fmt_attr(x_of(i))
        out.append(f'<line x1="{x}" x2="{x}" y1="{top + plot_h}" y2="{top + plot_h + 4}" '
                   f'stroke="{INK}" stroke-width="1"/>')
    for i in x_label_indices(x_labels, col_w):
        out.append(f'<text class="x-label" x="{_fmt_attr(x_of(i))}" y="{top + plot_h + 16}" '
                   f'font-size="{X_LABEL_SIZE}" text-anchor="middle" fill="{INK}">'
                   f'{escape(x_labels[i])}</text>')
    out.append(f'<text x="{LEFT + plot_w / 2:.0f}" y="{height - 6}" text-anchor="middle" '
               f'fill="{INK}">Month</text>')

    # Bars, grouped within each month.
    if bars:
        group_w = col_w * 0.72
        bar_w = group_w / len(bars)
        for b, series in enumerate(bars):
            colour = BAR_COLOURS[b % len(BAR_COLOURS)]
            for i, v in enumerate(series.values):
                if v is None:
                    continue
                x = x_of(i) - group_w / 2 + b * bar_w
                upper, lower = sorted((y_of(v), y_of(max(y_min, 0.0))))
                out.append(
                    f'<rect x="{_fmt_attr(x)}" y="{_fmt_attr(upper)}" '
                    f'width="{_fmt_attr(bar_w - 1)}" height="{_fmt_attr(lower - upper)}" '
                    f'fill="{colour}" stroke="{INK}" stroke-width="0.5">'
                    f'<title>{escape(series.label)}, {escape(x_labels[i])}: '
                    f'{escape(fmt(v))}</title></rect>'
                )

    # Target: a dashed step line (targets change with the financial year).
    if target is not None:
        for i, v in enumerate(target.values):
            if v is None:
                continue
            y = _fmt_attr(y_of(v))
            x1, x2 = _fmt_attr(LEFT + col_w * i), _fmt_attr(LEFT + col_w * (i + 1))
            out.append(
                f'<line x1="{x1}" x2="{x2}" y1="{y}" y2="{y}" stroke="{TARGET_COLOUR}" '
                f'stroke-width="2" stroke-dasharray="6 4"/>'
            )

    # Lines: broken at missing months, a marker at every figure.
    for s_index, series in enumerate(lines):
        colour = SERIES_COLOURS[s_index % len(SERIES_COLOURS)]
        dash = "" if s_index == 0 else ' stroke-dasharray="2 3"'
        segment: list[str] = []
        segments: list[list[str]] = []
        for i, v in enumerate(series.values):
            if v is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            segment.append(f"{_fmt_attr(x_of(i))},{_fmt_attr(y_of(v))}")
        if segment:
            segments.append(segment)
        for seg in segments:
            if len(seg) > 1:
                out.append(f'<polyline points="{" ".join(seg)}" fill="none" stroke="{colour}" '
                           f'stroke-width="2.5"{dash}/>')
        for i, v in enumerate(series.values):
            if v is None:
                continue
            hollow = i < len(series.incomplete) and series.incomplete[i]
            fill = "#ffffff" if hollow else colour
            x, y = x_of(i), y_of(v)
            tip = (f'<title>{escape(series.label)}, {escape(x_labels[i])}: {escape(fmt(v))}'
                   f'{" (incomplete history)" if hollow else ""}</title>')
            if s_index % 2 == 0:
                out.append(f'<circle cx="{_fmt_attr(x)}" cy="{_fmt_attr(y)}" r="4" fill="{fill}" '
                           f'stroke="{colour}" stroke-width="2">{tip}</circle>')
            else:
                out.append(f'<rect x="{_fmt_attr(x - 3.5)}" y="{_fmt_attr(y - 3.5)}" width="7" '
                           f'height="7" fill="{fill}" stroke="{colour}" stroke-width="2">'
                           f'{tip}</rect>')
        last = next((i for i in range(len(series.values) - 1, -1, -1)
                     if series.values[i] is not None), None)
        if last is not None and s_index == 0:
            value = series.values[last]
            assert value is not None
            text = fmt(value)
            half = text_width(text, END_LABEL_SIZE) / 2
            # Target lines under the label's span: the label keeps clear of them.
            near = [y_of(t) for i, t in enumerate(target.values if target else [])
                    if t is not None and LEFT + col_w * i < x_of(last) + half
                    and LEFT + col_w * (i + 1) > x_of(last) - half]
            baseline_y = end_label_baseline(y_of(value), near, top, top + plot_h)
            out.append(f'<text class="end-label" x="{_fmt_attr(x_of(last))}" '
                       f'y="{_fmt_attr(baseline_y)}" text-anchor="middle" font-weight="bold" '
                       f'fill="{INK}">{escape(text)}</text>')

    out.append(legend)
    out.append("</svg>")
    return "".join(out)


def text_width(text: str, size: float) -> float:
    """A generous estimate of a text's width in SVG units (see CHAR_EM)."""
    return len(text) * CHAR_EM * size


def x_label_indices(labels: Sequence[str], col_w: float) -> list[int]:
    """Which months get a label: every k-th from the first, and always the last.

    k is the smallest step at which neighbouring labels keep X_LABEL_GAP apart; a label that
    would crowd the last one is left out. Charts are drawn in SVG units and scale to their box,
    so the same labels fit at every size the report is shown or printed.
    """
    n = len(labels)
    if n == 0:
        return []
    need = max(text_width(label, X_LABEL_SIZE) for label in labels) + X_LABEL_GAP
    step = max(1, math.ceil(need / col_w)) if col_w > 0 else n
    chosen = [i for i in range(0, n - 1, step) if (n - 1 - i) * col_w >= need]
    return [*chosen, n - 1]


def end_label_baseline(point_y: float, target_ys: Sequence[float], plot_top: float,
                       plot_bottom: float) -> float:
    """Where the latest value's label sits: above its point, unless a target line runs there.

    The label's box is estimated generously from its font size (1 em above the baseline,
    0.3 em below: Chromium's box for DejaVu Sans Bold measures 0.93 and 0.28). The
    candidates, in order: above the point, below it, then just above or just below the nearest
    target line; the first whose box stays END_LABEL_CLEARANCE from every target line, clear of
    the point's marker and inside the plot wins (above the point when none does).
    """
    size = END_LABEL_SIZE
    ascent, descent, marker, tolerance = 1.0 * size, 0.3 * size, 6.0, 0.01

    def box(baseline: float) -> tuple[float, float]:
        return baseline - ascent, baseline + descent

    def clear(baseline: float) -> bool:
        top, bottom = box(baseline)
        return (top >= plot_top - ascent - tolerance and bottom <= plot_bottom + tolerance
                and (bottom <= point_y - marker + tolerance
                     or top >= point_y + marker - tolerance)
                and all(t <= top - END_LABEL_CLEARANCE or t >= bottom + END_LABEL_CLEARANCE
                        for t in target_ys))

    above = point_y - marker - descent
    candidates = [above, point_y + marker + ascent]
    for t in sorted(target_ys, key=lambda t: abs(t - point_y)):
        candidates += [t - END_LABEL_CLEARANCE - descent - 0.1,
                       t + END_LABEL_CLEARANCE + ascent + 0.1]
    return next((c for c in candidates if clear(c)), above)


LEGEND_ROW = 18


def _legend(lines: Sequence[Series], bars: Sequence[Series], target: Series | None,
            flagged: bool, chart_id: str, width: int = WIDTH) -> tuple[str, int]:
    """Swatches along the top, each with its name (colour is never the only key).

    Returns the markup and the number of rows: entries wrap when the chart is too narrow.
    """
    entries: list[tuple[str, str]] = []
    for b, series in enumerate(bars):
        entries.append((f'<rect x="0" y="-5" width="16" height="10" '
                        f'fill="{BAR_COLOURS[b % len(BAR_COLOURS)]}" stroke="{INK}" '
                        f'stroke-width="0.5"/>', series.label))
    for s, series in enumerate(lines):
        colour = SERIES_COLOURS[s % len(SERIES_COLOURS)]
        dash = "" if s == 0 else ' stroke-dasharray="2 3"'
        marker = ('<circle cx="8" cy="0" r="3.5"' if s % 2 == 0 else
                  '<rect x="4.5" y="-3.5" width="7" height="7"') + f' fill="{colour}"/>'
        entries.append((f'<line x1="0" x2="16" y1="0" y2="0" stroke="{colour}" '
                        f'stroke-width="2.5"{dash}/>{marker}', series.label))
    if target is not None:
        entries.append((f'<line x1="0" x2="16" y1="0" y2="0" stroke="{TARGET_COLOUR}" '
                        f'stroke-width="2" stroke-dasharray="6 4"/>', target.label))
    if flagged:
        entries.append((f'<rect x="0" y="-6" width="16" height="12" '
                        f'fill="url(#{chart_id}-hatch)" stroke="{GRID}"/>',
                        "Incomplete history"))
    items: list[str] = []
    x, row = float(LEFT), 0
    for swatch, label in entries:
        entry_w = 30 + 6.6 * len(label)
        if x + entry_w > width - RIGHT + 8 and x > LEFT:
            x, row = float(LEFT), row + 1
        items.append(f'<g transform="translate({_fmt_attr(x)} {14 + row * LEGEND_ROW})">'
                     f'{swatch}<text x="22" y="0" dy="0.32em" fill="{INK}">{escape(label)}'
                     f'</text></g>')
        x += entry_w
    return f'<g class="legend">{"".join(items)}</g>', row + 1


def sparkline(values: Sequence[float | None], incomplete: Sequence[bool], label: str,
              width: int = 110, height: int = 28) -> str:
    """A word-sized trend for the summary table; label is its text alternative.

    Same honesty rules as the full charts: gaps for missing months, hollow dots where the
    history is incomplete. The last figure gets a solid dot so the eye finds "now".
    """
    shown = [v for v in values if v is not None]
    parts = [f'<svg class="spark" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" role="img" aria-label="{escape(label)}" '
             f'xmlns="http://www.w3.org/2000/svg">']
    if shown:
        low, high = min(shown), max(shown)
        span = (high - low) or 1.0
        step = (width - 8) / max(len(values) - 1, 1)

        def xy(i: int, v: float) -> tuple[str, str]:
            return _fmt_attr(4 + step * i), _fmt_attr(height - 4 - (height - 8) * (v - low) / span)

        segment: list[str] = []
        for i, v in enumerate([*values, None]):
            if v is None:
                if len(segment) > 1:
                    parts.append(f'<polyline points="{" ".join(segment)}" fill="none" '
                                 f'stroke="{SERIES_COLOURS[0]}" stroke-width="1.5"/>')
                segment = []
                continue
            x, y = xy(i, v)
            segment.append(f"{x},{y}")
            if i < len(incomplete) and incomplete[i]:
                parts.append(f'<circle cx="{x}" cy="{y}" r="2" fill="#ffffff" '
                             f'stroke="{SERIES_COLOURS[0]}"/>')
        last, last_value = [(i, v) for i, v in enumerate(values) if v is not None][-1]
        x, y = xy(last, last_value)
        parts.append(f'<circle cx="{x}" cy="{y}" r="2.5" fill="{INK}"/>')
    parts.append("</svg>")
    return "".join(parts)
