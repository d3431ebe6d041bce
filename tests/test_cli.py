"""CLI tests with click's CliRunner: exit codes and exact output."""

import re
from pathlib import Path

import networkx as nx
from click.testing import CliRunner
from helpers import DATA, ROOT, edit, line_of

from graphkit import __version__
from graphkit.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_version():
    r = run("--version")
    assert r.exit_code == 0
    assert r.output == f"graphkit, version {__version__}\n"


def test_validate_ok_prints_counts():
    r = run("validate", str(DATA))
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0] == f"{DATA}: valid (0 warnings)"
    counts = dict(line.split("\t") for line in lines[1:])
    assert counts["Person"] == "17"
    assert counts["WORKED_AT"] == "22"
    assert counts["Source"] == "2"


def test_validate_reports_every_problem_and_exits_1(data_copy: Path):
    rel = data_copy / "relationships.csv"
    edit(rel, "FOUNDED,zhang-fan,", "FOUNDED,zhang-fann,")
    edit(rel, "2025-01,confirmed", "2025-13,confirmed")
    r = run("validate", str(data_copy))
    assert r.exit_code == 1
    assert "Traceback" not in r.output
    assert r.stderr.splitlines() == [
        f"{rel}:2: invalid date '2025-13' (expected EDTF, e.g. 2025-06, 2025-40 (first half), "
        "2024-36 (Q4), 2024-12/2025-06) in column 'end'",
        f"{rel}:{line_of(rel, 'zhang-fann')}: unknown node 'zhang-fann' in column 'from'",
        "graphkit: 2 errors, 0 warnings",
    ]
    assert r.stdout == ""


def test_validate_binary_file(data_copy: Path):
    (data_copy / "claims.csv").write_bytes(bytes(range(256)))
    r = run("validate", str(data_copy))
    assert r.exit_code == 1
    assert r.stderr.splitlines()[0] == (
        f"{data_copy / 'claims.csv'}:1: not a text file (it contains NUL bytes); expected CSV"
    )


def test_validate_gb18030_copy(data_copy: Path):
    for path in data_copy.glob("*.csv"):
        path.write_bytes(path.read_text("utf-8").encode("gb18030"))
    r = run("validate", str(data_copy))
    assert r.exit_code == 0, r.output
    forced = run("validate", "--encoding", "gb18030", str(data_copy))
    assert forced.exit_code == 0
    wrong = run("validate", "--encoding", "utf-8", str(data_copy))
    assert wrong.exit_code == 1
    assert "cannot be decoded as utf-8" in wrong.stderr


def test_unknown_encoding_is_a_usage_error(data_copy: Path):
    r = run("validate", "--encoding", "nope", str(data_copy))
    assert r.exit_code == 2
    assert r.stderr == "graphkit: unknown encoding 'nope' given to --encoding\n"


def test_missing_directory():
    r = run("validate", "/nonexistent/graphkit-data")
    assert r.exit_code == 1
    assert r.stderr == "graphkit: /nonexistent/graphkit-data: no such data directory\n"


def test_warnings_go_to_stderr_and_do_not_fail(data_copy: Path):
    with (data_copy / "people.csv").open("a", encoding="utf-8") as f:
        f.write("zhangfan,张帆,Zhang Fan,,false,zhidx-2025-06-16,\n")
    r = run("validate", str(data_copy))
    assert r.exit_code == 0
    assert "warning: 'zhangfan' may be the same person as 'zhang-fan'" in r.stderr
    assert r.stdout.startswith(f"{data_copy}: valid (1 warning)\n")


def test_stats():
    r = run("stats", str(DATA))
    assert r.exit_code == 0
    assert r.stdout.splitlines()[0] == f"{DATA}: 34 nodes, 39 relationships"


def test_export_graphml(tmp_path: Path):
    out = tmp_path / "g.graphml"
    r = run("export", "--format", "graphml", "-o", str(out), str(DATA))
    assert r.exit_code == 0
    assert r.stdout == f"wrote {out}\n"
    assert nx.read_graphml(out).number_of_nodes() == 34


def test_export_bad_format_is_usage_error(tmp_path: Path):
    r = run("export", "--format", "xlsx", "-o", str(tmp_path / "x"), str(DATA))
    assert r.exit_code == 2
    assert "Invalid value for '--format'" in r.stderr


def test_invalid_data_blocks_export(data_copy: Path, tmp_path: Path):
    edit(data_copy / "relationships.csv", "FOUNDED,zhang-fan,", "FOUNDED,nobody,")
    out = tmp_path / "g.graphml"
    r = run("export", "-o", str(out), str(data_copy))
    assert r.exit_code == 1
    assert not out.exists()


def test_demo_writes_html_and_report(tmp_path: Path):
    r = run("demo", str(DATA), "-o", str(tmp_path))
    assert r.exit_code == 0
    assert r.stdout.splitlines() == [
        f"{DATA}: 34 nodes, 39 relationships (17 people, 16 departures)",
        f"wrote {tmp_path / 'graph.html'}",
        f"wrote {tmp_path / 'report.md'}",
        f"wrote {tmp_path / 'chart-flows.svg'}",
        f"wrote {tmp_path / 'chart-timeline.svg'}",
    ]
    html = (tmp_path / "graph.html").read_text("utf-8")
    assert "张帆" in html
    report = (tmp_path / "report.md").read_text("utf-8")
    assert "| 智谱 |" in report


