"""Build the warehouse beside itself and swap it in: analysts never block a build, nor see half
of one.

DuckDB lets one process write a file, and a writer cannot open a file that any other process
holds open, even read-only, so an analyst's SQL client used to fail `csc build` with a lock
error. Now dbt never writes the file analysts read: it builds `<warehouse>.building` in the same
folder (spilling to its own `<warehouse>.building.tmp/`), and only a build that passes is
renamed over the warehouse with os.replace, which is atomic within a folder. A reader holding
the old file keeps reading the old warehouse (POSIX keeps a replaced file's inode alive while it
is open) until it reconnects; a failed build leaves the old warehouse untouched and its partial
file is removed.

Two things would let the new file be read wrongly, so the swap refuses or removes them:
- a `.wal` beside the new file: DuckDB checkpoints on close, so a finished build has none (one
  left by a crashed writer of the old file is removed with that file, not replayed into the new);
- a read-write connection on the old file: its next commit would write `<warehouse>.wal` by
  name, beside the new file. The swap is refused and says which process holds it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

BUILDING_SUFFIX = ".building"


class SwapRefused(RuntimeError):
    """The new warehouse could not be put in place; the old one is left as it was."""


def building_path(db_path: Path) -> Path:
    """Where a build writes: `csc.duckdb.building` beside `csc.duckdb`.

    DuckDB and dbt-duckdb name the catalog after the file name's first dot-separated part
    ("csc" for both), so the views dbt writes in it still resolve once it is renamed.
    """
    return db_path.with_name(db_path.name + BUILDING_SUFFIX)


def wal_path(db_path: Path) -> Path:
    """DuckDB's write-ahead log for a database file."""
    return db_path.with_name(db_path.name + ".wal")


def spill_dir(db_path: Path) -> Path:
    """DuckDB's temp folder while writing db_path: a build in progress gets its own."""
    if db_path.name.endswith(BUILDING_SUFFIX):
        return db_path.with_name(db_path.name + ".tmp")
    return db_path.parent / "duckdb_tmp"


def discard(building: Path) -> None:
    """Remove a build's file, log and spill folder (a failed or interrupted build)."""
    for path in (building, wal_path(building)):
        path.unlink(missing_ok=True)
    shutil.rmtree(spill_dir(building), ignore_errors=True)


@contextlib.contextmanager
def one_build_at_a_time(db_path: Path) -> Iterator[None]:
    """Hold `<warehouse>.building.lock` so a second build cannot remove the first one's file."""
    import fcntl  # POSIX only, like the rename-over-an-open-file this module relies on

    lock = building_path(db_path).with_name(building_path(db_path).name + ".lock")
    with lock.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise SwapRefused(f"another build of {db_path} is running (it holds {lock}); "
                              "wait for it to finish") from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def writer_holding(db_path: Path) -> str | None:
    """DuckDB's message when a read-write connection holds db_path, else None.

    A read-only open succeeds beside other readers and fails only beside a writer. The probe
    runs in this process, which holds no connection while it swaps.
    """
    if not db_path.exists():
        return None
    try:
        duckdb.connect(str(db_path), read_only=True).close()
    except duckdb.Error as exc:
        if "lock" in str(exc).lower():
            return str(exc)
    return None  # an unreadable old file is about to be replaced anyway


def swap_in(building: Path, db_path: Path) -> None:
    """Rename the finished build over the warehouse, atomically; refuse beside a writer."""
    if wal_path(building).exists():  # not expected: DuckDB checkpoints when dbt closes it
        with duckdb.connect(str(building)) as con:
            con.execute("checkpoint")
    held = writer_holding(db_path)
    if held:
        raise SwapRefused(
            f"a read-write connection holds {db_path}, so the new build was not swapped in "
            f"(its writes would land beside the new file). Connect with read_only=True and run "
            f"again. DuckDB said: {held}")
    wal_path(db_path).unlink(missing_ok=True)  # belongs to the old file, never to the new one
    os.replace(building, db_path)
    folder = os.open(db_path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # the rename survives a crash
    finally:
        os.close(folder)


def build_and_swap(db_path: Path, build: Callable[[Path], int]) -> int:
    """Run build(path) into `<warehouse>.building`; swap it in when it returns 0.

    Returns build's exit code, or 1 when the finished build could not be swapped in (the
    reason is printed). Either way, no `.building` file is left behind.
    """
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    building = building_path(db_path)
    try:
        with one_build_at_a_time(db_path):
            discard(building)  # what an interrupted run left
            try:
                code = build(building)
                if code == 0:
                    swap_in(building, db_path)
            finally:
                discard(building)  # nothing left after a swap; the partial file otherwise
    except SwapRefused as exc:
        print(f"\ncsc: {exc}")
        return 1
    if code != 0:
        print(f"\ncsc: the build failed; {db_path} was left as it was and the partial build "
              "was removed.")
    return code
