"""Benchmark and browser check of the regional report on a built regional warehouse.

    .venv/bin/csc generate --las 33 --children-per-la 60000 --from 2010-04 --to 2020-03 \\
        --seed 7 --out /tmp/region33
    ./bin/csc build --extract /tmp/region33 --db /tmp/region33.duckdb
    .venv/bin/python bench/regional.py --db /tmp/region33.duckdb --month 2020-03 \\
        --run-results target/run_results.json

Prints: the mart's dbt execution time (from the build's run_results.json), the regional
report's render time (best and worst of --repeat renders in this process, plus `csc report
--region` end to end as a fresh process), and the browser check: the page opened in headless
Chromium with the network refused, every LA in every KPI's table, every cell that
csc.disclosure hides reading "c", no bar for a hidden value. The top of the page is saved as
docs/regional-report-screenshot.png (--screenshot to change). Results: bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from csc import PROJECT_DIR
from csc.disclosure import MARKER, published_regional_rows
from csc.report.browser import Chromium
from csc.report.regional import render_regional_report

LA_FIGURES = ("headline_numerator", "headline_denominator", "headline_value", "rank_in_region",
              "quartile", "difference_to_region")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="a built regional warehouse")
    parser.add_argument("--month", required=True, help="YYYY-MM")
    parser.add_argument("--run-results", type=Path, help="the build's dbt run_results.json")
    parser.add_argument("--repeat", type=int, default=3, help="renders to time (default 3)")
    parser.add_argument("--screenshot", type=Path,
                        default=PROJECT_DIR / "docs" / "regional-report-screenshot.png")
    args = parser.parse_args(argv)

    if args.run_results:
        results = json.loads(args.run_results.read_text(encoding="utf-8"))
        for node in results["results"]:
            if node["unique_id"].startswith("model.csc_warehouse.regional"):
                print(f"dbt {node['unique_id'].split('.')[-1]}: "
                      f"{node['execution_time']:.2f} s")
        print(f"dbt build elapsed: {results['elapsed_time']:.1f} s")

    times = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        html = render_regional_report(args.db, args.month)
        times.append(time.perf_counter() - started)
    print(f"render_regional_report: best {min(times):.2f} s, worst {max(times):.2f} s, "
          f"{len(html.encode()) / 1024:.0f} KiB")
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "csc.cli", "report", "--region", "--month",
                        args.month, "--db", str(args.db), "--out", tmp], check=True)
        print(f"csc report --region (fresh process): {time.perf_counter() - started:.2f} s")

        page = Path(tmp) / "regional.html"
        page.write_text(html, encoding="utf-8")
        failures = check_in_browser(args.db, args.month, page, args.screenshot)
    for failure in failures:
        print("FAIL:", failure)
    print("browser check:", "passed" if not failures else "FAILED")
    return 1 if failures else 0


def check_in_browser(db: Path, month: str, page: Path, screenshot: Path) -> list[str]:
    """Open the page in Chromium; every LA and KPI present, every hidden cell reads 'c'."""
    month_end = (dt.date.fromisoformat(f"{month}-01") + dt.timedelta(days=32)).replace(day=1) \
        - dt.timedelta(days=1)
    with duckdb.connect(str(db), read_only=True) as con:
        kpis = [r[0] for r in con.execute("select kpi_id from marts.kpis order by sort_order")
                .fetchall()]
    rows = published_regional_rows(db, [month_end])
    las = sorted({r["la_code"] for r in rows})
    failures = []
    with Chromium(width=1200, height=900) as browser:
        load = browser.open(page.as_uri())
        if not load.loaded or load.console_errors or load.failed_requests \
                or load.requests != [page.as_uri()]:
            failures.append(f"page load: {load}")
        sections = browser.evaluate(
            "[...document.querySelectorAll('section.kpi')].map(s => s.dataset.kpi)")
        if sections != kpis:
            failures.append(f"KPI sections {sections} != {kpis}")
        tables = browser.evaluate(
            "Object.fromEntries([...document.querySelectorAll('table.la-table')].map(t => "
            "[t.dataset.kpi, [...t.querySelectorAll('tr.la-row')].map(r => [r.dataset.la, "
            "[...r.querySelectorAll('td')].map(c => c.textContent.trim())])]))")
        for kpi in kpis:
            got = {la: cells for la, cells in tables.get(kpi, [])}
            if sorted(got) != las:
                failures.append(f"{kpi}: LAs {sorted(got)}")
        hidden = 0
        for r in rows:
            cells = dict(zip(_columns(r), tables and dict(tables.get(r["kpi_id"], []))
                             .get(r["la_code"], []), strict=False))
            for column in _columns(r):
                if r[column] == MARKER:
                    hidden += 1
                    if cells.get(column) != MARKER:
                        failures.append(f"{r['kpi_id']} LA {r['la_code']} {column}: "
                                        f"{cells.get(column)!r} shown, should be suppressed")
        bars = browser.evaluate("document.querySelectorAll('svg.ranked rect').length")
        expected = sum(r["headline_value"] not in (None, MARKER) for r in rows)
        if bars != expected:
            failures.append(f"{bars} bars drawn, {expected} values shown")
        print(f"browser: {len(sections)} KPIs x {len(las)} LAs, {hidden} suppressed cells "
              f"checked, {bars} bars")
        browser.screenshot(screenshot, clip_height=2600)
        print(f"screenshot: {screenshot}")
    return failures


def _columns(row: dict) -> list[str]:
    """The table's figure columns for a row, in the order the template prints them."""
    cols = list(LA_FIGURES)
    if row["headline_unit"] == "count":
        cols.remove("headline_denominator")
    return cols


if __name__ == "__main__":
    raise SystemExit(main())
