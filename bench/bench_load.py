"""Benchmark: graphkit's loader against a naive loader and LOAD CSV, one server.

    make bench-load BENCH_SIZE=small|full

On the same synthetic dataset (bench/gen_dataset.py) and the same Neo4j server
(NEO4J_URI, or a local one started by scripts/with-neo4j), it times:

* graphkit: `graphkit.neo4j.load_graph`: one transaction, UNWIND batches, MERGE;
* graphkit without moves: the same with ``write_moves=False``, i.e. without the
  derived moves' ``departure*``/``arrival*`` properties on the relationships. The two
  alternate (with, without, without, with, ...) after one unmeasured warm-up load
  (so that every query is planned before anything is timed); ``moves_overhead`` is
  median(with) / median(without) - 1, the cost of writing the moves (target: at
  most 25%);
* naive: one MERGE statement per transaction per row (the usual first attempt),
  timed on a sample of rows and extrapolated to a rate;
* LOAD CSV: hand-written `LOAD CSV ... CALL { ... } IN TRANSACTIONS` statements
  over CSV files with the same rows and properties, per label and relationship type.

Each loader writes into an empty database state (everything tagged `bench-*`
is deleted between runs). Medians over BENCH_REPEATS runs (small: 3, full: 1).
``rows`` (and the rates compared with naive and LOAD CSV, which write no moves)
count graphkit's full load, moves included. The last line printed is one JSON object.
"""

from __future__ import annotations

import csv
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_dataset import SIZES, generate

import graphkit
from graphkit import neo4j as gn

SIZE = os.environ.get("BENCH_SIZE", "small")
REPEATS = int(os.environ.get("BENCH_REPEATS", "3" if SIZE == "small" else "1"))
NAIVE_SAMPLE = int(os.environ.get("BENCH_NAIVE_SAMPLE", "1000"))


def log(msg: str) -> None:
    print(msg, file=sys.stderr if not sys.stdout.isatty() else sys.stdout, flush=True)


def wipe(driver) -> None:
    with driver.session() as s:
        s.run(
            "MATCH (n) WHERE n.graphkit_dataset STARTS WITH 'bench-' "
            "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS"
        ).consume()


def run_graphkit(driver, g, write_moves: bool = True) -> float:
    wipe(driver)
    t0 = time.perf_counter()
    gn.load_graph(driver, g, "bench-graphkit", batch_size=5000, write_moves=write_moves)
    return time.perf_counter() - t0


def count_moves(driver) -> int:
    """The moves written: relationships that carry a departure or an arrival."""
    with driver.session() as s:
        return s.run(
            "MATCH ()-[r]->() WHERE r.graphkit_dataset = 'bench-graphkit' "
            "RETURN count(r.departure) + count(r.arrival) AS n"
        ).single()["n"]


def run_naive(driver, plan: gn.Plan) -> tuple[float, int]:
    """One statement per row, one transaction per statement, on a sample."""
    wipe(driver)
    node_rows = [(label, r) for label, rows in plan.nodes.items() for r in rows]
    rel_rows = [(k, r) for k, rows in plan.rels.items() for r in rows]
    half = NAIVE_SAMPLE // 2
    sample_nodes = node_rows[:half]
    sample_rels = rel_rows[:half]
    t0 = time.perf_counter()
    with driver.session() as s:
        for label, r in sample_nodes:
            s.execute_write(
                lambda tx, label=label, r=r: tx.run(
                    f"MERGE (n:{label} {{id: $id}}) SET n = $props", id=r["id"], props=r["props"]
                ).consume()
            )
        for (rtype, a, b), r in sample_rels:
            q = (
                f"MERGE (a:{a} {{id: $from}}) MERGE (b:{b} {{id: $to}}) "
                f"MERGE (a)-[r:{rtype} {{graphkit_key: $key}}]->(b) SET r = $props "
                "SET a.graphkit_dataset = 'bench-naive', b.graphkit_dataset = 'bench-naive'"
            )
            s.execute_write(
                lambda tx, q=q, r=r: tx.run(
                    q, {"from": r["from"], "to": r["to"], "key": r["key"], "props": r["props"]}
                ).consume()
            )
    with driver.session() as s:
        s.run(
            "MATCH (n) WHERE n.graphkit_dataset = 'bench-graphkit' OR n.id IS NOT NULL AND n.graphkit_dataset IS NULL "
            "SET n.graphkit_dataset = 'bench-naive'"
        ).consume()
    return time.perf_counter() - t0, len(sample_nodes) + len(sample_rels)


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return ";".join(map(str, v))
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def write_csvs(plan: gn.Plan, directory: Path) -> list[tuple[str, Path, list[str]]]:
    """One CSV per label and per (type, from, to); returns (kind, path, columns)."""
    out = []
    for label, rows in plan.nodes.items():
        cols = sorted({k for r in rows for k in r["props"]})
        path = directory / f"nodes_{label}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(cols)
            w.writerows([_cell(r["props"].get(c)) for c in cols] for r in rows)
        out.append((f"node:{label}", path, cols))
    for (rtype, a, b), rows in plan.rels.items():
        cols = sorted({k for r in rows for k in r["props"]})
        path = directory / f"rels_{rtype}_{a}_{b}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["from", "to", *cols])
            w.writerows([r["from"], r["to"], *(_cell(r["props"].get(c)) for c in cols)] for r in rows)
        out.append((f"rel:{rtype}:{a}:{b}", path, cols))
    return out


LISTS = {"sources", "aliases", "role_category"}


