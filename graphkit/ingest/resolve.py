"""Identity-resolution candidates: may these two ids be one person (or one organisation)?

:func:`candidates` proposes pairs of nodes for a person to review, best first, with the
evidence in words; :func:`write_candidates` writes them as a CSV with an empty
``decision`` column. Nothing is merged here.

Evidence (people)
-----------------
Each node's ``name``, ``name_en`` and ``aliases`` are compared with the other's.

* one name in simplified and traditional characters (OpenCC), or the same name;
* a name or ``name_en`` equal to one of the other's aliases (after the same normalisation);
* the same romanised name after case, hyphens, accents and given/family order are
  normalised ("Fan Zhang" = "ZHANG Fan" = "Zhang Fan");
* a Chinese name whose toneless pinyin (pypinyin; a few surnames read as surnames,
  e.g. 曾 zeng, 单 shan; compound surnames such as 欧阳) equals the other's romanised name;
* weaker: different characters with the same pinyin (a homophone: 张帆 / 张凡, a
  plausible typo); a romanised name one edit away from the other's pinyin that is
  not itself pinyin (a likely typo: "Zhang Fna"; pinyin spelling rules decide, e.g. a
  syllable that starts with a vowel only starts a word); names one edit apart
  (stronger in long names than in "Li Wei" / "Li Wen"); other similar names (rapidfuzz);
* supporting only: both worked at (WORKED_AT, JOINED, FOUNDED) the same organisation
  (two organisation ids that score :data:`SAME_EMPLOYER` or more as one organisation,
  e.g. 智谱 and "Zhipu AI" from two reports, count as one employer) with overlapping dates (an unknown start or end counts as open), more when the starts
  agree (more again to the month than to the year), and the ends too; both with known
  employers but none shared lowers the score. An employer never makes a pair on its
  own: a pair needs name evidence first (blocks are keyed by names only).

When both nodes have Chinese names and no pair of them is the same (in either script),
their romanised names say nothing more (they are usually derived from the characters):
equal pinyin then counts as a homophone only.

Scores are ``sigmoid(logit(p_name) + employer)``, rounded to 3 decimals. ``p_name`` is
the strongest name evidence: same characters 0.80, alias = name 0.80, same romanised
name 0.75, pinyin = romanised name 0.72, likely typo 0.60, homophone 0.45, one edit
apart 0.20-0.50 (by length), similar names 0.10-0.34. ``employer`` (log-odds) is, for
the best shared employer, +1.0 times the employer's size weight (1 up to
:data:`SMALL_EMPLOYER` people, less for large ones: a colleague among thousands is a
weak hint) plus +1.0 / +2.0 for starts that agree to the year / month, +0.5 / +1.0 for
ends that agree, +0.3 when neither has ended; half as much for each further shared
employer; at most +4.0. Both with known employers and none shared: -1.0. So one
person written two ways (0.72-0.80) ranks above a homophone (0.45) or two people with
the same name at different employers (0.75 - 1.0 -> 0.52), and a same-name pair with a
shared employer (0.89 or more) above one without.

Organisations are compared with organisations (any organisation kind): same name in
either script, alias = name, same romanised or pinyin form ("Zhipu AI" = 智谱AI), the
same name without a generic suffix (百川智能 / 百川: 智能, 科技, 公司, AI, Inc, Labs, ...),
and similar names. Events and ``unnamed`` nodes are skipped.

Blocking
--------
Pairs are only generated inside blocks of nodes sharing a key, never all pairs:

* ``h:`` simplified form and ``t:`` traditional form of each Chinese name or alias;
* ``p:`` the unordered (family, given) pinyin pair of each Chinese name and the sorted
  lower-case tokens of each romanised name or alias ("fan zhang"); three or more tokens
  give two keys (first or last token as the family name);
* ``f:`` the fuzzy block: the ``p:`` key and each of its one-letter deletions (a
  symmetric-deletion neighbourhood: two names one edit apart share a key); only pairs
  with at least one member that has no Chinese name are made here;
* organisations: ``oh:``/``ot:`` simplified/traditional compact name, ``oc:`` compact
  latin form (romanised, or the pinyin of the Chinese name), ``os:`` the name without
  generic suffixes, ``of:`` one-letter deletions of the compact latin form.

A block larger than :data:`MAX_BLOCK` members (a name shared by hundreds of nodes) is
sorted by name and each member is compared only with its next :data:`WINDOW`
neighbours (sorted neighbourhood), so the work stays near-linear in the number of nodes.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import Any, NamedTuple

from graphkit.schema import dates, vocab
from graphkit.schema.model import Node, Relationship

COLUMNS = ("id_a", "id_b", "name_a", "name_b", "score", "reasons", "decision")

#: Blocks larger than this are compared by sorted neighbourhood only.
MAX_BLOCK = 400
#: How many following members each member of a huge block is compared with.
WINDOW = 40

EMPLOYMENT = frozenset({"WORKED_AT", "JOINED", "FOUNDED"})

# Name evidence: the probability that the pair is one entity, from the names alone.
P_SAME = 0.80  # same characters (or simplified = traditional)
P_ALIAS = 0.80  # a name equals an alias of the other
P_ROMAN = 0.75  # same romanised name after case / order normalisation
P_PINYIN = 0.72  # Chinese name's pinyin = the other's romanised name
P_CORE = 0.60  # organisations: the same name without a generic suffix
P_HOMOPHONE = 0.45  # different characters, same pinyin
P_TYPO = 0.60  # romanised name one edit from the other's pinyin, and not pinyin itself
P_NEAR_MIN, P_NEAR_MAX = 0.20, 0.50  # other names one edit apart, short (5 letters) .. long (11)
P_ROMAN_CONFLICT = 0.30  # same romanised name, but different Chinese names and pinyin
P_FUZZY_MIN, P_FUZZY_MAX = 0.10, 0.34  # similar names, ratio 0.80 .. 1.00
FUZZY_RATIO = 80.0  # rapidfuzz ratio (0-100) below which names are not similar
NAME_FLOOR = 0.10  # name evidence below this makes no pair, whatever the employers

E_OVERLAP = 1.0  # a shared employer, overlapping dates (times its size weight)
E_START_YEAR, E_START_MONTH = 1.0, 2.0  # ... and the same start, to the year / to the month
E_END_YEAR, E_END_MONTH = 0.5, 1.0  # ... and the same end
E_BOTH_OPEN = 0.3  # ... and neither has an end
E_MAX = 4.0
E_NO_SHARED = -1.0
SMALL_EMPLOYER = 50  # sharing an employer of more people than this says less and less

_COMPOUND = (
    "欧阳 司马 诸葛 上官 司徒 东方 皇甫 令狐 慕容 尉迟 公孙 夏侯 长孙 宇文 独孤 端木 南宫 西门 "
    "闻人 轩辕 澹台 公冶 宗政 濮阳 太史 申屠 万俟 钟离 呼延 赫连 百里 东郭 司空 第五"
)
_COMPOUND_SURNAMES = frozenset(_COMPOUND.split())
# Surnames whose reading as a surname differs from the character's usual reading.
_SURNAME_READINGS = {
    "曾": "zeng",
    "单": "shan",
    "解": "xie",
    "仇": "qiu",
    "查": "zha",
    "区": "ou",
    "朴": "piao",
    "乐": "yue",
    "盖": "ge",
    "缪": "miao",
    "覃": "qin",
    "召": "shao",
    "员": "yun",
    "翟": "zhai",
    "种": "chong",
    "秘": "bi",
    "句": "gou",
    "尉迟": "yuchi",
    "万俟": "moqi",
    "长孙": "zhangsun",
}
_HAN_SUFFIXES = (
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "人工智能",
    "研究院",
    "实验室",
    "公司",
    "集团",
    "科技",
    "智能",
    "技术",
    "网络",
    "控股",
)
_GENERIC = (
    "inc incorporated ltd limited llc co corp corporation company group holdings holding "
    "technologies technology tech labs lab ai intelligence plc gmbh sa ag"
)
_LATIN_SUFFIXES = frozenset(_GENERIC.split())


# ------------------------------------------------------------------ public API
@dataclass(frozen=True)
class Candidate:
    """Two ids that may be one entity; ``id_a`` comes first in the input."""

    id_a: str
    id_b: str
    name_a: str
    name_b: str
    score: float
    reasons: tuple[str, ...]


def candidates(
    nodes: Mapping[str, Node] | Iterable[Node],
    relationships: Iterable[Relationship] = (),
    *,
    min_score: float = 0.3,
    exclude: Iterable[frozenset[str]] = frozenset(),
    stats: dict[str, Any] | None = None,
) -> list[Candidate]:
    """Pairs that may be one entity, best first (score desc, then id_a, id_b). Never all pairs: blocking.

    ``nodes`` is a dataset's ``nodes`` mapping or any iterable of nodes, in input order.
    ``exclude`` holds pairs already decided (``frozenset({id_a, id_b})``). If ``stats`` is a
    dict it receives counts: ``nodes``, ``blocks``, ``largest_block``, ``windowed_blocks``,
    ``pairs_scored`` (distinct pairs compared) and ``candidates``."""
    node_list = list(nodes.values()) if isinstance(nodes, Mapping) else list(nodes)
    excluded = {frozenset(p) for p in exclude}
    rels = list(relationships)
    # Organisations first: two ids that are probably one employer (智谱 / Zhipu AI) count as
    # one employer when people are compared, so a person written two ways by two reports
    # that also wrote the employer two ways still shares it.
    org_kinds = set(vocab.load().organisation_kinds)
    org_nodes = [n for n in node_list if n.kind in org_kinds]
    same_org = _org_classes(_run(org_nodes, {}, min_score, excluded, None), excluded)
    if same_org:
        rels = [r.model_copy(update={"target": same_org.get(r.target, r.target)}) for r in rels]
    return _run(node_list, _jobs(rels), min_score, excluded, stats)


#: Organisations scoring at least this are read as one employer when people are compared.
SAME_EMPLOYER = 0.7


def _org_classes(found: list[Candidate], excluded: set[frozenset[str]]) -> dict[str, str]:
    """{organisation id: the first id of its class} over pairs scoring :data:`SAME_EMPLOYER`."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while x in parent:
            x = parent[x]
        return x

    for c in found:
        if c.score >= SAME_EMPLOYER and frozenset((c.id_a, c.id_b)) not in excluded:
            ra, rb = root(c.id_a), root(c.id_b)
            if ra != rb:
                parent[rb] = ra
    return {x: root(x) for x in parent}


