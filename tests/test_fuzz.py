"""Fuzzing with hypothesis: the loader, the duration and day parsers, the iCal text path, the
command line, `import` of any spreadsheet, `report -o` over any tree, and the agenda's index
file (any bytes, and any shape under a digest that holds).

No input may raise anything but the documented errors (CatalogError for catalogs, ValueError
for a duration, QueryError for a day). A short run in every test run; a long one with
`python benchmarks/fuzz.py` (GSOMIA_CLOCK_FUZZ_EXAMPLES sets the examples per target).
"""

from __future__ import annotations

import contextlib
import io
import json
import marshal
import os
import stat
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gsomia_clock import CatalogError, ClockError, Duration, QueryError, load_catalog
from gsomia_clock.catalog import read_catalog
from gsomia_clock.cli import agenda_cache as index
from gsomia_clock.cli import main
from gsomia_clock.cli.agenda_cache import agenda_from_index, indexed_agenda
from gsomia_clock.cli.text import agenda_text, status_text, withdrawal_text
from gsomia_clock.cli.whole_files import output_path, write_whole
from gsomia_clock.ics import export
from gsomia_clock.selection import Selection
from gsomia_clock.shown import printable

from .helpers import MINIMAL, ON_28_AUGUST_2026, REGISTER
from .strategies import (
    REPORT_PLACES,
    agreement_texts,
    damaged_bytes,
    mutated,
    report_trees,
    reshaped,
    spreadsheets,
)

FUZZ = settings(max_examples=int(os.environ.get("GSOMIA_CLOCK_FUZZ_EXAMPLES", "200")))
GSOMIA = load_catalog()["gsomia"]
TODAY = date(2026, 11, 22)
P30D = Duration(days=30)


@FUZZ
@given(st.binary(max_size=2000))
def test_loader_takes_any_bytes(data: bytes) -> None:
    try:
        read_catalog(data, name="fuzz.toml")
    except CatalogError as error:
        assert str(error).startswith("fuzz.toml")


@FUZZ
@given(agreement_texts().flatmap(mutated))
def test_loader_takes_any_mutation_of_a_catalog(text: str) -> None:
    try:
        agreements = read_catalog(text.encode("utf-8", "surrogatepass"), name="fuzz.toml")
    except CatalogError as error:
        assert str(error).startswith("fuzz.toml")
        return
    for agreement in agreements:  # what loads answers without surprises
        day = agreement.in_force
        agreement.status(on=day)
        agreement.can_withdraw(agreement.parties[0], on=day)


@FUZZ
@given(
    st.text(max_size=40) | st.from_regex(r"P(\d+[YMWD]){0,4}(T(\d+[HMS]){0,3})?", fullmatch=True)
)
def test_duration_parser_takes_any_text(text: str) -> None:
    try:
        duration = Duration.parse(text)
    except ValueError:
        return
    assert Duration.parse(str(duration)) == duration or duration.is_zero


@FUZZ
@given(st.text(max_size=40) | st.datetimes(timezones=st.timezones()).map(datetime.isoformat))
def test_day_parser_takes_any_text(text: str) -> None:
    try:
        day = GSOMIA.day(text)
    except QueryError as error:
        assert str(error).startswith("gsomia: on: ")
        return
    # (`day` is a date by its type: what can go wrong is which day, so read it back)
    assert GSOMIA.day(day.isoformat()) == day


# What `printable` must never let through to a terminal, and what it puts in their place.
_TERMINAL_UNSAFE = {
    *map(chr, range(0x20)), *map(chr, range(0x7F, 0xA0)),
    "\u061c", "\u200e", "\u200f", *map(chr, range(0x2028, 0x202F)), *map(chr, range(0x2066, 0x206A)),
}  # fmt: skip


@given(st.text(st.sampled_from([*_TERMINAL_UNSAFE, "a", "~", " ", "é", "\u202f"])) | st.text())
def test_a_line_for_the_terminal_keeps_every_character_but_the_unsafe_ones_as_spaces(
    text: str,
) -> None:
    """ASCII and not, each character kept but controls, line separators and bidirectional
    overrides, which become spaces (printable ASCII is passed through without a regex)."""
    shown = printable(text)
    assert len(shown) == len(text)
    for before, after in zip(text, shown, strict=True):
        assert after == (" " if before in _TERMINAL_UNSAFE else before)


