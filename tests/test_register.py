"""A contract manager's register: their own catalog alone, what comes due, the history, filters."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from gsomia_clock import CatalogError, load_catalog
from gsomia_clock.agenda import agenda
from gsomia_clock.catalog import read_catalog
from gsomia_clock.cli import main, streams
from gsomia_clock.selection import Selection

from .helpers import ON_28_AUGUST_2026, PREFIX, REGISTER, assert_refused, invoke, run


@pytest.fixture
def register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "contracts.toml"
    path.write_text(REGISTER)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", ON_28_AUGUST_2026)
    monkeypatch.delenv("GSOMIA_CLOCK_CATALOG", raising=False)
    return path


# -- your own register -----------------------------------------------------------------------


def test_owner_reference_and_tags_are_read_and_listed(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    done = invoke(capsys, "--no-bundled", "--catalog", "contracts.toml", "list", "--json")
    rows = {row["id"]: row for row in json.loads(done.stdout)}
    assert rows["office-lease"]["owner"] == "Facilities"
    assert rows["office-lease"]["reference"] == "L-2024-017"
    assert rows["office-lease"]["tags"] == ["lease", "berlin"]
    assert rows["cleaning"]["reference"] is None


def test_tags_that_are_not_strings_are_refused_by_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(REGISTER.replace('tags = ["saas"]', "tags = [1]"))
    done = invoke(capsys, "check", str(bad))
    assert done.returncode == 2
    assert "agreement[2].tags" in done.stderr and "[1]" in done.stderr


def test_no_bundled_leaves_only_your_own_agreements(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    alone = invoke(capsys, "--no-bundled", "--catalog", "contracts.toml", "list", "--json")
    assert [a["id"] for a in json.loads(alone.stdout)] == [
        "office-lease", "crm-subscription", "cleaning",
    ]  # fmt: skip
    after = invoke(capsys, "list", "--catalog", "contracts.toml", "--no-bundled", "--json")
    assert after.stdout == alone.stdout  # before or after the command, the same
    both = invoke(capsys, "--catalog", "contracts.toml", "list", "--json")
    assert len(json.loads(both.stdout)) == len(load_catalog()) + 3


def test_the_catalogs_named_in_the_environment_are_read_when_none_is_given(
    register: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    other = tmp_path / "other.toml"
    other.write_text(REGISTER.split("[[agreement]]")[3].join(["[[agreement]]", ""]).replace(
        '"cleaning"', '"windows"'
    ))  # fmt: skip
    monkeypatch.setenv("GSOMIA_CLOCK_CATALOG", f"contracts.toml::{other}:")
    done = invoke(capsys, "--no-bundled", "list", "--json")
    assert [a["id"] for a in json.loads(done.stdout)][-1] == "windows"
    assert len(json.loads(done.stdout)) == 4
    given = invoke(capsys, "--no-bundled", "--catalog", str(other), "list", "--json")
    assert [a["id"] for a in json.loads(given.stdout)] == ["windows"]  # --catalog wins


def test_an_agreement_that_replaces_a_bundled_one_is_reported(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("mine.toml").write_text(REGISTER.replace('"cleaning"', '"gsomia"', 1))
    done = invoke(capsys, "--catalog", "mine.toml", "status", "gsomia", "--json")
    assert done.returncode == 0
    assert json.loads(done.stdout)["agreement"] == "gsomia"
    assert "mine.toml: agreement 'gsomia' replaces the one of" in done.stderr
    quiet = invoke(capsys, "--catalog", "contracts.toml", "status", "gsomia", "--json")
    assert quiet.stderr == ""


# -- the agenda ------------------------------------------------------------------------------


def test_the_agenda_is_sorted_by_next_deadline_with_none_last(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    done = invoke(capsys, "--no-bundled", "--catalog", "contracts.toml", "agenda", "--json")
    rows = json.loads(done.stdout)
    assert [r["agreement"] for r in rows] == ["crm-subscription", "office-lease", "cleaning"]
    crm, lease, cleaning = rows
    assert set(crm) == {
        "agreement", "name", "state", "next_deadline", "days_left", "owner", "reference", "tags",
        "next_change",
    }  # fmt: skip
    assert (crm["next_change"]["kind"], crm["next_change"]["date"]) == ("renewal", "2026-10-01")
    # CRM renews on 1 October 2026; notice must arrive 30 days before, by 31 August.
    assert crm["next_deadline"]["kind"] == "last-notice-day"
    assert crm["next_deadline"]["date"] == "2026-08-31"
    assert crm["days_left"] == 3
    assert crm["state"] == "in-force"
    # The lease renews on 1 January 2027; notice three months ahead: by 30 September 2026.
    assert (lease["next_deadline"]["date"], lease["days_left"]) == ("2026-09-30", 33)
    assert lease["tags"] == ["lease", "berlin"] and lease["reference"] == "L-2024-017"
    # Cleaning may be left any time with a month's notice: no deadline comes due.
    assert (cleaning["next_deadline"], cleaning["days_left"]) == (None, None)


def test_within_keeps_only_what_comes_due_that_soon(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def due(within: str) -> list[str]:
        done = invoke(capsys, "--no-bundled", "--catalog", "contracts.toml", "agenda", "--within", within, "--json")  # fmt: skip
        return [row["agreement"] for row in json.loads(done.stdout)]

    assert due("P3D") == ["crm-subscription"]  # 31 August is three days away: kept
    assert due("P2D") == []
    assert due("P33D") == ["crm-subscription", "office-lease"]


def test_filters_by_tag_owner_kind_and_party(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def ids(*options: str) -> list[str]:
        done = invoke(capsys, "--no-bundled", "--catalog", "contracts.toml", "agenda", *options, "--json")  # fmt: skip
        assert done.returncode == 0, done.stderr
        return [row["agreement"] for row in json.loads(done.stdout)]

    assert ids("--tag", "berlin") == ["office-lease", "cleaning"]
    assert ids("--tag", "berlin", "--tag", "lease") == ["office-lease"]  # each tag given
    assert ids("--owner", "FACILITIES") == ["office-lease", "cleaning"]  # letter case aside
    assert ids("--party", "VENDOR") == ["crm-subscription"]
    done = invoke(capsys, "--no-bundled", "--catalog", "contracts.toml", "agenda", "--kind", "renewal", "--json")  # fmt: skip
    rows = {row["agreement"]: row for row in json.loads(done.stdout)}
    assert rows["crm-subscription"]["next_deadline"]["date"] == "2026-10-01"
    assert rows["office-lease"]["next_deadline"]["date"] == "2027-01-01"


def test_a_filter_no_agreement_matches_is_exit_2_naming_the_values_there_are(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A misspelled tag would print an empty agenda: it is refused, with the tags that exist.
    base = ("--no-bundled", "--catalog", "contracts.toml")
    said = f"{PREFIX}--tag: no agreement has the tag 'berln' (tags: berlin, lease, saas)"
    commands = (("agenda",), ("agenda", "--within", "P30D"), ("deadlines",), ("ical",),
                ("report", "--json"), ("report", "-o", "site"))  # fmt: skip
    for command in commands:
        assert_refused(invoke(capsys, *base, *command, "--tag", "berln"), said)
    assert_refused(
        invoke(capsys, *base, "agenda", "--owner", "legal"),
        f"{PREFIX}--owner: no agreement is looked after by 'legal' (owners: Facilities, Sales ops)",
    )
    party = invoke(capsys, *base, "deadlines", "--party", "LANDLADY")
    assert party.returncode == 2 and "no agreement has 'LANDLADY' among its parties" in party.stderr


def test_a_filter_that_matches_but_has_nothing_due_is_an_empty_agenda(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ("--no-bundled", "--catalog", "contracts.toml", "agenda", "--within", "P2D")
    done = invoke(capsys, *base, "--tag", "berlin", "--json")
    assert (done.returncode, json.loads(done.stdout)) == (0, [])


def test_agenda_on_a_day_is_the_agenda_as_it_stood_then(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ("--no-bundled", "--catalog", "contracts.toml", "agenda", "--json")
    rows = {
        r["agreement"]: r for r in json.loads(invoke(capsys, *base, "--on", "2026-09-01").stdout)
    }
    # On 1 September the CRM's last notice day of 31 August has passed: nothing is left to act
    # on before its renewal of 1 October (its next change); the next is a year on.
    crm = rows["crm-subscription"]
    assert (crm["next_deadline"]["date"], crm["next_change"]["date"]) == (
        "2027-08-31",
        "2026-10-01",
    )
    assert (rows["office-lease"]["next_deadline"]["date"], rows["office-lease"]["days_left"]) == (
        "2026-09-30", 29,
    )  # fmt: skip
    within = invoke(capsys, *base, "--on", "2026-09-01", "--within", "P29D")
    assert [r["agreement"] for r in json.loads(within.stdout)] == ["office-lease"]


def test_agenda_as_of_a_day_knows_only_the_events_until_then(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register.write_text(
        REGISTER + '[[agreement.event]]\ndate = 2026-08-03\nkind = "notice"\nparty = "US"\n'
    )
    base = ("--no-bundled", "--catalog", "contracts.toml", "agenda", "--json")
    now = {r["agreement"]: r for r in json.loads(invoke(capsys, *base).stdout)}
    assert now["cleaning"]["state"] == "notice-pending"  # out on 3 September
    assert now["cleaning"]["next_deadline"]["date"] == "2026-09-03"
    before = invoke(capsys, *base, "--as-of", "2026-08-01")  # the notice not yet given
    then = {r["agreement"]: r for r in json.loads(before.stdout)}
    assert (then["cleaning"]["state"], then["cleaning"]["next_deadline"]) == ("in-force", None)


class _Screen(io.StringIO):
    """Standard output on a terminal."""

    def isatty(self) -> bool:
        return True


def _on_screen(monkeypatch: pytest.MonkeyPatch, *args: str) -> list[str]:
    screen = _Screen()
    monkeypatch.setattr(streams, "stdout", lambda: screen)
    assert main(["--no-bundled", "--catalog", "contracts.toml", "agenda", *args]) == 0
    return screen.getvalue().splitlines()


def test_the_agenda_on_a_terminal_has_a_header_row_and_its_soon_days_in_colour(
    register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    header, crm, lease, cleaning = _on_screen(monkeypatch)
    assert header.split() == [
        "NEXT", "DEADLINE", "DAYS", "LEFT", "AGREEMENT", "STATE", "KIND", "NEXT", "CHANGE",
        "(OWNER)",
    ]  # fmt: skip
    assert crm.startswith("\x1b[31mMonday 31 August 2026") and "in 3 days" in crm  # a week
    assert "\x1b[0m crm-subscription" in crm
    assert lease.startswith("Wednesday 30 September 2026")  # 33 days: far, no colour
    assert "\x1b" not in lease + cleaning
    monkeypatch.setenv("NO_COLOR", "1")  # no-color.org: never coloured
    assert all("\x1b" not in line for line in _on_screen(monkeypatch))
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert all("\x1b" not in line for line in _on_screen(monkeypatch))


def test_the_agenda_in_a_pipe_has_no_header_and_no_colour(
    register: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    done = invoke(capsys, "--no-bundled", "--catalog", "contracts.toml", "agenda")
    assert done.stdout.startswith("Monday 31 August 2026") and "\x1b" not in done.stdout


def test_agenda_csv_has_a_header_and_a_row_per_agreement(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    done = invoke(capsys, "--no-bundled", "--catalog", "contracts.toml", "agenda", "--csv")
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [r["agreement"] for r in rows] == ["crm-subscription", "office-lease", "cleaning"]
    assert rows[1]["date"] == "2026-09-30" and rows[1]["days_left"] == "33"
    assert rows[1]["tags"] == "lease;berlin"
    assert rows[2]["date"] == "" and rows[2]["days_left"] == ""


def test_an_unknown_kind_or_a_bad_within_is_refused(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert_refused(
        invoke(capsys, "agenda", "--kind", "reminder"),
        PREFIX + "--kind: 'reminder' is not one of renewal, last-notice-day, effect, expiry, "
        "window-opens",
    )
    done = invoke(capsys, "agenda", "--within", "30 days")
    assert done.returncode == 2 and done.stderr.startswith(PREFIX + "--within: '30 days'")


def test_a_party_that_has_left_has_no_deadline_ahead() -> None:
    catalog = load_catalog()
    (whaling,) = agenda([catalog["whaling-convention"]], Selection(party="JP"))
    assert (whaling.state, whaling.next_deadline) == ("ended", None)


# -- history and the deadlines as they stood ---------------------------------------------------


def test_the_gsomia_history_says_what_each_event_did() -> None:
    entries = load_catalog()["gsomia"].history()
    assert [(e.date.isoformat(), e.kind, e.party) for e in entries] == [
        ("2019-08-23", "notice", "KR"),
        ("2019-11-22", "suspend", "KR"),
        ("2023-03-21", "revoke", "KR"),
    ]
    assert entries[0].summary == "KR gives notice: it takes effect on 23 November 2019"
    assert "would have taken effect on 23 November 2019" in entries[1].summary
    assert entries[2].summary == "KR revokes its notice: KR stays bound"


def test_history_json_is_a_list_in_date_order_and_ids_ignore_case(
    capsys: pytest.CaptureFixture[str],
) -> None:
    done = invoke(capsys, "history", "GSOMIA", "--json")
    entries = json.loads(done.stdout)
    assert [e["date"] for e in entries] == sorted(e["date"] for e in entries)
    assert {"date", "kind", "party", "summary"} <= set(entries[0])


def test_a_join_and_an_operation_suspended_are_told_in_the_history() -> None:
    catalog = load_catalog()
    told = {e.kind: e.summary for e in catalog["new-start"].history()}
    assert told["suspend-operation"].startswith("RU suspends its operation from 28 February 2023")
    joins = [e.summary for e in catalog["rome-statute"].history() if e.kind == "join"]
    assert joins and all(" joins: bound from " in s for s in joins)


def test_gsomia_deadlines_as_they_stood_on_1_august_and_1_september_2019(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def listed(as_of: str) -> list[tuple[str, str]]:
        done = invoke(capsys, "deadlines", "gsomia", "--as-of", as_of, "--from", "2019-08-01", "--until", "2019-12-31", "--json")  # fmt: skip
        return [(d["date"], d["kind"]) for d in json.loads(done.stdout)]

    assert listed("2019-08-01") == [("2019-08-24", "last-notice-day"), ("2019-11-23", "renewal")]
    assert ("2019-11-23", "effect") in listed("2019-09-01")
    assert ("2019-11-23", "renewal") not in listed("2019-09-01")


def test_deadlines_csv_counts_days_left_from_today(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    done = invoke(capsys, "--no-bundled", "--catalog", "contracts.toml", "deadlines", "crm-subscription", "--until", "+P60D", "--csv")  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [(r["date"], r["kind"], r["days_left"]) for r in rows] == [
        ("2026-08-31", "last-notice-day", "3"), ("2026-10-01", "renewal", "34"),
    ]  # fmt: skip


# A register a stranger filled in: every cell a spreadsheet would run as a formula.
FORMULAS = """\
[[agreement]]
id = "sheet"
name = "=cmd|' /C calc'!A0"
parties = ["=ZZ()", "-2+3"]
in_force = 2025-10-01
term = "P1Y"
renewal = "P1Y"
owner = "+SUM(1+1)"
reference = "@HYPERLINK(\\"http://evil.example/\\",\\"Click\\")"
tags = ["\\tlease", "ok"]
[[agreement.exit]]
effect = "end-of-term"
notice = "P30D"
"""


def _formula_free(rows: list[dict[str, str]]) -> None:
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), (column, cell)
            assert not cell.startswith("-") or cell.lstrip("-").isdigit(), (column, cell)


@pytest.mark.parametrize(
    "args",
    [
        ("agenda", "--csv"),
        ("agenda", "--within", "P1Y", "--csv"),
        ("deadlines", "--from", "2025-01-01", "--until", "+P1Y", "--csv"),
    ],
    ids=["agenda", "indexed agenda", "deadlines"],
)
def test_no_csv_cell_is_a_formula_a_spreadsheet_would_run(
    args: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", ON_28_AUGUST_2026)
    Path("sheet.toml").write_text(FORMULAS)
    done = invoke(capsys, "--no-bundled", "--catalog", "sheet.toml", *args)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert rows
    _formula_free(rows)
    first = rows[0]
    if "name" in first:
        assert first["name"] == "'=cmd|' /C calc'!A0" and first["owner"] == "'+SUM(1+1)"
        assert first["reference"] == '\'@HYPERLINK("http://evil.example/","Click")'
        assert first["tags"] == "'\tlease;ok"
    assert first["summary"].startswith("'=cmd|' /C calc'!A0: ")
    past = [r for r in rows if r.get("days_left", "").startswith("-")]
    assert all(int(r["days_left"]) < 0 for r in past)  # a past deadline's days stay a number


# -- days relative to today, scripts, version -------------------------------------------------


@pytest.mark.parametrize(
    ("when", "day"),
    [("today", "2026-08-28"), ("tomorrow", "2026-08-29"), ("yesterday", "2026-08-27"),
     ("+P90D", "2026-11-26"), ("-P1Y", "2025-08-28"), ("+p1m", "2026-09-28")],
)  # fmt: skip
def test_a_day_can_be_named_from_today(
    when: str, day: str, register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    done = invoke(capsys, "status", "gsomia", f"--on={when}", "--json")
    assert json.loads(done.stdout)["on"] == day


def test_a_signed_duration_with_hours_is_no_day(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert_refused(
        invoke(capsys, "status", "gsomia", "--on=+PT5H"),
        PREFIX + "gsomia: on: '+PT5H' counts hours, minutes or seconds: a day is whole days",
    )


def test_exit_status_three_means_no_only_when_asked_for() -> None:
    no = ("can-withdraw", "gsomia", "--party", "KR", "--on", "2019-09-01")
    assert run(*no).returncode == 0
    assert run(*no, "--exit-status").returncode == 3
    yes = ("can-withdraw", "gsomia", "--party", "KR", "--on", "2026-01-01", "--exit-status")
    assert run(*yes).returncode == 0


def test_version_is_the_package_version() -> None:
    from gsomia_clock import __version__

    done = run("--version")
    assert (done.returncode, done.stdout.strip()) == (0, f"gsomia-clock {__version__}")


def test_every_command_has_help_with_an_example() -> None:
    from gsomia_clock.cli.parser import parser as _parser

    parser = _parser(whole=True)
    (commands,) = [a for a in parser._actions if a.dest == "command"]
    assert set(commands.choices) >= {"agenda", "history", "deadlines", "status", "can-withdraw"}
    for name, sub in commands._name_parser_map.items():
        text = sub.format_help()
        example = text.split("example:\n  ", 1)[1]
        assert "gsomia-clock " in example and f" {name} " in example, name


def test_check_json_says_of_each_file_whether_it_is_a_catalog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("good.toml").write_text(REGISTER)
    Path("bad.toml").write_text(REGISTER.replace('"P3M"', '"P3X"'))
    done = invoke(capsys, "check", "good.toml", "bad.toml", "--json")
    assert done.returncode == 2 and done.stderr == ""
    good, bad = json.loads(done.stdout)
    assert good == {"file": "good.toml", "ok": True, "agreements": 3, "error": None, "errors": []}
    assert (bad["ok"], bad["agreements"]) == (False, None)
    assert bad["error"].startswith("bad.toml: agreement[1].exit[1].notice")
    assert bad["errors"] == [bad["error"]]


# Three slips in three agreements: a notice period, a tag, and an id given twice.
THREE_SLIPS = (
    REGISTER.replace('"P3M"', '"P3X"')
    .replace('tags = ["saas"]', "tags = [1]")
    .replace('id = "cleaning"', 'id = "office-lease"')
)


def test_check_reports_every_agreement_at_fault_in_one_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("reg.toml").write_text(THREE_SLIPS)
    done = invoke(capsys, "check", "reg.toml")
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.splitlines()
    assert [line.split(": ")[3].split(" ")[0] for line in lines] == [
        "agreement[1].exit[1].notice", "agreement[2].tags", "agreement[3].id",
    ]  # fmt: skip
    assert lines[2] == (
        f"{PREFIX}reg.toml: agreement[3].id (agreement 'office-lease'): "
        "'office-lease' is already the id of agreement[1]"
    )
    assert all(line.startswith(f"{PREFIX}reg.toml: ") for line in lines)


def test_check_json_lists_every_error_of_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("reg.toml").write_text(THREE_SLIPS)
    done = invoke(capsys, "check", "reg.toml", "--json")
    (found,) = json.loads(done.stdout)
    assert done.returncode == 2 and done.stderr == ""
    assert len(found["errors"]) == 3 and found["error"] == "\n".join(found["errors"])


def test_a_register_broken_throughout_shows_fifty_lines_and_gives_programs_every_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tables = [f'[[agreement]]\nid = "a{n}"\nname = "A"\nparties = ["X", "Y"]\nin_force = 1'
              for n in range(60)]  # fmt: skip
    Path("reg.toml").write_text("\n".join(tables))
    lines = invoke(capsys, "check", "reg.toml").stderr.splitlines()
    assert len(lines) == 50
    assert lines[-1] == f"{PREFIX}reg.toml: 11 more errors"
    (found,) = json.loads(invoke(capsys, "check", "reg.toml", "--json").stdout)
    assert len(found["errors"]) == 60


def test_a_file_with_errors_in_several_agreements_raises_them_together_in_its_order() -> None:
    from gsomia_clock.errors import CatalogErrors

    with pytest.raises(CatalogErrors) as raised:
        read_catalog(THREE_SLIPS.encode(), name="reg.toml")
    paths = [error.path for error in raised.value.errors]
    assert paths == ["agreement[1].exit[1].notice", "agreement[2].tags", "agreement[3].id"]
    assert isinstance(raised.value, CatalogError)  # what a caller catching one error catches


def test_a_file_with_one_error_raises_it_alone_as_before() -> None:
    from gsomia_clock.errors import CatalogErrors

    with pytest.raises(CatalogError) as raised:
        read_catalog(REGISTER.replace('"P3M"', '"P3X"').encode(), name="reg.toml")
    assert not isinstance(raised.value, CatalogErrors)
    assert raised.value.path == "agreement[1].exit[1].notice"


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("gsomia-clock sta", "status"),
        ("gsomia-clock --no-b", "--no-bundled"),
        ("gsomia-clock agenda --wi", "--within"),
        ("gsomia-clock agenda --kind last", "last-notice-day"),
        ("gsomia-clock status gsomia --on-resume r", "remaining restart"),
        ("gsomia-clock history gsom", "gsomia"),
    ],
)
def test_bash_completes_commands_options_values_and_ids(words: str, offered: str) -> None:
    import shutil
    import subprocess

    from .helpers import COMMAND

    bash = shutil.which("bash")
    if bash is None:  # pragma: no cover - every CI image has bash
        pytest.skip("no bash here")
    script = run("completion", "bash").stdout
    command = " ".join(COMMAND)
    probe = (
        f'{script}\ngsomia-clock() {{ {command} "$@"; }}\n'
        f"COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); _gsomia_clock; "
        'echo "${COMPREPLY[*]}"'
    )
    done = subprocess.run([bash, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == offered


def test_the_zsh_script_is_the_bash_one_read_through_bashcompinit() -> None:
    bash, zsh = run("completion", "bash").stdout, run("completion", "zsh").stdout
    assert "bashcompinit" in zsh and zsh.splitlines()[2:] == bash.splitlines()[1:]


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("gsomia-clock sta", "status"),
        ("gsomia-clock agenda --wi", "--within"),
        ("gsomia-clock agenda --kind last", "last-notice-day"),
        ("gsomia-clock status gsomia --on-resume r", "remaining restart"),
        ("gsomia-clock history gsom", "gsomia"),
    ],
)
def test_zsh_completes_as_bash_does_once_its_completion_system_is_loaded(
    tmp_path: Path, words: str, offered: str
) -> None:
    """What zsh's `_bash_complete` does on Tab (bashcompinit), but for the final `compadd`: zsh
    runs the function through its own `compgen`, which offers every word and leaves keeping
    those that start with what was typed to zsh itself, done here."""
    import shutil
    import subprocess

    from .helpers import COMMAND

    zsh = shutil.which("zsh")
    if zsh is None:  # pragma: no cover - CI installs zsh (.ci/run)
        pytest.skip("no zsh here")
    script = tmp_path / "_gsomia-clock.zsh"
    script.write_text(run("completion", "zsh").stdout)
    command = " ".join(COMMAND)
    probe = (
        f"autoload -U compinit && compinit -u -D\nsource {script}\n"
        f'gsomia-clock() {{ {command} "$@"; }}\n'
        'print -r -- "registered: $_comps[gsomia-clock]"\n'
        f"words=({words}); CURRENT=${{#words}}\n"
        'COMP_WORDS=("${words[@]}"); COMP_CWORD=$((CURRENT - 1))\n'
        'compgen -F _gsomia_clock -- "${words[CURRENT]}"'
    )
    done = subprocess.run(
        [zsh, "-f", "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    registered, *candidates = done.stdout.splitlines()
    assert done.stderr == ""
    assert registered == "registered: _bash_complete -F _gsomia_clock"
    typed = words.rsplit(maxsplit=1)[-1]
    assert " ".join(c for c in candidates if c.startswith(typed)) == offered


EVERY_KIND = """
[[agreement]]
id = "pact"
name = "Pact"
parties = ["AA", "BB", "CC"]
in_force = 2000-01-01
term = "P1Y"
renewal = "P1Y"
[[agreement.exit]]
effect = "end-of-term"
notice = "P3M"
[[agreement.event]]
date = 2000-02-01
kind = "join"
party = "CC"
effective = 2000-03-01
[[agreement.event]]
date = 2001-03-01
kind = "notice"
party = "AA"
note = "by letter"
[[agreement.event]]
date = 2001-05-01
kind = "suspend"
party = "AA"
[[agreement.event]]
date = 2001-06-01
kind = "resume"
party = "AA"
[[agreement.event]]
date = 2001-07-01
kind = "defer"
party = "AA"
until = 2002-06-30
[[agreement.event]]
date = 2001-08-01
kind = "extend"
until = 2003-12-31
[[agreement.event]]
date = 2001-09-01
kind = "suspend-operation"
party = "BB"
[[agreement.event]]
date = 2001-10-01
kind = "resume-operation"
party = "BB"
[[agreement.event]]
date = 2002-01-15
kind = "revoke"
party = "AA"
[[agreement.event]]
date = 2005-01-01
kind = "terminate"
"""


def test_each_kind_of_event_says_what_it_did_as_the_record_stood() -> None:
    (pact,) = read_catalog(EVERY_KIND.encode(), name="pact.toml")
    told = [(e.date.isoformat(), e.kind, e.party, e.summary, e.note) for e in pact.history()]
    assert told == [
        ("2000-02-01", "join", "CC", "CC joins: bound from 1 March 2000", None),
        ("2001-03-01", "notice", "AA", "AA gives notice: it takes effect on 1 January 2002", "by letter"),
        ("2001-05-01", "suspend", "AA", "AA suspends its notice, which would have taken effect on 1 January 2002", None),
        ("2001-06-01", "resume", "AA", "AA lifts the suspension of its notice: it takes effect on 1 January 2002", None),
        ("2001-07-01", "defer", "AA", "AA's notice is deferred: it takes effect on 1 July 2002", None),
        ("2001-08-01", "extend", None, "the current term is extended: it now ends after 31 December 2003", None),
        ("2001-09-01", "suspend-operation", "BB", "BB suspends its operation from 1 September 2001: it stays bound, and stops performing", None),
        ("2001-10-01", "resume-operation", "BB", "BB performs the agreement again from 1 October 2001", None),
        ("2002-01-15", "revoke", "AA", "AA revokes its notice: AA stays bound", None),
        ("2005-01-01", "terminate", None, "the parties terminate the agreement: it ends for all on 1 January 2005", None),
    ]  # fmt: skip
    assert pact.history()[1].to_dict() == {
        "date": "2001-03-01", "kind": "notice", "party": "AA",
        "summary": "AA gives notice: it takes effect on 1 January 2002", "note": "by letter",
    }  # fmt: skip


# -- what the agenda shows to act on (contract v3) -----------------------------------------------


def test_the_bundled_agenda_of_8_december_2026_shows_only_what_a_party_can_act_on() -> None:
    items = load_catalog().agenda(on=date(2026, 12, 8))
    due = {
        i.agreement: (i.next_deadline.kind, str(i.next_deadline.date))
        for i in items
        if i.next_deadline
    }
    assert due == {
        "istanbul-convention": ("last-notice-day", "2026-12-31"),
        "unesco": ("last-notice-day", "2026-12-31"),
        "whaling-convention": ("last-notice-day", "2027-01-01"),
        "gsomia": ("last-notice-day", "2027-08-24"),  # the 23 November 2027 renewal's
        "council-of-europe": ("last-notice-day", "2027-09-30"),
        "apostille": ("last-notice-day", "2029-07-23"),
    }
    changes = {
        i.agreement: (i.next_change.kind, str(i.next_change.date)) for i in items if i.next_change
    }
    assert changes == {
        "unesco": ("effect", "2027-01-01"),  # the United States' withdrawal
        "gsomia": ("renewal", "2027-11-23"),
        "apostille": ("renewal", "2030-01-24"),
    }


def test_the_agenda_of_the_docs_register_shows_the_effect_of_a_notice_given_and_last_notice_days() -> (
    None
):
    register = load_catalog(Path(__file__).parents[1] / "docs" / "contracts.toml", bundled=False)
    items = {i.agreement: i for i in register.agenda(on=date(2026, 11, 22))}
    kinds = {
        ident: (i.next_deadline.kind, str(i.next_deadline.date))
        for ident, i in items.items()
        if i.next_deadline
    }
    assert kinds == {
        "cleaning": ("effect", "2026-12-02"),  # its notice of 2 November, a month on
        "office-lease": ("last-notice-day", "2027-09-30"),  # its 1 January renewal's has passed
        "crm-subscription": ("last-notice-day", "2027-10-31"),
    }
    assert str(items["office-lease"].next_change.date) == "2027-01-01"
    assert str(items["crm-subscription"].next_change.date) == "2026-12-01"
