"""The KPI registry (macros/kpi_registry.sql) as Python reads it is the one dbt built."""

from __future__ import annotations

import pytest

from csc.kpi_registry import load_registry


@pytest.mark.slow
def test_python_reads_the_registry_dbt_builds_into_marts_kpis(demo_warehouse) -> None:
    built = demo_warehouse.query(
        "select kpi_id, sort_order, headline_unit, headline_period_type, period_types, "
        "direction, history_months, input_tables, decimals from marts.kpis order by sort_order")
    expected = [(k["kpi_id"], n, k["unit"], k["headline_period_type"],
                 ", ".join(k["period_types"]), k["direction"], k["history_months"],
                 ", ".join(k["inputs"]), k["decimals"])
                for n, k in enumerate(load_registry(), 1)]
    assert [tuple(row) for row in built] == expected


@pytest.mark.slow
def test_kpi_values_hold_exactly_the_registry_period_types(demo_warehouse) -> None:
    held = set(demo_warehouse.query("select distinct kpi_id, period_type from marts.kpi_values"))
    assert {tuple(r) for r in held} == {(k["kpi_id"], pt) for k in load_registry()
                                        for pt in k["period_types"]}