@FUZZ
@given(st.text(), st.text(), st.text())
def test_no_catalog_text_breaks_the_calendar_or_the_terminal(
    name: str, text: str, source: str
) -> None:
    hostile = GSOMIA.replace(name=f"{name} (X{name[:5]})", text=text, source=source, events=())
    data = export(
        [hostile], date(2027, 1, 1), date(2027, 12, 31), stamp=datetime(2026, 1, 1, tzinfo=UTC)
    )
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    names = [
        line.split(b":")[0].split(b";")[0] for line in lines if line and not line.startswith(b" ")
    ]
    allowed = {b"BEGIN", b"END", b"VERSION", b"PRODID", b"CALSCALE", b"METHOD", b"NAME", b"X-WR-CALNAME",
               b"REFRESH-INTERVAL", b"X-PUBLISHED-TTL", b"UID", b"DTSTAMP", b"SEQUENCE", b"DTSTART",
               b"DTEND", b"SUMMARY", b"DESCRIPTION", b"TRANSP", b"URL", b"X-GSOMIA-CLOCK-AGREEMENT",
               b"X-GSOMIA-CLOCK-FINGERPRINT", b""}  # fmt: skip
    assert set(names) <= allowed
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert len(events) == 2
    for output in (
        status_text(hostile.status(on="2026-11-22"), hostile, today=TODAY, explain=True),
        withdrawal_text(
            hostile.can_withdraw("JP", on="2026-11-22"), hostile, today=TODAY, explain=True
        ),
    ):
        assert all(printable(line) == line for line in output.split("\n"))


# The command line as a whole: any argument vector ends in 0 or 2, never 1, never a traceback,
# and leaves the files around it as they were (but for the -o file it was asked to write).

WORDS = st.sampled_from([
    "status", "can-withdraw", "deadlines", "ical", "push", "check", "list", "gsomia", "npt",
    "apostille", "rome-statute", "--party", "KR", "JP", "ZA", "--on", "--on-resume", "immediate",
    "restart", "--json", "--explain", "--from", "--until", "--remind", "--reminder-events",
    "--calendar", "-o", "--output", "--catalog", "--url", "--user", "--password-env",
    "--replace-edited", "--insecure", "-", "--", "-h",
])  # fmt: skip
VALUES = st.sampled_from([
    "2019-08-24", "2019-08-24T23:59:59+09:00", "0001-01-01", "9999-12-31", "9999-12-31T23:59:59-12:00",
    "0001-01-01T00:00:00+14:00", "9996-01-01", "2019-02-29", "P30D", "P1D", "P99999999W",
    "PT99999999999999999999H", "P٩٠D", "P1M", "P0D", "mine.toml", "out.ics", "fifo", "folder",
    "link.toml", "/dev/null", "/dev/full", "/dev/stdout", "missing/out.ics", "http://127.0.0.1:1/",
    "http://[::1/", "http://127.0.0.1:99999/", "ftp://x/", "https://u:p@127.0.0.1:1/", "NO_SUCH_VAR",
    "", "P1W", "P7D", "readonly.ics", "Treaty\ndeadlines",
])  # fmt: skip
ARGUMENTS = st.lists(
    WORDS
    | VALUES
    | st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=12),
    max_size=8,
)


def _workspace(folder: Path) -> dict[str, object]:
    """What the folder holds: each name and its kind and bytes."""
    found: dict[str, object] = {}
    for path in sorted(folder.iterdir()):
        mode = path.lstat().st_mode
        found[path.name] = (stat.S_IFMT(mode), path.read_bytes() if stat.S_ISREG(mode) else None)
    return found


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz-cli")
    (folder / "mine.toml").write_text(MINIMAL)
    (folder / "link.toml").symlink_to(folder / "mine.toml")
    os.mkfifo(folder / "fifo")
    (folder / "folder").mkdir()
    (folder / "readonly.ics").write_bytes(b"kept")
    (folder / "readonly.ics").chmod(0o444)
    return folder


@FUZZ
@given(arguments=ARGUMENTS)
def test_any_command_line_ends_in_0_or_2_and_damages_nothing(
    arguments: list[str], workspace: Path
) -> None:
    before = _workspace(workspace)
    status, _, said = _main(arguments, workspace)
    assert status in (0, 2), said
    assert "Traceback" not in said and "internal error" not in said
    lines = [x for x in said.splitlines() if "WARNING: --insecure" not in x]
    if status == 2 and "check" not in arguments:  # `check` has a line for each file at fault
        assert len(lines) == 1, said  # one line naming the culprit
    after = _workspace(workspace)
    written = {"out.ics"} if status == 0 else set()
    assert {k: v for k, v in after.items() if k not in written} == {
        k: v for k, v in before.items() if k not in written
    }
    (workspace / "out.ics").unlink(missing_ok=True)


