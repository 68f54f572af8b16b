"""The embedded demo extract, read in place like any extract folder, reconciles like one."""

from __future__ import annotations

import csv
from pathlib import Path

from conftest import Warehouse

DEMO = Path(__file__).resolve().parents[2] / "seeds" / "demo"

SSD_TABLES = [
    "ssd_cin_assessments", "ssd_cin_episodes", "ssd_cla_episodes", "ssd_cla_health",
    "ssd_cla_placement", "ssd_cla_visits", "ssd_contacts", "ssd_cp_plans", "ssd_cp_visits",
    "ssd_early_help_episodes", "ssd_legal_status", "ssd_person",
]


def test_demo_rows_reconcile(demo_warehouse: Warehouse) -> None:
    recon = demo_warehouse.query(
        """
        select table_name, is_present, raw_rows, staged_rows + quarantined_rows
        from data_quality.dq_table_reconciliation where la_code = '999' order by table_name
        """
    )
    assert [r[0] for r in recon] == SSD_TABLES
    for table, present, raw, accounted in recon:
        assert present, table
        assert raw > 0, table
        assert raw == accounted, table
    # as many rows were read as the demo's files hold (the header and blank lines not counted)
    for table, _, raw, _ in recon:
        with open(DEMO / f"{table}.csv", newline="", encoding="utf-8") as f:
            seed_rows = sum(1 for row in csv.reader(f) if row) - 1
        assert seed_rows == raw, table


def test_demo_rows_know_their_place_in_the_seed(demo_warehouse: Warehouse) -> None:
    rows = demo_warehouse.query(
        """
        select source_file, min(record_number), max(record_number), count(*)
        from staging.base_ssd__contacts group by source_file
        """
    )
    assert len(rows) == 1
    source_file, first, last, n = rows[0]
    assert source_file == "seeds/demo/ssd_contacts.csv"
    assert (first, last) == (1, n)
