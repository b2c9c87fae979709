"""The contract's rules on small agreements written for the purpose."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from gsomia_clock import CatalogError, Duration
from gsomia_clock.events import EVENT_CLASSES, EVENT_KINDS
from gsomia_clock.terms import Terms

from .helpers import agreement, evergreen


def test_terms_from_29_february_end_on_28_february_then_29_february() -> None:
    terms = Terms.from_catalog(date(2016, 2, 29), Duration(years=1), Duration(years=1))
    ends = [terms.end(k) for k in range(4)]
    assert ends == [date(2017, 2, 28), date(2018, 2, 28), date(2019, 2, 28), date(2020, 2, 29)]


def test_six_month_terms_from_31_august_never_drift() -> None:
    terms = Terms.from_catalog(date(2019, 8, 31), Duration(months=6), Duration(months=6))
    assert [terms.end(k) for k in range(3)] == [
        date(2020, 2, 29),
        date(2020, 8, 31),
        date(2021, 2, 28),
    ]


def test_notice_received_on_the_last_notice_day_still_stops_the_renewal() -> None:
    answer = evergreen().can_withdraw("AA", on="2019-08-24")
    assert answer.effective == date(2019, 11, 23)


def test_notice_received_the_day_after_waits_for_the_next_term() -> None:
    answer = evergreen().can_withdraw("AA", on="2019-08-25")
    assert answer.effective == date(2020, 11, 23)


def test_revoked_notice_leaves_the_agreement_renewing() -> None:
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
    assert a.status(on="2019-08-15").state == "notice-pending"
    after = a.status(on="2019-09-01")
    assert after.state == "in-force"
    assert after.next_renewal == date(2019, 11, 23)


def test_revocation_after_the_effect_is_an_impossible_history() -> None:
    with pytest.raises(CatalogError, match=r"agreement\[1\]\.event\[2\].*no longer in force"):
        evergreen(
            """
            [[agreement.event]]
            date = 2019-08-01
            kind = "notice"
            party = "AA"
            [[agreement.event]]
            date = 2019-11-23
            kind = "revoke"
            party = "AA"
            """
        )


SUSPENDED = """
[[agreement.event]]
date = 2019-08-23
kind = "notice"
party = "AA"
[[agreement.event]]
date = 2019-11-22
kind = "suspend"
party = "AA"
on_resume = "{policy}"
[[agreement.event]]
date = 2021-03-01
kind = "resume"
party = "AA"
"""


@pytest.mark.parametrize(
    ("policy", "effective"),
    [
        ("immediate", date(2021, 3, 1)),  # max(original effect, resume day)
        ("remaining", date(2021, 3, 2)),  # one day was left when suspended
        ("restart", date(2021, 11, 23)),  # a fresh notice on 1 March 2021
    ],
)
def test_resume_dates_the_effect_by_the_catalogs_reading(policy: str, effective: date) -> None:
    a = evergreen(SUSPENDED.format(policy=policy))
    assert a.status(on="2020-06-01").state == "notice-suspended"
    status = a.status(on="2021-03-01")
    if effective == date(2021, 3, 1):
        assert (status.state, status.effective) == ("ended", effective)
    else:
        assert (status.state, status.effective) == ("notice-pending", effective)


def test_on_resume_override_rereads_the_history() -> None:
    a = evergreen(SUSPENDED.format(policy="immediate"))
    assert a.status(on="2021-03-01", on_resume="restart").effective == date(2021, 11, 23)
    assert a.status(on="2021-03-01", on_resume="remaining").effective == date(2021, 3, 2)
    assert a.status(on="2021-03-01").state == "ended"


def test_suspended_agreement_keeps_renewing() -> None:
    a = evergreen(SUSPENDED.format(policy="restart"))
    status = a.status(on="2020-11-23")
    assert (status.term_start, status.next_renewal) == (date(2020, 11, 23), date(2021, 11, 23))


def test_extension_moves_the_term_end_and_renewals_run_on_from_it() -> None:
    a = evergreen(
        """
        [[agreement.event]]
        date = 2019-10-01
        kind = "extend"
        until = 2020-02-29
        """
    )
    status = a.status(on="2019-12-01")
    assert (status.term_start, status.term_end) == (date(2018, 11, 23), date(2020, 3, 1))
    assert a.status(on="2020-03-01").term_end == date(2021, 3, 1)
    assert a.can_withdraw("AA", on="2019-12-01").last_notice_day == date(2019, 12, 1)


def test_defer_moves_the_effect_to_the_day_after_until() -> None:
    a = evergreen(
        """
        [[agreement.event]]
        date = 2019-08-01
        kind = "notice"
        party = "AA"
        [[agreement.event]]
        date = 2019-11-01
        kind = "defer"
        party = "AA"
        until = 2020-01-31
        """
    )
    assert a.status(on="2019-10-01").effective == date(2019, 11, 23)
    status = a.status(on="2019-11-01")
    assert (status.effective, status.next_renewal) == (date(2020, 2, 1), date(2019, 11, 23))


def test_terminate_ends_the_agreement_on_its_own_day() -> None:
    a = evergreen(
        """
        [[agreement.event]]
        date = 2021-05-05
        kind = "terminate"
        """
    )
    assert a.status(on="2021-05-04").state == "in-force"
    ended = a.status(on="2021-05-05", party="BB")
    assert (ended.state, ended.effective) == ("ended", date(2021, 5, 5))
    assert not a.can_withdraw("AA", on="2021-06-01").can_withdraw


MULTI = """
[[agreement]]
id = "multi"
name = "A multilateral convention"
parties = ["AA", "BB", "CC"]
in_force = 2000-01-01
[[agreement.exit]]
effect = "after-notice"
notice = "P1Y"
not_before = "P2Y"
[[agreement.event]]
date = 2001-06-01
kind = "join"
party = "CC"
effective = 2001-07-01
[[agreement.event]]
date = 2003-01-10
kind = "notice"
party = "AA"
[[agreement.event]]
date = 2005-03-01
kind = "join"
party = "AA"
effective = 2005-04-01
"""


def test_multilateral_withdrawal_only_ends_that_party() -> None:
    a = agreement(MULTI)
    assert a.status(on="2004-01-10", party="AA").state == "ended"
    assert a.status(on="2004-01-10", party="BB").state == "in-force"
    assert a.status(on="2004-01-10").state == "in-force"
    assert a.status(on="2003-06-01").state == "in-force"  # the whole ends only by expiry


def test_a_party_whose_first_event_is_a_join_is_bound_from_its_effective_day() -> None:
    a = agreement(MULTI)
    assert a.status(on="2001-06-30", party="CC").state == "not-in-force"
    assert a.status(on="2001-07-01", party="CC").state == "in-force"
    assert not a.can_withdraw("CC", on="2003-06-30").can_withdraw  # not before 2003-07-01
    assert a.can_withdraw("CC", on="2003-07-01").effective == date(2004, 7, 1)


def test_rejoining_party_is_ended_until_its_join_takes_effect_and_bar_restarts() -> None:
    a = agreement(MULTI)
    assert a.status(on="2005-03-31", party="AA").state == "ended"
    assert a.status(on="2005-04-01", party="AA").state == "in-force"
    assert not a.can_withdraw("AA", on="2007-03-31").can_withdraw
    assert a.can_withdraw("AA", on="2007-04-01").can_withdraw


def test_after_notice_named_later_date_and_not_effective_before() -> None:
    a = agreement(
        """
        [[agreement]]
        id = "bit"
        name = "An investment treaty"
        parties = ["AA", "BB"]
        in_force = 2001-06-06
        [[agreement.exit]]
        effect = "after-notice"
        notice = "P1Y"
        not_effective_before = "P10Y"
        [[agreement.event]]
        date = 2011-06-10
        kind = "notice"
        party = "AA"
        effective = 2013-01-01
        """
    )
    assert a.can_withdraw("BB", on="2002-01-01").effective == date(2011, 6, 6)
    assert a.status(on="2012-01-01").effective == date(2013, 1, 1)


def test_the_earliest_of_several_exits_applies() -> None:
    a = agreement(
        GSOMIA_TWO_EXITS := """
        [[agreement]]
        id = "two"
        name = "Two exits"
        parties = ["AA", "BB"]
        in_force = 2016-11-23
        term = "P1Y"
        renewal = "P1Y"
        [[agreement.exit]]
        effect = "end-of-term"
        notice = "P90D"
        [[agreement.exit]]
        effect = "after-notice"
        notice = "P6M"
        """
    )
    assert GSOMIA_TWO_EXITS
    assert a.can_withdraw("AA", on="2019-08-24").effective == date(2019, 11, 23)
    later = a.can_withdraw("AA", on="2019-08-25")
    assert (later.effective, later.last_notice_day) == (date(2020, 2, 25), None)


def test_expiring_agreement_without_renewal() -> None:
    a = agreement(
        """
        [[agreement]]
        id = "fixed"
        name = "A fixed term"
        parties = ["AA", "BB"]
        in_force = 2020-01-01
        term = "P2Y"
        """
    )
    assert a.status(on="2021-12-31").next_renewal is None
    expired = a.status(on="2022-01-01")
    assert (expired.state, expired.effective) == ("ended", date(2022, 1, 1))
    assert [d.kind for d in a.deadlines("2020-01-01", "2030-01-01")] == ["expiry"]


def test_an_agreement_without_exit_has_no_unilateral_way_out() -> None:
    a = agreement(
        """
        [[agreement]]
        id = "closed"
        name = "No exit"
        parties = ["AA", "BB"]
        in_force = 2020-01-01
        """
    )
    answer = a.can_withdraw("AA", on="2024-01-01")
    assert not answer.can_withdraw
    assert "no exit clause" in answer.reason


def test_a_day_starts_at_one_in_the_morning_where_clocks_skip_midnight() -> None:
    # Santiago moved its clocks from 00:00 to 01:00 on 2022-09-11.
    a = agreement(
        """
        [[agreement]]
        id = "chile"
        name = "Skipped midnight"
        parties = ["AA", "BB"]
        in_force = 2020-09-11
        timezone = "America/Santiago"
        term = "P2Y"
        """
    )
    status = a.status(on="2022-09-11")
    assert status.effective_at is not None
    assert status.effective_at.isoformat() == "2022-09-11T01:00:00-03:00"


@pytest.mark.parametrize("kind", EVENT_KINDS)
def test_an_event_of_a_file_gives_what_its_constructor_takes_and_must_give_what_it_needs(
    kind: str,
) -> None:
    made = EVENT_CLASSES[kind]
    values = {"party": "AA", "effective": date(2019, 9, 1), "until": date(2020, 1, 31),
              "on_resume": "restart"}  # fmt: skip
    written = [f'date = 2019-08-01\nkind = "{kind}"']
    written += [f"{key} = {value!r}" if isinstance(value, str) else f"{key} = {value}"
                for key, value in values.items() if key in made.takes]  # fmt: skip
    table = "\n".join(written).replace("'", '"')
    assert set(made.needs) <= set(made.takes) <= set(values)
    for left_out in made.needs:
        without = "\n".join(line for line in table.split("\n") if not line.startswith(left_out))
        with pytest.raises(CatalogError) as refused:
            evergreen(f"[[agreement.event]]\n{without}")
        assert refused.value.path.endswith(f"event[1].{left_out}")
        assert f"is required for {kind} events" in str(refused.value)
    for unused in set(values) - set(made.takes):
        value = values[unused]
        extra = f'{unused} = "{value}"' if isinstance(value, str) else f"{unused} = {value}"
        with pytest.raises(CatalogError) as refused:
            evergreen(f"[[agreement.event]]\n{table}\n{extra}")
        assert refused.value.path.endswith(f"event[1].{unused}")
        assert f"is not used by {kind} events" in str(refused.value)


def test_an_event_kind_whose_constructor_is_decorated_needs_what_the_constructor_needs() -> None:
    """What a tool that wraps functions (a mutation tester, a tracer) does to a constructor
    leaves the keys a kind needs as its constructor says them."""
    import functools

    from gsomia_clock.events import Notice

    def traced(init: Any) -> Any:
        @functools.wraps(init)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            return init(*args, **kwargs)

        return wrapper

    class TracedNotice(Notice):  # type: ignore[misc]
        __slots__ = ()
        _fields = Notice._fields
        __init__ = traced(Notice.__init__)

    assert TracedNotice.needs == Notice.needs == ("party",)
    assert TracedNotice.takes == Notice.takes == ("party", "effective")
