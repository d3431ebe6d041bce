"""The rules of reading and validating a data directory, checked on small hand-written datasets.

``MINI`` is a complete dataset with every file, every record type, every node kind and
every relationship type. Its successful result is spelled out record by record; each
error case is one edit to it and the exact list of issues (FILE, LINE, severity,
message) that edit must give, worked out from the CSV text.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import tempfile
from pathlib import Path
from typing import Any

import pytest
from helpers import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit import InvalidData, Issue, ReadError, SettingsError, check, load_dataset
from graphkit.ingest.read import Row, decode, parse_csv, read_table
from graphkit.ingest.validate import name_key

# ------------------------------------------------------------------ the dataset
# Line numbers are noted because the expected issues name them. In relationships.csv the
# WORKED_AT row spans lines 2-3 (its evidence holds a newline), so the rows after it
# start on lines 4, 5, 6, 7 and 8.
MINI: dict[str, str] = {
    "sources.csv": (
        "id,title,publisher,published,retrieved,url,language,note\n"
        's1,"Title, one",Pub A,2025-06-16,2025-06-17,https://example.com/a,zh,first source\n'  # 2
        "s2,Title two,Pub B,2024-12,,,,\n"  # 3
    ),
    "people.csv": (
        "id,name,name_en,aliases,unnamed,sources,note\n"
        "li-lei,李雷,Li Lei,Lei Li; 小李 ;,false,s1;s2,a note\n"  # 2
        "han-mm,韩梅梅,Han Meimei,,,s2,\n"  # 3
        "anon,某高管（未具名）,,,true,,\n"  # 4
    ),
    "organisations.csv": (
        "id,kind,name,name_en,category,aliases,unnamed,sources,note\n"
        "acme,Company,艾克米,Acme,llm_startup,艾克米AI,false,s1,\n"  # 2
        "newco,Startup,新公司,NewCo,,,no,s2,\n"  # 3
        "fund,Investor,某基金,,,,是,s1;s2,unnamed fund\n"  # 4
        "club,Group,六小虎,Six Tigers,,,,,\n"  # 5
    ),
    "relationships.csv": (
        "type,from,to,role,role_en,role_category,start,end,status,sources,evidence,note\n"
        "WORKED_AT,li-lei,acme,副总裁,Vice president,executive;commercial,2020-03,2025-40,"
        'confirmed,s1,"他说, ""离开""\n是因为",left in H1\n'  # 2-3
        "FOUNDED,li-lei,newco,创始人,Founder,founder,2025-06,,reported,s1;s2,quote two,\n"  # 4
        "INVESTED_IN,acme,newco,,,,,,confirmed,s2,quote three,\n"  # 5
        "MEMBER_OF,acme,club,,,,,,confirmed,s1,quote four,\n"  # 6
        "APPROACHED,acme,han-mm,,,,2024-12~,,attempted,s1,quote five,\n"  # 7
        "JOINED,han-mm,fund,,,,2025,,confirmed,s1,quote six,\n"  # 8
    ),
    "events.csv": (
        "id,org,event_type,summary,summary_en,date,status,sources,evidence,note\n"
        "pivot-acme,acme,pivot,转向小模型,Pivoted to small models,2024-36,confirmed,s1,quote seven,Since Q4\n"
    ),
    "claims.csv": (
        "id,subject,metric,value,period,sources,evidence,note\n"
        "c-changes,club,executive_changes,12,2025-40,s1,quote eight,\n"  # 2
        "c-hires,club,new_hires, 1 ,,s1;s2,quote nine,a note\n"  # 3
    ),
}


def replaced(name: str, old: str, new: str) -> str:
    """MINI's ``name`` with the one occurrence of ``old`` replaced."""
    text = MINI[name]
    assert text.count(old) == 1, f"{old!r} must occur once in {name}"
    return text.replace(old, new)


def appended(name: str, *rows: str) -> str:
    return MINI[name] + "".join(row + "\n" for row in rows)


