"""One function per command: each asks the library, and shows what it answers.

`run` reads as the command line's table of contents. Every command returns its exit status: 0,
or 3 for `can-withdraw --exit-status` answered no; bad input raises ClockError, which `main`
turns into exit status 2.
"""

from __future__ import annotations

import argparse
from contextlib import nullcontext
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import CatalogError, CatalogErrors, ClockError, QueryError
from . import tables, text
from .catalogs import (
    agreement,
    catalog_files,
    inputs,
    no_bundled,
    run_catalog,
    said_replaced,
    selected,
    settings_of,
)
from .progress import Progress, counted
from .streams import colours, on_terminal, warn, write_data, write_json, write_stdout

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..agenda import AgendaItem
    from ..agreement import Agreement
    from ..catalog import Catalog
    from ..deadlines import Deadline
    from ..durations import Duration
    from ..selection import Selection

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """The command `args` names, run."""
    match args.command:
        case "check":
            return check(args)
        case "completion":
            return completion(args)
        case "import":
            return import_csv(args)
        case "record":
            from .register_files import record

            return record(args)
        case "export":
            from .register_files import export

            return export(args)
        case "undo":
            from .register_files import undo

            return undo(args)
        case "agenda" if args.within is not None and args.on is None and args.as_of is None:
            return indexed_agenda(args)
        case "report" if args.output is not None and not args.json:
            from .report_folder import write_report

            return write_report(args, _selection(args))
    catalog = run_catalog(args)
    match args.command:
        case "list":
            return list_agreements(args, catalog)
        case "status":
            return status(args, catalog)
        case "can-withdraw":
            return can_withdraw(args, catalog)
        case "history":
            return history(args, catalog)
        case "timeline":
            return timeline(args, catalog)
        case "agenda":
            return agenda(args, catalog)
        case "deadlines":
            return deadlines(args, catalog)
        case "report":
            return report(args, catalog)
        case "ical":
            return ical(args, catalog)
        case "push":
            return push(args, catalog)
    raise AssertionError(f"no such command: {args.command}")  # argparse knows them all


# -- commands that read files of their own -------------------------------------------------------


def check(args: argparse.Namespace) -> int:
    """`check FILE...`: each file read as a catalog; a line for each, or a JSON object."""
    from ..catalog import read_catalog
    from .collector import no_cyclic_gc

    results = []
    for file in args.files:
        try:
            with no_cyclic_gc():
                count = len(read_catalog(file))
        except ClockError as error:
            if not args.json:
                error_line(error)
            every = error.errors if isinstance(error, CatalogErrors) else (error,)
            results.append({"file": file, "ok": False, "agreements": None, "error": str(error),
                            "errors": [str(e) for e in every]})  # fmt: skip
            continue
        results.append({"file": file, "ok": True, "agreements": count, "error": None, "errors": []})
        if not args.json:
            write_stdout(f"{file}: ok, {text.plural(count, 'agreement')}")
    if args.json:
        write_json(results)
    return 0 if all(r["ok"] for r in results) else 2


def completion(args: argparse.Namespace) -> int:
    """`completion SHELL`: a completion script made from this command line's own options."""
    from .completion import script
    from .parser import parser

    write_data(script(parser(whole=True), args.shell))
    return 0


