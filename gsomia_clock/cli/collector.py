"""The program's decisions about Python's cyclic garbage collector, which a library leaves alone.

A catalog is read into many thousands of small objects that hold no cycles, and the collector,
run again and again as they are made, took over a third of the time of reading a large register
(and three quarters of decoding the agenda's index). A run of the command line reads its
catalog once and keeps it to the end: so it pauses collection while it reads, and then freezes
what it read, so that no later collection goes over it again. A program of its own that reads a
large register may do the same around `load_catalog`; the package never does it for it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["kept_to_the_end", "no_cyclic_gc"]


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Cyclic garbage collection paused, and resumed as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def kept_to_the_end() -> None:
    """What the run holds now lives to its end: no collection need look at it again."""
    gc.freeze()
