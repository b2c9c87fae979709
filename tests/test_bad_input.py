"""The bad-input corpus: every bad catalog and command line, with the exact message expected.

Each file in tests/corpus/catalogs/ starts with `# expect: MESSAGE` ({file} stands for its name).
Every case must exit with status 2, print that message and no traceback, and write nothing.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from .test_cli import run

CORPUS = Path(__file__).resolve().parent / "corpus"
CATALOGS = sorted((CORPUS / "catalogs").glob("*.toml"))
PREFIX = "gsomia-clock: error: "


def expected(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), path
    return first.removeprefix("# expect: ").replace("{file}", path.name)


def assert_refused(done: subprocess.CompletedProcess[str], message: str) -> None:
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1] == PREFIX + message


def test_the_corpus_holds_at_least_forty_bad_catalogs() -> None:
    assert len(CATALOGS) >= 40


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.stem)
def test_bad_catalog_is_refused_with_its_exact_message(path: Path, tmp_path: Path) -> None:
    message = expected(path)
    before = sorted(os.listdir(path.parent))
    assert_refused(run("check", path.name, cwd=path.parent), message)
    # The same file given to any command is refused the same way, and nothing is written.
    loaded = run("--catalog", path.name, "ical", "-o", str(tmp_path / "out.ics"), cwd=path.parent)
    assert_refused(loaded, message)
    assert sorted(os.listdir(path.parent)) == before
    assert list(tmp_path.iterdir()) == []


def test_binary_file_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "photo.toml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    done = run("check", "photo.toml", cwd=tmp_path)
    assert_refused(done, "photo.toml: is not UTF-8 text (byte 0: b'\\x89')")


def test_a_directory_cannot_be_read_as_a_catalog(tmp_path: Path) -> None:
    (tmp_path / "folder.toml").mkdir()
    done = run("check", "folder.toml", cwd=tmp_path)
    assert_refused(done, "folder.toml: cannot be read (Is a directory)")


def test_a_missing_file_cannot_be_read(tmp_path: Path) -> None:
    done = run("--catalog", "missing.toml", "list", cwd=tmp_path)
    assert_refused(done, "missing.toml: cannot be read (No such file or directory)")


COMMAND_LINES = [
    (("status", "gsomai"), "ID: 'gsomai' is not an agreement in the catalog; did you mean 'gsomia'?"),
    (("status", "nothing-like-it"), "ID: 'nothing-like-it' is not an agreement in the catalog (see `gsomia-clock list`)"),
    (("status", "gsomia", "--on", "2019-13-01"), "gsomia: on: '2019-13-01' is not a day of the form YYYY-MM-DD"),
    (("status", "gsomia", "--on", "2019-02-29"), "gsomia: on: '2019-02-29' is not a day of the form YYYY-MM-DD"),
    (("status", "gsomia", "--on", "yesterday"), "gsomia: on: 'yesterday' is neither YYYY-MM-DD nor an ISO 8601 date-time with an offset"),
    (("status", "gsomia", "--on", "2019-08-24T10:00"), "gsomia: on: '2019-08-24T10:00' has no UTC offset, so its day is ambiguous (add one, e.g. +09:00 or Z)"),
    (("status", "gsomia", "--party", "US"), "gsomia: party: 'US' is not one of its parties (KR, JP)"),
    (("can-withdraw", "gsomia", "--party", "kr"), "gsomia: party: 'kr' is not one of its parties (KR, JP); did you mean KR?"),
    (("status", "gsomia", "--on", "9999-12-30"), "gsomia: on: 9999-12-30 is too near the calendar's end (year 9999) or start to reckon the terms and notices around it"),
    (("deadlines", "--from", "2030-01-01", "--until", "2020-01-01"), "--until: 2020-01-01 is before --from 2030-01-01"),
    (("deadlines", "--from", "soon"), "--from: 'soon' is neither YYYY-MM-DD nor an ISO 8601 date-time with an offset"),
    (("ical", "--remind", "P1M"), "--remind: 'P1M' has months or years; RFC 5545 alarms take weeks, days, hours or minutes (P30D, P2W, PT12H)"),
    (("ical", "--remind", "30 days"), "--remind: '30 days' is not an ISO 8601 duration such as P90D, P6M, P1Y or P1Y6M"),
    (("ical", "--remind", "P0D"), "--remind: 'P0D' is no time at all"),
    (("ical", "-o", "no/such/folder/out.ics"), "-o: cannot write no/such/folder/out.ics (No such file or directory)"),
    (("push", "gsomia", "--url", "ftp://example.org/"), "--url: 'ftp://example.org/' is not an http:// or https:// address"),
    (("push", "gsomia", "--url", "https://u:pw@127.0.0.1:1/"), "--url: holds a password; name the environment variable that holds it with --password-env instead, so that it never shows in a process list or a message"),
    (("push", "gsomia", "--url", "http://127.0.0.1:1/", "--password-env", "NO_SUCH_VARIABLE_HERE"), "--password-env: the environment variable NO_SUCH_VARIABLE_HERE is not set"),
]  # fmt: skip
USAGE = [
    (("can-withdraw", "gsomia"), "gsomia-clock can-withdraw: error: the following arguments are required: --party"),
    # argparse quotes the choices differently from one Python to the next: the start is ours.
    (("status", "gsomia", "--on-resume", "later"), "gsomia-clock status: error: argument --on-resume: invalid choice: 'later' (choose from "),
    (("frobnicate",), "gsomia-clock: error: argument COMMAND: invalid choice: 'frobnicate' (choose from "),
    ((), "gsomia-clock: error: the following arguments are required: COMMAND"),
]  # fmt: skip


def test_the_corpus_holds_at_least_forty_bad_inputs_in_all() -> None:
    assert len(CATALOGS) + len(COMMAND_LINES) + len(USAGE) + 3 >= 40


@pytest.mark.parametrize(
    ("args", "message"), COMMAND_LINES, ids=lambda v: " ".join(v) if isinstance(v, tuple) else ""
)
def test_bad_command_line_is_refused_with_its_exact_message(
    args: tuple[str, ...], message: str, tmp_path: Path
) -> None:
    assert_refused(run(*args, cwd=tmp_path), message)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"), USAGE, ids=lambda v: " ".join(v) if isinstance(v, tuple) else ""
)
def test_bad_usage_is_refused_with_its_exact_message(
    args: tuple[str, ...], message: str, tmp_path: Path
) -> None:
    done = run(*args, cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == "" and "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1].startswith(message)
    assert message.endswith("(choose from ") or done.stderr.splitlines()[-1] == message
    assert list(tmp_path.iterdir()) == []


def test_a_reading_under_which_the_history_is_impossible_is_refused(tmp_path: Path) -> None:
    # Under its own reading ('restart') the notice resumed on 1 March 2021 takes effect at the
    # end of 2021, so a revocation in June is possible; read 'immediate', it took effect the day
    # it was resumed, and there is nothing left to revoke.
    (tmp_path / "pact.toml").write_text(
        '[[agreement]]\nid = "pact"\nname = "A pact"\nparties = ["AA", "BB"]\n'
        'in_force = 2020-01-01\nterm = "P1Y"\nrenewal = "P1Y"\n'
        '[[agreement.exit]]\neffect = "end-of-term"\nnotice = "P90D"\n'
        '[[agreement.event]]\ndate = 2020-03-01\nkind = "notice"\nparty = "AA"\n'
        '[[agreement.event]]\ndate = 2020-04-01\nkind = "suspend"\nparty = "AA"\non_resume = "restart"\n'
        '[[agreement.event]]\ndate = 2021-03-01\nkind = "resume"\nparty = "AA"\n'
        '[[agreement.event]]\ndate = 2021-06-01\nkind = "revoke"\nparty = "AA"\n'
    )  # fmt: skip
    fine = run("--catalog", "pact.toml", "status", "pact", "--on", "2021-07-01", cwd=tmp_path)
    assert fine.returncode == 0, fine.stderr
    done = run(
        "--catalog",
        "pact.toml",
        "status",
        "pact",
        "--on",
        "2021-07-01",
        "--on-resume",
        "immediate",
        cwd=tmp_path,
    )
    assert_refused(
        done,
        "pact: on_resume: read 'immediate', its history cannot have happened: event[4]: 2021-06-01 "
        "revoke by AA: the agreement is no longer in force from 2021-03-01 (AA's notice of 2020-03-01)",
    )
