"""Exit clauses: when a notice takes effect, its deadline, and which clause wins."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from gsomia_clock import Agreement, CatalogError, Duration
from gsomia_clock.exits import Exit, earliest_withdrawal, last_chance
from gsomia_clock.terms import Terms

from .helpers import agreement

SEOUL = ZoneInfo("Asia/Seoul")
IN_FORCE = date(2016, 11, 23)
YEARLY = Terms.from_catalog(IN_FORCE, Duration(years=1), Duration(years=1))
ONE_TERM = Terms.from_catalog(IN_FORCE, Duration(years=1), None)
NINETY_DAYS = Exit("end-of-term", Duration(days=90))
SIX_MONTHS_AFTER = Exit("after-notice", Duration(months=6))


# -- the clause itself ------------------------------------------------------------------------


def test_an_exit_of_an_unknown_kind_is_refused() -> None:
    with pytest.raises(
        TypeError,
        match=r"^Exit\.effect: 'at-once' is not one of end-of-term, after-notice, end-of-period$",
    ):
        Exit("at-once", Duration(days=90))  # type: ignore[arg-type]


def test_a_notice_period_written_as_text_is_refused() -> None:
    with pytest.raises(
        TypeError,
        match=r"^Exit\.notice: 'P90D' is not a Duration \(use Duration\.parse\('P90D'\)\)$",
    ):
        Exit("end-of-term", "P90D")  # type: ignore[arg-type]


def test_an_exit_needs_a_notice_period() -> None:
    with pytest.raises(TypeError, match=r"^Exit\.notice: None is not a Duration"):
        Exit("after-notice", None)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["not_before", "not_effective_before"])
def test_the_bars_are_durations_too(name: str) -> None:
    with pytest.raises(TypeError, match=rf"^Exit\.{name}: 'P3Y' is not a Duration"):
        Exit("after-notice", Duration(days=1), **{name: "P3Y"})  # type: ignore[arg-type]


def test_the_bars_may_be_left_out() -> None:
    clause = Exit("after-notice", Duration(years=1), None, None)
    assert (clause.not_before, clause.not_effective_before) == (None, None)


def test_without_a_bar_notice_may_be_given_from_the_first_day_bound() -> None:
    assert NINETY_DAYS.first_notice_day(date(2020, 3, 1), IN_FORCE) == date(2020, 3, 1)


def test_a_bar_of_three_years_opens_notice_three_years_after_being_bound() -> None:
    paris = Exit("after-notice", Duration(years=1), not_before=Duration(years=3))
    assert paris.first_notice_day(date(2016, 11, 4), date(2016, 11, 4)) == date(2019, 11, 4)
    # a party bound later counts its own three years
    assert paris.first_notice_day(date(2018, 1, 1), date(2016, 11, 4)) == date(2021, 1, 1)


def test_a_bar_counted_from_the_agreement_is_the_same_for_every_party() -> None:
    # NATO art. 13: "After the Treaty has been in force for twenty years …"
    nato = Exit(
        "after-notice",
        Duration(years=1),
        not_before=Duration(years=20),
        not_before_from="agreement",
    )
    in_force = date(1949, 8, 24)
    assert nato.first_notice_day(in_force, in_force) == date(1969, 8, 24)
    assert nato.first_notice_day(date(1952, 2, 18), in_force) == date(1969, 8, 24)


# -- after-notice -----------------------------------------------------------------------------


def test_an_after_notice_exit_takes_effect_when_the_period_runs_out() -> None:
    w = SIX_MONTHS_AFTER.withdrawal(date(2019, 2, 2), None, date(1988, 6, 1))
    assert w is not None
    assert (w.received, w.effective, w.natural) == (
        date(2019, 2, 2),
        date(2019, 8, 2),
        date(2019, 8, 2),
    )
    assert (w.door, w.last_notice_day, w.named, w.floor) == (None,) * 4
    assert w.steps == ("2019-02-02 + 6 months = 2019-08-02",)
    assert w.explain(SEOUL) == w.steps


def test_an_after_notice_exit_ignores_the_terms() -> None:
    w = SIX_MONTHS_AFTER.withdrawal(date(2019, 2, 2), YEARLY, IN_FORCE)
    assert w is not None
    assert w.effective == date(2019, 8, 2)
    assert w.terms is None


def test_a_notice_naming_a_later_day_takes_effect_that_day() -> None:
    w = SIX_MONTHS_AFTER.withdrawal(date(2019, 2, 2), None, IN_FORCE, named=date(2019, 12, 31))
    assert w is not None
    assert w.effective == date(2019, 12, 31)
    assert w.steps == (
        "2019-02-02 + 6 months = 2019-08-02",
        "the notice names a later day, 2019-12-31",
    )


def test_a_notice_naming_an_earlier_day_takes_effect_when_the_period_runs_out() -> None:
    w = SIX_MONTHS_AFTER.withdrawal(date(2019, 2, 2), None, IN_FORCE, named=date(2019, 3, 1))
    assert w is not None
    assert w.effective == date(2019, 8, 2)
    assert w.steps == ("2019-02-02 + 6 months = 2019-08-02",)


def test_no_withdrawal_takes_effect_before_the_floor() -> None:
    clause = Exit("after-notice", Duration(months=6), not_effective_before=Duration(years=10))
    w = clause.withdrawal(date(2017, 1, 10), None, IN_FORCE)
    assert w is not None
    assert (w.effective, w.floor) == (date(2026, 11, 23), date(2026, 11, 23))
    assert w.steps == (
        "2017-01-10 + 6 months = 2017-07-10",
        "no withdrawal takes effect before 2026-11-23",
    )


def test_a_floor_already_passed_changes_nothing() -> None:
    clause = Exit("after-notice", Duration(months=6), not_effective_before=Duration(years=1))
    w = clause.withdrawal(date(2019, 2, 2), None, IN_FORCE)
    assert w is not None
    assert (w.effective, w.floor) == (date(2019, 8, 2), date(2017, 11, 23))
    assert w.steps == ("2019-02-02 + 6 months = 2019-08-02",)


def test_a_named_day_beyond_the_floor_is_the_one_explained() -> None:
    clause = Exit("after-notice", Duration(months=6), not_effective_before=Duration(years=3))
    w = clause.withdrawal(date(2019, 2, 2), None, IN_FORCE, named=date(2020, 1, 1))
    assert w is not None
    assert w.effective == date(2020, 1, 1)
    assert w.steps[1:] == ("the notice names a later day, 2020-01-01",)


# -- end-of-term ------------------------------------------------------------------------------


def test_an_end_of_term_exit_without_terms_has_nothing_to_end() -> None:
    assert NINETY_DAYS.withdrawal(date(2019, 8, 1), None, IN_FORCE) is None


def test_notice_on_the_last_notice_day_stops_the_coming_renewal() -> None:
    w = NINETY_DAYS.withdrawal(date(2019, 8, 24), YEARLY, IN_FORCE)
    assert w is not None
    assert (w.effective, w.door, w.last_notice_day, w.k) == (
        date(2019, 11, 23), date(2019, 8, 25), date(2019, 8, 24), 2,
    )  # fmt: skip
    assert w.terms is YEARLY
    assert w.steps == ("the term ends on 2016-11-23 + 3 years = 2019-11-23",)


def test_notice_a_day_late_waits_for_the_following_term_end() -> None:
    w = NINETY_DAYS.withdrawal(date(2019, 8, 25), YEARLY, IN_FORCE)
    assert w is not None
    assert (w.effective, w.last_notice_day, w.k) == (date(2020, 11, 23), date(2020, 8, 24), 3)


def test_notice_on_a_renewal_day_aims_at_the_next_term_end() -> None:
    w = NINETY_DAYS.withdrawal(date(2019, 11, 23), YEARLY, IN_FORCE)
    assert w is not None
    assert w.effective == date(2020, 11, 23)


def test_too_late_for_the_last_term_end_is_no_withdrawal() -> None:
    assert NINETY_DAYS.withdrawal(date(2017, 8, 25), ONE_TERM, IN_FORCE) is None
    assert NINETY_DAYS.withdrawal(date(2017, 8, 24), ONE_TERM, IN_FORCE) is not None


def test_a_named_day_after_the_next_term_end_moves_the_effect_to_a_later_one() -> None:
    w = NINETY_DAYS.withdrawal(date(2019, 8, 1), YEARLY, IN_FORCE, named=date(2020, 1, 1))
    assert w is not None
    assert w.effective == date(2020, 11, 23)


@pytest.mark.parametrize(
    ("named", "effective"),
    [
        (date(2019, 11, 22), date(2019, 11, 23)),
        (date(2019, 11, 23), date(2019, 11, 23)),
        (date(2019, 11, 24), date(2020, 11, 23)),
    ],
)
def test_a_named_day_on_or_before_a_term_end_is_met_by_it(named: date, effective: date) -> None:
    w = NINETY_DAYS.withdrawal(date(2019, 8, 1), YEARLY, IN_FORCE, named=named)
    assert w is not None
    assert w.effective == effective


def test_a_named_day_the_day_after_the_notice_changes_nothing() -> None:
    received = date(2019, 11, 21)
    w = NINETY_DAYS.withdrawal(received, YEARLY, IN_FORCE, named=date(2019, 11, 22))
    assert w is not None
    assert w.effective == date(2020, 11, 23)


@pytest.mark.parametrize(
    ("years", "effective"),
    [(3, date(2019, 11, 23)), (2, date(2018, 11, 23))],
)
def test_a_floor_on_a_term_end_is_met_by_it(years: int, effective: date) -> None:
    clause = Exit("end-of-term", Duration(days=90), not_effective_before=Duration(years=years))
    w = clause.withdrawal(date(2017, 1, 10), YEARLY, IN_FORCE)
    assert w is not None
    assert w.effective == effective


def test_a_floor_the_day_after_a_term_end_moves_the_effect_a_term_on() -> None:
    clause = Exit("end-of-term", Duration(days=90), not_effective_before=Duration(years=3, days=1))
    w = clause.withdrawal(date(2017, 1, 10), YEARLY, IN_FORCE)
    assert w is not None
    assert w.effective == date(2020, 11, 23)


def test_a_named_day_after_a_term_end_wins_over_a_floor_on_it() -> None:
    clause = Exit("end-of-term", Duration(days=90), not_effective_before=Duration(years=3))
    w = clause.withdrawal(date(2019, 8, 1), YEARLY, IN_FORCE, named=date(2019, 11, 24))
    assert w is not None
    assert w.effective == date(2020, 11, 23)


def test_a_floor_the_day_after_the_notice_changes_nothing() -> None:
    clause = Exit("end-of-term", Duration(days=90), not_effective_before=Duration(days=1))
    w = clause.withdrawal(date(2016, 11, 23), YEARLY, IN_FORCE)
    assert w is not None
    assert w.effective == date(2017, 11, 23)


def test_a_notice_period_in_months_is_counted_back_from_the_term_end() -> None:
    clause = Exit("end-of-term", Duration(months=3))
    in_time = clause.withdrawal(date(2019, 8, 22), YEARLY, IN_FORCE)
    late = clause.withdrawal(date(2019, 8, 23), YEARLY, IN_FORCE)
    assert in_time is not None
    assert late is not None
    assert (in_time.effective, in_time.last_notice_day) == (date(2019, 11, 23), date(2019, 8, 22))
    assert late.effective == date(2020, 11, 23)


def test_the_explanation_ends_with_the_instant_the_window_closes() -> None:
    w = NINETY_DAYS.withdrawal(date(2027, 8, 1), YEARLY, IN_FORCE)
    assert w is not None
    assert w.explain(SEOUL) == (
        w.steps[0],
        "2027-11-23 − 90 days = 2027-08-25: notice must be received before 00:00 KST on "
        "25 August 2027, so the last day is Tuesday 24 August 2027",
    )


# -- several clauses --------------------------------------------------------------------------


def test_with_no_clause_there_is_no_way_out() -> None:
    assert earliest_withdrawal((), date(2019, 8, 1), IN_FORCE, YEARLY, IN_FORCE) is None


def test_the_clause_with_the_earliest_effect_applies_whatever_its_place() -> None:
    at_once = Exit("after-notice", Duration(days=30))
    for exits in ((NINETY_DAYS, at_once), (at_once, NINETY_DAYS)):
        w = earliest_withdrawal(exits, date(2019, 8, 1), IN_FORCE, YEARLY, IN_FORCE)
        assert w is not None
        assert (w.exit, w.effective) == (at_once, date(2019, 8, 31))


def test_a_clause_barred_on_the_day_does_not_apply() -> None:
    barred = Exit("after-notice", Duration(days=30), not_before=Duration(years=5))
    exits = (barred, NINETY_DAYS)
    w = earliest_withdrawal(exits, date(2019, 8, 1), IN_FORCE, YEARLY, IN_FORCE)
    assert w is not None
    assert w.exit == NINETY_DAYS
    opened = earliest_withdrawal(exits, date(2021, 11, 23), IN_FORCE, YEARLY, IN_FORCE)
    assert opened is not None
    assert (opened.exit, opened.effective) == (barred, date(2021, 12, 23))


def test_a_clause_barred_for_a_party_bound_later_counts_from_its_own_day() -> None:
    barred = Exit("after-notice", Duration(days=30), not_before=Duration(years=1))
    assert (
        earliest_withdrawal((barred,), date(2019, 8, 1), date(2019, 1, 1), None, IN_FORCE) is None
    )
    w = earliest_withdrawal((barred,), date(2019, 8, 1), date(2018, 8, 1), None, IN_FORCE)
    assert w is not None
    assert w.effective == date(2019, 8, 31)


def test_a_clause_with_nothing_left_to_end_gives_way_to_the_other() -> None:
    at_once = Exit("after-notice", Duration(days=30))
    w = earliest_withdrawal((NINETY_DAYS, at_once), date(2019, 8, 1), IN_FORCE, None, IN_FORCE)
    assert w is not None
    assert w.exit == at_once


def test_a_named_day_is_passed_on_to_the_clause() -> None:
    w = earliest_withdrawal(
        (SIX_MONTHS_AFTER,), date(2019, 2, 2), IN_FORCE, None, IN_FORCE, date(2019, 12, 31)
    )
    assert w is not None
    assert w.effective == date(2019, 12, 31)


def test_of_two_clauses_with_the_same_effect_the_later_deadline_applies() -> None:
    short = Exit("end-of-term", Duration(days=30))
    for exits in ((NINETY_DAYS, short), (short, NINETY_DAYS)):
        w = earliest_withdrawal(exits, date(2019, 8, 1), IN_FORCE, YEARLY, IN_FORCE)
        assert w is not None
        assert (w.exit, w.last_notice_day) == (short, date(2019, 10, 23))


@pytest.mark.parametrize(
    ("notice", "last_day"),
    [(Duration(days=30), date(2019, 10, 23)), (Duration(months=1), date(2019, 10, 22))],
)
def test_the_last_chance_is_the_clause_that_opens_later_for_the_same_end(
    notice: Duration, last_day: date
) -> None:
    slow = Exit("after-notice", Duration(years=2))
    early = Exit("end-of-term", Duration(days=90))
    late = Exit(
        "end-of-term",
        notice,
        not_before=Duration(years=2, months=9),
        not_effective_before=Duration(years=1),
    )
    exits = (slow, early, late)
    found = earliest_withdrawal(exits, date(2019, 8, 1), IN_FORCE, YEARLY, IN_FORCE)
    assert found is not None
    assert (found.exit, found.last_notice_day) == (early, date(2019, 8, 24))
    best = last_chance(exits, found, IN_FORCE, YEARLY, IN_FORCE)
    assert (best.exit, best.effective, best.last_notice_day) == (late, date(2019, 11, 23), last_day)


def test_the_last_chance_of_a_clause_whose_deadline_has_passed_is_the_one_found() -> None:
    short = Exit("end-of-term", Duration(days=30))
    exits = (NINETY_DAYS, short)
    found = earliest_withdrawal(exits, date(2019, 8, 1), IN_FORCE, YEARLY, IN_FORCE)
    assert found is not None
    assert last_chance(exits, found, IN_FORCE, YEARLY, IN_FORCE) == found


def test_the_last_chance_ignores_a_clause_whose_floor_is_after_the_term_end() -> None:
    late = Exit(
        "end-of-term",
        Duration(days=30),
        not_before=Duration(years=2, months=9),
        not_effective_before=Duration(years=3, days=1),
    )
    exits = (NINETY_DAYS, late)
    found = earliest_withdrawal(exits, date(2019, 8, 1), IN_FORCE, YEARLY, IN_FORCE)
    assert found is not None
    assert last_chance(exits, found, IN_FORCE, YEARLY, IN_FORCE) == found


def test_the_last_chance_ignores_a_clause_not_yet_open_on_its_deadline() -> None:
    early = Exit("end-of-term", Duration(days=90))
    late = Exit("end-of-term", Duration(days=30), not_before=Duration(years=3, days=1))
    found = earliest_withdrawal((early, late), date(2019, 8, 1), IN_FORCE, YEARLY, IN_FORCE)
    assert found is not None
    assert last_chance((early, late), found, IN_FORCE, YEARLY, IN_FORCE) == found


def test_the_last_chance_of_a_clause_opening_on_its_deadline_counts() -> None:
    early = Exit("end-of-term", Duration(days=90))
    late = Exit("end-of-term", Duration(days=30), not_before=Duration(years=2, months=11))
    found = earliest_withdrawal((early, late), date(2019, 8, 1), IN_FORCE, YEARLY, IN_FORCE)
    assert found is not None
    best = last_chance((early, late), found, IN_FORCE, YEARLY, IN_FORCE)
    assert best.last_notice_day == date(2019, 10, 23)


def test_the_last_chance_ignores_after_notice_clauses() -> None:
    after = Exit("after-notice", Duration(days=1))
    found = earliest_withdrawal((NINETY_DAYS,), date(2019, 8, 1), IN_FORCE, YEARLY, IN_FORCE)
    assert found is not None
    assert last_chance((after, NINETY_DAYS), found, IN_FORCE, YEARLY, IN_FORCE) == found


def test_the_last_chance_of_an_after_notice_withdrawal_is_itself() -> None:
    found = earliest_withdrawal((SIX_MONTHS_AFTER,), date(2019, 2, 2), IN_FORCE, None, IN_FORCE)
    assert found is not None
    assert last_chance((SIX_MONTHS_AFTER, NINETY_DAYS), found, IN_FORCE, YEARLY, IN_FORCE) == found


def test_gsomia_notice_on_1_august_2019_has_until_24_august(gsomia: Agreement) -> None:
    answer = gsomia.can_withdraw("JP", on="2019-08-01")
    assert (answer.effective, answer.last_notice_day) == (date(2019, 11, 23), date(2019, 8, 24))


# -- why a clause is closed, and when it opens or closes next --------------------------------

WINDOWED = """
[[agreement]]
id = "ilo"
name = "A convention"
parties = ["AA", "BB"]
in_force = 2000-01-01
[[agreement.exit]]
effect = "after-notice"
notice = "P1Y"
window = {{ first = "P10Y", {every}length = "P1Y" }}
"""


def test_outside_its_windows_a_clause_names_the_next_opening() -> None:
    convention = agreement(WINDOWED.format(every='every = "P10Y", '))
    answer = convention.can_withdraw("AA", on="2005-01-01")
    assert answer.reason == (
        "AA may give notice only within the clause's windows; the next opens on Friday 1 January 2010."
    )
    assert (answer.window_opens, answer.window_closes) == (date(2010, 1, 1), None)
    inside = convention.can_withdraw("AA", on="2010-06-01")
    assert (inside.can_withdraw, inside.window_closes) == (True, date(2010, 12, 31))
    assert "window" in " ".join(inside.explanation)
    clause = convention.exits[0]
    assert clause.next_change(date(2010, 6, 1), date(2000, 1, 1), None) == date(2011, 1, 1)
    assert clause.next_change(date(2005, 1, 1), date(2000, 1, 1), None) == date(2010, 1, 1)


def test_a_single_window_once_closed_never_opens_again() -> None:
    convention = agreement(WINDOWED.format(every=""))
    answer = convention.can_withdraw("AA", on="2012-01-01")
    assert answer.reason == (
        "AA may give notice only within the clause's windows; none opens again."
    )
    assert answer.window_opens is None


def test_a_bar_counted_from_the_party_says_so() -> None:
    pact = agreement(
        """
        [[agreement]]
        id = "pact"
        name = "Pact"
        parties = ["AA", "BB", "CC"]
        in_force = 2000-01-01
        [[agreement.exit]]
        effect = "after-notice"
        notice = "P6M"
        not_before = "P5Y"
        [[agreement.event]]
        date = 2002-03-01
        kind = "join"
        party = "CC"
        effective = 2002-04-01
        """
    )
    assert pact.can_withdraw("CC", on="2006-01-01").reason == (
        "CC may not give notice before Sunday 1 April 2007 (bound from 2002-04-01)."
    )
    opened = pact.can_withdraw("CC", on="2007-04-01")
    assert (
        "notice may be given from 2002-04-01 (the party's entry into force) + 5 years = 2007-04-01"
        in opened.explanation
    )


def test_a_notice_too_early_for_its_end_says_from_when_it_counts() -> None:
    pact = agreement(
        """
        [[agreement]]
        id = "pact"
        name = "Pact"
        parties = ["AA", "BB"]
        in_force = 2000-01-01
        term = "P1Y"
        renewal = "P1Y"
        [[agreement.exit]]
        effect = "end-of-term"
        notice = "P3M"
        earliest = "P6M"
        """
    )
    early = pact.can_withdraw("AA", on="2026-03-01")
    assert early.reason == (
        "A notice from AA would come too early for the end on Friday 1 January 2027: it counts "
        "only from Wednesday 1 July 2026 (2027-01-01 − 6 months)."
    )
    assert early.window_opens == date(2026, 7, 1)
    open_ = pact.can_withdraw("AA", on="2026-07-01")
    assert (open_.last_notice_day, open_.window_closes) == (date(2026, 9, 30), date(2026, 9, 30))
    clause = pact.exits[0]
    terms = pact.initial_terms
    assert clause.next_change(date(2026, 3, 1), date(2000, 1, 1), terms) == date(2026, 7, 1)
    assert clause.next_change(date(2026, 7, 1), date(2000, 1, 1), terms) == date(2026, 10, 1)


def test_a_fixed_term_with_no_end_left_says_so() -> None:
    pact = agreement(
        """
        [[agreement]]
        id = "pact"
        name = "Pact"
        parties = ["AA", "BB"]
        in_force = 2020-01-01
        term = "P5Y"
        [[agreement.exit]]
        effect = "end-of-term"
        notice = "P3M"
        """
    )
    clause = pact.exits[0]
    reason = clause.why_closed(
        "AA", date(2024, 12, 1), date(2020, 1, 1), date(2020, 1, 1), pact.initial_terms
    )
    assert reason == "No term end is left at which a notice could take effect."


def test_the_window_closing_before_the_notice_period_sets_the_last_day() -> None:
    # End-of-term with three months' notice, but notice only in windows of the first half-year.
    pact = agreement(
        """
        [[agreement]]
        id = "pact"
        name = "Pact"
        parties = ["AA", "BB"]
        in_force = 2000-01-01
        term = "P1Y"
        renewal = "P1Y"
        [[agreement.exit]]
        effect = "end-of-term"
        notice = "P3M"
        window = { first = "P0D", every = "P1Y", length = "P6M" }
        """
    )
    answer = pact.can_withdraw("AA", on="2026-03-01")
    assert (answer.effective, answer.last_notice_day) == (date(2027, 1, 1), date(2026, 6, 30))
    assert answer.explanation[-1] == (
        "but the window for notice closes first: the last day is Tuesday 30 June 2026"
    )


def test_of_two_closed_clauses_the_one_that_opens_again_says_why() -> None:
    pact = agreement(
        """
        [[agreement]]
        id = "pact"
        name = "Pact"
        parties = ["AA", "BB"]
        in_force = 2000-01-01
        [[agreement.exit]]
        effect = "after-notice"
        notice = "P1Y"
        window = { first = "P1Y", length = "P1M" }
        [[agreement.exit]]
        effect = "after-notice"
        notice = "P6M"
        not_before = "P20Y"
        """
    )
    # 2005: the first clause's only window (January 2001) is long closed; the second opens in 2020.
    answer = pact.can_withdraw("AA", on="2005-01-01")
    assert (
        answer.reason
        == "AA may not give notice before Wednesday 1 January 2020 (bound from 2000-01-01)."
    )
    assert answer.window_opens == date(2020, 1, 1)


def test_a_clause_words_each_deadline_the_same_in_each_zone_however_many_it_has_worded() -> None:
    clause = Exit("end-of-term", Duration(days=90), not_before=Duration(years=1))
    terms = Terms.from_catalog(date(2016, 11, 23), Duration(years=1), Duration(years=1))
    seoul, utc = ZoneInfo("Asia/Seoul"), ZoneInfo("UTC")
    days = [date(2017, 1, 1).replace(year=2017 + n) for n in range(1200)]  # past what it keeps
    worded = [clause.withdrawal(day, terms, date(2016, 11, 23)) for day in days]
    first = [w.explain(seoul) for w in worded if w is not None]
    assert first[10][-1] == (
        "2027-11-23 − 90 days = 2027-08-25: notice must be received before 00:00 KST on "
        "25 August 2027, so the last day is Tuesday 24 August 2027"
    )
    assert [w.explain(seoul) for w in worded if w is not None] == first
    assert worded[10] is not None and worded[10].explain(utc)[-1].endswith(
        "received before 00:00 UTC on 25 August 2027, so the last day is Tuesday 24 August 2027"
    )
    opens = [clause.rules(day, date(2016, 11, 23), date(2016, 11, 23)) for day in days[:3]]
    assert opens[0] == ("notice may be given from 2016-11-23 (the party's entry into force) "
                        "+ 1 year = 2017-11-23",)  # fmt: skip
    assert clause == Exit("end-of-term", Duration(days=90), not_before=Duration(years=1))


@pytest.mark.parametrize(
    ("effect", "field", "value", "written"),
    [
        ("after-notice", "roll", "preceding", 'roll = "preceding"'),
        ("after-notice", "grace", 2, "grace = 2"),
        ("after-notice", "earliest", Duration(days=90), 'earliest = "P90D"'),
    ],
)
def test_a_field_a_kind_of_clause_has_no_use_for_is_refused_alike_in_code_and_in_a_file(
    effect: str, field: str, value: object, written: str
) -> None:
    with pytest.raises(TypeError, match=f"^Exit.{field}: .* is not used by an {effect} exit$"):
        Exit(effect, Duration(days=30), **{field: value})  # type: ignore[arg-type]
    with pytest.raises(CatalogError) as refused:
        agreement(
            f"""
            [[agreement]]
            id = "pact"
            name = "Pact"
            parties = ["AA", "BB"]
            in_force = 2020-01-01
            term = "P1Y"
            renewal = "P1Y"
            calendar = "US"
            [[agreement.exit]]
            effect = "{effect}"
            notice = "P30D"
            {written}
            """
        )
    assert refused.value.path.endswith(f"exit[1].{field}")
    assert str(refused.value).endswith(f"is not used by an {effect} exit")
