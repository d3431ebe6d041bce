"""The files of `graphkit load --bulk` (neo4j-admin's import format) and the content hash
that makes reloads incremental. No server: the import itself is tested in
tests/integration/test_neo4j_bulk.py."""

from __future__ import annotations

import csv
import datetime as dt
import shlex

import networkx as nx
import pytest
from helpers import DATA_ALL, FIXTURES

import graphkit
from graphkit.neo4j import bulk
from graphkit.neo4j import load as load_module
from graphkit.neo4j.load import HASH, content_hash, node_rows, plan, rel_rows
from graphkit.schema.errors import SettingsError


def tiny() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(folders=["f1"])
    g.add_node("p1", kind="Person", name='Ann "A", <b>x</b>', unnamed=False)
    g.add_node("p2", kind="Person", name="Bo\nline two", aliases=["B", "Bob"])
    g.add_node("c1", kind="Company", name="Acme, Inc.")
    g.add_edge(
        "p1",
        "c1",
        key="WORKED_AT:p1->c1",
        type="WORKED_AT",
        evidence="q1",
        sources=["s1", "s2"],
        start="2020",
        start_earliest="2020-01-01",
        start_latest="2020-12-31",
    )
    g.add_edge("p2", "c1", key="WORKED_AT:p2->c1", type="WORKED_AT", evidence="q2", sources=["s1"])
    return g


def read(path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_files_headers_types_and_rows(tmp_path):
    files = bulk.write_import(tiny(), "ds", tmp_path, write_moves=False)
    assert (files.nodes, files.relationships, files.rows) == (3, 2, 5)
    assert files.multiline  # "Bo\nline two"
    person = read(tmp_path / "nodes-Person.header.csv")[0]
    # columns in order of first appearance; p2 adds aliases (a list) after p1's columns
    assert person == [
        "id:ID(Person)",
        "name:string",
        "unnamed:boolean",
        "graphkit_folders:string[]",
        "graphkit_dataset:string",
        f"{HASH}:string",
        "aliases:string[]",
    ]
    rows = read(tmp_path / "nodes-Person.csv")
    assert rows[0][:5] == ["p1", 'Ann "A", <b>x</b>', "false", "f1", "ds"]
    assert len(rows[0]) == 7  # written before "aliases" existed, then padded
    assert rows[0][6] == ""
    assert rows[1][0:2] == ["p2", "Bo\nline two"]
    assert rows[1][2] == ""  # no unnamed: empty, i.e. no property
    assert rows[1][6] == "B\x1fBob"
    rel = read(tmp_path / "rels-WORKED_AT-Person-Company.header.csv")[0]
    assert rel[:2] == [":START_ID(Person)", ":END_ID(Company)"]
    assert "start_earliest:date" in rel and "sources:string[]" in rel and "quotes:string[]" in rel
    first = dict(zip(rel, read(tmp_path / "rels-WORKED_AT-Person-Company.csv")[0], strict=False))
    assert first[":START_ID(Person)"] == "p1" and first[":END_ID(Company)"] == "c1"
    assert first["start_earliest:date"] == "2020-01-01"
    assert first["sources:string[]"] == "s1\x1fs2"
    assert first["graphkit_key:string"] == "WORKED_AT:p1->c1"
    args = (tmp_path / bulk.ARGS_FILE).read_text("utf-8").splitlines()
    assert "--nodes=Person=nodes-Person.header.csv,nodes-Person.csv" in args
    assert (
        "--relationships=WORKED_AT=rels-WORKED_AT-Person-Company.header.csv,rels-WORKED_AT-Person-Company.csv"
        in args
    )
    assert "--multiline-fields=true" in args and "--id-type=string" in args


def test_one_line_values_need_no_multiline_parsing(tmp_path):
    g = tiny()
    g.nodes["p2"]["name"] = "Bo"
    assert not bulk.write_import(g, "ds", tmp_path).multiline
    assert "--multiline-fields=false" in (tmp_path / bulk.ARGS_FILE).read_text("utf-8")


def test_the_rows_are_those_a_normal_load_writes(tmp_path):
    """Same properties, hashes included, as plan() gives the transactional loader."""
    g = graphkit.build_graph(DATA_ALL)
    p = plan(g, "data")
    bulk.write_import(g, "data", tmp_path)
    header = read(tmp_path / "nodes-Person.header.csv")[0]
    rows = read(tmp_path / "nodes-Person.csv")
    by_id = {r["id"]: r["props"] for r in p.nodes["Person"]}
    assert len(rows) == len(by_id) == 19  # distinct ids of data/*/people.csv
    for cells in rows:
        props = by_id[cells[0]]
        got = {h.split(":")[0]: c for h, c in zip(header[1:], cells[1:], strict=False) if c != ""}
        want = {k: v for k, v in props.items() if k != "id"}
        assert set(got) == set(want)
        assert got[HASH] == props[HASH]
        for k, v in want.items():
            text = (
                "\x1f".join(v)
                if isinstance(v, list)
                else ("true" if v is True else "false" if v is False else str(v))
            )
            assert got[k] == text, k


def test_a_value_with_the_array_delimiter_is_refused(tmp_path):
    g = tiny()
    g.nodes["p1"]["name"] = "a\x1fb"
    with pytest.raises(SettingsError, match="U\\+001F"):
        bulk.write_import(g, "ds", tmp_path)


def test_one_type_per_property(tmp_path):
    g = tiny()
    g.nodes["p2"]["unnamed"] = "no"  # p1 has a boolean
    with pytest.raises(SettingsError, match="one type per property: 'unnamed'"):
        bulk.write_import(g, "ds", tmp_path)


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (True, "boolean"),
        (3, "long"),
        (2.5, "double"),
        (dt.date(2025, 1, 2), "date"),
        ("x", "string"),
        (["a"], "string[]"),
        (("a", "b"), "string[]"),
        ([1, 2], "long[]"),
    ],
)
def test_import_types(value, kind):
    assert bulk._type(value, "x") == kind


