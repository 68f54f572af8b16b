"""Row-by-row comparison of the warehouse's kpi_values with the oracle's, and a compact
report of the differences."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

KEY = ["la_code", "kpi_id", "month_end", "period_type"]
MEASURES = ["numerator", "denominator", "value", "unit"]


@dataclass
class Comparison:
    only_warehouse: pd.DataFrame  # keys the oracle does not produce
    only_oracle: pd.DataFrame  # keys the warehouse does not produce
    mismatches: pd.DataFrame  # KEY + <measure>_wh, <measure>_oracle for differing rows

    @property
    def ok(self) -> bool:
        return self.only_warehouse.empty and self.only_oracle.empty and self.mismatches.empty

    def counts_per_kpi(self) -> pd.Series:
        """Mismatching rows (values or keys) per KPI."""
        parts = [self.mismatches["kpi_id"], self.only_warehouse["kpi_id"],
                 self.only_oracle["kpi_id"]]
        return pd.concat(parts).value_counts().sort_index()

    def report(self, max_rows: int = 15) -> str:
        """Counts per KPI, then up to max_rows differing rows per KPI."""
        lines = ["mismatching rows per KPI:"]
        lines += [f"  {kpi:<26} {n}" for kpi, n in self.counts_per_kpi().items()]
        for label, keys in (("only in warehouse", self.only_warehouse),
                            ("only in oracle", self.only_oracle)):
            if not keys.empty:
                lines.append(f"{label}: {len(keys)} rows, e.g.")
                lines += [f"  {_key(r)}" for r in keys.head(max_rows).itertuples(index=False)]
        for kpi, rows in self.mismatches.groupby("kpi_id"):
            lines.append(f"{kpi}: {len(rows)} rows differ (warehouse | oracle: num/den/value)")
            for r in rows.head(max_rows).to_dict("records"):
                wh = _triple(r, "wh")
                orc = _triple(r, "oracle")
                lines.append(f"  {r['la_code']} {r['month_end']} {r['period_type']:<11} "
                             f"{wh:<28} | {orc}")
        return "\n".join(lines)


def compare(warehouse: pd.DataFrame, oracle: pd.DataFrame, tolerance: float = 1e-9
            ) -> Comparison:
    """Same keys; numerator, denominator and unit equal; value within tolerance."""
    wh = _normalise(warehouse)
    orc = _normalise(oracle)
    both = wh.merge(orc, on=KEY, how="outer", suffixes=("_wh", "_oracle"), indicator=True)
    only_wh = both.loc[both["_merge"] == "left_only", KEY]
    only_orc = both.loc[both["_merge"] == "right_only", KEY]
    matched = both[both["_merge"] == "both"]
    differs = pd.Series(False, index=matched.index)
    for col in MEASURES:
        same = _close if col == "value" else _equal
        differs |= pd.Series([not same(a, b, tolerance) for a, b in
                              zip(matched[f"{col}_wh"], matched[f"{col}_oracle"], strict=True)],
                             index=matched.index, dtype=bool)
    mismatches = matched.loc[differs, KEY + [f"{c}_{s}" for c in MEASURES
                                              for s in ("wh", "oracle")]]
    return Comparison(only_wh.reset_index(drop=True), only_orc.reset_index(drop=True),
                      mismatches.sort_values(KEY).reset_index(drop=True))


def _normalise(df: pd.DataFrame) -> pd.DataFrame:
    out = df[KEY + MEASURES].copy()
    out["month_end"] = pd.to_datetime(out["month_end"]).dt.date
    for col in ("numerator", "denominator"):
        out[col] = out[col].astype("Int64")
    out["value"] = out["value"].astype("float64")
    return out


def _close(a: float, b: float, tolerance: float) -> bool:
    if pd.isna(a) or pd.isna(b):
        return bool(pd.isna(a) and pd.isna(b))
    return math.isclose(a, b, rel_tol=0.0, abs_tol=tolerance)


def _equal(a: object, b: object, _tolerance: float) -> bool:
    if pd.isna(a) or pd.isna(b):
        return bool(pd.isna(a) and pd.isna(b))
    return bool(a == b)


def _key(r: tuple) -> str:
    return " ".join(str(x) for x in r)


def _triple(r: dict, side: str) -> str:
    def show(x: object) -> str:
        return "-" if pd.isna(x) else (f"{x:.4f}" if isinstance(x, float) else str(x))
    return "/".join(show(r[f"{c}_{side}"]) for c in ("numerator", "denominator", "value"))
