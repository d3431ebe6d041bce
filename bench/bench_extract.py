"""Benchmark of ``graphkit extract`` against hand-made data (make bench-extract).

Default: the seed article (../shared/seed/000_e7104e947feaa275.txt, published
2025-06-16, source zhidx-2025-06-16) is drafted twice, cold (no --known) and warm
(--known = a folder holding only data/zhidx-2025-06-16's people.csv and
organisations.csv), and the proposed rows are compared with
data/zhidx-2025-06-16/relationships.csv plus its events.csv (as HAD_EVENT links
org -> event, which the extractor drafts as events.csv rows). Prints one JSON line.

``--articles``: the same for every tests/fixtures/articles/*/ folder (article.txt,
meta.json, gold relationships.csv / people.csv / organisations.csv / events.csv):
one JSON line per article, then a summary line.

Matching: a proposed row matches a gold row of the same type whose ends match. A
proposed end matches a gold node through its id, or through its name / name_en /
an alias equal to the gold node's name, name_en or an alias (case-insensitive).
An unnamed proposed node matches an unnamed gold node of the same kind that plays
the same part (same type, the other end matched), one-to-one, greedily. An event
matches a gold event of the same organisation and event_type. Each gold row is
matched at most once.

``date_exact_warm``: the share of matched warm rows whose date (``end`` for
WORKED_AT, ``date`` for events, else ``start``) equals the gold one exactly.
``evidence_verbatim``: the share of all emitted rows (both runs) whose evidence is
exactly article[span]. ``chars_per_s``: both runs' characters over their time, jieba's
one-off loading excluded.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphkit.extract.entities import Gazetteer, initialise  # noqa: E402
from graphkit.extract.extract import Draft, extract  # noqa: E402

SEED_DIR = ROOT.parent / "shared" / "seed"
SEED = SEED_DIR / "000_e7104e947feaa275.txt"
SEED_PUBLISHED = dt.date(2025, 6, 16)
SEED_SOURCE = "zhidx-2025-06-16"
GOLD = ROOT / "data" / "zhidx-2025-06-16"
ARTICLES = ROOT / "tests" / "fixtures" / "articles"
EVENT_LINK = "HAD_EVENT"


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in csv.DictReader(fh)]


def _names(row: dict[str, str]) -> set[str]:
    out = {row.get("name", ""), row.get("name_en", "")}
    out |= {a for a in row.get("aliases", "").split(";")}
    return {" ".join(n.split()).lower() for n in out if n and n.strip()}


class Side:
    """Nodes and facts of one side (gold or proposed)."""

    def __init__(self, nodes: list[dict[str, str]], facts: list[dict[str, str]]):
        self.nodes = {n["id"]: n for n in nodes if n.get("id")}
        self.facts = facts

    def unnamed(self, nid: str) -> bool:
        return self.nodes.get(nid, {}).get("unnamed", "").lower() == "true"

    def kind(self, nid: str) -> str:
        return self.nodes.get(nid, {}).get("kind", "Person")


def gold_side(folder: Path) -> Side:
    people = [dict(r, kind="Person") for r in _read(folder / "people.csv")]
    orgs = _read(folder / "organisations.csv")
    facts = [dict(r) for r in _read(folder / "relationships.csv")]
    for e in _read(folder / "events.csv"):
        facts.append(
            {"type": EVENT_LINK, "from": e["org"], "to": e["event_type"], "start": e.get("date", "")}
        )
    return Side(people + orgs, facts)


def draft_side(draft: Draft) -> Side:
    people = [dict(r, kind="Person") for r in draft.people]
    facts = [dict(r) for r in draft.relationships]
    for e in draft.events:
        facts.append(
            {
                "type": EVENT_LINK,
                "from": e["org"],
                "to": e["event_type"],
                "start": e.get("date", ""),
                "evidence": e["evidence"],
                "span": e["span"],
            }
        )
    return Side(people + draft.organisations, facts)


def _node_match(p: Side, pid: str, g: Side, gid: str) -> bool:
    if p.unnamed(pid) or g.unnamed(gid):
        return False
    if pid == gid and pid in g.nodes:
        return True
    pn, gn = p.nodes.get(pid), g.nodes.get(gid)
    if pn is None or gn is None:
        return False
    return bool(_names(pn) & _names(gn))


def _fact_date(f: dict[str, str]) -> str:
    return f.get("end", "") if f["type"] == "WORKED_AT" else f.get("start", "")


def match(p: Side, g: Side) -> list[tuple[dict[str, str], dict[str, str]]]:
    """Greedy one-to-one matching of proposed facts to gold facts (rules: module docstring)."""
    used: set[int] = set()
    pairs: list[tuple[dict[str, str], dict[str, str]]] = []
    pending = []
    for pf in p.facts:
        hits = []
        for gi, gf in enumerate(g.facts):
            if gi in used or gf["type"] != pf["type"]:
                continue
            if pf["type"] == EVENT_LINK:
                ok = _node_match(p, pf["from"], g, gf["from"]) and pf["to"] == gf["to"]
            else:
                ok = _node_match(p, pf["from"], g, gf["from"]) and _node_match(p, pf["to"], g, gf["to"])
            if ok:
                hits.append(gi)
        # of several gold rows with these ends (two stints), the one with the same date first
        same = [gi for gi in hits if _fact_date(g.facts[gi]) == _fact_date(pf)]
        hit = (same or hits or [None])[0]
        if hit is None:
            pending.append(pf)
        else:
            used.add(hit)
            pairs.append((pf, g.facts[hit]))
    # unnamed nodes: the same part, the other end matched; one proposed node <-> one gold node
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for pf in pending:
        if pf["type"] == EVENT_LINK:
            continue
        for gi, gf in enumerate(g.facts):
            if gi in used or gf["type"] != pf["type"]:
                continue
            ok = True
            for end in ("from", "to"):
                pid, gid = pf[end], gf[end]
                if p.unnamed(pid):
                    same_kind = g.unnamed(gid) and p.kind(pid) == g.kind(gid)
                    free = mapping.get(pid, gid) == gid and (pid in mapping or gid not in taken)
                    ok = ok and same_kind and free
                elif not _node_match(p, pid, g, gid):
                    ok = False
            if ok and (p.unnamed(pf["from"]) or p.unnamed(pf["to"])):
                for end in ("from", "to"):
                    if p.unnamed(pf[end]):
                        mapping[pf[end]] = gf[end]
                        taken.add(gf[end])
                used.add(gi)
                pairs.append((pf, gf))
                break
    return pairs


def score(draft: Draft, gold: Side) -> dict[str, float | int]:
    p = draft_side(draft)
    pairs = match(p, gold)
    n_p, n_g, n_m = len(p.facts), len(gold.facts), len(pairs)
    exact = sum(1 for pf, gf in pairs if _fact_date(pf) == _fact_date(gf))
    return {
        "precision": round(n_m / n_p, 3) if n_p else 0.0,
        "recall": round(n_m / n_g, 3) if n_g else 0.0,
        "date_exact": round(exact / n_m, 3) if n_m else 0.0,
        "proposed": n_p,
        "matched": n_m,
        "gold": n_g,
    }


def verbatim(article: str, draft: Draft) -> tuple[int, int]:
    rows = [*draft.relationships, *draft.events]
    ok = 0
    for r in rows:
        s, _, e = r["span"].partition("-")
        if article[int(s) : int(e)] == r["evidence"]:
            ok += 1
    return ok, len(rows)


def known_folder(src: Path, into: Path) -> Path:
    into.mkdir(parents=True, exist_ok=True)
    for name in ("people.csv", "organisations.csv"):
        if (src / name).exists():
            shutil.copy(src / name, into / name)
    return into


def run_one(article: str, published: dt.date, source: str, gold_dir: Path, lang: str = "auto") -> dict:
    gold = gold_side(gold_dir)
    initialise()  # jieba's dictionary: loaded once per process, not part of an article's time
    t0 = time.perf_counter()
    cold = extract(article, published, source_id=source, lang=lang)
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        gaz = Gazetteer.from_folders([known_folder(gold_dir, Path(tmp) / "known")])
        t2 = time.perf_counter()
        warm = extract(article, published, source_id=source, known=gaz, lang=lang)
        t3 = time.perf_counter()
    sc, sw = score(cold, gold), score(warm, gold)
    ok_c, n_c = verbatim(article, cold)
    ok_w, n_w = verbatim(article, warm)
    seconds = (t1 - t0) + (t3 - t2)
    return {
        "precision_cold": sc["precision"],
        "recall_cold": sc["recall"],
        "precision_warm": sw["precision"],
        "recall_warm": sw["recall"],
        "date_exact_warm": sw["date_exact"],
        "evidence_verbatim": round((ok_c + ok_w) / (n_c + n_w), 3) if n_c + n_w else 1.0,
        "chars_per_s": round(2 * len(article) / seconds) if seconds else 0,
        "gold": sw["gold"],
        "proposed_cold": sc["proposed"],
        "matched_cold": sc["matched"],
        "proposed_warm": sw["proposed"],
        "matched_warm": sw["matched"],
        "rows_checked": n_c + n_w,
    }


def seed() -> dict:
    article = SEED.read_text(encoding="utf-8")
    result = run_one(article, SEED_PUBLISHED, SEED_SOURCE, GOLD)
    result["gold_includes"] = "relationships.csv + events.csv (HAD_EVENT)"
    return result


def articles(root: Path = ARTICLES) -> list[dict]:
    out = []
    for folder in sorted(p for p in root.glob("*/") if (p / "article.txt").exists()):
        meta_path = folder / "meta.json"
        if not meta_path.exists() or not (folder / "relationships.csv").exists():
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        article = (folder / "article.txt").read_text(encoding="utf-8-sig")
        res = run_one(
            article,
            dt.date.fromisoformat(meta["published"]),
            meta.get("source", folder.name),
            folder,
            meta.get("lang", "auto"),
        )
        out.append({"article": folder.name, **res})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--articles",
        nargs="?",
        const=str(ARTICLES),
        default=None,
        metavar="DIR",
        help="score every article folder in DIR (default: tests/fixtures/articles)",
    )
    args = ap.parse_args(argv)
    if args.articles:
        results = articles(Path(args.articles))
        for r in results:
            print(json.dumps(r, ensure_ascii=False))
        keys = (
            "precision_cold",
            "recall_cold",
            "precision_warm",
            "recall_warm",
            "date_exact_warm",
            "evidence_verbatim",
        )
        summary: dict[str, object] = {"articles": len(results)}
        for k in keys:
            summary[k] = round(sum(r[k] for r in results) / len(results), 3) if results else 0.0
        for k in ("gold", "matched_cold", "proposed_cold", "matched_warm", "proposed_warm"):
            summary[k] = sum(r[k] for r in results)
        if results:
            summary["micro_precision_warm"] = round(
                summary["matched_warm"] / max(1, summary["proposed_warm"]), 3
            )
            summary["micro_recall_warm"] = round(summary["matched_warm"] / max(1, summary["gold"]), 3)
            summary["micro_precision_cold"] = round(
                summary["matched_cold"] / max(1, summary["proposed_cold"]), 3
            )
            summary["micro_recall_cold"] = round(summary["matched_cold"] / max(1, summary["gold"]), 3)
        print(json.dumps({"summary": True, **summary}, ensure_ascii=False))
        return 0
    print(json.dumps(seed(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
