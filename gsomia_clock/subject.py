"""Whom an answer is about, and the lines of its explanation that come before its arithmetic.

The answers (`status`, `withdrawal`, `deadlines`) are built from a compiled `Timeline` and a
`Subject` (the agreement's id, short name and clause); nothing here knows the agreement object
itself, so data flows one way: agreement → answers → timeline. An explanation opens with the
clause, then the events known on the day that bear on the question, then the reading of a
suspended notice it used.
"""

from __future__ import annotations

from typing import NamedTuple

from .timeline import Pending, Snapshot, Timeline

__all__ = ["Subject", "bearing_events", "reading_used"]


class Subject(NamedTuple):
    """The agreement as an answer names it: its id, its short name, and its clause quoted."""

    id: str
    label: str
    clause: tuple[str, ...]  # `clause: “…”`, or nothing when the catalog quotes none


_OPERATION = ("suspend-operation", "resume-operation")


def bearing_events(
    timeline: Timeline, snapshot: Snapshot, party: str | None, notices: tuple[Pending, ...]
) -> tuple[str, ...]:
    """The events known on the snapshot's day that bear on the question, one line each.

    Those that concern the agreement as a whole (`extend`, `terminate`), those of the notices
    that decide the answer, the joins of the party asked about (in a bilateral agreement, of
    either party), and the suspensions of operation of the party asked about (of any party when
    none is asked about). A revoked notice, or another party's doings in a multilateral agreement,
    bear on nothing asked here.
    """
    key = (snapshot.applied, party, tuple(notice.events for notice in notices))
    found = timeline.remembered.bearing.get(key)
    if found is None:
        numbers = {n for notice in notices for n in notice.events}
        found = timeline.remembered.bearing[key] = tuple(
            timeline.line(number)
            for number, event in enumerate(timeline.events[: snapshot.applied], start=1)
            if event.kind in ("extend", "terminate")
            or number in numbers
            or (
                event.kind == "join"
                and (event.party == party or (party is None and not timeline.multilateral))
            )
            or (event.kind in _OPERATION and (event.party == party or party is None))
        )
    return found


def reading_used(timeline: Timeline, notices: tuple[Pending, ...]) -> tuple[str, ...]:
    """Which reading of a suspended notice the answer used, and whose choice it was."""
    policies = sorted({n.policy or "" for n in notices if n.suspended})
    if not policies:
        return ()
    source = "asked for" if timeline.policy else "the catalog's"
    return (f"reading of the suspended notice: {', '.join(policies)} ({source})",)
