"""Progress on standard error: on a terminal a person watches, for a run past two seconds, never
in a pipe, a file or a CI log, and wiped before the command's own output."""

from __future__ import annotations

import io
import os
import re
import sys
import time
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from typing import NamedTuple, TextIO

import pytest

from gsomia_clock.cli import main, progress
from gsomia_clock.cli.progress import AFTER, EVERY, Progress, counted

from .helpers import ON_28_AUGUST_2026, REGISTER


class Screen(io.StringIO):
    """What a terminal is shown, and says it is one."""

    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def no_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)


def _shown(stream: io.StringIO) -> str:
    """The terminal's line as a person sees it once every carriage return has been obeyed."""
    line = ""
    for part in stream.getvalue().split("\r"):
        line = part + line[len(part) :]
    return line.rstrip()


def test_a_run_shorter_than_two_seconds_shows_nothing() -> None:
    terminal, clock = Screen(), Clock()
    shown = Progress("report", "pages", stream=terminal, clock=clock, started=0.0)
    clock.now = AFTER - 0.01
    shown(10, 2000)
    shown.done()
    assert terminal.getvalue() == ""


def test_past_two_seconds_the_line_says_how_far_of_how_many() -> None:
    terminal, clock = Screen(), Clock()
    shown = Progress("report", "pages", stream=terminal, clock=clock, started=0.0)
    clock.now = AFTER
    shown(1250, 2000)
    assert terminal.getvalue() == "\rreport: 1,250 of 2,000 pages (62%)"  # the cursor after it
    clock.now += EVERY
    shown(12_000)
    assert _shown(terminal) == "report: 12,000 pages"
    assert "\n" not in terminal.getvalue()  # one line, rewritten in place


def test_the_line_is_rewritten_at_most_ten_times_a_second() -> None:
    terminal, clock = Screen(), Clock()
    shown = Progress("ical", "events", stream=terminal, clock=clock, started=0.0)
    clock.now = AFTER
    shown(1, 100)
    clock.now += EVERY / 2
    shown(2, 100)
    assert _shown(terminal) == "ical: 1 of 100 events (1%)"
    clock.now = AFTER + EVERY
    shown(3, 100)
    assert _shown(terminal) == "ical: 3 of 100 events (3%)"


def test_the_line_is_wiped_when_the_work_is_done() -> None:
    terminal, clock = Screen(), Clock()
    with Progress("import", "rows", stream=terminal, clock=clock, started=0.0) as shown:
        clock.now = 5.0
        shown(3, 4)
    assert terminal.getvalue().endswith("\r")
    assert _shown(terminal) == ""


def test_a_pipe_or_a_file_is_never_shown_progress() -> None:
    piped, clock = io.StringIO(), Clock()
    shown = Progress("report", "pages", stream=piped, clock=clock, started=0.0)
    clock.now = 60.0
    shown(1, 2)
    shown.done()
    assert piped.getvalue() == ""


def test_a_ci_job_is_never_shown_progress_even_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CI", "true")
    terminal, clock = Screen(), Clock()
    shown = Progress("report", "pages", stream=terminal, clock=clock, started=0.0)
    clock.now = 60.0
    shown(1, 2)
    assert terminal.getvalue() == ""


def test_a_terminal_that_goes_away_does_not_stop_the_run() -> None:
    class Gone(Screen):
        def write(self, text: str) -> int:
            raise OSError(5, "Input/output error")

    clock = Clock()
    shown = Progress("report", "pages", stream=Gone(), clock=clock, started=0.0)
    clock.now = 60.0
    shown(1, 2)
    shown(2, 2)
    shown.done()
    assert shown.on is False


def test_a_closed_stream_is_no_terminal() -> None:
    closed = io.StringIO()
    closed.close()  # isatty() now raises ValueError
    shown = Progress("report", "pages", stream=closed, clock=Clock(), started=-60.0)
    assert shown.on is False


def test_counted_tells_of_each_thing_once_it_is_done() -> None:
    told: list[tuple[int, int | None]] = []
    taken = []
    for thing in counted("abc", lambda done, total: told.append((done, total)), 3):
        taken.append((thing, len(told)))
    assert taken == [("a", 0), ("b", 1), ("c", 2)]
    assert told == [(1, 3), (2, 3), (3, 3)]


# -- the commands that take long, on a real terminal ----------------------------------------


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Terminal]:
    """A register, the run as if started long ago, and a real terminal (a pseudo-terminal's
    side that a program writes to) to be standard error: `on_terminal` runs the command line
    with it, and returns what the terminal was shown."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", ON_28_AUGUST_2026)
    monkeypatch.setattr(progress, "STARTED", time.monotonic() - 60)
    monkeypatch.setattr(progress, "EVERY", 0.0)  # every step shown: the counts are checked
    (tmp_path / "contracts.toml").write_text(REGISTER)
    reader, writer = os.openpty()
    with open(writer, "w", encoding="utf-8", closefd=True) as stream:
        assert stream.isatty()
        yield Terminal(reader, stream, monkeypatch)
    os.close(reader)


class Terminal(NamedTuple):
    reader: int
    stream: TextIO
    monkeypatch: pytest.MonkeyPatch

    def run(self, *args: str) -> str:
        """What the terminal is shown while `main(args)` runs (after its status is checked)."""
        with self.monkeypatch.context() as patch:
            patch.setattr(sys, "stderr", self.stream)  # here: pytest sets its own for the test
            assert main(list(args)) == 0
            self.stream.flush()
        os.set_blocking(self.reader, False)
        out = b""
        with suppress(BlockingIOError):
            while chunk := os.read(self.reader, 65536):
                out += chunk
        return out.decode()


CATALOG = ("--no-bundled", "--catalog", "contracts.toml")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("report", "-o", "site"), "report: 4 of 4 pages (100%)"),
        (("ical", "-o", "out.ics"), "ical: 3 of 3 agreements (100%)"),
        (("agenda", "--within", "P30D"), "agenda: 3 agreements indexed"),
    ],
)
def test_a_long_run_on_a_terminal_says_how_far_it_is_then_wipes_the_line(
    terminal: Terminal, args: tuple[str, ...], said: str
) -> None:
    shown = terminal.run(*CATALOG, *args)
    assert f"\r{said}" in shown
    what, _, count = said.partition(": ")
    total = count.split()[2] if " of " in count else count.split()[0]
    steps = [
        part.split()[1].replace(",", "") for part in shown.split("\r") if part.startswith(what)
    ]
    assert steps == [str(n) for n in range(1, int(total) + 1)]  # each step told, in turn
    wiped = re.search(r"\r( +)\r", shown[shown.rindex(said) :])  # spaces over it, then back
    assert wiped is not None and len(wiped[1]) >= len(said)


def test_import_of_a_long_spreadsheet_on_a_terminal_counts_its_rows(terminal: Terminal) -> None:
    terminal.run(*CATALOG, "export", "--csv", "-o", "register.csv")
    assert "\rimport: 3 of 3 rows (100%)" in terminal.run(
        "import", "register.csv", "-o", "again.toml"
    )


def test_the_same_run_into_a_pipe_shows_no_progress(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", ON_28_AUGUST_2026)
    monkeypatch.setattr(progress, "STARTED", time.monotonic() - 60)
    (tmp_path / "contracts.toml").write_text(REGISTER)
    assert main([*CATALOG, "report", "-o", "site"]) == 0
    err = capsys.readouterr().err
    assert "\r" not in err
    assert err == "site/index.html: 3 agreements\n"