def build(root: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """Write MINI into ``root/data`` with ``files`` overriding it (None: leave the file out)."""
    directory = root / "data"
    directory.mkdir(parents=True)
    for name, content in {**MINI, **(files or {})}.items():
        if isinstance(content, bytes):
            (directory / name).write_bytes(content)
        elif content is not None:
            (directory / name).write_text(content, "utf-8", newline="")
    return directory


Found = tuple[str, int, str, str]


def E(name: str, line: int, message: str) -> Found:
    return (name, line, "error", message)


def W(name: str, line: int, message: str) -> Found:
    return (name, line, "warning", message)


def found(directory: Path) -> list[Found]:
    """Every issue of ``directory`` as (file name, line, severity, message), with the
    directory in messages written as ``{d}``. The dataset exists exactly when no issue
    is an error."""
    dataset, issues = check(directory)
    assert (dataset is None) == any(i.severity == "error" for i in issues)
    for i in issues:
        assert Path(i.file).parent == directory
    return [(Path(i.file).name, i.line, i.severity, i.message.replace(str(directory), "{d}")) for i in issues]


def good(directory: Path) -> Any:
    dataset, issues = check(directory)
    assert issues == []
    assert dataset is not None
    return dataset


def dump(record: Any) -> dict[str, Any]:
    """The record as a dict; the fields folders add are checked for one folder and dropped:
    no merged ids, and a relationship's one quote is its own row."""
    out = record.model_dump()
    if "merged_ids" in out:
        assert out.pop("merged_ids") == ()
    if "quotes" in out:
        quotes = out.pop("quotes")
        assert [(q["sources"], q["evidence"], q["at"]) for q in quotes] == [
            (
                out["sources"],
                out["evidence"],
                f"{Path(out['file']).parent.name}/{Path(out['file']).name}:{out['line']}",
            )
        ]
        assert out.pop("disputed") == ()
        assert out.pop("fact_key") == ""
    out["file"] = Path(out["file"]).name
    return out


# ------------------------------------------------------- the successful result
def test_mini_dataset_sources_people_organisations(tmp_path: Path):
    d = build(tmp_path)
    ds = good(d)
    assert ds.directory == str(d)
    assert list(ds.sources) == ["s1", "s2"]
    assert [dump(s) for s in ds.sources.values()] == [
        {
            "file": "sources.csv",
            "line": 2,
            "id": "s1",
            "title": "Title, one",
            "publisher": "Pub A",
            "published": "2025-06-16",
            "retrieved": "2025-06-17",
            "url": "https://example.com/a",
            "language": "zh",
            "note": "first source",
        },
        {
            "file": "sources.csv",
            "line": 3,
            "id": "s2",
            "title": "Title two",
            "publisher": "Pub B",
            "published": "2024-12",
            "retrieved": None,
            "url": None,
            "language": None,
            "note": None,
        },
    ]
    node = {"category": None, "event_type": None, "date": None, "note": None, "name_en": None, "aliases": ()}
    node |= {"unnamed": False, "sources": ()}
    assert list(ds.nodes) == ["li-lei", "han-mm", "anon", "acme", "newco", "fund", "club", "pivot-acme"]
    expected = {
        "li-lei": node
        | {
            "file": "people.csv",
            "line": 2,
            "id": "li-lei",
            "kind": "Person",
            "name": "李雷",
            "name_en": "Li Lei",
            "aliases": ("Lei Li", "小李"),  # split on ';', stripped, blanks dropped
            "sources": ("s1", "s2"),
            "note": "a note",
        },
        "han-mm": node
        | {
            "file": "people.csv",
            "line": 3,
            "id": "han-mm",
            "kind": "Person",
            "name": "韩梅梅",
            "name_en": "Han Meimei",
            "sources": ("s2",),
        },  # an empty 'unnamed' is false
        "anon": node
        | {"file": "people.csv", "line": 4, "id": "anon", "kind": "Person", "name": "某高管（未具名）"}
        | {"unnamed": True},
        "acme": node
        | {
            "file": "organisations.csv",
            "line": 2,
            "id": "acme",
            "kind": "Company",
            "name": "艾克米",
            "name_en": "Acme",
            "category": "llm_startup",
            "aliases": ("艾克米AI",),
            "sources": ("s1",),
        },
        "newco": node
        | {
            "file": "organisations.csv",
            "line": 3,
            "id": "newco",
            "kind": "Startup",
            "name": "新公司",
            "name_en": "NewCo",
            "sources": ("s2",),
        },  # 'no' is false
        "fund": node
        | {
            "file": "organisations.csv",
            "line": 4,
            "id": "fund",
            "kind": "Investor",
            "name": "某基金",
            "unnamed": True,  # '是' is true
            "sources": ("s1", "s2"),
            "note": "unnamed fund",
        },
        "club": node
        | {
            "file": "organisations.csv",
            "line": 5,
            "id": "club",
            "kind": "Group",
            "name": "六小虎",
            "name_en": "Six Tigers",
        },
        # an event is a node too: its summary is its name
        "pivot-acme": node
        | {
            "file": "events.csv",
            "line": 2,
            "id": "pivot-acme",
            "kind": "Event",
            "name": "转向小模型",
            "name_en": "Pivoted to small models",
            "sources": ("s1",),
            "note": "Since Q4",
            "event_type": "pivot",
            "date": "2024-36",
        },
    }
    assert {k: dump(v) for k, v in ds.nodes.items()} == expected
    for n in ds.nodes.values():
        assert type(n.unnamed) is bool
        assert isinstance(n.aliases, tuple) and isinstance(n.sources, tuple)
    assert ds.nodes["li-lei"].file == str(d / "people.csv")


def test_mini_dataset_relationships_in_file_order_then_one_per_event(tmp_path: Path):
    d = build(tmp_path)
    ds = good(d)
    blank = {"role": None, "role_en": None, "role_category": (), "start": None, "end": None, "note": None}
    rel = {"file": "relationships.csv"}
    assert [dump(r) for r in ds.relationships] == [
        rel
        | {
            "line": 2,  # the physical line where the two-line row starts
            "type": "WORKED_AT",
            "source": "li-lei",
            "target": "acme",
            "role": "副总裁",
            "role_en": "Vice president",
            "role_category": ("executive", "commercial"),
            "start": "2020-03",
            "end": "2025-40",
            "status": "confirmed",
            "sources": ("s1",),
            "evidence": '他说, "离开"\n是因为',
            "note": "left in H1",
        },
        rel
        | blank
        | {
            "line": 4,
            "type": "FOUNDED",
            "source": "li-lei",
            "target": "newco",
            "role": "创始人",
            "role_en": "Founder",
            "role_category": ("founder",),
            "start": "2025-06",
            "status": "reported",
            "sources": ("s1", "s2"),
            "evidence": "quote two",
        },
        rel
        | blank
        | {
            "line": 5,
            "type": "INVESTED_IN",
            "source": "acme",
            "target": "newco",
            "status": "confirmed",
            "sources": ("s2",),
            "evidence": "quote three",
        },
        rel
        | blank
        | {
            "line": 6,
            "type": "MEMBER_OF",
            "source": "acme",
            "target": "club",
            "status": "confirmed",
            "sources": ("s1",),
            "evidence": "quote four",
        },
        rel
        | blank
        | {
            "line": 7,
            "type": "APPROACHED",
            "source": "acme",
            "target": "han-mm",
            "start": "2024-12~",
            "status": "attempted",
            "sources": ("s1",),
            "evidence": "quote five",
        },
        rel
        | blank
        | {
            "line": 8,
            "type": "JOINED",
            "source": "han-mm",
            "target": "fund",
            "start": "2025",
            "status": "confirmed",
            "sources": ("s1",),
            "evidence": "quote six",
        },
        # from the event row: organisation -> event, dated by the event, at the event's line
        blank
        | {
            "file": "events.csv",
            "line": 2,
            "type": "HAD_EVENT",
            "source": "acme",
            "target": "pivot-acme",
            "start": "2024-36",
            "status": "confirmed",
            "sources": ("s1",),
            "evidence": "quote seven",
        },
    ]


def test_mini_dataset_events_claims_counts(tmp_path: Path):
    ds = good(build(tmp_path))
    assert [dump(e) for e in ds.events] == [
        {
            "file": "events.csv",
            "line": 2,
            "id": "pivot-acme",
            "org": "acme",
            "event_type": "pivot",
            "summary": "转向小模型",
            "summary_en": "Pivoted to small models",
            "date": "2024-36",
            "status": "confirmed",
            "sources": ("s1",),
            "evidence": "quote seven",
            "note": "Since Q4",
        }
    ]
    claim = {"file": "claims.csv", "subject": "club"}
    assert [dump(c) for c in ds.claims] == [
        claim
        | {
            "line": 2,
            "id": "c-changes",
            "metric": "executive_changes",
            "value": 12,
            "period": "2025-40",
            "sources": ("s1",),
            "evidence": "quote eight",
            "note": None,
        },
        claim
        | {
            "line": 3,
            "id": "c-hires",
            "metric": "new_hires",
            "value": 1,  # ' 1 ' is trimmed and read as a whole number
            "period": None,
            "sources": ("s1", "s2"),
            "evidence": "quote nine",
            "note": "a note",
        },
    ]
    assert type(ds.claims[0].value) is int
    assert ds.counts() == {
        "Person": 3,
        "Company": 1,
        "Startup": 1,
        "Investor": 1,
        "Group": 1,
        "Event": 1,
        "WORKED_AT": 1,
        "FOUNDED": 1,
        "INVESTED_IN": 1,
        "MEMBER_OF": 1,
        "APPROACHED": 1,
        "JOINED": 1,
        "HAD_EVENT": 1,
        "Source": 2,
        "Claim": 2,
    }
    assert ds.warnings == []


def test_load_dataset_returns_what_check_returns(tmp_path: Path):
    d = build(tmp_path)
    dataset, _ = check(d)
    loaded = load_dataset(d)
    assert loaded.model_dump() == dataset.model_dump()
    assert load_dataset(str(d)).directory == str(d)


def test_events_and_claims_files_are_optional(tmp_path: Path):
    ds = good(build(tmp_path, {"events.csv": None, "claims.csv": None}))
    assert ds.events == [] and ds.claims == []
    assert "pivot-acme" not in ds.nodes
    assert [r.type for r in ds.relationships] == [
        "WORKED_AT",
        "FOUNDED",
        "INVESTED_IN",
        "MEMBER_OF",
        "APPROACHED",
        "JOINED",
    ]
    assert ds.counts()["Claim"] == 0 and "Event" not in ds.counts()


def test_header_only_relationships_file_leaves_only_event_links(tmp_path: Path):
    header = MINI["relationships.csv"].split("\n", 1)[0] + "\n"
    ds = good(build(tmp_path, {"relationships.csv": header}))
    assert [(r.type, r.source, r.target) for r in ds.relationships] == [("HAD_EVENT", "acme", "pivot-acme")]


ROWS_THAT_ARE_FINE = {
    "short row: absent cells are empty": (
        "people.csv",
        "han-mm,韩梅梅,Han Meimei,,,s2,\n",
        "han-mm,韩梅梅\n",
    ),
    "blank extra cells are not extra": (
        "people.csv",
        "han-mm,韩梅梅,Han Meimei,,,s2,\n",
        "han-mm,韩梅梅,Han Meimei,,,s2,, ,\t,\n",
    ),
    "blank lines between rows": ("people.csv", "anon,", "\n  ,  ,\n\nanon,"),
    "end on the start's day": ("relationships.csv", "2020-03,2025-40", "2020-03-05,2020-03-05"),
    "end inside a fuzzy start": ("relationships.csv", "2020-03,2025-40", "2020-03,2020-03-01"),
    "fuzzy end that may follow the start": ("relationships.csv", "2020-03,2025-40", "2020-03-15,2020-03"),
    "open end": ("relationships.csv", "2020-03,2025-40", "2025-06,2024/.."),
    "open start": ("relationships.csv", "2020-03,2025-40", "../2025-06,2024"),
    "claim about an event": ("claims.csv", "c-changes,club,", "c-changes,pivot-acme,"),
    "claim id equal to a person id": ("claims.csv", "c-changes,club,", "li-lei,club,"),
    "negative claim value": ("claims.csv", ",12,", ",-3,"),
    "HAD_EVENT written in relationships.csv": (
        "relationships.csv",
        "MEMBER_OF,acme,club,,,,,,",
        "HAD_EVENT,newco,pivot-acme,,,,2025,,",
    ),
    "every role category": (
        "relationships.csv",
        "executive;commercial",
        "founder;executive;commercial;technical;product",
    ),
    "unnamed written as yes": ("people.csv", ",false,s1;s2", ",YES,s1;s2"),
}


@pytest.mark.parametrize("case", list(ROWS_THAT_ARE_FINE))
def test_rows_that_are_fine(tmp_path: Path, case: str):
    name, old, new = ROWS_THAT_ARE_FINE[case]
    good(build(tmp_path, {name: replaced(name, old, new)}))


def test_a_short_row_reads_as_empty_values(tmp_path: Path):
    people = replaced("people.csv", "han-mm,韩梅梅,Han Meimei,,,s2,\n", "han-mm,韩梅梅\n")
    ds = good(build(tmp_path, {"people.csv": people}))
    han = ds.nodes["han-mm"]
    assert (han.name, han.name_en, han.sources, han.unnamed, han.line) == ("韩梅梅", None, (), False, 3)


def test_blank_lines_do_not_shift_line_numbers(tmp_path: Path):
    people = replaced("people.csv", "anon,", "\n  ,  ,\n\nanon,")
    ds = good(build(tmp_path, {"people.csv": people}))
    assert [(n.id, n.line) for n in ds.nodes.values() if n.kind == "Person"] == [
        ("li-lei", 2),
        ("han-mm", 3),
        ("anon", 7),
    ]


def test_unknown_columns_are_ignored_with_a_warning(tmp_path: Path):
    """An unknown column warns at line 1 and its values never reach the record, even
    when it is named like a field the validator sets itself (kind, file, line)."""
    people = MINI["people.csv"].splitlines()
    people = [people[0] + ",kind,line,file,colour"] + [row + ",Company,99,x.csv,red" for row in people[1:]]
    d = build(tmp_path, {"people.csv": "\n".join(people) + "\n"})
    assert found(d) == [
        W("people.csv", 1, "unknown column 'colour' is ignored"),
        W("people.csv", 1, "unknown column 'file' is ignored"),
        W("people.csv", 1, "unknown column 'kind' is ignored"),
        W("people.csv", 1, "unknown column 'line' is ignored"),
    ]
    ds = load_dataset(d)
    li = ds.nodes["li-lei"]
    assert (li.kind, li.line, li.file) == ("Person", 2, str(d / "people.csv"))
    assert [str(w) for w in ds.warnings] == [
        f"{d / 'people.csv'}:1: warning: unknown column '{c}' is ignored"
        for c in ("colour", "file", "kind", "line")
    ]
    assert all(isinstance(w, Issue) and w.severity == "warning" for w in ds.warnings)


def test_other_csv_files_warn_other_files_are_ignored(tmp_path: Path):
    d = build(tmp_path, {"notes.csv": "a,b\n1,2\n", "README.txt": "hello\n", "zz.CSV.bak": "x\n"})
    assert found(d) == [W("notes.csv", 0, "not a graphkit file; ignored")]
    ds = load_dataset(d)
    assert [str(w) for w in ds.warnings] == [f"{d / 'notes.csv'}: warning: not a graphkit file; ignored"]


# ----------------------------------------------------------------- one edit, its issues
#: name -> (file, old text, new text, the issues it must give).
EDITS: dict[str, tuple[str, str, str, list[Found]]] = {
    # a row with more cells than the header is refused whole; its id is then known to be
    # broken, so the rows that refer to han-mm (lines 7 and 8) are not reported again
    "one extra cell": (
        "people.csv",
        "han-mm,韩梅梅,Han Meimei,,,s2,\n",
        "han-mm,韩梅梅,Han Meimei,,,s2,,extra\n",
        [E("people.csv", 3, "row has 1 more cell(s) than the header")],
    ),
    "extra cells are the only message for their row": (
        "people.csv",
        "han-mm,韩梅梅,Han Meimei,,,s2,\n",
        "han-mm,,Han Meimei,,,s2,,x, y\n",
        [E("people.csv", 3, "row has 2 more cell(s) than the header")],
    ),
    "extra cell in a relationship": (
        "relationships.csv",
        "quote six,\n",
        "quote six,,more\n",
        [E("relationships.csv", 8, "row has 1 more cell(s) than the header")],
    ),
    "missing name": (
        "people.csv",
        "han-mm,韩梅梅,",
        "han-mm,,",
        [E("people.csv", 3, "missing value in required column 'name'")],
    ),
    "blank name": (
        "people.csv",
        "han-mm,韩梅梅,",
        'han-mm,"   ",',
        [E("people.csv", 3, "missing value in required column 'name'")],
    ),
    "missing id": (
        "organisations.csv",
        "club,Group,",
        ",Group,",
        [
            E("claims.csv", 2, "unknown node 'club' in column 'subject'"),
            E("claims.csv", 3, "unknown node 'club' in column 'subject'"),
            E("organisations.csv", 5, "missing value in required column 'id'"),
            E("relationships.csv", 6, "unknown node 'club' in column 'to'"),
        ],
    ),
    "missing evidence": (
        "relationships.csv",
        ",quote two,",
        ",,",
        [E("relationships.csv", 4, "missing evidence (the verbatim quote from the source)")],
    ),
    "missing event evidence": (
        "events.csv",
        ",quote seven,",
        ",,",
        [E("events.csv", 2, "missing evidence (the verbatim quote from the source)")],
    ),
    "missing claim evidence": (
        "claims.csv",
        ",quote nine,",
        ",,",
        [E("claims.csv", 3, "missing evidence (the verbatim quote from the source)")],
    ),
    "missing status and sources": (
        "relationships.csv",
        ",confirmed,s2,quote three,",
        ",,,quote three,",
        [
            E("relationships.csv", 5, "missing value in required column 'sources'"),
            E("relationships.csv", 5, "missing value in required column 'status'"),
        ],
    ),
    "missing source title": (
        "sources.csv",
        "s2,Title two,",
        "s2,,",
        [E("sources.csv", 3, "missing value in required column 'title'")],
    ),
    "missing organisation kind": (
        "organisations.csv",
        "newco,Startup,",
        "newco,,",
        [E("organisations.csv", 3, "missing value in required column 'kind'")],
    ),
    "missing claim value": (
        "claims.csv",
        ",12,",
        ",,",
        [E("claims.csv", 2, "missing value in required column 'value'")],
    ),
    "unnamed neither true nor false": (
        "people.csv",
        ",false,s1;s2",
        ",maybe,s1;s2",
        [E("people.csv", 2, "expected true or false, got 'maybe' in column 'unnamed'")],
    ),
    "claim value not a number": (
        "claims.csv",
        " 1 ,",
        " one ,",
        [E("claims.csv", 3, "expected a whole number, got 'one' in column 'value'")],
    ),
    "claim value with a fraction": (
        "claims.csv",
        ",12,",
        ",1.5,",
        [E("claims.csv", 2, "expected a whole number, got '1.5' in column 'value'")],
    ),
    "unknown role category": (
        "relationships.csv",
        "executive;commercial",
        "executive;sales",
        [
            E(
                "relationships.csv",
                2,
                "unknown role category 'sales' (expected one of: founder, executive, commercial, "
                "technical, product) in column 'role_category'",
            )
        ],
    ),
    "unknown status of an event": (
        "events.csv",
        ",confirmed,s1,",
        ",done,s1,",
        [
            E(
                "events.csv",
                2,
                "unknown status 'done' (expected one of: confirmed, reported, attempted) in column 'status'",
            )
        ],
    ),
    # s2 is broken, so the five rows that cite it are not reported again
    "invalid published date": (
        "sources.csv",
        "Pub B,2024-12,",
        "Pub B,2024-13,",
        [
            E(
                "sources.csv",
                3,
                "invalid date '2024-13' (expected EDTF, e.g. 2025-06, 2025-40 (first half), "
                "2024-36 (Q4), 2024-12/2025-06) in column 'published'",
            )
        ],
    ),
    "impossible retrieved date": (
        "sources.csv",
        "2025-06-17",
        "2025-02-29",
        [
            E(
                "sources.csv",
                2,
                "impossible date '2025-02-29' (2025-02-29 does not exist) in column 'retrieved'",
            )
        ],
    ),
    "invalid event date": (
        "events.csv",
        "2024-36",
        "2024-99",
        [
            E(
                "events.csv",
                2,
                "invalid date '2024-99' (expected EDTF, e.g. 2025-06, 2025-40 (first half), "
                "2024-36 (Q4), 2024-12/2025-06) in column 'date'",
            )
        ],
    ),
    "invalid claim period": (
        "claims.csv",
        ",2025-40,",
        ",H1 2025,",
        [
            E(
                "claims.csv",
                2,
                "invalid date 'H1 2025' (expected EDTF, e.g. 2025-06, 2025-40 (first half), "
                "2024-36 (Q4), 2024-12/2025-06) in column 'period'",
            )
        ],
    ),
    "invalid start": (
        "relationships.csv",
        "2020-03,2025-40",
        "March,2025-40",
        [
            E(
                "relationships.csv",
                2,
                "invalid date 'March' (expected EDTF, e.g. 2025-06, 2025-40 (first half), "
                "2024-36 (Q4), 2024-12/2025-06) in column 'start'",
            )
        ],
    ),
    "end before start": (
        "relationships.csv",
        "2020-03,2025-40",
        "2020-03,2019",
        [E("relationships.csv", 2, "end '2019' is before start '2020-03'")],
    ),
    "end the day before the start": (
        "relationships.csv",
        "2020-03,2025-40",
        "2020-03-02,2020-03-01",
        [E("relationships.csv", 2, "end '2020-03-01' is before start '2020-03-02'")],
    ),
    "end a month before the start": (
        "relationships.csv",
        "2020-03,2025-40",
        "2020-03-01,2020-02",
        [E("relationships.csv", 2, "end '2020-02' is before start '2020-03-01'")],
    ),
    "unknown relationship type": (
        "relationships.csv",
        "MEMBER_OF,acme,club",
        "MEMBER,acme,club",
        [
            E(
                "relationships.csv",
                6,
                "unknown relationship type 'MEMBER' (expected one of: WORKED_AT, JOINED, FOUNDED, "
                "INVESTED_IN, MEMBER_OF, APPROACHED, HAD_EVENT)",
            )
        ],
    ),
    "unknown type and unknown end": (
        "relationships.csv",
        "MEMBER_OF,acme,club",
        "MEMBER,acme,clubs",
        [
            E("relationships.csv", 6, "unknown node 'clubs' in column 'to'"),
            E(
                "relationships.csv",
                6,
                "unknown relationship type 'MEMBER' (expected one of: WORKED_AT, JOINED, FOUNDED, "
                "INVESTED_IN, MEMBER_OF, APPROACHED, HAD_EVENT)",
            ),
        ],
    ),
    "unknown from": (
        "relationships.csv",
        "JOINED,han-mm,fund",
        "JOINED,han-m,fund",
        [E("relationships.csv", 8, "unknown node 'han-m' in column 'from'")],
    ),
    "unknown to": (
        "relationships.csv",
        "JOINED,han-mm,fund",
        "JOINED,han-mm,fnd",
        [E("relationships.csv", 8, "unknown node 'fnd' in column 'to'")],
    ),
    "unknown both ends": (
        "relationships.csv",
        "JOINED,han-mm,fund",
        "JOINED,x,y",
        [
            E("relationships.csv", 8, "unknown node 'x' in column 'from'"),
            E("relationships.csv", 8, "unknown node 'y' in column 'to'"),
        ],
    ),
    "wrong kind at the from end": (
        "relationships.csv",
        "MEMBER_OF,acme,club",
        "MEMBER_OF,newco,club",
        [
            E(
                "relationships.csv",
                6,
                "MEMBER_OF cannot go from Startup 'newco' to Group 'club' (expected Company -> Group)",
            )
        ],
    ),
    "wrong kind at the to end": (
        "relationships.csv",
        "JOINED,han-mm,fund",
        "JOINED,han-mm,club",
        [
            E(
                "relationships.csv",
                8,
                "JOINED cannot go from Person 'han-mm' to Group 'club' "
                "(expected Person -> Company or Startup or Investor)",
            )
        ],
    ),
    "a person approaching a company": (
        "relationships.csv",
        "APPROACHED,acme,han-mm",
        "APPROACHED,han-mm,acme",
        [
            E(
                "relationships.csv",
                7,
                "APPROACHED cannot go from Person 'han-mm' to Company 'acme' (expected Company -> Person)",
            )
        ],
    ),
    "an event at a group": (
        "events.csv",
        "pivot-acme,acme,",
        "pivot-acme,club,",
        [
            E(
                "events.csv",
                2,
                "HAD_EVENT cannot go from Group 'club' to Event 'pivot-acme' "
                "(expected Company or Startup or Investor -> Event)",
            )
        ],
    ),
    "an event at an unknown organisation": (
        "events.csv",
        "pivot-acme,acme,",
        "pivot-acme,nobody,",
        [E("events.csv", 2, "unknown node 'nobody' in column 'org'")],
    ),
    # the organisation is left out of the nodes, and what refers to it says so
    "unknown organisation kind": (
        "organisations.csv",
        "club,Group,",
        "club,Gruop,",
        [
            E("claims.csv", 2, "unknown node 'club' in column 'subject'"),
            E("claims.csv", 3, "unknown node 'club' in column 'subject'"),
            E(
                "organisations.csv",
                5,
                "unknown node kind 'Gruop' (expected one of: Company, Startup, Investor, Group)",
            ),
            E("relationships.csv", 6, "unknown node 'club' in column 'to'"),
        ],
    ),
    "Person is not an organisation kind": (
        "organisations.csv",
        "fund,Investor,",
        "fund,Person,",
        [
            E(
                "organisations.csv",
                4,
                "unknown node kind 'Person' (expected one of: Company, Startup, Investor, Group)",
            ),
            E("relationships.csv", 8, "unknown node 'fund' in column 'to'"),
        ],
    ),
    "unknown organisation kind and unknown source": (
        "organisations.csv",
        "club,Group,六小虎,Six Tigers,,,,,",
        "club,Gruop,六小虎,Six Tigers,,,,s0,",
        [
            E("claims.csv", 2, "unknown node 'club' in column 'subject'"),
            E("claims.csv", 3, "unknown node 'club' in column 'subject'"),
            E("organisations.csv", 5, "unknown source 's0' in column 'sources'"),
            E(
                "organisations.csv",
                5,
                "unknown node kind 'Gruop' (expected one of: Company, Startup, Investor, Group)",
            ),
            E("relationships.csv", 6, "unknown node 'club' in column 'to'"),
        ],
    ),
    "unknown source of a person": (
        "people.csv",
        "s1;s2,a note",
        "s1;s3,a note",
        [E("people.csv", 2, "unknown source 's3' in column 'sources'")],
    ),
    "two unknown sources of a person": (
        "people.csv",
        "s1;s2,a note",
        "s3;s1;s4,a note",
        [
            E("people.csv", 2, "unknown source 's3' in column 'sources'"),
            E("people.csv", 2, "unknown source 's4' in column 'sources'"),
        ],
    ),
    "unknown source of an organisation": (
        "organisations.csv",
        "club,Group,六小虎,Six Tigers,,,,,",
        "club,Group,六小虎,Six Tigers,,,,s0,",
        [E("organisations.csv", 5, "unknown source 's0' in column 'sources'")],
    ),
    "unknown source of a relationship": (
        "relationships.csv",
        ",s1,quote six,",
        ",s1;sx,quote six,",
        [E("relationships.csv", 8, "unknown source 'sx' in column 'sources'")],
    ),
    "unknown source of a claim": (
        "claims.csv",
        ",s1,quote eight,",
        ",S1,quote eight,",
        [E("claims.csv", 2, "unknown source 'S1' in column 'sources'")],
    ),
    "unknown claim subject": (
        "claims.csv",
        "c-changes,club,",
        "c-changes,clb,",
        [E("claims.csv", 2, "unknown node 'clb' in column 'subject'")],
    ),
    "duplicate person id": (
        "people.csv",
        "anon,某高管",
        "li-lei,某高管",
        [E("people.csv", 4, "duplicate id 'li-lei' (first defined at {d}/people.csv:2)")],
    ),
    "duplicate event id (an organisation's)": (
        "events.csv",
        "pivot-acme,acme,",
        "fund,acme,",
        [
            E("events.csv", 2, "duplicate id 'fund' (first defined at {d}/organisations.csv:4)"),
            E(
                "events.csv",
                2,
                "HAD_EVENT cannot go from Company 'acme' to Investor 'fund' "
                "(expected Company or Startup or Investor -> Event)",
            ),
        ],
    ),
    "malformed CSV": (
        "relationships.csv",
        "confirmed,s1,quote six,",
        'confirmed,s1,"quote" six,',
        [E("relationships.csv", 8, "malformed CSV (',' expected after '\"')")],
    ),
    # a file without a required column is not used; what refers to it is not reported
    "people without a name column": (
        "people.csv",
        "id,name,name_en",
        "id,nom,name_en",
        [
            E("people.csv", 1, "missing required column 'name'"),
            W("people.csv", 1, "unknown column 'nom' is ignored"),
        ],
    ),
    "sources without a published column": (
        "sources.csv",
        ",publisher,published,",
        ",publisher,date,",
        [
            E("sources.csv", 1, "missing required column 'published'"),
            W("sources.csv", 1, "unknown column 'date' is ignored"),
        ],
    ),
    "relationships without type and evidence columns": (
        "relationships.csv",
        "type,from,to,role,role_en,role_category,start,end,status,sources,evidence,note",
        "from,to,role,role_en,role_category,start,end,status,sources,note",
        [
            E("relationships.csv", 1, "missing required column 'evidence'"),
            E("relationships.csv", 1, "missing required column 'type'"),
        ],
    ),
}

APPENDS: dict[str, tuple[str, tuple[str, ...], list[Found]]] = {
    # a repeated id is an error; the row is not also compared by name with its namesake
    "duplicate person id": (
        "people.csv",
        ("han-mm,韩梅梅,,,,,",),
        [
            E("people.csv", 5, "duplicate id 'han-mm' (first defined at {d}/people.csv:3)"),
        ],
    ),
    "organisation with a person's id": (
        "organisations.csv",
        ("li-lei,Company,李雷公司,,,,,,",),
        [E("organisations.csv", 6, "duplicate id 'li-lei' (first defined at {d}/people.csv:2)")],
    ),
    "duplicate source id": (
        "sources.csv",
        ("s1,Other,Pub C,2020,,,,",),
        [E("sources.csv", 4, "duplicate id 's1' (first defined at {d}/sources.csv:2)")],
    ),
    "duplicate claim id": (
        "claims.csv",
        ("c-changes,club,other,3,,s1,quote,",),
        [E("claims.csv", 4, "duplicate id 'c-changes' (first defined at {d}/claims.csv:2)")],
    ),
    "two events with one id": (
        "events.csv",
        ("pivot-acme,newco,pivot,又一次,,2025,confirmed,s2,quote,",),
        [E("events.csv", 3, "duplicate id 'pivot-acme' (first defined at {d}/events.csv:2)")],
    ),
    # an exact duplicate is an error, and is not also warned about as a repeated stint
    "exact duplicate relationship": (
        "relationships.csv",
        ("JOINED,han-mm,fund,,,,2025,,confirmed,s1,quote six,",),
        [
            E(
                "relationships.csv",
                9,
                "duplicate relationship JOINED han-mm -> fund (first at {d}/relationships.csv:8)",
            )
        ],
    ),
    "same type, ends, role and dates, other status, sources, evidence and note": (
        "relationships.csv",
        ("JOINED,han-mm,fund,,,,2025,,reported,s2,other quote,a note",),
        [
            E(
                "relationships.csv",
                9,
                "duplicate relationship JOINED han-mm -> fund (first at {d}/relationships.csv:8)",
            )
        ],
    ),
    "duplicate of a two-line row": (
        "relationships.csv",
        ("WORKED_AT,li-lei,acme,副总裁,,,2020-03,2025-40,confirmed,s1,q,",),
        [
            E(
                "relationships.csv",
                9,
                "duplicate relationship WORKED_AT li-lei -> acme (first at {d}/relationships.csv:2)",
            )
        ],
    ),
    "duplicate of an event's link": (
        "relationships.csv",
        ("HAD_EVENT,acme,pivot-acme,,,,2024-36,,confirmed,s1,q,",),
        [
            E(
                "events.csv",
                2,
                "duplicate relationship HAD_EVENT acme -> pivot-acme (first at {d}/relationships.csv:9)",
            )
        ],
    ),
    # rows that are refused are not compared as stints
    "refused rows of an unknown type are not stints": (
        "relationships.csv",
        (
            "POACHED,acme,han-mm,,,,2020,2022,confirmed,s1,q,",
            "POACHED,acme,han-mm,,,,2021,2023,confirmed,s1,q,",
        ),
        [
            E(
                "relationships.csv",
                n,
                "unknown relationship type 'POACHED' (expected one of: WORKED_AT, JOINED, "
                "FOUNDED, INVESTED_IN, MEMBER_OF, APPROACHED, HAD_EVENT)",
            )
            for n in (9, 10)
        ],
    ),
    "refused rows of the wrong kinds are not stints": (
        "relationships.csv",
        (
            "INVESTED_IN,acme,club,,,,2020,2022,confirmed,s1,q,",
            "INVESTED_IN,acme,club,,,,2021,2023,confirmed,s1,q,",
        ),
        [
            E(
                "relationships.csv",
                n,
                "INVESTED_IN cannot go from Company 'acme' to Group 'club' "
                "(expected Company or Investor -> Startup)",
            )
            for n in (9, 10)
        ],
    ),
    "a refused row ending before its start is not a stint": (
        "relationships.csv",
        (
            "WORKED_AT,han-mm,acme,,,,2022,2020,confirmed,s1,q,",
            "WORKED_AT,han-mm,acme,,,,2019,2023,confirmed,s1,q,",
        ),
        [E("relationships.csv", 9, "end '2020' is before start '2022'")],
    ),
}


@pytest.mark.parametrize("case", list(EDITS))
def test_one_edit_gives_exactly_these_issues(tmp_path: Path, case: str):
    name, old, new, expected = EDITS[case]
    d = build(tmp_path, {name: replaced(name, old, new)})
    assert found(d) == sorted(expected)


@pytest.mark.parametrize("case", list(APPENDS))
def test_added_rows_give_exactly_these_issues(tmp_path: Path, case: str):
    name, rows, expected = APPENDS[case]
    d = build(tmp_path, {name: appended(name, *rows)})
    assert found(d) == sorted(expected)


def test_issues_are_sorted_by_file_then_line(tmp_path: Path):
    d = build(
        tmp_path,
        {
            "relationships.csv": replaced("relationships.csv", "JOINED,han-mm,fund", "JOINED,han-mm,fnd"),
            "people.csv": replaced("people.csv", "s1;s2,a note", "s1;s3,a note"),
            "claims.csv": appended("claims.csv", "c-x,nobody,m,1,,s1,q,"),
            "organisations.csv": appended(
                "organisations.csv", "zeta,Company,Z,,,,,,", "alpha,Compnay,A,,,,,,"
            ),
        },
    )
    assert found(d) == [
        E("claims.csv", 4, "unknown node 'nobody' in column 'subject'"),
        E(
            "organisations.csv",
            7,
            "unknown node kind 'Compnay' (expected one of: Company, Startup, Investor, Group)",
        ),
        E("people.csv", 2, "unknown source 's3' in column 'sources'"),
        E("relationships.csv", 8, "unknown node 'fnd' in column 'to'"),
    ]


def test_an_events_unknown_source_is_reported(tmp_path: Path):
    d = build(tmp_path, {"events.csv": replaced("events.csv", ",s1,quote seven", ",s9,quote seven")})
    assert set(found(d)) == {E("events.csv", 2, "unknown source 's9' in column 'sources'")}


def test_invalid_data_lists_errors_and_keeps_warnings(tmp_path: Path):
    d = build(
        tmp_path,
        {
            "people.csv": appended("people.csv", "li-lei-2,李雷,,,,,"),
            "relationships.csv": replaced("relationships.csv", "JOINED,han-mm,fund", "JOINED,han-mm,fnd"),
        },
    )
    with pytest.raises(InvalidData) as info:
        load_dataset(d)
    rel, people = d / "relationships.csv", d / "people.csv"
    assert str(info.value) == f"{rel}:8: unknown node 'fnd' in column 'to'"
    assert info.value.issues == [
        Issue(
            str(people),
            5,
            "'li-lei-2' may be the same person as 'li-lei' (line 2): same name 李雷",
            "warning",
        ),
        Issue(str(rel), 8, "unknown node 'fnd' in column 'to'"),
    ]
    dataset, issues = check(d)
    assert dataset is None
    assert issues == info.value.issues


# ------------------------------------------------------- files that cannot be used
@pytest.mark.parametrize("name", ["sources.csv", "people.csv", "organisations.csv", "relationships.csv"])
def test_a_missing_required_file_is_the_only_error(tmp_path: Path, name: str):
    """Nothing that refers to the records of a missing file is reported again."""
    d = build(tmp_path, {name: None})
    assert found(d) == [E(name, 0, "missing file")]
    assert str(check(d)[1][0]) == f"{d / name}: missing file"


def test_references_into_an_unreadable_events_file_are_not_reported(tmp_path: Path):
    claims = replaced("claims.csv", "c-changes,club,", "c-changes,pivot-acme,")
    events = replaced("events.csv", ",summary,", ",summry,")
    d = build(tmp_path, {"claims.csv": claims, "events.csv": events})
    assert found(d) == [
        E("events.csv", 1, "missing required column 'summary'"),
        W("events.csv", 1, "unknown column 'summry' is ignored"),
    ]


def test_references_to_events_of_an_absent_events_file_are_reported(tmp_path: Path):
    claims = replaced("claims.csv", "c-changes,club,", "c-changes,pivot-acme,")
    d = build(tmp_path, {"claims.csv": claims, "events.csv": None})
    assert found(d) == [E("claims.csv", 2, "unknown node 'pivot-acme' in column 'subject'")]


def test_an_unreadable_claims_file_does_not_silence_unknown_nodes(tmp_path: Path):
    d = build(
        tmp_path,
        {
            "claims.csv": replaced("claims.csv", ",evidence,", ",quote,"),
            "relationships.csv": replaced("relationships.csv", "JOINED,han-mm,fund", "JOINED,han-mm,fnd"),
        },
    )
    assert found(d) == [
        E("claims.csv", 1, "missing required column 'evidence'"),
        W("claims.csv", 1, "unknown column 'quote' is ignored"),
        E("relationships.csv", 8, "unknown node 'fnd' in column 'to'"),
    ]


def test_an_unreadable_sources_file_silences_unknown_sources_only(tmp_path: Path):
    d = build(
        tmp_path,
        {
            "sources.csv": None,
            "relationships.csv": replaced("relationships.csv", "JOINED,han-mm,fund", "JOINED,han-mm,fnd"),
        },
    )
    assert found(d) == [
        E("relationships.csv", 8, "unknown node 'fnd' in column 'to'"),
        E("sources.csv", 0, "missing file"),
    ]


def test_an_unreadable_people_file_silences_unknown_nodes_not_sources(tmp_path: Path):
    d = build(
        tmp_path,
        {
            "people.csv": b"id,name\x00\n",
            "relationships.csv": replaced("relationships.csv", ",s1,quote six,", ",s1;sx,quote six,"),
        },
    )
    assert found(d) == [
        E("people.csv", 1, "not a text file (it contains NUL bytes); expected CSV"),
        E("relationships.csv", 8, "unknown source 'sx' in column 'sources'"),
    ]


def test_a_header_only_people_file_leaves_references_dangling(tmp_path: Path):
    d = build(tmp_path, {"people.csv": "id,name,name_en,aliases,unnamed,sources,note\n"})
    assert found(d) == [
        E("relationships.csv", 2, "unknown node 'li-lei' in column 'from'"),
        E("relationships.csv", 4, "unknown node 'li-lei' in column 'from'"),
        E("relationships.csv", 7, "unknown node 'han-mm' in column 'to'"),
        E("relationships.csv", 8, "unknown node 'han-mm' in column 'from'"),
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", E("people.csv", 1, "empty file, expected a header row")),
        ("\n \n , ,\n", E("people.csv", 1, "empty file, expected a header row")),
        (b"\x00\x00", E("people.csv", 1, "not a text file (it contains NUL bytes); expected CSV")),
        (
            b"\x01\x02\x03\x04\x05\x06\x07\x08\x0b",
            E("people.csv", 1, "not a text file (control characters); expected CSV"),
        ),
        ("id,name\nx,a\x07b\n", E("people.csv", 2, "contains the control character U+0007")),
        (
            b"id,name\nx,\xff\x80",
            E(
                "people.csv",
                1,
                "cannot be decoded as UTF-8 or GB18030; pass --encoding with the file's encoding",
            ),
        ),
    ],
    ids=["empty", "blank", "nul", "binary", "control", "undecodable"],
)
def test_an_unreadable_file_gives_one_error(tmp_path: Path, content: str | bytes, expected: Found):
    d = build(tmp_path, {"people.csv": content})
    assert found(d) == [expected]


