"""The history of an agreement: what each party did, and on which day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, final, get_args

__all__ = ["EVENT_KINDS", "POLICIES", "Event", "EventKind", "Policy"]

EventKind = Literal["notice", "revoke", "suspend", "resume", "extend", "defer", "join", "terminate"]
Policy = Literal["immediate", "remaining", "restart"]
EVENT_KINDS: tuple[EventKind, ...] = get_args(EventKind)
POLICIES: tuple[Policy, ...] = get_args(Policy)


@final
@dataclass(frozen=True, slots=True)
class Event:
    """One `[[agreement.event]]`: `number` is its 1-based place in the catalog, for messages."""

    date: dt.date
    kind: EventKind
    number: int
    party: str | None = None
    effective: dt.date | None = None
    until: dt.date | None = None
    on_resume: Policy | None = None
    note: str | None = None

    def describe(self) -> str:
        """`2019-08-23 notice by KR (note verbale …)`."""
        who = f" by {self.party}" if self.party and self.kind != "defer" else ""
        if self.kind == "defer":
            who = f" of {self.party}'s notice"
        extra = ""
        if self.effective:
            extra = f", effective {self.effective.isoformat()}"
        if self.until:
            extra = f" until {self.until.isoformat()}"
        if self.kind == "suspend":
            extra = f" (on resume: {self.on_resume or 'immediate'})"
        note = f": {self.note}" if self.note else ""
        return f"{self.date.isoformat()} {self.kind}{who}{extra}{note}"
