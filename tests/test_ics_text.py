"""The iCal text: what three independent parsers read back, the calendar's header and stamp,
escaping and folding, alarms, and SEQUENCE numbers carried over from the file an export replaces,
read line by line as icalendar reads it."""

from __future__ import annotations

import io
import re
from array import array
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream

from gsomia_clock import QueryError, ics
from gsomia_clock.catalog import load_catalog, read_catalog
from gsomia_clock.durations import Duration
from gsomia_clock.ics import (
    calendar_events,
    calendar_name,
    export,
    icalendar_sequences,
    own_sequences,
    parse_reminder,
    previous_sequences,
    stamp_from_environment,
    to_ics,
)

from .helpers import (
    GSOMIA_LIKE,
    NOTICE_UID,
    RENEWAL_UID,
    STAMP,
    calendar_event,
    events_of,
    lease,
    lines_of,
    run,
    vevents,
)
from .strategies import agreements, day_near

EPOCH = {"SOURCE_DATE_EPOCH": "1795000000"}


# -- what three independent parsers read back --------------------------------------------------


def test_done_when_all_ics_holds_gsomia_days_passes_three_parsers_and_is_reproducible(
    tmp_path: Path,
) -> None:
    args = ["ical", "--from", "2026-01-01", "--until", "2030-12-31", "--remind", "P30D",
            "--remind", "P7D", "-o", "all.ics"]  # fmt: skip
    first = run(*args, cwd=tmp_path, env=EPOCH)
    assert first.returncode == 0, first.stderr
    data = (tmp_path / "all.ics").read_bytes()
    days = {(e.decoded("DTSTART"), str(e["SUMMARY"])) for e in events_of(data)}
    assert (
        date(2027, 8, 24),
        "GSOMIA: last day for notice to stop the 23 November 2027 renewal",
    ) in days
    assert (date(2027, 11, 23), "GSOMIA: renews for 1 year") in days
    text = data.decode()
    assert len(IcsCalendarStream.calendar_from_ics(text).events) == len(days)
    assert len(vobject.readOne(text, validate=True).vevent_list) == len(days)
    (tmp_path / "all.ics").rename(tmp_path / "first.ics")
    second = run(*args, cwd=tmp_path, env=EPOCH)
    assert second.returncode == 0, second.stderr
    assert (tmp_path / "all.ics").read_bytes() == (tmp_path / "first.ics").read_bytes()


@settings(max_examples=60)
@given(st.data())
def test_export_then_parse_gives_back_the_same_days(data: st.DataObject) -> None:
    agreement = data.draw(agreements())
    start = data.draw(st.dates(min_value=agreement.in_force, max_value=date(2120, 1, 1)))
    end = data.draw(st.dates(min_value=start, max_value=date(2130, 1, 1)))
    expected = sorted((d.date, d.summary) for d in agreement.deadlines(start, end))
    parsed = sorted(
        (e.decoded("DTSTART"), str(e["SUMMARY"]))
        for e in events_of(export([agreement], start, end, stamp=STAMP))
    )
    assert parsed == expected


# -- the calendar's header, its name and its stamp ---------------------------------------------


def test_calendar_properties_for_publishing() -> None:
    text = export(
        [load_catalog()["gsomia"]], date(2027, 1, 1), date(2027, 12, 31), stamp=STAMP
    ).decode()
    lines = text.split("\r\n")
    for expected in ("METHOD:PUBLISH", "NAME:Treaty deadlines", "X-WR-CALNAME:Treaty deadlines",
                     "REFRESH-INTERVAL;VALUE=DURATION:P1D", "DTSTAMP:20261122T000000Z"):  # fmt: skip
        assert expected in lines
    # A VTIMEZONE for every TZID used.
    used = set(re.findall(r";TZID=([^:;]+)", text))
    defined = set(re.findall(r"^TZID:(.+)$", text, re.M))
    assert used <= defined


