"""`report -o DIR`: the register's pages, each drawn again only when what it shows has changed.

Drawing an agreement's page (its timeline above all) is most of a report's work, and a register
published every morning changes by a few agreements a day. So the report keeps, in the folder
it writes, a record of the pages it made, `DIR/.gsomia-clock-report` (JSON): for each page, a
digest of what it was drawn from (the agreement, its line of the register, its today, and the
package's code), and the size and modification time the page had once written. A page whose
digest and file are both as recorded is left as it is, undrawn; any other is drawn, and written
if its bytes differ from the file's. The index is drawn every time (it is one table).

When the catalog files, the bundled catalog, the code, the agreements and filters asked for
and every zone's today are all as the record says, and every page is as it was written, the
report is known to be the same as the one in DIR without even reading the catalog.

The record is a cache: one that is missing, damaged or of another version is not believed (every
page is drawn), and one that cannot be written costs the next run its time, not its answer.
A page edited by hand, or removed, no longer has the size and time recorded: it is drawn again.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterator, Mapping
from contextlib import suppress
from functools import partial
from pathlib import Path
from typing import Any

from ..agenda import agenda
from ..catalog import catalog_of, read_input
from ..days import today, zone_named
from ..errors import QueryError
from ..report import agreement_page, index_page, page_name
from ..selection import Selection
from .catalogs import catalog_files, inputs, no_bundled, said_replaced, selected
from .collector import kept_to_the_end, no_cyclic_gc
from .digests import code_digest, sources_digest
from .progress import Progress
from .streams import warn
from .text import plural
from .whole_files import write_folder, write_whole

__all__ = ["RECORD", "write_report"]

RECORD = ".gsomia-clock-report"  # in DIR, beside index.html
FORMAT = 1  # of the record: raise it when what it holds changes
INDEX = "index.html"
# Neither flag exists on Windows, where no FIFO can be met in a folder of files.
_OPENED = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)


def write_report(args: argparse.Namespace, selection: Selection) -> int:
    """`report -o DIR` (see the module's docstring): the pages that changed, written whole."""
    folder = Path(args.output)
    files = catalog_files(args)
    bundled = not no_bundled(args)
    sources = [(file, read_input(file, file)) for file in files]
    asked = repr((tuple(args.ids), selection))
    made_from = sources_digest(sources, bundled, f"report {FORMAT} {asked}").hex()
    record = _record(folder / RECORD)
    if record is not None and _all_as_recorded(record, made_from, folder):
        said_replaced([tuple(found) for found in record["replaced"]])
        count = len(record["pages"])
        _said(folder, count - 1, count)
        return 0
    with no_cyclic_gc():
        catalog = catalog_of(sources, bundled=bundled)
    kept_to_the_end()
    said_replaced(catalog.replaced)
    selection.check(catalog.values())
    chosen = selected(args, catalog, selection)
    items = agenda(chosen, selection)
    by_id = {a.id: a for a in chosen}
    todays = {zone: today(zone_named(zone)).isoformat() for zone in {a.timezone for a in chosen}}
    code = code_digest()
    keys = {
        page_name(item.agreement): _key(code, repr(by_id[item.agreement]), repr(item),
                                        by_id[item.agreement].today().isoformat())
        for item in items
    }  # fmt: skip
    recorded: dict[str, list[Any]] = record["pages"] if record else {}
    undrawn = {
        name for name, key in keys.items() if _as_recorded(recorded.get(name), key, folder / name)
    }
    drawn = {item.agreement: item for item in items if page_name(item.agreement) not in undrawn}
    with Progress("report", "pages") as progress:
        draw: dict[str, Callable[[], str]] = {INDEX: lambda: index_page(items, by_id)}
        draw |= {page_name(i): partial(agreement_page, by_id[i], drawn[i]) for i in drawn}
        pages = _Pages(draw, progress)
        written = write_folder(args.output, pages, inputs(args))
    _keep(
        folder / RECORD,
        {
            "gsomia-clock report": FORMAT,
            "made from": made_from,
            "todays": dict(sorted(todays.items())),
            "replaced": [list(found) for found in catalog.replaced],
            "pages": {
                name: [key, *found]
                for name, key in {**keys, INDEX: ""}.items()
                if (found := _stat(folder / name)) is not None
            },
        },
    )
    _said(folder, len(items), len(items) + 1 - written)
    return 0


class _Pages(Mapping[str, bytes]):
    """The pages to write, each drawn when it is asked for (and then let go), progress told."""

    def __init__(self, made: Mapping[str, Callable[[], str]], progress: Progress) -> None:
        self.made, self.progress, self.done = made, progress, 0

    def __getitem__(self, name: str) -> bytes:
        page = self.made[name]().encode()
        self.done += 1
        self.progress(self.done, len(self.made))
        return page

    def __iter__(self) -> Iterator[str]:
        return iter(self.made)

    def __len__(self) -> int:
        return len(self.made)


def _key(*parts: str) -> str:
    """The digest of what a page is drawn from."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _stat(path: Path) -> list[int] | None:
    """A page's size and modification time (ns), as the record keeps them; None when there is
    no page to be found."""
    try:
        found = path.stat()
    except OSError:
        return None
    return [found.st_size, found.st_mtime_ns]


def _as_recorded(entry: list[Any] | None, key: str, path: Path) -> bool:
    """Whether the page at `path` was drawn from `key` and is still as it was written."""
    return entry is not None and entry[0] == key and entry[1:] == _stat(path)


def _all_as_recorded(record: dict[str, Any], made_from: str, folder: Path) -> bool:
    """Whether the report in `folder` is the one these sources make today (see above)."""
    if record["made from"] != made_from or INDEX not in record["pages"]:
        return False
    try:
        if any(today(zone_named(z)).isoformat() != day for z, day in record["todays"].items()):
            return False
    except (QueryError, ValueError, OverflowError):
        return False
    return all(entry[1:] == _stat(folder / name) for name, entry in record["pages"].items())


def _record(path: Path) -> dict[str, Any] | None:
    """The record in DIR, when there is one of this shape (else None: nothing is believed):
    read only from a regular file, never through a link (it is the report's own)."""
    try:
        handle = os.open(path, _OPENED)
        with os.fdopen(handle, "rb") as stream:
            if not stat.S_ISREG(os.fstat(handle).st_mode):
                return None
            found = json.loads(stream.read())
    except (OSError, ValueError, RecursionError):
        return None
    valid = (
        type(found) is dict
        and found.get("gsomia-clock report") == FORMAT
        and type(found.get("made from")) is str
        and type(found.get("todays")) is dict
        and all(type(day) is str for day in found["todays"].values())
        and type(found.get("replaced")) is list
        and all(
            type(r) is list and len(r) == 3 and all(type(x) is str for x in r)
            for r in found["replaced"]
        )
        and type(found.get("pages")) is dict
        and all(
            type(e) is list and len(e) == 3 and type(e[0]) is str
            and type(e[1]) is int and type(e[2]) is int
            for e in found["pages"].values()
        )
    )  # fmt: skip
    return found if valid else None


def _keep(path: Path, record: dict[str, Any]) -> None:
    """The record written whole, in the place of none or of a writable regular file (never
    through a link, nor over anything else); one that cannot be is no error (the next run draws
    again)."""
    from ..errors import ClockError

    try:
        found = path.lstat()
        writable = found.st_mode & 0o222 and os.access(path, os.W_OK)  # root may write any
        if not stat.S_ISREG(found.st_mode) or not writable:
            return
    except FileNotFoundError:
        pass
    except OSError:
        return
    with suppress(ClockError):  # write_whole's errors are all ClockErrors
        write_whole(path, json.dumps(record).encode())


def _said(folder: Path, count: int, unchanged: int) -> None:
    index = os.path.join(folder, INDEX)
    kept = f", {plural(unchanged, 'page')} unchanged" if unchanged else ""
    warn(f"{index}: {plural(count, 'agreement')}{kept}")
