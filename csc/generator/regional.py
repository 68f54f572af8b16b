"""One LA of a regional synthetic extract, vectorised with numpy.

Volumes scale with the LA's 0-17 population and follow published national patterns (DfE
Children in Need census and SSDA903 returns): about 0.27 contacts per child per year, about a
quarter or less converting to referral, about 60% of referrals assessed (most within 45
working days, with a long tail), about a fifth of referrals within 12 months of another, CP
plans of 3-30 months with a few over 2 years, children in care with several episodes, legal
status changes and placement moves, visits at roughly the statutory cadence with some missed,
dental checks and health assessments mostly on time, some unborn children, short-break children
and other-LA plans.

Why numpy and no per-row Python: an England-scale run (153 LAs x 10 years) is tens of millions
of rows, and must be written in minutes with memory bounded by one LA. Rows are built as typed
arrays (ids as integers, dates as day numbers, NaT for null), bad rows are planted in that form
(csc.generator.dirty), and ids become text only at the end.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from csc.generator import tables as codes
from csc.generator.dirty import plant_bad_rows
from csc.generator.tables import DATE, ID, TABLES
from csc.generator.untidy import make_untidy
from csc.generator.writer import FileStyle, Table, random_style

NAT = np.iinfo(np.int64).min  # day number of a null date (NaT once viewed as datetime64)
YEAR = 365.25
# Id prefixes per table (ids are opaque text; a prefix keeps tables apart when reading files).
ID_PREFIX = {"pers_person_id": "", "cont_contact_id": "C", "earl_episode_id": "E",
             "cine_referral_id": "R", "cina_assessment_id": "A", "cppl_cp_plan_id": "P",
             "cppv_cp_visit_id": "V", "clae_cla_episode_id": "CE", "clae_cla_id": "CL",
             "clap_cla_placement_id": "PL", "lega_legal_status_id": "LS",
             "clav_cla_visit_id": "CV", "clah_health_check_id": "H"}


def _day(d: date) -> int:
    return (d - date(1970, 1, 1)).days


def _weekday(days: np.ndarray) -> np.ndarray:
    """Move weekend dates back to the Friday (offices record on working days)."""
    wd = (days + 3) % 7  # 1970-01-01 was a Thursday; Monday = 0
    return days - np.where(wd == 5, 1, np.where(wd == 6, 2, 0))


def _within_group(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For groups of the given sizes: each row's group index and its position in the group."""
    group = np.repeat(np.arange(len(counts)), counts)
    starts = np.cumsum(counts) - counts
    return group, np.arange(int(counts.sum())) - np.repeat(starts, counts)


