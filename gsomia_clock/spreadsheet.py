"""A register kept as a spreadsheet (CSV) turned into a catalog: `gsomia-clock import`.

The header row names catalog keys. Each row is an agreement, or, under the same `id` as the row
before it, one more exit clause of that agreement: `effect`, `notice` and the other exit keys go
with the row's exit. `parties` and `tags` list their items separated by `;`. An empty cell is a
key not given. The file is read as spreadsheets write it: cells separated by `,` or `;`
(recognised from the header row), any line ending, empty cells after the header's last key.
Every cell is checked for its kind (a day, a duration, a number) and every bad one said at once,
by row and column, with what to write instead when the cell says it another way (`24.08.2027`,
`3 months`). The catalog written is then read back, so every check of a catalog file applies.

>>> text = '''id,name,parties,in_force,term,renewal,effect,notice,owner,tags
... crm,CRM subscription,US;VENDOR,2025-12-01,P1Y,P1Y,end-of-term,P30D,Sales ops,saas;crm
... '''
>>> print(catalog_from_csv(text, name="register.csv"))
[[agreement]]
id = "crm"
name = "CRM subscription"
parties = ["US", "VENDOR"]
in_force = 2025-12-01
term = "P1Y"
renewal = "P1Y"
owner = "Sales ops"
tags = ["saas", "crm"]
<BLANKLINE>
[[agreement.exit]]
effect = "end-of-term"
notice = "P30D"
<BLANKLINE>
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

from .catalog import read_catalog
from .durations import Duration
from .errors import CatalogError, CatalogErrors, QueryError

__all__ = [
    "AGREEMENT_COLUMNS", "DELIMITERS", "EXIT_COLUMNS", "catalog_from_csv", "guarded", "header_keys",
    "register_rows", "toml_string",
]  # fmt: skip

AGREEMENT_COLUMNS = (
    "id", "name", "parties", "multilateral", "in_force", "timezone", "term", "renewal",
    "calendar", "owner", "reference", "tags", "text", "source",
)  # fmt: skip
EXIT_COLUMNS = (
    "effect", "notice", "notice_business_days", "roll", "grace", "not_before",
    "not_before_from", "not_effective_before", "every", "anchor", "earliest",
)  # fmt: skip
DELIMITERS = (",", ";", "\t")
_LISTS = ("parties", "tags")
_DAYS = ("in_force",)
_DURATIONS = (
    "term", "renewal", "notice", "not_before", "not_effective_before", "every", "earliest",
)  # fmt: skip
_WHOLE = ("notice_business_days", "grace")
_BOOLEANS = {"true": True, "yes": True, "false": False, "no": False}
# A cell a spreadsheet would run as a formula (OWASP's "CSV injection"); a number is none.
_FORMULA = re.compile(r"[=+@\t\r]|-(?!\d+\Z)")
_GUARDED = re.compile(r"'(?=[=+\-@\t\r])")  # the `'` that `guarded` puts before such a cell


def guarded(cell: str) -> str:
    """A cell as every CSV of ours writes it: with a leading `'` when it begins with `=`, `+`,
    `-`, `@`, a tab or a carriage return, so that no spreadsheet runs it as a formula; a negative
    whole number such as a past deadline's `days_left` is a number, and stays one.

    >>> guarded("=HYPERLINK(1)"), guarded("-3"), _unguarded(guarded("+cmd"))
    ("'=HYPERLINK(1)", '-3', '+cmd')
    """
    return f"'{cell}" if _FORMULA.match(cell) else cell


def _unguarded(cell: str) -> str:
    """A cell as it was before a CSV of ours guarded it (see `guarded`)."""
    return cell[1:] if _GUARDED.match(cell) else cell


def catalog_from_csv(
    text: str,
    *,
    name: str,
    delimiter: str | None = None,
    progress: Callable[[int, int | None], None] | None = None,
) -> str:
    """The catalog (TOML) that the CSV `text` describes, its cells separated by `delimiter` (one
    of DELIMITERS; None: recognised from the header row). CatalogErrors naming `name` and the row
    and column of every bad cell; a CatalogError for a file that holds no register.
    `progress(done, total)` is told of each row read."""
    if delimiter not in (None, *DELIMITERS):
        raise QueryError(
            f"{delimiter!r} is not a delimiter spreadsheets write: ',', ';' or a tab",
            parameter="delimiter",
        )
    text = text.removeprefix("\ufeff")
    rows = _rows(text, delimiter or _recognised(text), name)
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise CatalogError("has no header row naming catalog keys", file=name)
    header = _header(rows[0], name)
    tables: list[str] = []
    places: dict[str, tuple[int, str | None]] = {}  # a catalog key path: its row and column
    bad: list[tuple[int, str | int, str]] = []  # every bad cell: its row, column and fault
    last_id: str | None = None
    agreements = exits = 0
    for row_number, row in enumerate(rows[1:], start=2):
        if progress is not None:
            progress(row_number - 1, len(rows) - 1)
        if not any(cell.strip() for cell in row):
            continue  # a blank line
        bad += (
            (row_number, number, f"{cell.strip()!r} is under no key of the header")
            for number, cell in enumerate(row[len(header) :], start=len(header) + 1)
            if cell.strip()
        )
        cells = {
            column: _unguarded(cell).strip() for column, cell in zip(header, row, strict=False)
        }
        ident = cells.get("id", "")
        if not ident:
            bad.append((row_number, "id", "is empty"))
            continue
        if ident != last_id:
            agreements, exits, last_id = agreements + 1, 0, ident
            where = f"agreement[{agreements}]"
            tables.append(
                _table("[[agreement]]", AGREEMENT_COLUMNS, cells, where, row_number, places, bad)
            )
        else:
            bad += (
                (row_number, column, f"{cells[column]!r}: a row that continues agreement "
                 f"{ident!r} (one more exit) gives only exit columns")
                for column in AGREEMENT_COLUMNS
                if column != "id" and cells.get(column)
            )  # fmt: skip
        if any(cells.get(column) for column in EXIT_COLUMNS):
            exits += 1
            where = f"agreement[{agreements}].exit[{exits}]"
            tables.append(
                _table("[[agreement.exit]]", EXIT_COLUMNS, cells, where, row_number, places, bad)
            )
    if bad:
        bad.sort(key=lambda cell: (cell[0], _number(cell[1], header)))  # as the file reads
        raise CatalogErrors([_cell_error(*cell, name) for cell in bad], file=name)
    if not tables:
        raise CatalogError("has no row below its header", file=name)
    catalog = "\n".join(tables)
    try:
        read_catalog(catalog.encode(), name=name)
    except CatalogErrors as found:
        raise CatalogErrors([_located(e, places, name) for e in found.errors], file=name) from None
    except CatalogError as error:
        raise _located(error, places, name) from None
    return catalog


def register_rows(tables: list[dict[str, Any]]) -> tuple[list[str], list[list[str]], int]:
    """Agreements' tables (as tomli reads a catalog) as `catalog_from_csv` reads them back: the
    columns any of them uses (`id` first, in the order of AGREEMENT_COLUMNS and EXIT_COLUMNS),
    a row per agreement with its first exit, a row under the same id per further exit; and how
    many keys no column carries (each event counted, and windows), which `import --merge` keeps
    in the file."""
    used = {"id"}
    for table in tables:
        used.update(k for k in table if k in AGREEMENT_COLUMNS)
        for clause in table.get("exit", []):
            used.update(k for k in clause if k in EXIT_COLUMNS)
    columns = [c for c in (*AGREEMENT_COLUMNS, *EXIT_COLUMNS) if c in used]
    rows: list[list[str]] = []
    left = 0
    for table in tables:
        left += sum(len(v) if k == "event" else 1 for k, v in table.items()
                    if k not in AGREEMENT_COLUMNS and k != "exit")  # fmt: skip
        clauses = table.get("exit", []) or [{}]
        for n, clause in enumerate(clauses):
            left += sum(1 for k in clause if k not in EXIT_COLUMNS)
            cells = {"id": table["id"]} if n else dict(table)
            cells.update(clause)
            rows.append([_cell(cells.get(column)) for column in columns])
    return columns, rows, left


def _cell(value: object) -> str:
    """A TOML value as a cell `_value` reads back as that value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return ";".join(_cell(item) for item in value)
    return str(value)


