"""An agreement's history as snapshots: which snapshot governs a day, on which days what it fixed
changes, who is bound when, and how a resumed notice is dated under each reading."""

from __future__ import annotations

import textwrap
from collections import OrderedDict
from datetime import date

import pytest

from gsomia_clock import Agreement, Catalog, CatalogError
from gsomia_clock.timeline import Pending, Snapshot, Standing, Timelines, resume_effect

from .helpers import agreement

NEVER = date.max.toordinal() + 1  # what `changes` gives when nothing is left to change


def _next_change(treaty: Agreement, day: date) -> date | None:
    """The first day after `day` on which the facts of the snapshot governing it change."""
    timeline = treaty.timeline()
    found = timeline.changes(timeline.at(day), day)
    return None if found == NEVER else date.fromordinal(found)


# -- the days on which a snapshot's facts change -----------------------------------------------


@pytest.mark.parametrize(
    ("treaty", "day", "change"),
    [
        ("gsomia", date(2016, 1, 1), date(2016, 11, 23)),  # entry into force
        ("gsomia", date(2017, 1, 1), date(2019, 8, 23)),  # the next event: Seoul's notice
        ("gsomia", date(2019, 9, 1), date(2019, 11, 22)),  # the suspension, before the effect
        ("gsomia", date(2020, 1, 1), date(2023, 3, 21)),  # the revocation
        ("inf-treaty", date(2019, 3, 1), date(2019, 3, 4)),  # Russia suspends its compliance
        ("inf-treaty", date(2019, 3, 5), date(2019, 8, 2)),  # the notice ends the treaty
        ("paris-agreement", date(2020, 1, 1), date(2020, 11, 4)),  # a member's notice
        ("paris-agreement", date(2017, 1, 1), date(2019, 11, 4)),  # the exit opens: 3 years
        ("paris-agreement", date(2021, 1, 25), date(2021, 2, 19)),  # bound again
        ("paris-agreement", date(2021, 3, 1), date(2024, 2, 19)),  # 3 years from rejoining
        ("rome-statute", date(2004, 10, 1), date(2004, 12, 1)),  # Burundi bound
        ("new-start", date(2025, 6, 1), date(2026, 2, 5)),  # the extended term runs out
    ],
)
def test_the_facts_of_a_day_change_on_the_next_day_something_happens(
    catalog: Catalog, treaty: str, day: date, change: date
) -> None:
    assert _next_change(catalog[treaty], day) == change


def test_a_change_on_the_day_itself_is_behind_it(gsomia: Agreement) -> None:
    # on 23 November 2016 GSOMIA is in force: the next change is Seoul's notice
    assert _next_change(gsomia, date(2016, 11, 23)) == date(2019, 8, 23)
    assert _next_change(gsomia, date(2016, 11, 22)) == date(2016, 11, 23)


def test_nothing_changes_once_the_history_is_over(catalog: Catalog) -> None:
    assert _next_change(catalog["gsomia"], date(2024, 1, 1)) is None
    assert _next_change(catalog["inf-treaty"], date(2020, 1, 1)) is None


def test_the_days_of_change_are_the_same_when_asked_again(gsomia: Agreement) -> None:
    first = _next_change(gsomia, date(2017, 1, 1))
    assert _next_change(gsomia, date(2018, 1, 1)) == first == date(2019, 8, 23)
    assert _next_change(gsomia, date(2016, 1, 1)) == date(2016, 11, 23)


def test_an_exit_that_would_open_after_year_9999_never_opens() -> None:
    late = agreement(
        """
        [[agreement]]
        id = "late"
        name = "Late"
        parties = ["AA", "BB"]
        in_force = 9990-01-01

        [[agreement.exit]]
        effect = "after-notice"
        notice = "P1Y"
        not_before = "P20Y"
        """
    )
    assert _next_change(late, date(9995, 1, 1)) is None
    assert _next_change(late, date(9989, 1, 1)) == date(9990, 1, 1)


# -- snapshots ------------------------------------------------------------------------------------


