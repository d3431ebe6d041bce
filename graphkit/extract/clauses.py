"""Clause rules of ``graphkit extract``: who a clause is about when the sentence does not
say it next to the cue, and dates relative to another date of the sentence.

* "Besides A and B, ..." / "除A和B外，…": A and B are set aside, not the people who move.
* "they", "the pair", "二人" before a cue: the people named together just before
  (the agents of the last sentence that had several), never an organisation.
* "…离开的还有一位负责海外市场的副总裁": unnamed people right after a departure cue.
* "Corvane lost its head of sales, Ben Adeyemi": the organisation is the subject, the
  person the object; the person's stint there ends.
* "with a third co-founder, a former Lumora researcher": the unnamed companion worked
  at that organisation in that role.
* "in March ... the following month", "上个月…同月": a date relative to the sentence's
  earlier date is resolved against it ("the following month" of March 2025 is April).
* People at analysts, consultancies and brokers comment on moves; a role there is no
  stint to record (:data:`graphkit.extract.lexicon.OBSERVER_ORG_SUFFIXES`).

Used as a mixin of :class:`graphkit.extract.extract._Extractor`.
"""

from __future__ import annotations

import re

from graphkit.extract import dates as dates_mod
from graphkit.extract import entities as ent
from graphkit.extract import lexicon as lx
from graphkit.extract.entities import Entity
from graphkit.extract.model import Cue, Ref, Sent, Unnamed

# A date stated relative to the sentence's previous date: (pattern, unit, offset).
_RELATIVE = (
    (re.compile(r"^(?:the\s+)?(?:following|next)\s+month$|^a\s+month\s+later$|^次月$", re.I), "month", 1),
    (re.compile(r"^(?:the\s+)?(?:same|that)\s+month$|^同月$|^当月$", re.I), "month", 0),
    (re.compile(r"^(?:the\s+)?(?:following|next)\s+year$|^a\s+year\s+later$|^次年$|^翌年$", re.I), "year", 1),
    (re.compile(r"^(?:the\s+)?(?:same|that)\s+year$|^同年$|^当年$", re.I), "year", 0),
)
_EXTRA_RELATIVE = {
    "en": re.compile(
        r"\b(?:the\s+same\s+month|that\s+same\s+month|a\s+month\s+later|the\s+same\s+year)\b", re.I
    ),
    "zh": re.compile(r"同月|当月|同年|当年"),
}
_MONTH = re.compile(r"^(\d{4})-(\d{2})~?$")
_YEAR = re.compile(r"^(\d{4})")


def shift(anchor: str, unit: str, offset: int) -> str | None:
    """``anchor`` (an EDTF month or year) moved by ``offset`` units; None if it cannot be."""
    m = _MONTH.match(anchor)
    if unit == "month":
        if not m:
            return None
        y, mo = int(m.group(1)), int(m.group(2)) - 1 + offset
        return f"{y + mo // 12:04d}-{mo % 12 + 1:02d}"
    y = _YEAR.match(anchor)
    return f"{int(y.group(1)) + offset:04d}" if y else None


def resolve_relative(found: list[dates_mod.DateMention], text: str, lang: str) -> list[dates_mod.DateMention]:
    """Dates like "the following month" / 次月 / 同月, resolved against the last explicit
    date before them in the sentence (kept unresolved when there is none)."""
    out = list(found)
    for m in _EXTRA_RELATIVE[lang].finditer(text):
        if not any(d.start <= m.start() < d.end for d in out):
            out.append(dates_mod.DateMention(m.start(), m.end(), m.group(), "", (dates_mod.AMBIGUOUS,)))
    out.sort(key=lambda d: d.start)
    for i, d in enumerate(out):
        if d.edtf:
            continue
        words = " ".join(d.text.split())
        rule = next(((u, k) for pat, u, k in _RELATIVE if pat.search(words)), None)
        if rule is None:
            continue
        anchor = next(
            (a for a in reversed(out[:i]) if a.edtf and not a.edtf.startswith("..") and "/" not in a.edtf),
            None,
        )
        value = shift(anchor.edtf, *rule) if anchor is not None else None
        if value:
            out[i] = dates_mod.DateMention(d.start, d.end, d.text, value, ())
    return out


