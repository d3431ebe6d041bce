"""Seeded synthetic talent graphs, for benchmarks and scale tests.

``synthetic_graph(n_nodes, seed)`` returns a ``networkx.MultiDiGraph`` with
the same node and edge attributes that :func:`graphkit.graph.to_graph`
produces (``kind``, ``name``, ``name_en``, ...; ``type``, ``role``, EDTF
``start``/``end`` with ``*_earliest``/``*_latest``, ``status``, ``sources``,
``evidence``), so every consumer can run on it unchanged. The same
``(n_nodes, seed)`` always gives the same graph.

Shape: about 80% people, 10% companies, 5% start-ups, 2% investors, 2%
events and a few groups. Each person worked at one to three companies (a
few large companies attract most people, as in real talent markets); some
left, some founded a start-up, some were approached.
"""

from __future__ import annotations

import itertools
import random
from typing import Any

import networkx as nx

from graphkit.schema import dates

SOURCE_ID = "synthetic"

_SURNAMES = [
    ("王", "Wang"),
    ("李", "Li"),
    ("张", "Zhang"),
    ("刘", "Liu"),
    ("陈", "Chen"),
    ("杨", "Yang"),
    ("赵", "Zhao"),
    ("黄", "Huang"),
    ("周", "Zhou"),
    ("吴", "Wu"),
    ("徐", "Xu"),
    ("孙", "Sun"),
    ("马", "Ma"),
    ("朱", "Zhu"),
    ("胡", "Hu"),
    ("郭", "Guo"),
]
_GIVEN = [
    ("伟", "wei"),
    ("芳", "fang"),
    ("娜", "na"),
    ("敏", "min"),
    ("静", "jing"),
    ("磊", "lei"),
    ("洋", "yang"),
    ("艳", "yan"),
    ("勇", "yong"),
    ("军", "jun"),
    ("杰", "jie"),
    ("涛", "tao"),
    ("明", "ming"),
    ("超", "chao"),
    ("帆", "fan"),
    ("冠", "guan"),
]
_ORG_WORDS = [
    ("智", "Zhi"),
    ("星", "Xing"),
    ("云", "Yun"),
    ("深", "Shen"),
    ("光", "Guang"),
    ("海", "Hai"),
    ("天", "Tian"),
    ("元", "Yuan"),
]
_ROLES = [
    ("首席技术官", "Chief technology officer", ["executive", "technical"]),
    ("首席运营官", "Chief operating officer", ["executive", "commercial"]),
    ("副总裁", "Vice president", ["executive"]),
    ("产品负责人", "Head of product", ["product"]),
    ("商业化负责人", "Head of commercialisation", ["commercial"]),
    ("联合创始人", "Co-founder", ["founder", "executive"]),
    ("研究员", "Researcher", ["technical"]),
]


def _edtf(rng: random.Random) -> str:
    """A fuzzy date of the kinds news reports give."""
    year = rng.choice(range(2019, 2026))
    month = rng.randint(1, 12)
    r = rng.random()
    if r < 0.45:
        return f"{year}-{month:02d}"
    if r < 0.6:
        return f"{year}-{rng.choice((40, 41))}"
    if r < 0.75:
        return f"{year}-{rng.choice((33, 34, 35, 36))}"
    if r < 0.85:
        return f"{year}-{month:02d}/{year + 1}-{month:02d}"
    if r < 0.92:
        return f"../{year}-{month:02d}-15"
    return f"{year}-{month:02d}~"


def _dates(prefix: str, text: str) -> dict[str, str]:
    if not text:
        return {prefix: "", f"{prefix}_earliest": "", f"{prefix}_latest": ""}
    d = dates.parse(text)
    return {
        prefix: text,
        f"{prefix}_earliest": d.earliest.isoformat() if d.earliest else "",
        f"{prefix}_latest": d.latest.isoformat() if d.latest else "",
    }


def _node(kind: str, name: str, name_en: str, **extra: Any) -> dict[str, Any]:
    attrs: dict[str, Any] = {
        "kind": kind,
        "name": name,
        "name_en": name_en,
        "aliases": [],
        "unnamed": False,
        "category": "",
        "sources": [SOURCE_ID],
        "note": "",
    }
    attrs.update(extra)
    return attrs


def _edge(
    etype: str,
    rng: random.Random,
    role: tuple[str, str, list[str]] | None = None,
    start: str = "",
    end: str = "",
    status: str = "confirmed",
) -> dict[str, Any]:
    return {
        "type": etype,
        "role": role[0] if role else "",
        "role_en": role[1] if role else "",
        "role_category": list(role[2]) if role else [],
        **_dates("start", start),
        **_dates("end", end),
        "status": status,
        "sources": [SOURCE_ID],
        "evidence": f"合成数据：{etype} 第{rng.randint(1, 999)}条。",
        "note": "",
    }


