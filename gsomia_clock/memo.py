"""Answers already given, each kept for the span of days over which it holds.

An answer about a day stays the same, but for the day it names, until something changes: the
next event, term end, deadline, effect or opening of an exit. The queries say until which day
their answer holds (`status_span`, `withdrawal_span`); `Remembered` keeps each answer with its
span, so that asking about every day of a year reckons a handful of answers and re-dates the
rest. A cache in plain sight: each compiled history (`Timeline`) owns one, for the answers
given from it; it fills in as questions are asked, and it holds only answers, which are values.

>>> from datetime import date
>>> spans = Remembered()
>>> spans.put(("status", None), date(2026, 1, 1), date(2026, 8, 25).toordinal(), "in force")
>>> spans.get(("status", None), date(2026, 8, 24)), spans.get(("status", None), date(2026, 8, 25))
('in force', None)
"""

from __future__ import annotations

import bisect
from datetime import date
from typing import Any, final

__all__ = ["Remembered"]

# Spans kept per question before they are all forgotten: bounds the memory of a process that
# asks about ever new days (a year of daily questions keeps a few spans, not 365).
LIMIT = 4096

Key = tuple[str, str | None]  # (question, party)


@final
class Remembered:
    """For each question, the answers given so far, by the span of days each holds for."""

    __slots__ = ("_spans",)

    def __init__(self) -> None:
        # question → (first days as ordinals, sorted; [(first, until, answer)] in that order)
        self._spans: dict[Key, tuple[list[int], list[tuple[int, int, Any]]]] = {}

    def get(self, key: Key, day: date) -> Any:
        """The answer given for a day of the span holding `day`, or None."""
        found = self._spans.get(key)
        if found is None:
            return None
        firsts, spans = found
        ordinal = day.toordinal()
        i = bisect.bisect_right(firsts, ordinal) - 1
        if i >= 0 and ordinal < spans[i][1]:
            return spans[i][2]
        return None

    def put(self, key: Key, day: date, until: int, answer: Any) -> None:
        """Keep `answer`, given for `day`, as the answer from `day` to the day before `until`.

        An answer that holds for its own day only is not kept: it would be asked again only
        about that very day.
        """
        ordinal = day.toordinal()
        if until <= ordinal + 1:
            return
        firsts, spans = self._spans.setdefault(key, ([], []))
        if len(firsts) >= LIMIT:
            firsts.clear()
            spans.clear()
        i = bisect.bisect_right(firsts, ordinal)
        firsts.insert(i, ordinal)
        spans.insert(i, (ordinal, until, answer))

    def clear(self) -> None:
        """Forget every answer (they would be reckoned again, the same)."""
        self._spans.clear()

    def __len__(self) -> int:
        return sum(len(firsts) for firsts, _ in self._spans.values())

    def __repr__(self) -> str:
        return f"<Remembered: {len(self)} spans>"
