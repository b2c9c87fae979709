"""Fuzzing with hypothesis: the loader, the duration and day parsers, and the iCal text path.

No input may raise anything but the documented errors (CatalogError for catalogs, ValueError
for a duration, QueryError for a day). A short run in every test run; a long one with
`python benchmarks/fuzz.py` (GSOMIA_CLOCK_FUZZ_EXAMPLES sets the examples per target).
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import UTC, date, datetime

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

from gsomia_clock import CatalogError, Duration, QueryError, load_catalog
from gsomia_clock.catalog import read_catalog
from gsomia_clock.ics import export
from gsomia_clock.render import printable, status_text, withdrawal_text

from .strategies import agreement_texts, mutated

FUZZ = settings(
    max_examples=int(os.environ.get("GSOMIA_CLOCK_FUZZ_EXAMPLES", "200")),
    deadline=None,
)
GSOMIA = load_catalog()["gsomia"]
TODAY = date(2026, 11, 22)


@FUZZ
@given(st.binary(max_size=2000))
def test_loader_takes_any_bytes(data: bytes) -> None:
    try:
        read_catalog(data, name="fuzz.toml")
    except CatalogError as error:
        assert str(error).startswith("fuzz.toml")


@FUZZ
@given(agreement_texts().flatmap(mutated))
def test_loader_takes_any_mutation_of_a_catalog(text: str) -> None:
    try:
        agreements = read_catalog(text.encode("utf-8", "surrogatepass"), name="fuzz.toml")
    except CatalogError as error:
        assert str(error).startswith("fuzz.toml")
        return
    for agreement in agreements:  # what loads answers without surprises
        day = agreement.in_force
        agreement.status(on=day)
        agreement.can_withdraw(agreement.parties[0], on=day)


@FUZZ
@given(
    st.text(max_size=40) | st.from_regex(r"P(\d+[YMWD]){0,4}(T(\d+[HMS]){0,3})?", fullmatch=True)
)
def test_duration_parser_takes_any_text(text: str) -> None:
    try:
        duration = Duration.parse(text)
    except ValueError:
        return
    assert Duration.parse(str(duration)) == duration or duration.is_zero


@FUZZ
@given(st.text(max_size=40) | st.datetimes(timezones=st.timezones()).map(datetime.isoformat))
def test_day_parser_takes_any_text(text: str) -> None:
    try:
        day = GSOMIA.day(text)
    except QueryError as error:
        assert str(error).startswith("gsomia: on: ")
        return
    # (`day` is a date by its type: what can go wrong is which day, so read it back)
    assert GSOMIA.day(day.isoformat()) == day


@FUZZ
@given(st.text(), st.text(), st.text())
def test_no_catalog_text_breaks_the_calendar_or_the_terminal(
    name: str, text: str, source: str
) -> None:
    hostile = replace(GSOMIA, name=f"{name} (X{name[:5]})", text=text, source=source, events=())
    data = export(
        [hostile], date(2027, 1, 1), date(2027, 12, 31), stamp=datetime(2026, 1, 1, tzinfo=UTC)
    )
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    names = [
        line.split(b":")[0].split(b";")[0] for line in lines if line and not line.startswith(b" ")
    ]
    allowed = {b"BEGIN", b"END", b"VERSION", b"PRODID", b"CALSCALE", b"METHOD", b"NAME", b"X-WR-CALNAME",
               b"REFRESH-INTERVAL", b"X-PUBLISHED-TTL", b"UID", b"DTSTAMP", b"SEQUENCE", b"DTSTART",
               b"DTEND", b"SUMMARY", b"DESCRIPTION", b"TRANSP", b"URL", b"X-GSOMIA-CLOCK-AGREEMENT",
               b"X-GSOMIA-CLOCK-FINGERPRINT", b""}  # fmt: skip
    assert set(names) <= allowed
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert len(events) == 2
    for output in (
        status_text(hostile.status(on="2026-11-22"), hostile, today=TODAY, explain=True),
        withdrawal_text(
            hostile.can_withdraw("JP", on="2026-11-22"), hostile, today=TODAY, explain=True
        ),
    ):
        assert all(printable(line) == line for line in output.split("\n"))
