"""Bulk import for first loads: the graph as the CSV files of ``neo4j-admin database import full``.

:func:`write_import` streams the rows of :func:`graphkit.neo4j.load.node_rows` and
:func:`~graphkit.neo4j.load.rel_rows` (the same rows, properties and content hashes a
normal load writes) into one data file per label and per (type, from label, to label),
each with its own header file, and an argument file ``import.args`` that lists them.
:func:`bulk_load` runs the import tool on them and then applies the schema
(constraints and indexes) through Bolt, so the result is the graph a normal load
writes into an empty database.

The import tool always writes a new, empty store: it is for first loads. Later loads
are incremental (``graphkit load`` writes only what changed).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import shlex
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from graphkit.neo4j.connection import Neo4jError, Settings
from graphkit.neo4j.load import node_rows, rel_rows
from graphkit.schema.errors import SettingsError

#: Separates the items of a list property. graphkit's CSV reader rejects control
#: characters, so no value read from a data folder contains it.
ARRAY_DELIMITER = "\x1f"
ARGS_FILE = "import.args"
#: neo4j-admin's options for graphkit's files (the array delimiter is passed apart, see
#: :func:`import_command`: a control character cannot go into an argument file).
OPTIONS = ("--id-type=string", "--skip-bad-relationships=false", "--skip-duplicate-nodes=false")


class BulkFailed(Neo4jError):
    """The import tool failed; the server's store is as it was."""

    exit_code = 7


_SCALARS: dict[type, str] = {str: "string", bool: "boolean", int: "long", float: "double", dt.date: "date"}


def _type(value: Any, where: str) -> str:
    """The import header type of a property value (a list's items all of one type)."""
    kind = _SCALARS.get(type(value))
    if kind:
        return kind
    if isinstance(value, (list, tuple)) and value:
        first = type(value[0])
        if first in _SCALARS and all(type(v) is first for v in value):
            return _SCALARS[first] + "[]"
    raise SettingsError(f"bulk import cannot write the value {value!r} of {where}")


class _HasDelimiter(Exception):
    """A text holds ARRAY_DELIMITER (the caller names the row and property)."""


def _no_delimiter(text: str) -> str:
    if ARRAY_DELIMITER in text:
        raise _HasDelimiter
    return text


def _cell(value: Any, kind: str) -> str:
    """The text of a value of import type ``kind`` (raises :class:`_HasDelimiter`)."""
    if kind == "string":
        return _no_delimiter(value)
    if kind == "string[]":
        for v in value:
            _no_delimiter(v)
        return ARRAY_DELIMITER.join(value)
    if kind.endswith("[]"):
        return ARRAY_DELIMITER.join(_cell(v, kind[:-2]) for v in value)
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "date":
        return value.isoformat()
    return str(value)


def _fast_cell(kind: str) -> Callable[[Any], str | None] | None:
    """A quick :func:`_cell` for the common cases of import type ``kind``: the text of a
    value whose type is exactly that (raises :class:`_HasDelimiter`), else None (the
    caller checks the value the long way)."""
    if kind == "string":

        def text(v: Any) -> str | None:
            if type(v) is not str:
                return None
            if ARRAY_DELIMITER in v:
                raise _HasDelimiter
            return v

        return text
    if kind == "string[]":

        def texts(v: Any) -> str | None:
            if type(v) is not list or not v or not all(type(x) is str for x in v):
                return None
            cell = ARRAY_DELIMITER.join(v)
            if cell.count(ARRAY_DELIMITER) != len(v) - 1:  # an item holds the delimiter
                raise _HasDelimiter
            return cell

        return texts
    scalar = {"boolean": bool, "long": int, "double": float, "date": dt.date}.get(kind)
    if scalar is None:
        return None

    def other(v: Any) -> str | None:
        return _cell(v, kind) if type(v) is scalar else None

    return other


