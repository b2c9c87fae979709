"""Answers to the three questions: what state is it in, can a party get out, what is coming up.

Each answer is an immutable value that carries its own explanation: the clause quoted, the
arithmetic shown, the events that matter and the reading of suspended notices used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, final

from .days import format_day, start_of_day
from .errors import CatalogError
from .events import POLICIES, Policy
from .exits import Exit, Withdrawal, earliest_withdrawal
from .timeline import End, Notice, Snapshot, Standing, Timeline, resume_effect

if TYPE_CHECKING:
    from .agreement import Agreement

__all__ = [
    "Deadline",
    "DeadlineKind",
    "Reading",
    "State",
    "Status",
    "WithdrawalAnswer",
    "can_withdraw",
    "deadlines",
    "status",
]

State = Literal["not-in-force", "in-force", "notice-pending", "notice-suspended", "ended"]
DeadlineKind = Literal["renewal", "last-notice-day", "effect", "expiry"]
_DAY = timedelta(days=1)


class _Explained:
    """What a result works out only when first read: its instant, its reason, its explanation.

    `_why(result, *_context)` gives (reason, explanation, extra); the extra is the next last
    notice day of a status, the readings of a withdrawal.
    """

    effective: date | None
    _why: Callable[..., tuple[str, tuple[str, ...], Any]]
    _context: tuple[Any, ...]
    _zone: tzinfo

    @cached_property
    def effective_at(self) -> datetime | None:
        """00:00 of `effective` where the agreement is administered."""
        return None if self.effective is None else start_of_day(self.effective, self._zone)

    @cached_property
    def _text(self) -> tuple[str, tuple[str, ...], Any]:
        return self._why(self, *self._context)

    @property
    def reason(self) -> str:
        """One plain sentence saying why."""
        text: str = self._text[0]
        return text

    @property
    def explanation(self) -> tuple[str, ...]:
        """The clause, the arithmetic, the events that matter and the reading used."""
        lines: tuple[str, ...] = self._text[1]
        return lines


@final
@dataclass(frozen=True)
class Status(_Explained):
    """The state of an agreement, or of one party to it, on a day.

    The state and its days are worked out when asked; the instant, the next last notice day,
    the reason and the explanation when first read, so that a bulk query pays only for the days.
    """

    agreement: str
    party: str | None
    on: date
    state: State
    term_start: date | None
    term_end: date | None
    next_renewal: date | None
    effective: date | None
    _why: Callable[..., tuple[str, tuple[str, ...], date | None]] = field(repr=False, compare=False)
    _context: tuple[Any, ...] = field(repr=False, compare=False)
    _zone: tzinfo = field(repr=False, compare=False)

    @property
    def next_last_notice_day(self) -> date | None:
        """The last day a fresh notice still stops the next renewal it can stop."""
        day: date | None = self._text[2]
        return day


@final
@dataclass(frozen=True, slots=True)
class Reading:
    """What lifting a suspended notice on the day asked about gives under one reading."""

    policy: Policy
    effective: date | None
    effective_at: datetime | None
    last_notice_day: date | None
    explanation: str


@final
@dataclass(frozen=True)
class WithdrawalAnswer(_Explained):
    """Whether a party could withdraw by acting on a day, and with what effect.

    Like `Status`, the instants, the readings, the reason and the explanation are worked out
    when first read.
    """

    agreement: str
    party: str
    on: date
    can_withdraw: bool
    via: Literal["notice", "resume"] | None
    effective: date | None
    last_notice_day: date | None
    reading: Policy | None
    _why: Callable[..., tuple[str, tuple[str, ...], tuple[Reading, ...]]] = field(
        repr=False, compare=False
    )
    _context: tuple[Any, ...] = field(repr=False, compare=False)
    _zone: tzinfo = field(repr=False, compare=False)

    @cached_property
    def closes_at(self) -> datetime | None:
        """The instant the window closes: 00:00 of the day after `last_notice_day`."""
        last = self.last_notice_day
        return None if last is None else start_of_day(last + _DAY, self._zone)

    @property
    def readings(self) -> tuple[Reading, ...]:
        """For a suspended notice: what lifting it gives under each reading, side by side."""
        readings: tuple[Reading, ...] = self._text[2]
        return readings


_new = object.__new__
_set = object.__setattr__


def _status(agreement: str, party: str | None, on: date, state: State, term_start: date | None,
            term_end: date | None, next_renewal: date | None, effective: date | None,
            why: Callable[..., tuple[str, tuple[str, ...], date | None]], context: tuple[Any, ...],
            zone: tzinfo) -> Status:  # fmt: skip
    # A frozen dataclass sets each field through object.__setattr__: the same value is built
    # here at a fraction of the cost, for it is built on every query.
    made: Status = _new(Status)
    _set(made, "__dict__", {
        "agreement": agreement, "party": party, "on": on, "state": state,
        "term_start": term_start, "term_end": term_end, "next_renewal": next_renewal,
        "effective": effective, "_why": why, "_context": context, "_zone": zone,
    })  # fmt: skip
    return made


def _answer(agreement: str, party: str, on: date, can: bool, via: Literal["notice", "resume"] | None,
            effective: date | None, last_notice_day: date | None, reading: Policy | None,
            why: Callable[..., tuple[str, tuple[str, ...], tuple[Reading, ...]]],
            context: tuple[Any, ...], zone: tzinfo) -> WithdrawalAnswer:  # fmt: skip
    made: WithdrawalAnswer = _new(WithdrawalAnswer)
    _set(made, "__dict__", {
        "agreement": agreement, "party": party, "on": on, "can_withdraw": can, "via": via,
        "effective": effective, "last_notice_day": last_notice_day, "reading": reading,
        "_why": why, "_context": context, "_zone": zone,
    })  # fmt: skip
    return made


@final
@dataclass(frozen=True, slots=True)
class Deadline:
    """A day worth a calendar entry: a renewal, a last notice day, an effect or an expiry.

    `key` names the logical event within its agreement (`last-notice-day-11`: the last notice
    day before the 11th renewal), so that it keeps its identity when its date moves.
    """

    agreement: str
    date: dt.date
    kind: DeadlineKind
    party: str | None
    summary: str
    explanation: tuple[str, ...]
    key: str


def _clause(agreement: Agreement) -> tuple[str, ...]:
    return (f"clause: “{agreement.text}”",) if agreement.text else ()


def _events(
    agreement: Agreement, snapshot: Snapshot, notices: tuple[Notice, ...]
) -> tuple[str, ...]:
    """The events that shaped the answer: those of the notices involved, and structural ones."""
    numbers = {n for notice in notices for n in notice.events}
    return tuple(
        f"event: {event.describe()}"
        for event in agreement.events[: snapshot.applied]
        if event.number in numbers or event.kind in ("extend", "join", "terminate")
    )


def _reading(timeline: Timeline, notices: tuple[Notice, ...]) -> tuple[str, ...]:
    policies = {n.policy for n in notices if n.suspended}
    if not policies:
        return ()
    source = "asked for" if timeline.policy else "the catalog's"
    return (
        f"reading of the suspended notice: {', '.join(sorted(p or '' for p in policies))} ({source})",
    )


def _considered(agreement: Agreement, snapshot: Snapshot, party: str | None) -> tuple[Notice, ...]:
    """The notices that decide the state: the party's own in a multilateral agreement, else all."""
    if agreement.multilateral:
        if party is None:
            return ()
        notice = snapshot.standing(party).notice
        return (notice,) if notice else ()
    return tuple(s.notice for s in snapshot.standings if s.notice)


