"""Renderers: one function per format, chosen through :data:`RENDERERS`."""

from __future__ import annotations

import csv
import html
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from graphkit.schema.errors import SettingsError
from graphkit.schema.text import plural

from . import jsontext
from .build import build, no_gc
from .options import FORMATS, ReportOptions
from .tables import format_cell, tables


def scope_line(r: dict[str, Any]) -> str:
    s = r["scope"]
    parts = [f"{plural(r['nodes'], 'node')}, {plural(r['relationships'], 'relationship')}"]
    if s["period"]:
        parts.append(f"period {s['period']} ({s['counted']})")
    if s["as_of"]:
        parts.append(f"as of {s['as_of']}")
    return "; ".join(parts)


def to_json(r: dict[str, Any]) -> str:
    """``json.dumps(r, ensure_ascii=False, indent=2, default=str) + "\\n"`` (:mod:`.jsontext`)."""
    with no_gc():
        return jsontext.dumps(r, "\n")


def to_csv(r: dict[str, Any]) -> str:
    """Every table in one CSV: ``section, row, column, value`` (long format)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["section", "row", "column", "value"])
    for t in tables(r):
        for i, row in enumerate(t.rows, 1):
            for h, v in zip(t.headers, row, strict=True):
                w.writerow(
                    [
                        t.key,
                        i,
                        h,
                        v if isinstance(v, (int, float)) and not isinstance(v, bool) else format_cell(v),
                    ]
                )
    return buf.getvalue()


def md_text(text: str) -> str:
    """Text that Markdown shows literally as far as HTML goes: no tag, no entity."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


def markdown_table(headers: list[str], rows: list[list[Any]]) -> str:
    """A Markdown table. Cells are escaped: ``&`` and ``<`` become entities (Markdown
    passes raw HTML through to the page, and no tag can start without ``<``), ``|``
    is backslashed."""

    def cell(text: Any) -> str:
        return md_text(format_cell(text)).replace("|", "\\|").replace("\n", " ")

    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def to_markdown(r: dict[str, Any], charts: bool = True) -> str:
    from graphkit.report import charts as charts_mod

    lines = [f"# {md_text(r['title'])}", "", f"Dataset: `{md_text(r['dataset'])}`. {scope_line(r)}.", ""]
    if charts:
        for chart in charts_mod.for_report(r):
            lines += [f"![{chart.title}]({charts_mod.data_uri(chart.svg)})", ""]
    for t in tables(r):
        lines += [f"## {t.title}", ""]
        if t.note:
            lines += [md_text(t.note).replace("\n", "  \n"), ""]
        lines += [markdown_table(t.headers, t.rows) if t.rows else "_(none)_", ""]
    return "\n".join(lines)


HTML_STYLE = """
body{font-family:"Noto Sans CJK SC","Noto Sans CJK JP",system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}
th{background:#f3f3f3}td.n{text-align:right}p.note{color:#555;white-space:pre-line}figure{margin:1em 0}
"""


def to_html(r: dict[str, Any]) -> str:
    from graphkit.report import charts as charts_mod

    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{e(r['title'])}</title><style>{HTML_STYLE}</style></head><body>",
        f"<h1>{e(r['title'])}</h1>",
        f"<p>Dataset: <code>{e(r['dataset'])}</code>. {e(scope_line(r))}.</p>",
    ]
    for chart in charts_mod.for_report(r):
        parts.append(
            f"<figure>{charts_mod.inline_svg(chart.svg)}<figcaption>{e(chart.title)}</figcaption></figure>"
        )
    for t in tables(r):
        parts.append(f'<h2 id="{e(t.key)}">{e(t.title)}</h2>')
        if t.note:
            parts.append(f'<p class="note">{e(t.note)}</p>')
        if not t.rows:
            parts.append("<p><em>(none)</em></p>")
            continue
        parts.append(
            "<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in t.headers) + "</tr></thead><tbody>"
        )
        for row in t.rows:
            cells = "".join(
                f'<td class="n">{e(format_cell(c))}</td>'
                if isinstance(c, (int, float)) and not isinstance(c, bool)
                else f"<td>{e(format_cell(c))}</td>"
                for c in row
            )
            parts.append(f"<tr>{cells}</tr>")
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def to_text(r: dict[str, Any]) -> str:
    """Plain tab-separated tables (for pipes)."""
    lines = [f"graphkit report: {scope_line(r)}"]
    for t in tables(r):
        lines += ["", f"# {t.title}", "\t".join(t.headers)]
        lines += ["\t".join(format_cell(c) for c in row) for row in t.rows]
        if t.note and t.key == "claims":
            lines += [t.note]
    return "\n".join(lines) + "\n"


#: The renderers, by format name (``graphkit report --format``).
RENDERERS: dict[str, Callable[[dict[str, Any]], str]] = {
    "table": to_text,
    "csv": to_csv,
    "json": to_json,
    "markdown": to_markdown,
    "html": to_html,
}


def _renderer(fmt: str) -> Callable[[dict[str, Any]], str]:
    if fmt not in RENDERERS:
        raise SettingsError(f"unknown format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    return RENDERERS[fmt]


def render(r: dict[str, Any], fmt: str) -> str:
    return _renderer(fmt)(r)


def markdown_report(g: nx.MultiDiGraph, top: int = 15) -> str:
    """The full report as Markdown (with charts); used by ``graphkit demo``."""
    return to_markdown(build(g, ReportOptions(top=top)))


def write(r: dict[str, Any], fmt: str, path: str | Path) -> Path:
    """:func:`render` into the file ``path`` (UTF-8), whole or not at all: the text goes
    to a temporary file beside it, which then takes its place. JSON is written a block
    at a time (:func:`.jsontext.dump`), never held whole."""
    renderer = _renderer(fmt)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            if fmt == "json":
                with no_gc():
                    jsontext.dump(r, fh, "\n")
            else:
                fh.write(renderer(r))
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
