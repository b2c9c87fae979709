"""What a good catalog file reads as, and where its text may come from.

Every mistake in a catalog file is a row of the bad-input table in test_bad_input.py; these tests
are about what is accepted, and the few refusals no row of the table can hold. The catalog that
`load_catalog` builds from the bundled file and later ones is in test_bundled_catalog.py.
"""

from __future__ import annotations

import os
import textwrap
from datetime import date
from pathlib import Path

import pytest

from gsomia_clock import Agreement, CatalogError
from gsomia_clock.catalog import read_catalog
from gsomia_clock.durations import Duration
from gsomia_clock.events import Suspend

from .helpers import GSOMIA_LIKE, MINIMAL, agreement, evergreen

NOTE = "note verbale No. 19-0822"


def after_notice(clause: str) -> str:
    """MINIMAL with one after-notice exit clause made of the given lines."""
    return MINIMAL + '\n[[agreement.exit]]\neffect = "after-notice"\n' + textwrap.dedent(clause)


# -- where the text comes from: a path, a FIFO, bytes with or without a name -------------------


def test_a_catalog_saved_with_a_byte_order_mark_reads_as_without(tmp_path: Path) -> None:
    path = tmp_path / "notepad.toml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    (found,) = read_catalog(path)
    assert found.id == "x"


def test_catalog_text_given_without_a_name_is_called_catalog_in_messages() -> None:
    with pytest.raises(CatalogError) as raised:
        read_catalog(b"")
    assert str(raised.value) == "<catalog>: holds no [[agreement]]"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("", "'': is not a file name"),
        ("mine\0.toml", "'mine\\x00.toml': cannot be read (embedded null byte)"),
    ],
)
def test_a_file_name_that_names_no_file_is_refused(path: str, message: str) -> None:
    with pytest.raises(CatalogError) as raised:
        read_catalog(path)
    assert str(raised.value) == message


def test_a_fifo_with_no_writer_reads_as_an_empty_catalog_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "mine.toml"
    os.mkfifo(fifo)
    with pytest.raises(CatalogError, match=r"mine\.toml: holds no \[\[agreement\]\]$"):
        read_catalog(fifo)


def test_a_catalog_piped_through_a_fifo_is_read_whole(tmp_path: Path) -> None:
    fifo = tmp_path / "mine.toml"
    os.mkfifo(fifo)
    held = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader, so that a writer may open
    try:
        writer = os.open(fifo, os.O_WRONLY)
        os.write(writer, MINIMAL.encode())
        os.close(writer)  # what was written waits in the pipe, then the end of it
        (found,) = read_catalog(fifo)
    finally:
        os.close(held)
    assert found.id == "x"


def test_a_very_long_key_is_named_within_one_bounded_line() -> None:
    key = "k" * 100_000
    with pytest.raises(CatalogError) as raised:
        read_catalog(f"{MINIMAL}{key} = 1\n".encode(), name="long.toml")
    message = str(raised.value)
    assert message.startswith("long.toml: agreement[1].kkk") and "\n" not in message
    assert len(message) < 500 and "unknown key" in message


# -- days and zones ----------------------------------------------------------------------------


def test_an_event_dated_with_an_offset_falls_on_its_day_in_the_agreements_zone() -> None:
    # 20:00 UTC on 24 August is already 25 August in Seoul, and still 24 August in New York.
    event = '\n[[agreement.event]]\ndate = 2019-08-24T20:00:00Z\nkind = "notice"\nparty = "AA"\n'
    in_seoul = agreement(GSOMIA_LIKE + event)
    in_new_york = agreement(GSOMIA_LIKE.replace("Asia/Seoul", "America/New_York") + event)
    assert in_seoul.events[0].date == date(2019, 8, 25)
    assert in_new_york.events[0].date == date(2019, 8, 24)


def test_the_machines_own_zone_files_are_not_iana_zones() -> None:
    for name in ("localtime", "posixrules", "Asia", "posix/Asia/Seoul", "A" * 300):
        with pytest.raises(CatalogError, match="is not an IANA zone name"):
            Agreement(id="pact", name="A pact", parties=("AA", "BB"), in_force=date(2020, 1, 1),
                      timezone=name)  # fmt: skip


# -- bilateral or multilateral -----------------------------------------------------------------


def test_two_parties_declared_multilateral_make_a_multilateral_agreement() -> None:
    declared = agreement(MINIMAL + "multilateral = true\n")
    assert declared.parties == ("AA", "BB")
    assert declared.multilateral is True


def test_three_parties_declared_bilateral_make_a_bilateral_agreement() -> None:
    three = MINIMAL.replace('["AA", "BB"]', '["AA", "BB", "CC"]')
    assert agreement(three).multilateral is True
    assert agreement(three + "multilateral = false\n").multilateral is False


# -- exit clauses: the zero and the thousand-year limits ---------------------------------------


def test_a_notice_period_of_zero_days_is_a_withdrawal_that_takes_effect_at_once() -> None:
    (clause,) = agreement(after_notice('notice = "P0D"\n')).exits
    assert clause.notice.is_zero


def test_a_waiting_period_of_zero_days_is_no_wait_at_all() -> None:
    lines = 'notice = "P6M"\nnot_before = "P0D"\nnot_effective_before = "P0D"\n'
    (clause,) = agreement(after_notice(lines)).exits
    assert clause.not_before is not None and clause.not_before.is_zero
    assert clause.not_effective_before is not None and clause.not_effective_before.is_zero


@pytest.mark.parametrize("longest", ["P1000Y", "P12000M", "P366000D"])
def test_a_notice_period_of_a_thousand_years_is_still_accepted(longest: str) -> None:
    (clause,) = agreement(after_notice(f'notice = "{longest}"\n')).exits
    assert clause.notice == Duration.parse(longest)