@dataclass
class _File:
    """One data file being written, with the columns seen so far. A later row may add a
    column: the header file is written last, and rows written before it are padded at the
    end (:meth:`pad`), since the import tool reads a short line on into the next one."""

    path: Path
    fixed: list[str]  # the ID / START_ID / END_ID header fields
    columns: dict[str, str] = field(default_factory=dict)  # property -> import type
    quick: dict[str, Any] = field(default_factory=dict)  # property -> its _fast_cell
    rows: int = 0
    narrowest: int = -1  # the fewest cells a row was written with
    multiline: bool = False  # a text cell holds a line break
    handle: Any = None
    writer: Any = None

    def write(self, ids: list[str], props: dict[str, Any], where: str) -> None:
        columns = self.columns
        quick = self.quick
        for k, v in props.items():
            if v is not None and k not in columns:
                kind = columns[k] = _type(v, f"{where} ({k})")
                quick[k] = _fast_cell(kind)
        cells = [*ids]
        append = cells.append
        get = props.get
        k = ""
        try:
            for k, kind in columns.items():
                v = get(k)
                if v is None:
                    append("")
                    continue
                fast = quick[k]
                cell = fast(v) if fast is not None else None
                if cell is None:
                    cell = self._cell(v, kind, k, where)
                if kind[0] == "s" and not self.multiline and ("\n" in cell or "\r" in cell):
                    self.multiline = True
                append(cell)
        except _HasDelimiter:
            raise SettingsError(
                f"bulk import cannot write {where} ({k}): it contains the control character U+001F"
            ) from None
        self.writer.writerow(cells)
        self.rows += 1
        if self.narrowest < 0 or len(cells) < self.narrowest:
            self.narrowest = len(cells)

    @staticmethod
    def _cell(v: Any, kind: str, k: str, where: str) -> str:
        """The cell of a value that :func:`_fast_cell` did not take: of the column's type or
        refused."""
        found = _type(v, f"{where} ({k})")
        if found != kind:
            raise SettingsError(
                f"bulk import needs one type per property: {k!r} of {where} is {found}, elsewhere {kind}"
            )
        return _cell(v, kind)

    def pad(self) -> None:
        """Give every row the final number of cells (the data file is closed)."""
        width = len(self.fixed) + len(self.columns)
        if self.narrowest < 0 or self.narrowest == width:
            return
        padded = self.path.with_name(self.path.name + ".tmp")
        with (
            self.path.open(encoding="utf-8", newline="") as src,
            padded.open("w", encoding="utf-8", newline="") as dst,
        ):
            out = csv.writer(dst, lineterminator="\n")
            for cells in csv.reader(src):
                out.writerow(cells + [""] * (width - len(cells)))
        padded.replace(self.path)

    def header(self) -> Path:
        path = self.path.with_name(self.path.stem + ".header.csv")
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerow(
                [*self.fixed, *(f"{k}:{kind}" for k, kind in self.columns.items())]
            )
        return path


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", name)


@dataclass
class ImportFiles:
    """What :func:`write_import` wrote: the argument lines (relative to ``directory``)."""

    directory: Path
    args: list[str]
    nodes: int
    relationships: int
    multiline: bool

    @property
    def rows(self) -> int:
        return self.nodes + self.relationships


