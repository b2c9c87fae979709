"""An agreement as the catalog defines it, and the questions it answers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, final
from zoneinfo import ZoneInfo

from .answers import can_withdraw, deadlines, status
from .days import parse_when, today
from .durations import Duration
from .errors import CatalogError, QueryError
from .events import POLICIES, Event, Policy
from .exits import Exit
from .terms import Terms
from .timeline import Timeline

if TYPE_CHECKING:
    from .answers import Deadline, Status, WithdrawalAnswer

__all__ = ["Agreement"]


@final
@dataclass(frozen=True, slots=True)
class Agreement:
    """One `[[agreement]]` of a catalog: its terms, exit clauses and history.

    >>> from gsomia_clock import load_catalog
    >>> gsomia = load_catalog()["gsomia"]
    >>> gsomia.can_withdraw("JP", on="2019-08-24").effective
    datetime.date(2019, 11, 23)
    """

    id: str
    name: str
    parties: tuple[str, ...]
    multilateral: bool
    in_force: date
    timezone: str = "UTC"
    term: Duration | None = None
    renewal: Duration | None = None
    exits: tuple[Exit, ...] = ()
    events: tuple[Event, ...] = ()
    text: str | None = None
    source: str | None = None
    zone: ZoneInfo = field(init=False, repr=False, compare=False)
    # The compiled histories, by reading, built at the first query (a register held in memory
    # but not asked about costs only its definitions).
    _timelines: dict[Policy | None, Timeline] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "zone", ZoneInfo(self.timezone))  # one instance per zone

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
        policy = self._policy(on_resume)
        if policy is not None and not any(e.kind == "suspend" for e in self.events):
            policy = None  # every reading gives the same history
        timelines = self._timelines
        if timelines is None:
            timelines = {}
            object.__setattr__(self, "_timelines", timelines)
        timeline = timelines.get(policy)
        if timeline is None:
            try:
                timeline = timelines[policy] = Timeline.build(self, policy)
            except CatalogError as error:
                if policy is None:
                    raise CatalogError(error.reason, path=error.path, agreement=self.id) from None
                raise QueryError(
                    f"{self.id}: on_resume: read {policy!r}, its history cannot have happened: "
                    f"{error.path}: {error.reason}"
                ) from None
        return timeline

    def day(self, on: date | datetime | str | None) -> date:
        """The day in this agreement's zone that `on` means (None: today)."""
        if type(on) is date:
            return on  # the common case, first
        if on is None:
            return today(self.zone)
        try:
            return parse_when(on, self.zone)
        except ValueError as error:
            raise QueryError(f"{self.id}: on: {error}") from None

    def party(self, party: str | None) -> str | None:
        """Check a party code against `parties`, with a suggestion for a near miss."""
        if party is None or party in self.parties:
            return party
        upper = party.upper()
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
        if party is not None and party not in self.parties:
            self.party(party)
        day = on if type(on) is date else self.day(on)
        try:
            return status(self, day, party, None if on_resume is None else self._policy(on_resume))
        except OverflowError:
            raise self._beyond(day) from None

    def can_withdraw(
        self,
        party: str,
        on: date | datetime | str | None = None,
        on_resume: Policy | str | None = None,
    ) -> WithdrawalAnswer:
        """Whether `party` could get out by acting on that day, when, and by which deadline."""
        if party not in self.parties and self.party(party) is None:
            raise QueryError(f"{self.id}: party: a party is required")
        day = on if type(on) is date else self.day(on)
        return can_withdraw(
            self, day, party, None if on_resume is None else self._policy(on_resume)
        )

    def deadlines(
        self, start: date | datetime | str, end: date | datetime | str
    ) -> Sequence[Deadline]:
        """Renewals, last notice days, effects and expiries from `start` to `end`, inclusive."""
        first, last = self.day(start), self.day(end)
        try:
            return deadlines(self, first, last)
        except OverflowError:
            raise self._beyond(last) from None

    def _beyond(self, day: date) -> QueryError:
        return QueryError(
            f"{self.id}: on: {day.isoformat()} is too near the calendar's end (year 9999) or start "
            "to reckon the terms and notices around it"
        )
