"""What a compiled history remembers of the questions put to it: its one cache, in plain sight.

Each `Timeline` owns one `Remembered`, and nothing else keeps anything for it. It holds:

- `spans`: the answers already given, each for the span of days over which it holds. An answer
  about a day stays the same, but for the day it names, until something changes: the next
  event, term end, deadline, effect or opening of an exit. The queries say until which day their
  answer holds (`status_span`, `withdrawal_span`), so asking about every day of a year reckons a
  handful of answers and re-dates the rest;
- `lines`: each event as an explanation shows it, written once for all events;
- `bearing`: which of those lines bear on a question, by (snapshot, party, deciding notices);
- `change_days`: for each snapshot, the days on which what it fixed may change.

All of it is a function of the history's definition and fills in as questions are asked; it
holds only values, and `clear` forgets it all (it would be reckoned again, the same).

>>> from datetime import date
>>> kept = Remembered()
>>> kept.put(("status", None), date(2026, 1, 1), date(2026, 8, 25).toordinal(), "in force")
>>> kept.get(("status", None), date(2026, 8, 24)), kept.get(("status", None), date(2026, 8, 25))
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
    """For each question, the answers given so far, by the span of days each holds for; and
    the words and days the answers share (see the module's docstring)."""

    __slots__ = ("_spans", "bearing", "change_days", "lines")

    def __init__(self) -> None:
        # question → (first days as ordinals, sorted; [(first, until, answer)] in that order)
        self._spans: dict[Key, tuple[list[int], list[tuple[int, int, Any]]]] = {}
        self.lines: tuple[str, ...] | None = None
        self.bearing: dict[
            tuple[int, str | None, tuple[tuple[int, ...], ...]], tuple[str, ...]
        ] = {}
        self.change_days: dict[int, list[int]] = {}  # by snapshot (its `applied`)

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
        """Forget everything (it would be reckoned again, the same)."""
        self._spans.clear()
        self.lines = None
        self.bearing.clear()
        self.change_days.clear()

    def __len__(self) -> int:
        """How many answers are kept (each for its span)."""
        return sum(len(firsts) for firsts, _ in self._spans.values())

    def __repr__(self) -> str:
        return f"<Remembered: {len(self)} spans>"
