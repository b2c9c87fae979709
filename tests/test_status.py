"""The state on a day: each kind of state and its sentence, the span of days it holds for, and
the rules that make a status impossible."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from gsomia_clock import Agreement, Catalog, load_catalog
from gsomia_clock.status import Status, status_redated, status_span

from .helpers import MINIMAL, TWO_CLAUSES, agreement, evergreen

DAY = timedelta(days=1)


def _holds_over_its_span(
    treaty: Agreement, day: date, party: str | None = None, horizon: int = 800
) -> date:
    """Check that the status of `day`, re-dated, is the one reckoned afresh on every day of its
    span (the first `horizon` days of it); return the first day after the span."""
    timeline = treaty.timeline()
    answer, until = status_span(treaty.subject, timeline, day, party)
    assert until > day.toordinal()
    for n in range(day.toordinal(), min(until, day.toordinal() + horizon)):
        later = date.fromordinal(n)
        afresh, _ = status_span(treaty.subject, timeline, later, party)
        assert status_redated(answer, later) == afresh, later
    return date.fromordinal(min(until, date.max.toordinal()))


# -- the span of days a status holds for ------------------------------------------------------


def test_a_status_holds_until_the_window_of_the_day_closes_though_a_later_clause_reopens_it() -> (
    None
):
    # a notice of 1 January 2000 takes effect on 1 July 2001 (last day 1 April 2001 under the
    # clause opening in 2001); one of 1 July 2000 no longer does
    two = agreement(TWO_CLAUSES)
    assert two.status(on="2000-06-30").next_last_notice_day == date(2001, 4, 1)
    assert _holds_over_its_span(two, date(2000, 1, 1)) == date(2000, 7, 1)
    assert two.status(on="2000-07-01").next_last_notice_day == date(2001, 10, 2)


def test_gsomias_status_in_2026_holds_until_the_day_after_the_last_notice_day(
    gsomia: Agreement,
) -> None:
    # a notice received by 24 August stops the 2026 renewal; from 25 August it stops 2027's
    assert _holds_over_its_span(gsomia, date(2026, 1, 1)) == date(2026, 8, 25)
    assert _holds_over_its_span(gsomia, date(2026, 1, 1), "JP") == date(2026, 8, 25)


def test_gsomias_status_after_the_deadline_holds_until_the_term_ends(gsomia: Agreement) -> None:
    assert _holds_over_its_span(gsomia, date(2026, 9, 1)) == date(2026, 11, 23)


def test_a_pending_notice_holds_until_the_next_event(gsomia: Agreement) -> None:
    # Seoul's notice of 23 August 2019 was pending until it was suspended on 22 November
    assert _holds_over_its_span(gsomia, date(2019, 9, 1)) == date(2019, 11, 22)


def test_a_suspended_notice_holds_gsomia_until_japans_next_deadline(gsomia: Agreement) -> None:
    assert _holds_over_its_span(gsomia, date(2020, 1, 1)) == date(2020, 8, 25)


def test_the_status_of_a_party_with_a_suspended_notice_holds_over_its_span(
    catalog: Catalog,
) -> None:
    assert _holds_over_its_span(catalog["gsomia"], date(2020, 1, 1), "KR") > date(2020, 1, 1)
    assert _holds_over_its_span(catalog["npt"], date(2000, 1, 1), "KP") > date(2000, 1, 1)


def test_before_entry_into_force_the_status_holds_until_that_day(gsomia: Agreement) -> None:
    assert _holds_over_its_span(gsomia, date(2016, 1, 1)) == date(2016, 11, 23)


def test_a_notice_period_counted_from_receipt_reads_the_same_every_day(catalog: Catalog) -> None:
    # INF: six months after the day a notice is received, whatever that day; the state holds
    # until the next event, the United States' notice of 2 February 2019.
    assert _holds_over_its_span(catalog["inf-treaty"], date(1995, 1, 1)) == date(2019, 2, 2)


@pytest.mark.parametrize(
    ("treaty", "day", "party"),
    [("new-start", date(2020, 1, 1), None)],  # a term with no renewal, after-notice exit
)
def test_an_after_notice_exit_moves_its_effect_with_every_day(
    catalog: Catalog, treaty: str, day: date, party: str | None
) -> None:
    assert _holds_over_its_span(catalog[treaty], day, party) == day + DAY


def test_a_party_not_yet_bound_is_so_until_its_join_takes_effect(catalog: Catalog) -> None:
    # Burundi joined the Rome Statute on 21 September 2004, bound from 1 December
    rome = catalog["rome-statute"]
    assert _holds_over_its_span(rome, date(2003, 10, 1), "BI") == date(2004, 9, 21)
    assert _holds_over_its_span(rome, date(2004, 10, 1), "BI") == date(2004, 12, 1)
    # the United States, out of Paris from 4 November 2020, back in from 19 February 2021
    assert _holds_over_its_span(catalog["paris-agreement"], date(2021, 1, 25), "US") == date(
        2021, 2, 19
    )


def test_an_agreement_without_exit_holds_its_status_until_the_term_ends() -> None:
    renewing = agreement(
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
    assert _holds_over_its_span(renewing, date(2020, 6, 1)) == date(2020, 11, 23)
    assert renewing.status(on="2020-06-01").reason == (
        "Closed is in force and renews on Monday 23 November 2020; it has no exit clause."
    )


# -- each state and its sentence ---------------------------------------------------------------


def test_gsomia_before_23_november_2016_is_not_in_force_until_then(gsomia: Agreement) -> None:
    status = gsomia.status(on="2016-11-22")
    assert (status.state, status.reason) == (
        "not-in-force",
        "GSOMIA is not in force until Wednesday 23 November 2016.",
    )


def test_a_suspended_notice_keeps_gsomia_in_force_and_renewing(gsomia: Agreement) -> None:
    status = gsomia.status(on="2020-01-01")
    assert status.state == "notice-suspended"
    assert status.reason == (
        "KR's notice of Friday 23 August 2019 has been suspended since Friday 22 November 2019; "
        "the agreement keeps renewing."
    )
    assert status.next_renewal == date(2020, 11, 23)
    assert status.effective is None


def test_a_suspended_notice_keeps_a_term_without_renewal_in_force_only() -> None:
    fixed = agreement(
        """
        [[agreement]]
        id = "fixed"
        name = "Fixed"
        parties = ["AA", "BB"]
        in_force = 2020-01-01
        term = "P10Y"

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
    status = fixed.status(on="2021-05-01")
    assert status.state == "notice-suspended"
    assert status.reason.endswith("; the agreement stays in force.")
    assert status.next_renewal is None


