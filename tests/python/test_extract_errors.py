"""Extract files that cannot be read stop the run before any model is built, naming the file,
the line and what is wrong, and never showing a value from the file.

Each case of the first test is its own dbt build, but all of them read the same folder with the
same vars and target folder, so that dbt re-uses its parse of the project (about half of a
build's cost here). The second test puts every kind of broken file in one folder, with planted
ids and dates, and runs the real commands as a user would.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import build, write_extract
from csc import PROJECT_DIR
from csc.dbt import dbt_env, dbt_executable

STAGING_ONLY = ("build", "--select", "staging data_quality ssd_code_lists health_check_types")
PERSON_OK = b"pers_person_id,pers_dob\nP1,2010-01-01\n"

CASES = {
    # id: (file name, bytes, texts the error must hold after "<file>")
    "too_many_fields": (
        "ssd_person.csv",
        b"pers_person_id,pers_dob\nP1,2010-01-01\nP2,2011-01-01,x\n",
        [", line 3: 3 fields where the header has 2. A value that holds a comma must be in"
         " double quotes."],
    ),
    "too_few_fields": (
        "ssd_person.csv",
        b"pers_person_id,pers_dob\nP1,2010-01-01\nP2\n",
        [", line 3: 1 field where the header has 2."],
    ),
    "unclosed_quote": (
        "ssd_person.csv",
        b'pers_person_id,pers_dob\nP1,2010-01-01\nP2,"2011-01-01\nP3,2012-01-01\n',
        [", line 3: a value opens with a double quote that is never properly closed"],
    ),
    "text_after_a_closing_quote": (
        "ssd_person.csv",
        b'pers_person_id,pers_dob\nP1,2010-01-01\nP2,"2011"-01-01\n',
        [", line 3: a value in double quotes is followed by more text before the next comma"],
    ),
    # a value over two lines and a blank line come first: lines are counted as an editor does
    "lines_counted_as_in_an_editor": (
        "ssd_person.csv",
        b'pers_person_id,pers_sex,pers_dob\r\nP1,"M\r\nF",2010-01-01\r\n\r\nP2,F\r\n',
        [", line 5: 2 fields where the header has 3."],
    ),
    # DuckDB cannot read mixed line ends strictly; the check must still find the ragged row
    "ragged_row_in_a_file_of_mixed_line_ends": (
        "ssd_person.csv",
        b"pers_person_id,pers_dob\r\nP1,2010-01-01\nP2\r\nP3,2012-01-01\n",
        [", line 3: 1 field where the header has 2."],
    ),
    "not_utf8_in_a_column_never_read": (
        "ssd_person.csv",
        b"pers_person_id,pers_forename,pers_dob\nP1,Ann,2010-01-01\nP2,Jos\xe9,2011-01-01\n",
        [", line 3: the file is not UTF-8 encoded"],
    ),
    "empty_file": ("ssd_person.csv", b"", [": the file is empty (0 bytes)"]),
    "header_missing": (
        "ssd_person.csv",
        b"\xef\xbb\xbf\n",
        [", line 1: the line is blank; the first line must be the header row"],
    ),
    "data_where_the_header_should_be": (
        "ssd_person.csv",
        b"P1,2010-01-01\nP2,2011-01-01\n",
        [", line 1: required column pers_person_id is missing from the header (the line names"
         " none of the table's columns: is it the header row?)."],
    ),
    "missing_required_column": (
        "ssd_contacts.csv",
        b"cont_contact_id,CONT_PERSON_ID,cont_contact_source_code\nC1,P1,1A\n",
        [", line 1: required column cont_contact_date is missing from the header."],
    ),
    "column_twice": (
        "ssd_person.csv",
        b"pers_person_id,pers_dob,PERS_DOB\nP1,2010-01-01,2010-01-01\n",
        [", line 1: the header names column pers_dob 2 times (columns 2 and 3)"],
    ),
    # a line over DuckDB's 2 MB limit: the reader's own line number and reason, in words
    "line_too_long": (
        "ssd_person.csv",
        b"pers_person_id,pers_dob\nP1,2010-01-01\nP2," + b"9" * 2_500_000 + b"\n",
        [", around line 3: the CSV reader cannot read this line (it is longer than the reader"
         " allows, 2 MB)."],
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
    for message in messages:
        assert str(extract / name) + message in wh.output, wh.output[-3000:]
    assert "1 file needs fixing" in wh.output
    assert "Runtime Error" not in wh.output and "CSV Error" not in wh.output
    # stopped before any model was built
    assert "START sql" not in wh.output
    built = wh.query(
        "select count(*) from information_schema.tables "
        "where table_schema in ('staging', 'data_quality')"
    )
    assert built == [(0,)]


def test_every_broken_file_is_named(workdir: Path) -> None:
    """21 LAs whose person file has a ragged row: the first 20 are described from their text,
    the rest in the CSV reader's words, every one with its line."""
    extract = workdir / "many"
    ragged = b"pers_person_id,pers_dob\nP1,2010-01-01\nP2\n"
    write_extract(extract, {f"{200 + i}/ssd_person.csv": ragged for i in range(1, 22)})
    wh = build(workdir, {"extract_dir": str(extract)}, STAGING_ONLY)
    assert wh.returncode != 0
    assert "21 files need fixing" in wh.output, wh.output[-3000:]
    named = [f"{extract}/{200 + i}/ssd_person.csv, line 3: 1 field where the header has 2."
             for i in range(1, 21)]
    assert all(line in wh.output for line in named), wh.output[-3000:]
    assert (f"{extract}/221/ssd_person.csv, around line 3: the CSV reader cannot read this line"
            " (fewer fields than the header).") in wh.output