def test_events_of_one_day_make_one_snapshot() -> None:
    pact = agreement(
        """
        [[agreement]]
        id = "pact"
        name = "Pact"
        parties = ["AA", "BB"]
        in_force = 2020-01-01

        [[agreement.exit]]
        effect = "after-notice"
        notice = "P6M"

        [[agreement.event]]
        date = 2021-01-01
        kind = "notice"
        party = "AA"

        [[agreement.event]]
        date = 2021-01-01
        kind = "suspend"
        party = "AA"
        """
    )
    timeline = pact.timeline()
    assert [s.since for s in timeline.snapshots] == [date.min, date(2021, 1, 1)]
    assert timeline.snapshots[-1].applied == 2
    notice = timeline.at(date(2021, 1, 1)).standing("AA").notice
    assert notice is not None and notice.suspended


def test_the_snapshot_of_a_day_is_the_last_one_on_or_before_it(gsomia: Agreement) -> None:
    timeline = gsomia.timeline()
    assert timeline.at(date(2019, 8, 22)).applied == 0
    assert timeline.at(date(2019, 8, 23)).applied == 1
    assert timeline.at(date(2019, 11, 21)).applied == 1
    assert timeline.at(date(2019, 11, 22)).applied == 2
    assert timeline.at(date(2030, 1, 1)).applied == 3


def test_a_snapshot_knows_only_its_parties(gsomia: Agreement) -> None:
    snapshot = gsomia.timeline().at(date(2020, 1, 1))
    assert snapshot.standing("JP").party == "JP"
    with pytest.raises(KeyError, match="US"):
        snapshot.standing("US")


def test_a_suspended_notice_is_not_pending(gsomia: Agreement) -> None:
    timeline = gsomia.timeline()
    assert [n.party for n in timeline.at(date(2019, 9, 1)).pending()] == ["KR"]
    assert timeline.at(date(2020, 1, 1)).pending() == ()
    # suspended, the notice no longer ends the agreement
    assert timeline.at(date(2019, 9, 1)).end is not None
    assert timeline.at(date(2020, 1, 1)).end is None


def test_the_earlier_of_a_notice_and_the_term_running_out_ends_an_agreement() -> None:
    fixed = agreement(
        """
        [[agreement]]
        id = "fixed"
        name = "Fixed"
        parties = ["AA", "BB"]
        in_force = 2020-01-01
        term = "P2Y"

        [[agreement.exit]]
        effect = "after-notice"
        notice = "P6M"

        [[agreement.event]]
        date = 2021-03-01
        kind = "notice"
        party = "AA"
        """
    )
    end = fixed.timeline().at(date(2021, 3, 1)).end
    assert end is not None
    assert (end.day, end.cause, end.party) == (date(2021, 9, 1), "notice", "AA")
    expiry = fixed.timeline().at(date(2020, 3, 1)).end
    assert expiry is not None
    assert (expiry.day, expiry.cause, expiry.party) == (date(2022, 1, 1), "expiry", None)


# -- who is bound, and since when --------------------------------------------------------------


def test_a_party_is_bound_from_its_first_day_to_the_day_before_it_is_released() -> None:
    member = Standing("AA", bound_from=date(2020, 1, 1), bound_until=date(2021, 1, 1))
    assert not member.bound_on(date(2019, 12, 31))
    assert member.bound_on(date(2020, 1, 1))
    assert member.bound_on(date(2020, 12, 31))
    assert not member.bound_on(date(2021, 1, 1))
    assert member.left_on(date(2020, 12, 31)) is None
    assert member.left_on(date(2021, 1, 1)) == date(2021, 1, 1)
    assert not Standing("AA", bound_from=None).bound_on(date(2020, 1, 1))
    assert Standing("AA", bound_from=date(2020, 1, 1)).bound_on(date(9999, 12, 31))


