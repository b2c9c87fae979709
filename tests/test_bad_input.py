"""Bad input, in one table: every bad catalog and command line, with the exact message expected.

Each file in tests/corpus/catalogs/ starts with `# expect: MESSAGE` ({file} stands for its name)
and makes two rows: `check FILE` and `--catalog FILE ical -o FILE`. Each file in
tests/corpus/spreadsheets/ starts with that line too, and the rest of it, byte for byte as a
spreadsheet wrote it, makes the row `import FILE -o out.toml`. The other rows are written out
below. Every row runs in process through `gsomia_clock.cli.main` (fast): exit status 2, the
exact last line on stderr, nothing on stdout, no traceback, and the working folder exactly as it
was. Rows that name a catalog file are also refused by `read_catalog` with the same message.
A few rows run again through the installed `gsomia-clock` script, to show it behaves the same.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from gsomia_clock import CatalogError
from gsomia_clock.catalog import read_catalog

from .helpers import PREFIX, Outcome, assert_refused, invoke, run, snapshot

CORPUS = Path(__file__).resolve().parent / "corpus"
CATALOGS = sorted((CORPUS / "catalogs").glob("*.toml"))
SPREADSHEETS = sorted((CORPUS / "spreadsheets").glob("*.csv"))
FOLDER = None  # in `Bad.files`: a folder of that name instead of a file


@dataclass(frozen=True)
class Bad:
    """One bad input: the arguments, and the exact last line they must print on stderr."""

    args: tuple[str, ...]
    last_line: str
    # What the working folder holds before the run (name: bytes, or FOLDER).
    files: dict[str, bytes | None] = field(default_factory=dict)
    # The catalog file at fault, when `read_catalog` must refuse it with the same message.
    catalog: str | None = None
    # A text that must appear nowhere in the output (a password).
    secret: str | None = None

    @property
    def id(self) -> str:
        # ASCII ids: pytest escapes others, and an escaped id is not found again in a second
        # run within one process (as mutmut runs tests).
        text = " ".join(self.args) or "(no arguments)"
        return "".join(c if c.isascii() else f"U+{ord(c):04X}" for c in text)


def expected(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), path
    return first.removeprefix("# expect: ").replace("{file}", path.name)


def corpus_rows(path: Path) -> list[Bad]:
    files = {path.name: path.read_bytes()}
    line = PREFIX + expected(path)
    return [
        Bad(("check", path.name), line, files, catalog=path.name),
        Bad(("--catalog", path.name, "ical", "-o", "out.ics"), line, files, catalog=path.name),
    ]


def spreadsheet_row(path: Path) -> Bad:
    spreadsheet = path.read_bytes().partition(b"\n")[2]  # after the `# expect:` line
    line = PREFIX + expected(path)
    return Bad(("import", path.name, "-o", "out.toml"), line, {path.name: spreadsheet})


PACT = (
    b'[[agreement]]\nid = "pact"\nname = "A pact"\nparties = ["AA", "BB"]\n'
    b'in_force = 2020-01-01\nterm = "P1Y"\nrenewal = "P1Y"\n'
    b'[[agreement.exit]]\neffect = "end-of-term"\nnotice = "P90D"\n'
    b'[[agreement.event]]\ndate = 2020-03-01\nkind = "notice"\nparty = "AA"\n'
    b'[[agreement.event]]\ndate = 2020-04-01\nkind = "suspend"\nparty = "AA"\non_resume = "restart"\n'
    b'[[agreement.event]]\ndate = 2021-03-01\nkind = "resume"\nparty = "AA"\n'
    b'[[agreement.event]]\ndate = 2021-06-01\nkind = "revoke"\nparty = "AA"\n'
)  # fmt: skip

# Files that cannot be read as catalogs at all.
FILES = [
    Bad(("check", "photo.toml"), PREFIX + "photo.toml: is not UTF-8 text (byte 0: b'\\x89')",
        {"photo.toml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"}, catalog="photo.toml"),
    Bad(("check", "folder.toml"), PREFIX + "folder.toml: cannot be read (Is a directory)",
        {"folder.toml": FOLDER}, catalog="folder.toml"),
    Bad(("--catalog", "missing.toml", "list"),
        PREFIX + "missing.toml: cannot be read (No such file or directory)", catalog="missing.toml"),
    Bad(("--catalog", "/dev/zero", "list"),
        PREFIX + "/dev/zero: is a character device, not a regular file", catalog="/dev/zero"),
    Bad(("--catalog", "/nonexistent/x.toml", "list"),
        PREFIX + "/nonexistent/x.toml: cannot be read (No such file or directory)",
        catalog="/nonexistent/x.toml"),
]  # fmt: skip

# Our own messages about the command line: "gsomia-clock: error: " and then these.
COMMAND_LINES = [
    (("status", "gsomai"), "ID: 'gsomai' is not an agreement in the catalog; did you mean 'gsomia'?"),
    (("status", "nothing-like-it"), "ID: 'nothing-like-it' is not an agreement in the catalog (see `gsomia-clock list`)"),
    (("status", "gsomia", "--on", "2019-13-01"), "gsomia: on: '2019-13-01' is not a day of the form YYYY-MM-DD"),
    (("status", "gsomia", "--on", "2019-02-29"), "gsomia: on: '2019-02-29' is not a day of the form YYYY-MM-DD"),
    (("status", "gsomia", "--on", "someday"), "gsomia: on: 'someday' is neither YYYY-MM-DD nor an ISO 8601 date-time with an offset"),
    (("status", "gsomia", "--on", "2019-08-24T10:00"), "gsomia: on: '2019-08-24T10:00' has no UTC offset, so its day is ambiguous (add one, e.g. +09:00 or Z)"),
    (("status", "gsomia", "--party", "US"), "gsomia: party: 'US' is not one of its parties (KR, JP)"),
    (("can-withdraw", "gsomia", "--party", "US"), "gsomia: party: 'US' is not one of its parties (KR, JP)"),
    (("can-withdraw", "gsomia", "--party", "kr"), "gsomia: party: 'kr' is not one of its parties (KR, JP); did you mean KR?"),
    (("status", "gsomia", "--on", "9999-12-30"), "gsomia: on: 9999-12-30 is too near the calendar's end (year 9999) or start to reckon the terms and notices around it"),
    (("status", "gsomia", "--on", "9999-12-31T23:59:59-12:00"), "gsomia: on: '9999-12-31T23:59:59-12:00' falls outside the calendar (years 1-9999) there"),
    (("status", "gsomia", "--on", "0001-01-01T00:00:00+14:00"), "gsomia: on: '0001-01-01T00:00:00+14:00' falls outside the calendar (years 1-9999) there"),
    (("deadlines", "gsomia", "--from", "9999-01-01"), "gsomia: from: 9999-01-01 is too near the calendar's end (year 9999) or start to reckon the terms and notices around it"),
    (("ical", "gsomia", "--from", "9996-01-01"), "gsomia: from: 9996-01-01 is too near the calendar's end (year 9999) or start to reckon the terms and notices around it"),
    (("ical", "--remind", "P99999999W", "--reminder-events"), "--remind: 'P99999999W' is more than ten years (P3660D) ahead"),
    (("ical", "--remind", "PT99999999999999999999H"), "--remind: 'PT99999999999999999999H' is more than ten years (P3660D) ahead"),
    (("deadlines", "--from", "2030-01-01", "--until", "2020-01-01"), "--until: 2020-01-01 is before --from 2030-01-01"),
    (("deadlines", "--from", "soon"), "--from: 'soon' is neither YYYY-MM-DD nor an ISO 8601 date-time with an offset"),
    (("ical", "--remind", "P1M"), "--remind: 'P1M' has months or years; RFC 5545 alarms take weeks, days, hours or minutes (P30D, P2W, PT12H)"),
    (("ical", "--remind", "30 days"), "--remind: '30 days' is not an ISO 8601 duration such as P90D, P6M, P1Y or P1Y6M"),
    (("ical", "--remind", "soon"), "--remind: 'soon' is not an ISO 8601 duration such as P90D, P6M, P1Y or P1Y6M"),
    (("ical", "--remind", "P0D"), "--remind: 'P0D' is no time at all"),
    (("ical", "--remind", "P٩٠D"), "--remind: 'P٩٠D' is not an ISO 8601 duration such as P90D, P6M, P1Y or P1Y6M"),
    (("ical", "--remind", "P９０D"), "--remind: 'P９０D' is not an ISO 8601 duration such as P90D, P6M, P1Y or P1Y6M"),
    (("ical", "-o", "/dev/null"), "-o: /dev/null is a character device, not a regular file (use -o - for standard output)"),
    (("ical", "-o", "no/such/folder/out.ics"), "-o: cannot write no/such/folder/out.ics (No such file or directory)"),
    (("ical", "-o", "/nonexistent-dir/x.ics"), "-o: cannot write /nonexistent-dir/x.ics (No such file or directory)"),
    (("push", "gsomia", "--url", "http://[::1/"), "--url: 'http://[::1/' is not a valid address (Invalid IPv6 URL)"),
    (("push", "gsomia", "--url", "http://127.0.0.1:99999/"), "--url: 'http://127.0.0.1:99999/' is not a valid address (port '99999' is not a number in 1-65535)"),
    (("push", "gsomia", "--url", "ftp://example.org/"), "--url: 'ftp://example.org/' is not an http:// or https:// address"),
    (("push", "gsomia", "--url", "http://127.0.0.1:1/", "--password-env", "NO_SUCH_VARIABLE_HERE"), "--password-env: the environment variable NO_SUCH_VARIABLE_HERE is not set"),
]  # fmt: skip
OTHERS = [
    # import takes the delimiters spreadsheets write, `tab` for a tab.
    Bad(("import", "r.csv", "--delimiter", "|"),
        PREFIX + "--delimiter: '|' is not a delimiter spreadsheets write: ',', ';' or a tab",
        {"r.csv": b"id|name\nx|X\n"}),
    # A failed export leaves the file it would have replaced whole (the snapshot shows it).
    Bad(("ical", "--remind", "P1M", "-o", "keep.ics"),
        PREFIX + "--remind: 'P1M' has months or years; RFC 5545 alarms take weeks, days, hours or minutes (P30D, P2W, PT12H)",
        {"keep.ics": b"old"}),
    # -o never writes over an input of the run.
    Bad(("--catalog", "pact.toml", "ical", "-o", "pact.toml"),
        PREFIX + "-o: pact.toml is an input of this run (pact.toml): it would be overwritten",
        {"pact.toml": PACT}),
    # A password in the address is refused, and never repeated.
    Bad(("push", "gsomia", "--url", "https://bob:hunter2@127.0.0.1:1/"),
        PREFIX + "--url: holds a password; name the environment variable that holds it with --password-env instead, so that it never shows in a process list or a message",
        secret="hunter2"),
    # ... and it is said first, before an address that is wrong in another way could be shown.
    *(Bad(("push", "gsomia", "--url", url),
          PREFIX + "--url: holds a password; name the environment variable that holds it with --password-env instead, so that it never shows in a process list or a message",
          secret="hunter2")
      for url in ("https://bob:hunter2@127.0.0.1:99999/", "ftp://bob:hunter2@host/",
                  "http://bob:hunter2@[::1/", "https://bob:hunter2/x@host/",
                  "https://bob:hunter2@exa mple.org/")),
    # Under its own reading ('restart') the notice resumed on 1 March 2021 takes effect at the
    # end of 2021, so a revocation in June is possible; read 'immediate', it took effect the day
    # it was resumed, and there is nothing left to revoke.
    Bad(("--catalog", "pact.toml", "status", "pact", "--on", "2021-07-01", "--on-resume", "immediate"),
        PREFIX + "pact: on_resume: read 'immediate', its history cannot have happened: event[4]: 2021-06-01 "
        "revoke by AA: the agreement is no longer in force from 2021-03-01 (AA's notice of 2020-03-01)",
        {"pact.toml": PACT}),
]  # fmt: skip
# argparse's own messages (a line ending in "(choose from " is the start of the line).
USAGE = [
    (("can-withdraw", "gsomia"), "gsomia-clock can-withdraw: error: the following arguments are required: --party (see gsomia-clock can-withdraw --help)"),
    (("status", "gsomia", "--on-resume", "later"), "gsomia-clock status: error: argument --on-resume: invalid choice: 'later' (choose from "),
    (("frobnicate",), "gsomia-clock: error: argument COMMAND: invalid choice: 'frobnicate' (choose from "),
    ((), "gsomia-clock: error: the following arguments are required: COMMAND (see gsomia-clock --help)"),
]  # fmt: skip

BAD_INPUTS = [
    *(row for path in CATALOGS for row in corpus_rows(path)),
    *(spreadsheet_row(path) for path in SPREADSHEETS),
    *FILES,
    *(Bad(args, PREFIX + message) for args, message in COMMAND_LINES),
    *OTHERS,
    *(Bad(args, line) for args, line in USAGE),
]
BY_ID = {row.id: row for row in BAD_INPUTS}
# One row for each catalog file at fault, for `read_catalog`.
CATALOG_ROWS = list({row.catalog: row for row in BAD_INPUTS if row.catalog}.values())
# The rows run again through the installed script: a catalog, a day, argparse, a secret.
SMOKE = [
    "check 22-unknown-key-typo.toml",
    "status gsomia --on 2019-08-24T10:00",
    "can-withdraw gsomia",
    "push gsomia --url https://bob:hunter2@127.0.0.1:1/",
]


def refused(done: Outcome | subprocess.CompletedProcess[str], row: Bad) -> None:
    assert_refused(done, row.last_line)
    if row.secret is not None:
        assert row.secret not in done.stdout + done.stderr


def lay_out(folder: Path, files: dict[str, bytes | None]) -> None:
    for name, data in files.items():
        if data is FOLDER:
            (folder / name).mkdir()
        else:
            (folder / name).write_bytes(data)


def test_no_bad_input_is_listed_twice() -> None:
    assert len(BY_ID) == len(BAD_INPUTS)  # else a row would be run under another's id


@pytest.mark.parametrize("row", BAD_INPUTS, ids=lambda row: row.id)
def test_bad_input_is_refused_with_its_exact_message_and_writes_nothing(
    row: Bad, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lay_out(tmp_path, row.files)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_SUCH_VARIABLE_HERE", raising=False)
    before = snapshot(tmp_path)
    refused(invoke(capsys, *row.args), row)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("row", CATALOG_ROWS, ids=lambda row: row.catalog)
def test_bad_catalog_file_is_refused_by_read_catalog_with_the_same_message(
    row: Bad, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert row.catalog is not None
    lay_out(tmp_path, row.files)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CatalogError) as raised:
        read_catalog(row.catalog)
    assert PREFIX + str(raised.value) == row.last_line


@pytest.mark.parametrize("name", SMOKE)
def test_the_installed_script_refuses_bad_input_the_same_way(name: str, tmp_path: Path) -> None:
    row = BY_ID[name]
    lay_out(tmp_path, row.files)
    before = snapshot(tmp_path)
    refused(run(*row.args, cwd=tmp_path), row)
    assert snapshot(tmp_path) == before


def test_the_pact_history_is_possible_under_its_own_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pact.toml").write_bytes(PACT)
    monkeypatch.chdir(tmp_path)
    fine = invoke(capsys, "--catalog", "pact.toml", "status", "pact", "--on", "2021-07-01")
    assert fine.returncode == 0, fine.stderr