def header_keys(text: str, delimiter: str | None = None) -> tuple[str, ...]:
    """The catalog keys the header row of a CSV that `catalog_from_csv` has read names: what
    the CSV carries, so that `import --merge` keeps every other key."""
    text = text.removeprefix("\ufeff")
    line = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or _recognised(text)))
    return tuple(cell.strip() for cell in line if cell.strip())


def _recognised(text: str) -> str:
    """The delimiter of `text`: whichever of `,` and `;` splits its first line into more catalog
    keys (`,` when neither does better). csv.Sniffer guesses instead from characters that recur
    alike on every line: it gives up on a register of one column, and in the rows below the header
    `;` separates parties and tags too. The header of a register says it plainly."""
    line = re.split(r"[\r\n]", text, maxsplit=1)[0]
    known = {*AGREEMENT_COLUMNS, *EXIT_COLUMNS}

    def keys(delimiter: str) -> int:
        return sum(cell.strip().strip('"') in known for cell in line.split(delimiter))

    return max((",", ";"), key=keys)


def _header(row: list[str], name: str) -> list[str]:
    """The catalog keys the header row names, without the empty cells after the last one (Excel
    and LibreOffice write some); CatalogErrors for every column that names no key or one again."""
    header = [cell.strip() for cell in row]
    while not header[-1]:
        header.pop()
    known = (*AGREEMENT_COLUMNS, *EXIT_COLUMNS)
    errors = []
    for number, column in enumerate(header, start=1):
        first = header.index(column) + 1
        if column not in known:
            why = f"{column!r} is no catalog key (known: {', '.join(known)})"
            errors.append(CatalogError(f"column {number}: {why}", file=name))
        elif first < number:
            why = f"{column!r} is given twice (column {first} too)"
            errors.append(CatalogError(f"column {number}: {why}", file=name))
    if errors:
        raise CatalogErrors(errors, file=name)
    if "id" not in header:
        raise CatalogError("has no 'id' column", file=name)
    return header