def status(agreement: Agreement, day: date, party: str | None, policy: Policy | None) -> Status:
    timeline = agreement.timeline(policy)
    snapshot = timeline.at(day)
    end = snapshot.end
    notices = _considered(agreement, snapshot, party)
    standing = snapshot.standing(party) if party else None
    state: State = "in-force"
    effective: date | None = None
    why: tuple[str, ...] = ()
    if day < agreement.in_force:
        state, why = "not-in-force", ("before",)
    elif end is not None and end.day <= day:
        state, effective, why = "ended", end.day, ("ended",)
        if standing is not None and agreement.multilateral:
            left = standing.left_on(day)
            if left is not None and left < end.day:
                effective, why = left, ("left",)
    elif standing is not None and not standing.bound_on(day):
        left = standing.left_on(day)
        if left is not None:
            state, effective, why = "ended", left, ("not-since",)
        else:
            state, why = "not-in-force", ("unbound",)
    else:
        pending = [n for n in notices if not n.suspended]
        if pending:
            first = min(pending, key=lambda n: n.effective)
            state, effective, why = "notice-pending", first.effective, ("pending", first.party)
        elif notices:
            state, why = "notice-suspended", ("suspended",)
    term = next_renewal = None
    terms = snapshot.terms
    if terms is not None and state in ("in-force", "notice-pending", "notice-suspended"):
        term = terms.term_on(day)
        if (
            term is not None
            and terms.renewal is not None
            and (effective is None or effective > term[1])
        ):
            next_renewal = term[1]

    return _status(
        agreement.id, party, day, state, term[0] if term else None, term[1] if term else None,
        next_renewal, effective, _status_text,
        (agreement, timeline, snapshot, notices, standing, why, term), agreement.zone,
    )  # fmt: skip


