"""The fast paths of reading, validating and converting big folders give exactly what
the general paths give.

Each fast path (rows built without pydantic's validation, facts of one row, CSV records
without a dict per row, the graph built without ``add_edge``, careers derived in one walk)
is checked against the general path it stands for, written out here as it was before it
had a fast path: the same records (values, field order, fields set), the same issues, the
same graph (attributes, their order, adjacency order) and the same careers.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import gc
import io
import random
import threading
import weakref
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from pydantic import ValidationError

from graphkit.graph import careers, convert
from graphkit.graph.time import NEG, POS, fact_when, iso_day, span
from graphkit.ingest import combine, validate
from graphkit.ingest.read import (
    LazyRecords,
    parse_csv,
    parse_records,
    read_records,
    read_table,
    to_table,
)
from graphkit.schema import dates, vocab
from graphkit.schema.collect import young_collections_only
from graphkit.schema.direct import FAIL, CellReader, field_reader, with_values
from graphkit.schema.errors import ReadError
from graphkit.schema.model import Claim, Event, Node, Quote, Relationship, Source

# ------------------------------------------------------------ the general paths
# (graphkit's code before the fast paths, kept here as the reference)


def _general_parse_csv(text: str, path: str) -> list[tuple[int, dict[str, str], int]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header = None
    rows = []
    start = 1
    for record in reader:
        line = start
        start = reader.line_num + 1
        if not record or all(not cell.strip() for cell in record):
            continue
        if header is None:
            header = tuple(cell.strip() for cell in record)
            continue
        values = {name: (record[i].strip() if i < len(record) else "") for i, name in enumerate(header)}
        extra = [c for c in record[len(header) :] if c.strip()]
        rows.append((line, values, len(extra)))
    return rows


def _general_group_facts(rows: list[combine.Row]) -> list[list[combine.Row]]:
    facts: list[combine._Fact] = []
    by_ends: dict[tuple[str, str, str], list[combine._Fact]] = {}
    per_folder: dict[tuple[str, str, str, str], int] = {}
    for row in rows:
        k = (row.rel.type, row.rel.source, row.rel.target, row.folder)
        per_folder[k] = per_folder.get(k, 0) + 1
    for row in rows:
        ends = (row.rel.type, row.rel.source, row.rel.target)
        same = by_ends.setdefault(ends, [])
        open_facts = [f for f in same if f.accepts(row)]
        fact = next((f for f in open_facts if not any(combine.conflicts(r, row) for r in f.rows)), None)
        if (
            fact is None
            and len(same) == 1
            and len(open_facts) == 1
            and per_folder[(*ends, row.folder)] == 1
            and all(combine.stints_meet(r, row) for r in open_facts[0].rows)
        ):
            fact = open_facts[0]
        if fact is None:
            fact = combine._Fact()
            facts.append(fact)
            same.append(fact)
        fact.rows.append(row)
    return [f.rows for f in facts]


def _general_quote(row: combine.Row) -> Quote:
    return Quote(
        sources=row.rel.sources,
        evidence=row.rel.evidence,
        folder=row.folder,
        at=f"{row.folder}/{Path(row.rel.file).name}:{row.rel.line}",
    )


_merge_fact = combine.merge_fact


def _general_merge_fact(rows: list[combine.Row]) -> Any:
    if len(rows) == 1:
        return rows[0].rel.model_copy(update={"quotes": (_general_quote(rows[0]),)}), []
    return _merge_fact(rows)


def _general_facts(good_rels: list, published: dict[str, str]) -> Any:
    rows = [
        combine.Row(
            rel=r,
            folder=f.folder.name,
            order=f.order,
            published=max((published.get(s, "") for s in written.sources), default=""),
            origin=(written.source, written.target),
        )
        for written, r, f in good_rels
    ]
    yield from _general_group_facts(rows)


def _general_relationship_ok(ctx: Any, r: Relationship, *_: Any) -> bool:
    voc = validate.vocab.load()
    col, ok = ctx.col, True
    spec = voc.relationships.get(r.type)
    if spec is None:
        col.error(
            r.file,
            r.line,
            f"unknown relationship type {r.type!r} (expected one of: {', '.join(voc.relationships)})",
        )
        ok = False
    for column, ref in (("from", r.source), ("to", r.target)):
        if ref not in ctx.nodes:
            what = "org" if r.type == voc.type_for("event") else column
            if not ctx.node_files_unreadable and ref not in ctx.broken:
                col.error(r.file, r.line, f"unknown node {ref!r} in column {what!r}")
            ok = False
    if ok and spec:
        a, b = ctx.nodes[r.source], ctx.nodes[r.target]
        ka, kb = ctx.kinds.get(a.id, {a.kind}), ctx.kinds.get(b.id, {b.kind})
        if not (ka & set(spec.sources)) or not (kb & set(spec.targets)):
            col.error(
                r.file,
                r.line,
                f"{r.type} cannot go from {a.kind} {a.id!r} to {b.kind} {b.id!r} "
                f"(expected {' or '.join(spec.sources)} -> {' or '.join(spec.targets)})",
            )
            ok = False
    if r.start and r.end:
        s, e = dates.parse(r.start), dates.parse(r.end)
        if s.earliest and e.latest and e.latest < s.earliest:
            col.error(r.file, r.line, f"end {r.end!r} is before start {r.start!r}")
            ok = False
    return ok


def _general_merge_nodes(found: list, renames: dict[str, str], col: Any, disagreements: list) -> dict:
    rows: dict[str, list[combine.EntityRow]] = {}
    for f in found:
        for node in [*f.people, *f.orgs, *validate._event_nodes(f.events)]:
            if node.kind not in validate.vocab.load().nodes:
                continue
            new = renames.get(node.id, node.id)
            rec = node if new == node.id else node.model_copy(update={"id": new})
            rows.setdefault(new, []).append(combine.EntityRow(rec, f.folder.name, node.id))
    out = {}
    for nid, same in rows.items():
        node, found_disputes = combine.merge_entity(same, col.issues.append)
        out[nid] = node
        disagreements.extend(found_disputes)
    return out


def _general_derive(g: nx.MultiDiGraph) -> careers.Careers:
    voc = validate.vocab.load()
    types = set(voc.career_types("job")) | set(voc.career_types("arrival"))
    org_kinds = set(voc.organisation_kinds)
    when: dict[str, str] = {}
    records = []
    nodes = g.nodes
    for u, v, k, d in g.edges(keys=True, data=True):
        t = d.get("type", "")
        when[k] = fact_when(d)
        if t in types and nodes[v].get("kind") in org_kinds:
            records.append(
                (
                    u,
                    k,
                    v,
                    t,
                    d.get("role") or "",
                    tuple(d.get("role_category") or ()),
                    d.get("start") or "",
                    d.get("end") or "",
                )
            )
    unnamed = {n for n, x in g.nodes(data="unnamed") if x}
    return careers.derive_records(records, unnamed, when)


def _general_to_graph(dataset: Any) -> nx.MultiDiGraph:
    said: dict[str, list[str]] = {}
    for d in dataset.disagreements:
        said.setdefault(d.key, []).append(d.describe())
    g = nx.MultiDiGraph()
    g.graph["name"] = "graphkit"
    g.graph["directory"] = dataset.directory
    g.graph["sources"] = {sid: s.model_dump(exclude={"file", "line"}) for sid, s in dataset.sources.items()}
    g.graph["claims"] = [c.model_dump(exclude={"file", "line"}) for c in dataset.claims]
    g.graph["folders"] = list(dataset.folders)
    g.graph["folders_of"] = dataset.folders_of
    g.graph["disagreements"] = [d.model_dump() for d in dataset.disagreements]
    for node in dataset.nodes.values():
        g.add_node(node.id, **convert.node_attrs(node))
    for rel in dataset.relationships:
        g.add_edge(
            rel.source,
            rel.target,
            key=rel.key,
            **convert.edge_attrs(rel),
            disagreements=said.get(rel.key, []),
        )
    c = _general_derive(g)
    for _, _, k, d in g.edges(keys=True, data=True):
        text = c.when.get(k, "")
        lo, hi = span(text) if text else (NEG, POS)
        d["when"], d["when_earliest"], d["when_latest"] = text, iso_day(lo), iso_day(hi)
    g.graph["careers"] = c
    return g


def _general(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every fast path of validate.check off: graphkit as it was."""
    monkeypatch.setattr(CellReader, "builder", lambda self, *a, **k: None)
    monkeypatch.setattr(validate, "_facts", _general_facts)
    monkeypatch.setattr(combine, "merge_fact", _general_merge_fact)
    monkeypatch.setattr(validate, "_relationship_ok", _general_relationship_ok)
    monkeypatch.setattr(validate, "_merge_nodes", _general_merge_nodes)


