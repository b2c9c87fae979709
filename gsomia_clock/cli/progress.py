"""How far a long run has got, on standard error: `report: 1,250 of 2,000 pages (62%)`.

Shown only where a person watches: standard error is a terminal, and the run is no CI job (`CI`
set, as CI services set it: some give their jobs a terminal); never in a pipe, a file or a log.
Shown only once the run has taken `AFTER` seconds (a run that ends sooner shows nothing, and
neither does a short step of a long one, past its time when it is first told), then
at most every `EVERY` seconds, on one line that is rewritten in place (a carriage return and
spaces, which every terminal understands, `TERM=dumb` too), and wiped when the work is done, so
that what the command prints after it stands alone.

The library's long calls say how far they are as `progress(done, total)`; `Progress` is such a
callable, and `counted` wraps what a loop consumes.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO, TypeVar

from .streams import is_terminal

__all__ = ["AFTER", "Progress", "counted"]

AFTER = 2.0  # seconds a run takes before it says how far it is
STARTED = time.monotonic()  # about when the run started: the command line imports this early
EVERY = 0.1  # seconds between two updates of the line
T = TypeVar("T")


def _watched(stream: TextIO | None) -> bool:
    """Whether `stream` is a terminal a person watches (see above)."""
    return not os.environ.get("CI") and is_terminal(stream)


class Progress:
    """`progress(done, total)`: `done` of `total` things (None: not known yet) of the work
    called `what`, in `unit` (plural); shown on `stream` (standard error when None) as above."""

    def __init__(
        self,
        what: str,
        unit: str,
        *,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
        started: float | None = None,
    ) -> None:
        """`clock` tells the time in seconds, and the run `started` at that time on it (None:
        when this module was imported, on the monotonic clock)."""
        self.what, self.unit, self.clock = what, unit, clock
        self.stream = sys.stderr if stream is None else stream
        self.shown = 0  # the width of the line on the terminal, 0 when none is
        self.next = (STARTED if started is None else started) + AFTER
        self.on = _watched(self.stream)

    def __call__(self, done: int, total: int | None = None) -> None:
        if not self.on:
            return
        now = self.clock()
        if now < self.next:
            return
        self.next = now + EVERY
        line = f"{self.what}: {done:,}"
        if total:
            line += f" of {total:,} {self.unit} ({100 * done // total}%)"
        else:
            line += f" {self.unit}"
        self._put(line)

    def done(self) -> None:
        """The work is over: the line is wiped, if one was shown."""
        if self.shown:
            self._put("")

    def _put(self, line: str) -> None:
        padded = line.ljust(self.shown)
        try:
            self.stream.write(f"\r{padded}\r" if not line else f"\r{padded}")
            self.stream.flush()
        except (OSError, ValueError):  # a terminal gone: the run goes on without it
            self.on = False
            return
        self.shown = len(line)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.done()


def counted(
    things: Iterable[T], progress: Callable[[int, int | None], None], total: int | None = None
) -> Iterator[T]:
    """Each of `things`, `progress` told how many are done each time the next is asked for."""
    for done, thing in enumerate(things, start=1):
        yield thing
        progress(done, total)
