"""An agreement's history compiled into snapshots: the state after each day's events.

The state on any day is read from the last snapshot on or before it, projecting forward only
what that snapshot already fixed (a pending notice taking effect, a term expiring). An event is
checked against the state on its own day, so an impossible history is rejected when it is built.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from collections.abc import Callable
from contextlib import suppress
from datetime import date, timedelta, tzinfo
from typing import ClassVar, Literal, NamedTuple, final

from .errors import CatalogError
from .events import (
    Defer,
    Event,
    Extend,
    Join,
    Notice,
    Policy,
    Resume,
    ResumeOperation,
    Revoke,
    Suspend,
    SuspendOperation,
    Terminate,
)
from .exits import Exit, Withdrawal, closed, earliest_withdrawal
from .remembered import Remembered
from .terms import Terms
from .values import Value

__all__ = ["End", "Pending", "Snapshot", "Standing", "Timeline", "Timelines", "resume_effect"]

_DAY = timedelta(days=1)
_NEVER = date.max.toordinal() + 1  # `changes` when nothing is left to change
_OPERATION = ("suspend-operation", "resume-operation")


class End(NamedTuple):
    """Why and when an agreement as a whole stops: `terminate`, `expiry` or a party's `notice`."""

    day: date
    cause: Literal["terminate", "expiry", "notice"]
    party: str | None
    text: str

    def expires_before(self, effective: date) -> bool:
        """Whether the agreement expires before a withdrawal taking effect on `effective`: then
        that withdrawal has no deadline worth naming."""
        return self.cause == "expiry" and effective > self.day


@final
class Pending(Value):
    """A party's notice of withdrawal, pending or suspended; `events` are their places (from 1).

    `dated` is how the notice was first dated under the exit clauses, `later` what has happened
    to its effect since (resumed, deferred): `steps` tells both.
    """

    __slots__ = (
        "dated", "effective", "events", "later", "party", "policy", "received", "suspended_on",
    )  # fmt: skip
    party: str
    received: date
    effective: date
    events: tuple[int, ...]
    dated: Withdrawal
    later: tuple[str, ...]
    suspended_on: date | None
    policy: Policy | None

    def __init__(
        self,
        party: str,
        received: date,
        effective: date,
        events: tuple[int, ...],
        dated: Withdrawal,
        later: tuple[str, ...] = (),
        suspended_on: date | None = None,
        policy: Policy | None = None,
    ) -> None:
        self._fill(party, received, effective, events, dated, later, suspended_on, policy)

    @property
    def suspended(self) -> bool:
        return self.suspended_on is not None

    def steps(self, zone: tzinfo) -> tuple[str, ...]:
        """How its effect was dated, instants in `zone`: written when an answer explains it."""
        return (
            f"notice received on {self.received.isoformat()}",
            *self.dated.explain(zone),
            *self.later,
        )


@final
class Standing(Value):
    """Whether a party is bound: from `bound_from` to the day before `bound_until`."""

    __slots__ = (
        "bound_from",
        "bound_until",
        "left_before",
        "notice",
        "operation_suspended",
        "party",
    )
    party: str
    bound_from: date | None
    bound_until: date | None
    left_before: date | None
    notice: Pending | None
    operation_suspended: date | None  # from this day on it does not perform (still bound)

    def __init__(
        self,
        party: str,
        bound_from: date | None,
        bound_until: date | None = None,
        left_before: date | None = None,
        notice: Pending | None = None,
        operation_suspended: date | None = None,
    ) -> None:
        self._fill(party, bound_from, bound_until, left_before, notice, operation_suspended)

    def bound_on(self, day: date) -> bool:
        return (
            self.bound_from is not None
            and day >= self.bound_from
            and (self.bound_until is None or day < self.bound_until)
            and not (self.notice and not self.notice.suspended and self.notice.effective <= day)
        )

    def performs_on(self, day: date) -> bool:
        """Whether a bound party performs the agreement: not if it suspended its operation."""
        return self.operation_suspended is None or day < self.operation_suspended

    def left_on(self, day: date) -> date | None:
        """The first day no longer bound, when that is on or before `day`."""
        if self.notice and not self.notice.suspended and self.notice.effective <= day:
            return self.notice.effective
        if self.bound_until is not None and self.bound_until <= day:
            return self.bound_until
        if self.left_before is not None and (self.bound_from is None or day < self.bound_from):
            return self.left_before
        return None


