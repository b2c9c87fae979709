"""The GSOMIA story, at the dates the press published."""

from __future__ import annotations

from datetime import date

from gsomia_clock import Agreement


def test_renews_every_23_november_from_2016(gsomia: Agreement) -> None:
    found = [d.date for d in gsomia.deadlines("2020-01-01", "2026-12-31") if d.kind == "renewal"]
    assert found == [date(year, 11, 23) for year in range(2020, 2027)]


def test_24_august_is_the_last_day_for_notice_not_25(gsomia: Agreement) -> None:
    on_24 = gsomia.can_withdraw("JP", on="2019-08-24")
    on_25 = gsomia.can_withdraw("JP", on="2019-08-25")
    assert on_24.last_notice_day == date(2019, 8, 24)
    assert on_24.effective == date(2019, 11, 23)
    assert on_25.effective == date(2020, 11, 23)
    assert on_25.last_notice_day == date(2020, 8, 24)


def test_the_window_closes_at_midnight_seoul_time(gsomia: Agreement) -> None:
    answer = gsomia.can_withdraw("JP", on="2019-08-24")
    assert answer.closes_at is not None
    assert answer.closes_at.isoformat() == "2019-08-25T00:00:00+09:00"
    assert any("before 00:00 KST on 25 August 2019" in line for line in answer.explanation)
    assert any("Saturday 24 August 2019" in line for line in answer.explanation)


def test_an_instant_is_read_as_its_day_in_seoul(gsomia: Agreement) -> None:
    # 23:30 on 24 August in Washington is already 25 August in Seoul: too late for 2019.
    late = gsomia.can_withdraw("JP", on="2019-08-24T10:30:00-04:00")
    assert late.on == date(2019, 8, 24)
    too_late = gsomia.can_withdraw("JP", on="2019-08-24T11:30:00-04:00")
    assert too_late.on == date(2019, 8, 25)
    assert too_late.effective == date(2020, 11, 23)


def test_seoul_notice_of_23_august_2019_was_pending_until_23_november(gsomia: Agreement) -> None:
    before = gsomia.status(on="2019-08-22")
    pending = gsomia.status(on="2019-08-23")
    assert before.state == "in-force"
    assert pending.state == "notice-pending"
    assert pending.effective == date(2019, 11, 23)
    assert pending.effective_at is not None
    assert pending.effective_at.isoformat() == "2019-11-23T00:00:00+09:00"
    assert pending.next_renewal is None  # the notice ends the agreement first
    assert gsomia.status(on="2019-11-21").state == "notice-pending"


def test_both_parties_are_notice_pending_in_a_bilateral_agreement(gsomia: Agreement) -> None:
    assert gsomia.status(on="2019-09-01", party="JP").state == "notice-pending"
    assert gsomia.status(on="2019-09-01", party="KR").state == "notice-pending"


def test_suspended_on_22_november_2019_and_kept_renewing(gsomia: Agreement) -> None:
    status = gsomia.status(on="2019-11-22")
    assert status.state == "notice-suspended"
    assert status.next_renewal == date(2019, 11, 23)
    later = gsomia.status(on="2020-08-04")
    assert later.state == "notice-suspended"
    assert (later.term_start, later.term_end) == (date(2019, 11, 23), date(2020, 11, 23))


def test_korea_cannot_give_a_second_notice_while_its_first_is_pending(gsomia: Agreement) -> None:
    answer = gsomia.can_withdraw("KR", on="2019-09-01")
    assert not answer.can_withdraw
    assert answer.via is None and answer.effective is None
    assert "already gave notice" in answer.reason


def test_2020_readings_seoul_any_time_against_tokyo_24_august(gsomia: Agreement) -> None:
    answer = gsomia.can_withdraw("KR", on="2020-08-04")
    assert answer.can_withdraw and answer.via == "resume"
    readings = {r.policy: r for r in answer.readings}
    assert readings["immediate"].effective == date(2020, 8, 4)
    assert readings["remaining"].effective == date(2020, 8, 5)
    assert readings["restart"].effective == date(2020, 11, 23)
    assert readings["restart"].last_notice_day == date(2020, 8, 24)
    assert answer.reading == "immediate"  # the catalog's: Seoul's condition
    restart = gsomia.can_withdraw("KR", on="2020-08-04", on_resume="restart")
    assert (restart.effective, restart.last_notice_day) == (date(2020, 11, 23), date(2020, 8, 24))


def test_japan_could_still_give_notice_by_24_august_2020(gsomia: Agreement) -> None:
    answer = gsomia.can_withdraw("JP", on="2020-08-04")
    assert answer.via == "notice"
    assert answer.last_notice_day == date(2020, 8, 24)
    assert answer.effective == date(2020, 11, 23)


def test_normalised_on_21_march_2023(gsomia: Agreement) -> None:
    assert gsomia.status(on="2023-03-20").state == "notice-suspended"
    normal = gsomia.status(on="2023-03-21")
    assert normal.state == "in-force"
    assert normal.next_renewal == date(2023, 11, 23)
    answer = gsomia.can_withdraw("KR", on="2023-03-21")
    assert answer.via == "notice" and answer.effective == date(2023, 11, 23)


def test_state_on_22_november_2026(gsomia: Agreement) -> None:
    status = gsomia.status(on="2026-11-22")
    assert status.state == "in-force"
    assert (status.term_start, status.term_end) == (date(2025, 11, 23), date(2026, 11, 23))
    assert status.next_renewal == date(2026, 11, 23)
    assert status.next_last_notice_day == date(2027, 8, 24)


def test_renewal_day_itself_starts_a_new_term(gsomia: Agreement) -> None:
    status = gsomia.status(on="2026-11-23")
    assert (status.term_start, status.term_end) == (date(2026, 11, 23), date(2027, 11, 23))


def test_explanation_shows_the_arithmetic_of_24_august_2027(gsomia: Agreement) -> None:
    answer = gsomia.can_withdraw("JP", on="2026-11-22")
    assert (
        "2027-11-23 − 90 days = 2027-08-25: notice must be received before 00:00 KST on "
        "25 August 2027, so the last day is Tuesday 24 August 2027"
    ) in answer.explanation
    assert any(
        line.startswith("clause: “This Agreement shall remain") for line in answer.explanation
    )


def test_not_in_force_before_23_november_2016(gsomia: Agreement) -> None:
    assert gsomia.status(on="2016-11-22").state == "not-in-force"
    assert not gsomia.can_withdraw("KR", on="2016-11-22").can_withdraw
    assert gsomia.status(on="2016-11-23").state == "in-force"
