"""The scripts in examples/ run as they are."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.py"))


def run(
    script: Path, *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> str:
    done = subprocess.run(
        [sys.executable, str(script), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=cwd,
        env={**os.environ, **(env or {})},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_example_runs_today(script: Path, tmp_path: Path) -> None:
    assert run(script, cwd=tmp_path).strip()


def test_calendar_of_all_agreements_writes_a_calendar(tmp_path: Path) -> None:
    import icalendar

    out = run(EXAMPLES[0].with_name("calendar_of_all_agreements.py"), "all.ics", cwd=tmp_path)
    data = (tmp_path / "all.ics").read_bytes()
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert out.startswith(f"all.ics: {len(events)} events")
    assert any(str(e["UID"]).endswith(".gsomia@gsomia-clock") for e in events)


def test_days_until_the_gsomia_deadline_on_22_november_2026() -> None:
    today = {"SOURCE_DATE_EPOCH": "1795305600"}  # Sunday 22 November 2026 in Seoul
    out = run(EXAMPLES[0].with_name("days_until_gsomia_deadline.py"), "2026-11-22", env=today)
    assert "GSOMIA notice is Tuesday 24 August 2027, in 275 days." in out
    assert "2027-08-25T00:00:00+09:00" in out


def test_on_23_august_the_example_says_the_last_day_is_tomorrow_as_the_commands_do() -> None:
    today = {"SOURCE_DATE_EPOCH": "1787443200"}  # Sunday 23 August 2026 in Seoul
    out = run(EXAMPLES[0].with_name("days_until_gsomia_deadline.py"), env=today)
    assert "GSOMIA notice is Monday 24 August 2026, tomorrow." in out
    cli = str(Path(sys.executable).with_name("gsomia-clock"))
    listed = subprocess.run(
        [cli, "deadlines", "gsomia", "--until", "2026-08-31"],
        capture_output=True, text=True, env={**os.environ, **today}, check=True,
    ).stdout  # fmt: skip
    assert listed.split()[:5] == ["Monday", "24", "August", "2026", "tomorrow"]


def _in_days(text: str) -> int:
    return int(re.search(r"in (\d+) days", text).group(1))  # type: ignore[union-attr]


@pytest.mark.parametrize("epoch", [None, "1795305600", "1811000000"])
def test_status_deadlines_and_the_example_agree_on_the_days_left(epoch: str | None) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch

    def printed(*command: str) -> str:
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    cli = str(Path(sys.executable).with_name("gsomia-clock"))
    status = next(
        line for line in printed(cli, "status", "gsomia").splitlines() if "Last notice day" in line
    )
    day = status.split(":", 1)[1].split("(")[0].strip()
    listing = printed(cli, "deadlines", "gsomia").splitlines()
    listed = next(line for line in listing if line.startswith(day))
    example = printed(sys.executable, str(EXAMPLES[0].with_name("days_until_gsomia_deadline.py")))
    assert _in_days(status) == _in_days(listed) == _in_days(example)


def test_what_if_japan_gave_notice_on_22_november_2026() -> None:
    out = run(EXAMPLES[0].with_name("what_if_japan_gave_notice_today.py"), "2026-11-22")
    assert out.startswith(
        "A notice from JP received on Sunday 22 November 2026 takes effect on Tuesday 23 November 2027"
    )


def test_register_lists_every_bundled_agreement() -> None:
    out = run(EXAMPLES[0].with_name("register.py"), "2026-11-22")
    assert "gsomia                    in-force          2026-11-23 renewal" in out
    assert "new-start                 ended" in out
    assert len(out.splitlines()) >= 12


def test_the_pictures_of_the_docs_are_what_the_example_draws(tmp_path: Path) -> None:
    out = run(EXAMPLES[0].with_name("pictures.py"), str(tmp_path))
    assert f"{tmp_path / 'gsomia-timeline.svg'}: 25 marks" in out
    docs = Path(__file__).resolve().parent.parent / "docs" / "pictures"
    for drawn in sorted(tmp_path.glob("*.svg")):
        assert drawn.read_text() == (docs / drawn.name).read_text(), drawn.name
    assert "report.png: the register" in out or "no Chromium here" in out
