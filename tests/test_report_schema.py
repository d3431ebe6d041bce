"""The report's JSON contract: graphkit/schemas/report.schema.json (draft 2020-12).

Every report validates (the datasets, with and without a scope, through the
API and the CLI, and random careers), the contract bites (a renamed or
dropped key, a negative count, an unknown outcome fail), and the schema's
move is exactly what :func:`graphkit.report._move` emits.
"""

from __future__ import annotations

import copy
import json
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import networkx as nx
import pytest
from careers_gen import careers, write_dataset
from click.testing import CliRunner
from helpers import DATA, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import graphkit
from graphkit import report
from graphkit.cli import main
from graphkit.graph.careers import Move
from graphkit.report.schema import report_schema

CAREERS = ROOT / "tests" / "fixtures" / "careers"
SCHEMA = report_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

SCOPES: dict[str, dict[str, Any]] = {
    "all": {},
    "period": {"period": "2025H1"},
    "period-possible": {"period": "2025H1", "include_possible": True},
    "as-of": {"as_of": "2025-03-31"},
    "as-of-possible": {"as_of": "2025-03-31", "include_possible": True},
    "possible": {"include_possible": True},
    "quarter": {"period": "2025Q1"},
    "year": {"period": "2025"},
    "no-periods-no-communities": {"periods": False, "communities": False},
    "some-metrics": {"metrics": ("pagerank", "in_degree"), "kind": "org", "top": 3},
}


def _json(g: nx.MultiDiGraph, **opts: Any) -> dict[str, Any]:
    """The report as its JSON text says it (not the dict: what a consumer reads)."""
    return json.loads(report.render(report.build(g, report.ReportOptions(**opts)), "json"))


def _errors(doc: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in VALIDATOR.iter_errors(doc)  # type: ignore[no-untyped-call]
    ]


@pytest.fixture(scope="module")
def graphs() -> dict[str, nx.MultiDiGraph]:
    return {"data": graphkit.build_graph(DATA), "careers": graphkit.build_graph(CAREERS)}


@pytest.fixture(scope="module")
def valid(graphs) -> dict[str, Any]:
    """A valid report with moves, arrivals, claims (measurable and not) and other-backer rows."""
    r = _json(graphs["careers"])
    assert not _errors(r)
    return r


# ------------------------------------------------------------------ the schema
def test_the_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["$id"] and SCHEMA["title"]


def test_the_schema_ships_in_the_package():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert "*.json" in pyproject["tool"]["setuptools"]["package-data"]["graphkit.report"]
    assert (Path(graphkit.__file__).parent / "report" / "report.schema.json").is_file()
    assert report_schema() == SCHEMA and report_schema() is not report_schema()


# ---------------------------------------------------------- reports validate
@pytest.mark.parametrize("dataset", ["data", "careers"])
@pytest.mark.parametrize("scope", list(SCOPES))
def test_reports_of_the_datasets_validate(graphs, dataset, scope):
    r = _json(graphs[dataset], **SCOPES[scope])
    assert _errors(r) == []
    assert ("periods" in r) is SCOPES[scope].get("periods", True)


@pytest.mark.parametrize("dataset", [DATA, CAREERS])
@pytest.mark.parametrize(
    "args",
    [[], ["--period", "2025H1"], ["--as-of", "2025-03-31"], ["--period", "2025H1", "--include-possible"]],
    ids=["all", "period", "as-of", "period-possible"],
)
def test_the_cli_json_validates(dataset, args):
    out = CliRunner().invoke(
        main, ["report", str(dataset), "--format", "json", *args], catch_exceptions=False
    )
    assert out.exit_code == 0, out.output
    assert _errors(json.loads(out.stdout)) == []


