"""The README's examples, run as a user would run them.

Every ```console block is run in bash, in a fresh folder holding a copy of data/ (every source folder)
(and the repository's scripts/ and examples/), one block per shell so that
`eval` and `export` carry over. What the block shows after each `$ command` is
compared with what the command prints on stdout, line by line, with whitespace
collapsed (tables are tab-separated when piped) and volatile figures (durations,
rates, server URIs) replaced. A line `...` stands for any number of lines. The
```python block is run as it is.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import DATA_ALL, ROOT

README = (ROOT / "README.md").read_text("utf-8")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)
NEEDS_NEO4J = re.compile(r"neo4j-local|graphkit (load|query)\b")


def blocks(lang: str) -> list[str]:
    return [body for kind, body in FENCE.findall(README) if kind == lang]


def commands(block: str) -> list[tuple[str, list[str]]]:
    """[(command, the output lines the README shows for it)]."""
    out: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            out.append((line[2:], []))
        elif out:
            out[-1][1].append(line)
    return out


VOLATILE = [
    (re.compile(r"\b\d+(\.\d+)? s\b"), "N s"),
    (re.compile(r"[\d,]+ rows/s"), "N rows/s"),
    (re.compile(r"\b(bolt|neo4j)(\+s)?://\S+"), "URI"),
]


def normalise(line: str) -> str:
    for pattern, repl in VOLATILE:
        line = pattern.sub(repl, line)
    return " ".join(line.split())


def matches(shown: list[str], real: list[str]) -> bool:
    """``shown`` (with ``...`` lines as wildcards) matches ``real``."""
    if not shown:
        return True  # the README shows no output: the command only has to succeed
    pattern = "".join(".*" if s.strip() == "..." else re.escape(normalise(s) + "\n") for s in shown)
    return re.fullmatch(pattern, "".join(normalise(r) + "\n" for r in real), re.S) is not None


def workdir(tmp_path: Path) -> Path:
    d = tmp_path / "work"
    d.mkdir()
    shutil.copytree(DATA_ALL, d / "data")
    for name in ("scripts", "examples"):
        (d / name).symlink_to(ROOT / name)
    return d


def env() -> dict[str, str]:
    e = dict(os.environ)
    e["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{e.get('PATH', '')}"
    e.pop("COLUMNS", None)
    return e


def run_block(block: str, cwd: Path) -> list[tuple[str, list[str], list[str], int, str]]:
    """Run the block's commands in one bash; return (command, shown, real stdout lines, rc, stderr)."""
    cmds = commands(block)
    script = []
    for i, (cmd, _) in enumerate(cmds):
        script += [f"echo '@@start {i}'", f"{cmd} 2>>stderr-{i}.txt", f'echo "@@rc {i} $?"']
    out = subprocess.run(
        ["bash", "-c", "\n".join(script)], cwd=cwd, env=env(), capture_output=True, text=True, timeout=600
    ).stdout
    results = []
    for i, (cmd, shown) in enumerate(cmds):
        body = out.split(f"@@start {i}\n", 1)[1]
        text, rest = body.split(f"@@rc {i} ", 1)
        rc = int(rest.split("\n", 1)[0])
        stderr = (cwd / f"stderr-{i}.txt").read_text("utf-8") if (cwd / f"stderr-{i}.txt").exists() else ""
        results.append((cmd, shown, text.splitlines(), rc, stderr))
    return results


def check(results) -> None:
    for cmd, shown, real, rc, stderr in results:
        assert rc == 0, f"`{cmd}` exited {rc}: {stderr}"
        assert matches(shown, real), (
            f"`{cmd}` printed:\n" + "\n".join(real) + "\nthe README shows:\n" + "\n".join(shown)
        )


OFFLINE = [b for b in blocks("console") if not NEEDS_NEO4J.search(b)]
ONLINE = [b for b in blocks("console") if NEEDS_NEO4J.search(b)]


