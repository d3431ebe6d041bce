"""Where the sources disagree (every disagreement, and the counts that depend on one),
and the facts more than one source reports (with each source's own quote)."""

from __future__ import annotations

from typing import Any

import networkx as nx

from graphkit.graph import disputes
from graphkit.metrics import EdgeTable
from graphkit.schema import dates

from .options import _name

RULE = (
    "The graph uses the value of the latest-published source; counts that depend on a disputed "
    "value are given as ranges over the values the sources give."
)


def _shown(field: str, value: str) -> str:
    if not value:
        return "(still there)" if field == "end" else "(none)"
    if field in ("start", "end"):
        try:
            return dates.humanise(value)
        except Exception:
            return value
    return value


def _subject(g: nx.MultiDiGraph, d: dict[str, Any], ends: dict[str, tuple[str, str, str]]) -> str:
    """A disagreement's subject with names: "洪涛 -> 百川智能 (WORKED_AT)", "智谱 (Company)"."""
    if d["key"] in ends:
        u, v, rtype = ends[d["key"]]
        return f"{_name(g, u)} -> {_name(g, v)} ({rtype})"
    if d["key"] in g:
        return f"{_name(g, d['key'])} ({g.nodes[d['key']].get('kind', '')})"
    return d["subject"]


def disagreements_section(g: nx.MultiDiGraph) -> dict[str, Any]:
    titles = {sid: s.get("title", "") for sid, s in (g.graph.get("sources") or {}).items()}
    found = g.graph.get("disagreements") or []
    wanted = {d["key"] for d in found}
    ends = {k: (u, v, t) for u, v, k, t in g.edges(keys=True, data="type") if k in wanted} if wanted else {}
    items = [
        {
            "kind": d["kind"],
            "subject": d["subject"],
            "subject_name": _subject(g, d, ends),
            "key": d["key"],
            "field": d["field"],
            "used": d["used"],
            "values": [
                {
                    "value": a["value"],
                    "shown": _shown(d["field"], a["value"]),
                    "sources": list(a["sources"]),
                    "source_titles": [titles.get(s, s) for s in a["sources"]],
                    "published": a.get("published", ""),
                    "folder": a["folder"],
                    "at": a["at"],
                }
                for a in d["values"]
            ],
        }
        for d in found
    ]
    counts = [
        {"count": c.count, "period": c.period, "value": c.value, "low": c.low, "high": c.high}
        for c in disputes.departure_ranges(g)
    ]
    return {"rule": RULE, "items": items, "counts": counts}


def corroborated_section(g: nx.MultiDiGraph, table: EdgeTable | None = None) -> list[dict[str, Any]]:
    """Every fact that more than one folder's rows tell, with each one's sources and quote
    (``table``: the :class:`graphkit.metrics.EdgeTable` of ``g``, when the caller has it)."""
    out = []
    for u, v, k, d in (EdgeTable(g) if table is None else table).quoted:
        quotes = d.get("quotes") or []
        out.append(
            {
                "key": k,
                "type": d["type"],
                "from": u,
                "to": v,
                "fact": f"{_name(g, u)} -> {_name(g, v)} ({d['type']})",
                "quotes": [
                    {"sources": s.split(";") if s else [], "quote": q, "folder": f}
                    for q, s, f in zip(
                        quotes, d.get("quote_sources") or [], d.get("quote_folders") or [], strict=False
                    )
                ],
            }
        )
    out.sort(key=lambda x: (x["fact"], x["key"]))
    return out
