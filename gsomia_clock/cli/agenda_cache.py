"""The agenda's index: what `agenda --within` reads of every agreement over the coming year,
kept in the user's cache folder and read again for as long as the catalog files are unchanged.

Reading a register of 100,000 agreements and compiling their histories takes seconds; asking
the same agenda again the next morning should not. The first `agenda --within` over a set of
catalog files writes, for each agreement, its state from day to day and its deadlines over
`HORIZON` days from today (explained over the first `EXPLAINED` of them: only `--json` shows
an explanation), and answers from that; a later one whose files have the same content
(and whose window ends within the horizon) reads only the index. Any change to a file, to the
package's code or to the Python that runs it makes the index stale, and the next run writes it
anew; but `record`, which changes one agreement, works out that agreement's row again in the
index made before the change (`recorded`), so that the next agenda still reads the index alone.

The index is a cache, and one that cannot be trusted is rebuilt, never believed and never fatal.
It is read only from a regular file (a FIFO would wait for a writer, a device may never end),
never through a symbolic link, owned by this user and writable by no one else, in one read of
the size the file has; its body is decoded only when the digest of it that its header holds is
right, so that only bytes this code wrote are decoded (the digest tells damage, and the owner
tells another's file: it is no secret against the user), and what is decoded is checked for
the shape this code gives it before an answer reads it (a row when it is in the window, each of
its deadlines when it is asked for). Each row, and each deadline of a row, is kept in its own
bytes and decoded only when an agenda lists it: most of a register's deadlines in the horizon
fall outside the window asked about, and decoding them all took half of an agenda's time. An
index that cannot be used is
written anew in its place; one that cannot be replaced (another's, in a folder that keeps it
theirs) is simply not used, and neither is a cache that cannot be written.

Where: `$GSOMIA_CLOCK_CACHE` (an empty value: no index at all), else the platform's cache
folder (`$XDG_CACHE_HOME` or `~/.cache`; `%LOCALAPPDATA%` on Windows) under `gsomia-clock`,
one file per set of catalog files; a folder made for it is the user's alone (0700). A relative
path in any of these variables is ignored, as the XDG Base Directory spec asks of its own: a
cache that moved with the working folder would be written into whatever folder a run starts in.
"""

from __future__ import annotations

import bisect
import hashlib
import marshal
import os
import stat
import sys
import tempfile
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import suppress
from datetime import UTC, date, timedelta
from itertools import islice
from pathlib import Path
from typing import Any, TypeGuard, final, overload

from ..agenda import CHANGES, AgendaItem, Listed, agenda, next_change, soonest
from ..agreement import Agreement
from ..catalog import bundled_agreement, catalog_of, merged, read_input
from ..days import today, zone_named
from ..deadlines import DEADLINE_KINDS, Deadline, DeadlineKind
from ..deadlines import deadlines as deadlines_of
from ..durations import Duration
from ..errors import ClockError, QueryError
from ..selection import Selection
from ..status import STATES, State, state_spans
from .collector import no_cyclic_gc
from .digests import sources_digest
from .progress import Progress, counted

__all__ = [
    "HORIZON",
    "Indexed",
    "IndexedAgenda",
    "agenda_from_index",
    "cache_folder",
    "indexed_agenda",
    "recorded",
]

FORMAT = 7  # of the file: raise it when what it holds changes
HORIZON = 400  # days from the day it is written: an agenda --within P1Y for a month
# Days from its first with each deadline's explanation worked out: `agenda --json --within
# P30D` for a month. Past them a deadline is kept with none, for the agendas that show none
# (text and CSV; an `Indexed` asked for explanations does not give them); explaining every deadline of the horizon took 40% of making the index of
# a register of monthly clauses in business days, for the few an agenda shows.
EXPLAINED = 62
_DAY = timedelta(days=1)
_LAST = date.max.toordinal()
# An index of a register of monthly contracts takes about 2.2 KB an agreement: a larger file
# than this is no index of one.
_LARGEST = 1 << 31
# Neither flag exists on Windows, where no FIFO can be met in a folder of files.
_OPENED = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)


class NotCovered(Exception):
    """A day the index holds nothing about: the answer is worked out from the catalog."""


