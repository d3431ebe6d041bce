"""Validation: CSV tables -> a typed, cross-checked :class:`~graphkit.schema.model.Dataset`.

Every problem is collected (not just the first) as an :class:`Issue` located
at ``file:line``. :func:`load_dataset` raises :class:`InvalidData` listing
them all when there is any error; warnings ride along on the dataset.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from pydantic import BaseModel, ValidationError

from graphkit.ingest import combine
from graphkit.ingest import decisions as decisions_mod
from graphkit.ingest.folders import DECISIONS, Folder, expand
from graphkit.ingest.read import Records, cells_of, read_records
from graphkit.schema import dates, vocab
from graphkit.schema.collect import young_collections_only
from graphkit.schema.direct import CellReader
from graphkit.schema.errors import InvalidData, Issue, ReadError
from graphkit.schema.model import Claim, Dataset, Disagreement, Event, Node, Relationship, Source

REQUIRED_FILES = ("sources.csv", "people.csv", "organisations.csv", "relationships.csv")


class _Collector:
    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def error(self, file: str, line: int, message: str) -> None:
        self.issues.append(Issue(file, line, message))

    def warn(self, file: str, line: int, message: str) -> None:
        self.issues.append(Issue(file, line, message, "warning"))

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]


def _pydantic_messages(exc: ValidationError) -> list[str]:
    out = []
    for err in exc.errors():
        column = str(err["loc"][0]) if err["loc"] else ""
        column = {"source": "from", "target": "to"}.get(column, column)
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "int_parsing":
            msg = f"expected a whole number, got {err['input']!r}"
        out.append(f"{msg} in column {column!r}")
    return out


def _rows(
    table: Records,
    model: type[BaseModel],
    col: _Collector,
    broken: set[str],
    reader: CellReader,
    **fixed: Any,
) -> list[Any]:
    """Typed records of a table; ids of rows that exist but failed go into ``broken``.

    ``reader`` builds the rows it can (the very records the model would, without
    pydantic's cost: :mod:`graphkit.schema.direct`); the model builds the others."""
    spec = vocab.load().files[PurePath(table.path).name]
    header = table.header
    width = len(header)
    where = {name: i for i, name in enumerate(header)}  # a repeated column: its last cell
    id_at = where.get("id")
    required = [(c, where.get(c)) for c in spec.required]
    keys = tuple(dict.fromkeys(c for c in header if c in spec.columns))  # the row's data, in order
    build = reader.builder(model, {k: where[k] for k in keys}, fixed)
    path = table.path
    records = []
    for line, record in table.records:
        cells, extra = cells_of(record, width)
        if id_at is not None and cells[id_at]:
            broken.add(cells[id_at])
        if extra:
            col.error(path, line, f"row has {extra} more cell(s) than the header")
            continue
        missing = [c for c, i in required if i is None or not cells[i]]
        for name in missing:
            if name == "evidence":
                col.error(path, line, "missing evidence (the verbatim quote from the source)")
            else:
                col.error(path, line, f"missing value in required column {name!r}")
        if missing:
            continue
        rec = build(cells, path, line) if build is not None else None
        if rec is not None:
            records.append(rec)
            continue
        data = {k: cells[where[k]] for k in keys}
        try:
            records.append(model(**data, **fixed, file=path, line=line))
        except ValidationError as exc:
            for msg in _pydantic_messages(exc):
                col.error(path, line, msg)
    return records


def _read(directory: Path, encoding: str | None, col: _Collector) -> dict[str, Records]:
    voc = vocab.load()
    tables: dict[str, Records] = {}
    for name, spec in voc.files.items():
        path = directory / name
        shown = str(path)
        if not path.exists():
            continue
        try:
            table = read_records(path, encoding, lazy=True)  # the text kept, not every record's cells
        except ReadError as exc:
            col.issues.append(exc.issue())
            continue
        missing = [c for c in spec.required if c not in table.header]
        for c in missing:
            col.error(shown, 1, f"missing required column {c!r}")
        for c in table.header:
            if c not in spec.columns:
                col.warn(shown, 1, f"unknown column {c!r} is ignored")
        if not missing:
            tables[name] = table
    for other in sorted(directory.glob("*.csv")):
        if other.name not in voc.files and other.name != DECISIONS:
            col.warn(str(other), 0, "not a graphkit file; ignored")
    return tables


@dataclass
class _Pass:
    """What the passes share: the issues, and what is known to be broken or missing.

    Ids that exist in rows with errors, and files that could not be read at all, are
    not reported again when something refers to them (one mistake, one message)."""

    col: _Collector
    broken: set[str]
    node_files_unreadable: bool
    sources_unreadable: bool
    sources: dict[str, Source] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)
    kinds: dict[str, set[str]] = field(default_factory=dict)  # every kind some folder gives an id

    def check_sources(self, rec: Any) -> None:
        for sid in rec.sources:
            if sid not in self.sources and not self.sources_unreadable and sid not in self.broken:
                self.col.error(rec.file, rec.line, f"unknown source {sid!r} in column 'sources'")


