"""The LA's own reference data beside an extract replaces the shipped seeds' rows with the same
key, and a bad row stops the run naming the file, line and column."""

from __future__ import annotations

import pytest

from fixtures.kpi_extract import FILES, KPI_VARS

pytestmark = pytest.mark.slow

REFERENCE = {
    # replaces the seed's 2019 estimate (51,100) and adds 2020
    "reference/population_0_17.csv": """\
        la_code,year,population
        999,2019,10000
        999,2020,10100
        """,
    "reference/kpi_targets.csv": """\
        la_code,kpi_id,financial_year,target_value,target_count
        999,cp_visits_on_time,2019-20,95,
        999,cla_health_assessments,2019-20,90,
        """,
    "reference/commentary.csv": """\
        la_code,kpi_id,month,commentary
        999,cp_plans,2019-06,"Two children, both reviewed in June."
        """,
}


def test_la_reference_rows_replace_and_extend_the_seeds(build_extract) -> None:
    wh = build_extract({**FILES, **REFERENCE}, KPI_VARS,
                       extra_args=("--select", "+scorecard"))
    assert wh.returncode == 0, wh.output[-4000:]
    # cp_plans June: 2 children over the LA's own 10,000
    assert wh.query(
        "select numerator, denominator, value from marts.kpi_values"
        " where kpi_id = 'cp_plans' and month_end = '2019-06-30'"
    ) == [(2, 10000, 2.0)]
    targets = dict(wh.query(
        "select kpi_id, target_value from marts.scorecard where month_end = '2019-06-30'"
        " and kpi_id in ('cp_visits_on_time', 'cla_health_assessments', 're_referrals_12m')"
    ))
    # replaced (98 -> 95), added (none -> 90), untouched seed row (23)
    assert targets == {"cp_visits_on_time": 95.0, "cla_health_assessments": 90.0,
                       "re_referrals_12m": 23.0}
    assert wh.scalar(
        "select commentary from marts.scorecard where kpi_id = 'cp_plans'"
        " and month_end = '2019-06-30'"
    ) == "Two children, both reviewed in June."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("la_code,year,population\n999,2019,lots\n",
         "line 2, column population: value 'lots' is not a number"),
        ("la_code,year,population\n999,2018,50000\n,2019,51000\n",
         "line 3, column la_code: value '' is missing"),
        ("la_code,year,population\n208,2019,51000\n",
         "line 2, column la_code: value '208' is not the folder's LA 999"),
        ("la_code,year,population\n999,2018,50000\n999,2019,51000,9\n",
         "population_0_17.csv, line 3: 4 fields where the header has 3."),
    ],
    ids=["not-a-number", "missing-key", "other-la", "ragged-row"],
)
def test_bad_reference_row_stops_the_run(build_extract, text: str, message: str) -> None:
    files = {"ssd_person.csv": FILES["ssd_person.csv"], "reference/population_0_17.csv": text}
    wh = build_extract(files, KPI_VARS, extra_args=("--select", "int_population__monthly"))
    assert wh.returncode != 0
    assert "reference/population_0_17.csv" in wh.output
    assert message in wh.output


def test_unreadable_reference_file_is_named_without_its_text(build_extract) -> None:
    rows = ["la_code,kpi_id,month,commentary"]
    rows += [f"999,cp_plans,2019-{m:02d},Reviewed SECRET-PERSON-7731 in {m}" for m in range(1, 13)]
    rows.insert(4, '999,cp_plans,2019-06,"SECRET-PERSON-7731 was seen')
    files = {"ssd_person.csv": FILES["ssd_person.csv"],
             "reference/commentary.csv": "\n".join(rows) + "\n"}
    wh = build_extract(files, KPI_VARS, extra_args=("--select", "int_reference__commentary"))
    assert wh.returncode != 0
    assert ("reference/commentary.csv, line 5: a value opens with a double quote that is never"
            " properly closed") in wh.output, wh.output[-3000:]
    assert "SECRET" not in wh.output
