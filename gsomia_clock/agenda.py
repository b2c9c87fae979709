"""What comes due: every agreement with its state today, its next deadline to act on and its
next change, soonest first (contract v3, "The agenda").

A renewal is no deadline to act on: once its last notice day has passed nothing is left to do
before it, and that day is the deadline. On 28 August 2026, three days after GSOMIA's last
notice day, the next is a year on, with the renewal of 23 November 2026 beside it:

>>> import os
>>> from gsomia_clock import load_catalog
>>> os.environ["SOURCE_DATE_EPOCH"] = "1787875200"  # 2026-08-28
>>> catalog = load_catalog()
>>> for item in agenda([catalog["npt"], catalog["unesco"], catalog["gsomia"]]):
...     change = item.next_change and (item.next_change.kind, item.next_change.date.isoformat())
...     print(item.agreement, item.next_deadline and item.next_deadline.kind, item.days_left, change)
unesco last-notice-day 125 ('effect', '2027-01-01')
gsomia last-notice-day 361 ('renewal', '2026-11-23')
npt None None None
>>> del os.environ["SOURCE_DATE_EPOCH"]
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from datetime import date, timedelta
from typing import Any, Protocol, final

from .deadlines import Deadline, DeadlineKind
from .durations import Duration
from .errors import QueryError
from .selection import Labelled, Selection
from .status import State
from .values import Value

__all__ = [
    "ACTIONABLE", "CHANGES", "AgendaItem", "Changes", "Listed", "agenda", "next_change",
    "next_deadline", "soonest",
]  # fmt: skip

# What an agenda lists as the next deadline: what a person can still act on, or must know is
# coming of what they did (contract v3); and, beside it, the next change to the agreement.
ACTIONABLE: tuple[DeadlineKind, ...] = ("last-notice-day", "window-opens", "effect", "expiry")
CHANGES: tuple[DeadlineKind, ...] = ("renewal", "effect", "expiry")

_DAY = timedelta(days=1)
# How far ahead the next deadline is looked for, one stretch after another: a register's monthly
# contracts come due within a month and most of the rest within a year, and a search that stops
# at the first stretch holding one stays cheap (a year of a monthly clause is 24 deadlines).
_STRETCHES = (
    Duration(months=1),
    Duration(years=1),
    Duration(years=5),
    Duration(years=25),
    Duration(years=100),
)


class Listed(Labelled, Protocol):
    """What the agenda reads of an agreement: an `Agreement`, or its entry in the agenda's
    index (see `cli/agenda_cache.py`), which answers the same for the days it covers."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def reference(self) -> str | None: ...
    def today(self) -> date: ...
    def state(self, on: date, party: str | None = None) -> State: ...
    def deadlines(
        self,
        start: date,
        end: date,
        *,
        explained: bool = True,
        kinds: Collection[DeadlineKind] | None = None,
    ) -> Iterable[Deadline]: ...


Changes = Callable[["Listed", date, str | None], Deadline | None]  # see `next_change`


@final
class AgendaItem(Value):
    """One row of the agenda (the contract's `agenda --json` object)."""

    __slots__ = (
        "agreement",
        "days_left",
        "name",
        "next_change",
        "next_deadline",
        "owner",
        "reference",
        "state",
        "tags",
    )
    agreement: str
    name: str
    state: State
    next_deadline: Deadline | None
    days_left: int | None  # from today, in the agreement's zone
    owner: str | None
    reference: str | None
    tags: tuple[str, ...]
    next_change: Deadline | None  # the soonest renewal, effect or expiry to come

    def __init__(
        self,
        agreement: str,
        name: str,
        state: State,
        next_deadline: Deadline | None,
        days_left: int | None,
        owner: str | None,
        reference: str | None,
        tags: tuple[str, ...],
        next_change: Deadline | None = None,
    ) -> None:
        self._fill(
            agreement, name, state, next_deadline, days_left, owner, reference, tags, next_change
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "agreement": self.agreement,
            "name": self.name,
            "state": self.state,
            "next_deadline": None if self.next_deadline is None else self.next_deadline.to_dict(),
            "next_change": None if self.next_change is None else self.next_change.to_dict(),
            "days_left": self.days_left,
            "owner": self.owner,
            "reference": self.reference,
            "tags": list(self.tags),
        }


