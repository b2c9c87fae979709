"""Business days: a country's (or one of its subdivisions') weekend and public holidays, as the
`holidays` package knows them, and the counting that notice clauses do with them.

The package is asked about each day of a year once: the days of that year that are no business
days (weekend days included) are kept as a sorted table, and every count is a bisection in it and
arithmetic on the year's number of business days. Counting did walk day by day, asking the package
about each day: a clause of 100,000 business days took over a minute for each term end.

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

from array import array
from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, NamedTuple, Protocol, Self, TypeVar, final

from .values import Value

__all__ = ["BusinessDays", "business_days"]

_DAY = timedelta(days=1)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SHOWN = 12  # subdivisions named in a message; the rest are counted
_GIVEN = 1024  # clauses given a calendar, per calendar, before all are forgotten


class _Counting(Protocol):
    """A clause that counts business days: a value whose calendar can be replaced."""

    def replace(self, **changes: Any) -> Self: ...


_Clause = TypeVar("_Clause", bound=_Counting)


class _Year(NamedTuple):
    """One year of a calendar, as ordinals (`date.toordinal`)."""

    first: int  # 1 January
    days: int  # 365 or 366
    off: array[int]  # the days that are no business days, in order
    # For each of those, the business days of the year before it (off[i] − first − i): the
    # k-th business day comes after exactly the days off with fewer than k before them.
    before: array[int]

    @property
    def business(self) -> int:
        return self.days - len(self.off)

    def counted_before(self, ordinal: int) -> int:
        """The business days of the year before `ordinal` (a day of the year, or the next 1 January)."""
        return ordinal - self.first - bisect_left(self.off, ordinal)

    def kth(self, k: int) -> int:
        """The k-th business day of the year (1 ≤ k ≤ `business`)."""
        return self.first + k - 1 + bisect_left(self.before, k)


@final
class BusinessDays(Value):
    """The business days of a calendar `code`: `"DE"`, `"DE-BY"`, `"US-NY"`, `"KR"`."""

    __slots__ = ("_given", "_holidays", "_years", "code")
    code: str
    _holidays: Any  # the `holidays` package's calendar, which fills in years as asked
    _years: dict[int, _Year]  # the tables made so far: a cache in plain sight, never a field
    # The clauses given this calendar so far, by the clause without it (its id, the clause kept
    # alive beside): the agreements of a register that share a clause and a calendar share the
    # clause so given, and what it remembers. Another cache in plain sight.
    _given: dict[int, tuple[object, object]]

    def __init__(self, code: str) -> None:
        self._fill(code)
        object.__setattr__(self, "_holidays", _calendar(code))
        object.__setattr__(self, "_years", {})
        object.__setattr__(self, "_given", {})

    def given(self, clause: _Clause) -> _Clause:
        """The clause counting in this calendar (`clause.replace(calendar=self)`), made once
        for the same clause."""
        found = self._given.get(id(clause))  # the clause kept alive, its id is no other's
        if found is None:
            if len(self._given) >= _GIVEN:
                self._given.clear()
            found = self._given[id(clause)] = (clause, clause.replace(calendar=self))
        return found[1]  # type: ignore[return-value]  # made from this very clause

    def is_business_day(self, day: date) -> bool:
        ordinal = day.toordinal()
        off = self._year(day.year).off
        found = bisect_left(off, ordinal)
        return found == len(off) or off[found] != ordinal

    def why_not(self, day: date) -> str | None:
        """Why `day` is no business day (`Christmas Day`, `a Saturday`), or None if it is one."""
        return None if self.is_business_day(day) else self._why(day)

    def nth_after(self, day: date, n: int) -> date:
        """The n-th business day after `day` (`day` not counted)."""
        year = day.year
        k = self._year(year).counted_before(day.toordinal() + 1) + n
        while k > (table := self._year(year)).business:
            k -= table.business
            year += 1
        return date.fromordinal(table.kth(k))

    def nth_from(self, day: date, n: int) -> date:
        """The n-th business day counted from `day` (`day` the first when it is one)."""
        return self.nth_after(day - _DAY, n)

    def nth_before(self, day: date, n: int) -> date:
        """The n-th business day before `day` (`day` not counted)."""
        year = day.year
        k = self._year(year).counted_before(day.toordinal()) - n + 1
        while k < 1:
            year -= 1
            k += self._year(year).business
        return date.fromordinal(self._year(year).kth(k))

    def latest_before(self, end: date, n: int) -> date:
        """The latest day L with at least n business days strictly between L and `end`."""
        return self.nth_before(end, n) - _DAY

    def preceding(self, day: date) -> date:
        """`day`, or the nearest business day before it."""
        return day if self.is_business_day(day) else self.nth_before(day, 1)

    def following(self, day: date) -> date:
        """`day`, or the nearest business day after it."""
        return day if self.is_business_day(day) else self.nth_after(day, 1)

    def stepped_over(self, first: date, last: date) -> tuple[str, ...]:
        """The days from `first` to `last` (both included) that are no business days, each
        with why: `2026-11-26 Thanksgiving`, `2026-11-28 a Saturday`."""
        found = []
        for year in range(first.year, last.year + 1):
            off = self._year(year).off
            start, stop = bisect_left(off, first.toordinal()), bisect_right(off, last.toordinal())
            for ordinal in off[start:stop]:
                day = date.fromordinal(ordinal)
                found.append(f"{day.isoformat()} {self._why(day)}")
        return tuple(found)

    def _why(self, day: date) -> str:
        if self._holidays.is_weekend(day):
            return f"a {_WEEKDAYS[day.weekday()]}"
        return str(self._holidays.get(day))

    def _year(self, year: int) -> _Year:
        found = self._years.get(year)
        if found is None:
            found = self._years[year] = self._table(year)
        return found

    def _table(self, year: int) -> _Year:
        """The year's days off, asked of the package day by day, once."""
        if not 1 <= year <= 9999:
            raise OverflowError(f"counting business days leaves years 1-9999 (year {year})")
        first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        working = self._holidays.is_working_day
        off = array("i", (o for o in range(first, last + 1) if not working(date.fromordinal(o))))
        before = array("i", (o - first - i for i, o in enumerate(off)))
        return _Year(first, last - first + 1, off, before)


