"""Catalog loading: later files, a read-only catalog, the bundled file's full check.

Every mistake in a catalog file is a row of the bad-input table in test_bad_input.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from gsomia_clock import CatalogError, load_catalog
from gsomia_clock.catalog import read_catalog

from .helpers import MINIMAL

HEADER = MINIMAL


def test_later_file_replaces_a_bundled_agreement_with_the_same_id(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(HEADER.replace('id = "x"', 'id = "gsomia"'))
    catalog = load_catalog(path)
    assert catalog["gsomia"].name == "X"
    assert "nato" in catalog
    assert catalog.files[-1] == str(path)


def test_catalog_is_read_only() -> None:
    catalog = load_catalog()
    with pytest.raises(TypeError):
        catalog["gsomia"] = catalog["nato"]  # type: ignore[index]


def test_the_bundled_catalog_passes_the_full_check() -> None:
    # load_catalog trusts the bundled file and compiles its histories lazily; this is the check.
    from gsomia_clock import catalog as module

    agreements = read_catalog(module._BUNDLED_PATH)
    assert {a.id for a in agreements} == set(load_catalog())


def test_the_bundled_catalog_read_one_agreement_at_a_time_is_the_whole_file_read_at_once() -> None:
    from gsomia_clock import catalog as module

    whole = read_catalog(module._BUNDLED_PATH)
    assert list(load_catalog().items()) == [(a.id, a) for a in whole]


def test_a_catalog_saved_with_a_byte_order_mark_reads_as_without(tmp_path: Path) -> None:
    path = tmp_path / "notepad.toml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    (agreement,) = read_catalog(path)
    assert agreement.id == "x"


def test_a_very_long_key_is_named_within_one_bounded_line() -> None:
    key = "k" * 100_000
    with pytest.raises(CatalogError) as raised:
        read_catalog(f"{MINIMAL}{key} = 1\n".encode(), name="long.toml")
    message = str(raised.value)
    assert message.startswith("long.toml: agreement[1].kkk") and "\n" not in message
    assert len(message) < 500 and "unknown key" in message
