"""`record` and `undo` (contract v3, "Recording what happened"): an event goes into its own
agreement's table, every other byte of the file stays, the history is checked first, and every
change can be taken back."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from gsomia_clock.catalog import read_catalog
from gsomia_clock.catalog_text import agreement_lines, with_event
from gsomia_clock.cli import journal

from .helpers import COMMAND, PREFIX, assert_refused, invoke

Capture = pytest.CaptureFixture[str]

# The person's own file: comments, spacing and order of their own, and a multi-line text that
# holds a line looking like a header.
KEPT = """\
# Our contracts. Keep this comment.
[[agreement]]
id = "printer-lease"   # the one in room 4
name = "Printer lease"
parties = ["US", "LESSOR"]
in_force = 2024-03-01
term = "P1Y"
renewal = "P1Y"
text = \"\"\"
Either party may end the lease
[[agreement]]
by notice three months before the end of a term.\"\"\"

  [[agreement.exit]]
  effect = "end-of-term"
  notice = "P3M"

# The phone contract comes last: an event appended at the end would be its own.
[[agreement]]
id = "phone"
name = "Phone contract"
parties = ["US", "TELCO"]
in_force = 2025-01-01
[[agreement.exit]]
effect = "after-notice"
notice = "P1M"
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795305600")  # Sunday 22 November 2026
    (tmp_path / "reg.toml").write_text(KEPT)
    return tmp_path


def _record(capsys: Capture, *args: str) -> tuple[int, str, str]:
    done = invoke(capsys, "--no-bundled", "--catalog", "reg.toml", "record", *args)
    return done.returncode, done.stdout, done.stderr


def test_a_notice_goes_into_its_own_agreement_not_the_last_one(
    folder: Path, capsys: Capture
) -> None:
    status, out, err = _record(
        capsys, "printer-lease", "notice", "--party", "US", "--on", "2026-11-20"
    )
    assert (status, err) == (0, ""), err
    printer, phone = read_catalog("reg.toml")
    assert [(e.kind, e.party, e.date) for e in printer.events] == [
        ("notice", "US", date(2026, 11, 20)),
    ]  # fmt: skip
    assert phone.events == ()
    assert out.splitlines()[:2] == [
        "reg.toml: recorded",
        "  Friday 20 November 2026  US gives notice: it takes effect on 1 March 2027",
    ]
    assert "State:            notice pending" in out


def test_every_byte_outside_the_inserted_lines_stays_as_it_was(
    folder: Path, capsys: Capture
) -> None:
    assert (
        _record(capsys, "printer-lease", "notice", "--party", "US", "--note", 'letter "42"')[0] == 0
    )
    now = Path("reg.toml").read_text()
    inserted = '\n[[agreement.event]]\ndate = 2026-11-22\nkind = "notice"\nparty = "US"\nnote = "letter \\"42\\""\n'
    at = KEPT.index('  notice = "P3M"\n') + len('  notice = "P3M"\n')
    assert now == KEPT[:at] + inserted + KEPT[at:]
    assert read_catalog("reg.toml")[0].events[0].note == 'letter "42"'


@pytest.mark.parametrize(("ending", "bom"), [("\r\n", b""), ("\n", b"\xef\xbb\xbf")])
def test_a_file_keeps_its_line_endings_and_byte_order_mark(
    folder: Path, capsys: Capture, ending: str, bom: bytes
) -> None:
    Path("reg.toml").write_bytes(bom + KEPT.replace("\n", ending).encode())
    assert _record(capsys, "phone", "notice", "--party", "US")[0] == 0
    data = Path("reg.toml").read_bytes()
    assert data.startswith(bom + KEPT.replace("\n", ending).encode())
    assert data.count(b"\n") == data.count(ending.encode()) if ending == "\r\n" else True
    assert read_catalog("reg.toml")[1].events[0].kind == "notice"


def test_an_event_the_history_refuses_is_said_as_check_says_it_and_nothing_is_written(
    folder: Path, capsys: Capture
) -> None:
    done = invoke(
        capsys,
        "--no-bundled",
        "--catalog",
        "reg.toml",
        "record",
        "phone",
        "revoke",
        "--party",
        "US",
    )
    assert_refused(
        done,
        f"{PREFIX}reg.toml: agreement[2].event[1] (agreement 'phone'): "
        "2026-11-22 revoke by US: US has no notice to revoke",
    )
    assert Path("reg.toml").read_text() == KEPT
    assert journal.latest() is None


