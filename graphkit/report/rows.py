"""Rows of the report that take a third of a dict's memory (see :class:`Row`)."""

from __future__ import annotations


class Row:
    """Only the ``__dict__`` of an instance is used: a row of the report, one class per
    kind of row, the keys always set in the same order.

    CPython keeps the attribute dicts of a class's instances as split tables: the keys
    once, in the class, and in each dict only its values (a third of the memory of a
    dict of 23 keys of its own, 830 bytes, half of one of 4 to 6 keys). A report of a
    million-node graph holds a million moves and as many other rows. The row is an
    ordinary ``dict`` in every other way."""
