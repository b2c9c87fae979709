"""Which catalogs a run reads, and the agreement a command names: `--catalog` files, else those of
`GSOMIA_CLOCK_CATALOG`, else the settings' `catalogs`; the bundled catalog unless `--no-bundled`,
`GSOMIA_CLOCK_NO_BUNDLED=1` or the settings leave it out (`--bundled` takes it back for a run).
Shared by the commands that ask the catalog and those that write its files."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..errors import QueryError
from .streams import warn

if TYPE_CHECKING:
    from ..agreement import Agreement
    from ..catalog import Catalog
    from ..selection import Selection
    from .settings import Settings

__all__ = [
    "agreement", "catalog_files", "inputs", "no_bundled", "run_catalog", "said_replaced", "selected",
    "settings_of",
]  # fmt: skip


def run_catalog(args: argparse.Namespace) -> Catalog:
    """The bundled catalog (unless left out) and the catalog files, an id that a file replaces
    said on standard error."""
    from ..catalog import load_catalog
    from .collector import kept_to_the_end, no_cyclic_gc

    with no_cyclic_gc():
        catalog = load_catalog(*catalog_files(args), bundled=not no_bundled(args))
    kept_to_the_end()
    said_replaced(catalog.replaced)
    return catalog


def said_replaced(replaced: Sequence[tuple[str, str, str]]) -> None:
    for ident, file, earlier in replaced:
        warn(f"gsomia-clock: {file}: agreement '{ident}' replaces the one of {earlier}")


def catalog_files(args: argparse.Namespace) -> list[str]:
    """The --catalog files, those given before the command first; with none, those named in
    GSOMIA_CLOCK_CATALOG (empty names there are skipped, as in PATH); an empty name is refused."""
    files = [*getattr(args, "catalogs_before", ()), *getattr(args, "catalogs", ())]
    if "" in files:
        raise QueryError("--catalog: '' is not a file name")
    if not files:
        files = [f for f in os.environ.get("GSOMIA_CLOCK_CATALOG", "").split(os.pathsep) if f]
    if not files:
        files = list(settings_of(args).catalogs)
    return files


def settings_of(args: argparse.Namespace) -> Settings:
    """The settings file's, read once a run, when a command first needs them."""
    found: Settings | None = getattr(args, "settings", None)
    if found is None:
        from .settings import read_settings

        found = args.settings = read_settings(os.environ)
    return found


def inputs(args: argparse.Namespace) -> tuple[str, ...]:
    """Every file the run reads, which no `-o` may overwrite: the catalogs, the bundled one."""
    from ..catalog import bundled_file

    return (*catalog_files(args), bundled_file())


def no_bundled(args: argparse.Namespace) -> bool:
    """Whether the bundled catalog is left out: --bundled or --no-bundled, else
    GSOMIA_CLOCK_NO_BUNDLED (1 or 0), else the settings' `bundled`."""
    left_out = getattr(args, "no_bundled_before", False) or getattr(args, "no_bundled", False)
    if getattr(args, "bundled_before", False) or getattr(args, "bundled", False):
        if left_out:
            raise QueryError("--bundled and --no-bundled: give one or the other")
        return False
    if left_out:
        return True
    said = os.environ.get("GSOMIA_CLOCK_NO_BUNDLED", "")
    if said in ("1", "0"):
        return said == "1"
    if said:
        raise QueryError(
            f"GSOMIA_CLOCK_NO_BUNDLED: {said!r} is not 1 (leave the bundled catalog out) or 0"
        )
    return settings_of(args).bundled is False


def agreement(catalog: Catalog, ident: str) -> Agreement:
    """The agreement ID names, or bad input naming ID (and a close id, or where to find them)."""
    from ..catalog import UnknownId

    try:
        return catalog.find(ident)
    except UnknownId as error:
        hint = "" if error.close else " (see `gsomia-clock list`)"
        raise QueryError(f"ID: {error}{hint}") from None


def selected(args: argparse.Namespace, catalog: Catalog, selection: Selection) -> list[Agreement]:
    """The agreements named (all by default) that the filters take; an id given twice is one
    agreement: its deadlines once, its UIDs once."""
    chosen = [agreement(catalog, i) for i in dict.fromkeys(args.ids or catalog)]
    return [a for a in chosen if selection.takes(a)]
