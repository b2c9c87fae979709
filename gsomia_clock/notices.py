"""What notices do on a day: those that decide the state, what a fresh one would do, and from
which day that may change. Shared by `status` and `can-withdraw`.
"""

from __future__ import annotations

from datetime import date

from .exits import Withdrawal, earliest_withdrawal, last_chance, one_plain_clause
from .timeline import Pending, Snapshot, Standing, Timeline

__all__ = ["changes", "considered", "fresh_notice", "next_notice"]


def considered(timeline: Timeline, snapshot: Snapshot, party: str | None) -> tuple[Pending, ...]:
    """The notices that decide the state: the party's own in a multilateral agreement, else all."""
    if timeline.multilateral:
        if party is None:
            return ()
        notice = snapshot.standing(party).notice
        return (notice,) if notice else ()
    return tuple(s.notice for s in snapshot.standings if s.notice)


def changes(timeline: Timeline, snapshot: Snapshot, day: date) -> int:
    """The first day after `day` (an ordinal) on which what a notice would do may change: the
    snapshot's change days, and the opening or closing of a clause's window or `earliest`."""
    until = timeline.changes(snapshot, day)
    for clause in timeline.exits:
        if clause.window is not None or clause.earliest is not None:
            found = clause.next_change(day, timeline.in_force, snapshot.terms)
            if found is not None:
                until = min(until, found.toordinal())
    return until


def fresh_notice(
    timeline: Timeline, snapshot: Snapshot, standing: Standing, day: date
) -> Withdrawal | None:
    """What a notice from this party, which has none pending, received on `day` would do, if it
    may give one."""
    if standing.bound_from is None or not standing.bound_on(day):
        return None
    found = earliest_withdrawal(
        timeline.exits, day, standing.bound_from, snapshot.terms, timeline.in_force
    )
    if found is None or found.door is None or one_plain_clause(timeline.exits):
        return found
    return last_chance(
        timeline.exits, found, standing.bound_from, snapshot.terms, timeline.in_force
    )


def next_notice(
    timeline: Timeline,
    snapshot: Snapshot,
    day: date,
    party: str | None,
    notices: tuple[Pending, ...],
) -> Withdrawal | None:
    """The earliest way out by a fresh notice for the party (or any party), if none is pending."""
    if any(not n.suspended for n in notices):
        return None
    standings = (snapshot.standing(party),) if party else snapshot.standings
    found: list[Withdrawal] = []
    asked: set[date | None] = set()
    for standing in standings:
        if standing.notice is None and standing.bound_from not in asked:
            # Parties bound from the same day, with no notice, would fare alike: ask once.
            asked.add(standing.bound_from)
            withdrawal = fresh_notice(timeline, snapshot, standing, day)
            if withdrawal is not None:
                found.append(withdrawal)
    return min(found, key=lambda w: (w.effective, w.last_notice_day or date.max), default=None)