# ------------------------------------------------------------ comparing results


def _record(m: Any) -> Any:
    """Everything a record holds: type, values in order, fields set, extras."""
    if not hasattr(m, "__pydantic_fields_set__"):
        return m
    return (
        type(m).__name__,
        [(k, type(v).__name__, _record(v) if hasattr(v, "__dict__") else v) for k, v in m.__dict__.items()],
        sorted(m.__pydantic_fields_set__),
        m.__pydantic_extra__,
        getattr(m, "__pydantic_private__", None),
        [_record(q) for q in getattr(m, "quotes", ())],
    )


def _dataset(ds: Any) -> Any:
    if ds is None:
        return None
    return {
        "sources": [(k, _record(v)) for k, v in ds.sources.items()],
        "nodes": [(k, _record(v)) for k, v in ds.nodes.items()],
        "relationships": [(_record(r), r.key) for r in ds.relationships],
        "events": [_record(e) for e in ds.events],
        "claims": [_record(c) for c in ds.claims],
        "disagreements": [_record(d) for d in ds.disagreements],
        "rest": (ds.directory, ds.warnings, ds.folders, ds.folders_of, ds.decided),
        "dump": ds.model_dump(),
    }


def _graph(g: nx.MultiDiGraph) -> Any:
    c = g.graph["careers"]
    return {
        "nodes": [(n, list(d.items())) for n, d in g.nodes(data=True)],
        "edges": [(u, v, k, list(d.items())) for u, v, k, d in g.edges(keys=True, data=True)],
        "adjacency": [(u, list(g.succ[u]), list(g.pred[u])) for u in g],
        "graph": {k: v for k, v in g.graph.items() if k != "careers"},
        "careers": (c.to_json(), list(c.when.items())),
    }


