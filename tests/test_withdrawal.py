"""Whether a party can get out on a day: each way out and each refusal in its sentence, the span
of days an answer holds for, and the rules that make an answer impossible."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from gsomia_clock import Agreement, Catalog, Duration, Exit, Window
from gsomia_clock.withdrawal import withdrawal_redated, withdrawal_span

from .helpers import TWO_CLAUSES, agreement

DAY = timedelta(days=1)
SEOUL = ZoneInfo("Asia/Seoul")


def _holds_over_its_span(treaty: Agreement, party: str, day: date, horizon: int = 800) -> date:
    """Check that the answer of `day`, re-dated, is the one reckoned afresh on every day of its
    span (the first `horizon` days of it); return the first day after the span."""
    timeline = treaty.timeline()
    answer, dated, until = withdrawal_span(treaty.subject, timeline, day, party)
    assert until > day.toordinal()
    for n in range(day.toordinal(), min(until, day.toordinal() + horizon)):
        later = date.fromordinal(n)
        afresh, _, _ = withdrawal_span(treaty.subject, timeline, later, party)
        assert withdrawal_redated(answer, dated, later, timeline) == afresh, later
    return date.fromordinal(min(until, date.max.toordinal()))


FIXED_TERM = """
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

CLUB = """
[[agreement]]
id = "club"
name = "Club"
parties = ["AA", "BB", "CC"]
multilateral = true
in_force = 2010-01-01
term = "P10Y"

[[agreement.exit]]
effect = "after-notice"
notice = "P1Y"

[[agreement.event]]
date = 2019-06-01
kind = "notice"
party = "AA"
"""


# -- the span of days an answer holds for ------------------------------------------------------


def test_japans_way_out_in_2026_holds_until_the_last_notice_day(gsomia: Agreement) -> None:
    assert _holds_over_its_span(gsomia, "JP", date(2026, 1, 1)) == date(2026, 8, 25)
    # after the deadline the notice stops the next renewal, until 24 August 2027
    assert _holds_over_its_span(gsomia, "JP", date(2026, 9, 1)) == date(2027, 8, 25)


def test_a_way_out_holds_no_longer_than_the_snapshot_that_gives_it(gsomia: Agreement) -> None:
    # Seoul suspended its notice on 22 November 2019: Japan's answer reads otherwise from then
    assert _holds_over_its_span(gsomia, "JP", date(2019, 9, 1)) == date(2019, 11, 22)
    assert _holds_over_its_span(gsomia, "KR", date(2019, 9, 1)) == date(2019, 11, 22)


def test_lifting_a_suspension_is_dated_by_the_day_it_is_lifted(gsomia: Agreement) -> None:
    assert _holds_over_its_span(gsomia, "KR", date(2020, 1, 1)) == date(2020, 1, 2)


def test_a_notice_counted_from_receipt_reads_the_same_shifted_until_the_next_event(
    catalog: Catalog,
) -> None:
    # six months from the day received, every day until the United States' notice of 2 February 2019
    assert _holds_over_its_span(catalog["inf-treaty"], "RU", date(1995, 1, 1)) == date(2019, 2, 2)


def test_a_notice_counted_from_receipt_reads_otherwise_once_it_would_meet_the_end() -> None:
    # a year's notice, and a ten-year term with no renewal ending on 1 January 2020: from
    # 1 January 2019 the sentence says the agreement ends the same day
    club = agreement(CLUB)
    assert _holds_over_its_span(club, "BB", date(2015, 1, 1)) == date(2019, 1, 1)
    assert club.can_withdraw("BB", on="2018-12-31").reason.endswith("31 December 2019.")
    assert club.can_withdraw("BB", on="2019-01-01").reason.endswith(
        "(its term ran out with no renewal)."
    )


def test_a_way_out_holds_until_its_window_closes_though_a_later_clause_reopens_it() -> None:
    # On 1 January 2000 a notice takes effect on 1 July 2001, and the last day for that effect is
    # 1 April 2001 under the clause that opens in 2001; but a notice of July 2000 is too late for
    # the one-year clause and not yet allowed under the other: it takes effect on 1 January 2002.
    two = agreement(TWO_CLAUSES)
    assert two.can_withdraw("AA", on="2000-01-01").last_notice_day == date(2001, 4, 1)
    assert _holds_over_its_span(two, "AA", date(2000, 1, 1)) == date(2000, 7, 1)
    assert two.can_withdraw("AA", on="2000-07-01").effective == date(2002, 1, 1)


