"""The Neo4j commands: `graphkit load` and `graphkit query`."""

from __future__ import annotations

from . import main  # noqa: F401
