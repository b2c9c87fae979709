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
from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from datetime import UTC, date, timedelta
from itertools import islice
from typing import Any, final

from .agenda import AgendaItem, Listed, agenda
from .agreement import Agreement
from .answers import State
from .catalog import (
    bundled_agreement,
    bundled_file,
    catalog_of,
    merged,
    no_cyclic_gc,
    read_input,
)
from .days import today, zone_named
from .deadlines import Deadline
from .deadlines import deadlines as deadlines_of
from .durations import Duration
from .errors import QueryError
from .selection import Selection
from .status import state_spans

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
        "_today",
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

    def __init__(self, row: tuple[Any, ...], first: int, last: int, today: date) -> None:
        (
            self.id, self.name, self.owner, self.reference, self.tags, self.parties,
            self.timezone, self._states, self._party_states, deadlines,
        ) = row  # fmt: skip
        self.first, self.last, self._today = first, last, today
        self._deadlines = tuple(
            Deadline(self.id, date.fromordinal(day), kind, party, summary, explanation, key)
            for day, kind, party, summary, explanation, key in deadlines
        )

    def today(self) -> date:
        return self._today

    def state(self, on: date, party: str | None = None) -> State:
        ordinal = on.toordinal()
        if not self.first <= ordinal <= self.last or not self._states:  # none kept: see _row
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
    """`agenda --within` over the bundled catalog (with `bundled`) and `files`, from the index:
    the one kept in the cache when it is current, else one made now (and kept). A window
    longer than the index covers is worked out from the catalog itself."""
    sources = [(file, read_input(file, file)) for file in files]
    path = _path(files, bundled)
    first = today(UTC) - _DAY  # no zone's today is earlier, nor later than a day after UTC's
    last = first + timedelta(days=HORIZON)
    try:
        covered = within.add_to(first + 2 * _DAY) <= last
    except OverflowError:
        covered = False
    if covered:
        kept = None if path is None else (path, _digest(sources, bundled))
        found = None if kept is None else _read(*kept)
        answer = None if found is None else _answer(found, selection, within)
        if answer is not None:
            return answer
        # Collection resumes only once the index is let go: else it would go over every row.
        with no_cyclic_gc():
            answer = _indexed(_drained(sources), bundled, (first, last), kept, selection, within)
        if answer is not None:
            return answer
        sources = [(file, read_input(file, file)) for file in files]  # let go: read again
    catalog = catalog_of(sources, bundled=bundled)
    items = catalog.agenda(selection, within)
    todays = {item.agreement: catalog[item.agreement].today() for item in items}
    return IndexedAgenda(items, todays, catalog.replaced)


def _indexed(
    sources: Iterable[tuple[str, bytes]],
    bundled: bool,
    span: tuple[date, date],
    kept: tuple[str, bytes] | None,
    selection: Selection,
    within: Duration,
) -> IndexedAgenda | None:
    """The agenda from an index made now from `sources` over `span`, and kept at the path
    `kept` names with its digest (unless None); None when the catalog is not to be indexed (an
    agreement near the calendar's end) or the window reaches past the span."""
    try:
        index = _built(sources, bundled, *span)
    except (NotCovered, OverflowError, QueryError):
        return None
    if kept is not None:
        _write(*kept, index)
    return _answer(index, selection, within)


def _drained(sources: list[tuple[str, bytes]]) -> Iterator[tuple[str, bytes]]:
    """Each file, let go once it has been read."""
    while sources:
        yield sources.pop(0)


# --- what the index holds -------------------------------------------------------------------


def _built(
    sources: Iterable[tuple[str, bytes]], bundled: bool, first: date, last: date
) -> tuple[Any, ...]:
    """The index of the catalog, from `first` to `last`: each agreement is read, kept as its
    row and let go, so that the register is never held whole (see `catalog.merged`)."""
    rows: dict[str, tuple[Any, ...]] = {}
    replaced = []
    agreements = merged(sources, bundled=bundled)
    with no_cyclic_gc():  # many small objects, no cycles: see catalog.py
        # A thousand at a time, each step over all of them: 5% faster than one by one.
        while batch := list(islice(agreements, 1000)):
            for file, ident, found, earlier in batch:
                if earlier is not None:
                    replaced.append((ident, file, earlier))
                agreement = bundled_agreement(found) if isinstance(found, bytes) else found
                rows[ident] = _row(agreement, first, last)
                agreement.timelines.forget()  # its row is all that is kept of it
    listed = tuple(rows.values())
    # Each deadline's day with its row, sorted: a window's rows are found by bisection.
    due = sorted((deadline[0], n) for n, row in enumerate(listed) for deadline in row[9])
    return (first.toordinal(), last.toordinal(), listed, tuple(due), tuple(replaced))


