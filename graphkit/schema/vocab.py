"""The vocabulary: node kinds, relationship types, files and their columns.

It is declared once, as data, in ``vocabulary.toml`` beside this module. The
validator, the graph builder, the Neo4j loader and the HTML legend read it
from here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class NodeKind:
    name: str
    label_zh: str
    colour: str
    shape: str
    file: str


@dataclass(frozen=True)
class RelType:
    name: str
    label_zh: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    colour: str
    dashes: bool
    meaning: str
    career: str = ""  # "job", "arrival" or "" (not part of a career)
    analysis: str = ""  # "founding", "investment", "membership", "approach", "event" or ""


@dataclass(frozen=True)
class FileSpec:
    name: str
    record: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    dates: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    bools: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


@dataclass(frozen=True)
class Vocabulary:
    nodes: dict[str, NodeKind]
    relationships: dict[str, RelType]
    files: dict[str, FileSpec]
    statuses: tuple[str, ...]
    role_categories: tuple[str, ...]
    list_separator: str = ";"
    organisation_kinds: tuple[str, ...] = field(default=())
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fact_date: tuple[str, ...] = ("end", "start")

    def group(self, name: str) -> tuple[str, ...]:
        """A named set of kinds or types from ``[groups]`` (e.g. ``employers``)."""
        return self.groups[name]

    def type_for(self, analysis: str) -> str:
        """The relationship type the analyses read as ``analysis`` (e.g. ``investment``)."""
        return next(name for name, r in self.relationships.items() if r.analysis == analysis)

    def career_types(self, role: str) -> tuple[str, ...]:
        """Relationship types whose ``career`` is ``role`` ("job" or "arrival")."""
        return tuple(name for name, r in self.relationships.items() if r.career == role)


@cache
def load() -> Vocabulary:
    """Return the vocabulary declared in ``vocabulary.toml``."""
    return parse(resources.files("graphkit.schema").joinpath("vocabulary.toml").read_text("utf-8"))


def parse(text: str) -> Vocabulary:
    """A vocabulary from the text of a ``vocabulary.toml``."""
    raw = tomllib.loads(text)
    nodes = {name: NodeKind(name=name, **spec) for name, spec in raw["nodes"].items()}
    rels = {
        name: RelType(
            name=name,
            label_zh=spec["label_zh"],
            sources=tuple(spec["from"]),
            targets=tuple(spec["to"]),
            colour=spec["colour"],
            dashes=spec["dashes"],
            meaning=spec["meaning"],
            career=spec.get("career", ""),
            analysis=spec.get("analysis", ""),
        )
        for name, spec in raw["relationships"].items()
    }
    files = {
        name: FileSpec(
            name=name,
            record=spec["record"],
            required=tuple(spec["required"]),
            optional=tuple(spec.get("optional", ())),
            dates=tuple(spec.get("dates", ())),
            lists=tuple(spec.get("lists", ())),
            bools=tuple(spec.get("bools", ())),
        )
        for name, spec in raw["files"].items()
    }
    org_kinds = tuple(k for k, n in nodes.items() if n.file == "organisations.csv")
    return Vocabulary(
        nodes=nodes,
        relationships=rels,
        files=files,
        statuses=tuple(raw["statuses"]),
        role_categories=tuple(raw["role_categories"]),
        list_separator=raw.get("list_separator", ";"),
        organisation_kinds=org_kinds,
        groups={k: tuple(v) for k, v in raw.get("groups", {}).items()},
        fact_date=tuple(raw.get("fact_date", ("end", "start"))),
    )
