"""What every answer shares: who is asked about, which events bear on it, what a notice would do.

The three answers (`status`, `withdrawal`, `deadlines`) are built from a compiled `Timeline`
and a `Subject` (the agreement's id, short name and clause); nothing here knows the agreement
object itself, so data flows one way: agreement → answers → timeline.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal, NamedTuple, TypeVar

from .exits import Withdrawal, earliest_withdrawal, last_chance
from .timeline import Pending, Snapshot, Standing, Timeline
from .values import Value

__all__ = [
    "STATES",
    "State",
    "Subject",
    "bearing_events",
    "changes",
    "considered",
    "fresh_notice",
    "next_notice",
    "plain",
    "reading_used",
    "unchecked",
    "with_day",
]

T = TypeVar("T", bound=Value)
State = Literal["not-in-force", "in-force", "notice-pending", "notice-suspended", "ended"]
STATES: tuple[State, ...] = ("not-in-force", "in-force", "notice-pending", "notice-suspended",
                             "ended")  # fmt: skip
STATE_WORDS: dict[State, str] = {state: state.replace("-", " ") for state in STATES}  # for people


class Subject(NamedTuple):
    """The agreement as an answer names it: its id, its short name, and its clause quoted."""

    id: str
    label: str
    clause: tuple[str, ...]  # `clause: “…”`, or nothing when the catalog quotes none


def unchecked(cls: type[T], values: tuple[Any, ...]) -> T:
    """A frozen answer from values its query has already made consistent: its fields set in
    one step, without the public constructor's checks (the laws in the test suite re-check
    every answer they draw)."""
    made = object.__new__(cls)
    object.__setattr__(made, "__dict__", dict(zip(cls._fields, values, strict=True)))
    return made


def with_day(answer: T, day: date) -> T:
    """A frozen answer as given for another day of its span: `on` changed, nothing re-checked."""
    if answer.on == day:  # type: ignore[attr-defined]
        return answer
    made = object.__new__(type(answer))
    values = dict(answer.__dict__)
    values["on"] = day
    object.__setattr__(made, "__dict__", values)
    return made


def plain(value: Any) -> Any:
    """A value as JSON holds it: days and instants in ISO 8601, tuples as lists."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [plain(item) for item in value]
    return value


_OPERATION = ("suspend-operation", "resume-operation")


def bearing_events(
    timeline: Timeline, snapshot: Snapshot, party: str | None, notices: tuple[Pending, ...]
) -> tuple[str, ...]:
    """The events known on the snapshot's day that bear on the question, one line each.

    Those that concern the agreement as a whole (`extend`, `terminate`), those of the notices
    that decide the answer, the joins of the party asked about (in a bilateral agreement, of
    either party), and the suspensions of operation of the party asked about (of any party when
    none is asked about). A revoked notice, or another party's doings in a multilateral agreement,
    bear on nothing asked here.
    """
    key = (snapshot.applied, party, tuple(notice.events for notice in notices))
    found = timeline.bearing.get(key)
    if found is None:
        numbers = {n for notice in notices for n in notice.events}
        found = timeline.bearing[key] = tuple(
            timeline.line(number)
            for number, event in enumerate(timeline.events[: snapshot.applied], start=1)
            if event.kind in ("extend", "terminate")
            or number in numbers
            or (
                event.kind == "join"
                and (event.party == party or (party is None and not timeline.multilateral))
            )
            or (event.kind in _OPERATION and (event.party == party or party is None))
        )
    return found


def reading_used(timeline: Timeline, notices: tuple[Pending, ...]) -> tuple[str, ...]:
    """Which reading of a suspended notice the answer used, and whose choice it was."""
    policies = sorted({n.policy or "" for n in notices if n.suspended})
    if not policies:
        return ()
    source = "asked for" if timeline.policy else "the catalog's"
    return (f"reading of the suspended notice: {', '.join(policies)} ({source})",)


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
    if found is None or found.door is None or len(timeline.exits) == 1:
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