def write_import(
    g: nx.MultiDiGraph, dataset: str, directory: str | Path, *, write_moves: bool = True
) -> ImportFiles:
    """Write the import files of ``g`` for dataset ``dataset`` into ``directory`` (created if
    needed); the rows are streamed, never all held at once."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    files: dict[Any, _File] = {}

    def open_file(key: Any, name: str, fixed: list[str]) -> _File:
        f = _File(out / name, fixed)
        f.handle = f.path.open("w", encoding="utf-8", newline="")
        f.writer = csv.writer(f.handle, lineterminator="\n")
        files[key] = f
        return f

    try:
        for label, row in node_rows(g, dataset):
            f = files.get(label) or open_file(label, f"nodes-{_safe(label)}.csv", [f"id:ID({label})"])
            props = {k: v for k, v in row["props"].items() if k != "id"}
            f.write([row["id"]], props, f"{label} {row['id']!r}")
        for (rtype, a, b), row in rel_rows(g, dataset, write_moves=write_moves):
            key = (rtype, a, b)
            f = files.get(key) or open_file(
                key, f"rels-{_safe(rtype)}-{_safe(a)}-{_safe(b)}.csv", [f":START_ID({a})", f":END_ID({b})"]
            )
            f.write([row["from"], row["to"]], row["props"], f"{rtype} {row['key']!r}")
    finally:
        for f in files.values():
            f.handle.close()
    multiline = any(f.multiline for f in files.values())
    args = []
    nodes = rels = 0
    for key, f in files.items():
        f.pad()
        header = f.header()
        if isinstance(key, str):
            args.append(f"--nodes={key}={header.name},{f.path.name}")
            nodes += f.rows
        else:
            args.append(f"--relationships={key[0]}={header.name},{f.path.name}")
            rels += f.rows
    args.append(f"--multiline-fields={'true' if multiline else 'false'}")
    (out / ARGS_FILE).write_text("\n".join([*OPTIONS, *args]) + "\n", encoding="utf-8")
    return ImportFiles(out, args, nodes, rels, multiline)


def import_command(admin: str, database: str | None) -> list[str]:
    """The command line that imports the files of :func:`write_import`, run in their folder."""
    words = shlex.split(admin)
    if not words:
        raise SettingsError("no neo4j-admin command: pass --admin or set GRAPHKIT_NEO4J_ADMIN")
    first = Path(words[0])
    if not first.is_absolute() and os.sep in words[0] and first.exists():
        words[0] = str(first.resolve())  # the command runs in the import folder
    return [
        *words,
        "database",
        "import",
        "full",
        database or "neo4j",  # before the file lists, which take every word after them
        "--overwrite-destination=true",
        "--verbose",  # the cause of a failure, not just "Error in input data"
        f"--array-delimiter={ARRAY_DELIMITER}",
        f"@{ARGS_FILE}",
    ]


def shell_line(admin: str, database: str | None) -> str:
    """:func:`import_command` as a line to paste into bash (the delimiter as ``$'\\x1f'``)."""
    words = import_command(admin, database)
    return " ".join(
        "--array-delimiter=$'\\x1f'" if w == f"--array-delimiter={ARRAY_DELIMITER}" else shlex.quote(w)
        for w in words
    )


_EXPORT = re.compile(r"^export (NEO4J_URI|NEO4J_PASSWORD|NEO4J_USERNAME)=(.*)$")


def run_import(files: ImportFiles, admin: str, database: str | None) -> dict[str, str]:
    """Run the import tool in the files' folder. Returns the ``export NAME=value`` lines it
    printed (``scripts/neo4j-local admin`` prints the server's settings after its restart)."""
    cmd = import_command(admin, database)
    try:
        done = subprocess.run(cmd, cwd=files.directory, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise BulkFailed(f"cannot run {cmd[0]!r}: {exc.strerror}; the server's store is as it was") from None
    if done.returncode != 0:
        lines = [ln for ln in (done.stderr + done.stdout).splitlines() if ln.strip()]
        tail = "\n  ".join(lines[-12:]) or f"exit status {done.returncode}"
        raise BulkFailed(
            f"the import failed and the server's store is as it was before "
            f"(files kept in {files.directory}):\n  {tail}"
        )
    found = {}
    for line in done.stdout.splitlines():
        m = _EXPORT.match(line.strip())
        if m:
            value = shlex.split(m.group(2))
            found[m.group(1)] = value[0] if value else ""
    return found


def wait_for(settings: Settings, timeout: float = 180.0) -> Any:
    """A driver for the server once it answers again (after an import restarted it)."""
    from graphkit.neo4j.connection import Unreachable, connect

    deadline = time.monotonic() + timeout
    while True:
        try:
            return connect(settings)
        except Unreachable:
            if time.monotonic() > deadline:
                raise
            time.sleep(1.0)


@dataclass(frozen=True)
class BulkResult:
    dataset: str
    nodes: int
    relationships: int
    directory: Path
    write_s: float
    import_s: float = 0.0
    schema_s: float = 0.0
    uri: str = ""
    imported: bool = True

    @property
    def rows(self) -> int:
        return self.nodes + self.relationships

    @property
    def seconds(self) -> float:
        return self.write_s + self.import_s + self.schema_s


def bulk_load(
    g: nx.MultiDiGraph,
    dataset: str,
    directory: str | Path,
    settings: Settings | None = None,
    admin: str | None = None,
    *,
    files_only: bool = False,
    write_moves: bool = True,
    fingerprint: str | None = None,
    wait_s: float = 180.0,
) -> BulkResult:
    """Write the import files of ``g`` into ``directory``; unless ``files_only``, import them
    with ``admin`` (a neo4j-admin command line: ``scripts/neo4j-local admin``, or
    ``neo4j-admin`` with the server stopped) into a new store of ``settings.database``, then
    connect and apply the schema. The server's Bolt settings may change in the import's
    restart (``scripts/neo4j-local admin`` prints them); the result gives the URI used."""
    from graphkit.neo4j.load import apply_schema, record_load

    t0 = time.perf_counter()
    files = write_import(g, dataset, directory, write_moves=write_moves)
    write_s = time.perf_counter() - t0
    settings = settings or Settings()
    if files_only:
        return BulkResult(dataset, files.nodes, files.relationships, files.directory, write_s, imported=False)
    if not admin:
        raise SettingsError(
            "no neo4j-admin command: pass --admin (e.g. 'neo4j-admin', with the server stopped) or set "
            "GRAPHKIT_NEO4J_ADMIN (scripts/neo4j-local start sets it)"
        )
    t1 = time.perf_counter()
    exported = run_import(files, admin, settings.database)
    import_s = time.perf_counter() - t1
    if exported.get("NEO4J_URI"):
        settings = Settings(
            uri=exported["NEO4J_URI"],
            user=exported.get("NEO4J_USERNAME") or settings.user,
            password=exported.get("NEO4J_PASSWORD") or settings.password,
            database=settings.database,
        )
    t2 = time.perf_counter()
    driver = wait_for(settings, wait_s)
    try:
        apply_schema(driver, settings.database)
        driver.execute_query("CALL db.awaitIndexes(600)", database_=settings.database)
        if fingerprint:  # a reload of the same files is then "0 changes" at once
            with driver.session(database=settings.database) as session:
                session.execute_write(record_load, dataset, fingerprint, False, files.rows, True)
    finally:
        driver.close()
    return BulkResult(
        dataset,
        files.nodes,
        files.relationships,
        files.directory,
        write_s,
        import_s,
        time.perf_counter() - t2,
        settings.uri,
    )
