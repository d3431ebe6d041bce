"""Combining the rows of several data folders into one set of facts.

The rules (one place; the graph, the report, the page and Neo4j read the result):

* **Entities.** Rows with the same id are one entity. Names, aliases and sources join;
  a name an id merged by a decision carried becomes an alias. Two folders that give
  one id different names are a disagreement (the first folder's name is used).
* **Facts.** Rows of the same type between the same ends are one fact when their
  dates can be the same stint (start spans overlap, end spans overlap), their roles
  agree and neither is an attempt the other is not. The fact keeps every row's quote
  (its sources and verbatim sentence). The most precise agreeing date is used.
  A row that fits no fact but is the only other row about those two ends, at times
  that can meet (:func:`stints_meet`), is the same fact with a *disputed* value. One
  folder's own rows are never one fact, and neither are stints that cannot meet (a
  re-hire is two stints).
* **Disagreements** (:class:`~graphkit.schema.model.Disagreement`):

  - ``date``: start or end spans that cannot overlap;
  - ``left-or-stayed``: one source has the stint end, a source published after that
    end has it still going (no end);
  - ``role``: two different roles;
  - ``status``: an attempt against a completed fact.

  The graph carries the value of the latest-published source (never an average); the
  disagreement lists every value with its source and row, and the report gives the
  counts that depend on it as ranges.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePath
from typing import Any, TypeVar

from graphkit.schema import dates, vocab
from graphkit.schema.collect import drained
from graphkit.schema.direct import instance, with_values
from graphkit.schema.errors import Issue
from graphkit.schema.model import Alternative, Claim, Disagreement, Node, Quote, Relationship, Source

STRONGER = {"confirmed": 2, "reported": 1}


def _span(text: str | None) -> tuple[dt.date, dt.date] | None:
    if not text:
        return None
    d = dates.parse(text)
    return d.earliest or dt.date.min, d.latest or dt.date.max


def _overlap(a: str | None, b: str | None) -> bool:
    sa, sb = _span(a), _span(b)
    if sa is None or sb is None:
        return True
    return sa[0] <= sb[1] and sb[0] <= sa[1]


def _narrowest(values: list[str]) -> str:
    """The most precise of agreeing dates (the first of equally precise ones)."""
    best, width = "", None
    for v in values:
        s = _span(v)
        if s is None:
            continue
        w = (s[1].toordinal() if s[1] != dt.date.max else 10**7) - (
            s[0].toordinal() if s[0] != dt.date.min else -(10**7)
        )
        if width is None or w < width:
            best, width = v, w
    return best


def row_at(folder: str, rec: Any) -> str:
    """Where a row is, the same on every machine: ``FOLDER/FILE:LINE``."""
    return f"{folder}/{_file_name(rec.file)}:{rec.line}"


@lru_cache(maxsize=1024)
def _file_name(path: str) -> str:
    return PurePath(path).name


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


_ROLE_SEP = re.compile(r"\s*(?:[、,，/;；]|和|兼|及)\s*|\s+(?:and|&|\+)\s+")


def role_parts(role: str | None) -> frozenset[str]:
    """The titles a role names: "联合创始人、商业化负责人" -> {联合创始人, 商业化负责人}."""
    return frozenset(p for p in _ROLE_SEP.split(_norm(role)) if p)


def roles_agree(a: str | None, b: str | None) -> bool:
    """Two roles agree when either is missing or one names all the titles of the other."""
    pa, pb = role_parts(a), role_parts(b)
    return not pa or not pb or pa <= pb or pb <= pa


def rows_roles_agree(a: Relationship, b: Relationship) -> bool:
    """Two rows' roles agree when their roles agree, or one row's role or English role
    agrees with the other's English role (首席运营官 / COO, "Chief operating officer")."""
    if roles_agree(a.role, b.role):
        return True
    forms_a = [x for x in (a.role, a.role_en) if x]
    forms_b = [x for x in (b.role, b.role_en) if x]
    return any(
        roles_agree(x, y)
        for x in forms_a
        for y in forms_b
        if (x, y) != (a.role, b.role) and (x == a.role_en or y == b.role_en)
    )


@dataclass
class Row:
    """One relationship row with where it came from."""

    rel: Relationship
    folder: str
    order: int  # the folder's position
    published: str  # the latest publication day of its sources (ISO), "" if unknown
    origin: tuple[str, str]  # (from, to) before identity decisions

    @property
    def quote(self) -> Quote:
        return quote_of(self.rel, self.folder)

    def alternative(self, value: str) -> Alternative:
        return Alternative(
            value=value,
            sources=self.rel.sources,
            folder=self.folder,
            at=row_at(self.folder, self.rel),
            published=self.published,
        )


_QUOTE_FIELDS = set(Quote.model_fields)  # the fields set of every quote (shared, never changed)


