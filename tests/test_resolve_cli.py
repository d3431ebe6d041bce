"""`graphkit resolve` and identity decisions, end to end on tests/fixtures/resolve.

The fixture has 16 people. One person written three ways (张帆, 張帆, "Fan Zhang"), and
周明浩 / "Ming-Hao ZHOU", 吴晓云 / "Cloud Wu" (alias 吴晓云), and two rows for one Sam Lee
are true duplicates: 5 ids too many, so 11 people once decided. The traps (张阔, the
homophones 陈静 / 陈晶, two different David Chens, Li Wei / Li Wen) are decided
`different` or not at all, and change nothing.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from click.testing import CliRunner
from helpers import FIXTURES

import graphkit
from graphkit.cli import main
from graphkit.ingest.resolve import COLUMNS

RESOLVE = FIXTURES / "resolve"
SAME = [
    ("zhang-fan", "zhang-fan-hk"),
    ("zhang-fan", "fan-zhang"),
    ("zhou-minghao", "minghao-zhou"),
    ("wu-xiaoyun", "cloud-wu"),
    ("sam-lee", "sam-lee-2"),
    ("baichuan", "baichuan-2"),
]
DIFFERENT = [("zhang-fan", "zhang-kuo"), ("chen-jing", "chen-jing-2"), ("david-chen", "david-chen-2")]


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def decisions(path: Path, same=SAME, different=DIFFERENT) -> Path:
    lines = ["id_a,id_b,name_a,name_b,score,reasons,decision"]
    lines += [f"{a},{b},,,,,same" for a, b in same]
    lines += [f"{a},{b},,,,,different" for a, b in different]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_resolve_writes_the_candidates_best_first_with_an_empty_decision(tmp_path):
    out = tmp_path / "candidates.csv"
    r = run("resolve", str(RESOLVE), "-o", str(out))
    assert r.exit_code == 0
    found = rows(out)
    assert r.stdout.startswith(f"wrote {len(found)} candidate pairs to {out} (best first)")
    assert list(found[0]) == list(COLUMNS)
    assert all(row["decision"] == "" for row in found)
    scores = [float(row["score"]) for row in found]
    assert scores == sorted(scores, reverse=True)
    pairs = [frozenset((row["id_a"], row["id_b"])) for row in found]
    # every true duplicate ranks above every trap that is proposed at all
    true = {frozenset(p) for p in SAME} | {
        frozenset(("zhang-fan-hk", "fan-zhang")),
        frozenset(("zhipu", "zhipu-2")),
    }
    worst_true = max(pairs.index(p) for p in true)
    assert all(pairs.index(p) > worst_true for p in pairs if p not in true)
    assert frozenset(("zhang-fan", "zhang-kuo")) not in pairs  # a shared surname is not a candidate


def test_decided_pairs_are_not_proposed_again(tmp_path):
    d = decisions(tmp_path / "reviewed.csv", same=SAME[:1], different=DIFFERENT[:0])
    out = tmp_path / "more.csv"
    assert run("resolve", str(RESOLVE), "--decisions", str(d), "-o", str(out)).exit_code == 0
    pairs = {frozenset((row["id_a"], row["id_b"])) for row in rows(out)}
    assert frozenset(SAME[0]) not in pairs
    # zhang-fan-hk is merged into zhang-fan: only the kept id is proposed
    assert not any("zhang-fan-hk" in p for p in pairs)
    assert frozenset(("zhang-fan", "fan-zhang")) in pairs


def test_decisions_in_a_data_folder_merge_people_and_keep_their_names(tmp_path):
    folder = tmp_path / "resolve"
    shutil.copytree(RESOLVE, folder)
    before = graphkit.build_graph(folder)
    assert graphkit.graph_counts(before)["Person"] == 16
    decisions(folder / "decisions.csv")
    g = graphkit.build_graph(folder)
    counts = graphkit.graph_counts(g)
    assert counts["Person"] == 11  # 16 less the 5 ids decided the same as another
    assert counts["Company"] == graphkit.graph_counts(before)["Company"] - 1  # 百川 into 百川智能
    zf = g.nodes["zhang-fan"]
    assert zf["name"] == "张帆"
    assert sorted(zf["merged_ids"]) == ["fan-zhang", "zhang-fan-hk"]
    assert {"張帆", "Fan Zhang"} <= set(zf["aliases"])
    assert "zhang-fan-hk" not in g and "fan-zhang" not in g
    # the traps stay apart
    assert {"zhang-kuo", "chen-jing", "chen-jing-2", "david-chen", "david-chen-2"} <= set(g)
    # the CLI reads the same file from the folder
    r = run("stats", str(folder))
    assert "Person\t11" in r.stdout


def test_the_same_decisions_passed_with_decisions_give_the_same_graph(tmp_path):
    folder = tmp_path / "resolve"
    shutil.copytree(RESOLVE, folder)
    d = decisions(tmp_path / "reviewed.csv")
    a = graphkit.build_graph(folder, decisions=d)
    decisions(folder / "decisions.csv")
    b = graphkit.build_graph(folder)
    assert sorted(a.nodes) == sorted(b.nodes)
    assert sorted(a.edges(keys=True)) == sorted(b.edges(keys=True))


def test_a_bad_decision_is_one_clear_line(tmp_path):
    d = tmp_path / "reviewed.csv"
    d.write_text(
        "id_a,id_b,decision\nzhipu,zhipu-2,maybe\nzhang-fan,nobody,same\nzhang-fan,zhipu,same\n", "utf-8"
    )
    r = run("validate", str(RESOLVE), "--decisions", str(d))
    assert r.exit_code == 1
    assert f"{d}:2: unknown decision 'maybe' (expected same, different or empty)" in r.output
    assert f"{d}:3: unknown id 'nobody' in column 'id_b'" in r.output
    assert f"{d}:4: cannot decide between 'zhang-fan' (person) and 'zhipu' (organisation)" in r.output
    assert "Traceback" not in r.output


def test_a_company_and_a_startup_decided_the_same_keep_the_first_kind(tmp_path):
    """zhipu (Company, 智谱AI) and zhipu-2 (Startup, 智谱): the kept id's kind, and the
    other kind listed where the sources disagree."""
    d = tmp_path / "reviewed.csv"
    d.write_text("id_a,id_b,decision\nzhipu,zhipu-2,same\n", "utf-8")
    g = graphkit.build_graph(RESOLVE, decisions=d)
    assert g.nodes["zhipu"]["kind"] == "Company" and "zhipu-2" not in g
    assert [x["field"] for x in g.graph["disagreements"]] == ["kind"]
