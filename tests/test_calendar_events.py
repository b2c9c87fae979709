"""The events a calendar holds: each deadline's day, summary, description and link, its UID and
its place among the others; the reminders asked for (`--remind`, `--remind-at`), as alarms or as
events of their own; and the same events whatever the machine's time zone."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import icalendar
import pytest

from gsomia_clock import QueryError
from gsomia_clock.catalog import load_catalog, read_catalog
from gsomia_clock.cli import main
from gsomia_clock.durations import Duration
from gsomia_clock.ics import (
    CalendarStream,
    about,
    agreement_events,
    calendar_events,
    export,
    parse_reminder,
    parse_reminders,
    parse_time_of_day,
    to_ics,
)

from .helpers import (
    LEASE,
    NOTICE_UID,
    RENEWAL_UID,
    STAMP,
    calendar_event,
    events_of,
    lease,
    lines_of,
    vevents,
)

SOURCE = "Registry, https://example.org/lease?id=7; seen 2020"


# -- each deadline an event: its day, summary and UID, in order --------------------------------


def test_all_day_events_end_the_next_day_and_carry_alarms() -> None:
    data = export([load_catalog()["gsomia"]], date(2027, 1, 1), date(2027, 12, 31), stamp=STAMP,
                  reminders=[parse_reminder("P30D"), parse_reminder("PT12H")])  # fmt: skip
    (deadline, renewal) = events_of(data)
    assert deadline.decoded("DTSTART") == date(2027, 8, 24)
    assert deadline.decoded("DTEND") == date(2027, 8, 25)
    alarms = deadline.walk("VALARM")
    assert [str(a["ACTION"]) for a in alarms] == ["DISPLAY", "DISPLAY"]
    assert [a.decoded("TRIGGER") for a in alarms] == [-parse_reminder("P30D").to_timedelta(),
                                                      -parse_reminder("PT12H").to_timedelta()]  # fmt: skip
    assert all(str(a["DESCRIPTION"]).startswith("In ") for a in alarms)
    assert "before 00:00 KST on 25 August 2027" in str(deadline["DESCRIPTION"])
    assert "ninety days in advance" in str(deadline["DESCRIPTION"])
    assert str(renewal["UID"]) == "renewal-11.gsomia@gsomia-clock"


def test_a_timed_event_lasts_15_minutes_and_an_all_day_one_a_day() -> None:
    timed = calendar_event(start=datetime(2027, 8, 22, 15, tzinfo=UTC))
    assert timed.end == datetime(2027, 8, 22, 15, 15, tzinfo=UTC)
    assert calendar_event().end == date(2027, 8, 25)
    event_lines = lines_of(to_ics([timed], stamp=STAMP))
    assert "DTSTART:20270822T150000Z" in event_lines
    assert "DTEND:20270822T151500Z" in event_lines


def test_a_summary_is_one_line_with_single_spaces() -> None:
    name = 'name = "A\\n  long\\tlease"'
    (found,) = read_catalog(LEASE.replace('name = "A lease"', name).format(extra="").encode(),
                            name="inline.toml")  # fmt: skip
    (deadline, _renewal) = calendar_events([found], date(2027, 1, 1), date(2027, 12, 31))
    assert deadline.summary.startswith("A long lease: last day for notice")


def test_events_are_in_order_of_day_then_uid_across_agreements() -> None:
    other = LEASE.replace('id = "lease"', 'id = "early"').replace("2016-11-23", "2016-11-22")
    (early,) = read_catalog(other.format(extra="").encode(), name="inline.toml")
    events = calendar_events([lease(), early], date(2027, 1, 1), date(2027, 12, 31))
    assert [(e.start, e.agreement) for e in events] == [
        (date(2027, 8, 23), "early"), (date(2027, 8, 24), "lease"),
        (date(2027, 11, 22), "early"), (date(2027, 11, 23), "lease"),
    ]  # fmt: skip


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
    assert about(uid) == (kind, party)


# -- descriptions and links --------------------------------------------------------------------


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


def test_control_characters_never_reach_the_url_line() -> None:
    data = export([lease('source = "see https://example.org/a\\u0001b"')], date(2027, 1, 1),
                  date(2027, 12, 31), stamp=STAMP)  # fmt: skip
    assert {e["URL"] for e in vevents(data).values()} == {"https://example.org/a"}


# -- reminders: what --remind and --remind-at take ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [("P1Y2D", "reminders: 'P1Y2D' has months or years"),
     ("PT0S", "reminders: 'PT0S' is no time at all")],
)  # fmt: skip
def test_a_reminder_must_be_a_positive_time_without_months(text: str, message: str) -> None:
    with pytest.raises(QueryError) as raised:
        parse_reminder(text)
    assert str(raised.value).startswith(message)


def test_a_reminder_of_days_takes_weeks_days_hours_and_minutes() -> None:
    assert parse_reminder("P1W2DT3H4M") == Duration(weeks=1, days=2, hours=3, minutes=4)


@pytest.mark.parametrize("text", ["P3661D", "P523W"])
def test_a_reminder_more_than_ten_years_ahead_is_refused_before_any_arithmetic(text: str) -> None:
    with pytest.raises(
        QueryError, match=rf"^reminders: '{text}' is more than ten years \(P3660D\)"
    ):
        parse_reminder(text)
    assert parse_reminder("P3660D") == Duration(days=3660)


def test_a_reminder_for_no_kind_of_deadline_is_refused() -> None:
    with pytest.raises(QueryError, match="'renewals' is no kind of deadline"):
        parse_reminders(["renewals=P1D"])


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
    assert main(["ical", "gsomia", *arguments]) == 2
    assert message in capsys.readouterr().err


# -- reminders as alarms, or as events of their own --------------------------------------------


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


def test_reminder_events_stand_on_their_own_for_subscribed_feeds() -> None:
    data = export([load_catalog()["gsomia"]], date(2027, 8, 1), date(2027, 8, 31), stamp=STAMP,
                  reminders=[parse_reminder("P7D"), parse_reminder("PT12H")], reminder_events=True)  # fmt: skip
    starts = {str(e["UID"]): e.decoded("DTSTART") for e in events_of(data)}
    assert starts["reminder-p7d-last-notice-day-11.gsomia@gsomia-clock"] == date(2027, 8, 17)
    # 12 hours before 00:00 KST on 24 August is 03:00 UTC on 23 August.
    assert starts["reminder-pt12h-last-notice-day-11.gsomia@gsomia-clock"] == datetime(
        2027, 8, 23, 3, tzinfo=UTC
    )


def test_without_reminder_events_there_is_one_event_a_deadline() -> None:
    events = calendar_events([lease()], date(2027, 1, 1), date(2027, 12, 31),
                             reminders=[parse_reminder("P7D")])  # fmt: skip
    assert [e.uid for e in events] == [NOTICE_UID, RENEWAL_UID]


def test_the_same_reminder_asked_twice_is_one_alarm_and_one_reminder_event() -> None:
    twice = [parse_reminder("P1D"), parse_reminder("P1D")]
    events = calendar_events([lease()], date(2027, 1, 1), date(2027, 12, 31), reminders=twice,
                             reminder_events=True)  # fmt: skip
    uids = [e.uid for e in events]
    assert len(uids) == len(set(uids)) == 4  # two deadlines, a reminder event each
    assert all(e.alarms == (Duration(days=1),) for e in events if not e.uid.startswith("rem"))


def test_a_reminder_event_before_year_1_is_refused_naming_the_reminder() -> None:
    (ancient,) = read_catalog(
        LEASE.replace("2016-11-23", "0001-01-01").format(extra="").encode(), name="old.toml"
    )
    with pytest.raises(
        QueryError, match=r"^reminders: P3000D before 0001-10-02 falls before year 1"
    ):
        calendar_events([ancient], date(1, 1, 1), date(1, 12, 31),
                        reminders=[parse_reminder("P3000D")], reminder_events=True)  # fmt: skip


def test_ical_filters_by_kind_and_reminds_by_kind() -> None:
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


def test_an_alarm_at_a_time_of_day_fires_then_where_the_agreement_is_administered() -> None:
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


# -- whatever machine exports it ---------------------------------------------------------------


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


# -- an export written as it is made ------------------------------------------------------------


def test_an_export_takes_each_agreement_only_once_the_last_ones_events_are_written() -> None:
    taken: list[str] = []

    def given() -> Iterator[Any]:
        for agreement in (load_catalog()["gsomia"], lease()):
            taken.append(agreement.id)
            yield agreement

    start, end = date(2027, 1, 1), date(2027, 12, 31)
    chunks = iter(CalendarStream(agreement_events(given(), start, end), start, end, stamp=STAMP))
    assert next(chunks).startswith(b"BEGIN:VCALENDAR") and taken == []
    assert b"UID:last-notice-day" in next(chunks) and taken == ["gsomia"]
    rest = b"".join(chunks)
    assert taken == ["gsomia", "lease"] and rest.endswith(b"END:VCALENDAR\r\n")


def test_an_export_holds_the_events_of_calendar_events_agreement_by_agreement() -> None:
    agreements = [lease(), load_catalog()["gsomia"], lease().replace(id="another-lease")]
    reminders = [parse_reminder("P30D")]
    whole = to_ics(
        calendar_events(agreements, date(2026, 1, 1), date(2031, 12, 31), reminders=reminders,
                        reminder_events=True),
        stamp=STAMP,
    )  # fmt: skip
    streamed = export(agreements, date(2026, 1, 1), date(2031, 12, 31), reminders=reminders,
                      reminder_events=True, stamp=STAMP)  # fmt: skip
    assert _events(streamed) == _events(whole) and len(_events(whole)) > 20
    owners = [line.split(":", 1)[1] for line in lines_of(streamed)
              if line.startswith("X-GSOMIA-CLOCK-AGREEMENT:")]  # fmt: skip
    assert list(dict.fromkeys(owners)) == [a.id for a in agreements]  # each one's together
    assert owners == sorted(owners, key=[a.id for a in agreements].index)


def _events(data: bytes) -> dict[str, dict[str, str]]:
    """UID → the properties of each event (`END` left out: the last one's is the calendar's)."""
    return {
        uid: {name: value for name, value in found.items() if name != "END"}
        for uid, found in vevents(data).items()
    }