@final
class Snapshot(Value):
    """The state from `since` on, until the next snapshot; `applied` events are behind it."""

    __slots__ = ("applied", "end", "ended", "since", "standings", "terms")
    since: date
    terms: Terms | None
    standings: tuple[Standing, ...]
    applied: int
    ended: End | None
    end: End | None  # when the agreement as a whole stops, as far as this snapshot knows

    def __init__(
        self,
        since: date,
        terms: Terms | None,
        standings: tuple[Standing, ...],
        applied: int,
        ended: End | None = None,
        end: End | None = None,
    ) -> None:
        self._fill(since, terms, standings, applied, ended, end)

    def standing(self, party: str) -> Standing:
        for standing in self.standings:
            if standing.party == party:
                return standing
        raise KeyError(party)

    def pending(self) -> tuple[Pending, ...]:
        return tuple(
            s.notice for s in self.standings if s.notice is not None and not s.notice.suspended
        )


def _snapshot(
    since: date,
    terms: Terms | None,
    standings: tuple[Standing, ...],
    applied: int,
    ended: End | None,
    multilateral: bool,
) -> Snapshot:
    """A snapshot with `end` worked out once, so that queries only read it."""
    return Snapshot(
        since, terms, standings, applied, ended, _end(terms, standings, ended, multilateral)
    )


def _end(
    terms: Terms | None, standings: tuple[Standing, ...], ended: End | None, multilateral: bool
) -> End | None:
    """When an agreement as a whole stops, as far as these terms and standings fix it."""
    if ended is not None:
        return ended
    end = None
    if terms is not None and terms.final_end is not None:
        end = End(terms.final_end, "expiry", None, "its term ran out with no renewal")
    if not multilateral:
        for standing in standings:
            n = standing.notice
            if n is not None and n.suspended_on is None and (end is None or n.effective < end.day):
                end = End(
                    n.effective,
                    "notice",
                    n.party,
                    f"{n.party}'s notice of {n.received.isoformat()}",
                )
    return end


