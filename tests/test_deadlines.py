"""Deadlines: the days of a period worth a calendar entry, each read as status would read it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pytest

from gsomia_clock import Agreement, load_catalog
from gsomia_clock.deadlines import Deadline

from .helpers import agreement, evergreen


def days(a: Agreement, start: str, end: str) -> list[tuple[str, str, str | None]]:
    return [(d.date.isoformat(), d.kind, d.party) for d in a.deadlines(start, end)]


def last_notice_days(a: Agreement, start: str, end: str) -> list[tuple[str, str]]:
    """Each last notice day from `start` to `end`, with the key that names what it is for."""
    return [
        (d.date.isoformat(), d.key) for d in a.deadlines(start, end) if d.kind == "last-notice-day"
    ]


MANY = """
[[agreement]]
id = "many"
name = "A treaty of many (MANY)"
parties = ["AA", "BB", "CC"]
in_force = 2020-01-01
"""

FIXED = """
[[agreement]]
id = "fixed"
name = "Fixed"
parties = ["AA", "BB"]
in_force = 2020-01-01
term = "P2Y"

[[agreement.exit]]
effect = "end-of-term"
notice = "P6M"
"""


# -- the deadline itself ----------------------------------------------------------------------


def test_a_deadline_of_an_unknown_kind_is_refused() -> None:
    with pytest.raises(
        ValueError,
        match=r"^Deadline: kind 'party' is not one of window-opens, last-notice-day, renewal, effect, expiry$",
    ):
        Deadline("x", date(2020, 1, 1), "party", None, "X: party", (), "party")  # type: ignore[arg-type]


def test_a_deadline_as_json_names_its_day_in_iso_8601(gsomia: Agreement) -> None:
    (last,) = gsomia.deadlines("2027-08-24", "2027-08-24")
    assert last.to_dict() == {
        "agreement": "gsomia",
        "date": "2027-08-24",
        "kind": "last-notice-day",
        "party": None,
        "summary": "GSOMIA: last day for notice to stop the 23 November 2027 renewal",
        "explanation": [
            "the term ends on 2016-11-23 + 11 years = 2027-11-23",
            "2027-11-23 − 90 days = 2027-08-25: notice must be received before 00:00 KST on "
            "25 August 2027, so the last day is Tuesday 24 August 2027",
        ],
    }
    assert last.key == "last-notice-day-11"


# -- the period -------------------------------------------------------------------------------


def test_gsomia_renewal_and_its_last_notice_day_in_2027(gsomia: Agreement) -> None:
    found = gsomia.deadlines("2027-01-01", "2027-12-31")
    assert [(d.date, d.kind) for d in found] == [
        (date(2027, 8, 24), "last-notice-day"),
        (date(2027, 11, 23), "renewal"),
    ]
    renewal = found[1]
    assert renewal.summary == "GSOMIA: renews for 1 year"
    assert renewal.explanation == ("the term ends on 2016-11-23 + 11 years = 2027-11-23",)
    assert renewal.key == "renewal-11"


def test_a_period_of_one_day_holds_that_days_renewal(gsomia: Agreement) -> None:
    assert days(gsomia, "2027-11-23", "2027-11-23") == [("2027-11-23", "renewal", None)]


def test_the_days_either_side_of_a_renewal_hold_nothing(gsomia: Agreement) -> None:
    assert days(gsomia, "2027-11-22", "2027-11-22") == []
    assert days(gsomia, "2027-11-24", "2027-11-24") == []


def test_the_days_either_side_of_a_last_notice_day_hold_nothing(gsomia: Agreement) -> None:
    assert days(gsomia, "2027-08-23", "2027-08-23") == []
    assert days(gsomia, "2027-08-25", "2027-11-22") == []


def test_nothing_before_the_agreement_is_in_force(gsomia: Agreement) -> None:
    assert days(gsomia, "2015-01-01", "2017-11-23") == [
        ("2017-08-24", "last-notice-day", None),
        ("2017-11-23", "renewal", None),
    ]


def test_a_period_before_entry_into_force_is_empty(gsomia: Agreement) -> None:
    assert days(gsomia, "2015-01-01", "2016-11-22") == []


def test_a_notice_ends_the_agreement_and_its_renewals() -> None:
    a = evergreen(
        """
        [[agreement.event]]
        date = 2019-08-01
        kind = "notice"
        party = "AA"
        """
    )
    found = a.deadlines("2019-01-01", "2021-12-31")
    assert [(d.date, d.kind, d.party) for d in found] == [
        (date(2019, 8, 24), "last-notice-day", None),
        (date(2019, 11, 23), "effect", "AA"),
    ]
    last, effect = found
    assert last.summary == (
        "An evergreen agreement: last day for notice to take effect at the end of the term, "
        "23 November 2019"
    )
    assert (
        effect.summary
        == "An evergreen agreement: AA's notice of 2019-08-01 takes effect, ending the agreement"
    )
    assert effect.key == "effect-AA-2019-08-01"
    assert effect.explanation[0] == "notice received on 2019-08-01"
    assert effect.explanation[1] == "the term ends on 2016-11-23 + 3 years = 2019-11-23"


def test_the_effect_of_a_notice_is_on_the_day_it_ends_the_agreement() -> None:
    a = evergreen(
        """
        [[agreement.event]]
        date = 2019-08-01
        kind = "notice"
        party = "AA"
        """
    )
    assert days(a, "2019-11-23", "2019-11-23") == [("2019-11-23", "effect", "AA")]
    assert days(a, "2019-11-24", "2020-12-31") == []
    assert days(a, "2019-08-25", "2019-11-22") == []


def test_a_fixed_term_expires_after_its_last_notice_day() -> None:
    found = agreement(FIXED).deadlines("2019-01-01", "2023-12-31")
    assert [(d.date, d.kind) for d in found] == [
        (date(2021, 6, 30), "last-notice-day"),
        (date(2022, 1, 1), "expiry"),
    ]
    last, expiry = found
    assert (
        last.summary
        == "Fixed: last day for notice to take effect at the end of the term, 1 January 2022"
    )
    assert last.key == "last-notice-day-1"
    assert (expiry.summary, expiry.explanation, expiry.key) == (
        "Fixed: expires (its last term has ended)", (), "expiry",
    )  # fmt: skip


def test_an_expiry_on_the_last_day_of_the_period_is_in_it() -> None:
    a = agreement(FIXED)
    assert days(a, "2022-01-01", "2022-01-01") == [("2022-01-01", "expiry", None)]
    assert days(a, "2021-07-01", "2021-12-31") == []


def test_a_fixed_term_without_exit_clause_only_expires() -> None:
    a = agreement(FIXED.split("[[agreement.exit]]", maxsplit=1)[0])
    assert days(a, "2019-01-01", "2023-12-31") == [("2022-01-01", "expiry", None)]


def test_termination_by_the_parties_is_an_effect_of_no_party() -> None:
    a = evergreen(
        """
        [[agreement.event]]
        date = 2020-03-01
        kind = "terminate"
        """
    )
    found = a.deadlines("2019-09-01", "2021-12-31")
    assert [(d.date, d.kind, d.party) for d in found] == [
        (date(2019, 11, 23), "renewal", None),
        (date(2020, 3, 1), "effect", None),
    ]
    end = found[1]
    assert (end.summary, end.explanation, end.key) == (
        "An evergreen agreement: terminated by the parties", (), "terminated",
    )  # fmt: skip


def test_in_a_multilateral_agreement_each_withdrawal_takes_effect_alone() -> None:
    a = agreement(
        MANY
        + """
        [[agreement.exit]]
        effect = "after-notice"
        notice = "P1Y"
        [[agreement.event]]
        date = 2021-03-01
        kind = "notice"
        party = "BB"
        [[agreement.event]]
        date = 2021-03-01
        kind = "notice"
        party = "AA"
        """
    )
    found = a.deadlines("2019-01-01", "2023-12-31")
    assert [(d.date, d.kind, d.party) for d in found] == [
        (date(2022, 3, 1), "effect", "AA"),
        (date(2022, 3, 1), "effect", "BB"),
    ]
    assert found[0].summary == "MANY: AA's withdrawal takes effect"
    assert found[0].key == "effect-AA-2021-03-01"
    assert found[0].explanation == (
        "notice received on 2021-03-01",
        "2021-03-01 + 1 year = 2022-03-01",
    )


def test_a_multilateral_withdrawal_on_the_edges_of_the_period() -> None:
    a = agreement(
        MANY
        + """
        [[agreement.exit]]
        effect = "after-notice"
        notice = "P1Y"
        [[agreement.event]]
        date = 2021-03-01
        kind = "notice"
        party = "BB"
        """
    )
    assert days(a, "2022-03-01", "2022-03-01") == [("2022-03-01", "effect", "BB")]
    assert days(a, "2022-02-28", "2022-02-28") == []
    assert days(a, "2022-03-02", "2022-03-02") == []


def test_a_multilateral_withdrawal_on_the_expiry_day_is_left_to_the_expiry() -> None:
    a = agreement(
        MANY
        + """
        term = "P2Y"
        [[agreement.exit]]
        effect = "after-notice"
        notice = "P1Y"
        [[agreement.event]]
        date = 2020-12-31
        kind = "notice"
        party = "BB"
        [[agreement.event]]
        date = 2021-01-01
        kind = "notice"
        party = "CC"
        """
    )
    assert days(a, "2019-01-01", "2023-12-31") == [
        ("2021-12-31", "effect", "BB"),
        ("2022-01-01", "expiry", None),
    ]


def test_same_day_deadlines_come_last_notice_day_renewal_effect_expiry() -> None:
    # A multilateral agreement whose renewal falls on a withdrawal's effect.
    a = agreement(
        MANY
        + """
        term = "P1Y"
        renewal = "P1Y"
        [[agreement.exit]]
        effect = "after-notice"
        notice = "P1Y"
        [[agreement.event]]
        date = 2021-01-01
        kind = "notice"
        party = "CC"
        """
    )
    assert days(a, "2022-01-01", "2022-01-01") == [
        ("2022-01-01", "renewal", None),
        ("2022-01-01", "effect", "CC"),
    ]


def test_renewals_stop_at_the_end_of_the_period(gsomia: Agreement) -> None:
    assert [d.kind for d in gsomia.deadlines("2027-08-25", "2029-11-22")] == [
        "renewal", "last-notice-day", "renewal", "last-notice-day",
    ]  # fmt: skip


def test_a_last_notice_day_is_listed_for_the_clause_still_open_then() -> None:
    a = evergreen(
        """
        [[agreement.exit]]
        effect = "end-of-term"
        notice = "P30D"
        not_before = "P3Y"
        """
    )
    # 30 days' notice opens on 23 November 2019: from then its last day, 23 October, is the one.
    assert days(a, "2019-01-01", "2019-12-31") == [
        ("2019-08-24", "last-notice-day", None),
        ("2019-11-23", "window-opens", None),
        ("2019-11-23", "renewal", None),
    ]
    assert days(a, "2020-01-01", "2020-12-31") == [
        ("2020-10-23", "last-notice-day", None),
        ("2020-11-23", "renewal", None),
    ]


def test_the_later_of_two_last_notice_days_is_listed_whatever_the_order() -> None:
    short = """
        [[agreement.exit]]
        effect = "end-of-term"
        notice = "P30D"
        """
    a = evergreen(short)
    assert days(a, "2020-01-01", "2020-12-31") == [
        ("2020-10-23", "last-notice-day", None),
        ("2020-11-23", "renewal", None),
    ]
    b = agreement(GSOMIA_REVERSED)
    assert days(b, "2020-01-01", "2020-12-31") == days(a, "2020-01-01", "2020-12-31")


GSOMIA_REVERSED = """
[[agreement]]
id = "reversed"
name = "Reversed"
parties = ["AA", "BB"]
in_force = 2016-11-23
term = "P1Y"
renewal = "P1Y"