def test_a_refusal_holds_until_what_it_rests_on_changes(catalog: Catalog) -> None:
    assert _holds_over_its_span(catalog["gsomia"], "JP", date(2016, 1, 1)) == date(2016, 11, 23)
    rome = catalog["rome-statute"]
    assert _holds_over_its_span(rome, "BI", date(2004, 10, 1)) == date(2004, 12, 1)
    # the three years of Paris's not_before end on 4 November 2019
    paris = catalog["paris-agreement"]
    assert _holds_over_its_span(paris, "CN", date(2017, 1, 1)) == date(2019, 11, 4)


# -- each way out and each refusal --------------------------------------------------------------


def test_before_entry_into_force_there_is_no_way_out(gsomia: Agreement) -> None:
    answer = gsomia.can_withdraw("JP", on="2016-01-01")
    assert not answer.can_withdraw
    assert answer.reason == "The agreement is not in force until Wednesday 23 November 2016."


def test_after_the_end_there_is_no_way_out(catalog: Catalog) -> None:
    answer = catalog["inf-treaty"].can_withdraw("RU", on="2019-09-01")
    assert (answer.can_withdraw, answer.ends) == (False, None)
    # the United States' notice ended the treaty: it is among the events explained
    assert answer.explanation[1].startswith("event: 2019-02-02 notice by US")
    on_the_day = catalog["inf-treaty"].can_withdraw("RU", on="2019-08-02")
    assert not on_the_day.can_withdraw
    assert on_the_day.reason.startswith("The agreement is no longer in force from Friday 2 August")
    assert answer.reason == (
        "The agreement is no longer in force from Friday 2 August 2019 (US's notice of 2019-02-02)."
    )


def test_a_party_not_bound_cannot_withdraw(catalog: Catalog) -> None:
    rome, paris = catalog["rome-statute"], catalog["paris-agreement"]
    assert rome.can_withdraw("BI", on="2003-10-01").reason == "BI has not joined."
    assert rome.can_withdraw("BI", on="2004-10-01").reason == (
        "BI is bound from Wednesday 1 December 2004."
    )
    rejoining = paris.can_withdraw("US", on="2021-01-25")
    assert rejoining.reason == "US has not been bound since Wednesday 4 November 2020."
    assert any(line.startswith("event: 2021-01-20 join by US") for line in rejoining.explanation)


def test_korea_with_its_notice_pending_has_already_given_notice(gsomia: Agreement) -> None:
    answer = gsomia.can_withdraw("KR", on="2019-09-01")
    assert (answer.agreement, answer.party, answer.on) == ("gsomia", "KR", date(2019, 9, 1))
    assert (answer.can_withdraw, answer.ends) == (False, date(2019, 11, 23))
    assert answer.reason == (
        "KR already gave notice on Friday 23 August 2019; it takes effect on Saturday 23 "
        "November 2019."
    )
    assert (
        "event: 2019-08-23 notice by KR: note verbale handed to Japan's ambassador in "
        in (answer.explanation[1])
    )


def test_japan_in_2019_could_give_notice_but_koreas_ends_the_agreement_first(
    gsomia: Agreement,
) -> None:
    same_day = gsomia.can_withdraw("JP", on="2019-08-24")
    assert same_day.reason == (
        "A notice from JP received on Saturday 24 August 2019 takes effect on Saturday 23 "
        "November 2019; the last day for that is Saturday 24 August 2019; KR's notice of "
        "2019-08-23 already ends the agreement on the same day."
    )
    later = gsomia.can_withdraw("JP", on="2019-09-01")
    assert later.reason.endswith(
        "; KR's notice of 2019-08-23 already ends the agreement first, on Saturday 23 November "
        "2019."
    )
    assert later.ends == date(2019, 11, 23)
    # Korea's notice is what decides, so it is among the events explained
    assert any(line.startswith("event: 2019-08-23 notice by KR") for line in later.explanation)


