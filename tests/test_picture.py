"""The timeline picture: the story it tells, its marks and titles, labels that never overlap."""

from __future__ import annotations

import struct
import sys
import unicodedata
import xml.etree.ElementTree as ET
from datetime import date
from itertools import combinations, pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gsomia_clock import Agreement, Boundaries, ClockError, Duration, Exit, load_catalog
from gsomia_clock.days import short_day
from gsomia_clock.picture import STATE_COLOURS, WIDTH, png_of, timeline_svg

from .helpers import PREFIX, assert_refused, invoke
from .strategies import agreements, any_text, day_near

SVG = "{http://www.w3.org/2000/svg}"


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # well-formed XML, or this fails


def heading(root: ET.Element) -> str:
    """The agreement's name as written at the top of the picture."""
    return root.findtext(f"{SVG}text") or ""


# What a catalog's string may hold that XML cannot, cairo cannot draw or a reader would not see:
# the C0 controls (but tab, LF and CR), DEL, the C1 controls, noncharacters.
UNSHOWN = [
    chr(point)
    for point in (*range(0x20), *range(0x7F, 0xA0), 0xFDD0, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF)
    if chr(point) not in "\t\n\r"
]


def code(character: str) -> str:
    """A character as TOML and JSON escape it, and as the picture shows one it cannot hold."""
    point = ord(character)
    return f"\\u{point:04x}" if point <= 0xFFFF else f"\\U{point:08x}"


def as_shown(text: str) -> str:
    """`text` as the picture shows it, read back as XML reads it (a CR as a LF)."""
    shown = "".join(code(c) if _unshown(c) else c for c in text)
    return shown.replace("\r\n", "\n").replace("\r", "\n")


def _unshown(character: str) -> bool:
    point = ord(character)
    controls = unicodedata.category(character) in ("Cc", "Cs") and character not in "\t\n\r"
    return controls or 0xFDD0 <= point <= 0xFDEF or point & 0xFFFE == 0xFFFE


def marks(root: ET.Element) -> list[tuple[str, str, str]]:
    """(kind, title, label) of each mark."""
    found = []
    for group in root.iter(f"{SVG}g"):
        kind = group.get("class", "")
        if kind.startswith("mark "):
            title = group.findtext(f"{SVG}title") or ""
            found.append((kind.removeprefix("mark "), title, group.findtext(f"{SVG}text") or ""))
    return found


def states(root: ET.Element) -> list[str]:
    """The titles of the state bars, left to right, band after band."""
    return [
        rect.findtext(f"{SVG}title") or ""
        for rect in root.iter(f"{SVG}rect")
        if rect.get("class", "").startswith("state ")
    ]


def label_boxes(root: ET.Element) -> list[tuple[float, float, float, float]]:
    """Each mark's label as (left, top, right, bottom): its width is fixed by textLength."""
    boxes = []
    for group in root.iter(f"{SVG}g"):
        if group.get("class", "").startswith("mark "):
            text = group.find(f"{SVG}text")
            assert text is not None
            x, y, width = (float(text.get(k, "nan")) for k in ("x", "y", "textLength"))
            boxes.append((x, y - 10, x + width, y + 3))
    return boxes


def overlapping(boxes: list[tuple[float, float, float, float]]) -> list[object]:
    return [
        (a, b)
        for a, b in combinations(boxes, 2)
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    ]


@pytest.fixture
def cairo() -> None:
    """cairosvg and the cairo library, or the test is skipped."""
    try:
        import cairosvg  # noqa: F401
    except (ImportError, OSError) as missing:
        pytest.skip(f"no PNG here: the 'png' extra or the cairo library is missing ({missing})")


@pytest.fixture
def gsomia_2016_2027(gsomia: Agreement) -> ET.Element:
    return parsed(timeline_svg(gsomia, "2016-11-01", "2027-12-31", today="2026-11-24"))