@final
class Timeline:
    """The snapshots of one agreement's history under one reading of suspended notices.

    It keeps the definition it was compiled from (clauses, events, zone; the parties are in
    each snapshot's standings), so that an answer needs nothing else to explain itself.
    """

    __slots__ = (
        "_days",
        "events",
        "exits",
        "in_force",
        "multilateral",
        "policy",
        "remembered",
        "snapshots",
        "zone",
    )

    def __init__(
        self,
        *,
        in_force: date,
        multilateral: bool,
        exits: tuple[Exit, ...],
        events: tuple[Event, ...],
        zone: tzinfo,
        policy: Policy | None,
        snapshots: tuple[Snapshot, ...],
    ) -> None:
        self.in_force = in_force
        self.multilateral = multilateral
        self.exits = exits
        self.events = events
        # What it remembers of the questions put to it, and nothing else does (remembered.py).
        self.remembered = Remembered()
        self.zone = zone
        self.policy = policy
        self.snapshots = snapshots
        self._days = [s.since.toordinal() for s in snapshots]

    def line(self, number: int) -> str:
        """Event `number` (from 1) as an explanation shows it: written for all events the first
        time one is asked for, and kept, so that every answer shares the same text."""
        kept = self.remembered
        if kept.lines is None:
            kept.lines = tuple(f"event: {event.describe()}" for event in self.events)
        return kept.lines[number - 1]

    def bearing(
        self, snapshot: Snapshot, party: str | None, notices: tuple[Pending, ...]
    ) -> tuple[str, ...]:
        """The events known on the snapshot's day that bear on the question, one line each
        (`line`), remembered for each snapshot, party and deciding notices.

        Those that concern the agreement as a whole (`extend`, `terminate`), those of the notices
        that decide the answer, the joins of the party asked about (in a bilateral agreement, of
        either party), and the suspensions of operation of the party asked about (of any party
        when none is asked about). A revoked notice, or another party's doings in a multilateral
        agreement, bear on nothing asked here.
        """
        kept = self.remembered.bearing
        key = (snapshot.applied, party, tuple(notice.events for notice in notices))
        found = kept.get(key)
        if found is None:
            numbers = {n for notice in notices for n in notice.events}
            found = kept[key] = tuple(
                self.line(number)
                for number, event in enumerate(self.events[: snapshot.applied], start=1)
                if event.kind in ("extend", "terminate")
                or number in numbers
                or (
                    event.kind == "join"
                    and (event.party == party or (party is None and not self.multilateral))
                )
                or (event.kind in _OPERATION and (event.party == party or party is None))
            )
        return found

    def at(self, day: date) -> Snapshot:
        """The snapshot that governs `day`."""
        return self.snapshots[bisect.bisect_right(self._days, day.toordinal()) - 1]

    def changes(self, snapshot: Snapshot, day: date) -> int:
        """The first day after `day` (an ordinal) on which what `snapshot` fixed may change.

        That is the next snapshot, the agreement's entry into force or end, a party's being
        bound or no longer bound, a notice's effect, or an exit clause opening to a party. Term
        ends and notice deadlines, which recur, are for the queries to add. The days are
        worked out once per snapshot and remembered (`Remembered.change_days`).
        """
        kept = self.remembered.change_days
        days = kept.get(snapshot.applied)
        if days is None:
            days = kept[snapshot.applied] = self._change_days(snapshot)
        found = bisect.bisect_right(days, day.toordinal())
        return days[found] if found < len(days) else _NEVER

    def _change_days(self, snapshot: Snapshot) -> list[int]:
        following = bisect.bisect_right(self._days, snapshot.since.toordinal())
        later = self.snapshots[following].since if following < len(self.snapshots) else None
        days: set[date | None] = {self.in_force, later}
        if snapshot.end is not None:
            days.add(snapshot.end.day)
        for standing in snapshot.standings:
            start = standing.bound_from
            days.update((start, standing.bound_until, standing.left_before))
            if standing.notice is not None:
                days.add(standing.notice.effective)
            days.add(standing.operation_suspended)
            if start is None:
                continue
            for clause in self.exits:
                with suppress(OverflowError):  # one opening after year 9999 never comes
                    days.add(clause.first_notice_day(start, self.in_force))
        return sorted(d.toordinal() for d in days if d is not None)

    @classmethod
    def build(
        cls,
        *,
        parties: tuple[str, ...],
        in_force: date,
        multilateral: bool,
        terms: Terms | None,
        exits: tuple[Exit, ...],
        events: tuple[Event, ...],
        zone: tzinfo,
        policy: Policy | None = None,
    ) -> Timeline:
        """Apply the events in order; `policy` overrides every suspension's `on_resume`.

        An event that breaks the rules is a CatalogError whose path is `event[N]` (from 1).
        """
        # A party whose first event is a join is bound from that join on, not from the start.
        joins_first = set()
        if any(isinstance(event, Join) for event in events):
            first_events = {event.party: event for event in reversed(events)}
            joins_first = {p for p, event in first_events.items() if isinstance(event, Join)}
        standings = tuple([Standing(p, None if p in joins_first else in_force) for p in parties])
        snapshot = _snapshot(date.min, terms, standings, 0, None, multilateral)
        timeline = cls(
            in_force=in_force, multilateral=multilateral, exits=exits, events=events, zone=zone,
            policy=policy, snapshots=(),
        )  # fmt: skip
        snapshots = [snapshot]
        for count, event in enumerate(events, start=1):
            snapshot = _settle(snapshot, event.date, multilateral)
            try:
                terms, standings, ended = _apply(timeline, snapshot, event, count)
            except CatalogError as error:
                raise CatalogError(
                    f"{event.describe()}: {error.reason}", path=f"event[{count}]"
                ) from None
            snapshot = _snapshot(event.date, terms, standings, count, ended, multilateral)
            if snapshots[-1].since == event.date:
                snapshots[-1] = snapshot
            else:
                snapshots.append(snapshot)
        timeline.snapshots = tuple(snapshots)
        timeline._days = [s.since.toordinal() for s in snapshots]
        return timeline


