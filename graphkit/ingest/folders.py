"""Which data folders a command reads.

A data folder holds any subset of graphkit's CSV files (one article's rows, or a
registry of people and organisations). A command takes one or several ``DIR``:

* a folder with graphkit CSV files is one data folder;
* a folder without any, whose subfolders have them, stands for those subfolders
  (sorted by name), so ``graphkit report data/`` reads every article in ``data/``.

A ``decisions.csv`` (identity decisions, see :mod:`graphkit.ingest.decisions`) may sit
in any of them. Folders are known by their name, which must be unique: it is what
Neo4j records as the folder that supports a fact.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from graphkit.schema import vocab
from graphkit.schema.errors import ReadError

DECISIONS = "decisions.csv"


@dataclass(frozen=True)
class Folder:
    path: Path
    name: str

    @property
    def shown(self) -> str:
        return str(self.path)


def _has_data(path: Path) -> bool:
    names = set(vocab.load().files)
    return any((path / n).is_file() for n in names)


def expand(
    directories: str | Path | list[str | Path] | tuple[str | Path, ...],
) -> tuple[list[Folder], list[Path]]:
    """The data folders that ``directories`` stand for, in order, and the decision files
    found in them (and in the parent folders given)."""
    if isinstance(directories, (str, Path)):
        directories = [directories]
    if not directories:
        raise ReadError("no data directory given")
    folders: list[Folder] = []
    decisions: list[Path] = []
    for given in directories:
        path = Path(given)
        if not path.is_dir():
            raise ReadError("no such data directory", str(path))
        if _has_data(path):
            found = [path]
        else:
            found = sorted((p for p in path.iterdir() if p.is_dir() and _has_data(p)), key=lambda p: p.name)
            if not found:
                if (path / DECISIONS).is_file():
                    decisions.append(path / DECISIONS)
                    continue
                raise ReadError(
                    "no graphkit CSV files here or in its subfolders (expected people.csv, "
                    "relationships.csv, ...)",
                    str(path),
                )
            if (path / DECISIONS).is_file():
                decisions.append(path / DECISIONS)
        for p in found:
            folders.append(Folder(p, p.resolve().name))
            if (p / DECISIONS).is_file():
                decisions.append(p / DECISIONS)
    seen: dict[str, Folder] = {}
    unique: list[Folder] = []
    for f in folders:
        if f.name in seen:
            if seen[f.name].path.resolve() == f.path.resolve():
                continue  # the same folder given twice
            raise ReadError(
                f"two data folders are named {f.name!r} ({seen[f.name].shown} and {f.shown}); "
                "folder names must be unique",
                f.shown,
            )
        seen[f.name] = f
        unique.append(f)
    if not unique:
        raise ReadError("no data folder given (only decisions)", str(directories[0]))
    return unique, list(dict.fromkeys(decisions))


def dataset_name(directories: str | Path | list[str | Path] | tuple[str | Path, ...]) -> str:
    """The default name a load is recorded under: the first ``DIR``'s name, or, for a data
    folder that sits among other data folders, its parent's name (so ``data/`` and
    ``data/new-article`` load into the same dataset)."""
    if isinstance(directories, (str, Path)):
        directories = [directories]
    first = Path(directories[0]).resolve()
    if _has_data(first):
        parent = first.parent
        siblings = [p for p in parent.iterdir() if p.is_dir() and p != first and _has_data(p)]
        if siblings and not _has_data(parent):
            return parent.name
    return first.name


def _digest(path: Path) -> str:
    h = hashlib.blake2b(digest_size=16)
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@functools.cache
def code_fingerprint() -> str:
    """A hash of graphkit's own code and vocabulary: what turns the same files into rows."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.blake2b(digest_size=16)
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".toml", ".cypher") and p.is_file()):
        h.update(str(path.relative_to(root)).encode("utf-8") + b"\0" + _digest(path).encode("ascii"))
    return h.hexdigest()


def fingerprint(
    directories: str | Path | list[str | Path] | tuple[str | Path, ...],
    decisions: str | Path | None = None,
    encoding: str | None = None,
) -> str:
    """A hash of everything a load of ``directories`` reads: each folder's name and the bytes
    of its CSV files, the decision files, the encoding asked for, and graphkit's code. Equal
    fingerprints, equal rows (so a reload of unchanged files can stop here)."""
    folders, found = expand(directories)
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{code_fingerprint()}\0{encoding or ''}\0".encode())
    for folder in folders:
        h.update(b"folder\0" + folder.name.encode("utf-8") + b"\0")
        for path in sorted(folder.path.glob("*.csv")):
            h.update(path.name.encode("utf-8") + b"\0" + _digest(path).encode("ascii"))
    for path in [*found, *([Path(decisions)] if decisions else [])]:
        known = _digest(path) if path.is_file() else "missing"  # validation says what is wrong
        h.update(b"decisions\0" + known.encode("ascii"))
    return h.hexdigest()
