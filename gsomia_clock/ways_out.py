"""Which agreements of a register bind a party on a day, whether it could get out of each by
acting that day, and when it would be out: the question "can X still withdraw?" asked of a
party rather than of one agreement (contract v3, "Can party P still get out? Across the
register").

>>> from gsomia_clock import load_catalog
>>> for answer in ways_out(load_catalog().values(), "KR", on="2026-12-08"):
...     print(answer.agreement, answer.via, answer.effective)
gsomia notice 2027-11-23
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Protocol

from .selection import Labelled, Selection
from .status import BINDING, Status
from .withdrawal import WithdrawalAnswer

__all__ = ["Asked", "binds", "out_order", "ways_out"]

When = date | datetime | str | None


class Asked(Labelled, Protocol):
    """What is asked of an agreement (an `Agreement`)."""

    @property
    def id(self) -> str: ...
    def status(
        self, on: When = None, party: str | None = None, on_resume: str | None = None
    ) -> Status: ...
    def can_withdraw(
        self, party: str, on: When = None, on_resume: str | None = None
    ) -> WithdrawalAnswer: ...


def binds(agreement: Asked, party: str, on: When = None, on_resume: str | None = None) -> bool:
    """Whether `agreement` binds `party` that day: it has joined, and not yet left (a notice
    of its own still pending, or suspended, it is bound)."""
    return agreement.status(on=on, party=party, on_resume=on_resume).state in BINDING


def ways_out(
    agreements: Iterable[Asked],
    party: str,
    on: When = None,
    on_resume: str | None = None,
    *,
    every: bool = False,
) -> tuple[WithdrawalAnswer, ...]:
    """`can_withdraw(party)` of each agreement among `agreements` that binds `party` that day
    (with `every`, of each that names it among its parties: those it has left or not yet
    joined say so in their `reason`), sorted by `effective` (None last), then by agreement.
    Each agreement reads `on` in its own zone (None: its own today). A QueryError when none
    names `party`, with the parties that come closest."""
    asked = list(agreements)
    named = [a for a in asked if party in a.parties]
    if not named:
        Selection(party=party).check(asked)  # a QueryError naming the parties there are
    found = [
        a.can_withdraw(party, on=on, on_resume=on_resume)
        for a in named
        if every or binds(a, party, on, on_resume)
    ]
    return tuple(sorted(found, key=out_order))


def out_order(answer: WithdrawalAnswer) -> tuple[bool, date, str]:
    """The contract's order of a party's answers: by `effective`, None last, then agreement."""
    return (answer.effective is None, answer.effective or date.min, answer.agreement)
