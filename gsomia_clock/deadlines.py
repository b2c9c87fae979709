"""Days worth a calendar entry: renewals, last notice days, effects and expiries in a period.

Each day is read from the snapshot that governs it, as `status` on that day would read it: Seoul
gave notice on 23 August 2019 and suspended it on 22 November, so GSOMIA renewed on the 23rd.

>>> from gsomia_clock import load_catalog
>>> gsomia = load_catalog()["gsomia"]
>>> [(d.date.isoformat(), d.kind) for d in gsomia.deadlines("2019-08-01", "2019-11-30")]
[('2019-08-24', 'last-notice-day'), ('2019-11-23', 'renewal')]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from datetime import date, timedelta, tzinfo
from functools import partial
from typing import Any, Literal, final, get_args

from .days import format_day
from .exits import Ends, Exit, Withdrawal, last_chance, one_plain_clause
from .subject import Subject
from .terms import Terms
from .timeline import Pending, Snapshot, Timeline
from .values import Value, plain

__all__ = ["DEADLINE_KINDS", "Deadline", "DeadlineKind", "deadlines"]

DeadlineKind = Literal["renewal", "last-notice-day", "effect", "expiry", "window-opens"]
DEADLINE_KINDS: tuple[DeadlineKind, ...] = get_args(DeadlineKind)
_DAY = timedelta(days=1)
_KIND_ORDER = {"window-opens": 0, "last-notice-day": 1, "renewal": 2, "effect": 3, "expiry": 4}


@final
class Deadline(Value):
    """A day worth a calendar entry: a renewal, a last notice day, an effect, an expiry, or the
    opening of a clause to notice.

    `key` names the logical event within its agreement (`last-notice-day-11`: the last notice
    day before the 11th renewal), so that it keeps its identity when its date moves.
    """

    __slots__ = (
        "agreement",
        "date",
        "explanation",
        "key",
        "kind",
        "party",
        "summary",
    )
    agreement: str
    date: dt.date
    kind: DeadlineKind
    party: str | None
    summary: str
    explanation: tuple[str, ...]
    key: str

    def __init__(
        self,
        agreement: str,
        date: dt.date,
        kind: DeadlineKind,
        party: str | None,
        summary: str,
        explanation: tuple[str, ...],
        key: str,
    ) -> None:
        self._fill(agreement, date, kind, party, summary, explanation, key)
        if self.kind not in _KIND_ORDER:
            raise ValueError(f"Deadline: kind {self.kind!r} is not one of {', '.join(_KIND_ORDER)}")

    def to_dict(self) -> dict[str, Any]:
        """The contract's `deadlines --json` object."""
        return {
            "agreement": self.agreement,
            "date": plain(self.date),
            "kind": self.kind,
            "party": self.party,
            "summary": self.summary,
            "explanation": list(self.explanation),
        }


def deadlines(
    subject: Subject,
    timeline: Timeline,
    start: date,
    end: date,
    *,
    explained: bool | Collection[DeadlineKind] = True,
    kinds: Collection[DeadlineKind] | None = None,
) -> tuple[Deadline, ...]:
    """Every deadline from `start` to `end`, both included, in date order; without `explained`,
    each with no explanation (its lines are never worked out: a picture shows none, and they
    cost as much as the days); with kinds, those of these kinds alone explained. With `kinds`,
    only deadlines of those kinds: asked for none of an exit clause's own (a last notice day, a
    window's opening), the clauses are not looked at (an agreement's next change is found so)."""
    snapshots = timeline.snapshots
    clauses = kinds is None or any(k in kinds for k in ("last-notice-day", "window-opens"))
    found: list[Deadline] = []
    for i, snapshot in enumerate(snapshots):
        lo = max(snapshot.since, start, timeline.in_force)
        hi = min(snapshots[i + 1].since if i + 1 < len(snapshots) else date.max, end + _DAY)
        if lo < hi:
            found.extend(_deadlines_in(subject, timeline, snapshot, lo, hi, explained, clauses))
    if kinds is not None:
        found = [d for d in found if d.kind in kinds]
    found.sort(key=lambda d: (d.date, _KIND_ORDER[d.kind], d.party or ""))
    return tuple(found)


