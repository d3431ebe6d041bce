"""The HTML page without a browser: escaping, offline, data, determinism, linear build, CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import DATA, ROOT, edit
from pyvis.network import Network
from synthetic import synthetic_graph

from graphkit.api import build_graph
from graphkit.cli import main
from graphkit.page import html
from graphkit.schema.errors import SettingsError

HOSTILE_IMG = '<img src=x onerror="window.__pwned=1;alert(1)">'
HOSTILE_SCRIPT = "</script><script>window.__pwned=2;alert(2)</script>"


def page_data(text: str) -> dict:
    m = re.search(r'<script type="application/json" id="gk-data">(.*?)</script>', text, re.S)
    assert m, "no data block"
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def g():
    return build_graph(DATA)


@pytest.fixture(scope="module")
def page(g) -> str:
    return html.render(g)


def hostile_copy(data_copy: Path) -> Path:
    edit(data_copy / "people.csv", "zhang-kuo,张阔,", 'zhang-kuo,"' + HOSTILE_IMG.replace('"', '""') + '",')
    edit(data_copy / "people.csv", "qu-teng,曲滕,", "qu-teng," + HOSTILE_SCRIPT + ",")
    edit(
        data_copy / "relationships.csv",
        "首席战略官,Chief strategy officer",
        '"<b href=x>首席战略官</b>",href',
    )
    return data_copy


def test_safe_json_escapes_markup_and_round_trips():
    value = {"a": "</script><b>&amp;\u2028", "b": ["<!--"]}
    text = html.safe_json(value)
    assert not set("<>&") & set(text)
    assert "\u2028" not in text
    assert json.loads(text) == value


def test_hostile_names_never_appear_as_markup(data_copy):
    text = html.render(build_graph(hostile_copy(data_copy)))
    assert HOSTILE_IMG not in text
    assert "<img" not in text
    assert HOSTILE_SCRIPT not in text
    assert "__pwned" in text  # the data is there, but escaped
    # exactly our three script elements open and close
    assert len(re.findall(r"<script[ >]", text)) - text.count('"<script>"') == 3
    assert text.count("</script>") == 3
    names = {n[0]: n[1] for n in page_data(text)["nodes"]}
    assert names["zhang-kuo"] == HOSTILE_IMG
    assert names["qu-teng"] == HOSTILE_SCRIPT


def test_page_makes_no_network_reference(page):
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert "@import" not in page
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page)
    assert "sourceMappingURL" not in page
    assert "default-src 'none'" in page  # the CSP forbids fetches, fonts included


def test_page_has_no_local_paths(page):
    assert str(ROOT) not in page
    assert str(DATA) not in page
    assert "/home/" not in page and "/root/" not in page


def test_page_utf8_and_single_file(tmp_path, g):
    out = html.write_html(g, tmp_path / "sub" / "graph.html")
    assert [p.name for p in (tmp_path / "sub").iterdir()] == ["graph.html"]
    assert "张帆".encode() in out.read_bytes()
    assert b'<meta charset="utf-8">' in out.read_bytes()


def test_counts_and_legend_match_the_seed_data(page):
    # README: 17 people, 10 companies, 1 investor, 1 group, 3 ventures, 2 pivots; 39 relationships.
    data = page_data(page)
    kinds = {k["name"]: k["count"] for k in data["kinds"]}
    assert kinds == {"Person": 17, "Company": 10, "Startup": 3, "Investor": 1, "Group": 1, "Event": 2}
    types = {t["name"]: t["count"] for t in data["types"]}
    assert types["WORKED_AT"] == 22 and types["MEMBER_OF"] == 6 and types["FOUNDED"] == 5
    assert len(data["nodes"]) == 34 and len(data["edges"]) == 39
    assert "34 nodes (17 people)" in data["subtitle"]
    assert "39 relationships" in data["subtitle"]
    assert "智东西" in data["subtitle"] and "知乎" in data["subtitle"]
    # earliest fact: 01.AI's Q4 2024 pivot; latest: June 2025
    assert "2024年10月 – 2025年6月" in data["subtitle"]


def test_dates_rendered_for_people(page):
    data = page_data(page)
    ids = [n[0] for n in data["nodes"]]
    gu = ids.index("gu-xuemei")
    (info,) = [data["edgeInfo"][j] for j, e in enumerate(data["edges"]) if e[0] == gu]
    assert info["end"] == "2025-40"
    assert info["end_en"] == "first half of 2025"
    assert info["end_zh"] == "2025年上半年"
    assert info["role"] == "联合创始人"
    assert info["status"] == "confirmed"
    assert info["sources"] == ["zhidx-2025-06-16"]
    assert "谷雪梅" in info["evidence"]


def test_size_by_degree(page, g):
    data = page_data(page)
    size = {n[0]: n[6] for n in data["nodes"]}
    # 百川智能 has 5 people, 张阔 one employer: bigger and smaller; the group is not a metric node.
    assert size["baichuan"] > size["zhang-fan"] > size["zhang-kuo"]
    assert size["six-tigers"] == (8.0 + 22.0) / 2
    with pytest.raises(SettingsError, match="unknown metric"):
        html.render(g, size_by="shoe-size")
    by_b = {n[0]: n[6] for n in page_data(html.render(g, size_by="betweenness"))["nodes"]}
    assert by_b["zhang-kuo"] == 8.0  # a leaf brokers nothing: the smallest size


def test_deterministic_and_stable_positions(g, tmp_path):
    assert html.render(g) == html.render(g)
    full = {n[0]: (n[4], n[5]) for n in page_data(html.render(g))["nodes"]}
    path = html.write_html(g, tmp_path / "z.html", companies=["zhipu"])
    part = {n[0]: (n[4], n[5]) for n in page_data(path.read_text("utf-8"))["nodes"]}
    assert set(part) == {"zhipu", "zhang-kuo", "qu-teng", "zhang-fan", "venture-zhang-fan", "six-tigers"}
    assert all(part[k] == full[k] for k in part)


def test_physics_off_and_big_graph_settings():
    small, big = html.vis_options(34), html.vis_options(10_000)
    assert small["physics"]["enabled"] is False and big["physics"]["enabled"] is False
    assert big["edges"]["smooth"] is False
    assert (
        big["nodes"]["scaling"]["label"]["drawThreshold"]
        > small["nodes"]["scaling"]["label"]["drawThreshold"]
    )
    assert big["groups"]["Company"]["shape"] == "square" and small["groups"]["Company"]["shape"] == "box"


def test_build_does_not_use_pyvis_add_node(monkeypatch, g):
    def boom(*a, **k):
        raise AssertionError("pyvis add_node/add_edge is quadratic")

    monkeypatch.setattr(Network, "add_node", boom)
    monkeypatch.setattr(Network, "add_edge", boom)
    html.render(g)


def test_synthetic_graph_is_seeded_and_sized():
    a, b = synthetic_graph(500, seed=7), synthetic_graph(500, seed=7)
    assert a.number_of_nodes() == 500
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))
    assert list(a.edges(keys=True)) != list(synthetic_graph(500, seed=8).edges(keys=True))
    kinds = {k for _, k in a.nodes(data="kind")}
    assert kinds == {"Person", "Company", "Startup", "Investor", "Group", "Event"}


def test_cli_html(tmp_path):
    out = tmp_path / "graph.html"
    result = CliRunner().invoke(main, ["html", str(DATA), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {out}\n"
    assert len(page_data(out.read_text("utf-8"))["nodes"]) == 34


def test_cli_html_filters(tmp_path):
    out = tmp_path / "ego.html"
    args = ["html", str(DATA), "-o", str(out), "--ego", "zhang-fan", "--depth", "1", "--size-by", "pagerank"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    data = page_data(out.read_text("utf-8"))
    assert {n[0] for n in data["nodes"]} == {"zhang-fan", "zhipu", "venture-zhang-fan"}
    assert data["sizeBy"] == "pagerank"
    result = CliRunner().invoke(
        main,
        [
            "html",
            str(DATA),
            "-o",
            str(out),
            "--since",
            "2025-01",
            "--until",
            "2025-06",
            "--types",
            "WORKED_AT",
        ],
    )
    assert result.exit_code == 0, result.output
    # certainly in H1 2025 and WORKED_AT: 8 departures from 4 companies
    assert len(page_data(out.read_text("utf-8"))["edges"]) == 8


def test_cli_html_unknown_company(tmp_path):
    result = CliRunner().invoke(
        main, ["html", str(DATA), "-o", str(tmp_path / "x.html"), "--company", "nope"]
    )
    assert result.exit_code == 2
    assert result.output == "graphkit: unknown company 'nope'\n"


def test_cli_timeline(tmp_path):
    out = tmp_path / "t.html"
    result = CliRunner().invoke(main, ["timeline", str(DATA), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert page_data(out.read_text("utf-8"))["view"] == "timeline"


@pytest.mark.parametrize("command", ["html", "timeline"])
def test_help_has_example(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and f"graphkit {command}" in result.output


def test_demo_uses_the_page(tmp_path):
    result = CliRunner().invoke(main, ["demo", str(DATA), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = page_data((tmp_path / "graph.html").read_text("utf-8"))
    # the title comes from the sources (data/sources.csv: the 智东西 report is listed first,
    # both are of 2025-06-16, and the 知乎 copy is the one more source)
    assert data["title"] == "大模型“六小虎”人事动荡,半年12位高管离职 (+1 more source)"
    assert len(data["nodes"]) == 34
    titled = CliRunner().invoke(
        main, ["demo", str(DATA), "-o", str(tmp_path / "t"), "--title", "<b>AI talent</b>"]
    )
    assert titled.exit_code == 0
    assert page_data((tmp_path / "t" / "graph.html").read_text("utf-8"))["title"] == "<b>AI talent</b>"
    md = (tmp_path / "t" / "report.md").read_text("utf-8")
    assert md.startswith("# &lt;b>AI talent&lt;/b>\n")