def test_the_gsomia_picture_tells_the_2019_to_2023_story(gsomia_2016_2027: ET.Element) -> None:
    assert states(gsomia_2016_2027) == [
        "KR–JP: not in force from 1 Nov 2016",
        "KR–JP: in force from 23 Nov 2016",
        "KR–JP: notice pending from 23 Aug 2019",
        "KR–JP: notice suspended from 22 Nov 2019",
        "KR–JP: in force from 21 Mar 2023",
    ]
    events = {(kind, label) for kind, _, label in marks(gsomia_2016_2027) if kind in ("notice", "suspend", "revoke")}  # fmt: skip
    assert events == {
        ("notice", "KR gives notice 23 Aug 2019"),
        ("suspend", "KR suspends notice 22 Nov 2019"),
        ("revoke", "KR revokes 21 Mar 2023"),
    }


def test_every_24_august_and_23_november_is_marked_with_its_date(
    gsomia_2016_2027: ET.Element,
) -> None:
    found = marks(gsomia_2016_2027)
    assert [label for kind, _, label in found if kind == "last-notice-day"] == [
        f"24 Aug {year}" for year in range(2017, 2028)
    ]
    assert [label for kind, _, label in found if kind == "renewal"] == [
        f"23 Nov {year}" for year in range(2017, 2028)
    ]
    title = next(title for kind, title, label in found if label == "24 Aug 2019")
    assert title == (
        "24 Aug 2019: GSOMIA: last day for notice to take effect at the end of the term, "
        "23 November 2019"
    )


def test_every_mark_says_what_it_is_and_today_is_marked(gsomia_2016_2027: ET.Element) -> None:
    for kind, title, label in marks(gsomia_2016_2027):
        assert title.startswith(label[-11:].strip() + ": "), (kind, title, label)
    (today,) = [g for g in gsomia_2016_2027.iter(f"{SVG}g") if g.get("class") == "today"]
    assert today.findtext(f"{SVG}title") == "today, 24 Nov 2026"
    assert gsomia_2016_2027.findtext(f"{SVG}title") == (
        "Korea–Japan General Security of Military Information Agreement (GSOMIA): timeline, "
        "1 Nov 2016 to 31 Dec 2027"
    )


def test_today_outside_the_period_is_not_drawn(gsomia: Agreement) -> None:
    root = parsed(timeline_svg(gsomia, "2019-01-01", "2019-12-31", today="2026-11-24"))
    assert [g for g in root.iter(f"{SVG}g") if g.get("class") == "today"] == []


def test_the_five_states_differ_in_greyscale() -> None:
    def lightness(colour: str) -> float:
        red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    values = sorted(lightness(c) for c in STATE_COLOURS.values())
    assert len(values) == 5
    assert all(b - a >= 0.1 for a, b in pairwise(values)), values


def test_a_multilateral_agreement_has_a_band_per_party_or_the_one_asked_for() -> None:
    paris = load_catalog()["paris-agreement"]
    root = parsed(timeline_svg(paris, "2016-01-01", "2026-12-31", today="2026-11-24"))
    bands = {title.split(":")[0] for title in states(root)}
    assert bands == {"US", "CN", "EU", "FR", "IN"}
    us = parsed(timeline_svg(paris, "2016-01-01", "2026-12-31", party="US", today="2026-11-24"))
    assert [t for t in states(us) if "ended" in t] == [
        "US: ended from 4 Nov 2020",
        "US: ended from 27 Jan 2026",
    ]
    assert ("join", "US joins 20 Jan 2021") in {(k, label) for k, _, label in marks(us)}


def test_no_label_overlaps_another_in_any_bundled_agreement() -> None:
    catalog = load_catalog()
    for agreement in catalog.values():
        root = parsed(timeline_svg(agreement, today="2026-11-24"))
        assert overlapping(label_boxes(root)) == [], agreement.id


