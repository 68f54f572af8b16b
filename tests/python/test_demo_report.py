"""The demo warehouse reproduces the December 2019 report (docs/kpis.md, "The demo: December
2019"): every figure it states, from marts.kpi_values and marts.scorecard,
exact where the report gives counts and to the report's rounding where it gives values.

The demo seeds are calibrated by construction (csc.generator.demo); the KPI models know
nothing about them, so a failure here means either the seeds or a KPI model changed meaning.
"""

from __future__ import annotations

from datetime import date

import pytest

from conftest import Warehouse

DEC, NOV = date(2019, 12, 31), date(2019, 11, 30)

# (kpi_id, period_type, month_end, numerator, denominator, value at 1 decimal); None = not stated
KPI_VALUES = [
    ("eha_initiated", "month", DEC, 109, None, 109.0),
    ("eha_initiated", "rolling_12m", DEC, 1872, 51100, 366.3),
    ("eha_initiated", "rolling_12m", NOV, 1906, 51100, 373.0),
    ("contacts_to_referral", "month", DEC, 158, 892, 17.7),
    ("contacts_to_referral", "fytd", DEC, None, None, 26.3),
    ("contacts_to_referral", "fytd", NOV, None, None, 27.1),
    ("re_referrals_12m", "month", DEC, 61, 161, 37.9),
    ("re_referrals_12m", "fytd", DEC, None, None, 30.9),
    ("re_referrals_12m", "fytd", NOV, None, None, 30.5),
    ("assessments_45wd", "month", DEC, 166, 201, 82.6),
    ("assessments_45wd", "fytd", DEC, None, None, 60.1),
    ("assessments_45wd", "fytd", NOV, None, None, 57.5),
    ("cp_plans", "snapshot", DEC, 186, 51100, 36.4),
    ("cp_plans", "snapshot", NOV, 177, 51100, 34.6),
    ("cp_plans_2y_ended", "month", DEC, 0, 17, 0.0),
    ("cp_plans_2y_ended", "fytd", DEC, None, None, 2.3),
    ("cp_plans_2y_ended", "fytd", NOV, None, None, 2.5),
    ("cp_visits_on_time", "snapshot", DEC, 136, 161, 84.5),
    ("cp_visits_on_time", "snapshot", NOV, None, None, 100.0),
    ("cla_placement_stability", "snapshot", DEC, None, None, 5.3),
    ("cla_placement_stability", "snapshot", NOV, None, None, 5.3),
    ("cla_visits_on_time", "snapshot", DEC, 329, 360, 91.4),
    ("cla_dental_checks", "snapshot", DEC, 201, 260, 77.3),
    ("cla_dental_checks", "snapshot", NOV, None, None, 77.5),
]


@pytest.mark.slow
@pytest.mark.parametrize(("kpi", "period", "month_end", "num", "den", "value"), KPI_VALUES,
                         ids=[f"{k}-{p}-{m:%Y%m}" for k, p, m, *_ in KPI_VALUES])
def test_kpi_values_match_the_report(demo_warehouse: Warehouse, kpi: str, period: str,
                                     month_end: date, num: int | None, den: int | None,
                                     value: float) -> None:
    rows = demo_warehouse.query(
        "select numerator, denominator, value from marts.kpi_values "
        "where la_code = '999' and kpi_id = ? and period_type = ? and month_end = ?",
        [kpi, period, month_end])
    assert len(rows) == 1
    got_num, got_den, got_value = rows[0]
    if num is not None:
        assert got_num == num
    if den is not None:
        assert got_den == den
    assert round(got_value, 1) == value


def _scorecard(wh: Warehouse, kpi: str) -> dict:
    cols = ["headline_value", "month_value", "fytd_value", "previous_headline_value",
            "target_value", "target_count", "variance", "direction_of_travel",
            "benchmark_la_previous_year", "benchmark_statistical_neighbours", "benchmark_region",
            "benchmark_england", "vs_statistical_neighbours", "vs_region", "vs_england",
            "sentence"]
    rows = wh.query(f"select {', '.join(cols)} from marts.scorecard "
                    "where la_code = '999' and kpi_id = ? and month_end = ?", [kpi, DEC])
    assert len(rows) == 1
    return dict(zip(cols, rows[0], strict=True))


