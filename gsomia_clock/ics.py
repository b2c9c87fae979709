"""Deadlines as an RFC 5545 calendar: all-day events, reminders, identities that stay put.

Every logical event (`last-notice-day-11.gsomia@gsomia-clock`: GSOMIA's last notice day before
its 11th renewal) keeps its UID across exports and catalog edits. When its content changes, its
SEQUENCE goes up by one from the calendar it replaces, so clients update instead of duplicating.
icalendar reads earlier exports; it is imported only then, so that other commands never pay for it.
"""

from __future__ import annotations

import bisect
import codecs
import hashlib
import io
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import IO, TYPE_CHECKING, Any, Protocol, final

from .days import now, parse_when, start_of_day, today
from .deadlines import DEADLINE_KINDS as _KINDS
from .durations import Duration
from .errors import QueryError
from .shown import printable, undecoded
from .values import Value

if TYPE_CHECKING:
    from .agreement import Agreement
    from .deadlines import Deadline

__all__ = [
    "DEFAULT_NAME",
    "CalendarEvent",
    "CalendarStream",
    "Sequences",
    "agreement_events",
    "basic",
    "calendar_events",
    "calendar_name",
    "export",
    "icalendar_sequences",
    "ics_chunks",
    "own_sequences",
    "parse_reminder",
    "previous_sequences",
    "sequence_of",
    "stamp_from_environment",
    "to_ics",
]

DEFAULT_NAME = "Treaty deadlines"
PRODID = "-//gsomia-clock//gsomia-clock//EN"
AGREEMENT_PROPERTY = "X-GSOMIA-CLOCK-AGREEMENT"
FINGERPRINT_PROPERTY = "X-GSOMIA-CLOCK-FINGERPRINT"
# Control characters, line and paragraph separators, and the bidirectional controls that can
# make a calendar show text in an order other than the one it is stored in (tab and line feed
# stay in text; a link ends at any of them).
_HIDDEN = r"\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
_CONTROL = re.compile(rf"[\x00-\x08{_HIDDEN}]")
_URL = re.compile(rf"https?://[^\s;,)\"'\x00-\x0a{_HIDDEN}]+")
# The longest alarm: ten years ahead of a deadline is as far as a reminder makes sense, and
# bounds every sum made with it.
_LONGEST_REMINDER = 3660 * 86400  # seconds


def _clean(text: str) -> str:
    """Text with no control characters but line breaks and tabs; icalendar escapes the rest."""
    return _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))


def _line(text: str) -> str:
    """One line of text, for a SUMMARY or a calendar name."""
    return " ".join(_clean(text).split())


@final
class CalendarEvent(Value):
    """One VEVENT: an all-day deadline, or a reminder of one (all-day, or timed in UTC)."""

    __slots__ = (
        "agreement",
        "alarm_times",
        "alarms",
        "day",
        "description",
        "start",
        "summary",
        "uid",
        "url",
    )
    uid: str
    agreement: str
    start: date | datetime
    summary: str
    description: str
    url: str | None
    alarms: tuple[Duration, ...]
    day: date | None  # the deadline's day (a reminder's start falls before it)
    # With `--remind-at`, the instant (UTC) each alarm fires, in `alarms` order; else none, and
    # each alarm fires its duration before the start.
    alarm_times: tuple[datetime, ...]

    def __init__(
        self,
        uid: str,
        agreement: str,
        start: date | datetime,
        summary: str,
        description: str,
        url: str | None = None,
        alarms: tuple[Duration, ...] = (),
        day: date | None = None,
        alarm_times: tuple[datetime, ...] = (),
    ) -> None:
        self._fill(uid, agreement, start, summary, description, url, alarms, day, alarm_times)

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
             *(str(a) for a in self.alarms), *(basic(t) for t in self.alarm_times))
        )  # fmt: skip
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def parse_reminders(texts: Iterable[str]) -> tuple[list[Duration], dict[str, list[Duration]]]:
    """`--remind` values: `P30D` for every deadline, `last-notice-day=P30D` for one kind's."""
    every: list[Duration] = []
    by_kind: dict[str, list[Duration]] = {}
    for text in texts:
        kind, equals, duration = text.rpartition("=")
        if not equals:
            every.append(parse_reminder(text))
        elif kind in _KINDS:
            by_kind.setdefault(kind, []).append(parse_reminder(duration))
        else:
            raise QueryError(
                f"{kind!r} is no kind of deadline ({', '.join(_KINDS)}); "
                "write KIND=DURATION, e.g. last-notice-day=P30D",
                parameter="reminders",
            )
    return every, by_kind


