"""The demo month's publication for BI tools and Excel, and its offline validation page, checked
against the marts they come from."""

from __future__ import annotations

import hashlib
import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

from csc.gate import GateResult, run_gate
from csc.publish import publish_month

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def published(demo_warehouse: Any, tmp_path_factory: pytest.TempPathFactory
              ) -> tuple[Path, GateResult]:
    tmp = tmp_path_factory.mktemp("publish-bi")
    gate = run_gate(demo_warehouse.db_path, "2019-12", workspace=tmp / "gate")
    assert gate.passed, gate.failures
    (folder,) = publish_month(demo_warehouse.db_path, "2019-12", gate, tmp / "publish", "demo")
    return folder, gate


def marts_scorecard(demo_warehouse: Any) -> list[dict[str, Any]]:
    """LA 999's December 2019 scorecard with marts.kpis' order and names, in report order."""
    with_names = demo_warehouse.query(
        "select k.sort_order, k.short_name, s.* from marts.scorecard s "
        "join marts.kpis k using (kpi_id) "
        "where s.la_code = '999' and s.month_end = date '2019-12-31' order by k.sort_order")
    columns = ["sort_order", "short_name"] + [r[0] for r in demo_warehouse.query(
        "select column_name from information_schema.columns where table_schema = 'marts' "
        "and table_name = 'scorecard' order by ordinal_position")]
    return [dict(zip(columns, row, strict=True)) for row in with_names]


def test_manifest_lists_every_file_with_its_checksum(published: tuple[Path, GateResult]) -> None:
    folder, _ = published
    manifest = json.loads((folder / "manifest.json").read_text())
    names = {p.name for p in folder.iterdir()} - {"manifest.json"}
    assert names >= {"kpi_values_history.parquet", "scorecard_report_order.csv",
                     "scorecard_report_order.parquet", "scorecard.xlsx", "validation.html"}
    assert set(manifest["files"]) == names
    for name, info in manifest["files"].items():
        assert info["sha256"] == hashlib.sha256((folder / name).read_bytes()).hexdigest()


def test_history_holds_every_month_of_the_la_up_to_the_published_one(
    published: tuple[Path, GateResult], demo_warehouse: Any
) -> None:
    folder, _ = published
    history = pd.read_parquet(folder / "kpi_values_history.parquet")
    marts = demo_warehouse.query(
        "select kpi_id, month_end, period_type, value from marts.kpi_values "
        "where la_code = '999' order by kpi_id, month_end, period_type")
    assert len(history) == len(marts) == 627  # 13 KPIs (19 rows a month), Apr 2017 to Dec 2019
    got = history.sort_values(["kpi_id", "month_end", "period_type"])
    assert [(k, m.date(), p) for k, m, p in got[["kpi_id", "month_end", "period_type"]]
            .itertuples(index=False)] == [row[:3] for row in marts]
    assert got["value"].tolist() == pytest.approx([row[3] for row in marts], nan_ok=True)
    assert history["month_end"].min().strftime("%Y-%m") == "2017-04"
    # in report order, each KPI's months together, with its number and short name
    assert history["sort_order"].is_monotonic_increasing
    assert dict(zip(history["kpi_id"], history["short_name"], strict=True))[
        "assessments_45wd"] == "Assessments on time"


def test_scorecard_in_report_order_adds_sort_order_and_short_name(
    published: tuple[Path, GateResult], demo_warehouse: Any
) -> None:
    folder, _ = published
    ordered = pd.read_parquet(folder / "scorecard_report_order.parquet")
    expected = marts_scorecard(demo_warehouse)
    assert list(ordered.columns[:2]) == ["sort_order", "short_name"]
    assert ordered["kpi_id"].tolist() == [r["kpi_id"] for r in expected]
    assert ordered["sort_order"].tolist() == list(range(1, 14))
    assert ordered["short_name"].tolist() == [r["short_name"] for r in expected]
    assert ordered["headline_value"].tolist() == pytest.approx(
        [r["headline_value"] for r in expected], nan_ok=True)
    assert ordered["numerator_label"].notna().all()
    csv = pd.read_csv(folder / "scorecard_report_order.csv")
    assert csv["kpi_id"].tolist() == ordered["kpi_id"].tolist()