def test_a_directory_named_like_a_data_file(tmp_path: Path):
    d = build(tmp_path, {"people.csv": None})
    (d / "people.csv").mkdir()
    assert found(d) == [E("people.csv", 0, "is a directory, expected a CSV file")]


def test_a_data_directory_that_is_not_a_directory(tmp_path: Path):
    with pytest.raises(ReadError) as info:
        check(tmp_path / "nowhere")
    assert str(info.value) == f"{tmp_path / 'nowhere'}: no such data directory"
    (tmp_path / "file.csv").write_text("id\n", "utf-8")
    with pytest.raises(ReadError, match="no such data directory"):
        load_dataset(tmp_path / "file.csv")


# ----------------------------------------------------------------------- encodings
def _all_files(encoding: str, bom: bytes = b"") -> dict[str, str | bytes | None]:
    return {name: bom + text.encode(encoding) for name, text in MINI.items()}


def _records(ds: Any) -> list[Any]:
    return [
        [dump(s) for s in ds.sources.values()],
        [dump(n) for n in ds.nodes.values()],
        [dump(r) for r in ds.relationships],
        [dump(e) for e in ds.events],
        [dump(c) for c in ds.claims],
    ]


@pytest.mark.parametrize(
    ("files", "forced"),
    [
        (_all_files("utf-8", b"\xef\xbb\xbf"), None),
        (_all_files("gb18030"), None),
        (_all_files("gb18030"), "gb18030"),
        (_all_files("utf-8"), "utf-8"),
        (_all_files("utf-8", b"\xef\xbb\xbf"), "utf-8-sig"),
        ({"people.csv": MINI["people.csv"].encode("gb18030")}, None),  # files may differ
    ],
    ids=["utf-8-bom", "gb18030", "forced-gb18030", "forced-utf-8", "forced-utf-8-sig", "mixed"],
)
def test_every_encoding_gives_the_same_dataset(tmp_path: Path, files: dict, forced: str | None):
    reference = _records(good(build(tmp_path / "a")))
    d = build(tmp_path / "b", files)
    dataset, issues = check(d, encoding=forced)
    assert issues == []
    assert _records(dataset) == reference
    assert _records(load_dataset(d, forced)) == reference