def parse_reminder(text: str) -> Duration:
    """A `--remind` duration: weeks, days, hours or minutes (alarms have no months or years)."""
    try:
        duration = Duration.parse(text)
    except ValueError as error:
        raise QueryError(str(error), parameter="reminders") from None
    if duration.total_months:
        raise QueryError(
            f"{text!r} has months or years; RFC 5545 alarms take weeks, days, hours "
            "or minutes (P30D, P2W, PT12H)",
            parameter="reminders",
        )
    if duration.is_zero:
        raise QueryError(f"{text!r} is no time at all", parameter="reminders")
    d = duration
    seconds = ((d.weeks * 7 + d.days) * 24 + d.hours) * 3600 + d.minutes * 60 + d.seconds
    if seconds > _LONGEST_REMINDER:
        raise QueryError(f"{text!r} is more than ten years (P3660D) ahead", parameter="reminders")
    return duration


def calendar_name(text: str) -> str:
    """A `--calendar` name: visible text on one line, at most 200 characters.

    An empty name would match no calendar and make a new one at every push; a control
    character has no place in a name a calendar app shows.
    """
    if printable(text) != text:
        raise QueryError(f"{text!r} holds a control character", parameter="calendar_name")
    if undecoded(text):
        raise QueryError(f"{text!r} is not UTF-8 text", parameter="calendar_name")
    if not any(c.isprintable() and not c.isspace() for c in text):  # not spaces nor U+200B
        raise QueryError(
            f"{text!r} is no name (the default is {DEFAULT_NAME!r})", parameter="calendar_name"
        )
    if len(text) > 200:
        raise QueryError(
            f"a name of {len(text)} characters is more than 200", parameter="calendar_name"
        )
    return text


def _description(deadline: Deadline, agreement: Agreement) -> str:
    lines = [deadline.summary, "", *deadline.explanation]
    if agreement.text:
        lines += ["", f"Clause: {agreement.text}"]
    if agreement.source:
        lines += ["", f"Source: {agreement.source}"]
    return _clean("\n".join(lines))


def calendar_events(
    agreements: Iterable[Agreement],
    start: date | str | None = None,
    end: date | str | None = None,
    *,
    reminders: Sequence[Duration] = (),
    reminder_events: bool = False,
    reminders_for: Mapping[str, Sequence[Duration]] | None = None,
    keep: Callable[[Deadline], bool] | None = None,
    remind_at: time | None = None,
) -> list[CalendarEvent]:
    """The events for every deadline from `start` to `end` (inclusive) that `keep` keeps, in a
    stable order (by day, then UID); `reminders` for every deadline, `reminders_for` a kind's
    (`last-notice-day`); with `remind_at`, each alarm at that time of day where the agreement
    is administered.

    Each agreement reads the days in its own zone; by default from its today to five years on.
    """
    # An agreement given twice is one: one event per deadline, one UID per event.
    events = [
        event
        for _, batch in agreement_events(
            {a.id: a for a in agreements}.values(), start, end, reminders=reminders,
            reminder_events=reminder_events, reminders_for=reminders_for, keep=keep,
            remind_at=remind_at,
        )
        for event in batch
    ]  # fmt: skip
    events.sort(key=_order)
    return events


def agreement_events(
    agreements: Iterable[Agreement],
    start: date | str | None = None,
    end: date | str | None = None,
    *,
    reminders: Sequence[Duration] = (),
    reminder_events: bool = False,
    reminders_for: Mapping[str, Sequence[Duration]] | None = None,
    keep: Callable[[Deadline], bool] | None = None,
    remind_at: time | None = None,
) -> Iterator[tuple[Agreement, list[CalendarEvent]]]:
    """`calendar_events` one agreement at a time, each made when it is asked for: each agreement
    with its events (by day, then UID), in the order the agreements come (one given again is
    left out), so that a calendar can be written without being held whole. Once the next is
    asked for, each agreement's compiled history is let go, as the agenda's index does: an
    export of a large register holds the history it works on and no other (a later question
    compiles it again, the same)."""
    every = _distinct(reminders)
    by_kind = {kind: _distinct((*every, *more)) for kind, more in (reminders_for or {}).items()}
    seen: set[str] = set()
    for agreement in agreements:
        if agreement.id in seen:
            continue
        seen.add(agreement.id)
        events = _events_of(agreement, start, end, every, by_kind, reminder_events, keep, remind_at)
        events.sort(key=_order)
        yield agreement, events
        agreement.timelines.forget()