def import_csv(args: argparse.Namespace) -> int:
    """`import FILE.csv`: the CSV read whole, checked as a catalog, then written whole (or nothing)."""
    from ..catalog import bundled_file, read_input
    from ..spreadsheet import catalog_from_csv
    from .whole_files import STDOUT, output_path, write_whole

    output = output_path(args.output or STDOUT, (args.file, bundled_file()))
    data = read_input(args.file, args.file)
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CatalogError(f"is not UTF-8 text (byte {error.start + 1})", file=args.file) from None
    delimiter = "\t" if args.delimiter == "tab" else args.delimiter
    with Progress("import", "rows") as progress:
        catalog = catalog_from_csv(decoded, name=args.file, delimiter=delimiter, progress=progress)
    if output is None:
        if args.merge or args.replace:
            raise QueryError(f"--{'merge' if args.merge else 'replace'}: needs -o CATALOG, the "
                             "catalog to write onto")  # fmt: skip
        write_data(catalog.rstrip("\n"))
        return 0
    if output.exists():
        from .register_files import onto_catalog

        return onto_catalog(args, output, decoded, catalog, delimiter)
    if args.dry_run:
        write_stdout(
            f"{output}: a new catalog of {text.plural(catalog.count('[[agreement]]'), 'agreement')}"
        )
        return 0
    write_whole(output, catalog.encode())
    warn(f"{output}: {text.plural(catalog.count('[[agreement]]'), 'agreement')}")
    return 0


def indexed_agenda(args: argparse.Namespace) -> int:
    """`agenda --within`: from the agenda cache while the catalog files are unchanged."""
    from .agenda_cache import indexed_agenda

    within = _duration("--within", args.within)
    selection = _selection(args)
    found = indexed_agenda(
        catalog_files(args), not no_bundled(args), selection, within, explained=args.json
    )  # only JSON shows a deadline's explanation
    if not found.items and selection.narrows:  # nothing due, or nothing of the kind at all?
        selection.check(run_catalog(args).values())
    said_replaced(found.replaced)
    return _show_agenda(args, found.items, found.todays)


# -- questions of one agreement ------------------------------------------------------------------


def list_agreements(args: argparse.Namespace, catalog: Catalog) -> int:
    """`list`: every agreement of the catalog, a line or a JSON object each."""
    if args.json:
        write_json([_listed(a) for a in catalog.values()])
    else:
        write_stdout(text.list_text(list(catalog.values())))
    return 0


def status(args: argparse.Namespace, catalog: Catalog) -> int:
    """`status ID`: the agreement's state, or a party's, on a day."""
    chosen = agreement(catalog, args.id)
    answer = chosen.status(on=args.on, party=args.party, on_resume=args.on_resume)
    if args.json:
        write_json(answer.to_dict())
    else:
        write_stdout(text.status_text(answer, chosen, today=chosen.today(), explain=args.explain))
    return 0


def can_withdraw(args: argparse.Namespace, catalog: Catalog) -> int:
    """`can-withdraw ID --party P`: whether P could get out by acting that day, and when; with
    no ID or several, of every agreement (or each named) that binds P that day."""
    if args.json and args.csv:
        raise QueryError("--json and --csv: give one of them")
    if len(args.ids) != 1:
        return _ways_out(args, catalog)
    chosen = agreement(catalog, args.ids[0])
    answer = chosen.can_withdraw(args.party, on=args.on, on_resume=args.on_resume)
    if args.json:
        write_json(answer.to_dict())
    elif args.csv:
        write_data(tables.csv_text(tables.WITHDRAWAL_COLUMNS, tables.withdrawal_rows([answer])))
    else:
        today = chosen.today()
        write_stdout(text.withdrawal_text(answer, chosen, today=today, explain=args.explain))
    return 3 if args.exit_status and not answer.can_withdraw else 0


def _ways_out(args: argparse.Namespace, catalog: Catalog) -> int:
    """`can-withdraw [ID...] --party P` over many: one answer per agreement, soonest out first
    (`--exit-status`: 3 when P could get out of none of them)."""
    from ..ways_out import ways_out

    party, on, on_resume = args.party, args.on, args.on_resume
    chosen = [agreement(catalog, ident) for ident in args.ids] or list(catalog.values())
    for each in chosen if args.ids else ():
        each.party(party)  # an agreement named that P is no party to: as for one ID
    bound = ways_out(chosen, party, on, on_resume)
    answers = ways_out(chosen, party, on, on_resume, every=True) if args.every else bound
    if args.json:
        write_json([a.to_dict() for a in answers])
    elif args.csv:
        write_data(tables.csv_text(tables.WITHDRAWAL_COLUMNS, tables.withdrawal_rows(answers)))
    else:
        named = {a.id: a for a in chosen}
        todays = {a.agreement: named[a.agreement].today() for a in answers}
        binding = {a.agreement for a in bound}
        unbound = [a for a in answers if a.agreement not in binding]
        write_stdout(text.ways_out_text(party, bound, unbound, todays, explain=args.explain))
    return 3 if args.exit_status and not any(a.can_withdraw for a in bound) else 0


