"""Remembered answers: an answer holds, but for its day, over the span of days its query gives, so
asking about day after day reckons only as many answers as there are changes."""

from __future__ import annotations

import os
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from gsomia_clock import Agreement, QueryError
from gsomia_clock.status import redated as status_on
from gsomia_clock.status import status_span
from gsomia_clock.timeline import Timeline
from gsomia_clock.withdrawal import redated as withdrawal_on
from gsomia_clock.withdrawal import withdrawal_span

from .strategies import POLICIES, agreements, day_near

LAWS = settings(max_examples=int(os.environ.get("GSOMIA_CLOCK_EXAMPLES", "150")), deadline=None)
LAST = date.max.toordinal()


def _days_of_span(data: st.DataObject, day: date, until: int) -> list[date]:
    """The first day after `day`, the last of the span, and one drawn between (at most 12 years on)."""
    last = min(until - 1, LAST, day.toordinal() + 12 * 366)
    drawn = data.draw(st.integers(day.toordinal(), last))
    return sorted({date.fromordinal(n) for n in (min(day.toordinal() + 1, last), last, drawn)})


def _timeline(agreement: Agreement, policy: str | None) -> Timeline:
    """The history under `policy`, or the catalog's when it could not have happened so read."""
    try:
        return agreement.timeline(policy)
    except QueryError:
        return agreement.timeline()


@LAWS
@given(st.data())
def test_a_status_holds_but_for_its_day_until_the_day_its_query_names(
    data: st.DataObject,
) -> None:
    agreement = data.draw(agreements())
    day = data.draw(day_near(agreement))
    party = data.draw(st.sampled_from((None, *agreement.parties)))
    timeline = _timeline(agreement, data.draw(st.sampled_from((None, *POLICIES))))
    answer, until = status_span(agreement.subject, timeline, day, party)
    assert until > day.toordinal()
    for later in _days_of_span(data, day, until):
        reckoned, _ = status_span(agreement.subject, timeline, later, party)
        assert status_on(answer, later) == reckoned, (day, later, date.fromordinal(until))


@LAWS
@given(st.data())
def test_a_way_out_holds_but_for_its_day_until_the_day_its_query_names(
    data: st.DataObject,
) -> None:
    agreement = data.draw(agreements())
    day = data.draw(day_near(agreement))
    party = data.draw(st.sampled_from(agreement.parties))
    timeline = _timeline(agreement, data.draw(st.sampled_from((None, *POLICIES))))
    answer, until = withdrawal_span(agreement.subject, timeline, day, party)
    assert until > day.toordinal()
    for later in _days_of_span(data, day, until):
        reckoned, _ = withdrawal_span(agreement.subject, timeline, later, party)
        assert withdrawal_on(answer, later) == reckoned, (day, later, date.fromordinal(until))


@LAWS
@given(st.data())
def test_a_remembered_answer_is_the_answer_reckoned_afresh(data: st.DataObject) -> None:
    agreement = data.draw(agreements())
    party = data.draw(st.sampled_from(agreement.parties))
    first = data.draw(day_near(agreement))
    days = data.draw(st.lists(st.integers(0, 800), min_size=1, max_size=6))
    for offset in days:
        day = first + timedelta(days=offset)
        status, way_out = agreement.status(on=day, party=party), agreement.can_withdraw(party, day)
        assert status.on == way_out.on == day
        assert status == status_span(agreement.subject, agreement.timeline(), day, party)[0]
        assert way_out == withdrawal_span(agreement.subject, agreement.timeline(), day, party)[0]


def test_a_year_of_daily_questions_about_gsomia_reckons_one_answer_per_change(
    gsomia: Agreement,
) -> None:
    gsomia.remembered.clear()
    year = [date(2026, 1, 1) + timedelta(days=n) for n in range(365)]
    for day in year:
        gsomia.status(on=day)
    # 1 Jan → 24 Aug (a notice stops the 2026 renewal), 25 Aug → 22 Nov (it stops 2027's),
    # 23 Nov → 24 Aug 2027 (a new term): three answers for 365 days.
    assert len(gsomia.remembered) == 3
    assert [gsomia.status(on=d).next_last_notice_day for d in (year[235], year[236])] == [
        date(2026, 8, 24),
        date(2027, 8, 24),
    ]


def test_a_notice_asked_about_day_after_day_names_each_day_received(gsomia: Agreement) -> None:
    gsomia.remembered.clear()
    answers = [gsomia.can_withdraw("JP", on=date(2026, 8, d)) for d in (1, 2, 24)]
    assert len(gsomia.remembered) == 1
    assert [a.reason.split(" takes effect")[0] for a in answers] == [
        "A notice from JP received on Saturday 1 August 2026",
        "A notice from JP received on Sunday 2 August 2026",
        "A notice from JP received on Monday 24 August 2026",
    ]
    assert "a notice received on 2026-08-02" in answers[1].explanation
    assert "a notice received on 2026-08-01" not in answers[1].explanation
