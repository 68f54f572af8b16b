"""A new LA's first run: without its own population and targets the run summary and the report
say what is missing and how to add it; `csc reference init` writes templates that build as
written, and once the population is filled in the rates appear."""

from __future__ import annotations

import csv
import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest

from conftest import build, write_extract
from csc.cli import main as csc
from csc.months import financial_year
from csc.reference import kpi_ids
from csc.report import render_report
from csc.summary import run_summary_lines
from fixtures.kpi_extract import FILES, KPI_VARS

NEW_LA = {**KPI_VARS, "la_code": "208"}  # reports March to June 2019; the seeds hold LA 999 only


def summary_row(html: str, kpi_id: str) -> str:
    match = re.search(rf'<tr class="summary-row" data-kpi="{kpi_id}">.*?</tr>', html, re.S)
    assert match, f"no summary row for {kpi_id}"
    return match.group(0)


def text(fragment: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()


def read_csv(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


@pytest.mark.slow
def test_new_la_is_told_what_reference_data_is_missing(tmp_path: Path) -> None:
    extract = write_extract(tmp_path / "extract", FILES)
    wh = build(tmp_path, {"extract_dir": str(extract), **NEW_LA})
    assert wh.returncode == 0, wh.output[-4000:]
    assert wh.query("select count(*), count(value) from marts.kpi_values"
                    " where unit = 'rate_per_10k'") == [(12, 0)]  # 3 rate KPIs x 4 months

    lines = run_summary_lines(wh.db_path)
    at = lines.index("Missing reference data")
    assert lines[at + 1:] == [
        f"  No population for LA 208 in 2019: rates per 10,000 are blank (cla_rate,"
        f" cp_plans, eha_initiated). Add {extract}/reference/population_0_17.csv (la_code, year,"
        f" population: the ONS mid-year estimate of children aged 0-17);"
        f" `csc reference init --la-code 208 --extract {extract} --month 2019-06` writes a"
        f" template.",
        f"  No targets for LA 208 in 2018-19 and 2019-20: every RAG is blank. Add"
        f" {extract}/reference/kpi_targets.csv (la_code, kpi_id, financial_year, target_value,"
        f" target_count); `csc reference init --la-code 208 --extract {extract} --month"
        f" 2019-06` writes a template.",
        f"  No benchmarks for LA 208: the benchmark comparisons are blank. Add"
        f" {extract}/reference/kpi_benchmarks.csv (la_code, kpi_id, comparator, period, value);"
        f" `csc reference init --la-code 208 --extract {extract} --month 2019-06` writes a"
        f" template.",
    ]

    html = render_report(wh.db_path, "208", "2019-06")
    shown = text(html)
    assert "Reference data missing" in shown
    assert ("No population for LA 208 in 2019: rates per 10,000 are blank (cla_rate,"
            " cp_plans, eha_initiated). Add reference/population_0_17.csv beside LA 208's"
            " extract") in shown
    assert "No targets for LA 208 in 2018-19 and 2019-20: every RAG is blank." in shown
    assert str(extract) not in html  # the report names the file, not the analyst's folders
    # a blank rate is not "too few months": four months are reported
    assert "blank: no population" in summary_row(html, "cp_plans")
    assert "too few months" not in html


def test_reference_init_writes_templates_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    extract = write_extract(tmp_path / "extract", {
        "ssd_person.csv": FILES["ssd_person.csv"],
        "reference/commentary.csv": "la_code,kpi_id,month,commentary\n208,cp_plans,2019-06,Ours\n",
    })
    args = ["reference", "init", "--la-code", "208", "--extract", str(extract),
            "--month", "2019-06"]
    assert csc(args) == 0
    out = capsys.readouterr().out
    folder = extract / "reference"
    assert f"kept {folder / 'commentary.csv'}" in out
    assert read_csv(folder / "commentary.csv")[1] == ["208", "cp_plans", "2019-06", "Ours"]

    kpis = kpi_ids()
    assert read_csv(folder / "population_0_17.csv") == [
        ["la_code", "year", "population"], ["208", "2018", ""], ["208", "2019", ""]]
    targets = read_csv(folder / "kpi_targets.csv")
    assert targets[0] == ["la_code", "kpi_id", "financial_year", "target_value", "target_count"]
    assert targets[1:] == [["208", kpi, "2019-20", "", ""] for kpi in kpis]
    benchmarks = read_csv(folder / "kpi_benchmarks.csv")
    assert benchmarks[0] == ["la_code", "kpi_id", "comparator", "period", "value"]
    assert len(benchmarks) == 1 + 4 * len(kpis)
    assert {tuple(r[2:]) for r in benchmarks[1:]} == {
        (c, "2018-19", "") for c in
        ("la_previous_year", "statistical_neighbours", "region", "england")}

    # a second run writes nothing and says so
    (folder / "population_0_17.csv").write_text("la_code,year,population\n208,2019,9000\n")
    assert csc(args) == 1
    assert "nothing was written" in capsys.readouterr().err
    assert read_csv(folder / "population_0_17.csv")[1] == ["208", "2019", "9000"]


def test_reference_init_writes_into_the_la_folder_of_a_regional_extract(tmp_path: Path) -> None:
    extract = write_extract(tmp_path / "region", {
        "208/ssd_person.csv": FILES["ssd_person.csv"],
        "209/ssd_person.csv": FILES["ssd_person.csv"],
    })
    assert csc(["reference", "init", "--la-code", "209", "--extract", str(extract),
                "--month", "2020-02"]) == 0
    assert read_csv(extract / "209" / "reference" / "kpi_targets.csv")[1][:3] == [
        "209", "eha_initiated", "2019-20"]
    assert not (extract / "reference").exists()
    assert not (extract / "208" / "reference").exists()
    assert csc(["reference", "init", "--la-code", "210", "--extract", str(extract)]) != 0


@pytest.mark.parametrize(("month", "fy"), [("2019-03", "2018-19"), ("2019-04", "2019-20"),
                                           ("2020-01", "2019-20")])
def test_financial_year(month: str, fy: str) -> None:
    year, mon = (int(p) for p in month.split("-"))
    assert financial_year(date(year, mon, 1)) == fy


@pytest.mark.slow
def test_templates_build_as_written_and_a_filled_population_gives_rates(tmp_path: Path) -> None:
    extract = write_extract(tmp_path / "extract", FILES)
    assert csc(["reference", "init", "--la-code", "208", "--extract", str(extract),
                "--month", "2019-06"]) == 0
    # fill 2018 only: the blank 2019 row is no estimate, so 2019's months use 2018's
    (extract / "reference" / "population_0_17.csv").write_text(
        "la_code,year,population\n208,2018,10000\n208,2019,\n", encoding="utf-8")

    wh = build(tmp_path, {"extract_dir": str(extract), **NEW_LA})
    assert wh.returncode == 0, wh.output[-4000:]
    assert wh.query(
        "select numerator, denominator, value from marts.kpi_values"
        " where kpi_id = 'cp_plans' and month_end = '2019-06-30'") == [(2, 10000, 2.0)]
    assert wh.scalar("select count(*) from marts.kpi_values"
                     " where unit = 'rate_per_10k' and value is null") == 0
    # the blank targets, benchmarks and commentary of the templates change nothing
    assert wh.query("select count(target_value), count(benchmark_england), count(commentary)"
                    " from marts.scorecard") == [(0, 0, 0)]

    gaps = "\n".join(run_summary_lines(wh.db_path))
    assert "No population" not in gaps
    assert "No targets for LA 208 in 2018-19 and 2019-20" in gaps
    html = render_report(wh.db_path, "208", "2019-06")
    assert "No population" not in html and "No targets for LA 208" in text(html)
    assert "2.0" in text(summary_row(html, "cp_plans"))