def _both(monkeypatch: pytest.MonkeyPatch, folders: Any, decisions: Any = None) -> tuple[Any, Any]:
    fast = validate.check(folders, decisions=decisions)
    fast_graph = _graph(convert.to_graph(fast[0])) if fast[0] is not None else None
    with monkeypatch.context() as m:
        _general(m)
        general = validate.check(folders, decisions=decisions)
    general_graph = _graph(_general_to_graph(general[0])) if general[0] is not None else None
    return (_dataset(fast[0]), fast[1], fast_graph), (_dataset(general[0]), general[1], general_graph)


# ------------------------------------------------------------ hand-made folders

SOURCES = "id,title,publisher,published\ns1,T1,P,2025-06-16\ns2,T2,P,2025-09\n"
PEOPLE = (
    "id,name,name_en,aliases,unnamed,sources,note\n"
    'a,张三,Zhang San,"Z; 小张 ;",false,s1,"note, with comma"\n'
    "b,李四,,,,s1;s2,\n"
    'c,王五,Wang Wu,,YES,s2,"two\nlines"\n'
    "d,赵六,,,是,,\n"
)
ORGS = (
    "id,kind,name,name_en,category,aliases,unnamed,sources,note\n"
    "x,Company,艾克米,Acme,llm_startup,,false,s1,\n"
    "y,Startup,新公司,NewCo,,,no,s2,\n"
    "z,Investor,某基金,,,,,s1,\n"
)
RELS = (
    "type,from,to,role,role_en,role_category,start,end,status,sources,evidence,note\n"
    'WORKED_AT,a,x,副总裁,VP,executive;commercial,2020-03,2025-40,confirmed,s1,"他说, ""离开""\n是因为",n1\n'
    "WORKED_AT,b,x,CTO,,technical,,2025-01,reported,s1;s2,quote b,\n"
    "FOUNDED,a,y,创始人,Founder,founder,2025-06,,reported,s2,quote f,\n"
    "JOINED,c,y,,,,,,confirmed,s2,quote j,\n"
    "INVESTED_IN,z,y,,,,2024-36,,confirmed,s1,quote i,\n"
    "WORKED_AT,d,x,工程师,, executive ; technical ,2019,2019-12,confirmed,s1,quote d1,\n"
    "WORKED_AT,d,x,工程师,,,2019-06,2020,confirmed,s1,quote d2,\n"  # a repeated stint: a warning
    "WORKED_AT,c,x,,,,2010,2012~,attempted,s1,quote c,\n"
)
# a second folder telling some of the same facts, some differently (disputes)
RELS_2 = (
    "type,from,to,role,role_en,role_category,start,end,status,sources,evidence\n"
    "WORKED_AT,a,x,副总裁,VP,executive,2020-03,2025-06,confirmed,s3,second quote\n"
    "WORKED_AT,b,x,首席技术官,CTO,,,,confirmed,s3,b stayed\n"
    "FOUNDED,a,y,联合创始人,,founder,2025-06,,attempted,s3,quote f2\n"
    "JOINED,c,y,,,,2025,,confirmed,s3,quote j2\n"
    "JOINED,c,y,,,,2008,2009,confirmed,s3,quote j3\n"
)


def _write(
    folder: Path, files: dict[str, str], bom: bool = False, crlf: bool = False, enc: str = "utf-8"
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        if crlf:
            text = text.replace("\n", "\r\n")
        data = text.encode(enc)
        (folder / name).write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return folder


def _mini(folder: Path, **kw: Any) -> Path:
    return _write(
        folder,
        {"sources.csv": SOURCES, "people.csv": PEOPLE, "organisations.csv": ORGS, "relationships.csv": RELS},
        **kw,
    )


def _second(folder: Path) -> Path:
    return _write(
        folder,
        {
            "sources.csv": "id,title,publisher,published\ns3,T3,Q,2026-01\n",
            "people.csv": "id,name,name_en\na,张三,Zhang S.\nc,王五,\n",
            "organisations.csv": "id,kind,name\nx,Company,艾克米公司\ny,Startup,新公司\n",
            "relationships.csv": RELS_2,
        },
    )


def _same(monkeypatch: pytest.MonkeyPatch, folders: Any, decisions: Any = None) -> tuple[Any, Any]:
    fast, general = _both(monkeypatch, folders, decisions)
    assert fast[1] == general[1]  # the issues
    assert fast[0] == general[0]  # the dataset
    assert fast[2] == general[2]  # the graph
    return fast, general


@pytest.mark.parametrize(
    "how",
    [{}, {"bom": True}, {"crlf": True}, {"bom": True, "crlf": True}, {"enc": "gb18030"}],
    ids=["utf-8", "bom", "crlf", "bom-crlf", "gb18030"],
)
def test_one_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: dict):
    fast, _ = _same(monkeypatch, _mini(tmp_path / "one", **how))
    assert fast[0] is not None and fast[2] is not None
    assert any("may repeat" in i.message for i in fast[1])  # the warning is there, in both


def test_two_folders_with_multi_row_facts_and_disputes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    a, b = _mini(tmp_path / "data" / "a-wire"), _second(tmp_path / "data" / "b-post")
    fast, _ = _same(monkeypatch, tmp_path / "data")
    ds = fast[0]
    assert ds is not None and ds["disagreements"]  # disputes...
    assert any(len(r[0][5]) > 1 for r in ds["relationships"])  # ...and facts of several rows
    _same(monkeypatch, [b, a])  # the other order


