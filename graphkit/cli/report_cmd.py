"""The `graphkit report` command."""

from __future__ import annotations

from . import main  # noqa: F401
