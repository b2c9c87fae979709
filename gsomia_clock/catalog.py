"""Catalog files: strict TOML in, agreements out.

Every key is checked: an unknown key, a value of the wrong type or an impossible history is a
`CatalogError` that names the file, the agreement, the key path and the value at fault.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any, cast, final
from zoneinfo import ZoneInfo

# tomllib's own upstream, compiled (mypyc): the same parser, rules and messages, read in a
# third of the time, which is most of the time of reading a large register.
import tomli

from .agreement import Agreement, is_id
from .days import zone_named
from .durations import Duration
from .errors import CatalogError, CatalogErrors, QueryError
from .events import (
    EVENT_CLASSES,
    EVENT_KINDS,
    POLICIES,
    Defer,
    Event,
    Extend,
    Join,
    Notice,
    Resume,
    ResumeOperation,
    Revoke,
    Suspend,
    SuspendOperation,
    Terminate,
)
from .exits import EXIT_KINDS, UNUSED, Exit, count_fault, grace_fault
from .files import NotRegular, read_regular
from .periods import Boundaries, Window

if TYPE_CHECKING:
    from os import PathLike

    from .agenda import AgendaItem
    from .durations import Duration
    from .selection import Selection
    from .withdrawal import WithdrawalAnswer

__all__ = [
    "BUNDLED", "Catalog", "UnknownId", "agreement_of", "bundled_file", "bundled_tables",
    "load_catalog", "read_catalog", "read_input",
]  # fmt: skip

BUNDLED = "<bundled catalog>"
_BUNDLED_PATH = os.path.join(os.path.dirname(__file__), "data", "catalog.toml")
_MAX_YEARS = 1000  # no real clause counts further; a longer one is a typo
# The keys each table takes, in the order a hint lists them (dictionaries: a table's keys are
# checked against them as sets, in C).
_AGREEMENT_KEYS = dict.fromkeys((
    "id", "name", "parties", "multilateral", "in_force", "timezone", "term", "renewal",
    "text", "source", "owner", "reference", "tags", "calendar", "exit", "event",
))  # fmt: skip
_EXIT_KEYS = dict.fromkeys((
    "effect", "notice", "notice_business_days", "roll", "grace", "not_before",
    "not_effective_before", "every", "anchor", "window", "earliest", "not_before_from",
))  # fmt: skip
_WINDOW_KEYS = dict.fromkeys(("first", "every", "length"))
_EVENT_KEYS = dict.fromkeys(("date", "kind", "party", "effective", "until", "on_resume", "note"))
_PARTY = re.compile(r"\S+")  # a party's code: printable, with no spaces (see `_agreement`)


@final
class UnknownId(QueryError):
    """No agreement of the catalog has this id; `close` is the id most like it, if one is."""

    def __init__(self, ident: str, close: str | None) -> None:
        hint = f"; did you mean '{close}'?" if close else ""
        super().__init__(f"{ident!r} is not an agreement in the catalog{hint}")
        self.close = close


class Catalog(Mapping[str, Agreement]):
    """Agreements by id, read-only; a later file's agreement replaces an earlier one's.

    The bundled agreements are kept as their TOML text until one is asked for: a question
    about one agreement reads that one, however long the catalog grows.
    """

    __slots__ = ("_agreements", "files", "replaced")

    def __init__(
        self,
        agreements: Mapping[str, Agreement | bytes],
        files: tuple[str, ...],
        replaced: tuple[tuple[str, str, str], ...] = (),
    ) -> None:
        self._agreements = dict(agreements)
        self.files = files
        # (id, file, earlier file) for each agreement that replaced one of an earlier file.
        self.replaced = replaced

    def __getitem__(self, key: str) -> Agreement:
        found = self._agreements[key]
        if isinstance(found, bytes):
            found = self._agreements[key] = bundled_agreement(found)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._agreements)

    def __len__(self) -> int:
        return len(self._agreements)

    def __repr__(self) -> str:
        return f"<Catalog of {len(self)} agreements from {', '.join(self.files)}>"

    def find(self, ident: str) -> Agreement:
        """The agreement `ident` names, letter case aside (ids are lower-case; `GSOMIA` means
        `gsomia`); a QueryError that suggests a close id when there is none.

        >>> load_catalog().find("GSOMIA").id
        'gsomia'
        """
        if ident in self:
            return self[ident]
        if ident.lower() in self:
            return self[ident.lower()]
        raise UnknownId(ident, _close(ident.lower(), self))

    def agenda(
        self,
        selection: Selection | None = None,
        within: Duration | None = None,
        *,
        on: date | None = None,
    ) -> tuple[AgendaItem, ...]:
        """Every agreement `selection` takes, with its state today (or `on`) and its next
        deadline, soonest first (see `agenda.py`); with `within`, only those due that soon."""
        from .agenda import agenda

        return agenda(self.values(), selection, within, on=on)

    def can_withdraw(
        self,
        party: str,
        on: date | datetime | str | None = None,
        on_resume: str | None = None,
        *,
        every: bool = False,
    ) -> tuple[WithdrawalAnswer, ...]:
        """`can_withdraw(party)` of every agreement that binds `party` that day (with `every`,
        of every one naming it), soonest out first (see `ways_out.py`).

        >>> [a.agreement for a in load_catalog().can_withdraw("US", on="2026-12-08")][:3]
        ['npt', 'cfe-treaty', 'whaling-convention']
        """
        from .ways_out import ways_out

        return ways_out(self.values(), party, on, on_resume, every=every)


_TABLE = re.compile(rb"^\[\[agreement\]\]$", re.M)
_BUNDLED_ID = re.compile(rb'^id = "([a-z0-9-]+)"$', re.M)


def _bundled() -> dict[str, Agreement | bytes]:
    """The bundled catalog's agreements by id, each as the TOML text of its table (the file is
    written one `[[agreement]]` header per table, its `id` the first key: the test suite checks
    that this reads as the whole file does). A file not written so is read whole."""
    with open(_BUNDLED_PATH, "rb") as stream:
        text = stream.read()
    starts = [m.start() for m in _TABLE.finditer(text)]
    tables: dict[str, Agreement | bytes] = {}
    for start, end in pairwise([*starts, len(text)]):
        table = text[start:end]
        found = _BUNDLED_ID.search(table)
        if found is None or found.group(1).decode() in tables:
            break
        tables[found.group(1).decode()] = table
    else:
        if tables:
            return tables
    return {a.id: a for a in read_catalog(text, name=BUNDLED, validate=False)}


def bundled_agreement(table: bytes) -> Agreement:
    """One agreement of the bundled catalog from the TOML text of its table (`merged` gives
    them so): trusted, its history compiled at its first question."""
    (found,) = read_catalog(table, name=BUNDLED, validate=False)
    return found


def bundled_tables() -> dict[str, bytes]:
    """The TOML text of each bundled agreement's table, by id, as the bundled file writes it
    (for `record` to copy one into a register, and `export`)."""
    return {ident: table for ident, table in _bundled().items() if isinstance(table, bytes)}


def bundled_file() -> str:
    """Where the bundled catalog is installed: an input of every run, never an output."""
    return _BUNDLED_PATH


def load_catalog(*paths: str | PathLike[str], bundled: bool = True) -> Catalog:
    """The bundled catalog plus the given files, later ids replacing earlier ones.

    >>> catalog = load_catalog()
    >>> catalog["gsomia"].parties
    ('KR', 'JP')
    """
    sources = []
    for path in paths:
        file = os.fspath(path)
        sources.append((file, read_input(path, file)))
    return catalog_of(sources, bundled=bundled)


def catalog_of(sources: Iterable[tuple[str, bytes]], *, bundled: bool = True) -> Catalog:
    """`load_catalog` of files already read: each (name, bytes)."""
    agreements: dict[str, Agreement | bytes] = {}
    replaced: list[tuple[str, str, str]] = []
    files: list[str] = []  # in the order `merged` gives them, the bundled catalog first
    for file, ident, agreement, earlier in merged(sources, bundled=bundled):
        if earlier is not None:
            replaced.append((ident, file, earlier))
        agreements[ident] = agreement
        if files[-1:] != [file]:
            files.append(file)
    return Catalog(agreements, tuple(files), tuple(replaced))


def merged(
    sources: Iterable[tuple[str, bytes]], *, bundled: bool
) -> Iterator[tuple[str, str, Agreement | bytes, str | None]]:
    """Each agreement of the bundled catalog (with `bundled`), then of each file in turn, as it
    is read: (file, id, the agreement, the earlier file whose agreement of that id it replaces).

    The bundled agreements come as their TOML text: they are checked by the test suite, so
    trusted, and each is read when first asked for (`Catalog`), its history compiled at its
    first query. A file's are read and checked whole, one after the other, each let go by the
    reader once it has been given (see `agreements_in`).
    """
    origin: dict[str, str] = {}
    if bundled:
        for ident, text in _bundled().items():
            origin[ident] = BUNDLED
            yield BUNDLED, ident, text, None
    for file, data in sources:
        for agreement in agreements_in(data, name=file):
            yield file, agreement.id, agreement, origin.get(agreement.id)
            origin[agreement.id] = file


def read_catalog(
    source: str | PathLike[str] | bytes, *, name: str | None = None, validate: bool = True
) -> tuple[Agreement, ...]:
    """The agreements of one catalog file (a path, or its bytes with a `name` for messages).

    With `validate`, every history is compiled at once, so that an impossible one is an error
    now, naming its event, rather than at the first question asked of it. A file with errors in
    several agreements raises them together (`CatalogErrors`, the first of each agreement).
    """
    return tuple(agreements_in(source, name=name, validate=validate))


def read_input(path: str | PathLike[str], file: str) -> bytes:
    """The bytes of an input file (a FIFO or pipe too), or a CatalogError naming it as `file`."""
    if not os.fspath(path):  # Path("") is the current folder
        raise CatalogError("is not a file name", file=file)
    try:
        return read_regular(path, pipes=True)
    except NotRegular as error:
        raise CatalogError(f"is {error.kind}, not a regular file", file=file) from None
    except (OSError, ValueError) as error:  # ValueError: a NUL in the name
        reason = error.strerror if isinstance(error, OSError) else None
        raise CatalogError(f"cannot be read ({reason or error})", file=file) from None


def agreements_in(
    source: str | PathLike[str] | bytes, *, name: str | None, validate: bool = True
) -> Iterator[Agreement]:
    """`read_catalog`, one agreement at a time: the file is parsed whole at the first, and each
    table is let go as its agreement is made, so that a reader that keeps only what it needs
    of each never holds the whole register twice over."""
    file = name or "<catalog>"
    if not isinstance(source, bytes):
        file = name or os.fspath(source)
        source = read_input(source, file)

    # A byte order mark (Windows Notepad writes one) is no part of the text.
    source = source.removeprefix(codecs.BOM_UTF8)
    try:
        document = tomli.loads(source.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise CatalogError(
            f"is not UTF-8 text (byte {error.start}: {source[error.start : error.start + 1]!r})",
            file=file,
        ) from None
    except tomli.TOMLDecodeError as error:
        raise _toml_error(source.decode("utf-8"), str(error), file) from None
    except RecursionError:
        raise CatalogError(
            "is not a catalog: its arrays or tables nest too deeply", file=file
        ) from None
    _only(document, {"agreement": None}, "", file)
    tables = document.get("agreement", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise CatalogError("must be an array of tables, [[agreement]]", file=file, path="agreement")
    if not tables:
        raise CatalogError("holds no [[agreement]]", file=file)
    seen: dict[str, int] = {}
    clauses: dict[object, Exit] = {}  # see `_exit_once`
    errors: list[CatalogError] = []  # the first of each agreement, in the file's order
    del document
    for number, table in enumerate(tables, start=1):
        tables[number - 1] = None  # let go once read
        try:
            agreement = agreement_of(table, number, file, validate=validate, clauses=clauses)
        except CatalogError as error:
            errors.append(error)
            if error.agreement is not None:  # an id given again later is an error of its own
                seen.setdefault(error.agreement, number)
            continue
        if agreement.id in seen:
            errors.append(CatalogError(
                f"'{agreement.id}' is already the id of agreement[{seen[agreement.id]}]",
                file=file, path=f"agreement[{number}].id", agreement=agreement.id,
            ))  # fmt: skip
            continue
        seen[agreement.id] = number
        if not errors:  # a file with an error gives no agreement once it is found
            yield agreement
    if errors:
        raise errors[0] if len(errors) == 1 else CatalogErrors(errors, file=file)


def agreement_of(
    table: Mapping[str, Any],
    number: int,
    file: str,
    *,
    validate: bool = True,
    clauses: dict[object, Exit] | None = None,
) -> Agreement:
    """The agreement of table `agreement[number]` of `file` (a table as tomli reads it), or the
    CatalogError that `read_catalog` would raise of it there."""
    try:
        return _agreement(table, check=validate, clauses={} if clauses is None else clauses)
    except CatalogError as error:
        where = f"agreement[{number}]"
        path = f"{where}.{error.path}" if error.path else where
        ident = table.get("id") if isinstance(table.get("id"), str) else None
        raise CatalogError(error.reason, file=file, path=path, agreement=ident) from None


def _only(
    table: Mapping[str, Any], allowed: dict[str, None], prefix: str, file: str | None = None
) -> None:
    if table.keys() <= allowed.keys():
        return
    for key in table:
        if key not in allowed:
            close = _close(key, allowed)
            hint = f"; did you mean '{close}'?" if close else f" (known: {', '.join(allowed)})"
            raise CatalogError(f"unknown key{hint}", file=file, path=prefix + key)


# Compiled when first needed (and then kept by `re`): only a catalog with an error needs them.
_LINE = r"\(at line (\d+), column \d+\)$"
_HEADER = r"\s*\[\[\s*agreement(?:\s*\.\s*(exit|event))?\s*\]\]"
_KEY = r"\s*([A-Za-z0-9_-]+)\s*="
_DECLARED = r"\s*(\[\[?\s*agreement\s*(?:\.\s*([A-Za-z0-9_-]+)\s*)?\]\]?)"


def _toml_error(text: str, message: str, file: str) -> CatalogError:
    """A TOML error, with the key path of its line when the line sets a key of ours.

    The parser says where ("at line 9, column 15"), not which key: a key given twice in an exit
    table is `agreement[1].exit[1].notice: is given more than once (line 9)`.
    """
    found = re.search(_LINE, message)
    if found is None:
        return CatalogError(f"is not valid TOML: {message}", file=file)
    number = int(found.group(1))  # of a line there is: the end of the text says so instead
    lines = text.split("\n")  # as the parser counts them (`splitlines` would count more)
    key = re.match(_KEY, lines[number - 1])
    table, agreements, counts, began = None, 0, dict[str, int](), 0
    for at, line in enumerate(lines[: number - 1]):
        header = re.match(_HEADER, line)
        if header is None:
            continue
        kind = header.group(1)
        if kind is None:
            agreements, counts, began = agreements + 1, {}, at
            table = f"agreement[{agreements}]"
        else:
            counts[kind] = counts.get(kind, 0) + 1
            table = f"agreement[{agreements}].{kind}[{counts[kind]}]"
    declared = re.match(_DECLARED, lines[number - 1])
    if declared is not None and message.startswith(("Cannot overwrite", "Cannot declare")):
        return _declared_twice(lines, began, number, declared, agreements, file)
    if key is None or table is None:
        return CatalogError(f"is not valid TOML: {message}", file=file)
    path = f"{table}.{key.group(1)}"
    if message.startswith("Cannot overwrite a value"):
        return CatalogError(f"is given more than once (line {number})", file=file, path=path)
    return CatalogError(f"is not valid TOML: {message}", file=file, path=path)


def _declared_twice(
    lines: list[str], began: int, number: int, declared: re.Match[str], agreements: int, file: str
) -> CatalogError:
    """A table header (`[[agreement.exit]]`, `[agreement]`) naming what is already given in
    another form, such as `exit = "x"` above it: the parser names only the header's line."""
    name = declared.group(2)
    if name is None:
        path, tables, key, first = "agreement", "[[agreement]]", "agreement", 0
        form = r"\s*(?:agreement\s*=|\[\[?\s*agreement\s*\]\]?)"
    else:
        path, tables = f"agreement[{max(agreements, 1)}].{name}", f"[[agreement.{name}]]"
        key, first = name, began + 1
        form = rf"\s*(?:{re.escape(name)}\s*=|\[\[?\s*agreement\s*\.\s*{re.escape(name)}\s*\]\]?)"
    earlier = next((at + 1 for at in range(first, number - 1) if re.match(form, lines[at])), None)
    where = "" if earlier is None else f"on line {earlier} and "
    return CatalogError(
        f"is given twice, {where}as {declared.group(1).strip()} on line {number} (each {key} "
        f"is a {tables} table)",
        file=file, path=path,
    )  # fmt: skip