def _status_text(
    answer: Status,
    agreement: Agreement,
    timeline: Timeline,
    snapshot: Snapshot,
    notices: tuple[Notice, ...],
    standing: Standing | None,
    why: tuple[str, ...],
    term: tuple[date, date] | None,
) -> tuple[str, tuple[str, ...], date | None]:
    """The reason, the explanation and the next last notice day of a status, when first read."""
    day, party, state = answer.on, answer.party, answer.state
    explanation = [*_clause(agreement)]
    next_notice = None
    if state in ("in-force", "notice-pending", "notice-suspended"):
        next_notice = _next_notice(agreement, snapshot, day, party, notices)
        if term is not None and snapshot.terms is not None:
            explanation.append(
                f"current term: {term[0].isoformat()} → {term[1].isoformat()} "
                f"(first day after it), from {snapshot.terms.describe_end_of(day)}"
            )
    explanation.extend(_events(agreement, snapshot, notices))
    explanation.extend(_reading(timeline, notices))
    for notice in notices:
        explanation.extend(f"{notice.party}: {step}" for step in notice.steps)
    kind = why[0] if why else ""
    if kind == "before":
        reason = f"{agreement.label} is not in force until {format_day(agreement.in_force)}."
    elif kind == "ended":
        assert snapshot.end is not None
        reason = f"No longer in force from {format_day(snapshot.end.day)}: {snapshot.end.text}."
    elif kind == "left":
        reason = f"{party} left on {format_day(answer.effective or day)}."
    elif kind == "not-since":
        reason = f"{party} has not been bound since {format_day(answer.effective or day)}."
    elif kind == "unbound":
        since = standing.bound_from if standing else None
        reason = (
            f"{party} is bound from {format_day(since)}." if since else f"{party} has not joined."
        )
    elif kind == "pending":
        first = next(n for n in notices if n.party == why[1] and not n.suspended)
        reason = (
            f"{first.party}'s notice of {format_day(first.received)} takes effect on "
            f"{format_day(first.effective)}."
        )
    elif kind == "suspended":
        first = next(n for n in notices if n.suspended)
        assert first.suspended_on is not None
        reason = (
            f"{first.party}'s notice of {format_day(first.received)} has been suspended since "
            f"{format_day(first.suspended_on)}; the agreement stays in force and keeps renewing."
        )
    else:
        who = f"for {party}, {agreement.label}" if party else agreement.label
        reason = _in_force_reason(agreement, who, term, answer.next_renewal, next_notice)
    return reason, tuple(explanation), next_notice.last_notice_day if next_notice else None