def _run(
    node_list: list[Node],
    jobs: dict[str, tuple[_Job, ...]],
    min_score: float,
    excluded: set[frozenset[str]],
    stats: dict[str, Any] | None,
) -> list[Candidate]:
    weights = _org_weights(jobs)
    feats: list[_Features] = []
    seen: set[str] = set()
    for node in node_list:
        if node.kind == "Event" or node.unnamed or node.id in seen:
            continue
        seen.add(node.id)
        feats.append(_features(node, len(feats), jobs.get(node.id, ())))

    pairs, block_stats = _block_pairs(feats)
    out: list[Candidate] = []
    n = len(feats)
    for code in pairs:
        i, j = divmod(code, n)
        a, b = feats[i], feats[j]
        if excluded and frozenset((a.id, b.id)) in excluded:
            continue
        scored = _score(a, b, weights, min_score) if a.person else _score_orgs(a, b)
        if scored is None:
            continue
        score, reasons = scored
        if score >= min_score:
            out.append(Candidate(a.id, b.id, a.node.name, b.node.name, score, reasons))
    out.sort(key=lambda c: (-c.score, c.id_a, c.id_b))
    if stats is not None:
        stats.update(block_stats)
        stats.update(nodes=n, pairs_scored=len(pairs), candidates=len(out))
    return out