def test_a_dry_run_prints_the_change_as_a_diff_and_writes_nothing(
    folder: Path, capsys: Capture
) -> None:
    status, out, _ = _record(capsys, "phone", "terminate", "--on", "2026-12-01", "--dry-run")
    assert status == 0 and Path("reg.toml").read_text() == KEPT
    assert out.splitlines()[:2] == ["--- reg.toml", "+++ reg.toml"]
    assert "+[[agreement.event]]" in out and "+date = 2026-12-01" in out
    assert journal.latest() is None


def test_json_gives_the_event_as_history_does_and_the_status_after_it(
    folder: Path, capsys: Capture
) -> None:
    status, out, _ = _record(capsys, "phone", "notice", "--party", "US", "--json")
    found = json.loads(out)
    assert status == 0 and set(found) == {"event", "status"}
    assert found["event"]["kind"] == "notice" and found["event"]["date"] == "2026-11-22"
    assert found["status"]["state"] == "notice-pending"
    assert found["status"]["effective"] == "2026-12-22"


def test_an_unknown_id_is_named_with_a_close_one(folder: Path, capsys: Capture) -> None:
    done = invoke(capsys, "--no-bundled", "--catalog", "reg.toml", "record", "phnoe", "terminate")
    assert done.returncode == 2 and "phnoe" in done.stderr and "phone" in done.stderr
    assert Path("reg.toml").read_text() == KEPT


