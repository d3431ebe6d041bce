"""Charts for the Markdown and HTML reports: outflow by company and a departures timeline.

matplotlib with the Agg backend, nothing shown on screen. Chinese names render
with Noto Sans CJK when it is installed (Debian: fonts-noto-cjk); without it the
charts are still drawn. SVG text is drawn as paths, so no data string reaches
the SVG markup as text.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from typing import Any

CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Noto Sans CJK KR")


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    available = {f.name for f in font_manager.fontManager.ttflist}
    cjk = [f for f in CJK_FONTS if f in available]
    plt.rcParams["font.family"] = "sans-serif"
    plt.rcParams["font.sans-serif"] = [*cjk, "DejaVu Sans"]
    plt.rcParams["axes.unicode_minus"] = False
    plt.rcParams["svg.fonttype"] = "path"
    plt.rcParams["svg.hashsalt"] = "graphkit"
    return plt


def _save(fig: Any, fmt: str) -> bytes:
    buf = io.BytesIO()
    meta = {"Date": None} if fmt == "svg" else {}
    fig.savefig(buf, format=fmt, bbox_inches="tight", dpi=110, metadata=meta)
    import matplotlib.pyplot as plt

    plt.close(fig)
    return buf.getvalue()


def outflow_chart(orgs: list[dict[str, Any]], fmt: str = "svg", top: int = 15) -> bytes:
    """Horizontal bars: outflow (and inflow) per organisation."""
    plt = _pyplot()
    from matplotlib.ticker import FuncFormatter

    rows = [r for r in orgs if r["outflow"] or r["inflow"]][:top]
    fig, ax = plt.subplots(figsize=(6.4, 0.35 * max(len(rows), 2) + 1.0))
    names = [r["name"] for r in rows][::-1]
    ax.barh(names, [r["outflow"] for r in rows][::-1], color="#c0392b", label="outflow")
    ax.barh(names, [-r["inflow"] for r in rows][::-1], color="#2980b9", label="inflow")
    ax.axvline(0, color="#555", linewidth=0.8)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{abs(x):g}"))
    ax.set_xlabel("people: inflow (left), outflow (right)")
    ax.set_title("Talent outflow and inflow by organisation")
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return _save(fig, fmt)


def timeline_chart(moves: list[dict[str, Any]], fmt: str = "svg", top: int = 15, limit: int = 500) -> bytes:
    """One bar per departure from its earliest to its latest possible day, by company."""
    plt = _pyplot()
    import matplotlib.dates as mdates

    dated = [m for m in moves if m.get("from") and m.get("end_earliest") and m.get("end_latest")][:limit]
    counts: dict[str, int] = {}
    for m in dated:
        counts[m["from_name"]] = counts.get(m["from_name"], 0) + 1
    companies = sorted(counts, key=lambda c: (-counts[c], c))[:top]
    row = {c: i for i, c in enumerate(companies)}
    fig, ax = plt.subplots(figsize=(7.2, 0.45 * max(len(companies), 2) + 1.2))
    offsets: dict[str, int] = {}
    for m in dated:
        c = m["from_name"]
        if c not in row:
            continue
        a = dt.date.fromisoformat(m["end_earliest"])
        b = dt.date.fromisoformat(m["end_latest"]) + dt.timedelta(days=1)
        k = offsets.get(c, 0)
        offsets[c] = k + 1
        y = row[c] + (k % 5) * 0.12 - 0.24
        ax.plot([a, b], [y, y], linewidth=4, solid_capstyle="butt", alpha=0.7, color="#c0392b")
    ax.set_yticks(range(len(companies)), companies)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.set_title("Departures over time (bar = the span the fuzzy date allows)")
    fig.autofmt_xdate()
    fig.tight_layout()
    return _save(fig, fmt)


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def inline_svg(svg: bytes) -> str:
    """The SVG element alone (no XML prolog or DOCTYPE), for inlining in HTML."""
    text = svg.decode("utf-8")
    i = text.find("<svg")
    return text[i:] if i >= 0 else ""