class LaGenerator:
    """Builds the typed tables of one LA; see the module docstring."""

    def __init__(self, rng: np.random.Generator, population: int,
                 first: tuple[int, int], last: tuple[int, int]) -> None:
        self.rng = rng
        self.pop = population
        self.d0 = _day(date(*first, 1))
        y, m = last
        self.d1 = _day(date(y + (m == 12), m % 12 + 1, 1)) - 1  # last day of the last month
        self.n_people = 0
        self.dob: list[np.ndarray] = []
        self.expected: list[np.ndarray] = []
        # Each LA has its own habits: conversion rate, timeliness, visit diligence.
        self.conversion = rng.uniform(0.18, 0.27)
        self.on_time = rng.uniform(0.7, 0.92)
        self.visit_rate = rng.uniform(0.88, 0.98)

    def people(self, dob: np.ndarray, expected: np.ndarray | None = None) -> np.ndarray:
        """Register children with these dates of birth; returns their person numbers."""
        n = len(dob)
        ids = np.arange(self.n_people, self.n_people + n)
        self.n_people += n
        self.dob.append(dob)
        self.expected.append(expected if expected is not None else np.full(n, NAT))
        return ids

    def dates_in_span(self, n: int, lo: int, hi: int) -> np.ndarray:
        return _weekday(self.rng.integers(lo, hi + 1, size=n))

    # --- front door ---------------------------------------------------------------------------
    def front_door(self) -> dict[str, Table]:
        rng = self.rng
        span = self.d1 - self.d0 + 1
        n_contacts = rng.poisson(0.27 * self.pop * span / YEAR)
        pool = max(10, int(n_contacts / 2.4))
        self.pool = self.people(self.d1 - (rng.random(pool) * 17.5 * YEAR).astype(np.int64)
                                - rng.integers(0, 365, pool))
        # a skewed draw: some children come back to the front door again and again
        who = self.pool[(pool * rng.random(n_contacts) ** 1.7).astype(np.int64)]
        when = np.sort(self.dates_in_span(n_contacts, self.d0, self.d1))
        when = np.maximum(when, self.d0)
        progressed = rng.random(n_contacts) < self.conversion
        outcome = _outcomes(rng, progressed)
        contacts = {
            "cont_contact_id": np.arange(n_contacts), "cont_person_id": who,
            "cont_contact_date": when,
            "cont_contact_source_code": rng.choice(codes.SOURCE_CODES, n_contacts,
                                                   p=_p(codes.SOURCE_WEIGHTS)),
            "cont_contact_outcome_json": outcome}
        # referrals: most progressed contacts, on the same child and day
        keep = progressed & (rng.random(n_contacts) < 0.97)
        r_who, r_when = who[keep], when[keep]
        n_ref = len(r_who)
        assessed = rng.random(n_ref) < 0.6
        start = np.minimum(_weekday(r_when + rng.geometric(0.5, n_ref) - 1), self.d1)
        start = np.maximum(start, r_when)
        late = rng.random(n_ref) > self.on_time
        wdays = np.where(late, 46 + rng.exponential(25, n_ref).astype(np.int64),
                         rng.integers(5, 46, n_ref))
        auth = start + (wdays * 7) // 5
        auth = np.where(auth > self.d1, NAT, auth)
        a_idx = np.flatnonzero(assessed)
        nfa_ref = ~assessed & (rng.random(n_ref) < 0.9)
        close = np.where(nfa_ref, r_when + rng.integers(0, 14, n_ref),
                         np.where(assessed & (auth != NAT), auth + rng.integers(0, 200, n_ref),
                                  NAT))
        close = np.where(close > self.d1, NAT, close)
        referrals = {
            "cine_referral_id": np.arange(n_ref), "cine_person_id": r_who,
            "cine_referral_date": r_when,
            "cine_referral_source_code": rng.choice(codes.SOURCE_CODES, n_ref,
                                                    p=_p(codes.SOURCE_WEIGHTS)),
            "cine_cin_primary_need_code": rng.choice(codes.NEED_CODES, n_ref,
                                                     p=_p(codes.NEED_WEIGHTS)),
            "cine_referral_nfa": nfa_ref.astype(np.int8),
            "cine_close_date": close,
            "cine_close_reason": np.where(close == NAT, "",
                                          rng.choice(codes.CLOSE_REASONS, n_ref))}
        na = len(a_idx)
        a_auth = auth[a_idx]
        assessments = {
            "cina_assessment_id": np.arange(na), "cina_person_id": r_who[a_idx],
            "cina_assessment_start_date": start[a_idx], "cina_referral_id": a_idx,
            "cina_assessment_auth_date": a_auth,
            "cina_assessment_child_seen": (rng.random(na) < 0.94).astype(np.int8),
            "cina_assessment_outcome_nfa": np.where(a_auth == NAT, -1,
                                                    rng.random(na) < 0.45).astype(np.int8)}
        self.assessed = (r_who[a_idx], a_auth, a_idx)
        return {"ssd_contacts": contacts, "ssd_cin_episodes": referrals,
                "ssd_cin_assessments": assessments}

    # --- early help -------------------------------------------------------------------------
    def early_help(self) -> Table:
        rng = self.rng
        n = rng.poisson(0.036 * self.pop * (self.d1 - self.d0 + 1) / YEAR)
        start = self.dates_in_span(n, self.d0, self.d1)
        start = np.maximum(start, self.d0)
        known = rng.random(n) < 0.4
        fresh = self.people(start - (rng.random(n) * 16 * YEAR).astype(np.int64))
        who = np.where(known, self.pool[rng.integers(0, len(self.pool), n)], fresh)
        end = start + rng.integers(40, 300, n)
        ended = end <= self.d1
        return {"earl_episode_id": np.arange(n), "earl_person_id": who,
                "earl_episode_start_date": start,
                "earl_episode_end_date": np.where(ended, end, NAT),
                "earl_episode_reason": rng.choice(codes.EH_REASONS, n),
                "earl_episode_end_reason": np.where(ended, rng.choice(codes.EH_END_REASONS, n),
                                                    "")}

    # --- child protection ---------------------------------------------------------------------
    def child_protection(self) -> dict[str, Table]:
        rng = self.rng
        who, auth, ref = self.assessed
        done = auth != NAT
        to_plan = np.flatnonzero(done & (rng.random(len(auth)) < 0.12))
        start = _weekday(auth[to_plan] + rng.integers(5, 30, len(to_plan)))
        keep = start <= self.d1
        p_who, p_start, p_ref = who[to_plan][keep], start[keep], ref[to_plan][keep]
        # plans already running when the extract starts
        n0 = rng.poisson(0.0045 * self.pop)
        s0 = _weekday(self.d0 - 1 - rng.integers(5, 900, n0))
        w0 = self.people(s0 - (rng.random(n0) * 15 * YEAR).astype(np.int64))
        # pre-birth plans: the child is born during the plan, or not yet at the extract date
        n_pb = max(1, len(p_start) // 20)
        pb_start = self.dates_in_span(n_pb, self.d0, self.d1)
        pb_birth = pb_start + rng.integers(15, 120, n_pb)
        unborn = pb_birth > self.d1
        pb_who = self.people(np.where(unborn, NAT, pb_birth), np.where(unborn, pb_birth, NAT))
        # other LAs' children on a temporary plan here
        n_ola = max(1, len(p_start) // 40)
        ola_start = self.dates_in_span(n_ola, self.d0, self.d1)
        ola_who = self.people(ola_start - (rng.random(n_ola) * 15 * YEAR).astype(np.int64))

        who_all = np.concatenate([w0, p_who, pb_who, ola_who])
        start_all = np.maximum(np.concatenate([s0, p_start, pb_start, ola_start]),
                               _day(date(1990, 1, 1)))
        ref_all = np.concatenate([np.full(n0, -1), p_ref, np.full(n_pb + n_ola, -1)])
        n = len(who_all)
        ola = np.zeros(n, dtype=bool)
        ola[n - n_ola:] = True
        # lengths: 3-30 months mostly, a few beyond 2 years; other-LA plans are short
        length = np.clip(rng.lognormal(np.log(280), 0.55, n), 30, 1300).astype(np.int64)
        length = np.where(ola, rng.integers(20, 150, n), length)
        end = start_all + length
        end = np.where(end > self.d1, NAT, end)
        cat = rng.choice(codes.CP_CATEGORIES, n, p=_p(codes.CP_CATEGORY_WEIGHTS))
        later = np.where(rng.random(n) < 0.15,
                         rng.choice(codes.CP_CATEGORIES, n, p=_p(codes.CP_CATEGORY_WEIGHTS)), cat)
        ola_flag = np.where(ola, 1, np.where(rng.random(n) < 0.7, 0, -1)).astype(np.int8)
        plans = {"cppl_cp_plan_id": np.arange(n), "cppl_person_id": who_all,
                 "cppl_cp_plan_start_date": start_all, "cppl_cp_plan_end_date": end,
                 "cppl_referral_id": ref_all, "cppl_cp_plan_initial_category": cat,
                 "cppl_cp_plan_latest_category": later, "cppl_cp_plan_ola": ola_flag}
        # visits about every two weeks while the plan runs (from the extract start), some missed
        lo = np.maximum(start_all, self.d0 - 30)
        hi = np.where(end == NAT, self.d1 + 1, end)
        counts = np.maximum(0, (hi - lo) // 14 + 1)
        group, k = _within_group(counts)
        vdate = lo[group] + 7 + k * 14 + rng.integers(-4, 5, len(group))
        ok = (vdate >= lo[group]) & (vdate < hi[group]) & (vdate <= self.d1) \
            & (rng.random(len(group)) < self.visit_rate)
        group, vdate = group[ok], _weekday(vdate[ok])
        vdate = np.maximum(vdate, start_all[group])
        nv = len(group)
        seen = rng.choice(np.array([1, 0, -1], dtype=np.int8), nv, p=[0.93, 0.05, 0.02])
        visits = {"cppv_cp_visit_id": np.arange(nv), "cppv_person_id": who_all[group],
                  "cppv_cp_visit_date": vdate, "cppv_cp_plan_id": group,
                  "cppv_cp_visit_seen": seen,
                  "cppv_cp_visit_seen_alone": np.where(seen == 1, rng.random(nv) < 0.6, -1)
                  .astype(np.int8)}
        return {"ssd_cp_plans": plans, "ssd_cp_visits": visits}

    # --- children in care ---------------------------------------------------------------------
    def children_in_care(self) -> dict[str, Table]:
        rng = self.rng
        floor = _day(date(1990, 1, 1))
        n0 = rng.poisson(0.0066 * self.pop)
        s0 = np.maximum(self.d0 - 1 - (np.minimum(rng.exponential(2.6, n0), 14) * YEAR)
                        .astype(np.int64), floor)
        n_new = rng.poisson(0.0024 * self.pop * (self.d1 - self.d0 + 1) / YEAR)
        s1 = self.dates_in_span(n_new, self.d0, self.d1)
        start = np.maximum(np.concatenate([s0, s1]), floor)
        n = len(start)
        age = rng.choice(np.array([0.3, 3, 7, 13, 16.5]), n, p=[0.2, 0.15, 0.2, 0.35, 0.1]) \
            + rng.uniform(-0.3, 0.9, n)
        age = np.where(np.arange(n) < n0, np.minimum(age, 17.4 - (self.d0 - start) / YEAR), age)
        dob = start - (np.maximum(age, 0) * YEAR).astype(np.int64)
        who = self.people(dob)
        # new entrants: many short stays, many long ones; the stock (already in care when the
        # extract starts) is mostly long-stay, so its remaining time runs from the extract start
        short = rng.random(n) < 0.4
        length = np.where(short, rng.exponential(120, n), rng.exponential(3 * YEAR, n))
        remaining = rng.exponential(2.2 * YEAR, n)
        stock = np.arange(n) < n0
        end = np.where(stock, self.d0 + remaining.astype(np.int64),
                       start + 1 + length.astype(np.int64))
        end = np.minimum(end, dob + int(18 * YEAR))  # leaving care at 18
        end = np.maximum(end, start + 1)
        ended = end <= self.d1
        end = np.where(ended, end, NAT)
        reason = np.where(ended, rng.choice(codes.EXIT_REASONS, n), "")

        # placements: moves at a child-specific rate, at random dates inside the period
        upto = np.where(ended, end, self.d1 + 1)
        rate = rng.choice(np.array([0.2, 0.6, 1.6]), n, p=[0.6, 0.32, 0.08])
        span = np.maximum(upto - np.maximum(start, self.d0 - 730), 0)
        moves = np.minimum(rng.poisson(rate * span / YEAR), 12)
        g, _ = _within_group(moves)
        lo = np.maximum(start, self.d0 - 730)[g]
        cut = lo + 1 + (rng.random(len(g)) * np.maximum(upto[g] - lo - 1, 1)).astype(np.int64)
        cut_ok = (cut > start[g]) & (cut < upto[g])
        g, cut = g[cut_ok], cut[cut_ok]
        pg = np.concatenate([np.arange(n), g])
        ps = np.concatenate([start, cut])
        order = np.lexsort((ps, pg))
        pg, ps = pg[order], ps[order]
        dup = np.r_[False, (pg[1:] == pg[:-1]) & (ps[1:] == ps[:-1])]
        pg, ps = pg[~dup], ps[~dup]
        last_in_period = np.r_[pg[1:] != pg[:-1], True]
        pe = np.where(last_in_period, end[pg], np.r_[ps[1:], 0])
        npl = len(pg)
        settled = (ps - start[pg]) > YEAR
        ptype = np.where(settled & (rng.random(npl) < 0.45), rng.choice(["U1", "U4"], npl),
                         np.where(rng.random(npl) < 0.75, rng.choice(["U3", "U6", "U2", "U5"], npl),
                                  rng.choice(codes.OTHER_PLACEMENTS + codes.TEMPORARY_PLACEMENTS,
                                             npl)))
        placements = {
            "clap_cla_placement_id": np.arange(npl), "clap_person_id": who[pg],
            "clap_cla_placement_start_date": ps, "clap_cla_id": pg,
            "clap_cla_placement_end_date": pe, "clap_cla_placement_type": ptype,
            "clap_cla_placement_provider": rng.choice(codes.PROVIDERS, npl),
            "clap_cla_placement_change_reason": np.where(pe == NAT, "",
                                                         rng.choice(codes.CHANGE_REASONS, npl))}
        # one episode per placement; the legal status changes at the first move (reason T)
        first_in_period = np.r_[True, pg[1:] != pg[:-1]]
        second = np.r_[False, first_in_period[:-1]] & ~first_in_period
        changes = second & (rng.random(npl) < 0.7)
        start_reason = np.where(first_in_period, "S", np.where(changes, "T", "P"))
        episodes = {
            "clae_cla_episode_id": np.arange(npl), "clae_person_id": who[pg],
            "clae_cla_episode_start_date": ps, "clae_cla_id": pg,
            "clae_cla_episode_start_reason": start_reason,
            "clae_cla_episode_ceased_date": pe,
            "clae_cla_episode_ceased_reason": np.where(last_in_period, reason[pg], "X1"),
            "clae_entered_care_date": np.where(rng.random(npl) < 0.9, start[pg], NAT),
            "clae_cla_placement_id": np.arange(npl)}
        route_first = rng.choice(np.array(["V2", "C2", "L1", "J2"]), n, p=[0.3, 0.55, 0.1, 0.05])
        change_at = np.full(n, NAT)
        change_at[pg[changes]] = ps[changes]
        has_change = change_at != NAT
        l_start = np.concatenate([start, change_at[has_change]])
        l_end = np.concatenate([np.where(has_change, change_at, end), end[has_change]])
        l_status = np.concatenate([route_first, np.full(int(has_change.sum()), "C1")])
        l_who = np.concatenate([who, who[has_change]])

        # short breaks: a few disabled children with regular stays on V3/V4
        n_sb = max(1, self.pop // 4000)
        per = max(1, (self.d1 - self.d0) // 45)
        sg, sk = _within_group(np.full(n_sb, per))
        sb_start = self.d0 + sk * 45 + rng.integers(0, 20, len(sg))
        sb_end = sb_start + rng.integers(1, 5, len(sg))
        okb = sb_end <= self.d1
        sg, sb_start, sb_end = sg[okb], sb_start[okb], sb_end[okb]
        sb_who = self.people(self.d0 - (rng.uniform(4, 12, n_sb) * YEAR).astype(np.int64))[sg]
        nsb = len(sg)
        sb_status = rng.choice(["V3", "V4"], n_sb, p=[0.7, 0.3])[sg]
        base_pl, base_cl = npl, n
        placements = _concat(placements, {
            "clap_cla_placement_id": base_pl + np.arange(nsb), "clap_person_id": sb_who,
            "clap_cla_placement_start_date": sb_start, "clap_cla_id": base_cl + np.arange(nsb),
            "clap_cla_placement_end_date": sb_end,
            "clap_cla_placement_type": rng.choice(["P2", "R5", "K1"], nsb),
            "clap_cla_placement_provider": rng.choice(codes.PROVIDERS, nsb),
            "clap_cla_placement_change_reason": np.full(nsb, "")})
        episodes = _concat(episodes, {
            "clae_cla_episode_id": base_pl + np.arange(nsb), "clae_person_id": sb_who,
            "clae_cla_episode_start_date": sb_start, "clae_cla_id": base_cl + np.arange(nsb),
            "clae_cla_episode_start_reason": np.full(nsb, "S"),
            "clae_cla_episode_ceased_date": sb_end,
            "clae_cla_episode_ceased_reason": np.full(nsb, "E13"),
            "clae_entered_care_date": sb_start,
            "clae_cla_placement_id": base_pl + np.arange(nsb)})
        l_who = np.concatenate([l_who, sb_who])
        l_status = np.concatenate([l_status, sb_status])
        l_start = np.concatenate([l_start, sb_start])
        l_end = np.concatenate([l_end, sb_end])
        nl = len(l_who)
        legal = {"lega_legal_status_id": np.arange(nl), "lega_person_id": l_who,
                 "lega_legal_status": l_status, "lega_legal_status_start_date": l_start,
                 "lega_legal_status_end_date": l_end}

        # visits every 4-6 weeks while in care (from a year before the extract), some missed
        vlo = np.maximum(start, self.d0 - 365)
        counts = np.maximum(0, (upto - vlo) // 35 + 1)
        g, k = _within_group(counts)
        vd = vlo[g] + 3 + k * 35 + rng.integers(-6, 7, len(g))
        ok = (vd > start[g]) & (vd < upto[g]) & (vd <= self.d1) \
            & (rng.random(len(g)) < self.visit_rate)
        g, vd = g[ok], vd[ok]
        nv = len(g)
        seen = rng.choice(np.array([1, 0, -1], dtype=np.int8), nv, p=[0.94, 0.04, 0.02])
        visits = {"clav_cla_visit_id": np.arange(nv), "clav_person_id": who[g],
                  "clav_cla_visit_date": vd, "clav_cla_id": g, "clav_cla_visit_seen": seen,
                  "clav_cla_visit_seen_alone": np.where(seen == 1, rng.random(nv) < 0.5, -1)
                  .astype(np.int8)}

        # dental checks and health assessments about yearly, most completed
        hlo = np.maximum(start + 30, self.d0 - 365)
        counts = (np.maximum(0, (upto - hlo) // 330) + 1) * 2
        g, k = _within_group(counts)
        hd = hlo[g] + (k // 2) * 330 + rng.integers(0, 60, len(g))
        ok = (hd < upto[g]) & (hd <= self.d1)
        g, k, hd = g[ok], k[ok], hd[ok]
        # under-fives have a health assessment every six months: add the one in between
        half = (k % 2 == 1) & (hd - dob[g] < 5 * YEAR) & (hd + 182 < upto[g]) \
            & (hd + 182 <= self.d1)
        g, k, hd = np.r_[g, g[half]], np.r_[k, k[half]], np.r_[hd, hd[half] + 182]
        nh = len(g)
        kind = np.where(k % 2 == 0, rng.choice(codes.DENTAL_TEXTS, nh),
                        rng.choice(codes.HEALTH_TEXTS + codes.OTHER_HEALTH_TEXTS[:1], nh))
        health = {"clah_health_check_id": np.arange(nh), "clah_person_id": who[g],
                  "clah_health_check_type": kind, "clah_health_check_date": hd,
                  "clah_health_check_status": rng.choice(
                      np.array(["Completed", "COMPLETED", "Refused", "Cancelled", "Planned"]),
                      nh, p=[0.6, 0.26, 0.05, 0.04, 0.05])}
        return {"ssd_cla_episodes": episodes, "ssd_cla_placement": placements,
                "ssd_legal_status": legal, "ssd_cla_visits": visits, "ssd_cla_health": health}

    def person(self) -> Table:
        dob = np.concatenate(self.dob)
        expected = np.concatenate(self.expected)
        n = len(dob)
        return {"pers_person_id": np.arange(n),
                "pers_sex": self.rng.choice(np.array(["M", "F", "U"]), n, p=[0.51, 0.485, 0.005]),
                "pers_dob": dob, "pers_expected_dob": expected, "pers_death_date": np.full(n, NAT)}


def _p(weights: list[float]) -> np.ndarray:
    w = np.asarray(weights, dtype=float)
    return w / w.sum()


def _concat(a: Table, b: Table) -> Table:
    return {k: np.concatenate([a[k], b[k]]) for k in a}


def _outcomes(rng: np.random.Generator, progressed: np.ndarray) -> np.ndarray:
    """Outcome JSON, drawn from a few spellings (key case, flag style, keys left out)."""
    yes = ['{"NEW_REFERRAL_FLAG":"Y","EXISTING_REFERRAL_FLAG":"N","CP_ENQUIRY_FLAG":"N",'
           '"NFA_FLAG":"N"}',
           '{"new_referral_flag":"Yes","nfa_flag":"No"}', '{"NEW_REFERRAL_FLAG":true}',
           '{"NFA_FLAG":"0","NEW_REFERRAL_FLAG":"1"}']
    no = ['{"NEW_REFERRAL_FLAG":"N","EXISTING_REFERRAL_FLAG":"N","CP_ENQUIRY_FLAG":"N",'
          '"NFA_FLAG":"Y"}',
          '{"new_referral_flag":"No","existing_referral_flag":"Yes"}', '{"NFA_FLAG":"Y"}',
          '{"NEW_REFERRAL_FLAG":false,"NFA_FLAG":true}', "{}"]
    pick_yes = rng.choice(np.array(yes), len(progressed), p=[0.7, 0.1, 0.1, 0.1])
    pick_no = rng.choice(np.array(no), len(progressed), p=[0.6, 0.15, 0.15, 0.08, 0.02])
    return np.where(progressed, pick_yes, pick_no)


def _prefix_for(col: str) -> str:
    """The id prefix of the table a column points to (a person id is digits only)."""
    for suffix, prefix in (("person_id", ""), ("referral_id", "R"), ("cp_plan_id", "P"),
                           ("cla_id", "CL"), ("placement_id", "PL")):
        if col.endswith(suffix):
            return prefix
    return ID_PREFIX[col]


def _id_text(prefix: str, numbers: np.ndarray) -> pa.Array:
    """Ids as text (7 digits, leading zeros kept: ids are never numbers); -1 is null."""
    arr = pa.array(numbers, mask=numbers < 0).cast(pa.string())
    return pc.binary_join_element_wise(prefix, pc.utf8_lpad(arr, 7, "0"), "")


def finish(name: str, table: Table) -> Table:
    """Typed columns to what the writer takes: ids to text, day numbers to datetime64."""
    out: Table = {}
    for col, kind in TABLES[name]:
        v = table[col]
        if kind == ID:
            out[col] = _id_text(_prefix_for(col), np.asarray(v, dtype=np.int64))
        elif kind == DATE:
            out[col] = np.asarray(v, dtype=np.int64).view("datetime64[D]")
        else:
            out[col] = v
    return out


def generate_la(rng: np.random.Generator, population: int, first: tuple[int, int],
                last: tuple[int, int], dirty: int = 0, untidy: bool = True,
                ) -> tuple[dict[str, Table], dict[str, FileStyle]]:
    """All twelve tables of one LA, with the untidy shapes of real extracts unless untidy is
    false (csc.generator.untidy), bad rows planted when dirty > 0, and each file's spelling
    (date format, flags, line ends, BOM, header case)."""
    gen = LaGenerator(rng, population, first, last)
    typed: dict[str, Table] = {}
    typed.update(gen.front_door())
    typed["ssd_early_help_episodes"] = gen.early_help()
    typed.update(gen.child_protection())
    typed.update(gen.children_in_care())
    typed["ssd_person"] = gen.person()
    if untidy:
        make_untidy(rng, typed, gen.d0, gen.d1)
    if dirty:
        plant_bad_rows(rng, typed, dirty, gen.d1)
    styles = {name: random_style(rng) for name in TABLES}
    return {name: finish(name, typed[name]) for name in TABLES}, styles
