"""The input fingerprint that lets a reload of unchanged files stop at once: it must
change with anything a load reads, and only with that."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import DATA_ALL

from graphkit.ingest import folders
from graphkit.ingest.folders import fingerprint


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_ALL, target)
    return target


def test_the_same_files_give_the_same_fingerprint(data, tmp_path):
    first = fingerprint(data)
    assert first == fingerprint(data)
    assert first == fingerprint(str(data))
    assert len(first) == 32 and int(first, 16) >= 0
    elsewhere = tmp_path / "copy" / "data"
    shutil.copytree(data, elsewhere)
    assert fingerprint(elsewhere) == first  # where the folders are is not what is loaded


def test_one_byte_of_a_csv_file_changes_it(data):
    before = fingerprint(data)
    path = data / "zhidx-2025-06-16" / "relationships.csv"
    text = path.read_text("utf-8")
    path.write_text(text.replace("张阔", "张闊", 1), "utf-8")
    assert fingerprint(data) != before
    path.write_text(text, "utf-8")
    assert fingerprint(data) == before


def test_a_new_csv_file_changes_it_and_other_files_do_not(data):
    before = fingerprint(data)
    (data / "shenwang-2025-04" / "notes.txt").write_text("not read", "utf-8")
    assert fingerprint(data) == before
    (data / "shenwang-2025-04" / "extra.csv").write_text("a,b\n", "utf-8")
    assert fingerprint(data) != before


def test_folder_names_order_decisions_and_encoding_count(data, tmp_path):
    before = fingerprint(data)
    both = [data / "shenwang-2025-04", data / "zhidx-2025-06-16"]
    assert fingerprint(both) == before  # data/ stands for its subfolders in name order
    assert fingerprint(list(reversed(both))) != before
    assert fingerprint(data / "zhidx-2025-06-16") != before
    renamed = tmp_path / "renamed"
    shutil.copytree(data / "zhidx-2025-06-16", renamed)
    assert fingerprint(renamed) != fingerprint(data / "zhidx-2025-06-16")  # Neo4j records folder names
    assert fingerprint(data, encoding="gb18030") != before
    decisions = tmp_path / "decisions.csv"
    decisions.write_text("id_a,id_b,decision,note\n", "utf-8")
    with_decisions = fingerprint(data, decisions)
    assert with_decisions != before
    decisions.write_text("id_a,id_b,decision,note\nx,y,different,\n", "utf-8")
    assert fingerprint(data, decisions) != with_decisions
    assert fingerprint(data, tmp_path / "missing.csv") not in (before, with_decisions)
    (data / "zhidx-2025-06-16" / "decisions.csv").write_text("id_a,id_b,decision,note\n", "utf-8")
    assert fingerprint(data) != before  # a decisions.csv in a folder


def test_graphkit_s_code_is_part_of_it(data, monkeypatch):
    before = fingerprint(data)
    monkeypatch.setattr(folders, "code_fingerprint", lambda: "another version")
    assert fingerprint(data) != before


def test_the_code_fingerprint_covers_the_package():
    folders.code_fingerprint.cache_clear()
    first = folders.code_fingerprint()
    assert first == folders.code_fingerprint() and len(first) == 32
