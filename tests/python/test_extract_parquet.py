"""A Parquet extract reads exactly as the same extract in CSV: same staged rows, same KPIs."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build
from csc.generator import main as generate

pytestmark = pytest.mark.slow

ARGS = ["--las", "2", "--children-per-la", "2500", "--from", "2017-04", "--to", "2019-12",
        "--seed", "11", "--quiet"]


def test_parquet_and_csv_extracts_give_the_same_kpis(tmp_path: Path) -> None:
    results = {}
    for fmt in ("csv", "parquet"):
        out = tmp_path / fmt / "extract"
        assert generate([*ARGS, "--format", fmt, "--out", str(out)]) == 0
        wh = build(tmp_path / fmt, {"extract_dir": str(out)})
        assert wh.returncode == 0, wh.output[-4000:]
        results[fmt] = (
            wh.query("select la_code, table_name, is_present, raw_rows, staged_rows"
                     " from data_quality.dq_table_reconciliation order by 1, 2"),
            wh.query("select la_code, kpi_id, month_end, period_type, numerator, denominator"
                     " from marts.kpi_values order by 1, 2, 3, 4"),
        )
    csv_recon, csv_kpis = results["csv"]
    parquet_recon, parquet_kpis = results["parquet"]
    assert len(csv_recon) == 24 and all(row[2] for row in csv_recon)
    assert parquet_recon == csv_recon
    assert len(csv_kpis) > 500
    assert parquet_kpis == csv_kpis