def _deadlines_in(
    subject: Subject,
    timeline: Timeline,
    snapshot: Snapshot,
    lo: date,
    hi: date,
    explained: bool | Collection[DeadlineKind],
    clauses: bool = True,
) -> list[Deadline]:
    """The deadlines from `lo` to the day before `hi`, all governed by `snapshot`."""
    ident, name = subject.id, subject.label
    end = snapshot.end
    limit = end.day if end else date.max
    found: list[Deadline] = []
    if limit < lo:
        return found  # ended before: every deadline below is on or before its end

    def add(day: date, kind: DeadlineKind, party: str | None, summary: str,
            explanation: Lines, key: str) -> None:  # fmt: skip
        lines = explanation() if explained is True or (explained and kind in explained) else ()
        found.append(Deadline(ident, day, kind, party, f"{name}: {summary}", lines, key))

    def notice_effect(notice: Pending, summary: str) -> None:
        key = f"effect-{notice.party}-{notice.received.isoformat()}"
        add(notice.effective, "effect", notice.party, summary,
            partial(notice.steps, timeline.zone), key)  # fmt: skip

    if end is not None and lo <= end.day < hi:
        if end.cause == "expiry":
            add(end.day, "expiry", None, "expires (its last term has ended)", tuple, "expiry")
        elif end.cause == "terminate":
            add(end.day, "effect", None, "terminated by the parties", tuple, "terminated")
        else:
            notice = snapshot.standing(end.party or "").notice
            assert notice is not None
            notice_effect(notice, f"{end.text} takes effect, ending the agreement")
    if timeline.multilateral:
        for notice in snapshot.pending():
            if lo <= notice.effective < min(hi, limit):
                notice_effect(notice, f"{notice.party}'s withdrawal takes effect")
    for n, clause in enumerate(timeline.exits if clauses else (), start=1):
        if clause.effect == "end-of-period":
            _period_ends(timeline, snapshot, clause, n, (lo, hi, limit), add)
        _openings(timeline, snapshot, clause, n, lo, min(hi, limit), add)
    terms = snapshot.terms
    if terms is None:
        return found
    if terms.renewal is not None:
        renews = f"renews for {terms.renewal.words()}"
        for k, term_end in terms.ends_from(lo):
            if term_end >= min(hi, limit):
                break
            add(term_end, "renewal", None, renews,
                partial(_term_lines, terms, k, None, timeline.zone),
                f"renewal-{terms.number + k + 1}")  # fmt: skip
    # A last notice day precedes its renewal: look at renewals up to the longest notice ahead.
    # A term end on the day the agreement ends anyway still has one: a party's own notice
    # received by then takes effect that day too (as `can_withdraw` says).
    ending = [x for x in timeline.exits if x.effect == "end-of-term"] if clauses else []
    befores: list[date | None] = [None] * len(ending)  # each clause's, for the end before
    for k, term_end in terms.ends_from(lo) if ending else ():
        if term_end > limit:
            break
        best: Withdrawal | None = None
        for i, clause in enumerate(ending):
            last_day = clause.last_notice_day_for(term_end)
            before, befores[i] = befores[i], last_day
            if best is not None and last_day <= best.received:
                continue
            w = _notice_on(clause, last_day, before, (terms, k, term_end), terms, timeline)
            # The last day counts only if a party may still notify under this clause then.
            if (
                w is not None
                and w.effective == term_end
                and _may_notify(timeline, snapshot, clause, last_day)
            ):
                best = w
        if best is None or best.last_notice_day is None or best.last_notice_day >= hi:
            if all(x.door(term_end) > hi for x in ending):
                break
            continue
        if best.last_notice_day < lo or _not_last(timeline, snapshot, best):
            continue
        stops = (
            f"take effect at the end of the term, {format_day(term_end, weekday=False)}"
            if term_end == limit
            else f"stop the {format_day(term_end, weekday=False)} renewal"
        )
        add(
            best.last_notice_day,
            "last-notice-day",
            None,
            f"last day for notice to {stops}",
            partial(_term_lines, terms, k, best, timeline.zone),
            f"last-notice-day-{terms.number + k + 1}",
        )
    return found


