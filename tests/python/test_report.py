"""Unit tests of the report on a small hand-made warehouse (no dbt: the marts' documented
columns filled with figures chosen here, mostly the December 2019 reference report's)."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path
from typing import Any

import duckdb
import pytest

from csc.kpi_registry import kpi_ids, load_registry
from csc.months import months_back
from csc.report import ReportError, main, render_report
from csc.report import formatting as fmt
from csc.report.charts import Series, nice_scale, trend_chart
from csc.report.render import count_gap

SCORECARD_COLUMNS = """
    la_code varchar, kpi_id varchar, month_end date, kpi_name varchar, direction varchar,
    headline_period_type varchar, headline_unit varchar, headline_value double,
    headline_numerator bigint, headline_denominator bigint, month_value double,
    month_numerator bigint, month_denominator bigint, month_unit varchar, fytd_value double,
    fytd_numerator bigint, fytd_denominator bigint, previous_headline_value double,
    financial_year varchar, target_value double, target_count double, variance double,
    rag varchar, direction_of_travel varchar, benchmark_la_previous_year double,
    benchmark_statistical_neighbours double, benchmark_region double, benchmark_england double,
    benchmark_period varchar, vs_la_previous_year double, vs_statistical_neighbours double,
    vs_region double, vs_england double, sentence varchar, commentary varchar,
    history_complete boolean
"""
KPI_VALUES_COLUMNS = """
    la_code varchar, kpi_id varchar, month_end date, period_type varchar, period_start date,
    numerator bigint, denominator bigint, value double, unit varchar, history_complete boolean
