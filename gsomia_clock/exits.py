"""Exit clauses: when a notice received on a given day takes effect.

`end-of-term`: at the end E of the first term for which the notice came in time, i.e. received
before E − notice; so the last notice day is E − notice − 1 day. `after-notice`: on the day the
notice period runs out (received + notice), or a later day named in the notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from functools import lru_cache
from typing import Literal, NamedTuple, final

from .days import format_day, start_of_day, zone_abbreviation
from .durations import Duration, shift
from .terms import Terms

__all__ = ["Exit", "ExitKind", "Withdrawal", "earliest_withdrawal", "last_chance"]

ExitKind = Literal["end-of-term", "after-notice"]
_DAY = timedelta(days=1)


@final
@dataclass(frozen=True, slots=True)
class Exit:
    """One `[[agreement.exit]]` clause.

    >>> from datetime import date
    >>> Exit("after-notice", Duration(months=6)).withdrawal(date(2019, 2, 2), None, date(1988, 6, 1))[1]
    datetime.date(2019, 8, 2)
    """

    effect: ExitKind
    notice: Duration
    not_before: Duration | None = None
    not_effective_before: Duration | None = None

    def __post_init__(self) -> None:
        if self.effect not in ("end-of-term", "after-notice"):
            raise TypeError(f"Exit.effect: {self.effect!r} is not 'end-of-term' or 'after-notice'")
        for name in ("notice", "not_before", "not_effective_before"):
            value = getattr(self, name)
            if not (isinstance(value, Duration) or (value is None and name != "notice")):
                raise TypeError(
                    f"Exit.{name}: {value!r} is not a Duration (use Duration.parse('P90D'))"
                )

    def first_notice_day(self, bound_from: date) -> date:
        """The first day a party bound from `bound_from` may give notice under this clause."""
        return self.not_before.add_to(bound_from) if self.not_before else bound_from

    def withdrawal(
        self, received: date, terms: Terms | None, in_force: date, named: date | None = None
    ) -> Withdrawal | None:
        """When a notice received on `received` takes effect, or None if no term end is left."""
        floor = self.not_effective_before.add_to(in_force) if self.not_effective_before else None
        if self.effect == "after-notice":
            effective = self.notice.add_to(received)
            earliest = max(d for d in (effective, named, floor) if d is not None)
            return Withdrawal(received, earliest, self, natural=effective, named=named, floor=floor)
        if terms is None:
            return None
        # The effect is the first term end after the day received, on or after a named day,
        # and on or after the floor: the first end after the latest of the days before those.
        after = received
        if named is not None and named > after + _DAY:
            after = named - _DAY
        if floor is not None and floor > after + _DAY:
            after = floor - _DAY
        months, days = -self.notice.total_months, -self.notice.total_days
        found = terms.first_end_after(after)
        while found is not None:
            k, end = found
            door = shift(end, months, days)
            if received < door:
                return Withdrawal(received, end, self, terms, k, door)
            found = terms.next_end(k)
        return None


class Withdrawal(NamedTuple):
    """What a notice does: the first day no longer bound, and for end-of-term exits the deadline.

    `door` is the day whose first instant closes the window: `last_notice_day + 1 day`. (A named
    tuple: immutable, and the cheapest value Python builds, for it is built on every query.)
    """

    received: date
    effective: date
    exit: Exit
    terms: Terms | None = None
    k: int = 0
    door: date | None = None
    natural: date | None = None
    named: date | None = None
    floor: date | None = None

    @property
    def term_end(self) -> date | None:
        return self.effective if self.door is not None else None

    @property
    def last_notice_day(self) -> date | None:
        return None if self.door is None else self.door - _DAY

    @property
    def steps(self) -> tuple[str, ...]:
        """The arithmetic, without the zone: how the effective day was found."""
        if self.terms is not None:
            return (f"the term ends on {self.terms.describe_end(self.k)}",)
        notice = self.exit.notice
        steps = [f"{self.received.isoformat()} + {notice.words()} = {self.natural}"]
        if self.named is not None and self.named == self.effective != self.natural:
            steps.append(f"the notice names a later day, {self.named.isoformat()}")
        if self.floor is not None and self.floor == self.effective != self.natural:
            steps.append(f"no withdrawal takes effect before {self.floor.isoformat()}")
        return tuple(steps)

    def explain(self, zone: tzinfo) -> tuple[str, ...]:
        """The arithmetic, ending for end-of-term exits with the instant the window closes."""
        if self.door is None:
            return self.steps
        return (*self.steps, _door_text(self.exit.notice, self.effective, self.door, zone))


@lru_cache(maxsize=8192)
def _door_text(notice: Duration, effective: date, door: date, zone: tzinfo) -> str:
    """`2027-11-23 − 90 days = 2027-08-25: notice must be received before 00:00 KST on …`.

    The same few deadlines are explained query after query: remembered, in plain sight.
    """
    closes = start_of_day(door, zone)
    return (
        f"{effective.isoformat()} − {notice.words()} = {door.isoformat()}: "
        f"notice must be received before {closes:%H:%M} {zone_abbreviation(closes)} on "
        f"{format_day(door, weekday=False)}, so the last day is {format_day(door - _DAY)}"
    )


def earliest_withdrawal(
    exits: tuple[Exit, ...],
    received: date,
    bound_from: date,
    terms: Terms | None,
    in_force: date,
    named: date | None = None,
) -> Withdrawal | None:
    """With several exits, the one with the earliest effect applies.

    Two clauses with the same effect: the one whose window closes later, so that
    `last_notice_day` is the last day on which a notice still has that effect.
    """
    best: Withdrawal | None = None
    for clause in exits:
        if clause.not_before is not None and received < clause.first_notice_day(bound_from):
            continue
        found = clause.withdrawal(received, terms, in_force, named)
        if found is not None and (best is None or _sooner(found, best)):
            best = found
    return best


def last_chance(
    exits: tuple[Exit, ...],
    found: Withdrawal,
    bound_from: date,
    terms: Terms | None,
    in_force: date,
) -> Withdrawal:
    """Of the days whose notice takes effect at `found`'s term end, the last one's withdrawal.

    A clause that opens later (`not_before`) may leave a later last day for the same end than
    the clause open on the day asked about.
    """
    best = found
    for clause in exits:
        last = best.last_notice_day
        if clause.effect != "end-of-term" or last is None:
            continue
        day = shift(found.effective, -clause.notice.total_months, -clause.notice.total_days) - _DAY
        if day <= last or day < clause.first_notice_day(bound_from):
            continue
        later = earliest_withdrawal(exits, day, bound_from, terms, in_force)
        if later is not None and later.effective == found.effective and later.door is not None:
            best = later
    return best


def _sooner(found: Withdrawal, best: Withdrawal) -> bool:
    """Earlier effect wins; for the same effect, the clause that leaves the later deadline."""
    if found.effective != best.effective:
        return found.effective < best.effective
    return (found.door or date.min) > (best.door or date.max)
