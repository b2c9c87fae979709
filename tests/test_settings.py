"""The settings file (contract v3, "Settings"): set once, for every command; the command line
wins over the environment, which wins over the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from gsomia_clock.cli.settings import Settings, read_settings, settings_path

from .helpers import PREFIX, REGISTER, assert_refused, invoke, vevents

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home of its own, with its settings folder, the run standing in another folder."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    (tmp_path / ".config" / "gsomia-clock").mkdir(parents=True)
    (tmp_path / "contracts").mkdir()
    (tmp_path / "contracts" / "register.toml").write_text(REGISTER)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    return tmp_path


def _settings(home: Path, text: str) -> Path:
    path = home / ".config" / "gsomia-clock" / "config.toml"
    path.write_text(text)
    return path


def _ids(done_stdout: str) -> list[str]:
    return [line.split()[0] for line in done_stdout.splitlines()]


def test_with_no_settings_file_every_command_reads_as_before(home: Path, capsys: Capture) -> None:
    done = invoke(capsys, "list")
    assert done.returncode == 0 and "gsomia" in _ids(done.stdout)
    assert read_settings({"XDG_CONFIG_HOME": str(home / ".config")}) == Settings()


def test_the_settings_catalogs_are_read_relative_to_the_settings_folder(
    home: Path, capsys: Capture
) -> None:
    _settings(home, 'catalogs = ["../../contracts/register.toml"]\nbundled = false\n')
    done = invoke(capsys, "list")
    assert done.returncode == 0, done.stderr
    assert sorted(_ids(done.stdout)) == ["cleaning", "crm-subscription", "office-lease"]


def test_a_tilde_in_a_settings_path_is_the_home_folder(home: Path, capsys: Capture) -> None:
    _settings(home, 'catalogs = ["~/contracts/register.toml"]\nbundled = false\n')
    assert sorted(_ids(invoke(capsys, "list").stdout)) == [
        "cleaning", "crm-subscription", "office-lease",
    ]  # fmt: skip


def test_bundled_false_leaves_the_treaties_out_and_bundled_brings_them_back_once(
    home: Path, capsys: Capture
) -> None:
    _settings(home, 'catalogs = ["~/contracts/register.toml"]\nbundled = false\n')
    assert "gsomia" not in _ids(invoke(capsys, "list").stdout)
    assert "gsomia" in _ids(invoke(capsys, "list", "--bundled").stdout)
    assert "gsomia" in _ids(invoke(capsys, "--bundled", "list").stdout)
    assert "gsomia" not in _ids(invoke(capsys, "list").stdout)


def test_the_environment_wins_over_the_settings_file(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    _settings(home, 'catalogs = ["~/contracts/register.toml"]\nbundled = false\n')
    monkeypatch.setenv("GSOMIA_CLOCK_NO_BUNDLED", "0")
    assert "gsomia" in _ids(invoke(capsys, "list").stdout)
    other = home / "other.toml"
    other.write_text(REGISTER.replace('id = "cleaning"', 'id = "window-cleaning"'))
    monkeypatch.setenv("GSOMIA_CLOCK_CATALOG", str(other))
    monkeypatch.setenv("GSOMIA_CLOCK_NO_BUNDLED", "1")
    assert "window-cleaning" in _ids(invoke(capsys, "list").stdout)
    assert "gsomia" not in _ids(invoke(capsys, "list").stdout)


def test_the_command_line_wins_over_the_environment(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.setenv("GSOMIA_CLOCK_NO_BUNDLED", "1")
    assert "gsomia" in _ids(invoke(capsys, "list", "--bundled").stdout)
    monkeypatch.setenv("GSOMIA_CLOCK_CATALOG", str(home / "nowhere.toml"))
    done = invoke(capsys, "--catalog", str(home / "contracts" / "register.toml"), "list")
    assert done.returncode == 0 and "office-lease" in _ids(done.stdout)


def test_no_bundled_set_to_anything_but_1_or_0_is_refused_naming_the_variable(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.setenv("GSOMIA_CLOCK_NO_BUNDLED", "yes")
    assert_refused(
        invoke(capsys, "list"),
        f"{PREFIX}GSOMIA_CLOCK_NO_BUNDLED: 'yes' is not 1 (leave the bundled catalog out) or 0",
    )


def test_bundled_and_no_bundled_together_are_refused(home: Path, capsys: Capture) -> None:
    assert_refused(
        invoke(capsys, "--bundled", "list", "--no-bundled"),
        f"{PREFIX}--bundled and --no-bundled: give one or the other",
    )


def test_the_settings_calendar_and_reminders_are_the_defaults_of_ical(
    home: Path, capsys: Capture
) -> None:
    _settings(home, 'calendar = "Contract deadlines"\nremind = ["P30D", "P7D"]\n')
    out = home / "d.ics"
    arguments = ("ical", "gsomia", "--from", "2026-01-01", "--until", "2026-12-31", "-o", str(out))
    assert invoke(capsys, *arguments).returncode == 0
    text = out.read_text()
    assert "X-WR-CALNAME:Contract deadlines" in text
    triggers = {line for line in text.splitlines() if line.startswith("TRIGGER")}
    assert triggers == {"TRIGGER:-P30D", "TRIGGER:-P7D"}
    assert invoke(capsys, *arguments, "--calendar", "Mine", "--remind", "P1D").returncode == 0
    text = out.read_text()
    assert "X-WR-CALNAME:Mine" in text
    assert {line for line in text.splitlines() if line.startswith("TRIGGER")} == {"TRIGGER:-P1D"}
    assert len(vevents(out.read_bytes())) > 0


def test_the_register_is_the_first_catalog_unless_named(home: Path) -> None:
    first = home / "contracts" / "register.toml"
    environ = {"XDG_CONFIG_HOME": str(home / ".config")}
    _settings(home, 'catalogs = ["~/contracts/register.toml", "~/b.toml"]\n')
    assert read_settings(environ).register_file == str(first)
    _settings(home, 'catalogs = ["~/a.toml"]\nregister = "new.toml"\n')
    named = read_settings(environ).register_file
    assert named == str(home / ".config" / "gsomia-clock" / "new.toml")
    _settings(home, "")
    assert read_settings(environ).register_file is None


def test_a_settings_file_named_by_the_environment_is_read_and_must_exist(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    named = home / "team.toml"
    named.write_text('catalogs = ["contracts/register.toml"]\nbundled = false\n')
    monkeypatch.setenv("GSOMIA_CLOCK_CONFIG", str(named))
    assert settings_path({"GSOMIA_CLOCK_CONFIG": str(named)}) == (str(named), True)
    assert "office-lease" in _ids(invoke(capsys, "list").stdout)
    named.unlink()
    assert_refused(
        invoke(capsys, "list"),
        f"{PREFIX}GSOMIA_CLOCK_CONFIG: {named}: no such file (unset the variable to use none)",
    )


def test_a_relative_xdg_config_home_is_ignored_as_the_spec_asks(home: Path) -> None:
    path, named = settings_path({"XDG_CONFIG_HOME": "relative/config"})
    assert path == str(home / ".config" / "gsomia-clock" / "config.toml") and not named


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("catalog = []", "catalog: unknown key; did you mean 'catalogs'?"),
        ("colour = 1", "colour: unknown key (known: catalogs, bundled, register, calendar, "
                       "remind, notify)"),
        ('bundled = "no"', "bundled: 'no' is not true or false"),
        ('catalogs = "a.toml"', "catalogs: 'a.toml' is not an array of strings"),
        ('catalogs = ["a.toml", 2]', "catalogs[2]: 2 is not a non-empty string"),
        ('register = ""', "register: '' is not a non-empty string"),
        ("calendar = 5", "calendar: 5 is not a non-empty string"),
        ('remind = ["P1M"]', "remind[1]: 'P1M' has months or years; RFC 5545 alarms take weeks, "
                             "days, hours or minutes (P30D, P2W, PT12H)"),
        ('notify = [""]', "notify[1]: '' is not a non-empty string"),
    ],
)  # fmt: skip
def test_a_bad_setting_is_refused_naming_the_file_and_the_key(
    home: Path, capsys: Capture, text: str, message: str
) -> None:
    path = _settings(home, text + "\n")
    assert_refused(invoke(capsys, "status", "gsomia"), f"{PREFIX}{path}: {message}")


def test_a_settings_file_that_is_not_toml_is_refused_naming_it(home: Path, capsys: Capture) -> None:
    path = _settings(home, "bundled = \n")
    done = invoke(capsys, "status", "gsomia")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(f"{PREFIX}{path}: is not TOML: ")
    path.unlink()
    path.mkdir()
    done = invoke(capsys, "status", "gsomia")
    assert done.returncode == 2 and done.stderr.startswith(f"{PREFIX}{path}: cannot be read (")


def test_check_and_completion_read_no_settings(home: Path, capsys: Capture) -> None:
    _settings(home, "colour = 1\n")
    (home / "elsewhere" / "r.toml").write_text(REGISTER)
    assert invoke(capsys, "check", "r.toml").returncode == 0
    assert invoke(capsys, "completion", "bash").returncode == 0