@pytest.mark.parametrize("value", [[], [1, "a"], {"a": 1}, None])
def test_values_without_an_import_type(value):
    with pytest.raises(SettingsError):
        bulk._type(value, "x")


def test_import_command_runs_in_the_files_folder(tmp_path, monkeypatch):
    cmd = bulk.import_command("neo4j-admin", None)
    assert cmd == [
        "neo4j-admin",
        "database",
        "import",
        "full",
        "neo4j",
        "--overwrite-destination=true",
        "--verbose",
        "--array-delimiter=\x1f",
        "@import.args",
    ]
    assert bulk.import_command("'my admin' --verbose", "graphs")[:2] == ["my admin", "--verbose"]
    assert bulk.import_command("x", "graphs")[4] == "graphs"
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "tool").write_text("")
    monkeypatch.chdir(tmp_path)
    assert bulk.import_command("scripts/tool admin", None)[:2] == [
        str(tmp_path / "scripts" / "tool"),
        "admin",
    ]
    assert bulk.import_command("missing/tool", None)[0] == "missing/tool"
    with pytest.raises(SettingsError, match="no neo4j-admin command"):
        bulk.import_command("  ", None)
    line = bulk.shell_line("neo4j-admin", None)
    assert "--array-delimiter=$'\\x1f'" in line
    assert shlex.split(line.replace("$'\\x1f'", "X"))[4] == "neo4j"


def test_a_failing_import_tool_is_one_message(tmp_path):
    files = bulk.write_import(tiny(), "ds", tmp_path)
    script = tmp_path / "fail.sh"
    script.write_text("#!/bin/sh\necho 'Import error: bad file' >&2\nexit 3\n")
    script.chmod(0o755)
    with pytest.raises(bulk.BulkFailed, match=r"(?s)store is as it was before.*Import error: bad file"):
        bulk.run_import(files, str(script), None)
    with pytest.raises(bulk.BulkFailed, match="cannot run"):
        bulk.run_import(files, str(tmp_path / "nowhere"), None)


def test_the_import_tool_s_exports_are_read(tmp_path):
    files = bulk.write_import(tiny(), "ds", tmp_path)
    script = tmp_path / "ok.sh"
    script.write_text(
        "#!/bin/sh\ntest -f import.args || exit 9\n"
        "echo 'export NEO4J_URI=bolt://127.0.0.1:1234'\necho \"export NEO4J_PASSWORD='p w'\"\necho noise\n"
    )
    script.chmod(0o755)
    assert bulk.run_import(files, str(script), None) == {
        "NEO4J_URI": "bolt://127.0.0.1:1234",
        "NEO4J_PASSWORD": "p w",
    }


# ----------------------------------------------------------------- content hash
def test_content_hash_covers_every_property_and_ignores_itself_and_order():
    a = content_hash("Person", "p1", {"name": "x", "n": 1})
    assert a == content_hash("Person", "p1", {"n": 1, "name": "x"})
    assert a == content_hash("Person", "p1", {"n": 1, "name": "x", HASH: "old"})
    assert a != content_hash("Person", "p1", {"name": "x", "n": 2})
    assert a != content_hash("Person", "p1", {"name": "x"})
    assert a != content_hash("Company", "p1", {"name": "x", "n": 1})
    assert a != content_hash("Person", "p2", {"name": "x", "n": 1})
    assert content_hash("P", "i", {"d": dt.date(2025, 1, 1)}) != content_hash("P", "i", {"d": "2025-01-01"})


