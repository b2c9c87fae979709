"""Exit clauses: when a notice received on a given day takes effect, and when one may be given.

`end-of-term`: at the end E of the first term for which the notice came in time, i.e. received
before E − notice; so the last notice day is E − notice − 1 day. `end-of-period`: the same on a
calendar of the clause's own (`Boundaries`), not the agreement's terms. `after-notice`: on the
day the notice period runs out (received + notice), or a later day named in the notice.

A clause may be closed to a notice: before `not_before` has run (from the party's entry into
force, or the agreement's), outside its `window`s, or too early (`earliest`) for the end it
would take effect at.
"""

from __future__ import annotations

from datetime import date, timedelta, tzinfo
from typing import Literal, NamedTuple, Protocol, final, get_args

from .business import BusinessDays
from .days import format_day, start_of_day, zone_abbreviation
from .durations import Duration, shift
from .periods import Boundaries, Window
from .terms import Terms
from .values import Value

__all__ = [
    "EXIT_KINDS",
    "MOST_BUSINESS_DAYS",
    "UNUSED",
    "Exit",
    "ExitKind",
    "Withdrawal",
    "closed",
    "count_fault",
    "earliest_withdrawal",
    "grace_fault",
    "last_chance",
    "one_plain_clause",
]

ExitKind = Literal["end-of-term", "after-notice", "end-of-period"]
CountedFrom = Literal["party", "agreement"]
Roll = Literal["preceding", "following"]
EXIT_KINDS: tuple[ExitKind, ...] = get_args(ExitKind)
# The fields each kind of clause has no use for: an after-notice clause has no last notice day to
# roll or give grace to, and no term end for `earliest` to count back from; only an end-of-period
# clause has a period. One rule, for `Exit` (a TypeError naming the field) and the catalog (an
# error naming the key: `every` and `anchor` are how a file writes the period).
UNUSED: dict[ExitKind, tuple[str, ...]] = {
    "end-of-term": ("period",),
    "after-notice": ("roll", "grace", "earliest", "period"),
    "end-of-period": (),
}


class Ends(Protocol):
    """The days a notice may take effect on: term ends (`Terms`) or period boundaries."""

    def first_end_after(self, day: date, /) -> tuple[int, date] | None: ...
    def next_end(self, k: int, /) -> tuple[int, date] | None: ...
    def describe_end(self, k: int, /) -> str: ...


_DAY = timedelta(days=1)
_LASTS = 8192  # last notice days in business days per clause before all are forgotten
_SAID = 1024  # deadlines and openings put into words per clause before all are forgotten
# A thousand years of five-day weeks, as durations stop at a thousand years: no real clause
# counts further, and a count of 10**20 business days runs past the year 9999 from any day.
MOST_BUSINESS_DAYS = 1000 * 52 * 5


def count_fault(value: object) -> str | None:
    """What is wrong with `value` as a number of business days (`notice_business_days`,
    `grace`), or None: the one rule, which `Exit` words for Python and the catalog for a file."""
    if type(value) is not int or value < 1:
        return "must be a whole number of at least 1"
    if value > MOST_BUSINESS_DAYS:
        return (
            f"is more than {MOST_BUSINESS_DAYS} business days (a thousand years of five-day weeks)"
        )
    return None


def grace_fault(grace: int, notice: Duration | None) -> str | None:
    """Why `grace` business days counted from the end less `notice` can never come before the
    end, or None. A month spans at most 31 days; where the days counted do not fit this time
    (a short month, holidays), the last notice day stops the day before the end."""
    if notice is None:
        return "counts from the end less notice, which is not given"
    longest = notice.total_months * 31 + notice.total_days
    if grace > longest:
        return (
            f"is more business days than the notice, {notice}, spans (at most {longest} "
            "days): the last notice day would never come before the end"
        )
    return None


