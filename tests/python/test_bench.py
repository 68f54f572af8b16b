"""The benchmark command works at a tiny scale (benchmarks themselves never run in the suite)."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from csc import PROJECT_DIR

BENCH = PROJECT_DIR / "bench" / "bench.py"


def test_bench_tiny_writes_stage_and_node_tables(tmp_path: Path) -> None:
    cmd = [sys.executable, str(BENCH), "--scales", "tiny", "--label", "t",
           "--results", str(tmp_path / "results"), "--cache", str(tmp_path / "cache"),
           "--work", str(tmp_path / "work")]
    proc = subprocess.run(cmd, cwd=PROJECT_DIR, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]

    out = tmp_path / "results" / "t"
    stages = list(csv.DictReader((out / "stages.csv").open()))
    names = [s["stage"] for s in stages]
    for expected in ("dbt: parse and compile", "dbt: read extract (on-run-start)",
                     "dbt: seeds", "dbt: staging", "dbt: int_kpi__cp_plans", "dbt: marts",
                     "dbt: tests (data and unit)", "gate", "publish (without report)",
                     "report (HTML, every LA)"):
        assert expected in names, names
    assert all(s["scale"] == "tiny" for s in stages)
    staging = next(s for s in stages if s["stage"] == "dbt: staging")
    # the generated extract: 2 LAs, every raw row counted in
    assert int(staging["rows_in"]) > 1000
    assert float(staging["seconds"]) > 0 and int(staging["peak_rss_mb"]) > 0

    nodes = list(csv.DictReader((out / "nodes.csv").open()))
    kpi = next(n for n in nodes if n["node"] == "kpi_values")
    assert int(kpi["rows_out"]) > 0
    md = (out / "results.md").read_text()
    assert "| tiny | 2 |" in md and "cores" in md and "Slowest models:" in md
    # the extract was cached under its arguments; the scratch warehouse was removed
    assert (tmp_path / "cache" / "csv-las2-c1500-2018-04-2019-12-s7" / ".complete").exists()
    assert not (tmp_path / "work").exists()
