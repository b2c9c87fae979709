"""The changes the command line made to people's files, kept to be undone (contract v3).

Each change that `record` (and later `import`) makes is written whole, under a lock, only if the
file is still as it was read; and kept, with the file's bytes before it, in the state folder
(`$XDG_STATE_HOME/gsomia-clock/`, by default `~/.local/state/gsomia-clock/`; `%LOCALAPPDATA%` on
Windows): the last `KEPT` of them. `undo` puts the latest back, provided the file is still as that
change left it. The locks live there too, one per file, so that nothing is added to the folder a
person keeps their register in (and under git).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time
import zlib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from ..errors import ClockError
from .whole_files import write_whole

__all__ = ["KEPT", "Change", "changed", "latest", "locked", "state_folder", "undone"]

KEPT = 20

Change = dict[str, Any]  # file, what, when, before (or None: the change made the file), after


def state_folder() -> Path:
    """`$XDG_STATE_HOME/gsomia-clock` (see folders.py)."""
    from .folders import user_folder

    folder = user_folder("XDG_STATE_HOME", os.path.join(".local", "state"), "LOCALAPPDATA")
    if folder is None:
        raise ClockError("no home folder to keep changes in: set XDG_STATE_HOME")
    return Path(folder)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@contextmanager
def locked(*paths: Path) -> Iterator[None]:
    """`paths` held against other runs of ours until the block ends: a second run waits. Taken
    in the order of their lock files' names, so that two runs holding several never deadlock."""
    folder = state_folder() / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    names = sorted({f"{_digest(os.fsencode(os.path.realpath(p)))[:32]}.lock" for p in paths})
    with ExitStack() as held:
        for name in names:
            lock = held.enter_context(open(folder / name, "a+b"))
            try:
                import fcntl
            except ImportError:  # pragma: no cover - Windows: no advisory locks of this kind
                continue
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield  # closing each lock file releases its lock


def current(path: Path) -> bytes | None:
    """The file's bytes now, or None if there is no such file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ClockError(f"{path}: cannot be read ({error.strerror})") from None


def changed(path: Path, read: bytes | None, after: bytes, what: str) -> None:
    """Write `after` to `path` whole, `read` being what the file held when it was read (None:
    no file), and keep the change to be undone. Call it holding `locked(path)`. A file that
    changed on disk since it was read is not overwritten (ClockError naming it)."""
    if current(path) != read:
        raise ClockError(f"{path}: changed on disk while this ran; nothing was written")
    folder = state_folder() / "undo"
    folder.mkdir(parents=True, exist_ok=True)
    change = {
        "file": os.path.abspath(path),
        "what": what,
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "before": None if read is None else base64.b64encode(zlib.compress(read)).decode(),
        "after": _digest(after),
    }
    entry = folder / f"{time.time_ns():020d}.json"
    write_whole(entry, json.dumps(change).encode())
    try:
        write_whole(path, after)
    except BaseException:
        entry.unlink(missing_ok=True)
        raise
    for old in sorted(folder.glob("*.json"))[:-KEPT]:
        old.unlink(missing_ok=True)


def latest() -> tuple[Path, Change] | None:
    """The latest change kept, and where it is kept; None when there is none."""
    entries = sorted((state_folder() / "undo").glob("*.json"))
    if not entries:
        return None
    try:
        change = json.loads(entries[-1].read_text())
        if not isinstance(change, dict) or not {"file", "what", "when", "before", "after"} <= set(
            change
        ):
            raise ValueError("not a change of ours")
    except (OSError, ValueError) as error:  # JSONDecodeError, UnicodeDecodeError too
        raise ClockError(
            f"{entries[-1]}: is not a change this tool kept ({error}); remove it to undo the one "
            "before"
        ) from None
    return entries[-1], change


def undone(change: Change) -> bytes | None:
    """What the file held before `change` (None: it did not exist)."""
    before = change["before"]
    return None if before is None else zlib.decompress(base64.b64decode(before))


def matches(change: Change, data: bytes | None) -> bool:
    """Whether the file still holds what `change` left in it."""
    return data is not None and _digest(data) == change["after"]
