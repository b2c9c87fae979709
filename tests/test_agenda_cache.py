"""The agenda's index: the same answers as the catalog, read again while the files are unchanged."""

from __future__ import annotations

import json
import marshal
import os
import signal
import stat
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gsomia_clock import Agreement, Duration, load_catalog
from gsomia_clock.agenda import AgendaItem, agenda
from gsomia_clock.catalog import read_catalog
from gsomia_clock.cli import agenda_cache as index
from gsomia_clock.cli.agenda_cache import (
    EXPLAINED,
    HORIZON,
    Indexed,
    NotCovered,
    agenda_from_index,
    indexed_agenda,
)
from gsomia_clock.selection import Selection

from .helpers import ON_28_AUGUST_2026, REGISTER, invoke
from .strategies import agreements, day_near

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


def _rebuilds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """From here on, one entry for each time the catalog is read to make an index anew."""
    calls: list[int] = []
    original = index.merged

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(index, "merged", counted)
    return calls


def _agenda(
    register: Path, within: Duration = P30D, chosen: Selection | None = None
) -> list[tuple[str, str]]:
    found = indexed_agenda([str(register)], False, chosen or Selection(), within)
    return [
        (item.agreement, item.next_deadline.date.isoformat() if item.next_deadline else "")
        for item in found.items
    ]


def _written(register: Path) -> Path:
    """The index of `register` (made now if it is not there), the only one of its folder."""
    _agenda(register)
    (found,) = (register.parent / "cache").glob("agenda-*.index")
    return found


def _digest(register: Path) -> bytes:
    return index._digest([(str(register), register.read_bytes())], False)


@contextmanager
def _no_waiting(seconds: int = 20) -> Iterator[None]:
    """A run that waits (on a FIFO's writer) fails the test rather than hanging it."""

    def waited(*args: object) -> None:
        raise AssertionError(f"still waiting after {seconds} s")

    before = signal.signal(signal.SIGALRM, waited)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)


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


def _unexplained(items: tuple[AgendaItem, ...]) -> tuple[AgendaItem, ...]:
    """The agenda as one that shows no explanation gives it: each next deadline and next
    change without one."""
    return tuple(
        item.replace(
            next_deadline=item.next_deadline and item.next_deadline.replace(explanation=()),
            next_change=item.next_change and item.next_change.replace(explanation=()),
        )
        for item in items
    )


NOTICED = (
    REGISTER
    + """
[[agreement.event]]
date = 2026-08-20
kind = "notice"
party = "US"
"""
)  # the cleaning contract, its notice of 20 August taking effect on 20 September


@pytest.mark.parametrize("explained", [True, False])
@pytest.mark.parametrize(
    "selection",
    [Selection(), Selection(tags=["berlin"]), Selection(party="US"), Selection(kinds=["effect"])],
)
def test_an_agenda_from_the_index_is_item_for_item_the_catalogs(
    register: Path, selection: Selection, explained: bool
) -> None:
    # Every field of every item (the deadline's party, summary, explanation and key, the state,
    # the days left, the owner, reference and tags), made anew and then read from the index,
    # with every deadline kept and with a selection.
    register.write_text(NOTICED)
    catalog = {a.id: a for a in read_catalog(register)}
    expected = agenda(catalog.values(), selection, P30D)
    if not explained:
        expected = _unexplained(expected)
    assert any(i.next_deadline and i.next_deadline.party == "US" for i in expected) or (
        selection.tags
    )
    for _ in ("made", "read"):
        found = indexed_agenda([str(register)], False, selection, P30D, explained=explained)
        assert found.items == expected
        assert found.todays == {item.agreement: date(2026, 8, 28) for item in expected}
    assert len(list((register.parent / "cache").glob("agenda-*.index"))) == 1


