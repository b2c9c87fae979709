"""What every answer shares: the events that bear on it, the readings used, what a notice would do."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from gsomia_clock import Agreement
from gsomia_clock.answers import plain, unchecked, with_day
from gsomia_clock.status import Status

from .helpers import agreement, evergreen

MANY = """
[[agreement]]
id = "many"
name = "A treaty of many (MANY)"
parties = ["AA", "BB", "CC"]
in_force = 2020-01-01

[[agreement.exit]]
effect = "after-notice"
notice = "P1Y"
"""


def event_lines(explanation: tuple[str, ...]) -> list[str]:
    return [line for line in explanation if line.startswith("event: ")]


# -- values as JSON holds them ----------------------------------------------------------------


def test_days_and_instants_are_written_in_iso_8601() -> None:
    assert plain(date(2019, 8, 24)) == "2019-08-24"
    instant = datetime(2019, 8, 25, tzinfo=UTC)
    assert plain(instant) == "2019-08-25T00:00:00+00:00"


def test_tuples_become_lists_all_the_way_down() -> None:
    assert plain((date(2019, 8, 24), ("a", date(2020, 8, 24)))) == [
        "2019-08-24",
        ["a", "2020-08-24"],
    ]


def test_other_values_are_kept_as_they_are() -> None:
    assert plain("notice-pending") == "notice-pending"
    assert plain(None) is None
    assert plain(["2019"]) == ["2019"]


# -- answers made and re-dated ----------------------------------------------------------------


def test_a_status_re_dated_says_the_same_for_another_day(gsomia: Agreement) -> None:
    answer = gsomia.status(on="2024-01-01")
    later = with_day(answer, date(2024, 1, 2))
    assert later.on == date(2024, 1, 2)
    assert answer.on == date(2024, 1, 1)
    assert type(later) is type(answer)
    assert later.reason == answer.reason
    assert later == gsomia.status(on="2024-01-02")


def test_an_unchecked_answer_has_exactly_the_fields_given(gsomia: Agreement) -> None:
    answer = gsomia.status(on="2024-01-01")
    made = unchecked(Status, tuple(getattr(answer, name) for name in Status._fields))
    assert type(made) is Status
    assert made == answer
    assert made.to_dict() == answer.to_dict()


def test_an_unchecked_answer_missing_a_field_is_refused(gsomia: Agreement) -> None:
    answer = gsomia.status(on="2024-01-01")
    with pytest.raises(ValueError, match="shorter"):
        unchecked(Status, tuple(getattr(answer, name) for name in Status._fields[:-1]))


# -- the events that bear on an answer --------------------------------------------------------


def test_a_revoked_notice_bears_on_nothing_after_its_revocation() -> None:
    a = evergreen(
        """
        [[agreement.event]]
        date = 2019-08-01
        kind = "notice"
        party = "AA"
        [[agreement.event]]
        date = 2019-09-01
        kind = "revoke"
        party = "AA"
        """
    )
    assert len(event_lines(a.status(on="2019-08-15").explanation)) == 1
    assert event_lines(a.status(on="2019-09-02").explanation) == []
    assert event_lines(a.can_withdraw("BB", on="2019-09-02").explanation) == []


def test_an_extension_bears_on_every_answer() -> None:
    a = evergreen(
        """
        [[agreement.event]]
        date = 2019-08-01
        kind = "extend"
        until = 2020-02-29
        """
    )
    for answer in (a.status(on="2019-12-01"), a.can_withdraw("AA", on="2019-12-01")):
        (line,) = event_lines(answer.explanation)
        assert line.startswith("event: 2019-08-01 extend")


def test_a_termination_bears_on_every_answer() -> None:
    a = evergreen(
        """
        [[agreement.event]]
        date = 2020-03-01
        kind = "terminate"
        """
    )
    (line,) = event_lines(a.status(on="2020-03-01").explanation)
    assert line.startswith("event: 2020-03-01 terminate")


def test_events_after_the_day_asked_about_bear_on_nothing() -> None:
    a = evergreen(
        """
        [[agreement.event]]
        date = 2020-03-01
        kind = "terminate"
        """
    )
    assert event_lines(a.status(on="2020-02-29").explanation) == []


def test_a_pending_notice_bears_on_the_other_partys_answer_in_a_bilateral_agreement(
    gsomia: Agreement,
) -> None:
    (line,) = event_lines(gsomia.status(on="2019-09-01", party="JP").explanation)
    assert line.startswith("event: 2019-08-23 notice by KR")


JOINED = (
    MANY
    + """
