"""Reading CSV files: encodings, physical line numbers, no surprises.

Files are decoded as UTF-8 (with or without a BOM) first, then GB18030, the
encoding Chinese Excel writes. ``encoding=`` forces one. Every row keeps the
physical line on which it starts, so messages stay right when a quoted field
holds a newline.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from graphkit.schema.errors import ReadError, SettingsError

AUTO_ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]
    extra: int = 0  # cells beyond the header


@dataclass(frozen=True)
class Table:
    path: str
    encoding: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]


def decode(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of a text file."""
    if b"\x00" in data:
        raise ReadError("not a text file (it contains NUL bytes); expected CSV", path, 1)
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise SettingsError(f"unknown encoding {encoding!r} given to --encoding") from None
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise ReadError(f"cannot be decoded as {encoding}", path, line) from None
    for enc in AUTO_ENCODINGS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            raise ReadError("not a text file (control characters); expected CSV", path, 1)
        return text, enc
    raise ReadError(
        "cannot be decoded as UTF-8 or GB18030; pass --encoding with the file's encoding",
        path,
        1,
    )


# Characters that XML 1.0 (GraphML, GEXF) cannot hold and no CSV editor writes.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    return sum(1 for ch in sample if _ILLEGAL.match(ch)) > 8


def _check_characters(text: str, path: str) -> None:
    m = _ILLEGAL.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        raise ReadError(f"contains the control character U+{ord(m.group()):04X}", path, line)


def read_bytes(path: str | Path, expected: str = "a CSV file") -> bytes:
    """A file's bytes; a missing file, a directory or an unreadable file is a :class:`ReadError`."""
    shown = str(path)
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise ReadError("no such file", shown) from None
    except IsADirectoryError:
        raise ReadError(f"is a directory, expected {expected}", shown) from None
    except OSError as exc:
        raise ReadError(f"cannot read ({exc.strerror})", shown) from None


def read_table(path: str | Path, encoding: str | None = None) -> Table:
    """Read one CSV file with a header row into a :class:`Table`."""
    return to_table(read_records(path, encoding))


@dataclass(frozen=True)
class Records:
    """A CSV file as parsed, before its cells become :class:`Row` values: each record is
    ``(line, cells)``, the physical line on which it starts and its cells as read (not
    trimmed). Blank records are left out. :func:`to_table` gives the :class:`Table`.

    ``records`` is a list, or (``lazy=True`` in :func:`parse_records`) a
    :class:`LazyRecords` that parses the text again each time it is walked."""

    path: str
    encoding: str
    header: tuple[str, ...]
    records: list[tuple[int, list[str]]] | LazyRecords


def read_records(path: str | Path, encoding: str | None = None, *, lazy: bool = False) -> Records:
    """:func:`read_table` without building a :class:`Row` per record (same errors); ``lazy``
    as in :func:`parse_records`."""
    shown = str(path)
    data = read_bytes(path)
    text, used = decode(data, shown, encoding)
    del data
    _check_characters(text, shown)
    return parse_records(text, shown, used, lazy=lazy)


def _scan(text: str, path: str) -> Iterator[tuple[int, list[str]]]:
    """The non-blank records of CSV text with their first physical lines, the header
    first (raises :class:`ReadError` on malformed CSV)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    strip = str.strip
    start = 1
    try:
        for record in reader:
            line = start
            start = reader.line_num + 1
            if any(map(strip, record)):  # a record with no cell, or only blank ones, is none
                yield line, record
    except csv.Error as exc:
        raise ReadError(f"malformed CSV ({exc})", path, reader.line_num) from None


class LazyRecords:
    """The records of a CSV text after its header, parsed anew each time they are walked:
    only the text stays in memory, not a list of every record's cells (for 200,000
    relationships, 31 MB against 199 MB). The text is known to parse
    (:func:`parse_records` read it through once)."""

    def __init__(self, text: str, path: str, count: int) -> None:
        self._text, self._path, self._count = text, path, count

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        records = _scan(self._text, self._path)
        next(records)  # the header
        return records


def parse_records(text: str, path: str, encoding: str = "utf-8", *, lazy: bool = False) -> Records:
    """Parse CSV text into :class:`Records` (see :func:`parse_csv`). The whole text is read
    through here, so a malformed one raises now, not later; ``lazy`` keeps the text
    instead of the records (:class:`LazyRecords`)."""
    records = _scan(text, path)
    first = next(records, None)
    if first is None:
        raise ReadError("empty file, expected a header row", path, 1)
    header = tuple(cell.strip() for cell in first[1])
    if lazy:
        count = sum(1 for _ in records)
        return Records(path=path, encoding=encoding, header=header, records=LazyRecords(text, path, count))
    return Records(path=path, encoding=encoding, header=header, records=list(records))


def cells_of(record: list[str], width: int) -> tuple[list[str], int]:
    """A record's trimmed cells, exactly ``width`` of them (missing ones are ""), and how
    many cells beyond ``width`` are not blank."""
    n = len(record)
    if n == width:
        return list(map(str.strip, record)), 0
    if n < width:
        return [*map(str.strip, record), *([""] * (width - n))], 0
    return list(map(str.strip, record[:width])), sum(1 for c in record[width:] if c.strip())


def to_table(parsed: Records) -> Table:
    """The :class:`Table` of parsed records: each row's values by column name (a repeated
    column name holds its last cell)."""
    header = parsed.header
    width = len(header)
    rows: list[Row] = []
    for line, record in parsed.records:
        cells, extra = cells_of(record, width)
        rows.append(Row(line=line, values=dict(zip(header, cells, strict=True)), extra=extra))
    return Table(path=parsed.path, encoding=parsed.encoding, header=header, rows=tuple(rows))


def parse_csv(text: str, path: str, encoding: str = "utf-8") -> Table:
    """Parse CSV text; each row remembers the physical line where it starts."""
    return to_table(parse_records(text, path, encoding))
