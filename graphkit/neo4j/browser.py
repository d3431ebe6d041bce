"""Neo4j Browser helpers: a guide to the named queries and a stylesheet from the vocabulary.

Both are generated, so they cannot drift from what they describe:

- :func:`guide_html` is a Neo4j Browser guide (``:play URL``) listing every named query
  in ``cypher/queries/``: its header text, its parameters as runnable ``:param`` lines and
  its Cypher as a runnable block. Every text is HTML-escaped.
- :func:`grass` is a Browser stylesheet (GraSS): each node kind and relationship type of
  ``vocabulary.toml`` in its vocabulary colour (the derived moves are properties of the
  relationships, so they need no style). ``cypher/browser-style.grass`` is this text,
  checked in (a unit test keeps the two equal).

``python -m graphkit.neo4j.browser --write DIR [--base-url URL]`` writes ``guide.html`` and
``browser-style.grass`` into DIR; ``scripts/neo4j-local`` runs it for the local server,
which serves DIR at ``/browser/graphkit/``.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path
from typing import Any

from graphkit.neo4j.queries import NamedQuery, named_queries
from graphkit.schema import vocab

GUIDE_FILE = "guide.html"
STYLE_FILE = "browser-style.grass"

#: Nodes the loader writes besides the vocabulary's kinds.
EXTRA_NODES = {"Source": ("#bab0ac", "{publisher}"), "Claim": ("#d7b5a6", "{metric}")}

_DIAMETERS = {"Person": 55, "Company": 65, "Startup": 65, "Investor": 65, "Group": 75, "Event": 50}
_DEFAULT_DIAMETER = 55
_EXTRA_DIAMETER = 40

_PARAM_LINE = re.compile(r"^//\s+\$(\w+)\s+(.*?)\s*\(default .+\)\s*$")


# ------------------------------------------------------------------ colours
def _rgb(colour: str) -> tuple[int, int, int]:
    m = re.fullmatch(r"#([0-9a-fA-F]{6})", colour)
    if not m:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    v = m.group(1)
    return int(v[0:2], 16), int(v[2:4], 16), int(v[4:6], 16)


def darker(colour: str, factor: float = 0.75) -> str:
    """The colour with each channel scaled by ``factor`` (a border a shade darker than the fill)."""
    return "#" + "".join(f"{round(c * factor):02x}" for c in _rgb(colour))


def _luminance(colour: str) -> float:
    """WCAG relative luminance."""

    def lin(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_colour(fill: str) -> str:
    """White when it is readable on ``fill`` (WCAG AA, 4.5:1), else black or white, whichever contrasts more."""
    if contrast(fill, "#ffffff") >= 4.5:
        return "#ffffff"
    return "#000000" if contrast(fill, "#000000") >= contrast(fill, "#ffffff") else "#ffffff"


# ------------------------------------------------------------------ GraSS
def _block(selector: str, props: dict[str, str]) -> str:
    body = "".join(f"  {k}: {v};\n" for k, v in props.items())
    return f"{selector} {{\n{body}}}\n"


def _node_style(label: str, colour: str, caption: str, diameter: int) -> str:
    return _block(
        f"node.{label}",
        {
            "color": colour,
            "border-color": darker(colour),
            "text-color-internal": text_colour(colour),
            "caption": f"'{caption}'",
            "diameter": f"{diameter}px",
        },
    )


def _rel_style(rtype: str, colour: str) -> str:
    return _block(
        f"relationship.{rtype}",
        {
            "color": colour,
            "caption": "'<type>'",
            "shaft-width": "2px",
            "text-color-internal": text_colour(colour),
        },
    )


def grass() -> str:
    """Neo4j Browser's stylesheet (GraSS) for graphkit's labels and relationship types."""
    voc = vocab.load()
    # No comments: Browser's GraSS parser has none (a comment would become part of a selector).
    parts = [
        _block(
            "node",
            {
                "diameter": f"{_DEFAULT_DIAMETER}px",
                "color": "#A5ABB6",
                "border-color": "#9AA1AC",
                "border-width": "2px",
                "text-color-internal": "#FFFFFF",
                "font-size": "10px",
            },
        ),
        _block(
            "relationship",
            {
                "color": "#A5ABB6",
                "shaft-width": "1px",
                "font-size": "8px",
                "padding": "3px",
                "text-color-external": "#000000",
                "text-color-internal": "#FFFFFF",
                "caption": "'<type>'",
            },
        ),
    ]
    for name, kind in voc.nodes.items():
        parts.append(_node_style(name, kind.colour, "{name}", _DIAMETERS.get(name, _DEFAULT_DIAMETER)))
    for label, (colour, caption) in EXTRA_NODES.items():
        parts.append(_node_style(label, colour, caption, _EXTRA_DIAMETER))
    for name, rel in voc.relationships.items():
        parts.append(_rel_style(name, rel.colour))
    return "\n".join(parts)


# ------------------------------------------------------------------ the guide
def cypher_literal(value: Any) -> str:
    """A Cypher literal for a parameter's default (for ``:param name => literal``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value).replace("\\", "\\\\").replace("'", "\\'")
    return f"'{text}'"


