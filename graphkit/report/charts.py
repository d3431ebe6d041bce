"""Charts for the Markdown and HTML reports: outflow by company and a departures timeline.

Each chart is a small SVG written by hand, not by matplotlib. Names are real
``<text>`` elements, so the viewer's fonts draw them: the font list names the
usual CJK fonts first (Noto Sans CJK SC, PingFang SC, Microsoft YaHei, Source Han
Sans SC, ...) and ends in ``sans-serif``. The charts therefore never depend on a
CJK font being installed where they are made, nor on matplotlib or its font
cache: the layout estimates a text's width from its characters
(:func:`text_width`, a CJK character is 1 em, Latin text is over-estimated a
little) and measures no font. The output is the same on every machine.

Every data string is XML-escaped (:func:`html.escape`, and characters XML 1.0
forbids are dropped) before it reaches the markup. The Markdown report embeds a
chart as a ``data:image/svg+xml;base64,...`` URI (:func:`data_uri`), the HTML
report inlines the ``<svg>`` element (:func:`inline_svg`), and ``graphkit demo``
writes ``chart-flows.svg`` and ``chart-timeline.svg``.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

FONT_FAMILY = (
    "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', 'Source Han Sans SC', "
    "'Noto Sans SC', 'Hiragino Sans GB', 'WenQuanYi Micro Hei', 'Noto Sans CJK JP', sans-serif"
)
OUTFLOW = "#c0392b"
INFLOW = "#2980b9"
INK = "#222"
GRID = "#555"
FONT = 12  # px, labels and ticks
TITLE_FONT = 14
PAD = 10
INSET = 8  # px between the frame and the first and last tick

# Characters XML 1.0 does not allow, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Chart:
    name: str  # file stem: chart-<name>.svg
    title: str
    svg: bytes


NAMES = ("flows", "timeline")


def _esc(text: Any) -> str:
    return html.escape(_NOT_XML.sub("", str(text)), quote=True)


def _n(x: float) -> str:
    """A coordinate with at most one decimal."""
    s = f"{x:.1f}"
    return s[:-2] if s.endswith(".0") else s


_NARROW = frozenset(" !'(),./:;I[]fijlrt|")
_BROAD = frozenset("%@MWmw")


def text_width(text: str, size: float = FONT) -> float:
    """An upper estimate of ``text``'s width in px, from its characters, not from any font.

    A wide or ambiguous East Asian character counts 1 em, M and W too, other capitals 0.75,
    i, l, t and punctuation 0.4, anything else 0.62. Measured in Chromium on the seed's
    names and on long Latin names, this is at least the real width with Noto Sans CJK
    and within 2% of it with DejaVu Sans; the 8 px before the axis absorbs the rest.
    """
    em = 0.0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        if unicodedata.east_asian_width(ch) in ("W", "F", "A") or ch in _BROAD:
            em += 1.0
        elif ch in _NARROW:
            em += 0.4
        elif ch.isupper():
            em += 0.75
        else:
            em += 0.62
    return em * size


def _text(x: float, y: float, text: str, anchor: str = "start", size: int = FONT, extra: str = "") -> str:
    size_attr = "" if size == FONT else f' font-size="{size}"'
    anchor_attr = "" if anchor == "start" else f' text-anchor="{anchor}"'
    return f'<text x="{_n(x)}" y="{_n(y)}"{anchor_attr}{size_attr}{extra}>{_esc(text)}</text>'


def _document(width: float, height: float, title: str, body: list[str]) -> bytes:
    w, h = math.ceil(width), math.ceil(height)
    head = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
        f'font-family="{FONT_FAMILY}" font-size="{FONT}" fill="{INK}" role="img" aria-label="{_esc(title)}">',
        f"<title>{_esc(title)}</title>",
        '<rect width="100%" height="100%" fill="#fff"/>',
    ]
    return ("\n".join([*head, *body, "</svg>"]) + "\n").encode("utf-8")


def _nice_step(span: float, most: int = 8) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, ... that cuts ``span`` into at most ``most`` steps."""
    step, k = 1, 0
    while span / step > most:
        k += 1
        step = (1, 2, 5)[k % 3] * 10 ** (k // 3)
    return step


def outflow_chart(orgs: list[dict[str, Any]], top: int = 15) -> bytes:
    """Horizontal bars per organisation: outflow to the right of 0, inflow to the left."""
    title = "Talent outflow and inflow by organisation"
    xlabel = "people: inflow (left), outflow (right)"
    rows = [r for r in orgs if r["outflow"] or r["inflow"]][:top]
    row_h, plot_w = 24.0, 420.0
    hi = max([r["outflow"] for r in rows] + [0])
    lo = -max([r["inflow"] for r in rows] + [0])
    if hi == lo:
        hi = 1
    step = _nice_step(hi - lo)
    lo, hi = math.floor(lo / step) * step, math.ceil(hi / step) * step
    ticks = range(lo, hi + 1, step)

    label_w = max([text_width(r["name"]) for r in rows] + [0.0])
    left = PAD + label_w + 8
    top_y = PAD + TITLE_FONT + 12
    plot_h = row_h * max(len(rows), 1)
    bottom = top_y + plot_h

    def x(v: float) -> float:
        return left + INSET + (v - lo) / (hi - lo) * (plot_w - 2 * INSET)

    body = [_text(PAD, PAD + TITLE_FONT, title, size=TITLE_FONT, extra=' font-weight="bold"')]
    for t in ticks:
        body.append(
            f'<line x1="{_n(x(t))}" y1="{_n(top_y)}" x2="{_n(x(t))}" y2="{_n(bottom)}" stroke="#eee"/>'
        )
    for i, r in enumerate(rows):
        y = top_y + i * row_h
        tip = f"{r['name']}: outflow {r['outflow']}, inflow {r['inflow']}"
        body.append(_text(left - 8, y + row_h / 2 + FONT * 0.35, r["name"], anchor="end"))
        for value, colour in ((r["outflow"], OUTFLOW), (-r["inflow"], INFLOW)):
            if value:
                x0, x1 = sorted((x(0), x(value)))
                body.append(
                    f'<rect x="{_n(x0)}" y="{_n(y + row_h * 0.1)}" width="{_n(x1 - x0)}" '
                    f'height="{_n(row_h * 0.8)}" fill="{colour}"><title>{_esc(tip)}</title></rect>'
                )
    body.append(
        f'<rect x="{_n(left)}" y="{_n(top_y)}" width="{_n(plot_w)}" height="{_n(plot_h)}" fill="none" stroke="{GRID}"/>'
    )
    body.append(f'<line x1="{_n(x(0))}" y1="{_n(top_y)}" x2="{_n(x(0))}" y2="{_n(bottom)}" stroke="{GRID}"/>')
    for t in ticks:
        body.append(
            f'<line x1="{_n(x(t))}" y1="{_n(bottom)}" x2="{_n(x(t))}" y2="{_n(bottom + 4)}" stroke="{GRID}"/>'
        )
        body.append(_text(x(t), bottom + 6 + FONT, str(abs(t)), anchor="middle"))
    body.append(_text(left + plot_w / 2, bottom + 12 + 2 * FONT, xlabel, anchor="middle"))
    legend_y = bottom + 22 + 3 * FONT
    lx = left
    for label, colour in (("outflow", OUTFLOW), ("inflow", INFLOW)):
        body.append(
            f'<rect x="{_n(lx)}" y="{_n(legend_y - FONT * 0.8)}" width="14" height="{FONT * 0.8}" fill="{colour}"/>'
        )
        body.append(_text(lx + 18, legend_y, label))
        lx += 18 + text_width(label) + 16
    width = max(left + plot_w, PAD + text_width(title, TITLE_FONT), left + text_width(xlabel)) + PAD
    return _document(width, legend_y + PAD, title, body)


def _month(d: dt.date, add: int = 0) -> dt.date:
    m = d.year * 12 + d.month - 1 + add
    return dt.date(m // 12, m % 12 + 1, 1)


def timeline_chart(moves: list[dict[str, Any]], top: int = 15, limit: int = 500) -> bytes:
    """One bar per departure from its earliest to its latest possible day, a row per company."""
    title = "Departures over time (bar = the span the fuzzy date allows)"
    companies, bars = _timeline_bars(moves, top, limit)
    row = {c: i for i, c in enumerate(companies)}
    if bars:
        start, ticks = _month_ticks(bars)
        span = (ticks[-1] - start).days
    else:  # no time axis to show, so no month: the same file on any day
        start, ticks, span = dt.date.min, [], 1

    row_h, plot_w = 40.0, 480.0
    cos30, sin30 = math.cos(math.radians(30)), 0.5
    tick_w = text_width("0000-00")
    label_w = max([text_width(c) for c in companies] + [0.0])
    left = PAD + max(label_w + 8, tick_w * cos30 - INSET)
    top_y = PAD + TITLE_FONT + 12
    plot_h = row_h * max(len(companies), 1)
    bottom = top_y + plot_h

    def x(d: dt.date) -> float:
        return left + INSET + (d - start).days / span * (plot_w - 2 * INSET)

    body = [_text(PAD, PAD + TITLE_FONT, title, size=TITLE_FONT, extra=' font-weight="bold"')]
    for t in ticks:
        body.append(
            f'<line x1="{_n(x(t))}" y1="{_n(top_y)}" x2="{_n(x(t))}" y2="{_n(bottom)}" stroke="#eee"/>'
        )
    for c, i in row.items():
        body.append(_text(left - 8, top_y + (i + 0.5) * row_h + FONT * 0.35, c, anchor="end"))
    offsets: dict[str, int] = {}
    for m, a, b in bars:
        c = m["from_name"]
        k = offsets.get(c, 0)
        offsets[c] = k + 1
        y = top_y + (row[c] + 0.5 + (k % 5) * 0.12 - 0.24) * row_h
        tip = f"{m.get('person_name') or m.get('person', '')} left {c}: {m['end_earliest']} to {m['end_latest']}"
        body.append(
            f'<line x1="{_n(x(a))}" y1="{_n(y)}" x2="{_n(x(b))}" y2="{_n(y)}" stroke="{OUTFLOW}" '
            f'stroke-width="4" stroke-opacity="0.7"><title>{_esc(tip)}</title></line>'
        )
    if not bars:
        body.append(_text(left + plot_w / 2, top_y + plot_h / 2, "(no dated departures)", anchor="middle"))
    body.append(
        f'<rect x="{_n(left)}" y="{_n(top_y)}" width="{_n(plot_w)}" height="{_n(plot_h)}" fill="none" stroke="{GRID}"/>'
    )
    for t in ticks:
        tx, ty = x(t), bottom + 6 + FONT
        body.append(
            f'<line x1="{_n(tx)}" y1="{_n(bottom)}" x2="{_n(tx)}" y2="{_n(bottom + 4)}" stroke="{GRID}"/>'
        )
        body.append(
            _text(
                tx, ty, t.strftime("%Y-%m"), anchor="end", extra=f' transform="rotate(-30 {_n(tx)} {_n(ty)})"'
            )
        )
    height = bottom + 6 + FONT + tick_w * sin30 + PAD
    width = max(left + plot_w, PAD + text_width(title, TITLE_FONT)) + PAD
    return _document(width, height, title, body)


def _timeline_bars(
    moves: list[dict[str, Any]], top: int, limit: int
) -> tuple[list[str], list[tuple[dict[str, Any], dt.date, dt.date]]]:
    """The companies with the most dated departures, and a bar (move, first day, day after the last) each."""
    dated = [m for m in moves if m.get("from") and m.get("end_earliest") and m.get("end_latest")][:limit]
    counts: dict[str, int] = {}
    for m in dated:
        counts[m["from_name"]] = counts.get(m["from_name"], 0) + 1
    companies = sorted(counts, key=lambda c: (-counts[c], c))[:top]
    bars = [
        (
            m,
            dt.date.fromisoformat(m["end_earliest"]),
            dt.date.fromisoformat(m["end_latest"]) + dt.timedelta(days=1),
        )
        for m in dated
        if m["from_name"] in companies
    ]
    return companies, bars


def _month_ticks(bars: list[tuple[dict[str, Any], dt.date, dt.date]]) -> tuple[dt.date, list[dt.date]]:
    """Month ticks covering the bars (at least one), every 1, 2, 3, 6, 12, 24, ... months, at
    most 10 of them."""
    first = _month(min(a for _, a, _ in bars))
    last = max((b for _, _, b in bars), default=first)
    last = last if last.day == 1 and last > first else _month(last, 1)
    months = (last.year - first.year) * 12 + last.month - first.month
    step = next(s for s in (1, 2, 3, 6, 12, 24, 60, 120, 10**9) if months / s <= 10)
    start = _month(first, -((first.year * 12 + first.month - 1) % step))
    n_ticks = math.ceil(((last.year - start.year) * 12 + last.month - start.month) / step)
    return start, [_month(start, k * step) for k in range(n_ticks + 1)]


def for_report(r: dict[str, Any]) -> list[Chart]:
    """The report's charts: outflow if any organisation lost people, the timeline if any departure is dated."""
    out = []
    if any(o["outflow"] for o in r["flows"]["organisations"]):
        title = "Talent outflow and inflow by organisation"
        out.append(Chart("flows", title, outflow_chart(r["flows"]["organisations"])))
    if any(m["end_earliest"] for m in r["flows"]["moves"]):
        out.append(Chart("timeline", "Departures over time", timeline_chart(r["flows"]["moves"])))
    return out


def data_uri(svg: bytes) -> str:
    """``svg`` as a ``data:image/svg+xml;base64,...`` URI, for Markdown."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def inline_svg(svg: bytes) -> str:
    """The SVG element alone (no XML prolog), for inlining in HTML."""
    text = svg.decode("utf-8")
    i = text.find("<svg")
    return text[i:] if i >= 0 else ""
