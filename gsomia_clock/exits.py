"""Exit clauses: when a notice received on a given day takes effect.

`end-of-term`: at the end E of the first term for which the notice came in time, i.e. received
before E − notice; so the last notice day is E − notice − 1 day. `after-notice`: on the day the
notice period runs out (received + notice), or a later day named in the notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import Literal, final

from .days import format_day, start_of_day, zone_abbreviation
from .durations import Duration
from .terms import Terms

__all__ = ["Exit", "ExitKind", "Withdrawal", "earliest_withdrawal"]

ExitKind = Literal["end-of-term", "after-notice"]
_DAY = timedelta(days=1)


@final
@dataclass(frozen=True, slots=True)
class Exit:
    """One `[[agreement.exit]]` clause."""

    effect: ExitKind
    notice: Duration
    not_before: Duration | None = None
    not_effective_before: Duration | None = None

    def first_notice_day(self, bound_from: date) -> date:
        """The first day a party bound from `bound_from` may give notice under this clause."""
        return self.not_before.add_to(bound_from) if self.not_before else bound_from

    def withdrawal(
        self, received: date, *, terms: Terms | None, in_force: date, named: date | None = None
    ) -> Withdrawal | None:
        """When a notice received on `received` takes effect, or None if no term end is left."""
        floor = self.not_effective_before.add_to(in_force) if self.not_effective_before else None
        if self.effect == "after-notice":
            effective = self.notice.add_to(received)
            steps = [f"{received.isoformat()} + {self.notice.words()} = {effective.isoformat()}"]
            if named is not None and named > effective:
                effective = named
                steps.append(f"the notice names a later day, {named.isoformat()}")
            if floor is not None and floor > effective:
                effective = floor
                steps.append(f"no withdrawal takes effect before {floor.isoformat()}")
            return Withdrawal(received, effective, self, None, None, tuple(steps))
        if terms is None:
            return None
        earliest = max(d for d in (received + _DAY, named, floor) if d is not None)
        for k, end in terms.ends_from(earliest):
            door = self.notice.subtract_from(end)
            if received < door:
                return Withdrawal(
                    received,
                    end,
                    self,
                    end,
                    door - _DAY,
                    (f"the term ends on {terms.describe_end(k)}",),
                )
        return None


@final
@dataclass(frozen=True, slots=True)
class Withdrawal:
    """What a notice does: the first day no longer bound, and for end-of-term exits the deadline.

    `door` is the day whose first instant closes the window: `last_notice_day + 1 day`.
    """

    received: date
    effective: date
    exit: Exit
    term_end: date | None
    last_notice_day: date | None
    steps: tuple[str, ...]

    @property
    def door(self) -> date | None:
        return None if self.last_notice_day is None else self.last_notice_day + _DAY

    def explain(self, zone: tzinfo) -> tuple[str, ...]:
        """The arithmetic, ending for end-of-term exits with the instant the window closes."""
        door = self.door
        if door is None or self.last_notice_day is None or self.term_end is None:
            return self.steps
        closes = start_of_day(door, zone)
        return (
            *self.steps,
            f"{self.term_end.isoformat()} − {self.exit.notice.words()} = {door.isoformat()}: "
            f"notice must be received before {closes:%H:%M} {zone_abbreviation(closes)} on "
            f"{format_day(door, weekday=False)}, so the last day is {format_day(self.last_notice_day)}",
        )


def earliest_withdrawal(
    exits: tuple[Exit, ...],
    received: date,
    *,
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
        if received < clause.first_notice_day(bound_from):
            continue
        found = clause.withdrawal(received, terms=terms, in_force=in_force, named=named)
        if found is not None and (best is None or _sooner(found, best)):
            best = found
    return best


def _sooner(found: Withdrawal, best: Withdrawal) -> bool:
    """Earlier effect wins; for the same effect, the clause that leaves the later deadline."""
    if found.effective != best.effective:
        return found.effective < best.effective
    return (found.last_notice_day or date.min) > (best.last_notice_day or date.max)
