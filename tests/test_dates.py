import datetime as dt

import pytest

from graphkit.schema import dates


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2025-01", dt.date(2025, 1, 1), dt.date(2025, 1, 31)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),  # leap year
        ("2024-36", dt.date(2024, 10, 1), dt.date(2024, 12, 31)),  # Q4
        ("2025-33", dt.date(2025, 1, 1), dt.date(2025, 3, 31)),  # Q1
        ("2025-40", dt.date(2025, 1, 1), dt.date(2025, 6, 30)),  # first half
        ("2025-41", dt.date(2025, 7, 1), dt.date(2025, 12, 31)),  # second half
        ("2024-12/2025-06", dt.date(2024, 12, 1), dt.date(2025, 6, 30)),
        ("../2025-06-16", None, dt.date(2025, 6, 16)),
        ("2024-12~", dt.date(2024, 12, 1), dt.date(2024, 12, 31)),
    ],
)
def test_bounds(text, earliest, latest):
    d = dates.parse(text)
    assert (d.earliest, d.latest) == (earliest, latest)


def test_spring_is_not_a_quarter():
    d = dates.parse("2024-21")  # EDTF 21 = spring, not Q1
    assert d.earliest.month == 3


def test_certain_and_possible():
    h1 = (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    assert dates.parse("2025-01").certainly_within(*h1)
    half_year = dates.parse("2024-12/2025-06")
    assert not half_year.certainly_within(*h1)
    assert half_year.possibly_within(*h1)
    assert not dates.parse("2024-11").possibly_within(*h1)
    assert dates.parse("../2025-06-16").possibly_within(*h1)


@pytest.mark.parametrize("bad", ["2025-13", "2025-02-29", "2025/06", "", "2025-06/2024-01"])
def test_bad(bad):
    with pytest.raises(dates.BadDate):
        dates.parse(bad)


@pytest.mark.parametrize(
    ("text", "en", "zh"),
    [
        ("2025-40", "first half of 2025", "2025年上半年"),
        ("2024-36", "Q4 2024", "2024年第四季度"),
        ("2025-06", "June 2025", "2025年6月"),
        ("2024-12/2025-06", "December 2024 to June 2025", "2024年12月至2025年6月"),
        ("../2025-06-16", "by 16 June 2025", "2025年6月16日之前"),
        ("2024-12~", "about December 2024", "约2024年12月"),
        ("", "undated", "未注明日期"),
    ],
)
def test_humanise(text, en, zh):
    assert dates.humanise(text, "en") == en
    assert dates.humanise(text, "zh") == zh
