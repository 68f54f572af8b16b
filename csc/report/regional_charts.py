"""The regional report's two charts, as inline SVG like the LA report's (csc.report.charts).

A ranked bar chart (every LA of the month, best first, the region's value and the median
marked) and small multiples (one small 13-month line per LA, on one scale, with the region's
line behind each). A suppressed figure is never drawn: its LA is listed under the bars with the
marker, and its month is a gap in the small line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from csc.report.charts import GRID, INK, SERIES_COLOURS, _fmt_attr, _tick_text, nice_scale

BAR_COLOUR = "#56b4e9"
REGION_COLOUR = "#d55e00"
MEDIAN_COLOUR = "#1f2933"


@dataclass
class Bar:
    """One LA in the ranked chart: its label, value (None: no bar) and the text beside it."""

    label: str
    value: float | None
    text: str


def ranked_bars(*, chart_id: str, title: str, description: str, bars: Sequence[Bar],
                region: float | None, region_text: str, median: float | None,
                median_text: str, fmt_tick: str = "", width: int = 520) -> str:
    """Horizontal bars, one row per LA in the given order (best first); rows without a value
    carry only their text. The region's value is a solid vertical line, the median a dotted
    one, each named in the legend (colour is never the only key)."""
    row_h, top, left, right, bottom = 13, 30, 44, 64, 26
    height = top + row_h * len(bars) + bottom
    plot_w = width - left - right
    every = [b.value for b in bars if b.value is not None]
    every += [v for v in (region, median) if v is not None]
    low, high, step = nice_scale(min(every, default=0.0), max(every, default=1.0))

    def x_of(v: float) -> float:
        return left + plot_w * (v - low) / (high - low)

    out = [f'<svg class="chart ranked" viewBox="0 0 {width} {height}" role="img" '
           f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg" '
           f'font-family="inherit" font-size="10">',
           f'<title id="{chart_id}-t">{escape(title)}</title>',
           f'<desc id="{chart_id}-d">{escape(description)}</desc>']
    tick = low
    while tick <= high + step / 1000:
        x = _fmt_attr(x_of(tick))
        out.append(f'<line x1="{x}" x2="{x}" y1="{top - 4}" y2="{height - bottom}" '
                   f'stroke="{GRID}"/>')
        out.append(f'<text x="{x}" y="{height - bottom + 12}" text-anchor="middle" '
                   f'fill="{INK}">{_tick_text(tick, step)}{escape(fmt_tick)}</text>')
        tick += step
    zero = x_of(max(low, 0.0))
    for i, bar in enumerate(bars):
        y = top + row_h * i
        out.append(f'<text x="{left - 4}" y="{_fmt_attr(y + row_h / 2)}" dy="0.32em" '
                   f'text-anchor="end" fill="{INK}">{escape(bar.label)}</text>')
        if bar.value is None:
            out.append(f'<text class="bar-text suppressed-bar" x="{_fmt_attr(zero + 3)}" '
                       f'y="{_fmt_attr(y + row_h / 2)}" dy="0.32em" fill="{INK}">'
                       f'{escape(bar.text)}</text>')
            continue
        x0, x1 = sorted((zero, x_of(bar.value)))
        out.append(f'<rect x="{_fmt_attr(x0)}" y="{_fmt_attr(y + 1.5)}" '
                   f'width="{_fmt_attr(max(x1 - x0, 0.5))}" height="{row_h - 3}" '
                   f'fill="{BAR_COLOUR}" stroke="{INK}" stroke-width="0.4">'
                   f'<title>{escape(bar.label)}: {escape(bar.text)}</title></rect>')
        out.append(f'<text class="bar-text" x="{_fmt_attr(x1 + 3)}" '
                   f'y="{_fmt_attr(y + row_h / 2)}" dy="0.32em" fill="{INK}">'
                   f'{escape(bar.text)}</text>')
    legend = []
    for value, text, colour, dash, name in (
            (region, region_text, REGION_COLOUR, "", "Region"),
            (median, median_text, MEDIAN_COLOUR, ' stroke-dasharray="2 2"', "Median")):
        if value is None:
            continue
        x = _fmt_attr(x_of(value))
        out.append(f'<line class="{name.lower()}-line" x1="{x}" x2="{x}" y1="{top - 4}" '
                   f'y2="{height - bottom}" stroke="{colour}" stroke-width="2"{dash}>'
                   f'<title>{name}: {escape(text)}</title></line>')
        legend.append((colour, dash, f"{name} {text}"))
    x = float(left)
    for colour, dash, text in legend:
        out.append(f'<g transform="translate({_fmt_attr(x)} 12)"><line x1="0" x2="16" y1="0" '
                   f'y2="0" stroke="{colour}" stroke-width="2"{dash}/><text x="20" y="0" '
                   f'dy="0.32em" fill="{INK}">{escape(text)}</text></g>')
        x += 40 + 6 * len(text)
    out.append("</svg>")
    return "".join(out)


def small_multiples(*, chart_id: str, panels: Sequence[tuple[str, Sequence[float | None]]],
                    region: Sequence[float | None], fmt: Callable[[float], str],
                    first_label: str, last_label: str) -> list[str]:
    """One small SVG per LA: its 13 months as a line (gaps where there is no figure or it is
    suppressed), the region's line in grey behind it, all panels on the same scale so that
    heights compare. Each panel's title says first and last figures in words."""
    width, height, pad = 120, 46, 3
    every = [v for _, values in panels for v in values if v is not None]
    every += [v for v in region if v is not None]
    low, high = (min(every), max(every)) if every else (0.0, 1.0)
    if high == low:
        high = low + 1
    n = max((len(v) for _, v in panels), default=1)
    step = (width - 2 * pad) / max(n - 1, 1)

    def xy(i: int, v: float) -> str:
        y = height - pad - (height - 2 * pad) * (v - low) / (high - low)
        return f"{_fmt_attr(pad + step * i)},{_fmt_attr(y)}"

    def polylines(values: Sequence[float | None], colour: str, stroke: float) -> list[str]:
        parts, segment = [], []
        for i, v in enumerate([*values, None]):
            if v is None:
                if len(segment) > 1:
                    parts.append(f'<polyline points="{" ".join(segment)}" fill="none" '
                                 f'stroke="{colour}" stroke-width="{stroke}"/>')
                elif len(segment) == 1:
                    x, y = segment[0].split(",")
                    parts.append(f'<circle cx="{x}" cy="{y}" r="1.6" fill="{colour}"/>')
                segment = []
                continue
            segment.append(xy(i, v))
        return parts

    region_lines = "".join(polylines(region, "#b8c4ce", 1.5))
    out = []
    for index, (label, values) in enumerate(panels):
        shown = [v for v in values if v is not None]
        words = (f"{label}: {fmt(shown[0])} in {first_label}" if values[0] is not None
                 else f"{label}: no figure shown in {first_label}")
        words += (f", {fmt(values[-1])} in {last_label}" if values[-1] is not None
                  else f", no figure shown in {last_label}")
        gaps = sum(v is None for v in values)
        if gaps:
            words += f"; {gaps} month(s) blank (no figure or suppressed)"
        out.append(
            f'<svg class="multiple" viewBox="0 0 {width} {height}" role="img" '
            f'aria-labelledby="{chart_id}-{index}" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{chart_id}-{index}">{escape(words)}</title>'
            f'<rect x="0.5" y="0.5" width="{width - 1}" height="{height - 1}" fill="none" '
            f'stroke="{GRID}"/>{region_lines}{"".join(polylines(values, SERIES_COLOURS[0], 1.8))}'
            f'</svg>')
    return out