"""

DEC = date(2019, 12, 31)
POPULATION = 51_100

SENTENCES = {
    "eha_initiated": "During the month of December, an Early Help Assessment was started for "
                     "109 children. This is 1 more than the monthly target.",
    "re_referrals_12m": "Out of 161 children who had a referral starting in December, 61 had "
                        "had another referral with a start date in the previous 12 months. "
                        "This is a ratio of 37.9%.",
    "assessments_45wd": "Out of 201 Single Assessments completed in December, 166 were "
                        "completed within 45 working days. This is 15 less than the 90% target.",
    "cp_plans": "At the end of December, there were 186 children on a Child Protection Plan. "
                "This is 24 below the target, and equates to a rate per 10,000 of 36.4.",
    "cp_plans_2y_ended": "0 out of the 17 children with a Child Protection plan ending in "
                         "December were on a Child Protection plan for a period of 2 years or "
                         "more. This is a ratio of 0.0%.",
    "cla_placement_stability": "19 of the 360 children in care at the end of December had 3 "
                               "or more placements in the last 12 months (5.3%).",
    "contacts_to_referral": "During the month of December Children's Social Care received 892 "
                            "enquiries and started 158 new referrals. This is a ratio of 17.7%.",
    "cp_visits_on_time": "A Child Protection Statutory Visit was recorded for 136 children out "
                         "of the 161 who were due such a visit during the last 4 weeks of "
                         "December. This is a ratio of 84.5%.",
    "cla_visits_on_time": "A Child in Care Statutory Visit was recorded for 329 children out of "
                          "the 360 who were due such a visit. This is a ratio of 91.4%.",
    "cla_dental_checks": "201 out of the 260 children who had been in care for more than 12 "
                         "months at the end of December had their latest Dental Check completed "
                         "on time. This is a ratio of 77.3%.",
    # not in the reference report: the national indicators, as the demo warehouse words them
    "cp_plans_second_time": "Of the 26 children who became the subject of a Child Protection "
                            "Plan in December, 2 had been the subject of a plan before. This is "
                            "a ratio of 7.7%.",
    "cla_rate": "At the end of December, there were 360 children looked after. This equates to "
                "a rate per 10,000 of 70.5.",
}


def snapshot_percent(kpi_id: str, numerator: int, denominator: int, previous: float,
                     target: float | None, direction: str = "high_is_good") -> dict[str, Any]:
    """A scorecard row for a snapshot percentage KPI, the headline being the month figure."""
    value = numerator / denominator * 100
    return scorecard_row(
        kpi_id, kpi_name=kpi_id, direction=direction, headline_period_type="snapshot",
        headline_unit="percent", headline_value=value, headline_numerator=numerator,
        headline_denominator=denominator, month_value=value, month_numerator=numerator,
        month_denominator=denominator, month_unit="percent", previous_headline_value=previous,
        target_value=target, variance=None if target is None else value - target,
        rag=None if target is None else "red", direction_of_travel="worse")


def scorecard_row(kpi_id: str, **values: Any) -> dict[str, Any]:
    """A scorecard row for LA 999, December 2019, with only the given columns set."""
    row = {"la_code": "999", "kpi_id": kpi_id, "month_end": DEC, "financial_year": "2019-20",
           "sentence": SENTENCES.get(kpi_id), "history_complete": True}
    row.update(values)
    return row


def month_ends(n: int, end: date = DEC) -> list[date]:
    return months_back(end, n)


#: The words macros/wording.sql gives each registry placeholder with the default vars.
DEFAULT_WORDING = {
    "assessment_working_days": "45", "cp_visit_window": "4 weeks",
    "cla_visit_window": "6 weeks", "cla_visit_permanence_window": "3 months",
    "placement_stability_threshold": "3", "cla_health_min_months": "12 months",
}


def make_warehouse(path: Path) -> Path:
    """A DuckDB file with marts.kpis, marts.scorecard and marts.kpi_values."""
    con = duckdb.connect(str(path))
    con.execute("create schema reference; create schema marts")
    con.execute(f"create table marts.scorecard ({SCORECARD_COLUMNS})")
    con.execute(f"create table marts.kpi_values ({KPI_VALUES_COLUMNS})")
    # marts.kpis as dbt builds it from the KPI registry with the default vars.
    def worded(text: str | None) -> str | None:
        for placeholder, words in DEFAULT_WORDING.items():
            text = text and text.replace("{" + placeholder + "}", words)
        return text

    con.execute("""create table marts.kpis (kpi_id varchar, sort_order integer, area varchar,
        kpi_name varchar, short_name varchar, numerator_label varchar,
        denominator_label varchar, headline_unit varchar, headline_period_type varchar,
        direction varchar, decimals integer)""")
    con.executemany(
        "insert into marts.kpis values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [[k["kpi_id"], n, k["area"], worded(k["kpi_name"]), k["short_name"],
          worded(k["numerator_label"]), worded(k["denominator_label"]), k["unit"],
          k["headline_period_type"], k["direction"], k["decimals"]]
         for n, k in enumerate(load_registry(), 1)])

    rows = [
        scorecard_row(
            "eha_initiated", kpi_name="Children with an Early Help Assessment initiated",
            direction="high_is_good", headline_period_type="rolling_12m",
            headline_unit="rate_per_10k", headline_value=1872 / POPULATION * 10_000,
            headline_numerator=1872, headline_denominator=POPULATION, month_value=109,
            month_numerator=109, month_unit="count", previous_headline_value=373.2,
            target_value=260, target_count=108, variance=1872 / POPULATION * 10_000 - 260,
            rag="green", direction_of_travel="worse",
            commentary="Fewer EHAs were started in December, as predicted.\nSchools start most."),
        scorecard_row(
            "re_referrals_12m", kpi_name="Re-referrals within 12 months",
            direction="low_is_good", headline_period_type="fytd", headline_unit="percent",
            headline_value=300 / 971 * 100, headline_numerator=300, headline_denominator=971,
            month_value=61 / 161 * 100, month_numerator=61, month_denominator=161,
            month_unit="percent", fytd_value=300 / 971 * 100, fytd_numerator=300,
            fytd_denominator=971, previous_headline_value=30.5, target_value=23,
            variance=300 / 971 * 100 - 23, rag="red", direction_of_travel="worse",
            benchmark_la_previous_year=22, benchmark_statistical_neighbours=23,
            benchmark_region=19, benchmark_england=23, benchmark_period="2018-19",
            vs_la_previous_year=300 / 971 * 100 - 22,
            vs_statistical_neighbours=300 / 971 * 100 - 23, vs_region=300 / 971 * 100 - 19,
            vs_england=300 / 971 * 100 - 23, commentary="Re-referrals rose <this> month."),
        scorecard_row(
            "assessments_45wd", kpi_name="Single assessments completed within 45 working days",
            direction="high_is_good", headline_period_type="fytd", headline_unit="percent",
            headline_value=1052 / 1750 * 100, headline_numerator=1052,
            headline_denominator=1750, month_value=166 / 201 * 100, month_numerator=166,
            month_denominator=201, month_unit="percent", previous_headline_value=57.5,
            target_value=90, variance=1052 / 1750 * 100 - 90, rag="red",
            direction_of_travel="improved"),
        scorecard_row(
            "cp_plans", kpi_name="Children on a child protection plan",
            direction="low_is_good", headline_period_type="snapshot",
            headline_unit="rate_per_10k", headline_value=186 / POPULATION * 10_000,
            headline_numerator=186, headline_denominator=POPULATION,
            month_value=186 / POPULATION * 10_000, month_numerator=186,
            month_denominator=POPULATION, month_unit="rate_per_10k",
            previous_headline_value=34.6, target_value=42, target_count=210,
            variance=186 / POPULATION * 10_000 - 42, rag="green", direction_of_travel="worse"),
        scorecard_row(
            "cp_plans_2y_ended", kpi_name="CP plans ending that lasted 2 years or more",
            direction="low_is_good", headline_period_type="fytd", headline_unit="percent",
            headline_value=3 / 130 * 100, headline_numerator=3, headline_denominator=130,
            month_value=0.0, month_numerator=0, month_denominator=17, month_unit="percent",
            previous_headline_value=2.5, target_value=2.5, variance=3 / 130 * 100 - 2.5,
            rag="green", direction_of_travel="improved"),
        scorecard_row(
            "cla_placement_stability", kpi_name="Children in care with 3 or more placements",
            direction="low_is_good", headline_period_type="snapshot", headline_unit="percent",
            headline_value=19 / 360 * 100, headline_numerator=19, headline_denominator=360,
            month_value=19 / 360 * 100, month_numerator=19, month_denominator=360,
            month_unit="percent", previous_headline_value=19 / 360 * 100,
            direction_of_travel="same", benchmark_la_previous_year=8,
            benchmark_statistical_neighbours=10, benchmark_region=10, benchmark_england=10,
            benchmark_period="2018-19", vs_la_previous_year=19 / 360 * 100 - 8,
            vs_statistical_neighbours=19 / 360 * 100 - 10, vs_region=19 / 360 * 100 - 10,
            vs_england=19 / 360 * 100 - 10, history_complete=False),
        scorecard_row(
            "contacts_to_referral", kpi_name="Enquiries (contacts) progressing to referral",
            direction="low_is_good", headline_period_type="fytd", headline_unit="percent",
            headline_value=2636 / 10038 * 100, headline_numerator=2636,
            headline_denominator=10038, month_value=158 / 892 * 100, month_numerator=158,
            month_denominator=892, month_unit="percent", previous_headline_value=27.1,
            target_value=25, variance=2636 / 10038 * 100 - 25, rag="amber",
            direction_of_travel="improved"),
        # National KPIs without a target: no RAG; the CLA rate has an England benchmark only.
        scorecard_row(
            "cp_plans_second_time",
            kpi_name="Children becoming the subject of a CP plan for a second or subsequent time",
            direction="low_is_good", headline_period_type="fytd", headline_unit="percent",
            headline_value=10 / 142 * 100, headline_numerator=10, headline_denominator=142,
            month_value=2 / 26 * 100, month_numerator=2, month_denominator=26,
            month_unit="percent", fytd_value=10 / 142 * 100, fytd_numerator=10,
            fytd_denominator=142, previous_headline_value=8 / 116 * 100,
            direction_of_travel="worse"),
        scorecard_row(
            "cla_rate", kpi_name="Children looked after", direction="low_is_good",
            headline_period_type="snapshot", headline_unit="rate_per_10k",
            headline_value=360 / POPULATION * 10_000, headline_numerator=360,
            headline_denominator=POPULATION, month_value=360 / POPULATION * 10_000,
            month_numerator=360, month_denominator=POPULATION, month_unit="rate_per_10k",
            previous_headline_value=358 / POPULATION * 10_000, direction_of_travel="worse",
            benchmark_england=65, benchmark_period="2018-19",
            vs_england=360 / POPULATION * 10_000 - 65),
        snapshot_percent("cp_visits_on_time", 136, 161, 100.0, 98),
        snapshot_percent("cla_visits_on_time", 329, 360, 93.3, 98),
        snapshot_percent("cla_dental_checks", 201, 260, 77.5, 93),
        # Another LA in the same month, which must never leak into LA 999's report.
        scorecard_row("cp_plans", la_code="998", headline_value=77.7, headline_unit="rate_per_10k",
                      headline_period_type="snapshot", direction="low_is_good",
                      sentence="LA 998 sentence"),
    ]
    # Earlier months for the trend table: targets change with the financial year.
    for m in month_ends(13)[:-1]:
        fy = "2019-20" if m >= date(2019, 4, 1) else "2018-19"
        rows.append(scorecard_row("re_referrals_12m", month_end=m, financial_year=fy,
                                  target_value=23 if fy == "2019-20" else 25,
                                  headline_unit="percent", sentence=None))
    columns = [c.split()[0] for c in SCORECARD_COLUMNS.replace("\n", " ").split(",")]
    for row in rows:
        con.execute(
            f"insert into marts.scorecard ({', '.join(row)}) values "
            f"({', '.join('?' for _ in row)})", list(row.values()))
    assert set().union(*rows) <= set(columns)

    values: list[tuple[Any, ...]] = []
    # Re-referrals: no rows before March 2019 (not reported), March and April flagged as
    # lacking history, and a month (August) with no referrals at all: value null.
    for i, m in enumerate(month_ends(13)):
        if m < date(2019, 3, 1):
            continue
        complete = m > date(2019, 4, 30)
        month_num, month_den = (None, 0) if m.month == 8 else (20 + i, 100 + i)
        month_value = None if month_den == 0 else month_num / month_den * 100
        if m == DEC:
            month_num, month_den, month_value = 61, 161, 61 / 161 * 100
        values.append(("999", "re_referrals_12m", m, "month", m.replace(day=1), month_num,
                       month_den, month_value, "percent", complete))
        fy_num, fy_den = (300, 971) if m == DEC else (10 * i, 50 * i)
        values.append(("999", "re_referrals_12m", m, "fytd", date(2019, 4, 1), fy_num, fy_den,
                       fy_num / fy_den * 100, "percent", complete))
    values += [
        ("999", "eha_initiated", DEC, "month", date(2019, 12, 1), 109, None, 109.0, "count",
         True),
        ("999", "eha_initiated", DEC, "rolling_12m", date(2019, 1, 1), 1872, POPULATION,
         1872 / POPULATION * 10_000, "rate_per_10k", True),
        ("999", "cp_plans", DEC, "snapshot", DEC, 186, POPULATION, 186 / POPULATION * 10_000,
         "rate_per_10k", True),
        ("999", "assessments_45wd", DEC, "month", date(2019, 12, 1), 166, 201,
         166 / 201 * 100, "percent", True),
        ("999", "cla_placement_stability", DEC, "snapshot", DEC, 19, 360, 19 / 360 * 100,
         "percent", False),
    ]
    con.executemany("insert into marts.kpi_values values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    values)
    con.close()
    return path


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_warehouse(tmp_path_factory.mktemp("report") / "csc.duckdb")


@pytest.fixture(scope="module")
def html(warehouse: Path) -> str:
    return render_report(warehouse, "999", "2019-12")


def section(html: str, kpi_id: str) -> str:
    """The HTML of one KPI section."""
    match = re.search(rf'<section class="kpi" id="kpi-{kpi_id}".*?</section>', html, re.S)
    assert match, f"no section for {kpi_id}"
    return match.group(0)


def summary_row(html: str, kpi_id: str) -> str:
    match = re.search(rf'<tr class="summary-row" data-kpi="{kpi_id}">.*?</tr>', html, re.S)
    assert match, f"no summary row for {kpi_id}"
    return match.group(0)


def text(fragment: str) -> str:
    """Visible text with tags dropped and whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)).strip()