@final
class Indexed:
    """One agreement as the index holds it, answering the agenda's questions for the days it
    covers (`first` to `last`) as the agreement itself would (see `agenda.Listed`)."""

    __slots__ = (
        "_days",
        "_deadlines",
        "_explained",
        "_explaining",
        "_later",
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

    def __init__(
        self,
        head: tuple[Any, ...],
        deadlines: Sequence[bytes | memoryview],
        first: int,
        last: int,
        today: date,
        *,
        explained: bool = True,
    ) -> None:
        """The row whose head is `head` and its deadlines' bytes `deadlines` (see `_row`).
        With `explained`, deadlines are given only up to the last day explained in the index
        (others are NotCovered); without, every day's, each with an empty explanation."""
        (
            self.id, self.name, self.owner, self.reference, self.tags, self.parties,
            self.timezone, self._states, self._party_states, self._days, _, _, self._later,
        ) = head  # fmt: skip
        self._deadlines = deadlines
        self.first, self.last, self._today = first, last, today
        self._explained = min(first + EXPLAINED, last) if explained else last
        self._explaining = explained

    def today(self) -> date:
        return self._today

    def state(self, on: date, party: str | None = None) -> State:
        ordinal = on.toordinal()
        if not self.first <= ordinal <= self.last:
            raise NotCovered(on)
        states: tuple[tuple[int, State], ...] = self._states
        if party is not None and states:
            states = self._party_states[self.parties.index(party)] or states
        return _state_on(states, ordinal)

    def deadlines(
        self,
        start: date,
        end: date,
        *,
        explained: bool = True,
        kinds: Collection[DeadlineKind] | None = None,
    ) -> Iterator[Deadline]:
        """Those from `start` to `end` (of `kinds`, when given), each decoded only as it is
        come to: the agenda looks no further than the first that its selection keeps (each
        with its explanation whatever `explained` says: it is decoded with the deadline, and
        costs nothing more)."""
        begins, ends = start.toordinal(), end.toordinal()
        if begins < self.first or ends > self._explained:
            raise NotCovered(start, end)
        # The deadlines' days as 32-bit numbers, in order: those of the window by bisection.
        days = memoryview(self._days).cast("i")
        low, high = bisect.bisect_left(days, begins), bisect.bisect_right(days, ends)
        found = self._decoded(range(low, high), begins, ends)
        return found if kinds is None else (d for d in found if d.kind in kinds)

    def change(self, today: date, party: str | None = None) -> Deadline | None:
        """`agenda.next_change` of the agreement, from its row: its first renewal, effect or
        expiry from `today` on in the index's span (`party`'s or everyone's while it is bound),
        else the first after the span, kept when the row was made (NotCovered for a party's,
        which that one need not be)."""
        if not self.first <= today.toordinal() <= self.last:
            raise NotCovered(today)
        mine = Selection(party=party)
        found = _changes(self.id, self._days, self._deadlines, today, self._explaining)
        past = False  # past the explained weeks, only the first change is explained (`_row`)
        for deadline in found:
            if self._explaining and deadline.date.toordinal() > self._explained:
                if past:
                    raise NotCovered(deadline.date)
                past = True
            if mine.keeps_of(self, deadline):
                return deadline
        if self._later is not None and party is not None:
            raise NotCovered(today)
        return _change_later(self.id, self._later, self._explaining)

    def _decoded(self, numbers: range, begins: int, ends: int) -> Iterator[Deadline]:
        """The deadlines of these numbers, each decoded and made a Deadline once checked (any
        not as `_row` writes it, or not of the days asked for: NotCovered)."""
        explaining = self._explaining
        pieces, days = self._deadlines, memoryview(self._days).cast("i")
        for k in numbers:
            kept = _loaded(pieces[k])
            if not _is_deadline(kept, explaining) or not begins <= kept[0] == days[k] <= ends:
                raise NotCovered(begins, ends)
            yield _made(self.id, kept, explaining)


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
    """Where indexes are kept, or None when they are not to be (`GSOMIA_CLOCK_CACHE=`, or no
    home folder to be found); a relative path is ignored (see above)."""
    named = os.environ.get("GSOMIA_CLOCK_CACHE")
    if named is not None and (not named or os.path.isabs(named)):
        return named or None
    from .folders import user_folder

    return user_folder("XDG_CACHE_HOME", ".cache", "LOCALAPPDATA")


def indexed_agenda(
    files: Sequence[str],
    bundled: bool,
    selection: Selection,
    within: Duration,
    *,
    explained: bool = True,
) -> IndexedAgenda:
    """`agenda --within` over the bundled catalog (with `bundled`) and `files`, from the index:
    the one kept in the cache when it is current, else one made now (and kept). A window
    longer than the index covers (with each deadline's explanation, when `explained`) is worked
    out from the catalog itself."""
    sources = [(file, read_input(file, file)) for file in files]
    path = _path(files, bundled)
    first = today(UTC) - _DAY  # no zone's today is earlier, nor later than a day after UTC's
    last = first + timedelta(days=HORIZON)
    covers = first + timedelta(days=EXPLAINED) if explained else last
    try:
        covered = within.add_to(first + 2 * _DAY) <= covers
    except OverflowError:
        covered = False
    if covered:
        kept = None if path is None else (path, _digest(sources, bundled))
        content = None if kept is None else _read(kept[0])
        if kept is not None and content is not None:
            # Collection resumes only once the index is let go: else it would go over every
            # row, again and again as they are decoded (three quarters of the time to decode).
            with no_cyclic_gc():
                answer = agenda_from_index(content, kept[1], selection, within, explained)
            if answer is not None:
                return answer
        with no_cyclic_gc():  # as above
            answer = _indexed(
                _drained(sources), bundled, (first, last), kept, selection, within, explained
            )
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
    explained: bool,
) -> IndexedAgenda | None:
    """The agenda from an index made now from `sources` over `span`, and kept at the path
    `kept` names with its digest (unless None); None when the catalog is not to be indexed (an
    agreement near the calendar's end) or the window reaches past the span."""
    try:
        top, rows = _built(sources, bundled, *span)
    except (NotCovered, OverflowError, QueryError):
        return None
    if kept is not None:
        _write(*kept, top, rows)
    return _answer(top, rows, selection, within, explained)