def test_the_datasets_exercise_the_contract(graphs):
    """The fixtures hold every shape the schema allows, so validating them means something."""
    r = _json(graphs["careers"])
    moves = r["flows"]["moves"]
    assert {m["how"] for m in moves} == {"joined", "founded", "unknown", "ambiguous"}
    assert any(m["from"] is None for m in moves) and any(m["to"] is None for m in moves)
    assert any(x["to"] is None for x in r["flows"]["matrix"])
    assert {c["certain"] is None for c in r["claims"]} == {True, False}
    assert {c["person"] is None for c in r["capital_follows_talent"]} == {True, False}
    assert r["careers"]["boomerangs"] and r["careers"]["ambiguous"] and r["careers"]["role_changes"]
    assert any("all_time" in c for c in _json(graphs["data"])["claims"])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=careers(), scope=st.sampled_from(["all", "period", "as-of", "possible", "period-possible"]))
def test_reports_of_random_careers_validate(tmp_path_factory, people, scope):
    g = graphkit.build_graph(write_dataset(tmp_path_factory.mktemp("careers") / "data", people))
    assert _errors(_json(g, **SCOPES[scope])) == []


# ------------------------------------------------------------ the contract bites
def _rename_from(m):
    m["origin"] = m.pop("from")


def _unknown_how(m):
    m["how"] = "moved"


def _integer_id(m):
    m["person"] = 7


def _no_destination(m):
    m["to"] = None  # a joined/founded move, or an ambiguous one here: must name where it went


def _negative_certain(r):
    next(c for c in r["claims"] if c["certain"] is not None)["certain"] = -1


def _negative_possible(r):
    next(c for c in r["claims"] if c["possible"] is not None)["possible"] = -3


def _drop_net(r):
    del r["flows"]["organisations"][0]["net"]


def _extra_destination(r):
    r["flows"]["destinations"]["moved"] = 0


def _renamed_matrix_count(r):
    row = r["flows"]["matrix"][0]
    row["people"] = row.pop("count")


def _backer_as_former_employer(r):
    next(c for c in r["capital_follows_talent"] if c["person"] is None)["former_employer"] = True


MOVE_MUTATIONS = [_rename_from, _unknown_how, _integer_id, _no_destination]
MUTATIONS = [
    _negative_certain,
    _negative_possible,
    _drop_net,
    _extra_destination,
    _renamed_matrix_count,
    _backer_as_former_employer,
]


def _fails(r: dict[str, Any], valid: dict[str, Any]) -> None:
    assert r != valid
    assert _errors(r), "the broken report still validates"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(r, SCHEMA, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("mutate", MOVE_MUTATIONS, ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize("section", [("flows", "moves"), ("careers", "boomerangs")], ids=".".join)
def test_a_broken_move_fails(valid, mutate, section):
    r = copy.deepcopy(valid)
    moves = r[section[0]][section[1]]
    mutate(next(m for m in moves if m["to"] is not None))
    _fails(r, valid)


@pytest.mark.parametrize("mutate", MUTATIONS, ids=lambda f: f.__name__.strip("_"))
def test_a_broken_report_fails(valid, mutate):
    r = copy.deepcopy(valid)
    mutate(r)
    _fails(r, valid)


# ------------------------------------------------------- code and schema agree
KEY = "move-0123456789abcdef"
MOVES = {
    "departure": Move("p", "a", "b", "joined", end="2024-05", start="2024-06", when="2024-05", key=KEY),
    "unknown": Move("p", "a", None, "unknown", end="2024", when="2024", key=KEY),
    "ambiguous": Move(
        "p", "a", None, "ambiguous", end="2024", when="2024", ambiguous=True, candidates=("b", "c"), key=KEY
    ),
    "arrival": Move("p", None, "b", "founded", start="2024", when="2024", boomerang=True, key=KEY),
}


@pytest.mark.parametrize("kind", list(MOVES))
def test_the_schema_move_is_exactly_what_report_emits(kind):
    g = nx.MultiDiGraph()
    g.add_node("p", kind="Person", name="P")
    for org in "abc":
        g.add_node(org, kind="Company", name=org.upper())
    emitted = report._move(g, MOVES[kind])
    move = SCHEMA["$defs"]["move"]
    assert set(move["properties"]) == set(emitted)
    assert set(move["required"]) == set(emitted)
    assert move["additionalProperties"] is False
    errors = jsonschema.Draft202012Validator({**move, "$defs": SCHEMA["$defs"]}).iter_errors(emitted)
    assert [e.message for e in errors] == []