# --- Figures and sentences as computed -------------------------------------------------------

def test_every_registry_kpi_has_a_section_and_a_summary_row(html: str) -> None:
    ids = kpi_ids()
    assert len(ids) >= 13
    assert re.findall(r'<section class="kpi" id="kpi-([a-z0-9_]+)"', html) == ids
    for kpi_id in ids:
        summary_row(html, kpi_id)


def test_sentences_appear_once_in_their_own_sections(html: str) -> None:
    for kpi_id, sentence in SENTENCES.items():
        assert unescape(html).count(sentence) == 1, kpi_id
        assert sentence in unescape(section(html, kpi_id))


def test_every_kpi_prints_its_headline_target_variance_and_previous_month(
        warehouse: Path, html: str) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "select kpi_id, headline_unit, headline_value, target_value, variance, "
            "previous_headline_value from marts.scorecard where la_code = '999' "
            "and month_end = ?", [DEC]).fetchall()
    assert len(rows) == 12
    decimals = {k["kpi_id"]: k["decimals"] for k in load_registry()}
    for kpi_id, unit, headline, target, variance, previous in rows:
        block = text(section(html, kpi_id))
        label = "Previous month"
        d = decimals[kpi_id]
        assert f" {fmt.value(headline, unit, d)} Target {fmt.value(target, unit, d)} " \
            f"Variance {fmt.signed(variance, unit, d)} {label} " \
            f"{fmt.value(previous, unit, d)} " in block, kpi_id