@final
class Exit(Value):
    """One `[[agreement.exit]]` clause.

    >>> from datetime import date
    >>> Exit("after-notice", Duration(months=6)).withdrawal(date(2019, 2, 2), None, date(1988, 6, 1))[1]
    datetime.date(2019, 8, 2)
    """

    __slots__ = (
        "_lasts",
        "_plain",
        "_said",
        "calendar",
        "earliest",
        "effect",
        "grace",
        "not_before",
        "not_before_from",
        "not_effective_before",
        "notice",
        "notice_business_days",
        "period",
        "roll",
        "window",
    )
    effect: ExitKind
    notice: Duration | None  # None when the period is counted in business days
    not_before: Duration | None
    not_effective_before: Duration | None
    period: Boundaries | None
    window: Window | None
    earliest: Duration | None
    not_before_from: CountedFrom
    notice_business_days: int | None
    roll: Roll | None
    grace: int | None
    # The agreement's business days, for a clause that counts them (an agreement gives it its own).
    calendar: BusinessDays | None
    _plain: Duration | None  # the notice of a clause that counts no business days: the fast path
    # Its deadlines and openings put into words so far: the same few are explained query after
    # query. A cache in plain sight, kept on the clause (as dateutil keeps an rrule's), no field.
    _said: dict[tuple[date, ...] | tuple[date, date, tzinfo], str]
    # The last notice days counted in business days so far, by the end they are for: a
    # register's clauses are shared, and its monthly ones meet the same ends agreement after
    # agreement (its leases all end their months together). Another cache in plain sight.
    _lasts: dict[date, date]

    def __init__(
        self,
        effect: ExitKind,
        notice: Duration | None = None,
        not_before: Duration | None = None,
        not_effective_before: Duration | None = None,
        period: Boundaries | None = None,
        window: Window | None = None,
        earliest: Duration | None = None,
        not_before_from: CountedFrom = "party",
        notice_business_days: int | None = None,
        roll: Roll | None = None,
        grace: int | None = None,
        calendar: BusinessDays | None = None,
    ) -> None:
        self._fill(
            effect,
            notice,
            not_before,
            not_effective_before,
            period,
            window,
            earliest,
            not_before_from,
            notice_business_days,
            roll,
            grace,
            calendar,
        )
        object.__setattr__(self, "_plain", None if self.counts_business_days else notice)
        object.__setattr__(self, "_said", {})
        object.__setattr__(self, "_lasts", {})
        if self.effect not in EXIT_KINDS:
            raise TypeError(f"Exit.effect: {self.effect!r} is not one of {', '.join(EXIT_KINDS)}")
        for name in UNUSED[self.effect]:
            if (value := getattr(self, name)) is not None:
                raise TypeError(f"Exit.{name}: {value!r} is not used by an {effect} exit")
        for name in ("notice", "not_before", "not_effective_before", "earliest"):
            value = getattr(self, name)
            if not (isinstance(value, Duration) or value is None):
                raise TypeError(
                    f"Exit.{name}: {value!r} is not a Duration (use Duration.parse('P90D'))"
                )
        if notice is None and notice_business_days is None:
            raise TypeError(
                "Exit.notice: None is not a Duration (nor is notice_business_days given)"
            )
        if notice is not None and notice_business_days is not None:
            raise TypeError("Exit.notice_business_days: given with notice; a clause counts one way")
        for name in ("notice_business_days", "grace"):
            value = getattr(self, name)
            if value is not None and (fault := count_fault(value)):
                raise TypeError(f"Exit.{name}: {value!r} {fault}")
        if roll not in (None, *get_args(Roll)):
            raise TypeError(f"Exit.roll: {roll!r} is not 'preceding' or 'following'")
        if grace is not None and (fault := grace_fault(grace, notice)):
            raise TypeError(f"Exit.grace: {grace!r} {fault}")
        if not (calendar is None or isinstance(calendar, BusinessDays)):
            raise TypeError(f"Exit.calendar: {calendar!r} is not BusinessDays")
        if (self.effect == "end-of-period") != isinstance(self.period, Boundaries):
            raise TypeError(
                f"Exit.period: {self.period!r}: an end-of-period exit, and only one, has Boundaries"
            )
        if not (self.window is None or isinstance(self.window, Window)):
            raise TypeError(f"Exit.window: {self.window!r} is not a Window")
        if self.not_before_from not in get_args(CountedFrom):
            raise TypeError(
                f"Exit.not_before_from: {self.not_before_from!r} is not 'party' or 'agreement'"
            )

    @property
    def counts_business_days(self) -> bool:
        """Whether the clause reckons with business days (and so needs a calendar)."""
        return not (self.notice_business_days is None and self.roll is None and self.grace is None)

    @property
    def fixed_notice(self) -> Duration | None:
        """The notice period of a clause that counts no business days: for an after-notice
        clause, every notice takes effect that long after it is received, so an answer moves
        with the day."""
        return self._plain

    def _business(self) -> BusinessDays:
        if self.calendar is None:
            raise TypeError("Exit: a clause counting business days needs a calendar")
        return self.calendar

    def notice_words(self) -> str:
        """`90 days`, `10 business days in US`."""
        if self.notice is not None:
            return self.notice.words()
        n = self.notice_business_days
        return f"{n} business day{'s' if n != 1 else ''} in {self._business().code}"

    def effect_after(self, received: date) -> date:
        """An after-notice clause's effect for a notice received on `received`: the notice
        period after it, or the n-th business day after it (that day not counted)."""
        if self.notice is not None:
            return self.notice.add_to(received)
        assert self.notice_business_days is not None
        return self._business().nth_after(received, self.notice_business_days)

    def door(self, end: date) -> date:
        """The first day a notice is too late to take effect at `end`: the last notice day + 1."""
        return self.last_notice_day_for(end) + _DAY

    def last_notice_day_for(self, end: date) -> date:
        """`end` − notice − 1 day; with business days, as the contract counts them: the latest
        day with n business days strictly between it and `end`, or (`grace`) the n-th business
        day from `end` − notice, but never `end` or later; `roll` moves a last day that is no
        business day (forward, never as far as `end`)."""
        if self._plain is not None:
            return self._plain.subtract_from(end) - _DAY
        last = self._lasts.get(end)
        if last is None:
            if len(self._lasts) >= _LASTS:  # bounded, as `_said` is
                self._lasts.clear()
            last = self._lasts[end] = self._counted_last_day(end)
        return last

    def _counted_last_day(self, end: date) -> date:
        """`last_notice_day_for` a clause that counts business days."""
        if self.notice_business_days is not None:
            last = self._business().latest_before(end, self.notice_business_days)
        elif self.grace is not None:
            last = min(self._graced(end), end - _DAY)
        else:
            assert self.notice is not None
            last = self.notice.subtract_from(end) - _DAY
        if self.roll is not None:
            business = self._business()
            if not business.is_business_day(last):
                if self.roll == "preceding":
                    last = business.preceding(last)
                else:
                    last = min(business.following(last), end - _DAY)
        return last

    def _graced(self, end: date) -> date:
        """The `grace`-th business day counted from `end` − notice: the last notice day, unless
        it is not before `end` (the days counted do not fit in the notice this time)."""
        assert self.notice is not None and self.grace is not None
        return self._business().nth_from(self.notice.subtract_from(end), self.grace)

    def door_steps(self, end: date) -> tuple[str, ...]:
        """How a clause counting business days finds the last notice day for `end`, naming the
        days it stepped over (a clause without them is told by `_door_words` alone)."""
        business = self._business()
        last = self.last_notice_day_for(end)
        if self.notice_business_days is not None:
            first = last + _DAY
            steps = [
                f"{self.notice_words()} strictly between the last notice day and "
                f"{end.isoformat()}: the last day is {format_day(last)}"
            ]
            over = business.stepped_over(first, end - _DAY)
        else:
            assert self.notice is not None
            start = self.notice.subtract_from(end)
            if self.grace is not None:
                counted = self._graced(end)
                steps = [
                    f"{end.isoformat()} − {self.notice.words()} = {start.isoformat()}; business "
                    f"day {self.grace} in {business.code} counted from it: {format_day(counted)}"
                ]
                day, first = min(counted, end - _DAY), start
                if day != counted:
                    steps.append(
                        f"which is not before the end, {end.isoformat()}: the last day is the "
                        f"day before it, {format_day(day)}"
                    )
            else:
                day = first = start - _DAY
                steps = [f"{end.isoformat()} − {self.notice.words()} − 1 day = {day.isoformat()}"]
            if last != day:
                steps.append(
                    f"no business day in {business.code}: rolled to the {self.roll} one, "
                    f"{format_day(last)}"
                )
            elif self.roll is not None and not business.is_business_day(day):
                steps.append(
                    f"no business day in {business.code}, but the following one is not before "
                    f"the end, {end.isoformat()}: the last day stays {format_day(last)}"
                )
            over = business.stepped_over(min(first, last), max(day, last))
        if over:
            steps.append(f"not business days: {'; '.join(over)}")
        return tuple(steps)

    def first_notice_day(self, bound_from: date, in_force: date) -> date:
        """The first day a party bound from `bound_from` may give notice under `not_before`."""
        if self.not_before is None:
            return bound_from
        return self.not_before.add_to(
            in_force if self.not_before_from == "agreement" else bound_from
        )

    def opening(
        self, day: date, bound_from: date, in_force: date, terms: Terms | None
    ) -> date | None:
        """The first day from `day` on which a notice may be given under this clause (`day`
        itself when it may), or None when the clause never opens again."""
        candidate = max(day, self.first_notice_day(bound_from, in_force))
        while True:
            if self.window is not None:
                found = self.window.next_opening(in_force, candidate)
                if found is None:
                    return None
                candidate = found
            if self.earliest is None:
                return candidate
            withdrawal = self.withdrawal(candidate, terms, in_force)
            if withdrawal is None:
                return None
            allowed = self.earliest.subtract_from(withdrawal.effective)
            if candidate >= allowed:
                return candidate
            candidate = allowed

    def why_closed(
        self, party: str, day: date, bound_from: date, in_force: date, terms: Terms | None
    ) -> str:
        """Why `party` may not give notice on `day` under this clause (`opening` is not `day`)."""
        first = self.first_notice_day(bound_from, in_force)
        if day < first:
            origin = (
                f"the agreement in force from {in_force.isoformat()}"
                if self.not_before_from == "agreement"
                else f"bound from {bound_from.isoformat()}"
            )
            return f"{party} may not give notice before {format_day(first)} ({origin})."
        if self.window is not None and self.window.holding(in_force, day) is None:
            opens = self.window.next_opening(in_force, day)
            later = f"; the next opens on {format_day(opens)}" if opens else "; none opens again"
            return f"{party} may give notice only within the clause's windows{later}."
        found = self.withdrawal(day, terms, in_force) if self.earliest is not None else None
        if found is not None and self.earliest is not None:
            allowed = self.earliest.subtract_from(found.effective)
            return (
                f"A notice from {party} would come too early for the end on "
                f"{format_day(found.effective)}: it counts only from {format_day(allowed)} "
                f"({found.effective.isoformat()} − {self.earliest.words()})."
            )
        return "No term end is left at which a notice could take effect."

    def next_change(self, day: date, in_force: date, terms: Terms | None) -> date | None:
        """The first day after `day` on which this clause's window or `earliest` may open or
        close to a notice (its `not_before` is the history's to say)."""
        found: list[date] = []
        if self.window is not None:
            holding = self.window.holding(in_force, day)
            change = holding[1] + _DAY if holding else self.window.next_opening(in_force, day)
            if change is not None:
                found.append(change)
        if self.earliest is not None:
            withdrawal = self.withdrawal(day, terms, in_force)
            if withdrawal is not None and withdrawal.door is not None:
                allowed = self.earliest.subtract_from(withdrawal.effective)
                found.append(allowed if allowed > day else withdrawal.door)
        return min(found, default=None)

    def window_closes(self, day: date, in_force: date, found: Withdrawal | None) -> date | None:
        """For a clause with a window or `earliest`: the last day of the window open on `day`."""
        last = []
        if self.window is not None:
            holding = self.window.holding(in_force, day)
            if holding is not None:
                last.append(holding[1])
        if self.earliest is not None and found is not None and found.last_notice_day:
            last.append(found.last_notice_day)
        return min(last, default=None)

    def _door_words(self, effective: date, door: date, zone: tzinfo) -> str:
        """`2027-11-23 − 90 days = 2027-08-25: notice must be received before 00:00 KST on …`."""
        key = (effective, door, zone)
        said = self._said.get(key)
        if said is None:
            assert self.notice is not None
            closes = start_of_day(door, zone)
            said = self._keep(
                key,
                f"{effective.isoformat()} − {self.notice.words()} = {door.isoformat()}: "
                f"notice must be received before {closes:%H:%M} {zone_abbreviation(closes)} on "
                f"{format_day(door, weekday=False)}, so the last day is {format_day(door - _DAY)}",
            )
        return said

    def _not_before_words(self, bound_from: date, in_force: date) -> str:
        """`notice may be given from 1949-08-24 (the agreement's entry into force) + 20 years = …`."""
        key = (bound_from, in_force)
        said = self._said.get(key)
        if said is None:
            assert self.not_before is not None
            origin, whose = (
                (in_force, "the agreement's entry into force")
                if self.not_before_from == "agreement"
                else (bound_from, "the party's entry into force")
            )
            said = self._keep(
                key,
                f"notice may be given from {origin.isoformat()} ({whose}) + "
                f"{self.not_before.words()} = {self.first_notice_day(bound_from, in_force)}",
            )
        return said

    def _keep(self, key: tuple[date, ...] | tuple[date, date, tzinfo], said: str) -> str:
        if len(self._said) >= _SAID:  # a clause shared by a register of thousands: bounded
            self._said.clear()
        self._said[key] = said
        return said

    def rules(self, received: date, bound_from: date, in_force: date) -> tuple[str, ...]:
        """The explanation of why a notice received on `received` may be given under this clause."""
        steps = [] if self.not_before is None else [self._not_before_words(bound_from, in_force)]
        if self.window is not None:
            holding = self.window.holding(in_force, received)
            if holding is not None:
                steps.append(self.window.describe(in_force, *holding))
        return tuple(steps)

    def withdrawal(
        self, received: date, terms: Terms | None, in_force: date, named: date | None = None
    ) -> Withdrawal | None:
        """When a notice received on `received` takes effect, or None if no term end is left.

        Whether the clause is open to it (`opening`) is for the caller to ask.
        """
        floor = self.not_effective_before.add_to(in_force) if self.not_effective_before else None
        if self.effect == "after-notice":
            effective = self.effect_after(received)
            earliest = max(d for d in (effective, named, floor) if d is not None)
            return Withdrawal(received, earliest, self, natural=effective, named=named, floor=floor)
        ends: Ends | None = self.period if self.effect == "end-of-period" else terms
        if ends is None:
            return None
        # The effect is the first end after the day received, on or after a named day, and on
        # or after the floor: the first end after the latest of the days before those.
        after = received
        if named is not None and named > after + _DAY:
            after = named - _DAY
        if floor is not None and floor > after + _DAY:
            after = floor - _DAY
        notice = self._plain
        months, days = (-notice.total_months, -notice.total_days) if notice else (0, 0)
        found = ends.first_end_after(after)
        while found is not None:
            k, end = found
            door = shift(end, months, days) if notice else self.door(end)
            if received < door:
                return Withdrawal(received, end, self, ends, k, door)
            found = ends.next_end(k)
        return None


