"""Helpers shared by the test modules: inline agreements, the calendars exported from them,
and the command line run two ways.

Test modules import from here (never from conftest or from one another); conftest.py holds
only fixtures.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest

from gsomia_clock import Agreement
from gsomia_clock.catalog import read_catalog
from gsomia_clock.cli import main
from gsomia_clock.ics import CalendarEvent

# -- agreements written inline as TOML ------------------------------------------------------


def agreement(toml: str) -> Agreement:
    """The single agreement of an inline catalog (indentation is stripped)."""
    (found,) = read_catalog(textwrap.dedent(toml).encode(), name="inline.toml")
    return found


MINIMAL = """
[[agreement]]
id = "x"
name = "X"
parties = ["AA", "BB"]
in_force = 2020-01-01
"""

# A yearly lease in Seoul with 90 days' notice; `{extra}` takes events.
LEASE = """
[[agreement]]
id = "lease"
name = "A lease"
parties = ["AA", "BB"]
in_force = 2016-11-23
timezone = "Asia/Seoul"
term = "P1Y"
renewal = "P1Y"
{extra}
[[agreement.exit]]
effect = "end-of-term"
notice = "P90D"
"""

# An exit on the first day of the calendar, east of UTC: its midnight is before year 1 in UTC.
FIRST_DAY = """
[[agreement]]
id = "first-day"
name = "First day"
parties = ["AA", "BB"]
in_force = 0001-01-01
timezone = "Asia/Kolkata"

[[agreement.exit]]
effect = "after-notice"
notice = "P0D"

[[agreement.event]]
date = 0001-01-01
kind = "notice"
party = "AA"
"""

GSOMIA_LIKE = """
[[agreement]]
id = "evergreen"
name = "An evergreen agreement"
parties = ["AA", "BB"]
in_force = 2016-11-23
timezone = "Asia/Seoul"
term = "P1Y"
renewal = "P1Y"

[[agreement.exit]]
effect = "end-of-term"
notice = "P90D"
"""


def evergreen(events: str = "") -> Agreement:
    """A GSOMIA-shaped bilateral agreement with the given `[[agreement.event]]` tables."""
    return agreement(GSOMIA_LIKE + textwrap.dedent(events))


# -- calendars ------------------------------------------------------------------------------

# The stamp of the calendars exported in the tests, and the UIDs of the lease's 2027 deadlines.
STAMP = datetime(2026, 11, 22, tzinfo=UTC)
NOTICE_UID = "last-notice-day-11.lease@gsomia-clock"
RENEWAL_UID = "renewal-11.lease@gsomia-clock"


def lease(extra: str = "") -> Agreement:
    """The yearly lease of LEASE, with `extra` lines: keys of its own, or events."""
    (found,) = read_catalog(LEASE.format(extra=extra).encode(), name="inline.toml")
    return found


def calendar_event(uid: str = "a@test", **fields: object) -> CalendarEvent:
    """An all-day event on 24 August 2027, with any of its fields given otherwise."""
    values: dict[str, object] = {
        "uid": uid, "agreement": "lease", "start": date(2027, 8, 24), "summary": "Last day",
        "description": "Why", **fields,
    }  # fmt: skip
    return CalendarEvent(**values)  # type: ignore[arg-type]


def events_of(data: bytes) -> list[icalendar.Event]:
    """The VEVENTs of a calendar, as icalendar reads them."""
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def lines_of(data: bytes) -> list[str]:
    """The content lines of a calendar, unfolded."""
    return data.decode().replace("\r\n ", "").split("\r\n")[:-1]


def vevents(data: bytes) -> dict[str, dict[str, str]]:
    """UID → {property: value} of each VEVENT (the last value of a repeated property)."""
    found: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in lines_of(data):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found[current["UID"]] = current
        else:
            name, _, value = line.partition(":")
            current[name] = value
    return found


# -- a contract manager's register ----------------------------------------------------------

# Friday 28 August 2026, 00:00 UTC: "today" for the register below.
ON_28_AUGUST_2026 = "1787875200"

REGISTER = """\
[[agreement]]
id = "office-lease"
name = "Office lease, 3rd floor"
parties = ["TENANT", "LANDLORD"]
in_force = 2024-01-01
timezone = "Europe/Berlin"
term = "P2Y"
renewal = "P1Y"
owner = "Facilities"
reference = "L-2024-017"
tags = ["lease", "berlin"]
[[agreement.exit]]
effect = "end-of-term"
notice = "P3M"

