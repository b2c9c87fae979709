"""The iCal text in detail: descriptions, links, alarms, SEQUENCE numbers, escaping and folding."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gsomia_clock import QueryError
from gsomia_clock.agreement import Agreement
from gsomia_clock.catalog import load_catalog, read_catalog
from gsomia_clock.durations import Duration
from gsomia_clock.ics import (
    CalendarEvent,
    calendar_events,
    export,
    icalendar_sequences,
    own_sequences,
    parse_reminder,
    previous_sequences,
    stamp_from_environment,
    to_ics,
)

from .helpers import LEASE
from .strategies import agreements, day_near

STAMP = datetime(2026, 11, 22, tzinfo=UTC)
SOURCE = "Registry, https://example.org/lease?id=7; seen 2020"
NOTICE_UID = "last-notice-day-11.lease@gsomia-clock"
RENEWAL_UID = "renewal-11.lease@gsomia-clock"


def lease(extra: str = "") -> Agreement:
    (found,) = read_catalog(LEASE.format(extra=extra).encode(), name="inline.toml")
    return found


def lines_of(data: bytes) -> list[str]:
    """The content lines of a calendar, unfolded."""
    return data.decode().replace("\r\n ", "").split("\r\n")[:-1]


def event(uid: str = "a@test", **fields: object) -> CalendarEvent:
    values: dict[str, object] = {
        "uid": uid, "agreement": "lease", "start": date(2027, 8, 24), "summary": "Last day",
        "description": "Why", **fields,
    }  # fmt: skip
    return CalendarEvent(**values)  # type: ignore[arg-type]


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


# Descriptions and links


def test_a_source_with_a_link_gives_the_event_a_url_and_a_source_line() -> None:
    (deadline, renewal) = calendar_events(
        [lease(f'source = "{SOURCE}"')], date(2027, 1, 1), date(2027, 12, 31)
    )
    assert deadline.url == renewal.url == "https://example.org/lease?id=7"
    assert deadline.description.endswith(f"\n\nSource: {SOURCE}")
    data = export(
        [lease(f'source = "{SOURCE}"')], date(2027, 1, 1), date(2027, 12, 31), stamp=STAMP
    )
    event = vevents(data)[NOTICE_UID]
    assert event["URL"] == "https://example.org/lease?id=7"
    assert event["DESCRIPTION"].endswith(
        "\\n\\nSource: Registry\\, https://example.org/lease?id=7\\; seen 2020"
    )


def test_a_source_without_a_link_gives_a_source_line_and_no_url() -> None:
    data = export([lease('source = "The treaty series, vol. 3"')], date(2027, 1, 1),
                  date(2027, 12, 31), stamp=STAMP)  # fmt: skip
    event = vevents(data)[NOTICE_UID]
    assert "URL" not in event
    assert event["DESCRIPTION"].endswith("\\n\\nSource: The treaty series\\, vol. 3")


def test_an_agreement_without_text_or_source_has_neither_line() -> None:
    (deadline, _renewal) = calendar_events([lease()], date(2027, 1, 1), date(2027, 12, 31))
    assert deadline.url is None
    assert "Clause:" not in deadline.description
    assert "Source:" not in deadline.description
    assert deadline.description.startswith(f"{deadline.summary}\n\nthe term ends on ")


def test_the_clause_is_quoted_after_the_arithmetic_and_before_the_source() -> None:
    extra = f'text = "Either party may end it."\nsource = "{SOURCE}"'
    (deadline, _renewal) = calendar_events([lease(extra)], date(2027, 1, 1), date(2027, 12, 31))
    assert deadline.description == (
        "A lease: last day for notice to stop the 23 November 2027 renewal\n\n"
        "the term ends on 2016-11-23 + 11 years = 2027-11-23\n"
        "2027-11-23 − 90 days = 2027-08-25: notice must be received before 00:00 KST on "
        "25 August 2027, so the last day is Tuesday 24 August 2027\n\n"
        "Clause: Either party may end it.\n\n"
        f"Source: {SOURCE}"
    )


def test_control_characters_become_spaces_and_carriage_returns_line_breaks() -> None:
    extra = 'text = "one\\r\\ntwo\\rthree\\u0007four\\tfive"'
    (deadline, _renewal) = calendar_events([lease(extra)], date(2027, 1, 1), date(2027, 12, 31))
    assert deadline.description.endswith("Clause: one\ntwo\nthree four\tfive")


def test_a_summary_is_one_line_with_single_spaces() -> None:
    name = 'name = "A\\n  long\\tlease"'
    (found,) = read_catalog(LEASE.replace('name = "A lease"', name).format(extra="").encode(),
                            name="inline.toml")  # fmt: skip
    (deadline, _renewal) = calendar_events([found], date(2027, 1, 1), date(2027, 12, 31))
    assert deadline.summary.startswith("A long lease: last day for notice")


# Reminders


@pytest.mark.parametrize(
    ("reminder", "trigger"),
    [("P2W", "-P2W"), ("P1W", "-P1W"), ("P1W1D", "-P8D"), ("P2WT1H", "-P14DT1H"),
     ("P30D", "-P30D"), ("PT12H", "-PT12H"), ("P1DT12H", "-P1DT12H"), ("PT90M", "-PT90M"),
     ("PT1H30M15S", "-PT1H30M15S"), ("PT45S", "-PT45S")],
)  # fmt: skip
def test_an_alarm_trigger_is_weeks_alone_or_days_and_a_time(reminder: str, trigger: str) -> None:
    data = to_ics([event(alarms=(parse_reminder(reminder),))], stamp=STAMP)
    lines = lines_of(data)
    assert f"TRIGGER:{trigger}" in lines
    assert lines[lines.index(f"TRIGGER:{trigger}") - 2 :][:2] == [
        "ACTION:DISPLAY",
        f"DESCRIPTION:In {parse_reminder(reminder).words()}: Last day",
    ]


def test_each_alarm_is_a_display_valarm_inside_its_event() -> None:
    data = to_ics([event(alarms=(Duration(days=30), Duration(weeks=1)))], stamp=STAMP)
    lines = lines_of(data)
    start = lines.index("BEGIN:VEVENT")
    assert lines[start:] == [
        "BEGIN:VEVENT", "UID:a@test", "DTSTAMP:20261122T000000Z", "SEQUENCE:0",
        "DTSTART;VALUE=DATE:20270824", "DTEND;VALUE=DATE:20270825", "SUMMARY:Last day",
        "DESCRIPTION:Why", "TRANSP:TRANSPARENT", "X-GSOMIA-CLOCK-AGREEMENT:lease",
        f"X-GSOMIA-CLOCK-FINGERPRINT:{event(alarms=(Duration(days=30), Duration(weeks=1))).fingerprint}",
        "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:In 30 days: Last day", "TRIGGER:-P30D",
        "END:VALARM",
        "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:In 1 week: Last day", "TRIGGER:-P1W",
        "END:VALARM",
        "END:VEVENT", "END:VCALENDAR",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "message"),
    [("P1Y2D", "--remind: 'P1Y2D' has months or years"),
     ("PT0S", "--remind: 'PT0S' is no time at all")],
)  # fmt: skip
def test_a_reminder_must_be_a_positive_time_without_months(text: str, message: str) -> None:
    with pytest.raises(QueryError) as raised:
        parse_reminder(text)
    assert str(raised.value).startswith(message)


def test_a_reminder_of_days_takes_weeks_days_hours_and_minutes() -> None:
    assert parse_reminder("P1W2DT3H4M") == Duration(weeks=1, days=2, hours=3, minutes=4)


def test_reminder_events_fall_before_their_deadline_all_day_or_at_an_instant_in_utc() -> None:
    events = calendar_events([lease(f'source = "{SOURCE}"')], date(2027, 8, 1), date(2027, 8, 31),
                             reminders=[parse_reminder("P7D"), parse_reminder("P1DT12H")],
                             reminder_events=True)  # fmt: skip
    by_uid = {e.uid: e for e in events}
    deadline = by_uid[NOTICE_UID]
    week = by_uid[f"reminder-p7d-{NOTICE_UID}"]
    # 36 hours before 00:00 KST (15:00 UTC on 23 August) on 24 August is 03:00 UTC on 22 August.
    timed = by_uid[f"reminder-p1dt12h-{NOTICE_UID}"]
    assert [e.uid for e in events] == [week.uid, timed.uid, deadline.uid]
    assert week.start == date(2027, 8, 17)
    assert timed.start == datetime(2027, 8, 22, 3, tzinfo=UTC)
    assert week.summary == f"In 7 days: {deadline.summary}"
    assert timed.summary == f"In 1 day 12 hours: {deadline.summary}"
    assert week.description == timed.description == deadline.description
    assert week.url == timed.url == deadline.url == "https://example.org/lease?id=7"
    assert week.alarms == timed.alarms == ()
    assert deadline.alarms == (Duration(days=7), Duration(days=1, hours=12))
    assert {e.agreement for e in events} == {"lease"}


def test_without_reminder_events_there_is_one_event_a_deadline() -> None:
    events = calendar_events([lease()], date(2027, 1, 1), date(2027, 12, 31),
                             reminders=[parse_reminder("P7D")])  # fmt: skip
    assert [e.uid for e in events] == [NOTICE_UID, RENEWAL_UID]


def test_a_timed_event_lasts_15_minutes_and_an_all_day_one_a_day() -> None:
    timed = event(start=datetime(2027, 8, 22, 15, tzinfo=UTC))
    assert timed.end == datetime(2027, 8, 22, 15, 15, tzinfo=UTC)
    assert event().end == date(2027, 8, 25)
    event_lines = lines_of(to_ics([timed], stamp=STAMP))
    assert "DTSTART:20270822T150000Z" in event_lines
    assert "DTEND:20270822T151500Z" in event_lines


def test_events_are_in_order_of_day_then_uid_across_agreements() -> None:
    other = LEASE.replace('id = "lease"', 'id = "early"').replace("2016-11-23", "2016-11-22")
    (early,) = read_catalog(other.format(extra="").encode(), name="inline.toml")
    events = calendar_events([lease(), early], date(2027, 1, 1), date(2027, 12, 31))
    assert [(e.start, e.agreement) for e in events] == [
        (date(2027, 8, 23), "early"), (date(2027, 8, 24), "lease"),
        (date(2027, 11, 22), "early"), (date(2027, 11, 23), "lease"),
    ]  # fmt: skip


# SEQUENCE numbers


def test_a_sequence_carries_on_when_the_previous_file_holds_other_uids() -> None:
    first = export([lease()], date(2027, 1, 1), date(2027, 12, 31), stamp=STAMP)
    other = first.replace(b"lease@gsomia-clock", b"other@gsomia-clock")
    assert set(previous_sequences(other)) == {
        "last-notice-day-11.other@gsomia-clock",
        "renewal-11.other@gsomia-clock",
    }
    again = export([lease()], date(2027, 1, 1), date(2027, 12, 31), stamp=STAMP, previous=other)
    assert {uid: e["SEQUENCE"] for uid, e in vevents(again).items()} == {
        NOTICE_UID: "0",
        RENEWAL_UID: "0",
    }


def test_an_unchanged_event_keeps_its_sequence_and_a_changed_one_goes_up_by_one() -> None:
    before = to_ics([event("same@test"), event("moved@test")], stamp=STAMP,
                    sequences={"same@test": (4, event("same@test").fingerprint)})  # fmt: skip
    assert previous_sequences(before) == {
        "same@test": (4, event("same@test").fingerprint),
        "moved@test": (0, event("moved@test").fingerprint),
    }
    moved = event("moved@test", start=date(2027, 8, 25))
    after = to_ics([event("same@test"), moved], stamp=STAMP, sequences=previous_sequences(before))
    assert {uid: e["SEQUENCE"] for uid, e in vevents(after).items()} == {
        "same@test": "4",
        "moved@test": "1",
    }


@pytest.mark.parametrize(
    "changed",
    [{"start": date(2027, 8, 25)}, {"summary": "Other"}, {"description": "Other"},
     {"url": "https://example.org/"}, {"alarms": (Duration(days=1),)}],
)  # fmt: skip
def test_anything_a_client_shows_changes_the_fingerprint(changed: dict[str, object]) -> None:
    assert event(**changed).fingerprint != event().fingerprint
    assert len(event().fingerprint) == 16


def test_only_the_events_of_a_previous_file_count() -> None:
    other = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nUID:calendar@test\r\n"
             b"BEGIN:VTODO\r\nUID:a@test\r\nDTSTAMP:20261122T000000Z\r\nSEQUENCE:5\r\n"
             b"END:VTODO\r\nEND:VCALENDAR\r\n")  # fmt: skip
    assert previous_sequences(other) == {}


def test_a_previous_file_that_is_not_a_calendar_gives_no_sequences() -> None:
    assert previous_sequences(b"not a calendar") == {}
    data = export([lease()], date(2027, 1, 1), date(2027, 12, 31), stamp=STAMP,
                  previous=b"not a calendar")  # fmt: skip
    assert {e["SEQUENCE"] for e in vevents(data).values()} == {"0"}


def test_a_previous_event_without_sequence_or_fingerprint_counts_as_sequence_0() -> None:
    bare = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a@test\r\n"
            b"DTSTAMP:20261122T000000Z\r\nDTSTART;VALUE=DATE:20270824\r\nEND:VEVENT\r\n"
            b"BEGIN:VEVENT\r\nDTSTAMP:20261122T000000Z\r\nDTSTART;VALUE=DATE:20270824\r\n"
            b"END:VEVENT\r\nEND:VCALENDAR\r\n")  # fmt: skip
    assert previous_sequences(bare) == {"a@test": (0, "")}
    assert (
        vevents(to_ics([event()], stamp=STAMP, sequences=previous_sequences(bare)))["a@test"][
            "SEQUENCE"
        ]
        == "1"
    )


# The calendar and its text


def test_the_calendar_header_names_the_product_and_the_calendar() -> None:
    lines = lines_of(to_ics([], name="Leases, 2027; mine", stamp=STAMP))
    assert lines == [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//gsomia-clock//gsomia-clock//EN",
        "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "NAME:Leases\\, 2027\\; mine",
        "X-WR-CALNAME:Leases\\, 2027\\; mine", "REFRESH-INTERVAL;VALUE=DURATION:P1D",
        "X-PUBLISHED-TTL:P1D", "END:VCALENDAR",
    ]  # fmt: skip


def test_the_stamp_is_written_in_utc() -> None:
    seoul = datetime(2026, 11, 22, 9, 30, tzinfo=UTC).astimezone(ZoneInfo("Asia/Seoul"))
    assert "DTSTAMP:20261122T093000Z" in lines_of(to_ics([event()], stamp=seoul))


def test_text_values_escape_backslashes_semicolons_commas_and_line_breaks() -> None:
    item = event(summary="a\\b;c,d", description="one\ntwo")
    lines = lines_of(to_ics([item], stamp=STAMP))
    assert "SUMMARY:a\\\\b\\;c\\,d" in lines
    assert "DESCRIPTION:one\\ntwo" in lines


def test_every_line_ends_with_crlf() -> None:
    data = to_ics([event()], stamp=STAMP)
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")


# Folding


def physical(data: bytes) -> list[bytes]:
    return data.split(b"\r\n")[:-1]


def folded(data: bytes, name: str) -> list[bytes]:
    """The physical lines of one property: its first line and the continuations."""
    lines = physical(data)
    at = next(i for i, line in enumerate(lines) if line.startswith(name.encode()))
    end = next(i for i in range(at + 1, len(lines)) if not lines[i].startswith(b" "))
    return lines[at:end]


def test_a_line_of_75_octets_is_not_folded_and_one_of_76_is() -> None:
    fits = "S" * (75 - len("SUMMARY:"))
    assert f"SUMMARY:{fits}".encode() in physical(to_ics([event(summary=fits)], stamp=STAMP))
    folded = physical(to_ics([event(summary=fits + "T")], stamp=STAMP))
    at = folded.index(f"SUMMARY:{fits}".encode())
    assert folded[at + 1] == b" T"


def test_folded_lines_carry_74_octets_after_the_leading_space() -> None:
    summary = "x" * 300
    parts = folded(to_ics([event(summary=summary)], stamp=STAMP), "SUMMARY:")
    assert [len(p) for p in parts] == [75, 75, 75, 75, 308 - 75 - 74 * 3 + 1]
    assert all(p.startswith(b" ") for p in parts[1:])
    assert b"".join([parts[0], *(p[1:] for p in parts[1:])]) == b"SUMMARY:" + b"x" * 300


@pytest.mark.parametrize("prefix", range(1, 6))
def test_folding_never_splits_a_utf_8_character(prefix: int) -> None:
    summary = "a" * prefix + "군사정보보호협정" * 12  # three octets a character
    parts = folded(to_ics([event(summary=summary)], stamp=STAMP), "SUMMARY:")
    assert all(len(p) <= 75 for p in parts)
    assert all(len(p) >= 73 for p in parts[:-1])  # cut at most two octets early
    for part in parts:
        part.decode()
    unfolded = b"".join([parts[0], *(p[1:] for p in parts[1:])]).decode()
    assert unfolded == f"SUMMARY:{summary}"


# Whatever machine exports it


@pytest.fixture
def machine_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's local time zone set to Santiago (UTC-4 in August) for one test."""
    monkeypatch.setenv("TZ", "America/Santiago")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_calendar_is_the_same_whatever_the_machine_time_zone(machine_zone: None) -> None:
    data = export([lease()], date(2027, 8, 1), date(2027, 8, 31), stamp=STAMP,
                  reminders=[parse_reminder("PT12H")], reminder_events=True)  # fmt: skip
    lines = lines_of(data)
    assert "DTSTAMP:20261122T000000Z" in lines
    # 12 hours before 00:00 KST on 24 August is 03:00 UTC on 23 August.
    assert "DTSTART:20270823T030000Z" in lines
    assert "DTEND:20270823T031500Z" in lines
    assert datetime.now().astimezone().utcoffset() != datetime.now(UTC).utcoffset()
    (timed, _deadline) = calendar_events([lease()], date(2027, 8, 1), date(2027, 8, 31),
                                         reminders=[parse_reminder("PT12H")], reminder_events=True)  # fmt: skip
    assert timed.start.isoformat() == "2027-08-23T03:00:00+00:00"  # and so its fingerprint