def _drained(sources: list[tuple[str, bytes]]) -> Iterator[tuple[str, bytes]]:
    """Each file, let go once it has been read."""
    while sources:
        yield sources.pop(0)


# --- what the index holds -------------------------------------------------------------------


def _built(
    sources: Iterable[tuple[str, bytes]], bundled: bool, first: date, last: date
) -> tuple[tuple[Any, ...], list[bytes]]:
    """The index of the catalog, from `first` to `last` (its top and its rows, see `_parts`):
    each agreement is read, kept as its row's bytes and let go, so that the register is never
    held whole (see `catalog.merged`)."""
    rows: dict[str, tuple[bytes, bytes, str]] = {}  # each row's bytes, its deadlines' days, zone
    replaced = []
    progress = Progress("agenda", "agreements indexed")
    agreements = counted(merged(sources, bundled=bundled), progress)
    with progress, no_cyclic_gc():  # many small objects, no cycles: see collector.py
        # A thousand at a time, each step over all of them: 5% faster than one by one.
        while batch := list(islice(agreements, 1000)):
            for file, ident, found, earlier in batch:
                if earlier is not None:
                    replaced.append((ident, file, earlier))
                agreement = bundled_agreement(found) if isinstance(found, bytes) else found
                rows[ident] = (*_row(agreement, first, last), agreement.timezone)
                agreement.timelines.forget()  # its row is all that is kept of it
    return _assembled(first, last, rows, tuple(replaced))


def _assembled(
    first: date,
    last: date,
    rows: dict[str, tuple[bytes, bytes, str]],
    replaced: tuple[tuple[str, str, str], ...],
) -> tuple[tuple[Any, ...], list[bytes]]:
    """The index of these rows (each agreement's bytes, its deadlines' days and its zone, by
    id) from `first` to `last`: its top and its rows' bytes (see `_parts`)."""
    listed = list(rows.values())
    due = _due(
        sorted(
            (day, n, j)
            for n, (_, days, _) in enumerate(listed)
            for j, day in enumerate(memoryview(days).cast("i").tolist())
            if day  # a renewal: no deadline to act on
        )
    )
    data = [data for data, _, _ in listed]
    zones = tuple(sorted({zone for _, _, zone in listed}))
    zoned = _zoned(zones, [zone for _, _, zone in listed])
    top = (
        first.toordinal(), last.toordinal(), tuple(rows), _offsets(data), due, replaced, zones,
        zoned,
    )  # fmt: skip
    return top, data


def _zoned(zones: tuple[str, ...], each: Iterable[str]) -> bytes:
    """The zone of each row, as its place in `zones` (16-bit numbers): an agenda finds the
    rows due in their own zone's window before it decodes any."""
    place = {zone: n for n, zone in enumerate(zones)}
    return array("H", [place[zone] for zone in each]).tobytes()


Due = tuple[bytes, bytes, bytes]


def _due(triples: Sequence[tuple[int, int, int]]) -> Due:
    """Each deadline's day, its row's number and its number in the row, sorted: a window's
    rows are found by bisection, and the first of each row's deadlines in it. Kept as three
    arrays of 32-bit numbers, which are read without making an object of each (a large
    register has millions of deadlines in the index's span)."""
    return (
        array("i", [day for day, _, _ in triples]).tobytes(),
        array("i", [n for _, n, _ in triples]).tobytes(),
        array("i", [j for _, _, j in triples]).tobytes(),
    )