def test_a_bundled_agreement_is_copied_whole_into_the_register_first(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    settings = folder / "config.toml"
    settings.write_text('register = "reg.toml"\n')
    monkeypatch.setenv("GSOMIA_CLOCK_CONFIG", str(settings))
    done = invoke(capsys, "record", "apostille", "notice", "--party", "FR", "--on", "2026-11-20")
    assert done.returncode == 0, done.stderr
    assert "reg.toml: agreement 'apostille' copied from the bundled catalog" in done.stderr
    assert Path("reg.toml").read_text().startswith(KEPT)
    from gsomia_clock.catalog import bundled_tables

    table = bundled_tables().get("apostille")
    assert table is not None and table.rstrip().decode() in Path("reg.toml").read_text()
    copied = read_catalog("reg.toml")[-1]
    bundled = json.loads(invoke(capsys, "history", "apostille", "--json").stdout)
    assert copied.id == "apostille" and len(copied.events) == len(bundled) + 1
    assert copied.events[-1].kind == "notice"


def test_a_bundled_agreement_with_no_register_known_says_how_to_name_one(
    folder: Path, capsys: Capture
) -> None:
    done = invoke(capsys, "record", "gsomia", "notice", "--party", "JP")
    assert done.returncode == 2
    assert "name the register it is to be copied into" in done.stderr


def test_undo_puts_back_the_latest_change_and_then_the_one_before(
    folder: Path, capsys: Capture
) -> None:
    assert _record(capsys, "phone", "notice", "--party", "US")[0] == 0
    once = Path("reg.toml").read_text()
    assert _record(capsys, "printer-lease", "notice", "--party", "US")[0] == 0
    assert invoke(capsys, "undo").returncode == 0
    assert Path("reg.toml").read_text() == once
    assert invoke(capsys, "undo").returncode == 0
    assert Path("reg.toml").read_text() == KEPT
    done = invoke(capsys, "undo")
    assert_refused(done, f"{PREFIX}there is no change of ours left to undo")


def test_undo_refuses_a_file_changed_since_and_writes_nothing(
    folder: Path, capsys: Capture
) -> None:
    assert _record(capsys, "phone", "notice", "--party", "US")[0] == 0
    edited = Path("reg.toml").read_text() + "# my own edit\n"
    Path("reg.toml").write_text(edited)
    done = invoke(capsys, "undo")
    assert done.returncode == 2
    assert "has changed since `record phone notice`" in done.stderr
    assert Path("reg.toml").read_text() == edited


def test_undo_keeps_the_last_twenty_changes(folder: Path) -> None:
    path = folder / "reg.toml"
    for n in range(journal.KEPT + 2):
        journal.changed(path, path.read_bytes(), KEPT.encode() + f"# {n}\n".encode(), f"change {n}")
    kept = sorted((folder / "state" / "gsomia-clock" / "undo").glob("*.json"))
    assert len(kept) == journal.KEPT
    assert [json.loads(entry.read_text())["what"] for entry in kept[:1]] == ["change 2"]


def test_a_file_changed_on_disk_since_it_was_read_is_never_overwritten(folder: Path) -> None:
    path = folder / "reg.toml"
    with pytest.raises(Exception, match="changed on disk while this ran"):
        journal.changed(path, b"what it held when read", b"new", "record x")
    assert path.read_text() == KEPT


def test_two_records_at_once_on_one_file_both_land(folder: Path) -> None:
    runs = [
        subprocess.Popen(
            [
                *COMMAND,
                "--no-bundled",
                "--catalog",
                "reg.toml",
                "record",
                ident,
                "notice",
                "--party",
                "US",
            ],
            cwd=folder,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for ident in ("printer-lease", "phone")
    ]
    for run in runs:
        _, err = run.communicate(timeout=60)
        assert run.returncode == 0, err
    printer, phone = read_catalog(folder / "reg.toml")
    assert len(printer.events) == len(phone.events) == 1


# The text's reading (catalog_text): the tables found are those tomli finds, and an event
# recorded gives the old document plus that event, whatever the file holds.

TEXTS = st.text(
    alphabet=st.sampled_from(["a", " ", '"', "'", "\\", "[", "]", "\n", "#"]), max_size=30
)


@given(TEXTS, TEXTS)
def test_a_multi_line_text_of_any_content_is_no_header(first: str, second: str) -> None:
    import tomli

    body = first.replace('"""', "") + "\n[[agreement]]\n" + second.replace('"""', "")
    text = f'[[agreement]]\nid = "a"\ntext = """{body}"""\n\n[[agreement]]\nid = "b"\n'
    assume(text.count('"""') == 2 and not body.endswith("\\"))
    try:
        document = tomli.loads(text)
    except tomli.TOMLDecodeError:
        assume(False)
    assert len(agreement_lines(text)) == len(document["agreement"]) == 2
    recorded = with_event(text, 0, {"date": date(2026, 1, 1), "kind": "terminate"})
    assert tomli.loads(recorded)["agreement"][0]["event"] == [
        {"date": date(2026, 1, 1), "kind": "terminate"}
    ]


def test_an_event_that_cannot_be_placed_is_refused_not_written() -> None:
    # Agreements written as an array of inline tables have no header to record after.
    text = 'agreement = [{id = "a"}]\n'
    with pytest.raises(ValueError, match="has no agreement 1"):
        with_event(text, 0, {"date": date(2026, 1, 1), "kind": "terminate"})


def test_quotes_inside_one_line_strings_and_comments_open_no_multi_line_text() -> None:
    text = (
        '[[agreement]]\nid = "a"  # """\nname = "\'\'\' and \\" quoted"\nsource = \'"""\'\n'
        '[[agreement]]\nid = "b"\n'
    )
    assert len(agreement_lines(text)) == 2
    recorded = with_event(text, 0, {"date": date(2026, 1, 1), "kind": "terminate"})
    assert recorded.index("[[agreement.event]]") < recorded.index('id = "b"')


def test_a_bad_day_is_named_as_status_names_its_day(folder: Path, capsys: Capture) -> None:
    for option in ("on", "until"):
        arguments = ("record", "phone", "extend", f"--{option}", "soon")
        done = invoke(capsys, "--no-bundled", "--catalog", "reg.toml", *arguments)
        assert done.returncode == 2
        assert done.stderr.startswith(f"{PREFIX}phone: {option}: 'soon' is neither"), done.stderr
    assert Path("reg.toml").read_text() == KEPT


def test_a_damaged_kept_change_is_named_and_nothing_is_undone(
    folder: Path, capsys: Capture
) -> None:
    assert _record(capsys, "phone", "notice", "--party", "US")[0] == 0
    recorded = Path("reg.toml").read_text()
    entry = max((folder / "state" / "gsomia-clock" / "undo").glob("*.json"))
    entry.write_text("{damaged")
    done = invoke(capsys, "undo")
    assert done.returncode == 2
    assert f"{entry}: is not a change this tool kept" in done.stderr
    assert Path("reg.toml").read_text() == recorded
