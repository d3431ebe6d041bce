"""Typed records of a dataset (pydantic v2).

Values arrive as CSV strings. The models coerce them (lists split on ``;``,
booleans, EDTF dates checked) and carry the ``file``/``line`` they came from.
Which columns are required, and which kinds and types exist, is declared in
``vocabulary.toml`` and checked by :mod:`graphkit.ingest.validate`.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from graphkit.schema import dates, vocab

_TRUE = {"true", "yes", "1", "y", "是"}
_FALSE = {"false", "no", "0", "n", "否", ""}


def split_list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v).strip() for v in value if str(v).strip())
    sep = vocab.load().list_separator
    return tuple(part.strip() for part in str(value).split(sep) if part.strip())


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)

    file: str = ""
    line: int = 0

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value


def _check_date(value: str | None) -> str | None:
    if value:
        try:
            dates.parse(value)
        except dates.BadDate as exc:
            raise ValueError(str(exc)) from None
    return value


def _check_status(value: str | None) -> str | None:
    allowed = vocab.load().statuses
    if value is not None and value not in allowed:
        raise ValueError(f"unknown status {value!r} (expected one of: {', '.join(allowed)})")
    return value


def _check_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = "" if value is None else str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"expected true or false, got {value!r}")


class Source(Record):
    id: str
    title: str
    publisher: str
    published: str
    retrieved: str | None = None
    url: str | None = None
    language: str | None = None
    note: str | None = None

    _dates = field_validator("published", "retrieved")(_check_date)


class Node(Record):
    """A person or organisation (Company, Startup, Investor, Group) or event node."""

    id: str
    kind: str
    name: str
    name_en: str | None = None
    aliases: tuple[str, ...] = ()
    unnamed: bool = False
    category: str | None = None
    sources: tuple[str, ...] = ()
    note: str | None = None
    # Event nodes only
    event_type: str | None = None
    date: str | None = None
    # ids merged into this one by a person's decision (decisions.csv)
    merged_ids: tuple[str, ...] = ()

    _lists = field_validator("aliases", "sources", mode="before")(split_list)
    _bool = field_validator("unnamed", mode="before")(_check_bool)


class Quote(BaseModel):
    """One source's support for a fact: its source ids, its verbatim sentence, and where
    the row is (``folder``, ``at`` = ``file:line``)."""

    model_config = ConfigDict(frozen=True)

    sources: tuple[str, ...]
    evidence: str
    folder: str = ""
    at: str = ""


class Relationship(Record):
    type: str
    source: str = Field(alias="from")
    target: str = Field(alias="to")
    role: str | None = None
    role_en: str | None = None
    role_category: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None
    status: str
    sources: tuple[str, ...]
    evidence: str
    note: str | None = None

    # Filled when the folders are combined (graphkit.ingest.combine): every source's
    # quote for this fact, and the fields on which the sources disagree.
    quotes: tuple[Quote, ...] = ()
    disputed: tuple[str, ...] = ()
    fact_key: str = ""  # a combined fact keeps the key of its first row

    _lists = field_validator("role_category", "sources", mode="before")(split_list)
    _dates = field_validator("start", "end")(_check_date)
    _status = field_validator("status")(_check_status)

    @field_validator("role_category")
    @classmethod
    def _categories(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        allowed = vocab.load().role_categories
        for item in value:
            if item not in allowed:
                raise ValueError(f"unknown role category {item!r} (expected one of: {', '.join(allowed)})")
        return value

    @property
    def key(self) -> str:
        """A stable identity: what the row says (type, ends, role) and when (start, end).

        A person may hold two roles at one organisation, or the same role twice
        (a re-hire), so the dates are part of the identity. Two rows with the same
        key say the same thing: that is a duplicate. A fact combined from several rows
        keeps its first row's key, whatever values the combination settled on."""
        if self.fact_key:
            return self.fact_key
        return (
            f"{self.type}:{self.source}->{self.target}:{self.role or ''}:{self.start or ''}:{self.end or ''}"
        )


class Event(Record):
    id: str
    org: str
    event_type: str
    summary: str
    summary_en: str | None = None
    date: str | None = None
    status: str
    sources: tuple[str, ...]
    evidence: str
    note: str | None = None

    _lists = field_validator("sources", mode="before")(split_list)
    _dates = field_validator("date")(_check_date)
    _status = field_validator("status")(_check_status)


class Claim(Record):
    """A number the source states, such as '12 executive changes'."""

    id: str
    subject: str
    metric: str
    value: int
    period: str | None = None
    sources: tuple[str, ...]
    evidence: str
    note: str | None = None

    _lists = field_validator("sources", mode="before")(split_list)
    _dates = field_validator("period")(_check_date)


class Alternative(BaseModel):
    """What one source says about a disputed field."""

    model_config = ConfigDict(frozen=True)

    value: str
    sources: tuple[str, ...]
    folder: str
    at: str
    published: str = ""


class Disagreement(BaseModel):
    """Two or more sources that say different things about one fact or entity.

    ``kind`` is one of: date, left-or-stayed, role, status, name, value. ``used`` is the
    value the graph carries (the latest source's); the counts that depend on it are
    given as ranges by the report."""

    model_config = ConfigDict(frozen=True)

    kind: str
    subject: str  # what it is about, e.g. "WORKED_AT zhang-fan -> zhipu"
    key: str  # the fact's key or the entity's id
    field: str
    values: tuple[Alternative, ...]
    used: str

    def describe(self) -> str:
        said = "; ".join(f"{a.value or '(none)'} ({', '.join(a.sources)}, {a.at})" for a in self.values)
        return f"sources disagree on {self.field} of {self.subject}: {said}"


class Dataset(BaseModel):
    """A validated dataset: every reference resolves and every date parses."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    directory: str
    sources: dict[str, Source]
    nodes: dict[str, Node]
    relationships: list[Relationship]
    events: list[Event]
    claims: list[Claim]
    warnings: list[Any] = []
    folders: list[str] = []
    disagreements: list[Disagreement] = []
    # which folders hold the row(s) of each entity, source and claim: {"node"|"source"|"claim": {id: [folder]}}
    folders_of: dict[str, dict[str, list[str]]] = {}
    # pairs of ids a person has decided on (same or different), from the decisions files
    decided: list[tuple[str, str]] = []

    def counts(self) -> dict[str, int]:
        """Node counts per kind and relationship counts per type, as in the graph."""
        out: dict[str, int] = {}
        for node in self.nodes.values():
            out[node.kind] = out.get(node.kind, 0) + 1
        for rel in self.relationships:
            out[rel.type] = out.get(rel.type, 0) + 1
        out["Source"] = len(self.sources)
        out["Claim"] = len(self.claims)
        return out
