"""The library API: everything the CLI does, callable from Python.

>>> import graphkit
>>> g = graphkit.build_graph("data")
>>> g.nodes["zhang-fan"]["name"]
'张帆'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from . import export as _export
from . import graph as _graph
from . import html as _html
from . import report as _report
from .model import Dataset
from .validate import load_dataset

EXPORT_FORMATS = _export.FORMATS


def validate(directory: str | Path, encoding: str | None = None) -> Dataset:
    """Validate a data directory; raise :class:`graphkit.InvalidData` listing every problem."""
    return load_dataset(directory, encoding)


def dataset_counts(dataset: Dataset) -> dict[str, int]:
    return dataset.counts()


def build_graph(directory: str | Path, encoding: str | None = None) -> nx.MultiDiGraph:
    """Validate ``directory`` and convert it to the talent graph."""
    return _graph.to_graph(load_dataset(directory, encoding))


def graph_counts(g: nx.MultiDiGraph) -> dict[str, int]:
    return _graph.counts(g)


def export(g: nx.MultiDiGraph, fmt: str, path: str | Path) -> list[Path]:
    """Write ``g`` as graphml, gexf, json or csv; return the paths written."""
    return _export.write(g, fmt, path)


def write_html(g: nx.MultiDiGraph, path: str | Path, title: str = "graphkit") -> Path:
    return _html.write_html(g, path, title)


def markdown_report(g: nx.MultiDiGraph, top: int = 15) -> str:
    return _report.markdown_report(g, top)


@dataclass(frozen=True)
class DemoResult:
    html: Path
    report: Path
    summary: str


def demo(directory: str | Path = "data", out_dir: str | Path = "out") -> DemoResult:
    """Validate, then write ``graph.html`` and ``report.md`` into ``out_dir``."""
    g = build_graph(directory)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    html_path = write_html(g, out / "graph.html", title=f"graphkit: {Path(directory).name}")
    report_path = out / "report.md"
    report_path.write_text(markdown_report(g), encoding="utf-8")
    deps = _graph.departures(g)
    counts = graph_counts(g)
    people = counts.get("Person", 0)
    summary = "\n".join(
        [
            f"{directory}: {g.number_of_nodes()} nodes, {g.number_of_edges()} relationships "
            f"({people} people, {len(deps)} departures)",
            f"wrote {html_path}",
            f"wrote {report_path}",
        ]
    )
    return DemoResult(html=html_path, report=report_path, summary=summary)
