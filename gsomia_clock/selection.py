"""Which agreements, and which of their deadlines, a person asks about: by tag, owner, party and
kind of deadline, the filters of `agenda`, `deadlines`, `ical` and `push`.

>>> from gsomia_clock import load_catalog
>>> only_japan = Selection(party="JP", kinds=("last-notice-day",))
>>> [a.id for a in load_catalog().values() if only_japan.takes(a)]
['gsomia', 'us-japan-security-treaty', 'whaling-convention']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from difflib import get_close_matches
from typing import Protocol, final

from .deadlines import DEADLINE_KINDS, Deadline, DeadlineKind
from .errors import QueryError
from .status import BINDING, State
from .values import Value

__all__ = ["Binding", "Labelled", "Selection"]

_DAY = timedelta(days=1)


class Labelled(Protocol):
    """What a selection reads of an agreement (an `Agreement`, or its entry in an index)."""

    @property
    def parties(self) -> tuple[str, ...]: ...
    @property
    def owner(self) -> str | None: ...
    @property
    def tags(self) -> tuple[str, ...]: ...


class Binding(Protocol):
    """What a selection by party asks of an agreement: whether it binds the party on a day."""

    def state(self, on: date, party: str | None = None) -> State: ...


@final
class Selection(Value):
    """An agreement is taken when it carries every tag in `tags`, is looked after by `owner`
    (letter case aside) and has `party` among its parties; a deadline of it when its kind is one
    of `kinds` and it is `party`'s or everyone's (a renewal, an expiry). Empty means any."""

    __slots__ = ("kinds", "owner", "party", "tags")
    tags: tuple[str, ...]
    owner: str | None
    party: str | None
    kinds: tuple[DeadlineKind, ...]

    def __init__(
        self,
        tags: Sequence[str] = (),
        owner: str | None = None,
        party: str | None = None,
        kinds: Sequence[str] = (),
    ) -> None:
        for kind in kinds:
            if kind not in DEADLINE_KINDS:
                raise QueryError(
                    f"{kind!r} is not one of {', '.join(DEADLINE_KINDS)}", parameter="kinds"
                )
        self._fill(tuple(tags), owner, party, tuple(kinds))

    @property
    def narrows(self) -> bool:
        """Whether it leaves agreements out by a value of theirs (a tag, the owner, a party)."""
        return bool(self.tags) or self.owner is not None or self.party is not None

    def check(self, agreements: Iterable[Labelled]) -> None:
        """A QueryError when a tag, the owner or the party of this selection is carried by none
        of `agreements` (a likely typo, where an empty answer would mislead), naming the values
        they do carry.

        >>> from gsomia_clock import load_catalog
        >>> Selection(tags=("lease",)).check(load_catalog().values())
        Traceback (most recent call last):
        ...
        gsomia_clock.errors.QueryError: tags: no agreement has the tag 'lease' (tags: none)
        """
        if not self.narrows:
            return  # nothing to check: the agreements are not even read
        tags: set[str] = set()
        owners: dict[str, str] = {}
        parties: set[str] = set()
        for agreement in agreements:
            tags.update(agreement.tags)
            if agreement.owner is not None:
                owners.setdefault(agreement.owner.casefold(), agreement.owner)
            parties.update(agreement.parties)
        for tag in self.tags:
            if tag not in tags:
                raise QueryError(f"no agreement has the tag {tag!r} ({_those('tags', tags)})",
                                 parameter="tags")  # fmt: skip
        if self.owner is not None and self.owner.casefold() not in owners:
            raise QueryError(
                f"no agreement is looked after by {self.owner!r} "
                f"({_those('owners', owners.values())})",
                parameter="owner",
            )
        if self.party is not None and self.party not in parties:
            raise QueryError(
                f"no agreement has {self.party!r} among its parties "
                f"({_those('parties', parties)}){_meant(self.party, parties)}",
                parameter="party",
            )

    def takes(self, agreement: Labelled) -> bool:
        if any(tag not in agreement.tags for tag in self.tags):
            return False
        if self.owner is not None and (agreement.owner or "").casefold() != self.owner.casefold():
            return False
        return self.party is None or self.party in agreement.parties

    def keeps(self, deadline: Deadline) -> bool:
        return self.keeps_kind(deadline.kind, deadline.party)

    def keeps_of(self, agreement: Binding, deadline: Deadline) -> bool:
        """`keeps`, and with `party`, only a deadline of a day on which `agreement` binds the
        party, or of the day it is out (its own withdrawal's effect, an expiry): none before it
        joins, none once it has left.

        >>> from gsomia_clock import load_catalog
        >>> unesco = load_catalog()["unesco"]
        >>> us = Selection(party="US")
        >>> [(d.date.isoformat(), d.kind) for d in unesco.deadlines("2026-12-01", "2027-12-31")
        ...  if us.keeps_of(unesco, d)]
        [('2026-12-31', 'last-notice-day'), ('2027-01-01', 'effect')]
        """
        if not self.keeps(deadline):
            return False
        if self.party is None:
            return True
        day, party = deadline.date, self.party
        return (
            agreement.state(day, party) in BINDING or agreement.state(day - _DAY, party) in BINDING
        )

    def keeps_kind(self, kind: str | None, party: str | None) -> bool:
        """Whether a deadline of `kind` for `party` (None: every party's) is kept."""
        if self.kinds and kind not in self.kinds:
            return False
        return self.party is None or party in (None, self.party)


def _those(what: str, values: Iterable[str]) -> str:
    """`tags: berlin, lease`; `tags: none`; `parties: 54 in all` when there are many."""
    found = sorted(values)
    if not found:
        return f"{what}: none"
    return f"{what}: {', '.join(found)}" if len(found) <= 30 else f"{what}: {len(found)} in all"


_RESERVED = {"UK": "GB", "EL": "GR"}  # ISO 3166-1's exceptional reservations, and their codes


def _meant(party: str, known: set[str]) -> str:
    """`; did you mean US?`: its letters in upper case, a code reserved for another, or close."""
    close = get_close_matches(party.upper(), sorted(known), n=3, cutoff=0.5)
    if _RESERVED.get(party.upper()) in known:  # UK for GB: reserved in ISO 3166-1, not assigned
        close = [_RESERVED[party.upper()], *close]
    return f"; did you mean {' or '.join(close)}?" if close else ""
