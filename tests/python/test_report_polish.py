"""Chart details a reader trips over: month labels, the end label, which line is the headline,
and the PDF beside the HTML (on the hand-made warehouse of test_report.py; no dbt)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_report import make_warehouse, section, text

from csc.report import charts as ch
from csc.report import main, render_report
from csc.report.charts import Series, trend_chart, x_label_indices

MONTHS = ["Dec 18", "Jan 19", "Feb 19", "Mar 19", "Apr 19", "May 19", "Jun 19", "Jul 19",
          "Aug 19", "Sep 19", "Oct 19", "Nov 19", "Dec 19"]


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> str:
    return render_report(make_warehouse(tmp_path_factory.mktemp("polish") / "csc.duckdb"),
                         "999", "2019-12")


def x_labels(svg: str) -> list[tuple[float, str]]:
    return [(float(x), label) for x, label in
            re.findall(r'<text class="x-label" x="([^"]+)"[^>]*>([^<]+)</text>', svg)]


def chart(width: int, **kwargs) -> str:
    values = [50.0 + i for i in range(13)]
    return trend_chart(chart_id="c", title="T", x_labels=MONTHS, y_label="Percent",
                       fmt=lambda v: f"{v:.1f}%", lines=[Series("Month", values)],
                       width=width, **kwargs)


@pytest.mark.parametrize("width", [320, 400, 560, 800])
def test_month_labels_never_overlap_and_keep_the_first_and_last(width: int) -> None:
    labels = x_labels(chart(width))
    assert labels[0][1] == "Dec 18" and labels[-1][1] == "Dec 19"
    for (x1, a), (x2, b) in zip(labels, labels[1:], strict=False):
        half_widths = (ch.text_width(a, ch.X_LABEL_SIZE) + ch.text_width(b, ch.X_LABEL_SIZE)) / 2
        assert x2 - x1 >= half_widths + ch.X_LABEL_GAP, (width, a, b)
    # every month keeps its tick, labelled or not
    assert len(re.findall(r'<line x1="([^"]+)" x2="\1" y1="204" y2="208"', chart(width))) == 13


def test_labels_thin_only_as_much_as_the_width_needs() -> None:
    counts = {w: len(x_labels(chart(w))) for w in (320, 560, 1200)}
    assert counts == {320: 5, 560: 7, 1200: 13}  # every 3rd, every other month, all
    assert x_label_indices(MONTHS, 9.0) == [0, 5, 12]  # 10 would crowd the last: left out
    assert x_label_indices(MONTHS, 2.0) == [12]  # the latest month before anything else
    assert x_label_indices([], 30.0) == []


def end_label_and_target(svg: str) -> tuple[float, float, str]:
    label = re.search(r'<text class="end-label" x="[^"]+" y="([^"]+)"[^>]*>([^<]+)</text>', svg)
    target_y = re.findall(r'<line x1="[^"]+" x2="[^"]+" y1="([^"]+)" y2="[^"]+" '
                          r'stroke="#1f2933" stroke-width="2" stroke-dasharray="6 4"/>', svg)
    return float(label.group(1)), float(target_y[-2]), label.group(2)  # [-1] is the legend's


@pytest.mark.parametrize("target", [64.0, 65.0, 66.0, 68.0, 70.0, 58.0])
def test_end_label_keeps_clear_of_the_target_line(target: float) -> None:
    # the latest value is 62.0: a target just above it ran through the label
    svg = chart(560, target=Series("Target", [target] * 13))
    baseline, target_y, label = end_label_and_target(svg)
    assert label == "62.0%"
    top = baseline - 1.0 * ch.END_LABEL_SIZE
    bottom = baseline + 0.3 * ch.END_LABEL_SIZE
    distance = top - target_y if target_y < top else target_y - bottom
    assert distance >= ch.END_LABEL_CLEARANCE, (target, baseline, target_y)


def test_end_label_stays_above_its_point_when_nothing_is_in_the_way() -> None:
    baseline, target_y, _ = end_label_and_target(chart(560, target=Series("T", [20.0] * 13)))
    point_y = float(re.findall(r'<circle cx="[^"]+" cy="([^"]+)"', chart(560))[12])
    assert baseline < point_y and point_y - baseline == pytest.approx(9.6, abs=0.1)


def test_fytd_charts_say_which_line_is_the_month_and_which_the_headline(html: str) -> None:
    block = section(html, "re_referrals_12m")
    captions = [text(c) for c in re.findall(r'<figcaption class="chart-caption">(.*?)'
                                            r"</figcaption>", block, re.S)]
    assert captions == [
        "Solid line, dots and the end label: each month on its own (37.9% in Dec 19). "
        "Dotted line and squares: financial year to date, the headline figure (30.9%).",
        "Bars: each month on its own; the headline figure is the financial year to date.",
    ]
    # consistent with the data: the end label is the month's 37.9%, the headline is 30.9%
    trend = re.search(r'<svg[^>]*aria-labelledby="re_referrals_12m-trend-t.*?</svg>', block,
                      re.S).group(0)
    assert re.search(r'class="end-label"[^>]*>37.9%</text>', trend)
    assert '<span class="big">30.9%</span>' in block
    # the same for every FYTD KPI with a month line; none for a KPI whose headline is the month
    for kpi_id in ("assessments_45wd", "contacts_to_referral", "cp_plans_2y_ended"):
        assert "financial year to date" in text(section(html, kpi_id).split("chart-caption")[-1])
    assert "chart-caption" not in section(html, "cla_dental_checks")
    assert "the headline figure is the rolling 12 months" in section(html, "eha_initiated")


def test_report_pdf_option_says_when_chromium_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = make_warehouse(tmp_path / "csc.duckdb")
    monkeypatch.setattr("csc.report.browser.find_chromium", lambda: None)
    out = tmp_path / "r.html"
    code = main(["--la", "999", "--month", "2019-12", "--db", str(db), "--out", str(out),
                 "--pdf"])
    assert code == 1 and out.exists() and not out.with_suffix(".pdf").exists()
    assert "no PDF: chromium is not installed" in capsys.readouterr().err
    # a PDF needs a file beside the HTML: --out - is a usage error
    assert main(["--la", "999", "--month", "2019-12", "--db", str(db), "--out", "-",
                 "--pdf"]) == 64
