"""The ``graphkit`` command line: a thin layer over the library.

Each command parses options, calls one library function and formats the
result. Errors a person can fix print one line per problem and exit 1 (2 for
usage and settings errors); ``--debug`` shows the traceback instead. The group
is defined in :mod:`graphkit.cli.app`; each module below registers its commands
on it.
"""

from . import core, html_cmd, neo4j_cmd, report_cmd  # noqa: F401  (register the commands)
from .app import main

__all__ = ["main"]
