"""The agenda's index: what `agenda --within` reads of every agreement over the coming year,
kept in the user's cache folder and read again for as long as the catalog files are unchanged.

Reading a register of 100,000 agreements and compiling their histories takes seconds; asking
the same agenda again the next morning should not. The first `agenda --within` over a set of
catalog files writes, for each agreement, its state from day to day and its deadlines over
`HORIZON` days from today, and answers from that; a later one whose files have the same content
(and whose window ends within the horizon) reads only the index. Any change to a file, to the
package's code or to the Python that runs it makes the index stale, and the next run writes it
anew. The index is a cache: one that cannot be written or read is simply not used.

Where: `$GSOMIA_CLOCK_CACHE` (an empty value: no index at all), else the platform's cache
folder (`$XDG_CACHE_HOME` or `~/.cache`; `%LOCALAPPDATA%` on Windows) under `gsomia-clock`,
one file per set of catalog files.
"""

from __future__ import annotations

import bisect
import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from contextlib import suppress
from datetime import date, timedelta
from typing import Any, final

from .agenda import AgendaItem, Listed, agenda
from .agreement import Agreement
from .answers import State
from .catalog import BUNDLED, bundled_file, catalog_of, read_input
from .days import today, zone_named
from .deadlines import Deadline
from .durations import Duration
from .errors import QueryError
from .selection import Selection
from .status import state_on
from .timeline import Timeline

__all__ = ["HORIZON", "Indexed", "IndexedAgenda", "cache_folder", "indexed_agenda"]

FORMAT = 1  # of the file: raise it when what it holds changes
HORIZON = 400  # days from the day it is written: an agenda --within P1Y for a month
_DAY = timedelta(days=1)


class NotCovered(Exception):
    """A day the index holds nothing about: the answer is worked out from the catalog."""


@final
class Indexed:
    """One agreement as the index holds it, answering the agenda's questions for the days it
    covers (`first` to `last`) as the agreement itself would (see `agenda.Listed`)."""

    __slots__ = (
        "_deadlines",
        "_party_states",
        "_states",
        "first",
        "id",
        "last",
        "name",
        "owner",
        "parties",
        "reference",
        "tags",
        "timezone",
    )

    def __init__(self, row: tuple[Any, ...], first: int, last: int) -> None:
        (
            self.id, self.name, self.owner, self.reference, self.tags, self.parties,
            self.timezone, self._states, self._party_states, deadlines,
        ) = row  # fmt: skip
        self.first, self.last = first, last
        self._deadlines = tuple(
            Deadline(self.id, date.fromordinal(day), kind, party, summary, explanation, key)
            for day, kind, party, summary, explanation, key in deadlines
        )

    def today(self) -> date:
        return today(zone_named(self.timezone))

    def state(self, on: date, party: str | None = None) -> State:
        ordinal = on.toordinal()
        if not self.first <= ordinal <= self.last:
            raise NotCovered(on)
        states: tuple[tuple[int, State], ...] = self._states
        if party is not None:
            states = self._party_states[self.parties.index(party)] or states
        return states[bisect.bisect_right(states, (ordinal, "~")) - 1][1]

    def deadlines(self, start: date, end: date) -> Sequence[Deadline]:
        if start.toordinal() < self.first or end.toordinal() > self.last:
            raise NotCovered(start, end)
        return [d for d in self._deadlines if start <= d.date <= end]


@final
class IndexedAgenda:
    """An agenda, with each listed agreement's today, and the ids that a file replaced."""

    __slots__ = ("items", "replaced", "todays")

    def __init__(
        self,
        items: tuple[AgendaItem, ...],
        todays: dict[str, date],
        replaced: tuple[tuple[str, str, str], ...],
    ) -> None:
        self.items, self.todays, self.replaced = items, todays, replaced


def cache_folder() -> str | None:
    """Where indexes are kept, or None when they are not to be (`GSOMIA_CLOCK_CACHE=`)."""
    named = os.environ.get("GSOMIA_CLOCK_CACHE")
    if named is not None:
        return named or None
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        base = os.environ["LOCALAPPDATA"]
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "gsomia-clock")


def indexed_agenda(
    files: Sequence[str], bundled: bool, selection: Selection, within: Duration
) -> IndexedAgenda:
    """`agenda --within` over the bundled catalog (with `bundled`) and `files`: from the index
    when it is current and covers the window, else from the catalog, writing the index."""
    sources = [(file, read_input(file, file)) for file in files]
    if bundled:
        with open(bundled_file(), "rb") as stream:
            sources.insert(0, (BUNDLED, stream.read()))
    digest = _digest(sources)
    path = _path(files, bundled)
    found = None if path is None else _read(path, digest)
    if found is not None:
        answer = _answer(found, selection, within)
        if answer is not None:
            return answer
    catalog = catalog_of(sources[1:] if bundled else sources, bundled=bundled)
    try:
        first = min(a.today() for a in catalog.values()) - _DAY
        last = first + timedelta(days=HORIZON)
        rows = [_row(a, first, last) for a in catalog.values()]
    except (NotCovered, OverflowError, QueryError):
        rows = None  # an agreement near the calendar's end: this catalog is not indexed
    if rows is not None:
        index = _index(first.toordinal(), last.toordinal(), rows, catalog.replaced)
        if path is not None:
            _write(path, digest, index)
        answer = _answer(index, selection, within)
        if answer is not None:
            return answer
    items = catalog.agenda(selection, within)
    todays = {item.agreement: catalog[item.agreement].today() for item in items}
    return IndexedAgenda(items, todays, catalog.replaced)