def _close(word: str, choices: Any) -> str | None:
    """The choice closest to `word`, if one is close enough to suggest."""
    import difflib  # only when something is wrong

    found = difflib.get_close_matches(word, list(choices), n=1)
    return found[0] if found else None


def _fail(path: str, value: object, problem: str) -> CatalogError:
    return CatalogError(f"{_show(value)} {problem}", path=path)


def _show(value: object) -> str:
    """A value as the file wrote it: days as days, arrays as TOML arrays; cut at 80 characters."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    text = f"[{', '.join(map(_show, value))}]" if isinstance(value, list) else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _string(table: Mapping[str, Any], key: str, path: str, required: bool = False) -> str | None:
    if key not in table:
        if required:
            raise CatalogError("is required", path=path + key)
        return None
    value = table[key]
    if not isinstance(value, str) or not value.strip():
        raise _fail(path + key, value, "must be a non-empty string")
    return value


def _tags(table: Mapping[str, Any]) -> tuple[str, ...]:
    value = table.get("tags")
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(t, str) and t.strip() for t in value):
        raise _fail("tags", value, 'must be an array of non-empty strings, such as ["lease"]')
    return tuple(dict.fromkeys(sys.intern(t) for t in value))  # each tag once, in file order


def _day(
    table: Mapping[str, Any], key: str, path: str, zone: ZoneInfo | None = None
) -> date | None:
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, datetime):
        if zone is None or value.tzinfo is None:
            kind = "a date-time without offset" if value.tzinfo is None else "a date-time"
            raise _fail(path + key, value, f"is {kind}; write a date such as 2019-08-23")
        try:
            return value.astimezone(zone).date()
        except OverflowError:
            raise _fail(path + key, value, f"falls outside the years 1 to 9999 in {zone}") from None
    if not isinstance(value, date):
        raise _fail(path + key, value, "must be a TOML date such as 2019-08-23 (no quotes)")
    return value


def _duration(table: Mapping[str, Any], key: str, path: str, *, positive: bool) -> Duration | None:
    value = table.get(key)
    if value is None:
        return None
    found = _clause_duration(value, positive) if type(value) is str else _NO_DURATION
    if isinstance(found, str):
        raise _fail(path + key, value, found)
    return found


_NO_DURATION = "is not an ISO 8601 duration such as P90D, P6M, P1Y or P1Y6M"


@lru_cache(maxsize=1024)
def _clause_duration(text: str, positive: bool) -> Duration | str:
    """The duration a clause writes as `text`, or what is wrong with it: worked out once for
    each text, which a register writes thousands of times ("P1Y", "P90D")."""
    try:
        duration = Duration.parse(text)
    except ValueError:
        return _NO_DURATION
    if duration.has_time:
        return "has hours, minutes or seconds; use days, weeks, months or years"
    if positive and duration.is_zero:
        return "must be longer than zero"
    if duration.total_months > 12 * _MAX_YEARS or duration.total_days > 366 * _MAX_YEARS:
        return f"is longer than {_MAX_YEARS} years"
    return duration


def _choice(table: Mapping[str, Any], key: str, path: str, choices: tuple[str, ...]) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if value not in choices:
        close = _close(str(value), choices)
        hint = f"; did you mean '{close}'?" if close else ""
        raise _fail(path + key, value, f"is not one of {', '.join(choices)}{hint}")
    return str(value)


def _party(table: Mapping[str, Any], path: str, parties: tuple[str, ...]) -> str | None:
    value = _string(table, "party", path)
    if value is not None and value not in parties:
        close = _close(value.upper(), parties)
        hint = f"; did you mean '{close}'?" if close else ""
        raise _fail(
            path + "party", value, f"is not one of the parties ({', '.join(parties)}){hint}"
        )
    return value


def _tables(table: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise _fail(key, value, f"must be an array of tables, [[agreement.{key}]]")
    return value


def _agreement(table: Mapping[str, Any], *, check: bool, clauses: dict[object, Exit]) -> Agreement:
    _only(table, _AGREEMENT_KEYS, "")
    ident = _string(table, "id", "", required=True)
    assert ident is not None
    if not is_id(ident):
        raise _fail(
            "id",
            ident,
            "must be lower-case letters, digits and '-', starting with a letter or digit",
        )
    name = _string(table, "name", "", required=True)
    assert name is not None
    parties_value = table.get("parties")
    if parties_value is None:
        raise CatalogError("is required", path="parties")
    if (
        not isinstance(parties_value, list)
        or not parties_value
        or not all(isinstance(p, str) and p.strip() for p in parties_value)
    ):
        raise _fail("parties", parties_value, "must be a non-empty array of party codes")
    for value in parties_value:
        # `\S` is what str.isspace is not: so no space, and nothing unprintable either.
        if not value.isprintable() or _PARTY.fullmatch(value) is None:
            raise _fail("parties", value, "must be a printable code with no spaces, such as KR")
    parties = tuple(map(sys.intern, parties_value))
    if len(set(parties)) != len(parties):
        duplicates = sorted({p for p in parties if parties.count(p) > 1})
        raise _fail("parties", parties_value, f"names {', '.join(duplicates)} more than once")
    multilateral = table.get("multilateral", len(parties) != 2)
    if not isinstance(multilateral, bool):
        raise _fail("multilateral", multilateral, "must be true or false")
    if "in_force" not in table:
        raise CatalogError("is required", path="in_force")
    in_force = _day(table, "in_force", "")
    assert in_force is not None
    timezone = table.get("timezone", "UTC")
    zone = _zone(timezone)
    term = _duration(table, "term", "", positive=True)
    renewal = _duration(table, "renewal", "", positive=True)
    if renewal is not None and term is None:
        raise _fail(
            "renewal", table["renewal"], "needs a term: without one the agreement never ends a term"
        )
    exits = tuple(
        _exit_once(item, f"exit[{n}].", term, clauses)
        for n, item in enumerate(_tables(table, "exit"), 1)
    )
    events = tuple(
        _event(item, f"event[{n}].", parties, zone)
        for n, item in enumerate(_tables(table, "event"), 1)
    )
    for number, (earlier, later) in enumerate(pairwise(events), start=1):
        if later.date < earlier.date:
            raise _fail(
                f"event[{number + 1}].date", later.date,
                f"is before event[{number}]'s {earlier.date.isoformat()}: events must be in date order",
            )  # fmt: skip
    return Agreement._checked(
        check,
        id=ident,
        name=name,
        parties=parties,
        multilateral=multilateral,
        in_force=in_force,
        timezone=sys.intern(timezone),
        term=term,
        renewal=renewal,
        exits=exits,
        events=events,
        text=_string(table, "text", ""),
        source=_string(table, "source", ""),
        owner=_string(table, "owner", ""),
        reference=_string(table, "reference", ""),
        tags=_tags(table),
        calendar=_string(table, "calendar", ""),  # its code is checked by the Agreement
    )


def _zone(name: object) -> ZoneInfo:
    if not isinstance(name, str):
        raise _fail("timezone", name, "must be an IANA zone name such as Asia/Seoul")
    try:
        return zone_named(name)
    except ValueError:
        from zoneinfo import available_timezones

        close = _close(name, sorted(available_timezones() - {"localtime", "Factory"}))
        hint = f"; did you mean '{close}'?" if close else ""
        raise _fail("timezone", name, f"is not an IANA zone name{hint}") from None


def _exit_once(
    table: Mapping[str, Any], path: str, term: Duration | None, made: dict[object, Exit]
) -> Exit:
    """`_exit`, made once per file for each clause written the same way: a register says
    "90 days before the end of the term" thousands of times, and one value serves them all.
    The key holds each value's type, so that `grace = true` is not taken for `grace = 1`."""
    try:
        key = (term is None, tuple(table.items()), tuple(map(type, table.values())))
        found = made.get(key)
    except TypeError:  # an array or a table in it: not kept
        return _exit(table, path, term)
    if found is None:
        found = made[key] = _exit(table, path, term)
    return found


