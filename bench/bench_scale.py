"""Benchmark: loading at scale, bulk against transactional, incremental reloads, the big report.

    make bench-scale BENCH_SIZE=small|full     # small: 1,000,000 relationships; full: 10,000,000

On a seeded synthetic dataset (bench/gen_dataset.py: a third as many people as
relationships, a sixtieth as many organisations) and a private Neo4j server
(scripts/neo4j-local in a temporary state folder, so the bulk import never replaces
a server of yours), each step runs the ``graphkit`` command line as a user would,
timed from start to exit, with its peak memory (VmHWM of the graphkit process; the
import tool's JVM, which the server side runs, is not the client):

* ``transactional``: the baseline, ``graphkit load`` of a 10% slice of the same
  shape (one transaction: the whole dataset does not fit one on this server) into
  the empty server; ``transactional_rows_per_s``;
* ``bulk``: ``graphkit load --bulk`` of the whole dataset, end to end (validation,
  import files, the import tool, the server's restart, constraints and indexes);
  ``bulk_rows_per_s`` and ``bulk_ratio_vs_transactional``;
* ``noop``: ``graphkit load`` of the same files again ("0 changes" from the input
  fingerprint): ``noop_reload_s``; and ``--recheck`` (every row's hash compared):
  ``noop_recheck_s``;
* ``one_percent``: the evidence of every 100th relationship edited, then ``graphkit
  load``: ``one_percent_reload_s`` and the changes it wrote;
* ``report``: ``bench/bench_report.py``'s report child on the 1,000,000-node synthetic
  graph: ``report_s_1m``, ``report_peak_mb_1m`` (the process, graph included).

``client_peak_mb`` is the largest peak of the graphkit processes. The last line printed
is one JSON object. For a quick try of the machinery: ``BENCH_RELS=20000 BENCH_REPORT=0``
(another size; no report).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_dataset import generate

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "neo4j-local"
GRAPHKIT = Path(sys.executable).parent / "graphkit"
SIZE = os.environ.get("BENCH_SIZE", "small")
RELS = {"small": 1_000_000, "full": 10_000_000}
TARGETS = {
    "bulk_rows_per_s": (">=", 100_000),
    "bulk_ratio_vs_transactional": (">=", 10),
    "noop_reload_s": ("<=", 30),
    "one_percent_reload_s": ("<=", 60),
    "client_peak_mb": ("<=", 2_000),
    "report_s_1m": ("<=", 90),
    "report_peak_mb_1m": ("<=", 6_000),
}


#: The client's peak memory per million relationships, measured with BENCH_SIZE=small (the
#: whole graph is built in memory before loading); a size whose client and server cannot
#: fit together is not started.
CLIENT_MB_PER_MILLION = 1_900  # 1,853 MB at 8a71a4b (3,699 at 6ff36a6, 6,680 before the direct records)
SERVER_HEAP, SERVER_PAGECACHE = "4g", "2g"  # the private server's, unless GRAPHKIT_NEO4J_* say otherwise


def _mb(size: str) -> float:
    """Megabytes of a Neo4j memory setting such as ``4g`` or ``512m``."""
    units = {"k": 1 / 1024, "m": 1, "g": 1024, "t": 1024 * 1024}
    size = size.strip().lower()
    return float(size[:-1]) * units[size[-1]] if size[-1:] in units else float(size) / 2**20


def server_mb() -> float:
    heap = os.environ.get("GRAPHKIT_NEO4J_HEAP", SERVER_HEAP)
    return _mb(heap) + _mb(os.environ.get("GRAPHKIT_NEO4J_PAGECACHE", SERVER_PAGECACHE))


def available_mb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024
    return float("inf")


def log(msg: str) -> None:
    print(f"bench-scale: {msg}", file=sys.stderr, flush=True)


def run(cmd: list[str], env: dict[str, str], what: str) -> tuple[float, float, str]:
    """Run ``cmd``; return (seconds, peak MB of that process, stdout). Fails loudly."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak = [0.0]

    def watch() -> None:
        status = Path(f"/proc/{proc.pid}/status")
        while proc.poll() is None:
            try:
                m = re.search(r"VmHWM:\s+(\d+) kB", status.read_text())
                if m:
                    peak[0] = max(peak[0], int(m.group(1)) / 1024)
            except OSError:
                return
            time.sleep(0.1)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - t0
    watcher.join()
    if proc.returncode != 0:
        raise SystemExit(f"bench-scale: {what} failed (exit {proc.returncode}):\n{err[-3000:]}")
    log(
        f"{what}: {seconds:.1f} s, peak {peak[0]:.0f} MB: {out.strip().splitlines()[-1] if out.strip() else ''}"
    )
    return seconds, peak[0], out


