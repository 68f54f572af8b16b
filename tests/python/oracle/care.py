"""Who is looked after at a date, and since when ("Precise readings: Children in care").

- Looked after at D: a CLA episode open at D, and the legal status open at D (of several, the
  one that started last) is not a short break (V3, V4). No status open: looked after.
- Period of care start of an episode: its entered_care_date when present, otherwise the start
  of the chain of episodes linked by X1 endings (an episode ending X1 on the day the next
  starts).
- Several episodes open at D: the child counts once, looked after since the earliest period of
  care start among them.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from .dates import open_at
from .inputs import Inputs

SHORT_BREAKS = {"V3", "V4"}
CHAIN_REASON = "X1"


def code(values: pd.Series) -> pd.Series:
    """Free-text codes compared as codes: trimmed, upper case."""
    return values.astype("string").str.strip().str.upper()


def period_of_care_starts(episodes: pd.DataFrame) -> pd.Series:
    """Each episode's period of care start (aligned to episodes' index)."""
    ended_x1 = episodes[code(episodes["ceased_reason"]).eq(CHAIN_REASON).fillna(False)]
    # predecessors of an episode: the child's episodes ending X1 on the day it starts
    predecessors: dict[object, list[object]] = {}
    by_end: dict[tuple[object, object], list[object]] = {}
    for idx, person, ceased in zip(ended_x1.index, ended_x1["person_id"],
                                   ended_x1["episode_ceased_date"], strict=True):
        by_end.setdefault((person, ceased), []).append(idx)
    for idx, person, start in zip(episodes.index, episodes["person_id"],
                                  episodes["episode_start_date"], strict=True):
        predecessors[idx] = [p for p in by_end.get((person, start), []) if p != idx]

    memo: dict[object, pd.Timestamp] = {}

    def chain_start(idx: object, seen: frozenset) -> pd.Timestamp:
        if idx in memo:
            return memo[idx]
        starts = [episodes.at[idx, "episode_start_date"]]
        starts += [chain_start(p, seen | {idx}) for p in predecessors[idx] if p not in seen]
        known = [s for s in starts if pd.notna(s)]
        memo[idx] = min(known) if known else pd.NaT
        return memo[idx]

    chain = pd.Series([chain_start(i, frozenset()) for i in episodes.index],
                      index=episodes.index, dtype="datetime64[us]")
    return episodes["entered_care_date"].astype("datetime64[us]").fillna(chain)


class Care:
    """One LA's care records, ready to answer "who is looked after at D, since when"."""

    def __init__(self, inp: Inputs, la: str) -> None:
        episodes = inp.table("cla_episodes", la)
        self.episodes = episodes.assign(poc_start=period_of_care_starts(episodes))
        status = inp.table("legal_status", la)
        self.legal_status = status.assign(code=code(status["legal_status"]))
        self._at: dict[date, pd.Series] = {}

    @classmethod
    def of(cls, inp: Inputs, la: str) -> Care:
        """The LA's care records, built once and shared by the children-in-care KPIs."""
        return inp.memo(("care", la), lambda: cls(inp, la))

    def looked_after_at(self, d: date) -> pd.Series:
        """Children looked after at D -> the start of their current period of care."""
        if d not in self._at:
            self._at[d] = self._looked_after_at(d)
        return self._at[d]

    def _looked_after_at(self, d: date) -> pd.Series:
        eps = self.episodes
        current = eps[open_at(eps["episode_start_date"], eps["episode_ceased_date"], d)]
        since = current.groupby("person_id")["poc_start"].min()
        status = self.legal_status
        open_status = status[open_at(status["legal_status_start_date"],
                                     status["legal_status_end_date"], d)]
        # the spec does not break a tie of start dates; the status id does, for a stable answer
        latest = (open_status.sort_values(["legal_status_start_date", "legal_status_id"])
                  .groupby("person_id").tail(1))
        short_break = set(latest.loc[latest["code"].isin(SHORT_BREAKS), "person_id"])
        return since[~since.index.isin(short_break)]
