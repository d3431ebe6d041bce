"""``graphkit extract``: draft a graphkit data folder from one article's text, offline.

The draft is for a person to edit: every row quotes its sentence verbatim
(``evidence == article[span]``) and says how sure the rules are (``confidence``) and
why not surer (``flags``: new_entity, ambiguous_date, ambiguous_person, inferred_org,
unnamed, coreference, known).

How an article becomes rows:

1. Sentences (:mod:`graphkit.extract.text`); a first line that looks like a headline
   (no final punctuation) gives names but no rows.
2. Discovery: people and organisations are found in every sentence with a cue, a role
   title or a group name (:func:`graphkit.extract.entities.find_mentions`); new names
   join a draft gazetteer, so that a name learnt anywhere is recognised everywhere.
   English: a person's surname and an organisation's first word become aliases
   ("Chen", "Arcfield") when nothing else shares them.
3. Relations, sentence by sentence, from the cues of :mod:`graphkit.extract.lexicon`:

   * Who a cue is about: the people just after it when 的 follows it ("此前离职的…洪涛"),
     else the nearest person before it (not a speaker: "分析师张强认为，…") with the
     people listed with them ("首席战略官张阔、副总裁曲滕…离职"), else a pronoun before it
     that resolves to one person, else the people after 包括/including; plus unnamed
     people a count implies ("王冠等三位", "3位…离职,包括A和B", "另有一位副总裁",
     "with two colleagues", "two other engineers followed her", "The third, a …").
   * When: English, the first date after the cue, else the sentence's leading date;
     Chinese, the last date between the previous cue and this one, else the leading
     date (a dateline's date never counts). A date the text does not state exactly
     (此前, ``../P``) is not explicit. None: ``../published`` with ``ambiguous_date``;
     a join keeps no start (graphkit dates an undated arrival by its move); a founding
     takes the founder's dated departure first; an investment the venture's start.
   * Departure -> ``WORKED_AT`` person->org with ``end``: the cue's object (离开X,
     "left X", "left the company"), else the organisation before the person's role
     (智谱首席运营官张帆, "Zhipu's COO", 其…负责人, "its CFO"), else the sentence's topic,
     the article's topic organisation or the previous sentence's one (``inferred_org``).
   * Join -> ``JOINED`` to the organisation after the cue (with "as <role>"/担任<role>);
     "joined X from Y", a role at another organisation or, for people described by a
     role, the article's organisation: the stint there ends. "X hired Y": Y joined X.
   * Appointment (改任, "was promoted to") -> ``WORKED_AT`` with ``start`` and the new role.
   * Founding -> ``FOUNDED`` to the startup named after the cue (创办了X, 创办的X,
     "co-founded X"), else one unnamed venture shared by the people of the cue.
   * Investment -> ``INVESTED_IN`` investor->venture (在X支持下, X领投, 由X领投,
     获得X的投资, 投资方为X, "backed by X", "led by X", "X led", "X invested in"); the
     venture is the one founded in the sentence, a startup named in it, or the last
     venture of the article ("the new company").
   * Recruiting -> ``APPROACHED`` org->person, ``attempted``.
   * "X系" -> ``WORKED_AT`` person->X, ``reported``, undated.
   * In a sentence about moves, a person named with a role at an organisation
     ("MiniMax的商业化合伙人兼副总裁魏伟") worked there: undated, or ``../published``
     when the role is a former one (前/原/former).
   * "A、B、C这五家公司" with a group named in the article, "one of the Bay Four",
     "作为…六小龙中" -> ``MEMBER_OF`` org->group.
   * Pivots (转向/放弃/裁撤, "pivoted", "abandoning") and funding rounds (完成…融资,
     "raised … round") -> events.csv rows of the clause's organisation.
   * ``reported`` when the sentence says 据报道/被曝/知情人士/"reportedly"/"is said to".
   * Clause rules (:mod:`graphkit.extract.clauses`): "besides A"/除A外 sets A aside;
     "they"/二人 are the people just named; "离开的还有一位…" implies unnamed people;
     "X lost its head of sales, Y" ends Y's stint at X; "together with a third
     co-founder, a former X researcher"; "the following month"/同月 against the
     sentence's date; "said … that X had led"; "did not take part" is no investment;
     "join the start-up" is the article's venture; a person named with a role in a
     sentence with no move holds it now, unless at an analyst firm or consultancy.
4. Clean-up (:mod:`graphkit.extract.draft`): exact duplicates go (the first kept, with the highest confidence); a
   later row that repeats an earlier fact (same type and ends) with no better date
   goes too, an earlier one with no explicit date gives way to a dated one; a
   founder's unnamed venture gives way to the startup the article names; a row the
   vocabulary does not allow (an investment into a known Company) is dropped.
   Known entities the rows use are copied from their folder (``known``); every row
   and node names only this draft's source.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from graphkit.extract import dates as dates_mod
from graphkit.extract import entities as ent
from graphkit.extract import lexicon as lx
from graphkit.extract import text as text_mod
from graphkit.extract.clauses import ClauseRules, resolve_relative
from graphkit.extract.draft import (  # noqa: F401  (columns, write_draft: the package's API)
    AMBIGUOUS_DATE,
    COREFERENCE,
    KNOWN,
    NEW_ENTITY,
    PUBLISHER_UNKNOWN,
    Draft,
    DraftWriter,
    columns,
    write_draft,
)
from graphkit.extract.draft import (
    GAN as _GAN,
)
from graphkit.extract.entities import Entity, Gazetteer, Mention
from graphkit.extract.model import Cue, Ref, Row, Sent, Unnamed

# =============================================================== sentence analysis


_PERSON_CUES = ("departure", "join", "appointment", "founding")
_RELATION_CUES = ("departure", "join", "appointment", "hire", "loss", "founding", "investment", "recruiting")
_EVENT_CUES = tuple(lx.EVENTS)
_SEP_ZH = "、和与及"
_FOLLOW_CUES = ("followed", "随")
_WEAK_FOUNDING = (
    "started",
    "start",
    "launched",
    "launch",
    "to start",
    "to launch",
    "building",
    "is building",
)
_DATELINE = re.compile(r"[A-Z][A-Za-z .'-]{1,40},[^-–—()]{0,30}(?:\([^)]{1,30}\))?\s*[-–—]+\s")
_COMPANION = re.compile(
    r"(?:随|跟随|跟着|与|和|同|with|alongside)\s*$"
)  # 随王磊一同加入: an anchor, not an agent
_ROLE_AFTER_TARGET = {
    "zh": re.compile(r"(?:，|,)?\s*(?:担任|出任|任)"),
    "en": re.compile(r"\s*,?\s*as\s+(?:its\s+|their\s+|the\s+|a\s+|an\s+|new\s+)*"),
}
_UNNAMED_VENTURE = re.compile(
    r"\s*(?:了)?(?:一家|一个|新的|新|her own|his own|their own|its own|a new|an? |own )", re.IGNORECASE
)
_SAID_THAT = re.compile(
    r"\b(?:said|says|announced|confirmed|disclosed|revealed|added|wrote|told\s+\w+)\b[^.;\"“”]{0,40}?\bthat\s+",
    re.IGNORECASE,
)
LATIN_VERSION = re.compile(r"-[A-Za-z]{0,3}\d[\w.]*")  # DeepSeek-V2


class _Extractor(ClauseRules, DraftWriter):
    def __init__(
        self,
        text: str,
        published: dt.date,
        source_id: str,
        known: Gazetteer | None,
        lang: str,
        title: str | None,
    ):
        self.article = text
        self.published = published
        self.source_id = source_id
        self.lang = text_mod.detect_language(text) if lang == "auto" else lang
        self.gaz = known.copy() if known is not None else Gazetteer()
        self.title = title
        self.rows: list[Row] = []
        self.sents: list[Sent] = []
        self.first_mention: dict[int, tuple[int, int]] = {}  # id(entity) -> article span
        self.venture_of: dict[int, Entity] = {}  # id(person) -> their venture in this draft
        self.venture_start: dict[int, tuple[str, bool]] = {}  # id(venture) -> (start, explicit)
        self.departure_date: dict[int, str] = {}  # id(person) -> explicit end date
        self.unnamed_count: dict[str, int] = {}
        self.group_entity: Entity | None = None
        self.last_venture: Entity | None = None
        self.topic: Entity | None = None  # the organisation the article is about
        self.pending_count: tuple | None = None  # "Three senior people left X": (org, n, date)
        self._unnamed_cache: dict[str, list[Entity]] = {}

    # ------------------------------------------------------------------ passes

    def run(self) -> Draft:
        with ent.session():
            return self._run()

    def _run(self) -> Draft:
        lang = self.lang
        ent.add_words((n, e.kind) for e in self.gaz.entities for n in e.names())
        spans = text_mod.sentences(self.article, lang)
        title_line = self._title_line(spans)
        for i, s in enumerate(spans):
            sent = Sent(i, s, lang, title=(i == 0 and title_line))
            sent.cues = self._cues(s.text)
            sent.roles = [m.span() for m in lx.role_pattern(lang).finditer(s.text)]
            sent.reported = bool(lx.cue_pattern("reported", lang).search(s.text))
            sent.groups = self._group_mentions(s.text)
            self.sents.append(sent)
        # pass 1: discover names (sentences with something to say)
        for sent in self.sents:
            if self._relevant(sent):
                for m in ent.find_mentions(sent.text, lang, self.gaz):
                    self._register(m, sent)
        self._add_short_names()
        # pass 2: mentions with every name known, then the rules
        for sent in self.sents:
            relevant = self._relevant(sent)
            sent.mentions = ent.find_mentions(sent.text, lang, self.gaz, new_names=relevant)
            sent.mentions = [self._canonical(m, sent) for m in sent.mentions]
            sent.mentions = [m for m in sent.mentions if not self._inside_role_or_cue(m, sent)]
            sent.roles = self._trim_roles(sent)
        self._choose_group()
        self.topic = self._article_topic()
        for sent in self.sents:
            if sent.title or (not sent.cues and not sent.groups and not sent.roles):
                continue
            sent.dates = self._dates(sent)
            if sent.cues or sent.groups:
                self._sentence(sent)
            else:
                self._ordinal(sent)
                self._current_roles(sent)
        return self._draft()

    def _current_roles(self, sent: Sent) -> None:
        """A sentence with no move: "Owen Hale, Lumora's chief executive, said ...",
        "墨言智能创始人兼CEO江远表示": the person's current role there (undated)."""
        persons = sent.persons()
        if persons:
            attrs = {id(p): self._attributes(sent, p) for p in persons}
            self._appositions(sent, persons, attrs, set())

    def _dates(self, sent: Sent) -> list[dates_mod.DateMention]:
        """The sentence's dates, less those of a news agency's dateline ("SAN FRANCISCO, June 3 (Reuters) -")."""
        found = dates_mod.find_dates(sent.text, self.published, self.lang)
        line = _DATELINE.match(sent.text)
        if line:
            found = [d for d in found if d.start >= line.end()]
        return resolve_relative(found, sent.text, self.lang)

    def _article_topic(self) -> Entity | None:
        """The organisation named most often (at least twice, more than any other)."""
        counts: dict[int, int] = {}
        ents_: dict[int, Entity] = {}
        for sent in self.sents:
            for m in sent.orgs():
                counts[id(m.entity)] = counts.get(id(m.entity), 0) + 1
                ents_[id(m.entity)] = m.entity
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        return ents_[ranked[0][0]]

    def _title_line(self, spans: list[text_mod.Sentence]) -> bool:
        if not spans:
            return False
        first = spans[0]
        line_end = self.article.find("\n", first.start)
        ends_line = line_end == -1 or self.article[first.end : line_end].strip() == ""
        final = first.text.rstrip()[-1:] in "。！？.!?\"”'’"
        return ends_line and not final and len(first.text) <= 200 and len(spans) > 1

    def _relevant(self, sent: Sent) -> bool:
        return bool(sent.cues or sent.roles or sent.groups)

    def _cues(self, text: str) -> list[Cue]:
        found: list[Cue] = []
        for kind in (*_RELATION_CUES, *_EVENT_CUES):
            for m in lx.cue_pattern(kind, self.lang).finditer(text):
                if self.lang == "zh" and text[m.end() : m.end() + 1] in ("潮", "率"):
                    continue  # 离职潮, 离职率: talk about departures, not one
                if kind == "departure" and not self._a_departure(text, m):
                    continue
                if (
                    kind == "departure"
                    and self.lang == "zh"
                    and text.startswith(lx.ZH_DEPARTURE_NOUN_TAILS, m.end())
                ):
                    continue  # 离职时间, 离职原因: a noun, not a move
                found.append(Cue(kind, m.start(), m.end(), m.group()))
        found.sort(key=lambda c: (c.start, -(c.end - c.start)))
        out: list[Cue] = []
        for c in found:
            # the same words can be two kinds ("投资支持"): keep all kinds, but not a cue inside a longer one of its kind
            if any(o.kind == c.kind and o.start <= c.start and c.end <= o.end for o in out):
                continue
            out.append(c)
        return out

    def _a_departure(self, text: str, m: re.Match[str]) -> bool:
        """Whether a departure cue is someone leaving: not "离开市场", "left little doubt"."""
        if self.lang == "zh":
            return not text.startswith(lx.ZH_NOT_LEFT, m.end())
        if m.group().lower() in (
            "left",
            "leaves",
            "leaving",
            "has left",
            "have left",
            "had left",
            "quit",
            "quits",
        ):
            return lx.EN_LEFT_OBJECT.match(text, m.end()) is not None
        return True

    def _group_mentions(self, text: str) -> list[tuple[int, int, str]]:
        out = []
        pat = lx.ZH_GROUP if self.lang == "zh" else lx.EN_GROUP
        for m in pat.finditer(text):
            g = m.group(1) if m.groups() and m.group(1) else m.group()
            s = m.start(1) if m.groups() and m.group(1) else m.start()
            out.append((s, s + len(g), g))
        for s, e, e_ in self.gaz.matches(text):
            if e_.kind == "Group" and not any(a <= s < b or s <= a < e for a, b, _ in out):
                out.append((s, e, text[s:e]))
        return sorted(out)

    def _register(self, m: Mention, sent: Sent) -> None:
        if m.how in ("known", "draft"):
            return
        e = m.entity
        if self.gaz.lookup(e.name, person=e.is_person):
            return
        if not e.is_person and self.gaz.lookup(e.name, person=True):
            return  # a person's name is not an organisation's
        if e.is_person and self.gaz.lookup(e.name, person=False):
            return
        e.id = ""
        self.gaz.add(e)
        ent.add_words([(e.name, e.kind)])

    def _add_short_names(self) -> None:
        """English: a person's surname and an organisation's first word as aliases ("Chen"
        for Mia Chen, "Arcfield" for Arcfield AI), for entities named in full in the article,
        when no other such entity shares the short form."""
        if self.lang != "en":
            return
        lowered = self.article.lower()
        counts: dict[str, list[Entity]] = {}
        for e in self.gaz.entities:
            if e.unnamed or e.kind == "Group":
                continue
            full = next((n for n in e.names() if len(n.split()) >= 2 and n.lower() in lowered), None)
            if full is None:
                continue
            words = full.split()
            short = words[-1] if e.is_person else words[0]
            if short in lx.EN_NOT_NAMES or len(short) < 3 or not short[0].isupper():
                continue
            if not e.is_person and short.lower() in lx.role_index("en"):
                continue
            counts.setdefault(short, []).append(e)
        for short, ents_ in counts.items():
            if len(ents_) > 1:
                # "Quantile Systems" and its arm "Quantile Ventures": "Quantile" is the company
                ents_ = [e for e in ents_ if e.is_person or not self._investor_name(e.name)]
            if len(ents_) != 1:
                continue
            other = self.gaz.lookup(short)
            if (
                other is not None
                and not other.known
                and other.name == short
                and other.is_person == ents_[0].is_person
            ):
                self.gaz.remove(other)  # "Orion" seen alone before "Orion Robotics" was: one organisation
                other = None
            if other is None:
                self.gaz.add_alias(ents_[0], short)

    def _investor_name(self, name: str) -> bool:
        return any(name.endswith(x) for x in lx.INVESTOR_SUFFIXES[self.lang])

    def _canonical(self, m: Mention, sent: Sent) -> Mention:
        """A mention whose entity is the gazetteer's (new names were registered in pass 1)."""
        e = self.gaz.lookup(m.entity.name, person=m.is_person) or self.gaz.lookup(m.text, person=m.is_person)
        if e is None:
            e = self.gaz.lookup(m.text)
        if e is not None and e is not m.entity:
            m = Mention(m.start, m.end, m.text, e, m.how if m.how != "known" else "known", m.confidence)
        if id(m.entity) not in self.first_mention:
            self.first_mention[id(m.entity)] = (sent.s.start + m.start, sent.s.start + m.end)
        return m

    def _trim_roles(self, sent: Sent) -> list[tuple[int, int]]:
        """A role's modifiers never reach into a name: "Meta AI researchers" is Meta AI + researchers."""
        out = []
        for s, e in sent.roles:
            for m in sent.mentions:
                if m.start < s < m.end <= e:
                    s = m.end
                    while s < e and sent.text[s].isspace():
                        s += 1
            if s < e:
                out.append((s, e))
        return out

    def _inside_role_or_cue(self, m: Mention, sent: Sent) -> bool:
        """An organisation's name inside a role title ("研究院院长") is the title's."""
        return not m.entity.is_person and any(
            s <= m.start and m.end <= e and ((e - s) > (m.end - m.start) or not m.entity.known)
            for s, e in sent.roles
        )

    def _choose_group(self) -> None:
        counts: dict[str, int] = {}
        known: dict[str, Entity] = {}
        for sent in self.sents:
            for _s, _e, name in sent.groups:
                g = self.gaz.lookup(name, person=False)
                key = g.id if g is not None and g.known else name
                if g is not None and g.known:
                    known[key] = g
                counts[key] = counts.get(key, 0) + 1
        if not counts:
            return
        best = max(counts, key=lambda k: (counts[k], len(k)))
        if best in known:
            self.group_entity = known[best]
        else:
            g = self.gaz.lookup(best, person=False)
            if g is None:
                g = self.gaz.add(Entity(kind="Group", name=best))
            else:
                g.kind = "Group"
            self.group_entity = g
            for sent in self.sents:
                for s, e, name in sent.groups:
                    if name == best and id(g) not in self.first_mention:
                        self.first_mention[id(g)] = (sent.s.start + s, sent.s.start + e)

    # ------------------------------------------------------------- one sentence

    def _sentence(self, sent: Sent) -> None:
        persons = sent.persons()
        groups = self._coordination(sent, persons)
        attrs = {id(p): self._attributes(sent, p) for p in persons}
        # inherit role / org within a list
        for grp in groups:
            for a, b in itertools.pairwise(grp):
                ra, rb = attrs[id(a)], attrs[id(b)]
                if rb["org"] is None and ra["org"] is not None:
                    rb["org"] = ra["org"]
                if (
                    rb["role"] is None
                    and ra["role"] is not None
                    and not rb["role_after_own"]
                    and not ra["role_after_own"]  # "A, X's VP of product, and B": A's own role
                ):
                    rb["role"] = ra["role"]
            # a role after the list: 洪涛、焦可…等多位搜狗系核心高管
            tail = self._role_after_list(sent, grp[-1])
            if tail:
                for p in grp:
                    if attrs[id(p)]["role"] is None:
                        attrs[id(p)]["role"] = tail
        group_of = {id(p): grp for grp in groups for p in grp}
        recruited = self._recruiting(sent, attrs)
        not_agents = recruited | self._set_aside(sent)
        cue_dates: dict[int, tuple[str, tuple[str, ...], bool]] = {}
        founded_here: list[tuple[int, Entity, str, bool]] = []  # (position, venture, start, explicit)
        for ci, cue in enumerate(sent.cues):
            date = self._cue_date(sent, ci)
            cue_dates[ci] = date
            if cue.kind == "hire":
                self._hire(sent, cue, date, attrs)
                continue
            if cue.kind == "loss":
                self._loss(sent, cue, date, attrs)
                continue
            if cue.kind not in _PERSON_CUES:
                continue
            if cue.kind == "appointment" and self._active_appointment(sent, cue):
                after = [p for p in persons if p.start >= cue.end]
                agents, unnamed_specs = ([Ref(after[0].entity, "direct", after[0])] if after else []), []
            else:
                agents, unnamed_specs = self._agents(sent, cue, persons, group_of, not_agents)
            if not agents and not unnamed_specs:
                if cue.kind == "departure":
                    self._remember_count(sent, cue, date, attrs)
                continue
            if cue.kind == "departure":
                self._departure(sent, cue, ci, date, agents, unnamed_specs, attrs)
            elif cue.kind == "join":
                self._join(sent, cue, date, agents, unnamed_specs, attrs)
            elif cue.kind == "appointment":
                self._appointment(sent, cue, date, agents, attrs)
            elif cue.kind == "founding":
                v = self._founding(sent, cue, date, agents, unnamed_specs, attrs)
                if v is not None:
                    founded_here.append((cue.start, *v))
        for ci, cue in enumerate(sent.cues):
            if cue.kind == "investment":
                self._investment(sent, cue, cue_dates[ci], founded_here)
        self._background(sent, groups, attrs)
        self._appositions(sent, persons, attrs, recruited)
        self._membership(sent)
        self._events(sent, cue_dates)

    def _remember_count(self, sent: Sent, cue: Cue, date, attrs: dict) -> None:
        """ "Three senior people left Kestrel Labs in the first half": a count with no names,
        which a later "The third, a senior sales director, ..." may complete."""
        total = self._count_before(sent, cue)
        if not total:
            return
        org = self._person_org(sent, None, attrs, self._exclusions(sent), cue)
        if org is not None:
            self.pending_count = (org, total[0], date)

    def _ordinal(self, sent: Sent) -> None:
        """ "The third, a senior sales director, has not been identified": one more unnamed
        person of an earlier count ("Three senior people left X")."""
        if self.pending_count is None or not sent.roles:
            return
        org, total, date = self.pending_count
        text = sent.text
        m = lx.counting(self.lang)["ordinal"].match(text)
        if not m:
            return
        n = lx.parse_number(m.group(1)) if self.lang == "zh" else lx.EN_ORDINALS.get(m.group(1).lower())
        if not n or n > total:
            return
        s, e = sent.roles[0]
        role = text[s:e]
        edtf, dflags, explicit = date
        for person in self._unnamed_people(sent, Unnamed(1, role, None, n - 1), org.entity):
            self._relationship(
                sent,
                "WORKED_AT",
                Ref(person, "unnamed"),
                Ref(org.entity, "inferred"),
                self._role_fields(role),
                end=edtf,
                date_flags=dflags,
                explicit=explicit,
            )

    def _active_appointment(self, sent: Sent, cue: Cue) -> bool:
        """ "X appointed Y as ...", "任命Y为": the person is the object."""
        if self.lang == "en":
            return cue.text.lower() in ("appointed", "named") and not re.search(
                r"\b(?:was|were|been|be|is|are)\s*$", sent.text[: cue.start]
            )
        return False

    def _hire(self, sent: Sent, cue: Cue, date, attrs: dict) -> None:
        """ "Lumen AI hired former Google researcher Tom Becker": JOINED person -> the organisation,
        and the stint at the organisation named before their role ends."""
        org = self._subject_org(sent, cue)
        after = [p for p in sent.persons() if p.start >= cue.end]
        if org is None or not after:
            return
        p = after[0]
        edtf, dflags, explicit = date
        person = Ref(p.entity, "direct", p)
        fields = self._role_after_target(sent, p.end)
        self._relationship(
            sent,
            "JOINED",
            person,
            org,
            fields,
            start=edtf if explicit else "",
            date_flags=dflags if explicit else (),
            explicit=explicit,
            no_default=True,
        )
        prior = attrs.get(id(p), {}).get("org")
        if prior is not None and prior.entity is not org.entity:
            self._relationship(
                sent,
                "WORKED_AT",
                person,
                prior,
                self._role_fields(attrs[id(p)].get("role")),
                end=edtf,
                date_flags=dflags,
                explicit=explicit,
            )

    def _role_after_target(self, sent: Sent, at: int) -> dict[str, str]:
        """The role after a destination: "加入阿里巴巴担任…负责人", "joined X as vice president"."""
        for d in sent.dates:  # "started at Halden the following month as ..."
            if d.start >= at and sent.text[at : d.start].strip() == "":
                at = d.end
                break
        m = _ROLE_AFTER_TARGET[self.lang].match(sent.text, at)
        if m is None:
            return {}
        role = next(
            (
                sent.text[s:e]
                for s, e in sent.roles
                if m.end() <= s <= m.end() + (12 if self.lang == "zh" else 2)
            ),
            None,
        )
        return self._role_fields(role) if role else {}

    def _appointment(self, sent: Sent, cue: Cue, date, agents: list[Ref], attrs: dict) -> None:
        """ "改任天枢智能总裁", "was promoted to chief executive": a new role, a stint that starts."""
        text = sent.text
        edtf, dflags, explicit = date
        start = cue.end
        if self._active_appointment(sent, cue):
            first = agents[0].mention if agents and agents[0].mention is not None else None
            m = _ROLE_AFTER_TARGET["en"].match(text, first.end) if first is not None else None
            if m is None:
                return
            start = m.end()
        limit = start + (24 if self.lang == "zh" else 60)
        role_span = next(((s, e) for s, e in sent.roles if start <= s <= limit), None)
        if role_span is None:
            return
        org = self._object_org(sent, cue)
        if org is None or org.mention is None or org.mention.start > role_span[0]:
            org = self._org_after_role(sent, role_span) or self._org_before(sent, role_span[0]) or org
        if org is None:
            org = self._topic_org(sent, self._exclusions(sent), before=cue.start)
        if org is None:
            return
        fields = self._role_fields(text[role_span[0] : role_span[1]])
        for a in agents:
            self._relationship(
                sent,
                "WORKED_AT",
                a,
                org,
                fields,
                start=edtf if explicit else "",
                date_flags=dflags if explicit else (),
                explicit=explicit,
                no_default=True,
                role_adjacent=True,
            )

    def _appositions(self, sent: Sent, persons: list[Mention], attrs: dict, recruited: set[int]) -> None:
        """ "MiniMax的商业化合伙人兼副总裁魏伟", "Zhipu's COO Zhang Fan": a person named with a
        role at an organisation works (or, 前/former, worked) there (undated); not at an
        observer (an analyst firm: :meth:`_observer`)."""
        said = {
            (id(r.ends[0]), id(r.ends[1])) for r in self.rows if r.sent is sent and r.kind == "relationship"
        }
        for p in persons:
            at = attrs.get(id(p), {})
            org = at.get("org")
            if org is None or not at.get("role") or org.how != "direct" or id(p) in recruited:
                continue
            if (id(p.entity), id(org.entity)) in said or self._is_group(org.entity):
                continue
            if self._observer(org.entity):
                continue
            # "前百度副总裁李明", "former Meta AI researchers": the stint is over (end unknown)
            former = re.match(r"(?:前|原|former\b|ex-)", at["role"], re.IGNORECASE) or (
                org.mention is not None
                and re.search(
                    r"(?:前|原|\bformer\s+|\bex-)$",
                    sent.text[max(0, org.mention.start - 8) : org.mention.start],
                )
            )
            self._relationship(
                sent,
                "WORKED_AT",
                Ref(p.entity, "direct", p),
                org,
                self._role_fields(at["role"]),
                no_default=not former,
                role_adjacent=True,
                weak=not former,
            )

    # ---------------------------------------------------------------- structure

    def _between_is_separator(self, sent: Sent, a: Mention, b: Mention) -> bool:
        """Whether two person mentions are items of one list ("A、副总裁B", "A and B")."""
        gap = sent.text[a.end : b.start]
        # drop org mentions and roles inside the gap
        spans = [
            (m.start - a.end, m.end - a.end) for m in sent.mentions if a.end <= m.start and m.end <= b.start
        ]
        spans += [(s - a.end, e - a.end) for s, e in sent.roles if a.end <= s and e <= b.start]
        chars = list(gap)
        for s, e in spans:
            for k in range(max(0, s), min(len(chars), e)):
                chars[k] = " "
        rest = "".join(chars)
        if self.lang == "zh":
            rest = re.sub(r"(?:负责|主管|分管|掌管)[^，,。；;、]{1,15}?的", " ", rest)  # 负责生态合作的副总裁
            rest = rest.replace("的", " ").replace("前", " ").replace("原", " ")
            return bool(re.fullmatch(r"\s*(?:、|和|与|及|以及|，|,)\s*", rest))
        rest = re.sub(r"(?:'s|’s)\b", " ", rest)
        rest = re.sub(r"\b(?:the|its|former|their|our)\b", " ", rest)
        # "A, X's vice president of product, and B": the apposition leaves two commas
        return bool(re.fullmatch(r"\s*(?:,|and|&|,\s*and|,\s*,\s*and)\s*", rest))

    def _coordination(self, sent: Sent, persons: list[Mention]) -> list[list[Mention]]:
        groups: list[list[Mention]] = []
        for p in persons:
            if groups and self._between_is_separator(sent, groups[-1][-1], p):
                groups[-1].append(p)
            else:
                groups.append([p])
        return groups

    def _role_before(self, sent: Sent, p: Mention) -> tuple[int, int] | None:
        text = sent.text
        for s, e in sent.roles:
            gap = text[e : p.start]
            if e <= p.start and (gap == "" or (self.lang == "en" and re.fullmatch(r"\s*,?\s*", gap))):
                return (s, e)
        return None

    def _role_after(self, sent: Sent, p: Mention) -> tuple[int, int] | None:
        """A role in apposition after a name: "张帆，前首席运营官", "Mia Chen, the CTO of X",
        "Priya Raman, Corvane's co-founder", "Ana Ruiz, a former Lumora researcher"."""
        text = sent.text
        for s, e in sent.roles:
            gap = text[p.end : s]
            if s >= p.end and self.lang == "en":
                # an organisation inside the gap stands for its name: "X's", "a former X"
                for o in reversed(sent.orgs()):
                    if p.end <= o.start and o.end <= s:
                        gap = gap[: o.start - p.end] + "ORG" + gap[o.end - p.end :]
                gap = re.sub(r"ORG\s*(?:'s|’s)?\s*$", " ", gap, count=1)
            if s >= p.end:
                if self.lang == "zh" and re.fullmatch(r"[，,]\s*(?:前|原|现任)?", gap):
                    return (s, e)
                if self.lang == "en" and re.fullmatch(
                    r"\s*,\s*(?:the|a|an|its|their|our)?\s*(?:former\s+|then\s+)?", gap
                ):
                    return (s, e)
        return None

    def _org_before(self, sent: Sent, pos: int, allow_de: bool = True) -> Ref | None:
        """The organisation named right before ``pos`` (with 的/'s between), or 其/its."""
        text = sent.text
        for m in reversed(sent.orgs()):
            if m.end > pos:
                continue
            gap = text[m.end : pos]
            if (
                gap == ""
                or (allow_de and gap in ("的", "旗下", "下属", "旗下的"))
                or re.fullmatch(r"(?:'s|’s|'|’)?\s*", gap)
                or (LATIN_VERSION.fullmatch(gap) and re.search(r"[A-Za-z0-9]$", m.text))
            ):
                return Ref(m.entity, "direct", m)
            break
        # 其 / its before a role
        pre = text[max(0, pos - 7) : pos]
        if (self.lang == "zh" and pre.endswith("其")) or (
            self.lang == "en" and re.search(r"\b(?:its|their)\s*$", pre + " ")
        ):
            at = (
                pos - 1
                if self.lang == "zh"
                else pos - len(pre) + pre.rfind("its" if "its" in pre else "their")
            )
            e = self._resolve_org(sent, at)
            if e is not None:
                return Ref(e, "coref")
        return None

    def _attributes(self, sent: Sent, p: Mention) -> dict:
        role_span = self._role_before(sent, p)
        after_own = False
        if role_span is None:
            role_span = self._role_after(sent, p)
            after_own = role_span is not None
        role = sent.text[role_span[0] : role_span[1]] if role_span else None
        org = None
        if role_span:
            if after_own:
                org = self._org_after_role(sent, role_span)
                if org is None:
                    org = self._org_before(sent, role_span[0])
            else:
                org = self._org_before(sent, role_span[0])
        elif p.start > 0:
            org = self._org_before(sent, p.start)  # 智谱张帆
        return {"role": role, "org": org, "role_after_own": after_own, "role_span": role_span}

    def _org_after_role(self, sent: Sent, role_span: tuple[int, int]) -> Ref | None:
        text = sent.text
        for m in sent.orgs():
            if m.start >= role_span[1]:
                gap = text[role_span[1] : m.start]
                if re.fullmatch(r"\s*(?:of|at)\s+(?:the\s+)?", gap):
                    return Ref(m.entity, "direct", m)
                return None
        return None

    def _role_after_list(self, sent: Sent, last: Mention) -> str | None:
        text = sent.text
        rest = text[last.end :]
        if self.lang == "zh":
            m = lx.counting("zh")["list_tail"].match(rest)
            if not m or not m.group():
                return None
            at = last.end + m.end()
            # skip "搜狗系"
            for o in sent.orgs():
                if o.start == at and text[o.end : o.end + 1] == "系":
                    at = o.end + 1
                elif o.start == at and o.text.endswith("系"):
                    at = o.end
            for s, e in sent.roles:
                if s == at or (
                    s > at and re.fullmatch(r"[\u4e00-\u9fffA-Za-z]{0,4}", text[at:s]) and s - at <= 4
                ):
                    return text[s:e]
            return None
        m = re.match(
            r"\s*(?:,\s*)?(?:and|along with|with)\s+" + lx.EN_NUMBER + r"\s+(?:other\s+)?",
            rest,
            re.IGNORECASE,
        )
        if m:
            at = last.end + m.end()
            for s, e in sent.roles:
                if s == at:
                    return text[s:e]
        return None

    # ---------------------------------------------------------------- resolution

    def _resolve_org(self, sent: Sent, pos: int) -> Entity | None:
        """The organisation a pronoun at ``pos`` refers to: the nearest organisation when it
        stands right before the pronoun's clause ("创立了深流科技，该公司"), or 后者 (the latter);
        else the one organisation before it in the sentence, else in the previous sentence."""
        text = sent.text
        same_ms = [m for m in sent.orgs() if m.end <= pos and not self._is_group(m.entity)]
        word = text[pos : pos + 12].lower()
        if (
            self.last_venture is not None
            and re.match(r"the\s+(?:start-?up|new\s+company|venture)\b", word)
            and not any(m.entity.kind == "Startup" for m in same_ms)
        ):
            return self.last_venture  # "will join the start-up": the venture of the article
        if same_ms:
            last = same_ms[-1]
            if word.startswith(("后者", "the latter")) or (
                re.fullmatch(r"[\s，,；;。“”\"'’]*(?:and\s+|but\s+)?", text[last.end : pos])
                and word.startswith(
                    ("该公司", "该企业", "这家公司", "the company", "the firm", "the startup", "the start-up")
                )
            ):
                return last.entity
            return ent.resolve([m.entity for m in same_ms], [])
        prev = self.sents[sent.index - 1] if sent.index > 0 else None
        cands = [m.entity for m in prev.orgs() if not self._is_group(m.entity)] if prev else []
        return ent.resolve([], cands)

    def _resolve_person(self, sent: Sent, pos: int) -> Entity | None:
        same = [m.entity for m in sent.persons() if m.end <= pos]
        if same:
            return ent.resolve(same, [])
        prev = self.sents[sent.index - 1] if sent.index > 0 else None
        return ent.resolve([], [m.entity for m in prev.persons()] if prev else [])

    def _is_group(self, e: Entity) -> bool:
        return e.kind == "Group"

    def _topic_org(self, sent: Sent, exclude: set[int], before: int | None = None) -> Ref | None:
        """The organisation a sentence is about: its subject or its one eligible organisation,
        else the organisation the article is about, else the previous sentence's one organisation."""
        eligible = [m for m in sent.orgs() if id(m.entity) not in exclude]
        if before is not None:
            first = [m for m in eligible if m.end <= before]
            if first:
                distinct = list(dict.fromkeys(m.entity for m in first))
                if len(distinct) == 1:
                    return Ref(distinct[0], "inferred", first[0])
                if self._leading(sent, first[0]):
                    return Ref(first[0].entity, "inferred", first[0])
        distinct = list(dict.fromkeys(m.entity for m in eligible))
        if len(distinct) == 1:
            return Ref(distinct[0], "inferred")
        if distinct:
            return None
        if self.topic is not None and id(self.topic) not in exclude:
            return Ref(self.topic, "inferred")
        if sent.index > 0:
            prev = self.sents[sent.index - 1]
            pd = list(dict.fromkeys(m.entity for m in prev.orgs() if id(m.entity) not in exclude))
            if len(pd) == 1:
                return Ref(pd[0], "inferred")
        return None

    def _leading(self, sent: Sent, m: Mention) -> bool:
        """An organisation that opens the sentence (its subject)."""
        head = sent.text[: m.start]
        return bool(re.fullmatch(r"[\s\-–•*]*(?:例如|比如|以|此外|另外|同时|其中)?[，,\s]*", head))

    # ---------------------------------------------------------------- dates

    def _cue_date(self, sent: Sent, ci: int) -> tuple[str, tuple[str, ...], bool]:
        """(edtf, flags, explicit) for the cue at index ``ci``."""
        cues = sent.cues
        cue = cues[ci]
        ds = [d for d in sent.dates if d.edtf]
        if not ds:
            return ("", (), False)
        prev_end = max((c.end for c in cues[:ci] if c.end <= cue.start), default=0)
        next_start = min((c.start for c in cues[ci + 1 :] if c.start >= cue.end), default=len(sent.text))
        first_cue = cues[0].start if cues else len(sent.text)
        if self.lang == "en":
            after = [d for d in ds if cue.end <= d.start < next_start]
            if after:
                d = after[0]
                return (d.edtf, d.flags, _explicit(d))
            between = [d for d in ds if prev_end <= d.start and d.end <= cue.start]
            # "..., and earlier this year X also lost its head of sales": the date of the cue's own clause
            clause = max(
                (m.end() for m in re.finditer(r"[;:]|,\s+(?:and|but|while)\s+", sent.text[: cue.start])),
                default=0,
            )
            if between and (ci == 0 or between[-1].start >= max(clause, 1)):
                d = between[-1]
                return (d.edtf, d.flags, _explicit(d))
        else:
            between = [d for d in ds if prev_end <= d.start and d.end <= cue.start]
            if between:
                d = between[-1]
                return (d.edtf, d.flags, _explicit(d))
        leading = [d for d in ds if d.end <= first_cue]
        if leading:
            d = leading[0]
            return (d.edtf, d.flags, _explicit(d))
        return ("", (), False)

    # ---------------------------------------------------------------- agents

    def _agents(self, sent: Sent, cue: Cue, persons: list[Mention], group_of, recruited: set[int]):
        """The people a cue is about, and the unnamed people it implies: ([Ref], [Unnamed])."""
        text = sent.text
        agents: list[Ref] = []
        unnamed: list[Unnamed] = []
        eligible = [p for p in persons if id(p) not in recruited]
        # 离开的还有一位…副总裁: unnamed people, and no one else
        after_cue = self._unnamed_after_cue(sent, cue)
        if after_cue is not None:
            return [], [after_cue]
        # 离职的…洪涛 / 离开公司的前首席科学家许正阳
        if self.lang == "zh":
            after = text[cue.end : cue.end + 30]
            m = re.match(r"(?:了)?(?:[^，,。；;、的]{0,8})?的", after)
            if m:
                first = next(
                    (p for p in eligible if p.start >= cue.end + m.end() and p.start - cue.end <= 30), None
                )
                if first is not None and not any(
                    cue.end < c.start < first.start and c.kind in _PERSON_CUES for c in sent.cues
                ):
                    agents = [Ref(p.entity, "direct", p) for p in group_of.get(id(first), [first])]
        if not agents:
            # "…还有两名算法工程师，二人也已加入": a plural pronoun nearer the cue than any name
            agents = self._plural_subject(sent, cue)
        if not agents:
            speech = lx.cue_pattern("speech", self.lang)
            before = [p for p in eligible if p.end <= cue.start and not speech.search(text, p.end, cue.start)]
            if before:
                nearest = before[-1]
                agents = [
                    Ref(p.entity, "direct", p)
                    for p in group_of.get(id(nearest), [nearest])
                    if p.end <= cue.start
                ]
        if not agents:
            pron = None
            for m in ent.coreference_phrases("person", self.lang).finditer(text, 0, cue.start):
                pron = m
            if pron is not None:
                e = self._resolve_person(sent, pron.start())
                if e is not None:
                    agents = [Ref(e, "coref")]
        # more people, none named, between the named ones and the cue: "另有两名产品经理也随他加入"
        more = self._more_unnamed(sent, cue)
        if more is not None:
            n, role, at = more
            companions = [
                a
                for a in agents
                if a.mention is not None
                and a.mention.start >= at
                and _COMPANION.search(text[max(0, a.mention.start - 6) : a.mention.start])
            ]
            if all(a.mention is None or a.mention.end <= at or a in companions for a in agents):
                anchor = companions[0].entity if companions else self._anchor_person(sent, at, cue)
                agents = []
                unnamed.append(Unnamed(n, role, anchor))
                return agents, unnamed
        # people after 包括 / including
        incl = re.search(r"包括|including|among them", text[cue.end :])
        named_after: list[Mention] = []
        if incl:
            at = cue.end + incl.end()
            first = next((p for p in eligible if p.start >= at), None)
            if first is not None:
                named_after = group_of.get(id(first), [first])
        if not agents and named_after:
            agents = [Ref(p.entity, "direct", p) for p in named_after]
        # counts
        total = self._count_before(sent, cue)
        if total and named_after and agents and all(a.mention in named_after for a in agents):
            n, role = total
            if n > len(agents):
                unnamed.append(Unnamed(n - len(agents), role, None, len(agents)))
        if agents and agents[-1].mention is not None:
            extra = self._count_after_person(sent, agents[-1].mention, cue) or self._companions(sent, cue)
            if extra:
                unnamed.append(
                    Unnamed(extra[0], extra[1], agents[0].entity, 0, extra[2] if len(extra) > 2 else -1)
                )
        elif agents:
            extra = self._companions(sent, cue)
            if extra:
                unnamed.append(Unnamed(extra[0], extra[1], agents[0].entity, 0, extra[2]))
        return agents, unnamed

    def _anchor_person(self, sent: Sent, at: int, cue: Cue) -> Entity | None:
        """The person unnamed people are colleagues of: named just before them ("罗俊原团队中"),
        or a pronoun in the sentence ("随他", "followed her")."""
        clause_start = max((m.end() for m in re.finditer(r"[，,；;：:]", sent.text[:at])), default=0)
        before = [p for p in sent.persons() if clause_start <= p.start and p.end <= at]
        if before:
            return before[-1].entity
        for m in ent.coreference_phrases("person", self.lang).finditer(sent.text):
            e = self._resolve_person(sent, m.start())
            if e is not None:
                return e
        return None

    def _count_before(self, sent: Sent, cue: Cue) -> tuple[int, str | None] | None:
        """ "3位核心高管离职" / "three executives left": the count right before the cue."""
        text = sent.text
        clause_start = max((m.end() for m in re.finditer(r"[，,；;：:]", text[: cue.start])), default=0)
        seg = text[clause_start : cue.start]
        m = lx.counting(self.lang)["count"].search(seg)
        if not m:
            return None
        n = lx.parse_number(m.group(1))
        if not n or n > 20:
            return None
        role = None
        tail = m.group(2)
        for s, e in sent.roles:
            if clause_start + m.start(2) <= s < clause_start + m.start(2) + max(1, len(tail)):
                role = text[s:e]
                break
        return n, role

    def _count_after_person(self, sent: Sent, last: Mention, cue: Cue) -> tuple[int, str | None] | None:
        """ "王冠等三位出海产品负责人" / "Mia Chen and two colleagues": people beyond those named."""
        text = sent.text
        rest = text[last.end : cue.start if cue.start > last.end else len(text)]
        if self.lang == "zh":
            m = lx.counting("zh")["after_names"].match(rest)
            if not m:
                return None
            n = lx.parse_number(m.group(1))
            grp_size = 1
            # the named people of the list before 等
            k = sent.persons().index(last) if last in sent.persons() else 0
            persons = sent.persons()
            while k > 0 and self._between_is_separator(sent, persons[k - 1], persons[k]):
                grp_size += 1
                k -= 1
            if not n or n <= grp_size:
                return None
            at = last.end + m.end()
            role = next((text[s:e] for s, e in sent.roles if s == at), None)
            return n - grp_size, role
        m = lx.counting("en")["after_names"].match(rest)
        if not m:
            return None
        n = lx.parse_number(m.group(1))
        role = next(
            (text[s:e] for s, e in sent.roles if last.end + m.start(2) <= s < last.end + m.end(2)), None
        )
        return (n, role) if n else None

    def _companions(self, sent: Sent, cue: Cue) -> tuple[int, str | None, int] | None:
        """ "co-founded Quillmark with two colleagues", "与另外两位同事一起创办": unnamed people
        who did it with the ones named."""
        text = sent.text
        if self.lang == "en":
            end = min(
                [m.start() for m in re.finditer(r"[;.]|,\s+(?:and|but|while)\b", text) if m.start() > cue.end]
                + [len(text)]
            )
            # not inside a relative clause (", which builds tools for AI agents,")
            relative = [r.span() for r in re.finditer(r",\s+(?:which|who)\b[^,;.]*", text)]
            m = next(
                (
                    x
                    for x in lx.counting("en")["with"].finditer(text, cue.end, end)
                    if not any(a <= x.start() < b for a, b in relative)
                ),
                None,
            )
            at = 0
        else:
            start = max((x.end() for x in re.finditer(r"[，,；;：:]", text[: cue.start])), default=0)
            m = lx.counting("zh")["with"].search(text[start : cue.start])
            at = start
        if not m:
            return None
        n = lx.parse_number(m.group(1))
        if not n or n > 20:
            return None
        role = next((text[s:e] for s, e in sent.roles if at + m.start(2) <= s < at + m.end(2)), None)
        return n, role, at + m.end()

    def _more_unnamed(self, sent: Sent, cue: Cue) -> tuple[int, str | None, int] | None:
        """ "另有一位副总裁也已离职", "two other engineers followed her": people, none named.
        Returns (count, role, where the phrase starts)."""
        text = sent.text
        clause_start = max((m.end() for m in re.finditer(r"[，,；;：:]", text[: cue.start])), default=0)
        if self.lang == "en":
            clause_start = max(
                (m.end() for m in re.finditer(r"[;:]|,\s+(?:and|but|while)\s+", text[: cue.start])), default=0
            )
        seg = text[clause_start : cue.start]
        m = lx.counting(self.lang)["more"].search(seg)
        if not m:
            return None
        n = lx.parse_number(m.group(1)) if m.group(1) else 1
        at = clause_start + m.start()
        if not n or any(
            at <= p.start
            and p.end <= cue.start
            and not _COMPANION.search(text[max(0, p.start - 6) : p.start])
            for p in sent.persons()
        ):
            return None
        role = next(
            (
                text[s:e]
                for s, e in sent.roles
                if clause_start + m.start(2) <= s <= clause_start + m.start(2) + 12
            ),
            None,
        )
        return n, role, at

    # ---------------------------------------------------------------- relations

    def _exclusions(self, sent: Sent) -> set[int]:
        """Organisations that are not where a sentence's people worked: join targets,
        investors, recruiters, backgrounds (X系), groups."""
        out: set[int] = set()
        text = sent.text
        for c in sent.cues:
            if c.kind == "join":
                t = self._object_org(sent, c)
                if t is not None:
                    out.add(id(t.entity))
            if c.kind == "recruiting":
                r = self._subject_org(sent, c)
                if r is not None:
                    out.add(id(r.entity))
            if c.kind == "investment":
                inv = self._investor(sent, c)
                if inv is not None:
                    out.add(id(inv.entity))
            if c.kind == "founding":
                v = self._named_venture(sent, c)
                if v is not None:
                    out.add(id(v))
        for m in sent.orgs():
            if text[m.end : m.end + 1] == lx.BACKGROUND_SUFFIX or m.text.endswith(lx.BACKGROUND_SUFFIX):
                out.add(id(m.entity))
            if m.entity.kind == "Startup" or id(m.entity) in {id(v) for v in self.venture_of.values()}:
                out.add(id(m.entity))
        return out

    def _object_org(self, sent: Sent, cue: Cue) -> Ref | None:
        """The organisation right after a cue (加入京东, left Hanlin, 离开公司 -> coreference)."""
        text = sent.text
        after = text[cue.end :]
        for m in sent.orgs():
            if m.start >= cue.end:
                gap = text[cue.end : m.start]
                if self.lang == "zh":
                    ok = (
                        re.fullmatch(
                            r"(?:了|到|至|于)?[^，,。；;]{0,12}?(?:企业|公司|平台|巨头|大厂|厂商|的)?", gap
                        )
                        is not None
                        and len(gap) <= 14
                    )
                    ok = ok and not any(cue.end <= s < m.start for s, _e in sent.roles)
                    ok = ok and (
                        gap == ""
                        or gap in ("了", "到")
                        or re.search(r"(?:企业|公司|平台|巨头|大厂|厂商|的)$", gap) is not None
                    )
                else:
                    ok = (
                        re.fullmatch(r"\s*(?:the\s+)?(?:[a-z-]+\s+){0,4}(?:of\s+|at\s+)?(?:the\s+)?", gap)
                        is not None
                    )
                    ok = ok and not re.search(
                        r"\b(?:and|but|which|who|that|to|as|in|on|after|before|for|with|from|her|him|his|them|their|its|it)\b",
                        gap,
                    )
                    ok = (
                        ok
                        or re.fullmatch(
                            r"\s*(?:the\s+)?(?:cloud|ai|research|search|[a-z]+)\s+(?:division|unit|arm|team|lab|group)\s+of\s+(?:the\s+)?",
                            gap,
                        )
                        is not None
                    )
                if ok:
                    return Ref(m.entity, "direct", m)
                break
        # "left the company" / 离开公司 / 离开该公司
        co = re.match(
            r"\s*(?:the\s+(?:company|firm|startup|start-up|lab)\b|了?(?:该公司|公司|老东家))",
            after,
            re.IGNORECASE,
        )
        if co and self.last_venture is not None and re.match(r"\s*the\s+start-?up\b", after, re.I):
            return Ref(self.last_venture, "coref")  # "will join the start-up": the article's venture
        if co:
            e = (
                self._resolve_org(sent, cue.end + co.start())
                if not co.group().strip().startswith(("the", "The"))
                else None
            )
            if e is None:
                e = self._resolve_org(sent, cue.start)
            if e is None:
                t = self._topic_org(sent, set())
                if t is not None:
                    return Ref(t.entity, "coref")
                return None
            return Ref(e, "coref")
        return None

    def _subject_org(self, sent: Sent, cue: Cue) -> Ref | None:
        """The organisation that does a cue (小米曾尝试挖角, Veridian Systems tried to lure)."""
        text = sent.text
        clause_start = max(
            (
                m.end()
                for m in re.finditer(
                    r"[，,；;：:]" if self.lang == "zh" else r"[;:]|,\s+(?:but|while|and)\b",
                    text[: cue.start],
                )
            ),
            default=0,
        )
        cands = [m for m in sent.orgs() if clause_start <= m.start and m.end <= cue.start]
        if cands:
            return Ref(cands[0].entity, "direct", cands[0])
        if self.lang == "en" and re.search(r"\b(?:was|were|been|being)\s*$", text[: cue.start]):
            after = [
                m
                for m in sent.orgs()
                if m.start >= cue.end and re.match(r"\s*by\s*$", text[cue.end : m.start])
            ]
            if after:
                return Ref(after[0].entity, "direct", after[0])
        return None

    def _person_org(
        self, sent: Sent, p: Ref | None, attrs: dict, exclude: set[int], cue: Cue | None
    ) -> Ref | None:
        """Where a person worked, for a departure: the cue's object (离开X, "left X"), the
        organisation named before their role, the sentence's topic, the article's topic."""
        mention = p.mention if p is not None else None
        a = attrs.get(id(mention)) if mention is not None else None
        if cue is not None and cue.kind == "departure":
            obj = self._object_org(sent, cue) or self._from_org(sent, cue)
            if obj is not None and not self._is_group(obj.entity):
                if obj.how == "coref" and a and a["org"] is not None and a["org"].entity is obj.entity:
                    return a["org"]  # "Nova Labs' CTO ... left the company": named, not inferred
                return obj
        if a and a["org"] is not None and id(a["org"].entity) not in exclude:
            return a["org"]
        pos = mention.start if mention is not None else (cue.start if cue else None)
        t = self._topic_org(sent, exclude, before=pos)
        if t is not None:
            return Ref(t.entity, "inferred", t.mention)
        return None

    def _role_fields(self, role: str | None) -> dict[str, str]:
        if not role:
            return {}
        roles = lx.roles_in(role, self.lang)
        if not roles:
            return {"role": role}
        cats: list[str] = []
        for r in roles:
            for c in r.categories:
                if c not in cats:
                    cats.append(c)
        clean = re.sub(r"^(?:前|原|former\s+|ex-)", "", role.strip(), flags=re.IGNORECASE)
        role_en = ", ".join(r.role_en for r in roles) if len(roles) > 1 else roles[0].role_en
        if self.lang == "en" and lx.role_index("en").get(clean.lower()) is None:
            role_en = clean[:1].upper() + clean[1:]  # "head of partnerships": as printed
        return {"role": clean, "role_en": role_en, "role_category": ";".join(cats)}

    def _departure(self, sent, cue, ci, date, agents, unnamed_specs, attrs) -> None:
        exclude = self._exclusions(sent)
        edtf, dflags, explicit = date
        org_for_unnamed: Ref | None = None
        for a in agents:
            org = self._person_org(sent, a, attrs, exclude, cue)
            if org is None:
                continue
            org_for_unnamed = org_for_unnamed or org
            at = attrs.get(id(a.mention), {}) if a.mention is not None else {}
            fields = self._role_fields(at.get("role"))
            self._relationship(
                sent,
                "WORKED_AT",
                a,
                org,
                fields,
                end=edtf,
                date_flags=dflags,
                explicit=explicit,
                role_adjacent=bool(at.get("role")),
            )
            if explicit and a.entity.is_person:
                self.departure_date.setdefault(id(a.entity), edtf)
        for spec in unnamed_specs:
            org = org_for_unnamed or self._person_org(sent, None, attrs, exclude, cue)
            if org is None:
                continue
            if not explicit and spec.anchor is not None and id(spec.anchor) in self.departure_date:
                edtf, dflags, explicit = self.departure_date[id(spec.anchor)], (), True  # 与潘越一同离开
            fields = self._role_fields(spec.role or self._default_unnamed_role())
            for person in self._unnamed_people(sent, spec, org.entity):
                self._relationship(
                    sent,
                    "WORKED_AT",
                    Ref(person, "unnamed"),
                    org,
                    fields,
                    end=edtf,
                    date_flags=dflags,
                    explicit=explicit,
                )

    def _default_unnamed_role(self) -> str:
        return "高管" if self.lang == "zh" else "executive"

    def _unnamed_people(self, sent: Sent, spec: Unnamed, org: Entity) -> list[Entity]:
        """The unnamed people of a count; the same phrase yields the same people every time."""
        key = f"{sent.index}:{spec.count}:{spec.anchor.name if spec.anchor else org.name}"
        if key in self._unnamed_cache:
            return self._unnamed_cache[key]
        people = []
        for k in range(spec.count):
            if spec.anchor is not None:
                letter = _GAN[k] if k < len(_GAN) else str(k + 1)
                name = (
                    f"{spec.anchor.name}的同事{letter}（未具名）"
                    if self.lang == "zh"
                    else f"{spec.anchor.name}'s colleague {chr(65 + k % 26)} (unnamed)"
                )
            else:
                n = max(self.unnamed_count.get(org.name, 0), spec.named) + 1
                self.unnamed_count[org.name] = n
                name = (
                    f"{org.name}第{n}位离职高管（未具名）"
                    if self.lang == "zh"
                    else f"{org.name}'s departing executive {n} (unnamed)"
                )
            e = Entity(kind=ent.PERSON, name=name, unnamed=True)
            self.gaz.add(e)
            self.first_mention.setdefault(id(e), (sent.s.start, sent.s.end))
            people.append(e)
        self._unnamed_cache[key] = people
        return people

    def _join(self, sent, cue, date, agents, unnamed_specs, attrs) -> None:
        target = self._object_org(sent, cue)
        edtf, dflags, explicit = date
        if target is None and cue.text.lower() in _FOLLOW_CUES:
            # "two other engineers followed her": to the venture (or organisation) of the one followed
            anchor = next((u.anchor for u in unnamed_specs if u.anchor is not None), None)
            if anchor is not None and id(anchor) in self.venture_of:
                v = self.venture_of[id(anchor)]
                target = Ref(v, "unnamed" if v.unnamed else "coref")
        if target is None or self._is_group(target.entity):
            return
        exclude = self._exclusions(sent) - {id(target.entity)}
        frm = self._from_org(sent, cue)
        people = [(a, False) for a in agents]
        for spec in unnamed_specs:
            people += [(Ref(p, "unnamed"), True) for p in self._unnamed_people(sent, spec, target.entity)]
        if target.mention is not None:
            join_fields = self._role_after_target(sent, target.mention.end)
        else:  # "will join the start-up as head of sales"
            phrase = re.match(
                r"\s*(?:the\s+(?:start-?up|company|firm|venture|lab)\b|了?(?:该公司|公司))",
                sent.text[cue.end :],
            )
            join_fields = self._role_after_target(sent, cue.end + phrase.end()) if phrase else {}
        for a, is_unnamed in people:
            self._relationship(
                sent,
                "JOINED",
                a,
                target,
                join_fields,
                start=edtf if explicit else "",
                date_flags=dflags if explicit else (),
                explicit=explicit,
                no_default=True,
            )
            # where they were before: "from Y", a role at another named organisation, or
            # (for someone described by a role, or unnamed followers) the article's organisation
            prior = frm
            at = attrs.get(id(a.mention), {}) if a.mention is not None else {}
            if prior is None and not self._has_departure(sent):
                o = at.get("org")
                if o is not None and o.entity is not target.entity and id(o.entity) not in exclude:
                    prior = o
                elif (
                    (at.get("role") or is_unnamed)
                    and self.topic is not None
                    and self.topic is not target.entity
                ):
                    prior = Ref(self.topic, "inferred")
            if prior is not None and prior.entity is not target.entity:
                fields = self._role_fields(at.get("role")) if prior is not frm else {}
                if is_unnamed:
                    spec_role = next((u.role for u in unnamed_specs if u.role), None)
                    fields = self._role_fields(spec_role) if spec_role else {}
                self._relationship(
                    sent, "WORKED_AT", a, prior, fields, end=edtf, date_flags=dflags, explicit=explicit
                )

    def _has_departure(self, sent: Sent) -> bool:
        return any(c.kind == "departure" for c in sent.cues)

    def _from_org(self, sent: Sent, cue: Cue) -> Ref | None:
        """Where someone came from: "joined X from Y"; Chinese "从Y离职/从Y加入"."""
        if self.lang == "zh":
            for m in sent.orgs():
                if (
                    m.end <= cue.start
                    and sent.text[m.start - 1 : m.start] == "从"
                    and re.fullmatch(r"(?:正式|已经|已)?", sent.text[m.end : cue.start])
                ):
                    return Ref(m.entity, "direct", m)
            return None
        text = sent.text
        for m in sent.orgs():
            if m.start > cue.end:
                gap = text[cue.end : m.start]
                if re.search(r"\bfrom\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}$", gap) and not re.search(
                    r"[,;]", gap[: gap.rfind("from")]
                ):
                    return Ref(m.entity, "direct", m)
        return None

    def _founding(self, sent, cue, date, agents, unnamed_specs, attrs):
        text = sent.text
        if not agents:
            return None
        edtf, dflags, explicit = date
        after = text[cue.end : cue.end + 40]
        if re.match(
            r"\s*(?:了)?(?:the company|the firm|the lab|it\b|该公司|这家公司|公司)", after, re.IGNORECASE
        ):
            return None  # "co-founded the company": the employer itself, not a new venture
        unnamed_phrase = _UNNAMED_VENTURE.match(after)
        venture = self._named_venture(sent, cue)
        if (
            venture is None
            and self.lang == "en"
            and not unnamed_phrase
            and cue.text.lower() in _WEAK_FOUNDING
            and not re.match(
                rf"\s*(?:[a-z-]+\s+){{0,4}}(?:{'|'.join(lx.VENTURE_WORDS['en'])})\b", after, re.I
            )
        ):
            return None  # "started" with no venture after it is not a founding ("started as an engineer")
        first = agents[0].entity
        if venture is None:
            venture = self.venture_of.get(id(first))
        new_venture = venture is None
        if venture is None:
            name = (
                f"{first.name}的创业项目（未具名）"
                if self.lang == "zh"
                else f"{first.name}'s venture (unnamed)"
            )
            venture = Entity(kind="Startup", name=name, unnamed=True)
            self.gaz.add(venture)
            self.first_mention.setdefault(id(venture), (sent.s.start, sent.s.end))
        elif not venture.known:
            venture.kind = "Startup"
        if not explicit:
            dep = self.departure_date.get(id(first))
            if dep:
                edtf, dflags, explicit = dep, (), True
        people = list(agents)
        backgrounds = []
        for spec in unnamed_specs:
            org = self._org_of_unnamed(sent, agents, attrs) or venture
            these = self._unnamed_people(sent, spec, org)
            people += [Ref(p, "unnamed") for p in these]
            backgrounds.append((spec, these))
        co = len(people) > 1 or "co" in cue.text.lower() or "联合" in cue.text
        role = (
            ("联合创始人" if co else "创始人") if self.lang == "zh" else ("co-founder" if co else "founder")
        )
        fields = self._role_fields(role)
        if self.lang == "zh":
            fields["role_en"] = "Co-founder" if co else "Founder"
        if venture.known and venture.kind != "Startup":
            return None
        for a in people:
            self.venture_of.setdefault(id(a.entity), venture)
            self._relationship(
                sent,
                "FOUNDED",
                a,
                Ref(venture, "unnamed" if venture.unnamed else "direct"),
                fields,
                start=edtf,
                date_flags=dflags,
                explicit=explicit,
            )
        for spec, these in backgrounds:
            self._companion_background(sent, spec, these)
        if new_venture or id(venture) not in self.venture_start:
            self.venture_start[id(venture)] = (edtf, explicit)
        self.last_venture = venture
        return venture, edtf, explicit

    def _named_venture(self, sent: Sent, cue: Cue) -> Entity | None:
        """The startup a founding cue names right after it (创办了智匠科技, "co-founded Quillmark")."""
        text = sent.text
        if _UNNAMED_VENTURE.match(text[cue.end : cue.end + 40]):
            return None
        for m in sent.orgs():
            if m.start >= cue.end:
                gap = text[cue.end : m.start]
                if (
                    re.fullmatch(r"\s*(?:了|的)?\s*", gap)
                    or (self.lang == "en" and re.fullmatch(r"\s*(?:a\s+|the\s+)?", gap))
                    # 创办了企业服务公司知微数据: a descriptor, then the name
                    or (
                        self.lang == "zh"
                        and re.fullmatch(r"了?(?:一家)?[^，,。；;]{0,8}?(?:公司|企业|平台)", gap)
                    )
                ):
                    return m.entity  # 创办了智匠科技, 刘洋创办的极光智能, "co-founded Quillmark"
                return None
        return None

    def _org_of_unnamed(self, sent, agents, attrs) -> Entity | None:
        for a in agents:
            if a.mention is not None and attrs.get(id(a.mention), {}).get("org") is not None:
                return attrs[id(a.mention)]["org"].entity
        return None

    def _investor(self, sent: Sent, cue: Cue) -> Ref | None:
        """Who invests: "backed by X" / "funded by X" (after); 在X支持下, X领投, 获得X的投资,
        "X led", "X invested in" (the organisation just before, in Chinese; the clause's
        subject, in English: "Sequoia Capital, an early investor in Orion, is expected to back")."""
        text = sent.text
        ct = cue.text.lower()
        if self.lang == "en":
            passive = re.match(r"\s+by\b", text[cue.end :]) is not None
            if ct.endswith((" by", " from")) or ct in ("backed", "funded", "backing") or passive:
                for m in sent.orgs():
                    if m.start >= cue.end and re.fullmatch(
                        r"\s*(?:by|from)?\s*(?:the\s+)?", text[cue.end : m.start]
                    ):
                        return Ref(m.entity, "direct", m)
                if ct.endswith((" by", " from")) or passive:
                    return None
            clause_start = max(
                (m.end() for m in re.finditer(r"[;:]|,\s+(?:and|but|while)\s+|\.\s", text[: cue.start])),
                default=0,
            )
            # "The start-up said on Wednesday that Northwind had led": the reported clause's subject
            said = list(re.finditer(_SAID_THAT, text[clause_start : cue.start]))
            if said:
                clause_start += said[-1].end()
            subject = self._subject_in(sent, clause_start, cue.start)
            return subject if subject is not None and not subject.entity.is_person else None
        if cue.text == "投资方":  # 投资方为启明创投
            for m in sent.orgs():
                if m.start >= cue.end and re.fullmatch(r"(?:为|是|包括|有)", text[cue.end : m.start]):
                    return Ref(m.entity, "direct", m)
            return None
        before = [m for m in sent.orgs() if m.end <= cue.start]
        if before:
            m = before[-1]
            gap = text[m.end : cue.start]
            if len(gap) <= 14 and not re.search(r"[，,；;。]", gap):
                return Ref(m.entity, "direct", m)
        return None

    def _investment(self, sent: Sent, cue: Cue, date, founded_here) -> None:
        if re.search(
            r"(?:\b(?:not|never)|n't|未|没有|并未|不)\s*$", sent.text[max(0, cue.start - 12) : cue.start]
        ):
            return  # "did not take part", "未参投"
        investor = self._investor(sent, cue)
        if investor is None:
            if self.lang == "zh" and "老东家" in sent.text[max(0, cue.start - 12) : cue.start]:
                investor = self._former_employer(sent, cue)
            if investor is None:
                return
        # the venture
        venture: Entity | None = None
        how = "direct"
        if founded_here:
            before = [f for f in founded_here if f[0] <= cue.start]
            pick = before[-1] if before else founded_here[0]
            # 在X支持下再次创业: the founding after the cue in the same clause
            nxt = [f for f in founded_here if f[0] >= cue.end]
            if cue.text == "支持下" and nxt:
                pick = nxt[0]
            venture = pick[1]
        if venture is None:
            startups = [
                m for m in sent.orgs() if m.entity.kind == "Startup" and m.entity is not investor.entity
            ]
            if startups:
                venture = startups[0].entity
        if (
            venture is None
            and self.last_venture is not None
            and re.search(
                r"the new company|the start-?up|the venture|新公司|该公司|其|the company",
                sent.text,
                re.IGNORECASE,
            )
        ):
            venture, how = self.last_venture, "coref"
        if venture is None or venture is investor.entity:
            return
        edtf, dflags, explicit = date
        if not explicit:
            vs = self.venture_start.get(id(venture))
            if vs and vs[0]:
                edtf, explicit = vs[0], vs[1]
                dflags = () if vs[1] else dflags
        self._relationship(
            sent,
            "INVESTED_IN",
            investor,
            Ref(venture, "unnamed" if venture.unnamed else how),
            {},
            start=edtf,
            date_flags=dflags,
            explicit=explicit,
        )

    def _former_employer(self, sent: Sent, cue: Cue) -> Ref | None:
        people = [m for m in sent.persons() if m.end <= cue.start]
        if not people:
            return None
        e = people[-1].entity
        for r in self.rows:
            if r.values.get("type") == "WORKED_AT" and r.ends[0] is e and r.values.get("end"):
                return Ref(r.ends[1], "coref")
        return None

    def _recruiting(self, sent: Sent, attrs: dict) -> set[int]:
        """APPROACHED rows; returns the ids of the person mentions recruited (not agents elsewhere)."""
        targets: set[int] = set()
        text = sent.text
        for ci, cue in enumerate(sent.cues):
            if cue.kind != "recruiting":
                continue
            org = self._subject_org(sent, cue)
            passive = self.lang == "en" and re.search(r"\b(?:was|were|been|being)\s*$", text[: cue.start])
            person: Ref | None = None
            if passive:
                before = [p for p in sent.persons() if p.end <= cue.start]
                if before:
                    person = Ref(before[-1].entity, "direct", before[-1])
            else:
                after = [p for p in sent.persons() if p.start >= cue.end]
                if after:
                    person = Ref(after[0].entity, "direct", after[0])
                else:
                    pron = ent.coreference_phrases("person", self.lang).search(text, cue.end)
                    if pron:
                        e = self._resolve_person(sent, pron.start())
                        if e is not None:
                            person = Ref(e, "coref")
            if org is None or person is None:
                continue
            date = self._cue_date(sent, ci)
            edtf, dflags, explicit = date
            if person.mention is not None:
                targets.add(id(person.mention))
            self._relationship(
                sent,
                "APPROACHED",
                org,
                person,
                {},
                start=edtf,
                date_flags=dflags,
                explicit=explicit,
                status="attempted",
            )
            if person.mention is not None:
                at = attrs.get(id(person.mention), {})
                o = at.get("org")
                if o is not None and o.entity is not org.entity:
                    self._relationship(
                        sent,
                        "WORKED_AT",
                        person,
                        o,
                        self._role_fields(at.get("role")),
                        no_default=True,
                        role_adjacent=True,
                    )
        return targets

    def _background(self, sent: Sent, groups, attrs) -> None:
        """ "搜狗系核心高管": the people of the list worked at 搜狗 (reported, undated)."""
        text = sent.text
        for m in sent.orgs():
            if not (text[m.end : m.end + 1] == lx.BACKGROUND_SUFFIX or m.text.endswith(lx.BACKGROUND_SUFFIX)):
                continue
            before = [g for g in groups if g[-1].end <= m.start]
            if not before:
                continue
            grp = before[-1]
            if m.start - grp[-1].end > 8:
                continue
            for p in grp:
                self._relationship(
                    sent,
                    "WORKED_AT",
                    Ref(p.entity, "direct", p),
                    Ref(m.entity, "direct", m),
                    {},
                    status="reported",
                    no_default=True,
                )

    def _membership(self, sent: Sent) -> None:
        g = self.group_entity
        if g is None:
            return
        text = sent.text
        members: list[Mention] = []
        if self.lang == "zh":
            for lm in lx.ZH_GROUP_LIST_TAIL.finditer(text):
                clause_start = max(
                    (x.end() for x in re.finditer(r"[，,。；;：:]", text[: lm.start()])), default=0
                )
                items = [m for m in sent.orgs() if clause_start <= m.start and m.end <= lm.start()]
                gap_ok = all(
                    re.fullmatch(r"\s*(?:、|和|与|及|以及)\s*", text[a.end : b.start])
                    for a, b in itertools.pairwise(items)
                )
                n = lx.parse_number(lm.group(1)) if lm.group(1) else None
                if (
                    len(items) >= 2
                    and gap_ok
                    and (n is None or n == len(items))
                    and text[items[-1].end : lm.start()] == ""
                ):
                    members += items
            # 作为…“六小龙”中 / …之一
            for s, e, _name in sent.groups:
                tail = text[e : e + 4]
                if re.match(r"[”\"’]?(?:中|之一)", tail):
                    head = text[:s]
                    subj = [m for m in sent.orgs() if m.end <= s]
                    if subj and re.search(r"作为|是|为", head[subj[-1].end :]):
                        members.append(subj[-1])
                    elif not subj:
                        after = [m for m in sent.orgs() if m.start >= e]
                        if after and "之一" in text[e : after[0].start]:
                            members.append(after[0])
        else:
            for s, _e, _name in sent.groups:
                pre = text[max(0, s - 40) : s]
                if re.search(r"\bone of\s+(?:the\s+)?(?:so-called\s+)?$", pre) or re.search(
                    r"\b(?:members?|part) of\s+(?:the\s+)?(?:so-called\s+)?$", pre
                ):
                    subj = [m for m in sent.orgs() if m.end <= s]
                    if subj:
                        members.append(subj[-1])
        seen = set()
        for m in members:
            if id(m.entity) in seen or m.entity is g:
                continue
            seen.add(id(m.entity))
            self._relationship(
                sent, "MEMBER_OF", Ref(m.entity, "direct", m), Ref(g, "direct"), {}, no_default=True
            )

    def _events(self, sent: Sent, cue_dates) -> None:
        text = sent.text
        done: set[str] = set()
        sep = r"[，,；;：:]" if self.lang == "zh" else r"[;:]|,\s+(?:and|but|while|which)\b"
        for ci, cue in enumerate(sent.cues):
            if cue.kind not in _EVENT_CUES or cue.kind in done:
                continue
            if cue.kind == "funding" and not lx.cue_pattern("funding_marker", self.lang).search(text):
                continue
            if any(c.kind in _PERSON_CUES for c in sent.cues) and cue.kind == "pivot" and sent.persons():
                continue  # a person's move, not the company's pivot
            clause_start = max((m.end() for m in re.finditer(sep, text[: cue.start])), default=0)
            org = self._subject_in(sent, clause_start, cue.start)
            rel = (
                re.search(r",\s*(?:which|that)\s+(?:[a-z]+\s+){0,3}$", text[: cue.start])
                if self.lang == "en"
                else None
            )
            if rel is not None:  # "Fieldline Labs, which raised ...": the organisation just before
                prior = [m for m in sent.orgs() if m.end <= rel.start()]
                if prior and text[prior[-1].end : rel.start()].strip() == "":
                    org = Ref(prior[-1].entity, "direct", prior[-1])
            if org is None:
                before = [m for m in sent.orgs() if m.end <= cue.start]
                if before and (self._leading(sent, before[0]) or len({id(m.entity) for m in before}) == 1):
                    org = Ref(before[0].entity, "direct", before[0])
            if org is None:
                for pm in ent.coreference_phrases("org", self.lang).finditer(text, 0, cue.start):
                    e = self._resolve_org(sent, pm.start())
                    if e is not None:
                        org = Ref(e, "coref")
                    break
            if org is None:
                continue
            done.add(cue.kind)
            edtf, dflags, explicit = cue_dates[ci]
            self._event(sent, cue, org, edtf, dflags, explicit)

    def _subject_in(self, sent: Sent, start: int, end: int) -> Ref | None:
        """The first organisation (named, or a pronoun that resolves) in text[start:end]."""
        text = sent.text
        named = [m for m in sent.orgs() if start <= m.start and m.end <= end]
        prons = [
            p
            for p in ent.coreference_phrases("org", self.lang).finditer(text, start, end)
            if not any(m.start <= p.start() < m.end for m in named)
        ]
        # English: the clause's first organisation (its subject, before any apposition);
        # Chinese: the one nearest the verb (the head of "刘洋创办的极光智能宣布")
        first_named = (named[-1] if self.lang == "zh" else named[0]) if named else None
        first_pron = (prons[-1] if self.lang == "zh" else prons[0]) if prons else None
        if first_pron is not None and (
            first_named is None or (first_pron.start() < first_named.start) == (self.lang != "zh")
        ):
            e = self._resolve_org(sent, first_pron.start())
            if e is not None:
                return Ref(e, "coref")
        if first_named is not None:
            return Ref(first_named.entity, "direct", first_named)
        return None

    def _event(self, sent: Sent, cue: Cue, org: Ref, edtf: str, dflags, explicit: bool) -> None:
        text = sent.text
        sep = r"[，,；;。]" if self.lang == "zh" else r"[;]"
        starts = [0] + [m.end() for m in re.finditer(sep, text) if m.end() <= cue.start]
        ends = [m.start() for m in re.finditer(sep, text) if m.start() >= cue.end] + [len(text)]
        summary = text[starts[-1] : ends[0]].strip(" ，,。.;；")
        if len(summary) > 120:
            summary = summary[:120]
        flags: set[str] = set()
        if not explicit:
            edtf, flags = f"../{self.published.isoformat()}", {AMBIGUOUS_DATE}
        values = {
            "org": org.entity,
            "event_type": cue.kind,
            "summary": summary,
            "summary_en": summary if self.lang == "en" else "",
            "date": edtf,
            "status": "reported" if sent.reported else "confirmed",
        }
        if dflags and AMBIGUOUS_DATE in dflags:
            flags.add(AMBIGUOUS_DATE)
        conf = 0.6 + (0.1 if explicit else -0.1)
        if org.how == "coref":
            flags.add(COREFERENCE)
            conf -= 0.15
        if not org.entity.known:
            flags.add(NEW_ENTITY)
            conf -= 0.1
        else:
            flags.add(KNOWN)
            conf += 0.1
        self.rows.append(
            Row("event", values, sent, conf, flags, (org.entity,), (sent.index, cue.start), explicit)
        )


def extract(
    text: str,
    published: dt.date,
    *,
    source_id: str,
    known: Gazetteer | None = None,
    lang: str = "auto",
    title: str | None = None,
) -> Draft:
    """Draft the rows of a data folder from an article's text (rules: module docstring)."""
    ex = _Extractor(text, published, source_id, known, lang, title)
    if not text.strip():
        draft = Draft(source_id=source_id, language=ex.lang)
        draft.sources.append(
            {
                "id": source_id,
                "title": title or source_id,
                "publisher": PUBLISHER_UNKNOWN,
                "published": published.isoformat(),
                "language": ex.lang,
                "note": "drafted by graphkit extract",
            }
        )
        return draft
    return ex.run()


def _explicit(d: dates_mod.DateMention) -> bool:
    """A date the text states (not 此前/recently: ``../P``, nor one the dates module doubts)."""
    return bool(d.edtf) and not d.edtf.startswith("..") and dates_mod.AMBIGUOUS not in d.flags