def _due_moved(due: Due, place: int, before: bytes, after: bytes) -> Due:
    """`due` with row `place`'s deadlines on the days `before` (32-bit numbers, as a row keeps
    them, 0 for a renewal, which is not among them) taken out and those on the days `after` put
    in, each where it sorts: the rest is not read (a register of 100,000 monthly contracts has
    millions of them)."""
    days, numbers, js = array("i"), array("i"), array("i")
    for kept, found in zip((days, numbers, js), due, strict=True):
        kept.frombytes(found)
    for day in memoryview(before).cast("i").tolist():
        if not day:
            continue
        at = _due_at(days, numbers, day, place, bisect.bisect_left)
        if at == len(days) or (days[at], numbers[at]) != (day, place):
            raise NotCovered(day)  # not as `_built` made it
        del days[at], numbers[at], js[at]
    for j, day in enumerate(memoryview(after).cast("i").tolist()):
        if not day:
            continue
        at = _due_at(days, numbers, day, place, bisect.bisect_right)  # after its j - 1
        days.insert(at, day)
        numbers.insert(at, place)
        js.insert(at, j)
    return days.tobytes(), numbers.tobytes(), js.tobytes()


def _due_at(
    days: array[int],
    numbers: array[int],
    day: int,
    place: int,
    side: Callable[[array[int], int, int, int], int],
) -> int:
    """Where (day, place) is, or would sort (`side` of those there), among `days`, `numbers`."""
    low = bisect.bisect_left(days, day)
    return side(numbers, place, low, bisect.bisect_right(days, day, low))


def _row(agreement: Agreement, first: date, last: date) -> tuple[bytes, bytes]:
    """One agreement as the index keeps it, and its deadlines' days (32-bit numbers, in order):
    its head, plain values only (marshal writes no others), marshalled, then each deadline's
    own bytes, one after the other (see `_Pieces`), decoded only when it is asked for.

    Its states from day to day only when it has a deadline in the index's span: `agenda
    --within` asks the state of an agreement only when it lists it, for a deadline in its
    window (most agreements of a register have none within a year).
    """
    timeline = agreement.timeline()
    middle = min(first + timedelta(days=EXPLAINED), last)
    found = [
        *deadlines_of(agreement.subject, timeline, first, middle),
        *deadlines_of(agreement.subject, timeline, middle + _DAY, last, explained=False),
    ]
    # An agenda that explains is answered from the index for a today in its explained weeks:
    # the next change it shows beside a deadline is then one of those weeks', or the first
    # after them, which is explained too (or, with none in the span, the first past it).
    later_kinds = [n for n, d in enumerate(found) if d.kind in CHANGES and d.date > middle]
    if later_kinds:
        n = later_kinds[0]
        day, kind, key = found[n].date, found[n].kind, found[n].key
        same = deadlines_of(agreement.subject, timeline, day, day, kinds=(kind,))
        found[n] = next(d for d in same if (d.key, d.party) == (key, found[n].party))
    deadlines = [_kept(d) for d in found]
    states: tuple[tuple[int, State], ...] = ()
    party_states: list[tuple[tuple[int, State], ...]] = []
    later: bytes | None = b""  # the first change past the span: not kept (see `_change_later`)
    if deadlines:
        states, *party_states = state_spans(timeline, first, last, agreement.parties)
        if not any(d.kind in CHANGES for d in found):  # else one comes first, for most todays
            after = next_change(agreement, last + _DAY)
            later = None if after is None else _kept(after)
    days = array("i", [d.date.toordinal() for d in found]).tobytes()
    # The days of the deadlines to act on, a renewal's as 0 (no day): an agenda lists those.
    due = array("i", [0 if d.kind == "renewal" else d.date.toordinal() for d in found])
    head = (
        agreement.id, agreement.name, agreement.owner, agreement.reference, agreement.tags,
        agreement.parties, agreement.timezone, states,
        tuple(None if found == states else found for found in party_states), days,
        _offsets(deadlines), due.tobytes(), later,
    )  # fmt: skip
    return marshal.dumps(head) + b"".join(deadlines), due.tobytes()


def _kept(d: Deadline) -> bytes:
    """A deadline as a row keeps it (see `_is_deadline`)."""
    return marshal.dumps((d.date.toordinal(), d.kind, d.party, d.summary, d.explanation, d.key))


def _offsets(pieces: Sequence[bytes]) -> bytes:
    """Where each of `pieces` starts, one after the other, and where the last ends (64-bit
    numbers): see `_Pieces`."""
    offsets = array("q", [0])
    for piece in pieces:
        offsets.append(offsets[-1] + len(piece))
    return offsets.tobytes()


