from pathlib import Path

import pytest

from graphkit.ingest.read import read_table
from graphkit.schema.errors import ReadError, SettingsError

CSV = "id,name\nzhang-fan,张帆\nqu-teng,曲滕\n"


@pytest.mark.parametrize(
    ("payload", "encoding"),
    [
        (CSV.encode("utf-8"), "utf-8-sig"),
        (b"\xef\xbb\xbf" + CSV.encode("utf-8"), "utf-8-sig"),
        (CSV.encode("gb18030"), "gb18030"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030"],
)
def test_encodings_are_detected(tmp_path: Path, payload: bytes, encoding: str):
    path = tmp_path / "people.csv"
    path.write_bytes(payload)
    table = read_table(path)
    assert table.encoding == encoding
    assert table.header == ("id", "name")  # the BOM is not part of the first column name
    assert [r.values["name"] for r in table.rows] == ["张帆", "曲滕"]


def test_forced_encoding(tmp_path: Path):
    path = tmp_path / "people.csv"
    path.write_bytes(CSV.encode("gb18030"))
    assert read_table(path, encoding="gb18030").rows[0].values["name"] == "张帆"
    with pytest.raises(ReadError, match=r"people.csv:2: cannot be decoded as utf-8$"):
        read_table(path, encoding="utf-8")


def test_unknown_forced_encoding_is_a_settings_error(tmp_path: Path):
    path = tmp_path / "people.csv"
    path.write_text(CSV, "utf-8")
    with pytest.raises(SettingsError, match="unknown encoding 'klingon'"):
        read_table(path, encoding="klingon")


def test_undecodable_file_names_encoding_option(tmp_path: Path):
    path = tmp_path / "people.csv"
    # 0x80 alone is invalid in UTF-8 and in GB18030 (a lone lead byte at the end).
    path.write_bytes(b"id,name\nx,\xff\x80")
    with pytest.raises(ReadError) as info:
        read_table(path)
    assert str(info.value) == (
        f"{path}:1: cannot be decoded as UTF-8 or GB18030; pass --encoding with the file's encoding"
    )


def test_binary_file(tmp_path: Path):
    path = tmp_path / "people.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ReadError) as info:
        read_table(path)
    assert str(info.value) == f"{path}:1: not a text file (it contains NUL bytes); expected CSV"


def test_control_character_is_located(tmp_path: Path):
    path = tmp_path / "people.csv"
    path.write_text("id,name\na,ok\nb,bad\x0bname\n", "utf-8")
    with pytest.raises(ReadError) as info:
        read_table(path)
    assert str(info.value) == f"{path}:3: contains the control character U+000B"


def test_line_numbers_are_physical_across_quoted_newlines(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text(
        "id,note\n"  # line 1
        'a,"one\ntwo\nthree"\n'  # lines 2-4
        "\n"  # line 5 (blank)
        "b,plain\n"  # line 6
        'c,"x\r\ny"\n'  # lines 7-8
        "d,end\n",  # line 9
        "utf-8",
        newline="",
    )
    table = read_table(path)
    assert [(r.values["id"], r.line) for r in table.rows] == [("a", 2), ("b", 6), ("c", 7), ("d", 9)]
    assert table.rows[0].values["note"] == "one\ntwo\nthree"


def test_crlf_line_endings(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_bytes(b"id,name\r\na,A\r\nb,B\r\n")
    assert [(r.values["id"], r.line) for r in read_table(path).rows] == [("a", 2), ("b", 3)]


def test_empty_file(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text("", "utf-8")
    with pytest.raises(ReadError, match=r"t.csv:1: empty file, expected a header row"):
        read_table(path)