def test_eha_rate_is_a_whole_number_and_the_month_count_is_shown(html: str) -> None:
    block = text(section(html, "eha_initiated"))
    assert "Rate per 10,000 children, rolling 12 months 366 " in block  # 366.34
    assert "Target 260 " in block
    assert "Variance +106 " in block
    assert "Previous month 373 " in block
    assert "In December 109" in block
    assert "Children, rolling 12 months 1,872" in block
    assert "Target (number) 108 (+1)" in block  # "1 more than the monthly target"
    assert "High is good" in block


def test_cp_rate_has_one_decimal_and_the_count_target(html: str) -> None:
    block = text(section(html, "cp_plans"))
    assert "Rate per 10,000 children, at month end 36.4 " in block  # 36.399
    assert "Target 42.0 " in block
    assert "Variance \u22125.6 " in block
    assert "Previous month 34.6" in block
    assert "Target (number) 210 (\u221224)" in block  # "24 below the target"
    assert "Children, at month end 186" in block
    assert "LA 998 sentence" not in html and "77.7" not in text(html)


def test_percentages_have_one_decimal_and_variance_in_points(html: str) -> None:
    block = text(section(html, "re_referrals_12m"))
    assert "Percentage, financial year to date 30.9% " in block
    assert "Financial year to date 300 of 971" in block
    assert "In December 37.9% (61 of 161)" in block
    assert "Target 23.0% " in block
    assert "Variance +7.9 pp" in block
    assert "Previous month 30.5%" in block
    row = text(summary_row(html, "re_referrals_12m"))
    assert row.startswith("3. Re-referrals Percentage, financial year to date 30.9% 23.0% "
                          "+7.9 pp")
    assert row.endswith("\u2716 Red 30.5% \u25bc Worse Low")