def _row(agreement: Agreement, first: date, last: date) -> tuple[Any, ...]:
    """One agreement as the index keeps it: plain values only (marshal writes no others).

    Its states from day to day only when it has a deadline in the index's span: `agenda
    --within` asks the state of an agreement only when it lists it, for a deadline in its
    window (most agreements of a register have none within a year).
    """
    timeline = agreement.timeline()
    deadlines = tuple(
        (d.date.toordinal(), d.kind, d.party, d.summary, d.explanation, d.key)
        for d in deadlines_of(agreement.subject, timeline, first, last)
    )
    states: tuple[tuple[int, State], ...] = ()
    party_states: list[tuple[tuple[int, State], ...]] = []
    if deadlines:
        states, *party_states = state_spans(timeline, first, last, agreement.parties)
    return (
        agreement.id, agreement.name, agreement.owner, agreement.reference, agreement.tags,
        agreement.parties, agreement.timezone, states,
        tuple(None if found == states else found for found in party_states), deadlines,
    )  # fmt: skip


def _answer(index: tuple[Any, ...], selection: Selection, within: Duration) -> IndexedAgenda | None:
    """The agenda from the index, or None when the window reaches past what it covers."""
    first, last, rows, due, replaced = index
    todays = {zone: today(zone_named(zone)) for zone in {row[6] for row in rows}}
    try:
        start = min(todays.values()).toordinal()
        end = max(within.add_to(day) for day in todays.values()).toordinal()
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
    entries: list[Listed] = [Indexed(rows[n], first, last, todays[rows[n][6]]) for n in numbers]
    try:
        items = agenda(entries, selection, within)
    except NotCovered:
        return None
    listed = {entry.id: entry for entry in entries}
    return IndexedAgenda(
        items, {item.agreement: listed[item.agreement].today() for item in items}, replaced
    )


# --- the file -------------------------------------------------------------------------------


def _digest(sources: Sequence[tuple[str, bytes]], bundled: bool) -> bytes:
    """What the index is made from: the files' names and content (the bundled catalog's too),
    and the code reading them."""
    made = hashlib.sha256(f"{FORMAT} {sys.version} {_code()}".encode())  # fast in hardware
    if bundled:
        with open(bundled_file(), "rb") as stream:
            made.update(stream.read())
    for name, data in sources:
        made.update(f"\0{name}\0{len(data)}\0".encode())
        made.update(data)
    return made.digest()


def _code() -> str:
    """The package's own code, and the holidays package's version (its tables of business
    days): a change to either, not only to our version number, makes indexes stale."""
    made = hashlib.sha256()
    folder = os.path.dirname(__file__)
    for name in sorted(os.listdir(folder)):
        if name.endswith(".py"):
            with open(os.path.join(folder, name), "rb") as stream:
                made.update(stream.read())
    with suppress(Exception):  # found without importing it (or importlib.metadata: 30 ms)
        from importlib.util import find_spec

        spec = find_spec("holidays")
        if spec is not None and spec.origin is not None:
            installed = os.path.dirname(os.path.dirname(spec.origin))
            made.update(
                " ".join(
                    sorted(n for n in os.listdir(installed) if n.startswith("holidays-"))
                ).encode()
            )
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


def _header(digest: bytes) -> bytes:
    return f"gsomia-clock agenda index {FORMAT} {digest.hex()}\n".encode()


def _read(path: str, digest: bytes) -> tuple[Any, ...] | None:
    try:
        with open(path, "rb") as stream:
            if stream.readline() != _header(digest):
                return None
            # Read whole, then decoded: marshal.load on a file reads it a few bytes at a time.
            index = marshal.loads(stream.read())
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
                stream.write(_header(digest))
                stream.write(marshal.dumps(index))
            os.replace(name, path)
        except BaseException:
            with suppress(OSError):
                os.unlink(name)
            raise