@given(st.data())
def test_no_label_overlaps_another_and_every_label_fits_the_picture(data: st.DataObject) -> None:
    agreement = data.draw(agreements())
    start = data.draw(day_near(agreement))
    years = data.draw(st.integers(1, 30))
    root = parsed(
        timeline_svg(agreement, start, start.replace(year=start.year + years, day=1), today=start)
    )
    boxes = label_boxes(root)
    assert overlapping(boxes) == []
    width = float(root.get("width", "0"))
    assert all(left >= 0 and right <= width for left, _, right, _ in boxes)


def test_party_codes_and_a_name_holding_what_xml_cannot_are_drawn_with_their_codes() -> None:
    # Python passes any text, lone surrogates too (a catalog holds no control in a party's code).
    odd = "".join(UNSHOWN) + "\ud800"
    agreement = Agreement(
        id="odd", name=f"Odd {odd}", parties=(f"A{odd}", "B\x1b[2J"), in_force=date(2020, 1, 1)
    )
    svg = timeline_svg(agreement, "2019-12-01", "2020-12-31", today="2020-06-01")
    root = parsed(svg)
    assert heading(root) == as_shown(f"Odd {odd}")
    assert "Odd \\u0000\\u0001" in heading(root) and heading(root).endswith("\\U0010ffff\\ud800")
    assert states(root)[0] == f"{as_shown('A' + odd)}–B\\u001b[2J: not in force from 1 Dec 2019"
    assert svg.encode()  # no lone surrogate is left to refuse


@given(st.data())
def test_any_name_and_party_codes_give_a_well_formed_picture_that_shows_them(
    data: st.DataObject,
) -> None:
    name = data.draw(any_text)
    agreement = data.draw(agreements()).replace(name=name)
    root = parsed(timeline_svg(agreement, today=agreement.in_force))
    assert heading(root) == as_shown(name)
    assert overlapping(label_boxes(root)) == []
    bare = data.draw(agreements(with_events=False))
    count = len(bare.parties)
    codes = data.draw(st.lists(any_text.filter(bool), min_size=count, max_size=count, unique=True))
    root = parsed(timeline_svg(bare.replace(parties=tuple(codes)), today=bare.in_force))
    text = "".join(root.itertext())
    assert all(as_shown(code) in text for code in codes), codes
    assert overlapping(label_boxes(root)) == []


