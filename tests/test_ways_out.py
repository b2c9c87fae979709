""" "Can party P still get out?" asked of a party across the register (contract v3): every
agreement that binds P that day, whether P could get out of it by acting then, and when it
would be out, soonest first; those it has left or not yet joined only with `--all`."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gsomia_clock import QueryError, Selection, load_catalog
from gsomia_clock.status import BINDING
from gsomia_clock.ways_out import binds, out_order, ways_out

from .helpers import WITHDRAW_KEYS, assert_refused, invoke
from .strategies import agreements, day_near

ON = date(2026, 12, 8)


def _outs(party: str, on: date = ON, *, every: bool = False) -> dict[str, date | None]:
    return {a.agreement: a.effective for a in load_catalog().can_withdraw(party, on, every=every)}


# -- the journalist's question, at the published days -------------------------------------------


def test_the_us_on_8_december_2026_could_leave_the_npt_on_three_months_notice_and_nato_on_a_year() -> (
    None
):
    outs = _outs("US")
    assert outs["npt"] == date(2027, 3, 8)  # NPT Article X(1): three months' notice
    assert outs["nato"] == date(2027, 12, 8)  # North Atlantic Treaty Article 13: one year after
    assert outs["unesco"] is None  # its notice of 22 July 2025 is already pending
    assert list(outs)[-1] == "unesco"  # no effect of its own: sorted last


def test_the_us_is_out_of_unesco_on_1_january_2027_anyway_and_has_left_paris() -> None:
    (unesco,) = [a for a in load_catalog().can_withdraw("US", ON) if a.agreement == "unesco"]
    assert not unesco.can_withdraw and unesco.ends == date(2027, 1, 1)
    assert "paris-agreement" not in _outs("US")  # its withdrawal took effect on 27 January 2026
    assert "inf-treaty" not in _outs("US")  # ended on 2 August 2019
    every = {a.agreement: a for a in load_catalog().can_withdraw("US", ON, every=True)}
    assert "US has not been bound since Tuesday 27 January 2026." in every["paris-agreement"].reason
    assert set(every) > set(_outs("US"))


def test_korea_on_22_november_2019_could_get_out_of_gsomia_by_lifting_its_suspended_notice() -> (
    None
):
    (answer,) = load_catalog().can_withdraw("KR", "2019-11-22")
    assert (answer.agreement, answer.via, answer.effective) == (
        "gsomia",
        "resume",
        date(2019, 11, 23),
    )


def test_korea_in_2026_could_get_out_of_gsomia_at_the_next_term_end_but_one() -> None:
    (answer,) = load_catalog().can_withdraw("KR", ON)
    assert answer.effective == date(2027, 11, 23) and answer.last_notice_day == date(2027, 8, 24)


def test_a_party_no_agreement_names_is_refused_with_the_code_it_likely_meant() -> None:
    with pytest.raises(
        QueryError, match=r"no agreement has 'us' among its parties .*did you mean US"
    ):
        load_catalog().can_withdraw("us")
    with pytest.raises(QueryError, match="did you mean GB"):  # UK: reserved, not assigned
        load_catalog().can_withdraw("UK")


# -- the laws, over generated agreements ------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_every_agreement_binding_the_party_is_answered_once_soonest_out_first(
    data: st.DataObject,
) -> None:
    drawn = data.draw(st.lists(agreements(), min_size=1, max_size=4))
    party = data.draw(st.sampled_from(sorted({p for a in drawn for p in a.parties})))
    day = data.draw(day_near(drawn[0]))
    found = ways_out(drawn, party, day)
    bound = [a for a in drawn if party in a.parties and binds(a, party, day)]
    assert sorted(found, key=out_order) == list(found)
    assert sorted(a.agreement for a in found) == sorted(a.id for a in bound)
    assert sorted(found, key=out_order) == sorted(
        (a.can_withdraw(party, on=day) for a in bound), key=out_order
    )
    for answer in found:  # an answer "yes" is always for an agreement that binds the party
        assert not answer.can_withdraw or answer.agreement in {a.id for a in bound}
    every = ways_out(drawn, party, day, every=True)
    assert len(every) == sum(party in a.parties for a in drawn) >= len(found)
    assert all(
        a.status(on=day, party=party).state not in BINDING or a.can_withdraw(party, on=day) in found
        for a in drawn
        if party in a.parties
    )


# -- the command line ------------------------------------------------------------------------


def test_can_withdraw_party_with_no_id_lists_every_agreement_binding_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    done = invoke(capsys, "can-withdraw", "--party", "US", "--on", "2026-12-08", "--json")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert all(entry.keys() >= WITHDRAW_KEYS | {"ends", "window_opens"} for entry in found)
    assert [e["agreement"] for e in found] == list(_outs("US"))
    effective = [e["effective"] for e in found]
    assert effective[-1] is None and effective[:-1] == sorted(effective[:-1])
    assert {e["agreement"]: e["effective"] for e in found}["npt"] == "2027-03-08"


def test_can_withdraw_party_in_text_says_how_and_when_for_each_soonest_out_first(
    capsys: pytest.CaptureFixture[str],
) -> None:
    done = invoke(capsys, "can-withdraw", "--party", "US", "--on", "2026-12-08")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("7 agreements bind US on Tuesday 8 December 2026; acting that day")
    rows = [line.split()[0] for line in lines[1:]]
    assert rows[:2] == ["unesco", "npt"]  # out on 1 January 2027 anyway, then by notice
    npt = next(line for line in lines if line.split()[0] == "npt")
    assert "yes, by notice: out Monday 8 March 2027 at 00:00" in npt
    assert "no; out Friday 1 January 2027 anyway" in lines[1]
    assert "paris-agreement" not in done.stdout


def test_can_withdraw_party_all_lists_those_it_left_with_why(
    capsys: pytest.CaptureFixture[str],
) -> None:
    done = invoke(capsys, "can-withdraw", "--party", "US", "--on", "2026-12-08", "--all")
    assert done.returncode == 0, done.stderr
    after = done.stdout.split("Naming US but not binding it on Tuesday 8 December 2026:\n")[1]
    assert "paris-agreement" in after and "US has not been bound since" in after
    assert "npt" not in after


def test_can_withdraw_party_as_csv_is_one_row_an_agreement_with_the_json_values(
    capsys: pytest.CaptureFixture[str],
) -> None:
    done = invoke(capsys, "can-withdraw", "--party", "JP", "--on", "2026-12-08", "--csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [r["agreement"] for r in rows] == ["gsomia", "us-japan-security-treaty"]
    assert rows[0]["can_withdraw"] == "true" and rows[0]["last_notice_day"] == "2027-08-24"
    assert rows[0]["ends"] == "" and rows[0]["effective_at"] == "2027-11-23T00:00:00+09:00"


def test_can_withdraw_with_several_ids_answers_those_that_bind_the_party(
    capsys: pytest.CaptureFixture[str],
) -> None:
    done = invoke(
        capsys, "can-withdraw", "nato", "paris-agreement", "--party", "US", "--on", "2026-12-08",
        "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [e["agreement"] for e in json.loads(done.stdout)] == ["nato"]


def test_can_withdraw_with_one_id_still_prints_one_object(
    capsys: pytest.CaptureFixture[str],
) -> None:
    done = invoke(capsys, "can-withdraw", "npt", "--party", "US", "--on", "2026-12-08", "--json")
    assert json.loads(done.stdout)["effective"] == "2027-03-08"


def test_can_withdraw_of_an_agreement_the_party_is_no_party_to_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    done = invoke(capsys, "can-withdraw", "nato", "npt", "--party", "JP")
    assert_refused(done, "gsomia-clock: error: nato: party: 'JP' is not one of its parties "
                         f"({', '.join(load_catalog()['nato'].parties)})")  # fmt: skip


def test_can_withdraw_party_unknown_is_exit_2_naming_the_likely_code(
    capsys: pytest.CaptureFixture[str],
) -> None:
    done = invoke(capsys, "can-withdraw", "--party", "us")
    assert done.returncode == 2 and done.stdout == ""
    assert "no agreement has 'us' among its parties" in done.stderr
    assert "did you mean US" in done.stderr


def test_can_withdraw_party_exit_status_is_3_when_it_could_get_out_of_none(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    register = tmp_path / "bound.toml"
    register.write_text(
        '[[agreement]]\nid = "forever"\nname = "No way out"\nparties = ["AA", "BB"]\n'
        "in_force = 2000-01-01\n"
    )
    args = ("--no-bundled", "--catalog", str(register), "can-withdraw", "--party", "AA")
    assert invoke(capsys, *args, "--exit-status").returncode == 3
    done = invoke(capsys, *args)
    assert done.returncode == 0
    assert "1 agreement binds AA" in done.stdout and "it could get out of 0" in done.stdout


# -- a party's deadlines stop at its own end (issue 27) ------------------------------------------

CLUB = """
[[agreement]]
id = "club"
name = "A club"
parties = ["AA", "BB", "CC"]
in_force = 2000-01-01
term = "P1Y"
renewal = "P1Y"
[[agreement.exit]]
effect = "end-of-term"
notice = "P90D"
[[agreement.event]]
date = 2030-05-01
kind = "join"
party = "CC"
effective = 2030-06-01
"""


def test_deadlines_for_the_us_stop_at_its_withdrawal_from_unesco_on_1_january_2027(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ("deadlines", "unesco", "--from", "2026-12-01", "--until", "2030-12-31", "--json")
    mine = json.loads(invoke(capsys, *args, "--party", "US").stdout)
    assert [(d["date"], d["kind"]) for d in mine][-1] == ("2027-01-01", "effect")
    everyone = json.loads(invoke(capsys, *args).stdout)
    assert everyone[-1]["date"] > "2029-01-01"  # the others' last notice days go on


def test_deadlines_for_a_party_start_once_it_has_joined(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    register = tmp_path / "club.toml"
    register.write_text(CLUB)
    args = ("--no-bundled", "--catalog", str(register), "deadlines", "--json")
    span = ("--from", "2029-01-01", "--until", "2031-12-31")
    joined = json.loads(invoke(capsys, *args, *span, "--party", "CC").stdout)
    assert [d["date"] for d in joined] == ["2030-10-02", "2031-01-01", "2031-10-02"]
    assert len(json.loads(invoke(capsys, *args, *span, "--party", "AA").stdout)) == 6


def test_an_ical_export_for_the_us_has_no_unesco_deadline_after_it_is_out(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "us.ics"
    args = ("ical", "unesco", "--from", "2026-12-01", "--until", "2030-12-31", "-o", str(out))
    assert invoke(capsys, *args, "--party", "US").returncode == 0
    starts = [line for line in out.read_text().splitlines() if line.startswith("DTSTART")]
    assert starts == ["DTSTART;VALUE=DATE:20261231", "DTSTART;VALUE=DATE:20270101"]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_a_deadline_kept_for_a_party_is_of_a_day_it_is_bound_or_the_day_it_is_out(
    data: st.DataObject,
) -> None:
    drawn = data.draw(agreements())
    party = data.draw(st.sampled_from(drawn.parties))
    start = data.draw(day_near(drawn))
    mine = Selection(party=party)
    listed = drawn.deadlines(start, start + timedelta(days=800), explained=False)
    for deadline in listed:
        day = deadline.date
        bound = {drawn.state(d, party) in BINDING for d in (day, day - timedelta(days=1))}
        assert mine.keeps_of(drawn, deadline) == (mine.keeps(deadline) and True in bound)