@pytest.mark.parametrize("selection", [Selection(), Selection(tags=["berlin"])])
def test_an_agenda_that_explains_up_to_the_last_day_explained_is_answered_by_the_index(
    register: Path, selection: Selection
) -> None:
    # The index is made from the day before today (UTC) and explains its first 62 days: an
    # agenda --json whose window ends on the last of them is answered from it; a day more, not.
    written = _written(register)
    last = date(2026, 8, 27) + timedelta(days=EXPLAINED)
    within = Duration(days=(last - date(2026, 8, 28)).days)
    content, digest = written.read_bytes(), _digest(register)
    found = agenda_from_index(content, digest, selection, within, explained=True)
    assert found is not None and found.items
    assert all(i.next_deadline and i.next_deadline.explanation for i in found.items)
    longer = within + Duration(days=1)
    assert agenda_from_index(content, digest, selection, longer, explained=True) is None
    assert agenda_from_index(content, digest, selection, longer, explained=False) is not None


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
    entry = _indexed(gsomia, first, last, first)
    for offset in range(HORIZON + 1):
        day = first + timedelta(days=offset)
        for party in (None, "KR", "JP"):
            assert entry.state(day, party) == gsomia.state(day, party), (day, party)
    assert [entry.state(date(2019, 11, d)) for d in (21, 22)] == [
        "notice-pending",
        "notice-suspended",
    ]


def _indexed(
    agreement: Agreement, first: date, last: date, today: date, *, explained: bool = True
) -> Indexed:
    """`agreement` as the index from `first` to `last` keeps it, and answers from it."""
    entry = index._entry(
        index._row(agreement, first, last)[0],
        first.toordinal(),
        last.toordinal(),
        agreement.timezone,
        today,
        explained,
    )
    assert entry is not None
    return entry


