"""Every command tells the same story: the laws that tie status, can-withdraw and deadlines together,
and the laws that make each answer a plain value."""

from __future__ import annotations

import pickle
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from gsomia_clock import Agreement, Duration, Selection, load_catalog
from gsomia_clock.agenda import ACTIONABLE, CHANGES, next_change, next_deadline
from gsomia_clock.deadlines import DEADLINE_KINDS, _notice_on

from .strategies import agreements, day_near, period_agreements, window_agreements

ONE_DAY = timedelta(days=1)


@given(st.data())
def test_every_last_notice_day_can_withdraw_reports_is_listed_in_deadlines(
    data: st.DataObject,
) -> None:
    agreement = data.draw(agreements())
    day = data.draw(day_near(agreement))
    party = data.draw(st.sampled_from(agreement.parties))
    answer = agreement.can_withdraw(party, on=day)
    if answer.via != "notice" or answer.last_notice_day is None:
        return
    last = answer.last_notice_day
    if answer.ends is not None and answer.effective is not None and answer.ends < answer.effective:
        return  # another notice ends the agreement first: the listing stops at that end
    if any(day < e.date <= last for e in agreement.events):
        return  # can-withdraw knew only the history up to `day`; the listing knows it all
    if agreement.can_withdraw(party, on=last).effective != answer.effective:
        return  # a clause that opened since takes a notice of that day out sooner: not "last"
    listed = agreement.deadlines(day, last)
    assert any(d.date == last and d.kind == "last-notice-day" for d in listed), (day, last)


@given(st.data())
def test_deadlines_without_their_explanation_are_the_same_days_kinds_and_words(
    data: st.DataObject,
) -> None:
    """What a picture asks for (`explained=False`) is the explained listing, lines left out:
    every kind of agreement, with histories, periods counted in business days and windows."""
    agreement = data.draw(st.one_of(agreements(), period_agreements(), window_agreements()))
    start = data.draw(day_near(agreement))
    end = start + timedelta(days=data.draw(st.integers(0, 3 * 366)))
    explained = agreement.deadlines(start, end)
    bare = agreement.deadlines(start, end, explained=False)
    assert [d.replace(explanation=()) for d in explained] == list(bare)
    assert all(d.explanation == () for d in bare)


@given(st.data())
def test_the_next_deadline_is_the_first_listed_from_that_day_explanation_and_all(
    data: st.DataObject,
) -> None:
    """The agenda looks for it a stretch at a time, each listed without explanations, and asks
    its one day again for the explanation: that is the listing's first it keeps, whole, of the
    kinds asked for, else of those to act on (never a renewal: contract v3); and the next
    change is the listing's first renewal, effect or expiry."""
    agreement = data.draw(st.one_of(agreements(), period_agreements(), window_agreements()))
    day = data.draw(day_near(agreement))
    kinds = data.draw(st.lists(st.sampled_from(DEADLINE_KINDS), unique=True, max_size=2))
    selection = Selection(kinds=kinds)
    until = day + relativedelta(years=5)
    every = agreement.deadlines(day, until)
    listed = [d for d in every if selection.keeps(d) and d.kind in (kinds or ACTIONABLE)]
    found = next_deadline(agreement, day, selection)
    if listed:
        assert found == listed[0]
    else:
        assert found is None or found.date > until
    changes = [d for d in every if d.kind in CHANGES]
    change = next_change(agreement, day)
    assert change == changes[0] if changes else change is None or change.date > until
    assert "renewal" not in ACTIONABLE and set(ACTIONABLE) | set(CHANGES) == set(DEADLINE_KINDS)


@given(st.data())
def test_deadlines_of_some_kinds_are_the_deadlines_of_those_kinds_whatever_is_skipped(
    data: st.DataObject,
) -> None:
    """Asked for renewals, effects and expiries alone, the listing leaves the exit clauses
    unread: it is still the whole listing's deadlines of those kinds, explained alike."""
    agreement = data.draw(st.one_of(agreements(), period_agreements(), window_agreements()))
    start = data.draw(day_near(agreement))
    end = start + timedelta(days=data.draw(st.integers(0, 900)))
    kinds = data.draw(st.sampled_from([CHANGES, ("renewal",), ("last-notice-day", "effect")]))
    every = agreement.deadlines(start, end)
    assert list(agreement.deadlines(start, end, kinds=kinds)) == [
        d for d in every if d.kind in kinds
    ]