def test_a_notice_closes_at_midnight_seoul_time_after_the_last_day(gsomia: Agreement) -> None:
    answer = gsomia.can_withdraw("JP", on="2026-08-24")
    assert answer.reason == (
        "A notice from JP received on Monday 24 August 2026 takes effect on Monday 23 November "
        "2026; the last day for that is Monday 24 August 2026."
    )
    assert answer.closes_at == datetime(2026, 8, 25, tzinfo=SEOUL)
    assert answer.effective_at == datetime(2026, 11, 23, tzinfo=SEOUL)
    assert answer.to_dict() == {
        "agreement": "gsomia",
        "party": "JP",
        "on": "2026-08-24",
        "can_withdraw": True,
        "via": "notice",
        "effective": "2026-11-23",
        "effective_at": "2026-11-23T00:00:00+09:00",
        "last_notice_day": "2026-08-24",
        "ends": None,
        "window_opens": None,
        "window_closes": None,
        "reason": answer.reason,
        "closes_at": "2026-08-25T00:00:00+09:00",
        "reading": None,
        "readings": [],
        "explanation": list(answer.explanation),
    }


def test_a_notice_after_the_term_runs_out_comes_too_late(catalog: Catalog) -> None:
    answer = catalog["new-start"].can_withdraw("US", on="2026-01-01")
    assert answer.reason == (
        "A notice from US received on Thursday 1 January 2026 takes effect on Wednesday 1 April "
        "2026; the agreement ends first, on Thursday 5 February 2026 (its term ran out with no "
        "renewal)."
    )
    assert answer.ends == date(2026, 2, 5)


def test_a_member_is_out_at_the_earlier_of_its_notice_and_the_end_of_the_term() -> None:
    club = agreement(CLUB)
    leaving = club.can_withdraw("AA", on="2019-07-01")
    assert (leaving.can_withdraw, leaving.ends) == (False, date(2020, 1, 1))
    assert leaving.explanation == ("event: 2019-06-01 notice by AA",)
    # another member's notice bears on nothing in a multilateral agreement
    staying = club.can_withdraw("BB", on="2019-07-01")
    assert (staying.can_withdraw, staying.ends) == (True, date(2020, 1, 1))
    assert not any("notice by AA" in line for line in staying.explanation)


def test_an_agreement_without_exit_clause_has_no_way_out() -> None:
    closed = agreement(
        """
        [[agreement]]
        id = "closed"
        name = "Closed"
        parties = ["AA", "BB"]
        in_force = 2016-11-23
        term = "P1Y"
        renewal = "P1Y"
        """
    )
    answer = closed.can_withdraw("AA", on="2020-06-01")
    assert answer.reason == "The agreement has no exit clause: there is no unilateral way out."
    assert _holds_over_its_span(closed, "AA", date(2020, 6, 1)) > date(2020, 6, 1) + 800 * DAY


def test_paris_forbids_notice_for_three_years_from_entry_into_force(catalog: Catalog) -> None:
    answer = catalog["paris-agreement"].can_withdraw("CN", on="2017-01-01")
    assert answer.reason == (
        "CN may not give notice before Monday 4 November 2019 (bound from 2016-11-04)."
    )


def test_a_fixed_term_past_its_last_deadline_leaves_no_term_end_for_a_notice() -> None:
    fixed = agreement(FIXED_TERM.split("[[agreement.event]]", maxsplit=1)[0])
    answer = fixed.can_withdraw("AA", on="2021-12-01")
    assert not answer.can_withdraw
    assert answer.reason == "No term end is left at which a notice could take effect."


# -- lifting a suspended notice -----------------------------------------------------------------


def test_korea_could_lift_its_suspension_any_day_under_the_immediate_reading(
    gsomia: Agreement,
) -> None:
    answer = gsomia.can_withdraw("KR", on="2020-01-01")
    assert (answer.agreement, answer.party) == ("gsomia", "KR")
    assert (answer.via, answer.reading, answer.effective) == (
        "resume",
        "immediate",
        date(2020, 1, 1),
    )
    assert answer.reason == (
        "KR can lift the suspension of its notice of Friday 23 August 2019; under the "
        "'immediate' reading it takes effect on Wednesday 1 January 2020."
    )
    assert [(r.policy, r.effective, r.last_notice_day) for r in answer.readings] == [
        ("immediate", date(2020, 1, 1), None),
        ("remaining", date(2020, 1, 2), None),
        ("restart", date(2020, 11, 23), date(2020, 8, 24)),
    ]
    assert [r.effective_at for r in answer.readings] == [
        datetime(2020, 1, 1, tzinfo=SEOUL),
        datetime(2020, 1, 2, tzinfo=SEOUL),
        datetime(2020, 11, 23, tzinfo=SEOUL),
    ]
    # the reading used, then each other reading once
    others = [line for line in answer.explanation if line.startswith("other reading, ")]
    assert [line.split(":")[0] for line in others] == [
        "other reading, remaining",
        "other reading, restart",
    ]
    assert answer.readings[2].to_dict() == {
        "on_resume": "restart",
        "effective": "2020-11-23",
        "effective_at": "2020-11-23T00:00:00+09:00",
        "last_notice_day": "2020-08-24",
        "explanation": answer.readings[2].explanation,
    }


