"""The commands that read and write the register's own files as text (contract v3): `record`,
`undo`, `import` onto a catalog that exists, and `export`.

An event goes into its agreement's table in the file that defines it (the last catalog file
naming its id, as the catalog reads them; a bundled agreement is first copied whole into the
`register` file of the settings), every other byte unchanged (`catalog_text.with_event`, which
checks the result). The new history is checked as `check` would check it before anything is
written; the file is written whole, under a lock, only if it is still as it was read, and the
change is kept to be undone (`journal`). `import --merge` changes, in place, only the keys and
exits the CSV carries (`catalog_text.merged`); `export` writes agreements as the files define
them, in TOML or in the columns `import` reads.
"""

from __future__ import annotations

import argparse
import codecs
import difflib
import os
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import CatalogError, QueryError
from .catalogs import agreement, catalog_files, inputs, no_bundled, run_catalog, settings_of

__all__ = ["export", "onto_catalog", "record", "undo"]

_OPTIONAL = ("party", "effective", "until", "on_resume", "note")


class _Found(NamedTuple):
    """Where an agreement is defined: its file, what the file holds (None: no file yet), the
    text the event goes into (the file's, or with a bundled agreement copied at its end) as
    tomli reads it, and the table's place there."""

    path: Path
    data: bytes | None
    source: bytes
    document: Any
    place: int


def _shown(path: Path) -> str:
    """A file as a person names it: relative to the current folder when it lies within it."""
    relative = os.path.relpath(os.path.abspath(path))
    return str(path) if relative.startswith(os.pardir) else relative


def _diff(before: bytes | None, after: bytes | None, name: str) -> str:
    """What `--dry-run` prints: the change to file `name` as a unified diff (None: no file)."""

    def lines(data: bytes | None) -> list[str]:
        return (data or b"").decode("utf-8", "replace").splitlines(keepends=True)

    return "".join(difflib.unified_diff(lines(before), lines(after), name, name)).rstrip("\n")


def _parsed(path: Path, data: bytes) -> Any:
    import tomli

    from ..catalog import read_catalog

    try:
        return tomli.loads(data.removeprefix(codecs.BOM_UTF8).decode("utf-8"))
    except (UnicodeDecodeError, tomli.TOMLDecodeError):
        read_catalog(data, name=str(path))  # says what is wrong as `check` says it
        raise


def _defined(files: list[str], ident: str) -> _Found | None:
    """The last of `files` that defines `ident` (any letter case), and where."""
    from .journal import current

    for name in reversed(files):
        path = Path(name)
        data = current(path)
        if data is None:
            continue
        document = _parsed(path, data)
        for index, table in enumerate(document.get("agreement", [])):
            if isinstance(table, dict) and str(table.get("id", "")).lower() == ident.lower():
                return _Found(path, data, data, document, index)
    return None


def _copied(args: argparse.Namespace, ident: str, register: str | None) -> _Found:
    """The bundled agreement `ident`, copied whole at the end of the register file."""
    from ..catalog import bundled_tables
    from .journal import current
    from .streams import warn

    table = bundled_tables().get(ident)
    if table is None:
        agreement(run_catalog(args), ident)  # names the id, or a close one
        raise QueryError(f"ID: '{ident}' cannot be copied from the bundled catalog")
    if register is None:
        raise QueryError(
            f"ID: '{ident}' is a bundled agreement: name the register it is to be copied into "
            "(`register` in the settings file, or --catalog FILE; see docs/cli.md, Settings)"
        )
    path = Path(register)
    data = current(path)
    old = b"" if data is None else data
    joined = old + (b"\n" if old and not old.endswith(b"\n\n") else b"") + table.rstrip() + b"\n"
    document = _parsed(path, joined)
    warn(f"gsomia-clock: {_shown(path)}: agreement '{ident}' copied from the bundled catalog")
    return _Found(path, data, joined, document, len(document["agreement"]) - 1)