# export: SEQUENCE from the file it replaces, the name, the stamp


def test_an_export_raises_the_sequence_of_what_changed_since_the_file_it_replaces() -> None:
    before = export([lease()], date(2027, 1, 1), date(2027, 12, 31), stamp=STAMP)
    edited = lease('text = "Either party may end it."')
    after = export([edited], date(2027, 1, 1), date(2027, 12, 31), stamp=STAMP, previous=before,
                   name="Leases")  # fmt: skip
    assert {uid: e["SEQUENCE"] for uid, e in vevents(after).items()} == {
        NOTICE_UID: "1",
        RENEWAL_UID: "1",
    }
    assert "NAME:Leases" in lines_of(after)
    again = export([edited], date(2027, 1, 1), date(2027, 12, 31), stamp=STAMP, previous=after)
    assert {e["SEQUENCE"] for e in vevents(again).values()} == {"1"}


def test_an_export_without_a_stamp_takes_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    assert stamp_from_environment() == datetime(2026, 11, 18, 11, 6, 40, tzinfo=UTC)
    data = export([lease()], date(2027, 1, 1), date(2027, 12, 31))
    assert "DTSTAMP:20261118T110640Z" in lines_of(data)


def test_a_source_date_epoch_that_is_not_seconds_is_a_query_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    with pytest.raises(QueryError, match=r"^SOURCE_DATE_EPOCH='soon' is not a whole number"):
        stamp_from_environment()