def test_a_pending_notice_whose_effect_ends_the_term_stops_the_renewal(gsomia: Agreement) -> None:
    status = gsomia.status(on="2019-09-01")
    assert status.state == "notice-pending"
    assert status.effective == status.term_end == date(2019, 11, 23)
    assert status.next_renewal is None
    assert status.reason == (
        "KR's notice of Friday 23 August 2019 takes effect on Saturday 23 November 2019."
    )


def test_of_two_pending_notices_the_earlier_effect_is_the_agreements_end() -> None:
    both = evergreen(
        """
        [[agreement.event]]
        date = 2019-08-01
        kind = "notice"
        party = "BB"

        [[agreement.event]]
        date = 2019-09-01
        kind = "notice"
        party = "AA"
        """
    )
    # BB's notice stops the 2019 renewal; AA's, after 24 August, only the 2020 one
    assert both.status(on="2019-10-01").reason == (
        "BB's notice of Thursday 1 August 2019 takes effect on Saturday 23 November 2019."
    )


def test_a_term_ending_with_no_renewal_is_said_with_its_last_day(catalog: Catalog) -> None:
    status = catalog["new-start"].status(on="2026-02-04")
    assert status.reason == (
        "New START is in force until Wednesday 4 February 2026, when its term ends with no renewal"
        "; its operation is suspended by RU from Tuesday 28 February 2023."
    )
    assert status.next_renewal is None
    assert status.term_last_day == date(2026, 2, 4)


