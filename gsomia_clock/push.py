"""Push deadlines to a CalDAV calendar: one object per UID, idempotent, touching only its own.

Needs the optional `caldav` extra. What push creates carries a mark of its own,
`X-GSOMIA-CLOCK-PUSHED`, holding a digest of what a calendar shows of the event (its days, text,
link and alarms) as push wrote it, and one of its UID. So push knows, event by event on the
server:

- an event without that mark is not its own (a person's event, or an `ical` export imported into
  the calendar, which has our UIDs but not the mark): never updated, never removed; nor is a
  copy of one of its events that someone made in their calendar app (the copy keeps the mark
  but has a UID of its own);
- an event the calendar holds but that cannot be read is left alone;
- an event of its own whose shown content no longer matches the digest was edited by someone in
  their calendar: kept as they left it, and reported, unless `replace_edited` is asked for;
- an event of its own is created when new, updated (SEQUENCE + 1) when its content changed, left
  alone when unchanged (DTSTAMP alone is no change), and removed only when it is for one of the
  agreements being pushed, for a day within the period pushed, and no longer produced.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple, final

from .errors import ClockError, QueryError
from .ics import (
    AGREEMENT_PROPERTY,
    FINGERPRINT_PROPERTY,
    CalendarEvent,
    about,
    basic,
    sequence_of,
    to_ics,
)
from .selection import Selection
from .shown import named, undecoded
from .values import Value

__all__ = [
    "DAY_PROPERTY",
    "PUSHED_PROPERTY",
    "PushReport",
    "check_url",
    "push",
    "read_password",
    "shown",
]

PUSHED_PROPERTY = "X-GSOMIA-CLOCK-PUSHED"
DAY_PROPERTY = "X-GSOMIA-CLOCK-DAY"
# What a calendar shows of an event: a change to any of these by someone else is an edit.
_SHOWN = ("DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "LOCATION", "URL", "STATUS", "RRULE")
_ALARM_SHOWN = ("ACTION", "TRIGGER", "DESCRIPTION")


@final
class PushReport(Value):
    """What a push did, event by event."""

    __slots__ = ("calendar", "created", "edited", "foreign", "removed", "unchanged", "updated")
    calendar: str
    created: int
    updated: int
    removed: int
    unchanged: int
    edited: tuple[str, ...]  # UIDs of our events someone edited, kept as they are
    foreign: tuple[str, ...]  # UIDs we produce held by events push did not make

    def __init__(
        self,
        calendar: str,
        created: int,
        updated: int,
        removed: int,
        unchanged: int,
        edited: tuple[str, ...] = (),
        foreign: tuple[str, ...] = (),
    ) -> None:
        self._fill(calendar, created, updated, removed, unchanged, edited, foreign)

    def __str__(self) -> str:
        text = (
            f"{self.calendar}: {self.created} created, {self.updated} updated, "
            f"{self.removed} removed, {self.unchanged} unchanged"
        )
        if self.edited:
            text += (
                f"\n{len(self.edited)} edited in the calendar since pushed, kept as they are "
                f"(`replace_edited` to overwrite): {', '.join(self.edited)}"
            )
        if self.foreign:
            text += (
                f"\n{len(self.foreign)} not made by push (an imported export?), left alone: "
                f"{', '.join(self.foreign)}"
            )
        return text


def read_password(variable: str | None) -> str:
    """The password from the environment variable named by `--password-env` (none: empty)."""
    if not variable:
        return ""
    value = os.environ.get(variable)
    if value is None:
        raise QueryError(
            f"the environment variable {variable} is not set", parameter="password_env"
        )
    return value


class _Existing(NamedTuple):
    resource: Any
    sequence: int
    fingerprint: str
    agreement: str
    ours: bool  # made by push (it carries our mark)
    edited: bool  # made by push, and what it shows has changed since
    day: date | None  # the deadline's day, as push wrote it


def push(
    events: Sequence[CalendarEvent],
    *,
    url: str,
    user: str,
    password: str,
    calendar_name: str,
    agreements: Collection[str],
    stamp: datetime,
    periods: Mapping[str, tuple[date, date]] | None = None,
    replace_edited: bool = False,
    progress: Callable[[int, int | None], None] | None = None,
    verify: bool = True,
    selection: Selection | None = None,
    catalog: Collection[str] | None = None,
) -> PushReport:
    """Make the calendar named `calendar_name` hold exactly these events for `agreements`.

    `catalog`, when given (`push --prune`), is every agreement that still exists: the events of
    ours for any other agreement are removed too, whatever their day (an edited one kept and
    reported, as any).

    `periods` gives, per agreement, the days pushed (first, last): an event of ours for a day
    outside them stays (None: every day counts as pushed). An event of ours whose kind or party
    `selection` leaves out is none of this push's business: it stays too. `verify=False` skips the TLS
    certificate check: the command line only does so when told `--insecure`, and says so on
    standard error. `progress(done, total)` is told of each event sent or found unchanged.
    """
    check_url(url)
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
            return _push(
                client, events, calendar_name, agreements, stamp, periods, replace_edited,
                progress, selection, catalog,
            )  # fmt: skip
    except (DAVError, niquests.exceptions.RequestException, OSError) as error:
        raise ClockError(f"push: {url}: {_reason(error, password)}") from None
    except NotImplementedError as error:  # caldav: no authentication scheme it knows
        raise ClockError(
            f"push: {url}: the server asks for an authentication scheme push cannot use "
            f"({_said(error, password)})"
        ) from None
    except Exception as error:
        if not _raised_by_client(error):
            raise
        raise ClockError(
            f"push: {url}: the server's answer cannot be read, is it a CalDAV server? "
            f"({type(error).__name__}: {_said(error, password)})"
        ) from None


def _said(error: BaseException, password: str) -> str:
    """What a library's error says, on one line of at most 200 characters, without the password."""
    text = _masked(str(error).split("\n", 1)[0], password)
    return text if len(text) <= 200 else f"{text[:197]}..."