def test_the_calendar_header_names_the_product_and_the_calendar() -> None:
    lines = lines_of(to_ics([], name="Leases, 2027; mine", stamp=STAMP))
    assert lines == [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//gsomia-clock//gsomia-clock//EN",
        "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "NAME:Leases\\, 2027\\; mine",
        "X-WR-CALNAME:Leases\\, 2027\\; mine", "REFRESH-INTERVAL;VALUE=DURATION:P1D",
        "X-PUBLISHED-TTL:P1D", "END:VCALENDAR",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("a\x07bell", "calendar_name: 'a\\x07bell' holds a control character"),
        ("   ", "calendar_name: '   ' is no name (the default is 'Treaty deadlines')"),
        ("x" * 201, "calendar_name: a name of 201 characters is more than 200"),
    ],
)
def test_a_calendar_name_that_no_calendar_could_show_is_refused(name: str, message: str) -> None:
    with pytest.raises(QueryError) as refused:
        calendar_name(name)
    assert str(refused.value) == message
    assert calendar_name("x" * 200) == "x" * 200


def test_the_stamp_is_written_in_utc() -> None:
    seoul = datetime(2026, 11, 22, 9, 30, tzinfo=UTC).astimezone(ZoneInfo("Asia/Seoul"))
    assert "DTSTAMP:20261122T093000Z" in lines_of(to_ics([calendar_event()], stamp=seoul))


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


# -- escaping: a catalog's text stays inside its property --------------------------------------


def test_text_values_escape_backslashes_semicolons_commas_and_line_breaks() -> None:
    item = calendar_event(summary="a\\b;c,d", description="one\ntwo")
    lines = lines_of(to_ics([item], stamp=STAMP))
    assert "SUMMARY:a\\\\b\\;c\\,d" in lines
    assert "DESCRIPTION:one\\ntwo" in lines


def test_catalog_text_cannot_inject_properties(tmp_path: Path) -> None:
    payload = "\\r\\nATTENDEE:mailto:x@example.org\\nEND:VEVENT\\u0007\\u2028X-INJECTED:1"
    hostile = GSOMIA_LIKE.replace(
        'name = "An evergreen agreement"',
        f'name = "An agreement (Evil{payload})"\ntext = "Clause{payload}"\nsource = "Source{payload}"',
    )
    (agreement,) = read_catalog(hostile.encode(), name="hostile.toml")
    text = export([agreement], date(2027, 1, 1), date(2027, 12, 31), stamp=STAMP).decode()
    lines = text.split("\r\n")
    assert "ATTENDEE" in text  # the text is there, escaped inside its property
    assert not any(line.startswith(("ATTENDEE", "X-INJECTED")) for line in lines)
    assert lines.count("END:VEVENT") == lines.count("BEGIN:VEVENT") == 2
    assert "\x07" not in text