def _in_force_reason(
    agreement: Agreement,
    who: str,
    term: tuple[date, date] | None,
    next_renewal: date | None,
    notice: Withdrawal | None,
) -> str:
    """One sentence: what happens next, and what a notice would do."""
    if next_renewal is not None:
        text = f"{who} is in force and renews on {format_day(next_renewal)}"
    elif term is not None:
        last = term[1] - _DAY
        text = f"{who} is in force until {format_day(last)}, when its term ends with no renewal"
    else:
        text = f"{who} is in force with no end date"
    if (
        notice is not None
        and term is not None
        and next_renewal is None
        and notice.effective >= term[1]
    ):
        notice = None  # it would come too late to matter
    if notice is not None:
        by = (
            f"received by {format_day(notice.last_notice_day)}"
            if notice.last_notice_day
            else ("received that day")
        )
        text += f"; a notice {by} would take effect on {format_day(notice.effective)}"
    elif not agreement.exits:
        text += "; it has no exit clause"
    return text[0].upper() + text[1:] + "."


def _next_notice(
    agreement: Agreement,
    snapshot: Snapshot,
    day: date,
    party: str | None,
    notices: tuple[Notice, ...],
) -> Withdrawal | None:
    """The earliest way out by a fresh notice for the party (or any party), if none is pending."""
    if any(not n.suspended for n in notices):
        return None
    parties = (party,) if party else agreement.parties
    found = [
        w
        for p in parties
        if (w := _fresh_notice(agreement, snapshot, snapshot.standing(p), day)) is not None
    ]
    return min(found, key=lambda w: (w.effective, w.last_notice_day or date.max), default=None)


def _fresh_notice(
    agreement: Agreement, snapshot: Snapshot, standing: Standing, day: date
) -> Withdrawal | None:
    """What a notice from this party received on `day` would do, if it may give one."""
    if standing.notice is not None or standing.bound_from is None or not standing.bound_on(day):
        return None
    return earliest_withdrawal(
        agreement.exits, day, standing.bound_from, snapshot.terms, agreement.in_force
    )


def can_withdraw(
    agreement: Agreement, day: date, party: str, policy: Policy | None
) -> WithdrawalAnswer:
    timeline = agreement.timeline(policy)
    snapshot = timeline.at(day)
    end = snapshot.end
    standing = snapshot.standing(party)
    notice = standing.notice
    if day < agreement.in_force:
        return _no(
            agreement,
            snapshot,
            day,
            party,
            f"The agreement is not in force until {format_day(agreement.in_force)}.",
        )
    if end is not None and end.day <= day:
        return _no(
            agreement,
            snapshot,
            day,
            party,
            f"The agreement is no longer in force from {format_day(end.day)} ({end.text}).",
        )
    if not standing.bound_on(day):
        left = standing.left_on(day)
        if left is not None:
            return _no(
                agreement,
                snapshot,
                day,
                party,
                f"{party} has not been bound since {format_day(left)}.",
            )
        return _no(agreement, snapshot, day, party, f"{party} is not bound on {format_day(day)}.")
    if notice is not None and not notice.suspended:
        return _no(agreement, snapshot, day, party,
            f"{party} already gave notice on {format_day(notice.received)}; "
            f"it takes effect on {format_day(notice.effective)}.",
        )  # fmt: skip
    if notice is not None:
        return _lift(agreement, snapshot, notice, day, policy)
    if not agreement.exits:
        return _no(
            agreement,
            snapshot,
            day,
            party,
            "The agreement has no exit clause: there is no unilateral way out.",
        )
    withdrawal = _fresh_notice(agreement, snapshot, standing, day)
    if withdrawal is None:
        assert standing.bound_from is not None
        first = min(x.first_notice_day(standing.bound_from) for x in agreement.exits)
        if day < first:
            return _no(agreement, snapshot, day, party,
                f"{party} may not give notice before {format_day(first)} "
                f"(bound from {standing.bound_from.isoformat()}).",
            )  # fmt: skip
        return _no(
            agreement,
            snapshot,
            day,
            party,
            "No term end is left at which a notice could take effect.",
        )
    return _answer(
        agreement.id, party, day, True, "notice", withdrawal.effective, withdrawal.last_notice_day,
        None, _notice_text, (agreement, snapshot, withdrawal), agreement.zone,
    )  # fmt: skip