_CLIENT = ("caldav", "niquests", "urllib3", "lxml", "icalendar", "xml", "http", "email")


def _raised_by_client(error: BaseException) -> bool:
    """Whether `error` comes from the client libraries reading what the server sent (garbage
    XML, a missing element), rather than from a mistake of ours."""
    trace = error.__traceback__
    while trace is not None and trace.tb_next is not None:
        trace = trace.tb_next
    module = trace.tb_frame.f_globals.get("__name__", "") if trace is not None else ""
    return module.split(".", 1)[0] in _CLIENT


def check_url(url: str) -> None:
    """An http(s) address with a host, a port in range and no password, or a QueryError."""
    from urllib.parse import urlsplit

    if _PASSWORD.match(url):  # said first, and before any message could show the address
        raise QueryError(
            "holds a password; name the environment variable that holds it with `password_env` "
            "instead, so that it never shows in a process list or a message",
            parameter="url",
        )
    try:
        parts = urlsplit(url)
    except ValueError as error:  # `http://[::1/`
        raise QueryError(f"{url!r} is not a valid address ({error})", parameter="url") from None
    try:
        port = parts.port
    except ValueError:
        given = parts.netloc.rpartition(":")[2]
        raise QueryError(
            f"{url!r} is not a valid address (port {given!r} is not a number in 1-65535)",
            parameter="url",
        ) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise QueryError(f"{url!r} is not an http:// or https:// address", parameter="url")
    host = parts.hostname
    if not host.startswith("[") and ":" not in host:  # a name, not an IPv6 address
        for label in host.rstrip(".").split("."):
            if not 1 <= len(label) <= 63:
                raise QueryError(
                    f"{named(repr(url))} is not a valid address (a host name's parts are 1 to "
                    "63 characters long)",
                    parameter="url",
                )
    if port == 0:
        raise QueryError(
            f"{url!r} is not a valid address (port '0' is not a number in 1-65535)", parameter="url"
        )
    if _CONTROL.search(url):
        raise QueryError(f"{url!r} holds a control character or a space", parameter="url")
    if undecoded(url):
        raise QueryError(f"{url!r} is not UTF-8 text", parameter="url")


_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]")
# `scheme://user:password@host`, whatever else is wrong with it (a password may hold a `/`, which
# urlsplit takes for the path's start): a `:` after the `//` that no port follows, then an `@`.
_PASSWORD = re.compile(r"[^:/?#]*://[^/?#@]*:(?!\d*(?:[/?#]|\Z))[^@]*@", re.DOTALL)