class Withdrawal(NamedTuple):
    """What a notice does: the first day no longer bound, and for end-of-term exits the deadline.

    `door` is the day whose first instant closes the window: `last_notice_day + 1 day`.
    `run_door`, when set, is an earlier day from which a notice no longer has this effect until a
    clause that opens later gives it again, up to `door` (see `last_chance`). (A named tuple:
    immutable, and the cheapest value Python builds, for it is built on every query.)
    """

    received: date
    effective: date
    exit: Exit
    terms: Ends | None = None
    k: int = 0
    door: date | None = None
    natural: date | None = None
    named: date | None = None
    floor: date | None = None
    run_door: date | None = None
    allowed: tuple[str, ...] = ()  # why the clause was open to the notice (`Exit.rules`)

    @property
    def holds_until(self) -> date | None:
        """The first day from which a notice received on or after it may have another effect."""
        return self.run_door or self.door

    @property
    def last_notice_day(self) -> date | None:
        return None if self.door is None else self.door - _DAY

    @property
    def steps(self) -> tuple[str, ...]:
        """The arithmetic, without the zone: how the effective day was found."""
        if self.terms is not None:
            what = "period" if self.exit.effect == "end-of-period" else "term"
            return (*self.allowed, f"the {what} ends on {self.terms.describe_end(self.k)}")
        clause = self.exit
        steps = [*self.allowed, _sum(self.received, clause, self.natural)]
        if clause.notice is None and self.natural is not None:
            over = clause._business().stepped_over(self.received + _DAY, self.natural)
            if over:
                steps.append(f"not business days: {'; '.join(over)}")
        if self.named is not None and self.named == self.effective != self.natural:
            steps.append(f"the notice names a later day, {self.named.isoformat()}")
        if self.floor is not None and self.floor == self.effective != self.natural:
            steps.append(f"no withdrawal takes effect before {self.floor.isoformat()}")
        return tuple(steps)

    def received_on(self, day: date, effective: date) -> tuple[str, ...]:
        """The steps of this notice received on `day` instead, taking effect on `effective`:
        for a clause whose notices take effect a fixed time after receipt (`fixed_notice`),
        where nothing but that sum is said (`steps`, as no floor or named day moves it)."""
        return (*self.allowed, _sum(day, self.exit, effective))

    def explain(self, zone: tzinfo) -> tuple[str, ...]:
        """The arithmetic, ending for end-of-term exits with the instant the window closes."""
        if self.door is None:
            return self.steps
        clause = self.exit
        if clause.counts_business_days:
            door = clause.door(self.effective)
            how = (*clause.door_steps(self.effective), _closing_text(door, zone))
        else:
            assert clause.notice is not None
            door = clause.notice.subtract_from(self.effective)
            how = (clause._door_words(self.effective, door, zone),)
        if door == self.door:
            return (*self.steps, *how)
        return (
            *self.steps,
            *how,
            f"but the window for notice closes first: the last day is "
            f"{format_day(self.door - _DAY)}",
        )