def test_a_party_is_released_on_the_day_its_notice_takes_effect(gsomia: Agreement) -> None:
    korea = gsomia.timeline().at(date(2019, 9, 1)).standing("KR")
    assert korea.bound_on(date(2019, 11, 22))
    assert not korea.bound_on(date(2019, 11, 23))
    assert korea.left_on(date(2019, 11, 22)) is None
    assert korea.left_on(date(2019, 11, 23)) == date(2019, 11, 23)
    suspended = gsomia.timeline().at(date(2020, 1, 1)).standing("KR")
    assert suspended.bound_on(date(2020, 1, 1))
    assert suspended.left_on(date(2020, 1, 1)) is None


def test_a_party_that_left_and_rejoined_left_on_its_first_release(catalog: Catalog) -> None:
    paris = catalog["paris-agreement"].timeline()
    united_states = paris.at(date(2021, 1, 25)).standing("US")
    assert united_states.bound_from == date(2021, 2, 19)
    assert united_states.left_on(date(2021, 1, 25)) == date(2020, 11, 4)
    assert united_states.left_on(date(2021, 2, 18)) == date(2020, 11, 4)
    assert united_states.left_on(date(2021, 2, 19)) is None
    assert united_states.bound_on(date(2021, 2, 19))
    never_joined = Standing("AA", bound_from=None, left_before=date(2020, 1, 1))
    assert never_joined.left_on(date(2030, 1, 1)) == date(2020, 1, 1)


CLUB = """
[[agreement]]
id = "club"
name = "Club"
parties = ["AA", "BB", "CC"]
multilateral = true
in_force = 2010-01-01

[[agreement.exit]]
effect = "after-notice"
notice = "P6M"

[[agreement.event]]
date = 2020-01-01
kind = "notice"
party = "AA"
"""


def test_a_member_may_rejoin_on_the_day_its_withdrawal_takes_effect() -> None:
    club = agreement(
        CLUB
        + """
        [[agreement.event]]
        date = 2020-07-01
        kind = "join"
        party = "AA"
        effective = 2020-08-01
        """
    )
    assert club.status(on="2020-07-15", party="AA").state == "ended"
    assert club.status(on="2020-08-01", party="AA").state == "in-force"
    standing = club.timeline().at(date(2020, 7, 1)).standing("AA")
    assert (standing.bound_from, standing.left_before) == (date(2020, 8, 1), date(2020, 7, 1))


def test_no_event_may_come_on_the_day_a_notice_ends_a_bilateral_agreement() -> None:
    bilateral = CLUB.replace("multilateral = true\n", "").replace(', "CC"]', "]")
    with pytest.raises(CatalogError, match="no longer in force from 2020-07-01"):
        agreement(
            bilateral
            + """
            [[agreement.event]]
            date = 2020-07-01
            kind = "notice"
            party = "BB"
            """
        )
    # the day before, the other party may still give notice
    both = agreement(
        bilateral
        + """
        [[agreement.event]]
        date = 2020-06-30
        kind = "notice"
        party = "BB"
        """
    )
    assert both.status(on="2020-06-30").state == "notice-pending"


def test_the_compiled_histories_are_kept_one_per_reading() -> None:
    fresh = agreement(
        CLUB
        + """
        [[agreement.event]]
        date = 2020-02-01
        kind = "suspend"
        party = "AA"
        """
    )
    assert fresh.timeline() is fresh.timeline()
    assert fresh.timeline("restart") is fresh.timeline("restart")
    assert fresh.timeline("restart") is not fresh.timeline()
    assert repr(fresh.timelines) == "<Timelines: 2 compiled>"


@pytest.fixture
def three_of_two_kept(monkeypatch: pytest.MonkeyPatch) -> tuple[Agreement, Agreement, Agreement]:
    """Three agreements, where the process keeps the histories of two at most."""
    monkeypatch.setattr(Timelines, "KEPT", 2)
    monkeypatch.setattr(Timelines, "_recent", OrderedDict())
    first, second, third = (agreement(CLUB) for _ in range(3))
    return first, second, third