def _answer(
    top: object,
    rows: Sequence[bytes | memoryview],
    selection: Selection,
    within: Duration,
    explained: bool,
) -> IndexedAgenda | None:
    """The agenda from the index (its top and the bytes of each row, see `_parts`), or None
    when the window reaches past what it covers (with explanations, when `explained`) or the
    index is not of the shape `_built` gives it (checked of what is read: its top, and the rows
    due in the window)."""
    if not _is_index(top) or "renewal" in selection.kinds:  # none among those due: see _row
        return None
    first, last, ids, _, due, replaced, zones, zoned = top
    if not ids:
        return IndexedAgenda((), {}, replaced)
    try:
        todays = [today(zone_named(zone)) for zone in zones]
        windows = [(day.toordinal(), within.add_to(day).toordinal()) for day in todays]
    except (OverflowError, ValueError):  # past the calendar's end; a zone unknown
        return None
    start, end = min(windows)[0], max(ends for _, ends in windows)
    if start < first or end > last:
        return None
    # The rows with a deadline in the window of their own zone's today (those alone decoded),
    # each with the first of them: where it is among the deadlines due.
    days, found, _ = (memoryview(kept).cast("i") for kept in due)
    low, high = bisect.bisect_left(days, start), bisect.bisect_right(days, end)
    zone_of = memoryview(zoned).cast("H")
    firsts: dict[int, int] = {}
    pairs = zip(days[low:high].tolist(), found[low:high].tolist(), strict=True)
    for at, (day, n) in enumerate(pairs, low):
        if not 0 <= n < len(rows):
            return None  # not as `_built` made it
        if n not in firsts:
            begins, ends = windows[zone_of[n]]
            if begins <= day <= ends:
                firsts[n] = at
    try:
        if selection == Selection():  # every deadline kept: each row's first is its next
            limit = min(first + EXPLAINED, last) if explained else last
            listed = _firsts(firsts, top, rows, windows, todays, limit, explained)
        else:
            listed = _selected(firsts, top, rows, todays, selection, within, explained)
    except NotCovered:
        return None
    return IndexedAgenda(*listed, replaced)


Listing = tuple[tuple[AgendaItem, ...], dict[str, date]]  # the agenda, each listed one's today


def _selected(
    firsts: dict[int, int],
    top: tuple[Any, ...],
    rows: Sequence[bytes | memoryview],
    todays: list[date],
    selection: Selection,
    within: Duration,
    explained: bool,
) -> Listing:
    """The agenda of the rows `firsts` names, as `agenda` makes it of each one's `Indexed`."""
    first, last, _, _, _, _, zones, zoned = top
    zone_of = memoryview(zoned).cast("H")
    entries: list[Listed] = []
    dated = {}
    for n in sorted(firsts):
        zone = zone_of[n]
        entry = _entry(rows[n], first, last, zones[zone], todays[zone], explained)
        if entry is None:
            raise NotCovered(n)
        entries.append(entry)
        dated[entry.id] = todays[zone]
    items = agenda(entries, selection, within, changes=_change_of)
    return items, {item.agreement: dated[item.agreement] for item in items}


def _change_of(entry: Listed, today: date, party: str | None) -> Deadline | None:
    """`agenda.next_change` of an entry of the index, from its row (see `Indexed.change`)."""
    assert isinstance(entry, Indexed)
    return entry.change(today, party)


def _firsts(
    firsts: dict[int, int],
    top: tuple[Any, ...],
    rows: Sequence[bytes | memoryview],
    windows: list[tuple[int, int]],
    todays: list[date],
    limit: int,
    explained: bool,
) -> Listing:
    """The agenda of a selection that keeps every agreement and deadline: each row `firsts`
    names, with its deadline where `firsts` says it is among those due (the first in its
    window), as `agenda` lists it (the test suite checks it) without making an `Indexed` of it.
    NotCovered for a row or deadline not as `_built` made it, or a window past the day `limit`.
    """
    _, _, _, _, due, _, zones, zoned = top
    days, _, js = (memoryview(kept).cast("i") for kept in due)
    zone_of = memoryview(zoned).cast("H")
    items, dated = [], {}
    for n, at in firsts.items():
        zone, day, j = zone_of[n], days[at], js[at]
        today, ends = windows[zone]
        data = rows[n]
        head = _head(data)
        if head is None or head[6] != zones[zone] or ends > limit:
            raise NotCovered(n)
        pieces = _Pieces(head[10], memoryview(data))
        kept = _loaded(pieces.get(j))
        if not _is_deadline(kept, explained) or not kept[0] == day == _days(head)[j]:
            raise NotCovered(n)
        ident = head[0]
        deadline = _made(ident, kept, explained)
        state = _state_on(head[7], today)
        on = date.fromordinal(today)
        change = next(_changes(ident, head[9], pieces, on, explained), None)
        if change is None:
            change = _change_later(ident, head[12], explained)
        items.append(
            AgendaItem(
                ident, head[1], state, deadline, day - today, head[2], head[3], head[4], change
            )
        )
        dated[ident] = todays[zone]
    items.sort(key=soonest)
    return tuple(items), dated