def _r(x: float | None, places: int = 1) -> float | None:
    return None if x is None else round(x, places)


@pytest.mark.slow
def test_scorecard_front_door(demo_warehouse: Warehouse) -> None:
    eha = _scorecard(demo_warehouse, "eha_initiated")
    assert round(eha["headline_value"]) == 366
    assert round(eha["previous_headline_value"]) == 373
    assert (eha["target_value"], eha["target_count"]) == (260, 108)
    assert round(eha["variance"]) == 106
    assert "109 children" in eha["sentence"]
    assert "1 more than the monthly target" in eha["sentence"]

    contacts = _scorecard(demo_warehouse, "contacts_to_referral")
    assert (_r(contacts["headline_value"]), _r(contacts["month_value"])) == (26.3, 17.7)
    assert (_r(contacts["previous_headline_value"]), contacts["target_value"]) == (27.1, 25)
    assert _r(contacts["variance"]) == 1.3
    assert "892" in contacts["sentence"] and "158" in contacts["sentence"]

    rr = _scorecard(demo_warehouse, "re_referrals_12m")
    assert (_r(rr["headline_value"]), _r(rr["month_value"])) == (30.9, 37.9)
    assert (_r(rr["previous_headline_value"]), rr["target_value"], _r(rr["variance"])) == (
        30.5, 23, 7.9)
    assert (rr["benchmark_la_previous_year"], rr["benchmark_statistical_neighbours"],
            rr["benchmark_region"], rr["benchmark_england"]) == (22, 23, 19, 23)

    assess = _scorecard(demo_warehouse, "assessments_45wd")
    assert (_r(assess["headline_value"]), _r(assess["month_value"])) == (60.1, 82.6)
    assert (_r(assess["previous_headline_value"]), assess["target_value"]) == (57.5, 90)
    assert "15 less than the 90% target" in assess["sentence"]


@pytest.mark.slow
def test_scorecard_child_protection(demo_warehouse: Warehouse) -> None:
    cp = _scorecard(demo_warehouse, "cp_plans")
    assert (_r(cp["headline_value"]), _r(cp["previous_headline_value"])) == (36.4, 34.6)
    assert (cp["target_count"], cp["target_value"]) == (210, 42)
    assert "186 children" in cp["sentence"] and "24 below the target" in cp["sentence"]

    ended = _scorecard(demo_warehouse, "cp_plans_2y_ended")
    assert (_r(ended["headline_value"]), _r(ended["month_value"])) == (2.3, 0.0)
    assert (_r(ended["previous_headline_value"]), ended["target_value"]) == (2.5, 2.5)
    assert _r(ended["variance"]) == -0.2

    visits = _scorecard(demo_warehouse, "cp_visits_on_time")
    assert (_r(visits["headline_value"]), _r(visits["previous_headline_value"])) == (84.5, 100.0)
    assert visits["target_value"] == 98


@pytest.mark.slow
def test_scorecard_children_in_care(demo_warehouse: Warehouse) -> None:
    stability = _scorecard(demo_warehouse, "cla_placement_stability")
    assert _r(stability["headline_value"]) == 5.3
    assert stability["direction_of_travel"] == "same"  # "remained static on last month"
    assert stability["benchmark_la_previous_year"] == 8
    assert {_r(stability[c]) for c in ("vs_statistical_neighbours", "vs_region",
                                        "vs_england")} == {-4.7}

    visits = _scorecard(demo_warehouse, "cla_visits_on_time")
    assert (_r(visits["headline_value"]), visits["target_value"], _r(visits["variance"])) == (
        91.4, 98, -6.6)

    dental = _scorecard(demo_warehouse, "cla_dental_checks")
    assert (_r(dental["headline_value"]), _r(dental["previous_headline_value"])) == (77.3, 77.5)
    assert dental["target_value"] == 93
    assert (dental["benchmark_la_previous_year"], dental["benchmark_statistical_neighbours"],
            dental["benchmark_region"], dental["benchmark_england"]) == (94, 89, 83, 85)


