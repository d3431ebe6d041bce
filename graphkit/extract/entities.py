"""Entities of ``graphkit extract``: the gazetteer of known people and organisations,
finding the mentions of people and organisations in a sentence, new ids, coreference.

Rules:

* :class:`Gazetteer` indexes the ``name``, ``name_en`` and ``aliases`` of every row of
  the ``people.csv`` and ``organisations.csv`` of each ``--known`` folder (read with
  :func:`graphkit.ingest.read.read_table`, nothing else is needed or checked). Latin
  names match case-insensitively and on word boundaries; Chinese names as substrings.
* :func:`find_mentions` finds, in one sentence: the gazetteer's names first (the
  longest at each place, never overlapping); then new names. Chinese: a role title
  followed by a 2-3 character name that starts with a surname ("首席运营官张帆"), the
  items of a name list that ends with 等 ("洪涛、焦可、李施政等"), person names that
  jieba tags ``nr``, organisations named by their position (before a role title,
  after 加入/离开/以…为例/在…支持下/由…领投, before 系, the items of a list before
  "这五家公司"), by an organisation suffix (星耀 + 智能, 青崖 + 资本) or tagged ``nt``.
  English: capitalised word sequences; an organisation when it ends in a company
  suffix (Labs, AI, Capital, Ventures, Group...), stands before "'s"/"'" and a role,
  or after at/from/joined/left/by; a person when it follows a role title, stands
  before ", the <role>" or ", who", or otherwise looks like a personal name (2-3
  capitalised words, no suffix).
* :func:`slug` makes ids: pinyin for Chinese (张帆 -> ``zhang-fan``, 星耀智能 ->
  ``xingyao-zhineng``), the lower-cased words for Latin ("Nova Labs" -> ``nova-labs``).
* :func:`resolve` picks the one entity a pronoun or "the company"/该公司/其 refers to:
  the nearest fitting entities in the same sentence before it, else in the previous
  sentence; only when exactly one candidate fits.

jieba is initialised once, quietly, from the dictionary inside its wheel (it never
downloads anything); the gazetteer's names, the role titles and the organisation
suffixes are added to its dictionary at run time.
"""

from __future__ import annotations

import logging
import re
import threading
import warnings
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from graphkit.extract import lexicon as lx
from graphkit.ingest.read import read_table
from graphkit.schema import vocab

PERSON = "Person"
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")


# ------------------------------------------------------------------------- jieba

_JIEBA_LOCK = threading.RLock()
_JIEBA_READY = False
_ORIGINAL: dict[str, int] = {}  # jieba's own frequency of every word this module added
_SESSIONS: list[dict[str, tuple[int, str | None]]] = []  # words added in an open session: (freq, tag) before


def _jieba():
    """jieba's posseg module, initialised once (quietly, offline, from the wheel's dictionary),
    with the role titles, organisation suffixes and cue verbs of the lexicon added for good."""
    global _JIEBA_READY
    with _JIEBA_LOCK:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import jieba
            import jieba.posseg as pseg

            if not _JIEBA_READY:
                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                for role in lx.ROLES:
                    for word in role.zh:
                        _add_word(word, "n")
                for word in (*lx.ROLE_MODIFIERS["zh"], *lx.ORG_SUFFIXES["zh"]):
                    if len(word) > 1:
                        _add_word(word, "n")
                for table in (lx.DEPARTURE, lx.JOIN, lx.FOUNDING, lx.RECRUITING):
                    for word in table["zh"]:
                        _add_word(word, "v")
                _JIEBA_READY = True
        return pseg


def initialise() -> None:
    """Load jieba now (about a second), e.g. before timing an extraction."""
    _jieba()


def _add_word(word: str, tag: str) -> None:
    import jieba
    import jieba.posseg as pseg

    if not HAN.search(word) or len(word) < 2:
        return
    freq = jieba.dt.FREQ.get(word, 0) or 0
    _ORIGINAL.setdefault(word, freq)
    if _SESSIONS and word not in _SESSIONS[-1]:
        pseg.dt.makesure_userdict_loaded()
        _SESSIONS[-1][word] = (freq, pseg.dt.word_tag_tab.get(word))
    jieba.add_word(word, freq=max(jieba.suggest_freq(word, tune=False), 2000), tag=tag)


def add_words(names: Iterable[tuple[str, str]]) -> None:
    """Add (name, kind) pairs to jieba's dictionary (persons as ``nr``, organisations ``nt``);
    inside :func:`session`, only until it ends."""
    _jieba()
    with _JIEBA_LOCK:
        for name, kind in names:
            _add_word(name, "nr" if kind == PERSON else "nt")
        _tokens.cache_clear()