def test_a_png_is_drawn_of_names_and_party_codes_holding_what_xml_and_cairo_cannot(
    cairo: None,
) -> None:
    odd = "".join(UNSHOWN) + "\ud800"
    agreement = Agreement(
        id="odd", name=odd, parties=(f"A{odd}", f"B{odd}", "CC"), multilateral=True,
        in_force=date(2020, 1, 1),
    )  # fmt: skip
    data = png_of(timeline_svg(agreement, "2019-12-01", "2020-12-31", today="2020-06-01"))
    assert data[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_picture_wider_or_taller_than_cairo_draws_is_refused_as_png_with_its_size() -> None:
    for width, height in ((32_768, 100), (100, 32_768)):
        svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"></svg>'
        with pytest.raises(ClockError) as refused:
            png_of(svg, name="-o: big.png")
        assert str(refused.value) == (
            f"-o: big.png: the picture is {width:,} × {height:,} px, and cairo draws a PNG at "
            "most 32,767 px each way: write it as SVG, or draw fewer bands (`party`) or days "
            "(`start`, `end`)"
        )


@pytest.mark.parametrize(
    ("in_force", "today", "first"),
    [
        ("0001-01-01", "0001-01-01", "1 Jan 1"),  # a month before it is before the calendar
        ("0001-12-31", "0002-06-30", "1 Dec 1"),
        ("2020-01-01", "0005-06-15", "2 Dec 2019"),  # fifteen years back is before it
    ],
)
def test_the_default_span_stops_at_the_calendars_start(
    in_force: str, today: str, first: str
) -> None:
    agreement = Agreement(
        id="early", name="Early", parties=("AA", "BB"), in_force=date.fromisoformat(in_force)
    )
    root = parsed(timeline_svg(agreement, today=today))
    assert states(root)[0].split(" from ")[1] == first


def _span(agreement: Agreement, today: str) -> str:
    """The days a default picture runs over, as its title says them."""
    title = parsed(timeline_svg(agreement, today=today)).findtext(f"{SVG}title") or ""
    return title.split(": timeline, ")[1]


@pytest.mark.parametrize(
    ("renewal", "span"),
    [
        ("P1W", "14 Sep 2026 to 1 Mar 2027"),  # twelve weeks either way
        ("P1M", "7 Dec 2025 to 7 Dec 2027"),  # twelve months either way
        ("P3M", "7 Dec 2023 to 7 Dec 2028"),  # twelve quarters back, two years ahead at most
        ("P6M", "7 Dec 2020 to 7 Dec 2028"),
        ("P1Y", "7 Dec 2011 to 7 Dec 2028"),  # yearly: fifteen years back, as ever
        ("P5Y", "7 Dec 2011 to 7 Dec 2028"),
    ],
)
def test_a_default_picture_shows_twelve_of_a_rhythm_shorter_than_a_year_either_side_of_today(
    renewal: str, span: str
) -> None:
    """Fifteen years of a monthly subscription are 360 renewals, each with a last notice day:
    no one reads 720 labels. A picture of a shorter rhythm shows twelve of it either way."""
    agreement = Agreement(
        id="sub", name="Subscription", parties=("US", "VENDOR"), in_force=date(2001, 3, 1),
        term=Duration.parse(renewal), renewal=Duration.parse(renewal),
        exits=(Exit(effect="end-of-term", notice=Duration(days=14)),),
    )  # fmt: skip
    assert _span(agreement, "2026-12-07") == span


def test_a_period_clause_sets_the_rhythm_of_an_agreement_without_terms() -> None:
    """A lease under BGB § 573c has no term: its months are its exit clause's periods."""
    monthly = Boundaries(Duration(months=1), (date(2000, 1, 1),))
    lease = Agreement(
        id="lease", name="Lease", parties=("TENANT", "LANDLORD"), in_force=date(2004, 5, 1),
        exits=(Exit(effect="end-of-period", notice=Duration(months=3), period=monthly),),
    )  # fmt: skip
    assert _span(lease, "2026-12-07") == "7 Dec 2025 to 7 Dec 2027"


@pytest.mark.parametrize(
    ("in_force", "renewal", "span"),
    [
        # a month before it came into force, to a year ahead of today
        ("2026-10-01", "P1M", "1 Sep 2026 to 7 Dec 2027"),
        # not yet in force: twelve weeks from its first day, not a year as a slower rhythm
        ("2027-06-01", "P1W", "2 May 2027 to 25 Jul 2027"),
    ],
)
def test_a_recent_short_contract_is_drawn_from_a_month_before_it_came_into_force(
    in_force: str, renewal: str, span: str
) -> None:
    agreement = Agreement(
        id="new", name="New", parties=("US", "VENDOR"), in_force=date.fromisoformat(in_force),
        term=Duration.parse(renewal), renewal=Duration.parse(renewal),
    )  # fmt: skip
    assert _span(agreement, "2026-12-07") == span


# -- the command --------------------------------------------------------------------------------


def test_the_timeline_command_writes_the_svg_whole_or_to_standard_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "gsomia.svg"
    done = invoke(capsys, "timeline", "gsomia", "--from", "2016-11-01", "--until", "2027-12-31", "-o", str(out))  # fmt: skip
    assert done.returncode == 0 and done.stdout == ""
    assert done.stderr == f"{out}: the timeline of gsomia\n"
    assert "KR suspends notice 22 Nov 2019" in out.read_text()
    shown = invoke(capsys, "timeline", "GSOMIA", "--from", "2019-01-01", "--until", "2019-12-31")
    assert shown.returncode == 0 and parsed(shown.stdout).get("role") == "img"


def test_the_timeline_command_refuses_what_it_cannot_draw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert_refused(
        invoke(capsys, "timeline", "gsomia", "-o", str(tmp_path / "gsomia.pdf")),
        PREFIX + f"-o: '{tmp_path / 'gsomia.pdf'}': the picture is written as FILE.svg or FILE.png",
    )
    assert_refused(
        invoke(capsys, "timeline", "npt", "--party", "XX"),
        PREFIX + "npt: party: 'XX' is not one of its parties (KP, US, GB, RU)",
    )
    assert list(tmp_path.iterdir()) == []


def test_a_png_is_drawn_where_cairosvg_and_cairo_are_installed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cairo: None
) -> None:
    out = tmp_path / "gsomia.png"
    done = invoke(capsys, "timeline", "gsomia", "--from", "2016-11-01", "--until", "2027-12-31", "-o", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24])[0] == 1200  # as wide as the SVG


