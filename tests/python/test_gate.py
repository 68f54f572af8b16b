"""The quality gate: a known-good warehouse passes, every known break fails by name.

The warehouse is the sample one, built once by dbt from a tiny extract of two LAs
(fixtures.sample_warehouse; LA 208 without its early help file); each break is one or two SQL
statements against a copy's built tables. All breaks go into one warehouse and one gate run,
and each must show up as its own named failure, so the test stays fast and proves no suite
passes vacuously.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from conftest import Warehouse
from csc.gate import GateResult, main, run_gate
from csc.gate.config import GX_PROJECT_DIR, load_config
from csc.gate.frames import FRAME_NAMES, build_frames
from fixtures.sample_warehouse import changed_copy

# name -> (SQL that breaks one thing in LA 999, substrings the failure line must contain).
# Staged data is broken in the base tables (staging.base_ssd__*) that the stg_ssd__* views read.
BREAKS: dict[str, tuple[list[str], list[str]]] = {
    "quarantine_over_threshold": (
        # the extract's 3 contacts stay staged: 4 read = 3 staged + 1 quarantined
        ["""update data_quality.dq_table_reconciliation set raw_rows = 4, quarantined_rows = 1
            where la_code = '999' and table_name = 'ssd_contacts'"""],
        ["extract_tables", "expect_column_values_to_be_between(quarantine_share",
         "LA 999 ssd_contacts", "quarantine_share=0.25"]),
    "present_table_empty": (
        ["""update data_quality.dq_table_reconciliation set raw_rows = 0, staged_rows = 0
            where la_code = '999' and table_name = 'ssd_cla_placement'""",
         "delete from staging.base_ssd__cla_placement where la_code = '999'"],
        ["extract_tables", "staged_rows", "where is_present == True",
         "LA 999 ssd_cla_placement", "staged_rows=0"]),
    "required_value_null": (
        ["update staging.base_ssd__cp_visits set cppv_person_id = null "
         "where la_code = '999' and cppv_cp_visit_id = 'V1'"],
        ["extract_columns", "null_rows", "LA 999 ssd_cp_visits.person_id", "null_rows=1"]),
    "date_before_window": (
        ["update staging.base_ssd__cla_visits set clav_cla_visit_date = date '1985-06-01' "
         "where la_code = '999' and clav_cla_visit_id = 'CV2'"],
        ["extract_dates", "rows_before_window", "LA 999 ssd_cla_visits.visit_date",
         "rows_before_window=1", "dates 1985-06-01"]),
    "date_after_extract_date": (
        ["update staging.base_ssd__cla_health set clah_health_check_date = date '2099-01-01' "
         "where la_code = '999' and clah_health_check_id = 'H3'"],
        ["extract_dates", "rows_after_window", "LA 999 ssd_cla_health.health_check_date",
         "rows_after_window=1"]),
    "unknown_codes_over_threshold": (
        ["""insert into data_quality.dq_value_issues
            values ('999', 'ssd_legal_status', 'lega_legal_status', 'unknown_code', 1)"""],
        # the extract's 3 legal statuses
        ["extract_codes", "unknown_code_share", "LA 999 ssd_legal_status",
         "lega_legal_status: 1 of 3 rows"]),
    "kpi_month_missing": (
        ["delete from marts.kpi_values where la_code = '999' and kpi_id = 'cp_plans_2y_ended' "
         "and period_type = 'fytd' and month_end = date '2019-06-30'"],
        ["kpi_values_series", "missing_months", "LA 999 cp_plans_2y_ended/fytd",
         "missing_months=1", "missing 2019-06"]),
    "percentage_over_100": (
        ["update marts.kpi_values set value = 104.5 where la_code = '999' "
         "and kpi_id = 'cla_dental_checks' and month_end = date '2019-12-31'"],
        ["kpi_values_series", "expect_column_values_to_be_between(max_value, max 100",
         "LA 999 cla_dental_checks/snapshot", "max_value=104.5", "in 2019-12"]),
    "numerator_over_denominator": (
        ["update marts.kpi_values set numerator = 11 where la_code = '999' "
         "and kpi_id = 'contacts_to_referral' and period_type = 'month' "
         "and month_end = date '2019-03-31'"],
        ["kpi_values_series", "numerator_over_denominator_rows",
         "LA 999 contacts_to_referral/month", "numerator_over_denominator_rows=1"]),
    "rate_outside_plausible_band": (
        ["update marts.kpi_values set value = 900 where la_code = '999' "
         "and kpi_id = 'cp_plans' and month_end = date '2019-02-28'"],
        ["kpi_values_series", "plausible_max >= max_value", "LA 999 cp_plans/snapshot",
         "max_value=900"]),
    "kpi_missing_with_inputs_present": (
        ["delete from marts.kpi_values where la_code = '999' and kpi_id = 're_referrals_12m'"],
        ["kpi_values_coverage", "status", "LA 999 re_referrals_12m", "status=missing"]),
    "kpi_period_type_missing": (
        ["delete from marts.kpi_values where la_code = '999' and kpi_id = 'assessments_45wd' "
         "and period_type = 'fytd'"],
        ["kpi_values_coverage", "LA 999 assessments_45wd", "status=incomplete"]),
    "scorecard_row_missing": (
        ["delete from marts.scorecard where la_code = '999' and kpi_id = 'cla_visits_on_time' "
         "and month_end = date '2019-12-31'"],
        ["scorecard_coverage", "LA 999 cla_visits_on_time", "status=missing_from_scorecard"]),
    "rag_invalid": (
        ["update marts.scorecard set rag = 'purple' where la_code = '999' "
         "and kpi_id = 'eha_initiated' and month_end = date '2019-12-31'"],
        ["scorecard_rows", "expect_column_values_to_be_in_set(rag", "LA 999 eha_initiated",
         "rag=purple"]),
    "direction_not_catalogue": (
        ["update marts.scorecard set direction = 'high_is_good' where la_code = '999' "
         "and kpi_id = 'cp_plans' and month_end = date '2019-12-31'"],
        ["scorecard_rows", "direction_matches_catalogue", "LA 999 cp_plans"]),
    "rag_without_target": (
        ["update marts.scorecard set target_value = null where la_code = '999' "
         "and kpi_id = 'cp_visits_on_time' and month_end = date '2019-12-31'"],
        ["scorecard_rows", "rag_state", "LA 999 cp_visits_on_time",
         "rag_state=rag_without_target"]),
}


@pytest.fixture(scope="module")
def clean(sample_warehouse: Warehouse, tmp_path_factory: pytest.TempPathFactory
          ) -> tuple[Path, GateResult]:
    db = sample_warehouse.db_path
    return db, run_gate(db, "2019-12", workspace=tmp_path_factory.mktemp("clean"))


@pytest.fixture(scope="module")
def broken(sample_warehouse: Warehouse, tmp_path_factory: pytest.TempPathFactory) -> GateResult:
    sql = [s for statements, _ in BREAKS.values() for s in statements]
    db = changed_copy(sample_warehouse.db_path, tmp_path_factory.mktemp("broken"), sql)
    return run_gate(db, "2019-12")


def test_known_good_warehouse_passes(clean: tuple[Path, GateResult]) -> None:
    db, result = clean
    assert result.failures == []
    assert result.passed
    # 31 expectations in 8 suites; every one evaluated, none skipped.
    assert result.n_expectations == 31
    assert result.n_failed == 0
    assert [s["suite_name"] for s in result.results["suites"]] == list(FRAME_NAMES)
    json.dumps(result.results)  # JSON-serialisable as it stands
    assert result.results_path is not None and result.results_path.exists()
    assert result.data_docs_index is not None and result.data_docs_index.exists()
    assert "extract_tables" in result.data_docs_index.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(BREAKS))
def test_known_break_fails_by_name(broken: GateResult, name: str) -> None:
    needles = BREAKS[name][1]
    assert not broken.passed
    matching = [f for f in broken.failures if all(n in f for n in needles)]
    assert matching, f"{name}: no failure contains {needles}:\n" + "\n".join(broken.failures)


def test_only_the_known_breaks_fail(broken: GateResult) -> None:
    # Each break trips its own expectation(s); LA 208 and its legitimately absent early help
    # file never appear in a failure.
    assert broken.n_failed == len(broken.failures)
    assert not any("LA 208" in f for f in broken.failures)
    # 16 breaks, 15 expectations: the missing and the incomplete KPI fail the same one
    # (coverage status), and deleting re_referrals_12m also leaves orphan scorecard rows.
    assert broken.n_failed == 15


def test_gate_cannot_pass_on_an_empty_warehouse(tmp_path: Path) -> None:
    db = tmp_path / "empty.duckdb"
    duckdb.connect(str(db)).close()
    result = run_gate(db, "2019-12")
    assert not result.passed
    assert result.n_expectations == 31
    row_count_failures = [f for f in result.failures
                          if "expect_table_row_count_to_be_between" in f and "observed 0" in f]
    assert len(row_count_failures) == len(FRAME_NAMES)


def test_frames_stay_compact_whatever_the_table_size(
    sample_warehouse: Warehouse, tmp_path: Path
) -> None:
    # Validation happens in DuckDB: the frames GX sees have one row per LA and table, column
    # or KPI series, however many rows the staging tables hold (here: every base table's rows
    # repeated 100 times).
    tables = [t for (t,) in sample_warehouse.query(
        "select table_name from information_schema.tables where table_schema = 'staging' "
        "and table_name like 'base_ssd__%'")]
    assert len(tables) == 12
    bigger = changed_copy(sample_warehouse.db_path, tmp_path / "bigger", [
        f"insert into staging.{t} select {t}.* from staging.{t}, range(99)" for t in tables])
    config = load_config()
    sizes = {}
    for db in (sample_warehouse.db_path, bigger):
        with duckdb.connect(str(db), read_only=True) as con:
            sizes[db] = {k: len(v) for k, v in build_frames(con, config, "2019-12").items()}
    with duckdb.connect(str(bigger), read_only=True) as con:
        # the extract's 3 contacts per LA, now 300
        assert con.execute("select count(*) from staging.stg_ssd__contacts").fetchone() == (600,)
    assert sizes[bigger] == sizes[sample_warehouse.db_path]
    # 2 LAs x 12 tables, the file absent from LA 208 included
    assert sizes[bigger]["extract_tables"] == 24
    # la_code and the 36 required columns (macros/ssd_contract.sql: ssd_gate_columns) of the
    # 12 tables of LA 999 and the 11 present in LA 208 (its early help file has 3)
    assert sizes[bigger]["extract_columns"] == (12 + 36) + (11 + 36 - 3)


def test_month_outside_the_reported_range_is_not_complete(sample_warehouse: Warehouse) -> None:
    with duckdb.connect(str(sample_warehouse.db_path), read_only=True) as con:
        frames = build_frames(con, load_config(), "2020-03")
    coverage = frames["scorecard_coverage"]
    assert coverage[["la_code", "subject", "status"]].values.tolist() == [
        ["208", "(month)", "month_not_reported"], ["999", "(month)", "month_not_reported"]]


def test_reviewable_project_matches_the_frames() -> None:
    checkpoint = json.loads((GX_PROJECT_DIR / "checkpoints" / "publication_gate.json").read_text())
    assert [vd["name"] for vd in checkpoint["validation_definitions"]] == list(FRAME_NAMES)
    for name in FRAME_NAMES:
        suite = json.loads((GX_PROJECT_DIR / "expectations" / f"{name}.json").read_text())
        assert suite["name"] == name
        assert suite["expectations"][0]["type"] == "expect_table_row_count_to_be_between"
    extract_tables = (GX_PROJECT_DIR / "expectations" / "extract_tables.json").read_text()
    assert '"$PARAMETER": "quarantine_share_max"' in extract_tables


def test_thresholds_come_from_configuration(tmp_path: Path) -> None:
    override = tmp_path / "gate.yml"
    override.write_text("extract:\n  quarantine_share_max: 0.3\n", encoding="utf-8")
    config = load_config(override)
    assert config["extract"]["quarantine_share_max"] == 0.3
    assert config["extract"]["unknown_code_share_max"] == 0.01  # untouched keys keep defaults
    # period types and inputs are the KPI registry's (marts.kpis), not a second copy here
    assert "kpis" not in config["kpi_values"]


def test_raised_threshold_lets_the_same_quarantine_through(
    sample_warehouse: Warehouse, tmp_path: Path
) -> None:
    sql, _ = BREAKS["quarantine_over_threshold"]
    db = changed_copy(sample_warehouse.db_path, tmp_path, sql)
    strict = run_gate(db, "2019-12", workspace=tmp_path / "strict")
    assert [f for f in strict.failures if "quarantine_share" in f]
    override = tmp_path / "gate.yml"
    override.write_text("extract:\n  quarantine_share_max: 0.3\n", encoding="utf-8")
    relaxed = run_gate(db, "2019-12", override, workspace=tmp_path / "relaxed")
    assert relaxed.passed, relaxed.failures


def test_cli_usage_errors(sample_warehouse: Warehouse, tmp_path: Path,
                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "missing.duckdb")]) == 64
    assert "no warehouse" in capsys.readouterr().err
    assert main(["--db", str(sample_warehouse.db_path), "--month", "December"]) == 64


def test_cli_exit_code_and_failure_text(
    clean: tuple[Path, GateResult], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = changed_copy(clean[0], tmp_path, BREAKS["percentage_over_100"][0])
    assert main(["--db", str(db), "--month", "2019-12"]) == 2
    out = capsys.readouterr().out
    assert "Quality gate FAILED" in out
    assert "cla_dental_checks/snapshot" in out


@pytest.mark.slow
def test_gate_passes_on_the_demo_warehouse(demo_warehouse, tmp_path: Path) -> None:
    if not demo_warehouse.scalar("select count(*) from marts.kpi_values"):
        pytest.skip("the demo seeds report no month yet (placeholder extract)")
    result = run_gate(demo_warehouse.db_path, "2019-12", workspace=tmp_path / "gate")
    assert result.failures == []
    assert result.passed and result.n_expectations == 31