def test_without_source_date_epoch_the_stamp_is_now_to_the_second(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = datetime.now(UTC).replace(microsecond=0)
    stamp = stamp_from_environment()
    assert before <= stamp <= datetime.now(UTC)
    assert stamp.tzinfo == UTC


# One event per UID, and nothing in a calendar that hides what it says


def test_an_extension_that_moves_a_renewal_gives_each_of_its_last_notice_days_its_own_uid() -> None:
    # The 2017 renewal's last notice day was 24 August; an extension of 1 September moves that
    # renewal to 1 July 2018, with a new last day: two events, two UIDs.
    extended = lease('[[agreement.event]]\ndate = 2017-09-01\nkind = "extend"\nuntil = 2018-06-30')
    events = calendar_events([extended], date(2017, 1, 1), date(2018, 12, 31))
    uids = [e.uid for e in events]
    assert len(uids) == len(set(uids))
    assert [(e.uid, e.start) for e in events if "last-notice-day-1." in e.uid] == [
        ("last-notice-day-1.lease@gsomia-clock", date(2017, 8, 24)),
        ("2.last-notice-day-1.lease@gsomia-clock", date(2018, 4, 1)),
    ]


def test_the_same_reminder_asked_twice_is_one_alarm_and_one_reminder_event() -> None:
    twice = [parse_reminder("P1D"), parse_reminder("P1D")]
    events = calendar_events([lease()], date(2027, 1, 1), date(2027, 12, 31), reminders=twice,
                             reminder_events=True)  # fmt: skip
    uids = [e.uid for e in events]
    assert len(uids) == len(set(uids)) == 4  # two deadlines, a reminder event each
    assert all(e.alarms == (Duration(days=1),) for e in events if not e.uid.startswith("rem"))


@pytest.mark.parametrize("text", ["P3661D", "P523W"])
def test_a_reminder_more_than_ten_years_ahead_is_refused_before_any_arithmetic(text: str) -> None:
    with pytest.raises(QueryError, match=rf"^--remind: '{text}' is more than ten years \(P3660D\)"):
        parse_reminder(text)
    assert parse_reminder("P3660D") == Duration(days=3660)


def test_a_reminder_event_before_year_1_is_refused_naming_the_reminder() -> None:
    (ancient,) = read_catalog(
        LEASE.replace("2016-11-23", "0001-01-01").format(extra="").encode(), name="old.toml"
    )
    with pytest.raises(
        QueryError, match=r"^--remind: P3000D before 0001-10-02 falls before year 1"
    ):
        calendar_events([ancient], date(1, 1, 1), date(1, 12, 31),
                        reminders=[parse_reminder("P3000D")], reminder_events=True)  # fmt: skip


@pytest.mark.parametrize("sequence", [b"abc", b"-3", b"99999999999"])
def test_an_earlier_file_whose_sequence_is_no_number_in_range_counts_as_none(
    sequence: bytes,
) -> None:
    damaged = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a@test\r\n"
               b"DTSTAMP:20261122T000000Z\r\nSEQUENCE:" + sequence + b"\r\nEND:VEVENT\r\n"
               b"END:VCALENDAR\r\n")  # fmt: skip
    assert previous_sequences(damaged) == {"a@test": (0, "")}


