"""Identity decisions and the folders a command reads (graphkit/ingest/decisions.py,
graphkit/ingest/folders.py): the cases tests/test_rules_combine.py leaves open. Every
expected value is worked out by hand from the files written here."""

from __future__ import annotations

from pathlib import Path

from graphkit.ingest import decisions, folders
from graphkit.ingest.decisions import Decision
from graphkit.ingest.folders import Folder
from graphkit.schema.errors import Issue

HEADER = "id_a,id_b,name_a,name_b,score,reasons,decision\n"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def test_different_and_decided_pairs():
    ds = [
        Decision("a", "b", "same", "d.csv", 2),
        Decision("c", "d", "different", "d.csv", 3),
        Decision("e", "a", "different", "d.csv", 4),
        Decision("b", "a", "same", "d.csv", 5),  # the same pair as line 2, the other way round
    ]
    assert decisions.different_pairs(ds) == {frozenset({"c", "d"}), frozenset({"a", "e"})}
    assert decisions.decided_pairs(ds) == {
        frozenset({"a", "b"}),
        frozenset({"c", "d"}),
        frozenset({"a", "e"}),
    }
    assert decisions.different_pairs([Decision("a", "b", "same", "d.csv", 2)]) == set()
    assert decisions.different_pairs([]) == set()


def test_the_encoding_given_is_the_one_used(tmp_path: Path):
    # "José" in Latin-1 is J o s 0xE9; 0xE9 followed by "," is neither UTF-8 nor GB18030
    path = write(tmp_path / "decisions.csv", HEADER + "jose,jose-2,José,Jose,,,same\n", "latin-1")
    assert decisions.read([path], "latin-1") == ([Decision("jose", "jose-2", "same", str(path), 2)], [])
    assert decisions.read([path]) == (
        [],
        [
            Issue(
                str(path),
                1,
                "cannot be decoded as UTF-8 or GB18030; pass --encoding with the file's encoding",
            )
        ],
    )


def test_a_file_that_cannot_be_read_does_not_stop_the_next(tmp_path: Path):
    missing = tmp_path / "gone" / "decisions.csv"
    good = write(tmp_path / "b" / "decisions.csv", HEADER + "x,y,,,,,different\n")
    assert decisions.read([missing, good]) == (
        [Decision("x", "y", "different", str(good), 2)],
        [Issue(str(missing), 0, "no such file")],
    )


def test_a_file_missing_columns_does_not_stop_the_next(tmp_path: Path):
    bad = write(tmp_path / "a" / "decisions.csv", "id_a,id_b\nx,y\n")
    good = write(tmp_path / "b" / "decisions.csv", HEADER + "x,y,,,,,SAME\n")  # a decision in any letter case
    assert decisions.read([bad, good]) == (
        [Decision("x", "y", "same", str(good), 2)],
        [Issue(str(bad), 1, "missing required column 'decision'")],
    )


def test_a_short_row_is_undecided(tmp_path: Path):
    # a row that stops before the decision column has no decision: it is skipped
    path = write(tmp_path / "decisions.csv", HEADER + "x,y\n")
    assert decisions.read([path]) == ([], [])
    # with the decision first, a row without id_b is a decision missing an id
    path = write(tmp_path / "d2" / "decisions.csv", "decision,id_a,id_b\nsame,x\n")
    assert decisions.read([path]) == ([], [Issue(str(path), 2, "a decision needs both id_a and id_b")])


# ------------------------------------------------------------------ folders
def data(path: Path) -> Path:
    write(path / "people.csv", "id,name\np,Pat\n")
    return path


def test_a_folder_of_decisions_only_given_first_does_not_stop_the_others(tmp_path: Path):
    only = write(tmp_path / "only" / "decisions.csv", HEADER + "a,b,,,,,same\n").parent
    a = data(tmp_path / "a")
    assert folders.expand([only, a]) == ([Folder(a, "a")], [only / "decisions.csv"])


def test_a_folder_given_twice_is_read_once_and_the_next_still_is(tmp_path: Path):
    a, b = data(tmp_path / "a"), data(tmp_path / "b")
    again = tmp_path / "b" / ".." / "a"  # the same folder by another path
    assert folders.expand([a, a, again, b]) == ([Folder(a, "a"), Folder(b, "b")], [])
