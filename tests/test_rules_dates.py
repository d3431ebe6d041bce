"""Rules of fuzzy EDTF dates (graphkit.schema.dates) and of their day numbers (graphkit.graph.time).

Expected days come from the calendar (month lengths, leap years, quarters, halves) or from
Python's ``datetime``/``calendar``, never from the code under test. Seasons follow the
``edtf`` package: spring = March-May, summer = June-August, autumn = September-November,
and winter = December of the same year only (the package does not wrap it into January).
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.graph import careers as gc
from graphkit.graph import flows
from graphkit.graph import time as gt
from graphkit.schema import dates
from graphkit.schema.errors import GraphkitError

D = dt.date
EXAMPLES = "e.g. 2025-06, 2025-40 (first half), 2024-36 (Q4), 2024-12/2025-06"

# Sub-year codes and the months they cover (first, last), as calendar facts.
SUB_YEAR_MONTHS = {
    21: (3, 5),  # spring
    22: (6, 8),  # summer
    23: (9, 11),  # autumn
    24: (12, 12),  # winter (edtf: December only)
    33: (1, 3),  # Q1
    34: (4, 6),  # Q2
    35: (7, 9),  # Q3
    36: (10, 12),  # Q4
    40: (1, 6),  # first half
    41: (7, 12),  # second half
}
QUARTERS_AND_HALVES = (33, 34, 35, 36, 40, 41)
SEASONS = (21, 22, 23, 24)


def last_day(year: int, month: int) -> D:
    return D(year, month, calendar.monthrange(year, month)[1])


def ordinals(lo: D | None, hi: D | None) -> tuple[int, int]:
    return (lo.toordinal() if lo else gt.NEG, hi.toordinal() if hi else gt.POS)


def bounds(text: str) -> tuple[D | None, D | None]:
    d = dates.parse(text)
    return d.earliest, d.latest


def bad(text: str) -> str:
    with pytest.raises(dates.BadDate) as info:
        dates.parse(text)
    return str(info.value)


# ====================================================================== dates.parse
@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2025", D(2025, 1, 1), D(2025, 12, 31)),
        ("2024", D(2024, 1, 1), D(2024, 12, 31)),
        ("0001", D(1, 1, 1), D(1, 12, 31)),
        ("9999", D(9999, 1, 1), D(9999, 12, 31)),
        ("2025-01", D(2025, 1, 1), D(2025, 1, 31)),
        ("2025-04", D(2025, 4, 1), D(2025, 4, 30)),
        ("2025-12", D(2025, 12, 1), D(2025, 12, 31)),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),  # leap year
        ("2023-02", D(2023, 2, 1), D(2023, 2, 28)),
        ("1900-02", D(1900, 2, 1), D(1900, 2, 28)),  # a century is not a leap year...
        ("2000-02", D(2000, 2, 1), D(2000, 2, 29)),  # ...unless divisible by 400
        ("9999-12", D(9999, 12, 1), D(9999, 12, 31)),
        ("2025-06-16", D(2025, 6, 16), D(2025, 6, 16)),
        ("2024-02-29", D(2024, 2, 29), D(2024, 2, 29)),
        ("2000-02-29", D(2000, 2, 29), D(2000, 2, 29)),
        ("0001-01-01", D(1, 1, 1), D(1, 1, 1)),
        ("2025-33", D(2025, 1, 1), D(2025, 3, 31)),
        ("2025-34", D(2025, 4, 1), D(2025, 6, 30)),
        ("2025-35", D(2025, 7, 1), D(2025, 9, 30)),
        ("2025-36", D(2025, 10, 1), D(2025, 12, 31)),
        ("2024-33", D(2024, 1, 1), D(2024, 3, 31)),
        ("2025-40", D(2025, 1, 1), D(2025, 6, 30)),
        ("2025-41", D(2025, 7, 1), D(2025, 12, 31)),
        ("2025-21", D(2025, 3, 1), D(2025, 5, 31)),
        ("2025-22", D(2025, 6, 1), D(2025, 8, 31)),
        ("2025-23", D(2025, 9, 1), D(2025, 11, 30)),
        ("2025-24", D(2025, 12, 1), D(2025, 12, 31)),
        ("2024-12~", D(2024, 12, 1), D(2024, 12, 31)),
        ("2024-12?", D(2024, 12, 1), D(2024, 12, 31)),
        ("2024-12%", D(2024, 12, 1), D(2024, 12, 31)),
        ("2024?", D(2024, 1, 1), D(2024, 12, 31)),
        ("2024-06-15~", D(2024, 6, 15), D(2024, 6, 15)),
        ("2024-06-15%", D(2024, 6, 15), D(2024, 6, 15)),
        ("2024-12/2025-06", D(2024, 12, 1), D(2025, 6, 30)),
        ("2024-12-31/2025-01-01", D(2024, 12, 31), D(2025, 1, 1)),
        ("2024/2024-01", D(2024, 1, 1), D(2024, 1, 31)),
        ("2024-06-15/2024-06", D(2024, 6, 15), D(2024, 6, 30)),
        ("2024-06/2024-06-01", D(2024, 6, 1), D(2024, 6, 1)),  # ends on the day it starts
        ("2024-06-01/2024-06-01", D(2024, 6, 1), D(2024, 6, 1)),
        ("2024-12~/2025-01?", D(2024, 12, 1), D(2025, 1, 31)),
        ("2024-21/2024-22", D(2024, 3, 1), D(2024, 8, 31)),
        ("../2025-06-16", None, D(2025, 6, 16)),
        ("../2025", None, D(2025, 12, 31)),
        ("2025-06/..", D(2025, 6, 1), None),
        ("2024-02-29/..", D(2024, 2, 29), None),
        ("2024-21/..", D(2024, 3, 1), None),
        ("../..", None, None),
        ("1985-04-12T23:20:30", D(1985, 4, 12), D(1985, 4, 12)),
    ],
)
def test_parse_bounds(text, earliest, latest):
    d = dates.parse(text)
    assert (d.earliest, d.latest) == (earliest, latest)
    assert d.text == text


def test_parse_strips_spaces_and_keeps_the_stripped_text():
    d = dates.parse("  2024-06 \n")
    assert (d.text, d.earliest, d.latest) == ("2024-06", D(2024, 6, 1), D(2024, 6, 30))


def test_parse_returns_equal_values_for_equal_texts():
    assert dates.parse("2025-40") == dates.FuzzyDate("2025-40", D(2025, 1, 1), D(2025, 6, 30))


def test_a_parsed_date_cannot_be_changed():
    """parse() caches its answers, so one caller must not change what another receives."""
    d = dates.parse("2025-40")
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.latest = D(2025, 12, 31)  # type: ignore[misc]
    assert {d, dates.parse("2025-40")} == {d}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "x",
        "..",
        "2025/06",  # not a month
        "2025-13",
        "2025-00",
        "2025-06-00",
        "2025-06-31",
        "2025-42",  # no sub-year code 42
        "2024-33?",  # a quarter takes no qualifier
        "2024-40~",
        "2024-21~",
        "2024-33/2024-40",  # quarters and halves are not allowed inside intervals
        "2024-40/2024-41",
        "../2025-33",
        "2025-41/..",
        "2024-02-30/2024-03",
    ],
)
def test_invalid_dates_say_what_is_expected(text):
    assert bad(text) == f"invalid date {text.strip()!r} (expected EDTF, {EXAMPLES})"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2023-02-29", "2023-02-29"),
        ("1900-02-29", "1900-02-29"),
        ("2023-02-29/2024", "2023-02-29"),
        ("2024/2023-02-29", "2023-02-29"),
        ("2023-02-29/..", "2023-02-29"),
    ],
)
def test_days_that_do_not_exist_are_named(text, day):
    assert bad(text) == f"impossible date {text!r} ({day} does not exist)"


@pytest.mark.parametrize("text", ["0000", "0000-01"])
def test_year_zero_is_impossible(text):
    assert bad(text) == f"impossible date {text!r}"


@pytest.mark.parametrize(
    "text",
    ["2024-06/2024-05", "2024-06-02/2024-06-01", "2025-01-01/2024-12-31", "2025-01/2024-12", "2025/2024"],
)
def test_intervals_that_end_before_they_start_are_impossible(text):
    assert bad(text) == f"impossible date {text!r} (the interval ends before it starts)"


def test_bad_date_is_a_graphkit_error_without_the_parser_traceback():
    with pytest.raises(dates.BadDate) as info:
        dates.parse("nonsense")
    assert isinstance(info.value, GraphkitError)
    assert info.value.exit_code == 1
    assert info.value.__cause__ is None and info.value.__suppress_context__
    with pytest.raises(dates.BadDate) as info:
        dates.parse("2023-02-29")
    assert info.value.__cause__ is None and info.value.__suppress_context__
    with pytest.raises(dates.BadDate) as info:
        dates.parse("0000")
    assert info.value.__cause__ is None and info.value.__suppress_context__


# ====================================================== certainly_within / possibly_within
JUNE = dates.parse("2025-06")  # 2025-06-01 .. 2025-06-30


@pytest.mark.parametrize(
    ("start", "end", "certain", "possible"),
    [
        (D(2025, 6, 1), D(2025, 6, 30), True, True),  # exactly the month
        (D(2025, 5, 31), D(2025, 7, 1), True, True),  # one day more on each side
        (D(2025, 6, 2), D(2025, 6, 30), False, True),  # misses the first day
        (D(2025, 6, 1), D(2025, 6, 29), False, True),  # misses the last day
        (D(2025, 6, 30), D(2025, 12, 31), False, True),  # shares only the last day
        (D(2025, 1, 1), D(2025, 6, 1), False, True),  # shares only the first day
        (D(2025, 7, 1), D(2025, 12, 31), False, False),  # starts the day after
        (D(2025, 1, 1), D(2025, 5, 31), False, False),  # ends the day before
        (D(2025, 6, 10), D(2025, 6, 20), False, True),  # inside the month
    ],
)
def test_within_a_window_at_its_boundary_days(start, end, certain, possible):
    assert JUNE.certainly_within(start, end) is certain
    assert JUNE.possibly_within(start, end) is possible


@pytest.mark.parametrize(
    ("start", "end", "certain", "possible"),
    [
        (D(2025, 6, 16), D(2025, 6, 16), True, True),
        (D(2025, 6, 17), D(2025, 6, 30), False, False),
        (D(2025, 6, 1), D(2025, 6, 15), False, False),
        (D(2025, 6, 16), D(2025, 6, 30), True, True),
        (D(2025, 6, 1), D(2025, 6, 16), True, True),
    ],
)
def test_a_single_day_is_within_a_window_holding_it(start, end, certain, possible):
    d = dates.parse("2025-06-16")
    assert d.certainly_within(start, end) is certain
    assert d.possibly_within(start, end) is possible


@pytest.mark.parametrize(
    ("text", "start", "end", "possible"),
    [
        ("../2025-06-16", D(2025, 6, 16), D(2025, 12, 31), True),  # its last possible day
        ("../2025-06-16", D(2025, 6, 17), D(2025, 12, 31), False),
        ("../2025-06-16", D(1, 1, 1), D(1, 1, 1), True),  # open: may be any earlier day
        ("2025-06-16/..", D(2025, 1, 1), D(2025, 6, 16), True),  # its first possible day
        ("2025-06-16/..", D(2025, 1, 1), D(2025, 6, 15), False),
        ("2025-06-16/..", D(9999, 12, 31), D(9999, 12, 31), True),
        ("../..", D(2025, 1, 1), D(2025, 1, 1), True),
    ],
)
def test_open_dates_are_possibly_but_never_certainly_within(text, start, end, possible):
    d = dates.parse(text)
    assert d.possibly_within(start, end) is possible
    assert d.certainly_within(D(1, 1, 1), D(9999, 12, 31)) is False


def test_certainly_within_needs_both_ends_known():
    everything = (D(1, 1, 1), D(9999, 12, 31))
    assert dates.FuzzyDate("x", None, D(2025, 1, 1)).certainly_within(*everything) is False
    assert dates.FuzzyDate("x", D(2025, 1, 1), None).certainly_within(*everything) is False
    assert dates.FuzzyDate("x", D(2025, 1, 1), D(2025, 1, 1)).certainly_within(*everything) is True


def test_an_empty_window_holds_nothing():
    d = dates.parse("2025-06")
    assert not d.certainly_within(D(2025, 6, 30), D(2025, 6, 1))
    assert not dates.parse("2025-06-15").possibly_within(D(2025, 6, 16), D(2025, 6, 14))


# ======================================================================= humanise
@pytest.mark.parametrize(
    ("text", "en", "zh"),
    [
        ("", "undated", "未注明日期"),
        ("2025", "2025", "2025年"),
        ("2025~", "about 2025", "约2025年"),
        ("2025?", "about 2025", "约2025年"),
        ("2025%", "about 2025", "约2025年"),
        ("2025-01", "January 2025", "2025年1月"),
        ("2025-12", "December 2025", "2025年12月"),
        ("2025-06?", "about June 2025", "约2025年6月"),
        ("2025-06-05", "5 June 2025", "2025年6月5日"),
        ("2024-02-29", "29 February 2024", "2024年2月29日"),
        ("2025-12-31", "31 December 2025", "2025年12月31日"),
        ("2025-06-16~", "about 16 June 2025", "约2025年6月16日"),
        ("2025-06-16%", "about 16 June 2025", "约2025年6月16日"),
        ("2025-33", "Q1 2025", "2025年第一季度"),
        ("2025-34", "Q2 2025", "2025年第二季度"),
        ("2025-35", "Q3 2025", "2025年第三季度"),
        ("2025-36", "Q4 2025", "2025年第四季度"),
        ("2025-40", "first half of 2025", "2025年上半年"),
        ("2025-41", "second half of 2025", "2025年下半年"),
        ("2025-21", "spring 2025", "2025年春"),
        ("2025-22", "summer 2025", "2025年夏"),
        ("2025-23", "autumn 2025", "2025年秋"),
        ("2025-24", "winter 2025", "2025年冬"),
        ("2025-13", "13 2025", "2025年13"),  # a code with no name is shown as its number
        ("2025-37", "37 2025", "2025年37"),
        ("2024-12/2025-06", "December 2024 to June 2025", "2024年12月至2025年6月"),
        ("2024-12~/2025-06", "about December 2024 to June 2025", "约2024年12月至2025年6月"),
        ("2024/2025-06-16", "2024 to 16 June 2025", "2024年至2025年6月16日"),
        ("../2025-06-16", "by 16 June 2025", "2025年6月16日之前"),
        ("/2025-06", "by June 2025", "2025年6月之前"),
        ("../2025-40", "by first half of 2025", "2025年上半年之前"),
        ("2025-06/..", "since June 2025", "2025年6月起"),
        ("2025-06/", "since June 2025", "2025年6月起"),
        ("2025~/..", "since about 2025", "约2025年起"),
        ("sometime", "sometime", "sometime"),  # not a date: shown as given
        ("2025X", "2025X", "2025X"),
        ("2025-6", "2025-6", "2025-6"),
        ("1985-04-12T23:20:30", "1985-04-12T23:20:30", "1985-04-12T23:20:30"),
    ],
)
def test_humanise(text, en, zh):
    assert dates.humanise(text, "en") == en
    assert dates.humanise(text, "zh") == zh


def test_humanise_is_english_by_default():
    assert dates.humanise("2025-40") == "first half of 2025"
    assert dates.humanise("") == "undated"


# ======================================================== flows.lag_range / humanise_lag
@pytest.mark.parametrize(
    ("departure", "investment", "lag"),
    [
        ("2025-06", "2025-07-01", (1, 30)),  # July 1 minus June 30, minus June 1
        ("2025-06-30", "2025-06-30", (0, 0)),
        ("2025-06-30", "2025-06-01", (-29, -29)),
        ("2024-12-31", "2025-01-01", (1, 1)),
        ("2024", "2025", (1, 730)),  # 2024 has 366 days: 2025-12-31 is 366 + 364 days after 2024-01-01
        ("2023-02", "2023-03-01", (1, 28)),
        ("2024-02", "2024-03-01", (1, 29)),
        ("", "2025", None),
        ("2025", "", None),
        ("../2025-06", "2025-07", None),
        ("2025-06/..", "2025-07", None),
        ("2025-06", "../2025-07", None),
        ("2025-06", "2025-07/..", None),
    ],
)
def test_lag_range(departure, investment, lag):
    assert flows.lag_range(departure, investment) == lag


@pytest.mark.parametrize(
    ("lag", "text"),
    [
        (None, "unknown"),
        ((5, 5), "5 days"),
        ((0, 0), "0 days"),
        ((1, 30), "1 to 30 days"),
        ((-3, 2), "-3 to 2 days"),
    ],
)
def test_humanise_lag(lag, text):
    assert flows.humanise_lag(lag) == text


# ======================================================================== time.span
def test_open_day_numbers_lie_outside_every_real_day():
    assert D.min.toordinal() > gt.NEG and D.max.toordinal() < gt.POS
    assert gc.NEG == gt.NEG and gc.POS == gt.POS


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("2025", D(2025, 1, 1), D(2025, 12, 31)),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        ("2023-02", D(2023, 2, 1), D(2023, 2, 28)),
        ("2024-12", D(2024, 12, 1), D(2024, 12, 31)),
        ("2024-11", D(2024, 11, 1), D(2024, 11, 30)),
        ("2024-12-31", D(2024, 12, 31), D(2024, 12, 31)),
        ("2025-01-01", D(2025, 1, 1), D(2025, 1, 1)),
        ("2025-33", D(2025, 1, 1), D(2025, 3, 31)),
        ("2025-36", D(2025, 10, 1), D(2025, 12, 31)),
        ("2025-41", D(2025, 7, 1), D(2025, 12, 31)),
        ("2024-21", D(2024, 3, 1), D(2024, 5, 31)),  # a season: read by dates.parse
        ("2024-24", D(2024, 12, 1), D(2024, 12, 31)),
        ("9999", D(9999, 1, 1), D(9999, 12, 31)),  # no next year to count back from
        ("9999-12", D(9999, 12, 1), D(9999, 12, 31)),
        ("2024-12~/2025-01?", D(2024, 12, 1), D(2025, 1, 31)),
        ("2024-21/2024-22", D(2024, 3, 1), D(2024, 8, 31)),
        (" 2024", D(2024, 1, 1), D(2024, 12, 31)),  # read by dates.parse, which strips
        ("../2025-06-16", None, D(2025, 6, 16)),
        ("2025-06/..", D(2025, 6, 1), None),
        ("2024-21/..", D(2024, 3, 1), None),
        ("../..", None, None),
    ],
)
def test_span(text, lo, hi):
    assert gt.span(text) == ordinals(lo, hi)
    assert gc.span(text) == ordinals(lo, hi)


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("2025-06", D(2025, 6, 1), D(2025, 6, 30)),
        ("2025-33", D(2025, 1, 1), D(2025, 3, 31)),
        ("2024-12/2025-06", D(2024, 12, 1), D(2025, 6, 30)),
        ("../2025-06-16", None, D(2025, 6, 16)),
    ],
)
def test_span_reads_plain_shapes_without_the_edtf_parser(monkeypatch, text, lo, hi):
    def no_parser(text):
        raise AssertionError(f"dates.parse({text!r}) called")

    monkeypatch.setattr(gt.dates, "parse", no_parser)
    assert gt.span.__wrapped__(text) == ordinals(lo, hi)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-06/2024-05", "impossible date '2024-06/2024-05' (the interval ends before it starts)"),
        ("2025-01/2024-12", "impossible date '2025-01/2024-12' (the interval ends before it starts)"),
        ("2023-02-29", "impossible date '2023-02-29' (2023-02-29 does not exist)"),
        ("2024-33/2024-40", f"invalid date '2024-33/2024-40' (expected EDTF, {EXAMPLES})"),
        ("2024-33~", f"invalid date '2024-33~' (expected EDTF, {EXAMPLES})"),
        ("", f"invalid date '' (expected EDTF, {EXAMPLES})"),
    ],
)
def test_span_of_a_wrong_date_says_what_is_wrong(text, message):
    with pytest.raises(dates.BadDate) as info:
        gt.span(text)
    assert str(info.value) == message


# ============================================================== time._plain_day_span
@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("2025", D(2025, 1, 1), D(2025, 12, 31)),
        ("2024~", D(2024, 1, 1), D(2024, 12, 31)),
        ("0001", D(1, 1, 1), D(1, 12, 31)),
        ("9998", D(9998, 1, 1), D(9998, 12, 31)),
        ("2024-01", D(2024, 1, 1), D(2024, 1, 31)),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        ("2023-02", D(2023, 2, 1), D(2023, 2, 28)),
        ("1900-02", D(1900, 2, 1), D(1900, 2, 28)),
        ("2000-02", D(2000, 2, 1), D(2000, 2, 29)),
        ("2024-04", D(2024, 4, 1), D(2024, 4, 30)),
        ("2024-11", D(2024, 11, 1), D(2024, 11, 30)),
        ("2024-12", D(2024, 12, 1), D(2024, 12, 31)),
        ("2024-12?", D(2024, 12, 1), D(2024, 12, 31)),
        ("9999-11", D(9999, 11, 1), D(9999, 11, 30)),
        ("2024-02-29", D(2024, 2, 29), D(2024, 2, 29)),
        ("2024-12-31", D(2024, 12, 31), D(2024, 12, 31)),
        ("2024-06-15%", D(2024, 6, 15), D(2024, 6, 15)),
        ("9999-12-31", D(9999, 12, 31), D(9999, 12, 31)),
        ("2025-33", D(2025, 1, 1), D(2025, 3, 31)),
        ("2025-34", D(2025, 4, 1), D(2025, 6, 30)),
        ("2025-35", D(2025, 7, 1), D(2025, 9, 30)),
        ("2025-36", D(2025, 10, 1), D(2025, 12, 31)),
        ("2024-33", D(2024, 1, 1), D(2024, 3, 31)),
        ("2025-40", D(2025, 1, 1), D(2025, 6, 30)),
        ("2025-41", D(2025, 7, 1), D(2025, 12, 31)),
    ],
)
def test_plain_day_span(text, lo, hi):
    assert gt._plain_day_span(text) == ordinals(lo, hi)


@pytest.mark.parametrize(
    "text",
    [
        "0000",  # no year 0
        "0000-01",
        "9999",  # its last day is found from the next year, which does not exist
        "9999-12",
        "9999-41",
        "2023-02-29",
        "2024-02-30",
        "2024-13-01",
        "2024-12-32",
        "2024-00",
        "2024-00-01",
        "2024-13",
        "2024-21",  # seasons are left to dates.parse
        "2024-24",
        "2024-32",
        "2024-37",  # a code outside quarters and halves
        "2024-42",
        "2024-33~",  # a quarter with a qualifier
        "2024-40?",
        "2024-41%",
        "24",
        "2024-6",
        "2024-06-1",
        "2024-06~~",
        "2024~-06",
        " 2024",
        "2024 ",
        "abcd",
        "2024-06-15T00:00",
        "",
        "..",
        "2024/2025",
    ],
)
def test_plain_day_span_leaves_everything_else(text):
    assert gt._plain_day_span(text) is None


@pytest.mark.parametrize("code", QUARTERS_AND_HALVES)
def test_plain_day_span_without_quarters_leaves_quarters_and_halves(code):
    assert gt._plain_day_span(f"2025-{code}", quarters=False) is None
    assert gt._plain_day_span(f"2025-{code}", quarters=True) is not None
    assert gt._plain_day_span("2025-06", quarters=False) == ordinals(D(2025, 6, 1), D(2025, 6, 30))


# ================================================================== time._plain_span
@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("2024-12/2025-06", D(2024, 12, 1), D(2025, 6, 30)),
        ("2024-12-31/2025-01-01", D(2024, 12, 31), D(2025, 1, 1)),
        ("2024-06/2024-06-01", D(2024, 6, 1), D(2024, 6, 1)),  # ends on the day it starts
        ("2024-06-01/2024-06-01", D(2024, 6, 1), D(2024, 6, 1)),
        ("2024/2024-01", D(2024, 1, 1), D(2024, 1, 31)),
        ("2024-06-15/2024-06", D(2024, 6, 15), D(2024, 6, 30)),
        ("2024-12~/2025-01?", D(2024, 12, 1), D(2025, 1, 31)),
        ("2024-02/2024-02-29", D(2024, 2, 1), D(2024, 2, 29)),
        ("../2025-06-16", None, D(2025, 6, 16)),
        ("../2025", None, D(2025, 12, 31)),
        ("2025-06/..", D(2025, 6, 1), None),
        ("2024-02-29/..", D(2024, 2, 29), None),
        ("2025-33", D(2025, 1, 1), D(2025, 3, 31)),  # no interval: quarters allowed
        ("2025-40", D(2025, 1, 1), D(2025, 6, 30)),
        ("2025-06-16", D(2025, 6, 16), D(2025, 6, 16)),
    ],
)
def test_plain_span(text, lo, hi):
    assert gt._plain_span(text) == ordinals(lo, hi)


@pytest.mark.parametrize(
    "text",
    [
        "../..",
        "2024-33/2024-34",  # quarters and halves are not allowed inside intervals
        "2024-33/2024-12",
        "2024-01/2024-36",
        "2024-40/..",
        "../2024-41",
        "2024-06-02/2024-06-01",  # ends before it starts
        "2024-06/2024-05",
        "2025-01/2024-12",
        "2025-01-01/2024-12-31",
        "2025/2024",
        "2024-12/",
        "/2024",
        "2024/2025/2026",
        "2024-21/2024-22",  # seasons: dates.parse
        "2023-02-29/2024",
        "2024/2023-02-29",
        ".. /2024",
        "2024-21",
        "",
    ],
)
def test_plain_span_leaves_everything_else(text):
    assert gt._plain_span(text) is None


# ============================================================ iso_day, iso_cached, fact_when
@pytest.mark.parametrize(
    ("day", "iso"),
    [
        (D(1, 1, 1), "0001-01-01"),
        (D(9999, 12, 31), "9999-12-31"),
        (D(2024, 2, 29), "2024-02-29"),
        (D(2024, 12, 31), "2024-12-31"),
        (D(2025, 1, 1), "2025-01-01"),
    ],
)
def test_iso_day(day, iso):
    assert gt.iso_day(day.toordinal()) == iso
    assert gt.iso_cached(day.toordinal()) == iso
    assert gc.iso_day(day.toordinal()) == iso


def test_iso_day_of_an_open_end_is_empty():
    for f in (gt.iso_day, gt.iso_cached):
        assert f(gt.NEG) == "" and f(gt.POS) == ""


def test_iso_cached_remembers_days():
    gt.iso_cached.cache_clear()
    n = D(2025, 6, 16).toordinal()
    assert gt.iso_cached(n) == gt.iso_cached(n) == "2025-06-16"
    assert gt.iso_cached.cache_info().hits >= 1


@pytest.mark.parametrize(
    ("attrs", "when"),
    [
        ({"start": "2020", "end": "2021"}, "2021"),
        ({"end": "2021"}, "2021"),
        ({"start": "", "end": "2021"}, "2021"),
        ({"start": "2020", "end": ""}, "2020"),
        ({"start": "2020", "end": None}, "2020"),
        ({"start": "2020"}, "2020"),
        ({"start": "", "end": ""}, ""),
        ({"start": None, "end": None}, ""),
        ({}, ""),
    ],
)
def test_fact_when_is_the_end_else_the_start(attrs, when):
    assert gt.fact_when(attrs) == when
    assert gc.fact_when(attrs) == when


# ===================================================================== general rules
YEARS = st.one_of(st.integers(1, 9999), st.sampled_from([1, 1900, 2000, 2023, 2024, 9998, 9999]))
QUALIFIER = st.sampled_from(["", "", "~", "?", "%"])


@st.composite
def plain_part(draw, sub_year: bool = True):
    """(text, earliest, latest, fast): one EDTF date (not an interval) and its days from the calendar;
    ``fast`` says time._plain_span reads it without the EDTF parser."""
    year = draw(YEARS)
    shape = draw(st.sampled_from(["year", "month", "day", "sub"] if sub_year else ["year", "month", "day"]))
    fast = True
    if shape == "year":
        text, lo, hi = f"{year:04d}", D(year, 1, 1), D(year, 12, 31)
        fast = year < 9999
    elif shape == "month":
        month = draw(st.integers(1, 12))
        text, lo, hi = f"{year:04d}-{month:02d}", D(year, month, 1), last_day(year, month)
        fast = (year, month) != (9999, 12)
    elif shape == "day":
        month = draw(st.integers(1, 12))
        day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
        text = f"{year:04d}-{month:02d}-{day:02d}"
        lo = hi = D(year, month, day)
    else:
        code = draw(st.sampled_from(sorted(SUB_YEAR_MONTHS)))
        first, last = SUB_YEAR_MONTHS[code]
        text, lo, hi = f"{year:04d}-{code}", D(year, first, 1), last_day(year, last)
        fast = code in QUARTERS_AND_HALVES and (year < 9999 or last < 12)
        return text, lo, hi, fast
    return text + draw(QUALIFIER), lo, hi, fast


@st.composite
def interval(draw):
    """(text, earliest, latest): two plain dates joined by ``/``, in either order."""
    a, lo, _, _ = draw(plain_part(sub_year=False))
    b, _, hi, _ = draw(plain_part(sub_year=False))
    return f"{a}/{b}", lo, hi


DAYS = st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31))


@st.composite
def valid_value(draw):
    """(text, earliest, latest, fast) of a valid EDTF value whose days the calendar gives."""
    kind = draw(st.sampled_from(["single", "single", "interval", "open-start", "open-end"]))
    if kind == "single":
        return draw(plain_part())
    if kind == "open-start":
        text, _, hi, fast = draw(plain_part(sub_year=False))
        return f"../{text}", None, hi, fast
    if kind == "open-end":
        text, lo, _, fast = draw(plain_part(sub_year=False))
        return f"{text}/..", lo, None, fast
    a, lo_a, hi_a, fast_a = draw(plain_part(sub_year=False))
    b, lo_b, hi_b, fast_b = draw(plain_part(sub_year=False))
    if hi_b < lo_a:  # put the later one last
        a, lo_a, fast_a, b, hi_b, fast_b = b, lo_b, fast_b, a, hi_a, fast_a
    return f"{a}/{b}", lo_a, hi_b, fast_a and fast_b


@settings(max_examples=80, deadline=None)
@given(value=valid_value())
def test_every_valid_value_has_the_calendar_days(value):
    text, lo, hi, fast = value
    d = dates.parse(text)
    assert (d.earliest, d.latest) == (lo, hi)
    if lo is not None and hi is not None:
        assert d.earliest <= d.latest
    assert gt.span(text) == ordinals(lo, hi)
    quick = gt._plain_span(text)
    assert quick == (ordinals(lo, hi) if fast else None)
    assert gt.iso_day(gt.span(text)[0]) == (lo.isoformat() if lo else "")
    assert gt.iso_day(gt.span(text)[1]) == (hi.isoformat() if hi else "")


@settings(max_examples=30, deadline=None)
@given(value=interval())
def test_an_interval_is_valid_exactly_when_it_does_not_end_before_it_starts(value):
    text, lo, hi = value
    if hi < lo:
        with pytest.raises(dates.BadDate, match="the interval ends before it starts"):
            dates.parse(text)
        assert gt._plain_span(text) is None
    else:
        assert bounds(text) == (lo, hi)


def _near(day: D, offset: int) -> D:
    return D.fromordinal(min(max(day.toordinal() + offset, 1), D.max.toordinal()))


@settings(max_examples=200, deadline=None)
@given(value=valid_value(), data=st.data())
def test_certainly_within_implies_possibly_within(value, data):
    text, lo, hi, _ = value
    d = dates.FuzzyDate(text, lo, hi)
    anchor = lo or hi or D(2025, 1, 1)
    offsets = st.integers(-400, 400)
    a, b = _near(anchor, data.draw(offsets)), _near(hi or anchor, data.draw(offsets))
    start, end = min(a, b), max(a, b)
    lo_, hi_ = lo or D.min, hi or D.max
    # possibly: the two ranges of days overlap; certainly: every day of the value is in the window
    assert d.possibly_within(start, end) == (max(lo_, start) <= min(hi_, end))
    certain = lo is not None and hi is not None and max(lo, start) == lo and min(hi, end) == hi
    assert d.certainly_within(start, end) == certain
    if certain:
        assert d.possibly_within(start, end)
    if lo is not None and hi is not None:
        assert d.certainly_within(lo, hi) and d.possibly_within(lo, lo) and d.possibly_within(hi, hi)
        if lo < D.max:
            after = lo + dt.timedelta(days=1)
            assert not d.certainly_within(after, max(hi, after))


@settings(max_examples=80, deadline=None)
@given(value=valid_value())
def test_humanise_marks_approximate_dates(value):
    text = value[0]
    for lang, mark in (("en", "about "), ("zh", "约")):
        out = dates.humanise(text, lang)
        assert out and "/" not in out and ".." not in out
        qualified = any(part.endswith(("~", "?", "%")) for part in text.split("/"))
        assert (mark in out) == qualified


@settings(max_examples=150, deadline=None)
@given(n=st.integers(1, D.max.toordinal()))
def test_iso_day_round_trips_with_fromordinal(n):
    iso = gt.iso_day(n)
    assert iso == D.fromordinal(n).isoformat()
    assert D.fromisoformat(iso).toordinal() == n
    assert gt.span(iso) == (n, n)


@settings(max_examples=120, deadline=None)
@given(day=DAYS)
def test_a_day_its_month_and_its_year_nest(day):
    n = day.toordinal()
    y, m = day.year, day.month
    month = gt._plain_day_span(f"{y:04d}-{m:02d}") or gt.span(f"{y:04d}-{m:02d}")
    year = gt.span(f"{y:04d}")
    assert year[0] <= month[0] <= n <= month[1] <= year[1]
    assert month == ordinals(D(y, m, 1), last_day(y, m))
    assert year[1] - year[0] + 1 == (366 if calendar.isleap(y) else 365)
    half = gt.span(f"{y:04d}-{40 if m <= 6 else 41}")
    quarter = gt.span(f"{y:04d}-{33 + (m - 1) // 3}")
    assert half[0] <= quarter[0] <= month[0] and month[1] <= quarter[1] <= half[1]