def _notice_text(
    answer: WithdrawalAnswer, agreement: Agreement, snapshot: Snapshot, withdrawal: Withdrawal
) -> tuple[str, tuple[str, ...], tuple[Reading, ...]]:
    day, effective = answer.on, withdrawal.effective
    lead = (
        f"A notice from {answer.party} received on {format_day(day)} takes effect on "
        f"{format_day(effective)}"
    )
    steps = (
        *_clause(agreement),
        *_events(agreement, snapshot, ()),
        f"a notice received on {day.isoformat()}",
        *withdrawal.explain(agreement.zone),
    )
    return _lead(lead, withdrawal.last_notice_day, snapshot.end, effective), steps, ()


def _no(
    agreement: Agreement, snapshot: Snapshot, day: date, party: str, reason: str
) -> WithdrawalAnswer:
    return _answer(
        agreement.id, party, day, False, None, None, None, None, _no_text,
        (agreement, snapshot, reason), agreement.zone,
    )  # fmt: skip


def _no_text(
    answer: WithdrawalAnswer, agreement: Agreement, snapshot: Snapshot, reason: str
) -> tuple[str, tuple[str, ...], tuple[Reading, ...]]:
    notice = snapshot.standing(answer.party).notice
    notices = (notice,) if notice else ()
    return reason, (*_clause(agreement), *_events(agreement, snapshot, notices)), ()


def _lift(
    agreement: Agreement,
    snapshot: Snapshot,
    notice: Notice,
    day: date,
    policy: Policy | None,
) -> WithdrawalAnswer:
    """The party's way out is to lift the suspension of its own notice."""
    chosen = policy or notice.policy or "immediate"
    main = _resume_reading(agreement, snapshot, notice, day, chosen)
    if main.effective is None:
        return _no(
            agreement,
            snapshot,
            day,
            notice.party,
            f"Under the '{chosen}' reading {main.explanation}.",
        )
    return _answer(
        agreement.id, notice.party, day, True, "resume", main.effective, main.last_notice_day,
        chosen, _lift_text, (agreement, snapshot, notice, main), agreement.zone,
    )  # fmt: skip


def _lift_text(
    answer: WithdrawalAnswer,
    agreement: Agreement,
    snapshot: Snapshot,
    notice: Notice,
    main: Reading,
) -> tuple[str, tuple[str, ...], tuple[Reading, ...]]:
    day, effective = answer.on, main.effective
    assert effective is not None
    readings = tuple(
        main if p == main.policy else _resume_reading(agreement, snapshot, notice, day, p)
        for p in POLICIES
    )
    lead = (
        f"{notice.party} can lift the suspension of its notice of {format_day(notice.received)}; "
        f"under the '{main.policy}' reading it takes effect on {format_day(effective)}"
    )
    steps = (
        *_clause(agreement),
        *_events(agreement, snapshot, (notice,)),
        *notice.steps,
        main.explanation,
        *(f"other reading, {r.policy}: {r.explanation}" for r in readings if r is not main),
    )
    return _lead(lead, main.last_notice_day, snapshot.end, effective), steps, readings


def _lead(lead: str, last: date | None, end: End | None, effective: date) -> str:
    if last is not None:
        lead += f"; the last day for that is {format_day(last)}"
    if end is not None and end.day <= effective:
        lead += _which_first(end, effective)
    return lead + "."


def _which_first(end: End, effective: date) -> str:
    when = "on the same day" if end.day == effective else f"first, on {format_day(end.day)}"
    if end.cause == "notice":
        return f"; {end.text} already ends the agreement {when}"
    return f"; the agreement ends {when} ({end.text})"


def _resume_reading(
    agreement: Agreement, snapshot: Snapshot, notice: Notice, day: date, policy: Policy
) -> Reading:
    try:
        effective, withdrawal, text = resume_effect(agreement, snapshot, notice, day, policy)
    except CatalogError as error:
        return Reading(policy, None, None, None, error.reason)
    last = withdrawal.last_notice_day if withdrawal else None
    return Reading(policy, effective, start_of_day(effective, agreement.zone), last, text)


_KIND_ORDER = {"last-notice-day": 0, "renewal": 1, "effect": 2, "expiry": 3}