def test_decisions_rename_ids(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    _mini(tmp_path / "data" / "a-wire")
    _second(tmp_path / "data" / "b-post")
    dec = tmp_path / "decisions.csv"
    dec.write_text("id_a,id_b,decision\nb,d,same\na,c,different\n", "utf-8")
    _same(monkeypatch, tmp_path / "data", dec)


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("relationships.csv", "reported,s1;s2,quote b", "rumour,s1;s2,quote b"),  # unknown status
        ("relationships.csv", "technical,,2025-01", "boss,,2025-01"),  # unknown role category
        ("relationships.csv", "2020-03,2025-40", "2020-13,2025-40"),  # a bad date
        ("relationships.csv", "2020-03,2025-40", "2025-02-30,2025-40"),  # an impossible date
        ("relationships.csv", "2020-03,2025-40", "2026,2025-40"),  # the end before the start
        ("relationships.csv", ",quote b,", ",,"),  # no evidence
        ("relationships.csv", "WORKED_AT,b,x", "WORKED_AT,nobody,x"),  # an unknown node
        ("relationships.csv", "WORKED_AT,b,x", "OWNS,b,x"),  # an unknown type
        ("relationships.csv", "INVESTED_IN,z,y", "INVESTED_IN,a,y"),  # a person cannot invest
        ("relationships.csv", "quote j,\n", "quote j,,extra\n"),  # a cell beyond the header
        ("relationships.csv", "JOINED,c,y,,,,,,confirmed,s2,quote j,\n", "JOINED,c,y\n"),  # a short row
        ("relationships.csv", "quote i,\n", "quote i,\nINVESTED_IN,z,y,,,,2024-36,,confirmed,s1,quote i,\n"),
        ("people.csv", ",false,s1,", ",maybe,s1,"),  # not a yes/no
        ("people.csv", ",,s1;s2,", ",,s1;nosuch,"),  # an unknown source
        ("people.csv", "b,李四", ",李四"),  # no id
        ("people.csv", "id,name,", "id,name,id,"),  # a repeated column
        ("organisations.csv", "z,Investor", "z,Fund"),  # an unknown kind
        ("organisations.csv", "y,Startup", "a,Startup"),  # an id twice
        ("relationships.csv", "type,from", "type,file,from"),  # a column named like a field
        ("relationships.csv", "status,sources", "status,confidence,sources"),  # an optional column
    ],
)
def test_one_edit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, old: str, new: str):
    folder = _mini(tmp_path / "one")
    text = (folder / name).read_text("utf-8")
    assert old in text
    (folder / name).write_text(text.replace(old, new, 1), "utf-8")
    _same(monkeypatch, folder)


NEG_DAY, POS_DAY = dt.date.min, dt.date.max


def _synthetic(folder: Path, seed: int, rate: float) -> Path:
    """A random folder: many rows, some broken, some told twice."""
    rng = random.Random(seed)
    people = [f"p{i}" for i in range(60)]
    orgs = [(f"c{i}", "Company") for i in range(10)] + [(f"s{i}", "Startup") for i in range(5)]
    dates_ = ["", "", "2024", "2025-01", "2025-40", "2024-36", "2024-12/2025-06", "../2025-06-16", "2023~"]
    bad = ["2025-13", "soon", "2025-02-30", "2026/2020"]
    cells = ["a, b", "x\ny", 'say "hi"', "  padded  ", "\u3000"]

    def maybe(value: str, choices: list[str]) -> str:
        return rng.choice(choices) if rng.random() < rate else value

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id", "name", "name_en", "unnamed", "sources", "note"])
    for p in people:
        w.writerow(
            [
                p,
                f"人{p}",
                maybe(f"P {p}", [*cells, ""]),
                maybe("", ["true", "否", "x"]),
                "s1",
                maybe("", cells),
            ]
        )
    p_csv = buf.getvalue()
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id", "kind", "name", "category"])
    for o, kind in orgs:
        w.writerow([o, maybe(kind, ["Investor", "Group", "Nope"]), f"组织{o}", ""])
    o_csv = buf.getvalue()
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        ["type", "from", "to", "role", "role_category", "start", "end", "status", "sources", "evidence"]
    )
    for _ in range(150):
        kind = rng.choice(["WORKED_AT", "WORKED_AT", "JOINED", "FOUNDED"])
        o = rng.choice(orgs)[0] if kind != "FOUNDED" else rng.choice(orgs[10:])[0]
        start, end = rng.choice(dates_), rng.choice(dates_) if kind == "WORKED_AT" else ""
        if start and end and (dates.parse(end).latest or POS_DAY) < (dates.parse(start).earliest or NEG_DAY):
            end = ""  # (an end before the start is a test of its own)
        row = [
            kind,
            maybe(rng.choice(people), ["ghost", ""]),
            o,
            rng.choice(["", "CTO", "副总裁、CTO", "工程师"]),
            maybe(rng.choice(["", "executive", "founder;executive"]), ["boss", ";;"]),
            maybe(start, bad),
            end,
            maybe(rng.choice(["confirmed", "reported", "attempted"]), ["", "rumour"]),
            maybe("s1", ["s1;s2", "nosuch"]),
            maybe(rng.choice(["q1", "q2", "一句话"]), [*cells, ""]),
        ]
        w.writerow(row)
        if rng.random() < 0.05:
            w.writerow(row)  # an exact duplicate
    r_csv = buf.getvalue()
    return _write(
        folder,
        {"sources.csv": SOURCES, "people.csv": p_csv, "organisations.csv": o_csv, "relationships.csv": r_csv},
        bom=rng.random() < 0.5,
        crlf=rng.random() < 0.3,
    )


