"""Exports of the talent graph: GraphML, GEXF, node-link JSON and CSV.

GraphML and GEXF hold no lists, so list attributes (sources, aliases,
role_category) are joined with the vocabulary's separator ``;``. Graph-level
sources and claims go into ``sources_json`` and ``claims_json``, and the
derived careers (:mod:`graphkit.graph.careers`: moves and role changes) into
``careers_json``; node-link JSON holds them as ``graph.careers``, and the CSV
export writes the moves to ``moves.csv``. Every relationship carries its
stable key (type, ends, role, start and end).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx

from graphkit.graph import careers
from graphkit.schema import vocab
from graphkit.schema.errors import SettingsError

FORMATS = ("graphml", "gexf", "json", "csv")
#: Names that are files, not the directory a CSV export needs.
FILE_SUFFIXES = {".csv", ".tsv", ".txt", ".json", ".graphml", ".gexf", ".xml", ".zip"}


def _flat(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return vocab.load().list_separator.join(str(v) for v in value)
    return value


def flatten(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are all scalars (for XML formats and CSV)."""
    h = nx.MultiDiGraph()
    h.graph["name"] = g.graph.get("name", "graphkit")
    h.graph["sources_json"] = json.dumps(g.graph.get("sources", {}), ensure_ascii=False)
    h.graph["claims_json"] = json.dumps(g.graph.get("claims", []), ensure_ascii=False)
    h.graph["careers_json"] = json.dumps(careers.ensure(g).to_json(), ensure_ascii=False)
    for n, d in g.nodes(data=True):
        h.add_node(n, **{k: _flat(v) for k, v in d.items()})
    for u, v, k, d in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **{a: _flat(b) for a, b in d.items()})
    return h


def node_link(g: nx.MultiDiGraph) -> dict[str, Any]:
    c = careers.ensure(g)
    data = nx.node_link_data(g, edges="edges")
    data["graph"] = {**data["graph"], "careers": c.to_json()}
    return data


def write(g: nx.MultiDiGraph, fmt: str, path: str | Path) -> list[Path]:
    """Write ``g`` as ``fmt`` to ``path``; return the files written.

    For ``csv``, ``path`` is a directory that receives nodes.csv and edges.csv.
    """
    path = Path(path)
    if fmt not in FORMATS:
        raise SettingsError(f"unknown export format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    if fmt == "csv":
        if path.is_file() or (not path.is_dir() and path.suffix.lower() in FILE_SUFFIXES):
            raise SettingsError(
                f"for --format csv, -o names a directory (it receives nodes.csv, edges.csv and "
                f"moves.csv), not a file: {str(path)!r} (try -o {str(path.with_suffix(''))!r})"
            )
        path.mkdir(parents=True, exist_ok=True)
        return [*_write_csv(flatten(g), path), _write_moves(g, path / "moves.csv")]
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        nx.write_graphml(flatten(g), path, encoding="utf-8", named_key_ids=True)
    elif fmt == "gexf":
        _write_gexf(flatten(g), path)
    else:
        path.write_text(json.dumps(node_link(g), ensure_ascii=False, indent=1), encoding="utf-8")
    return [path]


def _write_gexf(h: nx.MultiDiGraph, path: Path) -> None:
    """GEXF reserves the XML attributes ``type`` (edge direction), ``start`` and
    ``end`` (dynamic time spans, which EDTF values are not), and networkx moves
    attributes of those names there. They are written as ordinary attributes
    whose titles are ``type``, ``start`` and ``end`` instead, which Gephi shows
    and ``networkx.read_gexf`` returns under those names. The file carries no
    ``lastmodifieddate`` (networkx's is the day of writing): the same graph, the same
    file."""
    reserved = ("type", "start", "end")
    for _, _, d in h.edges(data=True):
        for name in reserved:
            d[f"graphkit_{name}"] = d.pop(name)
    for _, d in h.nodes(data=True):
        d["label"] = d["name"]
    text = "\n".join(nx.generate_gexf(h, encoding="utf-8"))
    # networkx stamps the day of writing; without it the same graph gives the same file
    text = re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)
    for name in reserved:
        text = text.replace(f'title="graphkit_{name}"', f'title="{name}"', 1)
    path.write_text(text, encoding="utf-8")


def _write_csv(h: nx.MultiDiGraph, directory: Path) -> list[Path]:
    node_cols = sorted({k for _, d in h.nodes(data=True) for k in d})
    edge_cols = sorted({k for _, _, d in h.edges(data=True) for k in d})
    nodes_path, edges_path = directory / "nodes.csv", directory / "edges.csv"
    with nodes_path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", *node_cols])
        for n, d in h.nodes(data=True):
            w.writerow([n, *(d.get(c, "") for c in node_cols)])
    with edges_path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "key", *edge_cols])
        for u, v, k, d in h.edges(keys=True, data=True):
            w.writerow([u, v, k, *(d.get(c, "") for c in edge_cols)])
    return [nodes_path, edges_path]


MOVE_COLUMNS = (
    "key",
    "person",
    "origin",
    "destination",
    "how",
    "when",
    "earliest",
    "latest",
    "end",
    "start",
    "ambiguous",
    "candidates",
    "boomerang",
    "role_category",
    "unnamed",
    "facts",
)


def _write_moves(g: nx.MultiDiGraph, path: Path) -> Path:
    """One row per move (``origin`` empty for an arrival, ``destination`` empty when unknown)."""
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(MOVE_COLUMNS)
        for m in careers.ensure(g).moves:
            row = []
            for c in MOVE_COLUMNS:
                v = getattr(m, c)
                row.append("" if v is None else str(v).lower() if isinstance(v, bool) else _flat(v))
            w.writerow(row)
    return path
