"""The report as JSON text: exactly ``json.dumps(o, ensure_ascii=False, indent=2, default=str)``,
several times faster and with a fraction of its memory.

The standard library encodes indented JSON in pure Python, one generator step per
token, and joins every token at the end (60 million strings for the report of a
million-node graph: 3.5 GB on top of the 1.4 GB of text). Here each small container
(a move, an organisation's row) is built as one string with the same separators,
keys are encoded once, and the text grows by ~1 MB blocks appended in place, so the
memory needed is little more than the text itself.

Anything the fast path cannot reproduce exactly (a circular structure, a key of a
type JSON refuses) goes to :func:`json.dumps`, which then gives its own answer or
error. tests/test_report_scale.py compares the two.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from json.encoder import INFINITY, c_make_encoder, encode_basestring
from typing import Any

BLOCK = 1 << 20  # characters per appended block
BIG = 64  # a list or dict with more items than this is streamed, not built as one string
_SCALARS = frozenset((str, int, float, bool, type(None)))
_FLAT = _SCALARS | {list, tuple}
_SEQ = frozenset((list, tuple))


def _float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == INFINITY:
        return "Infinity"
    if o == -INFINITY:
        return "-Infinity"
    return float.__repr__(o)


def _scalar(v: Any) -> str | None:
    """A string, number, boolean or None as json encodes it (its order of checks, so
    that subclasses come out as json gives them); None for anything else."""
    if isinstance(v, str):
        return encode_basestring(v)
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return int.__repr__(v)
    if isinstance(v, float):
        return _float(v)
    return None


def _key(k: Any) -> str:
    """A dict key as json encodes it: a string as itself, another scalar quoted."""
    s = _scalar(k)
    if s is None:
        raise TypeError(f"keys must be str, int, float, bool or None, not {k.__class__.__name__}")
    return s if isinstance(k, str) else f'"{s}"'


def dumps(o: Any, end: str = "") -> str:
    """``json.dumps(o, ensure_ascii=False, indent=2, default=str) + end``."""
    try:
        return _dumps(o, end)
    except Exception:  # the standard encoder's own result or error
        return _reference(o, end)


def dump(o: Any, fh: Any, end: str = "") -> None:
    """Write :func:`dumps` ``(o, end)`` to the text file ``fh`` (seekable) a block at a
    time, so that the whole text is never held: a million-node report's JSON is 0.7 GB."""
    start = fh.tell()
    try:
        for block in _blocks(o, end):
            fh.write(block)
    except Exception:  # start again with the standard encoder's own result or error
        fh.seek(start)
        fh.truncate()
        fh.write(_reference(o, end))


def _reference(o: Any, end: str) -> str:
    return json.dumps(o, ensure_ascii=False, indent=2, default=str) + end


def _dumps(o: Any, end: str) -> str:
    if sys.gettrace() is not None or sys.getprofile() is not None:
        return "".join(_blocks(o, end))  # traced: ``+=`` below would copy the text for every block
    # CPython's interpreter grows a local string that nothing else holds in place on
    # ``text += block`` (unless a tracer or profiler runs), so the text is never copied
    # whole and needs no list of blocks beside it (half the memory of a join).
    text = ""
    for block in _blocks(o, end):
        text += block
    return text