def _changes(
    ident: str,
    days: bytes,
    pieces: Sequence[bytes | memoryview],
    today: date,
    explained: bool,
) -> Iterator[Deadline]:
    """A row's renewals, effects and expiries from `today` to the end of the index's span, in
    order, each decoded as it is come to (its explanation kept to the end of the span: see
    `_row`); NotCovered for one not as `_row` writes it."""
    found = memoryview(days).cast("i")
    for k in range(bisect.bisect_left(found, today.toordinal()), len(found)):
        kept = _loaded(pieces[k])
        if not _is_deadline(kept, explained) or kept[0] != found[k]:
            raise NotCovered(today)
        if kept[1] in CHANGES:
            yield _made(ident, kept, explained)


def _change_later(ident: str, later: bytes | None, explained: bool) -> Deadline | None:
    """The first change after the index's span, as its row keeps it (None: none to come).
    A row with a change in the span keeps none (empty bytes): past its last, NotCovered."""
    if later is None:
        return None
    if not later:
        raise NotCovered(ident)
    kept = _loaded(later)
    if not _is_deadline(kept, explained) or kept[1] not in CHANGES:
        raise NotCovered(later)
    return _made(ident, kept, explained)


def _made(ident: str, kept: tuple[Any, ...], explained: bool) -> Deadline:
    """The Deadline a row keeps as `kept` (checked by `_is_deadline`), its explanation only
    when `explained`."""
    day, kind, party, summary, explanation, key = kept
    return Deadline(
        ident, date.fromordinal(day), kind, party, summary, explanation if explained else (), key
    )


def _days(head: tuple[Any, ...]) -> memoryview:
    """The days of a row's deadlines, in order (see `_row`)."""
    return memoryview(head[9]).cast("i")


def _state_on(states: tuple[tuple[int, State], ...], ordinal: int) -> State:
    """The state on the day `ordinal`, of the spans `status.state_spans` gave from the index's
    first day on; NotCovered when none were kept (see `_row`)."""
    if not states:
        raise NotCovered(ordinal)
    return states[bisect.bisect_right(states, (ordinal, "~")) - 1][1]


def _entry(
    data: bytes | memoryview, first: int, last: int, zone: str, today: date, explained: bool
) -> Indexed | None:
    """The row whose bytes are `data`, of an agreement in `zone` where it is `today`, when it
    is as `_row` makes it; else None."""
    head = _head(data)
    if head is None or head[6] != zone:
        return None
    deadlines = _Pieces(head[10], memoryview(data))
    return Indexed(head, deadlines, first, last, today, explained=explained)


def _head(data: bytes | memoryview) -> tuple[Any, ...] | None:
    """The head of the row whose bytes are `data`, when it is as `_row` makes it; else None."""
    head = _loaded(data)
    return head if _is_row(head) else None


def _loaded(data: bytes | memoryview) -> object:
    """What `data`, bytes this code wrote (the index's digest held), holds; None if they are
    not whole."""
    try:
        return marshal.loads(data)
    except (EOFError, ValueError, TypeError, SystemError):  # SystemError: a code object's
        return None


# Only what marshal writes can be read back, and it makes no subclasses: `type(x) is` suffices.


def _is_index(top: object) -> TypeGuard[tuple[Any, ...]]:
    """Whether the top of an index is as `_built` makes it (its rows: see `_is_row`)."""
    if type(top) is not tuple or len(top) != 8:
        return False
    first, last, ids, offsets, due, replaced, zones, zoned = top
    return (
        type(first) is int
        and type(last) is int
        and _strings(ids)
        and type(offsets) is bytes and len(offsets) == 8 * (len(ids) + 1)
        and type(due) is tuple and len(due) == 3
        and all(type(kept) is bytes and len(kept) % 4 == 0 for kept in due)
        and len(due[0]) == len(due[1]) == len(due[2])
        and type(replaced) is tuple
        and all(_strings(found) and len(found) == 3 for found in replaced)
        and _strings(zones)
        # each row's zone, as its place in `zones` (a 16-bit number)
        and type(zoned) is bytes and len(zoned) == 2 * len(ids)
        and (not zoned or max(memoryview(zoned).cast("H")) < len(zones))
    )  # fmt: skip


def _is_row(row: object) -> TypeGuard[tuple[Any, ...]]:
    """Whether the head of a row is as `_row` makes it."""
    if type(row) is not tuple or len(row) != 13:
        return False
    ident, name, owner, reference, tags, parties, zone, states, party_states, days, ends = row[:11]
    due, later = row[11:]
    return (
        type(ident) is str and type(name) is str and type(zone) is str
        and (owner is None or type(owner) is str)
        and (reference is None or type(reference) is str)
        and _strings(tags) and _strings(parties)
        and _is_spans(states)
        and type(party_states) is tuple
        and len(party_states) == (len(parties) if states else 0)
        and _each_spans(party_states)
        and type(days) is bytes and len(days) % 4 == 0
        # each deadline decoded and checked when it is asked for: see Indexed.deadlines
        and type(ends) is bytes and len(ends) == 2 * len(days) + 8
        and type(due) is bytes and len(due) == len(days)
        and (later is None or type(later) is bytes)
    )  # fmt: skip