class ClauseRules:
    """Clause rules for :class:`graphkit.extract.extract._Extractor` (module docstring)."""

    # ------------------------------------------------------------- besides

    def _set_aside(self, sent: Sent) -> set[int]:
        """Ids of the person mentions inside "besides …" / "除…外"."""
        out: set[int] = set()
        for m in lx.BESIDES[self.lang].finditer(sent.text):
            s, e = m.span(1)
            out |= {id(p) for p in sent.persons() if s <= p.start and p.end <= e}
        return out

    # ------------------------------------------------------------- "they"

    def _plural_subject(self, sent: Sent, cue: Cue) -> list[Ref]:
        """ "Within weeks they had founded …", "二人随后创办": the people named together
        before — the agents of the last sentence (up to three back) with two or more."""
        text = sent.text
        clause_start = max((m.end() for m in re.finditer(r"[;；。]", text[: cue.start])), default=0)
        prons = [
            m
            for m in ent.coreference_phrases("people", self.lang).finditer(text, clause_start, cue.start)
            if not text.startswith("的", m.end())  # 他们的离职: their departures, told before
        ]
        if not prons:
            return []
        if any(p.end <= cue.start and p.start >= prons[-1].end() for p in sent.persons()):
            return []  # a name nearer the cue is its subject
        # people named in this sentence before the pronoun, as one list
        same = [p for p in sent.persons() if p.end <= prons[-1].start()]
        if len(same) >= 2:
            return [Ref(p.entity, "coref") for p in same]
        # people (named or not) a clause of this sentence is already about: "…还有两名算法工程师，二人也已加入"
        here: list[Entity] = []
        for r in self.rows:
            if (
                r.sent is sent
                and r.kind == "relationship"
                and r.ends[0].is_person
                and r.order[1] < prons[-1].start()
                and r.ends[0] not in here
            ):
                here.append(r.ends[0])
        if len(here) >= 2:
            return [Ref(e, "unnamed" if e.unnamed else "coref") for e in here]
        for back in range(1, 4):
            k = sent.index - back
            if k < 0:
                break
            people: list[Entity] = []
            for r in self.rows:
                e = r.ends[0]
                mover = r.kind == "relationship" and e.is_person and not e.unnamed
                if r.sent.index == k and mover and e not in people:
                    people.append(e)
            if len(people) >= 2:
                people.sort(key=lambda e: self.first_mention.get(id(e), (0, 0)))
                return [Ref(e, "coref") for e in people]
            if people:
                return []
        return []

    # ------------------------------------------------------------- unnamed after a cue

    def _unnamed_after_cue(self, sent: Sent, cue: Cue) -> Unnamed | None:
        """ "过去半年离开的还有一位负责海外市场的副总裁": people, none named, after the cue."""
        if self.lang != "zh":
            return None
        m = re.match(
            rf"(?:了)?的(?:还有|另有|也有|还包括)({lx.ZH_NUMBER})(?:{'|'.join(lx.ZH_PERSON_MEASURES)})",
            sent.text[cue.end :],
        )
        if not m:
            return None
        n = lx.parse_number(m.group(1))
        if not n or n > 20:
            return None
        at = cue.end + m.end()
        limit = re.search(r"[，,。；;]", sent.text[at:])
        end = at + (limit.start() if limit else len(sent.text) - at)
        role = next((sent.text[s:e] for s, e in sent.roles if at <= s and e <= end), None)
        if role is not None:
            head = sent.text[at : next(s for s, e in sent.roles if sent.text[s:e] == role)]
            if re.fullmatch(r"(?:负责|主管|分管)[^，,。；;]{1,12}的", head):
                role = head + role  # 负责海外市场的副总裁
        # 与潘越一同离开的还有…: colleagues of the person they left with
        clause = max((x.end() for x in re.finditer(r"[，,；;：:。]", sent.text[: cue.start])), default=0)
        anchor = next(
            (
                p.entity
                for p in sent.persons()
                if clause <= p.start
                and p.end <= cue.start
                and re.search(r"(?:随|跟随|跟着|与|和|同)$", sent.text[clause : p.start])
            ),
            None,
        )
        return Unnamed(n, role, anchor)

    # ------------------------------------------------------------- loss

    def _loss(self, sent: Sent, cue: Cue, date, attrs: dict) -> None:
        """ "Corvane also lost its head of sales, Ben Adeyemi": WORKED_AT person -> the
        subject organisation, ending then. Only a person right after the cue (a role,
        its/their, commas between) counts: "lost ground", "lost money" are no one's exit."""
        org = self._subject_org(sent, cue)
        if org is None:
            return
        text = sent.text
        after = [p for p in sent.persons() if p.start >= cue.end]
        if not after:
            return
        p = after[0]
        gap = list(text[cue.end : p.start])
        for s, e in sent.roles:
            if cue.end <= s and e <= p.start:
                for k in range(s - cue.end, e - cue.end):
                    gap[k] = " "
        rest = "".join(gap)
        en_ok = re.fullmatch(r"\s*(?:(?:its|their|the|a|an|his|her)\s+)?(?:former\s+)?\s*,?\s*|\s*", rest)
        if not en_ok and not (self.lang == "zh" and re.fullmatch(r"(?:其)?\s*", rest)):
            return
        edtf, dflags, explicit = date
        at = attrs.get(id(p), {})
        self._relationship(
            sent,
            "WORKED_AT",
            Ref(p.entity, "direct", p),
            org,
            self._role_fields(at.get("role")),
            end=edtf,
            date_flags=dflags,
            explicit=explicit,
            role_adjacent=bool(at.get("role")),
        )
        if explicit:
            self.departure_date.setdefault(id(p.entity), edtf)

    # ------------------------------------------------------------- companions

    def _companion_background(self, sent: Sent, spec: Unnamed, people: list[Entity]) -> None:
        """ "together with a third co-founder, a former Lumora researcher": the unnamed
        companion worked at that organisation in that role (undated)."""
        if spec.end < 0 or len(people) != 1:
            return
        text = sent.text
        m = re.match(r"\s*,\s*(?:a|an|the)?\s*(former\s+|ex-|onetime\s+)?", text[spec.end :])
        if not m:
            return
        at = spec.end + m.end()
        org = next((o for o in sent.orgs() if o.start == at), None)
        if org is None:
            return
        role = next(
            (
                text[s:e]
                for s, e in sent.roles
                if org.end <= s and re.fullmatch(r"(?:'s|’s)?\s*", text[org.end : s])
            ),
            None,
        )
        if role is None:
            return
        self._relationship(
            sent,
            "WORKED_AT",
            Ref(people[0], "unnamed"),
            Ref(org.entity, "direct", org),
            self._role_fields(role),
            no_default=True,
            role_adjacent=True,
        )

    # ------------------------------------------------------------- observers

    def _observer(self, e: Entity) -> bool:
        """An analyst firm, a consultancy, a broker: "Dana Whitfield, an analyst at Orrin Research"."""
        return any(
            e.name.endswith(s) or e.name.endswith(" " + s) for s in lx.OBSERVER_ORG_SUFFIXES[self.lang]
        )
