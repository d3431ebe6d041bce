"""Finding date expressions in a sentence and resolving them to EDTF (graphkit extract).

The rule: resolve against the publication date P and never make a date more precise
than the text. So "6月中旬" is ``2025-06`` (no day invented), "去年底" is ``2024-12~``,
"past six months" is the month interval ``2024-12/2025-06`` (P's month is the last).

* Named years, months, days, halves (``-40``/``-41``), quarters (``-33``..``-36``) and
  seasons (``-21``..``-24``) with an explicit year ("2024年12月", "去年Q4",
  "the fourth quarter of last year") are that period. 年初/early → ``YYYY-01~``;
  年底/年末/late/the end of → ``YYYY-12~``.
* A bare one (no year: "1月", "下半年", "in the fall", "in July") is this year; when it
  begins after P it is last year, flagged ``ambiguous_date``.
* "last July"/"last fall" is the latest one that began before the current month or
  season; "this fall" is this year's; "last quarter"/"上个月" is the one before P's.
* 过去半年/近一年/the past N months: months ``P-N/P``; days and weeks give days.
  N个月前/N months ago: ``(P-N months)~``; N年前: ``(year-N)~``; N天前: the day ``~``.
  A vague count (几, few, several) or "more than" (一年多) gives ``../P``.
* 近日/日前/最近/recently: ``../P``. 此前/之前/早前/previously: ``../P`` flagged
  ``ambiguous_date``. Counts relative to an unknown event (三个月后, two weeks later,
  次年, 同年, the following year) cannot be resolved: ``""`` + ``ambiguous_date``.
* Any value that begins after P is flagged ``future`` (明年, next month, this fall).
* Chinese numerals (一..十, 两, 十二, 二〇二五) work in counts, months and years.
* Both rule sets run on every sentence (articles mix languages); ``lang`` only decides
  which wins a tie. Of overlapping matches the longest wins, then the leftmost.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from graphkit.schema import dates as edtf_dates
from graphkit.schema.errors import GraphkitError

AMBIGUOUS = "ambiguous_date"
FUTURE = "future"
Result = tuple[str, tuple[str, ...]]
UNRESOLVED: Result = ("", (AMBIGUOUS,))


@dataclass(frozen=True)
class DateMention:
    """One date expression: ``text == searched[start:end]``; ``edtf`` is "" when unresolved."""

    start: int
    end: int
    text: str
    edtf: str
    flags: tuple[str, ...]


# ------------------------------------------------------------------ numbers, periods
_ZH_DIGIT = dict(zip("〇零一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_TWELVE = "one two three four five six seven eight nine ten eleven twelve"
_EN_NUM = {w: i for i, w in enumerate(_TWELVE.split(), 1)}
_EN_NUM |= {"a": 1, "an": 1, "a couple of": 2, "half a": 0.5, "half an": 0.5, "半": 0.5}
_VAGUE = {"几", "数", "few", "a few", "several"}
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()  # noqa: SIM905
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4}
_SEASON = {"春": 21, "夏": 22, "秋": 23, "冬": 24, "spring": 21, "summer": 22, "fall": 23, "autumn": 23}
_SEASON |= {"winter": 24}
_START = {21: 3, 22: 6, 23: 9, 24: 12, 33: 1, 34: 4, 35: 7, 36: 10, 40: 1, 41: 7}  # first month
_REL_YEAR = {"今年": 0, "本年": 0, "去年": -1, "前年": -2, "明年": 1, "后年": 2}
_OFF = {"this": 0, "last": -1, "next": 1, "previous": -1, "past": -1}
_OFF |= {
    w: off
    for off, ws in ((0, "本 这 这个 这一 当"), (-1, "上 上个 上一 上一个"), (1, "下 下个 下一 下一个"))
    for w in ws.split()
}


def _words(s: str) -> str:
    return " ".join(s.lower().split())


def _num(s: str) -> float | None:
    """An integer (or 0.5) written in digits, Chinese numerals or English words."""
    s = _words(s)
    if s.isdigit():
        return int(s)
    if s in _EN_NUM:
        return _EN_NUM[s]
    tens, sep, ones = s.partition("十")
    if sep and len(tens) <= 1 and len(ones) <= 1 and {tens, ones} <= {*_ZH_DIGIT, ""}:
        return (_ZH_DIGIT[tens] if tens else 1) * 10 + (_ZH_DIGIT[ones] if ones else 0)
    return _ZH_DIGIT.get(s) if len(s) == 1 else None


def _year(s: str) -> int:
    return int(s) if s.isdigit() else int("".join(str(_ZH_DIGIT[c]) for c in s))


def _month(s: str) -> int | None:
    if s[:1].isascii() and s[:1].isalpha():
        return _MONTHS.index(s[:3].lower()) + 1
    n = _num(s)
    return int(n) if n in range(1, 13) else None


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _shift(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + m - 1 + k
    return t // 12, t % 12 + 1


def _in_year(p: dt.date, year: int | None, code: int, day: int | None = None, approx: bool = False) -> Result:
    """Month 1-12 (or sub-year code 21-41) of ``year``; ``None`` is a bare one: this year, or
    last year (ambiguous) when it begins after P. A day that does not exist raises ValueError."""
    flags: tuple[str, ...] = ()
    if year is None:
        year = p.year
        if dt.date(year, _START.get(code, code), day or 1) > p:
            year, flags = year - 1, (AMBIGUOUS,)
    dt.date(year, _START.get(code, code), day or 1)
    return _ym(year, code) + (f"-{day:02d}" if day else "") + ("~" if approx else ""), flags


def _year_of(g: dict[str, str | None], p: dt.date) -> int | None:
    if g.get("y") or g.get("y_zh"):
        return _year(g.get("y") or g.get("y_zh") or "")
    if g.get("rel"):
        return p.year + _REL_YEAR[g["rel"] or ""]
    if g.get("ry"):
        return p.year + _OFF[_words(g["ry"] or "")]
    return None


def _tail(g: dict[str, str | None], p: dt.date, year: int | None) -> Result | None:
    """The part of a year a match names (month, day, half, quarter, season, start/end)."""
    if g.get("mon"):
        month, day = _month(g["mon"] or ""), _num(g["d"] or "") if g.get("d") else None
        if month is None or (day is not None and day not in range(1, 32)):
            return None
        return _in_year(p, year, month, int(day) if day else None)
    if g.get("half"):
        code = 40 if (g["half"] or "")[:1].lower() in "上f1" else 41
    elif g.get("q") or g.get("q2"):
        q = _words(g.get("q") or g.get("q2") or "")
        code = 32 + (_ORDINAL.get(q) or int(_num(q[:1]) or 0))
    elif g.get("season"):
        code = _SEASON[_words(g["season"] or "")]
    elif g.get("edge"):
        return _in_year(p, year, 1 if g["edge"] == "初" else 12, approx=True)
    else:
        return None if year is None else (f"{year:04d}", ())
    return _in_year(p, year, code)


# ------------------------------------------------------------------ handlers
Handler = Callable[[re.Match[str], dt.date], "Result | None"]


def _period(m: re.Match[str], p: dt.date) -> Result | None:
    g = m.groupdict()
    if g.get("rel") in ("同年", "当年"):
        return UNRESOLVED
    return _tail(g, p, _year_of(g, p))


def _season_year(p: dt.date, code: int, rel: str) -> int:
    """The year of this/last/next spring, summer, fall or winter."""
    cur = {3: 21, 6: 22, 9: 23, 12: 24}[(p.month // 3 * 3) or 12]  # P's season
    cur_year = p.year - (p.month < 3)
    if rel == "this":
        return cur_year if code == cur else p.year
    cur_start, step, year = dt.date(cur_year, _START[cur], 1), _OFF[rel], p.year
    while (cur_start - dt.date(year, _START[code], 1)).days * step >= 0:  # not before (after) P's season
        year += step
    return year


def _en(m: re.Match[str], p: dt.date) -> Result | None:
    """An English month, half, quarter, season or year; without a year a month, half, quarter
    or season needs a preposition or this/last/next (Q1..Q4 do not)."""
    g = m.groupdict()
    year, pre, rel = _year_of(g, p), _words(g.get("pre") or ""), _words(g.get("sr") or "")
    if year is None and rel:
        year = _season_year(p, _SEASON[_words(g["season"] or "")], rel)
    elif year is None and pre in ("this", "last", "next") and g.get("mon"):
        month = _month(g["mon"] or "") or 0
        year = p.year + (pre == "next" and month <= p.month) - (pre == "last" and month >= p.month)
    elif year is None and not (pre or g.get("ty") or m.group().startswith("Q")):
        return None
    if pre.startswith("early") or pre.endswith(("start of", "beginning of")):
        g["edge"] = "初"
    elif (pre.startswith("late") and pre != "later") or pre.endswith("end of"):
        g["edge"] = "底"
    result = _tail(g, p, year)
    return result and (result[0], (FUTURE,) if pre == "later" else result[1])


def _rel(m: re.Match[str], p: dt.date) -> Result:
    """This/last/next month, quarter or week (上个月, 本季度, last week)."""
    off, said = _OFF[_words(m.group("rel"))], m.group().lower()
    if "月" in said or "month" in said:
        flags = (FUTURE,) if said.startswith("later") else ()
        return _ym(*_shift(p.year, p.month, off)), flags
    if "季" in said or "quarter" in said:
        t = p.year * 4 + (p.month - 1) // 3 + off
        return f"{t // 4:04d}-{33 + t % 4}", ()
    monday = p - dt.timedelta(days=p.weekday() - 7 * off)
    return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}", ()


def _day(m: re.Match[str], p: dt.date) -> Result:
    back = {"today": 0, "今天": 0, "yesterday": 1, "昨天": 1, "昨日": 1, "前天": 2}[_words(m.group())]
    return (p - dt.timedelta(days=back)).isoformat(), ()


def _span(m: re.Match[str]) -> tuple[str, int, bool] | None:
    """("m", months) or ("d", days) a count names, and whether it is a whole number of years."""
    n = _words(m.group("n") or "1")
    count = _num(n)
    if count is None or not 0 < count <= 100:
        return None
    unit = re.sub(r"[个多\s-]", "", m.group("u").lower()).rstrip("s")
    if unit.startswith("half"):
        unit, count = "年", count * 0.5
    factor = {"月": 1, "month": 1, "季度": 3, "quarter": 3, "年": 12, "year": 12}.get(unit)
    if factor is None:
        return "d", round(count * (7 if unit in ("周", "星期", "礼拜", "week") else 1)), False
    months = count * factor
    if months != int(months):
        return "d", round(months * 30), False
    return "m", int(months), factor == 12 and count == int(count)


def _count(m: re.Match[str], p: dt.date) -> Result | None:
    """过去半年 / the past six months: from P minus the span to P (months, or days for
    days and weeks). N个月前 / six months ago: about the month (year, day) that far back."""
    g, said = m.groupdict(), m.group().lower()
    ago = said.endswith(("前", "ago"))
    if (ago and g["u"] == "日") or ("post" in g and not (g["pre"] or g["post"])):
        return None  # "3日前" is "before the 3rd"; "半年" alone is a length, not a date
    if _words(g["n"] or "") in _VAGUE or ("多" in said and not ago):
        return f"../{p.isoformat()}", ()
    span = _span(m)
    if span is None:
        return None
    kind, k, whole_years = span
    if not ago and kind == "m":
        return f"{_ym(*_shift(p.year, p.month, -k))}/{_ym(p.year, p.month)}", ()
    if not ago:
        return f"{(p - dt.timedelta(days=k)).isoformat()}/{p.isoformat()}", ()
    if whole_years:
        target = f"{p.year - k // 12:04d}"
    elif kind == "m":
        target = _ym(*_shift(p.year, p.month, -k))
    else:
        day = p - dt.timedelta(days=k)
        target = day.isoformat() if k < 7 else _ym(day.year, day.month)
    return (f"../{target}", ()) if "多" in said else (target + "~", ())


def _fixed(edtf: str, *flags: str) -> Handler:
    return lambda m, p: (edtf.replace("P", p.isoformat()), flags)


# ------------------------------------------------------------------ the rules
_NB = r"(?<![0-9０-９一二三四五六七八九十两〇零])"  # a number starts here
_N = r"[0-9０-９]{1,2}|[一二三四五六七八九十两]{1,3}"
_Y4 = r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})(?![0-9])"
_ZY = rf"(?:(?:{_Y4}|(?P<y_zh>[一二][〇零一二三四五六七八九]{{3}}))年|(?P<rel>今年|本年|去年|前年|明年|后年|同年|当年))"


def _zh_tail(bare: bool) -> str:
    season = "季" if bare else "(?:季|天)"
    return (
        rf"{_NB}(?P<mon>{_N})月(?!度)份?(?:(?P<d>{_N})[日号])?(?:上旬|中旬|下旬|初|底|末|中)?"
        rf"|(?P<half>[上下])半年|第?{_NB}(?P<q>[一二三四1-4])季度|(?<![A-Za-z])[QqＱ](?P<q2>[1-4])(?![0-9])"
        rf"|(?P<season>[春夏秋冬]){season}|{'年' if bare else '年?'}(?P<edge>初|底|末)"
    )


_ZC = rf"{_NB}(?P<n>[0-9０-９]{{1,3}}|[一二三四五六七八九十两]{{1,3}}|半|几|数)多?(?P<u>个多?月|个多?季度|年|周|个多?星期|个多?礼拜|天|日)多?"
_ZH_REL = r"(?<![以之])(?P<rel>这一|这个|上一个|上一|上个|下一个|下一|下个|本|这|当|上|下)"
_ZH = [
    (rf"{_ZY}(?:{_zh_tail(False)})?", _period),
    (_zh_tail(True), _period),
    (rf"{_ZH_REL}月(?!度)份?(?:初|底|末|中旬|上旬|下旬)?", _rel),
    (rf"{_ZH_REL}季度", _rel),
    (rf"{_ZH_REL}(?:周(?![知期边围年])|星期|礼拜)[一二三四五六日天末]?", _rel),
    (rf"(?:(?P<pre>过去|近|最近)的?)?{_ZC}(?P<post>以来|来)?", _count),
    (rf"{_ZC}(?:之前|以前|前)", _count),
    (rf"{_ZC}(?:之后|以后|后)", _fixed("")),
    ("今天|昨天|昨日|前天", _day),
    ("近日|(?<![0-9０-９一二三四五六七八九十])日前|最近|近来|不久前|前不久", _fixed("../P")),
    ("此前|之前|早前|先前|以前|早些时候", _fixed("../P", AMBIGUOUS)),
    ("次年|翌年|次月|次日|翌日|当天|当日|同月", _fixed("")),
]
_MON = "January|February|March|April|May|June|July|August|September|October|November|December"
_MF = rf"(?-i:(?P<mon>{_MON}))\b"
_MA = rf"(?-i:(?P<mon>{_MON}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec))\b\.?"
_DY = r"(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)?\b"
_NW = r"(?P<n>[0-9]{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|an?|half\s+an?|a\s+couple\s+of|a\s+few|few|several)"
_UNIT = r"(?P<u>days?|weeks?|months?|quarters?|years?)"
_OFYEAR = rf"(?:\s+of\s+(?:(?P<ry>this|last|next)\s+year|(?P<ty>the\s+year)|{_Y4}))?"
_EDGE = r"(?:at\s+)?(?:the\s+)?(?:start|beginning|end)\s+of"
_GAP = r"(?:\s+|(?<=-))"
_IN = r"(?:(?P<pre>in|during|over)\s+)?(?:the\s+)?"
# fmt: off
_EN = [
    (rf"\b(?:on\s+)?{_MA}\s+{_DY},?\s+{_Y4}", _period),  # March 3, 2024
    (rf"\b(?:on\s+)?(?:the\s+)?{_DY}\s+(?:of\s+)?{_MA},?\s+{_Y4}", _period),  # 3 March 2024
    (rf"\b(?:(?:in|during)\s+)?{_MA},?\s+(?:of\s+)?{_Y4}", _period),  # in June 2024
    (rf"\b(?:on\s+)?{_MA}\s+{_DY}", _period),  # March 3
    (rf"\b(?:on\s+)?(?:the\s+)?{_DY}\s+(?:of\s+)?{_MA}", _period),  # 3 March
    (rf"\b(?:(?P<pre>in|during|this|last|next|early|late|mid-|since|from|{_EDGE}|earlier\s+in|later\s+in){_GAP})?{_MF}(?:\s+(?P<ry>this|last|next)\s+year)?", _en),
    (rf"\b(?:(?P<pre>earlier|later|early|late|mid-|{_EDGE}){_GAP})?(?P<rel>this|last|next)\s+month\b", _rel),
    (rf"\b(?:(?P<pre>earlier|later|early|late|mid-|{_EDGE}|in|during){_GAP})?(?P<ry>this|last|next)\s+year\b", _en),
    (rf"\b(?P<pre>in|during|throughout|since|from|early|late|mid-|{_EDGE}){_GAP}{_Y4}", _en),
    (rf"\b{_IN}(?P<half>first|second|1st|2nd|latter)\s+half{_OFYEAR}", _en),
    (rf"\b(?:(?P<pre>in|during)\s+)?(?-i:H)(?P<half>[12])\s+(?:of\s+)?{_Y4}", _en),  # H1 2025
    (rf"{_Y4}\s*(?-i:H)(?P<half>[12])\b", _en),  # 2025 H1
    (rf"\b{_IN}(?P<q>first|second|third|fourth|final|1st|2nd|3rd|4th)\s+quarter{_OFYEAR}", _en),
    (rf"\b(?:(?P<pre>in|during)\s+)?(?-i:Q)(?P<q>[1-4])(?:\s+(?:of\s+)?{_Y4}|\s+(?P<ry>this|last|next)\s+year)?\b", _en),
    (rf"{_Y4}\s*(?-i:Q)(?P<q>[1-4])\b", _en),  # 2024 Q4
    (r"\b(?:(?:in|during)\s+)?(?:the\s+)?(?P<rel>this|last|next|previous|past)\s+quarter\b", _rel),
    (rf"\b(?:(?P<pre>in|during|over|through|throughout)\s+)?(?:the\s+)?(?:(?P<sr>this|last|next|past|previous)\s+)?(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?{_Y4}|\s+(?P<ry>this|last|next)\s+year)?\b", _en),
    (rf"\b(?:(?:in|over|during|for|within|throughout)\s+)?the\s+(?:past|last|previous|preceding)\s+(?:{_NW}\s+)?(?P<u>days?|weeks?|months?|quarters?|years?|half[\s-]+(?:a\s+)?year)\b", _count),
    (rf"\b{_NW}\s+{_UNIT}\s+ago\b", _count),
    (rf"\b{_NW}\s+(?:more\s+)?{_UNIT}\s+(?:later|afterwards?|after|on)\b", _fixed("")),
    (r"\b(?P<rel>this|last|next)\s+week\b", _rel),
    (r"\b(?:today|yesterday)\b", _day),
    (r"\b(?:recently|lately|of\s+late|(?:in|over)\s+recent\s+(?:days|weeks|months|years))\b", _fixed("../P")),
    (r"\b(?:previously|formerly)\b", _fixed("../P", AMBIGUOUS)),
    (r"\bthe\s+(?:following|next)\s+(?:day|week|month|year)\b|\bthe\s+(?:day|week|month|year)\s+(?:before|after)\b", _fixed("")),
]
# fmt: on
_COMMON = [
    (rf"{_Y4}(?P<sep>[/.-])(?P<mon>[01]?[0-9])(?P=sep)(?P<d>[0-3]?[0-9])(?![0-9])", _period),
    (rf"{_Y4}[/-](?P<mon>[01]?[0-9])(?![0-9/.-])", _period),
]
_ZH_RULES = [(re.compile(p), h) for p, h in _ZH]
_EN_RULES = [(re.compile(p, re.I), h) for p, h in _EN]
_COMMON_RULES = [(re.compile(p), h) for p, h in _COMMON]


def _rules(lang: str) -> list[tuple[re.Pattern[str], Handler]]:
    first, second = (_ZH_RULES, _EN_RULES) if lang == "zh" else (_EN_RULES, _ZH_RULES)
    return first + _COMMON_RULES + second


def _apply(handler: Handler, m: re.Match[str], p: dt.date) -> Result | None:
    try:
        result = handler(m, p)
    except (ValueError, OverflowError):  # a day or year that does not exist
        return UNRESOLVED
    if result is None:
        return None
    edtf, flags = result
    if not edtf:
        return "", flags if AMBIGUOUS in flags else (*flags, AMBIGUOUS)
    try:
        earliest = edtf_dates.parse(edtf).earliest
    except GraphkitError:
        return UNRESOLVED
    if earliest is not None and earliest > p and FUTURE not in flags:
        flags = (*flags, FUTURE)
    return edtf, flags


def resolve(expression: str, published: dt.date, lang: str) -> Result:
    """One date expression -> ``(edtf, flags)``; ``("", ("ambiguous_date",))`` when unknown."""
    text = expression.strip()
    for candidate in dict.fromkeys((text, text.rstrip(".,;:!?。，；：！？、"))):
        for rx, handler in _rules(lang):
            m = rx.fullmatch(candidate)
            result = _apply(handler, m, published) if m else None
            if result is not None:
                return result
    return UNRESOLVED


def find_dates(text: str, published: dt.date, lang: str) -> list[DateMention]:
    """Every date expression in ``text``, left to right, not overlapping (longest wins)."""
    found = []
    for rank, (rx, handler) in enumerate(_rules(lang)):
        for m in rx.finditer(text):
            result = _apply(handler, m, published) if m.end() > m.start() else None
            if result is not None:
                found.append((m.start() - m.end(), m.start(), rank, m, result))
    found.sort(key=lambda f: f[:3])
    chosen: list[DateMention] = []
    starts: list[int] = []
    for _, start, _, m, (edtf, flags) in found:
        i = bisect.bisect_left(starts, start)
        if (i and chosen[i - 1].end > start) or (i < len(chosen) and chosen[i].start < m.end()):
            continue
        starts.insert(i, start)
        chosen.insert(i, DateMention(start, m.end(), m.group(), edtf, flags))
    return chosen