@given(st.data())
def test_a_last_notice_day_of_a_clause_s_own_date_is_what_a_notice_that_day_does(
    data: st.DataObject,
) -> None:
    """A boundary's last notice day (and a window's last day) names the day it is for: a notice
    received that day under its clause takes effect then, and the deadline is explained as that
    notice is, whether `withdrawal` was asked or the listing knew it without asking."""
    agreement = data.draw(st.one_of(agreements(), period_agreements(), window_agreements()))
    start = data.draw(day_near(agreement))
    timeline = agreement.timeline()
    for deadline in agreement.deadlines(
        start, start + timedelta(days=data.draw(st.integers(0, 800)))
    ):
        number, _, day = deadline.key.removeprefix("last-notice-day-").partition("-")
        if deadline.kind != "last-notice-day" or not day:
            continue  # a renewal's last notice day names its term by number
        clause = timeline.exits[int(number) - 1]
        terms = timeline.at(deadline.date).terms
        found = clause.withdrawal(deadline.date, terms, timeline.in_force)
        assert found is not None and found.effective == date.fromisoformat(day)
        said = found.explain(timeline.zone)
        assert deadline.explanation[len(deadline.explanation) - len(said) :] == said


@given(st.data())
def test_a_notice_on_each_last_notice_day_is_known_as_withdrawal_would_find_it(
    data: st.DataObject,
) -> None:
    """`deadlines` takes what a notice on an end's last notice day does without asking
    `withdrawal` when the end before had an earlier one: the two are the same, field for
    field, end after end, for every clause (business days, grace, roll, floors, windows)."""
    agreement = data.draw(st.one_of(agreements(), period_agreements()))
    day = data.draw(day_near(agreement))
    timeline = agreement.timeline()
    terms = timeline.at(day).terms
    for clause in timeline.exits:
        ends = clause.period if clause.effect == "end-of-period" else terms
        if clause.effect == "after-notice" or ends is None:
            continue
        found, before = ends.first_end_after(day), None
        for _ in range(24):
            if found is None:
                break
            k, end = found
            last_day = clause.last_notice_day_for(end)
            known = _notice_on(clause, last_day, before, (ends, k, end), terms, timeline)
            assert known == clause.withdrawal(last_day, terms, timeline.in_force), (end, before)
            found, before = ends.next_end(k), last_day


@given(st.data())
def test_the_deadlines_of_a_period_are_those_of_its_two_halves(data: st.DataObject) -> None:
    """Cut anywhere, a listing is its two parts end to end (the agenda's index explains the
    first weeks of its span and only dates the rest)."""
    agreement = data.draw(st.one_of(agreements(), period_agreements(), window_agreements()))
    start = data.draw(day_near(agreement))
    cut = start + timedelta(days=data.draw(st.integers(0, 400)))
    end = cut + timedelta(days=data.draw(st.integers(1, 400)))
    halves = [*agreement.deadlines(start, cut), *agreement.deadlines(cut + ONE_DAY, end)]
    assert halves == list(agreement.deadlines(start, end))


@given(st.data())
def test_status_and_deadlines_agree_about_every_renewal_and_effect(data: st.DataObject) -> None:
    agreement = data.draw(agreements())
    start = data.draw(day_near(agreement))
    event_days = {e.date for e in agreement.events}
    for deadline in agreement.deadlines(start, start + timedelta(days=3 * 365)):
        day = deadline.date
        if day in event_days or day - ONE_DAY in event_days:
            continue  # that day's own events change the picture
        who = deadline.party if agreement.multilateral else None
        before, on_the_day = (agreement.status(on=d, party=who) for d in (day - ONE_DAY, day))
        if deadline.kind == "renewal":
            assert before.next_renewal == day and before.term_end == day
            assert on_the_day.term_start == day
        elif deadline.kind in ("effect", "expiry"):
            assert (on_the_day.state, on_the_day.effective) == ("ended", day)
            if day > agreement.in_force:
                assert before.state != "ended" and before.next_renewal != day


@given(st.data())
def test_status_and_can_withdraw_agree_about_when_a_party_is_out(data: st.DataObject) -> None:
    agreement = data.draw(agreements())
    day = data.draw(day_near(agreement))
    party = data.draw(st.sampled_from(agreement.parties))
    status = agreement.status(on=day, party=party)
    answer = agreement.can_withdraw(party, on=day)
    if status.state == "notice-pending":
        assert answer.ends is not None and answer.ends <= status.effective
    if answer.ends is not None:
        out = agreement.status(on=answer.ends, party=party)
        later_events = [e for e in agreement.events if day < e.date <= answer.ends]
        if not later_events:
            assert out.state == "ended" and out.effective == answer.ends
    if status.state in ("ended", "not-in-force"):
        assert not answer.can_withdraw and answer.ends is None


@given(st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 1, 1)), st.integers(0, 40_000))
def test_a_span_in_words_is_the_exact_calendar_difference(start: date, days: int) -> None:
    end = start + timedelta(days=days)
    span = Duration.between(start, end)
    exact = relativedelta(end, start)
    assert (span.years, span.months, span.weeks, span.days) == (
        exact.years,
        exact.months,
        0,
        exact.days,
    )
    assert span.add_to(start) == end


def test_364_days_are_11_months_30_days_not_a_year() -> None:
    assert Duration.between(date(2026, 8, 25), date(2027, 8, 24)).words() == "11 months 30 days"


