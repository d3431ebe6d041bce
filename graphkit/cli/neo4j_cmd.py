"""The Neo4j commands: `graphkit load` and `graphkit query`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import click

from graphkit.schema.text import plural

from .. import api
from .app import is_terminal, main
from .options import DIR, ENCODING, connection_options
from .progress import progress_bar


@main.command()
@DIR
@connection_options
@click.option(
    "--prune",
    is_flag=True,
    help="Also delete what these folders said before and no longer say (a fact another folder "
    "still supports keeps that folder's quotes).",
)
@click.option(
    "--dataset",
    default=None,
    help="Name that tags what this load writes (default: the directory's name; for a folder "
    "among other data folders, their parent's name).",
)
@click.option("--batch-size", type=int, default=5000, show_default=True, help="Rows per UNWIND batch.")
@ENCODING
def load(directory: Path, uri, user, password, database, prune, dataset, batch_size, encoding) -> None:
    """Validate the data folders and load them into Neo4j: all of it, or nothing.

    Applies cypher/schema.cypher first, then writes every node and relationship
    with MERGE in one transaction, so loading twice changes nothing. Each fact
    records the folders that support it (graphkit_folders) and each folder's quote;
    a load never changes what only other folders support.

    \b
    Example:
      export NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=graphkit-dev-password
      graphkit load data/
      graphkit load data/ --prune
      graphkit load data/zhidx-2025-06-16 data/shenwang-2025-04
    """
    settings = api.neo4j_settings(uri, user, password, database)
    result = api.load(
        directory,
        settings,
        prune=prune,
        dataset=dataset,
        batch_size=batch_size,
        encoding=encoding,
        progress_bar=(lambda total: progress_bar(total, "loading")) if is_terminal() else None,
    )
    click.echo(
        f"loaded {plural(result.rows, 'row')} from {directory} into {settings.uri} in {result.seconds:.2f} s "
        f"({result.rows_per_s:,.0f} rows/s): {plural(result.nodes_created, 'node')} and "
        f"{plural(result.relationships_created, 'relationship')} created"
        + (f"; folders: {', '.join(result.folders)}" if len(result.folders) > 1 else "")
    )
    if result.merged_nodes:
        click.echo(f"merged {plural(result.merged_nodes, 'stored node')} into the ids the decisions keep")
    if prune:
        click.echo(
            f"pruned {plural(result.pruned_nodes, 'node')} and "
            f"{plural(result.pruned_relationships, 'relationship')}"
            + (
                f"; kept {plural(result.kept_nodes, 'node')} still linked to other data"
                if result.kept_nodes
                else ""
            )
        )


@main.command()
@click.argument("name", required=False)
@connection_options
@click.option(
    "--param", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter (repeatable)."
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
@click.option("--list", "list_only", is_flag=True, help="List the named queries and their parameters.")
def query(name, uri, user, password, database, params, fmt, list_only) -> None:
    """Run a named query from cypher/queries/ against Neo4j.

    \b
    Example:
      graphkit query --list
      graphkit query departures --param since=2025-01-01 --param until=2025-06-30
      graphkit query person_timeline --param person=zhang-fan --format json
    """
    if list_only or not name:
        for q in api.named_queries().values():
            defaults = ", ".join(f"{k}={v}" for k, v in q.params.items())
            click.echo(f"{q.name}\t{q.description}" + (f" [{defaults}]" if defaults else ""))
        return
    settings = api.neo4j_settings(uri, user, password, database)
    columns, rows = api.query(name, api.parse_params(params), settings)
    click.echo(format_rows(columns, rows, fmt), nl=False)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ";".join(_cell(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _json_default(value: Any) -> Any:
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def format_rows(columns: list[str], rows: list[dict[str, Any]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1, default=_json_default) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        w.writerows([_cell(r.get(c)) for c in columns] for r in rows)
        return buf.getvalue()
    if is_terminal():
        from rich.console import Console
        from rich.table import Table

        table = Table(*columns)
        for r in rows:
            table.add_row(*(_cell(r.get(c)) for c in columns))
        console = Console(record=True)
        with console.capture() as cap:
            console.print(table)
        return cap.get()
    lines = ["\t".join(columns)] + [
        "\t".join(_cell(r.get(c)).replace("\n", " ") for c in columns) for r in rows
    ]
    return "\n".join(lines) + "\n"