def param_lines(q: NamedQuery) -> list[tuple[str, str]]:
    """``(":param name => default", what it is)`` for each parameter in the query's header."""
    about: dict[str, str] = {}
    for line in q.text.splitlines():
        if not line.startswith("//"):
            break
        m = _PARAM_LINE.match(line)
        if m:
            about[m.group(1)] = m.group(2)
    return [
        (f":param {name} => {cypher_literal(value)}", about.get(name, "")) for name, value in q.params.items()
    ]


def query_body(q: NamedQuery) -> str:
    """The query without its header comment (the guide shows the header as text)."""
    lines = q.text.splitlines()
    i = 0
    while i < len(lines) and (lines[i].startswith("//") or not lines[i].strip()):
        i += 1
    return "\n".join(lines[i:]).strip()


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _runnable(text: str) -> str:
    return f'<pre class="code runnable">{_e(text)}</pre>'


def guide_html(base_url: str | None = None) -> str:
    """A Neo4j Browser guide to the named queries (open it with ``:play URL``).

    ``base_url`` is where the guide and the stylesheet are served (e.g.
    ``http://127.0.0.1:7474/browser/graphkit``): with it, the guide offers a one-line
    ``:style URL``; without it, only the stylesheet pasted after ``:style``."""
    queries = named_queries()
    out = [
        "<!-- graphkit's Neo4j Browser guide, generated by `python -m graphkit.neo4j.browser` from\n"
        "     cypher/queries/*.cypher and graphkit/vocabulary.toml; do not edit by hand. -->",
        '<article class="guide graphkit-guide">',
        '<section class="graphkit-intro">',
        "<h3>graphkit: named queries</h3>",
        "<p>"
        + _e(
            "The named queries of graphkit (cypher/queries/), over the data that `graphkit load` "
            "wrote. Click a block to copy it into the editor, then run it (Ctrl+Enter or the "
            "run button). Set a query's parameters with its :param lines first; each line is a "
            "separate block."
        )
        + "</p>",
        "<p>"
        + _e(f"{len(queries)} queries: ")
        + ", ".join(f"<code>{_e(n)}</code>" for n in queries)
        + ".</p>",
        "</section>",
        '<section class="graphkit-style">',
        "<h4>Colours</h4>",
        "<p>"
        + _e("graphkit's colours and captions for nodes and relationships (the vocabulary's): run")
        + "</p>",
    ]
    if base_url:
        out.append(_runnable(f":style {base_url.rstrip('/')}/{STYLE_FILE}"))
        out.append(
            "<p>" + _e("(or the same stylesheet pasted after :style, at the end of this guide).") + "</p>"
        )
    else:
        out.append("<p>" + _e("the :style block at the end of this guide.") + "</p>")
    out.append("</section>")
    for name, q in queries.items():
        out += _query_section(name, q)
    out += [
        '<section class="graphkit-style-text">',
        "<h4>The stylesheet</h4>",
        "<p>" + _e("Run it to apply graphkit's colours; :style reset goes back to Browser's.") + "</p>",
        _runnable(":style " + grass()),
        "</section>",
        "</article>",
    ]
    return "\n".join(out) + "\n"


def _query_section(name: str, q: NamedQuery) -> list[str]:
    """One named query: its header text, its parameters as :param blocks, its Cypher as a block."""
    out = [
        f'<section class="graphkit-query" data-query="{_e(name)}">',
        f"<h4>{_e(name)}</h4>",
        f"<p>{_e(q.description)}</p>",
    ]
    params = param_lines(q)
    if params:
        out.append("<p>" + _e("Parameters (defaults shown; edit the value before running):") + "</p>")
        for line, about in params:
            if about:
                out.append(f"<p><code>{_e(line.split()[1])}</code>: {_e(about)}</p>")
            out.append(_runnable(line))
    return [*out, _runnable(query_body(q)), "</section>"]


# ------------------------------------------------------------------ entry point
def write(directory: Path, base_url: str | None = None) -> list[Path]:
    """Write guide.html and browser-style.grass into ``directory`` (created if needed)."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in ((GUIDE_FILE, guide_html(base_url)), (STYLE_FILE, grass())):
        path = directory / name
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, "utf-8")
        tmp.replace(path)  # atomic: a server reading the file never sees half of it
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m graphkit.neo4j.browser",
        description="Write graphkit's Neo4j Browser guide (guide.html) and style (browser-style.grass).",
    )
    parser.add_argument("--write", metavar="DIR", type=Path, required=True, help="directory to write into")
    parser.add_argument(
        "--base-url",
        metavar="URL",
        help="where DIR is served (e.g. http://127.0.0.1:7474/browser/graphkit): the guide then offers `:style URL`",
    )
    args = parser.parse_args(argv)
    for path in write(args.write, args.base_url):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