def _number(column: str | int, header: list[str]) -> int:
    """The number of a column, named or numbered."""
    return column if isinstance(column, int) else header.index(column) + 1


def _cell_error(row: int, column: str | int, why: str, name: str) -> CatalogError:
    """The error of one cell, as every cell's reads: `r.csv: row 3, column notice: ...`."""
    return CatalogError(f"row {row}, column {column}: {why}", file=name)


def _table(
    header: str,
    columns: tuple[str, ...],
    cells: dict[str, str],
    where: str,
    row: int,
    places: dict[str, tuple[int, str | None]],
    bad: list[tuple[int, str | int, str]],
) -> str:
    """One TOML table of the row's cells in `columns`, each key's place noted for errors; a cell
    not of its column's kind is added to `bad` instead."""
    places[where] = (row, None)
    lines = [header]
    for column in columns:
        if cells.get(column):
            try:
                lines.append(f"{column} = {_value(cells[column], column)}")
            except ValueError as error:
                bad.append((row, column, str(error)))
            places[f"{where}.{column}"] = (row, column)
    return "\n".join(lines) + "\n"


def _value(cell: str, column: str) -> str:
    """A cell as a TOML value: days as dates, counts as integers, lists as arrays; ValueError
    saying what is wrong with a cell not of its column's kind."""
    if column in _LISTS:
        items = (item.strip() for item in cell.split(";"))
        return "[" + ", ".join(toml_string(item) for item in items if item) + "]"
    if column in _DAYS or (column == "anchor" and ";" not in cell):
        return _day(cell)
    if column == "anchor":
        return "[" + ", ".join(_day(d.strip()) for d in cell.split(";")) + "]"
    if column in _DURATIONS:
        return toml_string(_duration(cell))
    if column in _WHOLE:
        if not re.fullmatch(r"[0-9]+", cell):
            raise ValueError(f"{cell!r} is not a whole number")
        return str(int(cell))
    if column == "multilateral":
        if cell.lower() not in _BOOLEANS:
            raise ValueError(f"{cell!r} is not true or false")
        return "true" if _BOOLEANS[cell.lower()] else "false"
    return toml_string(cell)


def toml_string(text: str) -> str:
    """`text` as a TOML basic string. JSON's escapes are TOML's, but JSON leaves DEL (U+007F) as
    it is, which TOML forbids in a string.

    >>> print(toml_string('a "b"\\x7f'))
    "a \\"b\\"\\u007f"
    """
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _rows(text: str, delimiter: str, name: str) -> list[list[str]]:
    """The CSV's rows, however a spreadsheet ended its lines (LF, CRLF or CR alone: Excel for
    Mac; mixed too), with cells of any length; a quote never closed, or text after a closing
    quote, is an error naming the row and column where it is."""
    limit = csv.field_size_limit(sys.maxsize)  # 128 KiB by default: a pasted clause is longer
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error:
        row, column, why = _misquoted(text, delimiter)
        header = (
            next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)) if row > 1 else []
        )
        named = header[column - 1].strip() if column <= len(header) else ""
        raise _cell_error(row, named or column, why, name) from None
    finally:
        csv.field_size_limit(limit)


def _misquoted(text: str, delimiter: str) -> tuple[int, int, str]:
    """Where the quoting of `text` goes wrong, as (row, column, what): csv.Error says what,
    not where. A quote opens a cell only as its first character, as in the csv module."""
    row = column = 1
    start, quoted, closed = True, False, False
    opened = (row, column)
    at = 0
    while at < len(text):
        c = text[at]
        if quoted:
            if c == '"':
                if text.startswith('""', at):
                    at += 1  # a doubled quote stands for one
                else:
                    quoted, closed = False, True
        elif c == delimiter:
            column, start, closed = column + 1, True, False
        elif c in "\r\n":
            at += text.startswith("\r\n", at)
            row, column, start, closed = row + 1, 1, True, False
        elif closed:
            return row, column, "text after the quote that closes the cell"
        elif c == '"' and start:
            quoted, opened, start = True, (row, column), False
        else:
            start = False
        at += 1
    if quoted:
        return *opened, "a quote opened here is never closed"
    return row, column, "the quoting is not as CSV writes it"