def test_bidirectional_controls_never_reach_calendar_text() -> None:
    data = export([lease('source = "Registry \\u202egnp.exe\\u202c \\u2066x\\u2069"')],
                  date(2027, 1, 1), date(2027, 12, 31), stamp=STAMP)  # fmt: skip
    text = data.decode()
    assert not any(c in text for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert "Registry  gnp.exe" in text.replace("\r\n ", "")


def test_every_line_ends_with_crlf() -> None:
    data = to_ics([calendar_event()], stamp=STAMP)
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")


# -- folding -----------------------------------------------------------------------------------


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
    assert f"SUMMARY:{fits}".encode() in physical(
        to_ics([calendar_event(summary=fits)], stamp=STAMP)
    )
    folded = physical(to_ics([calendar_event(summary=fits + "T")], stamp=STAMP))
    at = folded.index(f"SUMMARY:{fits}".encode())
    assert folded[at + 1] == b" T"


def test_folded_lines_carry_74_octets_after_the_leading_space() -> None:
    summary = "x" * 300
    parts = folded(to_ics([calendar_event(summary=summary)], stamp=STAMP), "SUMMARY:")
    assert [len(p) for p in parts] == [75, 75, 75, 75, 308 - 75 - 74 * 3 + 1]
    assert all(p.startswith(b" ") for p in parts[1:])
    assert b"".join([parts[0], *(p[1:] for p in parts[1:])]) == b"SUMMARY:" + b"x" * 300


@pytest.mark.parametrize("prefix", range(1, 6))
def test_folding_never_splits_a_utf_8_character(prefix: int) -> None:
    summary = "a" * prefix + "군사정보보호협정" * 12  # three octets a character
    parts = folded(to_ics([calendar_event(summary=summary)], stamp=STAMP), "SUMMARY:")
    assert all(len(p) <= 75 for p in parts)
    assert all(len(p) >= 73 for p in parts[:-1])  # cut at most two octets early
    for part in parts:
        part.decode()
    unfolded = b"".join([parts[0], *(p[1:] for p in parts[1:])]).decode()
    assert unfolded == f"SUMMARY:{summary}"


def test_long_lines_fold_at_75_octets_without_splitting_a_character() -> None:
    korean = GSOMIA_LIKE.replace(
        'name = "An evergreen agreement"',
        'name = "대한민국 정부와 일본국 정부 간의 군사비밀정보의 보호에 관한 협정 (군사정보보호협정)"\n'
        'text = "이 협정은 1년간 효력을 가지며, 어느 한쪽 당사자가 90일 전에 외교경로를 통하여 '
        '종료 의사를 서면으로 통보하지 아니하는 한 1년씩 자동으로 연장된다."',
    )
    (agreement,) = read_catalog(korean.encode(), name="korean.toml")
    data = export([agreement], date(2027, 1, 1), date(2027, 12, 31), stamp=STAMP)
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode()  # every physical line is whole UTF-8: no character was split
    (first, _renewal) = events_of(data)
    assert str(first["SUMMARY"]).startswith("군사정보보호협정: last day for notice")
    assert "1년씩 자동으로 연장된다" in str(first["DESCRIPTION"])


# -- alarms ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reminder", "trigger"),
    [("P2W", "-P2W"), ("P1W", "-P1W"), ("P1W1D", "-P8D"), ("P2WT1H", "-P14DT1H"),
     ("P30D", "-P30D"), ("PT12H", "-PT12H"), ("P1DT12H", "-P1DT12H"), ("PT90M", "-PT90M"),
     ("PT1H30M15S", "-PT1H30M15S"), ("PT45S", "-PT45S")],
)  # fmt: skip
def test_an_alarm_trigger_is_weeks_alone_or_days_and_a_time(reminder: str, trigger: str) -> None:
    data = to_ics([calendar_event(alarms=(parse_reminder(reminder),))], stamp=STAMP)
    lines = lines_of(data)
    assert f"TRIGGER:{trigger}" in lines
    assert lines[lines.index(f"TRIGGER:{trigger}") - 2 :][:2] == [
        "ACTION:DISPLAY",
        f"DESCRIPTION:In {parse_reminder(reminder).words()}: Last day",
    ]


def test_each_alarm_is_a_display_valarm_inside_its_event() -> None:
    item = calendar_event(alarms=(Duration(days=30), Duration(weeks=1)))
    lines = lines_of(to_ics([item], stamp=STAMP))
    start = lines.index("BEGIN:VEVENT")
    assert lines[start:] == [
        "BEGIN:VEVENT", "UID:a@test", "DTSTAMP:20261122T000000Z", "SEQUENCE:0",
        "DTSTART;VALUE=DATE:20270824", "DTEND;VALUE=DATE:20270825", "SUMMARY:Last day",
        "DESCRIPTION:Why", "TRANSP:TRANSPARENT", "X-GSOMIA-CLOCK-AGREEMENT:lease",
        f"X-GSOMIA-CLOCK-FINGERPRINT:{item.fingerprint}",
        "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:In 30 days: Last day", "TRIGGER:-P30D",
        "END:VALARM",
        "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:In 1 week: Last day", "TRIGGER:-P1W",
        "END:VALARM",
        "END:VEVENT", "END:VCALENDAR",
    ]  # fmt: skip