def synthetic_graph(n_nodes: int, seed: int = 0) -> nx.MultiDiGraph:
    """A seeded synthetic talent graph with exactly ``n_nodes`` nodes."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    g.graph["name"] = f"synthetic-{n_nodes}"
    g.graph["directory"] = f"synthetic-{n_nodes}-seed{seed}"
    g.graph["sources"] = {
        SOURCE_ID: {
            "id": SOURCE_ID,
            "title": "合成数据 (synthetic)",
            "publisher": "graphkit",
            "published": "2025-06-16",
            "retrieved": "",
            "url": "",
            "language": "zh",
            "note": "",
        }
    }
    g.graph["claims"] = []
    n_groups = max(1, n_nodes // 500)
    n_companies = max(2, n_nodes // 10)
    n_startups = max(1, n_nodes // 20)
    n_investors = max(1, n_nodes // 50)
    n_events = max(0, n_nodes // 50)
    n_people = max(0, n_nodes - n_groups - n_companies - n_startups - n_investors - n_events)

    def org_name(i: int) -> tuple[str, str]:
        a, b = _ORG_WORDS[i % 8], _ORG_WORDS[(i // 8) % 8]
        return f"{a[0]}{b[0]}科技{i}", f"{a[1]}{b[1].lower()} Tech {i}"

    groups = [f"group-{i}" for i in range(n_groups)]
    for i, gid in enumerate(groups):
        g.add_node(gid, **_node("Group", f"群组{i}", f"Group {i}"))
    companies = [f"company-{i}" for i in range(n_companies)]
    for i, cid in enumerate(companies):
        zh, en = org_name(i)
        g.add_node(cid, **_node("Company", zh, en, category=rng.choice(("llm_startup", "big_tech"))))
    startups = [f"startup-{i}" for i in range(n_startups)]
    for i, sid in enumerate(startups):
        g.add_node(sid, **_node("Startup", f"创业项目{i}", f"Venture {i}"))
    investors = [f"investor-{i}" for i in range(n_investors)]
    for i, vid in enumerate(investors):
        g.add_node(vid, **_node("Investor", f"资本{i}", f"Capital {i}", category="vc"))
    people = [f"person-{i}" for i in range(n_people)]
    for pid in people:
        s, gv = rng.choice(_SURNAMES), rng.choice(_GIVEN)
        g.add_node(pid, **_node("Person", s[0] + gv[0], f"{s[1]} {gv[1].capitalize()}"))

    # Preferential attachment: early companies attract more people.
    weights = [1.0 / (i + 1) ** 0.8 for i in range(n_companies)]
    # cumulative once: random.choices(weights=) re-accumulates them on every call (O(n^2) at 1M nodes);
    # passing the same cum_weights draws exactly the same companies.
    cum_weights = list(itertools.accumulate(weights))

    def add(u: str, v: str, attrs: dict[str, Any]) -> None:
        key = f"{attrs['type']}:{u}->{v}:{attrs['role']}"
        n = 1
        while g.has_edge(u, v, key):
            n += 1
            key = f"{attrs['type']}:{u}->{v}:{attrs['role']}#{n}"
        g.add_edge(u, v, key=key, **attrs)

    for i, cid in enumerate(companies):
        if rng.random() < 0.5:
            add(cid, groups[i % n_groups], _edge("MEMBER_OF", rng))
    for pid in people:
        for cid in dict.fromkeys(rng.choices(companies, cum_weights=cum_weights, k=rng.randint(1, 3))):
            left = rng.random() < 0.5
            add(pid, cid, _edge("WORKED_AT", rng, rng.choice(_ROLES), end=_edtf(rng) if left else ""))
        r = rng.random()
        if r < 0.05 and startups:
            add(pid, rng.choice(startups), _edge("FOUNDED", rng, _ROLES[5], start=_edtf(rng)))
        elif r < 0.1:
            add(pid, rng.choice(companies), _edge("JOINED", rng, start=_edtf(rng)))
        elif r < 0.12:
            add(rng.choice(companies), pid, _edge("APPROACHED", rng, start=_edtf(rng), status="attempted"))
    for sid in startups:
        backer = rng.choice(investors if rng.random() < 0.6 else companies)
        add(backer, sid, _edge("INVESTED_IN", rng, start=_edtf(rng), status="reported"))
    for i in range(n_events):
        eid = f"event-{i}"
        when = _edtf(rng)
        g.add_node(
            eid, **_node("Event", f"战略调整{i}", f"Pivot {i}", event_type="pivot", **_dates("date", when))
        )
        add(rng.choice(companies), eid, _edge("HAD_EVENT", rng, start=when))
    return g