def test_a_forced_encoding_that_does_not_fit(tmp_path: Path):
    # people.csv in GB18030 read as UTF-8: its first non-ASCII byte is on line 2
    d = build(tmp_path, {"people.csv": MINI["people.csv"].encode("gb18030")})
    dataset, issues = check(d, encoding="utf-8")
    assert dataset is None
    assert [str(i) for i in issues] == [f"{d / 'people.csv'}:2: cannot be decoded as utf-8"]


def test_an_unknown_forced_encoding_is_a_settings_error(tmp_path: Path):
    d = build(tmp_path)
    with pytest.raises(SettingsError) as info:
        check(d, encoding="klingon")
    assert str(info.value) == "unknown encoding 'klingon' given to --encoding"
    assert info.value.exit_code == 2


# --------------------------------------------------------------- repeated stints
def _stint(start: str, end: str, role: str = "VP", type_: str = "WORKED_AT", to: str = "acme") -> str:
    return f"{type_},han-mm,{to},{role},,,{start},{end},confirmed,s1,q,"


REPEAT = (
    "WORKED_AT han-mm -> acme may repeat the row at {d}/relationships.csv:9 (same role, overlapping dates)"
)

#: (first row, second row, whether the second is warned about as probably the same stint)
STINTS = {
    "shared year": (_stint("2019", "2021"), _stint("2021", "2022"), True),
    "shared day": (_stint("2019-01-01", "2021-03-15"), _stint("2021-03-15", "2022"), True),
    "next day": (_stint("2019-01-01", "2021-03-15"), _stint("2021-03-16", "2022"), False),
    "inside": (_stint("2016", "2020"), _stint("2017-06", "2018"), True),
    "earlier, overlapping": (_stint("2016", "2020"), _stint("2010", "2016"), True),
    "earlier, apart": (_stint("2016", "2020"), _stint("2010", "2015"), False),
    "later, apart": (_stint("2016", "2020"), _stint("2021", "2022"), False),
    "undated meets dated": (_stint("", ""), _stint("2030", "2031"), True),
    "open end meets open start, apart": (_stint("", "2015"), _stint("2016", ""), False),
    "open start meets open end, apart": (_stint("2015", ""), _stint("", "2014"), False),
    "open start meets open end, touching": (_stint("2015", ""), _stint("", "2015-01-01"), True),
    "fuzzy dates that may overlap": (_stint("2024-40", ""), _stint("2024-06", ""), True),
    "no role twice": (_stint("2019", "2021", role=""), _stint("2020", "", role=""), True),
    "another role": (_stint("2019", "2021"), _stint("2019", "2021", role="CTO"), False),
    "role and no role": (_stint("2019", "2021"), _stint("2019", "2021", role=""), False),
    "another type": (_stint("2019", "2021"), _stint("2019", "2021", type_="JOINED"), False),
    "another organisation": (_stint("2019", "2021"), _stint("2019", "2021", to="newco"), False),
}


