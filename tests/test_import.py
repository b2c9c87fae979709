"""`gsomia-clock import`: a register kept as a spreadsheet becomes a catalog, or nothing is written."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from gsomia_clock import CatalogError, Duration, QueryError
from gsomia_clock.catalog import read_catalog
from gsomia_clock.errors import CatalogErrors
from gsomia_clock.spreadsheet import catalog_from_csv

from .helpers import PREFIX, assert_refused, invoke
from .strategies import WrittenRegister, written_registers

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
        ("id,name\nx,X,extra\n", "row 2, column 3: 'extra' is under no key of the header"),
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


def _refusal(text: str, delimiter: str | None = None) -> str:
    with pytest.raises(CatalogError) as raised:
        catalog_from_csv(text, name="r.csv", delimiter=delimiter)
    return str(raised.value)


def test_each_refusal_is_said_whole_naming_the_file_the_row_and_the_column() -> None:
    bad_notice = REGISTER.replace("P3M,DE-BE", "P3X,DE-BE")
    assert _refusal(bad_notice) == (
        "r.csv: row 4, column notice: 'P3X' is not an ISO 8601 duration such as P90D, P6M, P1Y "
        "or P1Y6M"
    )
    no_effect = "id,name,parties,in_force,notice\nx,X,AA;BB,2020-01-01,P1M\n"
    assert _refusal(no_effect) == "r.csv (agreement 'x'): row 2, column effect: is required"
    again = REGISTER + "office-lease,Again,AA;BB,2020-01-01,,,after-notice,P1M,,,,,,,\n"
    assert _refusal(again) == (
        "r.csv (agreement 'office-lease'): row 5, column id: 'office-lease' is already the id of "
        "agreement[1]"
    )
    second_exit = REGISTER.replace(",after-notice,P1Y,", ",after-notice,P1Z,")
    assert _refusal(second_exit).startswith("r.csv: row 3, column notice: 'P1Z'")
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


@pytest.mark.parametrize(
    "endings",
    [["\n"], ["\r\n"], ["\r"], ["\r\n", "\n", "\r"]],
    ids=["LF", "CRLF", "CR (Excel for Mac)", "mixed"],
)
def test_lines_ended_as_any_spreadsheet_ends_them_are_rows(endings: list[str]) -> None:
    lines = REGISTER.splitlines()
    text = "".join(line + endings[n % len(endings)] for n, line in enumerate(lines))
    assert catalog_from_csv(text, name="r.csv") == catalog_from_csv(REGISTER, name="r.csv")


def _rewritten(text: str, delimiter: str, more: list[str] | None = None) -> str:
    """`text` (a CSV of commas) as a spreadsheet writes it with `delimiter`, quoting what it must,
    each row followed by the cells `more`."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerows(row + (more or []) for row in csv.reader(io.StringIO(text)))
    return out.getvalue()


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_a_register_separated_by_commas_or_semicolons_is_read_without_being_told_which(
    delimiter: str,
) -> None:
    text = _rewritten(REGISTER, delimiter)  # `;`: "Flat, Berlin" bare, "TENANT;LANDLORD" quoted
    assert catalog_from_csv(text, name="r.csv") == catalog_from_csv(REGISTER, name="r.csv")


def test_a_misspelt_key_of_a_semicolon_header_is_named_as_a_column_of_its_own() -> None:
    text = 'id;name;parties;in_forse\nkr;Korea;"KR;JP";2016-11-23\n'
    assert _refusal(text).startswith("r.csv: column 4: 'in_forse' is no catalog key (known: id,")