# -- SEQUENCE: what changed since the file an export replaces ----------------------------------


def test_uid_stays_and_sequence_rises_when_a_catalog_edit_moves_the_date(tmp_path: Path) -> None:
    catalog = tmp_path / "lease.toml"
    catalog.write_text(GSOMIA_LIKE)
    out = tmp_path / "lease.ics"
    base = [
        "--catalog",
        str(catalog),
        "ical",
        "evergreen",
        "--from",
        "2027-01-01",
        "--until",
        "2027-12-31",
        "-o",
        str(out),
    ]
    assert run(*base, env=EPOCH).returncode == 0
    before = {str(e["UID"]): e for e in events_of(out.read_bytes())}
    assert run(*base, env=EPOCH).returncode == 0
    assert {
        str(e["UID"]): int(e["SEQUENCE"]) for e in events_of(out.read_bytes())
    } == dict.fromkeys(before, 0)
    catalog.write_text(GSOMIA_LIKE.replace('notice = "P90D"', 'notice = "P60D"'))
    assert run(*base, env=EPOCH).returncode == 0
    after = {str(e["UID"]): e for e in events_of(out.read_bytes())}
    assert after.keys() == before.keys()
    moved = "last-notice-day-11.evergreen@gsomia-clock"
    assert before[moved].decoded("DTSTART") == date(2027, 8, 24)
    assert after[moved].decoded("DTSTART") == date(2027, 9, 23)
    assert int(after[moved]["SEQUENCE"]) == 1
    assert int(after["renewal-11.evergreen@gsomia-clock"]["SEQUENCE"]) == 0


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


def test_a_sequence_carries_on_when_the_previous_file_holds_other_uids() -> None:
    first = export([lease()], date(2027, 1, 1), date(2027, 12, 31), stamp=STAMP)
    other = first.replace(b"lease@gsomia-clock", b"other@gsomia-clock")
    assert set(previous_sequences(other)) == {
        "last-notice-day-11.other@gsomia-clock",
        "renewal-11.other@gsomia-clock",
    }
    again = export([lease()], date(2027, 1, 1), date(2027, 12, 31), stamp=STAMP, previous=other)
    assert {uid: e["SEQUENCE"] for uid, e in vevents(again).items() if "STATUS" not in e} == {
        NOTICE_UID: "0",
        RENEWAL_UID: "0",
    }  # the other file's events, no longer produced, are cancelled (below)


def test_an_unchanged_event_keeps_its_sequence_and_a_changed_one_goes_up_by_one() -> None:
    same = calendar_event("same@test")
    before = to_ics([same, calendar_event("moved@test")], stamp=STAMP,
                    sequences={"same@test": (4, same.fingerprint)})  # fmt: skip
    assert previous_sequences(before) == {
        "same@test": (4, same.fingerprint),
        "moved@test": (0, calendar_event("moved@test").fingerprint),
    }
    moved = calendar_event("moved@test", start=date(2027, 8, 25))
    after = to_ics([same, moved], stamp=STAMP, sequences=previous_sequences(before))
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
    assert calendar_event(**changed).fingerprint != calendar_event().fingerprint
    assert len(calendar_event().fingerprint) == 16


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
    again = to_ics([calendar_event()], stamp=STAMP, sequences=previous_sequences(bare))
    assert vevents(again)["a@test"]["SEQUENCE"] == "1"


@pytest.mark.parametrize("sequence", [b"abc", b"-3", b"99999999999"])
def test_an_earlier_file_whose_sequence_is_no_number_in_range_counts_as_none(
    sequence: bytes,
) -> None:
    damaged = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a@test\r\n"
               b"DTSTAMP:20261122T000000Z\r\nSEQUENCE:" + sequence + b"\r\nEND:VEVENT\r\n"
               b"END:VCALENDAR\r\n")  # fmt: skip
    assert previous_sequences(damaged) == {"a@test": (0, "")}


