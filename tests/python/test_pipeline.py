"""`csc run`: build, gate and publish in sequence; a broken extract publishes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from conftest import write_extract
from csc.cli import main as csc
from fixtures.kpi_extract import FILES, KPI_VARS

pytestmark = pytest.mark.slow


def run(tmp_path: Path, files: dict[str, str], *extra: str) -> tuple[int, Path]:
    extract = write_extract(tmp_path / "extract", files)
    publish = tmp_path / "publish"
    code = csc([
        "run", "--extract", str(extract), "--la-code", KPI_VARS["la_code"],
        "--extract-start", KPI_VARS["extract_start"], "--extract-date", KPI_VARS["extract_date"],
        "--db", str(tmp_path / "warehouse" / "csc.duckdb"), "--out", str(publish), *extra,
    ])
    return code, publish


def test_run_builds_gates_and_publishes(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    code, publish = run(tmp_path, FILES, "--month", "2019-05")
    out = capsys.readouterr().out
    assert code == 0, out[-3000:]
    folder = publish / "999" / "2019-05"
    assert {p.name for p in folder.iterdir()} >= {
        "scorecard.csv", "kpi_values.csv", "manifest.json", "validation_results.json",
        "report.html", "kpi_values_history.parquet", "scorecard.xlsx", "validation.html",
    }
    assert "Scorecard for LA 999, month ending 2019-05-31" in out
    assert "0 failed; published 2019-05" in out
    # one run, one extract date: the gate checks dates against --extract-date, as staging did
    with duckdb.connect(str(tmp_path / "warehouse" / "csc.duckdb"), read_only=True) as con:
        assert con.execute("select extract_date from data_quality.dq_run_settings").fetchall() \
            == [(dt.date.fromisoformat(KPI_VARS["extract_date"]),)]
        dates = con.execute("select * from data_quality.dq_gate__extract_dates").fetchdf()
    windows = set(dates["detail"].str.extract(r"window (.*)$")[0])
    assert windows == {"1990-01-01..2019-06-30", "..2019-06-30"}, windows


def test_over_threshold_quarantine_stops_at_the_gate(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    # three of the seven contacts are dated before 1990 and quarantined: far over the 1% share
    bad = FILES["ssd_contacts.csv"].replace("2019-04-15", "1989-04-15").replace(
        "2019-05-02", "1989-05-02").replace("2019-03-10", "1989-03-10")
    code, publish = run(tmp_path, {**FILES, "ssd_contacts.csv": bad})
    out = capsys.readouterr().out
    assert code == 2
    assert "quality gate refused 2019-06" in out
    assert "ssd_contacts" in out and "Nothing was published." in out
    assert not publish.exists()


def test_broken_extract_stops_at_the_build(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    broken = FILES["ssd_cp_plans.csv"].replace("cppl_cp_plan_start_date", "cppl_start")
    code, publish = run(tmp_path, {**FILES, "ssd_cp_plans.csv": broken})
    out = capsys.readouterr().out
    assert code == 1
    assert "dbt build failed" in out and "Nothing was checked or published." in out
    assert not publish.exists()
