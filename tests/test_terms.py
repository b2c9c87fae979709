"""Terms and renewals: where each term ends, which term a day is in, and extensions."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import islice

import pytest

from gsomia_clock.durations import Duration
from gsomia_clock.terms import Terms

ONE_YEAR = Duration(years=1)
GSOMIA = Terms.from_catalog(date(2016, 11, 23), ONE_YEAR, ONE_YEAR)
LEAP = Terms.from_catalog(date(2016, 2, 29), ONE_YEAR, None)  # one term, no renewal


def test_a_schedule_from_the_catalog_starts_and_is_anchored_on_the_day_in_force() -> None:
    assert GSOMIA.start == GSOMIA.anchor == date(2016, 11, 23)
    assert GSOMIA.number == 0
    assert (GSOMIA.first, GSOMIA.renewal) == (ONE_YEAR, ONE_YEAR)


def test_gsomia_terms_end_every_23_november() -> None:
    assert [GSOMIA.end(k) for k in range(4)] == [date(y, 11, 23) for y in range(2017, 2021)]
    assert GSOMIA.end(109) == date(2126, 11, 23)


def test_six_month_terms_from_31_august_end_on_each_month_end_without_drifting() -> None:
    half = Terms.from_catalog(date(2019, 8, 31), Duration(months=6), Duration(months=6))
    assert [half.end(k) for k in range(4)] == [
        date(2020, 2, 29), date(2020, 8, 31), date(2021, 2, 28), date(2021, 8, 31),
    ]  # fmt: skip


def test_a_first_term_of_days_then_renewals_of_weeks() -> None:
    terms = Terms.from_catalog(date(2020, 1, 1), Duration(days=100), Duration(weeks=2))
    assert [terms.end(k) for k in range(3)] == [
        date(2020, 4, 10),
        date(2020, 4, 24),
        date(2020, 5, 8),
    ]
    assert terms.describe_end(2) == "2020-01-01 + 4 weeks 100 days = 2020-05-08"


def test_a_first_term_of_months_and_renewals_of_days_mix_both_in_one_step() -> None:
    terms = Terms.from_catalog(date(2019, 1, 31), Duration(months=1), Duration(days=10))
    assert [terms.end(k) for k in range(3)] == [
        date(2019, 2, 28),
        date(2019, 3, 10),
        date(2019, 3, 20),
    ]
    assert terms.term_on(date(2019, 3, 12)) == (date(2019, 3, 10), date(2019, 3, 20))


def test_the_arithmetic_of_a_term_end_is_shown_from_the_anchor() -> None:
    assert GSOMIA.describe_end(0) == "2016-11-23 + 1 year = 2017-11-23"
    assert GSOMIA.describe_end(1) == "2016-11-23 + 2 years = 2018-11-23"
    assert GSOMIA.describe_end(10) == "2016-11-23 + 11 years = 2027-11-23"
    assert GSOMIA.describe_end_of(date(2026, 11, 22)) == "2016-11-23 + 10 years = 2026-11-23"
    assert GSOMIA.describe_end_of(date(2026, 11, 23)) == "2016-11-23 + 11 years = 2027-11-23"


def test_without_renewal_the_one_term_ends_and_the_agreement_expires() -> None:
    assert LEAP.final_end == date(2017, 2, 28)
    assert GSOMIA.final_end is None
    assert LEAP.end(0) == LEAP.end(5) == date(2017, 2, 28)
    assert LEAP.describe_end(3) == "2016-02-29 + 1 year = 2017-02-28"
    assert LEAP.describe_end_of(date(2018, 1, 1)) == "2016-02-29 + 1 year = 2017-02-28"
    assert LEAP.index_on(date(2017, 2, 27)) == 0
    assert LEAP.index_on(date(2017, 2, 28)) is None
    assert LEAP.term_on(date(2017, 2, 28)) is None
    assert LEAP.first_end_after(date(2017, 2, 28)) is None
    assert LEAP.next_end(0) is None
    assert list(LEAP.ends_from(date(2016, 1, 1))) == [(0, date(2017, 2, 28))]
    assert list(LEAP.ends_from(date(2017, 3, 1))) == []


@pytest.mark.parametrize(
    ("day", "k", "term"),
    [(date(2016, 11, 23), 0, (date(2016, 11, 23), date(2017, 11, 23))),
     (date(2017, 11, 22), 0, (date(2016, 11, 23), date(2017, 11, 23))),
     (date(2017, 11, 23), 1, (date(2017, 11, 23), date(2018, 11, 23))),
     (date(2018, 11, 22), 1, (date(2017, 11, 23), date(2018, 11, 23))),
     (date(2026, 11, 22), 9, (date(2025, 11, 23), date(2026, 11, 23))),
     (date(2026, 11, 23), 10, (date(2026, 11, 23), date(2027, 11, 23))),
     (date(2116, 6, 1), 99, (date(2115, 11, 23), date(2116, 11, 23)))],
)  # fmt: skip
def test_the_term_of_a_day_runs_from_one_end_to_the_day_before_the_next(
    day: date, k: int, term: tuple[date, date]
) -> None:
    assert GSOMIA.index_on(day) == k
    assert GSOMIA.term_on(day) == term
    assert GSOMIA.first_end_after(day) == (k, term[1])


@pytest.mark.parametrize("start", [date(2016, 2, 29), date(2019, 8, 31), date(2020, 1, 31)])
@pytest.mark.parametrize(
    ("first", "renewal"),
    [("P1Y", "P1Y"), ("P6M", "P6M"), ("P1M", "P1M"), ("P1Y6M", "P3M"), ("P100D", "P2W"),
     ("P2Y", "P1M15D"), ("P28D", "P28D")],
)  # fmt: skip
def test_every_day_falls_in_the_term_whose_ends_surround_it(
    start: date, first: str, renewal: str
) -> None:
    terms = Terms.from_catalog(start, Duration.parse(first), Duration.parse(renewal))
    ends = [terms.end(k) for k in range(25)]
    day, k = start, 0
    while day < ends[-1]:
        k += day == ends[k]
        assert terms.index_on(day) == k
        assert terms.term_on(day) == (start if k == 0 else ends[k - 1], ends[k])
        day += timedelta(days=1)


def test_days_before_the_start_count_as_term_0_but_lie_in_no_term() -> None:
    assert GSOMIA.index_on(date(2016, 1, 1)) == 0
    assert GSOMIA.term_on(date(2016, 11, 22)) is None
    assert GSOMIA.first_end_after(date(2000, 1, 1)) == (0, date(2017, 11, 23))


def test_the_next_end_is_one_renewal_later() -> None:
    assert GSOMIA.next_end(3) == (4, date(2021, 11, 23))
    assert GSOMIA.next_end(0) == (1, date(2018, 11, 23))


def test_ends_from_a_day_include_an_end_on_that_day() -> None:
    assert list(islice(GSOMIA.ends_from(date(2017, 11, 23)), 3)) == [
        (0, date(2017, 11, 23)), (1, date(2018, 11, 23)), (2, date(2019, 11, 23)),
    ]  # fmt: skip
    assert list(islice(GSOMIA.ends_from(date(2017, 11, 24)), 2)) == [
        (1, date(2018, 11, 23)), (2, date(2019, 11, 23)),
    ]  # fmt: skip
    assert next(GSOMIA.ends_from(date(2010, 1, 1))) == (0, date(2017, 11, 23))


def test_an_extension_ends_the_current_term_after_the_day_it_names_then_renewals_follow() -> None:
    extended = GSOMIA.extended(date(2019, 3, 1), date(2021, 6, 30))
    assert extended.start == date(2018, 11, 23)
    assert extended.anchor == date(2021, 7, 1)
    assert extended.number == 2  # the 2018 term is the agreement's third, k = 2
    assert extended.renewal == ONE_YEAR
    assert [extended.end(k) for k in range(3)] == [
        date(2021, 7, 1),
        date(2022, 7, 1),
        date(2023, 7, 1),
    ]
    assert extended.term_on(date(2020, 1, 1)) == (date(2018, 11, 23), date(2021, 7, 1))
    assert extended.term_on(date(2021, 7, 1)) == (date(2021, 7, 1), date(2022, 7, 1))
    assert extended.describe_end(0) == "2021-07-01 (the end set by an extension)"
    assert extended.describe_end(2) == "2021-07-01 + 2 years = 2023-07-01"


def test_an_extension_of_an_extension_counts_the_terms_before_it() -> None:
    once = GSOMIA.extended(date(2019, 3, 1), date(2021, 6, 30))
    twice = once.extended(date(2022, 1, 1), date(2024, 12, 31))
    assert twice.number == 3
    assert twice.start == date(2021, 7, 1)
    assert twice.end(0) == date(2025, 1, 1)


def test_an_extension_before_the_start_keeps_the_start() -> None:
    extended = GSOMIA.extended(date(2016, 1, 1), date(2018, 12, 31))
    assert (extended.start, extended.number) == (date(2016, 11, 23), 0)
    assert extended.end(0) == date(2019, 1, 1)


def test_an_extension_of_an_expiring_agreement_still_does_not_renew() -> None:
    extended = LEAP.extended(date(2016, 6, 1), date(2017, 12, 31))
    assert extended.final_end == date(2018, 1, 1)
    assert extended.term_on(date(2017, 12, 31)) == (date(2016, 2, 29), date(2018, 1, 1))
    assert extended.index_on(date(2018, 1, 1)) is None


def test_a_term_end_is_described_the_same_however_often_and_however_many_are_asked() -> None:
    gsomia = Terms.from_catalog(date(2016, 11, 23), Duration(years=1), Duration(years=1))
    first = [gsomia.describe_end(k) for k in range(200)]  # more than a schedule remembers
    assert first[10] == "2016-11-23 + 11 years = 2027-11-23"
    assert [gsomia.describe_end(k) for k in range(200)] == first
    assert [gsomia.describe_end(k) for k in reversed(range(200))] == first[::-1]
    assert gsomia == Terms.from_catalog(date(2016, 11, 23), Duration(years=1), Duration(years=1))
