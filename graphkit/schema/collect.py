"""Memory while millions of records are built: garbage collection, and lists that are
handed on item by item."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

#: Collections of the young objects between two full collections, inside (usually 10):
#: in effect, none while a million records are built.
_FULL_EVERY = 1_000_000


@contextmanager
def young_collections_only() -> Iterator[None]:
    """Inside, the cyclic garbage collector collects the young objects as usual, but does
    not walk all the objects (a full collection) until the end.

    Building a million records (which form no reference cycles) and their graph, the
    full collections walk every record again and again and find nothing: measured on
    1,000,000 relationships, ``validate.check`` and ``convert.to_graph`` took 83 s with
    them, 48 s without (the same peak memory). The garbage cycles made meanwhile are young
    and go as usual, at the next young collection: those of the date parser too
    (:func:`graphkit.schema.dates._parse_edtf` keeps them young), which hold its
    callers' frames and so the tables being read. (Turning the collector off instead
    would keep those to the end, and the memory they hold.)"""
    global _inside, _saved
    with _lock:
        if _inside == 0:  # the first one in raises the threshold, the last one out puts it back
            _saved = gc.get_threshold()
            young, middle, full = _saved
            gc.set_threshold(young, middle, max(full, _FULL_EVERY))
        _inside += 1
    try:
        yield
    finally:
        with _lock:
            _inside -= 1
            if _inside == 0:
                gc.set_threshold(*_saved)


# The thresholds are the process's: blocks that overlap (nested, or in threads) share one
# raised threshold, and the thresholds from before the first go back after the last.
_lock = threading.Lock()
_inside = 0
_saved: tuple[int, ...] = ()


T = TypeVar("T")


def drained(items: list[T]) -> Iterator[T]:
    """The items of ``items`` in order, each dropped from the list as it is handed on, and
    the list empty at the end: what is made from an item can take the memory it held."""
    for i, item in enumerate(items):
        items[i] = None  # type: ignore[call-overload]
        yield item
    items.clear()
