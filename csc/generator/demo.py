"""The calibrated demo extract: fictional LA 999, April 2016 to December 2019.

Why a separate builder from the regional generator: the demo must make the warehouse print the
December 2019 report's figures exactly, so it is built event by event from month targets
(csc.generator.demo_targets) rather than drawn at random: each referral is placed knowing
whether it must be a re-referral, each assessment knowing whether it must be within 45
working days, each CP visit knowing whether the child must be seen in the window, and so on.
The KPI models do not know the demo exists: every figure here is an ordinary consequence of
the rows, measured the way docs/kpis.md defines it.

At about 140k rows the demo is small enough for `dbt seed`; it is written as flat seeds
(seeds/demo/ssd_*.csv) with the date formats and flag spellings varied per table, so that the
demo also exercises the parser.
"""

from __future__ import annotations

import random
from bisect import bisect_left, bisect_right
from collections import defaultdict
from datetime import date, timedelta

import numpy as np

from csc.generator import tables as codes
from csc.generator.calendar import WorkingDays, add_months, month_end
from csc.generator.demo_targets import DEC19, MONTHS, NOV19, REPORT, Month, Targets, build_targets
from csc.generator.tables import DATE, FLAG, TABLES
from csc.generator.writer import FileStyle, Table

START = date(2016, 4, 1)
END = date(2019, 12, 31)
DAY = timedelta(days=1)
VISITS_FROM = date(2016, 1, 1)
HEALTH_FROM = date(2015, 4, 1)

# Per-table spelling of the demo seeds: varied formats, but plain headers, LF and no BOM,
# because dbt loads seeds by column name.
DEMO_STYLES = {
    "ssd_person": FileStyle("iso"),
    "ssd_contacts": FileStyle("uk_short"),
    "ssd_early_help_episodes": FileStyle("uk"),
    "ssd_cin_episodes": FileStyle("mixed", ("Yes", "No")),
    "ssd_cin_assessments": FileStyle("iso_t", ("1", "0")),
    "ssd_cp_plans": FileStyle("uk_short", ("Y", "N"), null_date_placeholder=True),
    "ssd_cp_visits": FileStyle("iso", ("true", "false")),
    "ssd_cla_episodes": FileStyle("mixed", ("Y", "N")),
    "ssd_cla_placement": FileStyle("uk_time", ("Y", "N")),
    "ssd_legal_status": FileStyle("sqlserver", ("Y", "N"), null_date_placeholder=True),
    "ssd_cla_visits": FileStyle("uk", ("Y", "N")),
    "ssd_cla_health": FileStyle("iso", ("Y", "N")),
}


def _first(mm: Month) -> date:
    return date(mm[0], mm[1], 1)


def _last(mm: Month) -> date:
    return month_end(*mm)


def _open_at(start: date, end: date | None, d: date) -> bool:
    """docs/kpis.md's "open at D": start <= D and (end is null or end > D)."""
    return start <= d and (end is None or end > d)