def record(args: argparse.Namespace) -> int:
    """`record ID KIND`: the event added to its agreement's table; its history entry and the
    status after it printed (or the diff, with --dry-run)."""
    from ..catalog import agreement_of
    from ..catalog_text import with_event
    from . import text
    from .journal import changed, locked
    from .streams import write_json, write_stdout

    files = catalog_files(args)
    settings = settings_of(args)
    register = settings.register_file or (files[-1] if files else None)
    # Every file the event may go into is held at once (in one order, so two runs never wait
    # on each other), then read: what is read is what is written over.
    with locked(*{Path(name) for name in [*files, *([register] if register else [])]}):
        defined = found = _defined(files, args.id)
        if found is None and no_bundled(args):
            agreement(run_catalog(args), args.id)  # unknown: named, with a close id
        found = found or _copied(args, args.id.lower(), register)
        source = found.source
        file = _shown(found.path)
        table = found.document["agreement"][found.place]
        before = agreement_of(table, found.place + 1, file)
        event: dict[str, Any] = {"date": before.day(args.on), "kind": args.kind}
        for key in _OPTIONAL:  # a bad day named as `status --on` names one: `ID: until: …`
            value = getattr(args, key)
            if value is not None:
                event[key] = before.day(value, key) if key in ("effective", "until") else value
        events = table.get("event", [])
        after = agreement_of({**table, "event": [*events, event]}, found.place + 1, file)
        bom = source.startswith(codecs.BOM_UTF8)
        old_text = source.removeprefix(codecs.BOM_UTF8).decode("utf-8")
        try:
            new_text = with_event(old_text, found.place, event, parsed=found.document)
        except ValueError as error:
            raise CatalogError(f"the event cannot be recorded here: {error}", file=file) from None
        new = (codecs.BOM_UTF8 if bom else b"") + new_text.encode("utf-8")
        if args.dry_run:
            write_stdout(_diff(found.data, new, file))
            return 0
        changed(found.path, found.data, new, f"record {after.id} {args.kind}")
        if defined is not None and defined.data is not None:  # a copy replaces one: index anew
            from .agenda_cache import recorded

            recorded(files, not no_bundled(args), defined.path, defined.data, after)
    entries = after.history()
    entry = next(e for e in reversed(entries) if (e.date, e.kind) == (event["date"], args.kind))
    status = after.status()
    if args.json:
        write_json({"event": entry.to_dict(), "status": status.to_dict()})
    else:
        write_stdout("\n".join([f"{file}: recorded", *text.entry_lines(entry)]))
        write_stdout(text.status_text(status, after, today=after.today()))
    return 0


def undo(args: argparse.Namespace) -> int:
    """`undo`: the file the latest kept change made put back as it was, if it still is as that
    change left it."""
    from .journal import current, latest, locked, matches, undone
    from .streams import write_stdout
    from .whole_files import write_whole

    kept = latest()
    if kept is None:
        raise QueryError("there is no change of ours left to undo")
    entry, change = kept
    path = Path(change["file"])
    with locked(path):
        now = current(path)
        if not matches(change, now):
            what = "no longer exists" if now is None else "has changed since"
            raise CatalogError(
                f"{what} `{change['what']}` ({change['when']}); undo would lose that, so "
                "nothing was written",
                file=_shown(path),
            )
        before = undone(change)
        if args.dry_run:
            write_stdout(_diff(now, before, _shown(path)))
            return 0
        if before is None:
            os.unlink(path)
        else:
            write_whole(path, before)
        entry.unlink()
    write_stdout(f"{_shown(path)}: undid `{change['what']}`")
    return 0