def _order(event: CalendarEvent) -> tuple[date, str]:
    return (_day(event.start), event.uid)


def _events_of(
    agreement: Agreement,
    start: date | str | None,
    end: date | str | None,
    every: tuple[Duration, ...],
    by_kind: Mapping[str, tuple[Duration, ...]],
    reminder_events: bool,
    keep: Callable[[Deadline], bool] | None,
    remind_at: time | None,
) -> list[CalendarEvent]:
    """The events of one agreement's deadlines (see `calendar_events`), in the order made."""
    events: list[CalendarEvent] = []
    uids: set[str] = set()
    url_match = _URL.search(agreement.source or "")
    url = url_match.group(0) if url_match else None
    for deadline in agreement.deadlines(start, end):
        if keep is not None and not keep(deadline):
            continue
        reminders = by_kind.get(deadline.kind, every)
        times = (
            tuple(_at(deadline.date, r, remind_at, agreement.zone) for r in reminders)
            if remind_at is not None
            else ()
        )
        uid = _unique(f"{deadline.key}.{agreement.id}@gsomia-clock", uids)
        description = _description(deadline, agreement)
        summary = _line(deadline.summary)
        events.append(
            CalendarEvent(
                uid, agreement.id, deadline.date, summary, description, url, reminders,
                deadline.date, times,
            )
        )  # fmt: skip
        if not reminder_events:
            continue
        # Google, Outlook and Apple drop alarms from subscribed feeds: remind with events too.
        for number, reminder in enumerate(reminders):
            try:
                when: date | datetime = (
                    times[number]
                    if times
                    else start_of_day(deadline.date, agreement.zone).astimezone(UTC)
                    - reminder.to_timedelta()
                    if reminder.has_time
                    else deadline.date - reminder.to_timedelta()
                )
            except OverflowError:
                raise QueryError(
                    f"{reminder} before {deadline.date.isoformat()} falls before year 1",
                    parameter="reminders",
                ) from None
            events.append(
                CalendarEvent(
                    f"reminder-{str(reminder).lower()}-{uid}",
                    agreement.id,
                    when,
                    _line(f"In {reminder.words()}: {deadline.summary}"),
                    description,
                    url,
                    day=deadline.date,
                )
            )
    return events


def _at(day: date, reminder: Duration, at: time, zone: tzinfo) -> datetime:
    """The instant, in UTC, of `reminder` before `day` at the time of day `at` in `zone`."""
    try:
        local = datetime.combine(day - reminder.to_timedelta(), at, tzinfo=zone)
    except OverflowError:
        raise QueryError(
            f"{reminder} before {day.isoformat()} falls before year 1", parameter="reminders"
        ) from None
    return local.astimezone(UTC)


def parse_time_of_day(text: str) -> time:
    """A `--remind-at` time of day: `09:00`, `17:30`."""
    try:
        if len(text) == 5 and text.isascii():
            return time.fromisoformat(text)
    except ValueError:
        pass
    raise QueryError(f"{text!r} is not a time of day HH:MM, such as 09:00", parameter="remind_at")


def alarm_time(
    text: str | None, every: Sequence[Duration], by_kind: Mapping[str, Sequence[Duration]]
) -> time | None:
    """The `--remind-at` time of day of these reminders (`parse_reminders`), or None: a time of
    day is for reminders in days or weeks, and only when there are some."""
    if text is None:
        return None
    at = parse_time_of_day(text)
    timed = [*every, *(r for rs in by_kind.values() for r in rs)]
    if not timed:
        raise QueryError("there is no `reminders` to give a time of day", parameter="remind_at")
    if any(r.has_time for r in timed):
        raise QueryError(
            "a reminder in hours or minutes already says when; "
            "give `reminders` in days or weeks (P30D, P2W)",
            parameter="remind_at",
        )
    return at


def about(uid: str) -> tuple[str | None, str | None]:
    """The kind and party of the deadline an event of ours is for, read back from its UID
    (`last-notice-day-11.gsomia@…`, `reminder-p30d-2.effect-KR-2019-08-23.gsomia@…`); a
    deadline of every party has None, and a UID not of ours (None, None)."""
    key = uid.partition("@")[0]
    if key.startswith("reminder-"):
        key = key.split("-", 2)[2] if key.count("-") >= 2 else ""
    key = re.sub(r"^[0-9]+\.", "", key).rpartition(".")[0]
    for kind in _KINDS:  # none is the start of another
        if key == kind or key.startswith(f"{kind}-"):
            rest = key[len(kind) + 1 :]
            if kind == "effect":
                return kind, rest[:-11] or None  # effect-{party}-{YYYY-MM-DD}
            if kind == "window-opens":
                who = rest.partition("-")[2][:-11]  # window-opens-{n}-{party or all}-{day}
                return kind, None if who in ("", "all") else who
            return kind, None
    return None, None