def _exit(table: Mapping[str, Any], path: str, term: Duration | None) -> Exit:
    _only(table, _EXIT_KEYS, path)
    effect = _choice(table, "effect", path, EXIT_KINDS)
    if effect is None:
        raise CatalogError("is required", path=path + "effect")
    kind = next(kind for kind in EXIT_KINDS if kind == effect)
    if effect == "end-of-term" and term is None:
        raise _fail(path + "effect", effect, "needs the agreement to have a term")
    notice = _duration(table, "notice", path, positive=False)
    business_notice = _count(table, "notice_business_days", path)
    if notice is None and business_notice is None:
        raise CatalogError("is required (or notice_business_days)", path=path + "notice")
    if notice is not None and business_notice is not None:
        raise _fail(
            path + "notice_business_days",
            business_notice,
            "is given with notice: a clause counts its notice one way",
        )
    for field in UNUSED[kind]:
        for key in ("every", "anchor") if field == "period" else (field,):
            if key in table:
                raise _fail(path + key, table[key], f"is not used by an {effect} exit")
    roll = _choice(table, "roll", path, ("preceding", "following"))
    grace = _count(table, "grace", path)
    if grace is not None and (fault := grace_fault(grace, notice)):
        raise _fail(path + "grace", grace, fault)
    for key in ("every", "anchor"):
        if effect == "end-of-period" and key not in table:
            raise CatalogError("is required for an end-of-period exit", path=path + key)
    not_before = _duration(table, "not_before", path, positive=False)
    counted = _choice(table, "not_before_from", path, ("party", "agreement"))
    if counted is not None and not_before is None:
        raise _fail(path + "not_before_from", counted, "needs not_before")
    earliest = _duration(table, "earliest", path, positive=True)
    if earliest is not None and notice is not None and not _longer(earliest, notice):
        raise _fail(
            path + "earliest",
            table["earliest"],
            f"must be longer than the notice, {table['notice']}",
        )
    return Exit(
        effect=kind,
        notice=notice,
        not_before=not_before,
        not_effective_before=_duration(table, "not_effective_before", path, positive=False),
        period=_period(table, path) if effect == "end-of-period" else None,
        window=_window(table, path),
        earliest=earliest,
        not_before_from="agreement" if counted == "agreement" else "party",
        notice_business_days=business_notice,
        roll="preceding" if roll == "preceding" else "following" if roll else None,
        grace=grace,
    )


