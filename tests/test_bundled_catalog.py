"""The catalog `load_catalog` builds: the bundled file, trusted, each agreement read when first
asked for and checked in full only on demand; later files that add agreements or replace them,
each file named; and a mapping no one can change.

Every mistake in a catalog file is a row of the bad-input table in test_bad_input.py; what a good
file reads as is in test_catalog_files.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gsomia_clock import CatalogError, load_catalog
from gsomia_clock import catalog as catalog_module
from gsomia_clock.catalog import BUNDLED, catalog_of, read_catalog

from .helpers import GSOMIA_LIKE, MINIMAL

# A history that cannot have happened: AA revokes a notice it never gave.
REVOKE_WITHOUT_NOTICE = '\n[[agreement.event]]\ndate = 2019-08-23\nkind = "revoke"\nparty = "AA"\n'
IMPOSSIBLE = GSOMIA_LIKE + REVOKE_WITHOUT_NOTICE
IMPOSSIBLE_REASON = "2019-08-23 revoke by AA: AA has no notice to revoke"


# -- the bundled catalog: trusted, read when asked for, checked in full on demand --------------


def test_the_bundled_catalog_passes_the_full_check() -> None:
    # load_catalog trusts the bundled file and compiles its histories lazily; this is the check.
    agreements = read_catalog(catalog_module._BUNDLED_PATH)
    assert {a.id for a in agreements} == set(load_catalog())


def test_the_bundled_catalog_read_one_agreement_at_a_time_is_the_whole_file_read_at_once() -> None:
    whole = read_catalog(catalog_module._BUNDLED_PATH)
    assert list(load_catalog().items()) == [(a.id, a) for a in whole]


def test_the_bundled_catalog_is_trusted_and_checked_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "catalog.toml"
    bundled.write_text(IMPOSSIBLE)
    monkeypatch.setattr(catalog_module, "_BUNDLED_PATH", str(bundled))
    catalog = load_catalog()
    assert catalog.files == (BUNDLED,)
    evergreen = catalog["evergreen"]  # read, not compiled
    with pytest.raises(CatalogError) as raised:
        evergreen.status(on="2020-01-01")
    assert raised.value.reason == IMPOSSIBLE_REASON


def test_a_catalog_read_unchecked_refuses_an_impossible_history_at_the_first_question() -> None:
    (unchecked,) = read_catalog(IMPOSSIBLE.encode(), name="trusted.toml", validate=False)
    with pytest.raises(CatalogError) as raised:
        unchecked.status(on="2020-01-01")
    assert raised.value.reason == IMPOSSIBLE_REASON
    with pytest.raises(CatalogError):
        read_catalog(IMPOSSIBLE.encode(), name="checked.toml")


def test_each_bundled_agreement_is_read_when_first_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "catalog.toml"
    bundled.write_text(
        MINIMAL + MINIMAL.replace('id = "x"', 'id = "y"').replace('name = "X"\n', "")
    )
    monkeypatch.setattr(catalog_module, "_BUNDLED_PATH", str(bundled))
    catalog = load_catalog()  # y has no name: a whole file would be refused here
    assert list(catalog) == ["x", "y"] and catalog["x"].name == "X"
    with pytest.raises(CatalogError) as raised:
        catalog["y"]
    assert str(raised.value) == f"{BUNDLED}: agreement[1].name (agreement 'y'): is required"


def test_a_bundled_catalog_not_written_a_table_per_id_is_read_whole_and_compiled_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "catalog.toml"
    bundled.write_text(IMPOSSIBLE.replace('id = "evergreen"', 'id="evergreen"'))
    monkeypatch.setattr(catalog_module, "_BUNDLED_PATH", str(bundled))
    evergreen = load_catalog()["evergreen"]
    with pytest.raises(CatalogError) as raised:
        evergreen.status(on="2020-01-01")
    assert raised.value.reason == IMPOSSIBLE_REASON
    assert raised.value.file is None  # the history's error, not the file's


def test_a_broken_bundled_catalog_is_named_as_the_bundled_catalog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "catalog.toml"
    bundled.write_text("[[agreement]\n")
    monkeypatch.setattr(catalog_module, "_BUNDLED_PATH", str(bundled))
    with pytest.raises(CatalogError) as raised:
        load_catalog()
    assert str(raised.value).startswith(f"{BUNDLED}: is not valid TOML: ")


def test_a_bundled_catalog_repeating_an_id_is_refused_as_a_whole_file_would_be(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "catalog.toml"
    bundled.write_text(MINIMAL + MINIMAL)
    monkeypatch.setattr(catalog_module, "_BUNDLED_PATH", str(bundled))
    with pytest.raises(CatalogError, match=r"'x' is already the id of agreement\[1\]"):
        load_catalog()


# -- later files: added, replacing, named ------------------------------------------------------


def test_later_file_replaces_a_bundled_agreement_with_the_same_id(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(MINIMAL.replace('id = "x"', 'id = "gsomia"'))
    catalog = load_catalog(path)
    assert catalog["gsomia"].name == "X"
    assert "nato" in catalog
    assert catalog.files[-1] == str(path)


def test_an_agreement_replaced_by_a_later_file_names_both_files(tmp_path: Path) -> None:
    first, second = tmp_path / "first.toml", tmp_path / "second.toml"
    first.write_text(MINIMAL)
    second.write_text(MINIMAL.replace('name = "X"', 'name = "X, as amended"'))
    catalog = load_catalog(first, second, bundled=False)
    assert catalog.replaced == (("x", str(second), str(first)),)
    assert catalog["x"].name == "X, as amended"


def test_a_catalog_names_its_files_bundled_first(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(MINIMAL)
    bundled = load_catalog()
    catalog = load_catalog(path)
    assert catalog.files == (BUNDLED, str(path))
    assert len(catalog) == len(bundled) + 1
    assert repr(catalog) == f"<Catalog of {len(bundled) + 1} agreements from {BUNDLED}, {path}>"


def test_a_file_of_several_agreements_is_named_once(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(MINIMAL + MINIMAL.replace('id = "x"', 'id = "y"'))
    assert load_catalog(path).files == (BUNDLED, str(path))
    assert catalog_of([("mine.toml", path.read_bytes())]).files == (BUNDLED, "mine.toml")
    assert "gsomia" in catalog_of([])  # the bundled catalog unless left out


def test_a_catalog_without_the_bundled_file_holds_only_the_given_files(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(MINIMAL)
    catalog = load_catalog(path, bundled=False)
    assert list(catalog) == ["x"]
    assert repr(catalog) == f"<Catalog of 1 agreements from {path}>"


# -- a mapping no one can change ---------------------------------------------------------------


def test_catalog_is_read_only() -> None:
    catalog = load_catalog()
    with pytest.raises(TypeError):
        catalog["gsomia"] = catalog["nato"]  # type: ignore[index]
