"""Disclosure control for what is shared beyond one council: the regional outputs.

marts.regional_comparison holds every LA's figures unsuppressed, for the warehouse's own
analysts. Anything published from it (the regional CSV, Parquet and HTML report) goes through
suppress() first, so that no reader can single out a child from a small number. The rules are
written out in docs/regional.md; in short, per KPI and month:

Primary (threshold T, var suppression_threshold, default 5 as the DfE suppresses):
  P1  a headline numerator (or count) from 1 to T;
  P2  a percentage's denominator from 1 to T (a count of children or events; a rate's
      denominator is the ONS population, public and never small, so it is never suppressed);
  P3  a percentage whose complement, denominator - numerator, is from 1 to T ("2 of the 60
      children due a visit were not seen" singles out as much as "2 were").
  R   the region's numerator (or, for percentages, its denominator) from 1 to T.
Secondary, because the region's totals are published beside the LAs:
  S1  exactly one LA's numerator hidden while the region's numerator is shown: the region minus
      the others would give it back, so the next smallest non-zero numerator is hidden too
      (ties: the lower LA code); with no such LA, the region's numerator is hidden instead;
  S2  the same for denominators;
  S3  the median is hidden when it is computed from a hidden value that no shown LA shares.
What follows from a hidden cell:
  a hidden numerator or denominator hides the value built on it, the LA's difference to the
  region and its rank; a hidden region numerator or denominator hides the region's value and
  every LA's difference to it. Ranks and quartile bands are recomputed among the LAs whose
  value is shown (las_ranked of them), so a hidden LA's position cannot be read off its
  neighbours. Zeros are never suppressed: nobody is singled out by "none".

A suppressed cell reads MARKER ("c", as the DfE marks confidential figures in its statistics).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import yaml

from csc import PROJECT_DIR
from csc.warehouse import reading

#: What a suppressed cell shows (the DfE's symbol for confidential figures).
MARKER = "c"
#: The threshold when neither the warehouse nor dbt_project.yml says otherwise.
DEFAULT_THRESHOLD = 5

#: The LA figures a published row can hide, and the region figures (same for every LA).
LA_FIGURES = ("headline_numerator", "headline_denominator", "headline_value",
              "rank_in_region", "quartile", "difference_to_region")
REGION_FIGURES = ("region_numerator", "region_denominator", "region_value", "region_median")


def suppression_threshold(db_path: Path | None = None,
                          con: duckdb.DuckDBPyConnection | None = None) -> int:
    """The threshold the warehouse was built with (marts.regional_disclosure_settings), else
    var suppression_threshold in dbt_project.yml, else 5. con: the warehouse when the caller
    has it open (csc.warehouse.reading)."""
    if db_path is not None and Path(db_path).exists():
        try:
            with reading(db_path, con) as con:
                row = con.execute("select suppression_threshold from "
                                  "marts.regional_disclosure_settings").fetchone()
            if row and row[0]:
                return int(row[0])
        except duckdb.Error:
            pass
    project = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))
    return int((project.get("vars") or {}).get("suppression_threshold", DEFAULT_THRESHOLD))


@dataclass
class _Row:
    """One LA's row of a KPI and month while the rules run: which cells are hidden, and why."""

    data: dict[str, Any]
    hidden: set[str] = field(default_factory=set)
    reasons: list[str] = field(default_factory=list)

    @property
    def n(self) -> int | None:
        return self.data.get("headline_numerator")

    @property
    def d(self) -> int | None:
        return self.data.get("headline_denominator")

    def hide(self, reason: str, *columns: str) -> None:
        self.hidden.update(columns)
        if reason not in self.reasons:
            self.reasons.append(reason)


def _small(x: Any, threshold: int) -> bool:
    return x is not None and 1 <= x <= threshold


def suppress(rows: Iterable[dict[str, Any]], threshold: int) -> list[dict[str, Any]]:
    """The published form of regional_comparison rows: suppressed cells read MARKER.

    Every row keeps its columns, with rank_in_region and quartile recomputed among the shown
    values, plus las_ranked (how many LAs are ranked in the published table), suppression (the
    rules that hid one of the LA's figures, '' when none) and region_suppression (the rules
    that hid a region figure). Rows come back in input order.
    """
    groups: dict[tuple[Any, Any], list[_Row]] = defaultdict(list)
    ordered: list[_Row] = []
    for row in rows:
        r = _Row(dict(row))
        ordered.append(r)
        groups[(r.data["kpi_id"], r.data["month_end"])].append(r)
    out_by_id: dict[int, dict[str, Any]] = {}
    for group in groups.values():
        for r, published in zip(group, _suppress_group(group, threshold), strict=True):
            out_by_id[id(r)] = published
    return [out_by_id[id(r)] for r in ordered]