def test_workbook_matches_marts_scorecard(
    published: tuple[Path, GateResult], demo_warehouse: Any
) -> None:
    folder, _ = published
    wb = openpyxl.load_workbook(folder / "scorecard.xlsx")
    assert wb.sheetnames == ["Scorecard", "KPI history"]
    ws = wb["Scorecard"]
    header = [c.value for c in ws[1]]
    assert header[:11] == ["No.", "Indicator", "Headline period", "Headline", "Target",
                           "Variance", "RAG", "Previous month", "Direction of travel", "Good is",
                           "Numerator"]
    assert all(c.font.bold for c in ws[1]) and ws.freeze_panes == "C2"
    assert ws.auto_filter.ref == ws.dimensions
    for i, name in enumerate(header, start=1):  # every column is wide enough for its header
        width = ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width
        assert width >= min(len(name), 58), name

    expected = marts_scorecard(demo_warehouse)
    rows = list(ws.iter_rows(min_row=2))
    assert len(rows) == len(expected) == 13
    col = {name: i for i, name in enumerate(header)}
    for cells, sc in zip(rows, expected, strict=True):
        cell = {name: cells[i] for name, i in col.items()}
        assert cell["No."].value == sc["sort_order"]
        assert cell["Indicator"].value == sc["short_name"]
        assert cell["KPI id"].value == sc["kpi_id"]
        assert cell["Numerator"].value == sc["headline_numerator"]
        assert cell["Denominator"].value == sc["headline_denominator"]
        assert cell["RAG"].value == {"green": "Green", "amber": "Amber", "red": "Red",
                                     None: "No target"}[sc["rag"]]
        assert cell["Sentence"].value == sc["sentence"]
        percent = sc["headline_unit"] == "percent"
        for name, column in (("Headline", "headline_value"), ("Target", "target_value"),
                             ("Previous month", "previous_headline_value")):
            if sc[column] is None:
                assert cell[name].value is None
                continue
            assert cell[name].value == pytest.approx(sc[column] / (100 if percent else 1))
            assert cell[name].number_format == ("0.0%" if percent else
                                                "#,##0" if sc["kpi_id"] == "eha_initiated"
                                                else "#,##0.0")
        if sc["variance"] is not None:
            assert cell["Variance"].value == pytest.approx(sc["variance"])  # points, not %
            assert (" pp" in cell["Variance"].number_format) is percent

    history = wb["KPI history"]
    frame = pd.read_parquet(folder / "kpi_values_history.parquet")
    assert history.max_row - 1 == len(frame) and history.freeze_panes == "D2"
    first = {h.value: c for h, c in zip(history[1], history[2], strict=True)}
    assert first["Month end"].value.date() == frame["month_end"].iloc[0].date()
    assert first["Indicator"].value == frame["short_name"].iloc[0]


def test_validation_page_lists_every_suite_and_expectation(
    published: tuple[Path, GateResult]
) -> None:
    folder, gate = published
    page = (folder / "validation.html").read_text(encoding="utf-8")
    assert "<script" not in page and "<link" not in page and not re.search(r"https?://", page)
    sections = re.findall(r'<section class="suite" id="suite-([^"]+)".*?</section>', page, re.S)
    assert sections == [s["suite_name"] for s in gate.results["suites"]] and len(sections) == 8
    for suite in gate.results["suites"]:
        block = re.search(rf'<section class="suite" id="suite-{suite["suite_name"]}".*?'
                          r"</section>", page, re.S).group(0)
        rows = re.findall(r'<tr class="expectation[^"]*" data-result="(pass|fail)">(.*?)</tr>',
                          block, re.S)
        assert len(rows) == len(suite["results"])
        for (verdict, html), result in zip(rows, suite["results"], strict=True):
            assert verdict == ("pass" if result["success"] else "fail")
            assert unescape(result["expectation_config"]["description"]) in unescape(html)
            assert result["expectation_config"]["type"] in html
    assert f"{gate.n_expectations} of {gate.n_expectations} expectations hold" in page
