"""Business days: notice counted in them, deadlines rolled to them, grace days, by place."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gsomia_clock import Agreement, BusinessDays, CatalogError, Duration, Exit
from gsomia_clock.business import business_days
from gsomia_clock.catalog import read_catalog
from gsomia_clock.periods import Boundaries

from .helpers import agreement
from .strategies import calendar_codes

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = {a.id: a for a in read_catalog(ROOT / "docs" / "business-days.toml")}
DAY = timedelta(days=1)
US = business_days("US")
TEN_BUSINESS_DAYS_BEFORE_RENEWAL = """
[[agreement]]
id = "pact"
name = "Pact"
parties = ["AA", "BB"]
in_force = 2026-01-01
term = "P1Y"
renewal = "P1Y"
calendar = "US"
[[agreement.exit]]
effect = "end-of-term"
notice_business_days = 10
"""


def test_ten_business_days_from_the_friday_before_thanksgiving_end_on_7_december() -> None:
    answer = EXAMPLES["support-contract"].can_withdraw("CUSTOMER", on="2026-11-20")
    assert answer.effective == date(2026, 12, 7)
    assert "2026-11-26 Thanksgiving Day" in " ".join(answer.explanation)


def test_the_day_received_is_not_counted_even_when_it_is_a_business_day() -> None:
    # Monday 7 December 2026: ten business days on is Monday the 21st, not Friday the 18th.
    answer = EXAMPLES["support-contract"].can_withdraw("CUSTOMER", on="2026-12-07")
    assert answer.effective == date(2026, 12, 21)


@pytest.mark.parametrize(
    ("lease", "last_day"),
    [("berlin-flat", date(2027, 1, 6)), ("munich-flat", date(2027, 1, 7))],
)
def test_a_german_lease_may_be_ended_by_the_third_working_day_of_the_month(
    lease: str, last_day: date
) -> None:
    """BGB § 573c(1): by the third working day of January, to the end of March. 6 January is
    a holiday in Bavaria, not in Berlin."""
    flat = EXAMPLES[lease]
    on_time = flat.can_withdraw("TENANT", on=last_day.isoformat())
    assert (on_time.effective, on_time.last_notice_day) == (date(2027, 4, 1), last_day)
    late = flat.can_withdraw("TENANT", on=(last_day + DAY).isoformat())
    assert late.effective == date(2027, 5, 1)  # a month later: the end of April


def test_a_saturday_is_no_working_day_for_the_grace_days() -> None:
    # May 2027: 1 May is a holiday (a Saturday), 2 May a Sunday: the 3rd, 4th and 5th count.
    flat = EXAMPLES["berlin-flat"]
    assert flat.can_withdraw("TENANT", on="2027-05-05").effective == date(2027, 8, 1)
    assert flat.can_withdraw("TENANT", on="2027-05-06").effective == date(2027, 9, 1)


@pytest.mark.parametrize(
    ("lease", "last_day"),
    [("office-printers", date(2026, 12, 24)), ("office-coffee", date(2026, 12, 28))],
)
def test_a_last_notice_day_on_christmas_day_rolls_back_or_forward(
    lease: str, last_day: date
) -> None:
    found = [
        d
        for d in EXAMPLES[lease].deadlines("2026-12-01", "2027-01-31")
        if d.kind == "last-notice-day"
    ]
    assert [d.date for d in found] == [last_day]
    assert EXAMPLES[lease].can_withdraw("CUSTOMER", on=last_day.isoformat()).effective == date(
        2027, 1, 26
    )
    after = EXAMPLES[lease].can_withdraw("CUSTOMER", on=(last_day + DAY).isoformat())
    assert after.effective == date(2028, 1, 26)


def test_a_last_notice_day_that_is_a_business_day_does_not_roll() -> None:
    printers = EXAMPLES["office-printers"].exits[0]
    assert printers.last_notice_day_for(date(2027, 3, 26)) == date(2027, 2, 25)  # a Thursday


def test_a_roll_steps_over_a_holiday_observed_on_the_friday_too() -> None:
    # 25 December 2027 is a Saturday; the federal holiday is observed on Friday the 24th.
    printers = EXAMPLES["office-printers"].exits[0]
    assert printers.last_notice_day_for(date(2028, 1, 26)) == date(2027, 12, 23)
    assert "2027-12-24 Christmas Day (observed)" in " ".join(printers.door_steps(date(2028, 1, 26)))


def test_business_day_notice_before_a_term_end_leaves_n_business_days_between() -> None:
    pact = agreement(TEN_BUSINESS_DAYS_BEFORE_RENEWAL)
    (last,) = [d for d in pact.deadlines("2026-12-01", "2026-12-31") if d.kind == "last-notice-day"]
    # 17–18, 21–24 and 28–31 December: ten business days; Christmas Day is none.
    assert last.date == date(2026, 12, 16)
    assert pact.can_withdraw("AA", on="2026-12-17").effective == date(2028, 1, 1)


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ('calendar = "XX"', "calendar (agreement 'pact'): 'XX' is no country"),
        ('calendar = "DE-ZZ"', "calendar (agreement 'pact'): 'DE-ZZ': DE has no subdivision 'ZZ'"),
        ("calendar = 49", "calendar (agreement 'pact'): 49 must be a non-empty string"),
        ('calendar = "DE-"', "calendar (agreement 'pact'): 'DE-': a trailing '-' names no subdivision (known: BB, BE,"),
    ],
)  # fmt: skip
def test_an_unknown_calendar_is_a_catalog_error(keys: str, message: str) -> None:
    with pytest.raises(CatalogError, match=re.escape(message)):
        read_catalog(_pact(keys, 'notice = "P1M"').encode(), name="pact.toml")


def test_a_trailing_dash_is_not_taken_for_the_whole_country() -> None:
    with pytest.raises(ValueError, match="a trailing '-' names no subdivision"):
        business_days("DE-")
    assert business_days("DE").is_business_day(date(2026, 1, 6))  # Epiphany: Bavaria's only


def test_an_unknown_subdivision_names_twelve_known_ones_and_counts_the_rest() -> None:
    known = holidays.list_supported_countries()["US"]
    assert len(known) > 12
    with pytest.raises(ValueError) as raised:
        business_days("US-ZZ")
    assert str(raised.value) == (
        f"'US-ZZ': US has no subdivision 'ZZ' (known: {', '.join(known[:12])} "
        f"and {len(known) - 12} more)"
    )


@pytest.mark.parametrize(
    ("calendar", "exit_keys", "message"),
    [
        (
            "",
            "notice_business_days = 10",
            "notice_business_days (agreement 'pact'): counts business days: the agreement needs a calendar",
        ),
        ('calendar = "US"', "notice_business_days = 0", "must be a whole number of at least 1"),
        ('calendar = "US"', "notice_business_days = true", "must be a whole number of at least 1"),
    ],
)
def test_a_business_day_clause_that_cannot_be_is_a_catalog_error(
    calendar: str, exit_keys: str, message: str
) -> None:
    with pytest.raises(CatalogError, match=re.escape(message)):
        read_catalog(_pact(calendar, exit_keys, effect="end-of-term").encode(), name="pact.toml")


@pytest.mark.parametrize(
    ("exit_keys", "clause"),
    [
        ("notice_business_days = 0", {"notice_business_days": 0}),
        ("notice_business_days = 260001", {"notice_business_days": 260_001}),
        ('notice = "P1000Y"\ngrace = 260001', {"notice": Duration(years=1000), "grace": 260_001}),
        ('notice = "P1M"\ngrace = 40', {"notice": Duration(months=1), "grace": 40}),
        ("notice_business_days = 5\ngrace = 2", {"notice_business_days": 5, "grace": 2}),
    ],
)
def test_a_count_refused_in_python_is_refused_in_a_file_for_the_same_reason(
    exit_keys: str, clause: dict[str, Any]
) -> None:
    with pytest.raises(TypeError) as in_python:
        Exit("end-of-term", **clause)
    with pytest.raises(CatalogError) as in_file:
        read_catalog(_pact('calendar = "US"', exit_keys, effect="end-of-term").encode())
    key, _, reason = str(in_python.value).removeprefix("Exit.").partition(": ")
    assert str(in_file.value).endswith(f"exit[1].{key} (agreement 'pact'): {reason}")


def test_a_thousand_years_of_five_day_weeks_is_the_most_a_clause_counts() -> None:
    assert Exit("after-notice", notice_business_days=260_000).notice_business_days == 260_000
    with pytest.raises(
        TypeError,
        match=re.escape(
            "Exit.notice_business_days: 260001 is more than 260000 business days "
            "(a thousand years of five-day weeks)"
        ),
    ):
        Exit("after-notice", notice_business_days=260_001)


def test_grace_days_may_fill_the_whole_notice_but_no_more() -> None:
    # One month before 1 April spans 31 days: 31 grace days could fit were every day a business day.
    assert Exit("end-of-term", Duration(months=1), grace=31).grace == 31
    with pytest.raises(TypeError, match=re.escape("P1M, spans (at most 31 days)")):
        Exit("end-of-term", Duration(months=1), grace=32)


GRACE_OVER_FEBRUARY = """
[[agreement]]
id = "monthly"
name = "Monthly"
parties = ["AA", "BB"]
in_force = 2026-04-01
term = "P1M"
renewal = "P1M"
calendar = "US"
[[agreement.exit]]
effect = "end-of-term"
notice = "P1M"
grace = 20
"""


def test_grace_days_that_do_not_fit_in_february_stop_the_day_before_the_end() -> None:
    # Twenty business days from Monday 1 March 2027 run to Friday the 26th; February 2027 has
    # nineteen (Presidents' Day), so its twentieth would be 1 March, the end itself.
    monthly = agreement(GRACE_OVER_FEBRUARY)
    clause = monthly.exits[0]
    assert clause.last_notice_day_for(date(2027, 4, 1)) == date(2027, 3, 26)
    assert clause.last_notice_day_for(date(2027, 3, 1)) == date(2027, 2, 28)
    assert clause.replace(roll="preceding").last_notice_day_for(date(2027, 3, 1)) == date(
        2027, 2, 26
    )
    on_the_28th = monthly.can_withdraw("AA", on="2027-02-28")
    assert (on_the_28th.effective, on_the_28th.last_notice_day) == (
        date(2027, 3, 1),
        date(2027, 2, 28),
    )
    assert monthly.can_withdraw("AA", on="2027-03-01").effective == date(2027, 4, 1)
    assert clause.door_steps(date(2027, 3, 1))[:2] == (
        "2027-03-01 − 1 month = 2027-02-01; business day 20 in US counted from it: "
        "Monday 1 March 2027",
        "which is not before the end, 2027-03-01: the last day is the day before it, "
        "Sunday 28 February 2027",
    )


def test_an_exit_counting_business_days_built_in_code_takes_the_agreement_calendar() -> None:
    lease = Agreement(
        id="lease", name="Lease", parties=("AA", "BB"), in_force=date(2026, 1, 1),
        calendar="US", exits=(Exit("after-notice", notice_business_days=10),),
    )  # fmt: skip
    assert lease.exits[0].calendar == business_days("US")
    assert lease.can_withdraw("AA", on="2026-11-20").effective == date(2026, 12, 7)
    with pytest.raises(CatalogError, match="needs a calendar"):
        Agreement(
            id="lease", name="Lease", parties=("AA", "BB"), in_force=date(2026, 1, 1),
            exits=(Exit("after-notice", notice_business_days=10),),
        )  # fmt: skip
    with pytest.raises(
        TypeError, match=re.escape("Exit.roll: 'preceding' is not used by an after-notice exit")
    ):
        Exit("after-notice", Duration(days=10), roll="preceding")


def test_a_clause_shared_by_a_register_remembers_its_last_days_but_only_so_many(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every lease in Berlin ends its months together: the last notice day of each month end is
    counted once for all of them, and a clause asked about more ends than it keeps starts
    again, with the same answers (BGB § 573c: by the third working day, to the month after next)."""
    from gsomia_clock import exits

    monkeypatch.setattr(exits, "_LASTS", 3)
    clause = Exit(
        "end-of-period", Duration(months=3), grace=3,
        period=Boundaries(Duration(months=1), (date(2000, 1, 1),)), calendar=business_days("DE-BE"),
    )  # fmt: skip
    ends = [date(2027, m, 1) for m in range(1, 8)]
    first = [clause.last_notice_day_for(end) for end in ends]
    assert first[3] == date(2027, 1, 6)  # 1 January a holiday, the 2nd a Saturday, the 3rd a Sunday
    assert 1 <= len(clause._lasts) <= 3
    assert [clause.last_notice_day_for(end) for end in reversed(ends)] == first[::-1]
    assert first == [clause._counted_last_day(end) for end in ends]