@contextmanager
def session():
    """A block (one extraction) whose words added to jieba are taken out again at its end,
    so that one article's names never change how the next article is cut."""
    import jieba
    import jieba.posseg as pseg

    _jieba()
    with _JIEBA_LOCK:
        total = jieba.dt.total
        _SESSIONS.append({})
        _tokens.cache_clear()
        try:
            yield
        finally:
            added = _SESSIONS.pop()
            pseg.dt.makesure_userdict_loaded()
            for word, (freq, tag) in added.items():
                jieba.dt.FREQ[word] = freq  # 0 is "not a word" to jieba, as absent is
                if tag is None:
                    pseg.dt.word_tag_tab.pop(word, None)
                else:
                    pseg.dt.word_tag_tab[word] = tag
            jieba.dt.total = total
            _tokens.cache_clear()


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[tuple[str, str, int, int], ...]:
    """(word, flag, start, end) of jieba's part-of-speech cut of ``text``."""
    pseg = _jieba()
    out = []
    at = 0
    for pair in pseg.cut(text):
        word, flag = pair.word, pair.flag
        out.append((word, flag, at, at + len(word)))
        at += len(word)
    return tuple(out)


def tokens(text: str) -> tuple[tuple[str, str, int, int], ...]:
    return _tokens(text)


def word_frequency(word: str) -> int:
    """How often jieba's own dictionary says a word occurs (0 when it is not there)."""
    _jieba()
    import jieba

    if word in _ORIGINAL:
        return _ORIGINAL[word]
    return jieba.dt.FREQ.get(word, 0) or 0


def is_dictionary_word(word: str) -> bool:
    """Whether jieba's own dictionary (not our additions) has the word (e.g. 人工智能)."""
    return word_frequency(word) > 0


# ------------------------------------------------------------------------ model


@dataclass(eq=False)
class Entity:
    """A person or organisation: known (from a ``--known`` folder) or new in the draft."""

    kind: str
    name: str
    id: str = ""
    name_en: str = ""
    aliases: tuple[str, ...] = ()
    known: bool = False
    unnamed: bool = False
    row: dict[str, str] = field(default_factory=dict)  # the known folder's row, as read
    category: str = ""

    @property
    def is_person(self) -> bool:
        return self.kind == PERSON

    def names(self) -> list[str]:
        return [n for n in (self.name, self.name_en, *self.aliases) if n]


@dataclass(frozen=True)
class Mention:
    """Where an entity is named in a sentence (``start``/``end`` index the sentence)."""

    start: int
    end: int
    text: str
    entity: Entity
    how: str  # known | draft (a new name seen before) | role | list | jieba | pattern | suffix | caps
    confidence: float

    @property
    def is_person(self) -> bool:
        return self.entity.is_person

    @property
    def new(self) -> bool:
        return not self.entity.known


def norm(name: str) -> str:
    """The key of a name: Latin lower-cased, runs of spaces made one."""
    return re.sub(r"\s+", " ", name.strip()).lower()