def _term_lines(terms: Terms, k: int, w: Withdrawal | None, zone: tzinfo) -> tuple[str, ...]:
    """A renewal's explanation (the term end), or a last notice day's (and its arithmetic)."""
    return (f"the term ends on {terms.describe_end(k)}", *(w.explain(zone)[1:] if w else ()))


def _closing_lines(
    clause: Exit, last_day: date, w: Withdrawal, timeline: Timeline
) -> tuple[str, ...]:
    """The explanation of a window's last day: the clause's rules, then the arithmetic."""
    return (*clause.rules(last_day, last_day, timeline.in_force), *w.explain(timeline.zone))


Lines = Callable[[], tuple[str, ...]]  # a deadline's explanation, worked out when it is shown
Add = Callable[[date, DeadlineKind, str | None, str, Lines, str], None]


def _period_ends(
    timeline: Timeline,
    snapshot: Snapshot,
    clause: Exit,
    n: int,
    window: tuple[date, date, date],
    add: Add,
) -> None:
    """The last notice day before each boundary of an `end-of-period` clause, from `lo` to the
    day before `hi`, for boundaries up to `limit` (one on the day the agreement ends anyway
    still has one: a notice by then takes effect that day too)."""
    lo, hi, limit = window
    period = clause.period
    assert period is not None
    found = period.first_end_after(lo)
    before: date | None = None  # the last notice day of the boundary before, once come to
    while found is not None:
        k, boundary = found
        last_day = clause.last_notice_day_for(boundary)
        if last_day >= hi or boundary > limit:
            return
        w = (
            _notice_on(clause, last_day, before, (period, k, boundary), snapshot.terms, timeline)
            if lo <= last_day
            else None
        )
        before = last_day
        if (
            w is not None
            and w.effective == boundary
            and _may_notify(timeline, snapshot, clause, last_day)
            and not _not_last(timeline, snapshot, w)
        ):
            add(
                last_day,
                "last-notice-day",
                None,
                f"last day for notice to take effect on {format_day(boundary, weekday=False)}",
                partial(w.explain, timeline.zone),
                f"last-notice-day-{n}-{boundary.isoformat()}",
            )
        found = period.next_end(k)


def _notice_on(
    clause: Exit,
    last_day: date,
    before: date | None,
    end: tuple[Ends, int, date],
    terms: Terms | None,
    timeline: Timeline,
) -> Withdrawal | None:
    """What a notice under `clause` received on `last_day`, the last notice day for the end
    `end` names (its ends, its k, its day), does, given the last notice day `before` of the end
    before it (None: not known). Known without asking `withdrawal` when `before` is earlier and
    no floor holds effects back: last notice days only grow with the end (business days, grace
    and roll included), so an end between the day and this one has one no later than `before`,
    too early for a notice that day; else asked."""
    if before is not None and before < last_day and clause.not_effective_before is None:
        ends, k, day = end
        return Withdrawal(last_day, day, clause, ends, k, last_day + _DAY)
    return clause.withdrawal(last_day, terms, timeline.in_force)