def test_the_histories_compiled_longest_ago_are_let_go_and_compiled_again_the_same(
    three_of_two_kept: tuple[Agreement, Agreement, Agreement],
) -> None:
    first, second, third = three_of_two_kept
    answer = first.status(on="2020-03-01")
    kept = first.timeline()
    assert kept.remembered  # the answer is remembered with the history it came from
    second.timeline()
    assert first.timelines.ready(None) is kept  # two kept: nothing let go yet
    third.timeline()
    assert first.timelines.ready(None) is None  # the third let the first go, answers and all
    assert repr(first.timelines) == "<Timelines: 0 compiled>"
    assert second.timelines.ready(None) is not None and third.timelines.ready(None) is not None
    again = first.timeline()
    assert again is not kept and again.snapshots == kept.snapshots
    assert not again.remembered and first.status(on="2020-03-01") == answer
    assert second.timelines.ready(None) is None  # compiling the first again let the second go


def test_histories_let_go_leave_room_for_others_and_are_counted_once(
    three_of_two_kept: tuple[Agreement, Agreement, Agreement],
) -> None:
    # A command that goes over a register once lets each history go when it is done with it:
    # that makes room, so that the histories compiled after it are not let go in its stead.
    first, second, third = three_of_two_kept
    first.timeline()
    first.timelines.forget()
    second.timeline()
    third.timeline()  # two held: the first let go made room for the third
    assert second.timelines.ready(None) is not None and third.timelines.ready(None) is not None
    third.timelines.forget()
    third.timeline()  # compiled again: counted once, not twice
    assert second.timelines.ready(None) is not None and third.timelines.ready(None) is not None


# -- a suspended notice resumed, under each reading ---------------------------------------------


def _resumed(treaty: Agreement, party: str, day: date, policy: str) -> tuple[date, str]:
    timeline = treaty.timeline()
    snapshot: Snapshot = timeline.at(day)
    notice: Pending | None = snapshot.standing(party).notice
    assert notice is not None and notice.suspended
    effective, _, text = resume_effect(timeline, snapshot, notice, day, policy)  # type: ignore[arg-type]
    return effective, text


def test_korea_resuming_on_1_january_2020_under_each_reading(gsomia: Agreement) -> None:
    day = date(2020, 1, 1)
    assert _resumed(gsomia, "KR", day, "immediate") == (
        day,
        "resumed on 2020-01-01 under 'immediate': effect on the later of the original effect "
        "2019-11-23 and the resume day = 2020-01-01",
    )
    assert _resumed(gsomia, "KR", day, "remaining") == (
        date(2020, 1, 2),
        "resumed on 2020-01-01 under 'remaining': 2019-11-23 − 2019-11-22 = 1 day left when "
        "suspended; 2020-01-01 + 1 day = 2020-01-02",
    )
    effective, text = _resumed(gsomia, "KR", day, "restart")
    assert effective == date(2020, 11, 23)
    assert text.startswith(
        "resumed on 2020-01-01 under 'restart', as a fresh notice received that day: the term "
        "ends on 2016-11-23 + 4 years = 2020-11-23; "
    )
    assert text.endswith(
        "notice must be received before 00:00 KST on 25 August 2020, so the last day is Monday "
        "24 August 2020"
    )


def test_a_notice_resumed_keeps_the_days_it_had_left_when_suspended() -> None:
    pact = agreement(
        """
        [[agreement]]
        id = "pact"
        name = "Pact"
        parties = ["AA", "BB"]
        in_force = 2020-01-01

        [[agreement.exit]]
        effect = "after-notice"
        notice = "P6M"

        [[agreement.event]]
        date = 2021-01-04
        kind = "notice"
        party = "AA"

        [[agreement.event]]
        date = 2021-03-01
        kind = "suspend"
        party = "AA"
        on_resume = "remaining"
        """
    )
    effective, text = _resumed(pact, "AA", date(2022, 1, 1), "remaining")
    assert effective == date(2022, 5, 6)  # 2021-07-04 − 2021-03-01 = 125 days
    assert text == (
        "resumed on 2022-01-01 under 'remaining': 2021-07-04 − 2021-03-01 = 125 days left when "
        "suspended; 2022-01-01 + 125 days = 2022-05-06"
    )
    # a notice resumed before its original effect takes effect then, not earlier
    assert _resumed(pact, "AA", date(2021, 5, 1), "immediate")[0] == date(2021, 7, 4)


