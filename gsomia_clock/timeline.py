"""An agreement's history compiled into snapshots: the state after each day's events.

The state on any day is read from the last snapshot on or before it, projecting forward only
what that snapshot already fixed (a pending notice taking effect, a term expiring). An event is
checked against the state on its own day, so an impossible history is rejected when it is built.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal, NamedTuple, final

from .errors import CatalogError
from .events import Event, Policy
from .exits import Withdrawal, earliest_withdrawal
from .terms import Terms

if TYPE_CHECKING:
    from .agreement import Agreement

__all__ = ["End", "Notice", "Snapshot", "Standing", "Timeline", "resume_effect"]

_DAY = timedelta(days=1)


class End(NamedTuple):
    """Why and when an agreement as a whole stops: `terminate`, `expiry` or a party's `notice`."""

    day: date
    cause: Literal["terminate", "expiry", "notice"]
    party: str | None
    text: str


@final
@dataclass(frozen=True, slots=True)
class Notice:
    """A party's notice of withdrawal, pending or suspended."""

    party: str
    received: date
    withdrawal: Withdrawal
    effective: date
    events: tuple[int, ...]
    steps: tuple[str, ...]
    suspended_on: date | None = None
    policy: Policy | None = None

    @property
    def suspended(self) -> bool:
        return self.suspended_on is not None


@final
@dataclass(frozen=True, slots=True)
class Standing:
    """Whether a party is bound: from `bound_from` to the day before `bound_until`."""

    party: str
    bound_from: date | None
    bound_until: date | None = None
    left_before: date | None = None
    notice: Notice | None = None

    def bound_on(self, day: date) -> bool:
        return (
            self.bound_from is not None
            and day >= self.bound_from
            and (self.bound_until is None or day < self.bound_until)
            and not (self.notice and not self.notice.suspended and self.notice.effective <= day)
        )

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
@dataclass(frozen=True, slots=True)
class Snapshot:
    """The state from `since` on, until the next snapshot; `applied` events are behind it."""

    since: date
    terms: Terms | None
    standings: tuple[Standing, ...]
    applied: int
    ended: End | None = None
    end: End | None = None  # when the agreement as a whole stops, as far as this snapshot knows

    def standing(self, party: str) -> Standing:
        for standing in self.standings:
            if standing.party == party:
                return standing
        raise KeyError(party)

    def pending(self) -> tuple[Notice, ...]:
        return tuple(
            s.notice for s in self.standings if s.notice is not None and not s.notice.suspended
        )

    def with_end(self, multilateral: bool) -> Snapshot:
        """This snapshot with `end` worked out once, so that queries only read it."""
        return replace(self, end=self._end(multilateral))

    def _end(self, multilateral: bool) -> End | None:
        if self.ended is not None:
            return self.ended
        candidates: list[End] = []
        if self.terms is not None and self.terms.final_end is not None:
            candidates.append(
                End(self.terms.final_end, "expiry", None, "its term ran out with no renewal")
            )
        if not multilateral:
            candidates.extend(
                End(
                    n.effective,
                    "notice",
                    n.party,
                    f"{n.party}'s notice of {n.received.isoformat()}",
                )
                for n in self.pending()
            )
        return min(candidates, key=lambda end: end.day, default=None)


@final
class Timeline:
    """The snapshots of one agreement under one reading of suspended notices."""

    __slots__ = ("_days", "policy", "snapshots")

    def __init__(self, snapshots: tuple[Snapshot, ...], policy: Policy | None) -> None:
        self.snapshots = snapshots
        self.policy = policy
        self._days = [s.since.toordinal() for s in snapshots]

    def at(self, day: date) -> Snapshot:
        """The snapshot that governs `day`."""
        return self.snapshots[bisect.bisect_right(self._days, day.toordinal()) - 1]

    @classmethod
    def build(cls, agreement: Agreement, policy: Policy | None = None) -> Timeline:
        """Apply the events in order; `policy` overrides every suspension's `on_resume`."""
        joins_first = {
            party
            for party in agreement.parties
            if (first := next((e for e in agreement.events if e.party == party), None))
            and first.kind == "join"
        }
        snapshot = Snapshot(
            since=date.min,
            terms=agreement.initial_terms,
            standings=tuple(
                Standing(p, None if p in joins_first else agreement.in_force)
                for p in agreement.parties
            ),
            applied=0,
        )
        snapshots = [snapshot.with_end(agreement.multilateral)]
        for count, event in enumerate(agreement.events, start=1):
            snapshot = _settle(snapshot, event.date, agreement.multilateral)
            try:
                snapshot = _apply(agreement, snapshot, event, policy)
            except CatalogError as error:
                raise CatalogError(
                    f"{event.describe()}: {error.reason}", path=f"event[{event.number}]"
                ) from None
            snapshot = replace(snapshot, since=event.date, applied=count).with_end(
                agreement.multilateral
            )
            if snapshots[-1].since == event.date:
                snapshots[-1] = snapshot
            else:
                snapshots.append(snapshot)
        return cls(tuple(snapshots), policy)


def _settle(snapshot: Snapshot, day: date, multilateral: bool) -> Snapshot:
    """Carry out what the snapshot had fixed to happen by `day`."""
    if snapshot.ended is None:
        end = snapshot._end(multilateral)
        if end is not None and end.day <= day:
            return replace(snapshot, ended=end)
    if not multilateral:
        return snapshot
    standings = tuple(
        replace(s, bound_until=s.notice.effective, notice=None)
        if s.notice and not s.notice.suspended and s.notice.effective <= day
        else s
        for s in snapshot.standings
    )
    return replace(snapshot, standings=standings)