def quote_of(rel: Relationship, folder: str) -> Quote:
    """The quote of one relationship row of ``folder`` (its values are valid already: the
    record's own and two strings)."""
    return instance(
        Quote,
        {"sources": rel.sources, "evidence": rel.evidence, "folder": folder, "at": row_at(folder, rel)},
        _QUOTE_FIELDS,
    )


def single_fact(rel: Relationship, folder: str) -> Relationship:
    """The fact one row of ``folder`` tells when no other row is about its ends:
    :func:`merge_fact` of that row alone."""
    return with_values(rel, {"quotes": (quote_of(rel, folder),)})


def stayed_after(end: str | None, published: str) -> bool:
    """Whether a source published on ``published`` that shows the stint still going
    contradicts an end of ``end``: it does when it was published after the end's last day."""
    s = _span(end)
    if s is None or not published or s[1] == dt.date.max:
        return False
    return dt.date.fromisoformat(published) > s[1]


def _left_or_stayed(left: Row, stayed: Row) -> bool:
    return bool(left.rel.end) and not stayed.rel.end and stayed_after(left.rel.end, stayed.published)


def conflicts(a: Row, b: Row) -> list[tuple[str, str]]:
    """The ``(field, kind)`` pairs on which two rows about the same ends disagree."""
    out: list[tuple[str, str]] = []
    ra, rb = a.rel, b.rel
    if ra.start and rb.start and not _overlap(ra.start, rb.start):
        out.append(("start", "date"))
    if ra.end and rb.end:
        if not _overlap(ra.end, rb.end):
            out.append(("end", "date"))
    elif _left_or_stayed(a, b) or _left_or_stayed(b, a):
        out.append(("end", "left-or-stayed"))
    if not rows_roles_agree(ra, rb):
        out.append(("role", "role"))
    if (ra.status == "attempted") != (rb.status == "attempted"):
        out.append(("status", "status"))
    return out


@dataclass
class _Fact:
    rows: list[Row] = field(default_factory=list)

    def accepts(self, row: Row) -> bool:
        """One folder never tells one fact twice with rows about the same ids."""
        return all((r.folder, r.origin) != (row.folder, row.origin) for r in self.rows)


def stints_meet(a: Row, b: Row) -> bool:
    """Whether two rows' stints can share a day: from the first day the start allows to
    the last day the end allows (an unknown start or end is open). Stints that cannot
    meet (one ended before the other began) are two stints, never one disputed fact,
    and so are two starts that cannot be the same (a re-hire, a role change), unless
    both rows give ends that can be the same (one stint, its start disputed)."""
    if a.rel.start and b.rel.start and not _overlap(a.rel.start, b.rel.start):
        # different starts: two stints, unless both ends are given and can be the same
        return bool(a.rel.end and b.rel.end and _overlap(a.rel.end, b.rel.end))
    sa, ea = _span(a.rel.start), _span(a.rel.end)
    sb, eb = _span(b.rel.start), _span(b.rel.end)
    lo_a, hi_a = sa[0] if sa else dt.date.min, ea[1] if ea else dt.date.max
    lo_b, hi_b = sb[0] if sb else dt.date.min, eb[1] if eb else dt.date.max
    return lo_a <= hi_b and lo_b <= hi_a


def group_facts(rows: list[Row]) -> list[list[Row]]:
    """Rows grouped into facts (see the module's rules), in the order facts first appear."""
    facts: list[_Fact] = []
    by_ends: dict[tuple[str, str, str], list[_Fact]] = defaultdict(list)
    per_folder: dict[tuple[str, str, str, str], int] = defaultdict(int)
    for row in rows:
        per_folder[(row.rel.type, row.rel.source, row.rel.target, row.folder)] += 1
    for row in rows:
        ends = (row.rel.type, row.rel.source, row.rel.target)
        open_facts = [f for f in by_ends[ends] if f.accepts(row)]
        fact = next((f for f in open_facts if not any(conflicts(r, row) for r in f.rows)), None)
        if (
            fact is None
            and len(by_ends[ends]) == 1
            and len(open_facts) == 1
            and per_folder[(*ends, row.folder)] == 1
            and all(stints_meet(r, row) for r in open_facts[0].rows)
        ):
            fact = open_facts[0]  # the only row each side, at times that meet: one fact, disputed
        if fact is None:
            fact = _Fact()
            facts.append(fact)
            by_ends[ends].append(fact)
        fact.rows.append(row)
    return [f.rows for f in facts]


T = TypeVar("T")


