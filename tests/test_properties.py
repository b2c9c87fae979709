"""Laws that hold for every agreement, every history and every day."""

from __future__ import annotations

from datetime import UTC, date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from gsomia_clock import Agreement, CatalogError, Duration, Status
from gsomia_clock.catalog import read_catalog
from gsomia_clock.terms import Terms

from .helpers import STATUS_KEYS, WITHDRAW_KEYS
from .strategies import (
    RestartedNotice,
    RevokedNotice,
    agreements,
    catalog_text,
    day_near,
    days,
    positive_durations,
    restarted_notices,
    revoked_notices,
)

ONE_DAY = timedelta(days=1)


@given(st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 1, 1)), positive_durations,
       positive_durations, st.integers(0, 60))  # fmt: skip
def test_term_ends_are_computed_in_one_step_and_increase(
    start: date, term: Duration, renewal: Duration, k: int
) -> None:
    terms = Terms.from_catalog(start, term, renewal)
    assert terms.end(k) == (term + renewal * k).add_to(start)
    assert terms.end(k) < terms.end(k + 1)


@given(st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 1, 1)), positive_durations,
       positive_durations, st.integers(0, 40_000))  # fmt: skip
def test_the_term_found_for_a_day_contains_it(
    start: date, term: Duration, renewal: Duration, offset: int
) -> None:
    terms = Terms.from_catalog(start, term, renewal)
    day = start + timedelta(days=offset)
    found = terms.term_on(day)
    assert found is not None
    assert found[0] <= day < found[1]


@given(agreements())
def test_a_generated_agreement_is_what_the_loader_reads_from_its_catalog_text(
    agreement: Agreement,
) -> None:
    # The generators build agreements directly; this is the proof that they are valid ones.
    assert read_catalog(catalog_text(agreement).encode(), name="generated.toml") == (agreement,)


@given(st.data())
def test_a_last_notice_day_always_falls_before_the_renewal_it_stops(data: st.DataObject) -> None:
    agreement = data.draw(agreements(with_events=False))
    day = data.draw(day_near(agreement))
    party = agreement.parties[0]
    answer = agreement.can_withdraw(party, on=day)
    if answer.last_notice_day is None:
        return
    assert answer.effective is not None
    assert day <= answer.last_notice_day < answer.effective
    on_last = agreement.can_withdraw(party, on=answer.last_notice_day)
    assert on_last.effective is not None and on_last.effective <= answer.effective
    if any(x.not_before or x.window or x.earliest for x in agreement.exits):
        return  # a clause that opens later may move the effect sooner; the rest holds without
    assert on_last.effective == answer.effective
    next_day = agreement.can_withdraw(party, on=answer.last_notice_day + ONE_DAY)
    if next_day.effective is not None:
        assert next_day.effective > answer.effective


@given(st.data())
def test_status_never_goes_back_from_ended_without_a_join(data: st.DataObject) -> None:
    agreement = data.draw(agreements())
    party = data.draw(st.sampled_from((None, *agreement.parties)))
    joins = [e.effective for e in agreement.events if e.kind == "join" and e.party == party]
    day = agreement.in_force - ONE_DAY
    ended_since: date | None = None
    for _ in range(60):
        day += timedelta(days=data.draw(st.integers(1, 200)))
        state = agreement.status(on=day, party=party).state
        if state == "ended":
            ended_since = ended_since or day
        elif ended_since is not None:
            assert any(j is not None and ended_since < j <= day for j in joins), (day, state)
            ended_since = None


@given(st.data())
def test_status_is_a_function_of_the_history_up_to_the_day(data: st.DataObject) -> None:
    agreement = data.draw(agreements())
    day = data.draw(day_near(agreement))
    party = data.draw(st.sampled_from((None, *agreement.parties)))
    # Whether a party is bound from `in_force` is read from its first event (a join or not):
    # a party whose first event is a later join keeps that join in the history cut at the day.
    firsts = {next((e for e in agreement.events if e.party == p), None) for p in agreement.parties}
    joins = {e for e in firsts if e is not None and e.kind == "join" and e.date > day}
    try:
        cut = agreement.replace(
            events=tuple(e for e in agreement.events if e.date <= day or e in joins)
        )
    except CatalogError:
        return  # the kept join was possible only after a later event (an extension, say)
    assert agreement.status(on=day, party=party) == cut.status(on=day, party=party)