def test_control_characters_never_reach_the_url_line() -> None:
    data = export([lease('source = "see https://example.org/a\\u0001b"')], date(2027, 1, 1),
                  date(2027, 12, 31), stamp=STAMP)  # fmt: skip
    assert {e["URL"] for e in vevents(data).values()} == {"https://example.org/a"}


def test_bidirectional_controls_never_reach_calendar_text() -> None:
    data = export([lease('source = "Registry \\u202egnp.exe\\u202c \\u2066x\\u2069"')],
                  date(2027, 1, 1), date(2027, 12, 31), stamp=STAMP)  # fmt: skip
    text = data.decode()
    assert not any(c in text for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert "Registry  gnp.exe" in text.replace("\r\n ", "")


def test_ical_filters_by_kind_and_reminds_by_kind() -> None:
    import icalendar

    from gsomia_clock.ics import export, parse_reminders

    gsomia = load_catalog()["gsomia"]
    every, by_kind = parse_reminders(["P1D", "last-notice-day=P30D", "last-notice-day=P30D"])
    data = export(
        [gsomia], date(2027, 1, 1), date(2028, 12, 31), reminders=every, reminders_for=by_kind,
        stamp=STAMP,
    )  # fmt: skip
    triggers = {
        str(e["SUMMARY"]).split(":")[1].strip()[:8]: sorted(
            str(a["TRIGGER"].to_ical().decode()) for a in e.walk("VALARM")
        )
        for e in icalendar.Calendar.from_ical(data).walk("VEVENT")
    }
    assert triggers == {"last day": ["-P1D", "-P30D"], "renews f": ["-P1D"]}
    only = export(
        [gsomia],
        date(2027, 1, 1),
        date(2028, 12, 31),
        keep=lambda d: d.kind == "renewal",
        stamp=STAMP,
    )
    assert only.count(b"BEGIN:VEVENT") == 2


def test_a_reminder_for_no_kind_of_deadline_is_refused() -> None:
    from gsomia_clock.ics import parse_reminders

    with pytest.raises(QueryError, match="'renewals' is no kind of deadline"):
        parse_reminders(["renewals=P1D"])


@pytest.mark.parametrize(
    ("uid", "kind", "party"),
    [
        ("last-notice-day-11.gsomia@gsomia-clock", "last-notice-day", None),
        ("2.renewal-3.pact@gsomia-clock", "renewal", None),
        ("reminder-p30d-effect-KR-2019-08-23.gsomia@gsomia-clock", "effect", "KR"),
        ("effect-EU-27-2020-01-01.x@gsomia-clock", "effect", "EU-27"),
        ("window-opens-1-GR-2020-01-01.nato@gsomia-clock", "window-opens", "GR"),
        ("window-opens-1-all-2020-01-01.nato@gsomia-clock", "window-opens", None),
        ("expiry.x@gsomia-clock", "expiry", None),
        ("reminder-p1d-renewal.x@gsomia-clock", "renewal", None),  # a reminder of a renewal
        ("reminder-x.y@gsomia-clock", None, None),  # too short to be one of ours
        ("window-opens-1--2020-01-01.x@gsomia-clock", "window-opens", None),
        ("dentist@example.org", None, None),
    ],
)
def test_the_kind_and_party_of_an_event_are_read_back_from_its_uid(
    uid: str, kind: str | None, party: str | None
) -> None:
    from gsomia_clock.ics import about

    assert about(uid) == (kind, party)


def test_an_alarm_at_a_time_of_day_fires_then_where_the_agreement_is_administered() -> None:
    import icalendar

    from gsomia_clock.ics import export, parse_time_of_day

    gsomia = load_catalog()["gsomia"]  # Asia/Seoul: 09:00 there is 00:00 UTC
    data = export(
        [gsomia], date(2027, 1, 1), date(2027, 12, 31), reminders=[parse_reminder("P30D")],
        remind_at=parse_time_of_day("09:00"), reminder_events=True, stamp=STAMP,
    )  # fmt: skip
    events = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}
    (alarm,) = events["last-notice-day-11.gsomia@gsomia-clock"].walk("VALARM")
    assert alarm["TRIGGER"].dt == datetime(2027, 7, 25, 0, 0, tzinfo=UTC)
    reminder = events["reminder-p30d-last-notice-day-11.gsomia@gsomia-clock"]
    assert reminder.decoded("DTSTART") == datetime(2027, 7, 25, 0, 0, tzinfo=UTC)
    other = lease()  # administered elsewhere: 09:00 there
    (event,) = [
        e for e in icalendar.Calendar.from_ical(
            export([other], date(2027, 1, 1), date(2027, 12, 31), reminders=[parse_reminder("P1W")],
                   remind_at=parse_time_of_day("09:00"), stamp=STAMP)
        ).walk("VEVENT") if e.walk("VALARM")
    ][:1]  # fmt: skip
    day = event.decoded("DTSTART")
    (trigger,) = [a["TRIGGER"].dt for a in event.walk("VALARM")]
    local = trigger.astimezone(other.zone)
    assert (local.date(), local.hour, local.minute) == (day - timedelta(days=7), 9, 0)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ("--remind", "P1D", "--remind-at", "9am"),
            "--remind-at: '9am' is not a time of day HH:MM, such as 09:00",
        ),
        (
            ("--remind", "PT12H", "--remind-at", "09:00"),
            "--remind-at: a reminder in hours or minutes already says when",
        ),
        (("--remind-at", "09:00"), "--remind-at: there is no --remind to give a time of day"),
    ],
)
def test_a_time_of_day_for_alarms_that_cannot_be_is_refused(
    arguments: tuple[str, ...], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from gsomia_clock.cli import main

    assert main(["ical", "gsomia", *arguments]) == 2
    assert message in capsys.readouterr().err


# reading an earlier export of ours line by line, as icalendar reads it


@given(st.data())
def test_an_export_of_ours_reads_line_by_line_as_icalendar_reads_it(data: st.DataObject) -> None:
    agreement = data.draw(agreements())
    start = data.draw(day_near(agreement))
    reminders = data.draw(st.lists(st.sampled_from(["P1D", "P30D", "PT12H", "P2W"]), max_size=2))
    first = export([agreement], start, start + timedelta(days=3000), stamp=STAMP,
                   reminders=[parse_reminder(r) for r in reminders])  # fmt: skip
    edited = agreement.replace(name=agreement.name + ", amended; see \\ note")
    later = export([edited], start, start + timedelta(days=3000), stamp=STAMP, previous=first)
    for written in (first, later):
        assert own_sequences(written) == icalendar_sequences(written)


def test_a_file_not_written_by_us_is_read_by_icalendar() -> None:
    theirs = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Someone//EN\r\nBEGIN:VEVENT\r\n"
        b"uid:x\\,1@example.org\r\nsequence:4\r\nDTSTART;VALUE=DATE:20270101\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert own_sequences(theirs) is None
    assert previous_sequences(theirs) == {"x,1@example.org": (4, "")}


def test_our_uids_escapes_and_sequences_are_read_back() -> None:
    ours = export([lease()], date(2027, 1, 1), date(2027, 12, 31), stamp=STAMP)
    mangled = ours.replace(b"SEQUENCE:0", b"SEQUENCE:abc", 1).replace(
        f"UID:{RENEWAL_UID}".encode(), b"UID:a\\;b\\\\c\\nd", 1
    )
    found = own_sequences(mangled)
    assert found is not None and found == icalendar_sequences(mangled)
    assert found[NOTICE_UID][0] == 0  # abc: unreadable, so 0
    assert "a;b\\c\nd" in found
    assert own_sequences(ours.replace(b"SEQUENCE:0", b"SEQUENCE:2147483647", 1)) == {
        NOTICE_UID: (0, found[NOTICE_UID][1]),
        RENEWAL_UID: (0, found["a;b\\c\nd"][1]),
    }


def test_an_export_of_ours_edited_by_hand_still_reads_as_icalendar_reads_it() -> None:
    opening = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//gsomia-clock//gsomia-clock//EN\r\n"
    edited = opening + (
        b"UID:calendar-level@example.org\r\n"  # not an event's: no entry
        b"BEGIN:VEVENT\r\nUID:folded-with-a-space.a-very-long-agreement-id-that-runs-past-se\r\n"
        b" venty-five-bytes@gsomia-clock\r\nSEQUENCE:3\r\n"
        b"X-GSOMIA-CLOCK-FINGERPRINT:ab\r\n\tcd\r\n"  # folded with a tab
        b"BEGIN:VALARM\r\nUID:an-alarm\r\nSEQUENCE:9\r\nX-GSOMIA-CLOCK-FINGERPRINT:zz\r\n"
        b"END:VALARM\r\nEND:VEVENT\r\n"
        b"SEQUENCE:7\r\n"  # between events: belongs to none
        b"BEGIN:VEVENT\r\nUID:bare@gsomia-clock\r\nEND:VEVENT\r\n"  # no SEQUENCE, no fingerprint
        b"BEGIN:VEVENT\r\nUID:line\\nbreak\\Nand\\,comma@x\r\nSEQUENCE:-1\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:last@x\r\nSEQUENCE:2147483646\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:over@x\r\nSEQUENCE:2147483647\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n"
    )
    found = own_sequences(edited)
    assert found == icalendar_sequences(edited)
    assert found == {
        "folded-with-a-space.a-very-long-agreement-id-that-runs-past-seventy-five-bytes"
        "@gsomia-clock": (3, "abcd"),
        "bare@gsomia-clock": (0, ""),
        "line\nbreak\nand,comma@x": (0, ""),
        "last@x": (2147483646, ""),
        "over@x": (0, ""),
    }
    assert own_sequences(opening + b"\xff\r\nEND:VCALENDAR\r\n") is None  # not UTF-8


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("a\x07bell", "--calendar: 'a\\x07bell' holds a control character"),
        ("   ", "--calendar: '   ' is no name (the default is 'Treaty deadlines')"),
        ("x" * 201, "--calendar: a name of 201 characters is more than 200"),
    ],
)
def test_a_calendar_name_that_no_calendar_could_show_is_refused(name: str, message: str) -> None:
    from gsomia_clock.ics import calendar_name

    with pytest.raises(QueryError) as refused:
        calendar_name(name)
    assert str(refused.value) == message
    assert calendar_name("x" * 200) == "x" * 200
