"""Plain `dbt build --vars ...` checks la_code, extract_date and extract_start (macros/run_vars.sql)
before anything runs, with one plain message, instead of pasting them into SQL unchecked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import build, write_extract

pytestmark = pytest.mark.slow


BAD_VARS = [
    ({"la_code": "9'9"}, "var la_code must be a 3-digit LA code such as 208, not '9'9'."),
    ({"la_code": "2080"}, "var la_code must be a 3-digit LA code such as 208, not '2080'."),
    ({"extract_date": "2019-02-30"},
     "var extract_date must be a real date written YYYY-MM-DD, such as 2019-12-31, "
     "not '2019-02-30'."),
    ({"extract_start": "2019-4-1"}, "var extract_start must be a real date written YYYY-MM-DD"),
    ({"extract_start": "2020-01-01", "extract_date": "2019-12-31"},
     "var extract_start (2020-01-01) is after extract_date (2019-12-31)."),
]


def assert_stopped_before_anything_ran(tmp_path: Path, dbt_vars: dict[str, Any],
                                       message: str) -> None:
    wh = build(tmp_path, dbt_vars)
    assert wh.returncode != 0
    assert message in wh.output, wh.output[-3000:]
    assert not (tmp_path / "target" / "run_results.json").exists()  # no node ran


@pytest.mark.parametrize(("dbt_vars", "message"), BAD_VARS)
def test_bad_vars_stop_dbt_before_anything_runs(
    dbt_vars: dict[str, Any], message: str, tmp_path: Path
) -> None:
    assert_stopped_before_anything_ran(tmp_path, dbt_vars, message)


def test_a_bad_la_code_stops_an_extract_folder_run_too(tmp_path: Path) -> None:
    """With extract_dir the LA code goes into the extract's views (on-run-start), not a model."""
    extract = write_extract(tmp_path / "extract", {"ssd_person.csv": "pers_person_id\n1\n"})
    assert_stopped_before_anything_ran(
        tmp_path, {"extract_dir": str(extract), "la_code": "9'9"}, BAD_VARS[0][1])


def test_yaml_dates_and_numbers_are_accepted(tmp_path: Path) -> None:
    """`--vars '{la_code: 208, extract_date: 2019-12-31}'`: YAML makes an int and a date."""
    wh = build(tmp_path, command=("compile",),
               extra_args=("--vars", "{la_code: 208, extract_date: 2019-12-31}",
                           "--select", "int_calendar__reporting_months"))
    assert wh.returncode == 0, wh.output[-3000:]
    compiled = next((tmp_path / "target" / "compiled").rglob("int_calendar__reporting_months.sql"))
    assert "cast('2019-12-31' as date) as extract_end" in compiled.read_text()
