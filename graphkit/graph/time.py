"""When a fact happened, as day numbers: the first and last day an EDTF value can mean.

The rule for the date of a fact (:func:`fact_when`) is written here once; see
:mod:`graphkit.graph.careers` for how undated arrivals take their move's date.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from graphkit.schema import dates

NEG = -(10**9)  # an open or unknown first day, as a day number
POS = 10**9  # an open or unknown last day


@lru_cache(maxsize=65536)
def span(text: str) -> tuple[int, int]:
    """First and last day an EDTF value can mean, as day numbers (NEG/POS when open).

    The common shapes are read directly (:func:`_plain_span`); anything else, and
    anything wrong, goes to :func:`graphkit.schema.dates.parse`, which also says what is wrong."""
    quick = _plain_span(text)
    if quick is not None:
        return quick
    d = dates.parse(text)
    return (
        d.earliest.toordinal() if d.earliest else NEG,
        d.latest.toordinal() if d.latest else POS,
    )


_PLAIN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([~?%]?)")
_MONTHS = {33: (1, 3), 34: (4, 6), 35: (7, 9), 36: (10, 12), 40: (1, 6), 41: (7, 12)}  # quarters, halves


def _plain_day_span(text: str, quarters: bool = True) -> tuple[int, int] | None:
    """A year, month or day (maybe with ``~?%``), or a quarter or half (not in an interval), else None."""
    m = _PLAIN.fullmatch(text)
    if m is None:
        return None
    y, mm, dd, qualifier = m.groups()
    year = int(y)
    try:
        if mm is None:
            first, last = 1, 12
        elif dd is not None:
            n = dt.date(year, int(mm), int(dd)).toordinal()
            return n, n
        elif int(mm) <= 12:
            first = last = int(mm)
        elif quarters and int(mm) in _MONTHS and not qualifier:
            first, last = _MONTHS[int(mm)]
        else:
            return None
        after = dt.date(year + 1, 1, 1) if last == 12 else dt.date(year, last + 1, 1)
        return dt.date(year, first, 1).toordinal(), after.toordinal() - 1
    except ValueError:
        return None


def _plain_span(text: str) -> tuple[int, int] | None:
    """:func:`span` of a plain date or an interval of two (either may be ``..``), without the
    EDTF parser; None for any other text, or for an interval that ends before it starts.
    (tests/test_careers_property.py checks it against :func:`graphkit.schema.dates.parse`.)"""
    a, slash, b = text.partition("/")
    if not slash:
        return _plain_day_span(text)
    if a == b == "..":
        return None
    lo = (NEG, POS) if a == ".." else _plain_day_span(a, quarters=False)
    hi = (NEG, POS) if b == ".." else _plain_day_span(b, quarters=False)
    if lo is None or hi is None or (a != ".." and b != ".." and hi[1] < lo[0]):
        return None
    return lo[0], hi[1]


def iso_day(n: int) -> str:
    """A day number as an ISO date, "" when open."""
    return "" if n in (NEG, POS) else dt.date.fromordinal(n).isoformat()


# ------------------------------------------------------------- the date of a fact
def fact_when(attrs: dict[str, Any]) -> str:
    """The EDTF date of a relationship's fact from its own attributes: ``end``, else ``start``.

    (An undated arrival is dated by its move; :func:`derive` does that.)"""
    return attrs.get("end") or attrs.get("start") or ""


#: :func:`iso_day`, cached (careers convert the same days again and again).
iso_cached = lru_cache(maxsize=65536)(iso_day)
