"""The state of an agreement, or of one party to it, on a day: a plain value that explains itself.

>>> from gsomia_clock import load_catalog
>>> status = load_catalog()["gsomia"].status(on="2019-09-01")
>>> status.state, status.effective, status.term_last_day
('notice-pending', datetime.date(2019, 11, 23), datetime.date(2019, 11, 22))
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Literal, final

from .days import format_day, start_of_day
from .exits import Withdrawal
from .notices import changes, considered, next_notice
from .subject import Subject, reading_used
from .timeline import Pending, Snapshot, Standing, Timeline
from .values import Value, plain

__all__ = [
    "STATES", "STATE_WORDS", "State", "Status", "state_on", "state_spans", "status_redated", "status_span",
]  # fmt: skip

State = Literal["not-in-force", "in-force", "notice-pending", "notice-suspended", "ended"]
BINDING: tuple[State, ...] = ("in-force", "notice-pending", "notice-suspended")  # bound then
STATES: tuple[State, ...] = ("not-in-force", "in-force", "notice-pending", "notice-suspended",
                             "ended")  # fmt: skip
STATE_WORDS: dict[State, str] = {state: state.replace("-", " ") for state in STATES}  # for people

_DAY = timedelta(days=1)
_LIVE = ("in-force", "notice-pending", "notice-suspended")


@final
class Status(Value):
    """The state of an agreement, or of one party to it, on a day (the contract's `status`).

    Its fields are its whole content: two statuses are equal when they say the same, down to
    the explanation, and one whose days contradict each other cannot be made (ValueError).
    """

    _fields = (
        "agreement",
        "party",
        "on",
        "state",
        "term_start",
        "term_end",
        "next_renewal",
        "effective",
        "effective_at",
        "next_last_notice_day",
        "suspended_by",
        "reason",
        "explanation",
    )
    agreement: str
    party: str | None
    on: date
    state: State
    term_start: date | None
    term_end: date | None
    next_renewal: date | None
    effective: date | None
    effective_at: datetime | None
    next_last_notice_day: date | None
    suspended_by: tuple[str, ...]
    reason: str
    explanation: tuple[str, ...]

    def __init__(
        self,
        agreement: str,
        party: str | None,
        on: date,
        state: State,
        term_start: date | None,
        term_end: date | None,
        next_renewal: date | None,
        effective: date | None,
        effective_at: datetime | None,
        next_last_notice_day: date | None,
        suspended_by: tuple[str, ...],
        reason: str,
        explanation: tuple[str, ...],
    ) -> None:
        self._fill(
            agreement,
            party,
            on,
            state,
            term_start,
            term_end,
            next_renewal,
            effective,
            effective_at,
            next_last_notice_day,
            suspended_by,
            reason,
            explanation,
        )
        problem = _contradiction(self)
        if problem:
            raise ValueError(f"Status: {problem}")

    @property
    def term_last_day(self) -> date | None:
        """The last day of the current term (`term_end` − 1 day), or None."""
        return None if self.term_end is None else self.term_end - _DAY

    def to_dict(self) -> dict[str, Any]:
        """The contract's `status --json` object."""
        return {
            "agreement": self.agreement,
            "party": self.party,
            "on": plain(self.on),
            "state": self.state,
            "term_start": plain(self.term_start),
            "term_end": plain(self.term_end),
            "term_last_day": plain(self.term_last_day),
            "next_renewal": plain(self.next_renewal),
            "effective": plain(self.effective),
            "effective_at": plain(self.effective_at),
            "next_last_notice_day": plain(self.next_last_notice_day),
            "suspended_by": list(self.suspended_by),
            "reason": self.reason,
            "explanation": list(self.explanation),
        }


def _contradiction(s: Status) -> str | None:
    """What makes a status impossible, or None: the rules every answer of ours obeys."""
    if s.state not in STATES:
        return f"state {s.state!r} is not one of {', '.join(STATES)}"
    if (s.effective is None) != (s.state not in ("notice-pending", "ended")):
        return f"a state {s.state!r} with effective {s.effective} cannot be"
    if (s.effective_at is None) != (s.effective is None) or (
        s.effective_at is not None and s.effective_at.date() != s.effective
    ):
        return f"effective_at {s.effective_at} is not the start of effective {s.effective}"
    if (s.term_start is None) != (s.term_end is None):
        return "term_start and term_end come together"
    if s.term_start is not None and s.term_end is not None:  # as the check above makes sure
        if s.state not in _LIVE:
            return f"a state {s.state!r} has no current term"
        if not s.term_start <= s.on < s.term_end:
            return f"the term {s.term_start} → {s.term_end} does not hold the day {s.on}"
    if s.next_renewal is not None and (
        s.next_renewal != s.term_end or (s.effective is not None and s.effective <= s.next_renewal)
    ):
        return f"next_renewal {s.next_renewal} is not the end of a term that renews"
    if s.effective is not None and s.state == "notice-pending" and s.effective <= s.on:
        return f"a notice pending on {s.on} takes effect after it, not on {s.effective}"
    if s.effective is not None and s.state == "ended" and s.effective > s.on:
        return f"ended on {s.on} from a later day, {s.effective}"
    if s.suspended_by and s.state not in _LIVE:
        return f"a state {s.state!r} has no party performing or not: {s.suspended_by}"
    if s.next_last_notice_day is not None and (
        s.state not in _LIVE or s.next_last_notice_day < s.on
    ):
        return f"next_last_notice_day {s.next_last_notice_day} is not ahead of a live agreement"
    return None


def status_span(
    subject: Subject, timeline: Timeline, day: date, party: str | None
) -> tuple[Status, int]:
    """The state on `day`, and the first day (an ordinal) whose state may read otherwise.

    Until then the answer is the same but for `on` (see `status_redated`): no event, term end,
    deadline or effect comes between.
    """
    snapshot = timeline.at(day)
    until = changes(timeline, snapshot, day)
    end = snapshot.end
    notices = considered(timeline, snapshot, party)
    standing = snapshot.standing(party) if party else None
    label = subject.label
    state = _state(timeline, snapshot, day, standing, notices)
    reason: str  # in force: said below, with what would happen next
    effective: date | None = None
    terms = snapshot.terms
    if state == "not-in-force":
        if day < timeline.in_force:
            reason = f"{label} is not in force until {format_day(timeline.in_force)}."
        else:
            assert standing is not None
            since = standing.bound_from
            reason = (
                f"{party} is bound from {format_day(since)}."
                if since
                else f"{party} has not joined."
            )
    elif state == "ended" and end is not None and end.day <= day:
        effective = end.day
        reason = f"No longer in force from {format_day(end.day)}: {end.text}."
        if standing is not None and timeline.multilateral:
            left = standing.left_on(day)
            if left is not None and left < end.day:
                effective, reason = left, f"{party} left on {format_day(left)}."
    elif state == "ended":
        assert standing is not None
        effective = standing.left_on(day)
        assert effective is not None
        reason = f"{party} has not been bound since {format_day(effective)}."
    elif state == "notice-pending":
        first = min((n for n in notices if not n.suspended), key=lambda n: n.effective)
        effective = first.effective
        reason = (
            f"{first.party}'s notice of {format_day(first.received)} takes effect on "
            f"{format_day(first.effective)}."
        )
    elif state == "notice-suspended":
        first = next(n for n in notices if n.suspended)
        assert first.suspended_on is not None
        goes_on = (
            "keeps renewing" if terms is not None and terms.renewal is not None
            else "stays in force"
        )  # fmt: skip
        reason = (
            f"{first.party}'s notice of {format_day(first.received)} has been suspended since "
            f"{format_day(first.suspended_on)}; the agreement {goes_on}."
        )
    term = next_renewal = notice = None
    explanation = list(subject.clause)
    if state in _LIVE:
        found = None if terms is None else terms.term_of(day)
        if terms is not None and found is not None:
            k, *bounds = found
            term = (bounds[0], bounds[1])
            until = min(until, term[1].toordinal())
            if terms.renewal is not None and (effective is None or effective > term[1]):
                next_renewal = term[1]
            explanation.append(
                f"current term: {term[0].isoformat()} → {term[1].isoformat()} "
                f"(first day after it), from {terms.describe_end(k)}"
            )
        notice = next_notice(timeline, snapshot, day, party, notices)
        steady = _counted_from_receipt(timeline, notice, term, next_renewal)
        if notice is not None and notice.holds_until is not None:
            until = min(until, notice.holds_until.toordinal())  # the deadline passes
        elif timeline.exits and not steady and not any(not n.suspended for n in notices):
            until = day.toordinal() + 1  # what a notice would do may change any day
        if state == "in-force":
            who = f"for {party}, {label}" if party else label
            reason = _in_force_reason(timeline, who, term, next_renewal, notice, steady)
    suspended: tuple[str, ...] = ()
    if state in _LIVE:
        asked = (standing,) if standing is not None and timeline.multilateral else None
        halted = [
            (s.party, s.operation_suspended)
            for s in asked or snapshot.standings
            if s.operation_suspended is not None and s.bound_on(day) and not s.performs_on(day)
        ]
        suspended = tuple(who for who, _ in halted)
        if halted:
            by_whom = ", ".join(f"{who} from {format_day(since)}" for who, since in halted)
            reason = f"{reason[:-1]}; its operation is suspended by {by_whom}."
    explanation.extend(timeline.bearing(snapshot, party, notices))
    explanation.extend(reading_used(timeline, notices))
    for pending_notice in notices:
        explanation.extend(
            f"{pending_notice.party}: {step}" for step in pending_notice.steps(timeline.zone)
        )
    answer = Status._unchecked(
        subject.id, party, day, state, term[0] if term else None, term[1] if term else None,
        next_renewal, effective,
        None if effective is None else start_of_day(effective, timeline.zone),
        notice.last_notice_day if notice else None, suspended, reason, tuple(explanation),
    )  # fmt: skip
    return answer, until


def state_on(timeline: Timeline, day: date, party: str | None = None) -> State:
    """The state alone, as `status_span` gives it, without its words or days: for going over
    many agreements or days at little cost (the agenda's index)."""
    return _state_of(timeline, timeline.at(day), day, party)


def state_spans(
    timeline: Timeline, first: date, last: date, parties: tuple[str, ...] = ()
) -> list[tuple[tuple[int, State], ...]]:
    """The state of the agreement, then of each of `parties`, from `first` to `last`: for each,
    (first day as an ordinal, state) each time it changes. It can change only on a day the
    timeline names as one on which something may (`Timeline.changes`), so only those are asked.
    """
    asked = (None, *parties)
    found: list[list[tuple[int, State]]] = [[] for _ in asked]
    day = first
    while True:
        snapshot = timeline.at(day)  # once a day, for every party asked
        for states, party in zip(found, asked, strict=True):
            state = _state_of(timeline, snapshot, day, party)
            if not states or states[-1][1] != state:
                states.append((day.toordinal(), state))
        following = timeline.changes(snapshot, day)
        if following > last.toordinal():
            return [tuple(states) for states in found]
        day = date.fromordinal(following)


def _state_of(timeline: Timeline, snapshot: Snapshot, day: date, party: str | None) -> State:
    standing = snapshot.standing(party) if party else None
    return _state(timeline, snapshot, day, standing, considered(timeline, snapshot, party))


def _state(
    timeline: Timeline,
    snapshot: Snapshot,
    day: date,
    standing: Standing | None,
    notices: tuple[Pending, ...],
) -> State:
    """The one place where a state is decided, from the snapshot governing `day`."""
    if day < timeline.in_force:
        return "not-in-force"
    if snapshot.end is not None and snapshot.end.day <= day:
        return "ended"
    if standing is not None and not standing.bound_on(day):
        return "not-in-force" if standing.left_on(day) is None else "ended"
    if any(not notice.suspended for notice in notices):
        return "notice-pending"
    return "notice-suspended" if notices else "in-force"


def status_redated(answer: Status, day: date) -> Status:
    """`answer`, given for a day of the span `status_span` gave with it, as given for `day`:
    only the day changes."""
    return answer if day == answer.on else answer._changed(on=day)


def _counted_from_receipt(
    timeline: Timeline,
    notice: Withdrawal | None,
    term: tuple[date, date] | None,
    next_renewal: date | None,
) -> bool:
    """Whether a notice would take effect a fixed time after the day it is received, whatever
    that day: the one exit clause counts from receipt, no floor holds the effect back, and no
    term end without renewal cuts it short. Then what a notice would do reads the same every day.
    """
    return (
        notice is not None
        and notice.door is None
        and len(timeline.exits) == 1
        and timeline.exits[0].fixed_notice is not None
        and notice.effective == notice.natural
        and (term is None or next_renewal is not None)
    )


def _in_force_reason(
    timeline: Timeline,
    who: str,
    term: tuple[date, date] | None,
    next_renewal: date | None,
    notice: Withdrawal | None,
    steady: bool,
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
    if notice is not None and steady:
        words = notice.exit.notice_words()
        text += f"; a notice would take effect {words} after the day it is received"
    elif notice is not None:
        by = (
            f"received by {format_day(notice.last_notice_day)}"
            if notice.last_notice_day
            else "received that day"
        )
        text += f"; a notice {by} would take effect on {format_day(notice.effective)}"
    elif not timeline.exits:
        text += "; it has no exit clause"
    return text[0].upper() + text[1:] + "."
