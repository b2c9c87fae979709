"""An agreement's history, event by event, with what each did as the record stood that day.

>>> from gsomia_clock import load_catalog
>>> for entry in load_catalog()["gsomia"].history():
...     print(entry.date, entry.summary)
2019-08-23 KR gives notice: it takes effect on 23 November 2019
2019-11-22 KR suspends its notice, which would have taken effect on 23 November 2019
2023-03-21 KR revokes its notice: KR stays bound
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any, final

from .days import format_day
from .events import (
    Defer,
    Event,
    EventKind,
    Extend,
    Join,
    Notice,
    Resume,
    ResumeOperation,
    Revoke,
    Suspend,
    SuspendOperation,
    Terminate,
)
from .timeline import Snapshot, Timeline
from .values import Value

__all__ = ["HistoryEntry", "history"]

_ONE_DAY = timedelta(days=1)


@final
class HistoryEntry(Value):
    """One event of the history (the contract's `history --json` object)."""

    __slots__ = ("date", "kind", "note", "party", "summary")
    date: dt.date
    kind: EventKind
    party: str | None
    summary: str  # what the event did
    note: str | None  # the catalog's own words for it

    def __init__(
        self, date: dt.date, kind: EventKind, party: str | None, summary: str, note: str | None
    ) -> None:
        self._fill(date, kind, party, summary, note)

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "kind": self.kind,
            "party": self.party,
            "summary": self.summary,
            "note": self.note,
        }


def history(events: Sequence[Event], timeline: Timeline) -> tuple[HistoryEntry, ...]:
    """`events` (an agreement's, in date order, same-day ones in catalog order), each told by
    what it did: read from their compiled `timeline` before and after that day."""
    entries = []
    for event in events:
        before = timeline.at(event.date - _ONE_DAY) if event.date > date.min else None
        after = timeline.at(event.date)
        summary = _summary(event, before, after)
        entries.append(HistoryEntry(event.date, event.kind, event.party, summary, event.note))
    return tuple(entries)


def _summary(event: Event, before: Snapshot | None, after: Snapshot) -> str:
    def day(value: date) -> str:
        return format_day(value, weekday=False)

    def effect_of(snapshot: Snapshot, party: str) -> str:
        notice = snapshot.standing(party).notice
        return "" if notice is None else f": it takes effect on {day(notice.effective)}"

    def notice_of(snapshot: Snapshot | None, party: str) -> str:
        standing = None if snapshot is None else snapshot.standing(party)
        if standing is None or standing.notice is None:
            return ""
        return f", which would have taken effect on {day(standing.notice.effective)}"

    match event:
        case Notice(party=party):
            standing = after.standing(party)
            if standing.notice is not None and standing.notice.received == event.date:
                return f"{party} gives notice: it takes effect on {day(standing.notice.effective)}"
            return f"{party} gives notice"
        case Suspend(party=party):
            return f"{party} suspends its notice{notice_of(before, party)}"
        case Revoke(party=party):
            return f"{party} revokes its notice: {party} stays bound"
        case Resume(party=party):
            return f"{party} lifts the suspension of its notice{effect_of(after, party)}"
        case Defer(party=party):
            return f"{party}'s notice is deferred{effect_of(after, party)}"
        case Extend(until=until):
            return f"the current term is extended: it now ends after {day(until)}"
        case Join(party=party, effective=effective):
            return f"{party} joins: bound from {day(effective)}"
        case Terminate():
            return f"the parties terminate the agreement: it ends for all on {day(event.date)}"
        case SuspendOperation(party=party):
            return (
                f"{party} suspends its operation from {day(event.first_day)}: "
                f"it stays bound, and stops performing"
            )
        case ResumeOperation(party=party):
            return f"{party} performs the agreement again from {day(event.date)}"
    raise AssertionError(event)  # pragma: no cover - every kind is matched above
