"""The calendars of a clause's own: period boundaries and notice windows, day by day at their edges."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gsomia_clock import Boundaries, Duration, Window

from .strategies import days, positive_durations

YEARLY = Boundaries(Duration(years=1), (date(2000, 1, 1),))
START = date(2000, 1, 1)


def test_the_first_boundary_after_a_boundary_day_is_the_next_one() -> None:
    assert YEARLY.first_end_after(date(2019, 1, 1)) == (20, date(2020, 1, 1))
    assert YEARLY.first_end_after(date(2018, 12, 31)) == (19, date(2019, 1, 1))


def test_the_first_boundary_of_the_calendar_is_found_from_its_first_day() -> None:
    june = Boundaries(Duration(years=1), (date(1, 6, 1),))
    assert june.first_end_after(date(1, 1, 1)) == (0, date(1, 6, 1))
    assert june.first_end_after(date(1, 6, 1)) == (1, date(2, 6, 1))


def test_with_two_anchors_the_earlier_boundary_comes_first_then_the_other() -> None:
    twice = Boundaries(Duration(months=1), (date(2000, 1, 1), date(2000, 1, 16)))
    assert twice.first_end_after(date(2026, 3, 1)) == (2 * 314 + 1, date(2026, 3, 16))
    assert twice.next_end(2 * 314 + 1) == (2 * 315, date(2026, 4, 1))


def test_no_boundary_beyond_the_calendar() -> None:
    assert YEARLY.first_end_after(date(9999, 6, 1)) is None


def test_each_boundary_is_explained_from_its_anchor_either_way() -> None:
    assert YEARLY.describe_end(0) == "2000-01-01 (an anchor of the clause's periods)"
    assert YEARLY.describe_end(19) == "2000-01-01 + 19 years = 2019-01-01"
    assert YEARLY.describe_end(-3) == "2000-01-01 − 3 years = 1997-01-01"


@pytest.mark.parametrize(
    ("every", "anchors", "message"),
    [
        (Duration(), (START,), "seconds=0) is not a Duration longer than zero"),
        ("P1Y", (START,), "Boundaries.every: 'P1Y' is not a Duration longer than zero"),
        (Duration(years=1), (), "Boundaries.anchors: () is not a tuple of dates"),
        (Duration(years=1), (datetime(2000, 1, 1),), "is not a tuple of dates"),
    ],
)
def test_boundaries_are_made_of_a_duration_and_dates_only(
    every: object, anchors: tuple[object, ...], message: str
) -> None:
    with pytest.raises(TypeError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Boundaries(every, anchors)  # type: ignore[arg-type]


DECADES = Window(Duration(years=10), Duration(years=10), Duration(years=1))
DAYS = Window(Duration(days=10), Duration(days=30), Duration(days=5))


def test_a_window_holds_from_its_first_day_to_its_last_and_not_a_day_more() -> None:
    first, last = date(2010, 1, 1), date(2010, 12, 31)
    assert DECADES.holding(START, first) == (first, last)
    assert DECADES.holding(START, last) == (first, last)
    assert DECADES.holding(START, date(2009, 12, 31)) is None
    assert DECADES.holding(START, date(2011, 1, 1)) is None


def test_the_next_opening_is_the_day_itself_inside_a_window_else_the_next_window() -> None:
    assert DECADES.next_opening(START, date(2009, 12, 31)) == date(2010, 1, 1)
    assert DECADES.next_opening(START, date(2010, 12, 31)) == date(2010, 12, 31)
    assert DECADES.next_opening(START, date(2011, 1, 1)) == date(2020, 1, 1)
    assert DECADES.next_opening(START, date(2020, 1, 1)) == date(2020, 1, 1)


def test_windows_counted_in_days_open_every_so_many_days() -> None:
    assert [DAYS.opening(START, k) for k in range(3)] == [
        date(2000, 1, 11), date(2000, 2, 10), date(2000, 3, 11),
    ]  # fmt: skip
    assert DAYS.holding(START, date(2000, 2, 14)) == (date(2000, 2, 10), date(2000, 2, 14))
    assert DAYS.next_opening(START, date(2000, 2, 15)) == date(2000, 3, 11)


def test_a_single_window_never_opens_again() -> None:
    once = Window(Duration(years=2), None, Duration(years=1))
    assert once.holding(START, date(2002, 6, 1)) == (date(2002, 1, 1), date(2002, 12, 31))
    assert once.next_opening(START, date(2001, 1, 1)) == date(2002, 1, 1)
    assert once.next_opening(START, date(2003, 1, 1)) is None


def test_a_window_is_explained_with_its_rhythm() -> None:
    assert DECADES.describe(START, date(2010, 1, 1), date(2010, 12, 31)) == (
        "notice only within windows opening 10 years after 2000-01-01 and every 10 years after "
        "that, each for 1 year: this one 2010-01-01 to 2010-12-31"
    )
    once = Window(Duration(years=2), None, Duration(years=1))
    assert once.describe(START, date(2002, 1, 1), date(2002, 12, 31)) == (
        "notice only within windows opening 2 years after 2000-01-01, each for 1 year: "
        "this one 2002-01-01 to 2002-12-31"
    )


def test_a_window_is_made_of_durations() -> None:
    with pytest.raises(TypeError, match=r"Window.first: None is not a Duration"):
        Window(None, None, Duration(years=1))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"Window.length: 'P1Y' is not a Duration"):
        Window(Duration(years=1), None, "P1Y")  # type: ignore[arg-type]


def test_periods_counted_in_weeks_move_by_whole_days() -> None:
    fortnights = Boundaries(Duration(weeks=2), (date(2026, 1, 5),))
    assert fortnights.first_end_after(date(2026, 2, 1)) == (2, date(2026, 2, 2))
    assert fortnights.describe_end(1) == "2026-01-05 + 2 weeks = 2026-01-19"


def test_one_period_after_the_anchor_is_explained_with_a_plus() -> None:
    assert YEARLY.describe_end(1) == "2000-01-01 + 1 year = 2001-01-01"
    assert YEARLY.describe_end(-1) == "2000-01-01 − 1 year = 1999-01-01"


def test_an_anchor_whose_periods_leave_the_calendar_leaves_the_others_counting() -> None:
    late = Boundaries(Duration(years=1), (date(9999, 1, 1), date(9998, 12, 31)))
    assert late.first_end_after(date(9999, 6, 1)) == (2 * 1 + 1, date(9999, 12, 31))


def test_each_window_holds_from_its_own_first_day() -> None:
    assert DECADES.holding(START, date(2020, 1, 1)) == (date(2020, 1, 1), date(2020, 12, 31))
    assert DECADES.holding(START, date(2019, 12, 31)) is None


@given(positive_durations, st.lists(days, min_size=1, max_size=3, unique=True), days)
def test_the_first_boundary_after_a_day_is_each_anchors_least_and_the_earliest_of_them(
    every: Duration, anchors: list[date], day: date
) -> None:
    period = Boundaries(every, tuple(sorted(anchors)))
    firsts = []
    for anchor in sorted(anchors):
        alone = Boundaries(every, (anchor,))
        found = alone.first_end_after(day)
        assert found is not None
        n, first = found
        assert alone.end(n) == first and alone.end(n - 1) <= day < first  # the least after it
        assert alone.next_end(n) == (n + 1, alone.end(n + 1))
        assert alone.next_end(n) == period.first_end_after(first) or len(anchors) > 1
        firsts.append(first)
    found = period.first_end_after(day)
    assert found is not None and found[1] == min(firsts) and period.end(found[0]) == found[1]
    after = period.next_end(found[0])
    assert after is not None and after == period.first_end_after(found[1])
