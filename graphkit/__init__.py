"""graphkit: a knowledge graph of people, companies and their moves from news reports."""

from __future__ import annotations

__version__ = "0.1.0"

from graphkit.graph import careers
from graphkit.ingest.validate import check, load_dataset
from graphkit.schema.errors import GraphkitError, InvalidData, Issue, ReadError, SettingsError

from .api import (
    build_graph,
    build_report,
    centrality,
    dataset_counts,
    demo,
    export,
    graph_counts,
    markdown_report,
    render_report,
    validate,
    write_html,
)
from .graph import to_graph

__all__ = [
    "GraphkitError",
    "InvalidData",
    "Issue",
    "ReadError",
    "SettingsError",
    "__version__",
    "build_graph",
    "build_report",
    "careers",
    "centrality",
    "check",
    "dataset_counts",
    "demo",
    "export",
    "graph_counts",
    "load_dataset",
    "markdown_report",
    "render_report",
    "to_graph",
    "validate",
    "write_html",
]
