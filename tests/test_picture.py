"""The timeline picture: the story it tells, its marks and titles, labels that never overlap."""

from __future__ import annotations

import os
import struct
import sys
import xml.etree.ElementTree as ET
from itertools import combinations, pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gsomia_clock import Agreement, load_catalog
from gsomia_clock.picture import STATE_COLOURS, timeline_svg

from .helpers import PREFIX, assert_refused, invoke
from .strategies import agreements, day_near

LAWS = settings(max_examples=int(os.environ.get("GSOMIA_CLOCK_EXAMPLES", "150")), deadline=None)
SVG = "{http://www.w3.org/2000/svg}"


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # well-formed XML, or this fails


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


@LAWS
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
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        import cairosvg  # noqa: F401
    except (ImportError, OSError) as missing:
        pytest.skip(f"no PNG here: the 'png' extra or the cairo library is missing ({missing})")
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
