"""The extract's checks, called directly: `dbt run-operation validate_extract` runs the checks a
build runs before registering the source ssd (macros/register_extract.sql), with the same
messages, and builds nothing. The demo extract passes them like any folder.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import Warehouse, build, write_extract

BROKEN = {
    # a required column missing
    "ssd_contacts.csv": "cont_contact_id,cont_contact_date\nC1,2019-04-01\n",
    # a ragged row
    "ssd_person.csv": b"pers_person_id,pers_dob\nP1,2010-01-01\nP2,2011-01-01,x\n",
    # an empty file
    "ssd_cp_plans.csv": b"",
    # not UTF-8
    "ssd_cla_health.csv": b"clah_health_check_id,clah_person_id,clah_health_check_type,"
                          b"clah_health_check_date\nH1,P1,Dental caf\xe9,2019-04-01\n",
    # a column that is read, named twice
    "ssd_cp_visits.csv": "cppv_cp_visit_id,cppv_person_id,cppv_cp_visit_date,cppv_person_id\n"
                         "V1,P1,2019-04-01,P1\n",
}


def validate(workdir: Path, extract_dir: Path | None) -> Warehouse:
    args = ("--args", json.dumps({"extract_dir": str(extract_dir)})) if extract_dir else ()
    return build(workdir, {}, ("run-operation", "validate_extract", *args))


def problems(output: str) -> list[str]:
    """The message's lines, one per bad file, without dbt's log prefix."""
    return [m.group(1) for m in re.finditer(r"^\s*- (.*(?:, line \d+|: the file is|: required).*)$",
                                            output, re.M)]


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_extract(tmp_path_factory.mktemp("broken") / "extract", BROKEN)


def test_the_operation_gives_the_builds_messages_and_builds_nothing(
    broken: Path, tmp_path: Path
) -> None:
    done = validate(tmp_path / "op", broken)
    output = done.output
    assert done.returncode != 0
    assert "The extract in " + str(broken) + " cannot be read, so nothing was built. " \
        "5 files need fixing" in output, output[-3000:]
    found = problems(output)
    assert len(found) == 5, output[-3000:]
    assert any(str(broken / "ssd_contacts.csv") + ", line 1: required column cont_person_id is"
               " missing from the header." == p for p in found)
    assert any(str(broken / "ssd_person.csv") + ", line 3: 3 fields where the header has 2." in p
               for p in found)
    assert any(str(broken / "ssd_cp_plans.csv") + ": the file is empty (0 bytes)" in p
               for p in found)
    assert any(str(broken / "ssd_cla_health.csv") + ", line 2: the file is not UTF-8 encoded" in p
               for p in found)
    assert any(str(broken / "ssd_cp_visits.csv") + ", line 1: the header names column"
               " cppv_person_id 2 times (columns 2 and 4)" in p for p in found)

    built = build(tmp_path / "build", {"extract_dir": str(broken)},
                  ("build", "--select", "staging"))
    assert built.returncode != 0
    assert problems(built.output) == found


def test_a_readable_folder_passes_and_nothing_is_registered(tmp_path: Path) -> None:
    extract = write_extract(tmp_path / "extract", {
        "SSD_Person.CSV": "pers_person_id,pers_dob\nP1,2010-01-01\n",
        "ssd_contacts.csv": "cont_contact_id,cont_person_id,cont_contact_date\nC1,P1,2019-04-01\n",
    })
    done = validate(tmp_path, extract)
    assert done.returncode == 0, done.output[-3000:]
    assert f"Extract {extract}: every file can be read (2 of 12 table files found)" in done.output
    assert done.query("select count(*) from duckdb_views() where not internal") == [(0,)]
    assert done.query("select count(*) from duckdb_tables()") == [(0,)]


def test_the_demo_extract_passes_the_same_checks(tmp_path: Path) -> None:
    done = validate(tmp_path, None)
    assert done.returncode == 0, done.output[-3000:]
    assert "Extract seeds/demo: every file can be read (12 of 12 table files found)" in done.output