# -- laws ---------------------------------------------------------------------------------------

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
counts = st.integers(min_value=1, max_value=30)


def plain_business_days(code: str, first: date, last: date) -> list[date]:
    """The reference: the business days from `first` to `last`, asked of the `holidays`
    package one day at a time, of a calendar of its own with every year of the span filled in."""
    country, _, subdivision = code.partition("-")
    calendar = holidays.country_holidays(
        country, subdiv=subdivision or None, years=range(first.year, last.year + 1)
    )
    span = (first + DAY * i for i in range((last - first).days + 1))
    return [day for day in span if calendar.is_working_day(day)]


@given(calendar_codes, days, st.integers(min_value=1, max_value=400), st.integers(0, 40))
def test_counting_business_days_in_tables_is_counting_them_day_by_day(
    code: str, day: date, n: int, width: int
) -> None:
    calendar = business_days(code)
    span = DAY * (2 * n + 40)  # n business days fit in it whatever the calendar
    plain = plain_business_days(code, day - span, day + span)
    from_day, after_day = bisect_left(plain, day), bisect_right(plain, day)
    assert calendar.is_business_day(day) == (from_day != after_day)
    assert calendar.nth_after(day, n) == plain[after_day + n - 1]
    assert calendar.nth_from(day, n) == plain[from_day + n - 1]
    assert calendar.latest_before(day, n) == plain[from_day - n] - DAY
    assert calendar.preceding(day) == plain[after_day - 1]
    assert calendar.following(day) == plain[from_day]
    first, business = day - DAY * width, set(plain)
    off = [d for d in (first + DAY * i for i in range(2 * width + 1)) if d not in business]
    named = calendar.stepped_over(first, day + DAY * width)
    assert [line.split(" ")[0] for line in named] == [d.isoformat() for d in off]
    assert all(
        calendar.why_not(d) == line.split(" ", 1)[1] for d, line in zip(off, named, strict=True)
    )


