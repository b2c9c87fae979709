"""`gsomia-clock import`: a register kept as a spreadsheet becomes a catalog, or nothing is written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gsomia_clock import CatalogError, Duration
from gsomia_clock.catalog import read_catalog
from gsomia_clock.spreadsheet import catalog_from_csv

from .helpers import PREFIX, assert_refused, invoke

REGISTER = """\
id,name,parties,in_force,term,renewal,effect,notice,calendar,owner,reference,tags,grace,every,anchor
office-lease,Office lease,TENANT;LANDLORD,2024-01-01,P2Y,P1Y,end-of-term,P3M,,Facilities,L-17,lease; berlin,,,
office-lease,,,,,,after-notice,P1Y,,,,,,,
flat,"Flat, Berlin",TENANT;LANDLORD,2020-04-01,,,end-of-period,P3M,DE-BE,,,,3,P1M,2000-01-01
"""


def test_a_spreadsheet_register_becomes_the_catalog_it_describes() -> None:
    lease, flat = read_catalog(catalog_from_csv(REGISTER, name="r.csv").encode())
    assert (lease.id, lease.parties, lease.in_force) == (
        "office-lease",
        ("TENANT", "LANDLORD"),
        date(2024, 1, 1),
    )
    assert (lease.owner, lease.reference, lease.tags) == ("Facilities", "L-17", ("lease", "berlin"))
    assert [x.effect for x in lease.exits] == ["end-of-term", "after-notice"]  # two rows, two exits
    assert (flat.name, flat.calendar, flat.exits[0].grace) == ("Flat, Berlin", "DE-BE", 3)
    assert flat.exits[0].period is not None and flat.exits[0].period.every == Duration(months=1)


def test_import_writes_the_catalog_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("r.csv").write_text("\ufeff" + REGISTER)  # a spreadsheet's byte order mark is no cell
    done = invoke(capsys, "import", "r.csv", "-o", "r.toml")
    assert done.returncode == 0, done.stderr
    assert done.stderr == "r.toml: 2 agreements\n"
    assert [a.id for a in read_catalog("r.toml")] == ["office-lease", "flat"]
    listed = invoke(capsys, "--no-bundled", "--catalog", "r.toml", "agenda", "--json")
    assert listed.returncode == 0 and "office-lease" in listed.stdout


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("P3M,DE-BE", "P3X,DE-BE"), "row 4, column notice: 'P3X' is not an ISO 8601 duration"),
        (
            ("2020-04-01", "2020-13-01"),
            "row 4, column in_force: '2020-13-01' is not a day of the form YYYY-MM-DD",
        ),
        (("DE-BE", "DE-XX"), "row 4, column calendar: 'DE-XX': DE has no subdivision 'XX'"),
        ((",3,", ",three,"), "row 4, column grace: 'three' is not a whole number"),
        (("TENANT;LANDLORD,2020", "TENANT;TENANT,2020"), "row 4, column parties: "),
        (
            ("\nflat,", "\noffice-lease,"),
            "row 4, column name: 'Flat, Berlin': a row that continues agreement 'office-lease'",
        ),
        (("effect,notice", "effect,notise"), "column 8: 'notise' is no catalog key"),
    ],
)
def test_a_bad_cell_is_named_by_row_column_and_value_and_nothing_is_written(
    change: tuple[str, str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    Path("r.csv").write_text(REGISTER.replace(*change, 1))
    done = invoke(capsys, "import", "r.csv", "-o", "r.toml")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(PREFIX + "r.csv") and message in done.stderr, done.stderr
    assert not Path("r.toml").exists()


def test_an_import_never_overwrites_its_spreadsheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("r.csv").write_text(REGISTER)
    done = invoke(capsys, "import", "r.csv", "-o", "r.csv")
    assert done.returncode == 2 and "is an input of this run" in done.stderr
    assert Path("r.csv").read_text() == REGISTER


def test_a_spreadsheet_that_is_not_utf8_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("r.csv").write_bytes(REGISTER.replace("Flat", "Wohnung in Köln").encode("latin-1"))
    assert_refused(
        invoke(capsys, "import", "r.csv"), PREFIX + "r.csv: is not UTF-8 text (byte 273)"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "has no header row"),
        ("name,parties\nx,AA;BB\n", "has no 'id' column"),
        ("id,id\n", "column 2: 'id' is given twice"),
        ("id,name\n", "has no row below its header"),
        ("id,name\n,Unnamed\n", "row 2, column id: is empty"),
        ("id,name\nx,X,extra\n", "row 2: 3 cells, but the header names 2"),
    ],
)
def test_a_spreadsheet_without_a_register_in_it_is_refused(text: str, message: str) -> None:
    with pytest.raises(CatalogError, match=message):
        catalog_from_csv(text, name="r.csv")


def test_several_anchors_and_yes_or_no_are_read() -> None:
    text = (
        "id,name,parties,in_force,multilateral,effect,notice,every,anchor\n"
        "coe,Council,FR;GB;GR,1949-08-03,yes,end-of-period,P3M,P1Y,2000-01-01;2000-07-01\n"
    )
    (coe,) = read_catalog(catalog_from_csv(text, name="r.csv").encode())
    assert coe.multilateral is True
    assert coe.exits[0].period is not None
    assert coe.exits[0].period.anchors == (date(2000, 1, 1), date(2000, 7, 1))


def _refusal(text: str) -> str:
    with pytest.raises(CatalogError) as raised:
        catalog_from_csv(text, name="r.csv")
    return str(raised.value)


def test_each_refusal_is_said_whole_naming_the_file_the_row_and_the_column() -> None:
    bad_notice = REGISTER.replace("P3M,DE-BE", "P3X,DE-BE")
    assert _refusal(bad_notice) == (
        "r.csv (agreement 'flat'): row 4, column notice: 'P3X' is not an ISO 8601 duration "
        "such as P90D, P6M, P1Y or P1Y6M"
    )
    no_effect = "id,name,parties,in_force,notice\nx,X,AA;BB,2020-01-01,P1M\n"
    assert _refusal(no_effect) == "r.csv (agreement 'x'): row 2, column effect: is required"
    again = REGISTER + "office-lease,Again,AA;BB,2020-01-01,,,after-notice,P1M,,,,,,,\n"
    assert _refusal(again) == (
        "r.csv (agreement 'office-lease'): row 5, column id: 'office-lease' is already the id of "
        "agreement[1]"
    )
    second_exit = REGISTER.replace(",after-notice,P1Y,", ",after-notice,P1Z,")
    assert _refusal(second_exit).startswith(
        "r.csv (agreement 'office-lease'): row 3, column notice: 'P1Z'"
    )
    assert _refusal("") == "r.csv: has no header row naming catalog keys"
    assert _refusal("name\nx\n") == "r.csv: has no 'id' column"
    assert _refusal("id,name\n\n\n") == "r.csv: has no row below its header"
    assert _refusal("id,name,multilateral\nx,X,maybe\n") == (
        "r.csv: row 2, column multilateral: 'maybe' is not true or false"
    )


def test_cells_become_toml_values_of_their_kind() -> None:
    text = (
        "id,name,parties,in_force,multilateral,effect,notice,every,anchor\n"
        "\n"
        "k,Wohnung in Köln,AA;BB,2020-01-01,no,end-of-period,P3M,P1M,2000-01-01\n"
    )
    catalog = catalog_from_csv(text, name="r.csv")
    assert 'name = "Wohnung in Köln"' in catalog  # as written, not escaped
    assert "multilateral = false" in catalog
    assert "anchor = 2000-01-01\n" in catalog
    (flat,) = read_catalog(catalog.encode())
    assert flat.multilateral is False


# What spreadsheets write

ONE = "id,name,parties,in_force,text\nkr,Korea,KR;JP,2016-11-23,{text}\n"


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR (Excel for Mac)"])
def test_lines_ended_as_any_spreadsheet_ends_them_are_rows(ending: str) -> None:
    text = REGISTER.replace("\n", ending)
    assert [a.id for a in read_catalog(catalog_from_csv(text, name="r.csv").encode())] == [
        "office-lease",
        "flat",
    ]


def test_a_clause_pasted_into_a_cell_is_read_whole_however_long() -> None:
    clause = "§ 573c " + "x" * 300_000  # the csv module stops at 128 KiB unless told
    (found,) = read_catalog(catalog_from_csv(ONE.format(text=clause), name="r.csv").encode())
    assert found.text == clause


def test_control_characters_in_a_cell_are_written_as_toml_escapes() -> None:
    name = "A\x7fB\x01C\x1bD"  # DEL is a control character JSON leaves as it is; TOML does not
    text = f"id,name,parties,in_force\nkr,{name},KR;JP,2016-11-23\n"
    catalog = catalog_from_csv(text, name="r.csv")
    assert 'name = "A\\u007fB\\u0001C\\u001bD"' in catalog
    (found,) = read_catalog(catalog.encode())
    assert found.name == name


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'id,name,parties,in_force\nkr,"Korea,KR;JP,2016-11-23\n',
            "r.csv: row 2, column name: a quote opened here is never closed",
        ),
        (
            'id,name,parties,in_force\nkr,Korea,KR;JP,"2016-11-23\n',
            "r.csv: row 2, column in_force: a quote opened here is never closed",
        ),
        (
            'id,name,parties,in_force\nkr,"Korea" Republic,KR;JP,2016-11-23\n',
            "r.csv: row 2, column name: text after the quote that closes the cell",
        ),
        (
            'id,name,parties,in_force\nkr,"two\nlines",KR;JP,2016-11-23\njp,"Japan,JP;KR,2016-11-23',
            "r.csv: row 3, column name: a quote opened here is never closed",
        ),
        ('id,"name\n', "r.csv: row 1, column 2: a quote opened here is never closed"),
    ],
)
def test_a_quote_never_closed_is_blamed_on_the_cell_that_opened_it(text: str, message: str) -> None:
    assert _refusal(text) == message


@pytest.mark.parametrize("sign", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_our_csv_guarded_against_formulas_is_read_as_it_was(sign: str) -> None:
    name = f"{sign}HYPERLINK(x)"
    text = ONE.format(text="").replace("Korea", f'"\'{name}"')
    (found,) = read_catalog(catalog_from_csv(text, name="r.csv").encode())
    assert found.name == name.strip()  # cells are read stripped, a tab and a CR too


def test_a_quote_mark_that_guards_nothing_is_part_of_the_cell() -> None:
    text = ONE.format(text="").replace("Korea", "'Korea'")
    (found,) = read_catalog(catalog_from_csv(text, name="r.csv").encode())
    assert found.name == "'Korea'"
