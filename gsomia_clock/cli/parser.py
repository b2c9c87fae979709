"""The command line's options: one parser, each command's own made only once it is chosen.

Making every command's parser (each help text looked up by `gettext`) cost more than the whole of
`status` did, so `parser()` lists the commands and `_Commands` makes the one chosen; `whole`
makes them all, for reading the parser (the completion scripts) rather than parsing with it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, NamedTuple, NoReturn

from .. import __version__

__all__ = ["parser"]

_EPILOG = """\
examples:
  gsomia-clock status gsomia
  gsomia-clock status gsomia --on 2019-11-22 --explain
  gsomia-clock can-withdraw gsomia --party KR --on 2020-08-04
  gsomia-clock can-withdraw gsomia --party JP --on 2019-08-24 --json
  gsomia-clock can-withdraw --party US
  gsomia-clock deadlines gsomia apostille --from 2026-01-01 --until 2030-12-31
  gsomia-clock --catalog mine.toml list
  gsomia-clock --no-bundled --catalog contracts.toml agenda --within P30D
  gsomia-clock history gsomia
  gsomia-clock deadlines gsomia --as-of 2019-08-01 --from 2019-08-01 --until 2019-12-31
  gsomia-clock check mine.toml

WHEN (and every DATE) is YYYY-MM-DD (that day in the agreement's zone), an ISO 8601
date-time with an offset (2019-08-24T23:30:00+09:00), today, tomorrow, yesterday, or a
signed duration from today (+P90D; write --on=-P1Y, since a leading '-' reads as an option);
the default is now. $GSOMIA_CLOCK_CATALOG names catalog files (separated by ':') read when
no --catalog is given; GSOMIA_CLOCK_NO_BUNDLED=1 is --no-bundled. A settings file,
~/.config/gsomia-clock/config.toml (or $GSOMIA_CLOCK_CONFIG), may set catalogs, bundled,
register, calendar, remind and notify once for every command (see docs/cli.md, "Settings");
the command line wins over the environment, which wins over the file.
"""


class _Parser(argparse.ArgumentParser):
    """Usage errors exit with status 2 and one line on standard error, as every bad input does."""

    def print_help(self, file: object = None) -> None:
        """Help on standard output; one that cannot be written there is an error of the run
        (argparse would drop the failure and exit 0)."""
        from .streams import write_stdout

        write_stdout(self.format_help().rstrip("\n"))

    def error(self, message: str) -> NoReturn:
        from ..shown import printable
        from .streams import warn

        warn(printable(f"{self.prog}: error: {message} (see {self.prog} --help)"))
        raise SystemExit(2)


def _catalog_options(parser: argparse.ArgumentParser, where: str) -> None:
    """`--catalog` and `--no-bundled`, before the command (`where` "_before") or after it
    (""): two names each, so that neither replaces the other when both are given."""
    parser.add_argument(
        "--catalog",
        action="append",
        dest=f"catalogs{where}",
        default=argparse.SUPPRESS,
        metavar="FILE",
        help="add a catalog file (repeatable; default: the files named in $GSOMIA_CLOCK_CATALOG, "
        "separated by ':', else the settings' catalogs); its agreements replace bundled ones "
        "with the same id",
    )
    parser.add_argument(
        "--no-bundled",
        action="store_true",
        dest=f"no_bundled{where}",
        default=argparse.SUPPRESS,
        help="leave the bundled catalog of treaties out: only your own catalog files",
    )
    parser.add_argument(
        "--bundled",
        action="store_true",
        dest=f"bundled{where}",
        default=argparse.SUPPRESS,
        help="read the bundled catalog this once, though the settings or "
        "$GSOMIA_CLOCK_NO_BUNDLED leave it out",
    )


class _Commands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """The commands, each made into a parser only once it is chosen: making them all (each
    help text looked up by `gettext`) cost more than the whole of `status` did."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices: dict[str, _Command] = {}  # what argparse checks a command against

    def add_command(self, command: _Command) -> None:
        self.choices[command.name] = command
        self._choices_actions.append(self._ChoicesPseudoAction(command.name, (), command.help))

    def parser_for(self, name: str) -> argparse.ArgumentParser:
        made: argparse.ArgumentParser | None = self._name_parser_map.get(name)
        if made is None:
            command = self.choices[name]
            made = self.add_parser(
                name, description=command.help, epilog=f"example:\n  {command.example}",
                formatter_class=argparse.RawDescriptionHelpFormatter, parents=[_catalog_parent()],
            )  # fmt: skip
            command.arguments(made)
        return made

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        self.parser_for(values[0])
        super().__call__(parser, namespace, values, option_string)


class _Command(NamedTuple):
    name: str
    help: str
    example: str
    arguments: Callable[[argparse.ArgumentParser], None]


def _catalog_parent() -> argparse.ArgumentParser:
    catalog = _Parser(add_help=False)
    _catalog_options(catalog, "")
    return catalog


def parser(*, whole: bool = False) -> argparse.ArgumentParser:
    """The command line's parser; `whole` makes every command's parser at once (for reading
    the parser rather than parsing with it)."""
    parser = _Parser(
        prog="gsomia-clock",
        description="When an agreement renews, until when a party can still get out of it, and why.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _catalog_options(parser, "_before")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.register("action", "parsers", _Commands)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    assert isinstance(commands, _Commands)
    commands.required = True
    for command in _COMMANDS:
        commands.add_command(command)
        if whole:
            commands.parser_for(command.name)
    return parser


def _list_arguments(listing: argparse.ArgumentParser) -> None:
    listing.add_argument("--json", action="store_true", help="print JSON")


def _status_arguments(sub: argparse.ArgumentParser) -> None:
    _question_arguments(sub, party_required=False)


def _withdrawal_arguments(sub: argparse.ArgumentParser) -> None:
    _question_arguments(sub, party_required=True)
    sub.add_argument(
        "--csv", action="store_true", help="print CSV: one row per agreement (for spreadsheets)"
    )
    sub.add_argument(
        "--all",
        dest="every",
        action="store_true",
        help="with no ID or several: also the agreements that name P but do not bind it that "
        "day (left, or not yet joined), each saying why",
    )


def _question_arguments(sub: argparse.ArgumentParser, *, party_required: bool) -> None:
    if party_required:  # can-withdraw: of one agreement, of several, or of every one binding P
        sub.add_argument(
            "ids",
            nargs="*",
            metavar="ID",
            help="agreements (default: every agreement that binds P that day)",
        )
    else:
        sub.add_argument("id", metavar="ID", help="the agreement's id (see `list`)")
    sub.add_argument("--party", required=party_required, metavar="P", help="one of its parties")
    sub.add_argument("--on", metavar="WHEN", help="the day asked about (default: now)")
    sub.add_argument(
        "--on-resume",
        choices=("immediate", "remaining", "restart"),
        metavar="POLICY",
        help="read suspended notices as immediate, remaining or restart (default: the catalog's)",
    )
    sub.add_argument("--json", action="store_true", help="print the contract's JSON")
    sub.add_argument("--explain", action="store_true", help="show the clause and the arithmetic")
    if party_required:
        sub.add_argument(
            "--exit-status",
            action="store_true",
            help="exit with status 3 when the answer is no (for scripts; default: 0 either way)",
        )


def _deadlines_arguments(deadlines: argparse.ArgumentParser) -> None:
    deadlines.add_argument("ids", nargs="*", metavar="ID", help="agreements (default: all)")
    deadlines.add_argument(
        "--from", dest="start", metavar="DATE", help="first day (default: today)"
    )
    deadlines.add_argument(
        "--until", dest="end", metavar="DATE", help="last day (default: five years after --from)"
    )
    deadlines.add_argument(
        "--as-of",
        metavar="DATE",
        help="as the deadlines stood on DATE: only the events dated on or before it are known",
    )
    _selection_options(deadlines)
    _table_options(deadlines)
    deadlines.add_argument("--explain", action="store_true", help="show the arithmetic")


def _agenda_arguments(agenda: argparse.ArgumentParser) -> None:
    agenda.add_argument(
        "--within",
        metavar="DURATION",
        help="only agreements whose next deadline is at most this far from today, e.g. P30D",
    )
    agenda.add_argument(
        "--on",
        metavar="DAY",
        help="the agenda as it stands on DAY (default: today), e.g. 2027-01-01",
    )
    agenda.add_argument(
        "--as-of", metavar="DAY",
        help="each agreement as it stood on DAY: only the events dated until then known",
    )  # fmt: skip
    _selection_options(agenda)
    _table_options(agenda)


def _table_options(parser: argparse.ArgumentParser) -> None:
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the contract's JSON")
    output.add_argument("--csv", action="store_true", help="print CSV with a header row")


def _history_arguments(history: argparse.ArgumentParser) -> None:
    history.add_argument("id", metavar="ID", help="the agreement's id (see `list`)")
    history.add_argument("--json", action="store_true", help="print the contract's JSON")


def _timeline_arguments(timeline: argparse.ArgumentParser) -> None:
    timeline.add_argument("id", metavar="ID", help="the agreement's id (see `list`)")
    timeline.add_argument(
        "--from", dest="start", metavar="DATE",
        help="first day (default: a month before it came into force, at most fifteen years "
        "back, or twelve periods of one that renews more often than yearly)",
    )  # fmt: skip
    timeline.add_argument(
        "--until", dest="end", metavar="DATE",
        help="last day (default: two years from today, or twelve periods of one that renews "
        "more often than yearly)",
    )  # fmt: skip
    timeline.add_argument("--party", metavar="P", help="only this party's band")
    timeline.add_argument(
        "-o",
        "--output",
        metavar="FILE.svg",
        help="write the picture there, whole: SVG, or PNG for FILE.png (the 'png' extra) "
        "(default: SVG to stdout)",
    )


def _report_arguments(report: argparse.ArgumentParser) -> None:
    report.add_argument("ids", nargs="*", metavar="ID", help="agreements (default: all)")
    report.add_argument(
        "-o", "--output", metavar="DIR", help="the folder to write the pages to (made if need be)"
    )
    report.add_argument(
        "--json", action="store_true", help="print the register as JSON instead of writing pages"
    )
    _selection_options(report)


def _selection_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--tag", action="append", default=[], metavar="T",
        help="only agreements tagged T (repeatable: tagged with each)",
    )  # fmt: skip
    parser.add_argument("--owner", metavar="O", help="only agreements looked after by O")
    parser.add_argument(
        "--kind", action="append", default=[], metavar="K",
        help="only deadlines of kind K: renewal, last-notice-day, effect, expiry, window-opens "
        "(repeatable: any of them)",
    )  # fmt: skip
    parser.add_argument(
        "--party", metavar="P", help="only agreements P is party to, and P's deadlines"
    )


def _ical_arguments(ical: argparse.ArgumentParser) -> None:
    _calendar_options(ical)
    ical.add_argument(
        "-o", "--output", metavar="FILE",
        help="write to FILE (a regular file, not an input; - for standard output), whole or not "
        "at all; SEQUENCE numbers carry on from the FILE it replaces",
    )  # fmt: skip


def _push_arguments(push: argparse.ArgumentParser) -> None:
    _calendar_options(push)
    push.add_argument(
        "--url", required=True, help="the server's root; the calendar home is discovered"
    )
    push.add_argument("--user", default="", help="user name (default: none)")
    push.add_argument(
        "--password-env", metavar="VAR", help="the environment variable holding the password"
    )
    push.add_argument(
        "--replace-edited", action="store_true",
        help="overwrite events of ours that someone edited in the calendar (default: keep them, "
        "and say which)",
    )  # fmt: skip
    push.add_argument(
        "--prune", action="store_true",
        help="also remove the events push made for agreements no longer in the catalog",
    )  # fmt: skip
    push.add_argument(
        "--insecure", action="store_true",
        help="do not verify the server's TLS certificate (says so loudly; for test servers only)",
    )  # fmt: skip


def _import_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("file", metavar="FILE.csv", help="a CSV with a header row of catalog keys")
    command.add_argument(
        "-o", "--output", metavar="FILE",
        help="write the catalog to FILE (whole or not at all; - or none: standard output)",
    )  # fmt: skip
    command.add_argument(
        "--delimiter", metavar="D",
        help="the cells are separated by D: , or ; or tab (default: recognised from the header row)",
    )  # fmt: skip
    onto = command.add_mutually_exclusive_group()
    onto.add_argument(
        "--merge", action="store_true",
        help="onto an existing -o catalog: by id, the CSV's cells replace those keys; every other "
        "key, exit, event and comment is kept; new ids are added",
    )  # fmt: skip
    onto.add_argument(
        "--replace", action="store_true",
        help="onto an existing -o catalog: the CSV's agreements alone (undo puts it back)",
    )  # fmt: skip
    command.add_argument(
        "--dry-run", action="store_true", help="with -o: print the change as a diff; write nothing"
    )


def _record_arguments(record: argparse.ArgumentParser) -> None:
    from ..events import EVENT_KINDS

    record.add_argument("id", metavar="ID", help="the agreement's id (see `list`)")
    record.add_argument("kind", metavar="KIND", choices=EVENT_KINDS, help=", ".join(EVENT_KINDS))
    record.add_argument("--party", metavar="P", help="who acted (notice, revoke, suspend, ...)")
    record.add_argument("--on", metavar="DAY", help="the day it happened (default: today)")
    record.add_argument("--effective", metavar="DAY", help="the day a notice names, or a join's")
    record.add_argument("--until", metavar="DAY", help="the last day of an extension or deferral")
    record.add_argument(
        "--on-resume", choices=("immediate", "remaining", "restart"),
        help="how a suspended notice counts once it is lifted",
    )  # fmt: skip
    record.add_argument("--note", metavar="TEXT", help="your own words for it (a source, a letter)")
    record.add_argument(
        "--dry-run", action="store_true", help="print the change as a diff; write nothing"
    )
    record.add_argument("--json", action="store_true", help='print {"event": ..., "status": ...}')


def _export_arguments(export: argparse.ArgumentParser) -> None:
    export.add_argument("ids", nargs="*", metavar="ID", help="agreements (default: all)")
    export.add_argument(
        "--csv", action="store_true", help="in the columns `import` reads (default: TOML)"
    )
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (whole or not at all; - or none: "
        "standard output)",
    )  # fmt: skip


def _undo_arguments(undo: argparse.ArgumentParser) -> None:
    undo.add_argument(
        "--dry-run", action="store_true", help="print what undo would put back; write nothing"
    )


def _check_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument(
        "--json",
        action="store_true",
        help="print a JSON object per file: file, ok, agreements, error",
    )


def _completion_arguments(completion: argparse.ArgumentParser) -> None:
    completion.add_argument("shell", choices=("bash", "zsh"), help="the shell to complete in")


_COMMANDS = (
    _Command("list", "the agreements in the catalog", "gsomia-clock list --json", _list_arguments),
    _Command(
        "status",
        "the state of an agreement, or of one party, on a day",
        "gsomia-clock status gsomia --on 2019-11-22",
        _status_arguments,
    ),
    _Command(
        "can-withdraw",
        "whether a party could get out by acting on a day, and when it would",
        "gsomia-clock can-withdraw gsomia --party KR --on 2020-08-04\n"
        "  gsomia-clock can-withdraw --party US          (every agreement that binds the US)",
        _withdrawal_arguments,
    ),
    _Command(
        "deadlines",
        "renewals, last notice days, effects and expiries in a period",
        "gsomia-clock deadlines gsomia --from 2026-01-01 --until 2030-12-31",
        _deadlines_arguments,
    ),
    _Command(
        "ical",
        "an iCal calendar of the deadlines, with reminders",
        "gsomia-clock ical --from 2026-01-01 --until 2030-12-31 --remind P30D --remind P7D -o all.ics",
        _ical_arguments,
    ),
    _Command(
        "push",
        "send the deadlines to a CalDAV calendar (needs the 'caldav' extra)",
        "GSOMIA_PW=secret gsomia-clock push gsomia --url https://dav.example.org/ --user me "
        "--password-env GSOMIA_PW",
        _push_arguments,
    ),
    _Command(
        "agenda",
        "every agreement with its state today and its next deadline, soonest first",
        "gsomia-clock --no-bundled --catalog contracts.toml agenda --within P30D",
        _agenda_arguments,
    ),
    _Command(
        "history",
        "an agreement's events in order, and what each did",
        "gsomia-clock history gsomia",
        _history_arguments,
    ),
    _Command(
        "timeline",
        "a picture of an agreement over time (SVG): states, deadlines, events, today",
        "gsomia-clock timeline gsomia --from 2016-11-01 --until 2027-12-31 -o gsomia.svg",
        _timeline_arguments,
    ),
    _Command(
        "report",
        "a static HTML register: every agreement's state, next deadline and page",
        "gsomia-clock --no-bundled --catalog contracts.toml report -o site",
        _report_arguments,
    ),
    _Command(
        "import",
        "a catalog from a spreadsheet (CSV): a row per agreement, or per more exit of the one above",
        "gsomia-clock import register.csv -o register.toml",
        _import_arguments,
    ),
    _Command(
        "record",
        "record what happened (a notice, a revoke, ...) in the file that defines the agreement",
        "gsomia-clock record printer-lease notice --party US --on 2026-12-07 --note 'letter 42'",
        _record_arguments,
    ),
    _Command(
        "export",
        "agreements as their files define them, in TOML or (--csv) in the columns import reads",
        "gsomia-clock export --csv -o register.csv",
        _export_arguments,
    ),
    _Command(
        "undo",
        "put back the file the latest record or import changed (the last 20 are kept)",
        "gsomia-clock undo --dry-run",
        _undo_arguments,
    ),
    _Command("check", "validate catalog files", "gsomia-clock check mine.toml", _check_arguments),
    _Command(
        "completion",
        "a shell completion script, made from this command line's options",
        "gsomia-clock completion bash > ~/.local/share/bash-completion/completions/gsomia-clock",
        _completion_arguments,
    ),
)


def _calendar_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ids", nargs="*", metavar="ID", help="agreements (default: all)")
    parser.add_argument("--from", dest="start", metavar="DATE", help="first day (default: today)")
    parser.add_argument(
        "--until", dest="end", metavar="DATE", help="last day (default: five years after --from)"
    )
    parser.add_argument(
        "--remind", action="append", default=[], metavar="[KIND=]DURATION",
        help="an alarm this long before each event: P30D, P2W, PT12H; or before one kind's only: "
        "last-notice-day=P30D (repeatable; default: the settings' remind)",
    )  # fmt: skip
    parser.add_argument(
        "--remind-at", metavar="HH:MM",
        help="each alarm at this time of day where the agreement is administered (default: the "
        "alarm's duration before the day begins)",
    )  # fmt: skip
    parser.add_argument(
        "--reminder-events", action="store_true",
        help="also add each reminder as an event of its own (subscribed feeds drop alarms)",
    )  # fmt: skip
    parser.add_argument(
        "--calendar", metavar="NAME",
        help="the calendar's name (default: the settings' calendar, else 'Treaty deadlines')",
    )  # fmt: skip
    _selection_options(parser)