@FUZZ
@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=300))
def test_any_output_path_is_written_whole_or_refused_by_name(name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        cwd = os.getcwd()
        os.chdir(folder)
        try:
            try:
                path = output_path(name, ["mine.toml"])
                if path is not None:
                    write_whole(path, b"data")
                    assert path.read_bytes() == b"data"
            except ClockError as error:
                assert str(error).startswith("-o: ")
            leftovers = [n for n in os.listdir(folder) if n.startswith(".") and ".tmp" not in n]
            assert not [n for n in leftovers if n.startswith(f".{Path(name).name}.")]
        finally:
            os.chdir(cwd)


# `import`: any bytes as the spreadsheet. Exit 0 with a catalog that loads, or 2 with up to 50
# lines, each naming the file.


@FUZZ
@given(st.binary(max_size=400) | spreadsheets())
def test_import_takes_any_bytes_as_a_spreadsheet(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "r.csv").write_bytes(data)
        status, out, said = _main(["import", "r.csv", "-o", "r.toml"], Path(folder))
        assert status in (0, 2) and out == b"", said
        assert "Traceback" not in said and "internal error" not in said
        if status == 2:
            lines = said.splitlines()
            assert 1 <= len(lines) <= 50, said
            assert all(line.startswith("gsomia-clock: error: r.csv") for line in lines), said
            assert sorted(os.listdir(folder)) == ["r.csv"]
        else:
            assert read_catalog(str(Path(folder, "r.toml")))


# `report -o DIR`: any tree under DIR. Exit 0 with every page in place, or 2 with one line
# naming the culprit and the tree as it was.


def _tree(folder: Path) -> dict[str, object]:
    """Every entry under `folder`, by kind: a file's bytes and mode, a link's target."""
    found: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        mode = path.lstat().st_mode
        found[str(path.relative_to(folder))] = (
            os.readlink(path) if stat.S_ISLNK(mode)
            else (stat.S_IMODE(mode), path.read_bytes()) if stat.S_ISREG(mode)
            else stat.S_IFMT(mode)
        )  # fmt: skip
    return found


def _lay(site: Path, place: str, kind: str, outside: Path) -> None:
    path = site / place
    if not path.parent.is_dir() or path.exists() or path.is_symlink():
        return  # its folder is no folder here: this place cannot hold anything
    match kind:
        case "file" | "read-only":
            path.write_bytes(b"someone's page")
            path.chmod(0o444 if kind == "read-only" else 0o644)
        case "folder":
            path.mkdir()
        case "fifo":
            os.mkfifo(path)
        case "link-file":
            path.symlink_to(outside / "theirs.html")
        case "link-folder":
            path.symlink_to(outside)
        case "link-device":
            path.symlink_to("/dev/null")
        case "link-nowhere":
            path.symlink_to(outside / "missing" / "x.html")
        case "link-loop":
            path.symlink_to(path.name)


@FUZZ
@given(report_trees)
def test_report_takes_any_tree_under_its_folder(tree: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as top:
        work, outside, site = Path(top, "work"), Path(top, "outside"), Path(top, "work", "site")
        for folder in (work, outside, site):
            folder.mkdir()
        (work / "pact.toml").write_text(MINIMAL.replace('"x"', '"pact"'))
        (outside / "theirs.html").write_bytes(b"theirs")
        for place in REPORT_PLACES:
            _lay(site, place, tree[place], outside)
        before, elsewhere = _tree(site), _tree(outside)
        status, out, said = _main(["--no-bundled", "--catalog", "pact.toml", "report", "-o", "site"], work)  # fmt: skip
        assert status in (0, 2) and out == b"", said
        assert "Traceback" not in said and "internal error" not in said
        assert said.count("\n") == 1, said
        if status == 2:
            assert said.startswith(
                (
                    "gsomia-clock: error: -o: site",
                    "gsomia-clock: error: -o: cannot use site",
                    "gsomia-clock: error: -o: cannot write site",
                )
            ), said
            assert (_tree(site), _tree(outside)) == (before, elsewhere)
            return
        for page in ("index.html", "agreements/pact.html"):
            assert (site / page).is_file() and b"<!doctype html>" in (site / page).read_bytes()
        record = ".gsomia-clock-report"
        assert not [n for n in _tree(site) if Path(n).name.startswith(".") and n != record]
        if tree[record] not in ("none", "file"):  # only a writable file of its own is replaced
            assert _tree(site).get(record) == before.get(record)
        changed = {k for k, v in _tree(outside).items() if v != elsewhere.get(k)}
        # Links are followed as the docs say: a page's to the file it replaces, a folder's.
        followed = {"theirs.html"} | (
            {"pact.html"} if tree["agreements"] == "link-folder" else set()
        )
        assert changed <= followed, changed


def _main(arguments: list[str], cwd: Path) -> tuple[int, bytes, str]:
    """The command line in this process, in `cwd`: its status, standard output and error."""
    out, err = io.BytesIO(), io.BytesIO()
    stdout, stderr = io.TextIOWrapper(out, encoding="utf-8"), io.TextIOWrapper(err, "utf-8")
    before = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                status = main(arguments)
            except SystemExit as leaving:  # argparse: usage errors, --help
                status = leaving.code if isinstance(leaving.code, int) else 2
            stdout.flush()
            stderr.flush()
    finally:
        os.chdir(before)
    return status, out.getvalue(), err.getvalue().decode()


# The agenda's index: any bytes where an index file is read, and any index of the right
# digest but another shape, are refused (the index is made anew) or answer as an agenda does.


@pytest.fixture(scope="module")
def index_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes, object]:
    """An index as `agenda --within` writes it (of tests/helpers.py's register), the digest of
    its sources, and its decoded value."""
    folder = tmp_path_factory.mktemp("fuzz-index")
    register = folder / "contracts.toml"
    register.write_text(REGISTER)
    with _on_28_august_2026() as patch:
        patch.setenv("GSOMIA_CLOCK_CACHE", str(folder / "cache"))
        indexed_agenda([str(register)], False, Selection(), P30D)
    (written,) = (folder / "cache").iterdir()
    content = written.read_bytes()
    digest = index._digest([(str(register), register.read_bytes())], False)
    return content, digest, marshal.loads(content[content.index(b"\n") + 1 :])  # its top


@contextlib.contextmanager
def _on_28_august_2026() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", ON_28_AUGUST_2026)
        yield patch


@FUZZ
@given(st.data())
def test_any_damage_to_the_index_file_is_refused_before_it_is_decoded(
    index_file: tuple[bytes, bytes, object], data: st.DataObject
) -> None:
    good, digest, _ = index_file
    damaged = data.draw(st.binary(max_size=400) | damaged_bytes(good))
    with _on_28_august_2026():
        found = agenda_from_index(damaged, digest, Selection(), P30D)
    assert found is None or damaged == good


@FUZZ
@given(st.data())
def test_an_index_of_any_shape_is_refused_or_printed_as_any_agenda(
    index_file: tuple[bytes, bytes, object], data: st.DataObject
) -> None:
    good, digest, made = index_file
    decoded = index._decoded(good, digest)
    assert decoded is not None
    rows = [bytes(row) for row in decoded[1]]
    # The top reshaped, or the head of a row (its deadlines' bytes as they were).
    n = data.draw(st.integers(-1, len(rows) - 1))
    shape: Any = made
    if n == -1:
        shape = data.draw(reshaped(made))
    else:
        head = marshal.loads(rows[n])
        deadlines = index._Pieces(head[10], memoryview(rows[n]))
        kept = b"".join(bytes(deadlines[k]) for k in range(len(deadlines)))
        rows[n] = marshal.dumps(data.draw(reshaped(head))) + kept
    body = marshal.dumps(shape) + b"".join(rows)
    with _on_28_august_2026():
        found = agenda_from_index(index._header(digest, body) + body, digest, Selection(), P30D)
    if found is None:
        return
    # Believed, it is an agenda as any other: within its window, and printed as any is.
    assert all(item.days_left is not None and 0 <= item.days_left <= 30 for item in found.items)
    text = agenda_text(found.items, found.todays)
    assert all(item.agreement in text for item in found.items)
    shown = json.loads(json.dumps([item.to_dict() for item in found.items]))
    assert [entry["agreement"] for entry in shown] == [item.agreement for item in found.items]
    if body == good[good.index(b"\n") + 1 :]:
        assert [item.agreement for item in found.items] == ["crm-subscription"]