@lru_cache(maxsize=256)
def business_days(code: str) -> BusinessDays:
    """The calendar of `code`, made once; ValueError naming the code when `holidays` has none."""
    return BusinessDays(code)


@lru_cache(maxsize=256)
def _calendar(code: str) -> Any:
    if not isinstance(code, str) or not code or code != code.strip():
        raise ValueError(f"{code!r} is not a calendar code such as DE, DE-BY, US-NY or KR")
    import holidays

    country, dash, subdivision = code.partition("-")
    if subdivision or not dash:  # `DE-` names no subdivision: not taken for `DE`
        try:
            return holidays.country_holidays(country, subdiv=subdivision or None)
        except NotImplementedError:
            pass
    supported = holidays.list_supported_countries()
    if country not in supported:
        raise ValueError(f"{code!r} is no country the holidays package knows (e.g. DE, US, KR)")
    known = _subdivisions(country, supported[country])
    if not subdivision:
        raise ValueError(f"{code!r}: a trailing '-' names no subdivision ({known})")
    raise ValueError(f"{code!r}: {country} has no subdivision {subdivision!r} ({known})")


def _subdivisions(country: str, known: list[str]) -> str:
    """`known: BB, BE, …, SH and 5 more`, or that `country` has none."""
    if not known:
        return f"the holidays package knows none of {country}'s; write {country!r} alone"
    more = f" and {len(known) - _SHOWN} more" if len(known) > _SHOWN else ""
    return f"known: {', '.join(known[:_SHOWN])}{more}"
