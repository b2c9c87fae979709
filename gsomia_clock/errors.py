"""The two kinds of bad input: a catalog that cannot be true, and a question that cannot be asked."""

from __future__ import annotations

from collections.abc import Sequence

from .shown import named

__all__ = ["CatalogError", "CatalogErrors", "ClockError", "QueryError"]


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


class CatalogErrors(CatalogError):
    """Every error found in one file at once (`errors`, in the file's order), so that six slips
    take one run to see, not six.

    Its message is a line for each, up to `SHOWN` lines in all: past that, the last line says
    how many more there are (a file broken throughout is not repeated to the terminal whole).
    """

    SHOWN = 50

    def __init__(self, errors: Sequence[CatalogError], *, file: str) -> None:
        self.errors = tuple(errors)
        lines = [str(error) for error in self.errors]
        if len(lines) > self.SHOWN:
            more = len(lines) - self.SHOWN + 1
            lines[self.SHOWN - 1 :] = [f"{named(file)}: {more} more errors"]
        self.lines = tuple(lines)
        super().__init__("\n".join(lines))
        self.file = file


class QueryError(ClockError):
    """A question the catalog cannot answer: unknown id or party, a malformed day.

    `parameter`, when given, names the argument at fault, and the message opens with it
    (`remind_at: ...`); another parameter a message mentions is written between backquotes
    (`` `reminders` ``). The command line shows its own flags in their place.
    """

    def __init__(self, message: str, *, parameter: str | None = None) -> None:
        self.parameter = parameter
        self.reason = message
        super().__init__(f"{parameter}: {message}" if parameter else message)