def _distinct(reminders: Iterable[Duration]) -> tuple[Duration, ...]:
    """The same alarm asked for twice (P1D and P1D, or P1W and P7D) is one alarm."""
    alarms: dict[timedelta, Duration] = {}
    for reminder in reminders:
        alarms.setdefault(reminder.to_timedelta(), reminder)
    return tuple(alarms.values())


def _unique(uid: str, taken: set[str]) -> str:
    """`uid`, or `2.uid`, `3.uid`…: a deadline whose key comes back (an extension can move a
    renewal, so that the same renewal has a last notice day before and after it) is another
    event, and one calendar holds one event per UID."""
    found, n = uid, 1
    while found in taken:
        n += 1
        found = f"{n}.{uid}"
    taken.add(found)
    return found


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def to_ics(
    events: Iterable[CalendarEvent],
    *,
    name: str = DEFAULT_NAME,
    stamp: datetime,
    sequences: Sequences | None = None,
    cancelled: Iterable[Sequence[str]] = (),
) -> bytes:
    """The RFC 5545 text of a calendar; `sequences` maps a UID to its last (SEQUENCE, fingerprint);
    `cancelled`, the unfolded lines of events an earlier export had and this one cancels
    (see `CalendarStream`). `ics_chunks` gives the same bytes a piece at a time.

    Written here rather than through icalendar, which takes 20 times as long per event (a
    thousand agreements over ten years must export in well under two seconds); the test suite
    checks the result with icalendar, ical and vobject. Events are all-day or timed in UTC, so
    no TZID, and so no VTIMEZONE, is ever needed.
    """
    return b"".join(
        ics_chunks(events, name=name, stamp=stamp, sequences=sequences, cancelled=cancelled)
    )


def ics_chunks(
    events: Iterable[CalendarEvent],
    *,
    name: str = DEFAULT_NAME,
    stamp: datetime,
    sequences: Sequences | None = None,
    cancelled: Iterable[Sequence[str]] = (),
) -> Iterator[bytes]:
    """`to_ics`, as the calendar's opening, then each event, then the cancelled events (asked
    for only once every event has been given), then its end."""
    stamped = basic(stamp)
    title = _text(_line(name))
    yield _folded(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            f"PRODID:{PRODID}",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            f"NAME:{title}",
            f"X-WR-CALNAME:{title}",
            # RFC 7986 wants VALUE=DURATION here (icalendar 7 leaves it out).
            "REFRESH-INTERVAL;VALUE=DURATION:P1D",
            "X-PUBLISHED-TTL:P1D",
        ]
    )
    for item in events:
        fingerprint = item.fingerprint
        lines = [
            "BEGIN:VEVENT",
            f"UID:{_text(item.uid)}",
            f"DTSTAMP:{stamped}",
            f"SEQUENCE:{_sequence(item.uid, fingerprint, sequences)}",
            _when("DTSTART", item.start),
            _when("DTEND", item.end),
            f"SUMMARY:{_text(item.summary)}",
            f"DESCRIPTION:{_text(item.description)}",
            "TRANSP:TRANSPARENT",
        ]
        if item.url:
            lines.append(f"URL:{item.url}")
        lines += [
            f"{AGREEMENT_PROPERTY}:{_text(item.agreement)}",
            f"{FINGERPRINT_PROPERTY}:{fingerprint}",
        ]
        for number, reminder in enumerate(item.alarms):
            trigger = (
                f"TRIGGER;VALUE=DATE-TIME:{basic(item.alarm_times[number])}"
                if item.alarm_times
                else f"TRIGGER:-{_duration(reminder)}"
            )
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"DESCRIPTION:{_text(_line(f'In {reminder.words()}: {item.summary}'))}",
                trigger,
                "END:VALARM",
            ]
        lines.append("END:VEVENT")
        yield _folded(lines)
    for event in cancelled:
        yield _folded(event)
    yield _folded(["END:VCALENDAR"])


def _folded(lines: Iterable[str]) -> bytes:
    return b"".join(_fold(line) for line in lines)


