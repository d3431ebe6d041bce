"""One test per validation error, asserting the exact FILE:LINE: message."""

from pathlib import Path

import pytest
from helpers import DATA, edit, line_of

from graphkit import InvalidData, check, load_dataset


def errors_of(directory: Path) -> list[str]:
    with pytest.raises(InvalidData) as info:
        load_dataset(directory)
    return [str(i) for i in info.value.issues if i.severity == "error"]


def test_seed_data_is_valid():
    dataset, issues = check(DATA)
    assert dataset is not None
    assert issues == []


ZK = "WORKED_AT,zhang-kuo,zhipu,首席战略官,Chief strategy officer,executive,"

#: One edit to one file of data/, and the one error it must give at the edited line:
#: (file, text, replacement, error message after "FILE:LINE: ").
ONE_EDIT = {
    "unknown reference": (
        "relationships.csv",
        "FOUNDED,zhang-fan,",
        "FOUNDED,zhang-fann,",
        "unknown node 'zhang-fann' in column 'from'",
    ),
    "missing required value": (
        "organisations.csv",
        "jd,Company,京东",
        "jd,Company,",
        "missing value in required column 'name'",
    ),
    "unknown relationship type": (
        "relationships.csv",
        "APPROACHED,xiaomi",
        "POACHED,xiaomi",
        "unknown relationship type 'POACHED' (expected one of: WORKED_AT, JOINED, "
        "FOUNDED, INVESTED_IN, MEMBER_OF, APPROACHED, HAD_EVENT)",
    ),
    "end before start": (
        "relationships.csv",
        ZK + ",2025-01",
        ZK + "2025-03,2025-01",
        "end '2025-01' is before start '2025-03'",
    ),
    "wrong kinds of node": (
        "relationships.csv",
        "INVESTED_IN,zhipu,venture-zhang-fan",
        "INVESTED_IN,zhipu,zhang-fan",
        "INVESTED_IN cannot go from Company 'zhipu' to Person 'zhang-fan' (expected Company or Investor -> Startup)",
    ),
    "unknown source": (
        "relationships.csv",
        "2025-01,confirmed,zhidx-2025-06-16,",
        "2025-01,confirmed,zhidx-2025-06-16;36kr,",
        "unknown source '36kr' in column 'sources'",
    ),
    "unknown status": (
        "relationships.csv",
        "2024-12~,,attempted,",
        "2024-12~,,rumoured,",
        "unknown status 'rumoured' (expected one of: confirmed, reported, attempted) in column 'status'",
    ),
}


@pytest.mark.parametrize("case", list(ONE_EDIT))
def test_one_edit_gives_one_error_at_its_line(data_copy: Path, case: str):
    name, old, new, message = ONE_EDIT[case]
    path = data_copy / name
    edit(path, old, new)
    assert errors_of(data_copy) == [f"{path}:{line_of(path, new)}: {message}"]


def test_duplicate_id(data_copy: Path):
    people = data_copy / "people.csv"
    with people.open("a", encoding="utf-8") as f:
        f.write("zhang-kuo,曲滕,Qu Teng,,false,zhidx-2025-06-16,\n")  # line 19
    assert errors_of(data_copy) == [f"{people}:19: duplicate id 'zhang-kuo' (first defined at {people}:2)"]


def test_duplicate_id_across_files(data_copy: Path):
    orgs = data_copy / "organisations.csv"
    with orgs.open("a", encoding="utf-8") as f:
        f.write("zhang-fan,Company,张帆公司,,,,false,zhidx-2025-06-16,\n")  # line 17
    assert errors_of(data_copy) == [
        f"{orgs}:17: duplicate id 'zhang-fan' (first defined at {data_copy / 'people.csv'}:4)"
    ]


def test_missing_required_column(data_copy: Path):
    people = data_copy / "people.csv"
    edit(people, "id,name,name_en", "id,nom,name_en")
    assert errors_of(data_copy) == [f"{people}:1: missing required column 'name'"]


