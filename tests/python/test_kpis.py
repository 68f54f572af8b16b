"""End to end: the hand-made extract in fixtures/kpi_extract.py through dbt build, every KPI value
and the scorecard checked against figures worked out by hand."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from conftest import Warehouse, build, write_extract
from csc.kpi_registry import load_registry
from fixtures.kpi_extract import EXPECTED, FILES, KPI_VARS, POP

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def kpi_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    workdir: Path = tmp_path_factory.mktemp("kpis")
    extract = write_extract(workdir / "extract", FILES)
    wh = build(workdir, {"extract_dir": str(extract), **KPI_VARS})
    assert wh.returncode == 0, wh.output[-5000:]
    return wh


def kpi_rows(wh: Warehouse) -> dict[tuple[str, str, str], tuple]:
    rows = wh.query(
        "select kpi_id, cast(month_end as varchar), period_type, numerator, denominator, value,"
        " unit, history_complete from marts.kpi_values"
    )
    return {(r[0], r[1], r[2]): r[3:] for r in rows}


def test_reported_months_and_periods(kpi_warehouse: Warehouse) -> None:
    rows = kpi_rows(kpi_warehouse)
    months = sorted({key[1] for key in rows})
    assert months == ["2019-03-31", "2019-04-30", "2019-05-31", "2019-06-30"]
    # every registry KPI's period types x 4 months (13 KPIs: eha month + rolling, five event
    # KPIs month + fytd, seven snapshots)
    assert len(rows) == 4 * sum(len(kpi["period_types"]) for kpi in load_registry()) == 4 * 19
    periods = {(k, p) for k, _, p in rows}
    assert ("eha_initiated", "rolling_12m") in periods
    assert ("cp_plans", "snapshot") in periods
    assert ("cp_plans", "month") not in periods
    assert ("cla_rate", "snapshot") in periods and ("cla_rate", "month") not in periods
    assert ("cp_plans_second_time", "fytd") in periods


@pytest.mark.parametrize("key", sorted(EXPECTED), ids=lambda k: "-".join(k))
def test_numerator_and_denominator(kpi_warehouse: Warehouse, key: tuple[str, str, str]) -> None:
    numerator, denominator, *_ = kpi_rows(kpi_warehouse)[key]
    assert (numerator, denominator) == EXPECTED[key]


def test_values_units_and_zero_denominators(kpi_warehouse: Warehouse) -> None:
    rows = kpi_rows(kpi_warehouse)
    for (kpi, month, period), (num, den, value, unit, _) in rows.items():
        if unit == "count":
            assert den is None and value == num, (kpi, month, period)
        elif den in (None, 0):
            assert value is None, (kpi, month, period)
        elif unit == "percent":
            assert math.isclose(value, 100.0 * num / den), (kpi, month, period)
        else:
            assert unit == "rate_per_10k"
            assert math.isclose(value, 10000.0 * num / den), (kpi, month, period)
    assert rows[("cp_plans", "2019-03-31", "snapshot")][3] == "rate_per_10k"
    assert math.isclose(rows[("cp_plans", "2019-03-31", "snapshot")][2], 4 / POP * 10000)
    # June has no contacts: the row stays, with no value rather than 0%
    assert rows[("contacts_to_referral", "2019-06-30", "month")][:3] == (0, 0, None)


def test_history_flag_marks_only_the_short_look_back(kpi_warehouse: Warehouse) -> None:
    # March 2019's FYTD starts 2018-04-01; re-referrals need 12 months before it, and the
    # extract starts 2018-03-01. Repeat CP plans need 24 months before every period's first
    # day (June 2019's month starts 2019-06-01; 2017-06-01 is before the extract start).
    incomplete = sorted(key for key, row in kpi_rows(kpi_warehouse).items() if not row[4])
    repeat_plans = sorted(key for key in EXPECTED if key[0] == "cp_plans_second_time")
    assert len(repeat_plans) == 8
    assert incomplete == sorted([*repeat_plans, ("re_referrals_12m", "2019-03-31", "fytd")])


def scorecard(wh: Warehouse, kpi: str, month: str) -> dict:
    cols = [
        "headline_value", "headline_numerator", "headline_denominator", "month_value",
        "fytd_value", "previous_headline_value", "financial_year", "target_value",
        "target_count", "variance", "rag", "direction_of_travel", "benchmark_period",
        "benchmark_england", "vs_england", "sentence", "history_complete",
    ]
    rows = wh.query(
        f"select {', '.join(cols)} from marts.scorecard where kpi_id = ? and month_end = ?",
        [kpi, month],
    )
    assert len(rows) == 1
    return dict(zip(cols, rows[0], strict=True))


def test_scorecard_has_one_row_per_kpi_and_month(kpi_warehouse: Warehouse) -> None:
    assert kpi_warehouse.scalar("select count(*) from marts.scorecard") == 52


def test_scorecard_assessments(kpi_warehouse: Warehouse) -> None:
    row = scorecard(kpi_warehouse, "assessments_45wd", "2019-06-30")
    assert row["headline_value"] == 75.0  # FYTD 3 of 4
    assert math.isclose(row["month_value"], 200 / 3)
    assert row["previous_headline_value"] == 100.0  # May's FYTD: 1 of 1
    assert row["financial_year"] == "2019-20"
    assert row["target_value"] == 90.0
    assert row["variance"] == -15.0
    assert row["rag"] == "red"  # 15 points short, tolerance 5
    assert row["direction_of_travel"] == "worse"
    # ceil(90% x 3) - 2 = 1
    assert row["sentence"] == (
        "Out of 3 Single Assessments completed in June, 2 were completed within 45 working days."
        " This is 1 less than the 90% target."
    )


def test_scorecard_low_is_good_and_benchmarks(kpi_warehouse: Warehouse) -> None:
    row = scorecard(kpi_warehouse, "re_referrals_12m", "2019-05-31")
    assert row["headline_value"] == 50.0  # FYTD 2 of 4
    assert row["previous_headline_value"] == 50.0
    assert row["direction_of_travel"] == "same"
    assert row["variance"] == 27.0 and row["rag"] == "red"
    assert row["benchmark_period"] == "2018-19"
    assert row["benchmark_england"] == 23.0 and row["vs_england"] == 27.0
    assert row["sentence"] == (
        "Out of 2 children who had a referral starting in May, 1 had had another referral with a"
        " start date in the previous 12 months. This is a ratio of 50.0%."
    )
    march = scorecard(kpi_warehouse, "re_referrals_12m", "2019-03-31")
    assert march["financial_year"] == "2018-19"
    assert march["previous_headline_value"] is None and march["direction_of_travel"] is None
    assert march["history_complete"] is False


def test_scorecard_green_and_improved(kpi_warehouse: Warehouse) -> None:
    row = scorecard(kpi_warehouse, "cp_visits_on_time", "2019-06-30")
    assert row["headline_value"] == 100.0 and row["target_value"] == 98.0
    assert row["rag"] == "green" and row["direction_of_travel"] == "improved"
    assert row["sentence"] == (
        "A Child Protection Statutory Visit was recorded for 1 children out of the 1 who were due"
        " such a visit during the last 4 weeks of June. This is a ratio of 100.0%."
    )


def test_scorecard_counts_against_target_counts(kpi_warehouse: Warehouse) -> None:
    cp = scorecard(kpi_warehouse, "cp_plans", "2019-06-30")
    assert cp["headline_numerator"] == 2 and cp["headline_denominator"] == POP
    assert cp["target_count"] == 210.0 and cp["target_value"] == 42.0
    assert cp["rag"] == "green"  # low is good: 0.4 per 10,000 against 42
    assert cp["sentence"] == (
        "At the end of June, there were 2 children on a Child Protection Plan. This is 208 below"
        " the target, and equates to a rate per 10,000 of 0.4."
    )
    eha = scorecard(kpi_warehouse, "eha_initiated", "2019-05-31")
    assert eha["headline_numerator"] == 3 and eha["month_value"] == 1.0
    assert eha["sentence"] == (
        "During the month of May, an Early Help Assessment was started for 1 children. This is"
        " 107 less than the monthly target. The number of Early Help Assessments initiated over"
        " a 12 month period is now 3. This equates to a rate per 10,000 of 1."
    )


def test_scorecard_month_with_nobody_measured(kpi_warehouse: Warehouse) -> None:
    row = scorecard(kpi_warehouse, "contacts_to_referral", "2019-06-30")
    assert row["month_value"] is None and row["headline_value"] == 40.0  # FYTD 2 of 5
    assert row["sentence"] == (
        "There were no enquiries in June, so there is no ratio for the month."
    )


def test_scorecard_national_kpis_without_targets(kpi_warehouse: Warehouse) -> None:
    repeat = scorecard(kpi_warehouse, "cp_plans_second_time", "2019-05-31")
    assert repeat["headline_value"] == 50.0 and repeat["month_value"] == 100.0  # FYTD 1 of 2
    assert repeat["target_value"] is None and repeat["rag"] is None
    assert repeat["history_complete"] is False  # the extract holds 14 months, not 24
    assert repeat["sentence"] == (
        "Of the 1 children who became the subject of a Child Protection Plan in May, 1 had been"
        " the subject of a plan before. This is a ratio of 100.0%."
    )
    assert scorecard(kpi_warehouse, "cp_plans_second_time", "2019-06-30")["sentence"] == (
        "There were no children becoming the subject of a Child Protection Plan in June, so"
        " there is no ratio for the month."
    )
    cla = scorecard(kpi_warehouse, "cla_rate", "2019-06-30")
    assert cla["headline_numerator"] == 4 and cla["headline_denominator"] == POP
    assert math.isclose(cla["headline_value"], 4 / POP * 10000)
    assert cla["target_value"] is None and cla["rag"] is None
    assert cla["direction_of_travel"] == "worse"  # low is good: 0.6 to 0.8 per 10,000
    assert (cla["benchmark_period"], cla["benchmark_england"]) == ("2018-19", 65.0)
    assert cla["sentence"] == (
        "At the end of June, there were 4 children looked after. This equates to a rate per"
        " 10,000 of 0.8."
    )