@pytest.mark.parametrize("seed", range(8))
def test_random_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int):
    rate = [0.0, 0.0, 0.02, 0.1][seed % 4]
    a = _synthetic(tmp_path / "data" / "a", seed, rate)
    _same(monkeypatch, a)
    _synthetic(tmp_path / "data" / "b", seed + 100, rate / 2)
    _same(monkeypatch, tmp_path / "data")  # two folders: facts told twice, disputes


def test_the_repository_data(monkeypatch: pytest.MonkeyPatch):
    root = Path(__file__).resolve().parent.parent
    for folders in (
        root / "data",
        root / "tests" / "fixtures" / "overlap",
        root / "tests" / "fixtures" / "careers",
    ):
        fast, _ = _same(monkeypatch, folders)
        assert fast[0] is not None


# ------------------------------------------------------------ one piece at a time


@pytest.mark.parametrize(
    "text",
    [
        "id,name\na,A\n",
        '\n id ,name, note\na,A\n , \nb,"B\r\nB",x,  y ,,\t\nc,C,n,,\nd,"\n\n",z,1,2,3\ne, E ,\n',
        "id,name,id\n1,x,2\n3\n",  # a repeated column: its last cell
        "id,,name\n1,,x\n",
        "a,b\r\n1,2\r\n\r\n3,4",
    ],
)
def test_records_read_as_before(text: str):
    assert [(r.line, r.values, r.extra) for r in parse_csv(text, "t.csv").rows] == _general_parse_csv(
        text, "t.csv"
    )
    parsed = parse_records(text, "t.csv")
    assert to_table(parsed) == parse_csv(text, "t.csv")
    lazy = parse_records(text, "t.csv", lazy=True)
    assert isinstance(lazy.records, LazyRecords)
    assert lazy.header == parsed.header
    assert len(lazy.records) == len(parsed.records)
    assert list(lazy.records) == parsed.records
    assert list(lazy.records) == parsed.records  # walked again, the same records
    assert to_table(lazy) == to_table(parsed)


def test_read_records_gives_the_read_errors_read_table_gives(tmp_path: Path):
    for content in (b"", b'a,b\n"x', b'a,b\n1,2\n3,"4\n5,6\n', b"\x00\x01", b"id\nx\x0b\n"):
        path = tmp_path / "t.csv"
        path.write_bytes(content)
        with pytest.raises(ReadError) as fast:
            read_records(path)
        with pytest.raises(ReadError) as lazy:  # at once, not when the records are walked
            read_records(path, lazy=True)
        with pytest.raises(ReadError) as general:
            read_table(path)
        assert str(fast.value) == str(general.value) == str(lazy.value)


_CELLS = [
    "",
    "x",
    "WORKED_AT",
    "p1",
    "confirmed",
    "reported",
    "rumour",
    "executive",
    "executive;founder",
    " executive ; founder ;",
    "boss",
    "s1;s2",
    ";",
    "2025",
    "2025-40",
    "2025-13",
    "2024-12/2025-06",
    "../2025-06-16",
    "2025-02-30",
    "true",
    "YES",
    "否",
    "maybe",
    "1",
    "张三",
    "a, b",
    # boundaries: blanks, yes/no variants, list separators, dates, odd Unicode, markup
    " ",
    "\t",
    "\u3000",  # ideographic space (str.strip takes it)
    "\u200b",  # zero-width space (str.strip keeps it)
    "\u00a0x\u00a0",
    "Y",
    "No",
    "n",
    "0",
    "是",
    " true ",
    "TRUE",
    "yes!",
    ";;",
    "s1;;s2",
    "s1; ;s2",
    "s1,s2",
    "executive;boss",
    "Executive",
    "2025~",
    "2025?",
    "2025-00",
    "2025-06-16T10:00",
    "../..",
    "2025/2024",
    "2024-12/2025-06~",
    "２０２５",  # full-width digits
    "e\u0301",  # a combining accent
    "\u202eevil",  # right-to-left override
    "🙂",
    "<script>alert('x')</script>",
    'a "quoted" & <b>bold</b>',
    "\x00",
]


_GOOD = {  # a good cell of each column
    "id": ["p1", "x"],
    "kind": ["Company", "Startup"],
    "name": ["张三", "a, b"],
    "type": ["WORKED_AT", "FOUNDED"],
    "from": ["p1"],
    "to": ["c1"],
    "status": ["confirmed", "reported", "attempted"],
    "evidence": ["他说", "q"],
    "sources": ["s1", "s1;s2", ""],
    "role_category": ["", "executive", "founder;executive"],
    "start": ["", "2025", "2024-36"],
    "end": ["", "2025-01", "../2025-06-16"],
    "unnamed": ["", "true", "否"],
}


def _cell(rng: random.Random, column: str) -> str:
    return rng.choice(_GOOD[column]) if column in _GOOD and rng.random() < 0.8 else rng.choice(_CELLS)


def _pydantic(model: type, columns: dict[str, int], fixed: dict, cells: list[str]) -> Any:
    try:
        return model(**{k: cells[i] for k, i in columns.items()}, **fixed, file="f.csv", line=7)
    except ValidationError:
        return None