[[agreement.exit]]
effect = "end-of-term"
notice = "P30D"

[[agreement.exit]]
effect = "end-of-term"
notice = "P90D"
"""


def test_a_notice_of_two_years_lists_the_last_day_for_a_renewal_two_years_on() -> None:
    long = agreement(
        """
        [[agreement]]
        id = "long"
        name = "Long"
        parties = ["AA", "BB"]
        in_force = 2016-11-23
        term = "P1Y"
        renewal = "P1Y"
        [[agreement.exit]]
        effect = "end-of-term"
        notice = "P2Y"
        """
    )
    assert days(long, "2020-01-01", "2020-12-31") == [
        ("2020-11-22", "last-notice-day", None),
        ("2020-11-23", "renewal", None),
    ]
    (last,) = long.deadlines("2020-11-22", "2020-11-22")
    assert last.summary == "Long: last day for notice to stop the 23 November 2022 renewal"


def test_a_last_notice_day_after_the_snapshot_that_governs_it_is_left_to_the_next() -> None:
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
    assert days(a, "2019-01-01", "2020-12-31") == [
        ("2019-08-24", "last-notice-day", None),
        ("2019-11-23", "renewal", None),
        ("2020-08-24", "last-notice-day", None),
        ("2020-11-23", "renewal", None),
    ]


def yearly(*clauses: str) -> Agreement:
    """A GSOMIA-shaped agreement with these `[[agreement.exit]]` bodies, in this order."""
    exits = "".join(f'\n[[agreement.exit]]\neffect = "end-of-term"\n{c}\n' for c in clauses)
    return agreement(GSOMIA_REVERSED.split("\n[[agreement.exit]]", maxsplit=1)[0] + exits)


def test_the_last_notice_day_is_explained_as_can_withdraw_explains_it() -> None:
    # Three months' and 92 days' notice both close the window on 23 August 2019.
    a = yearly('notice = "P3M"', 'notice = "P92D"')
    (last,) = a.deadlines("2019-08-22", "2019-08-22")
    answer = a.can_withdraw("AA", on="2019-08-22")
    assert answer.last_notice_day == last.date
    assert last.explanation[-1] == answer.explanation[-1]
    assert last.explanation[-1].startswith("2019-11-23 − 3 months = 2019-08-23: ")


def test_of_three_clauses_the_latest_last_notice_day_is_listed() -> None:
    a = yearly('notice = "P60D"', 'notice = "P90D"', 'notice = "P30D"')
    assert days(a, "2020-01-01", "2020-12-31") == [
        ("2020-10-23", "last-notice-day", None),
        ("2020-11-23", "renewal", None),
    ]


def test_a_floor_already_passed_leaves_the_last_notice_days_as_they_were() -> None:
    a = yearly('notice = "P90D"\nnot_effective_before = "P1Y"')
    assert days(a, "2020-01-01", "2020-12-31") == [
        ("2020-08-24", "last-notice-day", None),
        ("2020-11-23", "renewal", None),
    ]


def test_no_last_notice_day_before_notice_may_be_given_but_the_next_one() -> None:
    a = yearly('notice = "P90D"\nnot_before = "P3Y"')
    assert days(a, "2019-01-01", "2020-12-31") == [
        ("2019-11-23", "window-opens", None),
        ("2019-11-23", "renewal", None),
        ("2020-08-24", "last-notice-day", None),
        ("2020-11-23", "renewal", None),
    ]


def test_the_first_day_notice_may_be_given_can_be_the_last_notice_day() -> None:
    opens_on_the_day = yearly('notice = "P90D"\nnot_before = "P2Y9M1D"')
    assert days(opens_on_the_day, "2019-08-01", "2019-08-31") == [
        ("2019-08-24", "window-opens", None),
        ("2019-08-24", "last-notice-day", None),
    ]
    opens_a_day_late = yearly('notice = "P90D"\nnot_before = "P2Y9M2D"')
    assert days(opens_a_day_late, "2019-08-01", "2019-08-31") == [
        ("2019-08-25", "window-opens", None)
    ]


def test_withdrawals_on_the_same_day_are_listed_by_party() -> None:
    a = agreement(
        MANY.replace('["AA", "BB", "CC"]', '["CC", "BB", "AA"]')
        + """
        [[agreement.exit]]
        effect = "after-notice"
        notice = "P1Y"
        [[agreement.event]]
        date = 2021-03-01
        kind = "notice"
        party = "CC"
        [[agreement.event]]
        date = 2021-03-01
        kind = "notice"
        party = "BB"
        """
    )
    assert days(a, "2022-03-01", "2022-03-01") == [
        ("2022-03-01", "effect", "BB"),
        ("2022-03-01", "effect", "CC"),
    ]


def test_a_window_that_closes_while_another_clause_still_takes_notice_ends_no_notice_period() -> (
    None
):
    a = agreement(
        """
        [[agreement]]
        id = "two-doors"
        name = "Two doors"
        parties = ["AA", "BB"]
        in_force = 2000-01-01
        timezone = "UTC"
        term = "P1Y"
        renewal = "P1Y"

        [[agreement.exit]]
        effect = "end-of-term"
        notice = "P90D"

        [[agreement.exit]]
        effect = "end-of-term"
        notice = "P90D"
        window = { first = "P1Y", every = "P2Y", length = "P6M" }
        """
    )
    # The window's last day, 30 June 2001, is no deadline: a notice on 1 July still stops the
    # renewal of 1 January 2002 under the first clause, until its last day, 2 October.
    listed = days(a, "2001-01-01", "2001-12-31")
    assert [d for d in listed if d[1] == "last-notice-day"] == [
        ("2001-10-02", "last-notice-day", None)
    ]
    assert a.can_withdraw("AA", on="2001-07-01").last_notice_day == date(2001, 10, 2)


# -- openings of a clause, windows that close, ends of periods: each said and keyed exactly ---------

ILO_LIKE = """
[[agreement]]
id = "ilo-example"
name = "An ILO convention (example)"
parties = ["BR", "FR", "DE"]
multilateral = true
in_force = 1985-11-23

