"""The records the rules of ``graphkit extract`` pass around: a sentence with its
mentions, dates and cues (:class:`Sent`), a cue (:class:`Cue`), an entity a rule
refers to (:class:`Ref`), people a count implies (:class:`Unnamed`) and a drafted
row before it is written (:class:`Row`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphkit.extract import dates as dates_mod
from graphkit.extract import text as text_mod
from graphkit.extract.entities import Entity, Mention


@dataclass(frozen=True)
class Cue:
    kind: str  # departure | join | founding | investment | recruiting | pivot | funding
    start: int
    end: int
    text: str


@dataclass
class Ref:
    """An entity a rule refers to, with how it was found."""

    entity: Entity
    how: str = "direct"  # direct | coref | inferred
    mention: Mention | None = None


@dataclass
class Unnamed:
    """People a count implies beyond those named: ``count`` of them, colleagues of
    ``anchor`` when a person is named with them, else of an organisation's staff
    (numbered after the ``named`` people named with them)."""

    count: int
    role: str | None
    anchor: Entity | None
    named: int = 0
    end: int = -1  # where the phrase that implies them ends in the sentence (-1: unknown)


@dataclass
class Sent:
    index: int
    s: text_mod.Sentence
    lang: str
    mentions: list[Mention] = field(default_factory=list)
    dates: list[dates_mod.DateMention] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    roles: list[tuple[int, int]] = field(default_factory=list)
    groups: list[tuple[int, int, str]] = field(default_factory=list)
    reported: bool = False
    title: bool = False

    @property
    def text(self) -> str:
        return self.s.text

    def persons(self) -> list[Mention]:
        return [m for m in self.mentions if m.is_person]

    def orgs(self) -> list[Mention]:
        return [m for m in self.mentions if not m.is_person and m.entity.kind != "Group"]


@dataclass
class Row:
    kind: str  # relationship | event
    values: dict[str, str]
    sent: Sent
    confidence: float
    flags: set[str]
    ends: tuple[Entity, ...]
    order: tuple[int, int]
    explicit: bool = False
