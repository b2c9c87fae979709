"""An agreement as the catalog defines it, and the questions it answers.

An `Agreement` can be read from a catalog file or built in code; either way its arguments are
checked when it is made, and its history is compiled (and so checked) then too.

>>> from datetime import date
>>> from gsomia_clock import Agreement, Duration, Exit, Notice
>>> pact = Agreement(
...     id="pact", name="A pact", parties=("AA", "BB"), in_force=date(2020, 1, 1),
...     term=Duration(years=1), renewal=Duration(years=1),
...     exits=(Exit("end-of-term", Duration(days=90)),),
...     events=(Notice(date(2021, 3, 1), "AA"),),
... )
>>> pact.status(on="2021-06-01").effective
datetime.date(2022, 1, 1)
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, final
from zoneinfo import ZoneInfo

from .business import business_days
from .days import parse_when, today, zone_named
from .deadlines import Deadline, DeadlineKind, deadlines
from .durations import Duration
from .errors import CatalogError, QueryError
from .events import POLICIES, Event, Policy, Suspend
from .exits import Exit
from .status import State, Status, state_on, status_redated, status_span
from .subject import Subject
from .terms import Terms
from .timeline import Timeline, Timelines
from .values import Value
from .withdrawal import WithdrawalAnswer, withdrawal_redated, withdrawal_span

if TYPE_CHECKING:
    from .history import HistoryEntry

__all__ = ["Agreement"]

_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def is_id(text: str) -> bool:
    """Whether `text` can be an agreement's id: lower-case letters, digits and '-'."""
    return _ID.fullmatch(text) is not None