def test_a_tab_separated_register_is_read_with_delimiter_tab(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("r.tsv").write_text(_rewritten(REGISTER, "\t"))
    done = invoke(capsys, "import", "r.tsv", "--delimiter", "tab")
    assert done.returncode == 0, done.stderr
    assert done.stdout == catalog_from_csv(REGISTER, name="r.csv").rstrip("\n") + "\n"


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_given_is_the_one_taken(delimiter: str) -> None:
    for other in {",", ";", "\t"} - {delimiter}:
        text = _rewritten(REGISTER, other)
        assert "is no catalog key" in _refusal(text, delimiter=delimiter)  # one column, unknown
    text = _rewritten(REGISTER, delimiter)
    assert catalog_from_csv(text, name="r.csv", delimiter=delimiter) == catalog_from_csv(
        REGISTER, name="r.csv"
    )


@pytest.mark.parametrize("delimiter", ["|", ",,", "", "tab", " ", "\n"])
def test_a_delimiter_no_spreadsheet_writes_is_refused_naming_the_parameter(delimiter: str) -> None:
    with pytest.raises(QueryError) as raised:
        catalog_from_csv(REGISTER, name="r.csv", delimiter=delimiter)
    assert raised.value.parameter == "delimiter"
    assert str(raised.value) == (
        f"delimiter: {delimiter!r} is not a delimiter spreadsheets write: ',', ';' or a tab"
    )


def test_empty_cells_after_the_headers_last_key_are_no_columns() -> None:
    text = _rewritten(REGISTER, ";", ["", " "])  # LibreOffice's `;;` at the end of each line
    assert text.splitlines()[0].endswith(";; ")
    assert catalog_from_csv(text, name="r.csv") == catalog_from_csv(REGISTER, name="r.csv")


@given(written_registers())
def test_a_register_reads_the_same_however_a_spreadsheet_wrote_it(
    register: WrittenRegister,
) -> None:
    # `,` and `;` are recognised; a tab is named (it is never guessed)
    delimiter = register.delimiter if register.delimiter == "\t" else None
    assert catalog_from_csv(register.written, name="r.csv", delimiter=delimiter) == (
        catalog_from_csv(register.plain, name="r.csv")
    )


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


# Every bad cell at once

SLIPS = (
    REGISTER.replace("2024-01-01", "2024-13-01")
    .replace("P2Y", "2 years")
    .replace("P3M,DE-BE", "P3X,DE-BE")
    .replace(",3,", ",three,")
)


def test_every_bad_cell_is_said_at_once_in_the_files_order_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("r.csv").write_text(SLIPS)
    done = invoke(capsys, "import", "r.csv", "-o", "r.toml")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines() == [
        PREFIX + "r.csv: row 2, column in_force: '2024-13-01' is not a day of the form YYYY-MM-DD",
        PREFIX + "r.csv: row 2, column term: '2 years' is not an ISO 8601 duration: write P2Y",
        PREFIX + "r.csv: row 4, column notice: 'P3X' is not an ISO 8601 duration such as P90D, "
        "P6M, P1Y or P1Y6M",
        PREFIX + "r.csv: row 4, column grace: 'three' is not a whole number",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv"]


def test_each_bad_cell_is_an_error_of_its_own_to_the_library() -> None:
    with pytest.raises(CatalogErrors) as raised:
        catalog_from_csv(SLIPS, name="r.csv")
    errors = raised.value.errors
    assert str(raised.value).splitlines() == [str(error) for error in errors]
    assert [error.file for error in errors] == ["r.csv"] * 4
    assert [str(error).split(":")[1] for error in errors] == [
        " row 2, column in_force", " row 2, column term", " row 4, column notice",
        " row 4, column grace",
    ]  # fmt: skip


@pytest.mark.parametrize("count", [1, 49, 50, 51, 200])
def test_a_file_bad_throughout_is_said_in_fifty_lines_the_last_counting_the_rest(
    count: int,
) -> None:
    text = "id,name,parties,in_force\n" + "".join(f"a{n},A,AA;BB,soon\n" for n in range(count))
    with pytest.raises(CatalogErrors) as raised:
        catalog_from_csv(text, name="r.csv")
    assert len(raised.value.errors) == count  # every one, for a program to go through
    lines = str(raised.value).splitlines()
    shown = count if count <= 50 else 49
    assert lines[:shown] == [
        f"r.csv: row {row}, column in_force: 'soon' is not a day of the form YYYY-MM-DD"
        for row in range(2, shown + 2)
    ]
    assert lines[shown:] == ([] if count <= 50 else [f"r.csv: {count - 49} more errors"])


def test_every_column_of_the_header_that_names_no_key_is_said_at_once() -> None:
    with pytest.raises(CatalogErrors) as raised:
        catalog_from_csv("id,nmae,name,efect,name\nx,,X,,\n", name="r.csv")
    assert [str(error).partition(" is ")[0] for error in raised.value.errors] == [
        "r.csv: column 2: 'nmae'",
        "r.csv: column 4: 'efect'",
        "r.csv: column 5: 'name'",
    ]
    assert str(raised.value.errors[2]).endswith("is given twice (column 3 too)")


def test_a_cell_in_a_row_longer_than_the_header_is_named_by_its_column_number() -> None:
    text = (
        "id,name,parties,in_force,,\nkr,Korea,KR;JP,2016-11-23,,\njp,Japan,JP;KR,2016-11-23,x,y\n"
    )
    with pytest.raises(CatalogErrors) as raised:
        catalog_from_csv(text, name="r.csv")
    assert [str(error) for error in raised.value.errors] == [
        "r.csv: row 3, column 5: 'x' is under no key of the header",
        "r.csv: row 3, column 6: 'y' is under no key of the header",
    ]


def test_the_catalogs_own_checks_come_once_every_cell_is_of_its_kind() -> None:
    twice = REGISTER + "office-lease,Again,AA;BB,2020-01-01,,,after-notice,P1M,,,,,,,\n"
    assert _refusal(twice.replace(",3,", ",three,")) == (
        "r.csv: row 4, column grace: 'three' is not a whole number"
    )  # the id given twice is not said yet: the cells come first
    with pytest.raises(CatalogError) as raised:
        catalog_from_csv(twice, name="r.csv")
    assert not isinstance(raised.value, CatalogErrors)  # the catalog's first error, as before
    assert str(raised.value).startswith("r.csv (agreement 'office-lease'): row 5, column id: ")


def test_the_catalogs_checks_name_every_row_at_fault_at_once() -> None:
    twice = REGISTER + "office-lease,Again,AA;BB,2020-01-01,,,after-notice,P1M,,,,,,,\n"
    both = twice + "flat,Again,AA;BB,2020-01-01,,,after-notice,P1M,,,,,,,\n"
    with pytest.raises(CatalogErrors) as raised:
        catalog_from_csv(both, name="r.csv")
    assert [str(error).partition("row ")[2][:13] for error in raised.value.errors] == [
        "5, column id:", "6, column id:",
    ]  # fmt: skip


# Days and durations: ISO 8601 only, but a cell that says one another way is told what to write

FOUR_DIGIT_YEARS = st.dates(min_value=date(1000, 1, 1))
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


def _day_refused(cell: str) -> str:
    return _refusal(f'id,name,parties,in_force\nkr,Korea,KR;JP,"{cell}"\n')


@given(FOUR_DIGIT_YEARS)
def test_a_day_written_another_way_is_refused_with_the_iso_day_to_write(day: date) -> None:
    name = MONTHS[day.month - 1]
    forms = [
        f"{day.day} {name} {day.year}", f"{day.day}. {name[:3]}. {day.year}",
        f"{name} {day.day}, {day.year}", f"{name[:3].lower()} {day.day}th {day.year}",
        f"{day.year}/{day.month}/{day.day}", f"{day.year}.{day.month:02}.{day.day:02}",
    ]  # fmt: skip
    if day.day > 12 or day.day == day.month:  # only one of day first and month first is a day
        forms += [
            f"{day.day:02}.{day.month:02}.{day.year}", f"{day.day}/{day.month}/{day.year}",
            f"{day.month}/{day.day}/{day.year}", f"{day.month:02}-{day.day:02}-{day.year}",
        ]  # fmt: skip
    for form in forms:
        assert _day_refused(form) == (
            f"r.csv: row 2, column in_force: {form!r} is not a day of the form YYYY-MM-DD: "
            f"write {day.isoformat()}"
        )


@given(st.builds(date, st.integers(1000, 9999), st.integers(1, 12), st.integers(1, 12)))
def test_a_day_that_reads_two_ways_is_refused_with_both(day: date) -> None:
    assume(day.day != day.month)  # 08/08: one day either way
    swapped = date(day.year, day.day, day.month)
    for form in (f"{day.day:02}/{day.month:02}/{day.year}", f"{day.day}.{day.month}.{day.year}"):
        assert _day_refused(form) == (
            f"r.csv: row 2, column in_force: {form!r} is not a day of the form YYYY-MM-DD; read "
            f"day first it is {day.isoformat()}, month first {swapped.isoformat()}: write the "
            "one meant"
        )


@pytest.mark.parametrize(
    "cell", ["32.13.2027", "31/02/2027", "24 Augsut 2027", "Ju 4, 2027", "24.08.27", "tomorrow"]
)
def test_a_cell_that_is_no_day_written_any_way_is_only_refused(cell: str) -> None:
    assert _day_refused(cell) == (
        f"r.csv: row 2, column in_force: {cell!r} is not a day of the form YYYY-MM-DD"
    )


UNITS = ("year", "month", "week", "day")


@given(
    st.dictionaries(st.sampled_from(UNITS), st.integers(0, 999), min_size=1),
    st.sampled_from([" ", ", ", " and "]),
    st.sampled_from(["notice", "term", "every", "earliest", "not_before"]),
)
def test_a_duration_spelled_out_is_refused_with_the_iso_duration_to_write(
    amounts: dict[str, int], joint: str, column: str
) -> None:
    spelled = joint.join(f"{n} {unit}{'s' if n != 1 else ''}" for unit, n in amounts.items())
    text = f'id,name,parties,in_force,effect,{column}\nkr,Korea,KR;JP,2016-11-23,,"{spelled}"\n'
    said = re.fullmatch(
        rf"r\.csv: row 2, column {column}: {re.escape(repr(spelled))} is not an ISO 8601 "
        r"duration: write (\S+)",
        _refusal(text),
    )
    assert said is not None, _refusal(text)
    assert Duration.parse(said[1]) == Duration(**{unit + "s": n for unit, n in amounts.items()})


@pytest.mark.parametrize("cell", ["1 year 2 years", "3 mois", "three months", "P3 months", "3"])
def test_a_cell_that_is_no_duration_spelled_out_is_only_refused(cell: str) -> None:
    text = f"id,name,parties,in_force,term\nkr,Korea,KR;JP,2016-11-23,{cell}\n"
    assert _refusal(text) == (
        f"r.csv: row 2, column term: {cell!r} is not an ISO 8601 duration such as P90D, P6M, "
        "P1Y or P1Y6M"
    )
