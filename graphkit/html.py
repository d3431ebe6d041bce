"""The interactive HTML page: one self-contained UTF-8 file, no network.

pyvis builds the node and edge data and the vis-network options; the page is
written with graphkit's own template, which inlines vis-network (shipped inside
the pyvis wheel) and embeds all data as JSON with ``<`` escaped, so nothing
from the data is ever parsed as HTML.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network

from . import dates, vocab

VIS_JS = ("lib", "vis-9.1.2", "vis-network.min.js")


def safe_json(value: Any) -> str:
    """JSON that is safe inside a <script> element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def vis_network_js() -> str:
    return resources.files("pyvis").joinpath(*VIS_JS).read_text("utf-8")


def tooltip(d: dict[str, Any]) -> str:
    """Plain-text tooltip (vis shows a string title as text, never as HTML)."""
    parts = [d.get("type") or d.get("kind", "")]
    if d.get("name"):
        parts.append(d["name"] + (f" ({d['name_en']})" if d.get("name_en") else ""))
    if d.get("role"):
        parts.append(d["role"] + (f" / {d['role_en']}" if d.get("role_en") else ""))
    if d.get("start"):
        parts.append("start: " + dates.humanise(d["start"]))
    if d.get("end"):
        parts.append("end: " + dates.humanise(d["end"]))
    if d.get("status"):
        parts.append("status: " + d["status"])
    if d.get("evidence"):
        parts.append("“" + d["evidence"] + "”")
    return "\n".join(p for p in parts if p)


def network(g: nx.MultiDiGraph) -> Network:
    """The pyvis Network for ``g``: data and options, not the page."""
    voc = vocab.load()
    net = Network(directed=True, cdn_resources="remote")
    for n, d in g.nodes(data=True):
        kind = voc.nodes[d["kind"]]
        net.add_node(n, label=d["name"], title=tooltip(d), color=kind.colour, shape=kind.shape)
    for u, v, d in g.edges(data=True):
        rel = voc.relationships[d["type"]]
        net.add_edge(u, v, title=tooltip(d), color=rel.colour, dashes=rel.dashes, label=rel.label_zh)
    net.toggle_physics(True)
    return net


PAGE = """<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>graphkit</title>
<style>html,body{margin:0;height:100%;font-family:sans-serif}#graph{position:absolute;inset:2.2em 0 0 0}
#title{padding:.4em .8em;font-size:14px}</style>
</head><body><div id="title"></div><div id="graph"></div>
<script>__VIS__</script>
<script>
const DATA = __DATA__;
document.getElementById("title").textContent = DATA.title;
const nodes = new vis.DataSet(DATA.nodes), edges = new vis.DataSet(DATA.edges);
const network = new vis.Network(document.getElementById("graph"), {nodes, edges}, DATA.options);
window.graphkit = {network, nodes, edges};
</script></body></html>
"""


def render(g: nx.MultiDiGraph, title: str = "graphkit") -> str:
    net = network(g)
    data = {
        "title": f"{title}: {g.number_of_nodes()} nodes, {g.number_of_edges()} relationships",
        "nodes": net.nodes,
        "edges": net.edges,
        "options": {"physics": {"stabilization": {"iterations": 200}}, "edges": {"arrows": "to"}},
    }
    return PAGE.replace("__VIS__", vis_network_js().replace("</script", "<\\/script")).replace(
        "__DATA__", safe_json(data)
    )


def write_html(g: nx.MultiDiGraph, path: str | Path, title: str = "graphkit") -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(g, title), encoding="utf-8")
    return path