@pytest.mark.parametrize("case", list(STINTS))
def test_repeated_stints(tmp_path: Path, case: str):
    first, second, warned = STINTS[case]
    d = build(tmp_path, {"relationships.csv": appended("relationships.csv", first, second)})
    assert found(d) == ([W("relationships.csv", 10, REPEAT)] if warned else [])
    ds = load_dataset(d)
    assert [r.line for r in ds.relationships if r.source == "han-mm" and r.target != "fund"] == [9, 10]
    assert len(ds.warnings) == int(warned)


def test_a_row_is_compared_with_the_first_overlapping_row_only(tmp_path: Path):
    d = build(
        tmp_path,
        {
            "relationships.csv": appended(
                "relationships.csv", _stint("2019", "2021"), _stint("2020", "2022"), _stint("2021", "2023")
            )
        },
    )
    assert found(d) == [W("relationships.csv", 10, REPEAT), W("relationships.csv", 11, REPEAT)]


def test_a_row_after_a_non_overlapping_one_is_compared_with_each_earlier_row(tmp_path: Path):
    d = build(
        tmp_path,
        {
            "relationships.csv": appended(
                "relationships.csv", _stint("2019", "2020"), _stint("2022", "2023"), _stint("2020", "2020")
            )
        },
    )
    assert found(d) == [W("relationships.csv", 11, REPEAT)]


