"""End to end: the demo month's report opened in a real headless Chromium, network refused.

Chromium is Debian's package, installed here when missing (no test tool that downloads its
own browser). Artefacts (the HTML, a full-page screenshot and the A4 PDF print) go to
test-artifacts/report/, which git ignores.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_report import make_warehouse

from csc import PROJECT_DIR
from csc.gate import run_gate
from csc.publish import publish_month
from csc.report import main as report_main
from csc.report import render_report
from csc.report.browser import Chromium, find_chromium
from fixtures.sample_warehouse import changed_copy

pytestmark = pytest.mark.browser

ARTIFACTS = PROJECT_DIR / "test-artifacts" / "report"


@pytest.fixture(scope="session")
def chromium_binary() -> str:
    """Debian's chromium, installed with apt-get when missing; skip only if that fails."""
    found = find_chromium()
    if found:
        return found
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    proc = subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "chromium"],
                          env=env, capture_output=True, text=True, check=False)
    found = find_chromium()
    if not found:
        pytest.skip("headless Chromium is not installed and `apt-get install -y chromium` "
                    f"failed (exit {proc.returncode}): {proc.stderr.strip()[-300:]}")
    return found


@pytest.fixture(scope="module")
def browser(chromium_binary: str) -> Iterator[Chromium]:
    with Chromium(chromium_binary, width=1200, height=900) as chromium:
        yield chromium


def test_network_is_refused_and_failed_requests_are_caught(browser: Chromium,
                                                          tmp_path: Path) -> None:
    """The harness itself: a page that reaches out is caught, so a clean report means clean."""
    page = tmp_path / "reaches-out.html"
    page.write_text('<!DOCTYPE html><html lang="en"><title>x</title>'
                    '<img src="http://example.com/pixel.png" alt="">'
                    "<script>console.error('boom')</script></html>", encoding="utf-8")
    load = browser.open(page.as_uri())
    assert load.loaded
    assert any("example.com" in url for url in load.requests)
    assert load.failed_requests, "a request to the internet did not fail"
    assert any("boom" in message for message in load.console_errors)


def test_demo_report_loads_cleanly_with_every_kpi_section(demo_warehouse, browser: Chromium
                                                          ) -> None:
    catalogue = [row[0] for row in demo_warehouse.query(
        "select kpi_id from marts.kpis order by sort_order")]
    started = time.perf_counter()
    html = render_report(demo_warehouse.db_path, "999", "2019-12")
    render_seconds = time.perf_counter() - started
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report = ARTIFACTS / "report-999-2019-12.html"
    report.write_text(html, encoding="utf-8")

    load = browser.open(report.as_uri())
    assert load.loaded
    assert load.console_errors == []
    assert load.failed_requests == []
    assert load.requests == [report.as_uri()]  # the file itself, nothing else

    sections = browser.evaluate(
        "[...document.querySelectorAll('section.kpi')].map(s => s.dataset.kpi)")
    assert sections == catalogue
    headings = browser.evaluate(
        "[...document.querySelectorAll('section.kpi h2')].map(h => h.getBoundingClientRect()"
        ".height > 0 && h.textContent.trim().length > 0)")
    assert headings == [True] * len(catalogue)
    assert browser.evaluate("document.querySelectorAll('tr.summary-row').length") == \
        len(catalogue)
    # Every chart drew at a real size, with its accessible name.
    charts = browser.evaluate(
        "[...document.querySelectorAll('svg.chart')].map(s => [s.getBoundingClientRect().width,"
        " s.querySelector('title').textContent])")
    assert charts and all(width > 300 and title for width, title in charts)

    screenshot = browser.screenshot(ARTIFACTS / "report-999-2019-12.png", full_page=True)
    pdf = browser.print_pdf(ARTIFACTS / "report-999-2019-12.pdf")
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pdf_bytes = pdf.read_bytes()
    assert pdf_bytes[:5] == b"%PDF-"
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf_bytes))
    assert pages >= 1 + len(catalogue), "each KPI should start on its own A4 page"
    (ARTIFACTS / "timing.txt").write_text(
        f"render_report: {render_seconds:.3f} s\nhtml bytes: {len(html.encode())}\n"
        f"pdf pages: {pages}\n", encoding="utf-8")