def test_zero_is_printed_as_zero(html: str) -> None:
    block = text(section(html, "cp_plans_2y_ended"))
    assert "In December 0.0% (0 of 17)" in block
    assert "Variance \u22120.2 pp" in block  # 2.31 - 2.5
    assert "Percentage, financial year to date 2.3% " in block


def test_kpis_without_a_target_show_no_rag_and_only_the_benchmarks_they_have(html: str) -> None:
    repeat = text(section(html, "cp_plans_second_time"))
    assert "Percentage, financial year to date 7.0% " in repeat
    assert "Financial year to date 10 of 142" in repeat
    assert "In December 7.7% (2 of 26)" in repeat
    assert f"Target {fmt.MISSING} Variance {fmt.MISSING} " in repeat
    assert "No RAG" in repeat and "No benchmarks are published" in repeat
    cla = text(section(html, "cla_rate"))
    assert "Rate per 10,000 children, at month end 70.5 " in cla  # 70.45, one decimal
    assert "Children, at month end 360" in cla
    assert "Previous month 70.1" in cla
    assert "No RAG" in cla and "England 65.0 +5.5" in cla
    assert "Statistical neighbours" not in cla and "Region" not in cla
    row = text(summary_row(html, "cla_rate"))
    assert row == ("9. Children looked after (rate) Rate per 10,000 children, at month end 70.5"
                   f" too few months {fmt.MISSING} {fmt.MISSING} \u25cb No RAG 70.1"
                   " \u25bc Worse Low")


def test_benchmark_table_shows_each_comparator_and_the_difference(html: str) -> None:
    block = text(section(html, "re_referrals_12m"))
    assert "Local authority (previous year) 22.0% +8.9 pp" in block
    assert "Statistical neighbours 23.0% +7.9 pp" in block
    assert "Region 19.0% +11.9 pp" in block
    assert "England 23.0% +7.9 pp" in block
    assert "2018-19" in block
    assert "No benchmarks are published" in section(html, "eha_initiated")


def test_commentary_is_escaped_split_into_paragraphs_or_clearly_blank(html: str) -> None:
    eha = section(html, "eha_initiated")
    assert "<p>Fewer EHAs were started in December, as predicted.</p><p>Schools start most.</p>" \
        in eha
    assert "Re-referrals rose &lt;this&gt; month." in section(html, "re_referrals_12m")
    assert "No commentary has been written for December 2019." in section(html, "cp_plans")


# --- Honest marks ----------------------------------------------------------------------------

def test_rag_and_travel_are_text_and_symbol_not_colour_alone(html: str) -> None:
    row = summary_row(html, "re_referrals_12m")
    assert 'class="rag rag-red"' in row and "\u2716</span> Red" in row
    assert "\u25bc</span> Worse" in row
    green = summary_row(html, "cp_plans")
    assert "\u2714</span> Green" in green
    no_target = summary_row(html, "cla_placement_stability")
    assert "No RAG" in no_target and "No change" in no_target
    assert "\u2716 5 red" in text(html) and "\u2714 3 green" in text(html)
    assert "\u25c6 1 amber" in text(html) and "\u25cb 4 without a target" in text(html)


def test_summary_sparkline_has_a_text_alternative(html: str) -> None:
    row = summary_row(html, "re_referrals_12m")
    assert 'aria-label="Trend: 20.0% in Mar 19, 30.9% in Dec 19"' in row
    assert row.count('fill="#ffffff"') == 2  # March and April: incomplete history
    assert "too few months" in summary_row(html, "cp_plans")