def _reason(error: BaseException, password: str) -> str:
    """Why a request failed, in words: the innermost OS error (`Connection refused`), or the
    server's answer, never a library's repr, and never the password."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, OSError) and cause.strerror:
            return f"cannot connect ({cause.strerror})"
        cause = cause.__cause__ or cause.__context__
    name = type(error).__name__
    reason = getattr(error, "reason", None)
    text = str(reason) if isinstance(reason, str) and reason else str(error)
    text = text.split("\n", 1)[0]
    status = getattr(error, "status", None)
    if text == "no reason":  # caldav's word when the server said nothing more
        doing = _DOING.get(name, "talking to the server")
        text = f"failed while {doing}" + (f" (HTTP status {status})" if status else "")
    if "Unauthorized" in text or "401" in text or status == 401:
        text = "Unauthorized (401): the server refused the user name or password"
    elif name in ("ConnectionError", "ConnectTimeout", "Timeout", "ReadTimeout"):
        text = "cannot connect (no answer)"
    elif name == "SSLError":
        text = "TLS certificate not trusted (`verify=False` skips the check, for test servers only)"
    return f"{name}: {_masked(text, password)}"


_DOING = {
    "PropfindError": "looking for the calendars (PROPFIND)",
    "MkcalendarError": "making the calendar (MKCALENDAR)",
    "ReportError": "listing the calendar's events (REPORT)",
    "PutError": "storing an event (PUT)",
    "DeleteError": "removing an event (DELETE)",
    "NotFoundError": "looking for the calendar (not found)",
}


def _masked(text: str, password: str) -> str:
    """`text` without the password: whole words only, so that a one-character password does
    not turn 127.0.0.1 into ***27.0.0.***."""
    if not password:
        return text
    return re.sub(rf"(?<![\w.]){re.escape(password)}(?![\w.])", "***", text)


def shown(component: Any) -> str:
    """A digest of what a calendar shows of an event, read from its icalendar component."""
    parts: list[bytes] = []
    for name in _SHOWN:
        value = component.get(name)
        parts.append(b"" if value is None else _ical(value))
    for alarm in component.walk("VALARM"):
        parts.extend(_ical(alarm.get(name, "")) for name in _ALARM_SHOWN)
    return hashlib.sha256(b"\x1f".join(parts)).hexdigest()[:16]


def _ical(value: Any) -> bytes:
    return bytes(value.to_ical()) if hasattr(value, "to_ical") else str(value).encode()


def _uid_digest(uid: str) -> str:
    return hashlib.sha256(uid.encode()).hexdigest()[:12]


def _marked(event: CalendarEvent, text: str) -> str:
    """The one-event calendar `text` with our mark: the digests of what it shows and of its UID,
    and its day."""
    from icalendar import Calendar

    (component,) = Calendar.from_ical(text).walk("VEVENT")
    day = f"{DAY_PROPERTY}:{basic(event.day)}\r\n" if event.day else ""
    mark = f"{PUSHED_PROPERTY}:{shown(component)}-{_uid_digest(event.uid)}\r\n{day}"
    head, tail = text.rsplit("END:VEVENT\r\n", 1)
    return f"{head}{mark}END:VEVENT\r\n{tail}"


def _existing(resource: Any) -> tuple[str, _Existing] | None:
    """What push needs to know of one event on the server; None for one it cannot read."""
    try:
        component = resource.icalendar_component
        uid = str(component.get("UID", ""))
        mark = component.get(PUSHED_PROPERTY)
        digest, _, uid_digest = str(mark or "").partition("-")
        # Events pushed before the mark held the UID's digest (an older release) have none.
        ours = mark is not None and uid_digest in ("", _uid_digest(uid))
        day_text = str(component.get(DAY_PROPERTY, ""))
        try:
            day = datetime.strptime(day_text, "%Y%m%d").date() if day_text else None
        except ValueError:
            day = None
        return uid, _Existing(
            resource,
            sequence_of(component),
            str(component.get(FINGERPRINT_PROPERTY, "")),
            str(component.get(AGREEMENT_PROPERTY, "")),
            ours=ours,
            edited=ours and digest != shown(component),
            day=day,
        )
    except (ValueError, KeyError, TypeError, AttributeError, IndexError):  # malformed: not ours
        return None


def _push(
    client: Any,
    events: Sequence[CalendarEvent],
    calendar_name: str,
    agreements: Collection[str],
    stamp: datetime,
    periods: Mapping[str, tuple[date, date]] | None,
    replace_edited: bool,
    progress: Callable[[int, int | None], None] | None,
    selection: Selection | None = None,
    catalog: Collection[str] | None = None,
) -> PushReport:
    principal = client.get_principal()
    calendar = next(
        (c for c in principal.get_calendars() if c.get_display_name() == calendar_name), None
    )
    if calendar is None:
        calendar = principal.make_calendar(name=calendar_name)
    existing = dict(found for found in map(_existing, calendar.get_events()) if found is not None)
    created = updated = unchanged = removed = 0
    edited: list[str] = []
    foreign: list[str] = []
    for done, event in enumerate(events, start=1):
        old = existing.get(event.uid)
        if old is not None and not old.ours:
            foreign.append(event.uid)
        elif old is not None and old.edited and not replace_edited:
            edited.append(event.uid)
        elif old is not None and not old.edited and old.fingerprint == event.fingerprint:
            unchanged += 1
        else:
            sequences = {event.uid: (old.sequence, old.fingerprint)} if old else None
            text = to_ics([event], name=calendar_name, stamp=stamp, sequences=sequences).decode()
            text = _marked(event, text)
            if old is None:
                calendar.add_event(ical=text, increase_seqno=False)
                created += 1
            else:
                old.resource.data = text
                old.resource.save(increase_seqno=False)
                updated += 1
        if progress is not None:
            progress(done, len(events))
    produced = {event.uid for event in events}
    for uid, old in existing.items():
        gone = catalog is not None and old.agreement not in catalog  # pruned, any day
        if not old.ours or uid in produced or (old.agreement not in agreements and not gone):
            continue
        if not gone and selection is not None and not selection.keeps_kind(*about(uid)):
            continue  # of a kind or party this push was not asked about
        period = periods.get(old.agreement) if periods is not None and not gone else None
        if period is not None and (old.day is None or not period[0] <= old.day <= period[1]):
            continue  # a day outside the period pushed: not this push's business
        if old.edited and not replace_edited:
            edited.append(uid)
            continue
        old.resource.delete()
        removed += 1
    return PushReport(
        calendar_name, created, updated, removed, unchanged, tuple(sorted(edited)),
        tuple(sorted(foreign)),
    )  # fmt: skip