def agenda(
    agreements: Iterable[Listed],
    selection: Selection | None = None,
    within: Duration | None = None,
    *,
    on: date | None = None,
    changes: Changes | None = None,
) -> tuple[AgendaItem, ...]:
    """The agreements `selection` takes, each with its state today, its next deadline to act
    on that `selection` keeps (`ACTIONABLE`, or the kinds it names) and its next change
    (`CHANGES`), sorted by that deadline's day (none last), then by id. With `within`, only
    those whose next deadline is no further than that from today. With a party, the state is
    that party's, and a party that has left has no next deadline. With `on`, the agenda as it
    stands that day: "today" is `on` for every agreement (else each one's own today).
    `changes` finds an agreement's next change (`next_change`, as the agenda's index does).
    """
    chosen = selection or Selection()
    change = changes or next_change
    items = []
    for agreement in agreements:
        if not chosen.takes(agreement):
            continue
        today = agreement.today() if on is None else on
        if within is not None:
            # Most agreements of a large register have nothing due soon: those are left out
            # before their state is asked, which costs more than their deadlines.
            following = next_deadline(agreement, today, chosen, within)
            if following is None:
                continue
        state = agreement.state(today, chosen.party)
        # A party that has left has no deadline of the agreement ahead of it.
        if chosen.party is not None and state == "ended":
            if within is not None:
                continue
            following = coming = None
        else:
            if within is None:
                following = next_deadline(agreement, today, chosen)
            coming = change(agreement, today, chosen.party)
        items.append(
            AgendaItem(
                agreement.id,
                agreement.name,
                state,
                following,
                None if following is None else (following.date - today).days,
                agreement.owner,
                agreement.reference,
                agreement.tags,
                coming,
            )
        )
    items.sort(key=soonest)
    return tuple(items)


def soonest(item: AgendaItem) -> tuple[date, str]:
    """The agenda's order: by the next deadline's day (none last), then by id."""
    return (date.max if item.next_deadline is None else item.next_deadline.date, item.agreement)


def next_deadline(
    agreement: Listed, today: date, selection: Selection, within: Duration | None = None
) -> Deadline | None:
    """The first deadline to act on from `today` on (today included) that `selection` keeps,
    of the kinds it names, else of the `ACTIONABLE` ones: up to `within` from today when given,
    else as far as a century ahead."""
    kinds = selection.kinds or ACTIONABLE
    return _first(
        agreement, today, lambda d: d.kind in kinds and selection.keeps_of(agreement, d), within
    )


def next_change(
    agreement: Listed, today: date, party: str | None = None, *, explained: bool = True
) -> Deadline | None:
    """The first renewal, effect or expiry from `today` on (today included): `party`'s or
    everyone's, while it is bound (see `Selection.keeps_of`), as far as a century ahead;
    without `explained`, with no explanation."""
    mine = Selection(party=party)
    wanted = lambda d: mine.keeps_of(agreement, d)  # noqa: E731
    return _first(agreement, today, wanted, kinds=CHANGES, explained=explained)


def _first(
    agreement: Listed,
    today: date,
    wanted: Callable[[Deadline], bool],
    within: Duration | None = None,
    *,
    kinds: Collection[DeadlineKind] | None = None,
    explained: bool = True,
) -> Deadline | None:
    """The first deadline from `today` on (of `kinds`, when given) that is `wanted`: up to
    `within` from today when given, else a month ahead, then a year, and so on up to a
    century."""
    start = today
    for number, stretch in enumerate((within,) if within is not None else _STRETCHES):
        try:
            end = stretch.add_to(today)
            found = agreement.deadlines(start, end, explained=False, kinds=kinds)
        except (OverflowError, QueryError):
            if number == 0:
                raise QueryError(
                    f"{agreement.id}: {stretch} from {today.isoformat()} runs past the calendar's "
                    "end (year 9999)"
                ) from None
            return None  # the calendar ends before another stretch
        for deadline in found:
            if wanted(deadline):
                return _explained(agreement, deadline) if explained else deadline
        start = end + _DAY
    return None


def _explained(agreement: Listed, deadline: Deadline) -> Deadline:
    """`deadline` with its explanation: the stretch was listed without any (they cost as much
    as the days, and only this one is shown), so its one day is asked again."""
    for again in agreement.deadlines(deadline.date, deadline.date):
        if (again.key, again.kind, again.party) == (deadline.key, deadline.kind, deadline.party):
            return again
    return deadline  # never, by the laws of test_consistency: a day's deadlines are the span's
