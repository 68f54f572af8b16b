"""An independent reference implementation of the KPI specification, used as a test oracle.

It reads the warehouse's staged tables (parsing and quarantine are not its concern), the
reference tables and the calendar of reported months, and computes the rows of
`marts.kpi_values` again from the text of `/work/shared/spec/kpis.md` alone, in plain
pandas rather than SQL, so that a shared misreading is unlikely. One function per KPI,
registered in `registry.REGISTRY`.
"""

from .inputs import Inputs, load_inputs
from .registry import REGISTRY, kpi_values

__all__ = ["REGISTRY", "Inputs", "kpi_values", "load_inputs"]