def test_unknown_node_kind(data_copy: Path):
    orgs = data_copy / "organisations.csv"
    edit(orgs, "jd,Company,", "jd,Compnay,")
    line = line_of(orgs, "jd,Compnay,")
    message = "unknown node kind 'Compnay' (expected one of: Company, Startup, Investor, Group)"
    errors = errors_of(data_copy)
    assert f"{orgs}:{line}: {message}" in errors
    # the relationship that points at jd now has a dangling end, and says so
    rel = data_copy / "relationships.csv"
    assert f"{rel}:{line_of(rel, 'JOINED,duan-nan,jd')}: unknown node 'jd' in column 'to'" in errors
    assert len(errors) == 2


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (
            "2025-13",
            "invalid date '2025-13' (expected EDTF, e.g. 2025-06, 2025-40 (first half), "
            "2024-36 (Q4), 2024-12/2025-06) in column 'end'",
        ),
        ("2025-02-29", "impossible date '2025-02-29' (2025-02-29 does not exist) in column 'end'"),
        (
            "2025-06/2024-01",
            "impossible date '2025-06/2024-01' (the interval ends before it starts) in column 'end'",
        ),
        (
            "January",
            "invalid date 'January' (expected EDTF, e.g. 2025-06, 2025-40 (first half), "
            "2024-36 (Q4), 2024-12/2025-06) in column 'end'",
        ),
    ],
)
def test_bad_dates(data_copy: Path, bad: str, message: str):
    rel = data_copy / "relationships.csv"
    edit(
        rel,
        "WORKED_AT,zhang-kuo,zhipu,首席战略官,Chief strategy officer,executive,,2025-01",
        f"WORKED_AT,zhang-kuo,zhipu,首席战略官,Chief strategy officer,executive,,{bad}",
    )
    line = line_of(rel, "WORKED_AT,zhang-kuo")
    assert errors_of(data_copy) == [f"{rel}:{line}: {message}"]


def test_overlapping_fuzzy_dates_are_not_an_error(data_copy: Path):
    # end 2025-40 (Jan-Jun 2025) may well be after start 2025-03: no error.
    rel = data_copy / "relationships.csv"
    edit(
        rel,
        "WORKED_AT,wei-wei,minimax,商业化合伙人兼副总裁,Commercialisation partner and VP,"
        "commercial;executive,,2025-40",
        "WORKED_AT,wei-wei,minimax,商业化合伙人兼副总裁,Commercialisation partner and VP,"
        "commercial;executive,2025-03,2025-40",
    )
    assert load_dataset(data_copy)


def test_missing_evidence(data_copy: Path):
    ev = data_copy / "events.csv"
    text = ev.read_text("utf-8").splitlines()
    # blank the evidence column of the second event (line 3)
    import csv
    import io

    rows = list(csv.reader(io.StringIO("\n".join(text))))
    rows[2][8] = ""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    ev.write_text(buf.getvalue(), "utf-8")
    assert errors_of(data_copy) == [f"{ev}:3: missing evidence (the verbatim quote from the source)"]


def test_binary_file(data_copy: Path):
    people = data_copy / "people.csv"
    people.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    errors = errors_of(data_copy)
    assert errors[0] == f"{people}:1: not a text file (it contains NUL bytes); expected CSV"


def test_missing_file(data_copy: Path):
    (data_copy / "sources.csv").unlink()
    errors = errors_of(data_copy)
    assert f"{data_copy / 'sources.csv'}: missing file" in errors


def test_every_problem_is_reported_not_just_the_first(data_copy: Path):
    rel = data_copy / "relationships.csv"
    edit(rel, "FOUNDED,zhang-fan,", "FOUNDED,nobody,")
    edit(rel, "APPROACHED,xiaomi", "POACHED,xiaomi")
    people = data_copy / "people.csv"
    with people.open("a", encoding="utf-8") as f:
        f.write("zhang-kuo,曲滕,Qu Teng,,false,zhidx-2025-06-16,\n")
    assert len(errors_of(data_copy)) == 3


def test_same_person_twice_is_a_warning(data_copy: Path):
    people = data_copy / "people.csv"
    with people.open("a", encoding="utf-8") as f:
        f.write("zhangfan,张帆,Zhang Fan,,false,zhidx-2025-06-16,\n")  # line 19: same name
        f.write("zhang-fan-2,章帆,Zhang Fan,,false,zhidx-2025-06-16,\n")  # line 20: same pinyin
    dataset, issues = check(data_copy)
    assert dataset is not None  # warnings do not block
    assert [str(i) for i in issues] == [
        f"{people}:19: warning: 'zhangfan' may be the same person as 'zhang-fan' (line 4): same name 张帆",
        f"{people}:20: warning: 'zhang-fan-2' may be the same person as 'zhang-fan' (line 4): "
        "similar names 张帆 / 章帆",
    ]