# -- an earlier export read line by line, as icalendar reads it --------------------------------


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


def test_an_earlier_export_past_4_gib_still_finds_where_each_stale_event_begins() -> None:
    # Where each event begins is kept in 32 bits until the file is larger than that.
    earlier = ics._Earlier([("a@x", 0, "", 7), ("b@x", 1, "", 2**32 + 5), ("c@x", 2, "", 2**40)])
    earlier.made("a@x")
    assert list(earlier.stale()) == [2**32 + 5, 2**40]
    assert earlier.get("c@x") == (2, "not written by to_ics: 2")


def test_an_export_over_one_of_ours_numbers_each_event_as_its_sequences_say() -> None:
    # Over an earlier export of ours, read as a stream (and kept by the hash of each UID): an
    # event unchanged keeps its SEQUENCE, one whose fingerprint is not as we write it (edited
    # to upper case, or gone) is counted changed, and of two events of one UID the last counts
    # (as a dict of them keeps), exactly as over the same SEQUENCE numbers read into a dict.
    ours = export([lease()], date(2027, 1, 1), date(2027, 12, 31), stamp=STAMP)
    fingerprint = ours.split(b"X-GSOMIA-CLOCK-FINGERPRINT:")[1][:16]
    edits = [
        ours.replace(b"SEQUENCE:0", b"SEQUENCE:5"),
        ours.replace(fingerprint, fingerprint.upper(), 1).replace(b"SEQUENCE:0", b"SEQUENCE:5"),
        ours.replace(b"X-GSOMIA-CLOCK-FINGERPRINT:" + fingerprint + b"\r\n", b"", 1),
        ours.replace(b"END:VCALENDAR\r\n", b"")
        + ours[ours.index(b"BEGIN:VEVENT") :].replace(b"SEQUENCE:0", b"SEQUENCE:8"),
    ]
    for earlier in edits:
        again = export([lease()], date(2027, 1, 1), date(2027, 12, 31), stamp=STAMP,
                       previous=_Streamed(earlier))  # fmt: skip
        as_dict = to_ics(
            calendar_events([lease()], date(2027, 1, 1), date(2027, 12, 31)),
            stamp=STAMP, sequences=previous_sequences(earlier),
        )  # fmt: skip
        assert again == as_dict
    numbered = [vevents(export([lease()], date(2027, 1, 1), date(2027, 12, 31), stamp=STAMP,
                               previous=earlier)) for earlier in edits]  # fmt: skip
    assert [sorted(e["SEQUENCE"] for e in events.values()) for events in numbered] == [
        ["5", "5"],
        ["5", "6"],
        ["0", "1"],
        ["8", "8"],
    ]


@given(
    st.lists(st.integers(-(2**63), 2**63 - 1) | st.sampled_from([-(2**63), -1, 0, 2**63 - 1])),
    st.integers(1, 8),
)
def test_an_earlier_export_sorted_a_stretch_of_hashes_at_a_time_is_sorted_as_a_whole(
    hashes: list[int], stretch: int
) -> None:
    # The earlier export's UIDs are found by bisection among their hashes, sorted a stretch
    # of the hash range at a time (not all at once, for memory): together the stretches are
    # every place once, by hash, then by place in the file (so a UID's last event is found).
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ics, "_STRETCH", stretch)
        order = ics._by_hash(array("q", hashes))
    assert list(order) == sorted(range(len(hashes)), key=lambda n: (hashes[n], n))


# -- what an export over an earlier one cancels (contract v3, "Calendars") ---------------------


def _cancelled(data: bytes) -> dict[str, dict[str, str]]:
    return {uid: e for uid, e in vevents(data).items() if e.get("STATUS") == "CANCELLED"}


