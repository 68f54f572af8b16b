"""The same project on Spark gives the same numbers as on DuckDB (README, "On Spark").

`dbt build --target spark` (a local Spark, local[2], in a temporary warehouse folder) runs every
model, dbt test and unit test on the demo and on a generated dirty 3-LA extract. Then every
kpi_values and scorecard row, the quarantine counts and the reconciliation read from Spark must
be those DuckDB gives: the demo's are the golden files (test_golden.py holds DuckDB to them), the
3-LA extract is built on DuckDB here too. Counts and text exact, values within 1e-9. The quality
gate, run on the relations csc copies out of Spark (csc/spark_session.py, whose gate frames
Spark computes), gives the same verdict as on the DuckDB build.

These tests need Java 17; without it they skip, except in CI (CI set), where a skip would hide a
missing engine and so fails instead.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import Warehouse, build
from csc.dbt import run_dbt
from csc.gate import run_gate
from csc.generator import main as generate
from csc.spark_session import mirror_to_duckdb, read_queries
from fixtures.golden import GOLDEN_DIR, SNAPSHOTS, _text, differences, load_golden, read_snapshot

pytestmark = [pytest.mark.slow, pytest.mark.spark]

#: A small dirty regional extract: 3 LAs, every quarantine rule planted twice in each.
THREE_LAS = ["--las", "3", "--children-per-la", "1500", "--from", "2018-04", "--to", "2019-12",
             "--seed", "5", "--dirty", "2", "--quiet"]
THREE_LAS_VARS = {"extract_date": "2019-12-31"}


def _require_java() -> None:
    if shutil.which("java") is None:
        if os.environ.get("CI"):
            pytest.fail("Java is not installed: the Spark parity tests cannot run in CI")
        pytest.skip("Java is not installed (the spark target needs Java 17)")


def build_on_spark(workdir: Path, dbt_vars: dict[str, str] | None = None,
                   unit_tests: bool = True) -> dict[str, str]:
    """dbt build --target spark into workdir/spark; returns the env that reads it back.

    unit_tests=False builds as csc run does: the unit tests check the SQL, not the data, and the
    demo's build has run them on Spark already."""
    _require_java()
    env = {"CSC_SPARK_WAREHOUSE": str(workdir / "spark")}
    cmd = ["build", "--target", "spark"]
    if not unit_tests:
        cmd += ["--exclude-resource-type", "unit_test"]
    proc = run_dbt(cmd, db_path=workdir / "unused.duckdb",
                   dbt_vars=dbt_vars, target_path=workdir / "target", capture=True, extra_env=env)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-8000:]
    return env


def gate_verdict(db_path: Path) -> tuple[bool, int, int, list[str]]:
    gate = run_gate(db_path, workspace=db_path.parent / "gate")
    return gate.passed, gate.n_expectations, gate.n_failed, sorted(gate.failures)


def spark_gate_verdict(workdir: Path, env: dict[str, str]) -> tuple[bool, int, int, list[str]]:
    """The gate on the relations copied out of the Spark warehouse, as csc run --target spark."""
    mirror = workdir / "mirror" / "csc.duckdb"
    mirror.parent.mkdir(parents=True, exist_ok=True)
    assert mirror_to_duckdb(mirror, env=env) == 0
    return gate_verdict(mirror)


def spark_snapshots(env: dict[str, str]) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Each golden snapshot query (fixtures/golden.py) run on the Spark warehouse, as text."""
    got = read_queries(SNAPSHOTS, env=env)
    return {name: (header, [[_text(v) for v in row] for row in rows])
            for name, (header, rows) in got.items()}


@pytest.fixture(scope="session")
def spark_demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, tuple]:
    """The demo built on Spark: (snapshots, gate verdict)."""
    workdir = tmp_path_factory.mktemp("spark_demo")
    env = build_on_spark(workdir)
    return spark_snapshots(env), spark_gate_verdict(workdir, env)


@pytest.fixture(scope="session")
def three_las(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, tuple]:
    """The 3-LA extract built on both engines: (DuckDB file, Spark snapshots, Spark verdict)."""
    workdir = tmp_path_factory.mktemp("three_las")
    extract = workdir / "extract"
    generate([*THREE_LAS, "--out", str(extract)])
    dbt_vars = {"extract_dir": str(extract), **THREE_LAS_VARS}
    duck = build(workdir / "duckdb", dbt_vars)
    assert duck.returncode == 0, duck.output[-5000:]
    env = build_on_spark(workdir, dbt_vars, unit_tests=False)
    return duck.db_path, spark_snapshots(env), spark_gate_verdict(workdir, env)


@pytest.mark.parametrize("name", list(SNAPSHOTS))
def test_demo_on_spark_matches_duckdb(spark_demo: dict, name: str) -> None:
    header, want = load_golden(GOLDEN_DIR / "demo", name)
    got_header, got = spark_demo[0][name]
    assert got_header == header
    assert want or name == "quarantine"  # the demo quarantines nothing; the 3 LAs do
    assert differences(header, want, got) == []


@pytest.mark.parametrize("name", list(SNAPSHOTS))
def test_three_las_on_spark_match_duckdb(three_las: tuple[Path, dict], name: str) -> None:
    db_path, spark, _ = three_las
    header, want = read_snapshot(db_path, name)
    got_header, got = spark[name]
    assert got_header == header
    assert want
    assert differences(header, want, got) == []


def test_three_las_plant_every_rule_on_spark(three_las: tuple[Path, dict]) -> None:
    """The dirty extract quarantines under every rule, in all three LAs, on Spark too."""
    _, spark, _ = three_las
    header, rows = spark["quarantine"]
    rules = {(row[header.index("la_code")], row[header.index("rule")]) for row in rows}
    las = {la for la, _ in rules}
    assert len(las) == 3
    for la in las:
        assert {"required_value", "date_before_1990", "date_after_extract_date",
                "end_before_start", "duplicate_id"} <= {r for code, r in rules if code == la}


def test_demo_gate_verdict_on_spark_matches_duckdb(
    spark_demo: tuple, demo_warehouse: Warehouse
) -> None:
    verdict = spark_demo[1]
    assert verdict == gate_verdict(demo_warehouse.db_path)
    assert verdict[0] and verdict[1] > 0


def test_three_las_gate_verdict_on_spark_matches_duckdb(three_las: tuple) -> None:
    db_path, _, verdict = three_las
    assert verdict == gate_verdict(db_path)
    assert verdict[1] > 0