def test_a_changed_file_is_read_again(register: Path) -> None:
    _agenda(register)
    register.write_text(REGISTER.replace('notice = "P30D"', 'notice = "P40D"'))
    # The CRM subscription's notice now falls due on 22 August, which has passed: nothing is
    # left to act on before its renewal of 1 October (no agenda deadline, contract v3), and the
    # next is its last notice day of 21 August 2027.
    assert _agenda(register) == []
    assert _agenda(register, Duration(days=34)) == [("office-lease", "2026-09-30")]
    assert _agenda(register, Duration(days=360)) == [
        ("office-lease", "2026-09-30"),
        ("crm-subscription", "2027-08-21"),
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


def test_an_agenda_without_explanations_is_answered_for_a_year_from_the_index(
    register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A text or CSV agenda shows no explanation: the index dates every deadline of its span."""
    _agenda(register)
    _never_read(monkeypatch)
    year = indexed_agenda([str(register)], False, Selection(), Duration(years=1), explained=False)
    assert [(i.agreement, i.next_deadline.date.isoformat()) for i in year.items if i.next_deadline][
        :2
    ] == [("crm-subscription", "2026-08-31"), ("office-lease", "2026-09-30")]


def test_an_agenda_with_explanations_past_the_explained_weeks_explains_them_afresh(
    register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`agenda --json` shows each deadline's explanation: the index has them for its first
    weeks; a deadline later than those is explained from the catalog, as `deadlines` would."""
    _agenda(register)
    # On 15 August 2027, the CRM's last notice day of 31 August: past the explained weeks.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(ON_28_AUGUST_2026) + 352 * 86400))
    calls = _rebuilds(monkeypatch)
    found = indexed_agenda([str(register)], False, Selection(), P30D)
    assert calls == [1]  # made anew from the catalog, from the new today
    catalog = {a.id: a for a in read_catalog(register)}
    for item in found.items:
        assert item.next_deadline is not None and item.next_deadline.explanation
        (same,) = (
            d
            for d in catalog[item.agreement].deadlines(
                item.next_deadline.date, item.next_deadline.date
            )
            if d.key == item.next_deadline.key
        )
        assert item.next_deadline == same
    assert found.items


def test_bytes_that_marshal_cannot_make_into_anything_are_read_as_no_row() -> None:
    """What a row's place holds is decoded only once the index's digest held, but a row read
    from the wrong place is any bytes: among them a code object whose fields marshal refuses
    with a SystemError (CPython 3.11 does for some of these). Each is read as nothing, never
    raised."""
    import random

    code = marshal.dumps(compile("x = 1", "", "exec"))
    draw = random.Random(1)  # a SystemError at the 33rd of these (3.11), none slow to refuse
    for _ in range(300):
        damaged = bytearray(code)
        for _ in range(2):
            damaged[draw.randrange(len(damaged))] = draw.randrange(256)
        found = index._loaded(bytes(damaged))  # never raises
        assert found is None or index._head(bytes(damaged)) is None  # and no row


def test_a_damaged_index_is_written_anew(register: Path) -> None:
    expected = _agenda(register)
    (written,) = (register.parent / "cache").glob("agenda-*.index")
    for damage in (b"", b"\x00garbage", written.read_bytes()[:100]):
        written.write_bytes(damage)
        assert _agenda(register) == expected
        assert written.stat().st_size > 1000


def test_a_damaged_index_is_never_decoded(register: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _agenda(register)
    written = _written(register)
    good = written.read_bytes()
    header = good[: good.index(b"\n") + 1]
    body = good[len(header) :]
    # A decoded damage could be anything: a tuple length of 2**31 - 1 took 72 s here (16 GiB
    # of pointers) to refuse, or a MemoryError. The digest in the header tells it undecoded:
    # nothing of the file is decoded (the rows of the index then made anew are).
    reading: list[bytes] = []
    read = index._decoded

    def decoded(content: bytes, digest: bytes) -> object:
        reading.append(content)
        try:
            return read(content, digest)
        finally:
            reading.pop()

    def loads(data: bytes) -> object:
        assert not reading, "decoded"
        return marshal.loads(data)

    monkeypatch.setattr(index, "_decoded", decoded)
    monkeypatch.setattr(index, "marshal", SimpleNamespace(loads=loads, dumps=marshal.dumps))
    bomb = b"(" + (2**31 - 1).to_bytes(4, "little")
    wrong_digest = header[:-65] + bytes(reversed(header[-65:-1])) + b"\n"
    for damage in (
        header + body[:-1],
        header + body[:100] + bytes([body[100] ^ 1]) + body[101:],
        header + bomb + body[5:],
        header + bomb,
        wrong_digest + body,
    ):
        written.write_bytes(damage)
        assert _agenda(register) == expected
        assert written.read_bytes() == good  # written anew, the same


def _with(value: tuple[object, ...], at: tuple[int, ...], part: object) -> tuple[object, ...]:
    """`value` with its part at `at` (indices, one a level) replaced by `part`."""
    head, *rest = at
    inner = part if not rest else _with(value[head], tuple(rest), part)  # type: ignore[arg-type]
    return (*value[:head], inner, *value[head + 1 :])


def _made(content: bytes, digest: bytes) -> tuple[tuple[Any, ...], list[bytes]]:
    """The top of an index file and the bytes of each of its rows."""
    found = index._decoded(content, digest)
    assert found is not None
    top, rows = found
    assert isinstance(top, tuple)
    return top, [bytes(row) for row in rows]


def _row_with(
    data: bytes, at: tuple[int, ...] = (), part: object = None, deadline: int | None = None
) -> bytes:
    """The row whose bytes are `data` with a part of its head (at `at`) replaced, or of its
    deadline number `deadline`, written back as `_row` writes a row."""
    head = marshal.loads(data)
    kept = index._Pieces(head[10], memoryview(data))
    deadlines = [bytes(kept[k]) for k in range(len(kept))]
    if deadline is None:
        head = _with(head, at, part)
    else:
        deadlines[deadline] = marshal.dumps(_with(marshal.loads(deadlines[deadline]), at, part))
    return marshal.dumps(head) + b"".join(deadlines)


def test_an_index_whose_digest_holds_is_still_checked_before_it_is_believed(
    register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What an adversarial round found once the header matched: each an IndexError, ValueError,
    # OverflowError or TypeError, every later run failing until the file was deleted.
    expected = _agenda(register)
    written = _written(register)
    good = written.read_bytes()
    digest = _digest(register)
    made, rows = _made(good, digest)
    (n,) = (n for n, ident in enumerate(made[2]) if ident == "crm-subscription")
    head = marshal.loads(rows[n])
    day = memoryview(head[9]).cast("i")[0]  # its deadline in the window
    places = memoryview(made[3]).cast("q").tolist()
    past = array("q", [*places[:n], places[-1] + 1, *places[n + 1 :]]).tobytes()

    def row(*change: Any, deadline: int | None = None) -> list[bytes]:
        return [*rows[:n], _row_with(rows[n], *change, deadline=deadline), *rows[n + 1 :]]

    damages: list[tuple[object, list[bytes]]] = [
        ([], rows),
        (made[:6], rows),
        (_with(made, (0,), "2026-08-27"), rows),
        (_with(made, (4,), index._due([(day, len(rows), 0)])), rows),  # a row that is not there
        (_with(made, (4,), index._due([(day, -1, 0)])), rows),
        (_with(made, (4,), index._due([(day, n, 1)])), rows),  # a deadline the row has not
        (_with(made, (4,), index._due([(day, n, -1)])), rows),
        (_with(made, (4,), index._due([(day - 1, n, 0)])), rows),  # not the day the row says
        (_with(made, (4,), (b"day", b"row", b"one")), rows),
        (_with(made, (4,), (b"\0" * 4, b"", b"")), rows),
        (_with(made, (4,), made[4][:2]), rows),
        (_with(made, (4,), ["a", "list"]), rows),
        (_with(made, (6,), ("Mars/Olympus",)), rows),
        (_with(made, (7,), made[7][:-2]), rows),  # a zone fewer than rows
        (_with(made, (7,), b"\xff" * len(made[7])), rows),  # zones that are not there
        (_with(made, (3,), made[3][:-8]), rows),  # a place fewer than rows
        (_with(made, (3,), past), rows),  # the row starting past the end of them all
        (_with(made, (3,), b"\xff" * len(made[3])), rows),
        (made, [*rows[:n], rows[n][:-1], *rows[n + 1 :]]),  # the row cut short
        (made, row((6,), "Mars/Olympus")),
        (made, row((4,), ["a", "list"])),
        (made, row((7, 0, 1), "asleep")),
        (made, row((8,), ())),  # no states for its parties
        (made, row((0,), 0, deadline=0)),
        (made, row((0,), 2**70, deadline=0)),
        (made, row((0,), day + 1, deadline=0)),  # not the day the row says
        (made, row((1,), "party", deadline=0)),
        (made, row((4,), "an explanation, not lines", deadline=0)),
        (made, [*rows[:n], marshal.dumps(head[:9]), *rows[n + 1 :]]),
        (made, row((9,), b"abc")),  # the deadlines' days: not 32-bit numbers
        (made, row((9,), head[9][:-4])),  # one fewer than its deadlines
        (made, row((9,), "days")),
        (made, row((10,), head[10][:-8])),  # a place fewer than its deadlines
        (made, row((10,), bytes(len(head[10])))),  # each deadline of no bytes
    ]
    rebuilds = _rebuilds(monkeypatch)
    for number, (top, damaged) in enumerate(damages, 1):
        index._write(str(written), digest, top, damaged)  # type: ignore[arg-type]
        assert agenda_from_index(written.read_bytes(), digest, Selection(), P30D) is None, number
        assert _agenda(register) == expected
        assert (len(rebuilds), written.read_bytes()) == (number, good)


def test_a_fifo_at_the_index_path_is_replaced_not_waited_for(register: Path) -> None:
    expected = _agenda(register)
    written = _written(register)
    good = written.read_bytes()
    for writing in (False, True):
        written.unlink()
        os.mkfifo(written)
        # With a writer at the other end, not a byte is taken from it: only a file is read.
        reader = os.open(written, os.O_RDONLY | os.O_NONBLOCK)
        writer = os.open(written, os.O_WRONLY) if writing else None
        if writer is not None:
            os.write(writer, good[:100])
        with _no_waiting():
            assert _agenda(register) == expected
        assert stat.S_ISREG(written.lstat().st_mode) and written.read_bytes() == good
        if writer is not None:
            assert os.read(reader, 1000) == good[:100]
            os.close(writer)
        os.close(reader)


def test_a_link_at_the_index_path_is_never_followed(
    register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _agenda(register)
    written = _written(register)
    good = written.read_bytes()
    elsewhere = register.parent / "elsewhere.index"
    elsewhere.write_bytes(good)
    rebuilds = _rebuilds(monkeypatch)
    for target in ("/dev/zero", str(elsewhere)):  # endless, then a good index of ours
        written.unlink()
        written.symlink_to(target)
        with _no_waiting():
            assert _agenda(register) == expected
        assert not written.is_symlink() and written.read_bytes() == good
    assert len(rebuilds) == 2
    assert elsewhere.read_bytes() == good


def test_an_index_others_may_write_is_not_read_and_is_replaced(
    register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _agenda(register)
    written = _written(register)
    rebuilds = _rebuilds(monkeypatch)
    for mode in (0o620, 0o602):
        written.chmod(mode)
        assert _agenda(register) == expected
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert len(rebuilds) == 2
    assert _agenda(register) == expected
    assert len(rebuilds) == 2  # ours again: read


def _refused(*args: object) -> None:
    raise PermissionError("a sticky folder: not your file")


def test_an_index_of_another_user_is_not_read(
    register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _agenda(register)
    written = _written(register)
    good = written.read_bytes()
    rebuilds = _rebuilds(monkeypatch)
    monkeypatch.setattr(os, "geteuid", lambda: written.stat().st_uid + 1)
    assert _agenda(register) == expected
    assert len(rebuilds) == 1
    # Where it cannot be replaced (another's file in a folder with the sticky bit, as /tmp),
    # it is simply not used: nothing is left behind, nor is the file touched.
    monkeypatch.setattr(os, "replace", _refused)
    assert _agenda(register) == expected
    assert len(rebuilds) == 2
    assert [p.name for p in written.parent.iterdir()] == [written.name]
    assert written.read_bytes() == good


def test_an_index_larger_than_any_index_is_not_read(
    register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _agenda(register)
    written = _written(register)
    rebuilds = _rebuilds(monkeypatch)
    monkeypatch.setattr(index, "_LARGEST", written.stat().st_size - 1)
    assert _agenda(register) == expected
    assert len(rebuilds) == 1


def test_the_cache_folder_is_made_for_the_user_alone(register: Path) -> None:
    _agenda(register)
    assert stat.S_IMODE((register.parent / "cache").stat().st_mode) == 0o700
    assert stat.S_IMODE(_written(register).stat().st_mode) == 0o600


def test_an_index_file_answers_only_for_the_sources_it_was_made_of(register: Path) -> None:
    written = _written(register)
    digest = _digest(register)
    found = agenda_from_index(written.read_bytes(), digest, Selection(), Duration(days=40))
    assert found is not None
    assert [item.agreement for item in found.items] == ["crm-subscription", "office-lease"]
    assert agenda_from_index(written.read_bytes(), bytes(32), Selection(), P30D) is None


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


def test_a_relative_cache_folder_is_ignored_as_the_xdg_spec_asks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HOME", "/home/me")
    monkeypatch.setenv("XDG_CACHE_HOME", "cache")
    monkeypatch.setenv("GSOMIA_CLOCK_CACHE", "my-cache")
    assert index.cache_folder() == "/home/me/.cache/gsomia-clock"
    monkeypatch.setenv("GSOMIA_CLOCK_CACHE", "/srv/my-cache")
    assert index.cache_folder() == "/srv/my-cache"
    monkeypatch.delenv("GSOMIA_CLOCK_CACHE")
    monkeypatch.setenv("HOME", "me")  # no home folder: no index, never one in the working folder
    assert index.cache_folder() is None


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


def test_an_empty_register_has_an_empty_agenda_from_the_index_too(
    register: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file of no agreements is refused, by the index as by the catalog.
    Path("empty.toml").write_text("# nothing yet\n")
    refused = [
        invoke(capsys, "--no-bundled", "--catalog", "empty.toml", "agenda", *within)
        for within in ((), ("--within", "P30D"))
    ]
    assert refused[0] == refused[1] and refused[0].returncode == 2
    # No file at all: nothing in the agenda, from the index too.
    unindexed = invoke(capsys, "--no-bundled", "agenda")
    assert (unindexed.returncode, unindexed.stdout) == (0, "Nothing in the agenda.\n")
    assert invoke(capsys, "--no-bundled", "agenda", "--within", "P30D") == unindexed
    assert len(list((register.parent / "cache").glob("agenda-*.index"))) == 1
    _never_read(monkeypatch)
    assert invoke(capsys, "--no-bundled", "agenda", "--within", "P30D") == unindexed


# -- the law: an indexed agreement answers as the agreement does --------------------------------


@given(st.data())
def test_an_indexed_agreement_answers_as_the_agreement_does(data: st.DataObject) -> None:
    agreement = data.draw(agreements())
    first = data.draw(day_near(agreement))
    last = first + timedelta(days=HORIZON)
    entry = _indexed(agreement, first, last, agreement.today())
    offset = data.draw(st.integers(0, HORIZON))
    day = first + timedelta(days=offset)
    party = data.draw(st.sampled_from((None, *agreement.parties)))
    if agreement.deadlines(first, last):
        assert entry.state(day, party) == agreement.state(day, party)
    else:  # never listed by an agenda from this index: its states are not kept
        with pytest.raises(NotCovered):
            entry.state(day, party)
    end = day + timedelta(days=data.draw(st.integers(0, HORIZON - offset)))
    explained = first + timedelta(days=EXPLAINED)
    if end <= explained:  # each deadline as the agreement lists it, explanation and all
        assert list(entry.deadlines(day, end)) == list(agreement.deadlines(day, end))
    else:  # an agenda that shows explanations is worked out afresh
        with pytest.raises(NotCovered):
            entry.deadlines(day, end)
    # Without explanations (a text or CSV agenda): every day of the span, each with none.
    bare = _indexed(agreement, first, last, agreement.today(), explained=False)
    assert list(bare.deadlines(day, end)) == [
        d.replace(explanation=()) for d in agreement.deadlines(day, end)
    ]
    for shown in (entry, bare):
        with pytest.raises(NotCovered):
            shown.deadlines(day, last + timedelta(days=1))


@contextmanager
def _on(day: date) -> Iterator[None]:
    """Today is `day` (at noon UTC), for the index and the agreements alike."""
    with pytest.MonkeyPatch.context() as patch:
        noon = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
        patch.setenv("SOURCE_DATE_EPOCH", str(int(noon.timestamp())))
        yield


@given(st.data())
def test_an_agenda_from_the_index_is_the_agenda_of_the_agreements(data: st.DataObject) -> None:
    # A register of a few generated agreements, indexed from a drawn day: the agenda of any
    # window (in text, or with explanations) is the agenda of the agreements themselves, with
    # every deadline kept (each row's first in its window) and with a selection (its entries).
    drawn = data.draw(st.lists(agreements(), min_size=1, max_size=4))
    register = [a.replace(id=f"a{n}") for n, a in enumerate(drawn)]
    on = max(data.draw(day_near(register[0])), date(1970, 1, 2))  # SOURCE_DATE_EPOCH ≥ 0
    within = Duration(days=data.draw(st.integers(0, 70)))
    explained = data.draw(st.booleans())
    selection = data.draw(st.sampled_from([Selection(), Selection(party="AA")]))
    with _on(on):
        first = on - timedelta(days=1)
        last = first + timedelta(days=HORIZON)
        rows = {a.id: (*index._row(a, first, last), a.timezone) for a in register}
        top, data_of_rows = index._assembled(first, last, rows, ())
        found = index._answer(top, data_of_rows, selection, within, explained)
        expected = agenda(register, selection, within)
    if found is None:  # only an agenda that explains, past the weeks the index explains, or a
        # party's whose next change is past the index's span (the row keeps everyone's)
        past = any(i.next_change is None or i.next_change.date > last for i in expected)
        assert (explained and Duration(days=EXPLAINED).add_to(first) < within.add_to(on)) or (
            selection.party is not None and past
        )
        return
    if not explained:
        expected = _unexplained(expected)
    assert found.items == expected
    assert found.todays == {item.agreement: on for item in expected}


@given(st.data())
def test_the_state_alone_is_the_state_of_the_status(data: st.DataObject) -> None:
    agreement = data.draw(agreements())
    day = data.draw(day_near(agreement))
    party = data.draw(st.sampled_from((None, *agreement.parties)))
    assert agreement.state(day, party) == agreement.status(on=day, party=party).state


# -- `record` keeps the index current (one row worked out, not the register) ---------------


RECORD = ("--no-bundled", "--catalog", "contracts.toml", "record")
AGENDA = ("--no-bundled", "--catalog", "contracts.toml", "agenda", "--within", "P30D")


def _agenda_said(capsys: pytest.CaptureFixture[str]) -> str:
    done = invoke(capsys, *AGENDA)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_after_record_the_next_agenda_reads_the_index_made_current_for_that_agreement(
    register: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _agenda_said(capsys)
    assert "crm-subscription" in before and "last-notice-day" in before
    done = invoke(
        capsys, *RECORD, "crm-subscription", "notice", "--party", "US", "--on", "2026-08-28"
    )
    assert done.returncode == 0, done.stderr
    _never_read(monkeypatch)  # neither by record's own update, nor by the next agenda
    after = _agenda_said(capsys)
    changed = before.replace("in force", "notice pending").replace("renewal 1 Oct", "effect 1 Oct")
    assert "renewal 1 Oct 2026" in before and after.split() == changed.split()


def test_the_index_record_keeps_current_is_the_index_made_afresh(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _agenda_said(capsys)
    (written,) = (register.parent / "cache").glob("agenda-*.index")
    done = invoke(
        capsys, *RECORD, "office-lease", "notice", "--party", "TENANT", "--on", "2026-08-28"
    )
    assert done.returncode == 0, done.stderr
    kept = written.read_bytes()
    written.unlink()
    _agenda_said(capsys)
    assert _held(written.read_bytes()) == _held(kept)  # marshal may share values otherwise


def _held(content: bytes) -> object:
    """What an index file holds, every row and deadline decoded (its header is checked by the
    test above)."""
    body = memoryview(content)[content.index(b"\n") + 1 :]
    top, rows = index._parts(marshal.loads(body), body)
    heads = [marshal.loads(rows[n]) for n in range(len(rows))]
    kept = [index._Pieces(head[10], rows[n]) for n, head in enumerate(heads)]
    return top, heads, [[marshal.loads(d[k]) for k in range(len(d))] for d in kept]


def test_record_leaves_an_index_whose_deadlines_due_are_not_the_rows_as_it_is(
    register: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # An index of the right digest whose deadlines due leave out one of the changed row's:
    # not as `_built` makes it, so `record` does not patch it, and the next agenda makes one.
    _agenda_said(capsys)
    (written,) = (register.parent / "cache").glob("agenda-*.index")
    digest = index._digest([("contracts.toml", register.read_bytes())], False)  # as RECORD names it
    made, rows = _made(written.read_bytes(), digest)
    (n,) = (n for n, ident in enumerate(made[2]) if ident == "crm-subscription")
    days, numbers, js = (memoryview(kept).cast("i").tolist() for kept in made[4])
    first = next((k for k, number in enumerate(numbers) if number == n), None)
    assert first is not None
    kept = [k for k in range(len(days)) if k != first]
    due = index._due([(days[k], numbers[k], js[k]) for k in kept])
    index._write(str(written), digest, _with(made, (4,), due), rows)  # type: ignore[arg-type]
    damaged = written.read_bytes()
    done = invoke(
        capsys, *RECORD, "crm-subscription", "notice", "--party", "US", "--on", "2026-08-28"
    )
    assert done.returncode == 0, done.stderr
    assert written.read_bytes() == damaged  # not patched
    rebuilds = _rebuilds(monkeypatch)
    assert "notice pending" in _agenda_said(capsys)
    assert rebuilds == [1]


def test_record_leaves_a_stale_index_to_be_made_anew(
    register: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _agenda_said(capsys)
    (written,) = (register.parent / "cache").glob("agenda-*.index")
    register.write_text(REGISTER.replace("CRM subscription", "CRM"))  # the index is stale now
    stale = written.read_bytes()
    done = invoke(capsys, *RECORD, "cleaning", "notice", "--party", "US", "--on", "2026-08-28")
    assert done.returncode == 0, done.stderr
    assert written.read_bytes() == stale  # not believed, so not patched
    rebuilds = _rebuilds(monkeypatch)
    _agenda_said(capsys)
    assert rebuilds == [1]
