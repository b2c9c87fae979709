"""What a kept file was made from, as one digest: the catalog files read, and the code that read
them. The agenda's index (`agenda_cache.py`) and the report's record of its pages
(`report_folder.py`) are believed only while the digest they were made with still holds."""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Sequence
from contextlib import suppress
from functools import cache

from ..catalog import bundled_file

__all__ = ["code_digest", "sources_digest"]


def sources_digest(sources: Sequence[tuple[str, bytes]], bundled: bool, what: str) -> bytes:
    """What `what` (a kind of file and its format) is made from: the files' names and content
    (the bundled catalog's too, with `bundled`), and the code reading them."""
    made = hashlib.sha256(f"{what} {sys.version} {code_digest()}".encode())  # fast in hardware
    if bundled:
        with open(bundled_file(), "rb") as stream:
            made.update(stream.read())
    for name, data in sources:
        made.update(f"\0{name}\0{len(data)}\0".encode())
        made.update(data)
    return made.digest()


@cache
def code_digest() -> str:
    """The package's own code, and the holidays package's version (its tables of business
    days): a change to either, not only to our version number, makes a kept file stale. Read
    once a run: a report and a `record` each ask for it more than once."""
    made = hashlib.sha256()
    package = os.path.dirname(os.path.dirname(__file__))  # gsomia_clock, this shell's folder in it
    for folder in (package, os.path.join(package, "cli")):
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