def test_without_cairosvg_a_png_is_refused_with_the_way_to_get_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "cairosvg", None)  # import cairosvg: ImportError
    assert_refused(
        invoke(capsys, "timeline", "gsomia", "-o", str(tmp_path / "gsomia.png")),
        PREFIX + "a PNG is drawn by cairosvg: pip install 'gsomia-clock[png]' (or write a .svg)",
    )
    assert list(tmp_path.iterdir()) == []


ODD = """
[[agreement]]
id = "odd"
name = "{name}"
parties = [{parties}]
in_force = {in_force}
{clause}
"""
# An exit at any time (no term), or a yearly term with 90 days' notice.
OPEN = '[[agreement.exit]]\neffect = "after-notice"\nnotice = "P0D"'
YEARLY = (
    'term = "P1Y"\nrenewal = "P1Y"\n[[agreement.exit]]\neffect = "end-of-term"\nnotice = "P90D"'
)
ON_24_NOVEMBER_2026 = "1795478400"


def odd_catalog(
    name: str = "Odd", parties: str = '"AA", "BB"', in_force: str = "2020-01-01", clause: str = OPEN
) -> None:
    Path("odd.toml").write_text(
        ODD.format(name=name, parties=parties, in_force=in_force, clause=clause)
    )


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", ON_24_NOVEMBER_2026)
    return tmp_path


def timeline(capsys: pytest.CaptureFixture[str], *args: str) -> ET.Element:
    """The picture `timeline odd` draws from odd.toml."""
    done = invoke(capsys, "--no-bundled", "--catalog", "odd.toml", "timeline", "odd", *args)
    assert done.returncode == 0, done.stderr
    return parsed(done.stdout)


