"""Days in an agreement's zone: what `--on` means, how a zone is named, and the one "now"."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest

from gsomia_clock.days import day_of, now, parse_when, today, zone_abbreviation, zone_named

SEOUL = ZoneInfo("Asia/Seoul")
NEW_YORK = ZoneInfo("America/New_York")
# Sao Paulo's zone has no abbreviation: its clocks read "-03".
SAO_PAULO = ZoneInfo("America/Sao_Paulo")
# 9999-12-31T23:59:59Z, the last second of the calendar.
LAST_SECOND = "253402300799"


class Unnamed(tzinfo):
    """A zone nine hours ahead of UTC that gives itself no name."""

    def utcoffset(self, dt: datetime | None) -> timedelta:
        return timedelta(hours=9)

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)

    def tzname(self, dt: datetime | None) -> str | None:
        return None


class Offsetless(tzinfo):
    """A zone that does not know its own offset: a time in it is as ambiguous as a naive one."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str | None:
        return "LMT"


# -- the day an instant falls on ------------------------------------------------------------


def test_one_evening_in_utc_is_the_next_morning_in_seoul() -> None:
    evening = datetime(2019, 8, 24, 20, 0, tzinfo=UTC)
    assert day_of(evening, SEOUL) == date(2019, 8, 25)
    assert day_of(evening, NEW_YORK) == date(2019, 8, 24)


def test_an_aware_instant_is_asked_about_on_its_day_in_the_agreements_zone() -> None:
    evening = datetime(2019, 8, 24, 20, 0, tzinfo=UTC)
    assert parse_when(evening, SEOUL) == date(2019, 8, 25)
    assert parse_when(evening, NEW_YORK) == date(2019, 8, 24)


def test_an_iso_date_time_with_an_offset_is_its_day_in_the_agreements_zone() -> None:
    assert parse_when("2019-08-24T20:00:00Z", SEOUL) == date(2019, 8, 25)
    assert parse_when("2019-08-24T20:00:00Z", NEW_YORK) == date(2019, 8, 24)


def test_a_date_means_that_day_whatever_the_zone() -> None:
    assert parse_when(date(2019, 8, 24), SEOUL) == date(2019, 8, 24)
    assert parse_when("2019-08-24", NEW_YORK) == date(2019, 8, 24)


def test_spaces_around_a_day_are_ignored() -> None:
    assert parse_when(" 2019-08-24\n", SEOUL) == date(2019, 8, 24)
    assert parse_when("  2019-08-24T20:00:00Z ", SEOUL) == date(2019, 8, 25)


# -- what `--on` refuses, and how it says so ------------------------------------------------


def test_a_naive_date_time_is_refused_as_ambiguous() -> None:
    with pytest.raises(ValueError) as raised:
        parse_when(datetime(2019, 8, 24, 10, 0), SEOUL)
    assert str(raised.value) == "2019-08-24T10:00:00 has no UTC offset, so its day is ambiguous"


def test_a_date_time_in_a_zone_that_knows_no_offset_is_refused_as_ambiguous() -> None:
    with pytest.raises(ValueError) as raised:
        parse_when(datetime(2019, 8, 24, 10, 0, tzinfo=Offsetless()), SEOUL)
    assert str(raised.value) == "2019-08-24T10:00:00 has no UTC offset, so its day is ambiguous"


def test_an_instant_whose_day_in_the_zone_is_past_9999_is_refused() -> None:
    last_hour = datetime(9999, 12, 31, 23, 0, tzinfo=UTC)
    with pytest.raises(ValueError) as raised:
        parse_when(last_hour, SEOUL)
    assert str(raised.value) == "9999-12-31T23:00:00+00:00 falls outside the calendar there"


def test_a_number_is_neither_a_date_nor_a_date_time() -> None:
    with pytest.raises(ValueError) as raised:
        parse_when(20190824, SEOUL)  # type: ignore[arg-type]
    assert str(raised.value) == "20190824 is neither a date nor a date-time"


def test_midnight_at_the_end_of_9999_is_neither_a_day_nor_a_date_time() -> None:
    # 24:00 on 31 December 9999 is 1 January 10000, which no calendar here can hold.
    with pytest.raises(ValueError) as raised:
        parse_when("9999-12-31T24:00Z", SEOUL)
    expected = "'9999-12-31T24:00Z' is neither YYYY-MM-DD nor an ISO 8601 date-time with an offset"
    assert str(raised.value) == expected


def test_a_date_time_text_whose_day_in_the_zone_is_past_9999_is_refused() -> None:
    with pytest.raises(ValueError) as raised:
        parse_when("9999-12-31T23:00:00Z", SEOUL)
    assert str(raised.value) == (
        "'9999-12-31T23:00:00Z' falls outside the calendar (years 1-9999) there"
    )


# -- how a zone is named in a sentence ------------------------------------------------------


def test_a_zone_with_an_abbreviation_is_named_by_it() -> None:
    assert zone_abbreviation(datetime(2019, 8, 25, tzinfo=SEOUL)) == "KST"


def test_a_zone_without_an_abbreviation_is_named_by_its_offset_in_hours() -> None:
    assert zone_abbreviation(datetime(2022, 9, 11, 1, tzinfo=SAO_PAULO)) == "UTC-03"


