"""Laws of end-of-period boundaries, notice windows and business days, each for one clause
alone, and of suspension of operation (which changes nothing but who performs)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from gsomia_clock import Agreement, Duration, Exit
from gsomia_clock.business import business_days
from gsomia_clock.days import format_day

from .strategies import (
    agreements,
    calendar_codes,
    day_near,
    period_agreements,
    window_agreements,
)

ONE_DAY = timedelta(days=1)


def _boundaries_after(agreement: Agreement, day: date, count: int) -> list[date]:
    period = agreement.exits[0].period
    assert period is not None
    found, out = period.first_end_after(day), list[date]()
    while found is not None and len(out) < count:
        out.append(found[1])
        found = period.next_end(found[0])
    return out


@given(st.data())
def test_an_end_of_period_notice_takes_effect_at_the_first_boundary_it_is_in_time_for(
    data: st.DataObject,
) -> None:
    agreement = data.draw(period_agreements())
    day = data.draw(day_near(agreement).filter(lambda d: d >= agreement.in_force))
    answer = agreement.can_withdraw("AA", on=day)
    assert answer.can_withdraw and answer.effective is not None
    notice = agreement.exits[0].notice
    in_time = [e for e in _boundaries_after(agreement, day, 40) if day < notice.subtract_from(e)]
    assert answer.effective == in_time[0]
    assert answer.last_notice_day == notice.subtract_from(answer.effective) - ONE_DAY


@given(st.data())
def test_notices_on_the_last_notice_day_and_the_day_after_land_one_boundary_apart(
    data: st.DataObject,
) -> None:
    agreement = data.draw(period_agreements())
    day = data.draw(day_near(agreement).filter(lambda d: d >= agreement.in_force))
    last = agreement.can_withdraw("AA", on=day).last_notice_day
    assert last is not None
    on_last = agreement.can_withdraw("AA", on=last).effective
    after = agreement.can_withdraw("AA", on=last + ONE_DAY).effective
    assert on_last is not None and after is not None
    # the next boundary the later notice is in time for, with none of those between skipped
    skipped = [e for e in _boundaries_after(agreement, on_last, 40) if e < after]
    notice = agreement.exits[0].notice
    assert all(notice.subtract_from(e) <= last + ONE_DAY for e in skipped)
    assert on_last < after


@given(
    calendar_codes,
    st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)),
    st.integers(0, 3),  # the notice's months
    st.integers(0, 40),  # and days
    st.integers(1, 124),  # business days: of notice, or of grace (at most what the notice spans)
    st.sampled_from(["notice_business_days", "grace", None]),
    st.sampled_from(["preceding", "following", None]),
)
def test_a_last_notice_day_comes_before_the_end_it_is_for_and_is_the_day_explained(
    code: str, end: date, months: int, days: int, count: int, counts: str | None, roll: str | None
) -> None:
    notice = Duration(months=months, days=days)
    spans = months * 31 + days
    clause = Exit(
        "end-of-term",
        None if counts == "notice_business_days" else notice,
        notice_business_days=count if counts == "notice_business_days" else None,
        grace=1 + (count - 1) % spans if counts == "grace" and spans else None,
        roll=roll,  # type: ignore[arg-type]
        calendar=business_days(code),
    )
    last = clause.last_notice_day_for(end)
    assert last < end
    assert clause.door(end) == last + ONE_DAY
    if clause.counts_business_days:  # a day moved, or kept though no business day, is named
        steps = " ".join(clause.door_steps(end))
        plain = business_days(code).is_business_day(last) and f"= {last.isoformat()}" in steps
        assert format_day(last) in steps or plain


@given(st.data())
def test_a_notice_outside_every_window_is_refused_until_the_next_opening(
    data: st.DataObject,
) -> None:
    agreement = data.draw(window_agreements())
    day = data.draw(day_near(agreement).filter(lambda d: d >= agreement.in_force))
    window = agreement.exits[0].window
    assert window is not None
    answer = agreement.can_withdraw("AA", on=day)
    opens = window.next_opening(agreement.in_force, day)
    holding = window.holding(agreement.in_force, day)
    if holding is not None:
        assert answer.can_withdraw and answer.window_opens is None
        assert answer.window_closes == holding[1]
        return
    assert not answer.can_withdraw and answer.effective is None
    assert answer.window_opens == opens
    if opens is not None:
        assert agreement.can_withdraw("AA", on=opens).can_withdraw


@given(st.data())
def test_suspension_of_operation_never_changes_a_state_a_term_or_an_effect(
    data: st.DataObject,
) -> None:
    agreement = data.draw(agreements())
    performing = agreement.replace(
        events=tuple(
            e for e in agreement.events if e.kind not in ("suspend-operation", "resume-operation")
        ),
    )
    day = data.draw(day_near(agreement))
    for party in (None, *agreement.parties):
        with_, without = (
            agreement.status(on=day, party=party),
            performing.status(on=day, party=party),
        )
        assert (with_.state, with_.term_start, with_.term_end, with_.effective) == (
            without.state, without.term_start, without.term_end, without.effective,
        )  # fmt: skip
        assert with_.next_renewal == without.next_renewal
        assert without.suspended_by == ()
    for party in agreement.parties:
        with_w, without_w = (a.can_withdraw(party, on=day) for a in (agreement, performing))
        assert (with_w.can_withdraw, with_w.effective, with_w.last_notice_day) == (
            without_w.can_withdraw, without_w.effective, without_w.last_notice_day,
        )  # fmt: skip