@pytest.mark.parametrize(
    ("model", "header", "fixed"),
    [
        (
            Node,
            ["id", "name", "name_en", "aliases", "unnamed", "sources", "note", "confidence"],
            {"kind": "Person"},
        ),
        (Node, ["id", "kind", "name", "category", "aliases", "unnamed", "sources"], {}),
        (
            Relationship,
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
            {},
        ),
        (Relationship, ["type", "from", "to", "status", "sources", "evidence", "note", "span"], {}),
    ],
)
def test_a_row_built_directly_is_the_row_pydantic_builds(model: type, header: list[str], fixed: dict):
    rng = random.Random(0)
    reader = CellReader()
    columns = {k: i for i, k in enumerate(header)}
    build = reader.builder(model, columns, fixed)
    assert build is not None
    direct = 0
    for _ in range(3000):
        cells = [_cell(rng, c) for c in header]
        fast, general = build(cells, "f.csv", 7), _pydantic(model, columns, fixed, cells)
        if fast is None:
            continue  # the model reads this row (and says what is wrong with it)
        direct += 1
        _assert_same_record(fast, general, cells)
    assert direct > 100


def _assert_same_record(fast: Any, general: Any, cells: list[str]) -> None:
    """A record built directly is the one pydantic builds: values, types, order, fields set."""
    assert general is not None, cells
    assert _record(fast) == _record(general), cells
    assert list(fast.__dict__) == list(general.__dict__)
    assert fast == general and repr(fast) == repr(general)
    assert fast.model_dump() == general.model_dump() and fast.model_dump_json() == general.model_dump_json()
    assert fast.model_fields_set == general.model_fields_set


def test_rows_that_need_pydantic_are_not_built_directly():
    reader = CellReader()
    build = reader.builder(
        Relationship, {"type": 0, "from": 1, "to": 2, "status": 3, "sources": 4, "evidence": 5}, {}
    )
    good = ["WORKED_AT", "a", "b", "confirmed", "s1", "q"]
    assert build(good, "f.csv", 2) is not None
    for i, bad in [(3, "rumour"), (3, ""), (0, ""), (5, "")]:
        cells = list(good)
        cells[i] = bad
        assert build(cells, "f.csv", 2) is None
    assert build(good, "", 2) is None  # no file: pydantic says so
    # columns the fast path does not know: no builder, every row to pydantic
    assert reader.builder(Relationship, {"type": 0, "from": 1, "to": 2, "quotes": 3}, {}) is None
    assert reader.builder(Relationship, {"type": 0, "from": 1, "source": 2}, {}) is None
    assert reader.builder(Relationship, {"type": 0, "line": 1}, {}) is None
    assert reader.builder(Quote, {"evidence": 0}, {}) is None  # (a required field not given)


def test_with_values_is_model_copy():
    r = Relationship(
        type="WORKED_AT", **{"from": "a", "to": "b"}, status="confirmed", sources="s1", evidence="q"
    )
    q = combine.quote_of(r, "f")
    assert _record(q) == _record(Quote(sources=r.sources, evidence=r.evidence, folder="f", at="f/:0"))
    for update in ({"quotes": (q,)}, {"source": "c", "target": "d"}, {"fact_key": "k#2"}):
        assert _record(with_values(r, update)) == _record(r.model_copy(update=update))
        assert _record(with_values(r, update)) == _record(with_values(r, update))


def test_a_fact_of_one_row():
    r = Relationship(
        type="WORKED_AT",
        **{"from": "a", "to": "b"},
        status="confirmed",
        sources="s1",
        evidence="q",
        file="x/r.csv",
    )
    row = combine.Row(rel=r, folder="f", order=0, published="", origin=("a", "b"))
    assert _record(combine.single_fact(r, "f")) == _record(_general_merge_fact([row])[0])
    assert _record(combine.merge_fact([row])[0]) == _record(_general_merge_fact([row])[0])


def test_group_facts_with_rows_alone_and_together():
    def rel(frm: str, start: str = "", end: str = "", line: int = 2) -> Relationship:
        return Relationship(
            type="WORKED_AT", **{"from": frm, "to": "o"}, start=start or None, end=end or None,
            status="confirmed", sources="s", evidence="q", file="r.csv", line=line,
        )  # fmt: skip

    rows = [
        combine.Row(rel("a", "2016", "2019"), "f1", 0, "", ("a", "o")),
        combine.Row(rel("b"), "f1", 0, "", ("b", "o")),
        combine.Row(rel("a", "2022", line=3), "f2", 1, "", ("a", "o")),
        combine.Row(rel("c"), "f2", 1, "", ("c", "o")),
        combine.Row(rel("a", "2016", "2019", line=4), "f2", 1, "", ("a", "o")),
        combine.Row(rel("b", "2020"), "f2", 1, "", ("b", "o")),
    ]
    assert combine.group_facts(rows) == _general_group_facts(rows)


def test_a_date_parse_keeps_no_caller_alive():
    """What the date parser leaves behind (its failed attempts, with their tracebacks and so
    the frames of whoever called) goes at the next collection of young objects: nothing
    keeps a caller's data (the tables being validated) alive to a full collection."""

    class Big:
        pass

    def caller(text: str) -> weakref.ref:
        big = Big()
        with contextlib.suppress(dates.BadDate):
            dates.parse(text)
        return weakref.ref(big)

    with young_collections_only():  # as validate.check and convert.to_graph run
        for text in ("2031-07", "not a date 7", "2031-02-30"):
            big = caller(text)
            gc.collect(0)  # the youngest generation only
            assert big() is None