def history(args: argparse.Namespace, catalog: Catalog) -> int:
    """`history ID`: the agreement's events in order, and what each did."""
    chosen = agreement(catalog, args.id)
    entries = chosen.history()
    if args.json:
        write_json([entry.to_dict() for entry in entries])
    else:
        write_stdout(text.history_text(chosen, entries))
    return 0


def timeline(args: argparse.Namespace, catalog: Catalog) -> int:
    """`timeline ID`: the picture, to standard output or written whole to `-o`."""
    from ..picture import png_of, timeline_svg
    from ..shown import named
    from .whole_files import STDOUT, output_path, write_whole

    chosen = agreement(catalog, args.id)
    output = output_path(STDOUT if args.output is None else args.output, inputs(args))
    kind = ".svg" if output is None else output.suffix.lower()
    if kind not in (".svg", ".png"):
        raise QueryError(f"-o: {args.output!r}: the picture is written as FILE.svg or FILE.png")
    svg = timeline_svg(chosen, args.start, args.end, party=args.party)
    if output is None:
        write_data(svg.rstrip("\n"))
    else:
        name = f"-o: {named(args.output)}"
        write_whole(output, png_of(svg, name=name) if kind == ".png" else svg.encode())
        warn(f"{output}: the timeline of {chosen.id}")
    return 0


# -- the register ---------------------------------------------------------------------------------


def agenda(args: argparse.Namespace, catalog: Catalog) -> int:
    """`agenda`: every agreement with its state today (or `--on`) and its next deadline,
    soonest first; `--as-of`: each as it stood that day, only the events until then known."""
    from ..agenda import agenda as agenda_of

    selection = _selection(args)
    selection.check(catalog.values())
    chosen: list[Agreement] = list(catalog.values())
    if args.as_of is not None:
        chosen = [a.as_of(a.day(args.as_of, name="--as-of")) for a in chosen]
    within = None if args.within is None else _duration("--within", args.within)
    on = None if args.on is None else _day("--on", args.on)
    items = agenda_of(chosen, selection, within, on=on)
    todays = {a.id: a.today() if on is None else on for a in chosen}
    return _show_agenda(args, items, {item.agreement: todays[item.agreement] for item in items})


def deadlines(args: argparse.Namespace, catalog: Catalog) -> int:
    """`deadlines [ID...]`: renewals, last notice days, effects and expiries in a period."""
    selection = _selection(args)
    selection.check(catalog.values())
    chosen = selected(args, catalog, selection)
    start, end = _period(args)
    if args.as_of is not None:
        chosen = [a.as_of(a.day(args.as_of, name="--as-of")) for a in chosen]
    explained = args.json or args.explain  # text and CSV show none otherwise: none worked out
    found: list[Deadline] = []
    for a in chosen:
        found.extend(
            d for d in a.deadlines(start, end, explained=explained) if selection.keeps_of(a, d)
        )
        a.timelines.forget()  # asked once: room for the histories still to be asked
    found.sort(key=lambda d: (d.date, d.agreement))
    todays = {a.id: a.today() for a in chosen}
    if args.json:
        write_json([d.to_dict() for d in found])
    elif args.csv:
        write_data(tables.csv_text(tables.DEADLINE_COLUMNS, tables.deadline_rows(found, todays)))
    else:
        write_stdout(text.deadlines_text(found, todays, explain=args.explain))
    return 0


