"""Disclosure control of the published regional outputs (csc.disclosure, docs/regional.md),
pinned on hand-made KPI-months: primary suppression of small numerators, denominators and
complements, the secondary suppression that stops a region total giving a hidden cell back,
the median, and ranks recomputed among the shown values."""

from __future__ import annotations

from datetime import date
from typing import Any

from csc.disclosure import MARKER, suppress, suppression_threshold

C = MARKER
MONTH = date(2019, 12, 31)


def rows(kpi: str, unit: str, direction: str, figures: dict[str, tuple[int | None, int | None]]
         ) -> list[dict[str, Any]]:
    """regional_comparison rows for one KPI-month, computed here as the mart computes them."""
    scale = {"percent": 100.0, "rate_per_10k": 10000.0}.get(unit)

    def value(n: int | None, d: int | None) -> float | None:
        if unit == "count":
            return None if n is None else float(n)
        return None if n is None or not d else scale * n / d

    counted = {la: nd for la, nd in figures.items() if unit == "count" or nd[1] is not None}
    rn = sum(n or 0 for n, _ in counted.values())
    rd = None if unit == "count" else sum(d or 0 for _, d in counted.values())
    region = float(rn) if unit == "count" else (scale * rn / rd if rd else None)
    values = sorted(v for v in (value(n, d) for n, d in figures.values()) if v is not None)
    mid = (values[(len(values) - 1) // 2] + values[len(values) // 2]) / 2 if values else None
    return [
        {"kpi_id": kpi, "month_end": MONTH, "la_code": la, "direction": direction,
         "headline_unit": unit, "headline_numerator": n, "headline_denominator": d,
         "headline_value": value(n, d), "rank_in_region": None, "quartile": None,
         "region_numerator": rn, "region_denominator": rd, "region_value": region,
         "region_median": mid,
         "difference_to_region": None if value(n, d) is None or region is None
         else value(n, d) - region}
        for la, (n, d) in figures.items()
    ]


def by_la(published: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["la_code"]: r for r in published}


def test_nothing_small_nothing_hidden_and_ranks_as_the_mart() -> None:
    out = by_la(suppress(rows("pct", "percent", "high_is_good",
                              {"001": (80, 100), "002": (40, 50), "003": (30, 100),
                               "004": (60, 100)}), 5))
    assert {la: r["suppression"] for la, r in out.items()} == dict.fromkeys(out, "")
    assert [out[la]["rank_in_region"] for la in ("001", "002", "003", "004")] == [1, 1, 4, 3]
    assert [out[la]["quartile"] for la in ("001", "002", "003", "004")] == [1, 1, 4, 3]
    assert out["001"]["headline_numerator"] == 80
    assert out["001"]["region_value"] == 210 / 350 * 100


def test_a_small_numerator_hides_its_value_and_a_second_la_is_hidden_with_it() -> None:
    """LA 002 has 3 of 50 (primary). Region 213 and the others 80 + 30 + 100 would give 3 back,
    so the next smallest non-zero numerator, LA 003's 30, is hidden too (secondary); LA 005's
    0 is shown and never picked. Ranks close up over the three shown values."""
    out = by_la(suppress(rows("pct", "percent", "high_is_good",
                              {"001": (80, 100), "002": (3, 50), "003": (30, 100),
                               "004": (100, 120), "005": (0, 40)}), 5))
    assert out["002"]["headline_numerator"] == C
    assert out["002"]["headline_value"] == C
    assert out["002"]["difference_to_region"] == C
    assert out["002"]["rank_in_region"] == C
    assert out["002"]["headline_denominator"] == 50  # the denominator alone gives nothing away
    assert out["002"]["suppression"] == "P1 numerator 1-5"
    assert out["003"]["headline_numerator"] == C
    assert out["003"]["headline_value"] == C
    assert out["003"]["suppression"] == "S1 secondary numerator"
    assert out["005"]["headline_numerator"] == 0
    assert out["001"]["region_numerator"] == 213  # the region stays shown
    assert {la: out[la]["rank_in_region"] for la in ("001", "004", "005")} == \
        {"004": 1, "001": 2, "005": 3}
    assert {out[la]["las_ranked"] for la in out} == {3}
    assert {out[la]["quartile"] for la in ("001", "004", "005")} == {None}  # under 4 ranked
    # 0, 6, 30, 80, 83.3: the median is LA 003's 30%, now hidden, so the median is too
    assert out["001"]["region_median"] == C
    assert out["001"]["region_suppression"] == "S3 median is a hidden value"


def test_two_small_numerators_need_no_secondary() -> None:
    out = by_la(suppress(rows("pct", "percent", "low_is_good",
                              {"001": (2, 40), "002": (4, 50), "003": (30, 100)}), 5))
    assert out["001"]["headline_numerator"] == C and out["002"]["headline_numerator"] == C
    assert out["003"]["headline_numerator"] == 30
    assert out["003"]["suppression"] == ""


def test_when_only_zeros_are_left_the_region_total_is_hidden_instead() -> None:
    out = by_la(suppress(rows("pct", "percent", "low_is_good",
                              {"001": (4, 40), "002": (0, 50), "003": (0, 100)}), 5))
    # 4 is also the region's numerator (R); either way the region's count and value are hidden
    assert out["002"]["region_numerator"] == C
    assert out["002"]["region_value"] == C
    assert out["002"]["difference_to_region"] == C
    assert out["002"]["headline_numerator"] == 0
    assert out["002"]["region_suppression"].startswith("R region numerator 1-5")
    out = by_la(suppress(rows("pct", "percent", "low_is_good",
                              {"001": (4, 40), "002": (0, 50), "003": (6, 6)}), 5))
    # LA 003's 6 of 6 is not small and its complement is 0, so it is shown; the secondary
    # hides it (the only non-zero numerator left), and the region stays.
    assert out["003"]["headline_numerator"] == C
    assert out["003"]["suppression"] == "S1 secondary numerator"
    assert out["001"]["region_numerator"] == 10


def test_small_denominator_and_small_complement() -> None:
    """P2: 2 of 3 children due a visit hides both numbers (and 3 - 2 = 1 is a small complement
    too); P3: 58 of 60 seen leaves 2 unseen, so 58 is hidden but the 60 stays, at first. With one
    denominator hidden and the region's shown, the denominator secondary hides the smallest
    other denominator: LA 002's 60."""
    out = by_la(suppress(rows("pct", "percent", "high_is_good",
                              {"001": (2, 3), "002": (58, 60), "003": (70, 100),
                               "004": (40, 80)}), 5))
    assert out["001"]["headline_denominator"] == C and out["001"]["headline_numerator"] == C
    assert out["001"]["suppression"] == \
        "P1 numerator 1-5; P2 denominator 1-5; P3 denominator minus numerator 1-5"
    assert out["002"]["headline_numerator"] == C and out["002"]["headline_value"] == C
    assert out["002"]["headline_denominator"] == C
    assert out["002"]["suppression"] == \
        "P3 denominator minus numerator 1-5; S2 secondary denominator"
    assert out["004"]["headline_denominator"] == 80 and out["004"]["headline_value"] == 50.0
    assert out["003"]["suppression"] == out["004"]["suppression"] == ""
    # two numerators hidden (001, 002): no numerator secondary needed
    assert out["003"]["headline_numerator"] == 70 and out["004"]["headline_numerator"] == 40
    assert (out["003"]["rank_in_region"], out["004"]["rank_in_region"]) == (1, 2)
    assert out["003"]["las_ranked"] == 2
    assert out["003"]["region_denominator"] == 243


def test_rates_never_hide_the_population_and_the_threshold_is_a_parameter() -> None:
    figures = {"001": (3, 20000), "002": (7, 30000), "003": (50, 25000), "004": (60, 40000)}
    out = by_la(suppress(rows("rate", "rate_per_10k", "low_is_good", figures), 5))
    assert out["001"]["headline_numerator"] == C and out["001"]["headline_value"] == C
    assert out["001"]["headline_denominator"] == 20000
    assert out["002"]["headline_numerator"] == C  # secondary: next smallest, 7
    assert out["002"]["headline_denominator"] == 30000
    out = by_la(suppress(rows("rate", "rate_per_10k", "low_is_good", figures), 2))
    assert out["001"]["headline_numerator"] == 3  # threshold 2: nothing below it
    assert all(r["suppression"] == "" for r in out.values())


def test_the_median_is_hidden_when_it_is_a_hidden_value() -> None:
    """Five LAs: the median is the third value, LA 003's 3 of 100; hidden, so is the median.
    A median that a shown LA shares (or two shown middles) stays."""
    out = by_la(suppress(rows("pct", "percent", "low_is_good",
                              {"001": (1, 100), "002": (2, 100), "003": (3, 100),
                               "004": (40, 100), "005": (50, 100)}), 2))
    assert out["003"]["headline_value"] == 3.0
    assert out["001"]["headline_value"] == C and out["002"]["headline_value"] == C
    assert out["001"]["region_median"] == 3.0
    out = by_la(suppress(rows("pct", "percent", "low_is_good",
                              {"001": (10, 100), "002": (20, 100), "003": (3, 100),
                               "004": (40, 100), "005": (50, 100)}), 5))
    assert out["003"]["headline_value"] == C
    assert out["001"]["region_median"] == 20.0  # the median is LA 002's shown 20%
    out = by_la(suppress(rows("pct", "percent", "low_is_good",
                              {"001": (10, 100), "002": (4, 100), "003": (3, 100),
                               "004": (40, 100)}), 5))
    # four values 3, 4, 10, 40: the median (4 + 10) / 2 would give LA 002's hidden 4% back
    assert out["001"]["region_median"] == C
    assert out["001"]["region_suppression"] == "S3 median is a hidden value"


def test_counts_are_suppressed_like_numerators() -> None:
    out = by_la(suppress(rows("cnt", "count", "high_is_good",
                              {"001": (4, None), "002": (60, None), "003": (90, None)}), 5))
    assert out["001"]["headline_numerator"] == C and out["001"]["headline_value"] == C
    assert out["002"]["headline_value"] == C  # secondary: the next smallest count
    assert out["003"]["headline_value"] == 90.0
    assert out["003"]["region_value"] == 154.0


def test_zeros_are_never_suppressed() -> None:
    out = by_la(suppress(rows("pct", "percent", "low_is_good",
                              {"001": (0, 100), "002": (0, 80), "003": (0, 90)}), 5))
    assert all(r["suppression"] == "" for r in out.values())
    assert out["001"]["region_numerator"] == 0


def test_threshold_default_is_five_as_the_dfe() -> None:
    assert suppression_threshold(None) == 5
