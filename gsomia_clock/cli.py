"""The `gsomia-clock` command: a thin shell over the library.

Exit status: 0 success, 2 bad input (a message naming what is at fault), 1 an internal error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

from . import __version__
from .errors import CatalogError, ClockError, QueryError

if TYPE_CHECKING:
    from datetime import date

    from .agenda import AgendaItem
    from .agreement import Agreement

__all__ = ["main"]

_EPILOG = """\
examples:
  gsomia-clock status gsomia
  gsomia-clock status gsomia --on 2019-11-22 --explain
  gsomia-clock can-withdraw gsomia --party KR --on 2020-08-04
  gsomia-clock can-withdraw gsomia --party JP --on 2019-08-24 --json
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
no --catalog is given.
"""


class _Parser(argparse.ArgumentParser):
    """Usage errors exit with status 2 and one line on standard error, as every bad input does."""

    def print_help(self, file: object = None) -> None:
        """Help on standard output; one that cannot be written there is an error of the run
        (argparse would drop the failure and exit 0)."""
        from .streams import write_stdout

        write_stdout(self.format_help().rstrip("\n"))

    def error(self, message: str) -> NoReturn:
        from .render import printable

        _warn(printable(f"{self.prog}: error: {message} (see {self.prog} --help)"))
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
        "separated by ':'); its agreements replace bundled ones with the same id",
    )
    parser.add_argument(
        "--no-bundled",
        action="store_true",
        dest=f"no_bundled{where}",
        default=argparse.SUPPRESS,
        help="leave the bundled catalog of treaties out: only your own catalog files",
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


def _parser(*, whole: bool = False) -> argparse.ArgumentParser:
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


def _question_arguments(sub: argparse.ArgumentParser, *, party_required: bool) -> None:
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
        help="first day (default: a month before it came into force, at most fifteen years back)",
    )  # fmt: skip
    timeline.add_argument(
        "--until", dest="end", metavar="DATE", help="last day (default: two years from today)"
    )
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
        "--insecure", action="store_true",
        help="do not verify the server's TLS certificate (says so loudly; for test servers only)",
    )  # fmt: skip


def _import_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("file", metavar="FILE.csv", help="a CSV with a header row of catalog keys")
    command.add_argument(
        "-o", "--output", metavar="FILE",
        help="write the catalog to FILE (whole or not at all; - or none: standard output)",
    )  # fmt: skip


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
        "gsomia-clock can-withdraw gsomia --party KR --on 2020-08-04",
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
        "last-notice-day=P30D (repeatable)",
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
        "--calendar", default="Treaty deadlines", metavar="NAME", help="the calendar's name"
    )
    _selection_options(parser)


def main(argv: Sequence[str] | None = None) -> int:
    from .streams import flush_stdout, plain_streams, silence_stdout

    plain_streams()
    try:
        try:
            args = _parser().parse_args(argv)
        except SystemExit as done:  # --help (0, once its text is out) or a usage error (2)
            if done.code == 0:
                flush_stdout()
            return 0 if done.code == 0 else 2
        status = _run(args)
        flush_stdout()
        return status
    except ClockError as error:
        _error(error)
        return 2
    except BrokenPipeError:
        # The reader went away (`| head`): not an error of ours; keep Python quiet at exit.
        silence_stdout()
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if os.environ.get("GSOMIA_CLOCK_DEBUG"):
            raise
        _warn(
            f"gsomia-clock: internal error: {type(error).__name__}: {error} "
            "(set GSOMIA_CLOCK_DEBUG=1 for the traceback)"
        )
        return 1


def _error(error: Exception) -> None:
    from .render import printable

    _warn(f"gsomia-clock: error: {printable(str(error))}")


def _warn(text: str) -> None:
    """A line on standard error, unless that is closed (`2>&-`) or cannot be written (a full
    disk): a message that cannot be shown does not change what the run did, nor its status."""
    if sys.stderr is None:
        return
    try:
        print(text, file=sys.stderr, flush=True)
    except OSError:
        sys.stderr = None


def _counted(count: int, thing: str) -> str:
    """`1 agreement`, `3 agreements`."""
    return f"{count} {thing}{'s' if count != 1 else ''}"


def _print(text: str) -> None:
    from .streams import write_stdout

    write_stdout(text)


def _print_data(text: str) -> None:
    """TOML, CSV or SVG on standard output: UTF-8 always, never the terminal's stand-ins."""
    from .streams import write_data

    write_data(text)