[[agreement.exit]]
effect = "after-notice"
notice = "P1Y"
window = { first = "P10Y", every = "P10Y", length = "P1Y" }

[[agreement.event]]
date = 1990-01-05
kind = "join"
party = "DE"
effective = 1991-01-05
"""

UNESCO_LIKE = """
[[agreement]]
id = "unesco-example"
name = "Constitution of UNESCO (example)"
parties = ["US", "FR"]
multilateral = true
in_force = 1946-11-04

[[agreement.exit]]
effect = "end-of-period"
every = "P1Y"
anchor = 1947-01-01
notice = "P1Y"
"""

FIVE_YEARS_WINDOWED = """
[[agreement]]
id = "w"
name = "Five-year contract"
parties = ["AA", "BB"]
in_force = 2020-01-01
term = "P5Y"
renewal = "P5Y"

[[agreement.exit]]
effect = "end-of-term"
notice = "P30D"
window = { first = "P1Y", every = "P5Y", length = "P6M" }
"""


def _said(found: Sequence[Deadline]) -> list[tuple[str, str, str | None, str, str]]:
    return [(d.date.isoformat(), d.kind, d.party, d.summary, d.key) for d in found]


def test_an_ilo_window_opens_to_every_party_at_once_and_says_when_it_closes() -> None:
    # DE joined later, but the windows are counted from the convention's coming into force.
    assert _said(agreement(ILO_LIKE).deadlines("1994-01-01", "2007-01-01")) == [
        ("1995-11-23", "window-opens", None,
         "example: exit clause 1 opens to notice, until 22 November 1996",
         "window-opens-1-all-1995-11-23"),
        ("2005-11-23", "window-opens", None,
         "example: exit clause 1 opens to notice, until 22 November 2006",
         "window-opens-1-all-2005-11-23"),
    ]  # fmt: skip


def test_the_paris_agreement_opens_to_all_in_2019_and_to_the_united_states_alone_in_2024() -> None:
    paris = load_catalog()["paris-agreement"]
    assert _said(paris.deadlines("2019-01-01", "2024-12-31")) == [
        ("2019-11-04", "window-opens", None, "Paris Agreement: exit clause 1 opens to notice",
         "window-opens-1-all-2019-11-04"),
        ("2020-11-04", "effect", "US", "Paris Agreement: US's withdrawal takes effect",
         "effect-US-2019-11-04"),
        ("2024-02-19", "window-opens", "US", "Paris Agreement: exit clause 1 opens to notice to US",
         "window-opens-1-US-2024-02-19"),
    ]  # fmt: skip


def test_a_period_clause_has_a_last_notice_day_a_year_before_each_1_january() -> None:
    found = agreement(UNESCO_LIKE).deadlines("2026-01-01", "2027-12-31")
    assert _said(found) == [
        ("2026-12-31", "last-notice-day", None,
         "example: last day for notice to take effect on 1 January 2028",
         "last-notice-day-1-2028-01-01"),
        ("2027-12-31", "last-notice-day", None,
         "example: last day for notice to take effect on 1 January 2029",
         "last-notice-day-1-2029-01-01"),
    ]  # fmt: skip
    assert found[0].explanation == (
        "the period ends on 1947-01-01 + 81 years = 2028-01-01",
        "2028-01-01 − 1 year = 2027-01-01: notice must be received before 00:00 UTC on 1 January "
        "2027, so the last day is Thursday 31 December 2026",
    )


def test_a_window_that_closes_early_makes_its_last_day_the_last_notice_day() -> None:
    assert _said(agreement(FIVE_YEARS_WINDOWED).deadlines("2020-01-01", "2026-12-31")) == [
        ("2021-01-01", "window-opens", None,
         "Five-year contract: exit clause 1 opens to notice, until 30 June 2021",
         "window-opens-1-all-2021-01-01"),
        ("2021-06-30", "last-notice-day", None,
         "Five-year contract: last day for notice (its window closes) to take effect on "
         "1 January 2025", "last-notice-day-1-2025-01-01"),
        ("2025-01-01", "renewal", None, "Five-year contract: renews for 5 years", "renewal-1"),
        ("2026-01-01", "window-opens", None,
         "Five-year contract: exit clause 1 opens to notice, until 30 June 2026",
         "window-opens-1-all-2026-01-01"),
        ("2026-06-30", "last-notice-day", None,
         "Five-year contract: last day for notice (its window closes) to take effect on "
         "1 January 2030", "last-notice-day-1-2030-01-01"),
    ]  # fmt: skip


def test_a_window_that_closes_after_every_party_has_left_has_no_last_notice_day() -> None:
    # AA and CC leave on 1 January 2002, BB a year later: nobody is left to give notice when
    # the second clause's window closes on 30 June 2003.
    club = agreement("""
