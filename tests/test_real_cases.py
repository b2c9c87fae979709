"""The real cases of the public record, at their published dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from gsomia_clock import Catalog


def test_the_bundled_catalog_holds_gsomia_and_at_least_ten_more(catalog: Catalog) -> None:
    assert "gsomia" in catalog
    assert len(catalog) >= 11
    for agreement in catalog.values():
        assert agreement.source, agreement.id
        assert agreement.text, agreement.id


def test_paris_us_notice_of_4_november_2019_took_effect_4_november_2020(catalog: Catalog) -> None:
    paris = catalog["paris-agreement"]
    pending = paris.status(on="2020-11-03", party="US")
    assert pending.state == "notice-pending"
    assert pending.effective == date(2020, 11, 4)
    assert paris.status(on="2020-11-04", party="US").state == "ended"
    assert paris.status(on="2020-11-04").state == "in-force"  # multilateral: the rest stay


def test_paris_three_year_bar_counts_from_the_us_entry_into_force(catalog: Catalog) -> None:
    paris = catalog["paris-agreement"]
    early = paris.can_withdraw("US", on="2019-11-03")
    assert not early.can_withdraw
    assert "may not give notice before Monday 4 November 2019" in early.reason
    # China, bound from the same day, could have acted as the US did on 4 November 2019.
    assert paris.can_withdraw("CN", on="2019-11-04").effective == date(2020, 11, 4)
    # After rejoining on 19 February 2021 the three years run again, to 19 February 2024.
    assert not paris.can_withdraw("US", on="2024-02-18").can_withdraw
    assert paris.can_withdraw("US", on="2024-02-19").can_withdraw


def test_paris_us_rejoined_19_february_2021_and_left_again_27_january_2026(
    catalog: Catalog,
) -> None:
    paris = catalog["paris-agreement"]
    assert paris.status(on="2021-02-18", party="US").state == "ended"
    assert paris.status(on="2021-02-19", party="US").state == "in-force"
    second = paris.status(on="2025-06-01", party="US")
    assert (second.state, second.effective) == ("notice-pending", date(2026, 1, 27))
    assert paris.status(on="2026-01-27", party="US").state == "ended"


def test_inf_us_notice_2_february_2019_ended_the_treaty_2_august_2019(catalog: Catalog) -> None:
    inf = catalog["inf-treaty"]
    assert inf.status(on="2019-08-01").effective == date(2019, 8, 2)
    ended = inf.status(on="2019-08-02", party="RU")
    assert (ended.state, ended.effective) == ("ended", date(2019, 8, 2))


def test_open_skies_six_months_from_22_may_2020_is_22_november_2020(catalog: Catalog) -> None:
    skies = catalog["open-skies"]
    assert skies.status(on="2020-11-21", party="US").effective == date(2020, 11, 22)
    assert skies.status(on="2020-11-22", party="US").state == "ended"
    assert skies.status(on="2021-12-18", party="RU").state == "ended"
    assert skies.status(on="2021-12-17", party="RU").state == "notice-pending"


def test_rome_statute_burundi_left_27_october_2017(catalog: Catalog) -> None:
    rome = catalog["rome-statute"]
    assert rome.status(on="2017-10-26", party="BI").effective == date(2017, 10, 27)
    assert rome.status(on="2017-10-27", party="BI").state == "ended"


def test_rome_statute_south_africa_revoked_its_notice_7_march_2017(catalog: Catalog) -> None:
    rome = catalog["rome-statute"]
    assert rome.status(on="2017-03-06", party="ZA").state == "notice-pending"
    assert rome.status(on="2017-03-07", party="ZA").state == "in-force"
    assert rome.status(on="2017-10-19", party="ZA").state == "in-force"


def test_rome_statute_burundi_was_not_bound_before_1_december_2004(catalog: Catalog) -> None:
    rome = catalog["rome-statute"]
    assert rome.status(on="2004-11-30", party="BI").state == "not-in-force"
    assert rome.status(on="2004-12-01", party="BI").state == "in-force"


def test_apostille_renews_tacitly_every_five_years_from_24_january_1965(catalog: Catalog) -> None:
    apostille = catalog["apostille"]
    status = apostille.status(on="2026-11-22", party="FR")
    assert (status.term_start, status.term_end) == (date(2025, 1, 24), date(2030, 1, 24))
    answer = apostille.can_withdraw("FR", on="2026-11-22")
    assert answer.effective == date(2030, 1, 24)
    assert answer.last_notice_day == date(2029, 7, 23)
    assert apostille.can_withdraw("FR", on="2029-07-24").effective == date(2035, 1, 24)


def test_new_start_extended_to_5_february_2026_and_lapsed(catalog: Catalog) -> None:
    treaty = catalog["new-start"]
    before = treaty.status(on="2021-02-02")
    assert before.term_end == date(2021, 2, 5)
    extended = treaty.status(on="2021-02-03")
    assert (extended.term_start, extended.term_end) == (date(2011, 2, 5), date(2026, 2, 5))
    assert extended.next_renewal is None
    assert treaty.status(on="2026-02-04").state == "in-force"
    lapsed = treaty.status(on="2026-02-05")
    assert (lapsed.state, lapsed.effective) == ("ended", date(2026, 2, 5))
    kinds = {(d.date, d.kind) for d in treaty.deadlines("2026-01-01", "2026-12-31")}
    assert (date(2026, 2, 5), "expiry") in kinds


def test_us_japan_treaty_allows_one_year_notice_after_ten_years(catalog: Catalog) -> None:
    treaty = catalog["us-japan-security-treaty"]
    assert not treaty.can_withdraw("JP", on="1970-06-22").can_withdraw
    assert treaty.can_withdraw("JP", on="1970-06-23").effective == date(1971, 6, 23)
    assert treaty.can_withdraw("US", on="2026-11-22").effective == date(2027, 11, 22)


def test_nato_article_13_twenty_years_then_one_year(catalog: Catalog) -> None:
    nato = catalog["nato"]
    assert not nato.can_withdraw("US", on="1969-08-23").can_withdraw
    assert nato.can_withdraw("US", on="1969-08-24").effective == date(1970, 8, 24)


def test_who_us_retracted_in_2021_and_left_22_january_2026(catalog: Catalog) -> None:
    who = catalog["who-constitution-us"]
    assert who.status(on="2020-12-01", party="US").effective == date(2021, 7, 6)
    assert who.status(on="2021-07-06", party="US").state == "in-force"
    assert who.status(on="2026-01-22", party="US").state == "ended"
    assert who.status(on="1948-06-20", party="US").state == "not-in-force"


def test_brexit_notice_deferred_three_times_to_1_february_2020(catalog: Catalog) -> None:
    teu = catalog["teu-article-50"]
    first = teu.status(on="2018-06-01", party="GB")
    assert first.effective == date(2019, 3, 30)  # 00:00 CET on 30 March 2019
    assert teu.status(on="2019-03-22", party="GB").effective == date(2019, 4, 13)
    assert teu.status(on="2019-04-11", party="GB").effective == date(2019, 11, 1)
    last = teu.status(on="2020-01-31", party="GB")
    assert last.effective == date(2020, 2, 1)
    assert last.effective_at is not None
    assert last.effective_at.isoformat() == "2020-02-01T00:00:00+01:00"  # 23:00 GMT on 31 January
    assert teu.status(on="2020-02-01", party="GB").state == "ended"


def test_npt_north_korea_readings_of_its_suspended_1993_notice(catalog: Catalog) -> None:
    npt = catalog["npt"]
    assert npt.status(on="1993-06-11", party="KP").state == "notice-suspended"
    remaining = npt.status(on="2003-01-11", party="KP", on_resume="remaining")
    assert (remaining.state, remaining.effective) == ("ended", date(2003, 1, 11))
    restart = npt.status(on="2003-01-11", party="KP")
    assert (restart.state, restart.effective) == ("notice-pending", date(2003, 4, 10))
    assert npt.status(on="2003-04-10", party="KP").state == "ended"


def test_abm_six_months_from_13_december_2001(catalog: Catalog) -> None:
    abm = catalog["abm-treaty"]
    assert abm.status(on="2002-06-12").effective == date(2002, 6, 13)
    assert abm.status(on="2002-06-13").state == "ended"


def test_bolivia_bit_ten_year_bar_then_one_year_notice(catalog: Catalog) -> None:
    bit = catalog["us-bolivia-bit"]
    # A notice in the first ten years could not take effect before 6 June 2011.
    assert bit.can_withdraw("BO", on="2005-01-01").effective == date(2011, 6, 6)
    assert bit.status(on="2012-06-09").effective == date(2012, 6, 10)
    assert bit.status(on="2012-06-10").state == "ended"


def test_the_benchmark_register_is_a_valid_catalog() -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    from gsomia_clock.catalog import read_catalog

    benchmarks = Path(__file__).resolve().parent.parent / "benchmarks"
    sys.path.insert(0, str(benchmarks))
    from register import register_toml

    mixed = read_catalog(register_toml(400).encode(), name="register.toml")
    evergreen = read_catalog(register_toml(50, evergreen=True).encode(), name="register.toml")
    assert len(mixed) == 400 and len(evergreen) == 50
    # Seeded: the same register every run, whatever the process (and its hash seed).
    other = subprocess.run(
        [sys.executable, "-c", "from register import register_toml; print(register_toml(20), end='')"],
        cwd=benchmarks, env={**os.environ, "PYTHONHASHSEED": "12345"},
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    assert other.stdout == register_toml(20)
    assert {e.kind for a in mixed for e in a.events} >= {"notice", "revoke", "suspend", "join"}


def test_the_contract_managers_and_the_monthly_benchmark_registers_are_valid_catalogs() -> None:
    """Issue 26's registers: of the mix, 40% monthly subscriptions in business days, 30% leases
    under BGB § 573c, 20% vendor contracts with `earliest`, 10% treaties with histories."""
    import sys
    from collections import Counter
    from pathlib import Path

    from gsomia_clock.catalog import read_catalog

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from register import mix_toml, monthly_toml

    mix = read_catalog(mix_toml(1000).encode(), name="mix.toml")
    shapes = Counter(a.name.split()[0] for a in mix)
    assert len(mix) == 1000 and all(250 < shapes[s] < 450 for s in ("Subscription", "Lease"))
    assert 130 < shapes["Vendor"] < 270 and 50 < shapes["Agreement"] < 150
    leases = [a for a in mix if a.name.startswith("Lease")]
    assert {a.calendar for a in leases} <= {"DE-BE", "DE-BY", "DE-NW", "DE-HH", "DE-HE", "DE-BW"}
    assert all(x.effect == "end-of-period" and x.grace == 3 for a in leases for x in a.exits)
    assert any(a.events for a in mix) and mix_toml(30) == mix_toml(30)
    monthly = read_catalog(monthly_toml(200).encode(), name="monthly.toml")
    assert all(a.renewal is not None and a.exits for a in monthly)


# -- end-of-period exits, notice windows, suspensions of operation, on their published days ---


def test_unesco_notice_takes_effect_at_the_end_of_the_year_after_it_is_given(
    catalog: Catalog,
) -> None:
    unesco = catalog["unesco"]
    # the US notices of 12 October 2017 and 22 July 2025, Israel's of 29 December 2017
    assert unesco.status(on="2018-12-31", party="US").effective == date(2019, 1, 1)
    assert unesco.status(on="2018-12-31", party="IL").effective == date(2019, 1, 1)
    assert unesco.status(on="2026-11-23", party="US").effective == date(2027, 1, 1)
    # out from 1 January 1985 until its return on 1 October 2003
    assert unesco.status(on="1990-01-01", party="US").state == "ended"
    assert unesco.status(on="2003-10-01", party="US").state == "in-force"


def test_unesco_a_notice_on_the_last_day_of_2026_still_counts_for_2027(catalog: Catalog) -> None:
    answer = catalog["unesco"].can_withdraw("FR", on="2026-12-30")
    assert (answer.effective, answer.last_notice_day) == (date(2028, 1, 1), date(2026, 12, 31))
    assert catalog["unesco"].can_withdraw("FR", on="2027-01-01").effective == date(2029, 1, 1)


def test_japan_left_the_whaling_convention_on_30_june_2019(catalog: Catalog) -> None:
    whaling = catalog["whaling-convention"]
    assert whaling.status(on="2019-06-29", party="JP").effective == date(2019, 6, 30)
    assert whaling.status(on="2019-06-30", party="JP").state == "ended"
    # a notice on 1 January still makes 30 June of the same year; one on 2 January, the next
    assert whaling.can_withdraw("US", on="2027-01-01").effective == date(2027, 6, 30)
    assert whaling.can_withdraw("US", on="2027-01-02").effective == date(2028, 6, 30)


def test_turkey_left_the_istanbul_convention_on_1_july_2021(catalog: Catalog) -> None:
    istanbul = catalog["istanbul-convention"]
    assert istanbul.status(on="2021-06-30", party="TR").effective == date(2021, 7, 1)
    # the first day of the month after three months from receipt
    assert istanbul.can_withdraw("FR", on="2026-03-31").effective == date(2026, 7, 1)
    assert istanbul.can_withdraw("FR", on="2026-04-01").effective == date(2026, 8, 1)


def test_brazil_denounced_c158_inside_the_first_window_and_was_out_a_year_later(
    catalog: Catalog,
) -> None:
    c158 = catalog["ilo-c158"]
    assert c158.status(on="1997-11-19", party="BR").effective == date(1997, 11, 20)
    assert c158.status(on="1997-11-20", party="BR").state == "ended"


def test_c158_may_be_denounced_only_in_the_year_after_each_ten_years(catalog: Catalog) -> None:
    c158 = catalog["ilo-c158"]
    brazil_before = c158.can_withdraw("BR", on="1996-11-19")
    assert brazil_before.can_withdraw and brazil_before.window_closes == date(1996, 11, 22)
    assert brazil_before.effective == date(1997, 11, 19)
    # bound from 5 January 1996, inside the first window: it could denounce from its first day
    assert c158.can_withdraw("BR", on="1996-01-05").effective == date(1997, 1, 5)


def test_nato_counts_twenty_years_from_1949_for_greece_as_for_the_founders(
    catalog: Catalog,
) -> None:
    nato = catalog["nato"]
    refused = nato.can_withdraw("GR", on="1969-08-23")
    assert not refused.can_withdraw and refused.window_opens == date(1969, 8, 24)
    assert nato.can_withdraw("GR", on="1969-08-24").effective == date(1970, 8, 24)
    # Sweden, a member from 7 March 2024, need not wait twenty years of its own
    assert nato.can_withdraw("SE", on="2024-03-07").effective == date(2025, 3, 7)
    assert nato.status(on="2024-03-06", party="SE").state == "not-in-force"


def test_russia_suspended_the_cfe_treaty_then_withdrew_and_the_allies_suspended_it(
    catalog: Catalog,
) -> None:
    cfe = catalog["cfe-treaty"]
    assert cfe.status(on="2007-12-11").suspended_by == ()
    assert cfe.status(on="2007-12-12").suspended_by == ("RU",)
    assert cfe.status(on="2023-11-06", party="RU").effective == date(2023, 11, 7)
    assert cfe.status(on="2023-11-07", party="RU").state == "ended"
    assert cfe.status(on="2023-12-07").suspended_by == ("US", "IT")
    assert cfe.status(on="2024-02-07").suspended_by == ("US", "IT", "CA")
    assert cfe.status(on="2024-02-07", party="CA").suspended_by == ("CA",)
    assert cfe.status(on="2024-02-07", party="RU").suspended_by == ()
    # suspending its operation changes no state
    assert cfe.status(on="2024-02-07", party="US").state == "in-force"


# Each real exit of the agreements added for the register: (agreement, party, first day out).
EXITS = [
    ("kyoto-protocol", "CA", "2012-12-15"),  # notice received 15 December 2011
    ("energy-charter-treaty", "IT", "2016-01-01"),  # received 31 December 2014, one day more
    ("energy-charter-treaty", "FR", "2023-12-08"),
    ("energy-charter-treaty", "DE", "2023-12-20"),
    ("energy-charter-treaty", "LU", "2024-06-17"),
    ("energy-charter-treaty", "GB", "2025-04-27"),  # received 26 April 2024
    ("icsid-convention", "EC", "2010-01-07"),  # received 6 July 2009: six months and a day
    ("icsid-convention", "HN", "2024-08-25"),  # received 24 February 2024
    ("iccpr-op1", "JM", "1998-01-23"),  # the first denunciation of the Protocol
    ("iccpr-op1", "TT", "1998-08-26"),
    ("iccpr-op1", "TT", "2000-06-27"),
    ("oas-charter", "NI", "2023-11-19"),
    ("american-convention", "TT", "1999-05-26"),
    ("american-convention", "VE", "2013-09-10"),
    ("ottawa-convention", "LT", "2025-12-27"),
    ("ottawa-convention", "LV", "2025-12-27"),
    ("ottawa-convention", "EE", "2025-12-27"),
    ("ottawa-convention", "FI", "2026-01-10"),
    ("ottawa-convention", "PL", "2026-02-20"),
    ("council-of-europe", "GR", "1971-01-01"),  # notice of 12 December 1969: end of 1970
    ("cluster-munitions", "LT", "2025-03-06"),
    ("echr", "GR", "1970-06-13"),  # note of 12 December 1969: six months and a day
]


@pytest.mark.parametrize(
    ("ident", "party", "out"), EXITS, ids=[f"{a}-{p}-{d}" for a, p, d in EXITS]
)
def test_each_real_exit_takes_effect_on_its_published_day(
    catalog: Catalog, ident: str, party: str, out: str
) -> None:
    agreement = catalog[ident]
    day = date.fromisoformat(out)
    before = agreement.status(on=day - timedelta(days=1), party=party)
    assert (before.state, before.effective) == ("notice-pending", day)
    on_the_day = agreement.status(on=day, party=party)
    assert (on_the_day.state, on_the_day.effective) == ("ended", day)


def test_the_bundled_catalog_is_a_register_of_thirty(catalog: Catalog) -> None:
    assert len(catalog) >= 30


def test_trinidad_and_tobago_out_back_in_and_out_again_of_the_first_optional_protocol(
    catalog: Catalog,
) -> None:
    protocol = catalog["iccpr-op1"]
    assert protocol.status(on="1998-09-01", party="TT").state == "ended"
    assert protocol.status(on="1999-06-01", party="TT").state == "in-force"  # re-acceded
    assert protocol.status(on="2000-06-27", party="TT").state == "ended"


def test_ecuador_left_icsid_in_2010_and_was_bound_again_from_3_september_2021(
    catalog: Catalog,
) -> None:
    icsid = catalog["icsid-convention"]
    assert icsid.status(on="2021-09-02", party="EC").state == "ended"
    assert icsid.status(on="2021-09-03", party="EC").state == "in-force"


def test_the_us_revoked_its_upu_notice_before_it_took_effect(catalog: Catalog) -> None:
    upu = catalog["upu-constitution"]
    assert upu.status(on="2019-10-09", party="US").effective == date(2019, 10, 17)
    assert upu.status(on="2019-10-17", party="US").state == "in-force"


def test_kyoto_canada_could_not_give_notice_before_three_years_in_force(catalog: Catalog) -> None:
    early = catalog["kyoto-protocol"].can_withdraw("CA", on="2008-02-15")
    assert not early.can_withdraw and early.window_opens == date(2008, 2, 16)


def test_council_of_europe_a_notice_by_30_september_takes_effect_at_the_end_of_that_year(
    catalog: Catalog,
) -> None:
    statute = catalog["council-of-europe"]
    assert statute.can_withdraw("GR", on="2026-09-30").effective == date(2027, 1, 1)
    assert statute.can_withdraw("GR", on="2026-10-01").effective == date(2028, 1, 1)
    assert statute.status(on="1974-11-28", party="GR").state == "in-force"  # Greece re-joined


def test_ukraine_suspended_the_ottawa_convention_and_stays_bound(catalog: Catalog) -> None:
    status = catalog["ottawa-convention"].status(on="2025-08-01", party="UA")
    assert status.state == "in-force" and status.suspended_by == ("UA",)


def test_the_gambia_was_bound_by_the_rome_statute_from_1_september_2002(catalog: Catalog) -> None:
    rome = catalog["rome-statute"]
    assert rome.status(on="2002-08-31", party="GM").state == "not-in-force"
    assert rome.status(on="2002-09-01", party="GM").state == "in-force"
    # its notice of 10 November 2016, rescinded on 10 February 2017, never took effect
    assert rome.status(on="2017-11-10", party="GM").state == "in-force"


def test_russia_suspended_new_start_from_28_february_2023_and_stayed_a_party(
    catalog: Catalog,
) -> None:
    treaty = catalog["new-start"]
    assert treaty.status(on="2023-02-27").suspended_by == ()
    suspended = treaty.status(on="2023-02-28")
    assert (suspended.state, suspended.suspended_by) == ("in-force", ("RU",))


# -- the audit of the bundled catalog against the record ----------------------------------------


def test_russia_left_the_cfe_treaty_on_7_november_2023_by_its_notice_of_9_june(
    catalog: Catalog,
) -> None:
    cfe = catalog["cfe-treaty"]
    pending = cfe.status(on="2023-11-06", party="RU")
    assert (pending.state, pending.effective) == ("notice-pending", date(2023, 11, 7))
    assert cfe.status(on="2023-11-07", party="RU").state == "ended"
    # The clause gives that day to any notice of 9 June 2023, not a date written into the event.
    assert cfe.can_withdraw("US", on="2023-06-09").effective == date(2023, 11, 7)


def test_the_cfe_count_of_150_days_dates_russias_2007_suspension_as_the_depositary_did(
    catalog: Catalog,
) -> None:
    # Notified on 14 July 2007, in effect on 12 December: the same 150 whole days after the notice.
    assert catalog["cfe-treaty"].can_withdraw("RU", on="2007-07-14").effective == date(2007, 12, 12)


def test_the_united_states_gave_notice_to_unesco_on_28_december_1983(catalog: Catalog) -> None:
    unesco = catalog["unesco"]
    assert unesco.status(on="1983-12-27", party="US").state == "in-force"
    notice = unesco.status(on="1983-12-28", party="US")
    assert (notice.state, notice.effective) == ("notice-pending", date(1985, 1, 1))


def test_the_united_kingdom_was_no_unesco_member_in_1990(catalog: Catalog) -> None:
    unesco = catalog["unesco"]
    assert unesco.status(on="1984-12-04", party="GB").state == "in-force"
    last_day = unesco.status(on="1985-12-31", party="GB")  # notice of 5 December 1984
    assert (last_day.state, last_day.effective) == ("notice-pending", date(1986, 1, 1))
    assert unesco.status(on="1986-01-01", party="GB").state == "ended"
    assert unesco.status(on="1990-06-01", party="GB").state == "ended"
    assert unesco.status(on="1997-06-30", party="GB").state == "ended"
    assert unesco.status(on="1997-07-01", party="GB").state == "in-force"


def test_israel_joined_unesco_on_16_september_1949(catalog: Catalog) -> None:
    unesco = catalog["unesco"]
    assert unesco.status(on="1949-09-15", party="IL").state == "not-in-force"
    assert unesco.status(on="1949-09-16", party="IL").state == "in-force"


# Each party listed that joined after the agreement's entry into force: (agreement, party, first
# day bound). The day before it, the party is not bound.
JOINS = [
    ("istanbul-convention", "FR", "2014-11-01"),  # ratified 4 July 2014
    ("istanbul-convention", "DE", "2018-02-01"),  # ratified 12 October 2017
    ("echr", "FR", "1974-05-03"),
    ("american-convention", "TT", "1991-05-28"),
    ("energy-charter-treaty", "FR", "1999-12-27"),  # ratified 28 September 1999
    ("ottawa-convention", "LT", "2003-11-01"),
    ("ottawa-convention", "EE", "2004-11-01"),
    ("ottawa-convention", "LV", "2006-01-01"),
    ("ottawa-convention", "FI", "2012-07-01"),
    ("ottawa-convention", "PL", "2013-06-01"),
    ("unesco", "IL", "1949-09-16"),
    ("whaling-convention", "JP", "1951-04-21"),
    ("icsid-convention", "HN", "1989-03-16"),  # ratified 14 February 1989: thirty days later
    *(("nato", party, "2004-03-29") for party in ("BG", "EE", "LV", "LT", "RO", "SK", "SI")),
]


@pytest.mark.parametrize(
    ("ident", "party", "bound"), JOINS, ids=[f"{a}-{p}-{d}" for a, p, d in JOINS]
)
def test_a_party_that_joined_later_is_bound_from_its_own_entry_into_force(
    catalog: Catalog, ident: str, party: str, bound: str
) -> None:
    agreement = catalog[ident]
    day = date.fromisoformat(bound)
    assert agreement.status(on=day - timedelta(days=1), party=party).state == "not-in-force"
    assert agreement.status(on=day, party=party).state == "in-force"


def test_france_could_not_denounce_the_european_convention_before_five_years_of_its_own(
    catalog: Catalog,
) -> None:
    echr = catalog["echr"]
    early = echr.can_withdraw("FR", on="1979-05-02")
    assert not early.can_withdraw and early.window_opens == date(1979, 5, 3)


def test_both_parties_suspended_the_inf_treaty_before_it_ended(catalog: Catalog) -> None:
    inf = catalog["inf-treaty"]
    assert inf.status(on="2019-02-01").suspended_by == ()
    assert inf.status(on="2019-02-02").suspended_by == ("US",)
    assert inf.status(on="2019-03-04").suspended_by == ("US", "RU")
    assert inf.status(on="2019-03-04").state == "notice-pending"


def test_ukraine_suspended_the_ottawa_convention_on_15_july_2025(catalog: Catalog) -> None:
    ottawa = catalog["ottawa-convention"]
    assert ottawa.status(on="2025-07-14", party="UA").suspended_by == ()
    assert ottawa.status(on="2025-07-15", party="UA").suspended_by == ("UA",)


# A party whose first day bound was not found in a published source is not listed.
UNLISTED = [
    ("council-of-europe", "FR"),
    ("council-of-europe", "GB"),
    ("icsid-convention", "BO"),
    ("icsid-convention", "VE"),
    ("oas-charter", "VE"),
]


@pytest.mark.parametrize(("ident", "party"), UNLISTED, ids=[f"{a}-{p}" for a, p in UNLISTED])
def test_a_party_whose_first_day_bound_is_unconfirmed_is_not_listed(
    catalog: Catalog, ident: str, party: str
) -> None:
    agreement = catalog[ident]
    assert party not in agreement.parties
    assert agreement.multilateral  # even with one party left: when it leaves, the others stay


def test_the_united_kingdom_ratified_the_energy_charter_treaty_before_it_entered_into_force(
    catalog: Catalog,
) -> None:
    ect = catalog["energy-charter-treaty"]
    # bound from 16 April 1998, so its five years ran out on 16 April 2003
    early = ect.can_withdraw("GB", on="2003-04-15")
    assert not early.can_withdraw and early.window_opens == date(2003, 4, 16)
    assert ect.status(on="2024-04-25", party="GB").state == "in-force"


def test_jamaica_was_bound_by_the_first_optional_protocol_from_its_entry_into_force(
    catalog: Catalog,
) -> None:
    protocol = catalog["iccpr-op1"]
    assert protocol.status(on="1976-03-22", party="JM").state == "not-in-force"
    assert protocol.status(on="1976-03-23", party="JM").state == "in-force"
    assert protocol.status(on="1997-10-22", party="JM").state == "in-force"
    assert protocol.status(on="1998-01-23", party="TT").state == "in-force"  # Jamaica alone left