def _print_json(value: Any) -> None:
    import json

    from .streams import unicode_stdout

    _print(json.dumps(value, ensure_ascii=not unicode_stdout(), indent=2))


def _run(args: argparse.Namespace) -> int:
    from .catalog import load_catalog, read_catalog

    if args.command == "check":
        results = []
        for file in args.files:
            try:
                count = len(read_catalog(file))
            except ClockError as error:
                if not args.json:
                    _error(error)
                results.append({"file": file, "ok": False, "agreements": None, "error": str(error)})
                continue
            results.append({"file": file, "ok": True, "agreements": count, "error": None})
            if not args.json:
                _print(f"{file}: ok, {_counted(count, 'agreement')}")
        if args.json:
            _print_json(results)
        return 0 if all(r["ok"] for r in results) else 2

    if args.command == "completion":
        from .completion import script

        _print_data(script(_parser(whole=True), args.shell))
        return 0

    if args.command == "import":
        return _import(args.file, args.output)

    inputs = _catalogs(args)
    if args.command == "agenda" and args.within is not None:
        return _indexed_agenda(args, inputs)
    catalog = load_catalog(*inputs, bundled=not _no_bundled(args))
    import gc

    gc.freeze()  # the catalog lives to the end of the run: no collection need look at it again
    for ident, file, earlier in catalog.replaced:
        _warn(f"gsomia-clock: {file}: agreement '{ident}' replaces the one of {earlier}")
    from . import render

    def agreement(ident: str) -> Any:
        if ident in catalog:
            return catalog[ident]
        if ident.lower() in catalog:  # ids are lower-case; `GSOMIA` means `gsomia`
            return catalog[ident.lower()]
        import difflib

        close = difflib.get_close_matches(ident.lower(), list(catalog), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else " (see `gsomia-clock list`)"
        raise QueryError(f"ID: {ident!r} is not an agreement in the catalog{hint}")

    if args.command == "list":
        if args.json:
            _print_json([render.agreement_json(a) for a in catalog.values()])
        else:
            _print(render.list_text(list(catalog.values())))
        return 0

    if args.command == "status":
        chosen = agreement(args.id)
        status = chosen.status(on=args.on, party=args.party, on_resume=args.on_resume)
        if args.json:
            _print_json(status.to_dict())
        else:
            today = chosen.today()
            _print(render.status_text(status, chosen, today=today, explain=args.explain))
        return 0

    if args.command == "can-withdraw":
        chosen = agreement(args.id)
        answer = chosen.can_withdraw(args.party, on=args.on, on_resume=args.on_resume)
        if args.json:
            _print_json(answer.to_dict())
        else:
            today = chosen.today()
            _print(render.withdrawal_text(answer, chosen, today=today, explain=args.explain))
        return 3 if args.exit_status and not answer.can_withdraw else 0

    if args.command == "timeline":
        return _timeline(agreement(args.id), args, inputs)

    if args.command == "history":
        chosen = agreement(args.id)
        entries = chosen.history()
        if args.json:
            _print_json([entry.to_dict() for entry in entries])
        else:
            _print(render.history_text(chosen, entries))
        return 0

    selection = _selection(args)
    if args.command == "agenda":
        items = catalog.agenda(selection)
        todays = {item.agreement: catalog[item.agreement].today() for item in items}
        return _show_agenda(args, items, todays)

    # An id given twice is one agreement: its deadlines once, its UIDs once.
    selected = [agreement(i) for i in dict.fromkeys(args.ids or catalog)]
    selected = [a for a in selected if selection.takes(a)]
    if args.command == "report":
        return _report(selected, selection, args, inputs)
    start, end = _period(args)
    if args.command == "deadlines":
        if args.as_of is not None:
            selected = [a.as_of(a.day(args.as_of, name="--as-of")) for a in selected]
        found = [d for a in selected for d in a.deadlines(start, end) if selection.keeps(d)]
        found.sort(key=lambda d: (d.date, d.agreement))
        todays = {a.id: a.today() for a in selected}
        if args.json:
            _print_json([d.to_dict() for d in found])
        elif args.csv:
            _print_data(
                render.csv_text(render.DEADLINE_COLUMNS, render.deadline_rows(found, todays))
            )
        else:
            _print(render.deadlines_text(found, todays, explain=args.explain))
        return 0

    from . import ics

    reminders, reminders_for = ics.parse_reminders(args.remind)
    remind_at = None if args.remind_at is None else ics.parse_time_of_day(args.remind_at)
    if remind_at is not None:
        timed = [r for r in (*reminders, *(r for rs in reminders_for.values() for r in rs))]
        if not timed:
            raise QueryError("--remind-at: there is no --remind to give a time of day")
        if any(r.has_time for r in timed):
            raise QueryError(
                "--remind-at: a reminder in hours or minutes already says when; "
                "give --remind in days or weeks (P30D, P2W)"
            )
    calendar_name = ics.calendar_name(args.calendar)
    stamp = ics.stamp_from_environment()
    if args.command == "push":
        from .push import push, read_password

        if args.insecure:
            _warn(
                "gsomia-clock: WARNING: --insecure: the server's TLS certificate is NOT verified; "
                "anyone on the way can read the password and change the calendar"
            )
        report = push(
            ics.calendar_events(
                selected,
                start,
                end,
                reminders=reminders,
                reminder_events=args.reminder_events,
                reminders_for=reminders_for,
                keep=selection.keeps,
                remind_at=remind_at,
            ),
            url=args.url,
            user=args.user,
            password=read_password(args.password_env),
            calendar_name=calendar_name,
            agreements={a.id for a in selected},
            stamp=stamp,
            periods={a.id: a.period(start, end) for a in selected},
            replace_edited=args.replace_edited,
            pushed=lambda uid: selection.keeps_kind(*ics.about(uid)),
            progress=sys.stderr if sys.stderr is not None and sys.stderr.isatty() else None,
            verify=not args.insecure,
        )
        _print(str(report))
        return 0

    assert args.command == "ical"
    from .catalog import bundled_file
    from .output import STDOUT, output_path, read_previous, write_whole

    output = output_path(STDOUT if args.output is None else args.output, (*inputs, bundled_file()))
    data = ics.export(
        selected,
        start,
        end,
        reminders=reminders,
        reminder_events=args.reminder_events,
        name=calendar_name,
        stamp=stamp,
        previous=read_previous(output) if output else None,
        reminders_for=reminders_for,
        keep=selection.keeps,
        remind_at=remind_at,
    )
    if output is None:
        from .streams import write_stdout

        write_stdout(data)
    else:
        write_whole(output, data)
        _warn(f"{output}: {data.count(b'BEGIN:VEVENT')} events")
    return 0


def _report(
    selected: list[Agreement], selection: Any, args: argparse.Namespace, inputs: list[str]
) -> int:
    """`report`: the register's pages, written whole (or none), once all are made; or its JSON."""
    from .catalog import bundled_file
    from .output import write_folder
    from .report import report_json, report_pages

    if args.json:
        _print_json(report_json(selected, selection))
        return 0
    if args.output is None:
        raise QueryError("-o: give the folder to write the pages to (or --json)")
    pages = report_pages(selected, selection)
    encoded = {name: page.encode() for name, page in pages.items()}
    written = write_folder(args.output, encoded, (*inputs, bundled_file()))
    kept = len(pages) - written
    unchanged = f", {_counted(kept, 'page')} unchanged" if kept else ""
    _warn(
        f"{os.path.join(args.output, 'index.html')}: {_counted(len(pages) - 1, 'agreement')}{unchanged}"
    )
    return 0


def _timeline(chosen: Agreement, args: argparse.Namespace, inputs: list[str]) -> int:
    """`timeline`: the picture, to standard output or written whole to `-o`."""
    from .catalog import bundled_file
    from .errors import named
    from .output import STDOUT, output_path, write_whole
    from .picture import png_of, timeline_svg

    output = output_path(STDOUT if args.output is None else args.output, (*inputs, bundled_file()))
    kind = ".svg" if output is None else output.suffix.lower()
    if kind not in (".svg", ".png"):
        raise QueryError(f"-o: {args.output!r}: the picture is written as FILE.svg or FILE.png")
    svg = timeline_svg(chosen, args.start, args.end, party=args.party)
    if output is None:
        _print_data(svg.rstrip("\n"))
    else:
        name = f"-o: {named(args.output)}"
        write_whole(output, png_of(svg, name=name) if kind == ".png" else svg.encode())
        _warn(f"{output}: the timeline of {chosen.id}")
    return 0


def _indexed_agenda(args: argparse.Namespace, inputs: list[str]) -> int:
    """`agenda --within`: from the agenda's index while the catalog files are unchanged."""
    from .index import indexed_agenda

    within = _duration("--within", args.within)
    found = indexed_agenda(inputs, not _no_bundled(args), _selection(args), within)
    for ident, file, earlier in found.replaced:
        _warn(f"gsomia-clock: {file}: agreement '{ident}' replaces the one of {earlier}")
    return _show_agenda(args, found.items, found.todays)


def _show_agenda(
    args: argparse.Namespace, items: Sequence[AgendaItem], todays: dict[str, date]
) -> int:
    from . import render

    if args.json:
        _print_json([item.to_dict() for item in items])
    elif args.csv:
        _print_data(render.csv_text(render.AGENDA_COLUMNS, render.agenda_rows(items)))
    else:
        _print(render.agenda_text(items, todays))
    return 0


def _catalogs(args: argparse.Namespace) -> list[str]:
    """The --catalog files, those given before the command first; with none, those named in
    GSOMIA_CLOCK_CATALOG (empty names there are skipped, as in PATH); an empty name is refused."""
    files = [*getattr(args, "catalogs_before", ()), *getattr(args, "catalogs", ())]
    if "" in files:
        raise QueryError("--catalog: '' is not a file name")
    if not files:
        files = [f for f in os.environ.get("GSOMIA_CLOCK_CATALOG", "").split(os.pathsep) if f]
    return files


def _import(file: str, output_name: str | None) -> int:
    """`import`: the CSV read whole, checked as a catalog, then written whole (or nothing)."""
    from .catalog import bundled_file, read_input
    from .output import STDOUT, output_path, write_whole
    from .spreadsheet import catalog_from_csv

    output = output_path(output_name or STDOUT, (file, bundled_file()))
    data = read_input(file, file)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CatalogError(f"is not UTF-8 text (byte {error.start + 1})", file=file) from None
    catalog = catalog_from_csv(text, name=file)
    if output is None:
        _print_data(catalog.rstrip("\n"))
    else:
        write_whole(output, catalog.encode())
        count = catalog.count("[[agreement]]")
        _warn(f"{output}: {_counted(count, 'agreement')}")
    return 0


def _selection(args: argparse.Namespace) -> Any:
    """The filters --tag, --owner, --party and --kind, where the command has them."""
    from .selection import Selection

    try:
        return Selection(
            tags=getattr(args, "tag", ()),
            owner=getattr(args, "owner", None),
            party=getattr(args, "party", None),
            kinds=getattr(args, "kind", ()),
        )
    except ValueError as error:
        raise QueryError(str(error)) from None


def _duration(option: str, text: str) -> Any:
    from .durations import Duration

    try:
        return Duration.parse(text)
    except ValueError as error:
        raise QueryError(f"{option}: {error}") from None


def _no_bundled(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "no_bundled_before", False) or getattr(args, "no_bundled", False))


def _period(args: argparse.Namespace) -> tuple[str | None, str | None]:
    """--from and --until (inclusive), checked here so that a bad one is named by its option.

    Each agreement reads them as days in its own zone; by default, from its today (that of
    SOURCE_DATE_EPOCH when set) to five years on.
    """
    from datetime import UTC

    from .days import parse_when

    days = {}
    for option, value in (("--from", args.start), ("--until", args.end)):
        if value is not None:
            try:
                days[option] = parse_when(value, UTC)
            except ValueError as error:
                raise QueryError(f"{option}: {error}") from None
    if len(days) == 2 and days["--until"] < days["--from"]:
        raise QueryError(
            f"--until: {days['--until'].isoformat()} is before --from {days['--from'].isoformat()}"
        )
    return args.start, args.end


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