class Gazetteer:
    """Names -> entities; built from ``--known`` folders and grown with a draft's new names."""

    def __init__(self, entities: Iterable[Entity] = ()) -> None:
        self.entities: list[Entity] = []
        self._by_name: dict[str, list[Entity]] = {}
        self._by_id: dict[str, Entity] = {}
        self._pattern: re.Pattern[str] | None = None
        for e in entities:
            self.add(e)

    @classmethod
    def from_folders(cls, folders: Iterable[str | Path]) -> Gazetteer:
        """Every person and organisation of the folders' people.csv and organisations.csv."""
        voc = vocab.load()
        person_kind = next(k for k, n in voc.nodes.items() if n.file == "people.csv")
        sep = voc.list_separator
        gaz = cls()
        for folder in folders:
            folder = Path(folder)
            for name, fixed_kind in (("people.csv", person_kind), ("organisations.csv", None)):
                path = folder / name
                if not path.exists():
                    continue
                for row in read_table(path).rows:
                    v = row.values
                    if not v.get("id") or not v.get("name"):
                        continue
                    kind = fixed_kind or v.get("kind", "") or "Company"
                    if kind not in voc.nodes or kind == "Event":
                        continue
                    unnamed = v.get("unnamed", "").strip().lower() in ("true", "yes", "1", "y", "是")
                    gaz.add(
                        Entity(
                            kind=kind,
                            name=v["name"],
                            id=v["id"],
                            name_en=v.get("name_en", ""),
                            aliases=tuple(a.strip() for a in v.get("aliases", "").split(sep) if a.strip()),
                            known=True,
                            unnamed=unnamed,
                            row=dict(v),
                            category=v.get("category", ""),
                        )
                    )
        return gaz

    def copy(self) -> Gazetteer:
        return Gazetteer(self.entities)

    def add(self, entity: Entity) -> Entity:
        """Add an entity (an id already present keeps its first entity)."""
        if entity.id and entity.id in self._by_id:
            return self._by_id[entity.id]
        self.entities.append(entity)
        if entity.id:
            self._by_id[entity.id] = entity
        if not entity.unnamed:
            for n in entity.names():
                if _indexable(n):
                    self._by_name.setdefault(norm(n), []).append(entity)
        self._pattern = None
        return entity

    def remove(self, entity: Entity) -> None:
        """Forget an entity (a draft's short name merged into a longer one)."""
        self.entities = [e for e in self.entities if e is not entity]
        if entity.id and self._by_id.get(entity.id) is entity:
            del self._by_id[entity.id]
        for key in list(self._by_name):
            kept = [e for e in self._by_name[key] if e is not entity]
            if kept:
                self._by_name[key] = kept
            else:
                del self._by_name[key]
        self._pattern = None

    def add_alias(self, entity: Entity, alias: str) -> None:
        if _indexable(alias) and entity not in self._by_name.get(norm(alias), []):
            self._by_name.setdefault(norm(alias), []).append(entity)
            self._pattern = None

    def get(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    def lookup(self, name: str, person: bool | None = None) -> Entity | None:
        """The entity named so (a person or an organisation if ``person`` says which)."""
        for e in self._by_name.get(norm(name), []):
            if person is None or e.is_person == person:
                return e
        return None

    def _compiled(self) -> re.Pattern[str] | None:
        if self._pattern is None:
            names = sorted(self._by_name, key=len, reverse=True)
            if not names:
                return None
            parts = []
            for n in names:
                body = re.escape(n).replace(r"\ ", r"\s+")
                if LATIN.search(n):
                    body = f"(?i:{body})"
                if LATIN.match(n[0]) or n[0].isdigit():
                    body = r"(?<![A-Za-z0-9])" + body
                if LATIN.match(n[-1]) or n[-1].isdigit():
                    body += r"(?![A-Za-z0-9])"
                parts.append(body)
            self._pattern = re.compile("|".join(parts))
        return self._pattern

    def matches(self, text: str) -> list[tuple[int, int, Entity]]:
        """(start, end, entity) of every gazetteer name in ``text``: longest, no overlap."""
        pat = self._compiled()
        if pat is None:
            return []
        out = []
        for m in pat.finditer(text):
            ents = self._by_name.get(norm(m.group()))
            if ents:
                out.append((m.start(), m.end(), ents[0]))
        return out


def _indexable(name: str) -> bool:
    name = name.strip()
    if not name:
        return False
    if HAN.search(name):
        return len(name) >= 2
    return len(name) >= 2 and name not in lx.EN_NOT_NAMES


# ------------------------------------------------------------------------- ids


def _pinyin(text: str) -> list[str]:
    from pypinyin import lazy_pinyin

    return [p for p in lazy_pinyin(text, errors=lambda s: list(s)) if p.strip()]


def person_name_en(name: str) -> str:
    """张帆 -> "Zhang Fan", 欧阳娜娜 -> "Ouyang Nana"; Latin names unchanged."""
    if not HAN.search(name):
        return name.strip()
    sur_len = 2 if name[:2] in lx.ZH_SURNAMES else 1
    surname = "".join(_pinyin(name[:sur_len]))
    given = "".join(_pinyin(name[sur_len:]))
    return " ".join(p.capitalize() for p in (surname, given) if p)


def _ascii_slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def slug(name: str, person: bool) -> str:
    """A lower-case ascii id for a name: pinyin for Chinese (a person's surname apart, an
    organisation's suffix apart: 张帆 -> zhang-fan, 星耀智能 -> xingyao-zhineng), the words
    for Latin ("Nova Labs" -> nova-labs). It never depends on how jieba cuts."""
    if not HAN.search(name):
        return _ascii_slug(name) or "x"
    if person and re.fullmatch(r"[\u3400-\u9fff]{2,4}", name):
        return _ascii_slug(person_name_en(name)) or "x"
    parts: list[str] = []
    for run in re.findall(r"[\u3400-\u9fff]+|[^\u3400-\u9fff]+", name):
        if not HAN.match(run):
            parts.append(run)
            continue
        suffix = next(
            (
                x
                for x in sorted(lx.ORG_SUFFIXES["zh"], key=len, reverse=True)
                if run.endswith(x) and len(run) > len(x)
            ),
            "",
        )
        head = run[: len(run) - len(suffix)]
        parts.append("".join(_pinyin(head)))
        if suffix:
            parts.append("".join(_pinyin(suffix)))
    return _ascii_slug(" ".join(parts)) or "x"


# ------------------------------------------------------------- Chinese helpers

_HARD = re.compile(r"[，,。；;：:！!？?、（）()\[\]【】《》“”\"'‘’「」『』\s—–\-…·/]")
_ZH_BOUNDARY_WORDS = sorted(
    {
        *(w for t in (lx.DEPARTURE, lx.JOIN, lx.FOUNDING, lx.RECRUITING, lx.REPORTED) for w in t["zh"]),
        *(
            "投资",
            "领投",
            "跟投",
            "注资",
            "支持",
            "获得",
            "包括",
            "例如",
            "比如",
            "其中",
            "作为",
            "位于",
            "总部",
        ),
        *(
            "曾",
            "已",
            "将",
            "也",
            "则",
            "都",
            "均",
            "就",
            "又",
            "还",
            "并",
            "而",
            "由",
            "被",
            "从",
            "向",
            "对",
        ),
        *(
            "以",
            "在",
            "据",
            "与",
            "和",
            "及",
            "或",
            "是",
            "为",
            "于",
            "了",
            "的",
            "其",
            "该",
            "这",
            "那",
            "前",
            "原",
        ),
        *("企业", "公司", "平台", "厂商", "巨头", "大厂", "机构", "集团旗下", "旗下", "担任", "出任", "任"),
    },
    key=len,
    reverse=True,
)
_DUTY_VERBS = frozenset(
    (
        "负责",
        "主管",
        "分管",
        "掌管",
        "主导",
        "带领",
        "领导",
        "牵头",
        "统筹",
        "专注于",
        "专注",
        "聚焦",
        "主攻",
        "从事",
    )
)
_DESCRIPTORS = ("企业", "公司", "平台", "厂商", "巨头", "大厂", "机构", "旗下", "初创", "独角兽", "云计算")


_BOUNDARY_FLAGS = frozenset(
    ("p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "d", "r", "t", "f", "y", "e", "o", "q", "v")
)


def _is_boundary_token(word: str, flag: str, next_word: str = "") -> bool:
    """Whether a jieba token cannot be part of an organisation's name."""
    if word == "之":
        return False  # 月之暗面
    if word in _ZH_BOUNDARY_WORDS:
        return True
    if flag == "v" and next_word in lx.ORG_SUFFIXES["zh"]:
        return False  # 创新工场
    if flag == "m":
        return bool(re.search(r"[\d位名个家年月日号多数几]", word)) and word != "月"
    return flag in _BOUNDARY_FLAGS


def clean_org_zh(chunk: str, side: str) -> tuple[int, int] | None:
    """The span of an organisation name inside ``chunk``.

    ``side="end"``: the name ends the chunk (text before a role, before 系/领投/支持下).
    ``side="start"``: the name starts it (text after 加入/离开, a sentence's subject)."""
    if not chunk:
        return None
    # a hard boundary (punctuation) cuts the chunk
    if side == "end":
        hard = [m.end() for m in _HARD.finditer(chunk) if not _latin_joiner(chunk, m.start())]
        lo, hi = (hard[-1] if hard else 0), len(chunk)
    else:
        hard = [m.start() for m in _HARD.finditer(chunk) if not _latin_joiner(chunk, m.start())]
        lo, hi = 0, (hard[0] if hard else len(chunk))
    piece = chunk[lo:hi]
    if not piece.strip():
        return None
    toks = tokens(piece)

    def nxt(i: int) -> str:
        return toks[i + 1][0] if i + 1 < len(toks) else ""

    if side == "end":
        k = len(toks)
        while k > 0 and not _is_boundary_token(toks[k - 1][0], toks[k - 1][1], nxt(k - 1)):
            k -= 1
        s = toks[k][2] if k < len(toks) else len(piece)
        e = len(piece)
        if any(t[0] in _DUTY_VERBS for t in toks[:k]):
            return None  # 负责生态合作的副总裁: a duty, not an organisation
    else:
        k = 0
        while k < len(toks) and toks[k][0] in ("了", "过", "着", " "):
            k += 1  # 加入了穹顶云
        s = toks[k][2] if k < len(toks) else len(piece)
        j = k
        while j < len(toks) and (
            not _is_boundary_token(toks[j][0], toks[j][1], nxt(j))
            or (toks[j][0] in _DESCRIPTORS and j + 1 < len(toks) and not _HARD.match(toks[j + 1][0]))
        ):
            j += 1
        e = toks[j][2] if j < len(toks) else len(piece)
        # a descriptor before the name: 云计算企业穹顶云 -> 穹顶云
        sub = piece[s:e]
        cut = max((sub.rfind(d) + len(d) for d in _DESCRIPTORS if d in sub[:-1]), default=0)
        if 0 < cut < len(sub):
            s += cut
        # a name with an organisation suffix ends there: 云岚智能医学影像 -> 云岚智能
    sub = piece[s:e]
    for suffix in sorted(lx.ORG_SUFFIXES["zh"], key=len, reverse=True):
        at = sub.find(suffix, 1)
        if at > 0 and at + len(suffix) < len(sub) and len(sub) - at - len(suffix) >= 2 and side == "start":
            e = s + at + len(suffix)
            break
    s, e = s + lo, e + lo
    while s < e and chunk[s].isspace():
        s += 1
    while e > s and chunk[e - 1].isspace():
        e -= 1
    if side == "start":
        # a team or unit after the name: 字节跳动Seed团队 -> 字节跳动
        sub = chunk[s:e]
        tail = next((t for t in lx.ZH_GENERIC_TAILS if sub.endswith(t) and len(sub) > len(t) + 1), None)
        if tail:
            e -= len(tail)
            latin = re.search(r"(?<=[\u4e00-\u9fff])\s*[A-Za-z][A-Za-z0-9.-]*\s*$", chunk[s:e])
            if latin:
                e = s + latin.start()
    # a leading adverb that jieba glued to the name: 仅智谱 -> 智谱
    if e - s >= 3 and chunk[s] in "仅只就也还即如像和与及对被在从连" and HAN.match(chunk[s + 1]):
        s += 1
    # a Latin product version after the name: DeepSeek-V2 -> DeepSeek
    version = re.search(r"-[A-Za-z]?\d[\w.]*$", chunk[s:e])
    if version and LATIN.search(chunk[s : s + version.start()]):
        e = s + version.start()
    return (s, e) if plausible_org_zh(chunk[s:e]) else None


def _latin_joiner(text: str, i: int) -> bool:
    """A space, hyphen or dot between two Latin letters or digits is part of a name."""
    return (
        text[i] in " -.·"
        and 0 < i < len(text) - 1
        and bool(re.match(r"[A-Za-z0-9]", text[i - 1]))
        and bool(re.match(r"[A-Za-z0-9]", text[i + 1]))
    )


def plausible_org_zh(name: str) -> bool:
    if not name or name in lx.ZH_NOT_NAMES or name.endswith(lx.ZH_GENERIC_TAILS):
        return False
    if re.fullmatch(r"[\d\s.,%]+", name) or re.search(r"[年月日号]$", name):
        return False
    if HAN.search(name):
        han = len(HAN.findall(name))
        if han < 2 and not LATIN.search(name):
            return False
        if len(name) > 12:
            return False
        if name[0] in "的了是在和与及等也于被从就都又并而该这那位名" or name[-1] in "的了着过":
            return False
        if any(w in name for w in ("负责人", "高管", "创始人", "总裁")):
            return False
        return name not in lx.ORG_SUFFIXES["zh"]
    return bool(re.match(r"[A-Z0-9]", name)) and name not in lx.EN_NOT_NAMES and len(name) >= 2


def plausible_person_zh(name: str) -> bool:
    if not re.fullmatch(r"[\u3400-\u9fff]{2,4}", name):
        return False
    if name in lx.ZH_NOT_NAMES:
        return False
    if name[:2] in lx.ZH_SURNAMES:
        return len(name) in (3, 4)
    if name[0] not in lx.ZH_SURNAMES or len(name) > 3:
        return False
    if name[-1] in lx.ZH_NOT_IN_NAME:
        return False
    return not any(name.endswith(s) for s in lx.ORG_SUFFIXES["zh"])


def _name_after(text: str, at: int) -> int:
    """The end of a 2-3 character person name starting at ``at`` (0 if none)."""
    cand = text[at : at + 4]
    if len(cand) < 2 or not HAN.match(cand[0]):
        return 0
    sur = 2 if cand[:2] in lx.ZH_SURNAMES and len(cand) >= 3 else 1
    if text[at : at + sur] not in lx.ZH_SURNAMES:
        return 0
    ends = [at + sur + 1, at + sur + 2]
    toks = tokens(text)
    bounds = {t[2] for t in toks} | {len(text)}
    by_start = {t[2]: t for t in toks}
    tok = by_start.get(at)
    if tok and tok[1].startswith("nr") and tok[3] in ends and plausible_person_zh(text[at : tok[3]]):
        return tok[3]
    two, three = ends
    if three > len(text) or not HAN.match(text[three - 1]) or text[three - 1] in lx.ZH_AFTER_NAME:
        return (
            two if two <= len(text) and HAN.match(text[two - 1]) and plausible_person_zh(text[at:two]) else 0
        )
    # jieba says whether the third character begins the next word
    if two in bounds and three not in bounds and plausible_person_zh(text[at:two]):
        return two
    if plausible_person_zh(text[at:three]):
        return three
    return two if plausible_person_zh(text[at:two]) else 0


# -------------------------------------------------------------------- mentions


class _Found:
    def __init__(self, text: str, gaz: Gazetteer) -> None:
        self.text = text
        self.gaz = gaz
        self.items: list[Mention] = []

        self.roles: list[tuple[int, int]] = []

    def free(self, s: int, e: int) -> bool:
        return s < e and all(m.end <= s or m.start >= e for m in self.items)

    def add(
        self, s: int, e: int, kind: str, how: str, conf: float, name: str | None = None
    ) -> Mention | None:
        if not self.free(s, e):
            return None
        person = kind == PERSON
        if not person and any(rs <= s and e <= re_ for rs, re_ in self.roles):
            return None  # 出任研究院院长: a role, not an organisation
        name = name or self.text[s:e]
        known = self.gaz.lookup(name, person=person)
        entity = known or Entity(kind=kind, name=name)
        m = Mention(
            s, e, self.text[s:e], entity, "known" if entity.known else ("draft" if known else how), conf
        )
        self.items.append(m)
        return m


def find_mentions(text: str, lang: str, gaz: Gazetteer, *, new_names: bool = True) -> list[Mention]:
    """People and organisations named in ``text`` (one sentence), in order."""
    found = _Found(text, gaz)
    for s, e, ent in gaz.matches(text):
        if (
            new_names
            and lang == "en"
            and not ent.known
            and not ent.is_person
            and _EN_SUFFIX_AFTER.match(text, e)
        ):
            continue  # "Lumora" learnt from a headline, here "Lumora AI": the full name is new
        if found.free(s, e):
            how = "known" if ent.known else "draft"
            found.items.append(Mention(s, e, text[s:e], ent, how, 0.95 if ent.known else 0.7))
    if new_names:
        if lang == "zh":
            _new_zh(found)
        else:
            _new_en(found)
    return sorted(found.items, key=lambda m: m.start)


# --- Chinese


def _role_spans(text: str, lang: str) -> list[tuple[int, int]]:
    return [m.span() for m in lx.role_pattern(lang).finditer(text)]


def _new_zh(found: _Found) -> None:
    text = found.text
    roles = _role_spans(text, "zh")
    found.roles = roles
    # a role title followed by a name: 首席运营官张帆
    for _s, e in roles:
        end = _name_after(text, e)
        if end:
            found.add(e, end, PERSON, "role", 0.8)
    # a list of names ending with 等: 洪涛、焦可、陈炜鹏、邓江、李施政等
    for m in re.finditer(r"((?:[\u4e00-\u9fff]{2,}、)+[\u4e00-\u9fff]{2,4})等", text):
        items = m.group(1).split("、")
        first = items[0]
        for size in (3, 2):  # the first item may follow other words: 也有洪涛
            if (
                len(first) >= size
                and plausible_person_zh(first[-size:])
                and _name_after(text, m.start(1) + len(first) - size) == m.start(1) + len(first)
            ):
                items[0] = first[-size:]
                break
        start = m.start(1) + len(first) - len(items[0])
        if sum(plausible_person_zh(i) for i in items) >= max(2, len(items) - 1):
            at = start
            for item in items:
                if plausible_person_zh(item):
                    found.add(at, at + len(item), PERSON, "list", 0.75)
                at += len(item) + 1
    _orgs_zh(found, roles)
    # jieba: organisation suffixes (星耀 + 智能), nt, person names (nr)
    toks = tokens(text)
    for i, (word, flag, s, e) in enumerate(toks):
        if word in lx.ORG_SUFFIXES["zh"] and i > 0:
            pw, pf, ps, _pe = toks[i - 1]
            name = pw + word
            if (
                (
                    pf.startswith("n")
                    or pf in ("j", "eng", "vn", "an", "nz", "v", "a")
                    or (pf == "m" and i > 1)
                )
                and not _is_boundary_token(pw, pf)
                and pw not in lx.ZH_NOT_NAMES
                and len(pw) <= 3
                and word_frequency(pw) <= 1000
                and not is_dictionary_word(name)
                and plausible_org_zh(name)
            ):
                found.add(ps, e, "Company", "suffix", 0.65)
        elif flag == "nt" and len(word) >= 2 and plausible_org_zh(word):
            found.add(s, e, "Company", "jieba", 0.55)
    for i, (word, flag, s, e) in enumerate(toks):
        if not flag.startswith("nr"):
            continue
        name, end = word, e
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if (
            len(word) == 1
            and nxt
            and HAN.match(nxt[0])
            and 1 <= len(nxt[0]) <= 2
            and (nxt[1].startswith("nr") or word_frequency(nxt[0]) <= 300)
        ):
            name, end = word + nxt[0], nxt[3]  # 李/施政 -> 李施政 (not 陈/默认)
        if nxt and nxt[0] in lx.ORG_SUFFIXES["zh"]:
            continue  # 星耀/智能 is an organisation
        if plausible_person_zh(name) and name not in lx.ZH_NOT_NAMES and word_frequency(name) <= 200:
            found.add(s, end, PERSON, "jieba", 0.6)


def _orgs_zh(found: _Found, roles: list[tuple[int, int]]) -> None:
    text = found.text

    def before(end: int, how: str, conf: float, kind: str = "Company") -> None:
        tail = re.search(r"(?:旗下|下属|内部|的)$", text[max(0, end - 2) : end])
        if tail:
            end -= len(tail.group())  # 字节跳动旗下大模型团队负责人
        span = clean_org_zh(text[max(0, end - 24) : end], "end")
        if span:
            off = max(0, end - 24)
            found.add(off + span[0], off + span[1], kind, how, conf)

    def after(start: int, how: str, conf: float, kind: str = "Company") -> None:
        span = clean_org_zh(text[start : start + 30], "start")
        if span:
            found.add(start + span[0], start + span[1], kind, how, conf)

    # before a role title (with 的): 智谱首席运营官, MiniMax的商业化合伙人
    for s, _e in roles:
        end = s - 1 if s > 0 and text[s - 1] == "的" else s
        if end > 0 and text[end - 1] not in "，,。；;：:、其该":
            before(end, "pattern", 0.7)
    for m in re.finditer(r"从(.{2,14}?)(?:离职|离开|出走|辞职|跳槽|加入)", text):  # 从阿里巴巴离职
        span = clean_org_zh(m.group(1), "end")
        if span:
            found.add(m.start(1) + span[0], m.start(1) + span[1], "Company", "pattern", 0.65)
    for m in re.finditer(r"以(.{2,12}?)为例", text):
        span = clean_org_zh(m.group(1), "end")
        if span:
            found.add(m.start(1) + span[0], m.start(1) + span[1], "Company", "pattern", 0.7)
    for m in re.finditer(r"在(.{2,14}?)(?:的)?(?:投资)?支持下", text):
        span = clean_org_zh(m.group(1), "end")
        if span:
            found.add(m.start(1) + span[0], m.start(1) + span[1], "Investor", "pattern", 0.7)
    for m in re.finditer(r"由(.{2,14}?)(?:领投|跟投|投资|注资|参投)", text):
        span = clean_org_zh(m.group(1), "end")
        if span:
            found.add(m.start(1) + span[0], m.start(1) + span[1], "Investor", "pattern", 0.7)
    for m in re.finditer(r"投资方(?:为|是|包括|有)", text):
        after(m.end(), "pattern", 0.65, "Investor")
    for m in re.finditer(r"(?:领投|跟投|注资|参投)", text):
        before(m.start(), "pattern", 0.6, "Investor")
    for m in re.finditer(r"获得了?(?:“[^”]{1,6}”|\"[^\"]{1,6}\")?(.{2,14}?)的(?:投资|注资|支持)", text):
        span = clean_org_zh(m.group(1), "end")
        if span:
            found.add(m.start(1) + span[0], m.start(1) + span[1], "Company", "pattern", 0.65)
    for pat in (
        lx.cue_pattern("join", "zh"),
        lx.cue_pattern("departure", "zh"),
        lx.cue_pattern("founding", "zh"),
    ):
        for m in pat.finditer(text):
            after(m.end(), "pattern", 0.65)
    for m in lx.cue_pattern("recruiting", "zh").finditer(text):
        # the subject before 曾/试图/挖角: 小米曾尝试挖角, 澄川集团曾试图以双倍薪酬挖角
        clause_start = max((x.end() for x in _HARD.finditer(text, 0, m.start())), default=0)
        after(clause_start, "pattern", 0.6)
    for m in re.finditer(r"(?<=[\u4e00-\u9fffA-Za-z])系(?=[\u4e00-\u9fff])", text):
        before(m.start(), "pattern", 0.6)
    for m in re.finditer(r"作为", text):
        clause_start = max((x.end() for x in _HARD.finditer(text, 0, m.start())), default=0)
        if m.start() - clause_start >= 2:
            span = clean_org_zh(text[clause_start : m.start()], "end")
            if span and text[m.end() : m.end() + 40].find("企业") >= 0:
                found.add(clause_start + span[0], clause_start + span[1], "Company", "pattern", 0.6)
    # a list of organisations before 这五家公司 / 等五家企业
    for m in lx.ZH_GROUP_LIST_TAIL.finditer(text):
        clause_start = max((x.end() for x in re.finditer(r"[，,。；;：:]", text[: m.start()])), default=0)
        items = text[clause_start : m.start()]
        at = clause_start
        for item in items.split("、"):
            stripped = item.strip()
            lead = len(item) - len(item.lstrip())
            span = clean_org_zh(stripped, "end") if stripped else None
            if span:
                found.add(at + lead + span[0], at + lead + span[1], "Company", "pattern", 0.65)
            at += len(item) + 1
    # a Latin name with a company suffix: 总部位于新加坡的Orbitron AI
    for m in _CAPS.finditer(text):
        words = m.group().rstrip(".").split()
        if _suffix_org_en(words):
            found.add(m.start(), _span_end(text, m.start(), words), "Company", "suffix", 0.65)
    # a name with its English form in brackets: 云岚智能（Yunlan AI）
    for m in re.finditer(r"([\u4e00-\u9fff]{2,8})[（(]([A-Z][A-Za-z0-9.&' -]{1,40})[）)]", text):
        span = clean_org_zh(m.group(1), "end")
        if span:
            mention = found.add(m.start(1) + span[0], m.start(1) + span[1], "Company", "pattern", 0.7)
            if mention and not mention.entity.name_en:
                mention.entity.name_en = m.group(2).strip()


# --- English

_UPPER = "A-ZÀ-ÖØ-Þ"
_WORD = "A-Za-zÀ-ÖØ-öø-ÿ0-9&.'’-"
_CAPS = re.compile(
    rf"(?<![{_WORD}])(?:[{_UPPER}][{_WORD}]*|\d+\.[A-Z][A-Za-z]*)(?:\s+(?:[{_UPPER}][{_WORD}]*|of|de|van|von|al|bin|du|la))*"
)


def _suffix_org_en(words: list[str]) -> bool:
    return bool(words) and words[-1].rstrip(".,") in lx.ORG_SUFFIXES["en"] and len(words) >= 2


def _new_en(found: _Found) -> None:
    text = found.text
    roles = _role_spans(text, "en")
    found.roles = roles
    role_ends = {e for _s, e in roles}
    role_starts = {s for s, _e in roles}
    for m in _CAPS.finditer(text):
        s = m.start()
        raw = m.group()
        poss = False  # "Nova Labs'" / "Zhipu's"
        for tail in ("'s", "’s", "'", "’"):
            if raw.endswith(tail):
                raw, poss = raw[: -len(tail)], True
                break
        if raw.endswith(".") and raw.split()[-1] not in _EN_DOTTED:
            raw = raw.rstrip(".")  # the full stop after "Hanlin."
        words = raw.split()
        # leading words that are not names (The, Late, CFO, Beijing-based...)
        while words and (
            words[0] in lx.EN_NOT_NAMES
            or words[0].endswith("-based")
            or words[0].lower() in lx.role_index("en")
            or words[0].lower() in ("research", "former", "ex", "chief", "head")
            or words[0] in _CONNECTORS
        ):
            s = text.index(words[0], s) + len(words[0])
            words = words[1:]
            while s < len(text) and text[s].isspace():
                s += 1
        # trailing words that are not names
        while words and (
            (words[-1] in lx.EN_NOT_NAMES and words[-1] not in lx.ORG_SUFFIXES["en"])
            or words[-1] in _CONNECTORS
        ):
            words = words[:-1]
        if not words:
            continue
        e = _span_end(text, s, words)
        if not found.free(s, e):
            continue
        after = text[e : e + 40]
        before = text[max(0, s - 40) : s]
        if _suffix_org_en(words):
            found.add(s, e, "Company", "suffix", 0.7)
            continue
        if poss and lx.role_pattern("en").match(after.lstrip("'’s ")):
            found.add(s, e, "Company", "pattern", 0.7)
            continue
        after_role = any(re_ <= s and text[re_:s].strip(" ,") == "" and s - re_ <= 3 for re_ in role_ends)
        if (
            2 <= len(words) <= 3
            and _looks_personal(words)
            and (
                after_role
                or re.match(r"\s*,\s*(?:the|a|an|who|its|our|their)\b", after)
                or _org_role_after(text, e)
            )
        ):
            found.add(s, e, PERSON, "role" if after_role else "caps", 0.75 if after_role else 0.65)
            continue
        strong = _ORG_SLOT_EN.search(
            before
        )  # "at Morgan Stanley": an organisation, however personal it looks
        if (
            (strong or _ORG_BEFORE_EN.search(before))
            and len(words) <= 4
            and (strong or not (2 <= len(words) <= 3 and _looks_personal(words)))
        ):
            found.add(s, e, "Company", "pattern", 0.6)
            continue
        before_role = any(rs >= e and text[e:rs].strip() == "" for rs in role_starts)
        if (before_role or _ORG_AFTER_EN.match(after)) and (len(words) == 1 or not _looks_personal(words)):
            found.add(s, e, "Company", "pattern", 0.55)
            continue
        if 2 <= len(words) <= 3 and _looks_personal(words):
            found.add(s, e, PERSON, "caps", 0.55)


# An organisation after these words ("left Hanlin", "backed by Orbit", "the search company Brightpath").
_ORG_BEFORE_EN = re.compile(
    r"\b(?:at|from|joined|join|joins|left|leaves|leave|by|of|for|with|to|backed|poach|founded|co-founded|cofounded|"
    r"launched|launch|start|started|building|company|firm|start-up|startup|lab|group|maker|developer|fund|investor|"
    r"rival|unit|division)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_ORG_SLOT_EN = re.compile(
    r"\b(?:at|joined|join|joins|left|leaves|leave|backed by|funded by)\s+(?:the\s+)?$", re.I
)
# ... or before these ("Bramble Ventures led", "Veridian tried")
_ORG_AFTER_EN = re.compile(
    r"(?:'s|’s|')?\s+(?:itself\s+)?(?:led|backed|invested|funded|tried|approached|hired|has|had|is|was|will|raised|"
    r"announced|confirmed|declined|said|put)\b"
)
_CONNECTORS = frozenset(("of", "de", "van", "von", "al", "bin", "du", "la"))
_EN_DOTTED = frozenset(("Inc.", "Corp.", "Ltd.", "Co.", "Bros."))


_EN_SUFFIX_AFTER = re.compile(
    r"\s+(?:" + "|".join(re.escape(x) for x in lx.ORG_SUFFIXES["en"]) + r")(?![A-Za-z0-9])"
)
# ", Lumora AI's vice president of product": an apposition that makes the name a person's
_ORG_ROLE_AFTER_EN = re.compile(
    rf"\s*,\s*(?:[{_UPPER}][{_WORD}]*\s+){{0,3}}[{_UPPER}][{_WORD}]*?(?:'s|’s)\s+"
)


def _org_role_after(text: str, e: int) -> bool:
    m = _ORG_ROLE_AFTER_EN.match(text, e)
    return m is not None and lx.role_pattern("en").match(text, m.end()) is not None


def _span_end(text: str, s: int, words: list[str]) -> int:
    at = s
    for w in words:
        at = text.index(w, at) + len(w)
    return at


def _looks_personal(words: list[str]) -> bool:
    """2-3 capitalised words without an organisation suffix or a non-name word."""
    return (
        all(re.fullmatch(r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+", w) for w in words)
        and words[-1] not in lx.ORG_SUFFIXES["en"]
        and not any(w in lx.EN_NOT_NAMES for w in words)
    )


# ----------------------------------------------------------------- coreference


def coreference_phrases(kind: str, lang: str) -> re.Pattern[str]:
    """The pronouns / phrases of a kind ("org" or "person")."""
    return _coref_pattern(kind, lang)


@lru_cache(maxsize=8)
def _coref_pattern(kind: str, lang: str) -> re.Pattern[str]:
    phrases = sorted(lx.COREFERENCE[kind][lang], key=len, reverse=True)
    if lang == "en":
        return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)
    return re.compile("|".join(re.escape(p) for p in phrases))


def resolve(candidates_same: list[Entity], candidates_previous: list[Entity]) -> Entity | None:
    """The one entity a pronoun refers to: nearest scope first, only when unambiguous."""
    for group in (candidates_same, candidates_previous):
        distinct = list(dict.fromkeys(group))
        if len(distinct) == 1:
            return distinct[0]
        if len(distinct) > 1:
            return None
    return None