def test_kpis_without_figures_say_so(html: str, warehouse: Path) -> None:
    assert "no data for this indicator" in summary_row(html, "cla_health_assessments")
    assert "no data for this indicator" in section(html, "cla_health_assessments")
    other = render_report(warehouse, "998", "2019-12")  # LA 998 only has cp_plans
    assert "LA 998 sentence" in section(other, "cp_plans")
    assert other.count("the extract holds no data for this indicator") == 2 * 12


def test_incomplete_history_is_marked_in_summary_section_table_and_chart(html: str) -> None:
    assert "Incomplete history: Placement stability." in text(html)
    stability = section(html, "cla_placement_stability")
    assert 'class="warning"' in stability
    assert 'class="warning"' not in section(html, "re_referrals_12m")
    table = re.search(r'<table class="trend-table">.*?</table>',
                      section(html, "re_referrals_12m"), re.S).group(0)
    # March and April 2019 lack history: each of their figures carries the mark.
    month_row = re.search(r"<tr><th scope=\"row\">Percentage, in the month</th>(.*?)</tr>",
                          table).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", month_row)
    assert len(cells) == 13
    assert [("\u2020" in c) for c in cells] == [False] * 3 + [True] * 2 + [False] * 8
    chart = re.search(r'<svg[^>]*aria-labelledby="re_referrals_12m-trend-t.*?</svg>',
                      section(html, "re_referrals_12m"), re.S).group(0)
    assert "Incomplete history in Mar 19, Apr 19." in chart
    assert chart.count('fill="url(#re_referrals_12m-trend-hatch)"') == 2 + 1  # 2 bands + key