def _openings(
    timeline: Timeline, snapshot: Snapshot, clause: Exit, n: int, lo: date, hi: date, add: Add
) -> None:
    """The days from `lo` to the day before `hi` on which the clause opens to a party's notice
    after being closed to it (`not_before`, `window`, `earliest`), with the day it closes."""
    if clause.not_before is None and clause.window is None and clause.earliest is None:
        return
    found: dict[tuple[date, date | None], list[tuple[str, date]]] = {}
    closing: set[date] = set()  # first days a window of the clause is closed again
    bound = [s for s in snapshot.standings if s.bound_from is not None and s.notice is None]
    for standing in bound:
        start = standing.bound_from
        assert start is not None
        day = max(lo, start)
        while day < hi:
            opens = clause.opening(day, start, timeline.in_force, snapshot.terms)
            if opens is None or opens >= hi:
                break
            before = opens - _DAY
            closes = clause.next_change(opens, timeline.in_force, snapshot.terms)
            if (
                opens > start
                and standing.bound_on(opens)
                and clause.opening(before, start, timeline.in_force, snapshot.terms) != before
                and clause.withdrawal(opens, snapshot.terms, timeline.in_force) is not None
            ):
                found.setdefault((opens, closes), []).append((standing.party, start))
            if closes is None:
                break
            if clause.window is not None and lo < closes <= hi:
                closing.add(closes)
            day = max(closes, opens + _DAY)
    _window_closings(timeline, snapshot, clause, n, sorted(closing), add)
    for (day, closes), parties in sorted(found.items(), key=lambda item: item[0][0]):
        every = not timeline.multilateral or len(parties) == len(bound)
        for party, start in parties[:1] if every else parties:
            who = "" if every else f" to {party}"
            until = f", until {format_day(closes - _DAY, weekday=False)}" if closes else ""
            add(
                day,
                "window-opens",
                None if every else party,
                f"exit clause {n} opens to notice{who}{until}",
                partial(clause.rules, day, start, timeline.in_force),
                f"window-opens-{n}-{'all' if every else party}-{day.isoformat()}",
            )


def _window_closings(
    timeline: Timeline, snapshot: Snapshot, clause: Exit, n: int, closing: list[date], add: Add
) -> None:
    """A window that closes before the natural last notice day of the end a notice in it takes
    effect at: its last day is that end's last notice day."""
    for closes in closing:
        last_day = closes - _DAY
        if not _may_notify(timeline, snapshot, clause, last_day):
            continue  # no party is bound on it any longer (as at a period's end)
        w = clause.withdrawal(last_day, snapshot.terms, timeline.in_force)
        if w is None or w.door is None or w.door <= closes:
            continue
        if snapshot.end is not None and snapshot.end.expires_before(w.effective):
            continue
        if _not_last(timeline, snapshot, w._replace(door=closes)):
            continue  # another clause takes a later notice to the same end
        add(
            last_day,
            "last-notice-day",
            None,
            f"last day for notice (its window closes) to take effect on "
            f"{format_day(w.effective, weekday=False)}",
            partial(_closing_lines, clause, last_day, w, timeline),
            f"last-notice-day-{n}-{w.effective.isoformat()}",
        )


def _not_last(timeline: Timeline, snapshot: Snapshot, found: Withdrawal) -> bool:
    """Whether a notice after `found`'s last notice day could still take effect by its effect
    under some clause (the next day, or a later day another clause opens on): then that day is
    no last notice day, as `can_withdraw` would say on it."""
    last = found.last_notice_day
    assert last is not None
    if one_plain_clause(timeline.exits):
        return False
    terms, in_force = snapshot.terms, timeline.in_force
    for clause in timeline.exits:
        if _may_notify(timeline, snapshot, clause, last + _DAY):
            later = clause.withdrawal(last + _DAY, terms, in_force)
            if later is not None and later.effective <= found.effective:
                return True
    return any(
        last_chance(timeline.exits, found, s.bound_from, terms, in_force).last_notice_day != last
        for s in snapshot.standings
        if s.notice is None and s.bound_from is not None and s.bound_on(last)
    )


def _may_notify(timeline: Timeline, snapshot: Snapshot, clause: Exit, day: date) -> bool:
    """Whether some party could give notice under `clause` on `day`."""
    return any(
        s.notice is None
        and s.bound_from is not None
        and s.bound_on(day)
        and clause.opening(day, s.bound_from, timeline.in_force, snapshot.terms) == day
        for s in snapshot.standings
    )
