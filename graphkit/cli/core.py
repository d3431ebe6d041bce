"""Offline commands: validate, stats, export, demo."""

from __future__ import annotations

from pathlib import Path

import click

from graphkit.schema.text import plural

from .. import api
from .app import is_terminal, main
from .options import DIR, ENCODING


def print_counts(counts: dict[str, int], title: str) -> None:
    if is_terminal():
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title)
        table.add_column("kind or type")
        table.add_column("count", justify="right")
        for k, v in counts.items():
            table.add_row(k, str(v))
        Console().print(table)
    else:
        click.echo(title)
        for k, v in counts.items():
            click.echo(f"{k}\t{v}")


@main.command()
@DIR
@ENCODING
def validate(directory: Path, encoding: str | None) -> None:
    """Check a data directory and report every problem as FILE:LINE: message.

    \b
    Example:
      graphkit validate data/
      graphkit validate --encoding gb18030 export-from-excel/
    """
    dataset = api.validate(directory, encoding)
    for warning in dataset.warnings:
        click.echo(str(warning), err=True)
    print_counts(
        api.dataset_counts(dataset), f"{directory}: valid ({plural(len(dataset.warnings), 'warning')})"
    )


@main.command()
@DIR
@ENCODING
def stats(directory: Path, encoding: str | None) -> None:
    """Print node counts per kind and relationship counts per type.

    \b
    Example:
      graphkit stats data/
    """
    g = api.build_graph(directory, encoding)
    print_counts(
        api.graph_counts(g),
        f"{directory}: {plural(g.number_of_nodes(), 'node')}, {plural(g.number_of_edges(), 'relationship')}",
    )


@main.command()
@DIR
@click.option("--format", "fmt", type=click.Choice(api.EXPORT_FORMATS), default="graphml", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="Output file (for csv: a directory that receives nodes.csv, edges.csv and moves.csv).",
)
@ENCODING
def export(directory: Path, fmt: str, output: Path, encoding: str | None) -> None:
    """Export the graph as GraphML, GEXF, node-link JSON or CSV.

    \b
    Example:
      graphkit export --format graphml -o out/graph.graphml data/
      graphkit export --format csv -o out/csv/ data/
    """
    g = api.build_graph(directory, encoding)
    for path in api.export(g, fmt, output):
        click.echo(f"wrote {path}")


@main.command()
@DIR
@click.option(
    "-o",
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
)
@click.option(
    "--title", default=None, help="Title of the page and the report (default: from the sources' titles)."
)
def demo(directory: Path, out_dir: Path, title: str | None) -> None:
    """Validate the data, write out/graph.html and out/report.md, print a summary.

    \b
    Example:
      graphkit demo
      graphkit demo data/ -o /tmp/graphkit-out
    """
    result = api.demo(directory, out_dir, title)
    click.echo(result.summary)


@main.command()
@DIR
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("candidates.csv"),
    show_default=True,
    help="Where to write the candidate pairs (CSV).",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    default=0.3,
    show_default=True,
    help="Leave out pairs scoring below this.",
)
@ENCODING
def resolve(directory, output: Path, min_score: float, encoding: str | None) -> None:
    """Propose pairs of ids that may be one person or organisation, best first.

    Writes id_a,id_b,name_a,name_b,score,reasons,decision with the decision left
    empty. Fill it with `same` (id_b is merged into id_a) or `different`, and save
    the file as decisions.csv in a data folder (or pass it with --decisions): every
    command then applies it. Nothing is merged without a decision. Pairs already
    decided are not proposed again.

    \b
    Example:
      graphkit resolve data/ -o candidates.csv
      graphkit resolve data/ --decisions reviewed.csv -o more.csv
    """
    found = api.resolve(directory, output, encoding, min_score=min_score)
    click.echo(
        f"wrote {plural(len(found), 'candidate pair')} to {output} (best first); fill in the decision "
        "column (same / different) and save it as decisions.csv in a data folder"
    )


@main.command()
@click.argument("article", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--published",
    required=True,
    help="The article's publication day, YYYY-MM-DD: relative dates are read against it.",
)
@click.option(
    "--source", default=None, help="The source id of the draft's rows (default: article-<published>)."
)
@click.option(
    "--known",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="A data folder whose people and organisations the draft reuses (by id); repeatable.",
)
@click.option("--lang", type=click.Choice(["auto", "zh", "en"]), default="auto", show_default=True)
@click.option("--title", default=None, help="The source's title (default: the article's first line).")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The draft folder to write.",
)
def extract(
    article: Path, published: str, source: str | None, known, lang: str, title: str | None, output: Path
) -> None:
    """Draft a data folder from an article's text, offline, for a person to edit.

    Proposes people, organisations and relationships (departures, joins, foundings,
    investments, recruiting attempts, roles, unnamed people the text counts) with
    the sentence as evidence, verbatim, and dates read against --published, never
    more precise than the text. Every row has confidence (0-1), flags
    (new_entity, ambiguous_date, ...) and span (character offsets). Check it with
    `graphkit validate OUTDIR`, edit it, then add it to data/ as its own folder.

    \b
    Example:
      graphkit extract article.txt --published 2025-06-16 -o draft/
      graphkit extract article.txt --published 2025-06-16 --known data/ --source zhidx-2025-06-16 -o draft/
    """
    draft = api.extract(article, published, output, source=source, known=list(known), lang=lang, title=title)
    click.echo(
        f"wrote {output}: {plural(len(draft.relationships), 'relationship')}, {plural(len(draft.people), 'person', 'people')}, "
        f"{plural(len(draft.organisations), 'organisation')}"
        + (f", {plural(len(draft.events), 'event')}" if draft.events else "")
        + f" (a draft: check it with graphkit validate {output})"
    )