def test_an_exact_duplicate_is_not_also_a_repeated_stint(tmp_path: Path):
    rows = (_stint("2019", "2021"), _stint("2019", "2021"), _stint("2020", "2022"))
    d = build(tmp_path, {"relationships.csv": appended("relationships.csv", *rows)})
    assert found(d) == [
        E(
            "relationships.csv",
            10,
            "duplicate relationship WORKED_AT han-mm -> acme (first at {d}/relationships.csv:9)",
        ),
        W("relationships.csv", 11, REPEAT),
    ]


@settings(max_examples=40, deadline=None)
@given(
    st.tuples(st.one_of(st.none(), st.integers(2000, 2008)), st.one_of(st.none(), st.integers(0, 4))),
    st.tuples(st.one_of(st.none(), st.integers(2000, 2008)), st.one_of(st.none(), st.integers(0, 4))),
)
def test_two_stints_warn_exactly_when_their_years_can_overlap(a: tuple, b: tuple):
    """Two rows with the same type, ends and role, dated in whole years (an empty date is
    open): an error when all their dates are equal, a warning when the spans share a
    day, nothing otherwise."""

    def span(start: int | None, length: int | None) -> tuple[str, str, float, float]:
        end = None if start is None or length is None else start + length
        return (
            "" if start is None else str(start),
            "" if end is None else str(end),
            float("-inf") if start is None else start,
            float("inf") if end is None else end,
        )

    s1, e1, lo1, hi1 = span(*a)
    s2, e2, lo2, hi2 = span(*b)
    with tempfile.TemporaryDirectory() as tmp:
        d = build(
            Path(tmp), {"relationships.csv": appended("relationships.csv", _stint(s1, e1), _stint(s2, e2))}
        )
        issues = found(d)
    if (s1, e1) == (s2, e2):
        message = "duplicate relationship WORKED_AT han-mm -> acme (first at {d}/relationships.csv:9)"
        assert issues == [E("relationships.csv", 10, message)]
    elif lo2 <= hi1 and lo1 <= hi2:
        assert issues == [W("relationships.csv", 10, REPEAT)]
    else:
        assert issues == []


