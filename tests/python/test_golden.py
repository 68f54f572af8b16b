"""Every figure the demo and a small dirty extract give is the one frozen in tests/python/golden/.

A refactor (speed, a new engine, a redesign) must leave every kpi_values and scorecard row, every
quarantine count and the reconciliation as they were; fixtures/golden.py says how to refresh the
files when a change of number is intended.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Warehouse
from fixtures.golden import (
    GOLDEN_DIR,
    SNAPSHOTS,
    build_dirty,
    differences,
    load_golden,
    read_snapshot,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dirty_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_dirty(tmp_path_factory.mktemp("golden_dirty"))


@pytest.mark.parametrize("name", list(SNAPSHOTS))
def test_demo_matches_golden(demo_warehouse: Warehouse, name: str) -> None:
    header, want = load_golden(GOLDEN_DIR / "demo", name)
    got_header, got = read_snapshot(demo_warehouse.db_path, name)
    assert got_header == header
    assert differences(header, want, got) == []


@pytest.mark.parametrize("name", list(SNAPSHOTS))
def test_dirty_extract_matches_golden(dirty_db: Path, name: str) -> None:
    header, want = load_golden(GOLDEN_DIR / "dirty", name)
    got_header, got = read_snapshot(dirty_db, name)
    assert got_header == header
    assert differences(header, want, got) == []


def test_golden_files_hold_every_rule_and_kpi() -> None:
    """The frozen files are not trivially empty: the dirty one plants every quarantine rule."""
    _, quarantine = load_golden(GOLDEN_DIR / "dirty", "quarantine")
    rules = {row[3] for row in quarantine}
    assert {"required_value", "date_before_1990", "date_after_extract_date", "end_before_start",
            "duplicate_id"} <= rules
    _, kpis = load_golden(GOLDEN_DIR / "demo", "kpi_values")
    assert len({row[1] for row in kpis}) == 13


def test_differences_sees_a_changed_number() -> None:
    header = ["kpi_id", "numerator", "value"]
    assert differences(header, [["a", "3", "0.5"]], [["a", "3", "0.5000000001"]]) == []
    assert differences(header, [["a", "3", "0.5"]], [["a", "4", "0.5"]]) != []
    assert differences(header, [["a", "3", "0.5"]], [["a", "3", "0.51"]]) != []
    assert differences(header, [["a", "3", "0.5"]], []) != []
