"""Analysts never block a build, nor see half of one: builds write <db>.building and swap it in.

The readers run in their own processes, as an analyst's SQL client or Metabase would (inside one
Python process DuckDB hands a second connect() to the same path the database already open).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from conftest import write_extract
from csc.cli import main as csc
from csc.warehouse_swap import build_and_swap, building_path
from fixtures.kpi_extract import FILES, KPI_VARS

#: A reader in its own process: connects read-only and answers one query per line of stdin
#: ("reconnect" closes and reopens first), one JSON line each.
HELD_READER = textwrap.dedent("""
    import json, sys, duckdb
    path, sql = sys.argv[1], sys.argv[2]
    con = duckdb.connect(path, read_only=True)
    for line in sys.stdin:
        if line.strip() == "reconnect":
            con.close()
            con = duckdb.connect(path, read_only=True)
        print(json.dumps(con.execute(sql).fetchone(), default=str), flush=True)
""")

#: A reader that reconnects in a loop until a stop file appears, recording what it saw each time
#: (or the error it got), one JSON line per look.
POLLING_READER = textwrap.dedent("""
    import json, os, sys, time, duckdb
    path, sql, stop, out = sys.argv[1:5]
    with open(out, "w") as fh:
        while not os.path.exists(stop):
            try:
                with duckdb.connect(path, read_only=True) as con:
                    seen = con.execute(sql).fetchone()
                fh.write(json.dumps({"seen": seen}, default=str) + "\\n")
            except Exception as exc:
                fh.write(json.dumps({"error": repr(exc)}) + "\\n")
            fh.flush()
            time.sleep(0.05)
""")


class HeldReader:
    """A read-only connection held open in another process."""

    def __init__(self, db: Path, sql: str) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", HELD_READER, str(db), sql],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def ask(self, command: str = "query") -> list:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        assert self.proc.stdin
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


@pytest.fixture
def held_readers() -> Iterator[list[HeldReader]]:
    readers: list[HeldReader] = []
    yield readers
    for reader in readers:
        if reader.proc.poll() is None:
            reader.proc.kill()
            reader.proc.wait()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(db: Path) -> list[str]:
    """Build files beside the warehouse other than the warehouse itself and the build lock."""
    return sorted(p.name for p in db.parent.iterdir()
                  if p.name.startswith(db.name) and p.name not in
                  (db.name, building_path(db).name + ".lock"))


# --- The swap itself, with a stand-in for dbt -------------------------------------------------

def make_db(path: Path, marker: int) -> int:
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute(f"create table marts.marker as select {marker} as marker")
        con.execute("create view marts.marker_view as select marker from marts.marker")
    return 0


def test_a_passing_build_is_swapped_in_under_a_reader(
    tmp_path: Path, held_readers: list[HeldReader]
) -> None:
    db = tmp_path / "csc.duckdb"
    assert build_and_swap(db, lambda p: make_db(p, 1)) == 0
    reader = HeldReader(db, "select marker from marts.marker_view")
    held_readers.append(reader)
    assert reader.ask() == [1]

    assert build_and_swap(db, lambda p: make_db(p, 2)) == 0
    assert reader.ask() == [1]  # the open connection keeps the old file
    assert reader.ask("reconnect") == [2]  # the view resolves in the renamed file
    assert leftovers(db) == []  # no .building, no .wal, no spill folder
    reader.close()


def test_a_failed_build_leaves_the_warehouse_and_removes_its_partial_file(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    db = tmp_path / "csc.duckdb"
    make_db(db, 1)
    before = sha256(db)

    def fails(path: Path) -> int:
        make_db(path, 2)
        (path.with_name(path.name + ".tmp")).mkdir()  # as if DuckDB had spilled
        return 2

    assert build_and_swap(db, fails) == 2
    assert sha256(db) == before
    assert leftovers(db) == []
    assert "was left as it was" in capsys.readouterr().out


def test_a_writer_on_the_old_file_refuses_the_swap(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    db = tmp_path / "csc.duckdb"
    make_db(db, 1)
    writer = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; con = duckdb.connect(sys.argv[1]); "
         "print('open', flush=True); sys.stdin.read()", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout and writer.stdout.readline().strip() == "open"
        assert build_and_swap(db, lambda p: make_db(p, 2)) == 1
    finally:
        assert writer.stdin
        writer.stdin.close()
        writer.wait(timeout=30)
    assert "read-write connection holds" in capsys.readouterr().out
    assert leftovers(db) == []
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select marker from marts.marker").fetchone() == (1,)


# --- csc run with an analyst connected throughout ---------------------------------------------

#: What tells the two runs' warehouses apart: the second extract has one more person.
MARKER_SQL = ("select (select count(*) from staging.stg_ssd__person), "
              "(select count(*) from marts.scorecard)")


@pytest.mark.slow
def test_csc_run_succeeds_while_an_analyst_reads_and_the_reader_sees_whole_warehouses(
    tmp_path: Path, held_readers: list[HeldReader], capsys: pytest.CaptureFixture
) -> None:
    db = tmp_path / "warehouse" / "csc.duckdb"

    def run(files: dict[str, str], name: str, month: str) -> int:
        extract = write_extract(tmp_path / name, files)
        return csc(["run", "--extract", str(extract), "--la-code", KPI_VARS["la_code"],
                    "--extract-start", KPI_VARS["extract_start"],
                    "--extract-date", KPI_VARS["extract_date"], "--db", str(db),
                    "--out", str(tmp_path / "publish"), "--month", month])

    assert run(FILES, "extract-1", "2019-05") == 0, capsys.readouterr().out[-3000:]
    held = HeldReader(db, MARKER_SQL)
    held_readers.append(held)
    old = held.ask()
    assert old[0] == 21 and old[1] > 0

    stop, seen = tmp_path / "stop", tmp_path / "seen.jsonl"
    poller = subprocess.Popen([sys.executable, "-c", POLLING_READER, str(db), MARKER_SQL,
                               str(stop), str(seen)])
    try:
        time.sleep(1)  # it has looked at the old warehouse before the build starts
        more = {**FILES, "ssd_person.csv": FILES["ssd_person.csv"] + "P99,F,2012-01-01,,\n"}
        code = run(more, "extract-2", "2019-06")
        out = capsys.readouterr().out
    finally:
        stop.touch()
        poller.wait(timeout=60)
    assert code == 0, out[-3000:]
    assert "lock" not in out.lower()
    assert (tmp_path / "publish" / "999" / "2019-06" / "manifest.json").exists()

    assert held.ask() == old  # the open connection still reads the old warehouse
    new = held.ask("reconnect")
    assert new == [22, old[1]]  # after reconnecting: the new one
    looks = [json.loads(line) for line in seen.read_text().splitlines()]
    assert [look for look in looks if "error" in look] == []
    states = [look["seen"] for look in looks]
    assert states[0] == old and states[-1] == new  # it looked before and after the swap
    assert set(map(tuple, states)) <= {tuple(old), tuple(new)}  # and never anything else
    assert leftovers(db) == []  # no .building, no .wal beside the new file

    # A failed build leaves the warehouse as it was, the reader's included.
    before = sha256(db)
    broken = {**FILES, "ssd_cp_plans.csv": FILES["ssd_cp_plans.csv"].replace(
        "cppl_cp_plan_start_date", "cppl_start")}
    assert run(broken, "extract-3", "2019-06") == 1
    assert sha256(db) == before
    assert leftovers(db) == []
    assert held.ask("reconnect") == new
    held.close()
