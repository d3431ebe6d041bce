"""The report's options, their checks and small shared helpers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graphkit.schema import vocab
from graphkit.schema.errors import SettingsError

from .. import metrics as mx

FORMATS = ("table", "csv", "json", "markdown", "html")
#: Centrality values are reported to 12 decimal places: ARPACK (eigenvector) starts
#: from a random vector, so the last bits of a double differ from run to run.
DIGITS = 12
KINDS = ("person", "org")


@dataclass(frozen=True)
class ReportOptions:
    metrics: tuple[str, ...] = mx.METRICS
    top: int = 15
    kind: str | None = None  # person | org
    period: str | None = None  # e.g. 2025H1
    as_of: str | None = None  # e.g. 2025-03-31
    include_possible: bool = False
    engine: str = "auto"
    metric_options: mx.Options = field(default_factory=mx.Options)
    periods: bool = True  # the per-period section
    communities: bool = True
    title: str | None = None  # default: from the sources (graphkit.graph.title)


def _check(opts: ReportOptions) -> None:
    bad = [m for m in opts.metrics if m not in mx.METRICS]
    if bad:
        raise SettingsError(f"unknown metric {bad[0]!r} (expected one of: {', '.join(mx.METRICS)})")
    if opts.kind is not None and opts.kind not in KINDS:
        raise SettingsError(f"unknown kind {opts.kind!r} (expected person or org)")
    if opts.period and opts.as_of:
        raise SettingsError("give --period or --as-of, not both")
    if opts.top < 1:
        raise SettingsError("--top must be at least 1")


def _name(g: nx.MultiDiGraph, v: Any) -> str:
    return str(g.nodes[v].get("name", v)) if v in g else str(v)


def _namer(g: nx.MultiDiGraph) -> Callable[[Any], str]:
    """:func:`_name`, each node's name looked up once (a report names a million moves)."""
    names: dict[str, str] = {}

    def name(v: Any) -> str:
        if type(v) is not str:
            return _name(g, v)
        s = names.get(v)
        if s is None:
            s = names[v] = _name(g, v)
        return s

    return name


def _kind_ok(kind: str, want: str | None) -> bool:
    if want is None:
        return True
    voc = vocab.load()
    return kind in voc.group("people") if want == "person" else kind in voc.group("employers")