[[agreement.event]]
date = 2021-01-01
kind = "join"
party = "CC"
effective = 2021-02-01
"""
)


def test_a_join_bears_on_the_joining_partys_answers_only() -> None:
    a = agreement(JOINED)
    (line,) = event_lines(a.status(on="2021-03-01", party="CC").explanation)
    assert line.startswith("event: 2021-01-01 join by CC")
    assert event_lines(a.status(on="2021-03-01", party="AA").explanation) == []
    assert event_lines(a.status(on="2021-03-01").explanation) == []


def test_a_join_bears_on_the_agreement_as_a_whole_in_a_bilateral_agreement() -> None:
    a = evergreen(
        """
        [[agreement.event]]
        date = 2019-08-01
        kind = "join"
        party = "BB"
        effective = 2019-09-01
        """
    )
    assert len(event_lines(a.status(on="2019-10-01").explanation)) == 1
    assert len(event_lines(a.status(on="2019-10-01", party="BB").explanation)) == 1
    assert event_lines(a.status(on="2019-10-01", party="AA").explanation) == []


def test_another_partys_notice_bears_on_nothing_in_a_multilateral_agreement() -> None:
    a = agreement(
        MANY
        + """
        [[agreement.event]]
        date = 2021-03-01
        kind = "notice"
        party = "BB"
        """
    )
    assert event_lines(a.status(on="2021-06-01", party="AA").explanation) == []
    assert event_lines(a.status(on="2021-06-01").explanation) == []
    (line,) = event_lines(a.status(on="2021-06-01", party="BB").explanation)
    assert line.startswith("event: 2021-03-01 notice by BB")


# -- the reading of a suspended notice --------------------------------------------------------


def test_the_catalogs_reading_of_a_suspended_notice_is_named(gsomia: Agreement) -> None:
    explanation = gsomia.status(on="2020-01-01").explanation
    assert "reading of the suspended notice: immediate (the catalog's)" in explanation


def test_a_reading_asked_for_is_named_as_such(gsomia: Agreement) -> None:
    explanation = gsomia.status(on="2020-01-01", on_resume="restart").explanation
    assert "reading of the suspended notice: restart (asked for)" in explanation
    assert not any("the catalog's" in line for line in explanation)


def test_no_reading_is_named_without_a_suspended_notice(gsomia: Agreement) -> None:
    for on in ("2019-09-01", "2024-01-01"):
        explanation = gsomia.status(on=on).explanation
        assert not any(line.startswith("reading of") for line in explanation)


def test_two_suspended_notices_name_both_readings_in_order() -> None:
    a = evergreen(
        """
        [[agreement.event]]
        date = 2019-08-01
        kind = "notice"
        party = "BB"
        [[agreement.event]]
        date = 2019-08-02
        kind = "notice"
        party = "AA"
        [[agreement.event]]
        date = 2019-09-01
        kind = "suspend"
        party = "BB"
        on_resume = "restart"
        [[agreement.event]]
        date = 2019-09-01
        kind = "suspend"
        party = "AA"
        on_resume = "remaining"
        """
    )
    explanation = a.status(on="2019-10-01").explanation
    assert "reading of the suspended notice: remaining, restart (the catalog's)" in explanation


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