# ------------------------------------------------------------ one person, two ids
def _people(*rows: str) -> dict[str, str | bytes | None]:
    return {"people.csv": appended("people.csv", *rows)}


def test_same_name_warns_for_each_later_row_against_the_first(tmp_path: Path):
    d = build(tmp_path, _people("li-lei-2,李雷,,,,,", "li-lei-3,李雷,Li Lei,,false,s1,"))
    assert found(d) == [
        W("people.csv", 5, "'li-lei-2' may be the same person as 'li-lei' (line 2): same name 李雷"),
        W("people.csv", 6, "'li-lei-3' may be the same person as 'li-lei' (line 2): same name 李雷"),
    ]
    ds = load_dataset(d)
    assert {"li-lei", "li-lei-2", "li-lei-3"} <= set(ds.nodes)
    assert [(w.line, w.severity) for w in ds.warnings] == [(5, "warning"), (6, "warning")]


def test_same_pinyin_warns_as_similar_names(tmp_path: Path):
    d = build(tmp_path, _people("li-lei-2,黎蕾,,,,,"))
    assert found(d) == [
        W(
            "people.csv",
            5,
            "'li-lei-2' may be the same person as 'li-lei' (line 2): similar names 李雷 / 黎蕾",
        )
    ]


def test_a_person_already_warned_about_is_not_warned_about_again(tmp_path: Path):
    d = build(tmp_path, _people("li-lei-2,李雷,,,,,", "li-lei-3,黎蕾,,,,,"))
    assert found(d) == [
        W("people.csv", 5, "'li-lei-2' may be the same person as 'li-lei' (line 2): same name 李雷"),
        W(
            "people.csv",
            6,
            "'li-lei-3' may be the same person as 'li-lei' (line 2): similar names 李雷 / 黎蕾",
        ),
    ]


def test_a_person_warned_about_by_name_is_not_warned_about_again_by_pinyin(tmp_path: Path):
    d = build(tmp_path, _people("li-x,黎蕾,,,,,", "li-lei-2,李雷,,,,,"))
    assert found(d) == [
        W("people.csv", 5, "'li-x' may be the same person as 'li-lei' (line 2): similar names 李雷 / 黎蕾"),
        W("people.csv", 6, "'li-lei-2' may be the same person as 'li-lei' (line 2): same name 李雷"),
    ]


@pytest.mark.parametrize(
    "rows",
    [
        ("anon-2,某高管（未具名）,,,true,,",),  # two unnamed people with one description
        ("li-lei-2,李雷,,,true,,",),  # a named person and an unnamed one
        ("zhang-a,张三,,,,,", "zhang-b,张四,,,,,"),  # zhangsan / zhangsi: ratio 75
    ],
    ids=["unnamed-twice", "named-and-unnamed", "different-names"],
)
def test_no_warning_for(tmp_path: Path, rows: tuple[str, ...]):
    assert found(build(tmp_path, _people(*rows))) == []


@pytest.mark.parametrize(
    ("a", "b", "warned"),
    [
        ("abcdefghij", "abcdefghix", True),  # keys differ by one letter in ten: ratio 90
        ("abcdefghij", "abcdefghxy", False),  # two letters: ratio 80
        ("abcdefghij", "ABCDEFGHIJ", True),  # case is ignored
        ("abcdefghij", "ab cdef-ghij", True),  # spaces and hyphens are ignored
        ("abcdefghij", "axcdefghij", False),  # ratio 90, but the keys start differently
        ("abcdefghij", "xbcdefghij", False),
    ],
)
def test_similar_names_threshold_and_blocks(tmp_path: Path, a: str, b: str, warned: bool):
    d = build(tmp_path, _people(f"p-a,{a},,,,,", f"p-b,{b},,,,,"))
    message = f"'p-b' may be the same person as 'p-a' (line 5): similar names {a} / {b}"
    assert found(d) == ([W("people.csv", 6, message)] if warned else [])


def _distinct_names(n: int) -> list[str]:
    """``n`` names starting 'zz' whose keys are far apart (12 pseudo-random letters)."""
    out = []
    for i in range(n):
        digest = hashlib.sha256(str(i).encode()).hexdigest()
        out.append("zz" + "".join(chr(ord("a") + int(c, 16)) for c in digest[:12]))
    return out


@pytest.mark.parametrize(("size", "warned"), [(2000, True), (2001, False)])
def test_blocks_of_more_than_2000_names_skip_the_fuzzy_pass(tmp_path: Path, size: int, warned: bool):
    rows = [f"q{i},{name},,,,," for i, name in enumerate(_distinct_names(size - 2))]
    rows += ["twin-a,zzabcdefghij,,,,,", "twin-b,zzabcdefghik,,,,,"]
    d = build(tmp_path, _people(*rows))
    message = (
        "'twin-b' may be the same person as 'twin-a' (line 2003): similar names zzabcdefghij / zzabcdefghik"
    )
    assert found(d) == ([W("people.csv", 2004, message)] if warned else [])


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("张帆", "zhangfan"),
        ("章 帆", "zhangfan"),
        ("Li-Lei", "lilei"),
        ("Zhang Fan", "zhangfan"),
        ("吕", "lv"),
    ],
)
def test_name_key(name: str, key: str):
    assert name_key(name) == key


# -------------------------------------------------------------- properties of the whole
def _rows_of(text: str) -> tuple[str, list[str]]:
    """The header line and the rows (each as its CSV text, newlines kept) of a CSV text."""
    records = list(csv.reader(io.StringIO(text, newline="")))
    out = []
    for record in records[1:]:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerow(record)
        out.append(buf.getvalue())
    return text.split("\n", 1)[0] + "\n", out


def _without_lines(ds: Any) -> list[Any]:
    def strip(records: list[Any]) -> list[Any]:
        return sorted(repr(sorted((k, v) for k, v in dump(r).items() if k != "line")) for r in records)

    return [
        strip(list(ds.sources.values())),
        strip(list(ds.nodes.values())),
        strip(ds.relationships),
        strip(ds.events),
        strip(ds.claims),
    ]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_order_of_rows_does_not_change_the_dataset(data: st.DataObject):
    files = {}
    for name in ("people.csv", "organisations.csv", "relationships.csv", "sources.csv"):
        header, rows = _rows_of(MINI[name])
        files[name] = header + "".join(data.draw(st.permutations(rows), label=name))
    with tempfile.TemporaryDirectory() as tmp:
        reference = _without_lines(good(build(Path(tmp) / "a")))
        shuffled = good(build(Path(tmp) / "b", files))
        assert _without_lines(shuffled) == reference
        rel = Path(tmp) / "b" / "data" / "relationships.csv"
        # each record keeps the physical line its row starts on
        text = rel.read_text("utf-8")
        for r in shuffled.relationships:
            if r.type != "HAD_EVENT":
                start = text.index(f"{r.type},{r.source},{r.target},")
                assert r.line == text.count("\n", 0, start) + 1


def _cell(value: Any) -> str:
    if isinstance(value, tuple):
        return ";".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _write_back(ds: Any, directory: Path) -> None:
    """Write a dataset's records as CSV files with all columns of the vocabulary."""
    from graphkit.schema import vocab

    files = vocab.load().files
    people = [n for n in ds.nodes.values() if n.kind == "Person"]
    orgs = [n for n in ds.nodes.values() if n.kind not in ("Person", "Event")]
    rels = [r for r in ds.relationships if r.type != "HAD_EVENT"]
    alias = {"from": "source", "to": "target"}
    tables = {
        "sources.csv": list(ds.sources.values()),
        "people.csv": people,
        "organisations.csv": orgs,
        "relationships.csv": rels,
        "events.csv": ds.events,
        "claims.csv": ds.claims,
    }
    directory.mkdir()
    for name, records in tables.items():
        columns = files[name].columns
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL)
        writer.writerow(columns)
        for rec in records:
            # (confidence, flags and span are notes of `graphkit extract` that no record keeps)
            writer.writerow([_cell(getattr(rec, alias.get(c, c), None)) for c in columns])
        (directory / name).write_text(buf.getvalue(), "utf-8", newline="")


@pytest.mark.parametrize("which", ["mini", "data"])
def test_a_dataset_written_back_as_csv_validates_to_the_same_records(tmp_path: Path, which: str):
    source = build(tmp_path / "in") if which == "mini" else DATA
    ds = good(source)
    _write_back(ds, tmp_path / "out")
    again = good(tmp_path / "out")
    assert _without_lines(again) == _without_lines(ds)
    assert again.counts() == ds.counts()