def test_a_restart_with_no_term_end_left_cannot_be_dated() -> None:
    fixed = agreement(
        """
        [[agreement]]
        id = "fixed"
        name = "Fixed"
        parties = ["AA", "BB"]
        in_force = 2020-01-01
        term = "P2Y"

        [[agreement.exit]]
        effect = "end-of-term"
        notice = "P90D"

        [[agreement.event]]
        date = 2020-06-01
        kind = "notice"
        party = "AA"

        [[agreement.event]]
        date = 2020-07-01
        kind = "suspend"
        party = "AA"
        on_resume = "restart"
        """
    )
    assert _resumed(fixed, "AA", date(2021, 6, 1), "restart")[0] == date(2022, 1, 1)
    with pytest.raises(CatalogError) as refused:
        _resumed(fixed, "AA", date(2021, 12, 1), "restart")
    assert refused.value.reason == (
        "under 'restart' no term end is left at which a fresh notice takes effect"
    )


# -- events checked against the day they happen ---------------------------------------------------

PACT = """
[[agreement]]
id = "pact"
name = "Pact"
parties = ["AA", "BB"]
in_force = 2011-02-05
term = "P10Y"

[[agreement.exit]]
effect = "end-of-term"
notice = "P90D"
"""


def _with_events(base: str, events: str) -> Agreement:
    return agreement(base + textwrap.dedent(events))


def _refused(base: str, events: str) -> str:
    with pytest.raises(CatalogError) as refused:
        _with_events(base, events)
    return refused.value.reason


def test_an_agreement_may_be_terminated_on_the_day_it_enters_into_force() -> None:
    pact = _with_events(PACT, '[[agreement.event]]\ndate = 2011-02-05\nkind = "terminate"\n')
    assert pact.status(on="2011-02-05").state == "ended"
    reason = _refused(PACT, '[[agreement.event]]\ndate = 2011-02-04\nkind = "terminate"\n')
    assert reason.endswith("the agreement is not in force until 2011-02-05")


def test_a_term_may_be_extended_on_its_last_day_until_that_day() -> None:
    pact = _with_events(
        PACT, '[[agreement.event]]\ndate = 2021-02-04\nkind = "extend"\nuntil = 2021-02-04\n'
    )
    assert pact.status(on="2021-02-04").term_end == date(2021, 2, 5)


def test_a_notice_deferred_until_the_day_of_deferral_takes_effect_the_next_day() -> None:
    pact = _with_events(
        PACT,
        """
        [[agreement.event]]
        date = 2020-10-01
        kind = "notice"
        party = "AA"

        [[agreement.event]]
        date = 2020-11-01
        kind = "defer"
        party = "AA"
        until = 2020-11-01
        """,
    )
    assert pact.status(on="2020-11-01").effective == date(2020, 11, 2)


def test_a_notice_after_the_last_deadline_of_a_fixed_term_has_no_term_end_to_take_effect_at() -> (
    None
):
    reason = _refused(
        PACT, '[[agreement.event]]\ndate = 2021-01-01\nkind = "notice"\nparty = "AA"\n'
    )
    assert reason.endswith(": No term end is left at which a notice could take effect")


def test_a_second_notice_while_the_first_is_suspended_is_refused() -> None:
    reason = _refused(
        PACT,
        """
        [[agreement.event]]
        date = 2020-10-01
        kind = "notice"
        party = "AA"

        [[agreement.event]]
        date = 2020-10-02
        kind = "suspend"
        party = "AA"

        [[agreement.event]]
        date = 2020-10-03
        kind = "notice"
        party = "AA"
        """,
    )
    assert reason.endswith(": AA already has a suspended notice (received 2020-10-01)")


MEMBERS = """
[[agreement]]
id = "members"
name = "Members"
parties = ["AA", "BB", "CC"]
multilateral = true
in_force = 2010-01-01

[[agreement.exit]]
effect = "after-notice"
notice = "P1Y"
not_before = "P3Y"
"""


