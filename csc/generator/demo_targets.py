"""Monthly targets for the demo LA (999), April 2016 to December 2019.

The December 2019 figures are the council report's (docs/kpis.md, "The demo"); the financial
year to date and November figures are reached by solving for the April-November totals that
round to the report's percentages; the other months follow the shape of the report's monthly
series with a seeded wobble, so that the demo reads like a real council's history.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from csc.generator.calendar import months_between

Month = tuple[int, int]
MONTHS: list[Month] = months_between((2016, 4), (2019, 12))
FY19: list[Month] = months_between((2019, 4), (2019, 11))  # April-November 2019
DEC19: Month = (2019, 12)
NOV19: Month = (2019, 11)

# The report's December 2019 figures (seed-report-2019-12.md), as the demo must reproduce them.
REPORT = {
    "contacts": (158, 892), "contacts_fytd_pct": 26.3, "contacts_nov_fytd_pct": 27.1,
    "re_referrals": (61, 161), "re_referrals_fytd_pct": 30.9, "re_referrals_nov_fytd_pct": 30.5,
    "assessments": (166, 201), "assessments_fytd_pct": 60.1, "assessments_nov_fytd_pct": 57.5,
    "eha_month": 109, "eha_rolling": 1872, "eha_nov_rolling": 1906,
    "cp_open": 186, "cp_open_nov": 177,
    "cp_ended": (0, 17), "cp_ended_fytd": (4, 175), "cp_ended_nov_fytd": (4, 158),
    "cp_visits": (136, 161),
    "cla_looked_after": 360, "cla_looked_after_nov": 358,
    "cla_12m": 260, "cla_12m_nov": 258,
    "stability": 19, "stability_nov": 19,
    "cla_visits": (329, 360),
    "dental": (201, 260), "dental_nov": (200, 258),
}

# Shape of the year: contacts dip in August (schools closed) and December.
SEASON = {4: 0.97, 5: 1.0, 6: 1.01, 7: 0.99, 8: 0.84, 9: 1.04, 10: 1.08, 11: 1.07, 12: 0.86,
          1: 1.05, 2: 1.03, 3: 1.04}


def _rounds_to(value: float, target: float) -> bool:
    """Whether a percentage prints as target at 1 decimal, with a margin for float noise."""
    return abs(value - target) < 0.045


def solve_fytd(nov_pct: float, dec_pct: float, dec_num: int, dec_den: int,
               prefer_den: int) -> tuple[int, int]:
    """April-November totals (numerator, denominator) whose ratio prints as nov_pct and that,
    with December's counts added, print as dec_pct; the denominator closest to prefer_den."""
    for delta in range(0, 4000):
        for den in (prefer_den - delta, prefer_den + delta):
            if den <= 0:
                continue
            centre = round(nov_pct / 100 * den)
            for num in range(centre - 2, centre + 3):
                if (_rounds_to(100 * num / den, nov_pct)
                        and _rounds_to(100 * (num + dec_num) / (den + dec_den), dec_pct)):
                    return num, den
    raise ValueError("no April-November totals reach both percentages")


