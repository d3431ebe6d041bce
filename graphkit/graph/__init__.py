"""The one conversion to a NetworkX graph, and the rules that read it: time and careers,
periods, filters and flows."""

from graphkit.graph.convert import counts, edge_attrs, node_attrs, title, to_graph

__all__ = ["counts", "edge_attrs", "node_attrs", "title", "to_graph"]