@final
class Timelines:
    """The compiled histories of one agreement, one per reading, each compiled when first asked.

    A cache in plain sight: the agreement that owns it stays a frozen value; only this object
    fills in, and whatever it holds is a function of the agreement's definition, compiled by the
    `build` it is given. The process keeps the histories of the `KEPT` agreements compiled most
    recently: the one compiled longest ago forgets its own (and with them the answers it gave),
    to compile them again, the same, if it is asked again. A register of any size so holds its
    definitions and at most `KEPT` histories, while a register within `KEPT` is answered day
    after day from memory. Histories let go by `forget` leave room for others.
    """

    __slots__ = ("_compiled",)
    KEPT: ClassVar[int] = 10_000
    _recent: ClassVar[OrderedDict[Timelines, None]] = OrderedDict()  # holding, oldest first

    def __init__(self) -> None:
        self._compiled: dict[Policy | None, Timeline] | None = None

    def ready(self, policy: Policy | None) -> Timeline | None:
        """The history under `policy` if it is compiled already, else None."""
        return None if self._compiled is None else self._compiled.get(policy)

    def get(self, policy: Policy | None, build: Callable[[Policy | None], Timeline]) -> Timeline:
        """The history under `policy` (None: each suspension's own `on_resume`)."""
        found = self.ready(policy)
        if found is None:
            found = build(policy)
            if self._compiled is None:
                self._compiled = {}
                self._keep()
            self._compiled[policy] = found
        return found

    def forget(self) -> None:
        """Let go of the compiled histories (compiled again, the same, when next asked)."""
        self._compiled = None
        Timelines._recent.pop(self, None)

    def _keep(self) -> None:
        recent = Timelines._recent
        recent[self] = None
        while len(recent) > Timelines.KEPT:
            recent.popitem(last=False)[0]._compiled = None

    def __repr__(self) -> str:
        return f"<Timelines: {len(self._compiled or ())} compiled>"


def _settle(snapshot: Snapshot, day: date, multilateral: bool) -> Snapshot:
    """Carry out what the snapshot had fixed to happen by `day`."""
    if snapshot.ended is None:
        end = snapshot.end
        if end is not None and end.day <= day:
            return snapshot.replace(ended=end)
    if not multilateral:
        return snapshot
    standings = tuple(
        s.replace(bound_until=s.notice.effective, notice=None)
        if s.notice and not s.notice.suspended and s.notice.effective <= day
        else s
        for s in snapshot.standings
    )
    if standings == snapshot.standings:
        return snapshot
    return snapshot.replace(standings=standings)


