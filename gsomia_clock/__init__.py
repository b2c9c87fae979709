"""gsomia-clock: when an agreement renews, until when a party can still get out, and why.

Data flows one way, file → agreement → timeline → answer → rendering; each layer below imports
only from its own and those above it (`../shared/tools/import_cycles.py` finds no cycle):

1. values, shown, errors, files: immutable values, text safe to show, bad input, safe reads;
2. durations, days, business, terms, periods: how days are counted, and term ends;
3. exits, events: the clauses, and what the parties did;
4. timeline, remembered: a history compiled into snapshots, and its one cache;
5. subject, notices: whom an answer is about, what bears on it, what a notice would do;
6. status, withdrawal, deadlines, history: the answers; selection, agenda, ways_out over many;
7. agreement: the face that asks them, and remembers what they said for how long;
8. catalog, spreadsheet, catalog_text: TOML or CSV in, agreements out; a file edited in place;
9. ics and push (calendars), picture and report (SVG and HTML pages);
10. cli/: the command line, the one place that knows of flags, terminals and exit statuses.

>>> from gsomia_clock import load_catalog
>>> gsomia = load_catalog()["gsomia"]
>>> gsomia.status(on="2026-11-22").next_renewal
datetime.date(2026, 11, 23)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .agenda import AgendaItem
    from .agreement import Agreement
    from .business import BusinessDays
    from .catalog import Catalog, load_catalog
    from .deadlines import Deadline
    from .durations import Duration
    from .errors import CatalogError, ClockError, QueryError
    from .events import (
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
    from .exits import Exit
    from .history import HistoryEntry
    from .periods import Boundaries, Window
    from .selection import Selection
    from .status import Status
    from .withdrawal import Reading, WithdrawalAnswer

__all__ = [
    "AgendaItem",
    "Agreement",
    "Boundaries",
    "BusinessDays",
    "Catalog",
    "CatalogError",
    "ClockError",
    "Deadline",
    "Defer",
    "Duration",
    "Event",
    "Exit",
    "Extend",
    "HistoryEntry",
    "Join",
    "Notice",
    "QueryError",
    "Reading",
    "Resume",
    "ResumeOperation",
    "Revoke",
    "Selection",
    "Status",
    "Suspend",
    "SuspendOperation",
    "Terminate",
    "Window",
    "WithdrawalAnswer",
    "load_catalog",
]

# Imported on first use, so that `import gsomia_clock` costs next to nothing.
_HOMES = {
    "AgendaItem": "agenda",
    "Agreement": "agreement",
    "Boundaries": "periods",
    "BusinessDays": "business",
    "Catalog": "catalog",
    "CatalogError": "errors",
    "ClockError": "errors",
    "Deadline": "deadlines",
    "Defer": "events",
    "Duration": "durations",
    "Event": "events",
    "Exit": "exits",
    "Extend": "events",
    "HistoryEntry": "history",
    "Join": "events",
    "Notice": "events",
    "QueryError": "errors",
    "Reading": "withdrawal",
    "Resume": "events",
    "ResumeOperation": "events",
    "Revoke": "events",
    "Selection": "selection",
    "Status": "status",
    "Suspend": "events",
    "SuspendOperation": "events",
    "Terminate": "events",
    "Window": "periods",
    "WithdrawalAnswer": "withdrawal",
    "load_catalog": "catalog",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'gsomia_clock' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
