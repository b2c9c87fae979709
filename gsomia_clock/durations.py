"""ISO 8601 calendar durations and the one way this project adds them to days.

Months and years keep the day of the month, clamped to the month's last day; a sum of
durations is added field by field first and applied once, so a term end never drifts.

>>> from datetime import date
>>> Duration.parse("P1Y").add_to(date(2016, 2, 29))
datetime.date(2017, 2, 28)
>>> (Duration.parse("P1Y") * 4).add_to(date(2016, 2, 29))
datetime.date(2020, 2, 29)
>>> Duration.parse("P90D").subtract_from(date(2019, 11, 23))
datetime.date(2019, 8, 25)
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import final

from .values import Value

__all__ = ["Duration", "shift"]

_PATTERN = re.compile(
    r"P(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?=\d)(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?",
    re.ASCII,  # only 0-9 are digits: not ٩٠ nor ９０
)
_LAST_ORDINAL = date.max.toordinal()
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_UNITS = (
    ("years", "year"),
    ("months", "month"),
    ("weeks", "week"),
    ("days", "day"),
    ("hours", "hour"),
    ("minutes", "minute"),
    ("seconds", "second"),
)


@lru_cache(maxsize=1024)
def _parse(text: str) -> Duration:
    match = _PATTERN.fullmatch(text)
    if match is None or text in ("P", "PT") or text.endswith("T"):
        raise ValueError(f"{text!r} is not an ISO 8601 duration such as P90D, P6M, P1Y or P1Y6M")
    return Duration(**{name: int(value) for name, value in match.groupdict(default="0").items()})


def _days_in_month(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if not 1 <= year <= 9999:
        raise OverflowError(f"{day.isoformat()} shifted by {months} months leaves years 1-9999")
    return date(year, month, min(day.day, _days_in_month(year, month)))


@lru_cache(maxsize=16384)
def shift(day: date, months: int, days: int) -> date:
    """`day` moved by whole months (clamped to the month's end), then by days: the one rule.

    Terms call this with integers they computed once, so a query builds no Duration; the same
    term ends and deadlines come up query after query, so the answers are remembered.
    """
    if months:
        day = _shift_months(day, months)
    if not days:
        return day
    ordinal = day.toordinal() + days
    if not 1 <= ordinal <= _LAST_ORDINAL:
        raise OverflowError(f"{day.isoformat()} shifted by {days} days leaves years 1-9999")
    return date.fromordinal(ordinal)


@final
class Duration(Value):
    """A calendar duration: years and months move along the calendar, weeks and days are exact."""

    __slots__ = ("days", "hours", "minutes", "months", "seconds", "weeks", "years")
    years: int
    months: int
    weeks: int
    days: int
    hours: int
    minutes: int
    seconds: int

    def __init__(
        self,
        years: int = 0,
        months: int = 0,
        weeks: int = 0,
        days: int = 0,
        hours: int = 0,
        minutes: int = 0,
        seconds: int = 0,
    ) -> None:
        self._fill(years, months, weeks, days, hours, minutes, seconds)

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Read `P90D`, `P6M`, `P1Y6M`, `P2W`, `PT12H`; raise ValueError on anything else.

        Equal texts give the same object: a register of thousands shares a handful of them.
        """
        if not isinstance(text, str):
            raise ValueError(
                f"{text!r} is not an ISO 8601 duration such as P90D, P6M, P1Y or P1Y6M"
            )
        return _parse(text)

    @property
    def has_time(self) -> bool:
        return bool(self.hours or self.minutes or self.seconds)

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months

    @property
    def total_days(self) -> int:
        return self.weeks * 7 + self.days

    @property
    def mean_days(self) -> float:
        """Its mean length in days (a month of 30.436875): where to start counting periods."""
        return self.total_months * 30.436875 + self.total_days

    @property
    def is_zero(self) -> bool:
        return not (self.total_months or self.total_days or self.has_time)

    def __add__(self, other: Duration) -> Duration:
        return Duration(*(a + b for a, b in zip(self._values(), other._values(), strict=True)))

    def __mul__(self, factor: int) -> Duration:
        return Duration(*(value * factor for value in self._values()))

    @classmethod
    def between(cls, start: date, end: date) -> Duration:
        """The calendar span from `start` to a later `end`: whole months, then days.

        `start + between(start, end) == end`, with the most whole months that do not overshoot
        (as dateutil's relativedelta counts); months that clamp are named in `words`.

        >>> Duration.between(date(2026, 8, 25), date(2027, 8, 24)).words()
        '11 months 30 days'
        """
        if end < start:
            raise ValueError(f"{end.isoformat()} is before {start.isoformat()}")
        months = (end.year - start.year) * 12 + end.month - start.month
        landed = _shift_months(start, months)
        if landed > end:
            months -= 1
            landed = _shift_months(start, months)
        return cls(years=months // 12, months=months % 12, days=(end - landed).days)

    def add_to(self, day: date) -> date:
        """`day` + this duration: years and months first (clamped), then weeks and days."""
        return shift(day, self.years * 12 + self.months, self.weeks * 7 + self.days)

    def subtract_from(self, day: date) -> date:
        """`day` − this duration, the mirror of `add_to`."""
        return shift(day, -(self.years * 12 + self.months), -(self.weeks * 7 + self.days))

    def to_timedelta(self) -> timedelta:
        """Exact length of a duration without months or years (an alarm's offset)."""
        if self.total_months:
            raise ValueError(f"{self} has months or years, which have no fixed length")
        return timedelta(
            days=self.total_days, hours=self.hours, minutes=self.minutes, seconds=self.seconds
        )

    def __str__(self) -> str:
        date_part = "".join(
            f"{value}{unit}"
            for value, unit in (
                (self.years, "Y"),
                (self.months, "M"),
                (self.weeks, "W"),
                (self.days, "D"),
            )
            if value
        )
        time_part = "".join(
            f"{value}{unit}"
            for value, unit in ((self.hours, "H"), (self.minutes, "M"), (self.seconds, "S"))
            if value
        )
        if time_part:
            return f"P{date_part}T{time_part}"
        return f"P{date_part or '0D'}"

    def words(self) -> str:
        """`P1Y6M` → `1 year 6 months`; `P90D` → `90 days`."""
        return _words(self)

    def _words(self) -> str:
        parts = [
            f"{value} {singular}{'' if value == 1 else 's'}"
            for (name, singular) in _UNITS
            if (value := getattr(self, name))
        ]
        return " ".join(parts) or "0 days"


_words = lru_cache(maxsize=1024)(Duration._words)