@dataclass
class _FolderRows:
    folder: Folder
    order: int
    sources: list[Source]
    people: list[Node]
    orgs: list[Node]
    rels: list[Relationship]
    events: list[Event]
    claims: list[Claim]


def check(
    directories: str | Path | list[str | Path] | tuple[str | Path, ...],
    encoding: str | None = None,
    decisions: str | Path | None = None,
) -> tuple[Dataset | None, list[Issue]]:
    """Validate one or several data folders (see :mod:`graphkit.ingest.folders`) as one
    dataset. Return the dataset (None on error) and all issues."""
    with young_collections_only():
        return _check(directories, encoding, decisions)


def _check(
    directories: str | Path | list[str | Path] | tuple[str | Path, ...],
    encoding: str | None,
    decisions: str | Path | None,
) -> tuple[Dataset | None, list[Issue]]:
    voc = vocab.load()
    folders, decision_files = expand(directories)
    if decisions is not None:
        if not Path(decisions).is_file():
            raise ReadError("no such decisions file", str(decisions))
        decision_files.append(Path(decisions))
    col = _Collector()
    broken: set[str] = set()
    person_kind = next(k for k, n in voc.nodes.items() if n.file == "people.csv")
    found: list[_FolderRows] = []
    present: set[str] = set()
    unreadable: set[str] = set()
    reader = CellReader()  # one for every folder: each distinct cell of a field read once
    for order, folder in enumerate(folders):
        tables = _read(folder.path, encoding, col)
        present |= {n for n in voc.files if (folder.path / n).exists()}
        unreadable |= {n for n in voc.files if n not in tables and (folder.path / n).exists()}

        def rows(name: str, model: type[BaseModel], tables=tables, **fixed: Any) -> list[Any]:
            table = tables.pop(name, None)  # read once: its records can go when its rows are built
            return _rows(table, model, col, broken, reader, **fixed) if table is not None else []

        found.append(
            _FolderRows(
                folder,
                order,
                rows("sources.csv", Source),
                rows("people.csv", Node, kind=person_kind),
                rows("organisations.csv", Node),
                rows("relationships.csv", Relationship),
                rows("events.csv", Event),
                rows("claims.csv", Claim),
            )
        )
    for name in REQUIRED_FILES:
        if name not in present:
            where = folders[0].path / name
            col.error(
                str(where), 0, "missing file" if len(folders) == 1 else "missing file (in every folder)"
            )
            unreadable.add(name)
    for f in found:
        for rec in [*f.sources, *f.people, *f.orgs, *f.events, *f.claims]:
            broken.discard(rec.id)
    ctx = _Pass(
        col,
        broken,
        node_files_unreadable=bool(unreadable & {"people.csv", "organisations.csv", "events.csv"}),
        sources_unreadable="sources.csv" in unreadable,
    )
    ctx.sources = combine.merge_sources(
        [(s, f.folder.name) for f in found for s in f.sources], col.issues.append
    )
    for f in found:
        _unique(f.sources, col)
    # every row checked against its own ids first: one folder's mistakes, one folder's messages
    known: dict[str, Node] = {}
    for f in found:
        _node_pass(ctx, f.people, f.orgs, f.events)
        for nid, node in ctx.nodes.items():
            known.setdefault(nid, node)
            ctx.kinds.setdefault(nid, set()).add(node.kind)
    ctx.nodes = known
    decided, problems = decisions_mod.read(decision_files, encoding)
    col.issues.extend(problems)
    kinds = {n.id: n.kind for n in ctx.nodes.values() if n.kind != "Event"}
    renames, problems = decisions_mod.merges(decided, kinds, person_kind)
    col.issues.extend(problems)
    published = {sid: _published(s) for sid, s in ctx.sources.items()}
    good_rels: list[tuple[Relationship, Relationship, _FolderRows]] = []  # (as written, renamed, folder)
    for f in found:
        good = _relationship_pass(ctx, [*f.rels, *_event_links(f.events)])
        good_rels.extend((r, _renamed(r, renames), f) for r in good)
        del good
        f.rels = []  # the rows live on in good_rels only, to go once they are facts
    for f in found:
        _claim_pass(ctx, f.claims)
    _warn_duplicate_people([p for f in found for p in f.people], col, decisions_mod.decided_pairs(decided))
    if col.errors:
        return None, sorted(col.issues)
    disagreements: list[Disagreement] = []
    nodes = _merge_nodes(found, renames, col, disagreements)
    relationships = []
    keys: set[str] = set()
    for item in _facts(good_rels, published):
        if type(item) is tuple:  # the only row about its ends
            merged, found_disputes = combine.single_fact(*item), []
        else:
            merged, found_disputes = combine.merge_fact(item)
        first_key = merged.key
        key, n = first_key, 1
        while key in keys:  # two facts the rows tell apart by what the key leaves out (status)
            n += 1
            key = f"{first_key}#{n}"
        if key != first_key:
            merged = merged.model_copy(update={"fact_key": key})
            found_disputes = [d.model_copy(update={"key": key}) for d in found_disputes]
        keys.add(key)
        relationships.append(merged)
        disagreements.extend(found_disputes)
    _date_events(nodes, relationships)
    claims, claim_disputes = combine.merge_claims(
        [
            (
                c.model_copy(update={"subject": renames.get(c.subject, c.subject)}),
                f.folder.name,
                max((published.get(s, "") for s in c.sources), default=""),
            )
            for f in found
            for c in f.claims
        ]
    )
    disagreements.extend(claim_disputes)
    paths = {f.name: f.path for f in folders}
    for d in disagreements:  # a warning at the latest row, naming every row
        last = d.values[-1]
        name, _, line = last.at.rpartition(":")
        col.warn(str(paths[last.folder] / PurePath(name).name), int(line or 0), d.describe())
    if col.errors:
        return None, sorted(col.issues)
    dataset = Dataset(
        directory=" ".join(str(f.path) for f in folders) if len(folders) > 1 else str(folders[0].path),
        sources=ctx.sources,
        nodes=nodes,
        relationships=relationships,
        events=[e for f in found for e in f.events],
        claims=claims,
        warnings=sorted(col.warnings),
        folders=[f.name for f in folders],
        folders_of=_folders_of(found, renames),
        decided=[(d.id_a, d.id_b) for d in decided],
        disagreements=disagreements,
    )
    return dataset, sorted(col.issues)


