"""Calendars of a clause's own: period boundaries (`end-of-period`) and notice windows.

A boundary is `anchor + k × every` for every integer k, each computed from the anchor in one step
(as term ends are from `in_force`), so 31 January anchors never drift; with several anchors, the
union of their boundaries. A window opens on `start + (first + k × every)` for k = 0, 1, 2 … and
stays open for `length`.

>>> from datetime import date
>>> unesco = Boundaries(Duration(years=1), (date(1947, 1, 1),))
>>> unesco.first_end_after(date(2017, 10, 12))[1]
datetime.date(2018, 1, 1)
>>> ilo = Window(Duration(years=10), Duration(years=10), Duration(years=1))
>>> ilo.holding(date(1985, 11, 23), date(1996, 11, 20))
(datetime.date(1995, 11, 23), datetime.date(1996, 11, 22))
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import final

from .durations import Duration, shift
from .values import Value

__all__ = ["Boundaries", "Window"]

_DAY = timedelta(days=1)


def _nth(anchor: date, every: Duration, n: int) -> date:
    return shift(anchor, n * every.total_months, n * every.total_days)


def _first_after(anchor: date, every: Duration, day: date) -> tuple[int, date]:
    """The least n whose boundary `anchor + n × every` is after `day`, and that boundary (an
    estimate, then steps: one or two for a period of whole months, whose estimate is exact to
    the month).

    OverflowError when that boundary is beyond year 9999.
    """
    months, days = every.total_months, every.total_days

    def boundary(n: int) -> date | None:
        """Boundary n; None before year 1 (so before `day`)."""
        try:
            return shift(anchor, n * months, n * days)
        except OverflowError:
            if n < 0:
                return None
            raise

    if months and not days:
        n = ((day.year - anchor.year) * 12 + day.month - anchor.month) // months
    else:
        n = int((day.toordinal() - anchor.toordinal()) // every.mean_days)
    while (before := boundary(n - 1)) is not None and before > day:
        n -= 1
    while (found := boundary(n)) is None or found <= day:
        n += 1
    return n, found


@final
class Boundaries(Value):
    """The boundaries of `end-of-period` clause: the first days of its periods.

    Indexed like term ends (`first_end_after`, `next_end`, `describe_end`), so that an exit
    reckons with either the same way; an index k stands for the n-th boundary of anchor i as
    `n × len(anchors) + i`.
    """

    __slots__ = ("anchors", "every")
    every: Duration
    anchors: tuple[date, ...]

    def __init__(self, every: Duration, anchors: tuple[date, ...]) -> None:
        self._fill(every, anchors)
        if not isinstance(self.every, Duration) or self.every.is_zero:
            raise TypeError(f"Boundaries.every: {self.every!r} is not a Duration longer than zero")
        if not self.anchors or not all(type(a) is date for a in self.anchors):
            raise TypeError(f"Boundaries.anchors: {self.anchors!r} is not a tuple of dates")

    def end(self, k: int) -> date:
        n, i = divmod(k, len(self.anchors))
        return _nth(self.anchors[i], self.every, n)

    def first_end_after(self, day: date) -> tuple[int, date] | None:
        """(k, boundary) of the first boundary after `day`, or None beyond year 9999."""
        best: tuple[int, date] | None = None
        count = len(self.anchors)
        for i, anchor in enumerate(self.anchors):
            try:
                n, found = _first_after(anchor, self.every, day)
            except OverflowError:
                continue
            if best is None or found < best[1]:
                best = (n * count + i, found)
        return best

    def next_end(self, k: int) -> tuple[int, date] | None:
        """The boundary after boundary k (None beyond year 9999): with one anchor, boundary
        k + 1, since each is after the one before (a longer shift from the same day)."""
        if len(self.anchors) > 1:
            return self.first_end_after(self.end(k))
        try:
            return k + 1, _nth(self.anchors[0], self.every, k + 1)
        except OverflowError:
            return None

    def describe_end(self, k: int) -> str:
        """`1947-01-01 + 72 years = 2019-01-01`."""
        n, i = divmod(k, len(self.anchors))
        anchor, end = self.anchors[i], self.end(k)
        if n == 0:
            return f"{anchor.isoformat()} (an anchor of the clause's periods)"
        sign = "+" if n > 0 else "−"
        return f"{anchor.isoformat()} {sign} {(self.every * abs(n)).words()} = {end.isoformat()}"


@final
class Window(Value):
    """When notice may be given: windows opening `first`, then every `every`, after a start day,
    each open for `length` (its last day is the opening day + length − 1 day)."""

    __slots__ = ("every", "first", "length")
    first: Duration
    every: Duration | None
    length: Duration

    def __init__(self, first: Duration, every: Duration | None, length: Duration) -> None:
        self._fill(first, every, length)
        for name in ("first", "every", "length"):
            value = getattr(self, name)
            if not (isinstance(value, Duration) or (value is None and name == "every")):
                raise TypeError(f"Window.{name}: {value!r} is not a Duration")

    def opening(self, start: date, k: int) -> date:
        every = self.every or Duration()
        return shift(
            start,
            self.first.total_months + k * every.total_months,
            self.first.total_days + k * every.total_days,
        )

    def _bounds(self, start: date, k: int) -> tuple[date, date]:
        opens = self.opening(start, k)
        return opens, self.length.add_to(opens) - _DAY

    def holding(self, start: date, day: date) -> tuple[date, date] | None:
        """(first day, last day) of the window open on `day`, or None."""
        k = self._index(start, day)
        if k is None:
            return None
        opens, last = self._bounds(start, k)
        return (opens, last) if opens <= day <= last else None

    def next_opening(self, start: date, day: date) -> date | None:
        """The first day on or after `day` inside a window, or None when none opens again."""
        k = self._index(start, day)
        if k is None:  # before the first window
            return self.opening(start, 0)
        if day <= self._bounds(start, k)[1]:
            return day
        if self.every is None:
            return None
        try:
            return self.opening(start, k + 1)
        except OverflowError:
            return None

    def _index(self, start: date, day: date) -> int | None:
        """The k of the last window opening on or before `day`, or None before the first."""
        if day < self.opening(start, 0):
            return None
        if self.every is None:
            return 0
        elapsed = day.toordinal() - self.opening(start, 0).toordinal()
        k = max(0, int(elapsed // self.every.mean_days) - 1)
        while True:
            try:
                if self.opening(start, k + 1) > day:
                    return k
            except OverflowError:
                return k
            k += 1

    def describe(self, start: date, opens: date, last: date) -> str:
        """`windows open 10 years after 1985-11-23 and every 10 years after that, for 1 year:
        this one 1995-11-23 to 1996-11-22`."""
        every = f" and every {self.every.words()} after that" if self.every else ""
        return (
            f"notice only within windows opening {self.first.words()} after "
            f"{start.isoformat()}{every}, each for {self.length.words()}: this one "
            f"{opens.isoformat()} to {last.isoformat()}"
        )