def report(args: argparse.Namespace, catalog: Catalog) -> int:
    """`report --json`: the register as data (`report -o DIR` writes its pages: report_folder.py)."""
    from ..report import report_json

    if not args.json:
        raise QueryError("-o: give the folder to write the pages to (or --json)")
    selection = _selection(args)
    selection.check(catalog.values())
    write_json(report_json(selected(args, catalog, selection), selection))
    return 0


# -- calendars ------------------------------------------------------------------------------------


def ical(args: argparse.Namespace, catalog: Catalog) -> int:
    """`ical`: the deadlines as an RFC 5545 calendar, to standard output or written whole."""
    from .. import ics
    from .whole_files import STDOUT, open_previous, output_path, write_whole

    calendar = _calendar(args, catalog)
    output = output_path(STDOUT if args.output is None else args.output, inputs(args))
    earlier = open_previous(output) if output else nullcontext(None)
    with earlier as previous, Progress("ical", "agreements") as progress:
        stream = ics.CalendarStream(
            ics.agreement_events(
                counted(calendar.selected, progress, len(calendar.selected)),
                calendar.start,
                calendar.end,
                **calendar.alarms,
            ),
            calendar.start,
            calendar.end,
            name=calendar.name,
            stamp=ics.stamp_from_environment(),
            previous=previous,
        )
        if output is None:
            data = b"".join(stream)  # whole, so that an error leaves no half calendar
        else:
            write_whole(output, stream)  # each agreement's events written as they are made
    if output is None:
        write_stdout(data)
    else:
        gone = f", {stream.cancelled} cancelled" if stream.cancelled else ""
        warn(f"{output}: {text.plural(stream.events, 'event')}{gone}")
    return 0


def push(args: argparse.Namespace, catalog: Catalog) -> int:
    """`push --url URL`: the same events sent to a CalDAV calendar, ours alone changed."""
    from .. import ics
    from ..push import push, read_password

    calendar = _calendar(args, catalog)
    if args.insecure:
        warn(
            "gsomia-clock: WARNING: --insecure: the server's TLS certificate is NOT verified; "
            "anyone on the way can read the password and change the calendar"
        )
    with Progress("push", "agreements") as progress:
        events = ics.calendar_events(
            counted(calendar.selected, progress, len(calendar.selected)),
            calendar.start,
            calendar.end,
            **calendar.alarms,
        )
    selected = calendar.selected
    with Progress("push", "events") as progress:
        pushed = push(
            events,
            url=args.url,
            user=args.user,
            password=read_password(args.password_env),
            calendar_name=calendar.name,
            agreements={a.id for a in selected},
            stamp=ics.stamp_from_environment(),
            periods={a.id: a.period(calendar.start, calendar.end) for a in selected},
            replace_edited=args.replace_edited,
            selection=calendar.selection,
            progress=progress,
            verify=not args.insecure,
            catalog=set(catalog) if args.prune else None,
        )
    write_stdout(flagged(str(pushed)))
    return 0


class _Calendar(NamedTuple):
    """What `ical` and `push` share: the agreements, the period, the alarms asked for (the
    keyword arguments of `ics.calendar_events`), and the calendar's name."""

    selection: Selection
    selected: list[Agreement]
    start: str | None
    end: str | None
    alarms: dict[str, Any]
    name: str


def _calendar(args: argparse.Namespace, catalog: Catalog) -> _Calendar:
    from .. import ics

    selection = _selection(args)
    selection.check(catalog.values())
    chosen = selected(args, catalog, selection)
    start, end = _period(args)
    every, by_kind = ics.parse_reminders(args.remind or settings_of(args).remind)
    remind_at = ics.alarm_time(args.remind_at, every, by_kind)
    named = args.calendar if args.calendar is not None else settings_of(args).calendar
    name = ics.calendar_name(ics.DEFAULT_NAME if named is None else named)  # said before any work
    alarms = {
        "reminders": every, "reminders_for": by_kind, "remind_at": remind_at,
        "reminder_events": args.reminder_events,
        "keep": lambda d: selection.keeps_of(catalog[d.agreement], d),
    }  # fmt: skip
    return _Calendar(selection, chosen, start, end, alarms, name)


