"""Shared fixtures: real warehouses built by dbt (as a subprocess) in temporary folders."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from csc.dbt import run_dbt
from fixtures import sample_warehouse as sample

SLOWEST_FIRST = ("tests/python/test_spark_parity.py", "tests/python/test_spark_extract.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Spark's files first, the longest first: under xdist (bin/test) they start at once and run
    beside the other files instead of after them. The same order on every worker."""
    def rank(item: pytest.Item) -> int:
        path = item.nodeid.split("::")[0]
        return SLOWEST_FIRST.index(path) if path in SLOWEST_FIRST else len(SLOWEST_FIRST)

    items.sort(key=rank)


@dataclass
class Warehouse:
    """A built warehouse: its DuckDB file and the dbt output that built it."""

    db_path: Path
    returncode: int
    output: str

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple]:
        """Run a read-only query and return all rows."""
        with duckdb.connect(str(self.db_path), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        rows = self.query(sql, params)
        return rows[0][0] if rows else None


def write_extract(root: Path, files: Mapping[str, str]) -> Path:
    """Write CSV files (relative path -> text, dedented) under root and return root."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        body = textwrap.dedent(text).lstrip("\n") if isinstance(text, str) else text
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
    return root


def build(
    workdir: Path,
    dbt_vars: Mapping[str, Any] | None = None,
    command: tuple[str, ...] = ("build",),
    extra_args: tuple[str, ...] = (),
) -> Warehouse:
    """Run dbt in its own target folder and DuckDB file under workdir."""
    db_path = workdir / "warehouse" / "csc.duckdb"
    proc = run_dbt(
        [*command, *extra_args],
        db_path=db_path,
        dbt_vars=dbt_vars,
        target_path=workdir / "target",
        capture=True,
    )
    return Warehouse(db_path=db_path, returncode=proc.returncode, output=proc.stdout + proc.stderr)


@pytest.fixture
def build_extract(tmp_path: Path) -> Callable[..., Warehouse]:
    """Build a warehouse from hand-written CSV files: build_extract({'ssd_person.csv': ...})."""

    def _build(
        files: Mapping[str, str],
        dbt_vars: Mapping[str, Any] | None = None,
        command: tuple[str, ...] = ("build",),
        extra_args: tuple[str, ...] = (),
    ) -> Warehouse:
        extract = write_extract(tmp_path / "extract", files)
        all_vars = {"extract_dir": str(extract), **(dbt_vars or {})}
        return build(tmp_path, all_vars, command, extra_args)

    return _build


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    """The warehouse built once from the embedded demo seeds (dbt build, every test)."""
    wh = build(tmp_path_factory.mktemp("demo"))
    assert wh.returncode == 0, wh.output[-5000:]
    return wh


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    """The gate's and publication's sample warehouse (fixtures.sample_warehouse), built once by
    dbt from its tiny extract: seeds and models only, since dbt's tests are not what these
    tests check. Shared: a test that changes it works on a copy (sample.changed_copy)."""
    root = tmp_path_factory.mktemp("sample")
    extract = write_extract(root / "extract", sample.extract_files())
    wh = build(root, {"extract_dir": str(extract), **sample.SAMPLE_VARS},
               extra_args=("--select", "resource_type:seed", "resource_type:model"))
    assert wh.returncode == 0, wh.output[-5000:]
    return wh
