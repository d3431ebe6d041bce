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
@click.option(
    "--max-changes",
    type=int,
    default=None,
    metavar="N",
    help="Refuse a load that would change more than N rows (default: what the server's "
    "transaction memory holds; 0: no limit).",
)
@click.option(
    "--recheck",
    is_flag=True,
    help="Compare every row's content hash with Neo4j even when the files are those of the last "
    'load (which is otherwise "0 changes" at once): after deleting nodes or relationships by hand.',
)
@click.option(
    "--rewrite",
    is_flag=True,
    help="Write every row, changed or not: after editing properties by hand (in Browser), which "
    "no content hash sees.",
)
@click.option(
    "--bulk",
    is_flag=True,
    help="First load of a big dataset: write neo4j-admin import files and import them into a NEW "
    "store (replacing the database), then create the constraints and indexes.",
)
@click.option(
    "--admin",
    metavar="COMMAND",
    default=None,
    help="With --bulk: the neo4j-admin command (default: $GRAPHKIT_NEO4J_ADMIN, which "
    "scripts/neo4j-local start sets; a server's own neo4j-admin needs the server stopped).",
)
@click.option(
    "--import-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="With --bulk: write the import files here and keep them (default: a temporary folder).",
)
@click.option(
    "--files-only",
    is_flag=True,
    help="With --bulk: only write the import files and print the command that imports them "
    "(for Docker or a remote server).",
)
@ENCODING
def load(
    directory: Path,
    uri,
    user,
    password,
    database,
    prune,
    dataset,
    batch_size,
    max_changes,
    recheck,
    rewrite,
    bulk,
    admin,
    import_dir,
    files_only,
    encoding,
) -> None:
    """Validate the data folders and write what changed into Neo4j: all of it, or nothing.

    Applies cypher/schema.cypher first. Each row carries a content hash, and only rows
    whose hash Neo4j does not hold yet are written (MERGE, one transaction), so loading
    unchanged data writes nothing ("0 changes"). Each fact records the folders that
    support it (graphkit_folders) and each folder's quote; a load never changes what only
    other folders support. A change set too big for one transaction is refused before
    anything is written: use --bulk for a first load of that size.

    \b
    Example:
      export NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=graphkit-dev-password
      graphkit load data/
      graphkit load data/ --prune
      graphkit load data/zhidx-2025-06-16 data/shenwang-2025-04
      graphkit load --bulk big-data/          # after eval "$(scripts/neo4j-local start)"
    """
    settings = api.neo4j_settings(uri, user, password, database)
    if bulk and (recheck or rewrite):
        raise click.UsageError("--recheck and --rewrite go with a normal load, not --bulk")
    if not bulk and (admin or import_dir or files_only):
        raise click.UsageError("--admin, --import-dir and --files-only go with --bulk")
    if bulk:
        if prune:
            raise click.UsageError("--bulk writes a new store: --prune has nothing to prune")
        _bulk(directory, settings, admin, import_dir, files_only, dataset, encoding)
        return
    result = api.load(
        directory,
        settings,
        prune=prune,
        dataset=dataset,
        batch_size=batch_size,
        encoding=encoding,
        max_changes=max_changes,
        check_files=not recheck,
        rewrite=rewrite,
        progress_bar=(lambda total: progress_bar(total, "loading")) if is_terminal() else None,
    )
    folders = f"; folders: {', '.join(result.folders)}" if len(result.folders) > 1 else ""
    if result.changes == 0:
        click.echo(
            f"0 changes: Neo4j at {settings.uri} already holds the {plural(result.rows, 'row')} from "
            f"{directory}; nothing was written ({result.seconds:.2f} s){folders}"
        )
    else:
        click.echo(
            f"loaded {plural(result.rows, 'row')} from {directory} into {settings.uri} in {result.seconds:.2f} s "
            f"({result.rows_per_s:,.0f} rows/s): {plural(result.changes, 'change')}, "
            f"{plural(result.nodes_created, 'node')} and "
            f"{plural(result.relationships_created, 'relationship')} created" + folders
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


def _bulk(directory, settings, admin, import_dir, files_only, dataset, encoding) -> None:
    if files_only and not import_dir:
        raise click.UsageError("--files-only needs --import-dir (where to keep the files)")
    result = api.bulk_load(
        directory,
        settings,
        admin=admin,
        import_dir=import_dir,
        files_only=files_only,
        dataset=dataset,
        encoding=encoding,
    )
    counts = f"{plural(result.nodes, 'node')} and {plural(result.relationships, 'relationship')}"
    if files_only:
        click.echo(f"wrote the import files of {counts} into {result.directory} in {result.write_s:.2f} s")
        click.echo("import them with the server stopped, in that folder:")
        click.echo("  " + api.bulk_import_line(admin or "neo4j-admin", settings.database))
        click.echo(
            "then start the server and run `graphkit load` on the same folders (0 changes; it adds the schema)"
        )
        return
    rate = result.rows / result.seconds if result.seconds else float("inf")
    click.echo(
        f"imported {counts} from {directory} into a new store at {result.uri} in {result.seconds:.2f} s "
        f"({rate:,.0f} rows/s: files {result.write_s:.1f} s, import {result.import_s:.1f} s, "
        f"schema {result.schema_s:.1f} s)"
    )
    if result.uri != settings.uri:
        click.echo(f"the server now answers at {result.uri} (set NEO4J_URI to it)")


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
