"""Terms and automatic renewals: when each term ends, computed in one step from a fixed anchor.

The end of term k (the first day after it) is `anchor + (first + k × renewal)`, the durations
summed field by field and applied once, so month-end and 29 February anchors never drift. The
months and days of both durations are kept as integers, so finding the term of any day, in 2026
or in 2116, costs an estimate and one or two exact steps, never a walk over past terms.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import final

from .durations import Duration, shift
from .values import Value

__all__ = ["Terms"]

_NO_TIME = Duration()
_ONE_DAY = timedelta(days=1)
_SAID = 64  # term ends described per schedule before they are all forgotten


@final
class Terms(Value):
    """A schedule of terms: term k runs from `end(k - 1)` (or `start`) to the day before `end(k)`.

    >>> from datetime import date
    >>> gsomia = Terms.from_catalog(date(2016, 11, 23), Duration(years=1), Duration(years=1))
    >>> gsomia.term_on(date(2026, 11, 22))
    (datetime.date(2025, 11, 23), datetime.date(2026, 11, 23))
    """

    __slots__ = (
        "_days",
        "_months",
        "_ordinals",
        "_said",
        "anchor",
        "first",
        "number",
        "renewal",
        "start",
    )
    start: date
    anchor: date
    first: Duration
    renewal: Duration | None
    number: int  # how many terms of the agreement came before this schedule's term 0
    _months: tuple[int, int]
    _days: tuple[int, int]
    _ordinals: tuple[int, float]
    # The term ends described so far, by k: the same few come up query after query. A cache in
    # plain sight, kept on the schedule it describes (as dateutil keeps an rrule's), never a field.
    _said: dict[int, str]

    def __init__(
        self, start: date, anchor: date, first: Duration, renewal: Duration | None, number: int = 0
    ) -> None:
        self._fill(start, anchor, first, renewal, number)
        after = renewal or _NO_TIME
        months = (first.total_months, after.total_months)
        days = (first.total_days, after.total_days)
        set_ = object.__setattr__
        set_(self, "_months", months)
        set_(self, "_days", days)
        # Where term 0 ends, and the mean length of a renewal, in days: the estimate of k.
        set_(self, "_ordinals", (shift(anchor, months[0], days[0]).toordinal(), after.mean_days))
        set_(self, "_said", {})

    @classmethod
    def from_catalog(cls, in_force: date, term: Duration, renewal: Duration | None) -> Terms:
        return cls(start=in_force, anchor=in_force, first=term, renewal=renewal)

    def end(self, k: int) -> date:
        """The first day after term k (k = 0 is the initial term, or the extended one)."""
        months, days = self._months, self._days  # a renewal of none: (0, 0)
        return shift(self.anchor, months[0] + k * months[1], days[0] + k * days[1])

    def describe_end(self, k: int) -> str:
        """The arithmetic behind `end(k)`, e.g. `2016-11-23 + 11 years = 2027-11-23`."""
        said = self._said.get(k)
        if said is None:
            span = self.first if k == 0 or self.renewal is None else self.first + self.renewal * k
            if span == _NO_TIME:
                said = f"{self.anchor.isoformat()} (the end set by an extension)"
            else:
                said = f"{self.anchor.isoformat()} + {span.words()} = {self.end(k).isoformat()}"
            if len(self._said) >= _SAID:
                self._said.clear()
            self._said[k] = said
        return said

    def describe_end_of(self, day: date) -> str:
        """The arithmetic behind the end of the term containing `day`."""
        k = self.index_on(day)
        return self.describe_end(0 if k is None else k)

    @property
    def final_end(self) -> date | None:
        """The day the agreement expires when nothing renews it, else None."""
        return self.end(0) if self.renewal is None else None

    def index_on(self, day: date) -> int | None:
        """The k of the term containing `day` (days before `start` count as term 0); None once expired."""
        found = self._locate(day)
        return None if found is None else found[0]

    def _locate(self, day: date) -> tuple[int, date] | None:
        """(k, end(k)) for the term containing `day`, with as few `end` calls as may be."""
        first_end, length = self._ordinals
        ordinal = day.toordinal()
        if ordinal < first_end:
            return 0, date.fromordinal(first_end)
        if self.renewal is None:
            return None
        # Estimate k from the mean period, then step: it is off by at most one period.
        k = int((ordinal - first_end) / length) + 1
        end = self.end(k)
        while end <= day:
            k += 1
            end = self.end(k)
        while k > 1:
            before = self.end(k - 1)
            if before <= day:
                break
            k, end = k - 1, before
        return k, end

    def term_on(self, day: date) -> tuple[date, date] | None:
        """(first day, end) of the term containing `day`, or None outside every term."""
        found = self.term_of(day)
        return None if found is None else (found[1], found[2])

    def term_of(self, day: date) -> tuple[int, date, date] | None:
        """(k, first day, end) of the term containing `day`, or None outside every term."""
        if day < self.start:
            return None
        found = self._locate(day)
        if found is None:
            return None
        k, end = found
        return k, (self.start if k == 0 else self.end(k - 1)), end

    def first_end_after(self, day: date) -> tuple[int, date] | None:
        """(k, end) of the first term end after `day`, or None when none is left."""
        return self._locate(day)

    def next_end(self, k: int) -> tuple[int, date] | None:
        """(k + 1, its end), or None when nothing renews."""
        return None if self.renewal is None else (k + 1, self.end(k + 1))

    def ends_from(self, day: date) -> Iterator[tuple[int, date]]:
        """Every term end on or after `day`, in order, with its index."""
        # The term holding the day before `day` ends on or after `day` (0001-01-01 has none
        # before it, and no term ends on it).
        found = self._locate(day - _ONE_DAY if day > date.min else day)
        while found is not None:
            yield found
            found = self.next_end(found[0])

    def extended(self, day: date, until: date) -> Terms:
        """The schedule after an extension on `day`: the current term ends after `until`."""
        current = self.term_on(day)
        start = current[0] if current else self.start
        return Terms(
            start=start,
            anchor=until + timedelta(days=1),
            first=_NO_TIME,
            renewal=self.renewal,
            number=self.number + (self.index_on(day) or 0),
        )
