"""Days in an agreement's zone: the instant a day starts, how a day reads, and what `--on` means.

A catalog date is a local calendar day where the agreement is administered, and a day starts at
the first instant that zone's clocks show on it (00:00, or 01:00 where clocks skip midnight).
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "day_of",
    "format_day",
    "now",
    "parse_when",
    "start_of_day",
    "today",
    "zone_abbreviation",
    "zone_named",
]

# Files of a tz database that are not zones: the machine's own setting, and old defaults.
_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory", "leapseconds", "tzdata.zi"})


def zone_named(name: str) -> ZoneInfo:
    """The IANA zone of that name, or a ValueError: never the machine's own `localtime`, a
    folder of the database (`Asia`), or a name the file system refuses.

    >>> zone_named("Asia/Seoul").key
    'Asia/Seoul'
    """
    if name in _NOT_ZONES or name.startswith(("posix/", "right/")) or not name.isascii():
        raise ValueError(f"{name!r} is not an IANA zone name")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(f"{name!r} is not an IANA zone name") from None


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@lru_cache(maxsize=16384)
def start_of_day(day: date, zone: tzinfo) -> datetime:
    """The first instant of `day` in `zone`, as an aware datetime in that zone.

    >>> from zoneinfo import ZoneInfo
    >>> start_of_day(date(2019, 11, 23), ZoneInfo("Asia/Seoul")).isoformat()
    '2019-11-23T00:00:00+09:00'
    """
    # A wall-clock midnight that falls in a gap maps, through UTC, to the first real instant.
    midnight = datetime.combine(day, time(0), zone)
    try:
        return midnight.astimezone(UTC).astimezone(zone)
    except OverflowError:  # 1 January of year 1 east of UTC: no gap that early, midnight it is
        return midnight


def day_of(instant: datetime, zone: tzinfo) -> date:
    """The calendar day in `zone` on which an aware instant falls."""
    return instant.astimezone(zone).date()


def zone_abbreviation(instant: datetime) -> str:
    """`KST`, `CET`, or the numeric offset where the zone has no abbreviation."""
    name = instant.tzname() or ""
    return name if name and name[0].isalpha() else f"UTC{instant.strftime('%z')[:3]}"


@lru_cache(maxsize=16384)
def format_day(day: date, *, weekday: bool = True) -> str:
    """`Tuesday 24 August 2027`, in English whatever the locale."""
    text = f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    return f"{_WEEKDAYS[day.weekday()]} {text}" if weekday else text


def short_day(day: date) -> str:
    """`23 Aug 2019`: for labels where a whole day's name takes too much room."""
    return f"{day.day} {_MONTHS[day.month - 1][:3]} {day.year}"


def parse_when(value: date | datetime | str, zone: tzinfo) -> date:
    """The day meant by `--on`: a date as is, an aware instant or ISO string as its day in `zone`.

    >>> from zoneinfo import ZoneInfo
    >>> parse_when("2019-08-24T20:00:00-05:00", ZoneInfo("Asia/Seoul"))
    datetime.date(2019, 8, 25)
    """
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"{value.isoformat()} has no UTC offset, so its day is ambiguous")
        try:
            return day_of(value, zone)
        except OverflowError:
            raise ValueError(f"{value.isoformat()} falls outside the calendar there") from None
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is neither a date nor a date-time")
    text = value.strip()
    if text.lower() in _NAMED or text[:1] in ("+", "-"):
        return _relative(text, zone)
    if text[:1].isdigit() and "T" not in text and " " not in text:  # a day, in an ISO 8601 form
        try:
            if text.isascii():
                return date.fromisoformat(text)
        except ValueError:
            pass
        raise ValueError(f"{value!r} is not a day of the form YYYY-MM-DD")
    from dateutil.parser import isoparse  # ISO 8601 in all its forms, only when a time is given

    try:
        instant = isoparse(text)
    except (ValueError, OverflowError):
        raise ValueError(
            f"{value!r} is neither YYYY-MM-DD nor an ISO 8601 date-time with an offset"
        ) from None
    if instant.tzinfo is None:
        raise ValueError(
            f"{value!r} has no UTC offset, so its day is ambiguous (add one, e.g. +09:00 or Z)"
        )
    try:
        return day_of(instant, zone)
    except OverflowError:
        raise ValueError(f"{value!r} falls outside the calendar (years 1-9999) there") from None


_NAMED = {"yesterday": -1, "today": 0, "tomorrow": 1}


def _relative(text: str, zone: tzinfo) -> date:
    """`today`, `tomorrow`, `yesterday`, or a signed duration from today: `+P90D`, `-P1Y`.

    >>> import os; from zoneinfo import ZoneInfo
    >>> os.environ["SOURCE_DATE_EPOCH"] = "1795392000"  # 2026-11-23T00:00:00Z
    >>> parse_when("+P90D", ZoneInfo("Asia/Seoul")), parse_when("-P1Y", ZoneInfo("UTC"))
    (datetime.date(2027, 2, 21), datetime.date(2025, 11, 23))
    >>> del os.environ["SOURCE_DATE_EPOCH"]
    """
    from .durations import Duration

    base = today(zone)
    if text.lower() in _NAMED:
        try:
            return base + timedelta(days=_NAMED[text.lower()])
        except OverflowError:
            raise ValueError(f"{text!r} leaves the calendar (years 1-9999)") from None
    try:
        duration = Duration.parse(text[1:].upper())
    except ValueError:
        raise ValueError(
            f"{text!r} is not a signed ISO 8601 duration such as +P90D or -P1Y"
        ) from None
    if duration.has_time:
        raise ValueError(f"{text!r} counts hours, minutes or seconds: a day is whole days")
    try:
        return duration.add_to(base) if text[0] == "+" else duration.subtract_from(base)
    except OverflowError:
        raise ValueError(
            f"{text!r} from {base.isoformat()} leaves the calendar (years 1-9999)"
        ) from None


def now() -> datetime:
    """This instant in UTC, to the second: SOURCE_DATE_EPOCH when that is set (the one "now").

    Every command reads the time here, so that `status`, `deadlines`, the examples and the
    DTSTAMP of an export agree, and a set SOURCE_DATE_EPOCH makes all of them reproducible.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return datetime.now(UTC).replace(microsecond=0)
    if not (epoch.isascii() and epoch.isdigit()):
        raise ValueError(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds")
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError, OSError):
        raise ValueError(
            f"SOURCE_DATE_EPOCH={epoch!r} is past the calendar's end (year 9999)"
        ) from None


def today(zone: tzinfo) -> date:
    """Today in `zone`: the day of `now()` there.

    >>> import os; from zoneinfo import ZoneInfo
    >>> os.environ["SOURCE_DATE_EPOCH"] = "1795392000"  # 2026-11-23T00:00:00Z
    >>> today(ZoneInfo("Asia/Seoul")), today(ZoneInfo("America/New_York"))
    (datetime.date(2026, 11, 23), datetime.date(2026, 11, 22))
    >>> del os.environ["SOURCE_DATE_EPOCH"]
    """
    try:
        return now().astimezone(zone).date()
    except OverflowError:
        raise ValueError(
            f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH')!r} is past the calendar's "
            "end (year 9999) in that zone"
        ) from None