def test_lifting_seouls_suspension_explains_its_2019_notice_in_seoul_time(
    gsomia: Agreement,
) -> None:
    explanation = gsomia.can_withdraw("KR", on="2020-01-01").explanation
    assert explanation[3:6] == (
        "notice received on 2019-08-23",
        "the term ends on 2016-11-23 + 3 years = 2019-11-23",
        "2019-11-23 − 90 days = 2019-08-25: notice must be received before 00:00 KST on "
        "25 August 2019, so the last day is Saturday 24 August 2019",
    )


def test_north_korea_lifting_its_suspension_is_explained_with_its_accession(
    catalog: Catalog,
) -> None:
    answer = catalog["npt"].can_withdraw("KP", on="2000-01-01")
    assert (answer.via, answer.reading, answer.effective) == ("resume", "restart", date(2000, 4, 1))
    assert answer.explanation[1].startswith("event: 1985-12-12 join by KP, effective 1985-12-12")


def test_korea_read_as_restarting_would_have_tokyos_24_august_deadline(
    gsomia: Agreement,
) -> None:
    answer = gsomia.can_withdraw("KR", on="2020-01-01", on_resume="restart")
    assert (answer.reading, answer.effective, answer.last_notice_day) == (
        "restart",
        date(2020, 11, 23),
        date(2020, 8, 24),
    )
    assert answer.closes_at == datetime(2020, 8, 25, tzinfo=SEOUL)
    assert answer.reason.endswith("; the last day for that is Monday 24 August 2020.")


def test_a_restart_with_no_term_end_left_is_no_way_out() -> None:
    fixed = agreement(FIXED_TERM)
    possible = fixed.can_withdraw("AA", on="2021-06-01")
    assert (possible.via, possible.effective) == ("resume", date(2022, 1, 1))
    assert possible.ends == date(2022, 1, 1)  # the term runs out then if AA does nothing
    assert possible.reason.endswith(
        "; the agreement ends on the same day (its term ran out with no renewal)."
    )
    too_late = fixed.can_withdraw("AA", on="2021-12-01")
    assert (too_late.can_withdraw, too_late.on, too_late.ends) == (
        False,
        date(2021, 12, 1),
        date(2022, 1, 1),
    )
    assert too_late.reason == (
        "Under the 'restart' reading under 'restart' no term end is left at which a fresh "
        "notice takes effect."
    )
    assert any(line.startswith("event: 2020-06-01 notice by AA") for line in too_late.explanation)


# -- an answer whose days contradict each other cannot be made ----------------------------------


def test_an_answer_is_yes_or_no(gsomia: Agreement) -> None:
    no = gsomia.can_withdraw("KR", on="2019-09-01")
    with pytest.raises(ValueError, match="can_withdraw 'maybe' is not true or false"):
        no.replace(can_withdraw="maybe")


def test_a_no_names_no_way_and_no_day(gsomia: Agreement) -> None:
    no = gsomia.can_withdraw("KR", on="2019-09-01")
    for field in ("via", "reading"):
        with pytest.raises(
            ValueError, match=r"^WithdrawalAnswer: an answer 'no' has no via, effective, "
        ):
            no.replace(**{field: "notice"})
    with pytest.raises(
        ValueError, match=r"^WithdrawalAnswer: an answer 'no' has no via, effective, "
    ):
        no.replace(last_notice_day=date(2019, 10, 1), closes_at=datetime(2019, 10, 2))


def test_a_yes_says_how_and_when(gsomia: Agreement) -> None:
    yes = gsomia.can_withdraw("JP", on="2026-08-24")
    with pytest.raises(
        ValueError, match=r"^WithdrawalAnswer: an answer 'yes' says how \(via\) and when"
    ):
        yes.replace(via="letter")
    with pytest.raises(
        ValueError, match=r"^WithdrawalAnswer: an answer 'yes' says how \(via\) and when"
    ):
        yes.replace(effective=None, effective_at=None)
    assert yes.replace(via="notice") == yes


