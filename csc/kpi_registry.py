"""The KPI registry (macros/kpi_registry.sql) for the Python that runs without a warehouse.

dbt reads the registry while it parses the project, so it lives as a YAML block in a macro;
this module reads the same block, so that the reference templates and the tests list the same
KPIs in the same order as the warehouse. Code that has a warehouse reads marts.kpis instead.
"""

from __future__ import annotations

from typing import Any

import yaml

from csc import PROJECT_DIR

REGISTRY_MACRO = PROJECT_DIR / "macros" / "kpi_registry.sql"
_START = "{%- set registry_yaml -%}"
_END = "{%- endset -%}"


def load_registry() -> list[dict[str, Any]]:
    """Every KPI's registry entry, in report order, texts with their {placeholders} unfilled."""
    text = REGISTRY_MACRO.read_text(encoding="utf-8")
    block = text.split(_START, 1)[1].split(_END, 1)[0]
    return list(yaml.safe_load(block))


def kpi_ids() -> list[str]:
    """The KPI ids in report order."""
    return [kpi["kpi_id"] for kpi in load_registry()]