# -- what the commands share ----------------------------------------------------------------------


# The library names its parameters: the one at fault opens a QueryError (`parameter`), and
# another a message mentions is written between backquotes. The shell shows its flags instead.
FLAGS = {
    "reminders": "--remind", "remind_at": "--remind-at", "calendar_name": "--calendar",
    "url": "--url", "password_env": "--password-env", "replace_edited": "--replace-edited",
    "verify=False": "--insecure", "kinds": "--kind", "party": "--party", "start": "--from",
    "end": "--until", "delimiter": "--delimiter", "tags": "--tag", "owner": "--owner",
}  # fmt: skip


def flagged(text: str) -> str:
    """A message of the library's with the flags of the command line for its parameters."""
    if "`" not in text:
        return text
    import re

    return re.sub(r"`([\w=]+)`", lambda found: FLAGS.get(found[1], found[0]), text)


def error_line(error: Exception) -> None:
    """Bad input, said on one line of standard error (a parameter at fault named by its flag), or
    on a line for each error of a file that has several."""
    from ..shown import printable

    said = str(error)
    if isinstance(error, QueryError) and error.parameter in FLAGS:
        said = f"{FLAGS[error.parameter]}: {error.reason}"
    if not isinstance(error, CatalogError):
        said = flagged(said)
    for line in error.lines if isinstance(error, CatalogErrors) else (said,):
        warn(f"gsomia-clock: error: {printable(line)}")


def _selection(args: argparse.Namespace) -> Selection:
    """The filters --tag, --owner, --party and --kind, where the command has them."""
    from ..selection import Selection

    return Selection(
        tags=getattr(args, "tag", ()),
        owner=getattr(args, "owner", None),
        party=getattr(args, "party", None),
        kinds=getattr(args, "kind", ()),
    )


def _day(option: str, given: str) -> date:
    """A DAY of the command line for every agreement at once (a relative one, `today` or
    `+P30D`, read in UTC)."""
    from datetime import UTC

    from ..days import parse_when

    try:
        return parse_when(given, UTC)
    except ValueError as error:
        raise QueryError(f"{option}: {error}") from None


def _duration(option: str, given: str) -> Duration:
    from ..durations import Duration

    try:
        return Duration.parse(given)
    except ValueError as error:
        raise QueryError(f"{option}: {error}") from None


def _period(args: argparse.Namespace) -> tuple[str | None, str | None]:
    """--from and --until (inclusive), checked here so that a bad one is named by its option.

    Each agreement reads them as days in its own zone; by default, from its today (that of
    SOURCE_DATE_EPOCH when set) to five years on.
    """
    from datetime import UTC

    from ..days import parse_when

    days: dict[str, date] = {}
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


def _show_agenda(
    args: argparse.Namespace, items: Sequence[AgendaItem], todays: dict[str, date]
) -> int:
    if args.json:
        write_json([item.to_dict() for item in items])
    elif args.csv:
        write_data(tables.csv_text(tables.AGENDA_COLUMNS, tables.agenda_rows(items)))
    else:
        terminal = on_terminal()
        write_stdout(text.agenda_text(items, todays, header=terminal, colour=colours()))
    return 0


def _listed(agreement: Agreement) -> dict[str, object]:
    """An agreement as `list --json` shows it."""
    return {
        "id": agreement.id,
        "name": agreement.name,
        "parties": list(agreement.parties),
        "multilateral": agreement.multilateral,
        "in_force": agreement.in_force.isoformat(),
        "timezone": agreement.timezone,
        "owner": agreement.owner,
        "reference": agreement.reference,
        "tags": list(agreement.tags),
    }