def _covered(
    periods: Mapping[str, tuple[date, date]], start: date | str | None, end: date | str | None
) -> Callable[[str, date], bool]:
    """Whether a new export covers a day of an agreement: within its period, by `periods`;
    one no longer given, whose zone is not known any more, read in UTC."""
    first = parse_when(start, UTC) if start else today(UTC)
    default = (first, parse_when(end, UTC) if end else Duration(years=5).add_to(first))

    def within(agreement: str, day: date) -> bool:
        low, high = periods.get(agreement, default)
        return low <= day <= high

    return within


def _cancelled(
    event: list[str], within: Callable[[str, date], bool], stamp: datetime
) -> list[str] | None:
    """For an event of an earlier export of ours (its unfolded lines) that the new one no longer
    produces, on a day `within(agreement, day)` says the new export covers: a cancelled copy
    (STATUS:CANCELLED, SEQUENCE + 1, no alarms), as unfolded lines, so that a calendar that
    imported the earlier file removes it; one already cancelled is kept as it was, but stamped
    anew. None for any other event."""
    values = {line.split(":", 1)[0].split(";", 1)[0]: line.split(":", 1)[-1] for line in event}
    uid, start = _unescaped(values.get("UID", "")), values.get("DTSTART", "")
    if not uid or not re.match(r"\d{8}", start):
        return None
    day = date(int(start[:4]), int(start[4:6]), int(start[6:8]))
    if not within(_unescaped(values.get(AGREEMENT_PROPERTY, "")), day):
        return None
    already = values.get("STATUS") == "CANCELLED"
    sequence = _sequence_number(values.get("SEQUENCE", "0")) + (0 if already else 1)
    kept = [
        line for line in event
        if line.split(":", 1)[0].split(";", 1)[0] not in ("DTSTAMP", "SEQUENCE", "STATUS")
    ]  # fmt: skip
    return [
        "BEGIN:VEVENT", kept[0], f"DTSTAMP:{basic(stamp)}", f"SEQUENCE:{sequence}",
        "STATUS:CANCELLED", *kept[1:], "END:VEVENT",
    ]  # fmt: skip