[[agreement]]
id = "club"
name = "Club"
parties = ["AA", "BB", "CC"]
multilateral = true
in_force = 2000-01-01
term = "P1Y"
renewal = "P1Y"

[[agreement.exit]]
effect = "end-of-term"
notice = "P90D"
not_before = "P1Y"

[[agreement.exit]]
effect = "end-of-term"
notice = "P90D"
not_before = "P1Y"
window = { first = "P1Y", every = "P2Y", length = "P6M" }

[[agreement.event]]
date = 2001-07-05
kind = "notice"
party = "CC"

[[agreement.event]]
date = 2001-07-05
kind = "notice"
party = "AA"

[[agreement.event]]
date = 2002-01-01
kind = "notice"
party = "BB"
""")
    listed = [(d.date.isoformat(), d.kind) for d in club.deadlines("2000-07-01", "2003-07-01")]
    assert ("2003-06-30", "last-notice-day") not in listed
    assert ("2001-10-02", "last-notice-day") in listed  # BB's, while it was still bound


def test_as_of_september_2019_the_end_by_seouls_notice_is_explained_in_seoul_time(
    gsomia: Agreement,
) -> None:
    (effect,) = gsomia.as_of("2019-09-01").deadlines("2019-09-01", "2019-12-01")
    assert (effect.kind, effect.date) == ("effect", date(2019, 11, 23))
    assert effect.explanation[-1] == (
        "2019-11-23 − 90 days = 2019-08-25: notice must be received before 00:00 KST on "
        "25 August 2019, so the last day is Saturday 24 August 2019"
    )


def test_daily_periods_that_share_a_last_notice_day_list_it_for_the_first_of_them() -> None:
    """Two business days' notice before a period that ends every day, in Berlin: a notice on
    Wednesday 2 December 2026 is in time for Saturday's boundary, and Sunday's and Monday's
    need no later one (Thursday and Friday are the business days between, for all three). So
    Wednesday is listed once, for Saturday; Thursday is the last day for Tuesday's boundary."""
    daily = agreement(
        """
        [[agreement]]
        id = "daily"
        name = "Daily"
        parties = ["AA", "BB"]
        in_force = 2026-01-01
        calendar = "DE-BE"
        [[agreement.exit]]
        effect = "end-of-period"
        every = "P1D"
        anchor = 2026-01-01
        notice_business_days = 2
        """
    )
    assert last_notice_days(daily, "2026-12-02", "2026-12-03") == [
        ("2026-12-02", "last-notice-day-1-2026-12-05"),
        ("2026-12-03", "last-notice-day-1-2026-12-08"),
    ]


def test_monthly_periods_before_a_floor_have_no_last_notice_day_but_the_floor_s() -> None:
    """A month's notice before a month's end, but never effective in the first year: every
    notice until 30 November 2020 takes effect on 1 January 2021, so the last notice days of
    2020 are that day's, and 31 December's for 1 February."""
    floored = agreement(
        """
        [[agreement]]
        id = "floored"
        name = "Floored"
        parties = ["AA", "BB"]
        in_force = 2020-01-01
        [[agreement.exit]]
        effect = "end-of-period"
        every = "P1M"
        anchor = 2020-01-01
        notice = "P1M"
        not_effective_before = "P1Y"
        """
    )
    assert last_notice_days(floored, "2020-01-01", "2020-12-31") == [
        ("2020-11-30", "last-notice-day-1-2021-01-01"),
        ("2020-12-31", "last-notice-day-1-2021-02-01"),
    ]