def test_content_hash_covers_the_folders_the_load_reads_in_any_order():
    a = content_hash("Person", "p1", {"name": "x"}, ["a"])
    assert a != content_hash("Person", "p1", {"name": "x"})
    assert a != content_hash("Person", "p1", {"name": "x"}, ["a", "b"])
    assert content_hash("Person", "p1", {"name": "x"}, ["b", "a"]) == content_hash(
        "Person", "p1", {"name": "x"}, ("a", "b")
    )
    assert content_hash("P", "i", {"l": ["a", "b"]}) != content_hash("P", "i", {"l": ["b", "a"]})
    assert len(a) == 32 and int(a, 16) >= 0
    with pytest.raises(TypeError):
        content_hash("P", "i", {"x": object()})


def test_content_hash_is_the_blake2b_of_the_documented_json():
    # the format stored in every database loaded so far: a change to it would make every
    # stored row look changed. Expected values from `printf '%s' '<json>' | b2sum -l 128`.
    props = {"start_earliest": dt.date(2020, 1, 1), "name": '张三 <b>"x"', "n": 1, "aliases": ["B", "A"]}
    # ["Person","p1",["f1","f2"],[["aliases",["B","A"]],["n",1],["name","张三 <b>\"x\""],
    #  ["start_earliest",{"date":"2020-01-01"}]]]
    assert content_hash("Person", "p1", props, ["f2", "f1"]) == "4acf804908f0e636c9a486e6fc58dc28"
    assert (
        content_hash("Person", "p1", {**props, HASH: "old"}, ("f1", "f2"))
        == "4acf804908f0e636c9a486e6fc58dc28"
    )
    # [["WORKED_AT","Person","Company"],["p1","c1","k"],[],[["ok",false]]]
    group, ident = ("WORKED_AT", "Person", "Company"), ["p1", "c1", "k"]
    assert content_hash(group, ident, {"ok": False}) == "17dc5a15a44efaca981596166817dc4e"


def test_props_leave_out_only_empty_values_and_the_skipped_key_and_read_days():
    d = {
        "type": "WORKED_AT",
        "a": "",
        "b": None,
        "c": [],
        "zero": 0,
        "no": False,
        "empty": {},
        "s": " ",
        "l": [""],
        "x_earliest": "2020-02-29",
        "x_latest": "2020-12-31",
        "earliest": "2020",
    }
    assert load_module._props(d, skip="type") == {
        "zero": 0,
        "no": False,
        "empty": {},
        "s": " ",
        "l": [""],
        "x_earliest": dt.date(2020, 2, 29),
        "x_latest": dt.date(2020, 12, 31),
        "earliest": "2020",
    }
    assert load_module._props(d)["type"] == "WORKED_AT"
    assert load_module._props({"x_earliest": ""}) == {}


@pytest.mark.parametrize("folder", ["data", "careers"])
def test_count_rows_counts_sources_claims_nodes_and_relationships_without_making_rows(folder, monkeypatch):
    g = graphkit.build_graph(DATA_ALL if folder == "data" else FIXTURES / "careers")
    rows = plan(g, "ds").rows
    monkeypatch.setattr(load_module, "content_hash", lambda *a, **k: pytest.fail("made a row"))
    assert load_module.count_rows(g) == rows
    if folder == "data":  # sources 1 + 2, claims 2 + 6, the 37 nodes and 44 relationships of the README
        assert load_module.count_rows(g) == 3 + 8 + 37 + 44


def test_rows_carry_their_hash_and_a_changed_fact_changes_only_its_own():
    g = tiny()
    before = {r["id"]: r["props"][HASH] for _, r in node_rows(g, "ds")}
    rels = {r["key"]: r["props"][HASH] for _, r in rel_rows(g, "ds")}
    g.edges["p2", "c1", "WORKED_AT:p2->c1"]["evidence"] = "changed"
    g.edges["p2", "c1", "WORKED_AT:p2->c1"]["quotes"] = ["changed"]
    g.edges["p2", "c1", "WORKED_AT:p2->c1"]["quote_sources"] = ["s1"]
    g.edges["p2", "c1", "WORKED_AT:p2->c1"]["quote_folders"] = ["f1"]
    after = {r["key"]: r["props"][HASH] for _, r in rel_rows(g, "ds")}
    assert after["WORKED_AT:p1->c1"] == rels["WORKED_AT:p1->c1"]
    assert after["WORKED_AT:p2->c1"] != rels["WORKED_AT:p2->c1"]
    assert {r["id"]: r["props"][HASH] for _, r in node_rows(g, "ds")} == before
    assert {r["id"]: r["props"][HASH] for _, r in node_rows(g, "other")} != before  # the dataset is content


