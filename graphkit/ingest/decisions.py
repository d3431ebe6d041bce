"""A person's identity decisions: which ids are one entity.

``decisions.csv`` has the columns of ``graphkit resolve``'s candidates file
(``id_a,id_b,name_a,name_b,score,reasons,decision``); only ``id_a``, ``id_b`` and
``decision`` are read. ``same`` merges ``id_b`` into ``id_a``; ``different`` records
that they are two entities (and ``resolve`` stops proposing the pair); an empty
decision is not decided yet and changes nothing. Nothing is merged without a
``same``: a score alone never merges.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graphkit.ingest.read import read_table
from graphkit.schema.errors import Issue, ReadError

REQUIRED = ("id_a", "id_b", "decision")
VALUES = ("same", "different")


@dataclass(frozen=True)
class Decision:
    id_a: str
    id_b: str
    decision: str
    file: str
    line: int

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.id_a, self.id_b))


def read(paths: list[Path], encoding: str | None = None) -> tuple[list[Decision], list[Issue]]:
    """The decided rows of every decisions file (undecided rows are skipped), and the
    problems found in them."""
    out: list[Decision] = []
    issues: list[Issue] = []
    for path in paths:
        shown = str(path)
        try:
            table = read_table(path, encoding)
        except ReadError as exc:
            issues.append(exc.issue())
            continue
        missing = [c for c in REQUIRED if c not in table.header]
        if missing:
            issues.extend(Issue(shown, 1, f"missing required column {c!r}") for c in missing)
            continue
        for row in table.rows:
            a, b = row.values.get("id_a", ""), row.values.get("id_b", "")
            decision = row.values.get("decision", "").strip().lower()
            if not decision:
                continue
            if decision not in VALUES:
                issues.append(
                    Issue(
                        shown, row.line, f"unknown decision {decision!r} (expected same, different or empty)"
                    )
                )
                continue
            if not a or not b:
                issues.append(Issue(shown, row.line, "a decision needs both id_a and id_b"))
                continue
            if a == b:
                issues.append(Issue(shown, row.line, f"id_a and id_b are the same id {a!r}"))
                continue
            out.append(Decision(a, b, decision, shown, row.line))
    return out, issues


def merges(
    decisions: list[Decision], kinds: dict[str, str], person_kind: str = "Person"
) -> tuple[dict[str, str], list[Issue]]:
    """``{merged id: the id it merges into}`` from the ``same`` decisions, in order.

    ``kinds`` maps every known id to its node kind. An unknown id, a person decided
    with an organisation, or a ``different`` that the ``same`` decisions contradict is
    an issue. (Two organisation kinds may be merged: the kept id's kind is used and
    the other is a disagreement.)"""
    families = {i: ("person" if k == person_kind else "organisation") for i, k in kinds.items()}
    issues: list[Issue] = []
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while x in parent:
            x = parent[x]
        return x

    usable: list[Decision] = []
    for d in decisions:
        bad = False
        for column, ref in (("id_a", d.id_a), ("id_b", d.id_b)):
            if ref not in families:
                issues.append(Issue(d.file, d.line, f"unknown id {ref!r} in column {column!r}"))
                bad = True
        if not bad and families[d.id_a] != families[d.id_b]:
            issues.append(
                Issue(
                    d.file,
                    d.line,
                    f"cannot decide between {d.id_a!r} ({families[d.id_a]}) and {d.id_b!r} "
                    f"({families[d.id_b]}): only people with people, organisations with organisations",
                )
            )
            bad = True
        if not bad:
            usable.append(d)
    seen: dict[frozenset[str], Decision] = {}
    for d in usable:
        first = seen.get(d.pair)
        if first is not None and first.decision != d.decision:
            issues.append(
                Issue(
                    d.file,
                    d.line,
                    f"contradicts the decision at {first.file}:{first.line} ({first.decision})",
                )
            )
        seen.setdefault(d.pair, d)
    for d in usable:
        if d.decision == "same":
            ra, rb = root(d.id_a), root(d.id_b)
            if ra != rb:
                parent[rb] = ra
    for d in usable:
        if d.decision == "different" and root(d.id_a) == root(d.id_b):
            issues.append(
                Issue(
                    d.file,
                    d.line,
                    f"{d.id_a!r} and {d.id_b!r} are decided different here, but 'same' decisions "
                    "elsewhere join them",
                )
            )
    return {x: root(x) for x in parent}, issues


def different_pairs(decisions: list[Decision]) -> set[frozenset[str]]:
    return {d.pair for d in decisions if d.decision == "different"}


def decided_pairs(decisions: list[Decision]) -> set[frozenset[str]]:
    return {d.pair for d in decisions}
