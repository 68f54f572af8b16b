"""The extract's checks on Spark (macros/spark/register_extract.sql): the broken files of
test_validate_extract.py stop `dbt run-operation validate_extract --target spark` with one
message naming each file and its column or line, and never a value from the file.

One difference remains: Spark's file listing does not see a 0-byte file, so on Spark an empty
table file is read as an absent one (reported as missing, its KPIs "no data") instead of
stopping the run (README, "On Spark").
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_spark_parity import _require_java
from test_validate_extract import BROKEN

from conftest import write_extract
from csc.dbt import run_dbt
from csc.spark_session import read_queries

pytestmark = [pytest.mark.slow, pytest.mark.spark]


def test_broken_files_are_named_on_spark(tmp_path: Path) -> None:
    _require_java()
    broken = write_extract(tmp_path / "extract", {
        **BROKEN,
        # a quoted value holding the separator and a line break is fine
        "ssd_legal_status.csv": 'lega_legal_status_id,lega_person_id,lega_legal_status,'
                                'lega_legal_status_start_date\nL1,P1,"C2, then\nC1",2019-04-01\n',
    })
    proc = run_dbt(["run-operation", "validate_extract", "--target", "spark",
                    "--args", json.dumps({"extract_dir": str(broken)})],
                   db_path=tmp_path / "unused.duckdb", target_path=tmp_path / "target",
                   capture=True, extra_env={"CSC_SPARK_WAREHOUSE": str(tmp_path / "spark")})
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert f"The extract in {broken} cannot be read, so nothing was built. 4 files need fixing" \
        in output, output[-3000:]
    found = [m.group(1) for m in re.finditer(r"^\s*- (.*)$", output, re.M)]
    assert sorted(found) == sorted([
        f"{broken}/ssd_cla_health.csv, around line 2: bytes that are not UTF-8. Save the file "
        "as UTF-8.",
        f"{broken}/ssd_contacts.csv, line 1: required column cont_person_id is missing from "
        "the header.",
        f"{broken}/ssd_cp_visits.csv, line 1: the header names column cppv_person_id 2 times "
        "(columns 2 and 4), so it is not clear which one to read. Remove or rename the extra "
        "copy.",
        f"{broken}/ssd_person.csv, around line 3: the line has more or fewer fields than the "
        "header's 2 (a value that holds a comma must be in double quotes, and every opening "
        "quote closed).",
    ]), output[-3000:]
    assert "caf" not in output  # the bad value itself is never shown


def test_la_reference_on_spark(tmp_path: Path) -> None:
    """The LA's reference files on Spark: good rows replace the seed's, and a bad row stops the
    run with DuckDB's message (macros/register_la_reference.sql, one check for both engines)."""
    from test_la_reference import REFERENCE

    from fixtures.kpi_extract import FILES, KPI_VARS

    _require_java()
    env = {"CSC_SPARK_WAREHOUSE": str(tmp_path / "spark")}

    def run(folder: str, files: dict[str, str]) -> str:
        extract = write_extract(tmp_path / folder, files)
        proc = run_dbt(["build", "--target", "spark", "--select", "+int_reference__population_0_17",
                        "--exclude", "resource_type:test", "resource_type:unit_test"],
                       db_path=tmp_path / "unused.duckdb", target_path=tmp_path / "target",
                       dbt_vars={"extract_dir": str(extract), **KPI_VARS}, capture=True,
                       extra_env=env)
        return ("ok " if proc.returncode == 0 else "failed ") + proc.stdout + proc.stderr

    bad = run("bad", {"ssd_person.csv": FILES["ssd_person.csv"],
                      "reference/population_0_17.csv": "la_code,year,population\n208,2019,1\n"})
    assert bad.startswith("failed ")
    assert "line 2, column la_code: value '208' is not the folder's LA 999" in bad, bad[-3000:]

    population = "reference/population_0_17.csv"
    good = run("good", {"ssd_person.csv": FILES["ssd_person.csv"],
                        population: REFERENCE[population]})
    assert good.startswith("ok "), good[-3000:]
    rows = read_queries({"p": "select year, population"
                              " from intermediate.int_reference__population_0_17"
                              " where la_code = '999' and year in (2019, 2020) order by year"},
                        env=env)["p"][1]
    assert [tuple(r) for r in rows] == [(2019, 10000), (2020, 10100)]