def _set_clause(var: str, cols: list[str]) -> str:
    parts = []
    for c in cols:
        v = f"row.`{c}`"
        if c.endswith(("_earliest", "_latest")):
            expr = f"CASE {v} WHEN '' THEN null ELSE date({v}) END"
        elif c in LISTS:
            expr = f"CASE {v} WHEN '' THEN null ELSE split({v}, ';') END"
        elif c == "unnamed":
            expr = f"{v} = 'true'"
        else:
            expr = f"CASE {v} WHEN '' THEN null ELSE {v} END"
        parts.append(f"{var}.`{c}` = {expr}")
    return ", ".join(parts)


def run_load_csv(driver, files) -> float:
    wipe(driver)
    t0 = time.perf_counter()
    with driver.session() as s:
        for kind, path, cols in files:
            url = path.resolve().as_uri()
            if kind.startswith("node:"):
                label = kind.split(":")[1]
                q = (
                    f"LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {{ "
                    f"MERGE (n:{label} {{id: row.id}}) SET {_set_clause('n', cols)} "
                    f"}} IN TRANSACTIONS OF 5000 ROWS"
                )
            else:
                _, rtype, a, b = kind.split(":")
                q = (
                    f"LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {{ "
                    f"MATCH (a:{a} {{id: row.from}}) MATCH (b:{b} {{id: row.to}}) "
                    f"MERGE (a)-[r:{rtype} {{graphkit_key: row.graphkit_key}}]->(b) SET {_set_clause('r', cols)} "
                    f"}} IN TRANSACTIONS OF 5000 ROWS"
                )
            s.run(q, url=url).consume()
    return time.perf_counter() - t0


def main() -> None:
    size = SIZES[SIZE]
    settings = gn.Settings.from_env()
    driver = gn.connect(settings)
    gn.apply_schema(driver)
    with tempfile.TemporaryDirectory(prefix="graphkit-bench-") as tmp:
        data = Path(tmp) / "data"
        log(f"bench-load: generating {SIZE} dataset {size}")
        generate(data, **size)
        t0 = time.perf_counter()
        g = graphkit.build_graph(data)
        prep_s = time.perf_counter() - t0
        plan = gn.plan(g, "bench-graphkit")
        rows = plan.rows
        bare_rows = gn.plan(g, "bench-graphkit", write_moves=False).rows
        log(
            f"bench-load: {rows} rows, {bare_rows} without moves (validate + graph: {prep_s:.1f} s); "
            f"server {settings.uri}"
        )

        warm = run_graphkit(driver, g)
        log(f"  graphkit  warm-up (not counted): {warm:.2f} s")
        gk, bare, move_nodes = [], [], 0
        for i in range(REPEATS):
            for write_moves in (True, False) if i % 2 == 0 else (False, True):
                secs = run_graphkit(driver, g, write_moves=write_moves)
                if write_moves:
                    gk.append(secs)
                    move_nodes = count_moves(driver)
                    log(
                        f"  graphkit  run {i + 1}: {secs:.2f} s  ({rows / secs:,.0f} rows/s; {move_nodes} moves)"
                    )
                else:
                    bare.append(secs)
                    log(f"  no moves  run {i + 1}: {secs:.2f} s  ({bare_rows / secs:,.0f} rows/s)")
        naive = []
        for i in range(REPEATS):
            secs, n = run_naive(driver, plan)
            naive.append(n / secs)
            log(f"  naive     run {i + 1}: {n} rows in {secs:.2f} s  ({naive[-1]:,.0f} rows/s, extrapolated)")
        files = write_csvs(plan, Path(tmp))
        lcsv = []
        for i in range(REPEATS):
            lcsv.append(run_load_csv(driver, files))
            log(f"  LOAD CSV  run {i + 1}: {lcsv[-1]:.2f} s  ({rows / lcsv[-1]:,.0f} rows/s)")
        wipe(driver)
    driver.close()
    gk_rate = rows / statistics.median(gk)
    overhead = statistics.median(gk) / statistics.median(bare) - 1
    naive_rate = statistics.median(naive)
    csv_rate = rows / statistics.median(lcsv)
    result = {
        "size": SIZE,
        "rows": rows,
        "repeats": REPEATS,
        "prep_s": round(prep_s, 2),
        "graphkit_s": round(statistics.median(gk), 2),
        "graphkit_rows_per_s": round(gk_rate),
        "graphkit_runs_s": [round(x, 2) for x in gk],
        "graphkit_no_moves_s": round(statistics.median(bare), 2),
        "graphkit_no_moves_runs_s": [round(x, 2) for x in bare],
        "rows_no_moves": bare_rows,
        "move_nodes": move_nodes,
        "moves_overhead": round(overhead, 3),
        "naive_rows_per_s": round(naive_rate),
        "load_csv_s": round(statistics.median(lcsv), 2),
        "load_csv_rows_per_s": round(csv_rate),
        "ratio_vs_naive": round(gk_rate / naive_rate, 1),
        "ratio_vs_load_csv": round(gk_rate / csv_rate, 2),
    }
    log(
        f"writing the moves ({move_nodes:,} moves on the relationships): graphkit "
        f"{result['graphkit_s']} s with, {result['graphkit_no_moves_s']} s without = "
        f"{overhead:+.1%} (medians of {REPEATS}; target at most +25%)"
    )
    log(
        f"graphkit {gk_rate:,.0f} rows/s = {result['ratio_vs_naive']}x naive per-row loading, "
        f"{result['ratio_vs_load_csv']}x LOAD CSV (medians of {REPEATS})"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
