"""Reading an article and cutting it into sentences (graphkit extract).

Rules:

* :func:`read_article` decodes the bytes with :func:`graphkit.ingest.read.decode`
  (UTF-8, UTF-8 with a BOM, GB18030) and keeps the text exactly as decoded: line
  endings are not normalised, so every offset indexes the decoded text. Only a
  leading BOM is dropped. A missing, binary or empty (whitespace-only) file raises
  :class:`~graphkit.schema.errors.ReadError`.
* :func:`detect_language` says ``"zh"`` when CJK ideographs are at least 10% of
  the letters, else ``"en"`` (also for text without letters).
* :func:`sentences` cuts on line breaks in both languages (so blank lines too).
  Chinese: after 。！？!?； (a run of them), with any closing quote or bracket
  (”’」』）)】》"') right after them. English: after . ! ? (a run), with any closing
  quote or bracket, when whitespace follows and the next non-space character is
  upper-case, a digit, an opening quote or bracket, or CJK; never after a common
  abbreviation (Mr. Dr. Inc. U.S. e.g. Jan. ...) or a single capital initial
  ("J."); also after 。！？ quoted in English text. Each sentence is trimmed by
  moving ``start``/``end`` (``text == article[start:end]`` always); empty ones are
  dropped. Markup such as ``<b>`` is ordinary text. One linear scan: a 1 MB
  article takes a fraction of a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from graphkit.ingest.read import decode, read_bytes
from graphkit.schema.errors import ReadError


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text`` is exactly ``article[start:end]``."""

    text: str
    start: int
    end: int


def read_article(path: str | Path) -> str:
    """The text of an article file, exactly as decoded (a leading BOM dropped)."""
    shown = str(path)
    data = read_bytes(path, "an article's text file")
    try:
        text, _ = decode(data, shown)
    except ReadError as exc:  # decode speaks of CSV files
        detail = exc.detail.replace("expected CSV", "expected an article's text")
        raise ReadError(detail, exc.file, exc.line) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ReadError("empty article: nothing to extract", shown)
    return text


_IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef\U00030000-\U0003134f"
_NOT_IDEOGRAPH = re.compile(f"[^{_IDEOGRAPHS}]+")
_NOT_LETTER = re.compile(r"[\W\d_]+")
_IDEOGRAPH = re.compile(f"[{_IDEOGRAPHS}]")


def detect_language(text: str) -> str:
    """``"zh"`` when CJK ideographs are at least 10% of the letters, else ``"en"``."""
    letters = len(_NOT_LETTER.sub("", text))
    ideographs = len(_NOT_IDEOGRAPH.sub("", text))
    return "zh" if letters and ideographs * 10 >= letters else "en"


# A line: a run of characters that are not line breaks (str.splitlines' breaks).
_LINE = re.compile("[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
_ZH_END = re.compile("[。！？!?；]+[”’」』）)】》\"']*")
_EN_END = re.compile("[.!?]+[\"'”’)\\]]*(?=\\s)|[。！？]+[”’」』）)】》]*")
_OPENERS = "\"'“‘「『（([【《"
_TRIM = "\ufeff\u200b"  # trimmed like whitespace
_WORDS = "Mr Mrs Ms Dr Prof Inc Ltd Co Corp Jr Sr St vs No Nos Messrs Gov Sen Rep Gen Col Lt Capt Sgt Rev Hon"
_ABBREVIATIONS = frozenset(f"{_WORDS} Fig Mt Ave Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")  # e.g, i.e, U.S, U.K, U.S.A


def _abbreviation(text: str, dot: int, floor: int) -> bool:
    """Whether the '.' at ``dot`` ends an abbreviation or an initial ("Mr.", "U.S.", "J.")."""
    k = dot
    while k > floor and dot - k < 12 and (text[k - 1].isalpha() or text[k - 1] == "."):
        k -= 1
    word = text[k:dot]
    if word in _ABBREVIATIONS or word.lower() in ("vs", "e.g", "i.e"):
        return True
    return (len(word) == 1 and word.isupper()) or bool(_DOTTED.fullmatch(word))


def _zh_cuts(text: str, start: int, end: int) -> list[int]:
    return [m.end() for m in _ZH_END.finditer(text, start, end)]


def _en_cuts(text: str, start: int, end: int) -> list[int]:
    cuts = []
    for m in _EN_END.finditer(text, start, end):
        if m.group()[0] in "。！？":
            cuts.append(m.end())
            continue
        j = m.end()
        while j < end and text[j].isspace():
            j += 1
        if j == end:
            continue  # the line ends here anyway
        nxt = text[j]
        if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS or _IDEOGRAPH.match(nxt)):
            continue
        punct = m.group().rstrip("\"'”’)]")
        if punct == "." and _abbreviation(text, m.start(), start):
            continue
        cuts.append(m.end())
    return cuts


def _trimmed(text: str, start: int, end: int) -> Sentence | None:
    while start < end and (text[start].isspace() or text[start] in _TRIM):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRIM):
        end -= 1
    return Sentence(text[start:end], start, end) if start < end else None


def sentences(text: str, lang: str) -> list[Sentence]:
    """The sentences of ``text`` in order, each trimmed, none empty (rules: module docstring)."""
    cuts_of = _zh_cuts if lang == "zh" else _en_cuts
    out: list[Sentence] = []
    for line in _LINE.finditer(text):
        start, end = line.span()
        for cut in [*cuts_of(text, start, end), end]:
            sentence = _trimmed(text, start, cut)
            if sentence is not None:
                out.append(sentence)
            start = cut
    return out
