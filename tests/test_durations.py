"""Calendar durations: month lengths, leap years, the edges of the calendar, and their texts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from gsomia_clock.durations import Duration, shift

ONE_MONTH = Duration(months=1)


@pytest.mark.parametrize(
    ("month", "last_day"),
    [(1, 31), (2, 28), (3, 31), (4, 30), (5, 31), (6, 30),
     (7, 31), (8, 31), (9, 30), (10, 31), (11, 30), (12, 31)],
)  # fmt: skip
def test_a_month_from_the_31st_ends_on_the_last_day_of_each_month_of_2019(
    month: int, last_day: int
) -> None:
    # From 31 December 2018, adding `month` months lands in that month of 2019.
    assert Duration(months=month).add_to(date(2018, 12, 31)) == date(2019, month, last_day)


@pytest.mark.parametrize(
    ("year", "last_of_february"),
    [(1900, 28), (2000, 29), (2019, 28), (2020, 29), (2100, 28), (2400, 29)],
)
def test_february_has_29_days_in_leap_years_and_century_years_only_every_400(
    year: int, last_of_february: int
) -> None:
    assert ONE_MONTH.add_to(date(year, 1, 31)) == date(year, 2, last_of_february)


def test_adding_one_year_to_29_february_clamps_to_28_february() -> None:
    assert Duration(years=1).add_to(date(2016, 2, 29)) == date(2017, 2, 28)


def test_subtracting_one_year_from_29_february_clamps_to_28_february() -> None:
    assert Duration(years=1).subtract_from(date(2020, 2, 29)) == date(2019, 2, 28)


def test_subtracting_a_year_and_a_month_goes_back_thirteen_months() -> None:
    assert Duration.parse("P1Y1M").subtract_from(date(2020, 3, 15)) == date(2019, 2, 15)


def test_months_are_applied_before_days() -> None:
    # 31 January + 1 month = 28 February, + 1 day = 1 March (not 31 January + 1 day + 1 month).
    assert shift(date(2019, 1, 31), 1, 1) == date(2019, 3, 1)
    assert Duration(months=1, days=1).add_to(date(2019, 1, 31)) == date(2019, 3, 1)


def test_year_1_and_year_9999_can_be_reached() -> None:
    assert shift(date(1, 12, 31), -11, 0) == date(1, 1, 31)
    assert shift(date(9998, 12, 31), 2, 0) == date(9999, 2, 28)
    assert Duration(months=11).add_to(date(9999, 1, 31)) == date(9999, 12, 31)


@pytest.mark.parametrize(
    ("day", "months"),
    [(date(9999, 12, 31), 1), (date(1, 1, 1), -1), (date(9999, 12, 1), 12)],
)
def test_leaving_years_1_to_9999_is_an_overflow_that_names_the_day_and_the_shift(
    day: date, months: int
) -> None:
    with pytest.raises(OverflowError, match=rf"{day.isoformat()} shifted by {months} months leaves years 1-9999"):  # fmt: skip
        shift(day, months, 0)


def test_a_duration_prints_every_field_in_iso_8601_order() -> None:
    assert str(Duration(1, 2, 3, 4, 5, 6, 7)) == "P1Y2M3W4DT5H6M7S"
    assert str(Duration(years=1, months=6)) == "P1Y6M"
    assert str(Duration(weeks=2, days=3)) == "P2W3D"
    assert str(Duration(hours=12, seconds=30)) == "PT12H30S"
    assert str(Duration(minutes=45)) == "PT45M"


def test_no_time_at_all_prints_as_zero_days() -> None:
    assert str(Duration()) == "P0D"
    assert Duration().words() == "0 days"


@pytest.mark.parametrize("text", ["P1Y2M3W4DT5H6M7S", "P90D", "P6M", "P2W", "PT12H", "P1DT1M"])
def test_a_printed_duration_parses_back_to_itself(text: str) -> None:
    assert str(Duration.parse(text)) == text


def test_words_spell_each_unit_separated_by_spaces_and_singular_for_one() -> None:
    assert Duration(1, 2, 1, 3, 1, 2, 1).words() == (
        "1 year 2 months 1 week 3 days 1 hour 2 minutes 1 second"
    )


@pytest.mark.parametrize("text", [90, None, b"P90D"])
def test_a_duration_that_is_not_text_is_refused_like_a_malformed_one(text: object) -> None:
    with pytest.raises(ValueError, match=r"is not an ISO 8601 duration such as P90D"):
        Duration.parse(text)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["P", "PT", "P1DT", "P1H", "90D", "P-1D", "P1.5Y"])
def test_malformed_durations_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"is not an ISO 8601 duration such as P90D"):
        Duration.parse(text)


def test_the_exact_length_of_a_duration_counts_weeks_days_hours_minutes_and_seconds() -> None:
    assert Duration.parse("P1W2DT3H4M5S").to_timedelta() == timedelta(
        days=9, hours=3, minutes=4, seconds=5
    )


def test_a_duration_with_months_has_no_exact_length() -> None:
    with pytest.raises(ValueError, match=r"P1M has months or years, which have no fixed length"):
        ONE_MONTH.to_timedelta()


def test_durations_add_field_by_field_and_multiply_every_field() -> None:
    assert Duration.parse("P1Y1D") + Duration.parse("P6M2WT1H") == Duration(1, 6, 2, 1, 1)
    assert Duration.parse("P1Y2DT3M") * 3 == Duration(years=3, days=6, minutes=9)
