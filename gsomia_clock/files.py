"""Files the tool reads or replaces, opened without ever blocking.

A FIFO opened for reading waits for a writer, and a device may never end: both are told by
kind, from the file's mode, before a byte is read.
"""

from __future__ import annotations

import os
import stat
from typing import IO

__all__ = ["NotRegular", "kind_of", "open_regular", "read_regular"]

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotRegular(OSError):
    """The file is there but is no regular file: `kind` says what it is."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"{kind}, not a regular file")
        self.kind = kind


def kind_of(mode: int) -> str | None:
    """What a file of this mode is when it is not a regular file; None for a regular file."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) else "not a regular file"


def read_regular(path: str | os.PathLike[str], *, pipes: bool = False) -> bytes:
    """The bytes of a regular file (or, with `pipes`, of a FIFO or pipe); NotRegular for
    anything else, OSError when unreadable.

    A FIFO is opened without waiting for a writer, then read as usual: with no writer it reads
    as empty at once, and `<(command)` reads what the command writes.
    """
    handle = os.open(os.fspath(path) or os.curdir, os.O_RDONLY | os.O_NONBLOCK)  # '' is '.'
    with os.fdopen(handle, "rb") as stream:
        mode = os.fstat(handle).st_mode
        if pipes and stat.S_ISFIFO(mode):
            os.set_blocking(handle, True)
            return stream.read()
        kind = kind_of(mode)
        if kind is not None:
            raise NotRegular(kind)
        return stream.read()


def open_regular(path: str | os.PathLike[str]) -> IO[bytes]:
    """A regular file open to read, as a stream (for one too large to be held whole);
    NotRegular for anything else, OSError when unreadable."""
    handle = os.open(os.fspath(path) or os.curdir, os.O_RDONLY | os.O_NONBLOCK)
    stream = os.fdopen(handle, "rb")
    kind = kind_of(os.fstat(handle).st_mode)
    if kind is not None:
        stream.close()
        raise NotRegular(kind)
    return stream