def _text(value: str) -> str:
    """A TEXT value escaped (RFC 5545 3.3.11): no value can end its line or start another."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def basic(value: date | datetime) -> str:
    """A day (`00011002`) or an instant in UTC (`20260101T000000Z`) in RFC 5545's basic format,
    with four-digit years (strftime's %Y drops the zeros before year 1000 on glibc)."""
    if isinstance(value, datetime):
        at = value.astimezone(UTC)
        return f"{at.year:04d}{at:%m%dT%H%M%S}Z"
    return f"{value.year:04d}{value:%m%d}"


def _when(name: str, value: date | datetime) -> str:
    if isinstance(value, datetime):
        return f"{name}:{basic(value)}"
    return f"{name};VALUE=DATE:{basic(value)}"


def _duration(value: Duration) -> str:
    """An RFC 5545 dur-value: weeks alone, or days and a time (weeks folded into days)."""
    if value.weeks and not (value.days or value.has_time):
        return f"P{value.weeks}W"
    days = value.total_days
    time = "".join(
        f"{amount}{unit}"
        for amount, unit in ((value.hours, "H"), (value.minutes, "M"), (value.seconds, "S"))
        if amount
    )
    return f"P{f'{days}D' if days else ''}{f'T{time}' if time else ''}"


def _fold(line: str) -> bytes:
    """One content line, folded at 75 octets without splitting a UTF-8 character."""
    data = line.encode()
    if len(data) <= 75:
        return data + b"\r\n"
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:  # a continuation byte
            end -= 1
        parts.append(data[start:end])
        start, limit = end, 74  # a folded line starts with a space
    return b"\r\n ".join(parts) + b"\r\n"


class Sequences(Protocol):
    """UID → (SEQUENCE, fingerprint) of an earlier export's events: a mapping, or what
    `CalendarStream` keeps of an earlier export of ours."""

    def get(self, uid: str, /) -> tuple[int, str] | None: ...


def _sequence(uid: str, fingerprint: str, sequences: Sequences | None) -> int:
    found = None if sequences is None else sequences.get(uid)
    if found is None:
        return 0
    sequence, before = found
    return sequence if before == fingerprint else sequence + 1


def previous_sequences(data: bytes) -> dict[str, tuple[int, str]]:
    """UID → (SEQUENCE, fingerprint) of the events of an earlier export; {} if unreadable.

    An export of ours is read line by line (`own_sequences`); anything else, by icalendar:
    reading what others may have written is what it is best at.
    """
    found = own_sequences(data)
    return found if found is not None else icalendar_sequences(data)


def icalendar_sequences(data: bytes) -> dict[str, tuple[int, str]]:
    """`previous_sequences`, read by icalendar."""
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(data)
    except ValueError:
        return {}
    found: dict[str, tuple[int, str]] = {}
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID", ""))
        if uid:
            found[uid] = (sequence_of(event), str(event.get(FINGERPRINT_PROPERTY, "")))
    return found


def own_sequences(data: bytes) -> dict[str, tuple[int, str]] | None:
    """`previous_sequences` of a file `to_ics` wrote (its opening lines say so), or None.

    Read line by line, as `to_ics` writes it: icalendar, which builds every property of every
    event, took three fifths of the time of replacing an export of 100,000 agreements.
    """
    events = _own_events(io.BytesIO(data))
    if events is None:
        return None
    return {uid: (sequence, fingerprint) for uid, sequence, fingerprint, _ in events}


Earlier = bytes | IO[bytes]  # an earlier export: its bytes, or the file open to read
Own = tuple[str, int, str, int]  # an event's UID, SEQUENCE, fingerprint, and where it begins


def _own_events(earlier: IO[bytes]) -> Iterator[Own] | None:
    """Each event with a UID of an earlier export of ours, read as a stream (never held
    whole), and where it begins and ends in the file (to be read again if it is to be
    cancelled); None for a file that is not one of ours."""
    earlier.seek(0)
    if earlier.read(len(_OWN_OPENING)) != _OWN_OPENING or not _is_utf8(earlier):
        return None
    earlier.seek(0)
    return _own_read(earlier)


def _own_read(earlier: IO[bytes]) -> Iterator[Own]:
    for event, begins in _events_in(earlier):
        uid = sequence = fingerprint = ""
        for line in event:
            if line.startswith("UID:"):
                uid = line[4:]
            elif line.startswith("SEQUENCE:"):
                sequence = line[9:]
            elif line.startswith(_FINGERPRINT_LINE):
                fingerprint = line[len(_FINGERPRINT_LINE) :]
        if uid:
            found = _unescaped(uid)
            yield found, _sequence_number(sequence), _unescaped(fingerprint), begins


@final
class _Earlier:
    """What an export keeps of the earlier export of ours it replaces: for each of its events,
    the hash of its UID, its SEQUENCE, its fingerprint and where it begins in the file, in
    arrays (some thirty bytes an event, where a dict of its UIDs took some three hundred: an
    export of a large register has millions); and which of them the new export has made again.
    A UID is found by its hash, the last event of that hash in the file (as a dict of them
    would keep), and the fingerprints that are not the sixteen hexadecimal digits `to_ics`
    writes are told apart, so as to equal none made (a hash shared by two UIDs is not reckoned
    with: at some 10**-7 for a million events, it would give one event a SEQUENCE one too high
    or too low)."""

    __slots__ = ("_begins", "_fingerprints", "_found_last", "_hashes", "_made", "_odd",
                 "_order", "_sequences")  # fmt: skip

    def __init__(self, events: Iterable[Own]) -> None:
        self._hashes, self._sequences = array("q"), array("I")  # a SEQUENCE is below 2**31
        self._fingerprints, self._begins = array("Q"), array("I")  # widened past 4 GiB
        self._odd = bytearray()  # 1 where a fingerprint is not as `to_ics` writes it
        for uid, sequence, fingerprint, begins in events:
            self._hashes.append(hash(uid))
            self._sequences.append(sequence)
            plain = _FINGERPRINT.fullmatch(fingerprint) is not None
            self._fingerprints.append(int(fingerprint, 16) if plain else 0)
            self._odd.append(not plain)
            try:
                self._begins.append(begins)
            except OverflowError:
                self._begins = array("Q", self._begins)
                self._begins.append(begins)
        self._order = _by_hash(self._hashes)
        self._made = bytearray(len(self._hashes))
        self._found_last = ("", range(0))  # `get`'s last UID and what it found, for `made`

    def __len__(self) -> int:
        return len(self._hashes)

    def _found(self, uid: str) -> range:
        """The places in `_order` (sorted by hash, then by order in the file) of the events
        whose UID has the hash `uid` has."""
        if self._found_last[0] == uid:
            return self._found_last[1]
        key, order, hashes = hash(uid), self._order, self._hashes.__getitem__
        low = bisect.bisect_left(order, key, key=hashes)
        found = range(low, bisect.bisect_right(order, key, low, key=hashes))
        self._found_last = (uid, found)
        return found

    def get(self, uid: str, /) -> tuple[int, str] | None:
        found = self._found(uid)
        if not found:
            return None
        n = self._order[found[-1]]
        if self._odd[n]:  # equal to no fingerprint `to_ics` writes
            return self._sequences[n], f"not written by to_ics: {n}"
        return self._sequences[n], f"{self._fingerprints[n]:016x}"

    def made(self, uid: str) -> None:
        """The new export has made an event of `uid` again: none of that UID is cancelled."""
        for k in self._found(uid):
            self._made[self._order[k]] = 1

    def stale(self) -> Iterator[int]:
        """Where each event the new export has not made again begins, in file order."""
        for n, made in enumerate(self._made):
            if not made:
                yield self._begins[n]


def _by_hash(hashes: array[int]) -> array[int]:
    """The places of `hashes` sorted by hash, then by place. Sorted a stretch of hashes at a
    time (each some `_STRETCH` of them, as hashes of strings are spread evenly), each place and
    hash as one number for a moment (the hash made positive, then the place in 32 bits): a list
    of all of them at once was some 45 MB for a million events."""
    order = array("I")
    stretches = max(1, len(hashes) // _STRETCH)
    width = -(-(1 << 64) // stretches)
    for low in range(-_HALF, _HALF, width):
        high = low + width
        keys = sorted(((h + _HALF) << 32) | n for n, h in enumerate(hashes) if low <= h < high)
        order.extend(key & 0xFFFFFFFF for key in keys)
    return order


_FINGERPRINT = re.compile("[0-9a-f]{16}")
_HALF = 1 << 63  # a hash plus this is not negative
_STRETCH = 1 << 17  # hashes sorted at once, at most about


def _is_utf8(stream: IO[bytes]) -> bool:
    """Whether what is left of `stream` is UTF-8, checked a megabyte at a time."""
    check = codecs.getincrementaldecoder("utf-8")()
    try:
        while piece := stream.read(1 << 20):
            check.decode(piece)
        check.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _events_in(stream: Iterable[bytes]) -> Iterator[tuple[list[str], int]]:
    """Each VEVENT of `stream` (UTF-8, its lines one by one): its unfolded lines, VALARMs
    left out, and where it begins in the stream."""
    event: list[str] | None = None
    begins = 0
    alarm = False
    for line, starts in _unfolded(stream):
        if line == "BEGIN:VEVENT":
            event, begins = [], starts
        elif event is None:
            continue
        elif line in ("BEGIN:VALARM", "END:VALARM"):
            alarm = line == "BEGIN:VALARM"
        elif alarm:
            continue
        elif line == "END:VEVENT":
            yield event, begins
            event = None
        else:
            event.append(line)


def _unfolded(stream: Iterable[bytes]) -> Iterator[tuple[str, int]]:
    """The content lines of `stream` (UTF-8), each ended by CRLF, a line that a CRLF and a
    space or a tab continue joined to it (RFC 5545 3.1); each with where it begins."""
    line, starts, at = b"", 0, 0
    for piece in stream:  # pieces ended by LF: a line ends at CRLF only
        if line.endswith(b"\r\n"):
            if piece[:1] in (b" ", b"\t"):
                line = line[:-2] + piece[1:]
                at += len(piece)
                continue
            yield line[:-2].decode(), starts
            line, starts = b"", at
        line += piece
        at += len(piece)
    if line:
        yield (line[:-2] if line.endswith(b"\r\n") else line).decode(), starts


_OWN_OPENING = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{PRODID}\r\n".encode()
_FINGERPRINT_LINE = f"{FINGERPRINT_PROPERTY}:"
_ESCAPED = r"\\([\\,;nN])"


def _unescaped(text: str) -> str:
    """A TEXT value as icalendar reads it: `\\,` is a comma, `\\n` a line break."""
    if "\\" not in text:
        return text
    return re.sub(_ESCAPED, lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _sequence_number(value: object) -> int:
    """0 when unreadable (`abc`) or out of RFC 5545's range."""
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0
    return number if 0 <= number < 2**31 - 1 else 0


def sequence_of(event: Any) -> int:
    """An event's SEQUENCE as read by icalendar: 0 when missing, unreadable (`abc`) or out of
    RFC 5545's range, so that someone else's damaged file never stops an export."""
    return _sequence_number(event.get("SEQUENCE", 0))


def stamp_from_environment() -> datetime:
    """DTSTAMP: SOURCE_DATE_EPOCH when set (reproducible builds), else now; in UTC."""
    try:
        return now()
    except ValueError as error:
        raise QueryError(str(error)) from None


def export(
    agreements: Iterable[Agreement],
    start: date | str | None = None,
    end: date | str | None = None,
    *,
    reminders: Sequence[Duration] = (),
    reminder_events: bool = False,
    name: str = DEFAULT_NAME,
    stamp: datetime | None = None,
    previous: Earlier | None = None,
    reminders_for: Mapping[str, Sequence[Duration]] | None = None,
    keep: Callable[[Deadline], bool] | None = None,
    remind_at: time | None = None,
) -> bytes:
    """The calendar as bytes; `previous` is the export it replaces (its bytes, or the file open
    to read), for SEQUENCE numbers and the cancelled copies of what it had and this one no
    longer does (see `CalendarStream`).

    >>> from gsomia_clock import load_catalog
    >>> from datetime import date, datetime, UTC
    >>> data = export([load_catalog()["gsomia"]], date(2027, 1, 1), date(2027, 12, 31),
    ...               stamp=datetime(2026, 11, 22, tzinfo=UTC))
    >>> [line for line in data.decode().splitlines() if line.startswith("DTSTART")]
    ['DTSTART;VALUE=DATE:20270824', 'DTSTART;VALUE=DATE:20271123']
    """
    batches = agreement_events(
        agreements, start, end, reminders=reminders, reminder_events=reminder_events,
        reminders_for=reminders_for, keep=keep, remind_at=remind_at,
    )  # fmt: skip
    stream = CalendarStream(
        batches, start, end, name=name, stamp=stamp or stamp_from_environment(), previous=previous
    )
    return b"".join(stream)


@final
class CalendarStream:
    """`export`'s bytes, made as they are asked for (iterate once): each agreement's events
    written as they are made and let go, so that a calendar is never held whole. The earlier
    export it replaces is read as a stream, for each event's UID, SEQUENCE, fingerprint and
    place (an export of ours; another's is read whole, by icalendar), and read again only for
    the events it cancels. Events come agreement by agreement, each agreement's by day. Once
    iterated, `events` and `cancelled` count the events it wrote and those it cancelled."""

    def __init__(
        self,
        batches: Iterable[tuple[Agreement, list[CalendarEvent]]],
        start: date | str | None = None,
        end: date | str | None = None,
        *,
        name: str = DEFAULT_NAME,
        stamp: datetime,
        previous: Earlier | None = None,
    ) -> None:
        """`batches` as `agreement_events` gives them, of the period from `start` to `end`."""
        self._batches = batches
        self._start, self._end, self._name, self._stamp = start, end, name, stamp
        self._previous = io.BytesIO(previous) if isinstance(previous, bytes) else previous
        self._periods: dict[str, tuple[date, date]] = {}
        self._earlier = _Earlier(())  # of an earlier export of ours: see _Earlier
        self.events = self.cancelled = 0

    def __iter__(self) -> Iterator[bytes]:
        previous = self._previous
        own = _own_events(previous) if previous else None
        sequences: Sequences | None = None
        if own is not None:
            sequences = self._earlier = _Earlier(own)
        elif previous is not None:
            previous.seek(0)
            sequences = icalendar_sequences(previous.read())
        return ics_chunks(
            self._made(),
            name=self._name,
            stamp=self._stamp,
            sequences=sequences,
            cancelled=self._stale(),
        )

    def _made(self) -> Iterator[CalendarEvent]:
        earlier = self._earlier
        for agreement, events in self._batches:
            if earlier:  # what the earlier export had and this one has not: cancelled
                self._periods[agreement.id] = agreement.period(self._start, self._end)
            self.events += len(events)
            for event in events:
                yield event  # written, with its SEQUENCE from `earlier`
                if earlier:
                    earlier.made(event.uid)

    def _stale(self) -> Iterator[list[str]]:
        """The earlier export's events this one cancels: asked for once every event is made."""
        previous = self._previous
        if previous is None or not self._earlier:  # only an export of ours is cancelled
            return
        within = _covered(self._periods, self._start, self._end)
        for begins in self._earlier.stale():
            previous.seek(begins)
            event, _ = next(_events_in(previous))  # the event that begins there
            copy = _cancelled(event, within, self._stamp)
            if copy:
                self.cancelled += 1
                yield copy
