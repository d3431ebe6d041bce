"""Arbitrary Unicode names survive read -> graph -> export -> read."""

import csv
from pathlib import Path

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit import build_graph, export

# Any printable character from any script (letters, marks, numbers, punctuation,
# symbols, spaces), including bidi controls (Cf) and emoji; not control
# characters or surrogates, which no text file holds.
NAME = (
    st.text(
        alphabet=st.characters(
            whitelist_categories=("L", "M", "N", "P", "S", "Zs", "Cf"),
            blacklist_characters="\ufeff\ufffe\uffff",
        ),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)


def write_dataset(directory: Path, names: list[str]) -> None:
    directory.mkdir(parents=True, exist_ok=True)

    def write(name, header, rows):
        with (directory / name).open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)

    write("sources.csv", ["id", "title", "publisher", "published"], [["s", "t", "p", "2025-06-16"]])
    write("people.csv", ["id", "name", "unnamed"], [[f"p{i}", n, "true"] for i, n in enumerate(names)])
    write("organisations.csv", ["id", "kind", "name"], [["o", "Company", names[0]]])
    write(
        "relationships.csv",
        ["type", "from", "to", "status", "sources", "evidence"],
        [["WORKED_AT", f"p{i}", "o", "confirmed", "s", n] for i, n in enumerate(names)],
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(NAME, min_size=1, max_size=5))
def test_unicode_names_round_trip(tmp_path_factory, names):
    directory = tmp_path_factory.mktemp("uni")
    write_dataset(directory / "data", names)
    g = build_graph(directory / "data")
    assert [g.nodes[f"p{i}"]["name"] for i in range(len(names))] == names
    for fmt in ("graphml", "gexf", "json"):
        out = directory / f"g.{fmt}"
        export(g, fmt, out)
        if fmt == "graphml":
            h = nx.read_graphml(out, force_multigraph=True)
        elif fmt == "gexf":
            h = nx.read_gexf(out)
        else:
            import json

            h = nx.node_link_graph(json.loads(out.read_text("utf-8")), edges="edges")
        assert [h.nodes[f"p{i}"]["name"] for i in range(len(names))] == names, fmt
        assert sorted(d["evidence"] for _, _, d in h.edges(data=True)) == sorted(names), fmt
