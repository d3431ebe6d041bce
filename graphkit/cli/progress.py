"""Progress on stderr when it is a terminal, nothing when piped: a bar with rows/s, or a spinner
showing the current step."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress_bar(total: int, label: str, enabled: bool = True) -> Iterator[Callable[[int], None]]:
    """Yield ``advance(n)``. Draws on stderr only when ``enabled`` (a terminal)."""
    if not enabled:
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    class RateColumn(TextColumn):
        def render(self, task):  # type: ignore[override]
            speed = task.finished_speed or task.speed
            return super().render(task) if speed is None else f"{speed:,.0f} rows/s"

    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(""),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda n: progress.advance(task, n)


@contextmanager
def spinner(label: str) -> Iterator[Callable[[str], None] | None]:
    """Yield ``step(message)`` drawing a spinner on stderr, or None when stderr is not a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console

    with Console(stderr=True).status(label) as status:
        yield lambda msg: status.update(f"{label}: {msg}")