# The checks below are loops, not `all` over a generator: an agenda of a large register runs
# them for each row it lists, and a loop takes a third of the time.


def _is_spans(states: object) -> bool:
    """Whether `states` are as `status.state_spans` gives them."""
    if type(states) is not tuple:
        return False
    for span in states:
        if not (type(span) is tuple and len(span) == 2 and type(span[0]) is int):
            return False
        if span[1] not in STATES:
            return False
    return True


def _each_spans(found: tuple[object, ...]) -> bool:
    """Whether each of a row's states of its parties is None (the agreement's) or spans."""
    for states in found:  # noqa: SIM110 (see above)
        if states is not None and not _is_spans(states):
            return False
    return True


def _is_deadline(deadline: object, explained: bool = True) -> TypeGuard[tuple[Any, ...]]:
    """Whether `deadline` is a deadline as `_row` keeps it (its explanation too, when it is to
    be shown)."""
    if type(deadline) is not tuple or len(deadline) != 6:
        return False
    day, kind, party, summary, explanation, key = deadline
    return (
        type(day) is int and 0 < day <= _LAST
        and kind in DEADLINE_KINDS
        and (party is None or type(party) is str)
        and type(summary) is str and type(key) is str
        and (not explained or _strings(explanation))
    )  # fmt: skip


def _strings(values: object) -> bool:
    if type(values) is not tuple:
        return False
    for value in values:  # noqa: SIM110 (see above)
        if type(value) is not str:
            return False
    return True


# --- the file -------------------------------------------------------------------------------


def _digest(sources: Sequence[tuple[str, bytes]], bundled: bool) -> bytes:
    """What the index is made from: the files' names and content (the bundled catalog's too),
    and the code reading them."""
    return sources_digest(sources, bundled, f"agenda index {FORMAT} {sys.byteorder}")


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


def _header(digest: bytes, *body: bytes | memoryview) -> bytes:
    """The first line of the index of sources of this `digest` (see `_digest`), whose body is
    the pieces `body`: a damaged body, or one of other sources, is told before it is decoded."""
    made = hashlib.sha256()
    for piece in body:
        made.update(piece)
    return f"gsomia-clock agenda index {FORMAT} {digest.hex()} {made.hexdigest()}\n".encode()


def agenda_from_index(
    content: bytes, digest: bytes, selection: Selection, within: Duration, explained: bool = True
) -> IndexedAgenda | None:
    """`agenda --within` from `content`, the bytes of an index file, when they are the index
    this code wrote of sources of this `digest` (see `_digest`) and cover the window; None for
    any other bytes, never an error (a way in for a fuzzer)."""
    found = _decoded(content, digest)
    return None if found is None else _answer(*found, selection, within, explained)


def _decoded(content: bytes, digest: bytes) -> tuple[object, _Pieces] | None:
    """The top of the index `content` holds and the bytes of its rows (see `_parts`), when it
    is an index this code wrote of sources of this `digest`; else None. What they hold is still
    to be checked (`_is_index`, `_is_row`)."""
    size = len(_header(digest))  # every header has the same length
    body = memoryview(content)[size:]
    if content[:size] != _header(digest, body):
        return None
    try:
        top: object = marshal.loads(body)  # the rows that follow it are left undecoded
    except (EOFError, ValueError, TypeError, SystemError, MemoryError):  # a forged header
        return None
    return _parts(top, body)


def _parts(top: object, body: memoryview) -> tuple[object, _Pieces]:
    """An index's body is its top, marshalled, then its rows' bytes one after the other (see
    `_Pieces`: the top's `offsets` place them)."""
    offsets = top[3] if type(top) is tuple and len(top) > 3 else None
    return top, _Pieces(offsets if type(offsets) is bytes else b"", body)