# -- an exit clause's `earliest` reaches further back than its notice --------------------------


@pytest.mark.parametrize(
    ("earliest", "notice"),
    [
        ("P62D", "P2M"),  # two months back from any 1 January are 61 days
        ("P335D", "P11M"),  # eleven months back from 1 January 2000 are 334 days
    ],
)
def test_an_earliest_day_count_longer_than_a_notice_in_months_is_accepted(
    earliest: str, notice: str
) -> None:
    found = agreement(
        GSOMIA_LIKE.replace('notice = "P90D"', f'notice = "{notice}"\nearliest = "{earliest}"')
    )
    assert found.exits[0].earliest == Duration.parse(earliest)


def test_an_earliest_as_long_as_the_notice_is_refused() -> None:
    with pytest.raises(CatalogError) as raised:
        agreement(GSOMIA_LIKE.replace('notice = "P90D"', 'notice = "P90D"\nearliest = "P90D"'))
    assert raised.value.reason == "'P90D' must be longer than the notice, P90D"


# -- one clause value for every clause written the same way ------------------------------------


def test_a_clause_written_the_same_way_twice_in_a_file_is_one_value() -> None:
    second = GSOMIA_LIKE.replace('id = "evergreen"', 'id = "second"')
    other = second.replace('id = "second"', 'id = "third"').replace("P90D", "P30D")
    first, again, different = read_catalog((GSOMIA_LIKE + second + other).encode(), name="c.toml")
    assert first.exits[0] is again.exits[0]
    assert different.exits[0] != first.exits[0] and different.exits[0].notice == Duration(days=30)


def test_a_clause_is_checked_again_when_a_value_differs_only_in_its_type() -> None:
    lease = GSOMIA_LIKE.replace('notice = "P90D"', 'notice = "P90D"\ngrace = 1').replace(
        'timezone = "Asia/Seoul"', 'timezone = "Asia/Seoul"\ncalendar = "KR"'
    )
    bad = lease.replace('id = "evergreen"', 'id = "second"').replace("grace = 1", "grace = true")
    with pytest.raises(CatalogError, match=r"agreement\[2\]\.exit\[1\]\.grace .*: True must be"):
        read_catalog((lease + bad).encode(), name="c.toml")
    without_term = (
        MINIMAL.replace('id = "x"', 'id = "y"')
        + GSOMIA_LIKE[GSOMIA_LIKE.index("[[agreement.exit]]") :]
    )
    with pytest.raises(CatalogError, match="needs the agreement to have a term"):
        read_catalog((GSOMIA_LIKE + without_term).encode(), name="c.toml")


# -- notes -------------------------------------------------------------------------------------


# Each kind of event as the last of a history that could have happened.
HISTORIES = {
    "notice": '[[agreement.event]]\ndate = 2019-08-23\nkind = "notice"\nparty = "AA"\n',
    "revoke": '[[agreement.event]]\ndate = 2019-08-23\nkind = "notice"\nparty = "AA"\n'
    '[[agreement.event]]\ndate = 2019-11-22\nkind = "revoke"\nparty = "AA"\n',
    "suspend": '[[agreement.event]]\ndate = 2019-08-23\nkind = "notice"\nparty = "AA"\n'
    '[[agreement.event]]\ndate = 2019-11-22\nkind = "suspend"\nparty = "AA"\n',
    "resume": '[[agreement.event]]\ndate = 2019-08-23\nkind = "notice"\nparty = "AA"\n'
    '[[agreement.event]]\ndate = 2019-11-22\nkind = "suspend"\nparty = "AA"\n'
    '[[agreement.event]]\ndate = 2020-03-01\nkind = "resume"\nparty = "AA"\n',
    "extend": '[[agreement.event]]\ndate = 2019-08-23\nkind = "extend"\nuntil = 2020-02-29\n',
    "defer": '[[agreement.event]]\ndate = 2019-08-23\nkind = "notice"\nparty = "AA"\n'
    '[[agreement.event]]\ndate = 2019-11-01\nkind = "defer"\nparty = "AA"\nuntil = 2020-02-29\n',
    "join": '[[agreement.event]]\ndate = 2016-10-01\nkind = "join"\nparty = "BB"\n'
    "effective = 2016-12-01\n",
    "terminate": '[[agreement.event]]\ndate = 2019-11-23\nkind = "terminate"\n',
}


@pytest.mark.parametrize("kind", sorted(HISTORIES))
def test_every_kind_of_event_keeps_its_note_for_the_explanations(kind: str) -> None:
    history = evergreen(HISTORIES[kind] + f'note = "{NOTE}"\n')
    last = history.events[-1]
    assert last.kind == kind
    assert last.note == NOTE
    assert last.describe().endswith(f": {NOTE}")
    assert all(earlier.note is None for earlier in history.events[:-1])


def test_a_suspension_that_names_no_reading_resumes_immediately() -> None:
    suspension = evergreen(HISTORIES["suspend"]).events[-1]
    assert isinstance(suspension, Suspend)
    assert suspension.on_resume == "immediate"


def test_a_note_on_an_operation_suspended_and_resumed_is_kept() -> None:
    found = agreement(
        GSOMIA_LIKE
        + """
        [[agreement.event]]
        date = 2019-11-22
        kind = "suspend-operation"
        party = "AA"
        note = "halted"

        [[agreement.event]]
        date = 2023-03-21
        kind = "resume-operation"
        party = "AA"
        note = "restored"
        """
    )
    assert [event.note for event in found.events] == ["halted", "restored"]