def test_a_one_letter_zone_name_is_kept() -> None:
    assert zone_abbreviation(datetime(2019, 8, 25, tzinfo=timezone(timedelta(0), "Z"))) == "Z"


def test_a_zone_that_gives_no_name_is_named_by_its_offset() -> None:
    assert zone_abbreviation(datetime(2019, 8, 25, tzinfo=Unnamed())) == "UTC+09"


# -- the one "now" ---------------------------------------------------------------------------


def test_without_source_date_epoch_now_is_the_clock_in_utc_to_the_second(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = datetime.now(UTC).replace(microsecond=0)
    instant = now()
    after = datetime.now(UTC)
    assert instant.tzinfo is UTC
    assert instant.microsecond == 0
    assert before <= instant <= after


def test_an_empty_source_date_epoch_is_as_if_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    before = datetime.now(UTC).replace(microsecond=0)
    assert before <= now() <= datetime.now(UTC)


def test_source_date_epoch_fixes_now_and_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1566680400")  # 2019-08-24T21:00:00Z
    assert now() == datetime(2019, 8, 24, 21, 0, tzinfo=UTC)
    assert now().tzinfo is UTC
    assert today(SEOUL) == date(2019, 8, 25)
    assert today(NEW_YORK) == date(2019, 8, 24)


def test_the_last_second_of_9999_is_still_a_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", LAST_SECOND)
    assert now() == datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)


@pytest.mark.parametrize(
    "epoch", ["soon", "-1", "1.5", "١٢٣"], ids=["soon", "-1", "1.5", "arabic-indic-123"]
)
def test_a_source_date_epoch_that_is_no_whole_number_of_seconds_is_refused(
    epoch: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    with pytest.raises(ValueError) as raised:
        now()
    assert str(raised.value) == f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds"


def test_a_source_date_epoch_past_9999_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300800")  # 10000-01-01T00:00:00Z
    with pytest.raises(ValueError) as raised:
        now()
    expected = "SOURCE_DATE_EPOCH='253402300800' is past the calendar's end (year 9999)"
    assert str(raised.value) == expected


def test_today_is_refused_where_the_last_second_of_9999_is_already_10000(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", LAST_SECOND)
    assert today(NEW_YORK) == date(9999, 12, 31)
    with pytest.raises(ValueError) as raised:
        today(SEOUL)
    assert str(raised.value) == (
        f"SOURCE_DATE_EPOCH={LAST_SECOND!r} is past the calendar's end (year 9999) in that zone"
    )


@pytest.mark.parametrize("text", ["2019-08-24", "20190824", "2019-W34-6"])
def test_a_day_in_any_iso_8601_calendar_form_is_that_day(text: str) -> None:
    assert parse_when(text, UTC) == date(2019, 8, 24)


@pytest.mark.parametrize("text", ["2019-236", "2019-8-24", "24/08/2019", "٢٠١٩٠٨٢٤"])
def test_a_day_in_no_iso_8601_form_is_refused_as_a_day_not_as_an_instant(text: str) -> None:
    with pytest.raises(ValueError, match=r"is not a day of the form YYYY-MM-DD"):
        parse_when(text, UTC)


# -- relative days, in the agreement's zone -------------------------------------------------------


def test_today_and_its_neighbours_are_the_days_in_the_agreements_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795377600")  # 2026-11-22T20:00Z: the 23rd in Seoul
    seoul, new_york = ZoneInfo("Asia/Seoul"), ZoneInfo("America/New_York")
    assert parse_when("today", seoul) == date(2026, 11, 23)
    assert parse_when("today", new_york) == date(2026, 11, 22)
    assert parse_when("+P1D", seoul) == date(2026, 11, 24)
    assert parse_when("-P1M", new_york) == date(2026, 10, 22)


def test_a_relative_day_that_is_no_duration_or_leaves_the_calendar_is_refused_by_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # 2026-11-23T00:00Z
    utc = ZoneInfo("UTC")
    with pytest.raises(
        ValueError, match=r"^'\+P1X' is not a signed ISO 8601 duration such as \+P90D or -P1Y$"
    ):
        parse_when("+P1X", utc)
    with pytest.raises(
        ValueError, match=r"^'\+P8000Y' from 2026-11-23 leaves the calendar \(years 1-9999\)$"
    ):
        parse_when("+P8000Y", utc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300000")  # 9999-12-31
    with pytest.raises(ValueError, match=r"^'tomorrow' leaves the calendar \(years 1-9999\)$"):
        parse_when("tomorrow", utc)


def test_an_instant_written_with_a_space_is_an_instant_not_a_day() -> None:
    assert parse_when("2019-08-24 20:00-05:00", ZoneInfo("Asia/Seoul")) == date(2019, 8, 25)


def test_the_right_and_posix_copies_of_the_zone_database_are_no_zone_names() -> None:
    for name in ("right/Asia/Seoul", "posix/Asia/Seoul"):
        with pytest.raises(ValueError):
            zone_named(name)
    assert zone_named("Asia/Seoul") == ZoneInfo("Asia/Seoul")
