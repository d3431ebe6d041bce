"""The article's statistics over departures: co-founders, commercial leads, named people."""

from __future__ import annotations

from typing import Any

from graphkit.graph import flows


def _share(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _stats(ms: list[flows.Move]) -> dict[str, Any]:
    s = flows.shares(ms)
    return {
        "departures": s.departures,
        "founders": s.founders,
        "founder_share": _share(s.founders, s.departures),
        "commercial": s.commercial,
        "commercial_share": _share(s.commercial, s.departures),
        "named": s.named,
        "unnamed": s.unnamed,
        "destinations": s.destinations,
    }
