"""Text from a catalog or a command line as a person is shown it: one line, nothing that can
move a terminal's cursor or forge a line, and long names cut.
"""

from __future__ import annotations

import re

__all__ = ["named", "printable", "undecoded"]

_LONGEST = 240
# Patterns compiled when first needed (and then kept by `re`): most runs print no error.
_CONTROL = r"[\x00-\x1f\x7f-\x9f]"
_SURROGATE = "[\ud800-\udfff]"


def undecoded(text: str) -> bool:
    """Whether `text` holds bytes of the command line that are not UTF-8 (Python keeps them as
    lone surrogates), which no name or address can carry on."""
    return re.search(_SURROGATE, text) is not None


def named(text: str) -> str:
    """A file name or key path as a message shows it: on one line (quoted with escapes when it
    is empty or holds a control character, such as a newline), and cut after 240 characters.

    >>> named("mine.toml"), named(""), named("a\\nb.ics")
    ('mine.toml', "''", "'a\\\\nb.ics'")
    """
    shown = repr(text) if not text or re.search(_CONTROL, text) else text
    return shown if len(shown) <= _LONGEST else f"{shown[: _LONGEST - 3]}..."


# Control characters (C0, DEL, C1), line and paragraph separators, and the bidirectional
# overrides and isolates that can make a terminal show text other than what it holds.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    r"""One line of text safe for a terminal: no escape sequences, no forged lines.

    Catalog text reaches the human output (names, notes, clauses); none of it can move the
    cursor, recolour the screen, hide or reorder what follows, or start a line of its own.

    >>> printable("GSOMIA\x1b[2J\nDONE")
    'GSOMIA [2J DONE'
    """
    if text.isascii() and text.isprintable():
        return text  # none of _UNPRINTABLE is printable ASCII: most lines, at no regex's cost
    return _UNPRINTABLE.sub(" ", text)