def _count(table: Mapping[str, Any], key: str, path: str) -> int | None:
    """A number of business days (`count_fault`), or None when not given."""
    value = table.get(key)
    if value is None:
        return None
    if fault := count_fault(value):
        raise _fail(path + key, value, fault)
    return cast(int, value)  # count_fault took nothing else


def _longer(a: Duration, b: Duration) -> bool:
    """Whether `a` reaches further back than `b` from the same day (months and days mixed)."""
    day = date(2000, 1, 1)
    return a.subtract_from(day) < b.subtract_from(day)


def _period(table: Mapping[str, Any], path: str) -> Boundaries:
    every = _duration(table, "every", path, positive=True)
    assert every is not None
    value = table["anchor"]
    anchors = value if isinstance(value, list) else [value]
    if not anchors or not all(type(a) is date for a in anchors):
        raise _fail(path + "anchor", value, "must be a TOML date, or an array of dates (no quotes)")
    if len(set(anchors)) != len(anchors):
        raise _fail(path + "anchor", value, "names a day more than once")
    return Boundaries(every, tuple(anchors))


def _window(table: Mapping[str, Any], path: str) -> Window | None:
    value = table.get("window")
    if value is None:
        return None
    where = path + "window."
    if not isinstance(value, dict):
        raise _fail(
            path + "window", value, 'must be a table such as { first = "P10Y", length = "P1Y" }'
        )
    _only(value, _WINDOW_KEYS, where)
    for key in ("first", "length"):
        if key not in value:
            raise CatalogError("is required", path=where + key)
    first = _duration(value, "first", where, positive=False)
    length = _duration(value, "length", where, positive=True)
    every = _duration(value, "every", where, positive=True)
    assert first is not None and length is not None
    if every is not None and _longer(length, every):
        raise _fail(where + "length", value["length"], f"is longer than every, {value['every']}")
    return Window(first, every, length)


