"""`-o FILE`: written whole or not at all, to a regular file only, never over an input, keeping its
permissions, and leaving no temporary file behind when the run is stopped."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from gsomia_clock import ClockError
from gsomia_clock.cli.whole_files import open_previous, output_path, write_whole

from .helpers import COMMAND, MINIMAL, assert_refused, invoke, run


def test_a_calendar_file_is_replaced_whole_and_keeps_its_permissions(tmp_path: Path) -> None:
    out = tmp_path / "deadlines.ics"
    out.write_bytes(b"old")
    out.chmod(0o600)
    write_whole(out, b"new")
    assert out.read_bytes() == b"new"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert os.listdir(tmp_path) == ["deadlines.ics"]


def test_a_new_calendar_file_gets_the_permissions_the_umask_allows(tmp_path: Path) -> None:
    before = os.umask(0o027)
    try:
        write_whole(tmp_path / "deadlines.ics", b"new")
    finally:
        os.umask(before)
    assert stat.S_IMODE((tmp_path / "deadlines.ics").stat().st_mode) == 0o640


def test_a_symbolic_link_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.ics"
    real.write_bytes(b"old")
    link = tmp_path / "link.ics"
    link.symlink_to(real)
    write_whole(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_a_bare_file_name_is_written_in_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_whole(Path("deadlines.ics"), b"data")
    assert (tmp_path / "deadlines.ics").read_bytes() == b"data"


def test_a_failed_replace_leaves_the_target_and_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "deadlines.ics"
    out.mkdir()  # a folder cannot be replaced by a file
    (out / "inside").write_bytes(b"kept")
    with pytest.raises(ClockError, match=r"^-o: cannot write .*deadlines\.ics \(Is a directory\)"):
        write_whole(out, b"data")
    assert os.listdir(tmp_path) == ["deadlines.ics"]
    assert (out / "inside").read_bytes() == b"kept"


def test_the_temporary_file_is_made_beside_the_target_not_in_the_system_temp_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-folder"))
    out = tmp_path / "deadlines.ics"
    write_whole(out, b"data")
    assert out.read_bytes() == b"data"


def test_a_write_that_fails_for_any_reason_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path,
) -> None:
    out = tmp_path / "deadlines.ics"
    out.write_bytes(b"old")
    with pytest.raises(TypeError):
        write_whole(out, "text, not bytes")  # type: ignore[arg-type]
    assert os.listdir(tmp_path) == ["deadlines.ics"]
    assert out.read_bytes() == b"old"


def test_a_file_made_in_pieces_is_written_as_they_come_and_whole(tmp_path: Path) -> None:
    out = tmp_path / "deadlines.ics"
    seen: list[list[str]] = []

    def pieces() -> Iterator[bytes]:
        for piece in (b"BEGIN", b":", b"VCALENDAR"):
            seen.append(sorted(os.listdir(tmp_path)))  # the temporary file, filling
            yield piece

    write_whole(out, pieces())
    assert out.read_bytes() == b"BEGIN:VCALENDAR" and os.listdir(tmp_path) == ["deadlines.ics"]
    assert len(seen) == 3 and all(len(names) == 1 and names[0] != "deadlines.ics" for names in seen)


def test_a_failure_while_the_pieces_are_made_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path,
) -> None:
    out = tmp_path / "deadlines.ics"
    out.write_bytes(b"old")

    def pieces() -> Iterator[bytes]:
        yield b"BEGIN:VCALENDAR\r\n"
        raise ClockError("reminders: PT1M before 0001-01-01 falls before year 1")

    with pytest.raises(ClockError, match="falls before year 1"):
        write_whole(out, pieces())
    assert os.listdir(tmp_path) == ["deadlines.ics"] and out.read_bytes() == b"old"


# What -o refuses, before anything is read or written


def test_a_dash_means_standard_output() -> None:
    assert output_path("-") is None


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ClockError, match=r"^-o: .*pipe is a FIFO \(named pipe\), not a regular"):
        output_path(str(fifo))
    with pytest.raises(ClockError, match="is a FIFO"), open_previous(fifo):
        pass  # opened without blocking, then refused


def test_the_file_to_replace_is_read_as_a_stream_and_closed_after(tmp_path: Path) -> None:
    earlier = tmp_path / "deadlines.ics"
    with open_previous(earlier) as none:
        assert none is None  # not there yet
    earlier.write_bytes(b"BEGIN:VCALENDAR\r\n")
    with open_previous(earlier) as stream:
        assert stream is not None and stream.read() == b"BEGIN:VCALENDAR\r\n"
    assert stream.closed


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_a_device_is_refused_and_left_in_place(device: str) -> None:
    with pytest.raises(ClockError, match=f"^-o: {device} is a character device, not a regular"):
        output_path(device)
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ClockError, match="is a directory, not a regular file"):
        output_path(str(tmp_path))


def test_the_catalog_of_the_run_is_never_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.toml").write_text(MINIMAL)
    (tmp_path / "alias.toml").symlink_to(tmp_path / "mine.toml")
    for target in ("mine.toml", "alias.toml", "./mine.toml"):
        done = invoke(capsys, "--catalog", "mine.toml", "ical", "-o", target)
        assert_refused(
            done,
            f"gsomia-clock: error: -o: {target} is an input of this run (mine.toml): "
            "it would be overwritten",
        )
    assert (tmp_path / "mine.toml").read_text() == MINIMAL


def test_dash_o_dash_writes_the_calendar_to_standard_output(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ("ical", "gsomia", "--from", "2027-01-01", "--until", "2027-12-31", "-o", "-")
    done = invoke(capsys, *args)
    assert done.returncode == 0
    assert done.stdout.startswith("BEGIN:VCALENDAR")
    assert "DTSTART;VALUE=DATE:20270824" in done.stdout


def test_dash_o_to_dev_stdout_in_a_pipe_ends_at_once_naming_it() -> None:
    started = time.monotonic()
    done = run("ical", "gsomia", "-o", "/dev/stdout")  # stdout is a pipe here
    assert done.returncode == 2 and time.monotonic() - started < 60
    assert done.stderr.strip().endswith("use -o - for standard output)")


# Stopped while writing

# `write_whole` in a process of its own, that says "writing" and waits before its fsync.
SLOW_WRITE = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "import gsomia_clock.cli.whole_files as output\n"
    "real = output.os.fsync\n"
    "def slow(fd):\n"
    "    print('writing', flush=True); time.sleep(30); real(fd)\n"
    "output.os.fsync = slow\n"
    "output.write_whole(Path(sys.argv[1]), b'data')\n"
)


def test_a_run_stopped_by_sigterm_while_writing_leaves_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "deadlines.ics"
    out.write_bytes(b"old")
    with subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITE, str(out)], stdout=subprocess.PIPE, text=True
    ) as child:
        assert child.stdout is not None and child.stdout.readline() == "writing\n"
        assert len(os.listdir(tmp_path)) == 2  # the file and its temporary twin
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=30) == -signal.SIGTERM
    assert os.listdir(tmp_path) == ["deadlines.ics"]
    assert out.read_bytes() == b"old"


def test_a_run_stopped_the_moment_its_temporary_file_exists_leaves_none(tmp_path: Path) -> None:
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "import gsomia_clock.cli.whole_files as output\n"
        "real = output.os.fdopen\n"
        "def slow(fd, mode):\n"
        "    print('made', flush=True); time.sleep(30); return real(fd, mode)\n"
        "output.os.fdopen = slow\n"
        "output.write_whole(Path(sys.argv[1]), b'data')\n"
    )
    out = tmp_path / "deadlines.ics"
    with subprocess.Popen(
        [sys.executable, "-c", script, str(out)], stdout=subprocess.PIPE, text=True
    ) as child:
        assert child.stdout is not None and child.stdout.readline() == "made\n"
        assert len(os.listdir(tmp_path)) == 1  # the temporary file alone
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=30) == -signal.SIGTERM
    assert os.listdir(tmp_path) == []


def test_a_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    out = tmp_path / "deadlines.ics"
    out.write_bytes(b"kept")
    out.chmod(0o444)
    with pytest.raises(ClockError, match=r"deadlines.ics is read-only"):
        output_path(str(out))
    assert out.read_bytes() == b"kept"


def test_the_bundled_catalog_is_never_an_output(capsys: pytest.CaptureFixture[str]) -> None:
    from gsomia_clock.catalog import bundled_file

    # in this process, so that the bundled file is this package's (a script run apart may
    # import another copy of the package, whose bundled file this one would not be)
    before = Path(bundled_file()).read_bytes()
    done = invoke(capsys, "ical", "gsomia", "-o", bundled_file())
    assert done.returncode == 2, done.stderr
    assert "is an input of this run" in done.stderr
    assert Path(bundled_file()).read_bytes() == before


def test_a_catalog_given_before_the_command_is_an_input_though_another_follows_it(
    tmp_path: Path,
) -> None:
    first, second = tmp_path / "first.toml", tmp_path / "second.toml"
    first.write_text(MINIMAL.replace('"x"', '"first"'))
    second.write_text(MINIMAL.replace('"x"', '"second"'))
    done = run(
        "--catalog", str(first), "ical", "--catalog", str(second), "first", "second",
        "-o", str(first),
    )  # fmt: skip
    assert done.returncode == 2 and "first.toml is an input of this run" in done.stderr
    assert first.read_text() == MINIMAL.replace('"x"', '"first"')


def test_an_empty_output_name_is_refused_not_read_as_standard_output() -> None:
    done = run("ical", "gsomia", "-o", "")
    assert_refused(
        done, "gsomia-clock: error: -o: '' is not a file name (use -o - for standard output)"
    )


def test_a_file_name_with_a_newline_is_named_on_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "no\nsuch"
    done = run("ical", "gsomia", "-o", str(folder / "x.ics"))
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and "no\\nsuch" in done.stderr


def test_a_temporary_file_left_by_a_killed_run_is_removed_by_the_next(tmp_path: Path) -> None:
    out = tmp_path / "deadlines.ics"
    with subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITE, str(out)], stdout=subprocess.PIPE, text=True
    ) as child:
        assert child.stdout is not None and child.stdout.readline() == "writing\n"
        child.send_signal(signal.SIGKILL)  # no handler runs
        assert child.wait(timeout=30) == -signal.SIGKILL
    (left,) = os.listdir(tmp_path)
    assert left.startswith(f".deadlines.ics.{child.pid}.")
    running = tmp_path / f".deadlines.ics.{os.getpid()}.abcd1234"  # a run still writing
    running.write_bytes(b"")
    write_whole(out, b"new")
    assert sorted(os.listdir(tmp_path)) == sorted(["deadlines.ics", running.name])


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another user")
def test_a_file_replaced_as_root_keeps_its_owner(tmp_path: Path) -> None:
    out = tmp_path / "theirs.ics"
    out.write_bytes(b"old")
    os.chown(out, 1000, 1000)
    out.chmod(0o600)
    write_whole(out, b"new")
    found = out.stat()
    assert (found.st_uid, found.st_gid, stat.S_IMODE(found.st_mode)) == (1000, 1000, 0o600)


def test_a_name_ending_in_a_slash_is_a_folder_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(ClockError, match=r"names a folder, not a file"):
        output_path(f"{tmp_path}/new-folder/")
    assert os.listdir(tmp_path) == []


def test_dash_o_to_a_process_substitution_ends_at_once_naming_it() -> None:
    import shlex

    command = " ".join(shlex.quote(c) for c in [*COMMAND, "ical", "gsomia", "-o"])
    started = time.monotonic()
    done = subprocess.run(
        ["bash", "-c", f"{command} >(cat > /dev/null)"], capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and time.monotonic() - started < 60
    assert "is a FIFO (named pipe), not a regular file (use -o - for standard output)" in (
        done.stderr
    )