def test_the_effect_starts_at_the_first_instant_of_its_day_on_or_after_the_day_asked(
    gsomia: Agreement,
) -> None:
    yes = gsomia.can_withdraw("JP", on="2026-08-24")
    with pytest.raises(ValueError, match="is not the start of effective"):
        yes.replace(effective_at=None)
    with pytest.raises(ValueError, match="is not the start of effective"):
        yes.replace(effective_at=datetime(2026, 11, 24, tzinfo=SEOUL))
    lifted = gsomia.can_withdraw("KR", on="2020-01-01")  # takes effect on the day asked
    assert lifted.replace() == lifted
    with pytest.raises(ValueError, match="is before the day asked about"):
        lifted.replace(on=date(2020, 1, 2))


def test_the_window_closes_at_the_end_of_the_last_notice_day(gsomia: Agreement) -> None:
    yes = gsomia.can_withdraw("JP", on="2026-08-24")
    with pytest.raises(ValueError, match="is not the end of last_notice_day"):
        yes.replace(closes_at=None)
    with pytest.raises(ValueError, match="is not the end of last_notice_day"):
        yes.replace(closes_at=datetime(2026, 8, 24, tzinfo=SEOUL))


def test_the_last_notice_day_lies_between_the_day_asked_and_the_effect(
    gsomia: Agreement,
) -> None:
    yes = gsomia.can_withdraw("JP", on="2026-08-24")
    with pytest.raises(ValueError, match="is not between 2026-08-25 and the effect"):
        yes.replace(on=date(2026, 8, 25))
    with pytest.raises(ValueError, match="last_notice_day 2026-11-23 is not between"):
        yes.replace(
            last_notice_day=date(2026, 11, 23),
            closes_at=datetime(2026, 11, 24, tzinfo=SEOUL),
        )
    same = yes.replace(
        last_notice_day=date(2026, 11, 22), closes_at=datetime(2026, 11, 23, tzinfo=SEOUL)
    )
    assert same.last_notice_day == date(2026, 11, 22)


def test_the_end_comes_after_the_day_asked_about(gsomia: Agreement) -> None:
    no = gsomia.can_withdraw("KR", on="2019-09-01")
    assert no.replace(on=date(2019, 11, 22)).ends == date(2019, 11, 23)
    with pytest.raises(ValueError, match="ends 2019-11-23 is not after"):
        no.replace(on=date(2019, 11, 23))


def test_readings_come_only_with_lifting_a_suspension(gsomia: Agreement) -> None:
    lifted = gsomia.can_withdraw("KR", on="2020-01-01")
    with pytest.raises(
        ValueError, match=r"^WithdrawalAnswer: readings come with, and only with, lifting"
    ):
        lifted.replace(readings=())
    with pytest.raises(
        ValueError, match=r"^WithdrawalAnswer: readings come with, and only with, lifting"
    ):
        lifted.replace(reading=None)
    notice = gsomia.can_withdraw("JP", on="2020-01-01")
    with pytest.raises(
        ValueError, match=r"^WithdrawalAnswer: readings come with, and only with, lifting"
    ):
        notice.replace(readings=lifted.readings)