def test_young_collections_only_puts_the_thresholds_back():
    before = gc.get_threshold()
    with young_collections_only():
        assert gc.get_threshold()[:2] == before[:2] and gc.get_threshold()[2] >= 1_000_000
    assert gc.get_threshold() == before
    with contextlib.suppress(RuntimeError), young_collections_only():
        raise RuntimeError
    assert gc.get_threshold() == before


def test_young_collections_only_overlapping_in_threads_puts_the_thresholds_back():
    """Two threads whose blocks overlap, the first leaving first: the threshold stays raised
    until the second leaves, then the thresholds from before come back."""
    before = gc.get_threshold()
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, tuple[int, ...]] = {}

    def first() -> None:
        with young_collections_only():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second() -> None:
        first_in.wait(5)
        with young_collections_only():
            second_in.set()
            first_out.wait(5)
            seen["after the first left"] = gc.get_threshold()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen["after the first left"][2] >= 1_000_000
    assert gc.get_threshold() == before
    with young_collections_only(), young_collections_only():  # nested
        assert gc.get_threshold()[2] >= 1_000_000
    assert gc.get_threshold() == before


def test_to_graph_of_a_dataset_made_by_hand():
    """Relationships without quotes, with several, two edges between the same nodes, one
    key twice, and an end that is not a node: the graph add_node/add_edge would build."""
    from graphkit.schema.model import Dataset

    def rel(frm: str, to: str, **kw: Any) -> Relationship:
        return Relationship(
            type=kw.pop("type", "WORKED_AT"), **{"from": frm, "to": to}, status="confirmed",
            sources=kw.pop("sources", "s1"), evidence="q", **kw,
        )  # fmt: skip

    q1 = Quote(sources=("s1",), evidence="one", folder="f1", at="f1/r.csv:2")
    q2 = Quote(sources=("s1", "s2"), evidence="two", folder="f2", at="f2/r.csv:3")
    nodes = {
        "a": Node(id="a", kind="Person", name="A", unnamed="true"),
        "b": Node(id="b", kind="Person", name="B"),
        "x": Node(id="x", kind="Company", name="X"),
        "y": Node(id="y", kind="Startup", name="Y"),
    }
    rels = [
        rel("a", "x", start="2020", end="2022"),  # no quotes
        rel("a", "x", role="CTO", quotes=(q1,), end="2023"),  # a second edge a -> x
        rel("a", "y", type="FOUNDED", quotes=(q1, q2), sources="s1;s2", start="2023"),
        rel("b", "x", quotes=(q2,), disputed=("end",), end="2024-40"),
        rel("b", "y", type="JOINED", fact_key="k"),
        rel("b", "y", type="JOINED", fact_key="k", role="again"),  # the same key twice
        rel("b", "ghost", type="MEMBER_OF"),  # an end that is not a node
    ]
    ds = Dataset(directory="d", sources={}, nodes=nodes, relationships=rels, events=[], claims=[])
    assert _graph(convert.to_graph(ds)) == _graph(_general_to_graph(ds))


# ------------------------------------------------------------ one declaration: the models


#: The models validate.check builds from CSV rows, by the record name of their files.
_MODELS = {"source": Source, "person": Node, "organisation": Node, "relationship": Relationship}
_MODELS |= {"event": Event, "claim": Claim}


def _field(model: type, column: str) -> str:
    return next(name for name, f in model.model_fields.items() if column in (name, f.alias))


def test_every_column_of_nodes_and_relationships_is_read_directly():
    """A field of Node or Relationship that a CSV column fills has a direct reader, derived
    from the model: a field added to the model with a type or validator this reading does
    not know fails here (its rows would all go to pydantic, slowly)."""
    for spec in vocab.load().files.values():
        model = _MODELS[spec.record]
        if model not in (Node, Relationship):
            continue
        columns = [c for c in spec.columns if any(c in (n, f.alias) for n, f in model.model_fields.items())]
        for column in [*columns, "file", "line"]:
            assert field_reader(model, _field(model, column)) is not None, (model, column)
        fixed = {} if "kind" in columns or model is Relationship else {"kind": "Person"}
        assert CellReader().builder(model, {c: i for i, c in enumerate(columns)}, fixed) is not None


@pytest.mark.parametrize("model", [Source, Node, Relationship, Event, Claim, Quote])
def test_each_field_reads_a_cell_as_the_model_does(model: type):
    """For every field with a direct reader and every boundary cell: the reader gives the
    value (and type) the model's validation gives, or declines (then the model reads it)."""
    valid = {  # a valid record of each model, each field then set to each cell in turn
        Source: {"id": "s", "title": "t", "publisher": "p", "published": "2025"},
        Node: {"id": "n", "kind": "Person", "name": "N"},
        Relationship: {"type": "WORKED_AT", "from": "a", "to": "b", "status": "confirmed",
                       "sources": "s1", "evidence": "q"},
        Event: {"id": "e", "org": "o", "event_type": "x", "summary": "s", "status": "reported",
                "sources": "s1", "evidence": "q"},
        Claim: {"id": "c", "subject": "o", "metric": "m", "value": 3, "sources": "s1", "evidence": "q"},
        Quote: {"sources": ("s1",), "evidence": "q"},
    }[model]  # fmt: skip
    read_directly = 0
    for name, info in model.model_fields.items():
        read = field_reader(model, name)
        if read is None:
            continue
        key = info.alias or name
        for cell in [*_CELLS, *(c.strip() for c in _CELLS), 7, None, True]:
            fast = read(cell)
            try:
                general = getattr(model(**{**valid, key: cell}), name)
            except ValidationError:
                general = FAIL
            if fast is FAIL:
                continue
            read_directly += 1
            assert general is not FAIL, (name, cell, fast)
            assert (type(fast), fast) == (type(general), general), (name, cell)
    assert read_directly > 50


