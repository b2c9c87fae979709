"""Terms and automatic renewals: when each term ends, computed in one step from a fixed anchor.

The end of term k (the first day after it) is `anchor + (first + k × renewal)`, the durations
summed field by field and applied once, so month-end and 29 February anchors never drift.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import final

from .durations import Duration

__all__ = ["Terms"]

_NO_TIME = Duration()


@final
@dataclass(frozen=True, slots=True)
class Terms:
    """A schedule of terms: term k runs from `end(k - 1)` (or `start`) to the day before `end(k)`.

    >>> from datetime import date
    >>> gsomia = Terms.from_catalog(date(2016, 11, 23), Duration(years=1), Duration(years=1))
    >>> gsomia.term_on(date(2026, 11, 22))
    (datetime.date(2025, 11, 23), datetime.date(2026, 11, 23))
    """

    start: date
    anchor: date
    first: Duration
    renewal: Duration | None
    number: int = 0  # how many terms of the agreement came before this schedule's term 0

    @classmethod
    def from_catalog(cls, in_force: date, term: Duration, renewal: Duration | None) -> Terms:
        return cls(start=in_force, anchor=in_force, first=term, renewal=renewal)

    def end(self, k: int) -> date:
        """The first day after term k (k = 0 is the initial term, or the extended one)."""
        if k == 0 or self.renewal is None:
            return self.first.add_to(self.anchor)
        return (self.first + self.renewal * k).add_to(self.anchor)

    def describe_end(self, k: int) -> str:
        """The arithmetic behind `end(k)`, e.g. `2016-11-23 + 11 years = 2027-11-23`."""
        span = self.first if k == 0 or self.renewal is None else self.first + self.renewal * k
        if span == _NO_TIME:
            return f"{self.anchor.isoformat()} (the end set by an extension)"
        return f"{self.anchor.isoformat()} + {span.words()} = {self.end(k).isoformat()}"

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
        if self.renewal is None:
            return 0 if day < self.end(0) else None
        length = self.renewal.approximate_days()
        elapsed = (day - self.anchor).days - self.first.approximate_days()
        k = max(0, math.floor(elapsed / length)) if length else 0
        # The estimate is off by at most one or two periods; step to the exact term.
        while k > 0 and self.end(k - 1) > day:
            k -= 1
        while self.end(k) <= day:
            k += 1
        return k

    def term_on(self, day: date) -> tuple[date, date] | None:
        """(first day, end) of the term containing `day`, or None outside every term."""
        if day < self.start:
            return None
        k = self.index_on(day)
        if k is None:
            return None
        return (self.start if k == 0 else self.end(k - 1)), self.end(k)

    def ends_from(self, day: date) -> Iterator[tuple[int, date]]:
        """Every term end on or after `day`, in order, with its index."""
        k = self.index_on(day - timedelta(days=1))
        if k is None:
            return
        while True:
            end = self.end(k)
            if end >= day:
                yield k, end
            if self.renewal is None:
                return
            k += 1

    def extended(self, day: date, until: date) -> Terms:
        """The schedule after an extension on `day`: the current term ends after `until`."""
        current = self.term_on(day)
        start = current[0] if current else self.start
        return Terms(
            start=start, anchor=until + timedelta(days=1), first=_NO_TIME, renewal=self.renewal
        )
