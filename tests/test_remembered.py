"""What a compiled history remembers: an answer holds, but for its day, over the span of days its
query gives, so asking about day after day reckons only as many answers as there are changes;
and the words and days its answers share, all forgotten at once."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from gsomia_clock import Agreement, Duration, Exit, QueryError
from gsomia_clock.remembered import LIMIT, Remembered
from gsomia_clock.status import status_redated, status_span
from gsomia_clock.timeline import Timeline
from gsomia_clock.withdrawal import withdrawal_redated, withdrawal_span

from .strategies import POLICIES, agreements, day_near

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
        assert status_redated(answer, later) == reckoned, (day, later, date.fromordinal(until))


@given(st.data())
def test_a_way_out_holds_but_for_its_day_until_the_day_its_query_names(
    data: st.DataObject,
) -> None:
    agreement = data.draw(agreements())
    day = data.draw(day_near(agreement))
    party = data.draw(st.sampled_from(agreement.parties))
    timeline = _timeline(agreement, data.draw(st.sampled_from((None, *POLICIES))))
    answer, dated, until = withdrawal_span(agreement.subject, timeline, day, party)
    assert until > day.toordinal()
    assert (dated is None) == (answer.via != "notice")
    for later in _days_of_span(data, day, until):
        reckoned, _, _ = withdrawal_span(agreement.subject, timeline, later, party)
        assert withdrawal_redated(answer, dated, later, timeline) == reckoned, (
            day,
            later,
            date.fromordinal(until),
        )


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
    gsomia.timeline().remembered.clear()
    year = [date(2026, 1, 1) + timedelta(days=n) for n in range(365)]
    for day in year:
        gsomia.status(on=day)
    # 1 Jan → 24 Aug (a notice stops the 2026 renewal), 25 Aug → 22 Nov (it stops 2027's),
    # 23 Nov → 24 Aug 2027 (a new term): three answers for 365 days.
    assert len(gsomia.timeline().remembered) == 3
    assert [gsomia.status(on=d).next_last_notice_day for d in (year[235], year[236])] == [
        date(2026, 8, 24),
        date(2027, 8, 24),
    ]


def test_a_notice_asked_about_day_after_day_names_each_day_received(gsomia: Agreement) -> None:
    gsomia.timeline().remembered.clear()
    answers = [gsomia.can_withdraw("JP", on=date(2026, 8, d)) for d in (1, 2, 24)]
    assert len(gsomia.timeline().remembered) == 1
    assert [a.reason.split(" takes effect")[0] for a in answers] == [
        "A notice from JP received on Saturday 1 August 2026",
        "A notice from JP received on Sunday 2 August 2026",
        "A notice from JP received on Monday 24 August 2026",
    ]
    assert "a notice received on 2026-08-02" in answers[1].explanation
    assert "a notice received on 2026-08-01" not in answers[1].explanation


# -- Remembered on its own: which days a kept answer is found for -----------------------------

STATUS = ("status", None)
SPAN_FIRST, SPAN_UNTIL = date(2026, 1, 1), date(2026, 8, 25)  # GSOMIA's status: 1 Jan → 24 Aug


def _kept(gsomia: Agreement) -> tuple[Remembered, object]:
    """Remembered holding GSOMIA's status of 1 January 2026 for its span (to 24 August)."""
    spans = Remembered()
    answer = gsomia.status(on=SPAN_FIRST)
    spans.put(STATUS, SPAN_FIRST, SPAN_UNTIL.toordinal(), answer)
    return spans, answer


def test_a_kept_answer_is_found_from_its_first_day_to_the_day_before_until(
    gsomia: Agreement,
) -> None:
    spans, answer = _kept(gsomia)
    assert spans.get(STATUS, SPAN_FIRST) is answer
    assert spans.get(STATUS, date(2026, 5, 1)) is answer
    assert spans.get(STATUS, SPAN_UNTIL - timedelta(days=1)) is answer
    assert spans.get(STATUS, SPAN_UNTIL) is None
    assert spans.get(STATUS, SPAN_FIRST - timedelta(days=1)) is None


def test_an_answer_is_kept_only_for_its_own_question(gsomia: Agreement) -> None:
    spans, _ = _kept(gsomia)
    assert spans.get(("status", "KR"), SPAN_FIRST) is None
    assert spans.get(("can-withdraw", None, None), SPAN_FIRST) is None
    assert spans.get(("status", "restart", None), SPAN_FIRST) is None


