"""The talent-market report: centrality, talent flow, capital follows talent, the
article's statistics, per-period change and communities.

:func:`build` computes the report as one JSON-ready ``dict`` (its contract:
``graphkit/report/report.schema.json``); :func:`render` turns it into a
terminal table, CSV, JSON, Markdown or one self-contained HTML file, through
the registry :data:`RENDERERS`.

* :mod:`.options`: the options and their checks;
* :mod:`.build`: flows, moves, careers, capital follows talent, statistics, centrality;
* :mod:`.claims`: the sources' claims against the data;
* :mod:`.change`: per half-year change, and communities;
* :mod:`.tables`: the report as tables;
* :mod:`.render`: one renderer per format;
* :mod:`.charts`: the report's SVG charts;
* :mod:`.schema`: the JSON Schema of the report.
"""

from .build import _move, build
from .change import communities_section, periods_section
from .claims import MEASURES, claim_count, claim_verdict, claims
from .options import DIGITS, FORMATS, KINDS, ReportOptions
from .render import (
    RENDERERS,
    markdown_report,
    markdown_table,
    md_text,
    render,
    scope_line,
    to_csv,
    to_html,
    to_json,
    to_markdown,
    to_text,
    write,
)
from .tables import Table, format_cell, tables

__all__ = [
    "DIGITS",
    "FORMATS",
    "KINDS",
    "MEASURES",
    "RENDERERS",
    "ReportOptions",
    "Table",
    "_move",
    "build",
    "claim_count",
    "claim_verdict",
    "claims",
    "communities_section",
    "format_cell",
    "markdown_report",
    "markdown_table",
    "md_text",
    "periods_section",
    "render",
    "scope_line",
    "tables",
    "to_csv",
    "to_html",
    "to_json",
    "to_markdown",
    "to_text",
    "write",
]