@final
class Agreement(Value):
    """One `[[agreement]]` of a catalog: its terms, exit clauses and history.

    `multilateral` left as None means: bilateral with exactly two parties, else multilateral.
    `check=False` leaves the history to be compiled at the first question (the bundled
    catalog, which the test suite checks, does so to start fast).

    >>> from gsomia_clock import load_catalog
    >>> gsomia = load_catalog()["gsomia"]
    >>> gsomia.can_withdraw("JP", on="2019-08-24").effective
    datetime.date(2019, 11, 23)
    """

    _fields = (
        "id",
        "name",
        "parties",
        "in_force",
        "multilateral",
        "timezone",
        "term",
        "renewal",
        "exits",
        "events",
        "text",
        "source",
        "owner",
        "reference",
        "tags",
        "calendar",
    )
    # Beside its fields, what is worked out from them when it is made (not compared or shown).
    __slots__ = (*_fields, "zone", "subject", "timelines")
    id: str
    name: str
    parties: tuple[str, ...]
    in_force: date
    multilateral: bool | None
    timezone: str
    term: Duration | None
    renewal: Duration | None
    exits: tuple[Exit, ...]
    events: tuple[Event, ...]
    text: str | None
    source: str | None
    # For people keeping a register: who looks after it, its number, labels; no date depends on them.
    owner: str | None
    reference: str | None
    tags: tuple[str, ...]
    calendar: str | None  # business days: a country code, with a subdivision (`DE-BY`)
    zone: ZoneInfo
    subject: Subject
    # The compiled histories, one per reading of suspended notices, each with the answers it
    # has given: a cache in plain sight (see `Timelines`, and remembered.py for what each remembers).
    timelines: Timelines

    def __init__(
        self,
        id: str,
        name: str,
        parties: tuple[str, ...],
        in_force: date,
        multilateral: bool | None = None,
        timezone: str = "UTC",
        term: Duration | None = None,
        renewal: Duration | None = None,
        exits: tuple[Exit, ...] = (),
        events: tuple[Event, ...] = (),
        text: str | None = None,
        source: str | None = None,
        owner: str | None = None,
        reference: str | None = None,
        tags: tuple[str, ...] = (),
        calendar: str | None = None,
        check: bool = True,
    ) -> None:
        self._fill(
            id,
            name,
            parties,
            in_force,
            multilateral,
            timezone,
            term,
            renewal,
            exits,
            events,
            text,
            source,
            owner,
            reference,
            tags,
            calendar,
        )
        _check_types(self)
        self._derive(check)

    @classmethod
    def _checked(cls, check: bool, **fields: Any) -> Agreement:
        """An agreement whose fields the catalog reader has checked already, one by one and
        with better messages: made without checking them again (a tenth of reading a file)."""
        made = cls.__new__(cls)
        made._fill(*map(fields.__getitem__, cls._fields))
        made._derive(check)
        return made

    def _derive(self, check: bool) -> None:
        """Work out what is kept beside the fields; with `check`, compile the history now."""
        object.__setattr__(self, "exits", _with_calendar(self))
        if self.multilateral is None:
            object.__setattr__(self, "multilateral", len(self.parties) != 2)
        try:
            zone = zone_named(self.timezone)
        except ValueError as error:
            raise CatalogError(str(error), path="timezone", agreement=self.id) from None
        object.__setattr__(self, "zone", zone)
        object.__setattr__(self, "subject", Subject(self.id, self.label, _clause(self.text)))
        object.__setattr__(self, "timelines", Timelines())
        if check:
            self.timeline()

    @property
    def label(self) -> str:
        """A short name for summaries: the name's closing parenthesis (`GSOMIA`), else the name."""
        name = self.name.rstrip()
        if name.endswith(")") and "(" in name:
            return name[name.rindex("(") + 1 : -1].strip() or name
        return name

    @property
    def initial_terms(self) -> Terms | None:
        if self.term is None:
            return None
        return Terms.from_catalog(self.in_force, self.term, self.renewal)

    def timeline(self, on_resume: Policy | str | None = None) -> Timeline:
        """The compiled history under a reading of suspended notices (None: the catalog's)."""
        if on_resume is None:  # the common case, first: the catalog's reading, once compiled
            found = self.timelines.ready(None)
            if found is not None:
                return found
        policy = self._policy(on_resume)
        if policy is not None and not any(isinstance(e, Suspend) for e in self.events):
            policy = None  # every reading gives the same history
        try:
            return self.timelines.get(policy, self._compile)
        except OverflowError:
            raise CatalogError(
                "its terms or notices run past the calendar's end (year 9999) or before its start",
                agreement=self.id,
            ) from None
        except CatalogError as error:
            if policy is None:
                raise CatalogError(error.reason, path=error.path, agreement=self.id) from None
            raise QueryError(
                f"{self.id}: on_resume: read {policy!r}, its history cannot have happened: "
                f"{error.path}: {error.reason}"
            ) from None

    def _compile(self, policy: Policy | None) -> Timeline:
        return Timeline.build(
            parties=self.parties,
            in_force=self.in_force,
            multilateral=bool(self.multilateral),
            terms=self.initial_terms,
            exits=self.exits,
            events=self.events,
            zone=self.zone,
            policy=policy,
        )

    def today(self) -> date:
        """Today where the agreement is administered (SOURCE_DATE_EPOCH's day when that is set)."""
        try:
            return today(self.zone)
        except ValueError as error:
            raise QueryError(str(error)) from None

    def day(self, on: date | datetime | str | None, name: str = "on") -> date:
        """The day in this agreement's zone that `on` means (None: today); `name` is what an
        error calls it."""
        if type(on) is date:
            return on  # the common case, first
        if on is None:
            return self.today()
        try:
            return parse_when(on, self.zone)
        except ValueError as error:
            raise QueryError(f"{self.id}: {name}: {error}") from None

    def history(self) -> tuple[HistoryEntry, ...]:
        """The events in date order, each with what it did (see `history.py`)."""
        from .history import history

        return history(self.events, self.timeline())

    def as_of(self, day: date | datetime | str) -> Agreement:
        """This agreement as it stood on `day`: only the events dated on or before it known.

        >>> from gsomia_clock import load_catalog
        >>> gsomia = load_catalog()["gsomia"]
        >>> [d.kind for d in gsomia.as_of("2019-09-01").deadlines("2019-09-01", "2019-12-01")]
        ['effect']
        """
        last = self.day(day, name="as of")
        known = tuple(event for event in self.events if event.date <= last)
        return self if len(known) == len(self.events) else self.replace(events=known)

    def party(self, party: str | None) -> str | None:
        """Check a party code against `parties`, with a suggestion for a near miss."""
        if party is None or party in self.parties:
            return party
        upper = party.upper() if isinstance(party, str) else party
        hint = f"; did you mean {upper}?" if upper in self.parties else ""
        raise QueryError(
            f"{self.id}: party: {party!r} is not one of its parties ({', '.join(self.parties)}){hint}"
        )

    def _policy(self, on_resume: Policy | str | None) -> Policy | None:
        if on_resume is None:
            return None
        for policy in POLICIES:
            if on_resume == policy:
                return policy
        raise QueryError(f"{self.id}: on_resume: {on_resume!r} is not one of {', '.join(POLICIES)}")

    def status(
        self,
        on: date | datetime | str | None = None,
        party: str | None = None,
        on_resume: Policy | str | None = None,
    ) -> Status:
        """The state of the agreement (or of one party) on a day."""
        party = self.party(party)
        day = self.day(on)
        timeline = self.timeline(on_resume)
        key = ("status", party)
        found = timeline.remembered.get(key, day)  # the answer of a span holding `day`
        if found is not None:
            return status_redated(found, day)
        try:
            answer, until = status_span(self.subject, timeline, day, party)
        except OverflowError:
            raise self._beyond(day) from None
        timeline.remembered.put(key, day, until, answer)
        return answer

    def state(
        self,
        on: date | datetime | str | None = None,
        party: str | None = None,
        on_resume: Policy | str | None = None,
    ) -> State:
        """The state alone, as `status` gives it, at a fraction of the cost: no explanation.

        >>> from gsomia_clock import load_catalog
        >>> load_catalog()["gsomia"].state(on="2019-09-01")
        'notice-pending'
        """
        party = self.party(party)
        day = self.day(on)
        try:
            return state_on(self.timeline(on_resume), day, party)
        except OverflowError:
            raise self._beyond(day) from None

    def can_withdraw(
        self,
        party: str,
        on: date | datetime | str | None = None,
        on_resume: Policy | str | None = None,
    ) -> WithdrawalAnswer:
        """Whether `party` could get out by acting on that day, when, and by which deadline."""
        if party is None:
            raise QueryError(f"{self.id}: party: a party is required")
        self.party(party)
        day = self.day(on)
        timeline = self.timeline(on_resume)
        key = ("can-withdraw", party)
        found = timeline.remembered.get(key, day)  # (answer, what re-dates it)
        if found is not None:
            given, kept = found
            return withdrawal_redated(given, kept, day, timeline)
        try:
            answer, kept, until = withdrawal_span(self.subject, timeline, day, party)
        except OverflowError:
            raise self._beyond(day) from None
        timeline.remembered.put(key, day, until, (answer, kept))
        return answer

    def period(
        self, start: date | datetime | str | None = None, end: date | datetime | str | None = None
    ) -> tuple[date, date]:
        """The days from `start` to `end` as this agreement reads them, both included.

        `start` defaults to today, `end` to five years after `start`.
        """
        first = self.day(start)
        try:
            last = self.day(end) if end is not None else Duration(years=5).add_to(first)
        except OverflowError:
            raise self._beyond(first, "from") from None
        if last < first:
            raise QueryError(
                f"{self.id}: until: {last.isoformat()} is before from {first.isoformat()}"
            )
        return first, last

    def deadlines(
        self,
        start: date | datetime | str | None = None,
        end: date | datetime | str | None = None,
        *,
        explained: bool = True,
        kinds: Collection[DeadlineKind] | None = None,
    ) -> Sequence[Deadline]:
        """Renewals, last notice days, effects and expiries from `start` to `end`, inclusive.

        `start` defaults to today, `end` to five years after `start`. With `explained=False`
        each comes without its explanation, which is then never worked out (half the time
        on a register of monthly clauses counted in business days). With `kinds`, only those
        of these kinds (the exit clauses not looked at for renewals, effects and expiries).
        """
        first, last = self.period(start, end)
        try:
            return deadlines(
                self.subject, self.timeline(), first, last, explained=explained, kinds=kinds
            )
        except OverflowError:
            raise self._beyond(
                first if end is None else last, "from" if end is None else "until"
            ) from None

    def _beyond(self, day: date, field: str = "on") -> QueryError:
        return QueryError(
            f"{self.id}: {field}: {day.isoformat()} is too near the calendar's end (year 9999) or start "
            "to reckon the terms and notices around it"
        )


