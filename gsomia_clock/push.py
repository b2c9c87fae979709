"""Push deadlines to a CalDAV calendar: one object per UID, idempotent, touching only its own.

Needs the optional `caldav` extra. An event is created when new, updated (SEQUENCE + 1) when its
content changed, left alone when unchanged (DTSTAMP alone is no change), and removed only when an
earlier push created it for one of the agreements being pushed and it is no longer produced.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any, final

from .errors import ClockError, QueryError
from .ics import AGREEMENT_PROPERTY, FINGERPRINT_PROPERTY, CalendarEvent, sequence_of, to_ics

__all__ = ["PushReport", "push", "read_password"]


@final
@dataclass(frozen=True, slots=True)
class PushReport:
    """What a push did, event by event."""

    calendar: str
    created: int
    updated: int
    removed: int
    unchanged: int

    def __str__(self) -> str:
        return (
            f"{self.calendar}: {self.created} created, {self.updated} updated, "
            f"{self.removed} removed, {self.unchanged} unchanged"
        )


def read_password(variable: str | None) -> str:
    """The password from the environment variable named by `--password-env` (none: empty)."""
    if not variable:
        return ""
    value = os.environ.get(variable)
    if value is None:
        raise QueryError(f"--password-env: the environment variable {variable} is not set")
    return value


@dataclass(slots=True)
class _Existing:
    resource: Any
    sequence: int
    fingerprint: str
    agreement: str


def push(
    events: Sequence[CalendarEvent],
    *,
    url: str,
    user: str,
    password: str,
    calendar_name: str,
    agreements: Collection[str],
    stamp: datetime,
    progress: IO[str] | None = None,
    verify: bool = True,
) -> PushReport:
    """Make the calendar named `calendar_name` hold exactly these events for `agreements`.

    `verify=False` skips the TLS certificate check: the command line only does so when told
    `--insecure`, and says so on standard error.
    """
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise QueryError(f"--url: {url!r} is not an http:// or https:// address")
    if parts.password is not None:
        raise QueryError(
            "--url: holds a password; name the environment variable that holds it with "
            "--password-env instead, so that it never shows in a process list or a message"
        )
    try:
        import niquests
        from caldav.davclient import DAVClient
        from caldav.lib.error import DAVError
    except ImportError:
        raise ClockError(
            "push needs the caldav extra: pip install 'gsomia-clock[caldav]'"
        ) from None
    try:
        with DAVClient(
            url=url, username=user or None, password=password, ssl_verify_cert=verify
        ) as client:
            return _push(client, events, calendar_name, agreements, stamp, progress)
    except (DAVError, niquests.exceptions.RequestException, OSError) as error:
        # Never echo the password: the message names the server and the failure only.
        text = str(error).replace(password, "***") if password else str(error)
        raise ClockError(f"push: {url}: {type(error).__name__}: {text}") from None


def _push(
    client: Any,
    events: Sequence[CalendarEvent],
    calendar_name: str,
    agreements: Collection[str],
    stamp: datetime,
    progress: IO[str] | None,
) -> PushReport:
    principal = client.get_principal()
    calendar = next(
        (c for c in principal.get_calendars() if c.get_display_name() == calendar_name), None
    )
    if calendar is None:
        calendar = principal.make_calendar(name=calendar_name)
    existing: dict[str, _Existing] = {}
    for resource in calendar.get_events():
        component = resource.icalendar_component
        existing[str(component.get("UID", ""))] = _Existing(
            resource,
            sequence_of(component),
            str(component.get(FINGERPRINT_PROPERTY, "")),
            str(component.get(AGREEMENT_PROPERTY, "")),
        )
    created = updated = unchanged = removed = 0
    for done, event in enumerate(events, start=1):
        old = existing.get(event.uid)
        if old is not None and old.fingerprint == event.fingerprint:
            unchanged += 1
        else:
            sequences = {event.uid: (old.sequence, old.fingerprint)} if old else None
            text = to_ics([event], name=calendar_name, stamp=stamp, sequences=sequences).decode()
            if old is None:
                calendar.add_event(ical=text, increase_seqno=False)
                created += 1
            else:
                old.resource.data = text
                old.resource.save(increase_seqno=False)
                updated += 1
        if progress is not None and (done % 25 == 0 or done == len(events)):
            print(f"\rpushing: {done}/{len(events)} events", end="", file=progress, flush=True)
    if progress is not None and events:
        print(file=progress)
    produced = {event.uid for event in events}
    for uid, old in existing.items():
        # Only what an earlier push made for these agreements: a marker other clients lack.
        if old.agreement in agreements and uid not in produced:
            old.resource.delete()
            removed += 1
    return PushReport(calendar_name, created, updated, removed, unchanged)
