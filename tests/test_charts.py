"""The report's charts: names are SVG text whatever fonts or font cache the machine has.

The report runs in a subprocess, as a user runs it, with its own ``MPLCONFIGDIR``:
an empty one (a first run) and one holding a matplotlib font cache built without
any CJK font (``make demo`` before ``fonts-noto-cjk`` was installed). Warnings are
errors there, as under pytest.
"""

from __future__ import annotations

import base64
import csv
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import DATA, ROOT, edit

from graphkit.cli import main

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script>&"
# `-W error::Warning` makes every warning an error, as `-W error` does, without the
# bare `-W error` that makes pyparsing switch on its own diagnostics (edtf trips one).
WARNINGS_ARE_ERRORS = ["-W", "error::Warning"]

# A matplotlib font cache from before the CJK font was installed: every font that
# has 智 is taken out of the cache matplotlib writes.
STALE_CACHE = """
import matplotlib, sys
from pathlib import Path
from matplotlib import font_manager as fm
from matplotlib.ft2font import FT2Font

def cjk(path):
    try:
        return FT2Font(path).get_char_index(ord("智")) != 0
    except Exception:
        return False

manager = fm.FontManager()
manager.ttflist = [f for f in manager.ttflist if not cjk(f.fname)]
fm.json_dump(manager, Path(matplotlib.get_cachedir()) / f"fontlist-v{fm.FontManager.__version__}.json")
print(len(manager.ttflist))
"""


def org_name(org_id: str) -> str:
    with (DATA / "organisations.csv").open(encoding="utf-8", newline="") as f:
        return next(row["name"] for row in csv.DictReader(f) if row["id"] == org_id)


def python(*args: str, mplconfig: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "MPLCONFIGDIR": str(mplconfig), "PYTHONIOENCODING": "utf-8"}
    env.pop("PYTHONWARNINGS", None)
    return subprocess.run(
        [sys.executable, *WARNINGS_ARE_ERRORS, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


def svgs(fmt: str, text: str) -> list[str]:
    """The chart SVGs in a Markdown (data URIs) or HTML (inline) report."""
    if fmt == "markdown":
        assert "data:image/png" not in text
        found = re.findall(r"!\[[^\]]*\]\(data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)\)", text)
        return [base64.b64decode(b, validate=True).decode("utf-8") for b in found]
    return re.findall(r"<svg\b.*?</svg>", text, flags=re.S)


def texts(svg: str) -> list[str]:
    """Every ``<text>`` of ``svg``, parsed as XML (so the markup must be well formed)."""
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]


@pytest.fixture(scope="module")
def stale_mplconfig(tmp_path_factory) -> Path:
    mplconfig = tmp_path_factory.mktemp("mpl-stale")
    made = python("-c", STALE_CACHE, mplconfig=mplconfig)
    assert made.returncode == 0, made.stderr
    assert int(made.stdout) > 0  # DejaVu Sans at least
    assert len(list(mplconfig.glob("fontlist-*.json"))) == 1
    return mplconfig


@pytest.fixture(scope="module")
def reports(tmp_path_factory, stale_mplconfig: Path) -> dict[tuple[str, str], str]:
    """The Markdown and HTML reports, built with an empty and with a stale font cache."""
    out = {}
    for cache in ("empty", "stale"):
        for fmt in ("markdown", "html"):
            mplconfig = stale_mplconfig if cache == "stale" else tmp_path_factory.mktemp("mpl-empty")
            path = tmp_path_factory.mktemp("report") / f"report.{fmt}"
            r = python(
                "-m", "graphkit", "report", str(DATA), "--format", fmt, "-o", str(path), mplconfig=mplconfig
            )
            assert r.returncode == 0, r.stderr
            assert "Glyph" not in r.stderr and "Warning" not in r.stderr, r.stderr
            out[cache, fmt] = path.read_text("utf-8")
    return out


@pytest.mark.parametrize("cache", ["empty", "stale"])
@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_names_are_svg_text_whatever_the_font_cache(reports, fmt: str, cache: str):
    charts = svgs(fmt, reports[cache, fmt])
    assert len(charts) == 2
    flows, timeline = (texts(svg) for svg in charts)
    assert org_name("zhipu") in flows and org_name("zhipu") in timeline
    assert org_name("venture-zhang-fan") in flows  # 张帆's venture: one person in
    for svg in charts:
        assert "Noto Sans CJK SC" in svg and "<path" not in svg


def test_the_charts_do_not_depend_on_the_font_cache(reports):
    for fmt in ("markdown", "html"):
        assert svgs(fmt, reports["empty", fmt]) == svgs(fmt, reports["stale", fmt])


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_hostile_names_are_escaped_in_the_svg(data_copy: Path, tmp_path: Path, fmt: str):
    edit(data_copy / "organisations.csv", "zhipu,Company,智谱,", f'zhipu,Company,"{HOSTILE}",')
    out = tmp_path / f"r.{fmt}"
    r = CliRunner().invoke(main, ["report", str(data_copy), "--format", fmt, "-o", str(out)])
    assert r.exit_code == 0, r.output
    charts = svgs(fmt, out.read_text("utf-8"))
    assert len(charts) == 2
    for svg in charts:
        assert "<script" not in svg
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&amp;" in svg
        assert HOSTILE in texts(svg)  # escaped once: the name reads back as it was


def test_demo_writes_the_charts_as_svg(tmp_path: Path):
    out = tmp_path / "out"
    r = python("-m", "graphkit", "demo", str(DATA), "-o", str(out), mplconfig=tmp_path / "mpl")
    assert r.returncode == 0, r.stderr
    assert "Glyph" not in r.stderr and "Warning" not in r.stderr, r.stderr
    files = [out / "chart-flows.svg", out / "chart-timeline.svg"]
    assert r.stdout.splitlines()[-2:] == [f"wrote {p}" for p in files]
    for path in files:
        svg = path.read_text("utf-8")
        assert svg.startswith('<?xml version="1.0" encoding="utf-8"?>\n<svg ')
        assert org_name("zhipu") in texts(svg)
    assert org_name("venture-zhang-fan") in texts(files[0].read_text("utf-8"))


def test_a_timeline_without_dated_departures_is_the_same_on_any_day(monkeypatch: pytest.MonkeyPatch):
    """No bar, no time axis: the chart says so and shows no month, so it does not depend
    on the day it is drawn."""
    import datetime as dt

    from graphkit.report import charts

    today = charts.timeline_chart([])

    class Later(dt.date):
        @classmethod
        def today(cls) -> dt.date:
            return dt.date(2031, 7, 1)

    monkeypatch.setattr(charts.dt, "date", Later)
    assert charts.timeline_chart([]) == today
    root = ET.fromstring(today)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "(no dated departures)" in texts
    assert not [t for t in texts if t and re.fullmatch(r"\d{4}-\d{2}", t)]