def test_a_party_that_joins_before_entry_into_force_is_bound_from_entry_into_force() -> None:
    members = _with_events(
        MEMBERS,
        """
        [[agreement.event]]
        date = 2009-06-01
        kind = "join"
        party = "AA"
        effective = 2009-07-01
        """,
    )
    standing = members.timeline().at(date(2009, 6, 1)).standing("AA")
    assert standing.bound_from == date(2010, 1, 1)


def test_the_exit_opens_for_the_members_while_another_has_yet_to_join() -> None:
    members = _with_events(
        MEMBERS,
        """
        [[agreement.event]]
        date = 2015-01-01
        kind = "join"
        party = "AA"
        effective = 2015-02-01
        """,
    )
    # BB and CC, bound from 2010, may give notice from 2013; AA has not joined by then
    assert _next_change(members, date(2011, 1, 1)) == date(2013, 1, 1)


def test_a_party_not_yet_bound_or_no_longer_bound_may_not_give_notice() -> None:
    early = _refused(
        MEMBERS,
        """
        [[agreement.event]]
        date = 2015-01-01
        kind = "join"
        party = "AA"
        effective = 2015-02-01

        [[agreement.event]]
        date = 2015-01-15
        kind = "notice"
        party = "AA"
        """,
    )
    assert early.endswith(": AA is not bound yet on 2015-01-15")
    late = _refused(
        MEMBERS,
        """
        [[agreement.event]]
        date = 2014-01-01
        kind = "notice"
        party = "AA"

        [[agreement.event]]
        date = 2015-06-01
        kind = "notice"
        party = "AA"
        """,
    )
    assert late.endswith(": AA is no longer bound on 2015-06-01")


def test_a_join_may_not_take_effect_before_its_own_day() -> None:
    reason = _refused(
        MEMBERS,
        """
        [[agreement.event]]
        date = 2015-01-01
        kind = "join"
        party = "AA"
        effective = 2014-12-01
        """,
    )
    assert reason.endswith(": effective 2014-12-01 is before the day of the join itself")


def test_a_notice_restarted_still_may_not_take_effect_before_the_treatys_floor() -> None:
    # an investment treaty: one year's notice, never effective in its first ten years
    treaty = agreement(
        """
        [[agreement]]
        id = "bit"
        name = "BIT"
        parties = ["AA", "BB"]
        in_force = 2001-06-06

        [[agreement.exit]]
        effect = "after-notice"
        notice = "P1Y"
        not_effective_before = "P10Y"

        [[agreement.event]]
        date = 2005-01-01
        kind = "notice"
        party = "AA"

        [[agreement.event]]
        date = 2006-01-01
        kind = "suspend"
        party = "AA"
        on_resume = "restart"
        """
    )
    effective, text = _resumed(treaty, "AA", date(2007, 1, 1), "restart")
    assert effective == date(2011, 6, 6)
    assert text.startswith("resumed on 2007-01-01 under 'restart', as a fresh notice received")


OPENS_LATE = """
[[agreement]]
id = "late"
name = "Late"
parties = ["AA", "BB"]
in_force = 2020-01-01
term = "P2Y"

[[agreement.exit]]
effect = "end-of-term"
notice = "P90D"
not_before = "P1Y11M"
"""


def test_a_clause_opening_after_the_last_deadline_leaves_no_term_end_from_its_first_day() -> None:
    # notice may be given from 1 December 2021; the only term ends on 1 January 2022, and its
    # deadline passed on 2 October
    on_the_day = _refused(
        OPENS_LATE, '[[agreement.event]]\ndate = 2021-12-01\nkind = "notice"\nparty = "AA"\n'
    )
    assert on_the_day.endswith(": No term end is left at which a notice could take effect")
    before = _refused(
        OPENS_LATE, '[[agreement.event]]\ndate = 2021-11-30\nkind = "notice"\nparty = "AA"\n'
    )
    assert before.endswith(
        ": AA may not give notice before Wednesday 1 December 2021 (bound from 2020-01-01)"
    )