# --- Broken files full of planted child-level values, through the real commands -------------

SECRET = "SECRET-PERSON-7731"
SECRET_DATE = "1987-06-05"


def _rows(prefix: str, n: int = 250) -> bytes:
    """n rows after the bad line, every one holding planted ids and dates."""
    return b"".join(f"{SECRET}-{prefix}{i},{SECRET_DATE}\n".encode() for i in range(n))


BROKEN = {
    # file: (bytes, what the message must say after "<path>")
    "ssd_person.csv": (
        b"pers_person_id,pers_dob\n" + _rows("a", 3) + f"{SECRET},{SECRET_DATE},{SECRET}\n".encode()
        + _rows("b"),
        ", line 5: 3 fields where the header has 2.",
    ),
    "ssd_contacts.csv": (
        b"cont_contact_id,cont_contact_date\n" + f"{SECRET}\n".encode() + _rows("c"),
        ", line 1: required column cont_person_id is missing from the header.",
    ),
    "ssd_early_help_episodes.csv": (
        b"earl_episode_id,earl_person_id,earl_episode_start_date\n"
        + f"E1,{SECRET},{SECRET_DATE}\nE2,{SECRET}\n".encode() + _rows("d"),
        ", line 3: 2 fields where the header has 3.",
    ),
    "ssd_cin_episodes.csv": (
        b"cine_referral_id,cine_person_id,cine_referral_date\n"
        + f'R1,{SECRET},"{SECRET_DATE}\n'.encode() + _rows("e"),
        ", line 2: a value opens with a double quote that is never properly closed",
    ),
    "ssd_cin_assessments.csv": (b"", ": the file is empty (0 bytes)"),
    "ssd_cp_plans.csv": (b"\n" + _rows("f"), ", line 1: the line is blank"),
    "ssd_cp_visits.csv": (
        b"cppv_cp_visit_id,cppv_person_id,cppv_cp_visit_date\n" + _rows("g", 5)
        + f"V1,{SECRET}-Jos\xe9,{SECRET_DATE}\n".encode("latin-1") + _rows("h"),
        ", line 7: the file is not UTF-8 encoded",
    ),
    "ssd_cla_episodes.csv": (
        b"clae_cla_episode_id,clae_person_id,clae_cla_episode_start_date,CLAE_PERSON_ID\n"
        + f"CE1,{SECRET},{SECRET_DATE},{SECRET}\n".encode(),
        ", line 1: the header names column clae_person_id 2 times (columns 2 and 4)",
    ),
    "ssd_cla_placement.csv": (
        b"clap_cla_placement_id,clap_person_id,clap_cla_placement_start_date\r\n"
        + f'PL1,"{SECRET}"x,{SECRET_DATE}\n'.encode() + _rows("i"),
        ", line 2: a value in double quotes is followed by more text before the next comma",
    ),
    "ssd_legal_status.csv": (
        _rows("j"),
        ", line 1: required columns lega_legal_status_id, lega_person_id, lega_legal_status,"
        " lega_legal_status_start_date are missing from the header (the line names none of the"
        " table's columns: is it the header row?).",
    ),
}