def _facts(
    good_rels: list[tuple[Relationship, Relationship, _FolderRows]], published: dict[str, str]
) -> Iterator[tuple[Relationship, str] | list[combine.Row]]:
    """The facts of the good relationship rows (:func:`combine.facts`): ``(relationship,
    folder)`` for a row that is a fact by itself, the rows of the fact otherwise.
    ``good_rels`` is emptied as it goes."""
    latest: dict[tuple[str, ...], str] = {}  # sources -> the latest publication day among them

    def row(item: tuple[Relationship, Relationship, _FolderRows]) -> combine.Row:
        written, r, f = item
        day = latest.get(written.sources)
        if day is None:
            day = latest[written.sources] = max((published.get(s, "") for s in written.sources), default="")
        return combine.Row(
            rel=r, folder=f.folder.name, order=f.order, published=day, origin=(written.source, written.target)
        )

    for fact in combine.facts(good_rels, _ends, row):
        if type(fact) is tuple:
            yield fact[1], fact[2].folder.name
        else:
            yield fact


def _ends(item: tuple[Relationship, Relationship, _FolderRows]) -> tuple[str, str, str]:
    r = item[1]
    return r.type, r.source, r.target


def _folders_of(found: list[_FolderRows], renames: dict[str, str]) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = {"node": {}, "source": {}, "claim": {}}
    for f in found:
        name = f.folder.name
        for n in [*f.people, *f.orgs, *f.events]:
            nid = renames.get(n.id, n.id)
            if name not in out["node"].setdefault(nid, []):
                out["node"][nid].append(name)
        for what, recs in (("source", f.sources), ("claim", f.claims)):
            for r in recs:
                if name not in out[what].setdefault(r.id, []):
                    out[what][r.id].append(name)
    return out


