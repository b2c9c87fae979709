"""Deadlines as an RFC 5545 calendar: all-day events, reminders, identities that stay put.

Every logical event (`last-notice-day-11.gsomia@gsomia-clock`: GSOMIA's last notice day before
its 11th renewal) keeps its UID across exports and catalog edits. When its content changes, its
SEQUENCE goes up by one from the calendar it replaces, so clients update instead of duplicating.
icalendar is imported here only, so that the other commands never pay for it.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, final

from .days import start_of_day
from .durations import Duration
from .errors import ClockError, QueryError

if TYPE_CHECKING:
    from icalendar import Calendar

    from .agreement import Agreement
    from .answers import Deadline

__all__ = [
    "DEFAULT_NAME",
    "CalendarEvent",
    "calendar_events",
    "export",
    "parse_reminder",
    "previous_sequences",
    "stamp_from_environment",
    "to_calendar",
    "write_atomically",
]

DEFAULT_NAME = "Treaty deadlines"
PRODID = "-//gsomia-clock//gsomia-clock//EN"
AGREEMENT_PROPERTY = "X-GSOMIA-CLOCK-AGREEMENT"
FINGERPRINT_PROPERTY = "X-GSOMIA-CLOCK-FINGERPRINT"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_URL = re.compile(r"https?://[^\s;,)\"']+")


def _clean(text: str) -> str:
    """Text with no control characters but line breaks and tabs; icalendar escapes the rest."""
    return _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))


def _line(text: str) -> str:
    """One line of text, for a SUMMARY or a calendar name."""
    return " ".join(_clean(text).split())


@final
@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One VEVENT: an all-day deadline, or a reminder of one (all-day, or timed in UTC)."""

    uid: str
    agreement: str
    start: date | datetime
    summary: str
    description: str
    url: str | None = None
    alarms: tuple[Duration, ...] = ()

    @property
    def end(self) -> date | datetime:
        if isinstance(self.start, datetime):
            return self.start + timedelta(minutes=15)
        return self.start + timedelta(days=1)  # DTEND of an all-day event is the next day

    @property
    def fingerprint(self) -> str:
        """A digest of everything a client shows: a change means a new SEQUENCE."""
        text = "\x1f".join(
            (self.start.isoformat(), self.summary, self.description, self.url or "",
             *(str(a) for a in self.alarms))
        )  # fmt: skip
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def parse_reminder(text: str) -> Duration:
    """A `--remind` duration: weeks, days, hours or minutes (alarms have no months or years)."""
    try:
        duration = Duration.parse(text)
    except ValueError as error:
        raise QueryError(f"--remind: {error}") from None
    if duration.total_months:
        raise QueryError(
            f"--remind: {text!r} has months or years; RFC 5545 alarms take weeks, days, hours "
            "or minutes (P30D, P2W, PT12H)"
        )
    if duration.is_zero:
        raise QueryError(f"--remind: {text!r} is no time at all")
    return duration


def _description(deadline: Deadline, agreement: Agreement) -> str:
    lines = [deadline.summary, "", *deadline.explanation]
    if agreement.text:
        lines += ["", f"Clause: {agreement.text}"]
    if agreement.source:
        lines += ["", f"Source: {agreement.source}"]
    return _clean("\n".join(lines))


