"""graphkit's Neo4j Browser guide and style (graphkit/neo4j/browser.py), without a server or a browser.

tests/integration/test_neo4j_browser.py drives the real Browser with them."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from graphkit import neo4j as gn
from graphkit.neo4j import browser
from graphkit.schema import vocab

ROOT = Path(__file__).resolve().parent.parent
GRASS_FILE = ROOT / "cypher" / "browser-style.grass"


# ------------------------------------------------------------------ Browser's own parsers, ported
def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """neo4j-browser 5.24's parseGrass (src/shared/services/grassUtils.ts), character for character:
    quotes toggle a string and are dropped, whitespace outside a block is dropped, a declaration
    is split on ':' and kept only when there are exactly two parts."""
    in_string = in_block = in_nested = False
    selector = body = ""
    raw: dict[str, str] = {}
    for ch in text:
        consumed = True
        if ch == "{":
            if in_string:
                consumed = False
            elif in_block:
                in_nested = True
            else:
                in_block = True
        elif ch == "}":
            if in_string:
                consumed = False
            elif in_nested:
                in_nested = False
            else:
                in_block = False
                raw[selector] = body
                selector = body = ""
        elif ch in "'\"":
            in_string = not in_string
        else:
            consumed = False
        if not consumed:
            if in_block:
                body += ch
            elif not re.match(r"[\s\n]", ch):
                selector += ch
    out: dict[str, dict[str, str]] = {}
    for sel, text_ in raw.items():
        props = {}
        for decl in text_.split(";"):
            parts = decl.split(":")
            if len(parts) == 2:
                props[parts[0].strip()] = parts[1].strip()
        out[sel] = props
    return out


def clean_html(text: str) -> str:
    """neo4j-browser 5.24's cleanHtml, applied to every remote guide before it is shown."""
    text = re.sub(r"(\s+(on[^\s=]+)[^\s=]*\s*=\s*(\"[^\"]*\"|'[^']*'|[\w\-.:]+\s*))", "", text, flags=re.I)
    text = re.sub(r"<script\b[^<]*(?:(?!</script>)<[^<]*)*(</script>)?", "", text, flags=re.I)
    text = re.sub(r'href=".*javascript:[^"]*"', 'href=""', text, count=1)
    return re.sub(r"href='.*javascript:[^']*'", "href=''", text, count=1)


class Runnables(HTMLParser):
    """The text of every <pre class="... runnable ...">, as Browser copies it (textContent.trim())."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str | None, str]] = []  # (data-query of the enclosing section, text)
        self.sections: list[str] = []
        self._section: str | None = None
        self._pre: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and a.get("data-query"):
            self._section = a["data-query"]
            self.sections.append(a["data-query"])
        if tag == "pre" and "runnable" in (a.get("class") or "").split():
            self._pre = []

    def handle_endtag(self, tag):
        if tag == "pre" and self._pre is not None:
            self.blocks.append((self._section, "".join(self._pre).strip()))
            self._pre = None
        if tag == "section":
            self._section = None

    def handle_data(self, data):
        if self._pre is not None:
            self._pre.append(data)


def runnables(text: str) -> Runnables:
    parser = Runnables()
    parser.feed(text)
    parser.close()
    return parser


BASE = "http://127.0.0.1:7474/browser/graphkit"


# ------------------------------------------------------------------ the style
def test_checked_in_style_is_generated():
    assert GRASS_FILE.read_text("utf-8") == browser.grass(), (
        "cypher/browser-style.grass is out of date: python -c "
        "\"from graphkit.neo4j.browser import grass; open('cypher/browser-style.grass', 'w').write(grass())\""
    )


def test_style_has_every_kind_and_type_in_its_vocabulary_colour():
    voc = vocab.load()
    style = parse_grass(browser.grass())
    for name, kind in voc.nodes.items():
        rule = style[f"node.{name}"]
        assert rule["color"] == kind.colour, name
        assert rule["caption"] == "{name}", name
        assert rule["border-color"] == browser.darker(kind.colour)
        assert rule["diameter"].endswith("px")
    for name, rel in voc.relationships.items():
        rule = style[f"relationship.{name}"]
        assert rule["color"] == rel.colour, name
        assert rule["caption"] == "<type>", name


def test_style_has_no_move_nodes():
    """The derived moves are properties of relationships (no Move label, no MADE/FROM/TO)."""
    style = parse_grass(browser.grass())
    assert "node.Move" not in style
    assert not {"relationship.MADE", "relationship.FROM", "relationship.TO"} & set(style)


def test_style_parses_completely_in_browsers_parser():
    """Every declaration survives Browser's parser (no comments, no ':' inside values)."""
    text = browser.grass()
    assert "/*" not in text and "//" not in text
    declared = len(re.findall(r"^\s+[\w-]+: .*;$", text, flags=re.M))
    style = parse_grass(text)
    assert sum(len(props) for props in style.values()) == declared
    assert all(re.fullmatch(r"node(\.\w+)?|relationship(\.\w+)?", sel) for sel in style)


