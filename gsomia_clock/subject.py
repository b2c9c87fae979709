"""Whom an answer is about, and the lines of its explanation that come before its arithmetic.

The answers (`status`, `withdrawal`, `deadlines`) are built from a compiled `Timeline` and a
`Subject` (the agreement's id, short name and clause); nothing here knows the agreement object
itself, so data flows one way: agreement → answers → timeline. An explanation opens with the
clause, then the events known on the day that bear on the question (which the history words and
remembers: `Timeline.bearing`), then the reading of a suspended notice it used.
"""

from __future__ import annotations

from typing import NamedTuple

from .timeline import Pending, Timeline

__all__ = ["Subject", "reading_used"]


class Subject(NamedTuple):
    """The agreement as an answer names it: its id, its short name, and its clause quoted."""

    id: str
    label: str
    clause: tuple[str, ...]  # `clause: “…”`, or nothing when the catalog quotes none


def reading_used(timeline: Timeline, notices: tuple[Pending, ...]) -> tuple[str, ...]:
    """Which reading of a suspended notice the answer used, and whose choice it was."""
    policies = sorted({n.policy or "" for n in notices if n.suspended})
    if not policies:
        return ()
    source = "asked for" if timeline.policy else "the catalog's"
    return (f"reading of the suspended notice: {', '.join(policies)} ({source})",)
