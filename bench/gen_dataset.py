"""A seeded generator of synthetic graphkit datasets (CSV files, like data/).

    python bench/gen_dataset.py --people 100000 --orgs 5000 --rels 300000 -o /tmp/synth

The result validates with `graphkit validate` and has the shape of the seed
data: people who worked at companies (most with fuzzy end dates), some who
joined another company or founded a start-up, and investors backing start-ups.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

SIZES = {
    "small": {"people": 10_000, "orgs": 500, "rels": 30_000},
    "full": {"people": 100_000, "orgs": 5_000, "rels": 300_000},
}
DATES = ["2024-11", "2025-01", "2025-06", "2025-40", "2024-36", "2024-12/2025-06", "../2025-06-16", "2023"]
ROLES = [
    ("副总裁", "Vice president", "executive"),
    ("首席技术官", "CTO", "executive;technical"),
    ("联合创始人", "Co-founder", "founder;executive"),
    ("商业化负责人", "Head of sales", "commercial"),
    ("产品负责人", "Head of product", "product"),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"


def generate(directory: Path, people: int, orgs: int, rels: int, seed: int = 0) -> dict[str, int]:
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    n_startups = max(1, orgs // 6)
    n_investors = max(1, orgs // 25)
    n_companies = max(1, orgs - n_startups - n_investors)
    companies = [f"c{i}" for i in range(n_companies)]
    startups = [f"s{i}" for i in range(n_startups)]
    investors = [f"i{i}" for i in range(n_investors)]

    def write(name: str, header: list[str], rows) -> None:
        with (directory / name).open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)

    write(
        "sources.csv",
        ["id", "title", "publisher", "published"],
        [["synthetic", "合成数据", "graphkit", "2025-06-16"]],
    )
    write(
        "people.csv",
        ["id", "name", "name_en", "unnamed", "sources"],
        (
            [
                f"p{i}",
                rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN) + str(i),
                f"Person {i}",
                "true",
                "synthetic",
            ]
            for i in range(people)
        ),
    )
    org_rows = [[c, "Company", f"公司{c}", "llm_startup"] for c in companies]
    org_rows += [[s, "Startup", f"创业{s}", "ai_agent"] for s in startups]
    org_rows += [[v, "Investor", f"基金{v}", "vc"] for v in investors]
    write("organisations.csv", ["id", "kind", "name", "category"], org_rows)

    seen: set[tuple[str, str, str]] = set()
    out = []
    q = "合成证据"
    while len(out) < rels:
        r = rng.random()
        if r < 0.70:
            p, c = f"p{rng.randrange(people)}", rng.choice(companies)
            role = rng.choice(ROLES)
            key = ("WORKED_AT", p, c)
            row = [
                "WORKED_AT",
                p,
                c,
                role[0],
                role[1],
                role[2],
                "",
                rng.choice(DATES) if rng.random() < 0.8 else "",
            ]
        elif r < 0.82:
            p, c = f"p{rng.randrange(people)}", rng.choice(companies)
            key = ("JOINED", p, c)
            row = ["JOINED", p, c, "", "", "", rng.choice(DATES), ""]
        elif r < 0.94:
            p, s = f"p{rng.randrange(people)}", rng.choice(startups)
            key = ("FOUNDED", p, s)
            row = ["FOUNDED", p, s, "创始人", "Founder", "founder", rng.choice(DATES), ""]
        else:
            src = rng.choice(investors + companies[:50])
            s = rng.choice(startups)
            key = ("INVESTED_IN", src, s)
            row = ["INVESTED_IN", src, s, "", "", "", rng.choice(DATES), ""]
        if key in seen:
            continue
        seen.add(key)
        out.append([*row, rng.choice(["confirmed", "reported"]), "synthetic", q])
    write(
        "relationships.csv",
        [
            "type",
            "from",
            "to",
            "role",
            "role_en",
            "role_category",
            "start",
            "end",
            "status",
            "sources",
            "evidence",
        ],
        out,
    )
    return {"people": people, "orgs": len(org_rows), "rels": len(out)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", choices=SIZES, default=None)
    ap.add_argument("--people", type=int, default=1000)
    ap.add_argument("--orgs", type=int, default=100)
    ap.add_argument("--rels", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-o", "--output", type=Path, required=True)
    a = ap.parse_args()
    size = SIZES[a.size] if a.size else {"people": a.people, "orgs": a.orgs, "rels": a.rels}
    print(generate(a.output, seed=a.seed, **size))


if __name__ == "__main__":
    main()