def _published(source: Source) -> str:
    d = dates.parse(source.published)
    return (d.latest or d.earliest or dt.date.min).isoformat() if (d.latest or d.earliest) else ""


def _renamed(r: Relationship, renames: dict[str, str]) -> Relationship:
    if not renames:
        return r
    a, b = renames.get(r.source, r.source), renames.get(r.target, r.target)
    return r if (a, b) == (r.source, r.target) else r.model_copy(update={"source": a, "target": b})


def _merge_nodes(
    found: list[_FolderRows], renames: dict[str, str], col: _Collector, disagreements: list[Disagreement]
) -> dict[str, Node]:
    """People, organisations and events of every folder, one per id (after the decisions)."""
    kinds = vocab.load().nodes
    rows: dict[str, Any] = {}  # id -> its only node, or its rows (a list) when there are more
    where: dict[str, tuple[str, str]] = {}  # id -> (folder, id as written) of its only node
    for f in found:
        for node in [*f.people, *f.orgs, *_event_nodes(f.events)]:
            if node.kind not in kinds:
                continue
            new = renames.get(node.id, node.id) if renames else node.id
            rec = node if new == node.id else node.model_copy(update={"id": new})
            seen = rows.get(new)
            if seen is None:
                rows[new] = rec
                where[new] = (f.folder.name, node.id)
                continue
            if type(seen) is not list:
                seen = rows[new] = [combine.EntityRow(seen, *where.pop(new))]
            seen.append(combine.EntityRow(rec, f.folder.name, node.id))
    out: dict[str, Node] = {}
    for nid, same in rows.items():
        if type(same) is not list:  # one row: the node as it is (combine.merge_entity of one row)
            out[nid] = same
            continue
        node, found_disputes = combine.merge_entity(same, col.issues.append)
        out[nid] = node
        disagreements.extend(found_disputes)
    return out


def _date_events(nodes: dict[str, Node], relationships: list[Relationship]) -> None:
    """An event's date is its (combined) link's date."""
    link = vocab.load().type_for("event")
    for r in relationships:
        if r.type == link and r.target in nodes and nodes[r.target].date != r.start:
            nodes[r.target] = nodes[r.target].model_copy(update={"date": r.start})


def _node_pass(ctx: _Pass, people: list[Node], orgs: list[Node], events: list[Event]) -> None:
    """Organisation kinds, unique ids across people, organisations and events, their sources."""
    org_kinds = vocab.load().organisation_kinds
    for o in orgs:
        if o.kind not in org_kinds:
            ctx.col.error(
                o.file, o.line, f"unknown node kind {o.kind!r} (expected one of: {', '.join(org_kinds)})"
            )
    event_nodes = _event_nodes(events)
    ctx.nodes = _unique([*people, *(o for o in orgs if o.kind in org_kinds), *event_nodes], ctx.col)
    for n in [*people, *orgs, *event_nodes]:
        ctx.check_sources(n)


def _event_nodes(events: list[Event]) -> list[Node]:
    return [
        Node(
            id=e.id,
            kind="Event",
            name=e.summary,
            name_en=e.summary_en,
            sources=e.sources,
            note=e.note,
            event_type=e.event_type,
            date=e.date,
            file=e.file,
            line=e.line,
        )
        for e in events
    ]


def _event_links(events: list[Event]) -> list[Relationship]:
    """One relationship from each event's organisation to the event (``HAD_EVENT``)."""
    link = vocab.load().type_for("event")
    return [
        Relationship(
            type=link,
            source=e.org,
            target=e.id,
            start=e.date,
            status=e.status,
            sources=e.sources,
            evidence=e.evidence,
            file=e.file,
            line=e.line,
        )
        for e in events
    ]