def test_internal_errors_have_no_traceback(monkeypatch):
    import graphkit.api

    def boom(*a, **k):
        raise RuntimeError("kaput")

    monkeypatch.setattr(graphkit.api, "build_graph", boom)
    r = CliRunner().invoke(main, ["stats", str(DATA)])
    assert r.exit_code == 70
    assert "Traceback" not in r.output
    assert "graphkit: internal error: RuntimeError: kaput" in r.stderr


def test_debug_shows_traceback(data_copy: Path):
    edit(data_copy / "relationships.csv", "FOUNDED,zhang-fan,", "FOUNDED,nobody,")
    r = CliRunner().invoke(main, ["--debug", "validate", str(data_copy)])
    assert r.exit_code == 1
    assert r.exception is not None and type(r.exception).__name__ == "InvalidData"


# --- meta: every command has help with an example and a README mention -------


def all_commands():
    return sorted(main.commands)


def test_every_command_has_help_with_an_example():
    for name in all_commands():
        r = run(name, "--help")
        assert r.exit_code == 0, name
        assert "Example:" in r.output, f"{name} --help has no example"
        assert re.search(rf"graphkit {name}\b", r.output), name


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text("utf-8")
    for name in all_commands():
        assert f"graphkit {name}" in readme, f"README does not mention 'graphkit {name}'"


def test_unwritable_output_is_one_line(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    r = run("export", "--format", "graphml", "-o", str(blocker / "g.graphml"), str(DATA))
    assert r.exit_code == 1
    assert r.stderr == f"graphkit: {blocker}: File exists\n"
    assert "Traceback" not in r.output and "internal error" not in r.output


def test_markdown_report_escapes_html_from_the_data(data_copy: Path):
    with (data_copy / "people.csv").open("a", encoding="utf-8") as f:
        f.write("evil,<img src=x onerror=alert(1)>,Evil,,false,zhidx-2025-06-16,\n")
    with (data_copy / "relationships.csv").open("a", encoding="utf-8") as f:
        f.write("WORKED_AT,evil,zhipu,<b>boss</b>,,executive,,2025-01,confirmed,zhidx-2025-06-16,quote,\n")
    r = run("report", str(data_copy), "--format", "markdown")
    assert r.exit_code == 0
    assert "<img" not in r.stdout and "<b>" not in r.stdout
    assert "&lt;img src=x onerror=alert(1)>" in r.stdout


# ------------------------------------------------------------- options in either place, honest messages
def test_debug_works_before_and_after_the_command(tmp_path: Path):
    import pytest

    from graphkit.schema.errors import ReadError

    missing = str(tmp_path / "nope")
    plain = CliRunner().invoke(main, ["validate", missing])
    assert plain.exit_code == 1
    assert plain.stderr == f"graphkit: {missing}: no such data directory\n"
    for args in (["--debug", "validate", missing], ["validate", missing, "--debug"]):
        with pytest.raises(ReadError):
            CliRunner().invoke(main, args, catch_exceptions=False)
    # after "--", --debug is an argument, not an option
    r = CliRunner().invoke(main, ["validate", "--", "--debug"])
    assert r.exit_code == 1 and "--debug" in r.stderr


def test_csv_export_refuses_a_file_name(tmp_path: Path):
    out = tmp_path / "graph.csv"
    r = CliRunner().invoke(main, ["export", "--format", "csv", "-o", str(out), str(DATA)])
    assert r.exit_code == 2
    assert r.stderr == (
        f"graphkit: for --format csv, -o names a directory (it receives nodes.csv, edges.csv and "
        f"moves.csv), not a file: {str(out)!r} (try -o {str(tmp_path / 'graph')!r})\n"
    )
    assert not out.exists()
    d = tmp_path / "csv"
    r = run("export", "--format", "csv", "-o", str(d), str(DATA))
    assert r.exit_code == 0
    assert sorted(p.name for p in d.iterdir()) == ["edges.csv", "moves.csv", "nodes.csv"]
    # moves.csv: a header and one row per move (16 departures in the seed)
    assert len((d / "moves.csv").read_text("utf-8").splitlines()) == 1 + 16


def test_possible_without_a_range_is_a_usage_error(tmp_path: Path):
    r = CliRunner().invoke(main, ["html", str(DATA), "-o", str(tmp_path / "x.html"), "--possible"])
    assert r.exit_code == 2
    assert r.stderr == "graphkit: --possible needs --since and/or --until (it widens a date range)\n"
    assert not (tmp_path / "x.html").exists()


def test_counts_are_pluralised(tmp_path: Path):
    from careers_gen import write_dataset

    d = write_dataset(tmp_path / "one", [[("WORKED_AT", "a", "", "2020", "")]])
    r = run("stats", str(d))
    # 1 person + 4 companies + 2 start-ups; one relationship
    assert r.stdout.splitlines()[0] == f"{d}: 7 nodes, 1 relationship"