def write_candidates(cands: Iterable[Candidate], path: str | Path) -> None:
    """Write ``cands`` as CSV (:data:`COLUMNS`, UTF-8), ``decision`` left empty for a reviewer."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for c in cands:
            writer.writerow([c.id_a, c.id_b, c.name_a, c.name_b, f"{c.score:.3f}", "; ".join(c.reasons), ""])


# ------------------------------------------------------------- normalisation
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_SEP_RE = re.compile(r"[·•・‧.\s]+")
_DROP_RE = re.compile(r"[\s\W_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _converters() -> tuple[Any, Any]:
    import opencc

    return opencc.OpenCC("t2s.json"), opencc.OpenCC("s2t.json")


@lru_cache(maxsize=200_000)
def _scripts(text: str) -> tuple[str, str]:
    """(simplified, traditional) forms of ``text``, lower case, without spaces or punctuation."""
    t2s, s2t = _converters()
    compact = _DROP_RE.sub("", text).lower()
    return t2s.convert(compact), s2t.convert(compact)


_CHAR_PINYIN: dict[str, str] = {}


def _char_pinyin(ch: str) -> str:
    got = _CHAR_PINYIN.get(ch)
    if got is None:
        from pypinyin import Style, lazy_pinyin

        got = lazy_pinyin(ch, style=Style.NORMAL)[0].lower().replace("v", "u").replace("ü", "u")
        _CHAR_PINYIN[ch] = got
    return got


def _pinyin(text: str) -> list[str]:
    """Toneless pinyin syllables of the Chinese characters in ``text`` (one per character)."""
    return [_char_pinyin(ch) for ch in text if _HAN_RE.match(ch)]


def _latin_tokens(text: str) -> list[str]:
    """Lower-case ASCII tokens: accents dropped, apostrophes and hyphens joined ("Xiao-Ming" -> xiaoming)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = re.sub(r"['’`\-‐‑]", "", plain)
    tokens = [t for t in re.split(r"[^0-9a-z]+", plain) if t]
    return [_lyu(t) for t in tokens]


def _lyu(token: str) -> str:
    # Lü / Nü are romanised lu, lv, lyu: all compare as lu / nu
    if token in ("lyu", "lv"):
        return "lu"
    if token in ("nyu", "nv"):
        return "nu"
    return token


def _pair_key(a: str, b: str) -> str:
    return f"{a} {b}" if a <= b else f"{b} {a}"


def _roman_keys(tokens: list[str]) -> set[str]:
    if not tokens:
        return set()
    if len(tokens) == 1:
        return {tokens[0]}
    if len(tokens) == 2:
        return {_pair_key(tokens[0], tokens[1])}
    return {_pair_key(tokens[0], "".join(tokens[1:])), _pair_key("".join(tokens[:-1]), tokens[-1])}


def _han_person_pairs(simp: str) -> list[tuple[str, str]]:
    """(family, given) pinyin of a Chinese person name, with a surname's special reading too."""
    parts = [p for p in _SEP_RE.split(simp) if p]
    if len(parts) > 1:  # a transliterated name: 艾伦·图灵
        tokens = ["".join(_pinyin(p)) for p in parts]
        tokens = [t for t in tokens if t]
        if len(tokens) >= 2:
            return [(tokens[0], "".join(tokens[1:])), (tokens[-1], "".join(tokens[:-1]))]
    chars = _HAN_RE.findall(simp)
    if not chars:
        return []
    if len(chars) == 1:
        return [(_char_pinyin(chars[0]), "")]
    cut = 2 if len(chars) > 2 and "".join(chars[:2]) in _COMPOUND_SURNAMES else 1
    fam_chars, given = "".join(chars[:cut]), "".join(_char_pinyin(c) for c in chars[cut:])
    default = "".join(_char_pinyin(c) for c in fam_chars)
    out = [(default, given)]
    special = _SURNAME_READINGS.get(fam_chars)
    if special and special != default:
        out.insert(0, (special, given))
    return out


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    from pypinyin.pinyin_dict import pinyin_dict

    out = set()
    for value in pinyin_dict.values():
        for reading in value.split(","):
            plain = "".join(c for c in unicodedata.normalize("NFKD", reading) if not unicodedata.combining(c))
            if any(v in plain for v in "aeiou"):
                out.add(plain.lower())
    return frozenset(out)


