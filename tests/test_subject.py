"""What an explanation says before its arithmetic: the events that bear on the question (the
history's `bearing`), and the reading of a suspended notice it used."""

from __future__ import annotations

from gsomia_clock import Agreement

from .helpers import JOINED, MANY, agreement, evergreen


def event_lines(explanation: tuple[str, ...]) -> list[str]:
    return [line for line in explanation if line.startswith("event: ")]


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