def resume_effect(
    timeline: Timeline, snapshot: Snapshot, notice: Pending, day: date, policy: Policy
) -> tuple[date, Withdrawal | None, str]:
    """When a suspended notice resumed on `day` takes effect under `policy`, and why."""
    if policy == "immediate":
        effective = max(notice.effective, day)
        return (
            effective,
            None,
            f"resumed on {day.isoformat()} under 'immediate': effect on the later of the original "
            f"effect {notice.effective.isoformat()} and the resume day = {effective.isoformat()}",
        )
    if policy == "remaining":
        assert notice.suspended_on is not None
        left = notice.effective - notice.suspended_on
        effective = day + left
        return (
            effective,
            None,
            f"resumed on {day.isoformat()} under 'remaining': {notice.effective.isoformat()} − "
            f"{notice.suspended_on.isoformat()} = {_days(left.days)} left when suspended; "
            f"{day.isoformat()} + {_days(left.days)} = {effective.isoformat()}",
        )
    bound_from = snapshot.standing(notice.party).bound_from
    assert bound_from is not None  # a party with a notice is bound
    withdrawal = earliest_withdrawal(
        timeline.exits, day, bound_from, snapshot.terms, timeline.in_force
    )
    if withdrawal is None:
        raise CatalogError(
            "under 'restart' no term end is left at which a fresh notice takes effect"
        )
    return (
        withdrawal.effective,
        withdrawal,
        f"resumed on {day.isoformat()} under 'restart', as a fresh notice received that day: "
        + "; ".join(withdrawal.explain(timeline.zone)),
    )


# What an event leaves for the next snapshot: its terms, standings, and end if it ended.
_Change = tuple[Terms | None, tuple[Standing, ...], End | None]


def _apply(timeline: Timeline, snapshot: Snapshot, event: Event, number: int) -> _Change:
    day = event.date
    if snapshot.ended is not None:
        raise CatalogError(
            f"the agreement is no longer in force from {snapshot.ended.day.isoformat()} "
            f"({snapshot.ended.text})"
        )
    match event:
        case Terminate():
            _in_force(timeline, day)
            ended = End(day, "terminate", None, "terminated by the parties")
            return snapshot.terms, snapshot.standings, ended
        case Extend(until=until):
            _in_force(timeline, day)
            return _extend(snapshot, day, until), snapshot.standings, None
        case Join(party=party, effective=effective):
            return _join(timeline, snapshot, snapshot.standing(party), day, effective)
        case Notice(party=party, effective=named):
            return _notice(timeline, snapshot, snapshot.standing(party), day, named, number)
        case SuspendOperation(party=party):
            return _suspend_operation(snapshot, snapshot.standing(party), event)
        case ResumeOperation(party=party):
            return _resume_operation(snapshot, snapshot.standing(party), day)
    standing = snapshot.standing(event.party or "")
    notice = standing.notice
    if notice is None:
        raise CatalogError(f"{standing.party} has no notice to {event.kind}")
    history = (*notice.events, number)
    match event:
        case Revoke():
            return _with(snapshot, standing.replace(notice=None))
        case Suspend(on_resume=on_resume):
            if notice.suspended:
                raise CatalogError(f"{standing.party}'s notice is already suspended")
            suspended = notice.replace(
                suspended_on=day, policy=timeline.policy or on_resume, events=history
            )
            return _with(snapshot, standing.replace(notice=suspended))
        case Resume():
            if not notice.suspended:
                raise CatalogError(f"{standing.party}'s notice is not suspended")
            assert notice.policy is not None
            effective, _, step = resume_effect(timeline, snapshot, notice, day, notice.policy)
            resumed = notice.replace(
                effective=effective,
                suspended_on=None,
                policy=None,
                events=history,
                later=(*notice.later, step),
            )
            return _with(snapshot, standing.replace(notice=resumed))
        case Defer(until=until):
            if notice.suspended:
                raise CatalogError(
                    f"{standing.party}'s notice is suspended; resume it before deferring it"
                )
            if until < day:
                raise CatalogError(f"until {until.isoformat()} is before the event's own day")
            effective = until + _DAY
            deferred = notice.replace(
                effective=effective,
                events=history,
                later=(
                    *notice.later,
                    f"deferred on {day.isoformat()} until {until.isoformat()}: "
                    f"effect on {effective.isoformat()}",
                ),
            )
            return _with(snapshot, standing.replace(notice=deferred))
    raise TypeError(f"{event!r} is not an event")  # pragma: no cover - every kind is matched


def _in_force(timeline: Timeline, day: date) -> None:
    if day < timeline.in_force:
        raise CatalogError(f"the agreement is not in force until {timeline.in_force.isoformat()}")


