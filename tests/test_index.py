"""The agenda's index: the same answers as the catalog, read again while the files are unchanged."""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gsomia_clock import Duration, index, load_catalog
from gsomia_clock.index import HORIZON, Indexed, NotCovered, indexed_agenda
from gsomia_clock.selection import Selection

from .helpers import invoke
from .strategies import agreements, day_near
from .test_register import ON_28_AUGUST_2026, REGISTER

LAWS = settings(max_examples=int(os.environ.get("GSOMIA_CLOCK_EXAMPLES", "150")), deadline=None)
P30D = Duration(days=30)


@pytest.fixture
def register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The register of test_register.py, on 28 August 2026, with a cache folder of its own."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", ON_28_AUGUST_2026)
    monkeypatch.setenv("GSOMIA_CLOCK_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "contracts.toml"
    path.write_text(REGISTER)
    return path


def _never_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, reading the catalog fails the test: answers must come from the index."""

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("the catalog was read again")

    monkeypatch.setattr(index, "catalog_of", refused)
    monkeypatch.setattr(index, "merged", refused)


def _agenda(
    register: Path, within: Duration = P30D, chosen: Selection | None = None
) -> list[tuple[str, str]]:
    found = indexed_agenda([str(register)], False, chosen or Selection(), within)
    return [
        (item.agreement, item.next_deadline.date.isoformat() if item.next_deadline else "")
        for item in found.items
    ]


def test_a_second_agenda_reads_the_index_and_not_the_catalog(
    register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _agenda(register, Duration(days=40))
    assert first == [("crm-subscription", "2026-08-31"), ("office-lease", "2026-09-30")]
    assert len(list((register.parent / "cache").glob("agenda-*.index"))) == 1
    _never_read(monkeypatch)
    assert _agenda(register, Duration(days=40)) == first
    assert _agenda(register, Duration(days=3)) == [("crm-subscription", "2026-08-31")]
    assert _agenda(register, Duration(days=40), Selection(tags=["berlin"])) == [
        ("office-lease", "2026-09-30")
    ]


def test_the_first_agenda_keeps_to_its_selection(register: Path) -> None:
    assert _agenda(register, Duration(days=40), Selection(tags=["berlin"])) == [
        ("office-lease", "2026-09-30")
    ]
    assert len(list((register.parent / "cache").glob("agenda-*.index"))) == 1


def test_gsomias_indexed_state_is_its_state_every_day_of_the_autumn_of_2019() -> None:
    # Seoul's notice pending from 23 August, suspended on 22 November, and deadlines ahead: the
    # state changes inside the span, and the index says it from the very day it changes.
    gsomia = load_catalog()["gsomia"]
    first = date(2019, 9, 1)
    last = first + timedelta(days=HORIZON)
    entry = Indexed(index._row(gsomia, first, last), first.toordinal(), last.toordinal(), first)
    for offset in range(HORIZON + 1):
        day = first + timedelta(days=offset)
        for party in (None, "KR", "JP"):
            assert entry.state(day, party) == gsomia.state(day, party), (day, party)
    assert [entry.state(date(2019, 11, d)) for d in (21, 22)] == [
        "notice-pending",
        "notice-suspended",
    ]


def test_a_changed_file_is_read_again(register: Path) -> None:
    _agenda(register)
    register.write_text(REGISTER.replace('notice = "P30D"', 'notice = "P40D"'))
    # The CRM subscription's notice now falls due on 22 August, which has passed; its renewal
    # on 1 October is 34 days away.
    assert _agenda(register) == []
    assert _agenda(register, Duration(days=34)) == [
        ("office-lease", "2026-09-30"),
        ("crm-subscription", "2026-10-01"),
    ]


def test_a_window_past_what_the_index_covers_is_worked_out_from_the_catalog(
    register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _agenda(register)
    calls = []
    original = index.catalog_of
    monkeypatch.setattr(index, "catalog_of", lambda *a, **k: calls.append(1) or original(*a, **k))
    monkeypatch.setattr(index, "merged", None)  # no index is made for such a window
    far = _agenda(register, Duration(days=HORIZON))
    assert calls == [1]
    assert far[:2] == [("crm-subscription", "2026-08-31"), ("office-lease", "2026-09-30")]


def test_the_index_answers_for_later_days_until_its_horizon(
    register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _agenda(register)
    _never_read(monkeypatch)
    # A month later, on 28 September 2026: the lease's last notice day is two days away (the
    # CRM's renewal, three).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(ON_28_AUGUST_2026) + 31 * 86400))
    found = indexed_agenda([str(register)], False, Selection(), Duration(days=2))
    assert [(i.agreement, i.days_left, i.state) for i in found.items] == [
        ("office-lease", 2, "in-force")
    ]
    assert found.todays == {"office-lease": date(2026, 9, 28)}
    # Past the horizon the catalog is read again (and refused here).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(ON_28_AUGUST_2026) + HORIZON * 86400))
    with pytest.raises(AssertionError, match="read again"):
        indexed_agenda([str(register)], False, Selection(), P30D)


def test_a_damaged_index_is_written_anew(register: Path) -> None:
    expected = _agenda(register)
    (written,) = (register.parent / "cache").glob("agenda-*.index")
    for damage in (b"", b"\x00garbage", written.read_bytes()[:100]):
        written.write_bytes(damage)
        assert _agenda(register) == expected
        assert written.stat().st_size > 1000


def test_no_index_is_kept_when_the_cache_is_turned_off(
    register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GSOMIA_CLOCK_CACHE", "")
    assert index.cache_folder() is None
    assert _agenda(register) == [("crm-subscription", "2026-08-31")]
    assert list(register.parent.rglob("*.index")) == []


def test_a_cache_that_cannot_be_written_is_no_error(
    register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (register.parent / "a-file").write_text("")
    monkeypatch.setenv("GSOMIA_CLOCK_CACHE", str(register.parent / "a-file" / "cache"))
    assert _agenda(register) == [("crm-subscription", "2026-08-31")]


def test_the_cache_folder_follows_the_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GSOMIA_CLOCK_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", "/var/cache/me")
    assert index.cache_folder() == "/var/cache/me/gsomia-clock"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", "/home/me")
    assert index.cache_folder() == "/home/me/.cache/gsomia-clock"


def test_the_command_line_says_the_same_from_the_index(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("mine.toml").write_text(REGISTER.replace('"cleaning"', '"gsomia"', 1))
    args = ("--catalog", "mine.toml", "agenda", "--within", "P40D")
    runs = [invoke(capsys, *args, *shown) for shown in ((), ("--json",)) for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0, 0, 0]
    assert runs[0] == runs[1] and runs[2] == runs[3]
    assert "office-lease" in runs[0].stdout and "in 33 days" in runs[0].stdout
    assert "mine.toml: agreement 'gsomia' replaces the one of" in runs[1].stderr
    expected = load_catalog("mine.toml").agenda(Selection(), Duration(days=40))
    assert json.loads(runs[3].stdout) == [item.to_dict() for item in expected]
    assert {"crm-subscription", "office-lease", "istanbul-convention"} <= {
        item.agreement for item in expected
    }


# -- the law: an indexed agreement answers as the agreement does --------------------------------


@LAWS
@given(st.data())
def test_an_indexed_agreement_answers_as_the_agreement_does(data: st.DataObject) -> None:
    agreement = data.draw(agreements())
    first = data.draw(day_near(agreement))
    last = first + timedelta(days=HORIZON)
    row = index._row(agreement, first, last)
    entry = Indexed(row, first.toordinal(), last.toordinal(), agreement.today())
    offset = data.draw(st.integers(0, HORIZON))
    day = first + timedelta(days=offset)
    party = data.draw(st.sampled_from((None, *agreement.parties)))
    if agreement.deadlines(first, last):
        assert entry.state(day, party) == agreement.state(day, party)
    else:  # never listed by an agenda from this index: its states are not kept
        with pytest.raises(NotCovered):
            entry.state(day, party)
    end = day + timedelta(days=data.draw(st.integers(0, HORIZON - offset)))
    assert list(entry.deadlines(day, end)) == list(agreement.deadlines(day, end))
    with pytest.raises(NotCovered):
        entry.deadlines(day, last + timedelta(days=1))


@LAWS
@given(st.data())
def test_the_state_alone_is_the_state_of_the_status(data: st.DataObject) -> None:
    agreement = data.draw(agreements())
    day = data.draw(day_near(agreement))
    party = data.draw(st.sampled_from((None, *agreement.parties)))
    assert agreement.state(day, party) == agreement.status(on=day, party=party).state
