"""`graphkit extract` on the command line: the draft folder it writes, and bad input as one line."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner
from helpers import DATA_ALL, SEED

from graphkit.cli import main
from graphkit.ingest.validate import check

SENTENCE = "以智谱为例,首席战略官张阔、副总裁曲滕于今年1月离职,首席运营官张帆也于本月离职。"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_a_draft_folder_that_validates_with_known_ids(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("智谱人事变动\n" + SENTENCE + "\n", "utf-8")
    out = tmp_path / "draft"
    r = run(
        "extract",
        str(article),
        "--published",
        "2025-06-16",
        "--known",
        str(DATA_ALL),
        "--source",
        "s1",
        "-o",
        str(out),
    )
    assert r.exit_code == 0, r.output
    assert r.output.startswith(f"wrote {out}: 3 relationships, 3 people, 1 organisation")
    rels = rows(out / "relationships.csv")
    # the known ids of data/, each date read against 2025-06-16: 今年1月 -> 2025-01, 本月 -> 2025-06
    assert [(x["type"], x["from"], x["to"], x["role"], x["end"]) for x in rels] == [
        ("WORKED_AT", "zhang-kuo", "zhipu", "首席战略官", "2025-01"),
        ("WORKED_AT", "qu-teng", "zhipu", "副总裁", "2025-01"),
        ("WORKED_AT", "zhang-fan", "zhipu", "首席运营官", "2025-06"),
    ]
    text = article.read_text("utf-8")
    for x in rels:
        start, end = map(int, x["span"].split("-"))
        assert x["evidence"] == SENTENCE == text[start:end]  # verbatim, at its offsets
        assert x["sources"] == "s1"
        assert 0 < float(x["confidence"]) <= 1
        assert "known" in x["flags"].split(";")
    assert list(rels[0])[-3:] == ["confidence", "flags", "span"]
    dataset, issues = check(out)
    assert dataset is not None and [i for i in issues if i.severity == "error"] == []
    assert rows(out / "sources.csv")[0]["title"] == "智谱人事变动"  # the first line
    assert rows(out / "sources.csv")[0]["published"] == "2025-06-16"


def test_the_seed_article_cold(tmp_path):
    out = tmp_path / "draft"
    r = run("extract", str(next(SEED.glob("*.txt"))), "--published", "2025-06-16", "-o", str(out))
    assert r.exit_code == 0, r.output
    dataset, issues = check(out)
    assert dataset is not None, [str(i) for i in issues]
    # new people get pinyin ids and the new_entity flag
    people = {p["id"]: p for p in rows(out / "people.csv")}
    assert people["zhang-fan"]["name"] == "张帆" and "new_entity" in people["zhang-fan"]["flags"]


def test_html_in_the_text_stays_literal(tmp_path):
    article = tmp_path / "a.txt"
    sentence = "<b>智谱</b>首席运营官张帆于本月离职<script>alert(1)</script>。"
    article.write_text(sentence, "utf-8")
    out = tmp_path / "draft"
    assert run("extract", str(article), "--published", "2025-06-16", "-o", str(out)).exit_code == 0
    evidence = {x["evidence"] for x in rows(out / "relationships.csv")}
    assert evidence <= {sentence}


def test_a_gb18030_article_is_read(tmp_path):
    article = tmp_path / "gb.txt"
    article.write_bytes(("标题\n" + SENTENCE).encode("gb18030"))
    out = tmp_path / "draft"
    r = run("extract", str(article), "--published", "2025-06-16", "-o", str(out))
    assert r.exit_code == 0, r.output
    assert {x["evidence"] for x in rows(out / "relationships.csv")} == {SENTENCE}


def test_bad_input_is_one_line(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", "utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    good = tmp_path / "a.txt"
    good.write_text(SENTENCE, "utf-8")
    out = str(tmp_path / "draft")
    cases = [
        (
            ["extract", str(empty), "--published", "2025-06-16", "-o", out],
            1,
            f"graphkit: {empty}: empty article: nothing to extract",
        ),
        (
            ["extract", str(binary), "--published", "2025-06-16", "-o", out],
            1,
            f"graphkit: {binary}:1: not a text file",
        ),
        (["extract", str(tmp_path / "none.txt"), "--published", "2025-06-16", "-o", out], 1, "no such file"),
        (
            ["extract", str(good), "--published", "16.6.2025", "-o", out],
            2,
            "graphkit: --published must be a day, YYYY-MM-DD (got '16.6.2025')",
        ),
        (
            [
                "extract",
                str(good),
                "--published",
                "2025-06-16",
                "--known",
                str(tmp_path / "nowhere"),
                "-o",
                out,
            ],
            1,
            "no such data directory",
        ),
    ]
    for args, code, message in cases:
        r = run(*args)
        assert r.exit_code == code, (args, r.output)
        assert message in r.output
        assert "Traceback" not in r.output
        assert len([line for line in r.output.splitlines() if line.startswith("graphkit:")]) == 1
