"""Strict catalog loading: every mistake is named, with the file, key path and value."""

from __future__ import annotations

from pathlib import Path

import pytest

from gsomia_clock import CatalogError, load_catalog
from gsomia_clock.catalog import read_catalog

from .conftest import MINIMAL

HEADER = MINIMAL


def load(text: str) -> None:
    read_catalog(text.encode(), name="bad.toml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[agreement]\n", "bad.toml: is not valid TOML: "),
        ("", "bad.toml: holds no [[agreement]]"),
        ("agreements = []", "bad.toml: agreements: unknown key; did you mean 'agreement'?"),
        (HEADER.replace('id = "x"', 'id = "X Y"'),
         "bad.toml: agreement[1].id (agreement 'X Y'): 'X Y' must be lower-case letters, digits and '-'"),
        (HEADER.replace('name = "X"\n', ""), "bad.toml: agreement[1].name (agreement 'x'): is required"),
        (HEADER + 'termm = "P1Y"\n',
         "bad.toml: agreement[1].termm (agreement 'x'): unknown key; did you mean 'term'?"),
        (HEADER + 'term = "1 year"\n',
         "bad.toml: agreement[1].term (agreement 'x'): '1 year' is not an ISO 8601 duration"),
        (HEADER + 'term = "PT12H"\n',
         "bad.toml: agreement[1].term (agreement 'x'): 'PT12H' has hours, minutes or seconds"),
        (HEADER + 'term = "P0D"\n', "agreement[1].term (agreement 'x'): 'P0D' must be longer than zero"),
        (HEADER + 'timezone = "Asia/Seol"\n',
         "agreement[1].timezone (agreement 'x'): 'Asia/Seol' is not an IANA zone name; did you mean 'Asia/Seoul'?"),
        (HEADER.replace("2020-01-01", '"2020-01-01"'),
         "agreement[1].in_force (agreement 'x'): '2020-01-01' must be a TOML date such as 2019-08-23 (no quotes)"),
        (HEADER + "multilateral = 1\n", "agreement[1].multilateral (agreement 'x'): 1 must be true or false"),
        (HEADER.replace('["AA", "BB"]', '["AA", "AA"]'), "agreement[1].parties (agreement 'x'): ['AA', 'AA'] names AA more than once"),
        (HEADER + '[[agreement.exit]]\neffect = "end-of-trem"\nnotice = "P1Y"\n',
         "agreement[1].exit[1].effect (agreement 'x'): 'end-of-trem' is not one of end-of-term, after-notice; did you mean 'end-of-term'?"),
        (HEADER + '[[agreement.exit]]\neffect = "after-notice"\n', "agreement[1].exit[1].notice (agreement 'x'): is required"),
        (HEADER + '[[agreement.event]]\ndate = 2021-01-01\nkind = "notice"\nparty = "aa"\n',
         "agreement[1].event[1].party (agreement 'x'): 'aa' is not one of the parties (AA, BB); did you mean 'AA'?"),
        (HEADER + '[[agreement.event]]\ndate = 2021-01-01\nkind = "notise"\nparty = "AA"\n',
         "agreement[1].event[1].kind (agreement 'x'): 'notise' is not one of notice, revoke"),
        (HEADER + '[[agreement.event]]\ndate = 2021-01-01\nkind = "extend"\n',
         "agreement[1].event[1].until (agreement 'x'): is required for extend events"),
        (HEADER + '[[agreement.event]]\ndate = 2021-01-01\nkind = "terminate"\nparty = "AA"\n',
         "agreement[1].event[1].party (agreement 'x'): 'AA' is not used by terminate events"),
        (HEADER + '[[agreement.event]]\ndate = 2021-01-01T10:00:00\nkind = "terminate"\n',
         "agreement[1].event[1].date (agreement 'x'): 2021-01-01T10:00:00 is a date-time without offset"),
        (HEADER + '[[agreement.event]]\ndate = 2021-02-01\nkind = "terminate"\n'
         '[[agreement.event]]\ndate = 2021-01-01\nkind = "terminate"\n',
         "agreement[1].event[2].date (agreement 'x'): 2021-01-01 is before event[1]'s 2021-02-01"),
        (HEADER + HEADER, "bad.toml: agreement[2].id (agreement 'x'): 'x' is already the id of agreement[1]"),
        (HEADER + '[[agreement.event]]\ndate = 2021-01-01\nkind = "suspend"\nparty = "AA"\non_resume = "later"\n',
         "agreement[1].event[1].on_resume (agreement 'x'): 'later' is not one of immediate, remaining, restart"),
        (HEADER + '[[agreement.event]]\ndate = 2021-01-01\nkind = "notice"\nparty = "AA"\n',
         "agreement[1].event[1] (agreement 'x'): 2021-01-01 notice by AA: the agreement has no exit clause"),
        (HEADER + '[[agreement.event]]\ndate = 2019-01-01\nkind = "terminate"\n',
         "agreement[1].event[1] (agreement 'x'): 2019-01-01 terminate: the agreement is not in force until 2020-01-01"),
    ],
)  # fmt: skip
def test_bad_catalog_is_named_precisely(text: str, message: str) -> None:
    with pytest.raises(CatalogError) as raised:
        load(text)
    assert message in str(raised.value)


def test_binary_file_is_not_utf8_text(tmp_path: Path) -> None:
    path = tmp_path / "binary.toml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff")
    with pytest.raises(CatalogError, match=r"binary\.toml: is not UTF-8 text"):
        read_catalog(path)


def test_missing_file_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match=r"missing\.toml: cannot be read \(No such file"):
        read_catalog(tmp_path / "missing.toml")


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