@lru_cache(maxsize=100_000)
def _is_pinyin(token: str) -> bool:
    """Whether ``token`` is one or more toneless pinyin syllables ("xiaoming" yes, "fna" no)."""
    syl = _syllables()
    n = len(token)
    ok = [True] + [False] * n
    for end in range(1, n + 1):
        for start in range(max(0, end - 6), end):
            # a syllable that starts with a vowel only starts a word (otherwise: xi'an)
            if ok[start] and token[start:end] in syl and (start == 0 or token[start] not in "aeo"):
                ok[end] = True
                break
    return ok[n]


def _strip_han_suffix(simp: str) -> str:
    core = simp
    changed = True
    while changed:
        changed = False
        for suffix in _HAN_SUFFIXES:
            if core.endswith(suffix) and len(core) > len(suffix):
                core = core[: -len(suffix)]
                changed = True
        if core.endswith("ai") and len(core) > 2 and _HAN_RE.match(core[-3]):
            core = core[:-2]
            changed = True
    return core


def _strip_latin_suffix(tokens: list[str]) -> list[str]:
    core = list(tokens)
    while len(core) > 1 and core[-1] in _LATIN_SUFFIXES:
        core.pop()
    return core


def _deletions(word: str, minimum: int) -> list[str]:
    if len(word) < minimum:
        return []
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


# ------------------------------------------------------------------ features
class _Han(NamedTuple):
    label: str  # name, name_en or alias
    raw: str
    simp: str
    trad: str
    keys: frozenset[str]  # pinyin pair keys (people) or compact pinyin (organisations)
    shown: str  # pinyin as shown in reasons


class _Roman(NamedTuple):
    label: str
    raw: str
    ordered: str  # tokens joined by spaces, in the written order
    keys: frozenset[str]  # sorted-token keys (people) or compact form (organisations)
    pinyin: bool  # every token is pinyin


class _Job(NamedTuple):
    org: str
    start: str  # as written, "" when unknown
    end: str
    start_lo: dt.date | None
    start_hi: dt.date | None
    end_lo: dt.date | None
    end_hi: dt.date | None


@dataclass(slots=True)
class _Features:
    idx: int
    id: str
    node: Node
    person: bool
    han: list[_Han]
    roman: list[_Roman]
    jobs: tuple[_Job, ...]
    sort_key: str
    cores: frozenset[str]
    # precomputed for speed: every pair of a block reads them
    orgs: frozenset[str]  # employers
    scripts: frozenset[str]  # simplified and traditional forms of the Chinese names
    pinyin: bool  # has a Chinese name or a romanised name that is pinyin
    non_pinyin: bool  # has a romanised name that is not pinyin


def _named_forms(node: Node) -> list[tuple[str, str]]:
    out = [("name", node.name)]
    if node.name_en:
        out.append(("name_en", node.name_en))
    out.extend(("alias", a) for a in node.aliases)
    seen: set[str] = set()
    unique = []
    for label, raw in out:
        raw = raw.strip()
        if raw and raw not in seen:
            seen.add(raw)
            unique.append((label, raw))
    return unique


# The analysis of one written name, cached: the same names recur across nodes.
@lru_cache(maxsize=1 << 18)
def _person_han(raw: str) -> tuple[str, str, frozenset[str], str]:
    simp, trad = _scripts(raw)
    t2s, _ = _converters()
    pairs = _han_person_pairs(t2s.convert(raw))
    keys = frozenset(_pair_key(f, g) if g else f for f, g in pairs)
    shown = f"{pairs[0][0]} {pairs[0][1]}".strip() if pairs else ""
    return simp, trad, keys, shown


@lru_cache(maxsize=1 << 16)
def _org_han(raw: str) -> tuple[str, str, frozenset[str], str, frozenset[str]]:
    simp, trad = _scripts(raw)
    merged = "".join(_char_pinyin(c) if _HAN_RE.match(c) else c for c in simp)
    core = _strip_han_suffix(simp)
    cores = frozenset((core, "".join(_char_pinyin(c) if _HAN_RE.match(c) else c for c in core)))
    return simp, trad, frozenset((merged,)), merged, cores


@lru_cache(maxsize=1 << 18)
def _roman(raw: str, person: bool) -> tuple[str, frozenset[str], bool, str] | None:
    tokens = _latin_tokens(raw)
    if not tokens:
        return None
    pinyin = all(_is_pinyin(t) for t in tokens if t.isalpha())
    if person:
        return " ".join(tokens), frozenset(_roman_keys(tokens)), pinyin, ""
    return " ".join(tokens), frozenset(("".join(tokens),)), pinyin, "".join(_strip_latin_suffix(tokens))