# ====================================================================== read.py
def test_decode_auto_and_forced():
    assert decode(b"id\n", "p") == ("id\n", "utf-8-sig")
    assert decode(b"\xef\xbb\xbfid\n", "p") == ("id\n", "utf-8-sig")
    assert decode("张帆".encode("gb18030"), "p") == ("张帆", "gb18030")
    assert decode("张帆".encode(), "p") == ("张帆", "utf-8-sig")
    # a forced encoding is used as given, and only it
    assert decode(b"\xef\xbb\xbfid", "p", "utf-8") == ("\ufeffid", "utf-8")
    assert decode("张帆".encode(), "p", "latin-1") == ("张帆".encode().decode("latin-1"), "latin-1")
    assert decode("张帆".encode("gb18030"), "p", "GB18030") == ("张帆", "GB18030")


@pytest.mark.parametrize("encoding", [None, "utf-8", "latin-1"])
def test_nul_bytes_are_refused_whatever_the_encoding(encoding: str | None):
    with pytest.raises(ReadError) as info:
        decode(b"id,name\na,b\x00\n", "f.csv", encoding)
    assert (info.value.file, info.value.line) == ("f.csv", 1)
    assert str(info.value) == "f.csv:1: not a text file (it contains NUL bytes); expected CSV"


@pytest.mark.parametrize(
    ("data", "line"),
    [(b"\xff,a\n", 1), (b"id\na\nb\xff\n", 3), (b"id\r\na\r\n\xe5\xbc", 3), (b"a\n\n\n\n\xc3(", 5)],
)
def test_forced_encoding_failure_names_the_line(data: bytes, line: int):
    with pytest.raises(ReadError) as info:
        decode(data, "f.csv", "utf-8")
    assert str(info.value) == f"f.csv:{line}: cannot be decoded as utf-8"
    assert info.value.issue() == Issue("f.csv", line, "cannot be decoded as utf-8")


def test_undecodable_without_a_forced_encoding():
    with pytest.raises(ReadError) as info:
        decode(b"id\n\x80", "f.csv")
    assert info.value.issue() == Issue(
        "f.csv", 1, "cannot be decoded as UTF-8 or GB18030; pass --encoding with the file's encoding"
    )


@pytest.mark.parametrize(
    ("data", "binary"),
    [
        (b"\x01" * 8, False),  # up to eight control characters: text with a bad character
        (b"\x01" * 9, True),
        (b"a" * 4087 + b"\x01" * 9, True),  # all nine inside the first 4096 characters
        (b"a" * 4088 + b"\x01" * 9, False),  # the ninth is character 4097: not sampled
        (b"\x7f\x0b\x0c\x0e\x1f\x08\x02\x03\x04", True),
        (b"\t\n\r" * 20, False),  # tab, newline and carriage return are text
    ],
)
def test_binary_detection_samples_the_first_4096_characters(data: bytes, binary: bool):
    if binary:
        with pytest.raises(
            ReadError, match=r"^f.csv:1: not a text file \(control characters\); expected CSV$"
        ):
            decode(data, "f.csv")
    else:
        assert decode(data, "f.csv") == (data.decode(), "utf-8-sig")


def test_a_forced_encoding_skips_binary_detection(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_bytes(b"id\n" + b"\x01" * 9)
    assert decode(path.read_bytes(), "t.csv", "utf-8")[0] == "id\n" + "\x01" * 9
    with pytest.raises(ReadError) as info:
        read_table(path, encoding="utf-8")
    assert str(info.value) == f"{path}:2: contains the control character U+0001"


@pytest.mark.parametrize(
    ("char", "refused"),
    [
        ("\x01", True),
        ("\x08", True),
        ("\t", False),
        ("\x0b", True),
        ("\x0c", True),
        ("\x0e", True),
        ("\x1f", True),
        (" ", False),
        ("\x7f", True),
        ("\x80", False),
        ("\ufffd", False),
        ("\ufffe", True),
        ("\uffff", True),
    ],
)
def test_control_characters(tmp_path: Path, char: str, refused: bool):
    path = tmp_path / "t.csv"
    path.write_text(f'id,note\na,"x\ny"\nb,p{char}q\n', "utf-8", newline="")
    if refused:
        with pytest.raises(ReadError) as info:
            read_table(path)
        assert str(info.value) == f"{path}:4: contains the control character U+{ord(char):04X}"
    else:
        assert read_table(path).rows[1].values["note"] == f"p{char}q".strip()


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("\nid,name\nx,a\x07b\n", 3),
        ("id,name\n\x07,b\n", 2),
        ("\x07id,name\n", 1),
        ('id,n\na,"x\ny\x1b"\n', 3),
    ],
)
def test_a_control_character_is_located_on_its_physical_line(tmp_path: Path, text: str, line: int):
    path = tmp_path / "t.csv"
    path.write_text(text, "utf-8", newline="")
    with pytest.raises(ReadError) as info:
        read_table(path)
    assert (info.value.file, info.value.line) == (str(path), line)


def test_read_table_result(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_bytes("\ufeff id , name \n\n a , 张 \n".encode())
    table = read_table(path)
    assert table.path == str(path)
    assert table.encoding == "utf-8-sig"
    assert table.header == ("id", "name")
    assert table.rows == (Row(line=3, values={"id": "a", "name": "张"}, extra=0),)
    assert read_table(str(path), "utf-8-sig").path == str(path)
    # tables and rows are values: they cannot be changed after reading
    with pytest.raises(dataclasses.FrozenInstanceError):
        table.rows = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        table.rows[0].line = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "absent.csv", "no such file"),
        (lambda p: p, "is a directory, expected a CSV file"),
        (lambda p: p / ("x" * 300 + ".csv"), "cannot read (File name too long)"),
    ],
    ids=["absent", "directory", "name-too-long"],
)
def test_files_that_cannot_be_read(tmp_path: Path, make: Any, message: str):
    path = make(tmp_path)
    with pytest.raises(ReadError) as info:
        read_table(path)
    assert str(info.value) == f"{path}: {message}"
    assert info.value.issue() == Issue(str(path), 0, message)


def test_parse_csv_rows_lines_and_extra_cells():
    text = (
        "\n"  # 1: blank lines before the header are skipped
        " id ,name, note\n"  # 2: header cells are trimmed
        "a,A\n"  # 3: a short row
        " , \n"  # 4: a row of blank cells is no row
        'b,"B\r\nB",x,  y ,,\t\n'  # 5-6: one extra cell that is not blank
        "c,C,n,,\n"  # 7: extra cells that are blank are not extra
        'd,"\n\n",z,1,2,3\n'  # 8-10
        "e, E ,\n"  # 11
    )
    table = parse_csv(text, "t.csv")
    assert table.encoding == "utf-8"
    assert table.path == "t.csv"
    assert table.header == ("id", "name", "note")
    assert table.rows == (
        Row(3, {"id": "a", "name": "A", "note": ""}),
        Row(5, {"id": "b", "name": "B\r\nB", "note": "x"}, 1),
        Row(7, {"id": "c", "name": "C", "note": "n"}),
        Row(8, {"id": "d", "name": "", "note": "z"}, 3),
        Row(11, {"id": "e", "name": "E", "note": ""}),
    )


def test_parse_csv_header_only_and_empty():
    assert parse_csv("id,name\n", "t.csv", "gb18030").rows == ()
    assert parse_csv("id,name", "t.csv", "gb18030").encoding == "gb18030"
    for text in ("", "\n", "\r\n\r\n", " , \n\t\n"):
        with pytest.raises(ReadError) as info:
            parse_csv(text, "t.csv")
        assert str(info.value) == "t.csv:1: empty file, expected a header row"


@pytest.mark.parametrize(
    ("text", "line", "detail"),
    [
        ('id,name\na,b\n"c"d,e\n', 3, "',' expected after '\"'"),
        # the line reported is the one where the reader found the fault
        ('id,name\na,"b\nb"c\n', 3, "',' expected after '\"'"),
        ('id,name\na,b\nc,"d\ne\nf', 5, "unexpected end of data"),
        ('"id,name\n', 1, "unexpected end of data"),
    ],
)
def test_malformed_csv(text: str, line: int, detail: str):
    with pytest.raises(ReadError) as info:
        parse_csv(text, "t.csv")
    assert str(info.value) == f"t.csv:{line}: malformed CSV ({detail})"


_CELL = st.text(
    st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters="\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13"
        "\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f\r\ufffe\uffff",
    ),
    max_size=8,
)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.from_regex(r"[a-z]{1,4}", fullmatch=True), _CELL, _CELL), max_size=6))
def test_any_table_written_as_csv_is_read_back(rows: list[tuple[str, str, str]]):
    """Cells come back trimmed; each row reports the line its record starts on."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["id", "a", "b"])
    starts = []
    for row in rows:
        starts.append(buf.getvalue().count("\n") + 1)
        writer.writerow(row)
    table = parse_csv(buf.getvalue(), "t.csv")
    assert table.header == ("id", "a", "b")
    assert [(r.line, r.values, r.extra) for r in table.rows] == [
        (line, {"id": i, "a": a.strip(), "b": b.strip()}, 0)
        for line, (i, a, b) in zip(starts, rows, strict=True)
    ]