def test_a_record_built_directly_for_each_boundary_cell():
    """Whole records: each boundary cell in each column of a relationship and a person row."""
    reader = CellReader()
    for model, good, fixed in (
        (Relationship, {"type": "WORKED_AT", "from": "a", "to": "b", "role": "r", "role_en": "",
                        "role_category": "executive", "start": "2020", "end": "", "status": "confirmed",
                        "sources": "s1", "evidence": "q", "note": ""}, {}),
        (Node, {"id": "p", "name": "N", "name_en": "", "aliases": "", "unnamed": "", "sources": "s1",
                "note": ""}, {"kind": "Person"}),
    ):  # fmt: skip
        columns = {k: i for i, k in enumerate(good)}
        build = reader.builder(model, columns, fixed)
        assert build is not None
        built = 0
        for column in good:
            for cell in _CELLS:
                cells = [cell if k == column else v for k, v in good.items()]
                fast = build(cells, "f.csv", 7)
                general = _pydantic(model, columns, fixed, cells)
                if fast is None:
                    continue
                built += 1
                _assert_same_record(fast, general, cells)
        assert built > len(good) * 10


def test_validators_run_in_the_order_pydantic_runs_them():
    """``before`` validators last declared first (a base class's ``*`` one included), then
    the type, then the ``after`` ones in order."""
    from pydantic import BaseModel, ConfigDict, field_validator

    class Base(BaseModel):
        model_config = ConfigDict(extra="ignore")
        x: str

        @field_validator("*", mode="before")
        @classmethod
        def _a(cls, v: str) -> str:
            return v + "a"

    class Model(Base):
        _b = field_validator("x", mode="before")(lambda v: v + "b")
        _c = field_validator("x")(lambda v: v + "c")
        _d = field_validator("x")(lambda v: v + "d")

    read = field_reader(Model, "x")
    assert read is not None
    assert read("") == Model(x="").x == "bacd"
    assert read(1) is FAIL  # not a str after the before validators: pydantic's to say


# ------------------------------------------------- models the fast path leaves to pydantic


def test_a_plain_field_is_read_as_the_model_reads_it():
    from pydantic import BaseModel

    class Plain(BaseModel):
        a: str
        b: str | None = None

    read = field_reader(Plain, "a")
    assert read("x") == "x" and read(3) is FAIL  # pydantic would refuse (or coerce) 3: the model decides
    assert field_reader(Plain, "b")(None) is None


def test_fields_the_fast_path_cannot_reproduce_go_to_the_model():
    from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

    class Extra(BaseModel):
        model_config = ConfigDict(extra="allow")
        a: str

    class Forbid(BaseModel):
        model_config = ConfigDict(extra="forbid")
        a: str

    class Stripped(BaseModel):
        model_config = ConfigDict(str_strip_whitespace=True)  # a setting that changes values
        a: str

    class Constrained(BaseModel):
        a: str = Field(min_length=2)

    class Checked(BaseModel):
        a: str

        @model_validator(mode="after")
        def whole(self):
            return self

    class Wrapped(BaseModel):
        a: str

        @field_validator("a", mode="wrap")
        @classmethod
        def around(cls, v, handler):
            return handler(v)

    class Listed(BaseModel):
        a: list[str]

    for model in (Extra, Forbid, Stripped, Constrained, Checked, Wrapped, Listed):
        assert field_reader(model, "a") is None, model.__name__


def test_a_copy_keeps_what_the_model_keeps():
    from pydantic import BaseModel, ConfigDict

    class Plain(BaseModel):
        a: str
        b: str | None = None

    class Extra(BaseModel):
        model_config = ConfigDict(extra="allow")
        a: str

    e = with_values(Extra(a="x", z=1), {"a": "y"})
    assert (e.a, e.model_extra) == ("y", {"z": 1})  # (model_copy's own path)
    one, two = Plain(a="x"), Plain(a="y")
    c1, c2 = with_values(one, {"b": "q"}), with_values(two, {"b": "r"})
    assert (c1.a, c1.b, c2.a, c2.b) == ("x", "q", "y", "r")
    assert c1.model_fields_set == c2.model_fields_set == {"a", "b"}
    assert one.model_fields_set == {"a"} and one.b is None  # the original is unchanged


def test_drained_hands_on_every_item_in_order_and_drops_each_as_it_goes():
    from graphkit.schema.collect import drained

    items = ["a", "b", "c"]
    seen = []
    for item in drained(items):
        seen.append((item, list(items)))
    # each item is gone from the list by the time it is handed on; nothing is left after
    assert seen == [("a", [None, "b", "c"]), ("b", [None, None, "c"]), ("c", [None, None, None])]
    assert items == []
    assert list(drained([])) == []