def resume_effect(
    agreement: Agreement, snapshot: Snapshot, notice: Notice, day: date, policy: Policy
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
    withdrawal = earliest_withdrawal(
        agreement.exits,
        day,
        snapshot.standing(notice.party).bound_from or agreement.in_force,
        snapshot.terms,
        agreement.in_force,
    )
    if withdrawal is None:
        raise CatalogError(
            "under 'restart' no term end is left at which a fresh notice takes effect"
        )
    return (
        withdrawal.effective,
        withdrawal,
        f"resumed on {day.isoformat()} under 'restart', as a fresh notice received that day: "
        + "; ".join(withdrawal.explain(agreement.zone)),
    )


def _apply(
    agreement: Agreement, snapshot: Snapshot, event: Event, policy: Policy | None
) -> Snapshot:
    day = event.date
    if snapshot.ended is not None:
        raise CatalogError(
            f"the agreement is no longer in force from {snapshot.ended.day.isoformat()} "
            f"({snapshot.ended.text})"
        )
    if event.kind in ("extend", "terminate"):
        if day < agreement.in_force:
            raise CatalogError(
                f"the agreement is not in force until {agreement.in_force.isoformat()}"
            )
        if event.kind == "terminate":
            return replace(snapshot, ended=End(day, "terminate", None, "terminated by the parties"))
        assert event.until is not None
        if snapshot.terms is None:
            raise CatalogError("an indefinite agreement has no term to extend")
        current = snapshot.terms.term_on(day)
        if current is not None and event.until + _DAY < current[1]:
            raise CatalogError(
                f"until {event.until.isoformat()} would shorten the current term, which runs to "
                f"{(current[1] - _DAY).isoformat()}"
            )
        if event.until < day:
            raise CatalogError(f"until {event.until.isoformat()} is before the event's own day")
        return replace(snapshot, terms=snapshot.terms.extended(day, event.until))

    assert event.party is not None
    standing = snapshot.standing(event.party)
    notice = standing.notice
    if event.kind == "join":
        assert event.effective is not None
        if standing.bound_from is not None and (
            standing.bound_until is None or standing.bound_until > day
        ):
            raise CatalogError(
                f"{event.party} is already bound (from {standing.bound_from.isoformat()})"
            )
        if event.effective < day:
            raise CatalogError(
                f"effective {event.effective.isoformat()} is before the day of the join itself"
            )
        joined = Standing(
            event.party,
            bound_from=max(event.effective, agreement.in_force),
            left_before=standing.bound_until or standing.left_before,
        )
        return _with(snapshot, joined)

    if not standing.bound_on(day) and event.kind in ("notice",):
        if day < agreement.in_force or standing.bound_from is None or day < standing.bound_from:
            raise CatalogError(f"{event.party} is not bound yet on {day.isoformat()}")
        raise CatalogError(f"{event.party} is no longer bound on {day.isoformat()}")

    if event.kind == "notice":
        if notice is not None:
            state = "suspended" if notice.suspended else "pending"
            raise CatalogError(
                f"{event.party} already has a {state} notice (received {notice.received.isoformat()})"
            )
        if not agreement.exits:
            raise CatalogError("the agreement has no exit clause, so no notice can take effect")
        assert standing.bound_from is not None
        withdrawal = earliest_withdrawal(
            agreement.exits,
            day,
            standing.bound_from,
            snapshot.terms,
            agreement.in_force,
            named=event.effective,
        )
        if withdrawal is None:
            first = min(x.first_notice_day(standing.bound_from) for x in agreement.exits)
            if day < first:
                raise CatalogError(
                    f"no notice may be given before {first.isoformat()} (not_before)"
                )
            raise CatalogError("no term end is left at which this notice could take effect")
        return _with(
            snapshot,
            replace(
                standing,
                notice=Notice(
                    event.party,
                    day,
                    withdrawal,
                    withdrawal.effective,
                    (event.number,),
                    (f"notice received on {day.isoformat()}", *withdrawal.explain(agreement.zone)),
                ),
            ),
        )

    if notice is None:
        raise CatalogError(f"{event.party} has no notice to {event.kind}")
    history = (*notice.events, event.number)
    if event.kind == "revoke":
        return _with(snapshot, replace(standing, notice=None))
    if event.kind == "suspend":
        if notice.suspended:
            raise CatalogError(f"{event.party}'s notice is already suspended")
        chosen = policy or event.on_resume or "immediate"
        return _with(
            snapshot,
            replace(
                standing,
                notice=replace(notice, suspended_on=day, policy=chosen, events=history),
            ),
        )
    if event.kind == "resume":
        if not notice.suspended:
            raise CatalogError(f"{event.party}'s notice is not suspended")
        assert notice.policy is not None
        effective, withdrawal, step = resume_effect(agreement, snapshot, notice, day, notice.policy)
        resumed = replace(
            notice,
            effective=effective,
            withdrawal=withdrawal or notice.withdrawal,
            suspended_on=None,
            policy=None,
            events=history,
            steps=(*notice.steps, step),
        )
        return _with(snapshot, replace(standing, notice=resumed))
    # defer
    assert event.until is not None
    if notice.suspended:
        raise CatalogError(f"{event.party}'s notice is suspended; resume it before deferring it")
    if event.until < day:
        raise CatalogError(f"until {event.until.isoformat()} is before the event's own day")
    effective = event.until + _DAY
    deferred = replace(
        notice,
        effective=effective,
        events=history,
        steps=(
            *notice.steps,
            f"deferred on {day.isoformat()} until {event.until.isoformat()}: "
            f"effect on {effective.isoformat()}",
        ),
    )
    return _with(snapshot, replace(standing, notice=deferred))


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def _with(snapshot: Snapshot, standing: Standing) -> Snapshot:
    return replace(
        snapshot,
        standings=tuple(standing if s.party == standing.party else s for s in snapshot.standings),
    )
