"""Benchmark the HTML page against pyvis defaults on seeded synthetic graphs.

    make bench-html                  # BENCH_SIZE=small: 1k and 10k nodes
    make bench-html BENCH_SIZE=full  # adds 50k nodes and more repeats

For each size it measures, as medians over several repeats:

* build: seconds from the graph to the written HTML file. graphkit: layout
  (igraph), sizes, data, page. pyvis defaults: ``Network()``, ``from_nx``,
  ``generate_html`` (the file written as UTF-8).
* bytes per node of the HTML file.
* first draw: seconds from navigation start until vis-network fires
  ``afterDrawing`` the first time, in headless Chromium (Debian's, through
  Playwright). Our page records a ``performance.mark`` itself; for pyvis an
  init script wraps the page's global ``network`` to do the same.

The pyvis page cannot load offline as written: its Bootstrap always comes from
a CDN, and vis-network too unless ``cdn_resources="in_line"``. For its first
draw we therefore build the same graph with ``Network(cdn_resources="in_line")``
(vis-network inlined, all other options default) and abort every non-file
request at once through Playwright's router, so a missing CDN costs no time.
pyvis at 10k nodes with physics on does not draw within minutes, and its build
at 50k would take several minutes (quadratic), so those are not measured.

Progress goes to stderr on a terminal; the last line on stdout is one JSON object.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pyvis.network import Network
from synthetic import synthetic_graph

from graphkit.page import html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "integration"))
from conftest import chromium_path, launch_context  # noqa: E402

SIZE = os.environ.get("BENCH_SIZE", "small")
TTY = sys.stderr.isatty()
SIZES = {"1k": 1_000, "10k": 10_000} | ({"50k": 50_000} if SIZE == "full" else {})
REPEATS = {
    "small": {"1k": 5, "10k": 3},
    "full": {"1k": 7, "10k": 5, "50k": 3},
}[SIZE]
PYVIS_BUILD_REPEATS = {"1k": 3, "10k": 1 if SIZE == "small" else 2}
PYVIS_DRAW_REPEATS = {"1k": 1 if SIZE == "small" else 3}
DRAW_TIMEOUT_MS = 300_000

PYVIS_HOOK = """
(() => {
  let net;
  Object.defineProperty(window, "network", {
    configurable: true,
    get() { return net; },
    set(v) {
      net = v;
      if (v && v.once) v.once("afterDrawing", () => performance.mark("graphkit-first-draw"));
    },
  });
})();
"""


def log(msg: str) -> None:
    if TTY:
        print(f"[bench-html {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def median(xs: list[float]) -> float:
    return round(statistics.median(xs), 3)


def timed(fn: Callable[[], object], repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def build_ours(g, path: Path) -> None:
    html.write_html(g, path)


def build_pyvis(g, path: Path, cdn: str = "local") -> None:
    net = Network(cdn_resources=cdn)
    net.from_nx(g.copy())
    path.write_text(net.generate_html(), encoding="utf-8")


def first_draw(context, path: Path, hook: bool) -> tuple[float, int]:
    """Seconds from navigation to the first afterDrawing, and how many requests were blocked."""
    page = context.new_page()
    blocked = []

    def route(r):
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    if hook:
        page.add_init_script(PYVIS_HOOK)
    try:
        page.goto(path.as_uri(), wait_until="commit")
        # Poll from Python: page.wait_for_function evaluates a string, which our CSP forbids.
        # The mark holds the page's own timestamp, so the polling interval adds nothing.
        deadline = time.monotonic() + DRAW_TIMEOUT_MS / 1000
        while True:
            t = page.evaluate(
                "() => { const m = performance.getEntriesByName('graphkit-first-draw'); return m.length ? m[0].startTime : null; }"
            )
            if t is not None:
                break
            if time.monotonic() > deadline:
                raise TimeoutError(f"no first draw of {path.name} within {DRAW_TIMEOUT_MS / 1000} s")
            time.sleep(0.05)
    finally:
        page.close()
    return t / 1000.0, len(blocked)


def main() -> None:
    exe = chromium_path()
    if exe is None:
        sys.exit("bench-html: chromium is not installed (make system-deps)")
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="graphkit-bench-"))
    result: dict[str, object] = {"bench": "html", "size": SIZE, "repeats": REPEATS}
    try:
        graphs = {}
        for label, n in SIZES.items():
            log(f"generating synthetic graph of {n} nodes (seed 1)")
            graphs[label] = synthetic_graph(n, seed=1)
            result[f"edges_{label}"] = graphs[label].number_of_edges()

        for label, g in graphs.items():
            path = tmp / f"ours-{label}.html"
            log(f"graphkit build {label} x{REPEATS[label]}")
            build = timed(lambda g=g, path=path: build_ours(g, path), REPEATS[label])
            result[f"build_s_{label}"] = median(build)
            result[f"bytes_per_node_{label}"] = round(path.stat().st_size / g.number_of_nodes())
            log(f"  median {median(build)} s, {result[f'bytes_per_node_{label}']} bytes/node")

        for label, repeats in PYVIS_BUILD_REPEATS.items():
            g = graphs[label]
            path = tmp / f"pyvis-{label}.html"
            log(f"pyvis defaults build {label} x{repeats} (quadratic: slow)")
            build = timed(lambda g=g, path=path: build_pyvis(g, path), repeats)
            result[f"pyvis_build_s_{label}"] = median(build)
            result[f"pyvis_bytes_per_node_{label}"] = round(path.stat().st_size / g.number_of_nodes())
            result[f"build_ratio_vs_pyvis_{label}"] = round(
                result[f"pyvis_build_s_{label}"] / result[f"build_s_{label}"], 1
            )
            log(f"  median {median(build)} s; ratio {result[f'build_ratio_vs_pyvis_{label}']}x")
        result["pyvis_build_s_50k"] = None  # not measured: quadratic, several minutes

        profile = tempfile.mkdtemp(prefix="graphkit-chromium-", dir=tmp)
        with sync_playwright() as p:
            context = launch_context(p, profile, exe)
            try:
                first_draw(context, tmp / "ours-1k.html", hook=False)  # warm-up
                for label in graphs:
                    log(f"graphkit first draw {label} x{REPEATS[label]}")
                    runs = [
                        first_draw(context, tmp / f"ours-{label}.html", hook=False)
                        for _ in range(REPEATS[label])
                    ]
                    result[f"first_draw_s_{label}"] = median([t for t, _ in runs])
                    result[f"requests_blocked_{label}"] = max(b for _, b in runs)
                    log(f"  median {result[f'first_draw_s_{label}']} s")
                for label, repeats in PYVIS_DRAW_REPEATS.items():
                    path = tmp / f"pyvis-inline-{label}.html"
                    build_pyvis(graphs[label], path, cdn="in_line")
                    log(f"pyvis defaults first draw {label} x{repeats} (physics on: slow)")
                    runs = [first_draw(context, path, hook=True) for _ in range(repeats)]
                    result[f"pyvis_first_draw_s_{label}"] = median([t for t, _ in runs])
                    result[f"pyvis_requests_blocked_{label}"] = max(b for _, b in runs)
                    log(f"  median {result[f'pyvis_first_draw_s_{label}']} s")
                result["pyvis_first_draw_s_10k"] = None  # not measured: physics on, many minutes
            finally:
                context.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    targets = {
        "first_draw_s_1k": ("<=", 1.5),
        "first_draw_s_10k": ("<=", 5.0),
        "build_ratio_vs_pyvis_10k": (">=", 10.0),
        "first_draw_s_50k": ("<=", 20.0),
    }
    met = {}
    for key, (op, limit) in targets.items():
        if key in result:
            v = float(result[key])  # type: ignore[arg-type]
            met[key] = v <= limit if op == "<=" else v >= limit
    result["targets_met"] = met
    for key in sorted(result):
        if key not in ("targets_met", "repeats"):
            print(f"{key:32} {result[key]}")
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