def _clause(text: str | None) -> tuple[str, ...]:
    return (f"clause: “{text}”",) if text else ()


def _with_calendar(agreement: Agreement) -> tuple[Exit, ...]:
    """The exits, each that counts business days given the agreement's calendar."""
    if agreement.calendar is None:
        if not any(clause.counts_business_days for clause in agreement.exits):
            return agreement.exits  # most: none counts business days, and no calendar to check
        business = None
    else:
        try:
            business = business_days(agreement.calendar)
        except ValueError as error:
            raise CatalogError(str(error), path="calendar", agreement=agreement.id) from None
    exits = []
    for number, clause in enumerate(agreement.exits, start=1):
        if clause.counts_business_days and clause.calendar is None:
            if business is None:
                key = next(
                    k for k in ("notice_business_days", "grace", "roll") if getattr(clause, k)
                )
                raise CatalogError(
                    'counts business days: the agreement needs a calendar, e.g. calendar = "DE-BE"',
                    path=f"exit[{number}].{key}",
                    agreement=agreement.id,
                )
            exits.append(business.given(clause))
        else:
            exits.append(clause)
    return tuple(exits)


def _check_types(agreement: Agreement) -> None:
    """Each argument of the type it is declared with, or a TypeError naming the field."""

    def wrong(name: str, value: object, wanted: str) -> TypeError:
        return TypeError(f"Agreement.{name}: {value!r} is not {wanted}")

    a = agreement
    for name in ("id", "name", "timezone"):
        if not isinstance(getattr(a, name), str):
            raise wrong(name, getattr(a, name), "a string")
    if not is_id(a.id):
        raise CatalogError(
            f"{a.id!r} must be lower-case letters, digits and '-', starting with a letter or digit",
            path="id",
            agreement=a.id,
        )
    if not isinstance(a.parties, tuple) or not all(isinstance(p, str) for p in a.parties):
        raise wrong("parties", a.parties, "a tuple of party codes")
    if not a.parties or len(set(a.parties)) != len(a.parties):
        raise CatalogError(
            f"{a.parties!r} must name each party once", path="parties", agreement=a.id
        )
    if type(a.in_force) is not date:
        raise wrong("in_force", a.in_force, "a datetime.date")
    if a.multilateral is not None and not isinstance(a.multilateral, bool):
        raise wrong("multilateral", a.multilateral, "True, False or None")
    for name in ("term", "renewal"):
        value = getattr(a, name)
        if value is not None and not isinstance(value, Duration):
            raise wrong(name, value, f"a Duration (use Duration.parse({value!r}))")
    if a.renewal is not None and a.term is None:
        raise CatalogError(
            "needs a term: without one the agreement never ends a term",
            path="renewal",
            agreement=a.id,
        )
    if not isinstance(a.exits, tuple) or not all(isinstance(x, Exit) for x in a.exits):
        raise wrong("exits", a.exits, "a tuple of Exit")
    for number, clause in enumerate(a.exits, start=1):
        if clause.effect == "end-of-term" and a.term is None:
            raise CatalogError(
                "needs the agreement to have a term",
                path=f"exit[{number}].effect",
                agreement=a.id,
            )
    if not isinstance(a.events, tuple) or not all(isinstance(e, Event) for e in a.events):
        raise wrong("events", a.events, "a tuple of events (Notice, Revoke, Suspend, …)")
    for number, event in enumerate(a.events, start=1):
        if event.party is not None and event.party not in a.parties:
            raise CatalogError(
                f"{event.party!r} is not one of the parties ({', '.join(a.parties)})",
                path=f"event[{number}].party",
                agreement=a.id,
            )
        if number > 1 and event.date < a.events[number - 2].date:
            raise CatalogError(
                f"{event.date.isoformat()} is before event[{number - 1}]'s "
                f"{a.events[number - 2].date.isoformat()}: events must be in date order",
                path=f"event[{number}].date",
                agreement=a.id,
            )
    for name in ("text", "source", "owner", "reference", "calendar"):
        value = getattr(a, name)
        if value is not None and not isinstance(value, str):
            raise wrong(name, value, "a string")
    if not isinstance(a.tags, tuple) or not all(isinstance(t, str) for t in a.tags):
        raise wrong("tags", a.tags, "a tuple of strings")
