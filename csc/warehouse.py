"""The DuckDB warehouse file: where it is, whether it is there, and who holds it.

Why a check before each command: DuckDB lets one process write a file (or several read it), and
its lock error arrives as a traceback from deep inside dbt, the gate or the report. Checking
first turns that into one line that names the process to close, before any work starts.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

import duckdb

from csc import PROJECT_DIR
from csc.errors import UsageError, WarehouseInUse

DEFAULT_DB = PROJECT_DIR / "warehouse" / "csc.duckdb"

# DuckDB: 'Could not set lock on file "<path>": Conflicting lock is held in <program> (PID 123)'
_LOCK = re.compile(r"Conflicting lock is held in (?P<program>.*?) \(PID (?P<pid>\d+)\)")


def warehouse_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The DuckDB file: an explicit path, else CSC_DUCKDB_PATH, else warehouse/csc.duckdb."""
    if explicit:
        return Path(explicit).resolve()
    env = os.environ.get("CSC_DUCKDB_PATH")
    return Path(env).resolve() if env else DEFAULT_DB


def shown(path: Path) -> str:
    """A path as a person would type it: relative to the current folder when under it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def lock_holder(message: str) -> tuple[int, str] | None:
    """(PID, program) from DuckDB's lock error message, or None for any other error."""
    match = _LOCK.search(message)
    return (int(match["pid"]), match["program"]) if match else None


def describe_process(pid: int, program: str) -> str:
    """The holder's command line when this machine can read it (Linux), else its program."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return program
    words = [w.decode(errors="replace") for w in raw.split(b"\0") if w]
    if not words:
        return program
    words[0] = Path(words[0]).name
    text = " ".join(" ".join(words).split())  # one line, however the arguments were written
    return text if len(text) <= 80 else text[:77] + "..."


def in_use_message(db_path: Path, pid: int, program: str) -> str:
    return (f"{shown(db_path)} is in use by process {pid} ({describe_process(pid, program)}); "
            "close that connection or wait for it to finish, then run again")


def check_not_in_use(db_path: Path, read_only: bool) -> None:
    """Raise WarehouseInUse when another process holds the file in a conflicting way.

    read_only=False is the check before dbt writes (any other holder conflicts); True is the
    check before a read (only a writer conflicts). A file that does not exist yet is free.
    """
    if not db_path.exists():
        return
    try:
        duckdb.connect(str(db_path), read_only=read_only).close()
    except duckdb.IOException as exc:
        holder = lock_holder(str(exc))
        if holder is None:
            raise
        raise WarehouseInUse(in_use_message(db_path, *holder)) from exc


@contextlib.contextmanager
def reading(db_path: Path,
            con: duckdb.DuckDBPyConnection | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the warehouse: con when the caller holds one, else one opened
    here and closed after.

    Why con: a connect costs about 25 ms, and a regional publication asks ~200 questions (a few
    per LA), so it opens the file once and passes the connection down.
    """
    if con is not None:
        yield con
        return
    with duckdb.connect(str(db_path), read_only=True) as own:
        yield own


def require_readable(explicit: str | os.PathLike[str] | None) -> Path:
    """The warehouse a read-only command (summary, gate, publish, report) opens: it must exist
    and not be held by a writer."""
    db_path = warehouse_path(explicit)
    if not db_path.is_file():
        raise UsageError(f"no warehouse at {shown(db_path)}: build one with `csc build` "
                         "or give its path with --db")
    check_not_in_use(db_path, read_only=True)
    return db_path