def _relationship_pass(ctx: _Pass, rels: list[Relationship]) -> list[Relationship]:
    """Every relationship checked; the good ones returned (exact duplicates are errors)."""
    seen: dict[str, Relationship] = {}
    good: list[Relationship] = []
    ends = _type_ends()
    kinds = _end_kinds(ctx)
    for r in rels:
        ctx.check_sources(r)
        ok = _relationship_ok(ctx, r, ends, kinds)
        key = r.key
        first = seen.get(key)
        if first is not None:
            ctx.col.error(
                r.file,
                r.line,
                f"duplicate relationship {r.type} {r.source} -> {r.target} (first at {first.file}:{first.line})",
            )
            ok = False
        else:
            seen[key] = r
        if ok:
            good.append(r)
    del seen
    _warn_repeated_stints(good, ctx.col)
    return good


def _type_ends() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Each relationship type's allowed source and target kinds."""
    return {
        name: (frozenset(t.sources), frozenset(t.targets)) for name, t in vocab.load().relationships.items()
    }


def _end_kinds(ctx: _Pass) -> dict[str, frozenset[str]]:
    """The kinds each known node id can be at the end of a relationship: every kind some
    folder gives it (its own kind if none). Few distinct sets, shared: one look-up per end."""
    shared: dict[frozenset[str], frozenset[str]] = {}
    out: dict[str, frozenset[str]] = {}
    for nid, node in ctx.nodes.items():
        k = ctx.kinds.get(node.id)
        k = frozenset((node.kind,) if k is None else k)
        out[nid] = shared.setdefault(k, k)
    return out


def _relationship_ok(
    ctx: _Pass,
    r: Relationship,
    ends: dict[str, tuple[frozenset[str], frozenset[str]]] | None = None,
    kinds: dict[str, frozenset[str]] | None = None,
) -> bool:
    """A known type, known ends of the kinds the type allows, and an end no earlier than the start.
    (``ends``: :func:`_type_ends`, ``kinds``: :func:`_end_kinds`, when the caller has them.)"""
    voc = vocab.load()
    col, ok = ctx.col, True
    rtype, source, target = r.type, r.source, r.target
    spec = voc.relationships.get(rtype)
    if spec is None:
        col.error(
            r.file,
            r.line,
            f"unknown relationship type {rtype!r} (expected one of: {', '.join(voc.relationships)})",
        )
        ok = False
    if kinds is None:
        kinds = _end_kinds(ctx)
    ka, kb = kinds.get(source), kinds.get(target)  # None: not a known node
    if ka is None or kb is None:
        for column, ref in (("from", source), ("to", target)):
            if ref not in kinds:
                what = "org" if rtype == voc.type_for("event") else column
                if not ctx.node_files_unreadable and ref not in ctx.broken:
                    col.error(r.file, r.line, f"unknown node {ref!r} in column {what!r}")
                ok = False
    if ok and spec:
        sources, targets = (ends or _type_ends())[rtype]
        if sources.isdisjoint(ka) or targets.isdisjoint(kb):
            a, b = ctx.nodes[source], ctx.nodes[target]
            col.error(
                r.file,
                r.line,
                f"{rtype} cannot go from {a.kind} {a.id!r} to {b.kind} {b.id!r} "
                f"(expected {' or '.join(spec.sources)} -> {' or '.join(spec.targets)})",
            )
            ok = False
    start, end = r.start, r.end
    if start and end:
        s, e = dates.parse(start), dates.parse(end)
        if s.earliest and e.latest and e.latest < s.earliest:
            col.error(r.file, r.line, f"end {end!r} is before start {start!r}")
            ok = False
    return ok


def _claim_pass(ctx: _Pass, claims: list[Claim]) -> None:
    _unique(claims, ctx.col)
    for c in claims:
        ctx.check_sources(c)
        if c.subject not in ctx.nodes and not ctx.node_files_unreadable and c.subject not in ctx.broken:
            ctx.col.error(c.file, c.line, f"unknown node {c.subject!r} in column 'subject'")


def _stint_span(r: Relationship) -> tuple[dt.date, dt.date]:
    """The days a relationship can cover: from its start's first day to its end's last day."""
    lo = (dates.parse(r.start).earliest if r.start else None) or dt.date.min
    hi = (dates.parse(r.end).latest if r.end else None) or dt.date.max
    return lo, hi