def test_a_notice_taking_effect_as_the_term_ends_is_not_offered(catalog: Catalog) -> None:
    # a three-month notice received on 5 November 2025 would take effect on 5 February 2026,
    # the first day after New START's last term: too late to matter
    new_start = catalog["new-start"]
    assert new_start.status(on="2025-11-04").reason.endswith(
        "; a notice received that day would take effect on Wednesday 4 February 2026"
        "; its operation is suspended by RU from Tuesday 28 February 2023."
    )
    assert new_start.status(on="2025-11-05").reason == (
        "New START is in force until Wednesday 4 February 2026, when its term ends with no renewal"
        "; its operation is suspended by RU from Tuesday 28 February 2023."
    )


def test_a_notice_that_would_come_after_the_term_end_is_not_offered(catalog: Catalog) -> None:
    # New START in 2026: a three-month notice would take effect after the term ran out
    assert "a notice" not in catalog["new-start"].status(on="2026-01-01").reason
    # in 2020 it would still have taken effect before 5 February 2021
    assert "; a notice received that day would take effect on Wednesday 1 April 2020." in (
        catalog["new-start"].status(on="2020-01-01").reason
    )


def test_gsomia_in_force_says_when_it_renews_and_the_last_day_for_notice(
    gsomia: Agreement,
) -> None:
    status = gsomia.status(on="2026-08-24", party="JP")
    assert (status.agreement, status.party) == ("gsomia", "JP")
    term = "current term: 2025-11-23 → 2026-11-23 (first day after it), from "
    assert status.explanation[1].startswith(term)
    assert status.reason == (
        "For JP, GSOMIA is in force and renews on Monday 23 November 2026; a notice received by "
        "Monday 24 August 2026 would take effect on Monday 23 November 2026."
    )


def test_an_indefinite_agreement_is_in_force_with_no_end_date(catalog: Catalog) -> None:
    assert catalog["inf-treaty"].status(on="1995-01-01").reason == (
        "INF Treaty is in force with no end date; a notice would take effect 6 months after the "
        "day it is received."
    )


def test_a_party_that_has_not_joined_is_not_bound(catalog: Catalog) -> None:
    rome = catalog["rome-statute"]
    early = rome.status(on="2003-10-01", party="BI")
    joining = rome.status(on="2004-10-01", party="BI")
    assert (early.state, early.reason) == ("not-in-force", "BI has not joined.")
    assert (joining.state, joining.reason) == (
        "not-in-force",
        "BI is bound from Wednesday 1 December 2004.",
    )


def test_the_united_states_back_in_paris_may_not_give_notice_for_three_years(
    catalog: Catalog,
) -> None:
    status = catalog["paris-agreement"].status(on="2021-03-01", party="US")
    assert status.reason == "For US, Paris Agreement is in force with no end date."
    assert any(line.startswith("event: 2021-01-20 join by US") for line in status.explanation)
    # another member could have: its notice is no answer for the United States
    china = catalog["paris-agreement"].status(on="2021-03-01", party="CN")
    assert china.reason.endswith(
        "; a notice would take effect 1 year after the day it is received."
    )
    assert catalog["paris-agreement"].can_withdraw("CN", on="2021-03-01").effective == date(
        2022, 3, 1
    )


def test_a_party_out_of_a_multilateral_agreement_has_ended_from_the_day_it_left(
    catalog: Catalog,
) -> None:
    status = catalog["paris-agreement"].status(on="2021-01-25", party="US")
    assert (status.state, status.effective) == ("ended", date(2020, 11, 4))
    assert status.reason == "US has not been bound since Wednesday 4 November 2020."