@given(st.data())
def test_an_explanation_names_only_events_that_bear_on_the_question(data: st.DataObject) -> None:
    agreement = data.draw(agreements())
    day = data.draw(day_near(agreement))
    party = data.draw(st.sampled_from((None, *agreement.parties)))
    lines = [
        *agreement.status(on=day, party=party).explanation,
        *(agreement.can_withdraw(party, on=day).explanation if party else ()),
    ]
    for event in agreement.events:
        line = f"event: {event.describe()}"
        if line in lines and event.party is not None:
            # Multilateral: only the party's own doings; bilateral: either party's. Asked
            # about no party, the status of a multilateral agreement says who suspended its
            # operation.
            assert (
                event.party == party
                or not agreement.multilateral
                or (party is None and event.kind == "suspend-operation")
                or (party is None and event.kind == "resume-operation")
            ), (line, party)
        if event.date > day:
            assert line not in lines  # nothing the day did not know yet


def test_rome_statute_for_south_africa_names_none_of_the_others_joins(catalog: object) -> None:
    rome = load_catalog()["rome-statute"]
    for line in rome.status(on="2020-01-01", party="ZA").explanation:
        assert " by BI" not in line and " by PH" not in line and " by GM" not in line
    assert any("by ZA" in line for line in rome.status(on="2017-01-01", party="ZA").explanation)


def test_npt_while_suspended_stays_in_force_rather_than_renewing() -> None:
    reason = load_catalog()["npt"].status(on="2000-01-01", party="KP").reason
    assert "stays in force" in reason and "renewing" not in reason


# Answers are plain values.


@given(st.data())
def test_every_answer_obeys_the_rules_its_constructor_checks(data: st.DataObject) -> None:
    agreement = data.draw(agreements())
    day = data.draw(day_near(agreement))
    party = data.draw(st.sampled_from(agreement.parties))
    status = agreement.status(on=day, party=party)
    answer = agreement.can_withdraw(party, on=day)
    # `replace` runs the checks of the public constructor on what the query path built.
    assert status.replace() == status
    assert answer.replace() == answer
    assert status.to_dict()["term_last_day"] == (
        None if status.term_end is None else (status.term_end - ONE_DAY).isoformat()
    )


def test_two_statuses_are_equal_only_when_their_explanations_are(gsomia: Agreement) -> None:
    a, b = gsomia.status(on="2026-11-22"), gsomia.status(on="2026-11-22")
    assert a == b and hash(a) == hash(b)
    assert a.replace(explanation=(*a.explanation, "more")) != a


def test_replace_cannot_make_a_status_that_contradicts_itself(gsomia: Agreement) -> None:
    status = gsomia.status(on="2026-11-22")
    with pytest.raises(ValueError, match="state 'ended'"):
        status.replace(state="ended")
    with pytest.raises(ValueError, match="next_renewal"):
        status.replace(next_renewal=date(2030, 1, 1))
    answer = gsomia.can_withdraw("JP", on="2026-11-22")
    with pytest.raises(ValueError, match="'no'"):
        answer.replace(can_withdraw=False)


def test_an_answer_carries_no_agreement_and_pickles_small(gsomia: Agreement) -> None:
    status = gsomia.status(on="2019-11-22")
    fields = vars(status)  # everything it holds
    assert set(fields) == {
        "agreement", "party", "on", "state", "term_start", "term_end", "next_renewal",
        "effective", "effective_at", "next_last_notice_day", "suspended_by", "reason", "explanation",
    }  # fmt: skip
    assert all(not callable(v) for v in fields.values())
    data = pickle.dumps(status)
    assert pickle.loads(data) == status
    assert len(data) < 2000
    assert b"gsomia_clock.agreement" not in data and b"gsomia_clock.timeline" not in data


def test_to_dict_is_the_contract_json(gsomia: Agreement) -> None:
    status = gsomia.status(on="2019-09-01").to_dict()
    assert status["state"] == "notice-pending"
    assert status["effective"] == "2019-11-23" and status["term_last_day"] == "2019-11-22"
    assert status["effective_at"] == "2019-11-23T00:00:00+09:00"
    answer = gsomia.can_withdraw("JP", on="2019-08-25").to_dict()
    assert (answer["effective"], answer["ends"]) == ("2020-11-23", "2019-11-23")


def test_the_2019_listing_shows_24_august_2019(gsomia: Agreement) -> None:
    listed = [(d.date, d.kind) for d in gsomia.deadlines("2019-08-01", "2019-08-31")]
    assert listed == [(date(2019, 8, 24), "last-notice-day")]


def test_an_error_near_year_9999_surfaces_when_asked_not_when_read(gsomia: Agreement) -> None:
    from gsomia_clock import QueryError

    with pytest.raises(QueryError, match="9999"):
        gsomia.status(on="9999-09-01")
    with pytest.raises(QueryError, match="9999"):
        gsomia.can_withdraw("JP", on="9999-12-30")
