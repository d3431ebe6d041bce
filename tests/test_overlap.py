"""Two overlapping reports, end to end: resolve, decide, count, and list the disagreements.

tests/fixtures/overlap holds two folders that write the same people and companies
their own way (a pair like the ones users bring every week):

* ``wire-2025-06`` (Wire, 2025-06-16): 张帆 (zhang-fan) left 智谱 (zhipu, alias 智谱AI)
  in 2025-06 as 首席运营官 / COO; 张阔 left 智谱 in 2025-01; 李明 (li-ming) left MiniMax in
  the first half of 2025.
* ``post-2025-09`` (Post, 2025-09-01): "Fan Zhang" (fan-zhang) left "Zhipu AI" (zhipu-ai)
  in 2025-05 as COO; 张阔 is still at Zhipu AI (no end); 李明 (li-ming-2) left MiniMax in
  the first half of 2025; and two traps: 张凡 "Zhang Fan" (a homophone, at Beta 2020-2022)
  and another 李明 (li-ming-3, at Beta 2010-2012).

Worked by hand:

* True duplicates: li-ming-2 / li-ming, fan-zhang / zhang-fan, zhipu-ai / zhipu. Traps:
  the two pairs with li-ming-3, fan-zhang / zhang-fan-2.
* Folders are read in name order (post before wire), so the post's ids come first and
  a ``same`` keeps them.
* After the decisions: people fan-zhang, zhang-kuo, li-ming-2, zhang-fan-2, li-ming-3 (5);
  organisations zhipu-ai, minimax, beta (3); WORKED_AT facts: fan-zhang -> zhipu-ai and
  zhang-kuo -> zhipu-ai (each told by both), li-ming-2 -> minimax (both), and the two
  Beta stints (5).
* Disagreements: fan-zhang's end (2025-05 in the post, 2025-06 in the wire: a date) and
  张阔 (left in 2025-01 says the wire; the post, published 2025-09-01, after that end,
  has him still there: left-or-stayed). The graph uses the later post's values.
  COO and 首席运营官 / COO agree (role_en).
* Departures in the graph: fan-zhang (2025-05), li-ming-2 (2025H1), zhang-fan-2 (2022),
  li-ming-3 (2012): 4. If the wire is right about 张阔, one more, in 2025H1: departures
  in 2025H1 are 2-3 and in all 4-5. Both of fan-zhang's ends fall in 2025H1: no range.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from helpers import FIXTURES

import graphkit
from graphkit.cli import main
from graphkit.ingest.resolve import candidates

OVERLAP = FIXTURES / "overlap"
TRUE = [("li-ming-2", "li-ming"), ("fan-zhang", "zhang-fan"), ("zhipu-ai", "zhipu")]
TRAPS = [("li-ming-2", "li-ming-3"), ("li-ming-3", "li-ming"), ("fan-zhang", "zhang-fan-2")]


def decisions(path: Path) -> Path:
    lines = ["id_a,id_b,name_a,name_b,score,reasons,decision"]
    lines += [f"{a},{b},,,,,same" for a, b in TRUE]
    lines += [f"{a},{b},,,,,different" for a, b in TRAPS]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_every_true_duplicate_ranks_above_every_trap():
    ds = graphkit.validate(OVERLAP)
    found = [(c.id_a, c.id_b) for c in candidates(ds.nodes, ds.relationships)]
    assert set(found[:3]) == set(TRUE)  # the three true duplicates first, the organisation too
    assert set(found[3:]) <= set(TRAPS)
    # 张帆 / Fan Zhang: the reports name the employer two ways, read as one employer
    fz = next(c for c in candidates(ds.nodes, ds.relationships) if (c.id_a, c.id_b) == TRUE[1])
    assert "both worked at zhipu-ai, overlapping dates" in fz.reasons


def test_the_decisions_give_the_hand_worked_counts(tmp_path):
    g = graphkit.build_graph(OVERLAP, decisions=decisions(tmp_path / "d.csv"))
    counts = graphkit.graph_counts(g)
    assert (counts["Person"], counts["Company"], counts["WORKED_AT"]) == (5, 3, 5)
    assert sorted(n for n, k in g.nodes(data="kind") if k == "Person") == [
        "fan-zhang",
        "li-ming-2",
        "li-ming-3",
        "zhang-fan-2",
        "zhang-kuo",
    ]
    assert g.nodes["fan-zhang"]["merged_ids"] == ["zhang-fan"]
    assert "张帆" in g.nodes["fan-zhang"]["aliases"]
    assert g.nodes["zhipu-ai"]["merged_ids"] == ["zhipu"]
    deps = sorted((m.person, m.when) for m in graphkit.careers.moves(g) if m.origin)
    assert deps == [
        ("fan-zhang", "2025-05"),
        ("li-ming-2", "2025-40"),
        ("li-ming-3", "2012"),
        ("zhang-fan-2", "2022"),
    ]


def test_without_decisions_nothing_is_merged():
    g = graphkit.build_graph(OVERLAP)
    counts = graphkit.graph_counts(g)
    # people: 3 in the wire, 5 in the post, 张阔 in both; companies 2 + 3, MiniMax in both;
    # all 8 WORKED_AT rows stay apart (张阔's two rows are at zhipu and zhipu-ai)
    assert (counts["Person"], counts["Company"], counts["WORKED_AT"]) == (7, 4, 8)


def test_the_report_lists_the_disagreements_and_the_ranges(tmp_path):
    d = decisions(tmp_path / "d.csv")
    r = CliRunner().invoke(
        main, ["report", str(OVERLAP), "--decisions", str(d), "--format", "json"], catch_exceptions=False
    )
    assert r.exit_code == 0, r.output
    section = json.loads(r.stdout)["disagreements"]
    said = {
        (i["subject"], i["kind"], i["field"], i["used"]): [(v["value"], v["at"]) for v in i["values"]]
        for i in section["items"]
    }
    assert said == {
        ("WORKED_AT fan-zhang -> zhipu-ai", "date", "end", "2025-05"): [
            ("2025-05", "post-2025-09/relationships.csv:2"),
            ("2025-06", "wire-2025-06/relationships.csv:2"),
        ],
        ("WORKED_AT zhang-kuo -> zhipu-ai", "left-or-stayed", "end", ""): [
            ("", "post-2025-09/relationships.csv:3"),
            ("2025-01", "wire-2025-06/relationships.csv:3"),
        ],
    }
    assert section["counts"] == [
        {"count": "departures", "period": "2025H1", "value": 2, "low": 2, "high": 3},
        {"count": "departures", "period": "all", "value": 4, "low": 4, "high": 5},
    ]
    # the three facts both reports tell, each with both quotes, the post's first (folder
    # order), sorted by the fact's names: "Fan Zhang" (Latin first), 张 (U+5F20), 李 (U+674E)
    corroborated = json.loads(r.stdout)["corroborated"]
    assert [(c["from"], c["to"], [q["folder"] for q in c["quotes"]]) for c in corroborated] == [
        ("fan-zhang", "zhipu-ai", ["post-2025-09", "wire-2025-06"]),
        ("zhang-kuo", "zhipu-ai", ["post-2025-09", "wire-2025-06"]),
        ("li-ming-2", "minimax", ["post-2025-09", "wire-2025-06"]),
    ]
    assert corroborated[0]["quotes"][1] == {
        "sources": ["wire-1"],
        "quote": "张帆于本月离职。",
        "folder": "wire-2025-06",
    }
    table = CliRunner().invoke(main, ["report", str(OVERLAP), "--decisions", str(d)]).stdout
    assert "# Where the sources disagree" in table
    assert "departures\t2025H1\t2\t2–3" in table