MULTILATERAL = """
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


def test_a_party_that_left_before_the_agreement_was_terminated_ended_on_its_own_day() -> None:
    club = agreement(
        MULTILATERAL
        + """
        [[agreement.event]]
        date = 2021-01-01
        kind = "terminate"
        """
    )
    left = club.status(on="2022-01-01", party="AA")
    assert (left.state, left.effective) == ("ended", date(2020, 7, 1))
    assert left.reason == "AA left on Wednesday 1 July 2020."
    stayed = club.status(on="2022-01-01", party="BB")
    assert (stayed.state, stayed.effective) == ("ended", date(2021, 1, 1))
    assert stayed.reason.startswith("No longer in force from Friday 1 January 2021: ")


def test_a_party_that_leaves_on_the_day_of_termination_ended_with_the_agreement() -> None:
    club = agreement(
        MULTILATERAL
        + """
        [[agreement.event]]
        date = 2020-07-01
        kind = "terminate"
        """
    )
    status = club.status(on="2020-07-01", party="AA")
    assert (status.state, status.effective) == ("ended", date(2020, 7, 1))
    assert status.reason == (
        "No longer in force from Wednesday 1 July 2020: terminated by the parties."
    )


# -- a status whose days contradict each other cannot be made ----------------------------------


def test_a_status_names_one_of_the_five_states(gsomia: Agreement) -> None:
    with pytest.raises(ValueError, match="'renewing' is not one of not-in-force, in-force"):
        gsomia.status(on="2026-01-01").replace(state="renewing")


def test_only_a_pending_notice_or_an_end_has_an_effective_day(gsomia: Agreement) -> None:
    pending = gsomia.status(on="2019-09-01")
    with pytest.raises(ValueError, match="with effective None"):
        pending.replace(effective=None, effective_at=None)
    with pytest.raises(ValueError, match="a state 'notice-suspended' with effective"):
        pending.replace(state="notice-suspended")


def test_effective_at_is_the_first_instant_of_the_effective_day(gsomia: Agreement) -> None:
    pending = gsomia.status(on="2019-09-01")
    assert pending.effective_at is not None
    with pytest.raises(ValueError, match="is not the start of effective"):
        pending.replace(effective_at=None)
    with pytest.raises(ValueError, match="is not the start of effective"):
        pending.replace(effective_at=pending.effective_at + DAY)
    in_force = gsomia.status(on="2026-01-01")
    with pytest.raises(ValueError, match="is not the start of effective"):
        in_force.replace(effective_at=datetime(2026, 11, 23))


def test_a_term_has_both_its_first_day_and_the_day_after_it(gsomia: Agreement) -> None:
    status = gsomia.status(on="2026-01-01")
    with pytest.raises(ValueError, match=r"^Status: term_start and term_end come together$"):
        status.replace(term_end=None, next_renewal=None)
    with pytest.raises(ValueError, match=r"^Status: term_start and term_end come together$"):
        status.replace(term_start=None)


def test_an_ended_agreement_has_no_current_term(catalog: Catalog) -> None:
    ended = catalog["new-start"].status(on="2026-02-05")
    with pytest.raises(ValueError, match="a state 'ended' has no current term"):
        ended.replace(term_start=date(2021, 2, 5), term_end=date(2026, 2, 6))


def test_the_current_term_holds_the_day_asked_about(gsomia: Agreement) -> None:
    status = gsomia.status(on="2026-01-01")
    assert status.replace(on=date(2025, 11, 23)).on == date(2025, 11, 23)  # its first day
    assert status.replace(on=date(2026, 8, 24)).on == date(2026, 8, 24)
    with pytest.raises(ValueError, match="does not hold the day 2025-11-22"):
        status.replace(on=date(2025, 11, 22))
    with pytest.raises(ValueError, match="does not hold the day 2026-11-23"):
        status.replace(on=date(2026, 11, 23), next_last_notice_day=None)


def test_the_next_renewal_is_the_end_of_a_term_no_notice_stops(gsomia: Agreement) -> None:
    renewing = gsomia.status(on="2026-01-01")
    with pytest.raises(ValueError, match="next_renewal 2026-11-24"):
        renewing.replace(next_renewal=date(2026, 11, 24))
    pending = gsomia.status(on="2019-09-01")
    with pytest.raises(ValueError, match="next_renewal 2019-11-23"):
        pending.replace(next_renewal=date(2019, 11, 23))


def test_a_pending_notice_takes_effect_after_the_day_asked_about(catalog: Catalog) -> None:
    pending = catalog["inf-treaty"].status(on="2019-03-01")  # effect on 2 August 2019
    assert pending.replace(on=date(2019, 8, 1)).on == date(2019, 8, 1)
    with pytest.raises(ValueError, match="takes effect after it, not on 2019-08-02"):
        pending.replace(on=date(2019, 8, 2))


def test_an_ended_agreement_ended_on_or_before_the_day_asked_about(catalog: Catalog) -> None:
    ended = catalog["inf-treaty"].status(on="2019-08-02")
    assert ended.state == "ended"
    assert ended.replace() == ended  # ended on the very day asked about
    with pytest.raises(ValueError, match="from a later day, 2019-08-02"):
        ended.replace(on=date(2019, 8, 1))


def test_the_next_last_notice_day_is_ahead_of_a_live_agreement(gsomia: Agreement) -> None:
    status = gsomia.status(on="2026-08-24")
    assert status.next_last_notice_day == date(2026, 8, 24)
    assert status.replace() == status  # the last day for notice is the day asked about
    with pytest.raises(ValueError, match="next_last_notice_day 2026-08-24"):
        status.replace(on=date(2026, 8, 25))
    before = gsomia.status(on="2016-01-01")
    with pytest.raises(ValueError, match="is not ahead of a live agreement"):
        before.replace(next_last_notice_day=date(2016, 8, 24))


def test_a_status_is_a_value_its_json_says_in_full(gsomia: Agreement) -> None:
    status = gsomia.status(on="2019-09-01")
    assert isinstance(status, Status)
    assert status.to_dict() == {
        "agreement": "gsomia",
        "party": None,
        "on": "2019-09-01",
        "state": "notice-pending",
        "term_start": "2018-11-23",
        "term_end": "2019-11-23",
        "term_last_day": "2019-11-22",
        "next_renewal": None,
        "effective": "2019-11-23",
        "effective_at": status.effective_at.isoformat() if status.effective_at else None,
        "next_last_notice_day": None,
        "suspended_by": [],
        "reason": status.reason,
        "explanation": list(status.explanation),
    }
    assert status.to_dict()["effective_at"] == "2019-11-23T00:00:00+09:00"


def test_gsomias_json_names_its_next_renewal_and_last_day_for_notice(gsomia: Agreement) -> None:
    fields = gsomia.status(on="2026-08-24").to_dict()
    assert (fields["next_renewal"], fields["next_last_notice_day"]) == ("2026-11-23", "2026-08-24")


# -- the reason in words, where a status's other fields say the same -------------------------------


def test_a_party_not_yet_joined_on_the_day_nato_came_into_force_has_not_joined() -> None:
    greece = load_catalog()["nato"].status(on="1949-08-24", party="GR")
    assert (greece.state, greece.reason) == ("not-in-force", "GR has not joined.")


def test_the_cfe_reason_names_both_parties_that_suspended_its_operation() -> None:
    cfe = load_catalog()["cfe-treaty"].status(on="2024-01-01")
    assert cfe.reason == (
        "CFE is in force with no end date; its operation is suspended by US from Thursday "
        "7 December 2023, IT from Thursday 7 December 2023."
    )


def test_a_renewing_term_with_notice_counted_from_receipt_says_so_in_words() -> None:
    clause = 'term = "P1Y"\nrenewal = "P1Y"\n[[agreement.exit]]\neffect = "after-notice"\nnotice = "P6M"\n'
    status = agreement(MINIMAL + clause).status(on="2026-01-10")
    assert status.reason == (
        "X is in force and renews on Friday 1 January 2027; a notice would take effect "
        "6 months after the day it is received."
    )


def test_no_status_that_has_ended_names_a_party_suspending_its_operation() -> None:
    cfe = load_catalog()["cfe-treaty"].status(on="2024-01-01")
    with pytest.raises(ValueError, match="has no party performing or not"):
        cfe.replace(state="ended", effective=date(2023, 12, 7),
                    effective_at=datetime(2023, 12, 7, tzinfo=UTC))  # fmt: skip


SEOUL_DEADLINE_2019 = (
    "2019-11-23 − 90 days = 2019-08-25: notice must be received before 00:00 KST on "
    "25 August 2019, so the last day is Saturday 24 August 2019"
)


def test_seouls_pending_notice_is_explained_with_its_deadline_in_seoul_time(
    gsomia: Agreement,
) -> None:
    explanation = gsomia.status(on="2019-09-01").explanation
    assert explanation[-3:] == (
        "KR: notice received on 2019-08-23",
        "KR: the term ends on 2016-11-23 + 3 years = 2019-11-23",
        f"KR: {SEOUL_DEADLINE_2019}",
    )