def test_a_name_holding_any_control_character_is_drawn_with_its_code_as_the_catalog_wrote_it(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for character in UNSHOWN:
        odd_catalog(name=f"A{code(character)}B")  # TOML reads the code as the character
        root = timeline(capsys, "--from", "2020-01-01", "--until", "2020-12-31")
        assert heading(root) == f"A{code(character)}B"
        assert (
            root.findtext(f"{SVG}title")
            == f"A{code(character)}B: timeline, 1 Jan 2020 to 31 Dec 2020"
        )


def test_a_picture_too_tall_for_a_png_is_refused_naming_the_file_and_its_size(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    odd_catalog(parties=", ".join(f'"P{n}"' for n in range(700)))
    assert_refused(
        invoke(capsys, "--no-bundled", "--catalog", "odd.toml", "timeline", "odd", "-o", "odd.png"),
        PREFIX + "-o: odd.png: the picture is 1,200 × 37,208 px, and cairo draws a PNG at most "
        "32,767 px each way: write it as SVG, or draw fewer bands (--party) or days "
        "(--from, --until)",
    )
    assert sorted(p.name for p in in_tmp.iterdir()) == ["odd.toml"]
    root = timeline(capsys)  # as SVG, it is drawn whole
    assert (root.get("width"), root.get("height")) == (str(WIDTH), "37208")
    assert len({title.split(":")[0] for title in states(root)}) == 700


@pytest.mark.parametrize(
    ("in_force", "clause", "span", "drawn"),
    [
        ("0001-01-01", YEARLY, (), "24 Nov 2011 to 24 Nov 2028"),
        ("0001-01-01", YEARLY, ("--from", "0001-01-01", "--until", "0001-12-31"), "1 Jan 1 to 31 Dec 1"),
        ("0001-12-31", OPEN, ("--from", "0001-01-01"), "1 Jan 1 to 24 Nov 2028"),
        ("9998-12-31", OPEN, (), "1 Dec 9998 to 1 Dec 9999"),
        ("9999-12-31", OPEN, ("--from", "9999-01-01", "--until", "9999-12-30"), "1 Jan 9999 to 30 Dec 9999"),
        ("9999-12-31", OPEN, ("--from", "0001-01-01"), "1 Jan 1 to 24 Nov 2028"),
    ],
    ids=["yearly-from-year-1", "its-first-year", "from-the-first-day", "from-9998", "the-last-year", "from-year-1-to-today"],
)  # fmt: skip
def test_an_agreement_in_force_at_the_calendars_ends_is_drawn(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], in_force: str, clause: str,
    span: tuple[str, ...], drawn: str,
) -> None:  # fmt: skip
    odd_catalog(in_force=in_force, clause=clause)
    assert timeline(capsys, *span).findtext(f"{SVG}title") == f"Odd: timeline, {drawn}"


def test_a_notice_on_the_calendars_first_day_or_the_day_before_its_last_is_drawn(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for day, span in (("0001-01-01", ("--from", "0001-01-01")), ("9999-12-30", ("--from", "9999-12-01", "--until", "9999-12-30"))):  # fmt: skip
        odd_catalog(
            in_force=day,
            clause=f'{OPEN}\n[[agreement.event]]\ndate = {day}\nkind = "notice"\nparty = "AA"',
        )
        found = marks(timeline(capsys, *span))
        assert [label for kind, _, label in found if kind == "notice"] == [
            f"AA gives notice {short_day(date.fromisoformat(day))}"
        ]


TOO_NEAR = (
    "is too near the calendar's end (year 9999) or start to reckon the terms and notices around it"
)
BY_DEFAULT = " (the picture's last day unless one is given)"


@pytest.mark.parametrize(
    ("in_force", "clause", "span", "why"),
    [
        ("9999-12-31", OPEN, (), f"until: 9999-12-31 {TOO_NEAR}{BY_DEFAULT}"),
        ("9998-12-31", YEARLY, (), f"until: 9999-12-01 {TOO_NEAR}{BY_DEFAULT}"),
        ("2020-01-01", OPEN, ("--until", "9999-12-31"), f"until: 9999-12-31 {TOO_NEAR}"),
        ("2020-01-01", OPEN, ("--from", "9999-12-31"), f"until: 9999-12-31 {TOO_NEAR}{BY_DEFAULT}"),
    ],
    ids=["in-force-on-the-last-day", "yearly-from-9998", "until-the-last-day", "from-the-last-day"],
)  # fmt: skip
def test_a_span_too_near_the_calendars_end_to_reckon_is_refused_saying_which_day(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], in_force: str, clause: str,
    span: tuple[str, ...], why: str,
) -> None:  # fmt: skip
    odd_catalog(in_force=in_force, clause=clause)
    for out in ((), ("-o", "odd.png")):
        assert_refused(
            invoke(capsys, "--no-bundled", "--catalog", "odd.toml", "timeline", "odd", *span, *out),
            PREFIX + f"odd: {why}",
        )
