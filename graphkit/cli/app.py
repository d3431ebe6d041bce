"""The ``graphkit`` command group, its error handling and shared helpers.

Each command parses options, calls one library function and formats the
result. Errors a person can fix print one line per problem and exit 1 (2 for
usage and settings errors); ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from graphkit.schema.errors import GraphkitError, InvalidData
from graphkit.schema.text import plural

from .. import __version__


class GraphkitGroup(click.Group):
    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """``--debug`` works before or after the command (``graphkit load data --debug``)."""
        if "--debug" in args:
            end = args.index("--") if "--" in args else len(args)
            if "--debug" in args[:end]:
                args = [a for i, a in enumerate(args) if not (a == "--debug" and i < end)]
                ctx.ensure_object(dict)["debug"] = True
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GraphkitError as exc:
            if ctx.params.get("debug") or (ctx.obj or {}).get("debug"):
                raise
            report_error(exc)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("graphkit: interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # `graphkit ... | head`: the reader went away; that is not an error.
            import os

            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(0)
        except OSError as exc:  # a file the user named cannot be read or written
            if ctx.params.get("debug") or (ctx.obj or {}).get("debug"):
                raise
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"graphkit: {where}{exc.strerror or exc}", err=True)
            ctx.exit(1)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:  # a bug in graphkit, not in the user's data
            if ctx.params.get("debug") or (ctx.obj or {}).get("debug"):
                raise
            click.echo(
                f"graphkit: internal error: {type(exc).__name__}: {exc} "
                "(run with --debug for the traceback, and please report it)",
                err=True,
            )
            ctx.exit(70)


def report_error(exc: GraphkitError) -> None:
    if isinstance(exc, InvalidData):
        for issue in exc.issues:
            click.echo(str(issue), err=True)
        n_err = sum(1 for i in exc.issues if i.severity == "error")
        n_warn = len(exc.issues) - n_err
        click.echo(f"graphkit: {plural(n_err, 'error')}, {plural(n_warn, 'warning')}", err=True)
    else:
        click.echo(f"graphkit: {exc}", err=True)


@click.group(cls=GraphkitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="graphkit")
@click.option("--debug", is_flag=True, help="Show Python tracebacks for errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Build a knowledge graph of people, companies and their moves from news reports.

    \b
    Example:
      graphkit validate data/
      graphkit demo
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug or ctx.obj.get("debug", False)


def is_terminal() -> bool:
    return sys.stdout.isatty()
