"""Files the tool reads or replaces: regular files only, opened without ever blocking.

A FIFO opened for reading waits for a writer, a device may never end: both are refused by
kind, from the file's mode, before a byte is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["NotRegular", "kind_of", "read_regular"]

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


def read_regular(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a regular file; NotRegular for anything else, OSError when unreadable."""
    handle = os.open(Path(path), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(handle, "rb") as stream:
        kind = kind_of(os.fstat(handle).st_mode)
        if kind is not None:
            raise NotRegular(kind)
        return stream.read()