def _warn_repeated_stints(rels: list[Relationship], col: _Collector) -> None:
    """Warn about rows that are probably one stint written twice: the same type, ends
    and role, with dates that overlap. (Rows that are the same in every column are an
    error; the same ends and role at separate times is a re-hire, which is fine.)"""
    groups: dict[tuple[str, str, str, str], Any] = {}  # a row alone, or the rows (a list)
    for r in rels:
        k = (r.type, r.source, r.target, r.role or "")
        seen = groups.get(k)
        if seen is None:
            groups[k] = r
        elif type(seen) is list:
            seen.append(r)
        else:
            groups[k] = [seen, r]
    for same in groups.values():
        if type(same) is not list:
            continue  # a row alone with its type, ends and role repeats nothing
        for i, later in enumerate(same[1:], 1):
            lo, hi = _stint_span(later)
            for first in same[:i]:
                flo, fhi = _stint_span(first)
                if lo <= fhi and flo <= hi:
                    col.warn(
                        later.file,
                        later.line,
                        f"{later.type} {later.source} -> {later.target} may repeat the row at "
                        f"{first.file}:{first.line} (same role, overlapping dates)",
                    )
                    break


def _unique(records: list[Any], col: _Collector) -> dict[str, Any]:
    """Index records by id; a repeated id is an error that names the first one."""
    out: dict[str, Any] = {}
    for rec in records:
        if rec.id in out:
            first = out[rec.id]
            col.error(
                rec.file, rec.line, f"duplicate id {rec.id!r} (first defined at {first.file}:{first.line})"
            )
        else:
            out[rec.id] = rec
    return out


def load_dataset(
    directories: str | Path | list[str | Path] | tuple[str | Path, ...],
    encoding: str | None = None,
    decisions: str | Path | None = None,
) -> Dataset:
    """Validate the data folders and return their dataset, or raise :class:`InvalidData`."""
    dataset, issues = check(directories, encoding, decisions)
    if dataset is None:
        raise InvalidData(issues)
    return dataset


def name_key(name: str) -> str:
    """A comparison key for a person's name: toneless pinyin, lower case, no spaces."""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(name)).lower().replace(" ", "").replace("-", "")


def _where(first: Node, later: Node) -> str:
    """Where ``first`` is, as seen from ``later``'s row: its line, or its file and line."""
    return f"line {first.line}" if first.file == later.file else f"{first.file}:{first.line}"


def _warn_duplicate_people(
    people: list[Node], col: _Collector, decided: set[frozenset[str]] = frozenset()
) -> None:
    """Warn when one person seems to be entered twice under different ids (and no
    decision says whether they are)."""
    from rapidfuzz import fuzz

    named = list({p.id: p for p in reversed(people) if not p.unnamed}.values())[
        ::-1
    ]  # a repeated id is an error
    by_name: dict[str, list[Node]] = defaultdict(list)
    for p in named:
        by_name[p.name].append(p)
    reported: set[tuple[str, str]] = set()
    for same in by_name.values():
        for later in same[1:]:
            first = same[0]
            if frozenset((first.id, later.id)) in decided:
                continue
            reported.add((first.id, later.id))
            col.warn(
                later.file,
                later.line,
                f"{later.id!r} may be the same person as {first.id!r} ({_where(first, later)}): same name {later.name}",
            )
    blocks: dict[str, list[tuple[str, Node]]] = defaultdict(list)
    for p in named:
        key = name_key(p.name)
        blocks[key[:2]].append((key, p))
    for block in blocks.values():
        if len(block) > 2000:  # a huge block is not a hand-edited dataset; skip fuzzy pass
            continue
        for i, (ka, a) in enumerate(block):
            for kb, b in block[i + 1 :]:
                if frozenset((a.id, b.id)) in decided:
                    continue
                if a.name == b.name or (a.id, b.id) in reported or b.id in {y for _, y in reported}:
                    continue
                if fuzz.ratio(ka, kb) >= 90:
                    reported.add((a.id, b.id))
                    col.warn(
                        b.file,
                        b.line,
                        f"{b.id!r} may be the same person as {a.id!r} ({_where(a, b)}): similar names {a.name} / {b.name}",
                    )