def facts(items: list[T], ends: Callable[[T], Hashable], row: Callable[[T], Row]) -> Iterator[T | list[Row]]:
    """The facts of relationship rows in reading order, as :func:`group_facts` groups them
    and in its order: an item that is the only one about its ``ends`` (type, source,
    target) is a fact by itself, which group_facts would find too (no other row to join),
    and comes back as the item, with no :class:`Row` made for it (most rows of a big
    dataset); the items that share their ends are made into Rows (``row``) and grouped,
    and each fact comes back as its rows, where its first row was. ``items`` is emptied
    as it goes, so each row can be freed once it is a fact."""
    told = Counter(map(ends, items))
    shared = {i: row(item) for i, item in enumerate(items) if told[ends(item)] > 1}
    del told
    grouped = {id(rows[0]): rows for rows in group_facts(list(shared.values()))}
    for i, item in enumerate(drained(items)):  # each row goes once it is a fact
        made = shared.pop(i, None)
        if made is None:
            yield item
        else:
            rows = grouped.pop(id(made), None)
            if rows is not None:  # the first row of its fact
                yield rows


def _latest(rows: list[Row]) -> Row:
    """The row of the latest-published source (the later folder on a tie)."""
    return max(rows, key=lambda r: (r.published, r.order))


def _subject(rel: Relationship) -> str:
    return f"{rel.type} {rel.source} -> {rel.target}"


def merge_fact(rows: list[Row]) -> tuple[Relationship, list[Disagreement]]:
    """One fact from its rows: every quote, the agreed or latest values, the disagreements."""
    first = rows[0].rel
    if len(rows) == 1:
        return single_fact(first, rows[0].folder), []
    disputes: dict[str, str] = {}
    for i, a in enumerate(rows):
        for b in rows[i + 1 :]:
            for fld, kind in conflicts(a, b):
                if disputes.get(fld) != "date":
                    disputes[fld] = kind
    latest = _latest(rows).rel
    values: dict[str, Any] = {}
    for fld in ("start", "end"):
        given = [getattr(r.rel, fld) for r in rows if getattr(r.rel, fld)]
        values[fld] = getattr(latest, fld) if fld in disputes else (_narrowest(given) or None)
    role_row = (
        latest
        if "role" in disputes
        else max((r.rel for r in rows), key=lambda rel: len(role_parts(rel.role)))
    )
    values["role"] = role_row.role
    # a disputed role keeps its own English role (never the English of a role it disputes)
    values["role_en"] = (
        role_row.role_en
        if "role" in disputes
        else role_row.role_en or next((r.rel.role_en for r in rows if r.rel.role_en), None)
    )
    if "role" in disputes:
        values["role_category"] = role_row.role_category
    else:
        cats = [c for r in rows for c in r.rel.role_category]
        values["role_category"] = tuple(dict.fromkeys(cats))
    if "status" in disputes:
        values["status"] = latest.status
    else:
        values["status"] = max((r.rel.status for r in rows), key=lambda s: STRONGER.get(s, 0))
    values["sources"] = tuple(dict.fromkeys(s for r in rows for s in r.rel.sources))
    notes = [r.rel.note for r in rows if r.rel.note]
    values["note"] = " | ".join(dict.fromkeys(notes)) or None
    values["quotes"] = tuple(r.quote for r in rows)
    values["disputed"] = tuple(f for f in ("start", "end", "role", "status") if f in disputes)
    values["fact_key"] = first.key
    merged = first.model_copy(update=values)
    out = []
    for fld in merged.disputed:
        alts = []
        for r in rows:
            v = getattr(r.rel, fld) or ""
            alts.append(r.alternative(v))
        out.append(
            Disagreement(
                kind=disputes[fld],
                subject=_subject(merged),
                key=first.key,
                field=fld,
                values=tuple(alts),
                used=str(getattr(merged, fld) or ""),
            )
        )
    return merged, out


# ----------------------------------------------------------------- entities
@dataclass
class EntityRow:
    node: Node
    folder: str
    original: str  # the id before identity decisions


