"""The settings file: what a person sets once rather than on every command (contract v3).

`$XDG_CONFIG_HOME/gsomia-clock/config.toml` (by default `~/.config/gsomia-clock/config.toml`;
`%APPDATA%` on Windows), or the file `GSOMIA_CLOCK_CONFIG` names. It may hold:

    catalogs = ["~/contracts/register.toml"]  # read as --catalog files when none is given
    bundled = false                           # as --no-bundled on every command
    register = "~/contracts/register.toml"    # where new agreements go (default: catalogs' first)
    calendar = "Contract deadlines"           # the default --calendar of ical and push
    remind = ["P30D", "P7D"]                  # the --remind values when none is given
    notify = ["mailto:legal@example.com"]     # the addresses `remind` notifies

Paths are `~`-expanded and read relative to the settings file's folder. The command line wins
over the environment, which wins over the file. A settings file that cannot be read, or holds
an unknown key or a bad value, is bad input naming the file and the key; a missing one at the
default place is no settings at all, but a missing one that `GSOMIA_CLOCK_CONFIG` names is an
error (the person meant a file).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, final

from ..errors import ClockError
from ..values import Value

__all__ = ["Settings", "SettingsError", "read_settings", "settings_path"]

KEYS = ("catalogs", "bundled", "register", "calendar", "remind", "notify")


class SettingsError(ClockError):
    """A settings file that cannot be read, or a key of it that is unknown or holds a bad value."""


@final
class Settings(Value):
    """What the settings file says; None or nothing for what it leaves out."""

    __slots__ = ("bundled", "calendar", "catalogs", "file", "notify", "register", "remind")
    file: str | None  # the file read, None when there was none
    catalogs: tuple[str, ...]
    bundled: bool | None
    register: str | None
    calendar: str | None
    remind: tuple[str, ...]
    notify: tuple[str, ...]

    def __init__(
        self,
        file: str | None = None,
        catalogs: tuple[str, ...] = (),
        bundled: bool | None = None,
        register: str | None = None,
        calendar: str | None = None,
        remind: tuple[str, ...] = (),
        notify: tuple[str, ...] = (),
    ) -> None:
        self._fill(file, catalogs, bundled, register, calendar, remind, notify)

    @property
    def register_file(self) -> str | None:
        """The file new agreements are written to: `register`, or else the first of `catalogs`."""
        return self.register or (self.catalogs[0] if self.catalogs else None)


def settings_path(environ: Mapping[str, str]) -> tuple[str | None, bool]:
    """The settings file's path (None: no home folder to look in), and whether the person
    named it (`GSOMIA_CLOCK_CONFIG`)."""
    named = environ.get("GSOMIA_CLOCK_CONFIG", "")
    if named:
        return os.path.expanduser(named), True
    from .folders import user_folder

    folder = user_folder("XDG_CONFIG_HOME", ".config", "APPDATA")
    return None if folder is None else os.path.join(folder, "config.toml"), False


def read_settings(environ: Mapping[str, str]) -> Settings:
    """The settings of the file `environ` points to (see the module's docstring)."""
    path, named = settings_path(environ)
    if path is None:
        return Settings()
    try:
        with open(path, "rb") as opened:
            data = opened.read()
    except FileNotFoundError:
        if named:
            raise SettingsError(
                f"GSOMIA_CLOCK_CONFIG: {path}: no such file (unset the variable to use none)"
            ) from None
        return Settings()
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) else None
        raise SettingsError(f"{path}: cannot be read ({reason or error})") from None
    import tomli

    try:
        table = tomli.loads(data.removeprefix(b"\xef\xbb\xbf").decode("utf-8"))
    except UnicodeDecodeError as error:
        raise SettingsError(f"{path}: is not UTF-8 text (byte {error.start})") from None
    except tomli.TOMLDecodeError as error:
        raise SettingsError(f"{path}: is not TOML: {error}") from None
    return _settings(table, path)


def _settings(table: dict[str, Any], path: str) -> Settings:
    for key in table:
        if key not in KEYS:
            import difflib

            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(KEYS)})"
            raise SettingsError(f"{path}: {key}: unknown key{hint}")
    folder = os.path.dirname(os.path.abspath(path))

    def fail(key: str, problem: str) -> SettingsError:
        return SettingsError(f"{path}: {key}: {problem}")

    def text(key: str, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise fail(key, f"{_shown(value)} is not a non-empty string")
        return value

    def texts(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list):
            raise fail(key, f"{_shown(value)} is not an array of strings")
        return tuple(text(f"{key}[{n}]", item) for n, item in enumerate(value, start=1))

    def place(name: str) -> str:
        return os.path.join(folder, os.path.expanduser(name))  # an absolute name stays itself

    bundled = table.get("bundled")
    if bundled is not None and not isinstance(bundled, bool):
        raise fail("bundled", f"{_shown(bundled)} is not true or false")
    register = table.get("register")
    calendar = table.get("calendar")
    remind = texts("remind")
    _check_reminders(remind, path)
    return Settings(
        path,
        tuple(place(name) for name in texts("catalogs")),
        bundled,
        None if register is None else place(text("register", register)),
        None if calendar is None else text("calendar", calendar),
        remind,
        texts("notify"),
    )


def _check_reminders(remind: tuple[str, ...], path: str) -> None:
    """Each `remind` value as `--remind` takes it."""
    from ..errors import QueryError
    from ..ics import parse_reminders

    for n, value in enumerate(remind, start=1):
        try:
            parse_reminders([value])
        except QueryError as error:
            raise SettingsError(f"{path}: remind[{n}]: {error.reason}") from None


def _shown(value: object) -> str:
    """A value as the file wrote it, near enough: `"yes"`, `1`, `[1, 2]`."""
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)