def _features(node: Node, idx: int, jobs: tuple[_Job, ...]) -> _Features:
    person = node.kind == "Person"
    han: list[_Han] = []
    roman: list[_Roman] = []
    cores: set[str] = set()
    for label, raw in _named_forms(node):
        if _HAN_RE.search(raw):
            if person:
                han.append(_Han(label, raw, *_person_han(raw)))
            else:
                simp, trad, keys, shown, org_cores = _org_han(raw)
                han.append(_Han(label, raw, simp, trad, keys, shown))
                cores.update(org_cores)
        else:
            got = _roman(raw, person)
            if got is None:
                continue
            ordered, keys, pinyin, core = got
            roman.append(_Roman(label, raw, ordered, keys, pinyin))
            if core:
                cores.add(core)
    sort_key = han[0].simp if han else (roman[0].ordered if roman else node.name)
    return _Features(
        idx,
        node.id,
        node,
        person,
        han,
        roman,
        jobs,
        sort_key,
        frozenset(cores),
        frozenset(j.org for j in jobs),
        frozenset(x for h in han for x in (h.simp, "\0" + h.trad)),
        bool(han) or any(r.pinyin for r in roman),
        any(not r.pinyin for r in roman),
    )


def _jobs(relationships: Iterable[Relationship]) -> dict[str, tuple[_Job, ...]]:
    out: dict[str, list[_Job]] = defaultdict(list)
    for rel in relationships:
        if rel.type not in EMPLOYMENT:
            continue
        start, end = _bounds(rel.start), _bounds(rel.end)
        out[rel.source].append(
            _Job(
                rel.target,
                rel.start if start else "",
                rel.end if end else "",
                *(start or _OPEN),
                *(end or _OPEN),
            )
        )
    return {k: tuple(v) for k, v in out.items()}


_OPEN = (None, None)
_PLAIN_DATE = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2])(?:-(\d{2}))?)?")


@lru_cache(maxsize=1 << 14)
def _bounds(text: str | None) -> tuple[dt.date | None, dt.date | None] | None:
    """The first and last day a date can mean (None: open), or None for no (or a bad) date.
    A plain year, month or day is read directly; anything else by :func:`dates.parse`."""
    if not text or not text.strip():
        return None
    m = _PLAIN_DATE.fullmatch(text.strip())
    try:
        if m and not m.group(3):
            year = int(m.group(1))
            if not m.group(2):
                return dt.date(year, 1, 1), dt.date(year, 12, 31)
            month = int(m.group(2))
            last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
            return dt.date(year, month, 1), dt.date(year, month, last)
        parsed = dates.parse(text)
    except (dates.BadDate, ValueError):
        return None
    return parsed.earliest, parsed.latest


# ------------------------------------------------------------------ blocking
def _keys(f: _Features) -> tuple[set[str], set[str]]:
    """(exact keys, fuzzy keys) of a node; see the module docstring."""
    exact: set[str] = set()
    fuzzy: set[str] = set()
    if f.person:
        for h in f.han:
            exact.add("h:" + h.simp)
            exact.add("t:" + h.trad)
            exact.update("p:" + k for k in h.keys)
            for k in h.keys:
                fuzzy.update(_person_fuzzy_keys(k))
        for r in f.roman:
            exact.update("p:" + k for k in r.keys)
            for k in r.keys:
                fuzzy.update(_person_fuzzy_keys(k))
    else:
        for h in f.han:
            exact.add("oh:" + h.simp)
            exact.add("ot:" + h.trad)
        latin = {k for form in (*f.han, *f.roman) for k in form.keys}
        exact.update("oc:" + k for k in latin)
        exact.update("os:" + c for c in f.cores)
        for k in latin:
            fuzzy.add("of:" + k)
            fuzzy.update("of:" + d for d in _deletions(k, 5))
    return exact, fuzzy


@lru_cache(maxsize=1 << 18)
def _person_fuzzy_keys(key: str) -> tuple[str, ...]:
    """The ``f:`` keys of a sorted-token key: itself and its one-letter deletions."""
    out = {"f:" + key}
    parts = key.split(" ")
    if len(parts) == 2:
        a, b = parts
        out.update("f:" + _pair_key(d, b) for d in _deletions(a, 2))
        out.update("f:" + _pair_key(a, d) for d in _deletions(b, 2))
    else:
        out.update("f:" + d for d in _deletions(key, 4))
    return tuple(out)


