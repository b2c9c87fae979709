"""Output that never breaks: plain stand-ins where the terminal cannot show the tool's characters,
JSON that stays valid and means the same, and a closed or full standard output named as such."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gsomia_clock.cli import main

from .helpers import COMMAND, run


def _ascii_streams(monkeypatch: pytest.MonkeyPatch) -> tuple[io.BytesIO, io.BytesIO]:
    out, err = io.BytesIO(), io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out, encoding="ascii"))
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(err, encoding="ascii"))
    return out, err


def test_an_ascii_terminal_gets_arrows_dashes_and_quotes_as_plain_stand_ins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out, _ = _ascii_streams(monkeypatch)
    assert main(["status", "gsomia", "--on", "2019-09-01", "--explain"]) == 0
    sys.stdout.flush()
    text = out.getvalue().decode("ascii")
    assert "Friday 23 November 2018 -> Friday 22 November 2019" in text
    assert '- clause: "This Agreement shall remain in force' in text
    assert "2019-11-23 - 90 days = 2019-08-25" in text


def test_json_on_an_ascii_terminal_escapes_rather_than_degrades(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out, _ = _ascii_streams(monkeypatch)
    assert main(["status", "gsomia", "--on", "2019-09-01", "--json"]) == 0
    sys.stdout.flush()
    raw = out.getvalue().decode("ascii")
    assert "\\u2192" in raw  # → in the explanation, escaped
    assert json.loads(raw)["explanation"][1].startswith("current term: 2018-11-23 → 2019-11-23")


def test_an_error_on_an_ascii_terminal_keeps_its_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    _, err = _ascii_streams(monkeypatch)
    assert main(["status", "gsomiaa"]) == 2
    sys.stderr.flush()
    assert err.getvalue().decode("ascii") == (
        "gsomia-clock: error: ID: 'gsomiaa' is not an agreement in the catalog; "
        "did you mean 'gsomia'?\n"
    )


@pytest.mark.parametrize(
    "environment",
    [
        {"PYTHONIOENCODING": "ascii"},
        {"LANG": "C", "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
    ],
    ids=["PYTHONIOENCODING=ascii", "LANG=C without coercion"],
)
def test_a_terminal_that_is_not_unicode_never_makes_the_tool_fail(
    environment: dict[str, str],
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LANG", "PYTHONUTF8")}
    done = subprocess.run(
        [*COMMAND, "status", "gsomia", "--on", "2019-09-01", "--explain"],
        capture_output=True, env={**env, **environment}, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert b" -> " in done.stdout and done.stdout.isascii()


def test_a_closed_standard_output_is_named_not_a_traceback() -> None:
    done = subprocess.run(
        [*COMMAND, "ical", "gsomia"], stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True, timeout=120, check=False,
        preexec_fn=lambda: os.close(1),
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr == (
        "gsomia-clock: error: standard output is closed (use -o FILE to write a file)\n"
    )


@pytest.mark.parametrize("command", [("status", "gsomia"), ("ical", "gsomia")])
def test_a_full_disk_on_standard_output_is_named(command: tuple[str, ...]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*COMMAND, *command], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120,
            check=False,
        )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr == (
        "gsomia-clock: error: cannot write to standard output (No space left on device)\n"
    )


def test_a_reader_that_goes_away_ends_the_run_quietly() -> None:
    with subprocess.Popen(
        [*COMMAND, "deadlines", "--from", "2026-01-01", "--until", "2099-12-31"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    ) as child:  # fmt: skip
        assert child.stdout is not None and child.stderr is not None
        child.stdout.read(10)
        child.stdout.close()
        assert child.wait(timeout=120) == 0
        assert child.stderr.read() == b""


def _run_with(*args: str, stdout: object = subprocess.PIPE, stderr: object = subprocess.PIPE,
              close: int | None = None) -> subprocess.CompletedProcess[str]:  # fmt: skip
    return subprocess.run(
        [*COMMAND, *args], stdout=stdout, stderr=stderr, text=True, timeout=120, check=False,
        preexec_fn=None if close is None else lambda: os.close(close),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "status"),
    [(("status", "gsomia"), 0), (("status", "no-such-id"), 2), (("frobnicate",), 2)],
)
def test_a_full_standard_error_changes_neither_the_output_nor_the_status(
    args: tuple[str, ...], status: int
) -> None:
    with open("/dev/full", "w") as full:
        done = _run_with(*args, stderr=full)
    assert done.returncode == status
    assert ("GSOMIA" in done.stdout) == (status == 0)


def test_help_that_cannot_be_written_is_an_error_not_a_success() -> None:
    with open("/dev/full", "w") as full:
        done = _run_with("--help", stdout=full)
    assert done.returncode == 2
    assert done.stderr == (
        "gsomia-clock: error: cannot write to standard output (No space left on device)\n"
    )


def test_a_usage_error_with_standard_error_closed_prints_nothing_on_standard_output() -> None:
    done = _run_with("frobnicate", stderr=subprocess.DEVNULL, close=2)
    assert done.returncode == 2
    assert done.stdout == ""


def test_a_usage_error_is_one_line_on_standard_error() -> None:
    done = _run_with("status")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (
        "gsomia-clock status: error: the following arguments are required: ID "
        "(see gsomia-clock status --help)\n"
    )


# Data for programs (TOML, CSV, SVG) is UTF-8 whatever the terminal's encoding: the stand-ins
# that make text readable on a terminal would change what the data says.

KOREAN = """\
[[agreement]]
id = "kr-jp"
name = "한일 “GSOMIA” – 군사정보"
parties = ["KR", "JP"]
in_force = 2016-11-23
timezone = "Asia/Seoul"
term = "P1Y"
renewal = "P1Y"
owner = "외교부 ‘조약과’"