def calendar_events(
    agreements: Iterable[Agreement],
    start: date,
    end: date,
    *,
    reminders: Sequence[Duration] = (),
    reminder_events: bool = False,
) -> list[CalendarEvent]:
    """The events for every deadline from `start` to `end`, in a stable order."""
    events: list[CalendarEvent] = []
    for agreement in agreements:
        url_match = _URL.search(agreement.source or "")
        url = url_match.group(0) if url_match else None
        for deadline in agreement.deadlines(start, end):
            uid = f"{deadline.key}.{agreement.id}@gsomia-clock"
            description = _description(deadline, agreement)
            summary = _line(deadline.summary)
            events.append(
                CalendarEvent(
                    uid, agreement.id, deadline.date, summary, description, url, tuple(reminders)
                )
            )
            if not reminder_events:
                continue
            # Google, Outlook and Apple drop alarms from subscribed feeds: remind with events too.
            for reminder in reminders:
                if reminder.has_time:
                    when: date | datetime = (
                        start_of_day(deadline.date, agreement.zone).astimezone(UTC)
                        - reminder.to_timedelta()
                    )
                else:
                    when = deadline.date - reminder.to_timedelta()
                events.append(
                    CalendarEvent(
                        f"reminder-{str(reminder).lower()}-{uid}",
                        agreement.id,
                        when,
                        _line(f"In {reminder.words()}: {deadline.summary}"),
                        description,
                        url,
                    )
                )
    events.sort(key=lambda e: (_day(e.start), e.uid))
    return events


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def to_calendar(
    events: Sequence[CalendarEvent],
    *,
    name: str = DEFAULT_NAME,
    stamp: datetime,
    sequences: Mapping[str, tuple[int, str]] | None = None,
) -> Calendar:
    """An icalendar Calendar; `sequences` maps a UID to its last (SEQUENCE, fingerprint)."""
    from icalendar import Alarm, Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", _line(name))
    calendar.add("x-wr-calname", _line(name))
    # icalendar writes REFRESH-INTERVAL without VALUE=DURATION, which RFC 7986 requires.
    calendar.add("refresh-interval", timedelta(days=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "P1D")
    stamp = stamp.astimezone(UTC).replace(microsecond=0)
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("sequence", _sequence(item, sequences))
        event.add("dtstart", item.start)
        event.add("dtend", item.end)
        event.add("summary", item.summary)
        event.add("description", item.description)
        event.add("transp", "TRANSPARENT")
        if item.url:
            event.add("url", item.url)
        event.add(AGREEMENT_PROPERTY.lower(), item.agreement)
        event.add(FINGERPRINT_PROPERTY.lower(), item.fingerprint)
        for reminder in item.alarms:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", -reminder.to_timedelta())
            alarm.add("description", _line(f"In {reminder.words()}: {item.summary}"))
            event.add_component(alarm)
        calendar.add_component(event)
    calendar.add_missing_timezones()  # a VTIMEZONE for every TZID used (today there are none)
    return calendar


def _sequence(item: CalendarEvent, sequences: Mapping[str, tuple[int, str]] | None) -> int:
    if not sequences or item.uid not in sequences:
        return 0
    sequence, fingerprint = sequences[item.uid]
    return sequence if fingerprint == item.fingerprint else sequence + 1


def previous_sequences(data: bytes) -> dict[str, tuple[int, str]]:
    """UID → (SEQUENCE, fingerprint) of the events of an earlier export; {} if unreadable."""
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(data)
    except ValueError:
        return {}
    found: dict[str, tuple[int, str]] = {}
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID", ""))
        if uid:
            found[uid] = (int(event.get("SEQUENCE", 0)), str(event.get(FINGERPRINT_PROPERTY, "")))
    return found


def stamp_from_environment() -> datetime:
    """DTSTAMP: SOURCE_DATE_EPOCH when set (reproducible builds), else now; in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError, OSError):
        raise QueryError(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds") from None


def export(
    agreements: Iterable[Agreement],
    start: date,
    end: date,
    *,
    reminders: Sequence[Duration] = (),
    reminder_events: bool = False,
    name: str = DEFAULT_NAME,
    stamp: datetime | None = None,
    previous: bytes | None = None,
) -> bytes:
    """The calendar as bytes; `previous` is the export it replaces, for SEQUENCE numbers.

    >>> from gsomia_clock import load_catalog
    >>> from datetime import date, datetime, UTC
    >>> data = export([load_catalog()["gsomia"]], date(2027, 1, 1), date(2027, 12, 31),
    ...               stamp=datetime(2026, 11, 22, tzinfo=UTC))
    >>> [line for line in data.decode().splitlines() if line.startswith("DTSTART")]
    ['DTSTART;VALUE=DATE:20270824', 'DTSTART;VALUE=DATE:20271123']
    """
    events = calendar_events(
        agreements, start, end, reminders=reminders, reminder_events=reminder_events
    )
    sequences = previous_sequences(previous) if previous else None
    calendar = to_calendar(
        events, name=name, stamp=stamp or stamp_from_environment(), sequences=sequences
    )
    return bytes(calendar.to_ical())


def write_atomically(path: Path, data: bytes) -> None:
    """Write the whole file or nothing: a temporary file beside it, then one rename."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    except OSError as error:
        raise ClockError(f"-o: cannot write {path} ({error.strerror or error})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ClockError(f"-o: cannot write {path} ({error.strerror or error})") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