def test_a_hundred_thousand_business_days_ask_holidays_about_a_day_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Counting walked day by day, asking the package each time: over a minute a term end."""
    asked = Counter[date]()
    working = holidays.HolidayBase.is_working_day

    def counted(calendar: holidays.HolidayBase, day: date) -> bool:
        asked[day] += 1
        return working(calendar, day)

    monkeypatch.setattr(holidays.HolidayBase, "is_working_day", counted)
    calendar, end = BusinessDays("US"), date(2027, 1, 1)  # a calendar of its own: no table yet
    last = calendar.latest_before(end, 100_000)
    assert calendar.nth_after(last, 100_000) == end - DAY
    first_time = sum(asked.values())
    assert set(asked.values()) == {1}
    assert first_time <= (date(end.year, 12, 31) - date(last.year, 1, 1)).days + 1
    assert calendar.latest_before(end, 100_000) == last
    assert calendar.nth_from(last + DAY, 100_000) == end - DAY
    assert sum(asked.values()) == first_time  # asked nothing again
    monkeypatch.undo()
    plain = plain_business_days("US", last + DAY, end - DAY)
    assert (len(plain), plain[0], plain[-1]) == (100_000, last + DAY, end - DAY)


def test_a_saudi_thursday_before_2013_is_stepped_over_and_a_saturday_is_not() -> None:
    # Saudi Arabia's weekend was Thursday and Friday until 29 June 2013, Friday and Saturday since.
    saudi = business_days("SA")
    assert saudi.stepped_over(date(2010, 3, 4), date(2010, 3, 6)) == (
        "2010-03-04 a Thursday",
        "2010-03-05 a Friday",
    )
    assert saudi.why_not(date(2010, 3, 6)) is None
    assert saudi.why_not(date(2020, 3, 7)) == "a Saturday"


@given(days, counts)
def test_the_nth_business_day_after_a_day_has_n_business_days_up_to_it(day: date, n: int) -> None:
    found = US.nth_after(day, n)
    assert US.is_business_day(found)
    assert sum(US.is_business_day(day + DAY * i) for i in range(1, (found - day).days + 1)) == n


@given(days, counts)
def test_the_latest_day_with_n_business_days_before_an_end_is_the_latest(end: date, n: int) -> None:
    last = US.latest_before(end, n)

    def between(first: date) -> int:
        return sum(US.is_business_day(first + DAY * i) for i in range(1, (end - first).days))

    assert between(last) >= n
    assert between(last + DAY) < n


@given(days)
def test_rolling_lands_on_the_nearest_business_day_either_way(day: date) -> None:
    before, after = US.preceding(day), US.following(day)
    assert US.is_business_day(before) and US.is_business_day(after)
    assert before <= day <= after
    assert all(not US.is_business_day(before + DAY * i) for i in range(1, (day - before).days + 1))
    assert all(not US.is_business_day(day + DAY * i) for i in range((after - day).days))


def _pact(agreement_keys: str, exit_keys: str, effect: str = "after-notice") -> str:
    term = 'term = "P1Y"\nrenewal = "P1Y"\n' if effect == "end-of-term" else ""
    return (
        '[[agreement]]\nid = "pact"\nname = "Pact"\nparties = ["AA", "BB"]\n'
        f"in_force = 2026-01-01\n{term}{agreement_keys}\n"
        f'[[agreement.exit]]\neffect = "{effect}"\n{exit_keys}\n'
    )


def test_why_a_day_is_no_business_day_and_only_those_days_are_named() -> None:
    assert business_days("US").code == "US" and repr(US) == "BusinessDays(code='US')"
    assert US.why_not(date(2026, 11, 25)) is None  # a Wednesday
    assert US.why_not(date(2026, 11, 26)) == "Thanksgiving Day"
    assert US.why_not(date(2026, 11, 28)) == "a Saturday"
    assert US.stepped_over(date(2026, 12, 23), date(2026, 12, 25)) == ("2026-12-25 Christmas Day",)


def test_grace_days_count_the_first_day_when_it_is_a_business_day() -> None:
    # 1 May 2027 less three months is Monday 1 February: the 1st, 2nd and 3rd are the three days.
    flat = EXAMPLES["berlin-flat"].exits[0]
    assert flat.last_notice_day_for(date(2027, 5, 1)) == date(2027, 2, 3)
    assert US.nth_from(date(2026, 11, 25), 1) == date(2026, 11, 25)
    assert US.nth_from(date(2026, 11, 26), 1) == date(2026, 11, 27)


# -- explanations, line by line --------------------------------------------------------------


def test_a_grace_clause_explains_which_business_day_it_counted_and_over_what() -> None:
    answer = EXAMPLES["berlin-flat"].can_withdraw("TENANT", on="2027-01-06")
    assert answer.explanation[-3:] == (
        "2027-04-01 − 3 months = 2027-01-01; business day 3 in DE-BE counted from it: "
        "Wednesday 6 January 2027",
        "not business days: 2027-01-01 New Year's Day; 2027-01-02 a Saturday; 2027-01-03 a Sunday",
        "notice must be received before 00:00 CET on 7 January 2027",
    )


@pytest.mark.parametrize(
    ("lease", "lines"),
    [
        ("office-printers", (
            "2027-01-26 − 1 month − 1 day = 2026-12-25",
            "no business day in US: rolled to the preceding one, Thursday 24 December 2026",
            "not business days: 2026-12-25 Christmas Day",
            "notice must be received before 00:00 EST on 25 December 2026",
        )),
        ("office-coffee", (
            "2027-01-26 − 1 month − 1 day = 2026-12-25",
            "no business day in US: rolled to the following one, Monday 28 December 2026",
            "not business days: 2026-12-25 Christmas Day; 2026-12-26 a Saturday; 2026-12-27 a Sunday",
            "notice must be received before 00:00 EST on 29 December 2026",
        )),
    ],
)  # fmt: skip
def test_a_rolled_deadline_explains_the_roll(lease: str, lines: tuple[str, ...]) -> None:
    assert EXAMPLES[lease].can_withdraw("CUSTOMER", on="2026-12-01").explanation[-4:] == lines


def test_a_deadline_that_needs_no_roll_says_none() -> None:
    steps = EXAMPLES["office-printers"].exits[0].door_steps(date(2027, 3, 26))
    assert steps == ("2027-03-26 − 1 month − 1 day = 2027-02-25",)


def test_a_roll_forward_never_reaches_the_end_itself() -> None:
    # A day's notice before Monday 28 December 2026: the last day, Saturday the 26th, would roll
    # to the Monday, the end itself; it stops at Sunday the 27th, the day before.
    clause = Exit("end-of-term", Duration(days=1), roll="following", calendar=US)
    assert clause.last_notice_day_for(date(2026, 12, 28)) == date(2026, 12, 27)
    assert clause.last_notice_day_for(date(2026, 12, 27)) == date(2026, 12, 26)


def test_a_roll_forward_stopped_by_the_end_says_the_last_day_stays() -> None:
    # No notice period before Saturday 26 December 2026: the last day is Christmas Day, and the
    # next business day, Monday the 28th, is past the end.
    clause = Exit("end-of-term", Duration(), roll="following", calendar=US)
    assert clause.door_steps(date(2026, 12, 26)) == (
        "2026-12-26 − 0 days − 1 day = 2026-12-25",
        "no business day in US, but the following one is not before the end, 2026-12-26: the "
        "last day stays Friday 25 December 2026",
        "not business days: 2026-12-25 Christmas Day",
    )


def test_business_day_notice_explains_the_days_between() -> None:
    pact = agreement(TEN_BUSINESS_DAYS_BEFORE_RENEWAL)
    assert pact.exits[0].door_steps(date(2027, 1, 1)) == (
        "10 business days in US strictly between the last notice day and 2027-01-01: the last "
        "day is Wednesday 16 December 2026",
        "not business days: 2026-12-19 a Saturday; 2026-12-20 a Sunday; 2026-12-25 Christmas Day; "
        "2026-12-26 a Saturday; 2026-12-27 a Sunday",
    )


def test_one_business_day_is_said_in_the_singular() -> None:
    assert Exit("after-notice", notice_business_days=1, calendar=US).notice_words() == (
        "1 business day in US"
    )
    assert Exit("after-notice", notice_business_days=2, calendar=US).notice_words() == (
        "2 business days in US"
    )


def test_a_clause_counting_business_days_without_a_calendar_cannot_count() -> None:
    with pytest.raises(
        TypeError, match=r"^Exit: a clause counting business days needs a calendar$"
    ):
        Exit("after-notice", notice_business_days=2).notice_words()


def test_the_days_stepped_over_start_the_day_after_the_last_notice_day() -> None:
    # One business day before Wednesday 2 December 2026: Tuesday the 1st lies between, so the
    # last day is Monday 30 November, and the Sunday before it is not part of the count.
    clause = Exit("end-of-term", notice_business_days=1, calendar=US)
    assert clause.door_steps(date(2026, 12, 2)) == (
        "1 business day in US strictly between the last notice day and 2026-12-02: the last day "
        "is Monday 30 November 2026",
    )


def test_a_register_s_agreements_with_one_clause_and_calendar_share_the_clause_they_count_in(
    tmp_path: Path,
) -> None:
    from gsomia_clock import load_catalog

    text = "\n".join(
        f"""
[[agreement]]
id = "s{n}"
name = "Subscription {n}"
parties = ["US", "Vendor"]
in_force = 2025-0{n}-01
term = "P1M"
renewal = "P1M"
calendar = "DE-BE"
[[agreement.exit]]
effect = "end-of-term"
notice_business_days = 10
"""
        for n in range(1, 4)
    )
    (tmp_path / "register.toml").write_text(text)
    register = load_catalog(tmp_path / "register.toml", bundled=False)
    clauses = [a.exits[0] for a in register.values()]
    assert clauses[0].calendar == business_days("DE-BE")
    assert clauses[0] is clauses[1] is clauses[2]  # one clause, and one memory of its days