def test_the_readme_has_examples():
    assert len(OFFLINE) >= 3 and len(ONLINE) >= 2 and len(blocks("python")) == 1


@pytest.mark.parametrize("block", OFFLINE, ids=[f"console-{i}" for i in range(len(OFFLINE))])
def test_console_example(block, tmp_path):
    check(run_block(block, workdir(tmp_path)))


def test_the_matcher_can_fail():
    assert matches(["a  b", "..."], ["a\tb", "c", "d"])
    assert not matches(["a b"], ["a c"])
    assert not matches(["a", "b"], ["a"])
    assert matches(
        ["loaded 9 rows in 0.41 s (1,300 rows/s) into bolt://x:1"],
        ["loaded 9 rows in 2.5 s (3 rows/s) into bolt://y:2"],
    )
    assert not matches(["loaded 9 rows"], ["loaded 8 rows"])


def test_python_example(tmp_path):
    [code] = blocks("python")
    cwd = workdir(tmp_path)
    r = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=env(), capture_output=True, text=True, timeout=300
    )
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    # data/: the seed's 17 people + 王小川 and 茹立云 from 深网; 22 WORKED_AT + 4 that only 深网 reports
    assert lines[0].startswith("{'Person': 19,") and "'WORKED_AT': 26" in lines[0]
    # the first three moves in person order: 01.AI's unnamed third leaver, 陈炜鹏, 戴宗宏
    assert lines[1:4] == [
        "01ai-exec-3 01ai -> None unknown 2025-40",
        "chen-weipeng baichuan -> None unknown 2024-12/2025-06",
        "dai-zonghong 01ai -> venture-dai-zonghong founded 2025-40",
    ]
    # examples/broken has three mistakes, one per line of its files
    assert lines[-3:] == [
        "examples/broken/people.csv:3: duplicate id 'zhang-fan' (first defined at examples/broken/people.csv:2)",
        "examples/broken/relationships.csv:2: unknown node 'zhang-fann' in column 'from'",
        "examples/broken/relationships.csv:3: invalid date '2025-13' (expected EDTF, e.g. 2025-06, "
        "2025-40 (first half), 2024-36 (Q4), 2024-12/2025-06) in column 'end'",
    ]
    assert (cwd / "out" / "graph.graphml").exists() and (cwd / "out" / "graph.html").exists()


# ------------------------------------------------------------------ with Neo4j
def _local_server_uri() -> str | None:
    """The Bolt URI of scripts/neo4j-local's server, when it is running."""
    r = subprocess.run([str(ROOT / "scripts" / "neo4j-local"), "status"], capture_output=True, text=True)
    m = re.search(r"running: (bolt://\S+)", r.stdout)
    return m.group(1) if r.returncode == 0 and m else None


@pytest.mark.integration
@pytest.mark.parametrize("block", ONLINE, ids=[f"neo4j-{i}" for i in range(len(ONLINE))])
def test_neo4j_console_example(block, tmp_path, neo4j_driver):
    """Run against the local throwaway server only (`make test` starts it): the examples
    load a dataset named `data`, which must never land in someone's own database."""
    if _local_server_uri() != os.environ.get("NEO4J_URI", _local_server_uri()):
        pytest.skip("the README's Neo4j examples run only against scripts/neo4j-local's server")
    if _local_server_uri() is None:
        pytest.skip("scripts/neo4j-local's server is not running")
    from graphkit import neo4j as gn

    driver = neo4j_driver  # test data wiped before and after
    try:
        with driver.session() as s:
            s.run("MATCH (n) WHERE n.graphkit_dataset = 'data' DETACH DELETE n").consume()
        cwd = workdir(tmp_path)
        if "graphkit load" not in block:  # a block that queries what an earlier block loaded
            gn.load_graph(driver, __import__("graphkit").build_graph(cwd / "data"), "data")
        check(run_block(block, cwd))
    finally:
        with driver.session() as s:
            s.run("MATCH (n) WHERE n.graphkit_dataset = 'data' DETACH DELETE n").consume()