def test_the_derived_moves_are_part_of_a_relationship_s_content():
    g = graphkit.build_graph(DATA_ALL)
    with_moves = {r["key"]: r["props"][HASH] for _, r in rel_rows(g, "data")}
    without = {r["key"]: r["props"][HASH] for _, r in rel_rows(g, "data", write_moves=False)}
    moved = {k for k in with_moves if with_moves[k] != without[k]}
    carriers = {
        r["key"] for _, r in rel_rows(g, "data") if "departure" in r["props"] or "arrival" in r["props"]
    }
    assert moved == carriers and len(carriers) > 10


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("0B", 0),
        ("0", 0),
        ("1.00GiB", 2**30),
        ("512m", 512 * 2**20),
        ("2g", 2 * 2**30),
        ("12k", 12 * 1024),
        ("", 0),
        ("lots", 0),
    ],
)
def test_byte_sizes(text, size):
    assert load_module._bytes(text) == size


@pytest.mark.parametrize(
    ("value", "kind", "cell"),
    [
        ([1.5, 2.0], "double[]", "1.5\x1f2.0"),
        ([True, False], "boolean[]", "true\x1ffalse"),
        ([dt.date(2025, 1, 2), dt.date(2025, 3, 4)], "date[]", "2025-01-02\x1f2025-03-04"),
        ([3, 4], "long[]", "3\x1f4"),
        (False, "boolean", "false"),
        (7, "long", "7"),
    ],
)
def test_list_and_scalar_cells(value, kind, cell):
    assert bulk._type(value, "x") == kind
    assert bulk._cell(value, kind) == cell


def test_messages_name_the_row_and_property(tmp_path):
    g = tiny()
    g.nodes["p2"]["aliases"] = ["B", 3]
    with pytest.raises(SettingsError, match=r"of Person 'p2' \(aliases\)"):
        bulk.write_import(g, "ds", tmp_path)
    g.nodes["p2"]["aliases"] = ["B", "a\x1fb"]
    with pytest.raises(SettingsError, match=r"Person 'p2' \(aliases\): it contains the control character"):
        bulk.write_import(g, "ds", tmp_path / "2")


def test_bulk_load_files_only_returns_what_it_wrote(tmp_path):
    result = bulk.bulk_load(tiny(), "ds", tmp_path / "files", files_only=True)
    assert (result.nodes, result.relationships, result.rows) == (3, 2, 5)
    assert result.directory == tmp_path / "files" and not result.imported
    assert result.dataset == "ds" and result.write_s >= 0 and result.seconds == result.write_s
    assert (tmp_path / "files" / bulk.ARGS_FILE).is_file()


def test_bulk_load_without_an_admin_command_writes_files_and_stops(tmp_path):
    with pytest.raises(SettingsError, match="no neo4j-admin command"):
        bulk.bulk_load(tiny(), "ds", tmp_path / "files", admin=None)
    assert (tmp_path / "files" / bulk.ARGS_FILE).is_file()


def test_bulk_load_uses_the_settings_the_import_printed(tmp_path):
    """After the import, graphkit connects to the URI the tool printed (here a closed port:
    the message names it) rather than the one it was given."""
    import socket

    from graphkit.neo4j.connection import Settings, Unreachable

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    script = tmp_path / "ok.sh"
    script.write_text(f"#!/bin/sh\necho 'export NEO4J_URI=bolt://127.0.0.1:{port}'\n")
    script.chmod(0o755)
    given = Settings(uri="bolt://127.0.0.1:1", password="pw")
    with pytest.raises(Unreachable, match=f"127.0.0.1:{port}"):
        bulk.bulk_load(tiny(), "ds", tmp_path / "files", given, str(script), wait_s=0)