def _block_pairs(feats: list[_Features]) -> tuple[set[int], dict[str, int]]:
    """Distinct pairs (encoded ``i * n + j``, i < j) that share a block."""
    n = len(feats)
    exact: dict[str, list[int]] = defaultdict(list)
    org_fuzzy: dict[str, list[int]] = defaultdict(list)
    loose: dict[str, list[int]] = defaultdict(list)  # f: blocks of people without a Chinese name
    anchored: list[tuple[int, set[str]]] = []
    for f in feats:
        ex, fz = _keys(f)
        for k in ex:
            exact[k].append(f.idx)
        if not f.person:
            for k in fz:
                org_fuzzy[k].append(f.idx)
        elif not f.han:
            for k in fz:
                loose[k].append(f.idx)
        else:
            anchored.append((f.idx, fz))
    # people with a Chinese name join only the f: blocks that hold someone without one
    joined: dict[str, list[int]] = defaultdict(list)
    for idx, fz in anchored:
        for k in fz:
            if k in loose:
                joined[k].append(idx)

    pairs: set[int] = set()
    largest = windowed = 0
    for members in (*exact.values(), *org_fuzzy.values()):
        m = len(members)
        if m < 2:
            continue
        largest = max(largest, m)
        if m > MAX_BLOCK:
            windowed += 1
            _window(members, feats, pairs, n)
        else:
            pairs.update(a * n + b for a, b in combinations(members, 2))
    no_han = [not f.han for f in feats]
    for key, members in loose.items():
        others = joined.get(key, ())
        m = len(members) + len(others)
        if m < 2:
            continue
        largest = max(largest, m)
        if m > MAX_BLOCK:
            windowed += 1
            _window([*members, *others], feats, pairs, n, only=no_han)
            continue
        pairs.update(a * n + b for a, b in combinations(members, 2))
        for x in members:
            pairs.update(x * n + y if x < y else y * n + x for y in others)
    # a person is never compared with an organisation: their keys are namespaced apart
    stats = {"blocks": len(exact) + len(org_fuzzy) + len(loose), "largest_block": largest}
    return pairs, {**stats, "windowed_blocks": windowed}


def _window(
    members: list[int], feats: list[_Features], pairs: set[int], n: int, only: list[bool] | None = None
) -> None:
    ordered = sorted(members, key=lambda x: (feats[x].sort_key, x))
    for pos, x in enumerate(ordered):
        for y in ordered[pos + 1 : pos + 1 + WINDOW]:
            if only is None or only[x] or only[y]:
                pairs.add(min(x, y) * n + max(x, y))


# ------------------------------------------------------------------- scoring
def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


class _Best:
    """The strongest name evidence found so far, with every reason worth showing. A reason
    is kept as a format string and its arguments, and only written out for a pair that is
    returned (most pairs scored are not)."""

    __slots__ = ("p", "reasons")

    def __init__(self) -> None:
        self.p = 0.0
        self.reasons: dict[tuple[str, tuple[Any, ...]], float] = {}

    def add(self, p: float, fmt: str, *args: Any) -> None:
        if p > self.p:
            self.p = p
        key = (fmt, args)
        if p > self.reasons.get(key, 0.0):
            self.reasons[key] = p

    def ordered(self) -> list[str]:
        return [fmt.format(*args) for (fmt, args), _ in sorted(self.reasons.items(), key=lambda kv: -kv[1])]


def _alias_reason(la: str, lb: str) -> str | None:
    """The reason's format when either form is an alias."""
    if la == "alias" and lb == "alias":
        return "shared alias ({})"
    if la == "alias" or lb == "alias":
        return "alias matches name ({})"
    return None


def _han_evidence(a: _Features, b: _Features, best: _Best) -> bool:
    """Same characters (in either script) somewhere; returns whether any Chinese forms match."""
    matched = False
    for ha in a.han:
        for hb in b.han:
            if ha.simp != hb.simp and ha.trad != hb.trad:
                continue
            matched = True
            alias = _alias_reason(ha.label, hb.label)
            if alias:
                best.add(P_ALIAS, alias, hb.raw if hb.label == "alias" else ha.raw)
            elif ha.raw == hb.raw:
                best.add(P_SAME, "same name ({})", ha.raw)
            else:
                best.add(P_SAME, "same name in simplified characters ({} = {})", *_trad_first(ha, hb))
    return matched


def _trad_first(ha: _Han, hb: _Han) -> tuple[str, str]:
    x, y = ha.raw, hb.raw
    if x == ha.simp and y != hb.simp:
        x, y = y, x
    return x, y


