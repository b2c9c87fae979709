"""Whether a party could get out by acting on a day, when it would be out, and by which deadline.

>>> from gsomia_clock import load_catalog
>>> answer = load_catalog()["gsomia"].can_withdraw("JP", on="2019-08-24")
>>> answer.effective, answer.last_notice_day, answer.ends
(datetime.date(2019, 11, 23), datetime.date(2019, 8, 24), datetime.date(2019, 11, 23))
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Literal, final

from .days import format_day, start_of_day
from .durations import Duration
from .errors import CatalogError
from .events import POLICIES, Policy
from .exits import Withdrawal, closed
from .notices import changes, fresh_notice
from .subject import Subject
from .timeline import End, Pending, Snapshot, Standing, Timeline, resume_effect
from .values import Value, plain

__all__ = ["ByNotice", "Reading", "WithdrawalAnswer", "withdrawal_redated", "withdrawal_span"]

_DAY = timedelta(days=1)


@final
class ByNotice(Value):
    """What an answer 'yes, by a notice received on the day' is re-dated from, within the span
    `withdrawal_span` gives with it (`withdrawal_redated`): the notice's arithmetic, and what
    stays the same over the span: the lines of the explanation before the day received (the
    clause and the events), and the words of the reason after the day it takes effect."""

    __slots__ = ("after", "opening", "withdrawal")
    withdrawal: Withdrawal
    opening: tuple[str, ...]
    after: str

    def __init__(self, withdrawal: Withdrawal, opening: tuple[str, ...], after: str) -> None:
        self._fill(withdrawal, opening, after)


@final
class Reading(Value):
    """What lifting a suspended notice on the day asked about gives under one reading."""

    __slots__ = (
        "effective",
        "effective_at",
        "explanation",
        "last_notice_day",
        "policy",
    )
    policy: Policy
    effective: date | None
    effective_at: datetime | None
    last_notice_day: date | None
    explanation: str

    def __init__(
        self,
        policy: Policy,
        effective: date | None,
        effective_at: datetime | None,
        last_notice_day: date | None,
        explanation: str,
    ) -> None:
        self._fill(policy, effective, effective_at, last_notice_day, explanation)

    def to_dict(self) -> dict[str, Any]:
        return {
            "on_resume": self.policy,
            "effective": plain(self.effective),
            "effective_at": plain(self.effective_at),
            "last_notice_day": plain(self.last_notice_day),
            "explanation": self.explanation,
        }


@final
class WithdrawalAnswer(Value):
    """Whether a party could withdraw by acting on a day (the contract's `can-withdraw`).

    Its fields are its whole content: two answers are equal when they say the same, down to
    the explanation, and one whose days contradict each other cannot be made (ValueError).
    """

    _fields = (
        "agreement",
        "party",
        "on",
        "can_withdraw",
        "via",
        "effective",
        "effective_at",
        "last_notice_day",
        "closes_at",
        "ends",
        "window_opens",
        "window_closes",
        "reading",
        "readings",
        "reason",
        "explanation",
    )
    agreement: str
    party: str
    on: date
    can_withdraw: bool
    via: Literal["notice", "resume"] | None
    effective: date | None
    effective_at: datetime | None
    last_notice_day: date | None
    closes_at: datetime | None
    ends: date | None
    window_opens: date | None
    window_closes: date | None
    reading: Policy | None
    readings: tuple[Reading, ...]
    reason: str
    explanation: tuple[str, ...]

    def __init__(
        self,
        agreement: str,
        party: str,
        on: date,
        can_withdraw: bool,
        via: Literal["notice", "resume"] | None,
        effective: date | None,
        effective_at: datetime | None,
        last_notice_day: date | None,
        closes_at: datetime | None,
        ends: date | None,
        window_opens: date | None,
        window_closes: date | None,
        reading: Policy | None,
        readings: tuple[Reading, ...],
        reason: str,
        explanation: tuple[str, ...],
    ) -> None:
        self._fill(
            agreement,
            party,
            on,
            can_withdraw,
            via,
            effective,
            effective_at,
            last_notice_day,
            closes_at,
            ends,
            window_opens,
            window_closes,
            reading,
            readings,
            reason,
            explanation,
        )
        problem = _contradiction(self)
        if problem:
            raise ValueError(f"WithdrawalAnswer: {problem}")

    def to_dict(self) -> dict[str, Any]:
        """The contract's `can-withdraw --json` object."""
        return {
            "agreement": self.agreement,
            "party": self.party,
            "on": plain(self.on),
            "can_withdraw": self.can_withdraw,
            "via": self.via,
            "effective": plain(self.effective),
            "effective_at": plain(self.effective_at),
            "last_notice_day": plain(self.last_notice_day),
            "ends": plain(self.ends),
            "window_opens": plain(self.window_opens),
            "window_closes": plain(self.window_closes),
            "reason": self.reason,
            "closes_at": plain(self.closes_at),
            "reading": self.reading,
            "readings": [r.to_dict() for r in self.readings],
            "explanation": list(self.explanation),
        }


def _contradiction(a: WithdrawalAnswer) -> str | None:
    """What makes an answer impossible, or None: the rules every answer of ours obeys."""
    if a.can_withdraw not in (True, False):
        return f"can_withdraw {a.can_withdraw!r} is not true or false"
    if not a.can_withdraw and (a.via, a.effective, a.last_notice_day, a.reading) != (None,) * 4:
        return "an answer 'no' has no via, effective, last_notice_day or reading"
    if a.can_withdraw and (a.via not in ("notice", "resume") or a.effective is None):
        return "an answer 'yes' says how (via) and when (effective)"
    if (a.effective_at is None) != (a.effective is None) or (
        a.effective_at is not None and a.effective_at.date() != a.effective
    ):
        return f"effective_at {a.effective_at} is not the start of effective {a.effective}"
    if a.effective is not None and a.effective < a.on:
        return f"effective {a.effective} is before the day asked about, {a.on}"
    if (a.closes_at is None) != (a.last_notice_day is None) or (
        a.closes_at is not None
        and a.last_notice_day is not None
        and a.closes_at.date() != a.last_notice_day + _DAY
    ):
        return f"closes_at {a.closes_at} is not the end of last_notice_day {a.last_notice_day}"
    if a.last_notice_day is not None and (
        a.last_notice_day < a.on or (a.effective is not None and a.last_notice_day >= a.effective)
    ):
        return f"last_notice_day {a.last_notice_day} is not between {a.on} and the effect"
    if a.window_opens is not None and (a.can_withdraw or a.window_opens <= a.on):
        return f"window_opens {a.window_opens} comes with a 'no', after the day asked about"
    if a.window_closes is not None and a.window_closes < a.on:
        return f"window_closes {a.window_closes} is before the day asked about, {a.on}"
    if a.ends is not None and a.ends <= a.on:
        return f"ends {a.ends} is not after the day asked about, {a.on}"
    if (a.via == "resume") != (a.reading is not None) or (a.via == "resume") != bool(a.readings):
        return "readings come with, and only with, lifting a suspended notice"
    return None


def withdrawal_span(
    subject: Subject, timeline: Timeline, day: date, party: str
) -> tuple[WithdrawalAnswer, ByNotice | None, int]:
    """The party's way out on `day`; what re-dates it, if the way is a notice received that
    day; and the first day (an ordinal) the answer may read otherwise.

    Until then the answer is the same but for the day it names and, for a notice counted from
    the day received, the day it takes effect (see `withdrawal_redated`, which moves the
    notice's arithmetic to that day and words it again).
    """
    snapshot = timeline.at(day)
    until = changes(timeline, snapshot, day)
    answer, kept = _way_out(subject, timeline, snapshot, day, party)
    if answer.via == "resume":
        return answer, None, day.toordinal() + 1  # each reading counts from the day resumed
    if kept is not None:
        last = answer.last_notice_day
        if last is not None:  # until the deadline passes, or a clause's window in between
            return answer, kept, min(until, _run_door(timeline, snapshot, day, party, last))
        notice = _counted_from_receipt(timeline, answer)
        if notice is None:
            return answer, kept, day.toordinal() + 1
        # The same sentence, shifted, until the effect would fall on or after the known end
        # (the sentence then says so), or beyond the calendar.
        end = snapshot.end
        if end is not None and end.day <= notice.add_to(day):
            return answer, kept, day.toordinal() + 1
        until = min(until, _first_received_reaching(notice, date.max, day).toordinal())
        if end is not None:
            until = min(until, _first_received_reaching(notice, end.day, day).toordinal())
    return answer, kept, until


def _run_door(timeline: Timeline, snapshot: Snapshot, day: date, party: str, last: date) -> int:
    """The first day a notice may have another effect: the day after the last notice day, or
    with several clauses the close of the window that a notice received on `day` lands in."""
    if len(timeline.exits) == 1:
        return last.toordinal() + 1
    found = fresh_notice(timeline, snapshot, snapshot.standing(party), day)
    assert found is not None and found.holds_until is not None
    return found.holds_until.toordinal()


def _counted_from_receipt(timeline: Timeline, answer: WithdrawalAnswer) -> Duration | None:
    """The notice period, if the answer's effect is the one exit's period counted from the day
    received, with no floor holding it back: then the next day's answer is this one shifted."""
    if len(timeline.exits) != 1:
        return None
    notice = timeline.exits[0].fixed_notice
    return notice if notice is not None and notice.add_to(answer.on) == answer.effective else None


def _first_received_reaching(notice: Duration, day: date, before: date) -> date:
    """The first day after `before` a notice received on takes effect on or after `day`, which
    a notice received on `before` does not reach (adding a duration is monotone)."""
    found = max(notice.subtract_from(day), before + _DAY)
    while _reaches(notice, found - _DAY, day):
        found -= _DAY
    while not _reaches(notice, found, day):
        found += _DAY
    return found


def _reaches(notice: Duration, received: date, day: date) -> bool:
    try:
        return notice.add_to(received) >= day
    except OverflowError:
        return True


def withdrawal_redated(
    answer: WithdrawalAnswer, kept: ByNotice | None, day: date, timeline: Timeline
) -> WithdrawalAnswer:
    """`answer`, given with `kept` for a day of the span `withdrawal_span` gave with them, as
    given for `day`: the notice's arithmetic received on `day` instead, worded again.

    Over that span the clause, the events bearing on the question (the same snapshot), the
    deadline, the window, the end, and the arithmetic of an effect on a term's end (which does
    not read the day received) stay as they are. The day received moves, and for a notice
    counted from receipt (the only kind that spans more than its own day with no last notice
    day) the effect, that long after it, with its arithmetic. What moves is worded again from
    the values, not cut from the text.
    """
    if day == answer.on:
        return answer
    if kept is None:
        return answer._changed(on=day)
    opening = (*kept.opening, _received(day))
    notice = None if answer.last_notice_day else timeline.exits[0].fixed_notice
    if notice is None:  # the effect stays, and its arithmetic with it
        assert answer.effective is not None
        return answer._changed(
            on=day,
            reason=_reason(answer.party, day, answer.effective, kept.after),
            explanation=(*opening, *answer.explanation[len(opening) :]),
        )
    effective = notice.add_to(day)
    return answer._changed(
        on=day,
        effective=effective,
        effective_at=start_of_day(effective, timeline.zone),
        reason=_reason(answer.party, day, effective, kept.after),
        explanation=(*opening, *kept.withdrawal.received_on(day, effective)),
    )


_LEAD, _RECEIVED = "A notice from ", " received on "


def _lead_head(party: str, day: date) -> str:
    return f"{_LEAD}{party}{_RECEIVED}{format_day(day)}"


def _reason(party: str, day: date, effective: date, after: str) -> str:
    """`A notice from JP received on <day> takes effect on <effective>` and the words after."""
    return _lead_head(party, day) + _takes_effect(effective) + after


def _takes_effect(day: date) -> str:
    return " takes effect on " + format_day(day)


def _received(day: date) -> str:
    return "a notice received on " + day.isoformat()


def _way_out(
    subject: Subject, timeline: Timeline, snapshot: Snapshot, day: date, party: str
) -> tuple[WithdrawalAnswer, ByNotice | None]:
    """The answer, and what re-dates it if it says to give a notice."""
    end = snapshot.end
    standing = snapshot.standing(party)
    notice = standing.notice
    if day < timeline.in_force:
        reason = f"The agreement is not in force until {format_day(timeline.in_force)}."
        return _no(subject, timeline, snapshot, day, party, reason, None), None
    if end is not None and end.day <= day:
        reason = f"The agreement is no longer in force from {format_day(end.day)} ({end.text})."
        return _no(subject, timeline, snapshot, day, party, reason, None), None
    if not standing.bound_on(day):
        left = standing.left_on(day)
        since = standing.bound_from
        if left is not None:
            reason = f"{party} has not been bound since {format_day(left)}."
        else:
            reason = (
                f"{party} is bound from {format_day(since)}."
                if since
                else f"{party} has not joined."
            )
        return _no(subject, timeline, snapshot, day, party, reason, None), None
    ends = _ends(snapshot, standing, day)
    if notice is not None and not notice.suspended:
        reason = (
            f"{party} already gave notice on {format_day(notice.received)}; "
            f"it takes effect on {format_day(notice.effective)}."
        )
        return _no(subject, timeline, snapshot, day, party, reason, ends), None
    if notice is not None:
        return _lift(subject, timeline, snapshot, notice, day, ends), None
    if not timeline.exits:
        reason = "The agreement has no exit clause: there is no unilateral way out."
        return _no(subject, timeline, snapshot, day, party, reason, ends), None
    withdrawal = fresh_notice(timeline, snapshot, standing, day)
    if withdrawal is None:
        assert standing.bound_from is not None
        reason, opens = closed(
            timeline.exits, party, day, standing.bound_from, timeline.in_force, snapshot.terms
        )
        return _no(subject, timeline, snapshot, day, party, reason, ends, opens), None
    return _by_notice(subject, timeline, snapshot, day, party, withdrawal, ends)


def _by_notice(
    subject: Subject,
    timeline: Timeline,
    snapshot: Snapshot,
    day: date,
    party: str,
    withdrawal: Withdrawal,
    ends: date | None,
) -> tuple[WithdrawalAnswer, ByNotice]:
    """The answer 'yes, by a notice received on `day`', which `withdrawal` dates, and what
    re-dates it."""
    end = snapshot.end
    effective, last = withdrawal.effective, withdrawal.last_notice_day
    if end is not None and last is not None and end.expires_before(effective):
        last = None  # the agreement expires first: no deadline is left to name
    after = _after(last, end, effective)
    opening = (*subject.clause, *timeline.bearing(snapshot, party, _deciding(timeline, snapshot)))
    explanation = (*opening, _received(day), *withdrawal.explain(timeline.zone))
    answer = WithdrawalAnswer._unchecked(
        subject.id, party, day, True, "notice", effective, start_of_day(effective, timeline.zone),
        last, None if last is None else start_of_day(last + _DAY, timeline.zone), ends, None,
        withdrawal.exit.window_closes(day, timeline.in_force, withdrawal), None, (),
        _reason(party, day, effective, after), explanation,
    )  # fmt: skip
    return answer, ByNotice(withdrawal, opening, after)


def _ends(snapshot: Snapshot, standing: Standing, day: date) -> date | None:
    """The first day the party is no longer bound if it does nothing more, as known on `day`."""
    found = [snapshot.end.day] if snapshot.end is not None and snapshot.end.day > day else []
    if standing.notice is not None and not standing.notice.suspended:
        found.append(standing.notice.effective)
    return min(found, default=None)


def _deciding(timeline: Timeline, snapshot: Snapshot) -> tuple[Pending, ...]:
    """The notices that decide when the agreement ends for everyone (bilateral: any pending)."""
    if timeline.multilateral:
        return ()
    return tuple(s.notice for s in snapshot.standings if s.notice and not s.notice.suspended)


def _no(
    subject: Subject,
    timeline: Timeline,
    snapshot: Snapshot,
    day: date,
    party: str,
    reason: str,
    ends: date | None,
    opens: date | None = None,
) -> WithdrawalAnswer:
    own = snapshot.standing(party).notice
    notices = (*((own,) if own else ()), *(n for n in _deciding(timeline, snapshot) if n != own))
    explanation = (*subject.clause, *timeline.bearing(snapshot, party, notices))
    return WithdrawalAnswer._unchecked(
        subject.id, party, day, False, None, None, None, None, None, ends, opens, None, None, (),
        reason, explanation,
    )  # fmt: skip


def _lift(
    subject: Subject,
    timeline: Timeline,
    snapshot: Snapshot,
    notice: Pending,
    day: date,
    ends: date | None,
) -> WithdrawalAnswer:
    """The party's way out is to lift the suspension of its own notice."""
    chosen = timeline.policy or notice.policy or "immediate"
    readings = tuple(_reading(timeline, snapshot, notice, day, p) for p in POLICIES)
    main = next(r for r in readings if r.policy == chosen)
    effective = main.effective
    if effective is None:
        reason = f"Under the '{chosen}' reading {main.explanation}."
        return _no(subject, timeline, snapshot, day, notice.party, reason, ends)
    lead = (
        f"{notice.party} can lift the suspension of its notice of {format_day(notice.received)}; "
        f"under the '{chosen}' reading it takes effect on {format_day(effective)}"
    )
    explanation = (
        *subject.clause,
        *timeline.bearing(snapshot, notice.party, (notice,)),
        *notice.steps(timeline.zone),
        main.explanation,
        *(f"other reading, {r.policy}: {r.explanation}" for r in readings if r is not main),
    )
    last = main.last_notice_day
    return WithdrawalAnswer._unchecked(
        subject.id, notice.party, day, True, "resume", effective, main.effective_at, last,
        None if last is None else start_of_day(last + _DAY, timeline.zone), ends, None, None,
        chosen, readings, lead + _after(last, snapshot.end, effective), explanation,
    )  # fmt: skip


def _after(last: date | None, end: End | None, effective: date) -> str:
    """The words of a reason after the day a way out takes effect: its deadline, and an end
    of the agreement that comes first."""
    words = ""
    if last is not None:
        words += f"; the last day for that is {format_day(last)}"
    if end is not None and end.day <= effective:
        when = "on the same day" if end.day == effective else f"first, on {format_day(end.day)}"
        if end.cause == "notice":
            words += f"; {end.text} already ends the agreement {when}"
        else:
            words += f"; the agreement ends {when} ({end.text})"
    return words + "."


def _reading(
    timeline: Timeline, snapshot: Snapshot, notice: Pending, day: date, policy: Policy
) -> Reading:
    try:
        effective, withdrawal, text = resume_effect(timeline, snapshot, notice, day, policy)
    except CatalogError as error:
        return Reading(policy, None, None, None, error.reason)
    last = withdrawal.last_notice_day if withdrawal else None
    return Reading(policy, effective, start_of_day(effective, timeline.zone), last, text)