def test_a_file_writes_each_type_s_cells_and_notices_line_breaks_in_lists(tmp_path):
    f = bulk._File(tmp_path / "x.csv", ["id:ID(X)"])
    f.handle = f.path.open("w", encoding="utf-8", newline="")
    f.writer = csv.writer(f.handle, lineterminator="\n")
    day = dt.date(2025, 1, 2)
    f.write(["a"], {"s": "x", "l": ["p", "q"], "n": 3, "d": 2.5, "b": False, "t": day, "ln": [1, 2]}, "X 'a'")
    assert not f.multiline
    f.write(["b"], {"l": ("r",), "s": "y", "t": day}, "X 'b'")  # a tuple, columns left out
    f.write(["c"], {"l": ["one", "two\nlines"], "b": True}, "X 'c'")
    assert f.multiline
    with pytest.raises(SettingsError, match=r"'n' of X 'd' is string, elsewhere long"):
        f.write(["d"], {"n": "3"}, "X 'd'")
    with pytest.raises(SettingsError, match=r"'t' of X 'e' is string, elsewhere date"):
        f.write(["e"], {"t": "2025-01-02"}, "X 'e'")
    with pytest.raises(SettingsError, match=r"X 'f' \(l\): it contains the control character U\+001F"):
        f.write(["f"], {"l": ["ok", "x\x1fy"]}, "X 'f'")
    f.handle.close()
    assert f.columns == {
        "s": "string", "l": "string[]", "n": "long", "d": "double", "b": "boolean", "t": "date", "ln": "long[]",
    }  # fmt: skip
    assert read(f.path) == [
        ["a", "x", "p\x1fq", "3", "2.5", "false", "2025-01-02", "1\x1f2"],
        ["b", "y", "r", "", "", "", "2025-01-02", ""],
        ["c", "", "one\x1ftwo\nlines", "", "", "true", "", ""],
    ]


@pytest.mark.parametrize(
    ("kind", "value", "cell"),
    [
        ("string", "x", "x"),
        ("string", "", ""),
        ("string", 3, None),  # not this column's type: the long way (_File._cell) decides
        ("string[]", ["a", "b"], "a\x1fb"),
        ("string[]", ["a"], "a"),
        ("string[]", ("a", "b"), None),
        ("string[]", [], None),
        ("string[]", ["a", 1], None),
        ("boolean", True, "true"),
        ("boolean", False, "false"),
        ("boolean", 1, None),
        ("long", 3, "3"),
        ("long", True, None),
        ("long", 3.0, None),
        ("double", 2.5, "2.5"),
        ("double", 2, None),
        ("date", dt.date(2025, 1, 2), "2025-01-02"),
        ("date", dt.datetime(2025, 1, 2, 3, 4), None),
        ("date", "2025-01-02", None),
    ],
)
def test_fast_cells_take_exactly_their_column_s_type(kind, value, cell):
    assert bulk._fast_cell(kind)(value) == cell


@pytest.mark.parametrize(
    ("kind", "value"), [("string", "a\x1fb"), ("string[]", ["a", "b\x1f"]), ("string[]", ["\x1f", "b"])]
)
def test_fast_cells_refuse_the_delimiter(kind, value):
    with pytest.raises(bulk._HasDelimiter):
        bulk._fast_cell(kind)(value)


def test_lists_of_other_types_have_no_fast_cell():
    assert [bulk._fast_cell(k) for k in ("long[]", "date[]", "boolean[]", "double[]", "point")] == [None] * 5


def test_the_import_files_of_the_data_folder(tmp_path):
    g = graphkit.build_graph(DATA_ALL)
    out = tmp_path / "not" / "yet"  # made, with its parents
    files = bulk.write_import(g, "data", out)  # the derived moves are written by default
    assert files.directory == out
    assert files.nodes == len(g) + len(g.graph["sources"]) + len(g.graph["claims"])
    assert files.relationships == g.number_of_edges() and len(files.args) > 3
    written = (out / bulk.ARGS_FILE).read_text("utf-8").splitlines()
    assert written == [*bulk.OPTIONS, *files.args]
    assert sum(len(read(p)) for p in out.glob("rels-*.csv") if "header" not in p.name) == files.relationships
    header = read(out / "rels-WORKED_AT-Person-Company.header.csv")[0]
    assert "departure:string" in header and "departure_when_earliest:date" in header
    rows = [dict(zip(header, r, strict=True)) for r in read(out / "rels-WORKED_AT-Person-Company.csv")]
    assert {r["graphkit_dataset:string"] for r in rows} == {"data"}
    assert (out / "nodes-Person.csv").read_bytes().count(b"\r\n") == 0  # lines end in \n alone


def test_a_relationship_s_bad_value_names_the_relationship(tmp_path):
    g = tiny()
    g.edges["p1", "c1", "WORKED_AT:p1->c1"]["evidence"] = "a\x1fb"
    with pytest.raises(SettingsError, match=r"WORKED_AT 'WORKED_AT:p1->c1' \(evidence\): it contains"):
        bulk.write_import(g, "ds", tmp_path)