[[agreement]]
id = "crm-subscription"
name = "CRM subscription"
parties = ["US", "VENDOR"]
in_force = 2025-10-01
term = "P1Y"
renewal = "P1Y"
owner = "Sales ops"
tags = ["saas"]
[[agreement.exit]]
effect = "end-of-term"
notice = "P30D"

[[agreement]]
id = "cleaning"
name = "Cleaning services"
parties = ["US", "CLEANCO"]
in_force = 2023-05-01
owner = "facilities"
tags = ["berlin"]
[[agreement.exit]]
effect = "after-notice"
notice = "P1M"
"""


# -- the contract's JSON keys ---------------------------------------------------------------

STATUS_KEYS = {
    "agreement", "party", "on", "state", "term_start", "term_end", "next_renewal", "effective",
    "effective_at",
}  # fmt: skip
WITHDRAW_KEYS = {
    "agreement", "party", "on", "can_withdraw", "via", "effective", "effective_at",
    "last_notice_day", "reason",
}  # fmt: skip

# -- the command line -----------------------------------------------------------------------

SCRIPT = Path(sys.executable).with_name("gsomia-clock")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "gsomia_clock"]


def run(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The installed `gsomia-clock` script run as users run it: a separate process."""
    environment = {**os.environ, **(env or {})}
    return subprocess.run(
        [*COMMAND, *args], capture_output=True, text=True, timeout=120, cwd=cwd, check=False,
        env=environment,
    )  # fmt: skip


@dataclass(frozen=True)
class Outcome:
    """What one in-process run of the command line did (named as subprocess's results are)."""

    returncode: int
    stdout: str
    stderr: str


def invoke(capsys: pytest.CaptureFixture[str], *args: str) -> Outcome:
    """`gsomia_clock.cli.main(args)` in this process: its exit status and what it printed.

    Usage errors leave through argparse's SystemExit; everything else is main's return value.
    Run it from the directory the arguments are relative to (`monkeypatch.chdir`).
    """
    capsys.readouterr()  # start from nothing
    try:
        status = main(list(args))
    except SystemExit as leaving:
        status = leaving.code if isinstance(leaving.code, int) else 1
    out, err = capsys.readouterr()
    return Outcome(status, out, err)


# -- pages -----------------------------------------------------------------------------------


class Page(HTMLParser):
    """What a page holds: its rows' ids, links, every tag and attribute, and its text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.rows: list[str] = []
        self.links: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag == "tr" and found.get("id"):
            self.rows.append(found["id"] or "")
        if tag == "a" and found.get("href"):
            self.links.append(found["href"] or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @property
    def words(self) -> str:
        """The text as a reader sees it: whitespace run together."""
        return " ".join("".join(self.text).split())


# -- bad input --------------------------------------------------------------------------------

PREFIX = "gsomia-clock: error: "


def assert_refused(done: Outcome | subprocess.CompletedProcess[str], last_line: str) -> None:
    """Exit status 2, nothing on stdout, and one line on stderr: this exact one.

    argparse quotes its choices differently from one Python to the next: a `last_line` ending
    in "(choose from " is the start of the line, the rest is argparse's.
    """
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.splitlines()[-1].startswith(last_line), done.stderr
    if not last_line.endswith("(choose from "):
        assert done.stderr.splitlines()[-1] == last_line


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every entry of a folder with its bytes (None for a folder): to see that nothing changed."""
    return {
        path.name: None if path.is_dir() else path.read_bytes() for path in sorted(folder.iterdir())
    }


# Two end-of-term clauses: a year's notice, and 90 days' open from the second year.
TWO_CLAUSES = """
[[agreement]]
id = "two"
name = "Two"
parties = ["AA", "BB"]
in_force = 2000-01-01
term = "P1Y"
renewal = "P6M"

[[agreement.exit]]
effect = "end-of-term"
notice = "P90D"
not_before = "P1Y"

[[agreement.exit]]
effect = "end-of-term"
notice = "P1Y"
"""


# A multilateral treaty with a one-year notice, and the same with CC joining in 2021.
MANY = """
[[agreement]]
id = "many"
name = "A treaty of many (MANY)"
parties = ["AA", "BB", "CC"]
in_force = 2020-01-01

[[agreement.exit]]
effect = "after-notice"
notice = "P1Y"
"""

JOINED = (
    MANY
    + """
[[agreement.event]]
date = 2021-01-01
kind = "join"
party = "CC"
effective = 2021-02-01
"""
)