def merge_entity(rows: list[EntityRow], issue: Callable[[Issue], None]) -> tuple[Node, list[Disagreement]]:
    """One person, organisation or event from the rows that share its id."""
    canon = next((r for r in rows if r.original == r.node.id), rows[0])
    node = canon.node
    if len(rows) == 1:
        return node, []
    aliases = list(node.aliases)
    merged_ids: list[str] = list(node.merged_ids)
    sources = list(node.sources)
    notes = [node.note] if node.note else []
    update: dict[str, Any] = {}
    given: dict[str, tuple[Any, Node, str]] = {}
    out: list[Disagreement] = []
    names = {node.name, node.name_en or ""}
    for r in rows:
        if r is canon:
            continue
        other = r.node
        orgs = vocab.load().organisation_kinds
        if other.kind != node.kind and other.kind in orgs and node.kind in orgs:
            # two organisation kinds for one organisation: the sources disagree
            out.append(
                Disagreement(
                    kind="value",
                    subject=f"{node.kind} {node.id}",
                    key=node.id,
                    field="kind",
                    values=(
                        Alternative(
                            value=node.kind,
                            sources=node.sources,
                            folder=canon.folder,
                            at=row_at(canon.folder, node),
                        ),
                        Alternative(
                            value=other.kind,
                            sources=other.sources,
                            folder=r.folder,
                            at=row_at(r.folder, other),
                        ),
                    ),
                    used=node.kind,
                )
            )
        elif other.kind != node.kind:
            issue(
                Issue(
                    other.file,
                    other.line,
                    f"{other.id!r} is a {other.kind} here but a {node.kind} at {node.file}:{node.line}",
                )
            )
            continue
        sources.extend(other.sources)
        if other.note:
            notes.append(other.note)
        if r.original != node.id:  # merged by a decision: its names are aliases
            merged_ids.append(r.original)
            aliases.extend(n for n in (other.name, other.name_en or "", *other.aliases) if n)
            continue
        aliases.extend(other.aliases)
        for fld in ("name", "name_en", "category"):
            # the value so far, and the row that gave it (the canonical row, or the first
            # later row that filled a blank)
            mine, by, by_folder = given.get(fld) or (getattr(node, fld), node, canon.folder)
            theirs = getattr(other, fld)
            if theirs and not mine:
                update[fld] = theirs
                given[fld] = (theirs, other, r.folder)
            elif mine and theirs and mine != theirs:
                if fld != "category":
                    aliases.append(theirs)
                out.append(
                    Disagreement(
                        kind="name" if fld != "category" else "value",
                        subject=f"{node.kind} {node.id}",
                        key=node.id,
                        field=fld,
                        values=(
                            Alternative(
                                value=mine,
                                sources=by.sources,
                                folder=by_folder,
                                at=row_at(by_folder, by),
                            ),
                            Alternative(
                                value=theirs,
                                sources=other.sources,
                                folder=r.folder,
                                at=row_at(r.folder, other),
                            ),
                        ),
                        used=mine,
                    )
                )
    names |= {update.get("name", ""), update.get("name_en", "")}
    update["aliases"] = tuple(a for a in dict.fromkeys(aliases) if a and a not in names)
    update["merged_ids"] = tuple(dict.fromkeys(m for m in merged_ids if m != node.id))
    update["sources"] = tuple(dict.fromkeys(sources))
    update["note"] = " | ".join(dict.fromkeys(notes)) or None
    return node.model_copy(update=update), out


def merge_sources(found: list[tuple[Source, str]], issue: Callable[[Issue], None]) -> dict[str, Source]:
    """Sources by id; one source listed in two folders must be listed the same way."""
    out: dict[str, Source] = {}
    where: dict[str, str] = {}
    for src, folder in found:
        first = out.get(src.id)
        if first is None:
            out[src.id] = src
            where[src.id] = folder
            continue
        if where[src.id] == folder:
            continue  # a repeated id within one folder is reported by the folder's own check
        a = first.model_dump(exclude={"file", "line"})
        b = src.model_dump(exclude={"file", "line"})
        if a != b:
            diff = ", ".join(k for k in a if a[k] != b[k])
            issue(
                Issue(
                    src.file,
                    src.line,
                    f"source {src.id!r} is described differently at {first.file}:{first.line} ({diff})",
                )
            )
    return out


def merge_claims(found: list[tuple[Claim, str, str]]) -> tuple[list[Claim], list[Disagreement]]:
    """Claims by id across folders: the same claim from two sources joins its sources;
    two different values are a disagreement (the latest source's claim is kept)."""
    by_id: dict[str, list[tuple[Claim, str, str]]] = {}
    for item in found:
        by_id.setdefault(item[0].id, []).append(item)
    out: list[Claim] = []
    disagreements: list[Disagreement] = []
    for items in by_id.values():
        first = items[0][0]
        if len(items) == 1:
            out.append(first)
            continue
        said = {(c.subject, c.metric, c.value, c.period) for c, _, _ in items}
        sources = tuple(dict.fromkeys(s for c, _, _ in items for s in c.sources))
        if len(said) == 1:
            out.append(first.model_copy(update={"sources": sources}))
            continue
        latest = max(items, key=lambda it: it[2])[0]
        out.append(latest)
        disagreements.append(
            Disagreement(
                kind="value",
                subject=f"claim {first.id}",
                key=first.id,
                field="value",
                values=tuple(
                    Alternative(
                        value=f"{c.value} {c.metric} ({c.period or 'any time'})",
                        sources=c.sources,
                        folder=folder,
                        at=row_at(folder, c),
                        published=pub,
                    )
                    for c, folder, pub in items
                ),
                used=f"{latest.value} {latest.metric} ({latest.period or 'any time'})",
            )
        )
    return out, disagreements