def _day(cell: str) -> str:
    """A day cell as a TOML date; ValueError for one not written YYYY-MM-DD, saying what to write
    when it writes a day another way."""
    try:
        if cell.isascii() and re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell):
            return date.fromisoformat(cell).isoformat()
    except ValueError:
        pass
    why = f"{cell!r} is not a day of the form YYYY-MM-DD"
    match _readings(cell):
        case [day]:
            why += f": write {day.isoformat()}"
        case [day_first, month_first]:
            why += (
                f"; read day first it is {day_first.isoformat()}, month first "
                f"{month_first.isoformat()}: write the one meant"
            )
    raise ValueError(why)


_NUMBERED = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})", re.ASCII)
_YEAR_FIRST = re.compile(r"(\d{4})([./-])(\d{1,2})\2(\d{1,2})", re.ASCII)
_NAMED = re.compile(
    r"(?:(\d{1,2})\.?\s+([a-z]+)\.?|([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?)\s+(\d{4})",
    re.IGNORECASE | re.ASCII,
)
_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip


def _readings(cell: str) -> list[date]:
    """The days that `cell` may mean, when it writes a day as people do: `24.08.2027` or
    `8/24/2027` (day first as most of the world writes it, then month first as the US does; one
    reading when the other is no day or the same), `24 August 2027`, `Aug 24, 2027`, `2027/8/24`."""
    if found := _NUMBERED.fullmatch(cell):
        first, _, second, year = found.groups()
        ways = [(int(year), int(second), int(first)), (int(year), int(first), int(second))]
    elif found := _YEAR_FIRST.fullmatch(cell):
        year, _, month, day = found.groups()
        ways = [(int(year), int(month), int(day))]
    elif found := _NAMED.fullmatch(cell):
        day, month, other_month, other_day, year = found.groups()
        word = (month or other_month).lower()
        number = next((n for n, m in enumerate(_MONTHS, 1) if m.startswith(word)), 0)
        ways = [(int(year), number if len(word) >= 3 else 0, int(day or other_day))]
    else:
        return []
    readings: list[date] = []
    for year_, month_, day_ in ways:
        try:
            reading = date(year_, month_, day_)
        except ValueError:
            continue  # no month 13, no 30 February, no such month name
        if reading not in readings:
            readings.append(reading)
    return readings


def _duration(cell: str) -> str:
    """A duration cell, when written as ISO 8601 (only the form: the catalog checks the rest);
    ValueError for one written otherwise, saying what to write when it is spelled out."""
    try:
        Duration.parse(cell)
    except ValueError:
        spelled = _spelled(cell)
        if spelled is None:
            raise
        raise ValueError(f"{cell!r} is not an ISO 8601 duration: write {spelled}") from None
    return cell


_AMOUNT = r"(\d+)\s*(year|month|week|day)s?"
_SPELLED = re.compile(rf"{_AMOUNT}(?:(?:\s*,\s*|\s+and\s+|\s*){_AMOUNT})*", re.I | re.ASCII)
_LETTERS = {"year": "Y", "month": "M", "week": "W", "day": "D"}


def _spelled(cell: str) -> str | None:
    """The ISO 8601 form of a duration spelled out (`3 months`, `1 year and 6 months`: P3M,
    P1Y6M), or None when `cell` is none (or names a unit twice)."""
    if not _SPELLED.fullmatch(cell):
        return None
    amounts = re.findall(_AMOUNT, cell, re.I | re.ASCII)
    units = {unit.lower(): int(count) for count, unit in amounts}
    if len(units) < len(amounts):
        return None
    return "P" + "".join(
        f"{units[unit]}{letter}" for unit, letter in _LETTERS.items() if unit in units
    )


def _located(
    error: CatalogError, places: dict[str, tuple[int, str | None]], name: str
) -> CatalogError:
    """The catalog's error, said of the cell it comes from: `row 3, column notice: …`."""
    path = error.path or ""
    while path and path not in places:
        path = path.rpartition(".")[0]
    if not path:
        return CatalogError(error.reason, file=name, path=error.path, agreement=error.agreement)
    row, column = places[path]
    if column is None:
        key = (error.path or "")[len(path) + 1 :]
        column = key or None
    where = f"row {row}" + (f", column {column}" if column else "")
    return CatalogError(f"{where}: {error.reason}", file=name, agreement=error.agreement)