def test_a_notice_explains_its_deadline_in_the_agreements_zone(gsomia: Agreement) -> None:
    notice = gsomia.timeline().at(date(2019, 9, 1)).standing("KR").notice
    assert notice is not None
    assert notice.steps(gsomia.zone)[0] == "notice received on 2019-08-23"
    assert notice.steps(gsomia.zone)[-1] == (
        "2019-11-23 − 90 days = 2019-08-25: notice must be received before 00:00 KST on "
        "25 August 2019, so the last day is Saturday 24 August 2019"
    )


def test_each_event_on_a_notice_is_among_its_events_and_steps(catalog: Catalog) -> None:
    # Seoul's notice was suspended; Pyongyang's resumed; London's deferred
    korea = catalog["gsomia"].status(on="2020-01-01").explanation
    assert any(line.startswith("event: 2019-11-22 suspend by KR") for line in korea)
    dprk = catalog["npt"].status(on="2003-02-01", party="KP").explanation
    assert any(line.startswith("event: 2003-01-10 resume by KP") for line in dprk)
    assert any(line.startswith("KP: resumed on 2003-01-10 under 'restart'") for line in dprk)
    britain = catalog["teu-article-50"].status(on="2019-06-01", party="GB").explanation
    assert any(line.startswith("event: 2019-04-11 defer of GB's notice") for line in britain)
    assert "GB: deferred on 2019-04-11 until 2019-10-31: effect on 2019-11-01" in britain


def test_a_suspended_notice_must_be_resumed_before_it_is_deferred() -> None:
    reason = _refused(
        PACT,
        """
        [[agreement.event]]
        date = 2020-10-01
        kind = "notice"
        party = "AA"

        [[agreement.event]]
        date = 2020-10-02
        kind = "suspend"
        party = "AA"

        [[agreement.event]]
        date = 2020-10-03
        kind = "defer"
        party = "AA"
        until = 2021-06-01
        """,
    )
    assert reason.endswith(": AA's notice is suspended; resume it before deferring it")


def test_two_notices_ending_gsomia_on_one_day_end_it_as_the_pending_status_says() -> None:
    both = agreement(
        """
        [[agreement]]
        id = "both"
        name = "Both (BOTH)"
        parties = ["KR", "JP"]
        in_force = 2016-11-23
        term = "P1Y"
        renewal = "P1Y"

        [[agreement.exit]]
        effect = "end-of-term"
        notice = "P90D"

        [[agreement.event]]
        date = 2019-08-23
        kind = "notice"
        party = "KR"

        [[agreement.event]]
        date = 2019-08-24
        kind = "notice"
        party = "JP"
        """
    )
    pending = both.status(on="2019-09-01").reason
    assert pending.startswith("KR's notice of Friday 23 August 2019 takes effect on")
    assert both.status(on="2019-12-01").reason == (
        "No longer in force from Saturday 23 November 2019: KR's notice of 2019-08-23."
    )


# -- an operation suspended and resumed; a notice taking effect as the last term runs out ------


def test_an_operation_may_resume_on_the_day_its_suspension_takes_effect() -> None:
    club = agreement(
        CLUB
        + """
        [[agreement.event]]
        date = 2020-01-01
        kind = "suspend-operation"
        party = "BB"
        effective = 2020-02-01

        [[agreement.event]]
        date = 2020-02-01
        kind = "resume-operation"
        party = "BB"
        """
    )
    standing = club.timeline().at(date(2020, 2, 1)).standing("BB")
    assert standing.operation_suspended is None and standing.bound_on(date(2020, 2, 1))


def test_a_notice_taking_effect_as_the_last_term_runs_out_keeps_its_last_notice_day() -> None:
    fixed = agreement(
        """
        [[agreement]]
        id = "fixed"
        name = "A fixed term"
        parties = ["AA", "BB"]
        in_force = 2020-01-01
        term = "P5Y"

        [[agreement.exit]]
        effect = "end-of-term"
        notice = "P90D"
        """
    )
    answer = fixed.can_withdraw("AA", on="2024-06-01")
    assert (answer.effective, answer.last_notice_day) == (date(2025, 1, 1), date(2024, 10, 2))