def _leaks(texts: dict[str, bytes]) -> list[str]:
    """Where a planted value shows: the names of the outputs that hold one."""
    planted = [SECRET.encode(), SECRET_DATE.encode(), b"Jos\xe9", "José".encode()]
    return [where for where, text in texts.items() if any(p in text for p in planted)]


def _outputs(proc: subprocess.CompletedProcess[bytes], *folders: Path) -> dict[str, bytes]:
    """stdout, stderr and every file dbt wrote (logs/dbt.log, target/*)."""
    out = {"stdout": proc.stdout, "stderr": proc.stderr}
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                out[str(path)] = path.read_bytes()
    return out


@pytest.mark.parametrize("command", ["csc build", "dbt build"])
def test_broken_files_are_named_without_showing_their_values(command: str, tmp_path: Path) -> None:
    files = {name: body for name, (body, _) in BROKEN.items()}
    extract = write_extract(tmp_path / "extract", files)
    db = tmp_path / "warehouse" / "csc.duckdb"
    db.parent.mkdir()
    target, logs = tmp_path / "target", tmp_path / "logs"
    env = {**dbt_env(db), "DBT_TARGET_PATH": str(target), "DBT_LOG_PATH": str(logs)}
    if command == "csc build":
        args = [str(Path(dbt_executable()).with_name("csc")), "build", "--extract", str(extract),
                "--db", str(db)]
    else:
        args = [dbt_executable(), "build", "--vars", json.dumps({"extract_dir": str(extract)})]
    proc = subprocess.run(args, cwd=PROJECT_DIR, env=env, capture_output=True, check=False)

    assert proc.returncode != 0
    text = (proc.stdout + proc.stderr).decode()
    assert f"{len(BROKEN)} files need fixing" in text, text[-5000:]
    for name, (_, message) in BROKEN.items():
        assert f"{extract / name}{message}" in text, (name, text[-5000:])
    # stopped before any model was built
    assert "START sql" not in text
    if db.exists():
        import duckdb

        with duckdb.connect(str(db), read_only=True) as con:
            assert con.execute("select count(*) from information_schema.tables "
                               "where table_schema not in ('extract', 'main')").fetchone() == (0,)
    outputs = _outputs(proc, target, logs)
    assert any(Path(where).name == "dbt.log" for where in outputs)
    assert _leaks(outputs) == []
    # the check can fail: the planted values are in the extract itself
    assert _leaks({"extract": b"".join(body for body, _ in BROKEN.values())}) == ["extract"]


@pytest.mark.parametrize("folder", ["empty", "other_files"])
def test_folder_without_table_files_is_named_with_the_files_expected(
    folder: str, tmp_path: Path
) -> None:
    extract = tmp_path / "extract"
    extract.mkdir()
    if folder == "other_files":
        write_extract(extract, {"notes.csv": "a,b\n1,2\n", "2019/ssd_person.csv": PERSON_OK,
                                "reference/population_0_17.csv": "la_code,year,population\n"})
    wh = build(tmp_path, {"extract_dir": str(extract)}, STAGING_ONLY)
    assert wh.returncode != 0
    said = {"empty": " does not exist or is empty.", "other_files": " holds no SSD table file."}
    assert f"Extract folder {extract}{said[folder]}" in wh.output, wh.output[-3000:]
    assert "ssd_person.csv, ssd_contacts.csv, ssd_early_help_episodes.csv" in wh.output
    assert "ssd_cla_health.csv (or .parquet instead of .csv; names in any case)" in wh.output
    assert f"{extract}/208/ssd_person.csv" in wh.output
    assert "Binder Error" not in wh.output and "Runtime Error" not in wh.output
    assert "START sql" not in wh.output