def test_missing_and_null_months_are_gaps_not_zeros(html: str) -> None:
    block = section(html, "re_referrals_12m")
    table = re.search(r'<table class="trend-table">.*?</table>', block, re.S).group(0)
    month_row = re.search(r"Percentage, in the month</th>(.*?)</tr>", table).group(1)
    cells = [text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", month_row)]
    # Dec 18 - Feb 19: not reported; Aug 19: no referrals (zero denominator, null value).
    assert cells[:3] == [fmt.MISSING] * 3
    assert cells[8] == fmt.MISSING
    assert cells[-1] == "37.9%"
    assert "0.0%" not in month_row
    chart = re.search(r'<svg[^>]*aria-labelledby="re_referrals_12m-trend-t.*?</svg>', block,
                      re.S).group(0)
    month_line, fytd_line = re.findall(r'<polyline points="([^"]*)"', chart)[:2]
    assert len(month_line.split()) == 5  # Mar-Jul; the line breaks at August
    assert "4 month(s) without a figure are left blank." in chart


def test_targets_follow_the_financial_year(html: str) -> None:
    table = re.search(r'<table class="trend-table">.*?</table>',
                      section(html, "re_referrals_12m"), re.S).group(0)
    targets = re.search(r"<th scope=\"row\">Target</th>(.*?)</tr>", table).group(1)
    cells = [text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", targets)]
    assert cells == ["25.0%"] * 4 + ["23.0%"] * 9
    gap = re.search(r"Re-referrals: difference from target, in the month</th>(.*?)</tr>",
                    table).group(1)
    assert text(gap).split()[-1] == "+24"  # 61 - floor(23% of 161 = 37.03)


def test_charts_are_titled_labelled_and_described(html: str) -> None:
    charts = re.findall(r"<svg class=\"chart\".*?</svg>", html, re.S)
    assert len(charts) == 2 * 12  # two per KPI with figures
    for chart in charts:
        chart_id = re.search(r'aria-labelledby="([^ ]+)-t ', chart).group(1)
        assert 'role="img"' in chart
        assert f'<title id="{chart_id}-t">' in chart and f'<desc id="{chart_id}-d">' in chart
        assert ">Month</text>" in chart
        assert "Dec 18</text>" in chart and "Dec 19</text>" in chart
    assert "Rate per 10,000 children</text>" in section(html, "cp_plans")


# --- Self-contained and printable ------------------------------------------------------------

def test_report_is_self_contained(html: str) -> None:
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert "@font-face" not in html
    urls = set(re.findall(r"https?://[^\s\"')]+", html))
    assert urls == {"http://www.w3.org/2000/svg"}  # the SVG namespace, never fetched
    assert set(re.findall(r"url\(([^)]*)\)", html)) <= {
        f"#{k}-{c}-hatch" for k in SENTENCES for c in ("trend", "counts")}


def test_print_stylesheet_puts_each_kpi_on_its_own_a4_page(html: str) -> None:
    assert "@page { size: A4;" in html
    assert re.search(r"@media print \{.*\.kpi \{ break-before: page;", html, re.S)


def test_render_is_deterministic(warehouse: Path, html: str) -> None:
    assert render_report(warehouse, "999", "2019-12") == html


# --- Errors and the command line ------------------------------------------------------------

def test_unknown_month_or_la_says_what_the_warehouse_holds(warehouse: Path) -> None:
    with pytest.raises(ReportError, match="reports 2018-12 to 2019-12"):
        render_report(warehouse, "999", "2020-01")
    with pytest.raises(ReportError, match=r"LAs held: 998, 999"):
        render_report(warehouse, "123", "2019-12")
    with pytest.raises(ReportError, match="YYYY-MM"):
        render_report(warehouse, "999", "Dec 2019")
    with pytest.raises(ReportError, match="no warehouse"):
        render_report(warehouse.parent / "missing.duckdb", "999", "2019-12")
    empty = warehouse.parent / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with pytest.raises(ReportError, match="has no marts yet"):
        render_report(empty, "999", "2019-12")


def test_cli_writes_the_file(warehouse: Path, html: str, tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out" / "report.html"
    assert main(["--la", "999", "--month", "2019-12", "--db", str(warehouse),
                 "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == html
    assert f"wrote {out}" in capsys.readouterr().err
    assert main(["--la", "999", "--month", "2030-01", "--db", str(warehouse)]) == 1
    assert "no scorecard for LA 999 in 2030-01" in capsys.readouterr().err


def test_cli_out_is_the_folder_written_into(warehouse: Path, html: str, tmp_path: Path) -> None:
    """--out names a folder, as in csc run, publish and generate (a name ending in .html is
    still taken as the file, for scripts written before)."""
    out = tmp_path / "reports"
    assert main(["--la-code", "999", "--month", "2019-12", "--db", str(warehouse),
                 "--out", str(out)]) == 0
    assert (out / "report-999-2019-12.html").read_text(encoding="utf-8") == html


def test_cli_reads_the_warehouse_from_the_environment(
        warehouse: Path, html: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CSC_DUCKDB_PATH", str(warehouse))
    assert main(["--la", "999", "--month", "2019-12", "--out", "-"]) == 0
    assert capsys.readouterr().out == html


# --- Formatting ------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "unit", "decimals", "expected"), [
    (37.888198757763975, "percent", 1, "37.9%"),
    (2.25, "percent", 1, "2.3%"),  # half up, not half even
    (0.0, "percent", 1, "0.0%"),
    (366.34050880626224, "rate_per_10k", 0, "366"),  # the EHA rate (marts.kpis.decimals 0)
    (36.39921722113503, "rate_per_10k", 1, "36.4"),  # the CP rate
    (12.35, "rate_per_10k", 1, "12.4"),
    (1872, "count", 1, "1,872"),  # counts are whole whatever the KPI's decimals
    (None, "percent", 1, fmt.MISSING),
])
def test_value_formatting(value: float | None, unit: str, decimals: int, expected: str) -> None:
    assert fmt.value(value, unit, decimals) == expected


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (7.888, "percent", "+7.9 pp"),
    (-0.19, "percent", "\u22120.2 pp"),
    (-0.04, "percent", "0.0 pp"),  # never "-0.0"
    (106.34, "rate_per_10k", "+106"),
])
def test_signed_formatting(value: float, unit: str, expected: str) -> None:
    assert fmt.signed(value, unit, 0 if unit != "percent" else 1) == expected


def test_count_gap_matches_the_reference_report() -> None:
    assert count_gap(166, 201, 90, "high_is_good") == -15  # "15 less than the 90% target"
    assert count_gap(158, 892, 25, "low_is_good") == -65
    assert count_gap(136, 161, 98, "high_is_good") == -22
    assert count_gap(201, 260, 93, "high_is_good") == -41
    assert count_gap(7, 100, 7, "high_is_good") == 0  # 7% of 100 is exactly 7
    assert count_gap(5, 0, 90, "high_is_good") is None


def test_month_helpers() -> None:
    assert fmt.month_short(date(2019, 1, 31)) == "Jan 19"
    assert fmt.month_long(date(2019, 12, 31)) == "December 2019"


def test_axis_scale_is_round_and_starts_at_zero() -> None:
    assert nice_scale(20, 37.9) == (0, 40, 10)
    assert nice_scale(0, 0) == (0, 1, 0.25)


def test_bars_and_points_are_drawn_to_scale_inside_the_plot() -> None:
    svg = trend_chart(chart_id="t", title="T", x_labels=["Jan 19", "Feb 19", "Mar 19"],
                      y_label="Number", fmt=str,
                      bars=[Series("A", [1, None, 4]), Series("B", [2, 0, None])],
                      lines=[Series("L", [None, 3, 2], [False, True, False])])
    bars = [(float(y), float(h)) for y, h in re.findall(
        r'<rect x="[^"]+" y="([^"]+)" width="[^"]+" height="([^"]+)" fill="#[^"]+" '
        r'stroke="#1f2933" stroke-width="0.5"><title>', svg)]
    assert len(bars) == 4  # the None months draw nothing; zero draws a zero-height bar
    baseline = {round(y + h, 1) for y, h in bars}
    assert len(baseline) == 1  # every bar stands on the same axis
    heights = sorted(h for _, h in bars)
    assert heights[0] == 0 and heights[2] == pytest.approx(2 * heights[1])
    assert heights[3] == pytest.approx(4 * heights[1])
    assert all(y >= 34 for y, _ in bars)  # below the legend, inside the plot
    assert re.search(r'<circle[^>]*fill="#ffffff"[^>]*><title>L, Feb 19: 3 '
                     r'\(incomplete history\)</title>', svg)
    assert svg.count("<circle") == 2 + 1  # two points and the legend swatch


# --- The demo month against the council's own report ----------------------------------------

#: What the December 2019 reference report prints (docs/kpis.md, "The demo: December 2019"),
#: as the report words it, in each KPI's section.
REFERENCE_FIGURES = {
    "eha_initiated": ["rolling 12 months 366 ", "Target 260 ", "Variance +106 ",
                      "Previous month 373 ", "In December 109", "Target (number) 108 (+1)",
                      "Children, rolling 12 months 1,872"],
    "contacts_to_referral": ["financial year to date 26.3% ", "Variance +1.3 pp",
                             "Previous month 27.1%", "In December 17.7% (158 of 892)",
                             "in the month", " \u221265 Benchmarks"],
    "re_referrals_12m": ["financial year to date 30.9% ", "Target 23.0%", "Variance +7.9 pp",
                         "Previous month 30.5%", "In December 37.9% (61 of 161)",
                         "Local authority (previous year) 22.0% +8.9 pp",
                         "Statistical neighbours 23.0% +7.9 pp", "England 23.0% +7.9 pp"],
    "assessments_45wd": ["financial year to date 60.1% ", "Target 90.0%", "Previous month 57.5%",
                         "In December 82.6% (166 of 201)", "This is 15 less than the 90% target",
                         " \u221215 Benchmarks"],
    "cp_plans": ["at month end 36.4 ", "Target 42.0 ", "Previous month 34.6",
                 "Target (number) 210 (\u221224)", "Children, at month end 186"],
    "cp_plans_2y_ended": ["financial year to date 2.3% ", "Variance \u22120.2 pp",
                          "Previous month 2.5%", "In December 0.0% (0 of 17)"],
    "cp_visits_on_time": ["at month end 84.5% ", "Target 98.0%", "Previous month 100.0%",
                          "At month end 136 of 161", " \u221222 Benchmarks"],
    "cla_placement_stability": ["at month end 5.3% ", "No RAG", "No change",
                                "Statistical neighbours 10.0% \u22124.7 pp",
                                "England 10.0% \u22124.7 pp"],
    "cla_visits_on_time": ["at month end 91.4% ", "Variance \u22126.6 pp", "329 of 360"],
    "cla_dental_checks": ["at month end 77.3% ", "Target 93.0%", "Previous month 77.5%",
                          "201 of 260", " \u221241 Benchmarks",
                          "Local authority (previous year) 94.0% \u221216.7 pp",
                          "Statistical neighbours 89.0% \u221211.7 pp",
                          "England 85.0% \u22127.7 pp"],
}


@pytest.mark.slow
def test_demo_report_prints_the_reference_reports_figures(demo_warehouse: Any) -> None:
    html = render_report(demo_warehouse.db_path, "999", "2019-12")
    for kpi_id, figures in REFERENCE_FIGURES.items():
        block = text(section(html, kpi_id))
        missing = [figure for figure in figures if figure not in block]
        assert not missing, f"{kpi_id}: {missing}"
    # The sentences are the warehouse's, printed as they are.
    sentences = dict(demo_warehouse.query(
        "select kpi_id, sentence from marts.scorecard where la_code = '999' "
        "and month_end = date '2019-12-31'"))
    assert len(sentences) == len(kpi_ids())
    for kpi_id, sentence in sentences.items():
        assert sentence and sentence in unescape(section(html, kpi_id)), kpi_id
