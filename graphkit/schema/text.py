"""Small text helpers shared by the CLI, the report and the page."""

from __future__ import annotations


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """``1 relationship``, ``2 relationships``; ``plural(3, "person", "people")`` gives ``3 people``."""
    word = singular if n == 1 else (plural_form or singular + "s")
    return f"{n} {word}"
