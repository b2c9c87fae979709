"""Business days: a country's (or one of its subdivisions') weekend and public holidays, as the
`holidays` package knows them, and the counting that notice clauses do with them.

`holidays` is imported only when a calendar is first asked about: an agreement without one never
loads it.

>>> from datetime import date
>>> berlin = business_days("DE-BE")
>>> berlin.is_business_day(date(2026, 1, 6)), business_days("DE-BY").is_business_day(date(2026, 1, 6))
(True, False)
>>> berlin.nth_after(date(2026, 12, 23), 2)  # Christmas Eve, then over Christmas and Sunday
datetime.date(2026, 12, 28)
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import Any, final

from .values import Value

__all__ = ["BusinessDays", "business_days"]

_DAY = timedelta(days=1)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@final
class BusinessDays(Value):
    """The business days of a calendar `code`: `"DE"`, `"DE-BY"`, `"US-NY"`, `"KR"`."""

    __slots__ = ("_holidays", "code")
    code: str
    _holidays: Any  # the `holidays` package's calendar, which fills in years as asked

    def __init__(self, code: str) -> None:
        self._fill(code)
        object.__setattr__(self, "_holidays", _calendar(code))

    def is_business_day(self, day: date) -> bool:
        return bool(self._holidays.is_working_day(day))

    def why_not(self, day: date) -> str | None:
        """Why `day` is no business day (`Christmas Day`, `a Saturday`), or None if it is one."""
        if day.weekday() in self._holidays.weekend:
            return f"a {_WEEKDAYS[day.weekday()]}"
        name = self._holidays.get(day)
        return None if name is None else str(name)

    def nth_after(self, day: date, n: int) -> date:
        """The n-th business day after `day` (`day` not counted)."""
        found = day
        while n > 0:
            found += _DAY
            n -= self.is_business_day(found)
        return found

    def nth_from(self, day: date, n: int) -> date:
        """The n-th business day counted from `day` (`day` the first when it is one)."""
        return self.nth_after(day - _DAY, n)

    def latest_before(self, end: date, n: int) -> date:
        """The latest day L with at least n business days strictly between L and `end`."""
        found, count = end - _DAY, 0
        while count < n:
            count += self.is_business_day(found)
            found -= _DAY
        return found

    def preceding(self, day: date) -> date:
        """`day`, or the nearest business day before it."""
        while not self.is_business_day(day):
            day -= _DAY
        return day

    def following(self, day: date) -> date:
        """`day`, or the nearest business day after it."""
        while not self.is_business_day(day):
            day += _DAY
        return day

    def stepped_over(self, first: date, last: date) -> tuple[str, ...]:
        """The days from `first` to `last` (both included) that are no business days, each
        with why: `2026-11-26 Thanksgiving`, `2026-11-28 a Saturday`."""
        found, day = [], first
        while day <= last:
            why = self.why_not(day)
            if why is not None:
                found.append(f"{day.isoformat()} {why}")
            day += _DAY
        return tuple(found)


@lru_cache(maxsize=256)
def business_days(code: str) -> BusinessDays:
    """The calendar of `code`, made once; ValueError naming the code when `holidays` has none."""
    return BusinessDays(code)


@lru_cache(maxsize=256)
def _calendar(code: str) -> Any:
    if not isinstance(code, str) or not code or code != code.strip():
        raise ValueError(f"{code!r} is not a calendar code such as DE, DE-BY, US-NY or KR")
    import holidays

    country, _, subdivision = code.partition("-")
    try:
        return holidays.country_holidays(country, subdiv=subdivision or None)
    except NotImplementedError:
        supported = holidays.list_supported_countries()
        if country not in supported:
            raise ValueError(
                f"{code!r} is no country the holidays package knows (e.g. DE, US, KR)"
            ) from None
        known = ", ".join(supported[country][:12])
        raise ValueError(
            f"{code!r}: {country} has no subdivision {subdivision!r} (known: {known}, …)"
        ) from None
