"""The region's view, end to end on a generated 5-LA extract with small populations (so that
small numbers, and their suppression, happen): marts.regional_comparison against the
scorecard, the regional report (csc report --region) with every LA and KPI and every
suppressed cell suppressed (also in headless Chromium), the LA report's position in the region,
and the region's publication."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from conftest import Warehouse, build
from csc import PROJECT_DIR
from csc.disclosure import MARKER, published_regional_rows
from csc.generator import main as generate_main
from csc.publish import _git_commit, _sha256
from csc.publish_region import write_region_folder
from csc.report import main as report_main
from csc.report import render_report
from csc.report.regional import render_regional_report

pytestmark = pytest.mark.slow

MONTH, MONTH_END = "2020-03", dt.date(2020, 3, 31)
LAS = ["801", "802", "803", "804", "805"]
ARTIFACTS = PROJECT_DIR / "test-artifacts" / "regional"


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    workdir = tmp_path_factory.mktemp("region")
    extract = workdir / "extract"
    assert generate_main(["--las", "5", "--children-per-la", "3000", "--from", "2017-04",
                          "--to", "2020-03", "--seed", "11", "--out", str(extract),
                          "--quiet"]) == 0
    wh = build(workdir, {"extract_dir": str(extract)},
               extra_args=("--exclude-resource-type", "unit_test"))
    assert wh.returncode == 0, wh.output[-3000:]
    return wh


def test_the_mart_has_every_scorecard_row_and_the_region_is_a_ratio_of_sums(region: Warehouse
                                                                            ) -> None:
    assert region.scalar("select count(*) from marts.regional_comparison") == \
        region.scalar("select count(*) from marts.scorecard")
    # every KPI-month: the region recomputed from the scorecard, for percentages
    off = region.scalar("""
        with s as (
            select kpi_id, month_end,
                   100.0 * sum(headline_numerator) / nullif(sum(headline_denominator), 0) as v
            from marts.scorecard where headline_unit = 'percent'
            group by kpi_id, month_end)
        select count(*) from s join marts.regional_comparison r using (kpi_id, month_end)
        where abs(coalesce(r.region_value, -1) - coalesce(s.v, -1)) > 1e-9""")
    assert off == 0
    ranks = region.query("""
        select max(rank_in_region), max(las_with_value) from marts.regional_comparison
        where kpi_id = 'cla_visits_on_time' and month_end = ?""", [MONTH_END])
    assert ranks == [(5, 5)]


def test_published_rows_suppress_every_small_number(region: Warehouse) -> None:
    rows = published_regional_rows(region.db_path, [MONTH_END])
    assert {r["la_code"] for r in rows} == set(LAS)
    suppressed = [r for r in rows if r["suppression"]]
    assert suppressed, "small populations should give small numbers to suppress"
    for r in rows:
        for column in ("headline_numerator", "headline_denominator"):
            v = r[column]
            if r["headline_unit"] == "rate_per_10k" and column == "headline_denominator":
                continue
            assert v == MARKER or v is None or not 1 <= v <= 5, (r["kpi_id"], r["la_code"])
    # a KPI-month never has exactly one hidden numerator while the region's is shown
    groups: dict[str, list] = {}
    for r in rows:
        if r["headline_unit"] == "count" or r["headline_denominator"] is not None:
            groups.setdefault(r["kpi_id"], []).append(r)
    for kpi, group in groups.items():
        hidden = sum(r["headline_numerator"] == MARKER for r in group)
        assert hidden != 1 or group[0]["region_numerator"] == MARKER, kpi


def test_regional_report_has_every_la_and_kpi_and_no_small_number(region: Warehouse,
                                                                  tmp_path: Path) -> None:
    started = time.perf_counter()
    assert report_main(["--region", "--month", MONTH, "--db", str(region.db_path),
                        "--out", str(tmp_path)]) == 0
    assert time.perf_counter() - started < 5
    html = (tmp_path / f"regional-report-{MONTH}.html").read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html.replace(
        "http://www.w3.org/2000/svg", "") and "https://" not in html
    kpis = [r[0] for r in region.query("select kpi_id from marts.kpis order by sort_order")]
    assert re.findall(r'<section class="kpi" id="kpi-([a-z0-9_]+)"', html) == kpis
    for la in LAS:
        assert html.count(f'<tr class="la-row" data-la="{la}">') == len(kpis)
    # each table cell that the published rows hide reads the marker
    rows = published_regional_rows(region.db_path, [MONTH_END])
    n_hidden = sum(r[c] == MARKER for r in rows for c in (
        "headline_numerator", "headline_denominator", "headline_value", "rank_in_region",
        "quartile", "difference_to_region")
        if not (c == "headline_denominator" and r["headline_unit"] == "count"))
    assert html.count('class="num suppressed-cell">c</td>') >= n_hidden > 0


def test_la_report_shows_its_place_in_the_region(region: Warehouse) -> None:
    html = render_report(region.db_path, "801", MONTH)
    assert html.count('class="facts region-position"') == \
        region.scalar("select count(*) from marts.regional_comparison "
                      "where la_code = '801' and month_end = ?", [MONTH_END])
    rank, n = region.query("select rank_in_region, las_with_value from "
                           "marts.regional_comparison where la_code = '801' and "
                           "kpi_id = 'cla_visits_on_time' and month_end = ?", [MONTH_END])[0]
    assert f"<dd>{rank} of {n}</dd>" in html


def test_region_publication_is_suppressed(region: Warehouse, tmp_path: Path) -> None:
    folder = tmp_path / "region" / MONTH
    write_region_folder(folder, db_path=region.db_path, month=MONTH, month_end=MONTH_END,
                        extract_label="generated", sha256=_sha256, git=_git_commit())
    csv = pd.read_csv(folder / "regional_comparison.csv", dtype=str)
    parquet = pd.read_parquet(folder / "regional_comparison.parquet")
    assert len(csv) == len(parquet) == region.scalar(
        "select count(*) from marts.regional_comparison where month_end = ?", [MONTH_END])
    assert (csv["headline_numerator"] == "c").sum() > 0
    assert (parquet["headline_numerator"] == "c").sum() == (csv["headline_numerator"] == "c").sum()
    small = csv[csv["headline_numerator"].isin([str(i) for i in range(1, 6)])]
    assert small.empty
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["disclosure_control"]["threshold"] == 5
    assert manifest["region"] == LAS


@pytest.fixture(scope="module")
def browser() -> Iterator:
    from csc.report.browser import Chromium, find_chromium

    found = find_chromium()
    if not found:
        pytest.skip("headless Chromium is not installed (see test_report_browser.py)")
    with Chromium(found, width=1200, height=900) as chromium:
        yield chromium


@pytest.mark.browser
def test_regional_report_in_chromium(region: Warehouse, browser) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = ARTIFACTS / f"regional-report-{MONTH}.html"
    page.write_text(render_regional_report(region.db_path, MONTH), encoding="utf-8")
    load = browser.open(page.as_uri())
    assert load.loaded and load.console_errors == [] and load.failed_requests == []
    assert load.requests == [page.as_uri()]
    kpis = [r[0] for r in region.query("select kpi_id from marts.kpis order by sort_order")]
    assert browser.evaluate(
        "[...document.querySelectorAll('section.kpi')].map(s => s.dataset.kpi)") == kpis
    shown = browser.evaluate(
        "[...document.querySelectorAll('section.kpi')].map(s => [...s.querySelectorAll("
        "'tr.la-row')].map(r => r.dataset.la).sort().join(','))")
    assert shown == [",".join(LAS)] * len(kpis)
    # every suppressed cell reads the marker and is drawn at a real size; no bar for a hidden LA
    cells = browser.evaluate(
        "[...document.querySelectorAll('td.suppressed-cell')].map(c => [c.textContent.trim(),"
        " c.getBoundingClientRect().width > 0])")
    assert cells and all(text == "c" and visible for text, visible in cells)
    rows = published_regional_rows(region.db_path, [MONTH_END])
    hidden_values = sum(r["headline_value"] == MARKER for r in rows)
    bars = browser.evaluate("document.querySelectorAll('svg.ranked rect').length")
    with_value = sum(r["headline_value"] not in (None, MARKER) for r in rows)
    assert bars == with_value and hidden_values > 0
    charts = browser.evaluate("[...document.querySelectorAll('svg.ranked')].map(s => "
                              "s.getBoundingClientRect().width)")
    assert len(charts) == len(kpis) and all(w > 300 for w in charts)
    browser.screenshot(ARTIFACTS / f"regional-report-{MONTH}.png", full_page=True)


def test_a_single_la_report_has_no_region_section(demo_warehouse: Warehouse) -> None:
    """The demo warehouse holds one LA: its report carries no position in a region."""
    html = render_report(demo_warehouse.db_path, "999", "2019-12")
    assert "region-position" not in html
    assert demo_warehouse.scalar("select count(distinct la_code) from "
                                 "marts.regional_comparison") == 1


def test_publish_month_writes_the_region_beside_the_las(region: Warehouse, tmp_path: Path
                                                        ) -> None:
    from csc.gate import run_gate
    from csc.publish import publish_month

    gate = run_gate(region.db_path, MONTH)
    assert gate.passed, gate.failures
    out = tmp_path / "publish"
    folders = publish_month(region.db_path, MONTH, gate, out, "generated",
                            render_report=lambda db, la, month: f"<html>{la}</html>")
    assert folders == [*(out / la / MONTH for la in LAS), out / "region" / MONTH]
    assert sorted(p.name for p in (out / "region").iterdir()) == [MONTH]  # no temp folder
    assert {p.name for p in (out / "region" / MONTH).iterdir()} == {
        "regional_comparison.csv", "regional_comparison.parquet", "regional-report.html",
        "manifest.json"}