def test_unnamed_people_are_not_duplicates(data_copy: Path):
    people = data_copy / "people.csv"
    with people.open("a", encoding="utf-8") as f:
        f.write("x,王冠的同事甲（未具名）,,,true,zhihu-2025-06-16,\n")
    _, issues = check(data_copy)
    assert issues == []


# --------------------------------------------------------- a relationship's identity includes its time
def _append(rel: Path, *rows: str) -> int:
    """Append rows to relationships.csv; return the line number of the first."""
    first = len(rel.read_text("utf-8").splitlines()) + 1
    with rel.open("a", encoding="utf-8") as f:
        for row in rows:
            f.write(row + "\n")
    return first


Q = "zhidx-2025-06-16,quote"


def test_exact_duplicate_relationship_is_an_error(data_copy: Path):
    rel = data_copy / "relationships.csv"
    n = _append(
        rel,
        f"WORKED_AT,zhang-kuo,minimax,,,,2019,2020,confirmed,{Q},",
        f"WORKED_AT,zhang-kuo,minimax,,,,2019,2020,confirmed,{Q},",
    )
    assert errors_of(data_copy) == [
        f"{rel}:{n + 1}: duplicate relationship WORKED_AT zhang-kuo -> minimax (first at {rel}:{n})"
    ]


def test_rehire_with_no_role_is_not_refused(data_copy: Path):
    """The same job twice, at separate times, with no role: both rows stand, no warning."""
    rel = data_copy / "relationships.csv"
    _append(
        rel,
        f"WORKED_AT,zhang-kuo,minimax,,,,2015,2017,confirmed,{Q},",
        f"WORKED_AT,zhang-kuo,minimax,,,,2020,,confirmed,{Q},",
    )
    dataset, issues = check(data_copy)
    assert issues == []
    keys = [r.key for r in dataset.relationships if r.source == "zhang-kuo" and r.target == "minimax"]
    # type:from->to:role:start:end (the role is empty)
    assert keys == ["WORKED_AT:zhang-kuo->minimax::2015:2017", "WORKED_AT:zhang-kuo->minimax::2020:"]
    g = __import__("graphkit").build_graph(data_copy)
    assert g.number_of_edges("zhang-kuo", "minimax") == 2


def test_same_stint_written_twice_is_a_warning(data_copy: Path):
    rel = data_copy / "relationships.csv"
    n = _append(
        rel,
        f"WORKED_AT,zhang-kuo,minimax,VP,,,2019,2021,confirmed,{Q},",
        f"WORKED_AT,zhang-kuo,minimax,VP,,,2019-06,2021,confirmed,{Q},",  # overlaps: probably the same
        f"WORKED_AT,zhang-kuo,minimax,VP,,,2022,2023,confirmed,{Q},",  # later: a second stint
        f"WORKED_AT,zhang-kuo,minimax,CTO,,,2019-06,2021,confirmed,{Q},",  # another role: fine
    )
    dataset, issues = check(data_copy)
    assert dataset is not None and len(dataset.relationships) == 39 + 4
    assert [str(i) for i in issues] == [
        f"{rel}:{n + 1}: warning: WORKED_AT zhang-kuo -> minimax may repeat the row at {rel}:{n} "
        "(same role, overlapping dates)"
    ]


def test_touching_stints_of_one_role_overlap_on_the_shared_day(data_copy: Path):
    # 2019-2021 and 2021-2022 share 2021: possibly the same stint
    rel = data_copy / "relationships.csv"
    _append(
        rel,
        f"WORKED_AT,zhang-kuo,minimax,VP,,,2019,2021,confirmed,{Q},",
        f"WORKED_AT,zhang-kuo,minimax,VP,,,2021,2022,confirmed,{Q},",
    )
    assert len(check(data_copy)[1]) == 1
    rel2 = data_copy / "relationships.csv"
    rel2.write_text(rel2.read_text("utf-8").replace(",2021,2022,", ",2022,2023,"), "utf-8")
    assert check(data_copy)[1] == []


def test_validated_dataset_holds_every_relationship():
    dataset, _ = check(DATA)
    assert len(dataset.relationships) == 37 + 2  # the 37 rows, plus one HAD_EVENT per event
    assert sum(r.type == "WORKED_AT" for r in dataset.relationships) == 22