def _blocks(o: Any, end: str) -> Iterator[str]:
    """The JSON text of ``o``, then ``end``, in blocks of about :data:`BLOCK` characters."""
    enc = encode_basestring
    int_repr = int.__repr__
    keys: dict[str, str] = {}
    nls: list[str] = []
    seps: list[str] = []
    cencs: list[Any] = []  # the C encoder, one item separator per level (or None: no C encoder)

    def nl(level: int) -> str:
        while level >= len(nls):
            nls.append("\n" + "  " * len(nls))
            seps.append("," + nls[-1])
            cencs.append(
                c_make_encoder(None, str, enc, None, ": ", seps[-1], False, False, True)
                if c_make_encoder is not None
                else None
            )
        return nls[level]

    def prefix(k: Any) -> str:
        if type(k) is str:
            p = keys.get(k)
            if p is None:
                p = keys[k] = enc(k) + ": "
            return p
        return _key(k) + ": "

    def value(v: Any, level: int) -> str:
        t = type(v)
        if t is str:
            return enc(v)
        if t is int:
            return int_repr(v)
        if t is float:
            return _float(v)
        if t is bool:
            return "true" if v else "false"
        if v is None:
            return "null"
        if t is dict:
            return dict_str(v, level)
        if t is list or t is tuple:
            return list_str(v, level)
        return other(v, level)

    def other(v: Any, level: int) -> str:
        # json's order of checks, for subclasses; anything else through default=str
        s = _scalar(v)
        if s is not None:
            return s
        if isinstance(v, (list, tuple)):
            return list_str(v, level)
        if isinstance(v, dict):
            return dict_str(v, level)
        return value(str(v), level)

    def dict_str(d: dict[Any, Any], level: int) -> str:
        if not d:
            return "{}"
        inner = level + 1
        first = nl(inner)
        types = set(map(type, d.values()))
        if types <= _FLAT and cencs[inner] is not None:
            flat = c_dict(d, inner, types)
            if flat is not None:
                return f"{{{first}{flat[1:-1]}{nls[level]}}}"
        parts = []
        append = parts.append
        for k, v in d.items():
            p = keys.get(k) if type(k) is str else None
            if p is None:
                p = prefix(k)
            t = type(v)
            if t is str:
                append(p + enc(v))
            elif t is bool:
                append(p + ("true" if v else "false"))
            elif v is None:
                append(p + "null")
            elif t is int:
                append(p + int_repr(v))
            elif (t is list or t is tuple) and not v:
                append(p + "[]")
            else:
                append(p + value(v, inner))
        return "{" + first + seps[inner].join(parts) + nl(level) + "}"

    def c_dict(d: dict[Any, Any], inner: int, types: set[type]) -> str | None:
        """A dict of scalars and lists of scalars, by the C encoder (braces included, no
        line breaks next to them).

        The C encoder separates the items of every level with the same separator and
        puts no line break inside brackets, so each non-empty list is then replaced by
        its indented form. Its compact form (``["a",<sep>"b"]``) occurs nowhere else in
        the text: it holds a raw line break or starts ``["``, and neither can occur
        inside an encoded string. Anything else: None (the Python path)."""
        chunks = cencs[inner](d, 0)
        text = chunks[0] if len(chunks) == 1 else "".join(chunks)
        if list not in types and tuple not in types:
            return text
        sep = seps[inner]
        for v in [v for v in d.values() if type(v) in _SEQ and v]:
            kinds = set(map(type, v))
            if not kinds <= _SCALARS:
                return None
            if kinds == {str}:
                items = list(map(enc, v))
            elif len(v) > 1:
                items = [value(x, inner + 1) for x in v]
            else:
                return None  # "[1]" could occur inside a string
            compact = "[" + sep.join(items) + "]"
            if compact in text:
                text = text.replace(
                    compact, "[" + nl(inner + 1) + seps[inner + 1].join(items) + nl(inner) + "]"
                )
        return text

    def list_str(lst: list[Any] | tuple[Any, ...], level: int) -> str:
        if not lst:
            return "[]"
        inner = level + 1
        first = nl(inner)
        if all(type(x) is str for x in lst):
            return "[" + first + seps[inner].join(map(enc, lst)) + nl(level) + "]"
        return "[" + first + seps[inner].join([value(x, inner) for x in lst]) + nl(level) + "]"

    def big(v: Any) -> bool:
        t = type(v)
        return (t is dict or t is list or t is tuple) and len(v) > BIG

    def stream(v: Any, level: int) -> Any:
        """The pieces of a large list or dict (exact types), in order."""
        inner = level + 1
        first = nl(inner)
        sep = seps[inner]
        if type(v) is dict:
            yield "{" + first
            for i, (k, x) in enumerate(v.items()):
                head = (sep if i else "") + prefix(k)
                if big(x) or (type(x) is dict and x):
                    yield head
                    yield from stream(x, inner)
                else:
                    yield head + value(x, inner)
            yield nl(level) + "}"
        else:
            yield "[" + first
            lead = ""  # the separator before the next piece
            pending: list[str] = []  # items encoded whole, yielded a few hundred at a time
            for x in v:
                if type(x) is dict and len(x) <= BIG:  # a row: the usual item of a long list
                    pending.append(dict_str(x, inner))
                elif not big(x):
                    pending.append(value(x, inner))
                else:
                    if pending:
                        yield lead + sep.join(pending)
                        lead, pending = sep, []
                    yield lead
                    yield from stream(x, inner)
                    lead = sep
                    continue
                if len(pending) >= 256:
                    yield lead + sep.join(pending)
                    lead, pending = sep, []
            if pending:
                yield lead + sep.join(pending)
            yield nl(level) + "]"

    if not ((type(o) is dict or type(o) is list or type(o) is tuple) and o):
        yield value(o, 0) + end
        return
    buf: list[str] = []
    size = 0
    for piece in stream(o, 0):
        buf.append(piece)
        size += len(piece)
        if size >= BLOCK:
            yield "".join(buf)
            buf, size = [], 0
    buf.append(end)
    yield "".join(buf)