#: Per chart, measured by the browser in SVG units: the tightest gap between neighbouring month
#: labels, and the end label's distance from any target line segment under it (null: none).
MEASURE_CHARTS = r"""
[...document.querySelectorAll('svg.chart')].map(svg => {
  const boxes = [...svg.querySelectorAll('text.x-label')].map(t => t.getBBox())
    .sort((a, b) => a.x - b.x);
  let gap = Infinity;
  for (let i = 1; i < boxes.length; i++)
    gap = Math.min(gap, boxes[i].x - (boxes[i - 1].x + boxes[i - 1].width));
  const end = svg.querySelector('text.end-label');
  let clearance = null;
  if (end) {
    const b = end.getBBox();
    for (const line of svg.querySelectorAll('line[stroke-dasharray="6 4"]')) {
      if (line.closest('.legend')) continue;
      const x1 = +line.getAttribute('x1'), x2 = +line.getAttribute('x2');
      const y = +line.getAttribute('y1');
      if (x2 < b.x || x1 > b.x + b.width) continue;
      const d = y < b.y ? b.y - y : y > b.y + b.height ? y - b.y - b.height : -1;
      clearance = clearance === null ? d : Math.min(clearance, d);
    }
  }
  return [svg.getAttribute('aria-labelledby').split(' ')[0], boxes.length, gap, clearance];
})
"""


def test_demo_charts_month_labels_never_touch_and_end_labels_clear_the_target(
    demo_warehouse, browser: Chromium
) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report = ARTIFACTS / "report-999-2019-12-charts.html"
    report.write_text(render_report(demo_warehouse.db_path, "999", "2019-12"), encoding="utf-8")
    assert browser.open(report.as_uri()).loaded
    measured = browser.evaluate(MEASURE_CHARTS)
    assert len(measured) == 26  # two charts for each of 13 KPIs
    for chart_id, n_labels, gap, clearance in measured:
        assert n_labels >= 2 and gap >= 2, (chart_id, n_labels, gap)  # in the browser's font
        assert clearance is None or clearance >= 3, (chart_id, clearance)
    assert any(clearance is not None for *_, clearance in measured)


def test_validation_page_renders_offline_with_every_suite_and_expectation(
    sample_warehouse, browser: Chromium, tmp_path: Path
) -> None:
    # over 100% and over the plausible band: 2 fail
    db = changed_copy(sample_warehouse.db_path, tmp_path, [
        "update marts.kpi_values set value = 100.4 where la_code = '999' and kpi_id = "
        "'cla_visits_on_time' and month_end = date '2019-12-31'"])
    gate = run_gate(db, "2019-12")
    assert gate.n_failed == 2 and gate.page_path is not None
    load = browser.open(gate.page_path.as_uri())
    assert load.loaded and load.console_errors == [] and load.failed_requests == []
    assert load.requests == [gate.page_path.as_uri()]  # the file itself, nothing else
    suites = browser.evaluate("[...document.querySelectorAll('section.suite')]"
                              ".map(s => s.dataset.suite)")
    assert suites == [s["suite_name"] for s in gate.results["suites"]]
    results = browser.evaluate("[...document.querySelectorAll('tr.expectation')]"
                               ".map(r => r.dataset.result)")
    assert len(results) == gate.n_expectations == 31 and results.count("fail") == 2
    failed = browser.evaluate("[...document.querySelectorAll('tr[data-result=fail]')]"
                              ".map(r => r.innerText).join(' | ')")
    assert "Percentages are not above 100." in failed and "LA 999 cla_visits_on_time" in failed
    assert browser.evaluate("document.getElementById('verdict').getBoundingClientRect()"
                            ".height") > 0


def test_report_pdf_from_the_command_and_in_the_publication(
    sample_warehouse, chromium_binary: str, tmp_path: Path
) -> None:
    db = make_warehouse(tmp_path / "report.duckdb")
    out = tmp_path / "report.html"
    assert report_main(["--la", "999", "--month", "2019-12", "--db", str(db),
                        "--out", str(out), "--pdf"]) == 0
    pdf = out.with_suffix(".pdf").read_bytes()
    assert pdf[:5] == b"%PDF-"
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 1 + 10  # summary, then a page per KPI

    sample = sample_warehouse.db_path
    gate = run_gate(sample, "2019-12", workspace=tmp_path / "gate")
    folders = publish_month(sample, "2019-12", gate, tmp_path / "publish",
                            render_report=lambda *_: out.read_text(encoding="utf-8"))
    folder = tmp_path / "publish" / "999" / "2019-12"
    assert folder in folders  # beside 208's and the region's: the sample is a regional run
    manifest = json.loads((folder / "manifest.json").read_text())
    assert (folder / "report.pdf").read_bytes()[:5] == b"%PDF-"
    assert manifest["files"]["report.pdf"]["sha256"] == hashlib.sha256(
        (folder / "report.pdf").read_bytes()).hexdigest()
    assert manifest["notes"] == []
