"""Paths and small helpers shared by the tests (fixtures live in conftest.py)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "zhidx-2025-06-16"  # the seed article's folder (data/ holds one folder per source)
DATA_ALL = ROOT / "data"  # every source folder
SEED = ROOT.parent / "shared" / "seed"  # the article itself
FIXTURES = ROOT / "tests" / "fixtures"


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), "utf-8")


def line_of(path: Path, needle: str) -> int:
    """The 1-based physical line of the first line containing ``needle``."""
    for i, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in {path}")


def snapshot(driver, dataset: str) -> str:
    """Every node and relationship of ``dataset`` with its labels or type, ends and properties,
    as one comparable string."""
    import json

    with driver.session() as s:
        nodes = s.run(
            "MATCH (n) WHERE n.graphkit_dataset = $ds AND NOT n:GraphkitLoad "
            "RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id, n.key",
            ds=dataset,
        ).data()
        rels = s.run(
            "MATCH (a)-[r]->(b) WHERE r.graphkit_dataset = $ds "
            "RETURN coalesce(a.id, a.key) AS a, type(r) AS t, coalesce(b.id, b.key) AS b, "
            "properties(r) AS props ORDER BY r.graphkit_key, a, t, b",
            ds=dataset,
        ).data()
    return json.dumps({"nodes": nodes, "rels": rels}, default=str, ensure_ascii=False, sort_keys=True)


def cli_env(settings, **extra: str) -> dict[str, str]:
    """The environment that points graphkit's command line at the server of ``settings``."""
    return {
        "NEO4J_URI": settings.uri,
        "NEO4J_USERNAME": settings.user,
        "NEO4J_PASSWORD": settings.password,
        **extra,
    }