def deadlines(agreement: Agreement, start: date, end: date) -> tuple[Deadline, ...]:
    """Each day is read from the snapshot that governs it, as `status` on that day would."""
    snapshots = agreement.timeline().snapshots
    found: list[Deadline] = []
    for i, snapshot in enumerate(snapshots):
        lo = max(snapshot.since, start, agreement.in_force)
        hi = min(snapshots[i + 1].since if i + 1 < len(snapshots) else date.max, end + _DAY)
        if lo < hi:
            found.extend(_deadlines_in(agreement, snapshot, lo, hi))
    found.sort(key=lambda d: (d.date, _KIND_ORDER[d.kind], d.party or ""))
    return tuple(found)


def _deadlines_in(agreement: Agreement, snapshot: Snapshot, lo: date, hi: date) -> list[Deadline]:
    name, zone = agreement.label, agreement.zone
    end = snapshot.end
    limit = end.day if end else date.max
    found: list[Deadline] = []

    def add(day: date, kind: DeadlineKind, party: str | None, summary: str,
            explanation: tuple[str, ...], key: str) -> None:  # fmt: skip
        found.append(
            Deadline(agreement.id, day, kind, party, f"{name}: {summary}", explanation, key)
        )

    def notice_effect(notice: Notice, summary: str) -> None:
        key = f"effect-{notice.party}-{notice.received.isoformat()}"
        add(notice.effective, "effect", notice.party, summary, notice.steps, key)

    if end is not None and lo <= end.day < hi:
        if end.cause == "expiry":
            add(end.day, "expiry", None, "expires (its last term has ended)", (), "expiry")
        elif end.cause == "terminate":
            add(end.day, "effect", None, "terminated by the parties", (), "terminated")
        else:
            notice = snapshot.standing(end.party or "").notice
            assert notice is not None
            notice_effect(notice, f"{end.text} takes effect, ending the agreement")
    if agreement.multilateral:
        for notice in snapshot.pending():
            if lo <= notice.effective < min(hi, limit):
                notice_effect(notice, f"{notice.party}'s withdrawal takes effect")
    terms = snapshot.terms
    if terms is None or terms.renewal is None:
        return found
    for k, term_end in terms.ends_from(lo):
        if term_end >= min(hi, limit):
            break
        add(term_end, "renewal", None, f"renews for {terms.renewal.words()}",
            (f"the term ends on {terms.describe_end(k)}",), f"renewal-{terms.number + k + 1}")  # fmt: skip
    # A last notice day precedes its renewal: look at renewals up to the longest notice ahead.
    clauses = [x for x in agreement.exits if x.effect == "end-of-term"]
    for k, term_end in terms.ends_from(lo) if clauses else ():
        if term_end >= limit:
            break
        best: Withdrawal | None = None
        for clause in clauses:
            last_day = clause.notice.subtract_from(term_end) - _DAY
            if best is not None and last_day <= best.received:
                continue
            w = clause.withdrawal(last_day, terms, agreement.in_force)
            # The last day counts only if a party may still notify under this clause then.
            if (
                w is not None
                and w.effective == term_end
                and _may_notify(agreement, snapshot, clause, last_day)
            ):
                best = w
        if best is None or best.last_notice_day is None:
            if all(x.notice.subtract_from(term_end) > hi for x in clauses):
                break
            continue
        if best.last_notice_day >= hi:
            if all(x.notice.subtract_from(term_end) > hi for x in clauses):
                break
            continue
        if best.last_notice_day < lo:
            continue
        add(
            best.last_notice_day,
            "last-notice-day",
            None,
            f"last day for notice to stop the {format_day(term_end, weekday=False)} renewal",
            (f"the term ends on {terms.describe_end(k)}", *best.explain(zone)[1:]),
            f"last-notice-day-{terms.number + k + 1}",
        )
    return found


def _may_notify(agreement: Agreement, snapshot: Snapshot, clause: Exit, day: date) -> bool:
    """Whether some party could give notice under `clause` on `day`."""
    return any(
        s.notice is None
        and s.bound_from is not None
        and s.bound_on(day)
        and day >= clause.first_notice_day(s.bound_from)
        for s in snapshot.standings
    )
