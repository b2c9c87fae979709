"""The iCal export: correct files that three independent parsers accept, stable identities."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream

from gsomia_clock import load_catalog
from gsomia_clock.catalog import read_catalog
from gsomia_clock.ics import export, parse_reminder

from .helpers import GSOMIA_LIKE, run
from .strategies import agreements

STAMP = datetime(2026, 11, 22, tzinfo=UTC)
EPOCH = {"SOURCE_DATE_EPOCH": "1795000000"}


def events_of(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


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


def test_reminder_events_stand_on_their_own_for_subscribed_feeds() -> None:
    data = export([load_catalog()["gsomia"]], date(2027, 8, 1), date(2027, 8, 31), stamp=STAMP,
                  reminders=[parse_reminder("P7D"), parse_reminder("PT12H")], reminder_events=True)  # fmt: skip
    starts = {str(e["UID"]): e.decoded("DTSTART") for e in events_of(data)}
    assert starts["reminder-p7d-last-notice-day-11.gsomia@gsomia-clock"] == date(2027, 8, 17)
    # 12 hours before 00:00 KST on 24 August is 03:00 UTC on 23 August.
    assert starts["reminder-pt12h-last-notice-day-11.gsomia@gsomia-clock"] == datetime(
        2027, 8, 23, 3, tzinfo=UTC
    )


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


@settings(max_examples=60, deadline=None)
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


def test_long_lines_fold_at_75_octets_without_splitting_a_character() -> None:
    korean = GSOMIA_LIKE.replace(
        'name = "An evergreen agreement"',
        'name = "대한민국 정부와 일본국 정부 간의 군사비밀정보의 보호에 관한 협정 (군사정보보호협정)"\n'
        'text = "이 협정은 1년간 효력을 가지며, 어느 한쪽 당사자가 90일 전에 외교경로를 통하여 '
        '종료 의사를 서면으로 통보하지 아니하는 한 1년씩 자동으로 연장된다."',
    )
    (agreement,) = read_catalog(korean.encode(), name="korean.toml")
    data = export([agreement], date(2027, 1, 1), date(2027, 12, 31), stamp=STAMP)
    physical = data.split(b"\r\n")
    assert max(len(line) for line in physical) <= 75
    for line in physical:
        line.decode()  # every physical line is whole UTF-8: no character was split
    (first, _renewal) = events_of(data)
    assert str(first["SUMMARY"]).startswith("군사정보보호협정: last day for notice")
    assert "1년씩 자동으로 연장된다" in str(first["DESCRIPTION"])
