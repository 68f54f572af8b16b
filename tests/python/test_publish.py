"""Publication: only after the gate passes, atomically, versioned, aggregates only."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from conftest import Warehouse
from csc.gate import GateResult, run_gate
from csc.kpi_registry import kpi_ids, load_registry
from csc.publish import NO_PDF_ASKED, PublishError, main, publish_month
from csc.report.browser import find_chromium
from csc.report.pdf import NO_CHROMIUM, PdfPrinter
from fixtures.sample_warehouse import changed_copy

FILES = {"scorecard.csv", "scorecard.parquet", "kpi_values.csv", "kpi_values.parquet",
         "kpi_values_history.parquet", "scorecard_report_order.csv",
         "scorecard_report_order.parquet", "scorecard.xlsx",
         "validation_results.json", "validation.html", "report.html", "manifest.json",
         *(["report.pdf"] if find_chromium() else [])}


def fake_report(db_path: Path, la_code: str, month: str) -> str:
    return f"<html><body>LA {la_code}, {month}</body></html>"


@pytest.fixture(scope="module")
def clean(sample_warehouse: Warehouse, tmp_path_factory: pytest.TempPathFactory
          ) -> tuple[Path, GateResult]:
    db = sample_warehouse.db_path  # shared: a test that changes it works on a copy
    gate = run_gate(db, "2019-12", workspace=tmp_path_factory.mktemp("pub") / "gate")
    assert gate.passed, gate.failures
    return db, gate


def _tree(root: Path) -> dict[str, str]:
    """Every file under root with its checksum (to prove a folder was left untouched)."""
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_clean_warehouse_publishes(clean: tuple[Path, GateResult], tmp_path: Path) -> None:
    db, gate = clean
    out = tmp_path / "publish"
    folders = publish_month(db, "2019-12", gate, out, "extracts/2020-01-10",
                            render_report=fake_report)
    # a regional warehouse: each LA, then the region side by side (csc.publish_region)
    assert folders == [out / "208" / "2019-12", out / "999" / "2019-12",
                       out / "region" / "2019-12"]
    assert sorted(p.name for p in out.iterdir()) == ["208", "999", "region"]  # no temp left
    folder = out / "999" / "2019-12"
    assert {p.name for p in folder.iterdir()} == FILES
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["la_code"] == "999" and manifest["month"] == "2019-12"
    assert manifest["version"] == 1 and manifest["restatement"] is None
    assert manifest["extract"] == "extracts/2020-01-10"
    assert manifest["gate"]["passed"] and manifest["gate"]["n_expectations"] == 31
    assert manifest["versions"]["great-expectations"] == "1.24.1"
    assert manifest["versions"]["duckdb"]
    # one scorecard row per KPI; one kpi_values row per KPI and period type (19 for 13 KPIs)
    n_kpis = len(kpi_ids())
    n_values = sum(len(kpi["period_types"]) for kpi in load_registry())
    assert manifest["files"]["scorecard.csv"]["rows"] == n_kpis
    assert manifest["files"]["kpi_values.parquet"]["rows"] == n_values
    assert manifest["files"]["kpi_values_history.parquet"]["rows"] == 12 * n_values  # 2019
    assert manifest["files"]["scorecard.xlsx"]["sheets"] == {"Scorecard": n_kpis,
                                                             "KPI history": 12 * n_values}
    assert set(manifest["files"]) == FILES - {"manifest.json"}  # every file, listed
    for name, info in manifest["files"].items():
        assert info["sha256"] == hashlib.sha256((folder / name).read_bytes()).hexdigest()
        assert info["bytes"] == (folder / name).stat().st_size
    assert manifest["notes"] == ([] if find_chromium() else [NO_CHROMIUM])
    ordered = pd.read_csv(folder / "scorecard_report_order.csv")
    assert list(ordered.columns[:3]) == ["sort_order", "short_name", "la_code"]
    assert list(ordered["sort_order"]) == list(range(1, 14))
    assert ordered["short_name"].iloc[0] == "EHAs initiated"
    history = pd.read_parquet(folder / "kpi_values_history.parquet")
    assert set(history["la_code"]) == {"999"}
    assert pd.to_datetime(history["month_end"]).dt.strftime("%Y-%m").nunique() == 12
    kv = pd.read_parquet(folder / "kpi_values.parquet")
    assert set(kv["la_code"]) == {"999"}
    assert set(pd.to_datetime(kv["month_end"]).dt.strftime("%Y-%m")) == {"2019-12"}
    assert (folder / "report.html").read_text() == fake_report(db, "999", "2019-12")
    results = json.loads((folder / "validation_results.json").read_text())
    assert results["success"] is True and results["month"] == "2019-12"


def test_published_tables_are_aggregates_only(
    clean: tuple[Path, GateResult], tmp_path: Path
) -> None:
    db, gate = clean
    (folder,) = [f for f in publish_month(db, "2019-12", gate, tmp_path / "p",
                                          render_report=fake_report) if f.parent.name == "999"]
    for name in ("scorecard.csv", "kpi_values.csv"):
        header = (folder / name).read_text().splitlines()[0].split(",")
        assert not [c for c in header if "person" in c or "child" in c or "birth" in c]
    # A child-level column in a mart is refused before anything is written.
    private = changed_copy(db, tmp_path / "private",
                          ["alter table marts.kpi_values add column person_id varchar"])
    with pytest.raises(PublishError, match="child-level"):
        publish_month(private, "2019-12", gate, tmp_path / "p2", render_report=fake_report)
    assert not (tmp_path / "p2").exists()


def test_republication_keeps_both_versions_and_records_the_restatement(
    clean: tuple[Path, GateResult], tmp_path: Path
) -> None:
    db, gate = clean
    out = tmp_path / "publish"
    publish_month(db, "2019-12", gate, out, "extract A", render_report=fake_report)
    first = (out / "999" / "2019-12" / "kpi_values.csv").read_text()

    restated = changed_copy(db, tmp_path / "restated", [
        """update marts.kpi_values set numerator = 6, value = 60
           where la_code = '999' and kpi_id = 'cla_dental_checks'
           and month_end = date '2019-12-31'""",
        """update marts.scorecard set headline_value = 60
           where la_code = '999' and kpi_id = 'cla_dental_checks'
           and month_end = date '2019-12-31'"""])
    publish_month(restated, "2019-12", gate, out, "extract B", render_report=fake_report)

    folder = out / "999" / "2019-12"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["version"] == 2 and manifest["extract"] == "extract B"
    assert (folder / "versions" / "1" / "kpi_values.csv").read_text() == first
    old = json.loads((folder / "versions" / "1" / "manifest.json").read_text())
    assert old["version"] == 1 and old["extract"] == "extract A"
    restatement = manifest["restatement"]
    assert restatement["previous_version"] == 1
    assert restatement["previous_extract"] == "extract A"
    assert restatement["kpi_values_changed"] == [{
        "kpi_id": "cla_dental_checks", "month_end": "2019-12-31", "period_type": "snapshot",
        # previously the extract's 1 of 2 children with a dental check (50.0%)
        "changes": {"numerator": {"previous": 1, "now": 6},
                    "value": {"previous": 50.0, "now": 60.0}}}]
    assert restatement["kpi_values_added"] == [] and restatement["kpi_values_removed"] == []
    assert restatement["scorecard_kpis_changed"] == ["cla_dental_checks"]
    # LA 208 did not change: republished as version 2 with nothing restated.
    other = json.loads((out / "208" / "2019-12" / "manifest.json").read_text())
    assert other["version"] == 2 and other["restatement"]["kpi_values_changed"] == []

    # A third publication keeps versions 1 and 2.
    publish_month(restated, "2019-12", gate, out, "extract C", render_report=fake_report)
    assert sorted(p.name for p in (folder / "versions").iterdir()) == ["1", "2"]
    assert json.loads((folder / "manifest.json").read_text())["version"] == 3


def _assert_failure_leaves_no_trace(
    publish: Callable[[Path], object], error: type[Exception], match: str, out: Path,
    before: dict[str, str], fresh: Path, reset: Callable[[], None]
) -> None:
    """publish(out) fails with error and leaves out as it was (no temp folder); after reset(),
    publish(fresh) fails too and creates nothing."""
    with pytest.raises(error, match=match):
        publish(out)
    assert _tree(out) == before
    assert sorted(p.name for p in (out / "999").iterdir()) == ["2019-12"]  # no temp folder
    reset()
    with pytest.raises(error):
        publish(fresh)
    assert not fresh.exists()


def test_failure_while_writing_leaves_publish_untouched(
    clean: tuple[Path, GateResult], tmp_path: Path
) -> None:
    db, gate = clean
    out = tmp_path / "publish"
    publish_month(db, "2019-12", gate, out, render_report=fake_report)
    before = _tree(out)
    calls = []

    def failing_report(db_path: Path, la_code: str, month: str) -> str:
        calls.append(la_code)
        if len(calls) == 2:
            raise RuntimeError("renderer crashed")
        return "<html></html>"

    _assert_failure_leaves_no_trace(
        lambda folder: publish_month(db, "2019-12", gate, folder, render_report=failing_report),
        RuntimeError, "renderer crashed", out, before, tmp_path / "fresh", calls.clear)


def test_failure_while_printing_leaves_publish_untouched(
    clean: tuple[Path, GateResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The PDFs print in a thread while the next LA is written; a crash there (other than
    Chromium's own, which becomes a note) still stops the run before anything is moved."""
    db, gate = clean
    out = tmp_path / "publish"
    publish_month(db, "2019-12", gate, out, render_report=fake_report)
    before = _tree(out)
    printed: list[Path] = []

    def crashing(self: PdfPrinter, html: Path) -> str:
        printed.append(html)
        if len(printed) == 2:
            raise ValueError("printer crashed")
        return "report.pdf not written: a test"

    monkeypatch.setattr(PdfPrinter, "print_beside", crashing)

    def reset() -> None:
        assert len(printed) == 2
        printed.clear()

    _assert_failure_leaves_no_trace(
        lambda folder: publish_month(db, "2019-12", gate, folder, render_report=fake_report),
        ValueError, "printer crashed", out, before, tmp_path / "fresh", reset)


