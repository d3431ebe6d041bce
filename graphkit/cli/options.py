"""Options shared by several commands."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import click

from graphkit import api


def DIR(f: Any) -> Any:
    """``DIRECTORY...`` (default ``data``) and ``--decisions FILE``, handed to the command
    as one :class:`graphkit.api.Data` in its ``directory`` parameter."""

    @functools.wraps(f)
    def wrapper(*args: Any, directory: tuple[Path, ...], decisions: Path | None, **kwargs: Any) -> Any:
        return f(*args, directory=api.Data(tuple(directory) or (Path("data"),), decisions), **kwargs)

    wrapper = click.option(
        "--decisions",
        default=None,
        type=click.Path(dir_okay=False, path_type=Path),
        help="Identity decisions (id_a,id_b,decision) to apply, besides any decisions.csv in the folders.",
    )(wrapper)
    return click.argument("directory", nargs=-1, type=click.Path(file_okay=False, path_type=Path))(wrapper)


ENCODING = click.option(
    "--encoding",
    default=None,
    help="Force the CSV encoding (default: UTF-8, with or without BOM, then GB18030).",
)
OUT = click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path))


def connection_options(f: Any) -> Any:
    """--uri/--user/--password/--database; the NEO4J_* variables are the defaults."""
    f = click.option(
        "--database", default=None, help="Database name [env NEO4J_DATABASE; default: the server's]."
    )(f)
    f = click.option("--password", default=None, help="Password [env NEO4J_PASSWORD].")(f)
    f = click.option("--user", default=None, help="User name [env NEO4J_USERNAME; default neo4j].")(f)
    f = click.option(
        "--uri",
        default=None,
        help="bolt://, neo4j:// or neo4j+s:// URI [env NEO4J_URI; default bolt://localhost:7687].",
    )(f)
    return f