def split(total: int, weights: list[float]) -> list[int]:
    """Integers proportional to weights that sum to total (largest remainder)."""
    raw = [total * w / sum(weights) for w in weights]
    out = [math.floor(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: out[i] - raw[i])
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


def _weights(counts: dict[Month, int], rates: list[float]) -> list[float]:
    """April-November weights: each month's denominator times its intended rate."""
    return [counts[mm] * r for mm, r in zip(FY19, rates, strict=True)]


@dataclass
class Targets:
    """Per-month targets: counts the builders place exactly."""

    contacts: dict[Month, int] = field(default_factory=dict)
    progressed: dict[Month, int] = field(default_factory=dict)
    referrals: dict[Month, int] = field(default_factory=dict)
    re_referrals: dict[Month, int] = field(default_factory=dict)
    assessments: dict[Month, int] = field(default_factory=dict)
    on_time: dict[Month, int] = field(default_factory=dict)
    eha: dict[Month, int] = field(default_factory=dict)
    cp_open: dict[Month, int] = field(default_factory=dict)
    cp_ends: dict[Month, int] = field(default_factory=dict)
    cp_long_ends: dict[Month, int] = field(default_factory=dict)
    cp_visit_rate: dict[Month, float] = field(default_factory=dict)
    cla_looked_after: dict[Month, int] = field(default_factory=dict)
    cla_entries: dict[Month, int] = field(default_factory=dict)


def build_targets(seed: int) -> Targets:
    """The demo's month-by-month targets (see the module docstring)."""
    rnd = random.Random(seed)
    t = Targets()
    wobble = lambda sd: 1 + rnd.gauss(0, sd)  # noqa: E731 - a one-line local helper

    # --- Front door: contacts, progression, referrals, re-referrals ---------------------------
    fixed_contacts = {(2018, 12): 1283, (2019, 1): 1256, (2019, 2): 1254, (2019, 3): 1182,
                      (2019, 4): 1118, (2019, 5): 1105, (2019, 6): 1080, (2019, 7): 988}
    for i, (y, m) in enumerate(MONTHS):
        trend = 1.0 + 0.05 * i / 32
        usual = round(1190 * SEASON[m] * trend * wobble(0.03))
        t.contacts[(y, m)] = fixed_contacts.get((y, m), usual)
        rate = 0.26 if y == 2016 or (y, m) < (2017, 4) else 0.25 if (y, m) < (2018, 4) else 0.245
        t.progressed[(y, m)] = round(t.contacts[(y, m)] * rate * wobble(0.05))
    dec_prog, dec_contacts = REPORT["contacts"]
    fixed_fy = sum(fixed_contacts[mm] for mm in FY19[:4])
    prefer = fixed_fy + round(1.02 * 4 * 1190)
    q, s = solve_fytd(REPORT["contacts_nov_fytd_pct"], REPORT["contacts_fytd_pct"],
                      dec_prog, dec_contacts, prefer)
    for mm, n in zip(FY19[4:], split(s - fixed_fy, [SEASON[m] for _, m in FY19[4:]]), strict=True):
        t.contacts[mm] = n
    rates = [0.30, 0.29, 0.285, 0.28, 0.27, 0.265, 0.255, 0.25]
    t.progressed.update(zip(FY19, split(q, _weights(t.contacts, rates)), strict=True))
    t.contacts[DEC19], t.progressed[DEC19] = dec_contacts, dec_prog

    for (y, m) in MONTHS:
        t.referrals[(y, m)] = round(t.progressed[(y, m)] * (0.98 + 0.06 * rnd.random()))
        rate = 0.21 if (y, m) < (2018, 4) else 0.22 if (y, m) < (2019, 1) else 0.25
        t.re_referrals[(y, m)] = round(t.referrals[(y, m)] * rate * wobble(0.08))
    dec_rr, dec_ref = REPORT["re_referrals"]
    rr, r = solve_fytd(REPORT["re_referrals_nov_fytd_pct"], REPORT["re_referrals_fytd_pct"],
                       dec_rr, dec_ref, sum(t.progressed[mm] for mm in FY19))
    for mm, n in zip(FY19, split(r, [t.progressed[mm] for mm in FY19]), strict=True):
        t.referrals[mm] = n
    rr_rates = [0.27, 0.28, 0.29, 0.30, 0.31, 0.32, 0.325, 0.33]
    t.re_referrals.update(zip(FY19, split(rr, _weights(t.referrals, rr_rates)), strict=True))
    t.referrals[DEC19], t.re_referrals[DEC19] = dec_ref, dec_rr

    # --- Assessments: about 60% of referrals; timeliness dipped in 2018-19 and is recovering --
    for i, (y, m) in enumerate(MONTHS):
        prev = [t.referrals[mm] for mm in MONTHS[max(0, i - 2):i]] or [t.referrals[(y, m)] // 2]
        t.assessments[(y, m)] = round(0.63 * sum(prev) / len(prev) * wobble(0.04))
        rate = 0.80 if (y, m) < (2018, 4) else 0.72 if (y, m) < (2018, 10) else 0.58
        t.on_time[(y, m)] = round(t.assessments[(y, m)] * min(0.97, rate * wobble(0.04)))
    dec_ot, dec_a = REPORT["assessments"]
    ot, a = solve_fytd(REPORT["assessments_nov_fytd_pct"], REPORT["assessments_fytd_pct"],
                       dec_ot, dec_a, round(0.64 * r))
    for mm, n in zip(FY19, split(a, [t.referrals[mm] for mm in FY19]), strict=True):
        t.assessments[mm] = n
    ot_rates = [0.50, 0.52, 0.55, 0.56, 0.58, 0.60, 0.62, 0.65]
    t.on_time.update(zip(FY19, split(ot, _weights(t.assessments, ot_rates)), strict=True))
    t.assessments[DEC19], t.on_time[DEC19] = dec_a, dec_ot

    # --- Early help: children starting an EHA each month -------------------------------------
    for (y, m) in MONTHS:
        t.eha[(y, m)] = round(150 * SEASON[m] ** 2 * wobble(0.05))
    year_2019 = [165, 160, 170, 150, 168, 166, 158, 112, 172, 178, 164]  # Jan-Nov: 1,763
    for m, n in enumerate(year_2019, start=1):
        t.eha[(2019, m)] = n
    t.eha[DEC19] = REPORT["eha_month"]
    t.eha[(2018, 12)] = REPORT["eha_nov_rolling"] - sum(year_2019)
    assert sum(year_2019) + REPORT["eha_month"] == REPORT["eha_rolling"]

    # --- Child protection: children on a plan at month end, plans ending ----------------------
    level = 228.0
    for (y, m) in MONTHS:
        level += rnd.gauss(0.4, 3.5)
        level = min(max(level, 215), 250)
        t.cp_open[(y, m)] = round(level)
        t.cp_ends[(y, m)] = max(12, round(rnd.gauss(20, 3)))
        t.cp_long_ends[(y, m)] = 1 if rnd.random() < 0.3 else 0
        t.cp_visit_rate[(y, m)] = min(1.0, rnd.uniform(0.9, 1.0))
    late = {(2018, 12): 239, (2019, 1): 236, (2019, 2): 225, (2019, 3): 219, (2019, 4): 213,
            (2019, 5): 208, (2019, 6): 204, (2019, 7): 200, (2019, 8): 197, (2019, 9): 192,
            (2019, 10): 186, NOV19: REPORT["cp_open_nov"], DEC19: REPORT["cp_open"]}
    t.cp_open.update(late)
    t.cp_ends.update(zip(FY19, [19, 20, 19, 21, 19, 20, 19, 21], strict=True))
    t.cp_long_ends.update(zip(FY19, [1, 0, 1, 0, 1, 0, 1, 0], strict=True))
    assert sum(t.cp_ends[mm] for mm in FY19) == REPORT["cp_ended_nov_fytd"][1]
    assert sum(t.cp_long_ends[mm] for mm in FY19) == REPORT["cp_ended_nov_fytd"][0]
    t.cp_ends[DEC19], t.cp_long_ends[DEC19] = REPORT["cp_ended"][1], REPORT["cp_ended"][0]
    t.cp_visit_rate[NOV19] = 1.0

    # --- Children in care: looked after at month end and monthly entries ---------------------
    level = 336.0
    for (y, m) in MONTHS:
        level += 0.45 + rnd.gauss(0, 1.5)
        t.cla_looked_after[(y, m)] = round(level)
        t.cla_entries[(y, m)] = max(4, round(rnd.gauss(10, 2.5)))
    last = MONTHS.index((2019, 6))
    for i, mm in enumerate(MONTHS[last:]):  # glide to November's and December's counts
        t.cla_looked_after[mm] = round(t.cla_looked_after[MONTHS[last - 1]]
                                       + (REPORT["cla_looked_after_nov"]
                                          - t.cla_looked_after[MONTHS[last - 1]]) * (i + 1) / 6)
    t.cla_looked_after[NOV19] = REPORT["cla_looked_after_nov"]
    t.cla_looked_after[DEC19] = REPORT["cla_looked_after"]
    t.cla_entries[DEC19] = 8
    return t