def test_failed_gate_result_is_refused(clean: tuple[Path, GateResult], tmp_path: Path) -> None:
    db, _ = clean
    failed = GateResult(passed=False, n_expectations=31, n_failed=1,
                        failures=["kpi_values_series: ... failed"], results={},
                        data_docs_index=None, month="2019-12")
    with pytest.raises(PublishError, match="kpi_values_series"):
        publish_month(db, "2019-12", failed, tmp_path / "publish", render_report=fake_report)
    assert not (tmp_path / "publish").exists()


BROKEN = {
    "quarantine_over_threshold": (
        """update data_quality.dq_table_reconciliation set raw_rows = 4, quarantined_rows = 1
           where la_code = '999' and table_name = 'ssd_contacts'""",
        "expect_column_values_to_be_between(quarantine_share"),
    "kpi_month_missing": (
        "delete from marts.kpi_values where la_code = '999' and kpi_id = 'cp_plans' "
        "and month_end = date '2019-05-31'",
        "expect_column_values_to_be_between(missing_months"),
    "percentage_over_100": (
        "update marts.kpi_values set value = 100.4 where la_code = '999' "
        "and kpi_id = 'cla_visits_on_time' and month_end = date '2019-12-31'",
        "expect_column_values_to_be_between(max_value, max 100"),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_warehouse_is_refused_and_publish_untouched(
    name: str, clean: tuple[Path, GateResult], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sql, expectation = BROKEN[name]
    db = changed_copy(clean[0], tmp_path, [sql])
    out = tmp_path / "publish"
    (out / "999" / "2019-11").mkdir(parents=True)
    (out / "999" / "2019-11" / "manifest.json").write_text("{}")
    before = _tree(out)
    code = main(["--db", str(db), "--month", "2019-12", "--out", str(out)])
    assert code == 2
    text = capsys.readouterr().out
    assert expectation in text and "LA 999" in text
    assert "nothing was published" in text
    assert _tree(out) == before
    assert sorted(p.name for p in (out / "999").iterdir()) == ["2019-11"]


def test_cli_publishes_after_the_gate(
    clean: tuple[Path, GateResult], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("csc.publish._default_renderer", lambda: fake_report)
    out = tmp_path / "publish"
    (tmp_path / "extract").mkdir()
    code = main(["--db", str(clean[0]), "--month", "2019-12", "--out", str(out),
                 "--extract", str(tmp_path / "extract")])
    assert code == 0, capsys.readouterr().out
    manifest = json.loads((out / "999" / "2019-12" / "manifest.json").read_text())
    assert manifest["extract"] == str((tmp_path / "extract").resolve())
    printed = capsys.readouterr().out
    assert f"published {out / '999' / '2019-12'}" in printed
    assert f"published {out / 'region' / '2019-12'}" in printed  # its manifest: no restatement


def test_without_chromium_there_is_no_pdf_and_the_manifest_says_why(
    clean: tuple[Path, GateResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("csc.report.pdf.find_chromium", lambda: None)
    db, gate = clean
    (folder, _, _) = publish_month(db, "2019-12", gate, tmp_path / "publish",
                                   render_report=fake_report)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert not (folder / "report.pdf").exists() and "report.pdf" not in manifest["files"]
    assert manifest["notes"] == [NO_CHROMIUM]
    assert (folder / "report.html").exists()  # the publication itself is whole


def test_no_pdf_publishes_without_report_pdf_and_the_manifest_says_so(
    clean: tuple[Path, GateResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_print(*args: object) -> None:
        raise AssertionError("--no-pdf must not start Chromium")

    monkeypatch.setattr("csc.report.pdf.PdfPrinter.start", no_print)
    monkeypatch.setattr("csc.report.pdf.PdfPrinter.print_beside", no_print)
    db, gate = clean
    (folder, _, _) = publish_month(db, "2019-12", gate, tmp_path / "publish",
                                   render_report=fake_report, pdf=False)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert not (folder / "report.pdf").exists() and "report.pdf" not in manifest["files"]
    assert manifest["notes"] == [NO_PDF_ASKED]
    assert (folder / "report.html").exists() and "report.html" in manifest["files"]