# --- what the index holds -------------------------------------------------------------------


def _row(agreement: Agreement, first: date, last: date) -> tuple[Any, ...]:
    """One agreement as the index keeps it: plain values only (marshal writes no others)."""
    states, *party_states = _states(agreement.timeline(), first, last, agreement.parties)
    deadlines = tuple(
        (d.date.toordinal(), d.kind, d.party, d.summary, d.explanation, d.key)
        for d in agreement.deadlines(first, last)
    )
    return (
        agreement.id, agreement.name, agreement.owner, agreement.reference, agreement.tags,
        agreement.parties, agreement.timezone, states,
        tuple(None if found == states else found for found in party_states), deadlines,
    )  # fmt: skip


def _states(
    timeline: Timeline, first: date, last: date, parties: tuple[str, ...]
) -> list[tuple[tuple[int, State], ...]]:
    """The state of the agreement, then of each party, from `first` to `last`, as (first day,
    state) each time it changes: it can change only on a day the timeline names as one on
    which something may (`Timeline.changes`)."""
    asked = (None, *parties)
    found: list[list[tuple[int, State]]] = [[] for _ in asked]
    day = first
    while True:
        for states, party in zip(found, asked, strict=True):
            state = state_on(timeline, day, party)
            if not states or states[-1][1] != state:
                states.append((day.toordinal(), state))
        following = timeline.changes(timeline.at(day), day)
        if following > last.toordinal():
            return [tuple(states) for states in found]
        day = date.fromordinal(following)


def _index(
    first: int, last: int, rows: list[tuple[Any, ...]], replaced: Iterable[tuple[str, str, str]]
) -> tuple[Any, ...]:
    # Each deadline's day with its row, sorted: a window's rows are found by bisection.
    due = sorted((deadline[0], number) for number, row in enumerate(rows) for deadline in row[9])
    return (first, last, tuple(rows), tuple(due), tuple(replaced))


def _answer(index: tuple[Any, ...], selection: Selection, within: Duration) -> IndexedAgenda | None:
    """The agenda from the index, or None when the window reaches past what it covers."""
    first, last, rows, due, replaced = index
    zones = {row[6] for row in rows}
    todays = [today(zone_named(zone)) for zone in zones]
    try:
        start = min(todays).toordinal()
        end = max(within.add_to(day) for day in todays).toordinal()
    except OverflowError:
        return None
    if start < first or end > last:
        return None
    ordinals = [day for day, _ in due]
    numbers = sorted(
        {
            n
            for _, n in due[
                bisect.bisect_left(ordinals, start) : bisect.bisect_right(ordinals, end)
            ]
        }
    )
    entries: list[Listed] = [Indexed(rows[n], first, last) for n in numbers]
    try:
        items = agenda(entries, selection, within)
    except NotCovered:
        return None
    listed = {entry.id: entry for entry in entries}
    return IndexedAgenda(
        items, {item.agreement: listed[item.agreement].today() for item in items}, replaced
    )


# --- the file -------------------------------------------------------------------------------


def _digest(sources: Sequence[tuple[str, bytes]]) -> bytes:
    """What the index was made from: the files' names and content, and the code reading them."""
    made = hashlib.blake2b(digest_size=20)
    made.update(f"{FORMAT} {sys.version} {_code()}".encode())
    for name, data in sources:
        made.update(f"\0{name}\0{len(data)}\0".encode())
        made.update(data)
    return made.digest()


def _code() -> str:
    """The package's own code: a change to it (not only to its version) makes indexes stale."""
    made = hashlib.blake2b(digest_size=16)
    folder = os.path.dirname(__file__)
    for name in sorted(os.listdir(folder)):
        if name.endswith(".py"):
            with open(os.path.join(folder, name), "rb") as stream:
                made.update(stream.read())
    with suppress(Exception):  # business days: the holidays package's tables
        from importlib.metadata import version

        made.update(version("holidays").encode())
    return made.hexdigest()


def _path(files: Sequence[str], bundled: bool) -> str | None:
    """The index of this set of files: one per set, whatever their content."""
    folder = cache_folder()
    if folder is None:
        return None
    named = hashlib.blake2b(digest_size=10)
    for file in files:
        named.update(os.path.abspath(file).encode("utf-8", "surrogateescape") + b"\0")
    named.update(b"bundled" if bundled else b"")
    return os.path.join(folder, f"agenda-{named.hexdigest()}.index")


def _read(path: str, digest: bytes) -> tuple[Any, ...] | None:
    try:
        with open(path, "rb") as stream:
            if marshal.load(stream) != (FORMAT, digest):
                return None
            index = marshal.load(stream)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return index if isinstance(index, tuple) and len(index) == 5 else None


def _write(path: str, digest: bytes, index: tuple[Any, ...]) -> None:
    """Whole or not at all (a temporary file, then one rename); a cache not written is no error."""
    folder = os.path.dirname(path)
    with suppress(OSError):
        os.makedirs(folder, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".agenda-", dir=folder)
        try:
            with os.fdopen(handle, "wb") as stream:
                marshal.dump((FORMAT, digest), stream)
                marshal.dump(index, stream)
            os.replace(name, path)
        except BaseException:
            with suppress(OSError):
                os.unlink(name)
            raise
