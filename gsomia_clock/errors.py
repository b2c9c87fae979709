"""The two kinds of bad input: a catalog that cannot be true, and a question that cannot be asked."""

from __future__ import annotations

import re

__all__ = ["CatalogError", "ClockError", "QueryError", "named", "undecoded"]

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


class ClockError(ValueError):
    """Bad input of any kind; the command line turns it into exit status 2."""


class CatalogError(ClockError):
    """A catalog file that is malformed or describes an impossible history.

    The message names the file, the agreement, the key path and the value at fault.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        path: str | None = None,
        agreement: str | None = None,
    ) -> None:
        self.file = file
        self.path = path
        self.agreement = agreement
        self.reason = message
        shown = ([] if file is None else [file]) + ([path] if path else [])
        where = ": ".join(named(part) for part in shown)
        if agreement:
            where += f" (agreement '{agreement}')"
        super().__init__(f"{where}: {message}" if where else message)


class QueryError(ClockError):
    """A question the catalog cannot answer: unknown id or party, a malformed day."""
