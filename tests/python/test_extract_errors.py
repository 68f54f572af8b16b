"""Extract files that cannot be read stop the run before any model is built, naming the file.

Each case is its own dbt build, but all of them read the same folder with the same vars and
target folder, so that dbt re-uses its parse of the project (about half of a build's cost here).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import build, write_extract

STAGING_ONLY = ("build", "--select", "staging data_quality ssd_code_lists health_check_types")
PERSON_OK = b"pers_person_id,pers_dob\nP1,2010-01-01\n"

CASES = {
    # id: (file name, bytes, texts the error must hold)
    "not_utf8_in_a_column_never_read": (
        "ssd_person.csv",
        b"pers_person_id,pers_forename,pers_dob\nP1,Ann,2010-01-01\nP2,Jos\xe9,2011-01-01\n",
        ["Line: 3", "not utf-8 encoded"],
    ),
    "empty_file": ("ssd_person.csv", b"", ["is empty or has no header row"]),
    "header_missing": ("ssd_person.csv", b"\xef\xbb\xbf\n", ["is empty or has no header row"]),
    "too_many_fields": (
        "ssd_person.csv",
        b"pers_person_id,pers_dob\nP1,2010-01-01\nP2,2011-01-01,x\n",
        ["Line: 3", "Expected Number of Columns: 2 Found: 3"],
    ),
    "too_few_fields": (
        "ssd_person.csv",
        b"pers_person_id,pers_dob\nP1,2010-01-01\nP2\n",
        ["Line: 3", "Expected Number of Columns: 2 Found: 1"],
    ),
    "unclosed_quote": (
        "ssd_person.csv",
        b'pers_person_id,pers_dob\nP1,2010-01-01\nP2,"2011-01-01\nP3,2012-01-01\n',
        ["Line: 3", "unterminated quote"],
    ),
    "missing_required_column": (
        "ssd_contacts.csv",
        b"cont_contact_id,CONT_PERSON_ID,cont_contact_source_code\nC1,P1,1A\n",
        ["required column cont_contact_date is missing from the header"],
    ),
    "column_twice": (
        "ssd_person.csv",
        b"pers_person_id,pers_dob,PERS_DOB\nP1,2010-01-01,2010-01-01\n",
        ["column pers_dob appears more than once"],
    ),
}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("extract_errors")


@pytest.mark.parametrize("case", CASES)
def test_unreadable_file_stops_the_run(case: str, workdir: Path) -> None:
    name, body, messages = CASES[case]
    extract = workdir / "extract"
    shutil.rmtree(extract, ignore_errors=True)
    write_extract(extract, {"ssd_person.csv": PERSON_OK, name: body})
    wh = build(workdir, {"extract_dir": str(extract)}, STAGING_ONLY)
    assert wh.returncode != 0
    path = str(extract / name)
    assert path in wh.output, wh.output[-3000:]
    for message in messages:
        assert message in wh.output, wh.output[-3000:]
    # stopped before any model was built
    assert "START sql" not in wh.output
    built = wh.query(
        "select count(*) from information_schema.tables "
        "where table_schema in ('staging', 'data_quality')"
    )
    assert built == [(0,)]