def _sum(received: date, clause: Exit, natural: date | None) -> str:
    """`2019-08-23 + 90 days = 2019-11-21`."""
    return f"{received.isoformat()} + {clause.notice_words()} = {natural}"


def _closing_text(door: date, zone: tzinfo) -> str:
    """`notice must be received before 00:00 CET on 2 December 2026`."""
    closes = start_of_day(door, zone)
    return (
        f"notice must be received before {closes:%H:%M} {zone_abbreviation(closes)} on "
        f"{format_day(door, weekday=False)}"
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
        if clause.opening(received, bound_from, in_force, terms) != received:
            continue
        found = clause.withdrawal(received, terms, in_force, named)
        if found is not None and (best is None or _sooner(found, best)):
            allowed = clause.rules(received, bound_from, in_force)
            best = found._replace(allowed=allowed) if allowed else found
            holding = clause.window and clause.window.holding(in_force, received)
            if holding and best.door is not None and holding[1] + _DAY < best.door:
                best = best._replace(door=holding[1] + _DAY)  # the window closes first
    return best


def closed(
    exits: tuple[Exit, ...],
    party: str,
    day: date,
    bound_from: date,
    in_force: date,
    terms: Terms | None,
) -> tuple[str, date | None]:
    """Why no clause takes `party`'s notice received on `day`, and the first later day one
    would (or None): the clause that opens first says why."""
    openings = [(x.opening(day, bound_from, in_force, terms), n) for n, x in enumerate(exits)]
    opens, n = min(openings, key=lambda found: (found[0] is None, found[0] or date.max, found[1]))
    reason = exits[n].why_closed(party, day, bound_from, in_force, terms)
    return reason, opens if opens is not None and opens > day else None


def one_plain_clause(exits: tuple[Exit, ...]) -> bool:
    """Whether `exits` are one clause without a window: then a notice's last day for an effect
    is the clause's own (`last_notice_day_for`): its last notice days only grow with the end
    they are for, so no later notice reaches the same end, and no other clause opens later."""
    return len(exits) == 1 and exits[0].window is None


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
    for number, clause in enumerate(exits, start=1):
        last = best.last_notice_day
        if clause.effect == "after-notice" or last is None:
            continue
        natural = clause.last_notice_day_for(found.effective)
        if natural <= last:
            continue
        day, closes = natural, None
        if clause.opening(natural, bound_from, in_force, terms) != natural:
            # Closed on its own last day for that end: a window that closes before it leaves
            # its last open day (as `deadlines` lists it), if one is later than `last`.
            open_last = _last_open(clause, last, natural, bound_from, in_force, terms)
            if open_last is None:
                continue
            day, closes = open_last, open_last + _DAY
        later = earliest_withdrawal(exits, day, bound_from, terms, in_force)
        if later is not None and later.effective == found.effective and later.door is not None:
            door = later.door if closes is None else min(later.door, closes)
            # Its explanation says why that later day still counts, then its own steps.
            said = (
                f"a notice received later, under exit clause {number}, still takes effect on "
                f"{found.effective.isoformat()}:"
            )
            best = later._replace(door=door, run_door=found.door, allowed=(said, *later.allowed))
    return best


def _last_open(
    clause: Exit, after: date, until: date, bound_from: date, in_force: date, terms: Terms | None
) -> date | None:
    """The last day after `after` and before `until` on which a notice may be given under
    `clause` (closed on `until` itself), or None."""
    found = None
    day = after + _DAY
    while day < until:
        opens = clause.opening(day, bound_from, in_force, terms)
        if opens is None or opens >= until:
            break
        closes = clause.next_change(opens, in_force, terms)
        if closes is None or closes <= opens:
            break
        found = min(closes, until) - _DAY
        day = closes
    return found


def _sooner(found: Withdrawal, best: Withdrawal) -> bool:
    """Earlier effect wins; for the same effect, the clause that leaves the later deadline."""
    if found.effective != best.effective:
        return found.effective < best.effective
    return (found.door or date.min) > (best.door or date.max)
