"""What notices do on a day: those that decide the state, and what a fresh one would do."""

from __future__ import annotations

from datetime import date

from gsomia_clock import Agreement

from .helpers import JOINED, MANY, agreement, evergreen

# -- the notices considered -------------------------------------------------------------------


def test_a_multilateral_agreement_asked_about_as_a_whole_has_no_notice_pending() -> None:
    a = agreement(
        MANY
        + """
        [[agreement.event]]
        date = 2021-03-01
        kind = "notice"
        party = "BB"
        """
    )
    assert a.status(on="2021-06-01").state == "in-force"
    assert a.status(on="2021-06-01", party="AA").state == "in-force"
    pending = a.status(on="2021-06-01", party="BB")
    assert (pending.state, pending.effective) == ("notice-pending", date(2022, 3, 1))


def test_either_partys_notice_is_pending_for_both_in_a_bilateral_agreement(
    gsomia: Agreement,
) -> None:
    for party in (None, "KR", "JP"):
        assert gsomia.status(on="2019-09-01", party=party).state == "notice-pending"


# -- what a fresh notice would do -------------------------------------------------------------


def test_gsomia_in_force_says_when_a_notice_would_end_it(gsomia: Agreement) -> None:
    answer = gsomia.status(on="2024-01-01")
    assert answer.next_last_notice_day == date(2024, 8, 24)
    assert answer.reason.endswith(
        "a notice received by Saturday 24 August 2024 would take effect on Saturday 23 November 2024."
    )


def test_no_fresh_notice_is_offered_while_one_is_pending(gsomia: Agreement) -> None:
    assert gsomia.status(on="2019-09-01").next_last_notice_day is None
    assert gsomia.status(on="2019-09-01", party="JP").next_last_notice_day is None


def test_a_party_whose_notice_is_suspended_has_no_fresh_notice_to_give(gsomia: Agreement) -> None:
    assert gsomia.status(on="2020-01-01", party="KR").next_last_notice_day is None
    assert gsomia.status(on="2020-01-01", party="JP").next_last_notice_day == date(2020, 8, 24)
    assert gsomia.status(on="2020-01-01").next_last_notice_day == date(2020, 8, 24)


def test_a_party_not_yet_bound_has_no_fresh_notice_to_give() -> None:
    a = agreement(JOINED)
    assert a.status(on="2021-01-15", party="CC").next_last_notice_day is None
    assert a.can_withdraw("CC", on="2021-01-15").can_withdraw is False
    w = a.can_withdraw("CC", on="2021-02-01")
    assert (w.can_withdraw, w.effective) == (True, date(2022, 2, 1))


def test_the_earliest_fresh_notice_of_any_party_is_the_one_offered() -> None:
    a = agreement(
        MANY.replace('notice = "P1Y"', 'notice = "P1Y"\nnot_before = "P2Y"')
        + """
        [[agreement.event]]
        date = 2021-01-01
        kind = "join"
        party = "CC"
        effective = 2021-02-01
        """
    )
    # AA and BB may give notice from 1 January 2022, CC only from 1 February 2023.
    assert a.can_withdraw("AA", on="2022-06-01").effective == date(2023, 6, 1)
    assert a.can_withdraw("CC", on="2022-06-01").can_withdraw is False
    assert a.can_withdraw("CC", on="2023-02-01").effective == date(2024, 2, 1)
    offered = "a notice would take effect 1 year after the day it is received."
    assert a.status(on="2022-06-01").reason.endswith(offered)
    assert a.status(on="2022-06-01", party="BB").reason.endswith(offered)
    assert (
        a.status(on="2022-06-01", party="CC").reason == "For CC, MANY is in force with no end date."
    )
    assert a.status(on="2021-06-01").reason == "MANY is in force with no end date."


def test_with_two_clauses_the_later_deadline_for_the_same_end_is_offered() -> None:
    a = evergreen(
        """
        [[agreement.exit]]
        effect = "end-of-term"
        notice = "P30D"
        not_before = "P2Y9M"
        not_effective_before = "P1Y"
        """
    )
    answer = a.can_withdraw("AA", on="2019-08-01")
    assert (answer.effective, answer.last_notice_day) == (date(2019, 11, 23), date(2019, 10, 23))
    assert a.status(on="2019-08-01").next_last_notice_day == date(2019, 10, 23)


def test_with_two_clauses_a_notice_the_day_after_the_last_day_waits_a_term() -> None:
    a = evergreen(
        """
        [[agreement.exit]]
        effect = "after-notice"
        notice = "P2Y"
        """
    )
    answer = a.can_withdraw("AA", on="2019-08-25")
    assert (answer.effective, answer.last_notice_day) == (date(2020, 11, 23), date(2020, 8, 24))


def test_after_notice_only_an_answer_has_no_deadline() -> None:
    a = agreement(MANY)
    answer = a.can_withdraw("AA", on="2021-06-01")
    assert (answer.effective, answer.last_notice_day) == (date(2022, 6, 1), None)
    assert a.status(on="2021-06-01", party="AA").next_last_notice_day is None
    assert a.status(on="2021-06-01", party="AA").reason.endswith(
        "a notice would take effect 1 year after the day it is received."
    )


def test_of_parties_with_the_same_way_out_the_earliest_deadline_is_the_agreements() -> None:
    # AA, bound from 2020, may use the 30 days' notice from 2023; CC, bound from 2022, may not.
    a = agreement(
        """
        [[agreement]]
        id = "many"
        name = "A treaty of many (MANY)"
        parties = ["AA", "BB", "CC"]
        in_force = 2020-01-01
        term = "P1Y"
        renewal = "P1Y"
        [[agreement.exit]]
        effect = "end-of-term"
        notice = "P90D"
        [[agreement.exit]]
        effect = "end-of-term"
        notice = "P30D"
        not_before = "P3Y"
        [[agreement.event]]
        date = 2021-12-01
        kind = "join"
        party = "CC"
        effective = 2022-01-01
        """
    )
    assert a.status(on="2023-06-01", party="AA").next_last_notice_day == date(2023, 12, 1)
    assert a.status(on="2023-06-01", party="CC").next_last_notice_day == date(2023, 10, 2)
    whole = a.status(on="2023-06-01")
    assert whole.next_last_notice_day == date(2023, 10, 2)
    assert whole.reason == (
        "MANY is in force and renews on Monday 1 January 2024; a notice received by "
        "Monday 2 October 2023 would take effect on Monday 1 January 2024."
    )


def test_a_party_joining_later_has_no_fresh_notice_before_it_is_bound() -> None:
    # AA and BB have given notice; CC, the only party free to give one, is bound from 2023.
    a = agreement(
        MANY
        + """
        [[agreement.event]]
        date = 2022-03-01
        kind = "notice"
        party = "AA"
        [[agreement.event]]
        date = 2022-03-01
        kind = "notice"
        party = "BB"
        [[agreement.event]]
        date = 2022-06-01
        kind = "join"
        party = "CC"
        effective = 2023-01-01
        """
    )
    assert a.status(on="2022-09-01").reason == "MANY is in force with no end date."
    assert a.status(on="2023-01-01").reason == (
        "MANY is in force with no end date; a notice would take effect 1 year after the day it "
        "is received."
    )
