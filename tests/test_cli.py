"""The command line, run as users run it: a separate process, its output and its exit status.

Bad input is in test_bad_input.py."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from .helpers import FIRST_DAY, PREFIX, STATUS_KEYS, WITHDRAW_KEYS, assert_refused, run

# 2026-11-22T00:00:00Z: Sunday 22 November 2026 in Seoul, as "today" for every command.
ON_22_NOVEMBER_2026 = {"SOURCE_DATE_EPOCH": "1795305600"}


def test_status_gsomia_on_22_november_2026_reads_like_a_briefing() -> None:
    done = run("status", "gsomia", "--on", "2026-11-22", env=ON_22_NOVEMBER_2026)
    assert done.returncode == 0, done.stderr
    assert "in force" in done.stdout
    assert "Sunday 23 November 2025 → Sunday 22 November 2026" in done.stdout
    assert "Monday 23 November 2026 (tomorrow)" in done.stdout
    assert "Tuesday 24 August 2027 (in 275 days" in done.stdout


def test_in_n_days_counts_from_today_not_from_the_day_asked_about() -> None:
    today = {"SOURCE_DATE_EPOCH": "1795392000"}  # Monday 23 November 2026 in Seoul
    status = run("status", "gsomia", "--on", "2026-11-22", env=today)
    listing = run("deadlines", "gsomia", "--from", "2026-01-01", "--until", "2027-12-31", env=today)
    assert "Tuesday 24 August 2027 (in 274 days)" in status.stdout
    assert "Monday 23 November 2026 (today)" in status.stdout
    lines = {line[:28].strip(): line[28:] for line in listing.stdout.splitlines()}
    assert lines["Monday 24 August 2026"].split()[:3] == ["91", "days", "ago"]
    assert lines["Tuesday 24 August 2027"].split()[:3] == ["in", "274", "days"]


def test_status_json_has_exactly_the_contract_values() -> None:
    done = run("status", "gsomia", "--on", "2026-11-22", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data.keys() >= STATUS_KEYS
    assert {k: data[k] for k in STATUS_KEYS} == {
        "agreement": "gsomia",
        "party": None,
        "on": "2026-11-22",
        "state": "in-force",
        "term_start": "2025-11-23",
        "term_end": "2026-11-23",
        "next_renewal": "2026-11-23",
        "effective": None,
        "effective_at": None,
    }
    assert data["next_last_notice_day"] == "2027-08-24"


def test_can_withdraw_japan_on_24_august_2019_json() -> None:
    done = run("can-withdraw", "gsomia", "--party", "JP", "--on", "2019-08-24", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data.keys() >= WITHDRAW_KEYS
    assert data["can_withdraw"] is True
    assert data["via"] == "notice"
    assert data["effective"] == "2019-11-23"
    assert data["effective_at"] == "2019-11-23T00:00:00+09:00"
    assert data["last_notice_day"] == "2019-08-24"
    assert isinstance(data["reason"], str) and data["reason"].endswith(".")


def test_can_withdraw_on_25_august_2019_moves_the_effect_to_2020() -> None:
    done = run("can-withdraw", "gsomia", "--party", "JP", "--on", "2019-08-25", "--json")
    data = json.loads(done.stdout)
    assert (data["effective"], data["last_notice_day"]) == ("2020-11-23", "2020-08-24")


def test_cannot_withdraw_json_nulls_via_and_effective() -> None:
    done = run("can-withdraw", "inf-treaty", "--party", "US", "--on", "2020-01-01", "--json")
    data = json.loads(done.stdout)
    assert data.keys() >= WITHDRAW_KEYS
    assert (data["can_withdraw"], data["via"], data["effective"], data["effective_at"]) == (
        False, None, None, None,
    )  # fmt: skip
    assert data["last_notice_day"] is None


def test_suspended_notice_shows_the_readings_side_by_side() -> None:
    done = run("can-withdraw", "gsomia", "--party", "KR", "--on", "2020-08-04")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    immediate = next(line for line in lines if "immediate" in line and "bound from" in line)
    restart = next(line for line in lines if "restart" in line and "bound from" in line)
    assert "Tuesday 4 August 2020" in immediate
    assert "Monday 23 November 2020" in restart and "Monday 24 August 2020" in restart


def test_explain_adds_the_calendar_months_and_days() -> None:
    plain = run("status", "gsomia", "--on", "2026-11-22", env=ON_22_NOVEMBER_2026)
    explained = run("status", "gsomia", "--on", "2026-11-22", "--explain", env=ON_22_NOVEMBER_2026)
    assert "Tuesday 24 August 2027 (in 275 days)" in plain.stdout
    assert "Tuesday 24 August 2027 (in 275 days, 9 months 2 days)" in explained.stdout
    assert "current term: 2025-11-23 → 2026-11-23" in explained.stdout


def test_explain_prints_the_clause_and_the_arithmetic() -> None:
    done = run("can-withdraw", "gsomia", "--party", "JP", "--on", "2026-11-22", "--explain")
    assert "ninety days in advance" in done.stdout
    assert "2027-11-23 − 90 days = 2027-08-25" in done.stdout
    assert "before 00:00 KST on 25 August 2027" in done.stdout


def test_deadlines_json_lists_renewals_and_last_notice_days() -> None:
    done = run("deadlines", "gsomia", "--from", "2027-01-01", "--until", "2027-12-31", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [(d["date"], d["kind"], d["party"]) for d in data] == [
        ("2027-08-24", "last-notice-day", None),
        ("2027-11-23", "renewal", None),
    ]
    assert all({"agreement", "date", "kind", "party", "summary"} <= d.keys() for d in data)


def test_list_json_names_every_agreement() -> None:
    data = json.loads(run("list", "--json").stdout)
    gsomia = next(item for item in data if item["id"] == "gsomia")
    assert gsomia["parties"] == ["KR", "JP"]
    assert {"id", "name", "parties"} <= gsomia.keys()


def test_check_accepts_a_good_file_and_names_a_bad_one(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text(
        '[[agreement]]\nid = "a"\nname = "A"\nparties = ["AA"]\nin_force = 2020-01-01\n'
    )
    done = run("check", str(good))
    assert (done.returncode, done.stdout.strip()) == (0, f"{good}: ok, 1 agreement")
    bad = tmp_path / "bad.toml"
    bad.write_text(good.read_text().replace("parties", "partys"))
    done = run("check", str(bad))
    assert done.returncode == 2
    assert (
        f"{bad}: agreement[1].partys (agreement 'a'): unknown key; did you mean 'parties'?"
        in done.stderr
    )
    assert "Traceback" not in done.stderr


def test_catalog_option_adds_agreements(tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text('[[agreement]]\nid = "lease"\nname = "Office lease"\nparties = ["ME", "LL"]\n'
                    'in_force = 2024-01-01\nterm = "P1Y"\nrenewal = "P1Y"\n'
                    '[[agreement.exit]]\neffect = "end-of-term"\nnotice = "P3M"\n')  # fmt: skip
    done = run(
        "--catalog",
        str(mine),
        "can-withdraw",
        "lease",
        "--party",
        "ME",
        "--on",
        "2026-11-22",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["effective"], data["last_notice_day"]) == ("2028-01-01", "2027-09-30")


def test_help_has_examples() -> None:
    done = run("--help")
    assert done.returncode == 0
    assert "gsomia-clock can-withdraw gsomia --party KR" in done.stdout


def test_an_agreement_named_twice_is_listed_once() -> None:
    once = run("deadlines", "gsomia", "--from", "2026-01-01", "--until", "2027-12-31", "--json")
    twice = run(
        "deadlines", "gsomia", "gsomia", "--from", "2026-01-01", "--until", "2027-12-31", "--json"
    )
    assert twice.returncode == 0 and json.loads(twice.stdout) == json.loads(once.stdout)


def test_an_agreement_named_twice_gives_each_uid_once_in_a_calendar() -> None:
    done = run("ical", "gsomia", "gsomia", "--from", "2026-01-01", "--until", "2027-12-31")
    uids = [line for line in done.stdout.splitlines() if line.startswith("UID:")]
    assert len(uids) == len(set(uids)) == 4  # two last notice days, two renewals


def test_two_reminders_of_the_same_length_are_one_alarm() -> None:
    done = run(
        "ical", "gsomia", "--from", "2026-01-01", "--until", "2026-12-31",
        "--remind", "P1W", "--remind", "P7D", "--reminder-events",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("BEGIN:VALARM") == 2  # one per deadline
    assert done.stdout.count("BEGIN:VEVENT") == 4  # two deadlines, a reminder event each


def test_a_calendar_name_must_be_visible_text_on_one_line() -> None:
    for name, message in (
        ("", "--calendar: '' is no name (the default is 'Treaty deadlines')"),
        ("  ", "--calendar: '  ' is no name (the default is 'Treaty deadlines')"),
        ("\u200b", "--calendar: '\\u200b' is no name (the default is 'Treaty deadlines')"),
        ("Treaty\x07 deadlines", "--calendar: 'Treaty\\x07 deadlines' holds a control character"),
        ("Treaty\ndeadlines", "--calendar: 'Treaty\\ndeadlines' holds a control character"),
        ("x" * 201, "--calendar: a name of 201 characters is more than 200"),
    ):
        done = run("ical", "gsomia", "--calendar", name)
        assert_refused(done, PREFIX + message)


def test_a_calendar_name_of_any_script_is_kept() -> None:
    done = run("ical", "gsomia", "--calendar", "조약 기한")
    assert done.returncode == 0 and "X-WR-CALNAME:조약 기한" in done.stdout


def test_an_empty_catalog_name_is_named_as_such() -> None:
    assert_refused(run("--catalog", "", "list"), PREFIX + "--catalog: '' is not a file name")
    assert_refused(run("check", ""), PREFIX + "'': is not a file name")


def test_a_calendar_name_or_address_that_is_not_utf_8_is_refused_by_name() -> None:
    import os
    import subprocess

    from .helpers import COMMAND

    for option, value, message in (
        (b"--calendar", b"\xff", "--calendar: '\\udcff' is not UTF-8 text"),
        (b"--url", b"http://\xff/", "--url: 'http://\\udcff/' is not UTF-8 text"),
    ):
        command = b"push" if option == b"--url" else b"ical"
        args = [*(c.encode() for c in COMMAND), command, b"gsomia", option, value]
        done = subprocess.run(args, capture_output=True, timeout=120, check=False, env=os.environ)
        assert done.returncode == 2, done.stderr
        assert done.stderr.decode(errors="replace").strip() == PREFIX + message


OLD = """
[[agreement]]
id = "ancient"
name = "Ancient"
parties = ["AA", "BB"]
in_force = 0001-01-01
timezone = "Asia/Kolkata"
term = "P1Y"
renewal = "P1Y"