[[agreement.exit]]
effect = "end-of-term"
notice = "P90D"
"""
REGISTER_CSV = "id,name,parties,in_force\nkr-jp,한일 “GSOMIA”,KR;JP,2016-11-23\n"


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "latin-1"])
@pytest.mark.parametrize(
    ("args", "holds"),
    [
        (("import", "r.csv"), "한일 “GSOMIA”"),
        (("--no-bundled", "--catalog", "k.toml", "agenda", "--csv"), "한일 “GSOMIA” – 군사정보"),
        (("--no-bundled", "--catalog", "k.toml", "agenda", "--within", "P1Y", "--csv"), "‘조약과’"),
        (("--no-bundled", "--catalog", "k.toml", "deadlines", "--csv"), "한일 “GSOMIA” – 군사정보"),
        (("--no-bundled", "--catalog", "k.toml", "timeline", "kr-jp"), "한일 “GSOMIA” – 군사정보"),
        (("--no-bundled", "--catalog", "k.toml", "ical"), "한일 “GSOMIA” – 군사정보"),
    ],
    ids=["import", "agenda-csv", "indexed-agenda-csv", "deadlines-csv", "timeline-svg", "ical"],
)
def test_data_for_programs_is_utf8_whatever_the_terminal_encoding(
    tmp_path: Path, encoding: str, args: tuple[str, ...], holds: str
) -> None:
    (tmp_path / "r.csv").write_text(REGISTER_CSV, encoding="utf-8")
    (tmp_path / "k.toml").write_text(KOREAN, encoding="utf-8")
    done = subprocess.run(
        [*COMMAND, *args], capture_output=True, cwd=tmp_path, timeout=120, check=False,
        env={**os.environ, "PYTHONIOENCODING": encoding, "GSOMIA_CLOCK_CACHE": str(tmp_path)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = done.stdout.decode("utf-8")  # never the stand-ins '?', '"' or '-'
    assert holds in data.replace("\r\n ", "")  # iCal folds its long lines
    if args[0] == "import":
        (tmp_path / "c.toml").write_bytes(done.stdout)
        assert run("check", "c.toml", cwd=tmp_path).returncode == 0