@given(st.data())
def test_json_always_has_the_contract_keys(data: st.DataObject) -> None:
    agreement = data.draw(agreements())
    day = data.draw(day_near(agreement))
    party = data.draw(st.sampled_from(agreement.parties))
    status = agreement.status(on=day, party=party).to_dict()
    assert status.keys() >= STATUS_KEYS
    assert (status["effective"] is None) == (status["state"] not in ("notice-pending", "ended"))
    answer = agreement.can_withdraw(party, on=day).to_dict()
    assert answer.keys() >= WITHDRAW_KEYS
    if not answer["can_withdraw"]:
        assert answer["via"] is None and answer["effective"] is None


@given(st.data())
def test_effect_instant_is_the_first_instant_of_the_effective_day(data: st.DataObject) -> None:
    agreement = data.draw(agreements())
    day = data.draw(day_near(agreement))
    status = agreement.status(on=day)
    if status.effective_at is not None:
        assert status.effective_at.date() == status.effective
        # A minute earlier, counted in UTC: an aware datetime's own arithmetic is on the wall
        # clock, and a day whose midnight the clocks skip (Santiago, 9 October 1994) begins at
        # 01:00, a wall minute before which is a time that day never had.
        earlier = status.effective_at.astimezone(UTC) - timedelta(minutes=1)
        assert earlier.astimezone(agreement.zone).date() < status.effective


CORE = ("state", "term_start", "term_end", "next_renewal", "effective", "effective_at")


def _core(status: Status) -> dict[str, object]:
    data = status.to_dict()
    return {key: data[key] for key in CORE}


@given(revoked_notices(), st.integers(1, 3000))
def test_a_revoked_notice_leaves_no_trace_on_later_days(case: RevokedNotice, days: int) -> None:
    for later in (case.revoked, case.revoked + timedelta(days=days)):
        for who in (None, case.party):
            assert _core(case.history.status(on=later, party=who)) == _core(
                case.agreement.status(on=later, party=who)
            )


@given(restarted_notices(), st.integers(0, 800))
def test_resume_under_restart_is_a_fresh_notice_that_day(case: RestartedNotice, days: int) -> None:
    later = case.resumed + timedelta(days=days)
    assert _core(case.history.status(on=later, party=case.party)) == _core(
        case.fresh.status(on=later, party=case.party)
    )


@given(st.data())
def test_every_deadline_is_what_status_says_on_its_day(data: st.DataObject) -> None:
    agreement = data.draw(agreements())
    start = data.draw(day_near(agreement))
    event_days = {e.date for e in agreement.events}
    for deadline in agreement.deadlines(start, start + timedelta(days=3 * 365)):
        day = deadline.date
        if day in event_days or day - timedelta(days=1) in event_days:
            continue  # that day's own events change the picture
        if deadline.kind == "renewal":
            before = agreement.status(on=day - timedelta(days=1))
            assert before.next_renewal == day
            assert agreement.status(on=day).term_start == day
        elif deadline.kind == "last-notice-day":
            answers = [agreement.can_withdraw(p, on=day) for p in agreement.parties]
            assert any(a.can_withdraw for a in answers)
            if all(x.effect == "end-of-term" for x in agreement.exits):
                # (an after-notice clause may end it sooner still: then no day is "last")
                assert any(a.last_notice_day == day for a in answers)
        elif deadline.kind == "window-opens":
            # a party may give notice from that day, and could not the day before
            asked = [deadline.party] if deadline.party else list(agreement.parties)
            answers = [agreement.can_withdraw(p, on=day) for p in asked]
            assert any(a.can_withdraw for a in answers)
            if len(agreement.exits) == 1:
                before = [agreement.can_withdraw(p, on=day - timedelta(days=1)) for p in asked]
                assert any(b.window_opens == day for b in before)
        elif deadline.kind == "expiry" or (deadline.kind == "effect" and deadline.party is None):
            assert (agreement.status(on=day).state, agreement.status(on=day).effective) == (
                "ended",
                day,
            )
        else:
            who = deadline.party if agreement.multilateral else None
            ended = agreement.status(on=day, party=who)
            assert (ended.state, ended.effective) == ("ended", day)


@given(days, st.integers(0, 3000), st.integers(0, 100))
def test_whole_days_and_weeks_undo_exactly_and_months_never_overshoot(
    day: date, n: int, months: int
) -> None:
    exact = Duration(days=n % 400, weeks=n // 400)
    assert exact.subtract_from(exact.add_to(day)) == day
    calendar = Duration(months=months)
    assert calendar.subtract_from(calendar.add_to(day)) <= day