[[agreement.exit]]
effect = "end-of-term"
notice = "P3M"
"""


def test_days_before_year_1000_are_written_with_four_digit_years(tmp_path: Path) -> None:
    import icalendar

    (tmp_path / "old.toml").write_text(OLD)
    done = run(
        "--catalog", str(tmp_path / "old.toml"), "ical", "ancient",
        "--from", "0001-01-01", "--until", "0002-12-31",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "DTSTART;VALUE=DATE:00010930" in done.stdout  # the last notice day of year 1
    starts = [
        e.decoded("DTSTART") for e in icalendar.Calendar.from_ical(done.stdout).walk("VEVENT")
    ]
    assert date(1, 9, 30) in starts


def test_a_reminder_before_year_1_east_of_utc_is_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "first.toml").write_text(FIRST_DAY)
    done = run(
        "--catalog", str(tmp_path / "first.toml"), "ical", "first-day", "--from", "0001-01-01",
        "--until", "0001-01-31", "--remind", "PT1M", "--reminder-events",
    )  # fmt: skip
    assert_refused(done, PREFIX + "--remind: PT1M before 0001-01-01 falls before year 1")


def test_a_source_date_epoch_at_the_last_second_of_9999_is_refused_by_name() -> None:
    done = run("status", "gsomia", env={"SOURCE_DATE_EPOCH": "253402300799"})
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1, done.stderr
    assert "internal error" not in done.stderr and done.stdout == ""
