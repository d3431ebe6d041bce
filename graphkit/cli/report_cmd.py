"""The `graphkit report` command."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .. import api
from .app import is_terminal, main
from .options import DIR, ENCODING, connection_options
from .progress import spinner


def print_rich(r: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table as RichTable

    console = Console()
    console.print(f"[bold]graphkit report[/bold]: {api.scope_line(r)}", markup=True, highlight=False)
    for t in api.report_tables(r):
        table = RichTable(title=t.title, caption=t.note or None)
        for h in t.headers:
            table.add_column(h)
        for row in t.rows:
            table.add_row(*(api.format_cell(c) for c in row))
        console.print(table)


def split_metrics(values: tuple[str, ...]) -> tuple[str, ...]:
    out = tuple(m.strip() for v in values for m in v.split(",") if m.strip())
    bad = [m for m in out if m not in api.METRICS]
    if bad:
        raise click.BadParameter(
            f"unknown metric {bad[0]!r} (expected one of: {', '.join(api.METRICS)})", param_hint="--metric"
        )
    return out or api.METRICS


@main.command()
@DIR
@click.option(
    "--metric",
    "metric",
    multiple=True,
    metavar="NAME[,NAME]",
    help=f"Centrality columns, the first one sorts ({', '.join(api.METRICS)}; default all).",
)
@click.option("--top", type=click.IntRange(min=1), default=15, show_default=True, help="Rows per ranking.")
@click.option(
    "--kind", type=click.Choice(api.REPORT_KINDS), default=None, help="Rank only people or organisations."
)
@click.option(
    "--period",
    default=None,
    metavar="PERIOD",
    help="Only facts in this period: 2025H1, 2024H2, 2025Q1, 2025.",
)
@click.option(
    "--as-of", "as_of", default=None, metavar="DATE", help="The graph as known on DATE (2025-03-31, 2025-03)."
)
@click.option(
    "--include-possible",
    is_flag=True,
    help="Also count facts whose fuzzy date only possibly falls in the period.",
)
@click.option("--format", "fmt", type=click.Choice(api.REPORT_FORMATS), default="table", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write to FILE."
)
@click.option(
    "--engine",
    type=click.Choice(["auto", *api.ENGINES]),
    default="auto",
    show_default=True,
    help="Where centrality is computed (auto: igraph; neo4j: Graph Data Science in the server of NEO4J_URI).",
)
@click.option(
    "--samples",
    type=click.IntRange(min=2),
    default=256,
    show_default=True,
    help="Pivots for sampled metrics.",
)
@click.option(
    "--exact-max",
    type=click.IntRange(min=0),
    default=5000,
    show_default=True,
    help="Above this many nodes betweenness and closeness are sampled.",
)
@click.option("--title", default=None, help="Report title (default: from the sources' titles).")
@ENCODING
@connection_options
def report(
    directory: Path,
    metric: tuple[str, ...],
    top: int,
    kind: str | None,
    period: str | None,
    as_of: str | None,
    include_possible: bool,
    fmt: str,
    output: Path | None,
    engine: str,
    samples: int,
    exact_max: int,
    title: str | None,
    encoding: str | None,
    uri: str | None,
    user: str | None,
    password: str | None,
    database: str | None,
) -> None:
    """Centrality, talent flow, capital follows talent, the sources' claims and change per half-year.

    \b
    Example:
      graphkit report data/
      graphkit report data/ --period 2025H1 --include-possible
      graphkit report data/ --metric betweenness,pagerank --kind person --top 5
      graphkit report data/ --format json -o out/report.json
      graphkit report data/ --format html -o out/report.html
      graphkit report data/ --engine neo4j    # centrality computed by Neo4j GDS
    """
    opts = api.ReportOptions(
        metrics=split_metrics(metric),
        top=top,
        kind=kind,
        period=period,
        as_of=as_of,
        include_possible=include_possible,
        engine=engine,
        metric_options=api.MetricOptions(exact_max=exact_max, samples=samples),
        title=title,
    )
    g = api.build_graph(directory, encoding)
    with (
        spinner("graphkit report") as step,
        api.metrics_engine_settings(engine, uri, user, password, database),
    ):
        r = api.build_report(g, opts, progress=step)  # type: ignore[arg-type]
    if fmt == "table" and output is None and is_terminal():
        print_rich(r)
        return
    if output is None:
        click.echo(api.render_report(r, fmt), nl=False)
    else:
        api.write_report(r, fmt, output)
        click.echo(f"wrote {output}")