def _event(table: Mapping[str, Any], path: str, parties: tuple[str, ...], zone: ZoneInfo) -> Event:
    _only(table, _EVENT_KEYS, path)
    if "date" not in table:
        raise CatalogError("is required", path=path + "date")
    day = _day(table, "date", path, zone)
    assert day is not None
    kind = _choice(table, "kind", path, EVENT_KINDS)
    if kind is None:
        raise CatalogError("is required", path=path + "kind")
    kind_of = EVENT_CLASSES[kind]
    for key in kind_of.needs:
        if key not in table:
            raise CatalogError(f"is required for {kind} events", path=path + key)
    for key in table:
        if key not in kind_of.takes and key not in ("date", "kind", "note"):
            raise _fail(path + key, table[key], f"is not used by {kind} events")
    # Required above for every kind that names a party; extend and terminate name none.
    party = cast(str, _party(table, path, parties))
    note = _string(table, "note", path)
    # Each kind reads only the keys it uses (any other is refused above), and is made from
    # values checked here, not checked again.
    match kind:
        case "notice":
            return Notice._checked(day, party, _day(table, "effective", path), note)
        case "revoke":
            return Revoke._checked(day, party, note)
        case "suspend":
            on_resume = _choice(table, "on_resume", path, POLICIES)
            policy = next((p for p in POLICIES if p == on_resume), "immediate")
            return Suspend._checked(day, party, policy, note)
        case "resume":
            return Resume._checked(day, party, note)
        case "extend":
            return Extend._checked(day, _day(table, "until", path), note)
        case "defer":
            return Defer._checked(day, party, _day(table, "until", path), note)
        case "join":
            return Join._checked(day, party, _day(table, "effective", path), note)
        case "suspend-operation":
            return SuspendOperation._checked(day, party, _day(table, "effective", path), note)
        case "resume-operation":
            return ResumeOperation._checked(day, party, note)
    return Terminate._checked(day, note)