#: The two national KPIs the December 2019 report does not carry (kpis.md): the demo seeds
#: were not calibrated for them, so these are the warehouse's own figures, cross-checked once
#: with an independent query over the staged demo tables. (kpi, period, month, num, den)
NATIONAL_KPI_VALUES = [
    ("cp_plans_second_time", "month", DEC, 2, 26),
    ("cp_plans_second_time", "fytd", DEC, 10, 142),
    ("cla_rate", "snapshot", DEC, 360, 51100),
]


@pytest.mark.slow
def test_national_kpis_not_in_the_report(demo_warehouse: Warehouse) -> None:
    for kpi, period, month_end, num, den in NATIONAL_KPI_VALUES:
        assert demo_warehouse.query(
            "select numerator, denominator from marts.kpi_values where la_code = '999' "
            "and kpi_id = ? and period_type = ? and month_end = ?", [kpi, period, month_end]
        ) == [(num, den)], (kpi, period)
    repeat = _scorecard(demo_warehouse, "cp_plans_second_time")
    assert (_r(repeat["headline_value"]), _r(repeat["month_value"])) == (7.0, 7.7)
    assert repeat["target_value"] is None and repeat["benchmark_england"] is None
    cla = _scorecard(demo_warehouse, "cla_rate")
    assert _r(cla["headline_value"]) == 70.5 and cla["target_value"] is None
    assert cla["benchmark_england"] == 65  # DfE, 31 March 2019 (seeds/reference)
    assert cla["sentence"] == ("At the end of December, there were 360 children looked after."
                               " This equates to a rate per 10,000 of 70.5.")


@pytest.mark.slow
def test_demo_reports_april_2017_to_december_2019(demo_warehouse: Warehouse) -> None:
    first, last = demo_warehouse.query(
        "select min(month_end), max(month_end) from marts.kpi_values where la_code = '999'")[0]
    assert (first, last) == (date(2017, 4, 30), DEC)
    assert demo_warehouse.scalar(
        "select max(contact_date) from staging.stg_ssd__contacts") == DEC
    assert demo_warehouse.scalar(
        "select min(contact_date) from staging.stg_ssd__contacts") == date(2016, 4, 1)
    assert demo_warehouse.scalar("select count(*) from staging.stg_ssd__quarantine") == 0


@pytest.mark.slow
def test_other_months_look_like_a_real_council(demo_warehouse: Warehouse) -> None:
    """The shape of the report's monthly series, every reported month: ~900-1,400 contacts,
    around a quarter converting, CP and CLA cohorts in the report's ranges."""
    rows = demo_warehouse.query(
        "select kpi_id, min(coalesce(denominator, numerator)), max(coalesce(denominator, "
        "numerator)), min(value), max(value) from marts.kpi_values where la_code = '999' "
        "and period_type in ('month', 'snapshot') and kpi_id <> 'cp_plans' group by 1")
    shape = {k: (lo, hi, vlo, vhi) for k, lo, hi, vlo, vhi in rows}
    assert shape["contacts_to_referral"][0] >= 850 and shape["contacts_to_referral"][1] <= 1450
    assert shape["contacts_to_referral"][2] >= 15 and shape["contacts_to_referral"][3] <= 35
    assert shape["cla_visits_on_time"][0] >= 150 and shape["cla_visits_on_time"][1] <= 400
    assert shape["cp_visits_on_time"][2] >= 50
    assert shape["re_referrals_12m"][3] <= 45
    cp = demo_warehouse.query("select min(numerator), max(numerator) from marts.kpi_values "
                              "where la_code = '999' and kpi_id = 'cp_plans'")[0]
    assert cp[0] >= 170 and cp[1] <= 260
