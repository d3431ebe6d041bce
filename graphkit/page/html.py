"""The interactive HTML page: one self-contained UTF-8 file that makes no network request.

Design decisions (measured; see ``bench/bench_html.py`` and the README):

* **Data and options, not pyvis's page.** pyvis 0.3.2's page fetches
  Bootstrap from a CDN in every mode and switches to an ``innerHTML``
  tooltip when a title contains "href". We keep pyvis for the vis-network
  options (:func:`vis_options` starts from a pyvis ``Network``'s options)
  and the vis-network library it ships, and write the page with our own
  template in ``templates/``.
* **Linear build.** ``Network.add_node`` checks ``n_id not in
  self.get_nodes()``, a list scan, so ``from_nx``/``add_node`` are quadratic
  (21 s at 10,000 nodes). We build the node and edge records directly, in one
  pass each.
* **Precomputed layout.** Positions come from :mod:`graphkit.page.layout` (igraph,
  seeded); physics is off, so the first frame is drawn at once and positions
  never move when in-page filters change.
* **Safe.** All data travels as JSON in a ``<script type="application/json">``
  element with ``<``, ``>`` and ``&`` escaped, and the page builds every
  tooltip, panel and legend with ``textContent``/``createElement``. vis is
  given no ``title``, so it never renders data as HTML. A Content Security
  Policy forbids every network fetch.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from graphkit.graph import filters
from graphkit.page import layout
from graphkit.page.data import BIG, SIZE_METRICS, Progress, page_data, spacing_for, vis_options  # noqa: F401 (the page's API)

VIS_JS = ("lib", "vis-9.1.2", "vis-network.min.js")


def safe_json(value: Any) -> str:
    """JSON that is safe inside any HTML element, including ``<script>``."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """vis-network 9.1.2 as shipped inside the pyvis wheel, without its source-map comment."""
    js = resources.files("pyvis").joinpath(*VIS_JS).read_text("utf-8")
    js = "\n".join(line for line in js.split("\n") if not line.startswith("//# sourceMappingURL"))
    return js.replace("</script", "<\\/script")


def _template(name: str) -> str:
    return resources.files("graphkit.page").joinpath("templates", name).read_text("utf-8")


def render(g: nx.MultiDiGraph, progress: Progress | None = None, **kwargs: Any) -> str:
    """The complete page for ``g`` as a string (see :func:`page_data` for the options)."""
    data = page_data(g, progress=progress, **kwargs)
    if progress:
        progress("writing the page")
    page = _template("page.html")
    for name, text in (
        ("/*__CSS__*/", _template("page.css")),
        ("/*__VIS__*/", vis_network_js()),
        ("/*__APP__*/", _template("page.js").replace("</script", "<\\/script")),
    ):
        before, _, after = page.partition(name)
        page = before + text + after
    before, _, after = page.partition("__DATA__")
    return before + safe_json(data) + after


def write_html(
    g: nx.MultiDiGraph,
    path: str | Path,
    title: str | None = None,
    *,
    size_by: str = "degree",
    view: str = "graph",
    seed: int = 0,
    progress: Progress | None = None,
    **filter_args: Any,
) -> Path:
    """Write the page for ``g`` (optionally filtered, see :func:`graphkit.graph.filters.apply`).

    The layout is computed on the whole graph, so a filtered page puts every
    node where the unfiltered page does.
    """
    positions = None
    if any(filter_args.values()):
        if progress:
            progress(f"layout of {g.number_of_nodes()} nodes")
        positions = layout.positions(g, seed, spacing_for(g.number_of_nodes()))
        g = filters.apply(g, **filter_args)
    text = render(g, progress, title=title, size_by=size_by, positions=positions, view=view, seed=seed)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