def _suppress_group(group: Sequence[_Row], t: int) -> list[dict[str, Any]]:
    unit = group[0].data.get("headline_unit")
    percent = unit == "percent"
    region_hidden: set[str] = set()
    region_reasons: list[str] = []
    first = group[0].data

    # Primary, per LA.
    for r in group:
        if _small(r.n, t):
            r.hide(f"P1 numerator 1-{t}", "headline_numerator")
        if percent and _small(r.d, t):
            r.hide(f"P2 denominator 1-{t}", "headline_numerator", "headline_denominator")
        if percent and r.n is not None and r.d is not None and _small(r.d - r.n, t):
            r.hide(f"P3 denominator minus numerator 1-{t}", "headline_numerator")

    # Primary, the region's own totals.
    if _small(first.get("region_numerator"), t):
        region_hidden.add("region_numerator")
        region_reasons.append(f"R region numerator 1-{t}")
    if percent and _small(first.get("region_denominator"), t):
        region_hidden.add("region_denominator")
        region_reasons.append(f"R region denominator 1-{t}")

    # Secondary: one hidden part of a shown total would be the total minus the others.
    # Only LAs counted in the region's sums matter (a rate without population is not).
    contributors = [r for r in group if unit == "count" or r.d is not None]
    for column, total, rule in (("headline_numerator", "region_numerator", "S1"),
                                ("headline_denominator", "region_denominator", "S2")):
        if column == "headline_denominator" and not percent:
            continue
        hidden = [r for r in contributors if column in r.hidden]
        if len(hidden) != 1 or total in region_hidden:
            continue
        candidates = [r for r in contributors if column not in r.hidden
                      and (r.data.get(column) or 0) > 0]
        if candidates:
            pick = min(candidates, key=lambda r: (r.data[column], str(r.data["la_code"])))
            pick.hide(f"{rule} secondary {column.removeprefix('headline_')}", column)
        else:
            region_hidden.add(total)
            region_reasons.append(f"{rule} secondary region {total.removeprefix('region_')}")

    # What follows: values built on hidden parts, and the region's value.
    for r in group:
        if r.hidden & {"headline_numerator", "headline_denominator"}:
            r.hidden.update({"headline_value", "rank_in_region", "quartile",
                             "difference_to_region"})
    if region_hidden:
        region_hidden.add("region_value")
        for r in group:
            r.hidden.add("difference_to_region")

    # The median, when it gives back a hidden value.
    if _median_reveals(group):
        region_hidden.add("region_median")
        region_reasons.append("S3 median is a hidden value")

    ranks, ranked = _ranks(group)
    published = []
    for r in group:
        row = dict(r.data)
        row["rank_in_region"], row["quartile"] = ranks.get(id(r), (None, None))
        row["las_ranked"] = ranked
        for column in (*r.hidden, *region_hidden):
            row[column] = MARKER
        row["suppression"] = "; ".join(r.reasons)
        row["region_suppression"] = "; ".join(region_reasons)
        published.append(row)
    return published


def _median_reveals(group: Sequence[_Row]) -> bool:
    """Whether the median is (or half of it is) a value that only a hidden LA has."""
    values = sorted((r.data["headline_value"], "headline_value" in r.hidden) for r in group
                    if r.data.get("headline_value") is not None)
    if not values:
        return False
    shown = {v for v, hidden in values if not hidden}
    middle = {values[(len(values) - 1) // 2][0], values[len(values) // 2][0]}
    return any(v not in shown for v in middle)


def _ranks(group: Sequence[_Row]) -> tuple[dict[int, tuple[int, int | None]], int]:
    """Rank (1 = best; ties share) and quartile band among the shown values, as the mart
    ranks them among all values."""
    shown = [r for r in group if r.data.get("headline_value") is not None
             and "headline_value" not in r.hidden]
    low_is_good = group[0].data.get("direction") == "low_is_good"

    def key(r: _Row) -> float:
        v = float(r.data["headline_value"])
        return v if low_is_good else -v

    keys = sorted(key(r) for r in shown)
    n = len(shown)
    out: dict[int, tuple[int, int | None]] = {}
    for r in shown:
        rank = keys.index(key(r)) + 1
        out[id(r)] = (rank, 1 + (4 * (rank - 1)) // n if n >= 4 else None)
    return out, n


def published_regional_rows(db_path: Path, month_ends: Sequence[Any] | None = None,
                            threshold: int | None = None,
                            con: duckdb.DuckDBPyConnection | None = None
                            ) -> list[dict[str, Any]]:
    """marts.regional_comparison for the given months (all when None), suppressed; con: the
    warehouse when the caller has it open (csc.warehouse.reading)."""
    where, params = "", []
    if month_ends is not None:
        where = f"where month_end in ({', '.join('?' for _ in month_ends)})"
        params = list(month_ends)
    with reading(db_path, con) as con:
        cursor = con.execute(
            f"select * from marts.regional_comparison {where} "
            "order by month_end, kpi_id, la_code", params)
        names = [c[0] for c in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        if threshold is None:
            threshold = suppression_threshold(db_path, con)
    return suppress(rows, threshold)