def onto_catalog(
    args: argparse.Namespace, output: Path, csv_text: str, catalog: str, delimiter: str | None
) -> int:
    """`import -o CATALOG` onto a catalog that exists: refused unless --merge or --replace;
    then written whole under a lock, checked, kept to be undone, and summed up."""
    from ..catalog import read_catalog
    from ..catalog_text import merged
    from ..spreadsheet import AGREEMENT_COLUMNS, EXIT_COLUMNS, header_keys
    from .journal import changed, current, locked
    from .streams import write_stdout

    name = _shown(output)
    if not (args.merge or args.replace):
        raise QueryError(
            f"-o: {name} exists: give --merge (keep every key, exit, event and comment the CSV "
            "does not carry) or --replace (the CSV's agreements alone)"
        )
    with locked(output):
        data = current(output)
        old = (data or b"").removeprefix(codecs.BOM_UTF8).decode("utf-8", "replace")
        if data is not None:
            read_catalog(data, name=name)  # a file to merge into is a catalog, or is named
        if args.replace:
            new_text, summary = (
                catalog,
                f"{name}: replaced by {catalog.count('[[agreement]]')} agreements",
            )
        else:
            keys = header_keys(csv_text, delimiter)
            carried = tuple(k for k in AGREEMENT_COLUMNS if k in keys and k != "id")
            exits = any(k in keys for k in EXIT_COLUMNS)
            try:
                done = merged(old, catalog, carried, exits)
            except ValueError as error:
                raise CatalogError(f"cannot merge in place: {error}", file=name) from None
            new_text = done.text
            summary = (
                f"{name}: {len(done.added)} added, {len(done.updated)} updated, "
                f"{len(done.unchanged)} unchanged, {len(done.only_in_file)} only in the file"
            )
        new = new_text.encode("utf-8")
        read_catalog(new, name=name)
        if args.dry_run:
            write_stdout(_diff(data, new, name) or summary)
            return 0
        if new != data:
            changed(output, data, new, "import --replace" if args.replace else "import --merge")
    write_stdout(summary)
    return 0


def export(args: argparse.Namespace) -> int:
    """`export [ID...]`: the agreements as their files define them (later files replacing
    earlier ones, the bundled catalog first), in TOML, or with --csv in `import`'s columns."""
    import tomli

    from ..catalog import bundled_tables
    from ..catalog_text import agreement_lines
    from ..spreadsheet import register_rows
    from .journal import current
    from .streams import warn, write_data
    from .tables import csv_text
    from .whole_files import STDOUT, output_path, write_whole

    output = output_path(args.output or STDOUT, inputs(args))
    found: dict[str, tuple[dict[str, Any], str]] = {}  # id → (table, its TOML text)
    if not no_bundled(args):
        for ident, table in bundled_tables().items():
            found[ident] = (tomli.loads(table.decode())["agreement"][0], table.decode())
    for name in catalog_files(args):
        data = current(Path(name))
        if data is None:
            run_catalog(args)  # names the missing file as every command does
            continue
        text = data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
        lines = text.splitlines(keepends=True)
        tables = _parsed(Path(name), data).get("agreement", [])
        for (first, end), table in zip(agreement_lines(text), tables, strict=True):
            found[table["id"]] = (table, "".join(lines[first:end]))
    by_lower = {ident.lower(): ident for ident in found}
    chosen = list(found) if not args.ids else []
    for wanted in args.ids:
        if wanted.lower() not in by_lower:
            agreement(run_catalog(args), wanted)  # names it, with a close id
        if by_lower[wanted.lower()] not in chosen:
            chosen.append(by_lower[wanted.lower()])
    if args.csv:
        columns, rows, left = register_rows([found[ident][0] for ident in chosen])
        written = csv_text(columns, rows) + "\n"
        if left:
            warn(f"gsomia-clock: {left} event{'s' if left != 1 else ''} or keys no column "
                 "carries are not exported; `import --merge` keeps them in the file")  # fmt: skip
    else:
        written = "\n".join(found[ident][1].rstrip("\n") + "\n" for ident in chosen)
    if output is None:
        write_data(written.rstrip("\n"))
    else:
        write_whole(output, written.encode())
    return 0