def _score(
    a: _Features, b: _Features, weights: Mapping[str, float], min_score: float = 0.0
) -> tuple[float, tuple[str, ...]] | None:
    """(score, reasons) of two people, or None when the score is below ``min_score``."""
    extra, why = _employers(a, b, weights)
    # the name evidence needed to reach min_score, given the employers
    need = _min_logit(min_score) - extra
    best = _Best()
    han_match = not a.scripts.isdisjoint(b.scripts) and _han_evidence(a, b, best)
    conflict = bool(a.han and b.han) and not han_match

    # romanised names against romanised names
    roman_equal = False
    for ra in a.roman:
        for rb in b.roman:
            if ra.keys.isdisjoint(rb.keys):
                continue
            roman_equal = True
            if conflict:
                continue
            alias = _alias_reason(ra.label, rb.label)
            if alias:
                best.add(P_ALIAS, alias, rb.raw if rb.label == "alias" else ra.raw)
            elif ra.raw == rb.raw:
                best.add(P_ROMAN, "same name ({})", ra.raw)
            elif ra.ordered == rb.ordered:
                best.add(P_ROMAN, "same romanised name ({} / {})", ra.raw, rb.raw)
            else:
                best.add(P_ROMAN, "romanised name with given/family order swapped ({} / {})", ra.raw, rb.raw)

    # a Chinese name's pinyin against the other's romanised name
    for hx, rys in ((a.han, b.roman), (b.han, a.roman)):
        for h in hx:
            for r in rys:
                if not h.keys.isdisjoint(r.keys):
                    if han_match:
                        continue  # the characters already agree: the pinyin says nothing more
                    if conflict:
                        roman_equal = True
                        continue
                    alias = _alias_reason(h.label, r.label)
                    if alias:
                        best.add(P_ALIAS - 0.05, alias, r.raw if r.label == "alias" else h.raw)
                    else:
                        best.add(P_PINYIN, "same pinyin ({})", h.shown)

    # homophones: different characters, same pinyin
    if conflict:
        for ha in a.han:
            for hb in b.han:
                if not ha.keys.isdisjoint(hb.keys):
                    best.add(P_HOMOPHONE, "same pinyin, different characters ({} / {})", ha.raw, hb.raw)
        if roman_equal and best.p < P_ROMAN_CONFLICT:
            best.add(P_ROMAN_CONFLICT, "same romanised name, different characters")

    # similar names: only where a side has no Chinese name to contradict it, and only if
    # they could reach min_score (a likely typo needs a side whose names are not all pinyin)
    if best.p < P_TYPO and not conflict:
        typo_possible = (a.pinyin and b.non_pinyin) or (b.pinyin and a.non_pinyin)
        ceiling = P_TYPO if typo_possible else P_NEAR_MAX
        if ceiling > best.p and _logit(ceiling) >= need:
            _fuzzy(a, b, best)

    if best.p < NAME_FLOOR:
        return None
    score = round(_sigmoid(_logit(best.p) + extra), 3)
    if score < min_score:
        return None
    return score, (*best.ordered(), *why)


@lru_cache(maxsize=64)
def _min_logit(min_score: float) -> float:
    return _logit(min_score) if 0 < min_score < 1 else (-math.inf if min_score <= 0 else math.inf)


def _fuzzy(a: _Features, b: _Features, best: _Best) -> None:
    from rapidfuzz.distance import OSA
    from rapidfuzz.fuzz import ratio

    forms_a = [(k, r.pinyin, r.raw) for r in a.roman for k in r.keys] + [
        (k, True, h.raw) for h in a.han for k in h.keys
    ]
    forms_b = [(k, r.pinyin, r.raw) for r in b.roman for k in r.keys] + [
        (k, True, h.raw) for h in b.han for k in h.keys
    ]
    top = 0.0
    shown = ("", "")
    near: tuple[Any, ...] = (0.0,)
    for ka, pa, raw_a in forms_a:
        for kb, pb, raw_b in forms_b:
            # keys are sorted tokens: compare them aligned both ways ("iawen tan" ~ "tan xiawen")
            flipped = " ".join(kb.split(" ")[::-1])
            r = max(ratio(ka, kb, score_cutoff=FUZZY_RATIO), ratio(ka, flipped, score_cutoff=FUZZY_RATIO))
            if not r:
                continue
            if r > top:
                top, shown = r, (raw_a, raw_b)
            if min(OSA.distance(ka, kb, score_cutoff=1), OSA.distance(ka, flipped, score_cutoff=1)) > 1:
                continue
            if pa != pb:  # one edit from pinyin, and not pinyin itself
                p, why = P_TYPO, "similar names, likely a typo ({} / {})"
            else:  # one edit apart: more telling in a long name than in "Li Wei" / "Li Wen"
                letters = min(len(ka), len(kb)) - 1
                p = P_NEAR_MIN + (P_NEAR_MAX - P_NEAR_MIN) * min(1.0, max(0, letters - 5) / 6)
                why = "similar names, one letter apart ({} / {})"
            if p > near[0]:
                near = (p, why, raw_a, raw_b)
    fuzzy_p = P_FUZZY_MIN + (P_FUZZY_MAX - P_FUZZY_MIN) * (top - FUZZY_RATIO) / (100 - FUZZY_RATIO)
    if near[0] > fuzzy_p:
        best.add(*near)
    elif top:
        best.add(fuzzy_p, "similar names (ratio {:.2f}: {} / {})", top / 100, *shown)


def _employers(a: _Features, b: _Features, weight: Mapping[str, float]) -> tuple[float, list[str]]:
    """Employer evidence (log-odds) and its reasons; nothing when either has no known job."""
    if not a.jobs or not b.jobs:
        return 0.0, []
    shared = a.orgs & b.orgs
    if not shared:
        return E_NO_SHARED, ["no shared employer"]
    by_org: dict[str, tuple[float, str]] = {}
    for ja in a.jobs:
        if ja.org not in shared:
            continue
        for jb in b.jobs:
            if jb.org != ja.org:
                continue
            agreed = _agree(ja, jb)
            if agreed is None:
                by_org.setdefault(ja.org, (0.0, "at different times"))
                continue
            gain = E_OVERLAP * weight.get(ja.org, 1.0) + agreed[0]
            if gain > by_org.get(ja.org, (-1.0, ""))[0]:
                by_org[ja.org] = (gain, agreed[1])
    total = 0.0
    reasons = []
    for n, (org, (gain, text)) in enumerate(sorted(by_org.items(), key=lambda kv: (-kv[1][0], kv[0]))):
        total += gain if n == 0 else gain / 2
        reasons.append(f"both worked at {org}, {text}")
    return min(total, E_MAX), reasons