def test_captions_are_readable_on_their_colours():
    style = parse_grass(browser.grass())
    for sel, props in style.items():
        if "text-color-internal" in props and sel != "node" and sel != "relationship":
            ratio = browser.contrast(props["color"], props["text-color-internal"])
            assert ratio >= 4.5, (sel, props["color"], props["text-color-internal"], ratio)
            # a darker border than the fill
            if "border-color" in props:
                assert browser._luminance(props["border-color"]) < browser._luminance(props["color"])


# ------------------------------------------------------------------ the guide
def test_guide_lists_every_named_query_with_its_cypher_runnable():
    text = browser.guide_html(BASE)
    queries = gn.named_queries()
    parsed = runnables(text)
    assert parsed.sections == list(queries)
    for name, q in queries.items():
        blocks = [b for section, b in parsed.blocks if section == name]
        body = blocks[-1]
        assert body == browser.query_body(q)
        # the file minus its header comment, nothing else
        assert body in q.text and not body.startswith("//")
        assert q.text.rstrip().endswith(body)
        assert html.escape(q.description) in text


def test_guide_has_runnable_param_lines_with_the_defaults():
    parsed = runnables(browser.guide_html(BASE))
    by_query: dict[str, list[str]] = {}
    for section, block in parsed.blocks:
        if section:
            by_query.setdefault(section, []).append(block)
    assert by_query["departures"][:2] == [":param since => '2025-01-01'", ":param until => '2025-06-30'"]
    assert by_query["alumni"][0] == ":param min_people => 2"
    assert by_query["person_timeline"][0] == ":param person => 'zhang-fan'"
    for name, q in gn.named_queries().items():
        params = [b for b in by_query[name] if b.startswith(":param ")]
        assert [p.split()[1] for p in params] == list(q.params), name
        assert len(by_query[name]) == len(params) + 1  # and the query itself


def test_guide_offers_the_style():
    parsed = runnables(browser.guide_html(BASE))
    blocks = [b for _, b in parsed.blocks]
    assert f":style {BASE}/browser-style.grass" in blocks
    pasted = [b for b in blocks if b.startswith(":style node")]
    assert len(pasted) == 1
    assert parse_grass(pasted[0].removeprefix(":style ")) == parse_grass(browser.grass())
    # without a URL, only the pasted stylesheet
    blocks = [b for _, b in runnables(browser.guide_html()).blocks]
    assert [b for b in blocks if b.startswith(":style")] == [pasted[0]]


def test_guide_escapes_the_cypher():
    text = browser.guide_html(BASE)
    assert "<-[" not in text and "]->" not in text  # capital_follows_talent's arrows
    assert "&lt;-[:FOUNDED]-" in text and "]-&gt;" in text
    assert "'<type>'" not in text and "&#x27;&lt;type&gt;&#x27;" in text


def test_guide_survives_browsers_sanitiser():
    """Browser runs cleanHtml on a remote guide; it must leave every block as it is."""
    text = browser.guide_html(BASE)
    assert clean_html(text) == text


def test_hostile_query_text_is_escaped(monkeypatch, tmp_path):
    hostile = "</pre><script>alert(1)</script><img src=x onerror=alert(2)>"
    q = gn.NamedQuery(
        name="x<y",
        path=tmp_path / "x.cypher",
        description=f"about {hostile}",
        params={"p": f"it's {hostile}"},
        text=f"// about {hostile}\n// Parameters:\n//   $p  {hostile}  (default 'x')\nRETURN '{hostile}' AS v\n",
    )
    monkeypatch.setattr(browser, "named_queries", lambda: {q.name: q})
    text = browser.guide_html(BASE)
    assert "<script" not in text and "<img" not in text and "</pre><" not in text
    parsed = runnables(text)
    assert parsed.sections == ["x<y"]
    blocks = [b for section, b in parsed.blocks if section == "x<y"]
    assert blocks == [f":param p => 'it\\'s {hostile}'", f"RETURN '{hostile}' AS v"]


def test_cypher_literals():
    assert browser.cypher_literal("2025-01-01") == "'2025-01-01'"
    assert browser.cypher_literal("it's a \\ test") == "'it\\'s a \\\\ test'"
    assert browser.cypher_literal(2) == "2"
    assert browser.cypher_literal(True) == "true"


# ------------------------------------------------------------------ the entry point
def test_write_entry_point(tmp_path):
    out = tmp_path / "guide"
    proc = subprocess.run(
        [sys.executable, "-m", "graphkit.neo4j.browser", "--write", str(out), "--base-url", BASE + "/"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["browser-style.grass", "guide.html"]
    assert (out / "guide.html").read_text("utf-8") == browser.guide_html(BASE)
    assert (out / "browser-style.grass").read_text("utf-8") == browser.grass()


def test_write_needs_a_directory():
    proc = subprocess.run(
        [sys.executable, "-m", "graphkit.neo4j.browser"], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2
    assert "--write" in proc.stderr


@pytest.mark.parametrize(("colour", "expected"), [("#000000", "#ffffff"), ("#ffffff", "#000000")])
def test_text_colour(colour, expected):
    assert browser.text_colour(colour) == expected


def test_style_file_ships_with_the_package():
    import tomllib

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert "cypher/*.grass" in pyproject["tool"]["setuptools"]["package-data"]["graphkit.neo4j"]
    assert (ROOT / "cypher" / "browser-style.grass").read_text("utf-8") == browser.grass()
