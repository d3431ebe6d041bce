"""The sources' claims next to the data, measured over the derived moves."""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx

from graphkit.graph import careers
from graphkit.schema import dates, vocab
from graphkit.schema.text import plural

from .options import _name

# --- claims ------------------------------------------------------------------


def _subject_orgs(g: nx.MultiDiGraph, subject: str) -> list[str]:
    if subject in g and g.nodes[subject].get("kind") == "Group":
        member = vocab.load().type_for("membership")
        return sorted((u for u, _, t in g.in_edges(subject, data="type") if t == member), key=str)
    return [subject] if subject in g else []


MEASURES = ("departures", "new_hires", "executive_changes", "companies_with_changes")


def claims(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Each claim the sources make, next to what the data holds.

    Counted over the moves (:mod:`graphkit.graph.careers`): a departure is a move out
    of one of the claim's organisations, a new hire a move or arrival into one,
    each dated by its move. ``certain``: moves that certainly fall in the
    claim's period; ``possible``: those that possibly do; ``all_time``:
    regardless of date, over the organisations that have any change in the
    period. A metric the data cannot measure has ``certain``/``possible`` None.
    """
    listed = g.graph.get("claims")  # validated records (graphkit.schema.model.Claim) as dicts
    if not listed:
        return []
    ms = careers.moves(g)
    out = []
    for c in listed:
        subject, metric, period = c["subject"], c["metric"], c.get("period") or ""
        orgs = set(_subject_orgs(g, subject))
        pd = dates.parse(period) if period else None
        claimed = int(c["value"]) if str(c["value"]).isdigit() else c["value"]
        row: dict[str, Any] = {
            "id": c["id"],
            "subject": subject,
            "subject_name": _name(g, subject),
            "metric": metric,
            "period": period,
            "period_text": dates.humanise(period) if period else "any time",
            "claimed": claimed,
            "certain": None,
            "possible": None,
        }
        if metric not in MEASURES:
            row["verdict"] = "not measurable"
            row["statement"] = (
                f"{row['subject_name']}: the source says {_measure(claimed, metric)}; "
                "the data has no measure for it: not measurable."
            )
            out.append(row)
            continue
        certain, _ = claim_count(ms, orgs, metric, pd, False)
        possible, changed = claim_count(ms, orgs, metric, pd, True)
        row["certain"], row["possible"] = certain, possible
        if metric in ("departures", "executive_changes") and len(orgs) > 1:
            all_deps = sum(1 for m in ms if m.origin in changed)
            names = "、".join(sorted(_name(g, o) for o in changed))
            row["all_time"] = all_deps
            row["companies"] = sorted(changed, key=str)
            extra = f"; {all_deps} departures in all from those {len(changed)} companies ({names})"
        else:
            extra = ""
        verdict = claim_verdict(claimed, certain, possible)
        row["verdict"] = verdict
        row["statement"] = (
            f"{row['subject_name']}: the source says {_measure(claimed, metric)} "
            f"({row['period_text']}); the data holds {certain} certainly in that period and "
            f"{possible} possibly{extra}: {verdict}."
        )
        out.append(row)
    return out


_NOUNS = {
    "departures": ("departure", "departures"),
    "new_hires": ("new hire", "new hires"),
    "executive_changes": ("executive change", "executive changes"),
    "companies_with_changes": ("company with changes", "companies with changes"),
}


def _measure(value: Any, metric: str) -> str:
    """``1 new hire``, ``12 executive changes``; another metric is shown by its name."""
    one, many = _NOUNS.get(metric, (metric.replace("_", " "), metric.replace("_", " ")))
    return plural(value, one, many) if isinstance(value, int) else f"{value} {many}"


def claim_count(
    ms: list[careers.Move], orgs: set[str], metric: str, pd: dates.FuzzyDate | None, possible: bool
) -> tuple[int, set[str]]:
    """The data's value for a claim's ``metric`` over ``orgs`` in the period ``pd``, and the
    organisations with any change. ``possible`` also counts moves that may fall in it."""

    def within(when: str) -> bool:
        if pd is None or (pd.earliest is None and pd.latest is None):
            return True
        d = dates.parse(when) if when else None
        if d is None:
            return possible
        start, end = pd.earliest or dt.date.min, pd.latest or dt.date.max  # an open end: no bound there
        if possible:
            return d.possibly_within(start, end)
        return d.certainly_within(start, end)

    out = [m for m in ms if m.origin in orgs and within(m.when)]
    hires = [m for m in ms if m.destination in orgs and within(m.arrived)]
    changed = {m.origin for m in out} | {m.destination for m in hires}
    n = {
        "departures": len(out),
        "new_hires": len(hires),
        "executive_changes": len(out) + len(hires),
        "companies_with_changes": len(changed),
    }[metric]
    return n, changed  # type: ignore[return-value]


def claim_verdict(claimed: Any, certain: int, possible: int) -> str:
    if not isinstance(claimed, int):
        return "not comparable"
    if certain == possible == claimed:
        return "matches"
    if certain <= claimed <= possible:
        return "consistent only if the fuzzy dates fall the right way"
    if claimed > possible:
        return "the data holds fewer"
    return "the data holds more"
