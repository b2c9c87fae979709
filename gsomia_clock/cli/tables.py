"""CSV for spreadsheets: `agenda --csv`, `deadlines --csv` and `can-withdraw --csv`, a header row
and a row each.

Every cell a spreadsheet would run as a formula is guarded, and `import` reads it back as it was:
both rules are spreadsheet.py's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from ..withdrawal import WithdrawalAnswer  # loaded already by every question's answer

if TYPE_CHECKING:
    from ..agenda import AgendaItem
    from ..deadlines import Deadline

__all__ = [
    "AGENDA_COLUMNS", "DEADLINE_COLUMNS", "WITHDRAWAL_COLUMNS", "agenda_rows", "csv_text",
    "deadline_rows", "withdrawal_rows",
]  # fmt: skip

AGENDA_COLUMNS = (
    "agreement", "name", "state", "date", "kind", "party", "days_left", "summary", "owner",
    "reference", "tags", "change_date", "change_kind", "change_summary",
)  # fmt: skip
DEADLINE_COLUMNS = ("agreement", "date", "kind", "party", "days_left", "summary")
# The keys of `can-withdraw --json` that are one value each: the answer's fields, in order.
WITHDRAWAL_COLUMNS = tuple(
    field
    for field in WithdrawalAnswer._fields
    if field not in ("reading", "readings", "explanation")
)


def agenda_rows(items: Sequence[AgendaItem]) -> list[list[str]]:
    """`agenda --csv`: a row per agreement (`tags` joined by ';', as `import` reads them)."""
    rows = []
    for item in items:
        d, c = item.next_deadline, item.next_change
        rows.append([
            item.agreement, item.name, item.state,
            "" if d is None else d.date.isoformat(), "" if d is None else d.kind,
            "" if d is None or d.party is None else d.party,
            "" if item.days_left is None else str(item.days_left),
            "" if d is None else d.summary,
            item.owner or "", item.reference or "", ";".join(item.tags),
            "" if c is None else c.date.isoformat(), "" if c is None else c.kind,
            "" if c is None else c.summary,
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


def withdrawal_rows(answers: Sequence[WithdrawalAnswer]) -> list[list[str]]:
    """`can-withdraw --csv`: a row per answer, its JSON object's values (`true`, `false`, and
    an empty cell for `null`)."""
    rows = []
    for answer in answers:
        found = answer.to_dict()
        rows.append([_cell(found[column]) for column in WITHDRAWAL_COLUMNS])
    return rows


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _days_left(deadline: Deadline, todays: Mapping[str, date]) -> int:
    return (deadline.date - todays[deadline.agreement]).days


def csv_text(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A CSV table with a header row, quoted where needed; lines end as the terminal's do.

    Each cell is `guarded` against formulas (spreadsheet.py, whose `import` takes the guard off).

    >>> print(csv_text(["name", "days_left"], [["=HYPERLINK(1)", "-3"]]))
    name,days_left
    '=HYPERLINK(1),-3
    """
    import csv
    import io

    from ..spreadsheet import guarded

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([guarded(cell) for cell in row] for row in rows)
    return out.getvalue().removesuffix("\n")