def _org_weights(jobs: Mapping[str, tuple[_Job, ...]]) -> dict[str, float]:
    """How much sharing each employer says: 1 up to :data:`SMALL_EMPLOYER` people, then less
    (1 / (1 + log10(size / SMALL_EMPLOYER))): a colleague among thousands is a weak hint."""
    size: dict[str, int] = defaultdict(int)
    for person_jobs in jobs.values():
        for org in {j.org for j in person_jobs}:
            size[org] += 1
    return {org: 1 / (1 + math.log10(n / SMALL_EMPLOYER)) for org, n in size.items() if n > SMALL_EMPLOYER}


def _meet(lo_a: Any, hi_a: Any, lo_b: Any, hi_b: Any) -> bool:
    """Whether two date intervals meet; None is open."""
    return (lo_a is None or hi_b is None or lo_a <= hi_b) and (lo_b is None or hi_a is None or lo_b <= hi_a)


def _precise(lo: dt.date | None, hi: dt.date | None) -> bool:
    return lo is not None and hi is not None and (hi - lo).days <= 31


def _agree(ja: _Job, jb: _Job) -> tuple[float, str] | None:
    """How well two jobs at one employer agree in time: None when their spans do not overlap
    (an unknown end is open); else extra log-odds for starts that agree (more when both
    are known to the month) and ends that agree too, and the words for it. Two dates agree
    when the days they can mean meet ("2019" and "2019-03")."""
    if not _meet(ja.start_lo, ja.end_hi, jb.start_lo, jb.end_hi):
        return None
    if not (ja.start and jb.start and _meet(ja.start_lo, ja.start_hi, jb.start_lo, jb.start_hi)):
        return 0.0, "overlapping dates"
    precise = _precise(ja.start_lo, ja.start_hi) and _precise(jb.start_lo, jb.start_hi)
    gain = E_START_MONTH if precise else E_START_YEAR
    starts = ja.start if ja.start == jb.start else f"{ja.start} / {jb.start}"
    if ja.end and jb.end and _meet(ja.end_lo, ja.end_hi, jb.end_lo, jb.end_hi):
        precise = _precise(ja.end_lo, ja.end_hi) and _precise(jb.end_lo, jb.end_hi)
        gain += E_END_MONTH if precise else E_END_YEAR
        ends = ja.end if ja.end == jb.end else f"{ja.end} / {jb.end}"
        return gain, f"same dates ({starts} to {ends})"
    if not ja.end and not jb.end:
        return gain + E_BOTH_OPEN, f"same start ({starts}), no end"
    return gain, f"same start ({starts})"


def _score_orgs(a: _Features, b: _Features) -> tuple[float, tuple[str, ...]] | None:
    best = _Best()
    _han_evidence(a, b, best)
    for ra in a.roman:
        for rb in b.roman:
            if ra.keys == rb.keys:
                alias = _alias_reason(ra.label, rb.label)
                if alias:
                    best.add(P_ALIAS, alias, rb.raw if rb.label == "alias" else ra.raw)
                elif ra.raw == rb.raw:
                    best.add(P_ROMAN, "same name ({})", ra.raw)
                else:
                    best.add(P_ROMAN, "same romanised name ({} / {})", ra.raw, rb.raw)
    for hx, rys in ((a.han, b.roman), (b.han, a.roman)):
        for h in hx:
            for r in rys:
                if h.keys == r.keys:
                    alias = _alias_reason(h.label, r.label)
                    if alias:
                        best.add(P_ALIAS - 0.05, alias, r.raw if r.label == "alias" else h.raw)
                    else:
                        best.add(P_PINYIN, "same pinyin ({})", h.shown)
    for ha in a.han:
        for hb in b.han:
            if ha.keys == hb.keys and ha.simp != hb.simp and ha.trad != hb.trad:
                best.add(P_HOMOPHONE, "same pinyin, different characters ({} / {})", ha.raw, hb.raw)
    shared_cores = a.cores & b.cores
    if shared_cores and best.p < P_CORE:
        best.add(P_CORE, "same name without a generic suffix ({})", min(sorted(shared_cores), key=len))
    if best.p < P_HOMOPHONE:
        from rapidfuzz.fuzz import ratio

        top, shown = 0.0, ("", "")
        for fa in (*a.han, *a.roman):
            for fb in (*b.han, *b.roman):
                for ka in fa.keys:
                    for kb in fb.keys:
                        r = ratio(ka, kb, score_cutoff=FUZZY_RATIO)
                        if r > top:
                            top, shown = r, (fa.raw, fb.raw)
        if top:
            p = P_FUZZY_MIN + (P_FUZZY_MAX - P_FUZZY_MIN) * (top - FUZZY_RATIO) / (100 - FUZZY_RATIO)
            best.add(p, "similar names (ratio {:.2f}: {} / {})", top / 100, *shown)
    if best.p < NAME_FLOOR:
        return None
    return round(best.p, 3), tuple(best.ordered())
