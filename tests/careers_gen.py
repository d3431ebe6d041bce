"""Random careers for property-based and parity tests (hypothesis strategies).

A career is a list of stints: (type, organisation, role, start, end), with
fuzzy EDTF dates of every shape graphkit reads (year, month, quarter, half,
interval, open interval, approximate, undated). Each generated dataset
validates: ends never come before starts, and no two rows are the same.
"""

from __future__ import annotations

import csv
from pathlib import Path

from hypothesis import strategies as st

ORGS = ["a", "b", "c", "d"]
STARTUPS = ["s1", "s2"]
ROLES = ["", "", "VP", "CTO", "Interim CEO"]


def _date_text(year: int, shape: int, n: int) -> str:
    if shape == 0:
        return f"{year}"
    if shape == 1:
        return f"{year}-{n % 12 + 1:02d}"
    if shape == 2:
        return f"{year}-{33 + n % 4}"  # a quarter
    if shape == 3:
        return f"{year}-{40 + n % 2}"  # a half
    if shape == 4:
        return f"{year}-{n % 12 + 1:02d}/{year + 1}-{n % 12 + 1:02d}"  # an interval
    if shape == 5:
        return f"../{year}-{n % 12 + 1:02d}-15"  # by a day
    return f"{year}-{n % 12 + 1:02d}~"  # approximate


@st.composite
def fuzzy_date(draw) -> str:
    if draw(st.integers(0, 5)) == 0:
        return ""  # undated
    return _date_text(draw(st.integers(2018, 2025)), draw(st.integers(0, 6)), draw(st.integers(0, 11)))


@st.composite
def stint(draw) -> tuple[str, str, str, str, str]:
    kind = draw(st.sampled_from(["WORKED_AT", "WORKED_AT", "WORKED_AT", "JOINED", "FOUNDED"]))
    org = draw(st.sampled_from(STARTUPS if kind == "FOUNDED" else ORGS + STARTUPS[:1]))
    role = draw(st.sampled_from(ROLES)) if kind == "WORKED_AT" else ""
    start, end = draw(fuzzy_date()), draw(fuzzy_date())
    if kind != "WORKED_AT" and draw(st.booleans()):
        end = ""  # arrivals usually have no end
    if start and end:
        from graphkit.schema import dates

        s, e = dates.parse(start), dates.parse(end)
        if s.earliest and e.latest and e.latest < s.earliest:
            start, end = end, start
            s, e = e, s
            if s.earliest and e.latest and e.latest < s.earliest:
                end = ""
    return (kind, org, role, start, end)


def careers(max_people: int = 6):
    """A list of careers, one per person: each a list of 1 to 5 distinct stints."""
    return st.lists(st.lists(stint(), min_size=1, max_size=5, unique=True), min_size=1, max_size=max_people)


def write_dataset(directory: Path, people: list[list[tuple[str, str, str, str, str]]]) -> Path:
    """Write the careers as a graphkit data directory; return it."""
    directory.mkdir(parents=True, exist_ok=True)

    def write(name: str, header: list[str], rows: list[list[str]]) -> None:
        with (directory / name).open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)

    write(
        "sources.csv", ["id", "title", "publisher", "published"], [["s", "Careers", "Fixture", "2026-01-01"]]
    )
    write("people.csv", ["id", "name"], [[f"p{i}", f"Person {i}"] for i in range(len(people))])
    write(
        "organisations.csv",
        ["id", "kind", "name"],
        [[o, "Company", f"Org {o.upper()}"] for o in ORGS]
        + [[s, "Startup", f"Venture {s}"] for s in STARTUPS],
    )
    rows = []
    for i, career in enumerate(people):
        for kind, org, role, start, end in career:
            rows.append([kind, f"p{i}", org, role, start, end, "confirmed", "s", "generated"])
    write(
        "relationships.csv",
        ["type", "from", "to", "role", "start", "end", "status", "sources", "evidence"],
        rows,
    )
    return directory