@final
class _Pieces(Sequence[memoryview]):
    """Byte strings kept one after the other at the end of `body`, each where `offsets` (64-bit
    numbers) say it starts, and the last where it ends: the rows of an index file, and the
    deadlines of a row. A place outside them gives no bytes, which decode to nothing."""

    __slots__ = ("_count", "_places", "_region", "_size")

    def __init__(self, offsets: bytes, body: memoryview) -> None:
        if not offsets or len(offsets) % 8:  # no pieces: see _is_index and _is_row
            offsets = bytes(8)
        self._places = memoryview(offsets).cast("q")
        self._count = len(self._places) - 1
        self._region = body[max(len(body) - self._places[-1], 0) :]
        self._size = len(self._region)

    def __len__(self) -> int:
        return self._count

    def get(self, n: int) -> memoryview:
        """Piece `n`; no bytes for a number that is none of theirs."""
        if not 0 <= n < self._count:
            return self._region[:0]
        return self[n]

    @overload
    def __getitem__(self, n: int) -> memoryview: ...
    @overload
    def __getitem__(self, n: slice) -> Sequence[memoryview]: ...
    def __getitem__(self, n: int | slice) -> memoryview | Sequence[memoryview]:
        if isinstance(n, slice):
            return [self[k] for k in range(*n.indices(len(self)))]
        begins, ends = self._places[n], self._places[n + 1]
        if not 0 <= begins <= ends <= self._size:
            return self._region[:0]
        return self._region[begins:ends]

    def runs(self, n: int) -> tuple[memoryview, memoryview, int]:
        """The bytes of the rows before row `n`, those after it, and row `n`'s length."""
        return (
            self._region[: self._places[n]],
            self._region[self._places[n + 1] :],
            self._places[n + 1] - self._places[n],
        )


def recorded(
    files: Sequence[str], bundled: bool, changed: Path, before: bytes, agreement: Agreement
) -> None:
    """After `record` changed `agreement` in the file `changed` (which held `before`), the index
    of these files, when it was current before, made current again by working out that one
    agreement's row: the next agenda of a large register reads the index, not the register
    (and the index itself only for that row, its place and its deadlines' days).
    An index of any doubt (none, stale, the agreement not in it, or one that another file
    replaces) is left as it is, for the next agenda to make anew."""
    path = _path(files, bundled)
    if path is None:
        return
    with suppress(OSError, ClockError, NotCovered, OverflowError):
        content = _read(path)
        if content is None:
            return
        now = [(file, read_input(file, file)) for file in files]
        then = [(file, before if Path(file) == changed else data) for file, data in now]
        found = _decoded(content, _digest(then, bundled))
        if found is None:
            return
        top, rows = found
        if not _is_index(top):
            return
        first, last, ids, offsets, due, replaced, zones, zoned = top
        if agreement.id not in ids or any(entry[0] == agreement.id for entry in replaced):
            return
        place = ids.index(agreement.id)
        earlier = _head(rows[place])
        if earlier is None or earlier[0] != agreement.id:
            return
        data, days = _row(agreement, date.fromordinal(first), date.fromordinal(last))
        before_it, after_it, size = rows.runs(place)
        places = array("q")
        places.frombytes(offsets)
        moved = len(data) - size
        for n in range(place + 1, len(places)):
            places[n] += moved
        due = _due_moved(due, place, earlier[11], days)
        each = [zones[n] for n in memoryview(zoned).cast("H").tolist()]
        each[place] = agreement.timezone
        zones = tuple(sorted({*zones, agreement.timezone}))
        made = (first, last, ids, places.tobytes(), due, replaced, zones, _zoned(zones, each))
        _write(path, _digest(now, bundled), made, [before_it, data, after_it])


def _read(path: str) -> bytes | None:
    """The bytes of the file at `path`, or None unless it may be an index of ours (see the
    module's docstring)."""
    try:
        handle = os.open(path, _OPENED)
        with os.fdopen(handle, "rb") as stream:
            found = os.fstat(handle)
            if not (stat.S_ISREG(found.st_mode) and found.st_size <= _LARGEST and _ours(found)):
                return None
            # No more than it holds: one changed as it is read fails its digest in any case.
            return stream.read(found.st_size)
    except OSError:
        return None


def _ours(found: os.stat_result) -> bool:
    """Whether the file is this user's, and no one else may write it."""
    if sys.platform == "win32":  # no owners there: the user's own folder is the only guard
        return True
    return found.st_uid == os.geteuid() and not found.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _write(
    path: str, digest: bytes, top: tuple[Any, ...], rows: Sequence[bytes | memoryview]
) -> None:
    """The index of top `top` and rows `rows` (the bytes of each, or of runs of them: see
    `_parts`), whole or not at all (a temporary file, then one rename); a cache not written is
    no error."""
    folder = os.path.dirname(path)
    with suppress(OSError):
        os.makedirs(folder, mode=0o700, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".agenda-", dir=folder)
        try:
            with os.fdopen(handle, "wb") as stream:
                head = marshal.dumps(top)
                stream.write(_header(digest, head, *rows))
                stream.write(head)
                stream.writelines(rows)
            os.replace(name, path)
        except BaseException:
            with suppress(OSError):
                os.unlink(name)
            raise
