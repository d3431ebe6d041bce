"""The `graphkit html` (and `graphkit timeline`) commands."""

from __future__ import annotations

from . import main  # noqa: F401
