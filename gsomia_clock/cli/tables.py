"""CSV for spreadsheets: `agenda --csv` and `deadlines --csv`, a header row and a row each.

Every cell a spreadsheet would run as a formula is guarded (see `csv_text`); `import` reads the
guarded cells back as they were (spreadsheet.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..agenda import AgendaItem
    from ..deadlines import Deadline

__all__ = ["AGENDA_COLUMNS", "DEADLINE_COLUMNS", "agenda_rows", "csv_text", "deadline_rows"]

AGENDA_COLUMNS = (
    "agreement", "name", "state", "date", "kind", "party", "days_left", "summary", "owner",
    "reference", "tags",
)  # fmt: skip
DEADLINE_COLUMNS = ("agreement", "date", "kind", "party", "days_left", "summary")


def agenda_rows(items: Sequence[AgendaItem]) -> list[list[str]]:
    """`agenda --csv`: a row per agreement (`tags` joined by ';', as `import` reads them)."""
    rows = []
    for item in items:
        d = item.next_deadline
        rows.append([
            item.agreement, item.name, item.state,
            "" if d is None else d.date.isoformat(), "" if d is None else d.kind,
            "" if d is None or d.party is None else d.party,
            "" if item.days_left is None else str(item.days_left),
            "" if d is None else d.summary,
            item.owner or "", item.reference or "", ";".join(item.tags),
        ])  # fmt: skip
    return rows


def deadline_rows(deadlines: Sequence[Deadline], todays: Mapping[str, date]) -> list[list[str]]:
    """`deadlines --csv`: a row per deadline, days left counted from its agreement's today."""
    return [
        [
            d.agreement,
            d.date.isoformat(),
            d.kind,
            d.party or "",
            str(_days_left(d, todays)),
            d.summary,
        ]
        for d in deadlines
    ]


def _days_left(deadline: Deadline, todays: Mapping[str, date]) -> int:
    return (deadline.date - todays[deadline.agreement]).days


# A cell a spreadsheet would run as a formula (OWASP's "CSV injection"); a number is none.
_FORMULA = re.compile(r"[=+@\t\r]|-(?!\d+\Z)")


def csv_text(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A CSV table with a header row, quoted where needed; lines end as the terminal's do.

    A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a
    leading `'`, so that no spreadsheet runs it as a formula (`import` takes the `'` off again);
    a negative whole number such as a past deadline's `days_left` is a number, and stays one.

    >>> print(csv_text(["name", "days_left"], [["=HYPERLINK(1)", "-3"]]))
    name,days_left
    '=HYPERLINK(1),-3
    """
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([f"'{cell}" if _FORMULA.match(cell) else cell for cell in row] for row in rows)
    return out.getvalue().removesuffix("\n")