def _extend(snapshot: Snapshot, day: date, until: date) -> Terms:
    if snapshot.terms is None:
        raise CatalogError("an indefinite agreement has no term to extend")
    if until < day:
        raise CatalogError(f"until {until.isoformat()} is before the event's own day")
    current = snapshot.terms.term_on(day)
    if current is not None and until + _DAY < current[1]:
        raise CatalogError(
            f"until {until.isoformat()} would shorten the current term, which runs to "
            f"{(current[1] - _DAY).isoformat()}"
        )
    return snapshot.terms.extended(day, until)


def _join(
    timeline: Timeline, snapshot: Snapshot, standing: Standing, day: date, effective: date
) -> _Change:
    if standing.bound_from is not None and (
        standing.bound_until is None or standing.bound_until > day
    ):
        raise CatalogError(
            f"{standing.party} is already bound (from {standing.bound_from.isoformat()})"
        )
    if effective < day:
        raise CatalogError(
            f"effective {effective.isoformat()} is before the day of the join itself"
        )
    joined = Standing(
        standing.party,
        bound_from=max(effective, timeline.in_force),
        left_before=standing.bound_until or standing.left_before,
    )
    return _with(snapshot, joined)


def _notice(
    timeline: Timeline,
    snapshot: Snapshot,
    standing: Standing,
    day: date,
    named: date | None,
    number: int,
) -> _Change:
    party = standing.party
    if not standing.bound_on(day):
        if day < timeline.in_force or standing.bound_from is None or day < standing.bound_from:
            raise CatalogError(f"{party} is not bound yet on {day.isoformat()}")
        raise CatalogError(f"{party} is no longer bound on {day.isoformat()}")
    notice = standing.notice
    if notice is not None:
        state = "suspended" if notice.suspended else "pending"
        raise CatalogError(
            f"{party} already has a {state} notice (received {notice.received.isoformat()})"
        )
    if not timeline.exits:
        raise CatalogError("the agreement has no exit clause, so no notice can take effect")
    assert standing.bound_from is not None
    withdrawal = earliest_withdrawal(
        timeline.exits, day, standing.bound_from, snapshot.terms, timeline.in_force, named=named
    )
    if withdrawal is None:
        reason, _ = closed(
            timeline.exits, party, day, standing.bound_from, timeline.in_force, snapshot.terms
        )
        raise CatalogError(reason.rstrip("."))
    pending = Pending(party, day, withdrawal.effective, (number,), withdrawal)
    return _with(snapshot, standing.replace(notice=pending))


def _suspend_operation(snapshot: Snapshot, standing: Standing, event: SuspendOperation) -> _Change:
    party, first = standing.party, event.first_day
    if first < event.date:
        raise CatalogError(f"effective {first.isoformat()} is before the event's own day")
    if not standing.bound_on(event.date) or not standing.bound_on(first):
        raise CatalogError(f"{party} is not bound on {first.isoformat()}: nothing to suspend")
    if standing.operation_suspended is not None:
        raise CatalogError(
            f"{party} already suspended its operation of the agreement "
            f"(from {standing.operation_suspended.isoformat()})"
        )
    return _with(snapshot, standing.replace(operation_suspended=first))


def _resume_operation(snapshot: Snapshot, standing: Standing, day: date) -> _Change:
    party, suspended = standing.party, standing.operation_suspended
    if suspended is None or not standing.bound_on(day):
        raise CatalogError(f"{party} has not suspended its operation of the agreement")
    if day < suspended:
        raise CatalogError(f"its suspension takes effect only on {suspended.isoformat()}")
    return _with(snapshot, standing.replace(operation_suspended=None))


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def _with(snapshot: Snapshot, standing: Standing) -> _Change:
    """The snapshot's terms and standings with one party's standing changed (and no end: an
    ended agreement takes no event)."""
    party = standing.party
    return (
        snapshot.terms,
        tuple(standing if s.party == party else s for s in snapshot.standings),
        None,
    )
