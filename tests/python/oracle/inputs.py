"""The oracle's inputs, read from a built warehouse: staged SSD tables, reference tables, the
months reported and which extract files each LA supplied.

Only reading happens here; every KPI rule lives in the KPI modules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from .dates import as_date

# The SSD tables (without the ssd_ prefix) whose staged view is stg_ssd__<name>.
TABLES = (
    "person", "contacts", "early_help_episodes", "cin_episodes", "cin_assessments",
    "cp_plans", "cp_visits", "cla_episodes", "legal_status", "cla_placement", "cla_visits",
    "cla_health",
)


@dataclass
class Inputs:
    """Everything the KPI functions read, as pandas frames keyed by LA."""

    tables: dict[str, pd.DataFrame]
    months: pd.DataFrame  # la_code, month_end (date)
    population: pd.DataFrame  # la_code, year, population
    bank_holidays: list[date]
    health_check_types: dict[str, str]  # health_check_type_key -> check_type
    present: dict[str, set[str]] | None = None  # la_code -> SSD tables supplied; None = all
    _by_la: dict[tuple[str, str], pd.DataFrame] = field(default_factory=dict, repr=False)
    _memo: dict[object, Any] = field(default_factory=dict, repr=False)

    def las(self) -> list[str]:
        return sorted(self.months["la_code"].unique())

    def month_ends(self, la: str) -> list[date]:
        return sorted(self.months.loc[self.months["la_code"] == la, "month_end"])

    def table(self, name: str, la: str) -> pd.DataFrame:
        """The staged rows of one table for one LA (empty frame when there are none)."""
        key = (name, la)
        if key not in self._by_la:
            df = self.tables[name]
            self._by_la[key] = df[df["la_code"] == la].reset_index(drop=True)
        return self._by_la[key]

    def memo(self, key: object, make: Callable[[], Any]) -> Any:
        """A value worked out once per run (an LA's care records, say) and shared by KPIs."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def has_tables(self, la: str, names: tuple[str, ...]) -> bool:
        """Whether the LA's extract supplied every one of these tables."""
        return self.present is None or set(names) <= self.present.get(la, set())

    def population_for(self, la: str, month_end: date) -> int | None:
        """The LA's 0-17 population for the latest year not after the month's calendar year."""
        pop = self.population
        rows = pop[(pop["la_code"] == la) & (pop["year"] <= month_end.year)]
        if rows.empty:
            return None
        return int(rows.sort_values("year").iloc[-1]["population"])


def _relation_exists(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    return bool(con.execute(
        "select count(*) from information_schema.tables where table_schema = ? "
        "and table_name = ?", [schema, name]).fetchone()[0])


def load_inputs(db_path: Path) -> Inputs:
    """Read the staged tables and reference data of a built warehouse (read-only)."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        tables = {name: con.execute(f"select * from staging.stg_ssd__{name}").df()
                  for name in TABLES}
        months = con.execute(
            "select la_code, month_end from intermediate.int_calendar__reporting_months"
        ).df()
        population = con.execute(
            "select la_code, year, population from reference.population_0_17").df()
        if _relation_exists(con, "extract", "la_population_0_17"):
            # The LA's own rows beside the extract replace the seed's rows with the same key.
            own = con.execute(
                "select la_code, year, population from extract.la_population_0_17").df()
            if not own.empty:
                population = pd.concat([population, own]).drop_duplicates(
                    ["la_code", "year"], keep="last")
        holidays = [as_date(d) for d in con.execute(
            "select holiday_date from reference.bank_holidays").df()["holiday_date"]]
        check_types = dict(con.execute(
            "select health_check_type_key, check_type from reference.health_check_types"
        ).fetchall())
        present: dict[str, set[str]] | None = None
        if _relation_exists(con, "extract", "extract_files"):
            files = con.execute(
                "select la_code, table_name from extract.extract_files where is_present").df()
            present = {}
            for la, name in files.itertuples(index=False):
                present.setdefault(la, set()).add(name.removeprefix("ssd_"))
    months["month_end"] = months["month_end"].map(as_date)
    population["year"] = population["year"].astype(int)
    return Inputs(tables=tables, months=months, population=population,
                  bank_holidays=holidays, health_check_types=check_types, present=present)