def shape(rels: int) -> dict[str, int]:
    return {"people": rels // 3, "orgs": max(60, rels // 60), "rels": rels}


def start_server(home: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "GRAPHKIT_NEO4J_HOME": str(home),
        "GRAPHKIT_NEO4J_HTTP": "0",
        "GRAPHKIT_NEO4J_HEAP": os.environ.get("GRAPHKIT_NEO4J_HEAP", SERVER_HEAP),
        "GRAPHKIT_NEO4J_PAGECACHE": os.environ.get("GRAPHKIT_NEO4J_PAGECACHE", SERVER_PAGECACHE),
        "GRAPHKIT_NEO4J_IMPORT_HEAP": os.environ.get("GRAPHKIT_NEO4J_IMPORT_HEAP", "4g"),
    }
    env.pop("NEO4J_URI", None)
    out = subprocess.run(
        [str(SCRIPT), "start", "--fresh"], capture_output=True, text=True, env=env, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"bench-scale: scripts/neo4j-local start failed:\n{out.stderr[-3000:]}")
    for line in out.stdout.splitlines():
        if line.startswith("export NEO4J_"):
            k, v = line.removeprefix("export ").split("=", 1)
            env[k] = v.strip("'\"")
    env["GRAPHKIT_NEO4J_ADMIN"] = f"{SCRIPT} admin"
    return env


def edit_one_percent(path: Path) -> int:
    """Change the evidence (the last column of gen_dataset's relationships.csv) of every 100th
    relationship, in place; return how many."""
    tmp = path.with_suffix(".tmp")
    n = 0
    with path.open(encoding="utf-8") as src, tmp.open("w", encoding="utf-8") as dst:
        dst.write(src.readline())
        for i, line in enumerate(src):
            if i % 100 == 0:
                line = line.rstrip("\n")
                line = (line[:-1] + ' (edited)"' if line.endswith('"') else line + " (edited)") + "\n"
                n += 1
            dst.write(line)
    tmp.replace(path)
    return n


def report_child() -> dict:
    cmd = [sys.executable, str(ROOT / "bench" / "bench_report.py"), "--child", "1000000", "report", "1"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=3600)
    if out.returncode != 0:
        raise SystemExit(f"bench-scale: the 1M-node report failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    if SIZE not in RELS:
        raise SystemExit(f"bench-scale: BENCH_SIZE must be small or full, not {SIZE!r}")
    rels = int(os.environ.get("BENCH_RELS") or RELS[SIZE])
    client = CLIENT_MB_PER_MILLION * rels / 1_000_000
    need = client + server_mb()
    if need > available_mb():
        print(
            json.dumps(
                {
                    "bench_size": SIZE,
                    "relationships": rels,
                    "not_run": f"the client would need about {client:,.0f} MB (it holds the whole graph "
                    f"in memory; {CLIENT_MB_PER_MILLION:,} MB per million relationships at small) and the "
                    f"server {server_mb():,.0f} MB (heap and page cache), {need:,.0f} MB in all, and "
                    f"{available_mb():,.0f} MB are available",
                }
            )
        )
        raise SystemExit(1)
    work = Path(tempfile.mkdtemp(prefix="graphkit-bench-scale-"))
    env = None
    try:
        data, tx_data = work / "scale", work / "scale-tx"
        t = time.perf_counter()
        generate(data, **shape(rels), seed=0)
        generate(tx_data, **shape(rels // 10), seed=1)
        log(f"generated {rels:,} + {rels // 10:,} relationships in {time.perf_counter() - t:.1f} s")
        env = start_server(work / "neo4j")
        peaks = {}

        tx_s, peaks["transactional"], out = run(
            [str(GRAPHKIT), "load", str(tx_data), "--dataset", "scale-tx", "--max-changes", "0"],
            env,
            "transactional load of the 10% slice",
        )
        tx_rows = int(re.search(r"loaded ([\d,]+) rows", out).group(1).replace(",", ""))

        bulk_s, peaks["bulk"], out = run(
            [str(GRAPHKIT), "load", "--bulk", str(data), "--dataset", "scale"], env, "bulk"
        )
        m = re.search(r"imported ([\d,]+) nodes and ([\d,]+) relationships", out)
        bulk_rows = int(m.group(1).replace(",", "")) + int(m.group(2).replace(",", ""))
        at = re.search(r"new store at (\S+) in", out)
        if at:
            env["NEO4J_URI"] = at.group(1)

        noop_s, peaks["noop"], out = run(
            [str(GRAPHKIT), "load", str(data), "--dataset", "scale"], env, "no-op reload"
        )
        assert out.startswith("0 changes"), out
        recheck_s, peaks["recheck"], out = run(
            [str(GRAPHKIT), "load", str(data), "--dataset", "scale", "--recheck"],
            env,
            "no-op reload, --recheck",
        )
        assert out.startswith("0 changes"), out

        edited = edit_one_percent(data / "relationships.csv")
        pct_s, peaks["one_percent"], out = run(
            [str(GRAPHKIT), "load", str(data), "--dataset", "scale"],
            env,
            f"reload with {edited:,} edited facts",
        )
        changes = int(re.search(r"([\d,]+) changes?", out).group(1).replace(",", ""))

        if os.environ.get("BENCH_REPORT", "1") != "0":
            log("report on the 1,000,000-node synthetic graph (bench_report's child)")
            rep = report_child()
        else:
            rep = {"report_s": float("nan"), "peak_mb": float("nan"), "graph_mb": float("nan")}

        tx_rate = tx_rows / tx_s
        bulk_rate = bulk_rows / bulk_s
        result = {
            "bench_size": SIZE,
            "relationships": rels,
            "bulk_rows": bulk_rows,
            "bulk_s": round(bulk_s, 1),
            "bulk_rows_per_s": round(bulk_rate),
            "transactional_rows": tx_rows,
            "transactional_s": round(tx_s, 1),
            "transactional_rows_per_s": round(tx_rate),
            "bulk_ratio_vs_transactional": round(bulk_rate / tx_rate, 2),
            "noop_reload_s": round(noop_s, 2),
            "noop_recheck_s": round(recheck_s, 1),
            "one_percent_reload_s": round(pct_s, 1),
            "one_percent_edited": edited,
            "one_percent_changes": changes,
            "client_peak_mb": round(max(peaks.values())),
            "client_peak_mb_by_step": {k: round(v) for k, v in peaks.items()},
            "report_s_1m": round(rep["report_s"], 1),
            "report_peak_mb_1m": round(rep["peak_mb"]) if rep["peak_mb"] == rep["peak_mb"] else None,
            "report_graph_mb_1m": round(rep["graph_mb"]) if rep["graph_mb"] == rep["graph_mb"] else None,
        }
        met = {}
        for key, (op, target) in TARGETS.items():
            value = result[key]
            if value is None or value != value:
                continue
            met[key] = value >= target if op == ">=" else value <= target
        result["targets_met"] = met
        for key, ok in met.items():
            op, target = TARGETS[key]
            print(
                f"{key:>28} {result[key]:>12,} (target {op} {target:,}) {'met' if ok else 'NOT MET'}",
                flush=True,
            )
        result["report_s_1m"] = (
            None if result["report_s_1m"] != result["report_s_1m"] else result["report_s_1m"]
        )
        print(json.dumps(result), flush=True)
    finally:
        if env is not None:
            subprocess.run([str(SCRIPT), "stop"], capture_output=True, env=env, check=False)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
