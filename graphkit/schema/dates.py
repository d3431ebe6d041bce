"""Fuzzy dates in EDTF (Library of Congress Extended Date/Time Format).

Dates are stored exactly as the source gives them (``2025-01``, ``2025-40``
for the first half of 2025, ``2024-12/2025-06``, ``../2025-06-16``). This
module parses them with the ``edtf`` package, rejects impossible ones, and
derives the earliest and latest day they can mean.
"""

from __future__ import annotations

import datetime as dt
import gc
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import edtf
from pyparsing import ParserElement

from graphkit.schema.errors import GraphkitError

EXAMPLES = "e.g. 2025-06, 2025-40 (first half), 2024-36 (Q4), 2024-12/2025-06"

_SUB_YEAR = {
    21: ("spring", "春"),
    22: ("summer", "夏"),
    23: ("autumn", "秋"),
    24: ("winter", "冬"),
    33: ("Q1", "第一季度"),
    34: ("Q2", "第二季度"),
    35: ("Q3", "第三季度"),
    36: ("Q4", "第四季度"),
    40: ("first half of", "上半年"),
    41: ("second half of", "下半年"),
}


class BadDate(GraphkitError):
    """A date string that is not valid EDTF or names an impossible day."""


@dataclass(frozen=True)
class FuzzyDate:
    """An EDTF value with the first and last day it can mean (None = open)."""

    text: str
    earliest: dt.date | None
    latest: dt.date | None

    def certainly_within(self, start: dt.date, end: dt.date) -> bool:
        return (
            self.earliest is not None
            and self.latest is not None
            and start <= self.earliest
            and self.latest <= end
        )

    def possibly_within(self, start: dt.date, end: dt.date) -> bool:
        lo = self.earliest or dt.date.min
        hi = self.latest or dt.date.max
        return lo <= end and start <= hi


def _to_date(value: object, text: str) -> dt.date | None:
    if isinstance(value, float) and math.isinf(value):
        return None
    y, m, d = value[:3]  # type: ignore[index]
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise BadDate(f"impossible date {text!r}") from None


@lru_cache(maxsize=4096)
def parse(text: str) -> FuzzyDate:
    """Parse an EDTF string; raise :class:`BadDate` with a readable message."""
    text = text.strip()
    try:
        value, failed = _parse_edtf(text), False
    except Exception:
        failed = True  # (raised below, not here: the parser's exception, and its frames, go now)
    if failed:
        raise BadDate(f"invalid date {text!r} (expected EDTF, {EXAMPLES})") from None
    for part in re.findall(r"\d{4}-\d{2}-\d{2}", text):
        y, m, d = (int(x) for x in part.split("-"))
        try:
            dt.date(y, m, d)
        except ValueError:
            raise BadDate(f"impossible date {text!r} ({part} does not exist)") from None
    earliest = _to_date(value.lower_strict(), text)
    latest = _to_date(value.upper_strict(), text)
    if earliest and latest and latest < earliest:
        raise BadDate(f"impossible date {text!r} (the interval ends before it starts)")
    return FuzzyDate(text=text, earliest=earliest, latest=latest)


def _parse_edtf(text: str) -> Any:
    """``edtf.parse_edtf(text)``, leaving nothing behind that outlives the next collection
    of young objects.

    The parser (pyparsing, whose packrat cache edtf turns on) makes garbage cycles: its
    failed attempts, with their tracebacks, and so the frames of whoever called, with
    all they hold (a million rows being validated). The cache is emptied here, and no
    collection runs during the parse (which would move the cycles among the old objects,
    to wait for a full collection): all that is young garbage at once, and goes soon.
    (Distinct texts are few, and each is parsed once: :func:`parse` is cached.)"""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return edtf.parse_edtf(text)
    finally:
        ParserElement.reset_cache()
        if collecting:
            gc.enable()


def humanise(text: str, lang: str = "en") -> str:
    """Render an EDTF value for people: ``2025-40`` -> 'first half of 2025'."""
    if not text:
        return "undated" if lang == "en" else "未注明日期"
    if "/" in text:
        a, b = text.split("/", 1)
        if a in ("", ".."):
            return f"by {humanise(b, lang)}" if lang == "en" else f"{humanise(b, lang)}之前"
        if b in ("", ".."):
            return f"since {humanise(a, lang)}" if lang == "en" else f"{humanise(a, lang)}起"
        sep = " to " if lang == "en" else "至"
        return humanise(a, lang) + sep + humanise(b, lang)
    approx = text.endswith(("~", "?", "%"))
    core = text.rstrip("~?%")
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", core)
    if not m:
        return text
    year, mid, day = m.group(1), m.group(2), m.group(3)
    if mid and int(mid) > 12:
        en, zh = _SUB_YEAR.get(int(mid), (mid, mid))
        out = f"{en} {year}" if lang == "en" else f"{year}年{zh}"
    elif day:
        d = dt.date(int(year), int(mid), int(day))
        out = f"{d.day} {d:%B %Y}" if lang == "en" else f"{year}年{int(mid)}月{int(day)}日"
    elif mid:
        d = dt.date(int(year), int(mid), 1)
        out = f"{d:%B %Y}" if lang == "en" else f"{year}年{int(mid)}月"
    else:
        out = year if lang == "en" else f"{year}年"
    if approx:
        out = f"about {out}" if lang == "en" else f"约{out}"
    return out
