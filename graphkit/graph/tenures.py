"""A person's stints at organisations, grouped into tenures, and the role changes inside them
(rules 1 and 2 of :mod:`graphkit.graph.careers`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from graphkit.graph.time import NEG, POS, iso_cached, span


@dataclass(frozen=True)
class RoleChange:
    """A role that ended while the person stayed at the organisation."""

    person: str
    org: str
    from_role: str
    to_role: str
    end: str  # EDTF of the role's end
    earliest: str = ""
    latest: str = ""
    facts: tuple[str, ...] = ()


# -------------------------------------------------------------------- stints
_OPEN = (NEG, POS)


class _Stint:
    __slots__ = ("arrival", "cats", "e_hi", "e_lo", "end", "key", "org", "role", "s_hi", "s_lo", "start")

    def __init__(
        self, key: str, org: str, arrival: str, role: str, cats: tuple[str, ...], start: str, end: str
    ):
        # arrival: "" for a job, else how the stint began ("joined", "founded": the type, lower case)
        self.key, self.org, self.arrival, self.role, self.cats = key, org, arrival, role, cats
        self.start, self.end = start, end
        self.s_lo, self.s_hi = span(start) if start else _OPEN
        self.e_lo, self.e_hi = span(end) if end else _OPEN


class _Tenure:
    __slots__ = (
        "a_hi",
        "a_lo",
        "arrivals",
        "d_hi",
        "d_lo",
        "end",
        "founded",
        "jobs",
        "known_start",
        "open",
        "open_arrivals",
        "open_jobs",
        "org",
        "start",
        "stints",
        "undated_job",
    )

    def __init__(self, org: str):
        self.org = org
        self.stints: list[_Stint] = []
        self.jobs = self.open_jobs = self.arrivals = self.open_arrivals = 0
        self.a_lo, self.a_hi = POS, POS
        self.d_lo, self.d_hi = NEG, NEG
        self.end = self.start = ""
        self.founded = self.undated_job = False
        # open: not ended (a job with no end, or, with no job, an arrival with no end).
        # known_start: the tenure's beginning is an arrival, or every job in it has a start.
        self.open, self.known_start = False, True

    def add(self, s: _Stint) -> None:
        self.stints.append(s)
        if s.arrival:
            self.arrivals += 1
            self.open_arrivals += not s.end
            self.founded = self.founded or s.arrival == "founded"
        else:
            self.jobs += 1
            self.open_jobs += not s.end
            self.undated_job = self.undated_job or not s.start
        if s.start and (s.s_hi, s.s_lo) < (self.a_hi, self.a_lo):
            self.start = s.start
        if s.s_lo < self.a_lo:
            self.a_lo = s.s_lo
        if s.s_hi < self.a_hi:
            self.a_hi = s.s_hi
        if s.end and (s.e_hi, s.e_lo) > (self.d_hi, self.d_lo):
            self.d_lo, self.d_hi, self.end = s.e_lo, s.e_hi, s.end
        self.open = self.open_jobs > 0 if self.jobs else self.open_arrivals > 0
        self.known_start = self.arrivals > 0 or not self.undated_job

    def categories(self, order: tuple[str, ...]) -> tuple[str, ...]:
        found = {c for s in self.stints if not s.arrival for c in s.cats}
        return tuple(c for c in order if c in found) if found else ()


def _tenures(stints: list[_Stint]) -> list[_Tenure]:
    by_org: dict[str, list[_Stint]] = defaultdict(list)
    for s in stints:
        by_org[s.org].append(s)
    out: list[_Tenure] = []
    for org in sorted(by_org):
        ss = by_org[org]
        if len(ss) == 1:  # the usual case: one stint there, one tenure
            t = _Tenure(org)
            t.add(ss[0])
            out.append(t)
            continue
        placed = [s for s in ss if s.start or not s.arrival]
        floating = [s for s in ss if not s.start and s.arrival]
        placed.sort(key=lambda s: (s.s_lo, s.s_hi, s.e_hi, s.key))
        ts: list[_Tenure] = []
        cur: _Tenure | None = None
        for s in placed:
            if cur is None or not (cur.open or s.s_lo <= cur.d_hi + 1):
                cur = _Tenure(org)
                ts.append(cur)
            cur.add(s)
        for s in sorted(floating, key=lambda s: s.key):
            host = ts[-1] if ts and (ts[-1].open or ts[-1].undated_job) else None
            if host is None:
                host = _Tenure(org)
                ts.append(host)
            host.add(s)
        out.extend(ts)
    return out


def _role_changes(person: str, ts: list[_Tenure]) -> list[RoleChange]:
    out: list[RoleChange] = []
    for t in ts:
        jobs = t.stints
        if len(jobs) < 2:
            continue
        for s in jobs:
            if not s.end or (not t.open and s.e_hi == t.d_hi):
                continue  # still held, or the tenure's own end (a departure)
            after = [
                j for j in jobs if j is not s and (not j.end or j.e_hi > s.e_hi) and j.s_lo <= s.e_hi + 1
            ]
            nxt = max(after, key=lambda j: (j.s_lo, j.key), default=None)
            out.append(
                RoleChange(
                    person=person,
                    org=t.org,
                    from_role=s.role,
                    to_role=nxt.role if nxt else "",
                    end=s.end,
                    earliest=iso_cached(s.e_lo),
                    latest=iso_cached(s.e_hi),
                    facts=(s.key,) + ((nxt.key,) if nxt else ()),
                )
            )
    return out