def test_spans_kept_out_of_order_are_each_found_on_their_own_days(gsomia: Agreement) -> None:
    spans = Remembered()
    later, earlier = date(2026, 11, 23), date(2026, 8, 25)
    late_answer, early_answer = gsomia.status(on=later), gsomia.status(on=earlier)
    spans.put(STATUS, later, date(2027, 8, 25).toordinal(), late_answer)
    spans.put(STATUS, earlier, later.toordinal(), early_answer)
    spans.put(STATUS, SPAN_FIRST, SPAN_UNTIL.toordinal(), gsomia.status(on=SPAN_FIRST))
    assert spans.get(STATUS, earlier) is early_answer
    assert spans.get(STATUS, date(2026, 11, 22)) is early_answer
    assert spans.get(STATUS, later) is late_answer
    assert spans.get(STATUS, date(2027, 8, 24)) is late_answer
    assert spans.get(STATUS, date(2027, 8, 25)) is None
    assert len(spans) == 3


def test_an_answer_for_its_own_day_only_is_not_kept_but_one_for_two_days_is(
    gsomia: Agreement,
) -> None:
    spans = Remembered()
    day = date(2026, 8, 24)
    answer = gsomia.can_withdraw("JP", on=day)
    spans.put(("can-withdraw", None, "JP"), day, day.toordinal() + 1, answer)
    assert len(spans) == 0
    assert spans.get(("can-withdraw", None, "JP"), day) is None
    spans.put(("can-withdraw", None, "JP"), day, day.toordinal() + 2, answer)
    assert len(spans) == 1
    assert spans.get(("can-withdraw", None, "JP"), day + timedelta(days=1)) is answer


def test_spans_are_counted_over_every_question_and_forgotten_all_at_once(
    gsomia: Agreement,
) -> None:
    spans, answer = _kept(gsomia)
    spans.put(("status", "KR"), SPAN_FIRST, SPAN_UNTIL.toordinal(), answer)
    assert len(spans) == 2
    assert repr(spans) == "<Remembered: 2 spans>"
    spans.clear()
    assert len(spans) == 0
    assert spans.get(STATUS, SPAN_FIRST) is None


def test_a_question_keeps_at_most_the_limit_of_spans_then_starts_afresh() -> None:
    spans = Remembered()
    first = date(2000, 1, 1).toordinal()
    for n in range(LIMIT):
        spans.put(STATUS, date.fromordinal(first + 2 * n), first + 2 * n + 2, n)
    assert len(spans) == LIMIT
    assert spans.get(STATUS, date.fromordinal(first)) == 0
    newest = first + 2 * LIMIT
    spans.put(STATUS, date.fromordinal(newest), newest + 2, "newest")
    assert len(spans) == 1
    assert spans.get(STATUS, date.fromordinal(first)) is None
    assert spans.get(STATUS, date.fromordinal(newest + 1)) == "newest"


def test_everything_a_history_remembers_is_in_one_place_and_forgotten_at_once(
    gsomia: Agreement,
) -> None:
    timeline = gsomia.timeline()
    asked = gsomia.status(on="2019-09-01", party="JP"), gsomia.can_withdraw("KR", "2020-08-04")
    kept = timeline.remembered
    assert kept.lines is not None and kept.bearing and kept.change_days and len(kept) >= 1
    kept.clear()
    assert (kept.lines, kept.bearing, kept.change_days, len(kept)) == (None, {}, {}, 0)
    again = gsomia.status(on="2019-09-01", party="JP"), gsomia.can_withdraw("KR", "2020-08-04")
    assert again == asked
    assert [name for name in type(timeline).__slots__ if "remember" in name or "cache" in name] == [
        "remembered"
    ]


def test_a_year_of_daily_questions_under_three_months_notice_reckons_one_answer() -> None:
    lease = Agreement(
        id="lease", name="Lease", parties=("AA", "BB"), in_force=date(2020, 1, 1),
        exits=(Exit("after-notice", Duration(months=3)),),
    )  # fmt: skip
    year = [date(2026, 1, 1) + timedelta(days=n) for n in range(365)]
    answers = [lease.can_withdraw("AA", on=day) for day in year]
    assert len(lease.timeline().remembered) == 1
    assert [a.effective for a in answers[58:61]] == [
        date(2026, 5, 28), date(2026, 6, 1), date(2026, 6, 2),
    ]  # fmt: skip
    assert answers[59].explanation[-1] == "2026-03-01 + 3 months = 2026-06-01"
    assert answers[59].reason.startswith(
        "A notice from AA received on Sunday 1 March 2026 takes effect on Monday 1 June 2026"
    )