def test_an_export_over_an_earlier_one_cancels_what_it_no_longer_produces() -> None:
    before = export([lease()], date(2027, 1, 1), date(2028, 12, 31), stamp=STAMP)
    ended = lease('[[agreement.event]]\ndate = 2027-06-30\nkind = "terminate"')
    after = export([ended], date(2027, 1, 1), date(2028, 12, 31), stamp=STAMP, previous=before)
    gone = set(vevents(before)) - {u for u, e in vevents(after).items() if "STATUS" not in e}
    cancelled = _cancelled(after)
    assert set(cancelled) == gone and gone
    assert {e["SEQUENCE"] for e in cancelled.values()} == {"1"}
    assert all(e["DTSTART;VALUE=DATE"] >= "20270630" for e in cancelled.values())
    # Three readers see them cancelled, and with no alarm to ring.
    for event in events_of(after):
        if str(event["UID"]) in gone:
            assert str(event["STATUS"]) == "CANCELLED" and not event.walk("VALARM")
    readers = vobject.readOne(after.decode())
    assert sum(v.contents.get("status", [None])[0] is not None for v in readers.vevent_list) == len(
        gone
    )
    stream = IcsCalendarStream.calendar_from_ics(after.decode())
    assert sum(str(e.status or "").endswith("CANCELLED") for e in stream.events) == len(gone)


class _Streamed(io.BytesIO):
    """An earlier export open to read, which fails a test that reads it whole: a calendar of
    a large register may be far larger than the register."""

    def read(self, size: int | None = -1) -> bytes:
        assert size is not None and 0 <= size <= 1 << 20, "read whole"
        return super().read(size)


def test_an_earlier_export_of_ours_is_read_as_a_stream_and_cancelled_from_it_the_same() -> None:
    before = export([lease()], date(2027, 1, 1), date(2028, 12, 31), stamp=STAMP)
    ended = lease('[[agreement.event]]\ndate = 2027-06-30\nkind = "terminate"')
    after = export([ended], date(2027, 1, 1), date(2028, 12, 31), stamp=STAMP, previous=before)
    streamed = export(
        [ended], date(2027, 1, 1), date(2028, 12, 31), stamp=STAMP, previous=_Streamed(before)
    )
    assert streamed == after and _cancelled(streamed)


def test_a_cancelled_event_stays_cancelled_at_the_same_sequence_in_the_next_export() -> None:
    before = export([lease()], date(2027, 1, 1), date(2028, 12, 31), stamp=STAMP)
    ended = lease('[[agreement.event]]\ndate = 2027-06-30\nkind = "terminate"')
    after = export([ended], date(2027, 1, 1), date(2028, 12, 31), stamp=STAMP, previous=before)
    again = export([ended], date(2027, 1, 1), date(2028, 12, 31), stamp=STAMP, previous=after)
    assert _cancelled(again) == _cancelled(after)


def test_days_outside_the_new_period_are_not_cancelled() -> None:
    before = export([lease()], date(2027, 1, 1), date(2030, 12, 31), stamp=STAMP)
    after = export([lease()], date(2027, 1, 1), date(2027, 12, 31), stamp=STAMP, previous=before)
    assert _cancelled(after) == {}


def test_the_events_of_an_agreement_no_longer_exported_are_cancelled_in_the_period() -> None:
    before = export([lease()], date(2027, 1, 1), date(2027, 12, 31), stamp=STAMP)
    after = export([], date(2027, 1, 1), date(2027, 12, 31), stamp=STAMP, previous=before)
    assert set(_cancelled(after)) == set(vevents(before))


def test_a_calendar_that_is_not_an_export_of_ours_has_nothing_cancelled() -> None:
    before = export([lease()], date(2027, 1, 1), date(2027, 12, 31), stamp=STAMP)
    foreign = before.replace(b"PRODID:", b"PRODID:-//someone else//", 1)
    after = export([], date(2027, 1, 1), date(2027, 12, 31), stamp=STAMP, previous=foreign)
    assert _cancelled(after) == {}
