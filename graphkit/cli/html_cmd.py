"""The `graphkit html` and `graphkit timeline` commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .. import api
from .app import main
from .options import DIR, ENCODING, OUT
from .progress import spinner


def filter_options(f: Callable[..., Any]) -> Callable[..., Any]:
    for opt in reversed(
        [
            click.option(
                "--company",
                "companies",
                multiple=True,
                help="Keep this organisation, its people and where they went (repeatable).",
            ),
            click.option(
                "--person",
                "people",
                multiple=True,
                help="Keep this person and their relationships (repeatable).",
            ),
            click.option("--ego", "ego_node", help="Keep the nodes within --depth steps of this node id."),
            click.option(
                "--depth", default=1, show_default=True, type=click.IntRange(0), help="Steps for --ego."
            ),
            click.option(
                "--since", help="Keep facts dated on or after this EDTF date (e.g. 2025-01, 2025-40)."
            ),
            click.option("--until", help="Keep facts dated on or before this EDTF date."),
            click.option(
                "--possible",
                is_flag=True,
                help="With --since/--until, also keep facts possibly in range (fuzzy or undated).",
            ),
            click.option(
                "--types",
                "type_names",
                help="Keep only these relationship types, comma-separated (e.g. WORKED_AT,FOUNDED).",
            ),
            click.option(
                "--size-by",
                default="degree",
                show_default=True,
                type=click.Choice(api.SIZE_METRICS),
                help="Node size by this metric.",
            ),
            click.option("--title", help="Page title (default: from the sources' titles)."),
        ]
    ):
        f = opt(f)
    return f


def _write(directory: Path, output: Path, encoding: str | None, view: str, **opts: Any) -> None:
    types = [t.strip() for t in (opts.pop("type_names") or "").split(",") if t.strip()]
    with spinner("building the page") as progress:
        path = api.write_html(
            api.build_graph(directory, encoding),
            output,
            view=view,
            progress=progress,
            type_names=types,
            **opts,
        )
    click.echo(f"wrote {path}")


@main.command("html")
@DIR
@OUT
@ENCODING
@filter_options
def html_command(directory: Path, output: Path, encoding: str | None, **opts: Any) -> None:
    """Write the interactive graph as one self-contained, offline HTML file.

    \b
    Example:
      graphkit html data/ -o out/graph.html
      graphkit html data/ -o out/zhipu.html --company zhipu
      graphkit html data/ -o out/h1.html --since 2025-01 --until 2025-06 --possible
      graphkit html data/ -o out/ego.html --ego zhang-fan --depth 2 --size-by betweenness
    """
    _write(directory, output, encoding, "graph", **opts)


@main.command("timeline")
@DIR
@OUT
@ENCODING
@filter_options
def timeline_command(directory: Path, output: Path, encoding: str | None, **opts: Any) -> None:
    """Write the page opened on its timeline: departures per company, fuzzy dates as bars.

    \b
    Example:
      graphkit timeline data/ -o out/timeline.html
      graphkit timeline data/ -o out/baichuan.html --company baichuan
    """
    _write(directory, output, encoding, "timeline", **opts)
