"""Calendar edges: 29 February and month ends, clocks that skip midnight, far centuries,
long histories and many parties (documented in docs/edges.md)."""

from __future__ import annotations

from datetime import date, timedelta

from .helpers import FIRST_DAY, agreement


def yearly(in_force: str, *, zone: str = "UTC", notice: str = "P90D", extra: str = "") -> str:
    return f"""
[[agreement]]
id = "edge"
name = "Edge"
parties = ["AA", "BB"]
in_force = {in_force}
timezone = "{zone}"
term = "P1Y"
renewal = "P1Y"
{extra}
[[agreement.exit]]
effect = "end-of-term"
notice = "{notice}"
"""


def test_terms_from_29_february_return_to_29_february_in_leap_years() -> None:
    a = agreement(yearly("2016-02-29"))
    ends = [d.date for d in a.deadlines("2016-03-01", "2024-12-31") if d.kind == "renewal"]
    assert ends == [date(2017, 2, 28), date(2018, 2, 28), date(2019, 2, 28), date(2020, 2, 29),
                    date(2021, 2, 28), date(2022, 2, 28), date(2023, 2, 28), date(2024, 2, 29)]  # fmt: skip


def test_month_end_anchor_with_a_month_of_notice_never_drifts() -> None:
    a = agreement(
        yearly("2019-08-31", notice="P1M").replace(
            'term = "P1Y"\nrenewal = "P1Y"', 'term = "P6M"\nrenewal = "P6M"'
        )
    )
    assert [a.status(on=d).term_end for d in ("2019-09-01", "2020-03-01", "2020-09-01")] == [
        date(2020, 2, 29), date(2020, 8, 31), date(2021, 2, 28),
    ]  # fmt: skip
    # 2021-02-28 − 1 month = 2021-01-28: notice must be in by 27 January.
    assert a.can_withdraw("AA", on="2020-09-01").last_notice_day == date(2021, 1, 27)


def test_a_window_closing_on_a_night_the_clocks_skip_midnight_closes_at_one() -> None:
    # Chile moved its clocks from 00:00 to 01:00 on 2022-09-11: that day begins at 01:00.
    a = agreement(
        yearly("2016-12-10", zone="America/Santiago")
    )  # 2022-12-10 − 90 days = 2022-09-11
    answer = a.can_withdraw("AA", on="2022-06-01")
    assert answer.last_notice_day == date(2022, 9, 10)
    assert answer.closes_at is not None
    assert answer.closes_at.isoformat() == "2022-09-11T01:00:00-03:00"
    assert any("before 01:00 UTC-03 on 11 September 2022" in line for line in answer.explanation)


def test_a_window_closing_on_a_night_the_clocks_go_back() -> None:
    # Brussels: 2022-10-30 has 25 hours; its first instant is still 00:00 CEST.
    a = agreement(yearly("2016-01-28", zone="Europe/Brussels"))  # 2023-01-28 − 90 days = 2022-10-30
    answer = a.can_withdraw("AA", on="2022-06-01")
    assert answer.closes_at is not None
    assert answer.closes_at.isoformat() == "2022-10-30T00:00:00+02:00"


def test_instants_either_side_of_a_zones_midnight_are_read_as_that_zones_days() -> None:
    a = agreement(yearly("2016-11-23", zone="Asia/Seoul"))
    # 23:59:59 KST on 24 August and 00:00:00 KST on 25 August, both given in UTC.
    assert a.can_withdraw("AA", on="2027-08-24T14:59:59Z").effective == date(2027, 11, 23)
    assert a.can_withdraw("AA", on="2027-08-24T15:00:00Z").effective == date(2028, 11, 23)
    assert a.can_withdraw("AA", on="2027-08-25T00:30:00+09:30").on == date(2027, 8, 25)


def test_dates_before_1900_and_after_2100() -> None:
    old = agreement(yearly("1865-05-17"))  # the year of the International Telegraph Convention
    status = old.status(on="1899-12-31")
    assert (status.term_start, status.term_end) == (date(1899, 5, 17), date(1900, 5, 17))
    assert old.can_withdraw("AA", on="1899-12-31").last_notice_day == date(1900, 2, 15)
    assert old.status(on="2150-06-01").term_end == date(2151, 5, 17)
    far = agreement(yearly("2199-02-28"))
    assert far.status(on="2400-03-01").term_start == date(2400, 2, 28)


def test_an_agreement_with_hundreds_of_events() -> None:
    events, day = [], date(2001, 1, 10)
    for _ in range(150):  # notice and revoke, year after year
        events += [f"[[agreement.event]]\ndate = {day}\nkind = \"notice\"\nparty = \"AA\"\n",
                   f"[[agreement.event]]\ndate = {day + timedelta(days=20)}\nkind = \"revoke\"\nparty = \"AA\"\n"]  # fmt: skip
        day += timedelta(days=365)
    a = agreement(yearly("2000-01-01") + "\n" + "\n".join(events))
    assert len(a.events) == 300
    assert a.status(on=date(2001, 1, 15)).state == "notice-pending"
    assert a.status(on=date(2120, 6, 1)).state == "in-force"
    assert len(a.timeline().snapshots) == 301


def test_many_parties_each_with_their_own_standing() -> None:
    parties = [f"P{i:03d}" for i in range(200)]
    text = (
        f"""
[[agreement]]
id = "many"
name = "A convention of two hundred"
parties = {parties!r}
in_force = 2000-01-01
[[agreement.exit]]
effect = "after-notice"
notice = "P1Y"
""".replace("'", '"')
        + "".join(
            f'[[agreement.event]]\ndate = 2010-01-{1 + i % 28:02d}\nkind = "notice"\nparty = "P{i:03d}"\n'
            for i in sorted(range(0, 200, 2), key=lambda i: i % 28)
        )
    )
    a = agreement(text)
    assert a.multilateral
    assert a.status(on="2011-06-01", party="P000").state == "ended"
    assert a.status(on="2011-06-01", party="P001").state == "in-force"
    assert a.status(on="2011-06-01").state == "in-force"
    assert len([d for d in a.deadlines("2010-01-01", "2011-12-31") if d.kind == "effect"]) == 100


def test_an_exit_on_the_first_day_of_the_calendar_east_of_utc_is_answered() -> None:
    first_day = agreement(FIRST_DAY)
    # its midnight is before year 1 in UTC: it stays midnight in the zone, in local mean time
    ended = first_day.status(on="2026-11-24")
    assert (ended.state, ended.effective) == ("ended", date(1, 1, 1))
    assert ended.effective_at is not None and ended.effective_at.isoformat() == (
        "0001-01-01T00:00:00+05:53:28"
    )