def test_a_clause_opening_after_the_last_deadline_offers_no_way_out_from_its_first_day() -> None:
    late = agreement(
        """
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
    )
    assert late.can_withdraw("AA", on="2021-11-30").reason == (
        "AA may not give notice before Wednesday 1 December 2021 (bound from 2020-01-01)."
    )
    too_late = late.can_withdraw("AA", on="2021-12-01")
    assert too_late.reason == "No term end is left at which a notice could take effect."
    assert too_late.ends == date(2022, 1, 1)  # the term runs out


def test_without_exit_clause_a_fixed_term_still_ends() -> None:
    fixed = agreement(
        """
        [[agreement]]
        id = "fixed"
        name = "Fixed"
        parties = ["AA", "BB"]
        in_force = 2020-01-01
        term = "P5Y"
        """
    )
    answer = fixed.can_withdraw("BB", on="2021-06-01")
    assert (answer.can_withdraw, answer.ends) == (False, date(2025, 1, 1))


def test_the_united_states_back_in_paris_could_give_notice_again_from_2024(
    catalog: Catalog,
) -> None:
    answer = catalog["paris-agreement"].can_withdraw("US", on="2024-03-01")
    assert (answer.via, answer.effective) == ("notice", date(2025, 3, 1))
    assert any(line.startswith("event: 2021-01-20 join by US") for line in answer.explanation)


def test_no_last_notice_day_is_given_after_the_agreement_has_expired() -> None:
    # six months from 1 January 2000 with no renewal, and a clause of calendar years: a notice
    # would take effect on 1 January 2001, after the agreement expired on 1 July 2000
    short = agreement(
        """
        [[agreement]]
        id = "short"
        name = "Short"
        parties = ["AA"]
        in_force = 2000-01-01
        term = "P6M"

        [[agreement.exit]]
        effect = "end-of-period"
        every = "P1Y"
        anchor = 2000-01-01
        notice = "P90D"
        """
    )
    answer = short.can_withdraw("AA", on="2000-01-01")
    assert (answer.effective, answer.last_notice_day, answer.ends) == (
        date(2001, 1, 1),
        None,
        date(2000, 7, 1),
    )
    assert answer.reason.endswith(
        "the agreement ends first, on Saturday 1 July 2000 (its term ran out with no renewal)."
    )


def test_a_window_still_open_after_the_other_clauses_last_day_is_the_last_chance() -> None:
    # Clause 1: 90 days' notice, in a window each April; clause 2: a year's notice at any time.
    # For the term ending on 11 April 2001, clause 2's last day is 10 April 2000, but clause 1's
    # window of April 2000 still takes a notice to that end until it closes on 30 April.
    pact = Agreement(
        id="pact", name="A pact", parties=("AA", "BB"), in_force=date(1999, 1, 1),
        term=Duration(days=100), renewal=Duration(years=1),
        exits=(
            Exit("end-of-term", Duration(days=90), not_before=Duration(years=1),
                 window=Window(Duration(months=3), Duration(years=1), Duration(months=1))),
            Exit("end-of-term", Duration(years=1), not_before=Duration(years=1)),
        ),
    )  # fmt: skip
    answer = pact.can_withdraw("AA", on="2000-01-01")
    assert (answer.last_notice_day, answer.effective) == (date(2000, 4, 30), date(2001, 4, 11))
    assert answer.explanation[1] == (
        "a notice received later, under exit clause 1, still takes effect on 2001-04-11:"
    )
    # On the last day itself, nothing later counts: no such line.
    assert not any("later" in line for line in pact.can_withdraw("AA", on="2000-04-30").explanation)
    assert pact.can_withdraw("AA", on="2000-04-30").effective == date(2001, 4, 11)
    assert pact.can_withdraw("AA", on="2000-05-01").effective == date(2002, 4, 11)
    listed = pact.deadlines("2000-01-01", "2000-12-31")
    assert [d.date for d in listed if d.kind == "last-notice-day"] == [date(2000, 4, 30)]


def test_a_later_window_of_the_one_clause_takes_a_notice_to_the_same_end() -> None:
    # One clause: 90 days' notice before the end of a five-year term, in six-month windows
    # opening every two years. A notice in the window of 2001 and one in the window of 2003
    # both end the agreement on 2 July 2005: the last day for that is the later window's last.
    pact = Agreement(
        id="pact", name="A pact", parties=("AA", "BB"), in_force=date(2000, 7, 2),
        term=Duration(years=5),
        exits=(
            Exit("end-of-term", Duration(days=90), not_before=Duration(years=1),
                 window=Window(Duration(years=1), Duration(years=2), Duration(months=6))),
        ),
    )  # fmt: skip
    answer = pact.can_withdraw("AA", on="2002-01-01")
    assert (answer.last_notice_day, answer.effective) == (date(2004, 1, 1), date(2005, 7, 2))
    assert answer.window_closes == date(2002, 1, 1)
    # Why 1 January 2004: the explanation says that a later notice counts, then its steps.
    assert answer.explanation[:2] == (
        "a notice received on 2002-01-01",
        "a notice received later, under exit clause 1, still takes effect on 2005-07-02:",
    )
    assert answer.explanation[-1] == (
        "but the window for notice closes first: the last day is Thursday 1 January 2004"
    )
    assert "this one 2003-07-02 to 2004-01-01" in answer.explanation[3]
    assert not pact.can_withdraw("AA", on="2002-01-02").can_withdraw
    listed = pact.deadlines("2001-01-01", "2005-12-31")
    assert [d.date for d in listed if d.kind == "last-notice-day"] == [date(2004, 1, 1)]