class DemoBuilder:
    """Builds every table of the demo from the month targets (see the module docstring)."""

    def __init__(self, seed: int = 999) -> None:
        self.rnd = random.Random(seed)
        self.t: Targets = build_targets(seed)
        self.wd = WorkingDays(date(2010, 1, 1), date(2020, 12, 31))
        self.rows: dict[str, list[dict]] = defaultdict(list)
        self.people: dict[str, dict] = {}
        self.counters: dict[str, int] = defaultdict(int)
        self.legal: dict[str, list[dict]] = defaultdict(list)

    # --- small helpers --------------------------------------------------------------------
    def next_id(self, prefix: str) -> str:
        self.counters[prefix] += 1
        return f"{prefix}{self.counters[prefix]:06d}"

    def new_child(self, dob: date | None, expected: date | None = None) -> str:
        """A child of the LA: an opaque id (7 digits, leading zeros kept) and a sex."""
        self.counters["person"] += 1
        pid = f"{80000 + self.counters['person'] * 7:07d}"
        sex = self.rnd.choices(["M", "F", "U"], [50, 49, 1])[0]
        self.people[pid] = {"sex": sex, "dob": dob, "expected": expected}
        return pid

    def random_dob(self, on: date, lo: float = 0.0, hi: float = 17.9) -> date:
        return on - timedelta(days=int(self.rnd.uniform(lo, hi) * 365.25))

    def day_in(self, mm: Month, weekday: float = 0.92, lo: int = 1, hi: int | None = None) -> date:
        """A date in a month; mostly a weekday (offices are closed at weekends)."""
        hi = hi or _last(mm).day
        while True:
            d = date(mm[0], mm[1], self.rnd.randint(lo, hi))
            if d.weekday() < 5 or self.rnd.random() > weekday:
                return d

    # --- front door -------------------------------------------------------------------------
    def build_front_door(self) -> None:
        """Referrals first (so re-referrals are placed knowingly), then contacts around them."""
        last_ref: dict[str, date] = {}
        known: list[str] = []  # children the front door has met
        self.referrals_by_month: dict[Month, list[dict]] = {}
        for mm in MONTHS:
            first, last = _first(mm), _last(mm)
            n, n_re = self.t.referrals[mm], self.t.re_referrals[mm]
            window_lo = add_months(last, -12)
            recent = [p for p, d in last_ref.items() if window_lo <= d < first]
            lapsed = [p for p, d in last_ref.items() if d < add_months(first, -12)]
            self.rnd.shuffle(recent)
            self.rnd.shuffle(lapsed)
            re_slots = set(self.rnd.sample(range(n), min(n_re, n, len(recent))))
            month_refs = []
            used_now: set[str] = set()
            for i, d in enumerate(sorted(self.day_in(mm, 0.97) for _ in range(n))):
                if i in re_slots:
                    pid = recent.pop()
                else:
                    pid = self._fresh_referral_child(d, first, lapsed, known, last_ref, used_now)
                ref = {"cine_referral_id": self.next_id("RF"), "cine_person_id": pid,
                       "cine_referral_date": d,
                       "cine_referral_source_code": self.rnd.choices(
                           codes.SOURCE_CODES, codes.SOURCE_WEIGHTS)[0],
                       "cine_cin_primary_need_code": self.rnd.choices(
                           codes.NEED_CODES, codes.NEED_WEIGHTS)[0],
                       "cine_referral_nfa": 0, "cine_close_date": None, "cine_close_reason": None}
                month_refs.append(ref)
                used_now.add(pid)
            for ref in month_refs:
                last_ref[ref["cine_person_id"]] = ref["cine_referral_date"]
            self.rows["ssd_cin_episodes"].extend(month_refs)
            self.referrals_by_month[mm] = month_refs
            self._contacts_for_month(mm, month_refs, known)

    def _fresh_referral_child(self, d: date, first: date, lapsed: list[str], known: list[str],
                              last_ref: dict[str, date], used_now: set[str]) -> str:
        """A child with no referral in the 12 months before any day of this month: one referred
        long ago, one the front door already knows, or a new child."""
        cutoff = add_months(first, -12)
        r = self.rnd.random()
        if r < 0.12:
            while lapsed:
                pid = lapsed.pop()
                if pid not in used_now:
                    return pid
        elif r < 0.5 and known:
            pid = known[self.rnd.randrange(len(known))]
            dob = self.people[pid]["dob"]
            if (pid not in used_now and last_ref.get(pid, date.min) < cutoff
                    and dob is not None and dob > add_months(d, -204)):
                return pid
        pid = self.new_child(self.random_dob(d))
        known.append(pid)
        return pid

    def _contacts_for_month(self, mm: Month, refs: list[dict], known: list[str]) -> None:
        """N contacts of which P progressed; progressed ones sit on the referrals' child and day
        (one contact per child and day, so de-duplication cannot change the counts)."""
        n, p = self.t.contacts[mm], self.t.progressed[mm]
        used: set[tuple[str, date]] = set()
        slots: list[tuple[str, date, bool]] = []
        for ref in self.rnd.sample(refs, min(p, len(refs))):
            slots.append((ref["cine_person_id"], ref["cine_referral_date"], True))
        while len(slots) < n:
            progressed = len(slots) < p
            if known and self.rnd.random() < 0.65:
                pid = known[self.rnd.randrange(len(known))]
            else:
                d0 = self.day_in(mm)
                pid = self.new_child(self.random_dob(d0))
                known.append(pid)
            slots.append((pid, self.day_in(mm), progressed))
        if mm == MONTHS[0]:
            slots[-1] = (slots[-1][0], START, False)  # the extract starts on 1 April 2016
        if mm == MONTHS[-1]:
            slots[-1] = (slots[-1][0], END, False)  # and its last event is on 31 December 2019
        for pid, d, progressed in slots:
            while (pid, d) in used:  # keep one contact per child and day
                pid = self.new_child(self.random_dob(d))
            used.add((pid, d))
            self.rows["ssd_contacts"].append({
                "cont_contact_id": self.next_id("CT"), "cont_person_id": pid,
                "cont_contact_date": d,
                "cont_contact_source_code": self.rnd.choices(
                    codes.SOURCE_CODES, codes.SOURCE_WEIGHTS)[0],
                "cont_contact_outcome_json": self._outcome(progressed)})

    def _outcome(self, progressed: bool) -> str:
        """The SSD outcome object, spelled as different systems spell it (most exports are
        compact; some systems write only the flags that are set)."""
        yes, no = self.rnd.choices([('"Y"', '"N"'), ('"Yes"', '"No"'), ("true", "false"),
                                    ('"1"', '"0"'), ("1", "0")], [70, 10, 10, 5, 5])[0]
        keys = ["NEW_REFERRAL_FLAG", "EXISTING_REFERRAL_FLAG", "CP_ENQUIRY_FLAG", "NFA_FLAG"]
        if self.rnd.random() < 0.1:
            keys = [k.lower() for k in keys]
        existing = not progressed and self.rnd.random() < 0.25
        values = [progressed, existing, progressed and self.rnd.random() < 0.1,
                  not progressed and not existing]
        pairs = [f'"{k}":{yes if v else no}' for k, v in zip(keys, values, strict=True)]
        if self.rnd.random() < 0.6:
            pairs = [pairs[0]] + [p for p, v in zip(pairs[1:], values[1:], strict=True) if v]
        if not progressed and self.rnd.random() < 0.05:
            pairs = pairs[1:]  # a missing key means "not progressed"
        return "{" + ",".join(pairs) + "}"

    # --- assessments ------------------------------------------------------------------------
    def build_assessments(self) -> None:
        """For each month, A assessments authorised of which O within 45 working days: pick the
        working days first, then the referral whose child is assessed from that start."""
        refs = sorted(self.rows["ssd_cin_episodes"], key=lambda r: r["cine_referral_date"])
        by_day: dict[date, list[dict]] = defaultdict(list)
        for r in refs:
            by_day[r["cine_referral_date"]].append(r)
        done: set[tuple[str, date]] = set()
        self.assessed: list[dict] = []
        for mm in MONTHS:
            n, n_on_time = self.t.assessments[mm], self.t.on_time[mm]
            placed = 0
            days = self.wd.in_month(*mm)
            for i in range(n):
                on_time = i < n_on_time
                for _ in range(40):
                    auth = self.rnd.choice(days)
                    if on_time:
                        wd = self.rnd.choice([self.rnd.randint(25, 45)] * 6
                                             + [self.rnd.randint(10, 24)] * 3
                                             + [self.rnd.randint(3, 9)])
                    else:
                        wd = 46 + min(int(self.rnd.expovariate(1 / 22)), 200)
                    start = self.wd.back(auth, wd)
                    ref = self._unassessed_referral(by_day, start, auth, done)
                    if ref is not None:
                        break
                else:
                    continue
                placed += 1
                self._add_assessment(ref, start, auth)
                done.add((ref["cine_person_id"], auth))
            if mm >= (2017, 4) and placed != n:
                raise RuntimeError(f"assessments {mm}: placed {placed} of {n}")
        # Open assessments: recent referrals still being assessed at the extract date.
        for day in sorted(by_day):
            if day < END - timedelta(days=40):
                continue
            for ref in by_day[day]:
                if self.rnd.random() < 0.55:
                    start = min(END, day + timedelta(days=self.rnd.randint(0, 3)))
                    self._add_assessment(ref, start, None)
        for ref in refs:  # referrals that were not assessed are closed with no further action
            if ref["cine_close_date"] is None and not ref.get("_assessed"):
                close = ref["cine_referral_date"] + timedelta(days=self.rnd.randint(0, 12))
                if close <= END and self.rnd.random() < 0.9:
                    ref.update(cine_referral_nfa=1, cine_close_date=close,
                               cine_close_reason=self.rnd.choice(["RC8", "RC7"]))

    def _unassessed_referral(self, by_day: dict[date, list[dict]], start: date, auth: date,
                             done: set[tuple[str, date]]) -> dict | None:
        """A referral made up to a fortnight before the assessment started, not yet assessed."""
        if start < START:
            return None
        for back in range(15):
            for ref in by_day.get(start - timedelta(days=back), []):
                if not ref.get("_assessed") and (ref["cine_person_id"], auth) not in done:
                    ref["_assessed"] = True
                    return ref
        return None

    def _add_assessment(self, ref: dict, start: date, auth: date | None) -> None:
        ref["_assessed"] = True
        nfa = self.rnd.random() < 0.45
        row = {"cina_assessment_id": self.next_id("AS"), "cina_person_id": ref["cine_person_id"],
               "cina_assessment_start_date": start, "cina_referral_id": ref["cine_referral_id"],
               "cina_assessment_auth_date": auth,
               "cina_assessment_child_seen": 1 if self.rnd.random() < 0.94 else 0,
               "cina_assessment_outcome_nfa": (1 if nfa else 0) if auth else -1}
        self.rows["ssd_cin_assessments"].append(row)
        if auth is not None:
            self.assessed.append(row)
            close = auth + timedelta(days=self.rnd.randint(0, 60 if nfa else 400))
            if close <= END and (nfa or self.rnd.random() < 0.6):
                ref.update(cine_close_date=close, cine_close_reason=self.rnd.choice(
                    codes.CLOSE_REASONS))

    # --- early help -------------------------------------------------------------------------
    def build_early_help(self) -> None:
        """Each month, E distinct children start an episode; a child starts again only 13+
        months later, so rolling-12 distinct children are the sum of monthly starts."""
        last_start: dict[str, date] = {}
        front_door = [r["cont_person_id"] for r in self.rows["ssd_contacts"][::7]]
        self.rnd.shuffle(front_door)
        for mm in MONTHS:
            first = _first(mm)
            again = [p for p, d in last_start.items() if d < add_months(first, -13)]
            again += [p for p in front_door[:60] if p not in last_start]
            del front_door[:60]
            self.rnd.shuffle(again)
            for _ in range(self.t.eha[mm]):
                d = self.day_in(mm, 0.98)
                if again and self.rnd.random() < 0.5:
                    pid = again.pop()
                else:
                    pid = self.new_child(self.random_dob(d, 0, 16))
                last_start[pid] = d
                end = d + timedelta(days=self.rnd.randint(40, 300))
                self.rows["ssd_early_help_episodes"].append({
                    "earl_episode_id": self.next_id("EH"), "earl_person_id": pid,
                    "earl_episode_start_date": d,
                    "earl_episode_end_date": end if end <= END else None,
                    "earl_episode_reason": self.rnd.choice(codes.EH_REASONS),
                    "earl_episode_end_reason": self.rnd.choice(codes.EH_END_REASONS)
                    if end <= END else None})

    # --- child protection -------------------------------------------------------------------
    def born_by(self, pid: str, d: date) -> bool:
        """A known date of birth on or before d (unborn and unknown are not)."""
        dob = self.people[pid]["dob"]
        return dob is not None and dob <= d

    def build_child_protection(self) -> None:
        """Month by month: end E plans (L of them after 2 years or more), then start enough
        plans to reach the month-end count of children on a plan."""
        rnd = self.rnd
        self.cp_plans: list[dict] = []
        open_plans: list[dict] = []
        for _ in range(226):  # plans already running when the extract starts
            start = START - timedelta(days=5 + min(int(rnd.expovariate(1 / 230)), 760))
            open_plans.append(self._plan(self.new_child(self.random_dob(start, 0.1, 15)), start))
        assessed = sorted(self.assessed, key=lambda a: a["cina_assessment_auth_date"])
        auth_days = [a["cina_assessment_auth_date"] for a in assessed]
        ended: list[dict] = []
        for mm in MONTHS:
            first, last = _first(mm), _last(mm)
            calibrated = mm >= (2019, 4)
            n_end, n_long = self.t.cp_ends[mm], self.t.cp_long_ends[mm]
            running = [p for p in open_plans if p["start"] < first]
            longs = [p for p in running if add_months(p["start"], 24) <= last]
            if calibrated and len(longs) < n_long:
                raise RuntimeError(f"CP {mm}: only {len(longs)} plans old enough to end at 2 years")
            chosen_long = rnd.sample(longs, min(n_long, len(longs)))
            shorts = [p for p in running if add_months(p["start"], 24) > first
                      and p not in chosen_long]
            n_short = n_end - len(chosen_long)
            chosen_short = self._weighted_sample(shorts, n_short, self._plan_hazard(first))
            for p in chosen_long:
                lo = max(first, add_months(p["start"], 24))
                p["end"] = lo + timedelta(days=rnd.randint(0, (last - lo).days))
            for p in chosen_short:
                lo = max(first, p["start"] + DAY)
                hi = min(last, add_months(p["start"], 24) - DAY)
                p["end"] = lo + timedelta(days=rnd.randint(0, (hi - lo).days))
            for p in chosen_long + chosen_short:
                open_plans.remove(p)
                ended.append(p)
            n_start = self.t.cp_open[mm] - len(open_plans)
            if n_start < 0:
                if calibrated:
                    raise RuntimeError(f"CP {mm}: {-n_start} too many plans open")
                extra = self._weighted_sample([p for p in open_plans if p["start"] < first
                                               and add_months(p["start"], 24) > last],
                                              -n_start, self._plan_hazard(first))
                for p in extra:
                    p["end"] = max(first, p["start"] + DAY) + timedelta(days=rnd.randint(0, 9))
                    open_plans.remove(p)
                    ended.append(p)
                n_start = 0
            on_plan = {p["cppl_person_id"] for p in open_plans}
            dates = self._cp_start_dates(mm, n_start, open_plans)
            for d in dates:
                pid, ref_id = self._cp_child(d, mm, on_plan, assessed, auth_days, ended)
                on_plan.add(pid)
                open_plans.append(self._plan(pid, d, ref_id))
            # plans for other LAs' children staying here: excluded from this LA's KPIs
            if rnd.random() < 0.3:
                d = self.day_in(mm, 1.0)
                end = d + timedelta(days=rnd.randint(20, 150))
                plan = self._plan(self.new_child(self.random_dob(d, 0.5, 15)), d, ola=True)
                plan["end"] = end if end <= END else None
        self.cp_plans.sort(key=lambda p: (p["start"], p["cppl_cp_plan_id"]))

    @staticmethod
    def _plan_hazard(first: date):
        """How likely a plan is to end, by its age: most end between 6 and 18 months."""
        def weight(p: dict) -> float:
            months = (first - p["start"]).days / 30.44
            return 0.1 if months < 3 else 0.9 if months < 6 else 1.3 if months < 12 else 1.5
        return weight

    def _weighted_sample(self, items: list[dict], k: int, weight) -> list[dict]:
        """k items without replacement, chance proportional to weight (Efraimidis-Spirakis)."""
        if k > len(items):
            raise RuntimeError(f"cannot choose {k} of {len(items)}")
        keyed = sorted(items, key=lambda it: self.rnd.random() ** (1 / weight(it)), reverse=True)
        return keyed[:k]

    def _cp_start_dates(self, mm: Month, n: int, open_plans: list[dict]) -> list[date]:
        """Plan start dates (conferences sit on weekdays). In December 2019 the split either
        side of 4 December fixes how many children are due a visit in the 28-day window."""
        if mm != DEC19:
            return sorted(self.day_in(mm, 1.0) for _ in range(n))
        w0 = _last(mm) - timedelta(days=27)
        unborn = sum(1 for p in open_plans if p["start"] < w0
                     and not self.born_by(p["cppl_person_id"], w0))
        due_wanted = REPORT["cp_visits"][1]
        early = due_wanted - (len(open_plans) - unborn)  # December starters before the window
        if not 0 <= early <= n:
            raise RuntimeError(f"CP December: cannot reach {due_wanted} children due a visit")
        late_days = [d for d in self.wd.in_month(*mm) if d >= w0]
        return sorted([self.rnd.choice([date(2019, 12, 2), date(2019, 12, 3)])
                       for _ in range(early)]
                      + [self.rnd.choice(late_days) for _ in range(n - early)])

    def _cp_child(self, d: date, mm: Month, on_plan: set[str], assessed: list[dict],
                  auth_days: list[date], ended: list[dict]) -> tuple[str, str | None]:
        """The child a new plan is for: mostly one assessed in the last ten weeks, some unborn
        (a pre-birth plan), a few back on a second plan; the referral when there is one."""
        rnd = self.rnd
        if mm != DEC19 and rnd.random() < 0.07:
            birth = d + timedelta(days=rnd.randint(15, 120))
            if birth <= END:
                return self.new_child(birth), None
            expected = max(d, END - timedelta(days=rnd.randint(0, 6)))  # not yet recorded
            return self.new_child(None, expected=expected), None
        if rnd.random() < 0.05:
            again = [p["cppl_person_id"] for p in ended
                     if p["end"] <= d - timedelta(days=180) and p["cppl_person_id"] not in on_plan
                     and self.born_by(p["cppl_person_id"], d - timedelta(days=28))]
            if again:
                return rnd.choice(again), None
        lo, hi = bisect_left(auth_days, d - timedelta(days=75)), bisect_right(
            auth_days, d - timedelta(days=3))
        pool = [a for a in assessed[lo:hi] if a["cina_person_id"] not in on_plan
                and self.born_by(a["cina_person_id"], d - timedelta(days=28))
                and not a.get("_cp")]
        if pool:
            a = rnd.choice(pool)
            a["_cp"] = True
            return a["cina_person_id"], a["cina_referral_id"]
        return self.new_child(self.random_dob(d, 0.5, 16)), None

    def _plan(self, pid: str, start: date, ref_id: str | None = None, ola: bool = False) -> dict:
        category = self.rnd.choices(codes.CP_CATEGORIES, codes.CP_CATEGORY_WEIGHTS)[0]
        latest = category if self.rnd.random() < 0.85 else self.rnd.choices(
            codes.CP_CATEGORIES, codes.CP_CATEGORY_WEIGHTS)[0]
        plan = {"cppl_cp_plan_id": self.next_id("CP"), "cppl_person_id": pid, "start": start,
                "end": None, "cppl_referral_id": ref_id, "cppl_cp_plan_initial_category": category,
                "cppl_cp_plan_latest_category": latest,
                "cppl_cp_plan_ola": 1 if ola else (0 if self.rnd.random() < 0.7 else -1),
                "ola": ola}
        self.cp_plans.append(plan)
        return plan

    def cp_due(self, mm: Month) -> tuple[list[dict], list[dict]]:
        """This LA's plans open at month end, and those of children due a visit in the window."""
        m_end = _last(mm)
        w0 = m_end - timedelta(days=27)
        open_at = [p for p in self.cp_plans
                   if not p["ola"] and _open_at(p["start"], p["end"], m_end)]
        due = [p for p in open_at if p["start"] < w0 and self.born_by(p["cppl_person_id"], w0)]
        return open_at, due

    def build_cp_visits(self) -> None:
        """In each month's 28-day window, exactly the target number of due children are seen;
        the others have no visit, a visit where they were not seen, or one with seen unknown."""
        rnd = self.rnd
        for mm in MONTHS:
            m_end = _last(mm)
            w0 = m_end - timedelta(days=27)
            window = [w0 + timedelta(days=i) for i in range(28)
                      if (w0 + timedelta(days=i)).weekday() < 5]
            open_at, due = self.cp_due(mm)
            if mm == DEC19:
                if len(due) != REPORT["cp_visits"][1] or len(open_at) != REPORT["cp_open"]:
                    raise RuntimeError(f"CP December: {len(open_at)} open, {len(due)} due")
                n_seen = REPORT["cp_visits"][0]
            else:
                n_seen = round(len(due) * self.t.cp_visit_rate[mm])
            seen = {p["cppl_cp_plan_id"] for p in rnd.sample(due, n_seen)}
            due_ids = {p["cppl_cp_plan_id"] for p in due}
            for p in open_at:
                pid, plan_id = p["cppl_person_id"], p["cppl_cp_plan_id"]
                if plan_id in seen:
                    for d in sorted(rnd.sample(window, rnd.choice([1, 1, 2]))):
                        self._cp_visit(pid, plan_id, d, 1)
                elif plan_id in due_ids:
                    r = rnd.random()
                    if r < 0.3:
                        self._cp_visit(pid, plan_id, rnd.choice(window), 0)
                    elif r < 0.4:
                        self._cp_visit(pid, plan_id, rnd.choice(window), -1)
                elif self.born_by(pid, m_end):
                    days = [d for d in window if d >= p["start"]]
                    if days:
                        self._cp_visit(pid, plan_id, rnd.choice(days), 1)

    def _cp_visit(self, pid: str, plan_id: str, d: date, seen: int) -> None:
        self.rows["ssd_cp_visits"].append({
            "cppv_cp_visit_id": self.next_id("CV"), "cppv_person_id": pid, "cppv_cp_visit_date": d,
            "cppv_cp_plan_id": plan_id if self.rnd.random() < 0.9 else None,
            "cppv_cp_visit_seen": seen,
            "cppv_cp_visit_seen_alone": (1 if self.rnd.random() < 0.6 else 0) if seen == 1 else -1})

    # --- children in care: periods of care ----------------------------------------------------
    def build_periods(self) -> None:
        """Periods of care month by month: entries, children leaving at 18, and enough other
        exits (likeliest early in care) to reach the month-end count of looked-after children;
        then November's and December's counts of children in care 12 months or more are set by
        moving a few exit dates (see _tune_periods)."""
        rnd = self.rnd
        self.periods: list[dict] = []
        open_p: list[dict] = []
        for _ in range(336):
            years = min(rnd.expovariate(1 / 2.6), 14.0)
            start = START - timedelta(days=1 + int(years * 365.25))
            age = rnd.uniform(0, max(0.0, 17.4 - years))
            open_p.append(self._period(self.new_child(self.random_dob(start, age, age + 0.01)),
                                       start))
        reentries: list[tuple[date, str]] = []
        for mm in MONTHS:
            first, last = _first(mm), _last(mm)
            for p in list(open_p):  # leaving care at 18
                b18 = add_months(self.people[p["pid"]]["dob"], 216)
                if b18 <= last:
                    self._end_period(p, max(b18, p["start"] + DAY), "E8", open_p, reentries, False)
            hi = 20 if mm == DEC19 else None  # nobody enters in the last days of December 2019
            n_in = self.t.cla_entries[mm]
            due_back = [r for r in reentries if first <= r[0] <= last]
            for r in due_back[:n_in]:
                reentries.remove(r)
                day = min(r[0], date(mm[0], mm[1], hi)) if hi else r[0]
                open_p.append(self._period(r[1], day))
            for _ in range(n_in - len(due_back[:n_in])):
                d = self.day_in(mm, 0.85, hi=hi)
                age = rnd.choices([(0, 0.9), (1, 4.9), (5, 9.9), (10, 15.9), (16, 17.4)],
                                  [20, 15, 20, 35, 10])[0]
                open_p.append(self._period(self.new_child(self.random_dob(d, *age)), d))
            n_out = len(open_p) - self.t.cla_looked_after[mm]
            leavers = [p for p in open_p if p["start"] < first
                       and add_months(self.people[p["pid"]]["dob"], 216) > last + DAY]
            for p in self._weighted_sample(leavers, max(0, n_out), self._care_hazard(first)):
                lo = max(first, p["start"] + DAY)
                self._end_period(p, lo + timedelta(days=rnd.randint(0, (last - lo).days)),
                                 rnd.choice(codes.EXIT_REASONS), open_p, reentries, True)
        self._tune_periods()

    def _period(self, pid: str, start: date) -> dict:
        period = {"pid": pid, "cla_id": self.next_id("CL"), "start": start, "end": None,
                  "reason": None, "has_next": False}
        self.periods.append(period)
        return period

    def _end_period(self, p: dict, end: date, reason: str, open_p: list[dict],
                    reentries: list[tuple[date, str]], may_return: bool) -> None:
        p["end"], p["reason"] = end, reason
        open_p.remove(p)
        if may_return and self.rnd.random() < 0.06:
            back = end + timedelta(days=self.rnd.randint(60, 300))
            if back < add_months(self.people[p["pid"]]["dob"], 210):
                p["has_next"] = True
                reentries.append((back, p["pid"]))

    @staticmethod
    def _care_hazard(first: date):
        """Short stays end soonest; children in care for years rarely leave before 18."""
        def weight(p: dict) -> float:
            days = (first - p["start"]).days
            return 2.5 if days < 90 else 1.6 if days < 365 else 1.0 if days < 1095 else 0.5
        return weight

    def cla_counts(self, mm: Month) -> tuple[int, int]:
        """Looked after at month end, and of those in care 12 months or more."""
        m_end = _last(mm)
        cut = add_months(m_end, -12)
        la = [p for p in self.periods if _open_at(p["start"], p["end"], m_end)]
        return len(la), sum(1 for p in la if p["start"] <= cut)

    def _tune_periods(self) -> None:
        """Reach November's and December's counts by moving exit dates within November and
        December 2019: December first (moves that may touch November), then November with
        moves that leave December alone."""
        rnd = self.rnd
        nov, dec = _last(NOV19), _last(DEC19)
        nov_cut, dec_cut = add_months(nov, -12), add_months(dec, -12)

        def movable(p: dict) -> bool:
            return not p["has_next"] and add_months(self.people[p["pid"]]["dob"], 216) > dec + DAY

        def pick(cond) -> dict:
            pool = [p for p in self.periods if movable(p) and cond(p)]
            if not pool:
                raise RuntimeError("no period of care left to tune the demo's counts")
            return rnd.choice(pool)

        def end_in(p: dict, lo: date, hi: date) -> None:
            lo = max(lo, p["start"] + DAY)
            p["end"] = lo + timedelta(days=rnd.randint(0, (hi - lo).days))
            p["reason"] = p["reason"] or rnd.choice(codes.EXIT_REASONS)

        in_2019 = lambda p: p["end"] is not None and date(2019, 1, 1) <= p["end"] <= dec  # noqa: E731
        for _ in range(200):
            la, old = self.cla_counts(DEC19)
            if old > REPORT["cla_12m"]:
                end_in(pick(lambda p: p["end"] is None and p["start"] <= dec_cut),
                       date(2019, 12, 1), date(2019, 12, 20))
            elif old < REPORT["cla_12m"]:
                p = pick(lambda p: in_2019(p) and p["start"] <= dec_cut)
                p["end"] = p["reason"] = None
            elif la > REPORT["cla_looked_after"]:
                end_in(pick(lambda p: p["end"] is None and p["start"] > dec_cut
                            and p["start"] < date(2019, 12, 15)),
                       date(2019, 12, 1), date(2019, 12, 20))
            elif la < REPORT["cla_looked_after"]:
                p = pick(lambda p: in_2019(p) and p["start"] > dec_cut)
                p["end"] = p["reason"] = None
            else:
                break
        in_dec = lambda p: p["end"] is not None and nov < p["end"] <= dec  # noqa: E731
        before = lambda p: p["end"] is not None and date(2019, 1, 1) <= p["end"] <= nov  # noqa: E731
        for _ in range(200):
            la, old = self.cla_counts(NOV19)
            if old > REPORT["cla_12m_nov"]:
                end_in(pick(lambda p: in_dec(p) and p["start"] <= nov_cut),
                       date(2019, 11, 1), nov)
            elif old < REPORT["cla_12m_nov"]:
                end_in(pick(lambda p: before(p) and p["start"] <= nov_cut),
                       date(2019, 12, 1), date(2019, 12, 20))
            elif la > REPORT["cla_looked_after_nov"]:  # a November entrant comes in December
                p = pick(lambda p: date(2019, 11, 1) <= p["start"] <= nov and p["end"] is None)
                p["start"] = date(2019, 12, rnd.randint(1, 20))
            elif la < REPORT["cla_looked_after_nov"]:  # a December entrant came in November
                p = pick(lambda p: p["start"] > nov and p["end"] is None
                         and self.people[p["pid"]]["dob"] < date(2019, 11, 1))
                p["start"] = date(2019, 11, rnd.randint(1, 29))
            else:
                break
        got = (*self.cla_counts(NOV19), *self.cla_counts(DEC19))
        want = (REPORT["cla_looked_after_nov"], REPORT["cla_12m_nov"],
                REPORT["cla_looked_after"], REPORT["cla_12m"])
        if got != want:
            raise RuntimeError(f"children in care counts {got}, wanted {want}")

    # --- children in care: placements and placement stability ---------------------------------
    def build_placements(self) -> None:
        """Placements inside each period: moves arrive at a child-specific rate (most children
        settle, a few move often); long stays often turn into long-term fostering (U1, U4)."""
        rnd = self.rnd
        self.placements: dict[str, list[dict]] = defaultdict(list)
        for p in self.periods:
            end = p["end"] or END + DAY
            rate = rnd.choices([0.2, 0.6, 1.6], [60, 32, 8])[0] / 365.25
            moves: list[date] = []
            t = p["start"]
            while True:
                t += timedelta(days=max(1, int(rnd.expovariate(rate))))
                if t >= end or t > END:
                    break
                moves.append(t)
            starts = [p["start"], *moves]
            for i, s in enumerate(starts):
                e = starts[i + 1] if i + 1 < len(starts) else p["end"]
                self.placements[p["pid"]].append(self._placement(p, s, e))
        self._tune_stability()

    def _placement(self, period: dict, start: date, end: date | None) -> dict:
        rnd = self.rnd
        dob = self.people[period["pid"]]["dob"]
        age = (start - dob).days / 365.25
        settled = (start - period["start"]).days > 365
        if settled and rnd.random() < 0.45:
            kind = rnd.choice(["U1", "U4"])
        elif rnd.random() < 0.05:
            kind = rnd.choice(codes.TEMPORARY_PLACEMENTS)
        elif age >= 16 and rnd.random() < 0.3:
            kind = rnd.choice(["H5", "K2", "R2"])
        elif rnd.random() < 0.75:
            kind = rnd.choice(["U3", "U6", "U2", "U5"])
        else:
            kind = rnd.choice(codes.OTHER_PLACEMENTS)
        return {"id": self.next_id("PL"), "pid": period["pid"], "cla_id": period["cla_id"],
                "start": start, "end": end, "type": kind,
                "provider": rnd.choice(codes.PROVIDERS),
                "change": rnd.choice(codes.CHANGE_REASONS) if end else None}

    def looked_after(self, mm: Month) -> list[dict]:
        """Periods open at month end (every period here is looked after: short breaks are
        kept apart and never enter this list)."""
        m_end = _last(mm)
        return [p for p in self.periods if _open_at(p["start"], p["end"], m_end)]

    def unstable(self, pid: str, mm: Month) -> bool:
        """Three or more placements open at some date in the 12 months to month end."""
        m_end = _last(mm)
        w0 = add_months(m_end, -12) + DAY
        n = sum(1 for pl in self.placements[pid] if pl["start"] <= m_end
                and (pl["end"] is None or (pl["end"] > pl["start"] and pl["end"] > w0)))
        return n >= 3

    def stability(self, mm: Month) -> tuple[int, int]:
        la = self.looked_after(mm)
        return sum(1 for p in la if self.unstable(p["pid"], mm)), len(la)

    def _split_placement(self, pid: str, day: date) -> bool:
        """A move on day: the placement open then ends and a new one starts."""
        for i, pl in enumerate(self.placements[pid]):
            if pl["start"] < day and (pl["end"] is None or pl["end"] > day):
                period = next(p for p in self.periods if p["cla_id"] == pl["cla_id"])
                new = self._placement(period, day, pl["end"])
                pl["end"] = day
                pl["change"] = self.rnd.choice(codes.CHANGE_REASONS)
                self.placements[pid].insert(i + 1, new)
                return True
        return False

    def _merge_move(self, pid: str, lo: date, hi: date) -> bool:
        """Undo one move dated in (lo, hi]: the child stayed where they were."""
        pls = self.placements[pid]
        for i in range(1, len(pls)):
            if lo < pls[i]["start"] <= hi and pls[i]["cla_id"] == pls[i - 1]["cla_id"]:
                pls[i - 1]["end"] = pls[i]["end"]
                pls[i - 1]["change"] = pls[i]["change"]
                del pls[i]
                return True
        return False

    def _tune_stability(self) -> None:
        """November first (moves in November or undone moves count in both windows), then
        December with moves made in December, which November's window cannot see."""
        rnd = self.rnd
        for mm, lo, hi in ((NOV19, date(2019, 11, 1), date(2019, 11, 29)),
                           (DEC19, date(2019, 12, 1), date(2019, 12, 30))):
            target = REPORT["stability_nov" if mm == NOV19 else "stability"]
            w0 = add_months(_last(mm), -12)
            for _ in range(400):
                n, _den = self.stability(mm)
                if n == target:
                    break
                la = self.looked_after(mm)
                if mm == DEC19:  # December only: November must not move
                    la = [p for p in la if _open_at(p["start"], p["end"], _last(NOV19))
                          or p["start"] > _last(NOV19)]
                rnd.shuffle(la)
                if n < target:
                    for p in la:
                        if not self.unstable(p["pid"], mm) and p["start"] < lo:
                            before = self.stability(NOV19)[0]
                            self._split_placement(p["pid"], lo + timedelta(
                                days=rnd.randint(0, (hi - lo).days)))
                            if mm == DEC19 and self.stability(NOV19)[0] != before:
                                raise RuntimeError("December stability move changed November")
                            break
                else:
                    for p in la:
                        if self.unstable(p["pid"], mm) and self._merge_move(
                                p["pid"], w0 if mm == NOV19 else _last(NOV19), _last(mm)):
                            break
            got = self.stability(mm)[0]
            if got != target:
                raise RuntimeError(f"stability {mm}: {got}, wanted {target}")
        if self.stability(NOV19)[0] != REPORT["stability_nov"]:
            raise RuntimeError("December stability tuning changed November")

    # --- children in care: legal statuses and episodes ---------------------------------------
    def build_legal_and_episodes(self) -> None:
        """Legal statuses change along the usual routes (section 20, interim then full care
        order, placement order); every placement move or status change opens a new episode,
        linked to the next by X1, so the period of care is the chain."""
        rnd = self.rnd
        for p in self.periods:
            end = p["end"] or END + DAY
            route = rnd.choices([["V2"], ["V2", "C2", "C1"], ["C2", "C1"], ["L1", "C2", "C1"],
                                 ["C2", "C1", "E1"], ["J2"]], [25, 12, 40, 8, 10, 5])[0]
            moves = [pl["start"] for pl in self.placements[p["pid"]]
                     if pl["cla_id"] == p["cla_id"] and pl["start"] > p["start"]]
            starts = [p["start"]]
            for _status in route[1:]:
                t = starts[-1] + timedelta(days=rnd.randint(20, 300))
                near = [m for m in moves if abs((m - t).days) <= 20 and m > starts[-1]]
                t = near[0] if near else t
                if t >= end or t > END:
                    break
                starts.append(t)
            for i, s in enumerate(starts):
                e = starts[i + 1] if i + 1 < len(starts) else p["end"]
                self.legal[p["pid"]].append({"status": route[i], "start": s, "end": e})
            points = sorted(set(starts) | set(moves))
            for i, s in enumerate(points):
                e = points[i + 1] if i + 1 < len(points) else p["end"]
                placement = next(pl for pl in self.placements[p["pid"]]
                                 if pl["cla_id"] == p["cla_id"] and pl["start"] <= s
                                 and (pl["end"] is None or pl["end"] > s))
                if i == 0:
                    reason = "S"
                else:
                    legal, moved = s in starts, s in moves
                    reason = ("T" if rnd.random() < 0.9 else "U") if legal and moved else (
                        "L" if legal else "P")
                last = i + 1 == len(points)
                self.rows["ssd_cla_episodes"].append({
                    "clae_cla_episode_id": self.next_id("EP"), "clae_person_id": p["pid"],
                    "clae_cla_episode_start_date": s, "clae_cla_id": p["cla_id"],
                    "clae_cla_episode_start_reason": reason, "clae_cla_episode_ceased_date": e,
                    "clae_cla_episode_ceased_reason": (p["reason"] if last else "X1"),
                    "clae_entered_care_date": p["start"] if rnd.random() < 0.92 else None,
                    "clae_cla_placement_id": placement["id"]})

    def build_short_breaks(self) -> None:
        """Disabled children on regular short breaks (V3, V4): episodes of care that do not make
        a child looked after."""
        rnd = self.rnd
        for _ in range(14):
            d = START + timedelta(days=rnd.randint(0, 500))
            pid = self.new_child(self.random_dob(d, 4, 13))
            status = rnd.choice(["V3", "V3", "V4"])
            while d < END - timedelta(days=5):
                e = d + timedelta(days=rnd.randint(1, 4))
                period = self._period(pid, d)
                period.update(end=e, reason="E13", short_break=True)
                pl = self._placement(period, d, e)
                pl["type"] = rnd.choice(["P2", "R5", "K1"])
                self.placements[pid].append(pl)
                self.legal[pid].append({"status": status, "start": d, "end": e})
                self.rows["ssd_cla_episodes"].append({
                    "clae_cla_episode_id": self.next_id("EP"), "clae_person_id": pid,
                    "clae_cla_episode_start_date": d, "clae_cla_id": period["cla_id"],
                    "clae_cla_episode_start_reason": "S", "clae_cla_episode_ceased_date": e,
                    "clae_cla_episode_ceased_reason": "E13", "clae_entered_care_date": d,
                    "clae_cla_placement_id": pl["id"]})
                d = e + timedelta(days=rnd.randint(25, 70))
        self.periods = [p for p in self.periods if not p.get("short_break")]

    # --- children in care: visits and health ---------------------------------------------------
    def current_placement(self, pid: str, d: date) -> dict | None:
        open_now = [pl for pl in self.placements[pid] if _open_at(pl["start"], pl["end"], d)]
        return max(open_now, key=lambda pl: pl["start"]) if open_now else None

    def cla_visit_window(self, pid: str, mm: Month) -> tuple[date, date]:
        """The child's visit window ending at month end: 42 days, or 3 months in a long-term
        fostering placement that has lasted 12 months."""
        m_end = _last(mm)
        pl = self.current_placement(pid, m_end)
        if pl and pl["type"] in ("U1", "U4") and pl["start"] <= add_months(m_end, -12):
            return add_months(m_end, -3) + DAY, m_end
        return m_end - timedelta(days=41), m_end

    def cla_visits_due(self, mm: Month) -> list[dict]:
        m_end = _last(mm)
        return [p for p in self.looked_after(mm) if p["start"] <= m_end - timedelta(days=7)]

    def cla_seen(self, pid: str, mm: Month) -> bool:
        lo, hi = self.cla_visit_window(pid, mm)
        return any(v["seen"] == 1 and lo <= v["date"] <= hi for v in self.cla_visits[pid])

    def build_cla_visits(self) -> None:
        """Visits at about the statutory cadence (every few weeks; every two or three months in
        settled long-term fostering), some missed or not seen; December's count is then set."""
        rnd = self.rnd
        self.cla_visits: dict[str, list[dict]] = defaultdict(list)
        for p in self.periods:
            end = min(p["end"] or END + DAY, END + DAY)
            d = p["start"] + timedelta(days=rnd.randint(1, 6))
            if d < VISITS_FROM:  # the extract holds visits from January 2016 only
                d = VISITS_FROM + timedelta(days=rnd.randint(0, 40))
            while d < end:
                seen = rnd.choices([1, 0, -1], [94, 4, 2])[0]
                self.cla_visits[p["pid"]].append({"date": d, "seen": seen, "cla_id": p["cla_id"]})
                pl = self.current_placement(p["pid"], d)
                settled = pl and pl["type"] in ("U1", "U4") and pl["start"] <= add_months(d, -12)
                gap = rnd.randint(50, 85) if settled else rnd.randint(24, 41)
                if rnd.random() < 0.05:
                    gap += rnd.randint(15, 35)  # a missed visit
                d += timedelta(days=gap)
        due = self.cla_visits_due(DEC19)
        want = REPORT["cla_visits"][0]
        if len(due) != REPORT["cla_visits"][1]:
            raise RuntimeError(f"CLA visits December: {len(due)} due")
        rnd.shuffle(due)
        for p in due:
            seen_n = sum(self.cla_seen(q["pid"], DEC19) for q in due)
            if seen_n == want:
                break
            pid = p["pid"]
            if seen_n > want and self.cla_seen(pid, DEC19):
                lo, hi = self.cla_visit_window(pid, DEC19)
                for v in self.cla_visits[pid]:
                    if lo <= v["date"] <= hi:
                        v["seen"] = 0
            elif seen_n < want and not self.cla_seen(pid, DEC19):
                self.cla_visits[pid].append({"date": date(2019, 12, rnd.randint(2, 20)),
                                             "seen": 1, "cla_id": p["cla_id"]})
        got = sum(self.cla_seen(q["pid"], DEC19) for q in due)
        if got != want:
            raise RuntimeError(f"CLA visits December: {got} seen, wanted {want}")
        for pid, visits in self.cla_visits.items():
            for v in sorted(visits, key=lambda v: v["date"]):
                self.rows["ssd_cla_visits"].append({
                    "clav_cla_visit_id": self.next_id("LV"), "clav_person_id": pid,
                    "clav_cla_visit_date": v["date"], "clav_cla_id": v["cla_id"],
                    "clav_cla_visit_seen": v["seen"],
                    "clav_cla_visit_seen_alone": (1 if rnd.random() < 0.5 else 0)
                    if v["seen"] == 1 else -1})

    def in_care_12m(self, mm: Month) -> list[dict]:
        cut = add_months(_last(mm), -12)
        return [p for p in self.looked_after(mm) if p["start"] <= cut]

    def build_health(self) -> None:
        """Yearly dental checks and health assessments (six-monthly under 5), most completed;
        for children in care 12 months+ in November or December 2019, the dental checks of
        December 2018 to December 2019 are placed to give both months' counts exactly."""
        rnd = self.rnd
        checks: dict[str, list[dict]] = defaultdict(list)
        for p in self.periods:
            end = min(p["end"] or END + DAY, END + DAY)
            dob = self.people[p["pid"]]["dob"]
            for kind in ("dental", "health"):
                d = p["start"] + timedelta(days=rnd.randint(20, 120))
                if d < HEALTH_FROM:  # and health checks from April 2015
                    d = HEALTH_FROM + timedelta(days=rnd.randint(0, 360))
                while d < end:
                    status = rnd.choices(["Completed", "Refused", "Cancelled", "Planned"],
                                         [86, 5, 4, 5])[0]
                    checks[p["pid"]].append({"kind": kind, "date": d, "status": status})
                    under5 = (d - dob).days < 5 * 365
                    gap = (rnd.randint(150, 185) if under5 and kind == "health"
                           else rnd.randint(300, 385))
                    d += timedelta(days=gap + (rnd.randint(20, 90) if rnd.random() < 0.12 else 0))
            if rnd.random() < 0.3:
                d = p["start"] + timedelta(days=rnd.randint(30, 400))
                if d < end:
                    checks[p["pid"]].append({"kind": "other", "date": d, "status": "Completed"})
        self._place_dental(checks)
        texts = {"dental": codes.DENTAL_TEXTS, "health": codes.HEALTH_TEXTS,
                 "other": codes.OTHER_HEALTH_TEXTS}
        for pid, items in checks.items():
            for c in sorted(items, key=lambda c: (c["date"], c["kind"])):
                status = c["status"]
                status = rnd.choice([status, status.upper(), status.lower()])
                self.rows["ssd_cla_health"].append({
                    "clah_health_check_id": self.next_id("HC"), "clah_person_id": pid,
                    "clah_health_check_type": rnd.choice(texts[c["kind"]]),
                    "clah_health_check_date": c["date"], "clah_health_check_status": status})

    def _place_dental(self, checks: dict[str, list[dict]]) -> None:
        """Dental checks from December 2018 to December 2019 for the November and December
        2019 cohorts. A completed check in December 2018 counts for November only, one in
        December 2019 for December only, one in between for both."""
        rnd = self.rnd
        nov = {p["pid"] for p in self.in_care_12m(NOV19)}
        dec = {p["pid"] for p in self.in_care_12m(DEC19)}
        if (len(nov), len(dec)) != (REPORT["dental_nov"][1], REPORT["dental"][1]):
            raise RuntimeError(f"dental cohorts {len(nov)}, {len(dec)}")
        lo, hi = date(2018, 12, 1), END
        for pid in nov | dec:
            checks[pid] = [c for c in checks[pid]
                           if not (c["kind"] == "dental" and lo <= c["date"] <= hi)]
        both, nov_only, dec_only = sorted(nov & dec), sorted(nov - dec), sorted(dec - nov)
        for group in (both, nov_only, dec_only):
            rnd.shuffle(group)
        want_nov, want_dec = REPORT["dental_nov"][0], REPORT["dental"][0]
        n_nov_only = round(len(nov_only) * 0.75)
        n_dec_only = round(len(dec_only) * 0.75)
        yy = min(want_nov - n_nov_only, want_dec - n_dec_only) - 4
        yn, ny = want_nov - n_nov_only - yy, want_dec - n_dec_only - yy
        if min(yy, yn, ny) < 0 or yy + yn + ny > len(both):
            raise RuntimeError("dental targets cannot be placed")

        def add(pid: str, first: date, last: date, status: str = "Completed") -> None:
            d = first + timedelta(days=rnd.randint(0, (last - first).days))
            checks[pid].append({"kind": "dental", "date": d, "status": status})

        exits = {p["pid"]: p["end"] for p in self.periods if p["end"] and p["end"] > lo}
        for i, pid in enumerate(both):
            if i < yy:
                add(pid, date(2019, 1, 1), date(2019, 11, 30))
            elif i < yy + yn:
                add(pid, date(2018, 12, 1), date(2018, 12, 31))
            elif i < yy + yn + ny:
                add(pid, date(2019, 12, 1), date(2019, 12, 20))
            elif rnd.random() < 0.5:
                add(pid, date(2019, 1, 1), date(2019, 12, 20), rnd.choice(["Refused", "Planned"]))
        for i, pid in enumerate(nov_only):
            if i < n_nov_only:
                add(pid, date(2018, 12, 1), min(date(2019, 11, 30), exits[pid] - DAY))
        for i, pid in enumerate(dec_only):
            if i < n_dec_only:
                add(pid, date(2019, 1, 1), date(2019, 12, 20))

    # --- the people ------------------------------------------------------------------------
    def build_cla_rows(self) -> None:
        for pid, pls in self.placements.items():
            for pl in pls:
                self.rows["ssd_cla_placement"].append({
                    "clap_cla_placement_id": pl["id"], "clap_person_id": pid,
                    "clap_cla_placement_start_date": pl["start"], "clap_cla_id": pl["cla_id"],
                    "clap_cla_placement_end_date": pl["end"], "clap_cla_placement_type": pl["type"],
                    "clap_cla_placement_provider": pl["provider"],
                    "clap_cla_placement_change_reason": pl["change"]})
        for pid, statuses in self.legal.items():
            for ls in statuses:
                self.rows["ssd_legal_status"].append({
                    "lega_legal_status_id": self.next_id("LS"), "lega_person_id": pid,
                    "lega_legal_status": ls["status"], "lega_legal_status_start_date": ls["start"],
                    "lega_legal_status_end_date": ls["end"]})
        for p in self.cp_plans:
            self.rows["ssd_cp_plans"].append({
                **{k: v for k, v in p.items() if k.startswith("cppl_")},
                "cppl_cp_plan_start_date": p["start"], "cppl_cp_plan_end_date": p["end"]})
        for pid, person in self.people.items():
            self.rows["ssd_person"].append({
                "pers_person_id": pid, "pers_sex": person["sex"], "pers_dob": person["dob"],
                "pers_expected_dob": person["expected"], "pers_death_date": None})

    def build(self) -> dict[str, Table]:
        """Every table, in the order the dependencies need."""
        self.build_front_door()
        self.build_assessments()
        self.build_early_help()
        self.build_child_protection()
        self.build_cp_visits()
        self.build_periods()
        self.build_placements()
        self.build_short_breaks()
        self.build_legal_and_episodes()
        self.build_cla_visits()
        self.build_health()
        self.build_cla_rows()
        return {name: to_table(name, self.rows[name]) for name in TABLES}


def to_table(name: str, rows: list[dict]) -> Table:
    """Row dicts as the column arrays the writer takes."""
    out: Table = {}
    for col, kind in TABLES[name]:
        values = [r.get(col) for r in rows]
        if kind == DATE:
            out[col] = np.array([v if v is not None else "NaT" for v in values],
                                dtype="datetime64[D]")
        elif kind == FLAG:
            out[col] = np.array([-1 if v is None else v for v in values], dtype=np.int8)
        else:
            out[col] = np.array(values, dtype=object)
    return out


def build_demo(seed: int = 999) -> dict[str, Table]:
    """The demo extract's tables (deterministic for a seed)."""
    return DemoBuilder(seed).build()
