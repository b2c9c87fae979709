"""The register as static pages: rows in deadline order, links that resolve, nothing unescaped."""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from gsomia_clock import load_catalog
from gsomia_clock.cli import whole_files as output
from gsomia_clock.report import report_json, report_pages

from .helpers import ON_28_AUGUST_2026, PREFIX, REGISTER, Page, agreement, assert_refused, invoke


@pytest.fixture
def register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", ON_28_AUGUST_2026)
    path = tmp_path / "contracts.toml"
    path.write_text(REGISTER)
    return path


def test_the_register_lists_its_agreements_soonest_deadline_first(register: Path) -> None:
    catalog = load_catalog(register, bundled=False)
    pages = report_pages(list(catalog.values()))
    assert sorted(pages) == [
        "agreements/cleaning.html",
        "agreements/crm-subscription.html",
        "agreements/office-lease.html",
        "index.html",
    ]
    index = Page(pages["index.html"])
    assert index.rows == ["crm-subscription", "office-lease", "cleaning"]
    text = index.words
    assert "Monday 31 August 2026 last notice day" in text
    assert "Wednesday 30 September 2026 last notice day" in text
    assert "Facilities" in text and "lease, berlin" in text
    assert index.links == [f"agreements/{row}.html" for row in index.rows]


def test_each_page_shows_the_timeline_clause_history_and_sources() -> None:
    catalog = load_catalog()
    pages = report_pages([catalog["gsomia"], catalog["kyoto-protocol"]])
    page = Page(pages["agreements/gsomia.html"])
    text = page.words
    assert "KR suspends notice 22 Nov 2019" in text  # a label of the timeline picture
    assert "ninety days in advance of its intention to terminate" in text  # the clause
    assert "KR revokes its notice: KR stays bound" in text  # the history
    assert "../index.html" in page.links
    assert [tag for tag, _ in page.tags if tag == "svg"] == ["svg"]
    kyoto = Page(pages["agreements/kyoto-protocol.html"])  # its sources' addresses, as links
    assert (
        "https://treaties.un.org/doc/Publication/MTDSG/Volume%20II/Chapter%20XXVII/XXVII-7-a.en.xml"
        in kyoto.links
    )


def test_nothing_a_catalog_says_is_taken_for_markup(register: Path) -> None:
    hostile = REGISTER.replace(
        'name = "Cleaning services"', 'name = "<script>alert(1)</script> & <b>co</b>"'
    ).replace('owner = "facilities"', 'owner = "<img src=x onerror=alert(2)>"')
    register.write_text(hostile)
    pages = report_pages(list(load_catalog(register, bundled=False).values()))
    for name, html in pages.items():
        tags = {tag for tag, _ in Page(html).tags}
        assert not tags & {"script", "img", "b", "iframe", "link"}, name
        assert not any(key.startswith("on") for _, attrs in Page(html).tags for key in attrs), name
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;co&lt;/b&gt;" in pages["index.html"]
    )


# A control or a noncharacter in every text a catalog brings to the pages, written as TOML escapes.
ODD = r"""
[[agreement]]
id = "odd"
name = "Odd\u0001 pact\u001b[2J"
parties = ["AA", "BB"]
in_force = 2020-01-01
owner = "own\u0000er"
reference = "ref\u007f"
tags = ["t\u0085ag"]
text = "Either party may withdraw\ufffe at any time.\u0002"
source = "https://example.org/a\u0003b and more\uffff"

[[agreement.exit]]
effect = "after-notice"
notice = "P90D"

[[agreement.event]]
date = 2021-01-01
kind = "notice"
party = "AA"
note = "a note\u0004 here\U0010ffff"
"""
# What an HTML page may not hold: the controls but its whitespace, and the noncharacters.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\U0010ffff]")


def test_a_control_character_anywhere_in_a_catalog_is_shown_on_the_pages_by_its_code() -> None:
    pages = report_pages([agreement(ODD)])
    for name, html in pages.items():
        assert FORBIDDEN.search(html) is None, name
    page = pages["agreements/odd.html"]
    svg = page[page.index("<svg") : page.index("</svg>") + len("</svg>")]
    assert ET.fromstring(svg).findtext("{http://www.w3.org/2000/svg}text") == (
        "Odd\\u0001 pact\\u001b[2J"
    )
    words = Page(page).words
    for shown in (
        "Odd\\u0001 pact\\u001b[2J", "own\\u0000er", "ref\\u007f", "t\\u0085ag",
        "withdraw\\ufffe at any time.\\u0002", "and more\\uffff", "a note\\u0004 here\\U0010ffff",
    ):  # fmt: skip
        assert shown in words, shown
    assert "https://example.org/a\\u0003b" in Page(page).links
    assert "Odd\\u0001 pact\\u001b[2J" in Page(pages["index.html"]).words


def test_the_pages_need_no_network(register: Path) -> None:
    pages = report_pages(list(load_catalog().values()))
    for name, html in pages.items():
        for tag, attrs in Page(html).tags:
            if tag != "a":
                assert not any(
                    (value or "").startswith(("http:", "https:", "//")) and key != "xmlns"
                    for key, value in attrs.items()
                ), (name, tag, attrs)


def test_report_json_is_the_agenda_with_each_page(register: Path) -> None:
    agreements = list(load_catalog(register, bundled=False).values())
    rows = report_json(agreements)
    assert [(r["agreement"], r["page"]) for r in rows] == [
        ("crm-subscription", "agreements/crm-subscription.html"),
        ("office-lease", "agreements/office-lease.html"),
        ("cleaning", "agreements/cleaning.html"),
    ]
    assert rows[0]["next_deadline"]["date"] == "2026-08-31" and rows[0]["days_left"] == 3


# -- the command --------------------------------------------------------------------------------


def test_the_report_command_writes_the_folder(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    done = invoke(capsys, "--no-bundled", "--catalog", "contracts.toml", "report", "-o", "site")
    assert done.returncode == 0, done.stderr
    assert done.stderr == "site/index.html: 3 agreements\n"
    index = Page(Path("site/index.html").read_text())
    assert all(Path("site", link).is_file() for link in index.links)
    shown = invoke(capsys, "--no-bundled", "--catalog", "contracts.toml", "report", "--tag", "berlin", "--json")  # fmt: skip
    assert [row["agreement"] for row in json.loads(shown.stdout)] == ["office-lease", "cleaning"]


def test_the_report_command_needs_a_folder(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert_refused(
        invoke(capsys, "report"), PREFIX + "-o: give the folder to write the pages to (or --json)"
    )
    assert_refused(
        invoke(capsys, "report", "-o", "contracts.toml"),
        PREFIX + "-o: contracts.toml is a regular file, not a folder",
    )
    assert_refused(invoke(capsys, "report", "-o", ""), PREFIX + "-o: '' is not a folder name")
    assert register.read_text() == REGISTER


# -- the folder: nothing replaced where nobody asked, an earlier report never left broken --------

ARGS = ("--no-bundled", "--catalog", "contracts.toml", "report", "-o", "site")


def _report(capsys: pytest.CaptureFixture[str]) -> dict[str, bytes | None]:
    done = invoke(capsys, *ARGS)
    assert done.returncode == 0, done.stderr
    return _tree(Path("site"))


def _tree(folder: Path) -> dict[str, bytes | None]:
    """Every entry under `folder`: a file's bytes, a link's target, None for anything else."""
    return {
        str(p.relative_to(folder)): (
            os.readlink(p).encode() if p.is_symlink() else p.read_bytes() if p.is_file() else None
        )
        for p in sorted(folder.rglob("*"))
    }


@pytest.mark.parametrize(
    ("place", "kind"),
    [
        ("index.html", "a FIFO (named pipe)"),
        ("agreements/office-lease.html", "a FIFO (named pipe)"),
        ("agreements/cleaning.html", "a character device"),
        ("agreements/crm-subscription.html", "a character device"),
    ],
)
def test_a_page_where_a_fifo_or_a_device_stands_is_refused_and_nothing_written(
    place: str, kind: str, register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _report(capsys)
    Path("site", place).unlink()
    if kind.startswith("a FIFO"):
        os.mkfifo(Path("site", place))
    elif place.endswith("cleaning.html"):
        Path("site", place).symlink_to("/dev/null")  # a link to a device
    else:
        os.mknod(Path("site", place), 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    register.write_text(REGISTER.replace("Cleaning services", "Cleaning"))  # every page changes
    left = _tree(Path("site"))
    assert_refused(
        invoke(capsys, *ARGS), PREFIX + f"-o: site/{place} is {kind}, not a regular file"
    )
    assert _tree(Path("site")) == left and len(left) == len(before)


def test_the_report_never_overwrites_an_input_of_its_run(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _report(capsys)
    Path("site/index.html").write_text(REGISTER)  # a catalog kept where the index goes
    before = _tree(Path("site"))
    assert_refused(
        invoke(capsys, "--no-bundled", "--catalog", "site/index.html", "report", "-o", "site"),
        PREFIX + "-o: site/index.html is an input of this run (site/index.html): it would be "
        "overwritten",
    )
    assert _tree(Path("site")) == before


def test_a_file_where_the_pages_folder_goes_is_named_itself(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("site").mkdir()
    Path("site/agreements").write_text("mine")
    assert_refused(
        invoke(capsys, *ARGS), PREFIX + "-o: site/agreements is a regular file, not a folder"
    )
    assert _tree(Path("site")) == {"agreements": b"mine"}


def test_an_agreement_whose_id_no_file_name_can_hold_gets_a_page_that_links(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long = "a" * 300  # `check` takes it: ids have no longest length
    register.write_text(REGISTER.replace('id = "cleaning"', f'id = "{long}"'))
    _report(capsys)
    index = Page(Path("site/index.html").read_text())
    (linked,) = [link for link in index.links if link.startswith("agreements/aaa")]
    assert Path("site", linked).is_file() and len(Path(linked).name) <= 255
    assert "Cleaning services" in Path("site", linked).read_text()  # the long id's own page
    shown = invoke(capsys, "--no-bundled", "--catalog", "contracts.toml", "report", "--json")
    assert linked in {row["page"] for row in json.loads(shown.stdout)}


def test_a_report_that_cannot_be_written_whole_leaves_the_earlier_one_whole(
    register: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _report(capsys)
    register.write_text(REGISTER.replace("Cleaning services", "Cleaning"))  # two pages change
    made = []
    real = output.tempfile.mkstemp

    def fails_at_the_second(*args: Any, **kwargs: Any) -> tuple[int, str]:
        if len(made) == 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        made.append(real(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(output.tempfile, "mkstemp", fails_at_the_second)
    done = invoke(capsys, *ARGS)
    assert done.returncode == 2 and "(No space left on device)" in done.stderr, done.stderr
    assert _tree(Path("site")) == before  # no page replaced, no temporary file left


def test_pages_already_as_they_would_be_written_are_left_alone(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _report(capsys)
    inodes = {p: p.stat().st_ino for p in Path("site").rglob("*.html")}
    again = invoke(capsys, *ARGS)
    assert again.stderr == "site/index.html: 3 agreements, 4 pages unchanged\n"
    assert {p: p.stat().st_ino for p in Path("site").rglob("*.html")} == inodes
    register.write_text(REGISTER.replace("Cleaning services", "Cleaning"))
    changed = invoke(capsys, *ARGS)
    assert changed.stderr == "site/index.html: 3 agreements, 2 pages unchanged\n"
    rewritten = {str(p) for p in inodes if p.stat().st_ino != inodes[p]}
    assert rewritten == {"site/index.html", "site/agreements/cleaning.html"}


def test_a_report_of_one_agreement_says_one_agreement(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    done = invoke(capsys, *ARGS[:4], "cleaning", *ARGS[4:])
    assert done.stderr == "site/index.html: 1 agreement\n"
    again = invoke(capsys, *ARGS[:4], "cleaning", *ARGS[4:])
    assert again.stderr == "site/index.html: 1 agreement, 2 pages unchanged\n"


# -- drawn again only where it changed (report_folder.py) ------------------------------------


def _drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The agreements whose page the next reports draw, in turn."""
    from gsomia_clock.cli import report_folder

    drawn: list[str] = []
    real = report_folder.agreement_page

    def drawing(agreement: Any, item: Any) -> str:
        drawn.append(agreement.id)
        return real(agreement, item)

    monkeypatch.setattr(report_folder, "agreement_page", drawing)
    return drawn


def _times(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*.html")}


def test_an_unchanged_register_is_not_even_read_again(
    register: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _report(capsys)
    times = _times(Path("site"))
    _not_read(monkeypatch)
    again = invoke(capsys, *ARGS)
    assert again.returncode == 0
    assert again.stderr == "site/index.html: 3 agreements, 4 pages unchanged\n"
    assert _tree(Path("site")) == before and _times(Path("site")) == times


def _not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, reading the catalog fails the test: the report must know it unchanged."""
    from gsomia_clock.cli import report_folder

    def not_read(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the catalog was read")

    monkeypatch.setattr(report_folder, "catalog_of", not_read)


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """From here on, one entry each time the report reads the catalog."""
    from gsomia_clock.cli import report_folder

    read: list[int] = []
    real = report_folder.catalog_of

    def reading(*args: Any, **kwargs: Any) -> Any:
        read.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(report_folder, "catalog_of", reading)
    return read


def _drawn_the_next_day(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """The agreements whose pages a report a day after the first draws again."""
    _report(capsys)
    drawn = _drawn(monkeypatch)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(ON_28_AUGUST_2026) + 86_400))
    _report(capsys)
    return drawn


def test_a_register_replacing_a_bundled_agreement_says_so_on_every_report(
    register: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = load_catalog()["gsomia"]
    register.write_text(REGISTER.replace('id = "cleaning"', 'id = "gsomia"'))
    said = "gsomia-clock: contracts.toml: agreement 'gsomia' replaces the one of "
    first = invoke(capsys, "--catalog", "contracts.toml", "report", "-o", "site")
    assert first.returncode == 0 and first.stderr.startswith(said), first.stderr
    pages = len(list(Path("site/agreements").glob("*.html")))
    assert pages == len(load_catalog()) + 2 and mine.name not in Path("site/index.html").read_text()
    _not_read(monkeypatch)
    again = invoke(capsys, "--catalog", "contracts.toml", "report", "-o", "site")
    assert again.returncode == 0 and again.stderr.splitlines() == [
        first.stderr.splitlines()[0],
        f"site/index.html: {pages} agreements, {pages + 1} pages unchanged",
    ]


def test_a_day_is_each_zones_own_when_the_report_knows_itself_unchanged(
    register: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # 23:30 in UTC is the next day in Tokyo: the record keeps each zone's day, not UTC's.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(ON_28_AUGUST_2026) + 23 * 3600 + 1800))
    register.write_text(REGISTER.replace('timezone = "Europe/Berlin"', 'timezone = "Asia/Tokyo"'))
    _report(capsys)
    _not_read(monkeypatch)
    again = invoke(capsys, *ARGS)
    assert again.stderr == "site/index.html: 3 agreements, 4 pages unchanged\n"


def test_a_record_naming_a_zone_no_one_knows_is_not_believed(
    register: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _report(capsys)
    kept = Path("site/.gsomia-clock-report")
    record = json.loads(kept.read_text())
    record["todays"]["Mars/Olympus"] = "2026-08-28"
    kept.write_text(json.dumps(record))
    drawn = _drawn(monkeypatch)
    again = invoke(capsys, *ARGS)
    assert again.returncode == 0 and drawn == []  # read again, every page still as recorded
    assert "Mars/Olympus" not in kept.read_text()


@pytest.mark.parametrize("kind", ["read-only", "folder"])
def test_the_record_is_never_written_over_what_is_not_a_writable_file_of_its_own(
    register: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    kept = Path("site/.gsomia-clock-report")
    kept.parent.mkdir()
    if kind == "folder":
        kept.mkdir()
    else:
        kept.write_text("mine")
        kept.chmod(0o444)
    done = invoke(capsys, *ARGS)
    assert done.returncode == 0 and done.stderr == "site/index.html: 3 agreements\n"
    assert kept.is_dir() if kind == "folder" else kept.read_text() == "mine"


def test_a_catalog_file_that_cannot_be_read_is_named(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    done = invoke(capsys, "--no-bundled", "--catalog", "missing.toml", "report", "-o", "site")
    assert done.returncode == 2 and "missing.toml: cannot be read" in done.stderr
    assert not Path("site").exists()


def test_one_changed_agreement_draws_its_page_and_the_index_only(
    register: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _report(capsys)
    times = _times(Path("site"))
    drawn = _drawn(monkeypatch)
    register.write_text(REGISTER.replace("Cleaning services", "Cleaning"))
    changed = invoke(capsys, *ARGS)
    assert changed.stderr == "site/index.html: 3 agreements, 2 pages unchanged\n"
    assert drawn == ["cleaning"]
    now = _times(Path("site"))
    assert {name for name in now if now[name] != times[name]} == {
        "index.html",
        "agreements/cleaning.html",
    }


def test_pages_drawn_again_only_where_changed_are_the_pages_drawn_afresh(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _report(capsys)
    edited = REGISTER.replace("Cleaning services", "Cleaning").replace('"P30D"', '"P45D"')
    register.write_text(edited)
    _report(capsys)
    fresh = report_pages(list(load_catalog(register, bundled=False).values()))
    site = _tree(Path("site"))
    assert {name: site[name] for name in fresh} == {n: p.encode() for n, p in fresh.items()}


def test_a_page_edited_or_removed_by_hand_is_drawn_again(
    register: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _report(capsys)
    drawn = _drawn(monkeypatch)
    Path("site/agreements/cleaning.html").write_text("mine")
    Path("site/agreements/office-lease.html").unlink()
    again = invoke(capsys, *ARGS)
    assert again.stderr == "site/index.html: 3 agreements, 2 pages unchanged\n"
    assert sorted(drawn) == ["cleaning", "office-lease"]
    assert _tree(Path("site")).keys() == before.keys()
    assert all(_tree(Path("site"))[n] == before[n] for n in before if n.endswith(".html"))


def test_the_next_day_every_page_is_drawn_again(
    register: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn = _drawn_the_next_day(capsys, monkeypatch)
    # The days left, the state today and the picture's today line all move.
    assert sorted(drawn) == ["cleaning", "crm-subscription", "office-lease"]


def test_other_filters_are_another_report(
    register: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _report(capsys)
    drawn = _drawn(monkeypatch)
    leases = invoke(capsys, *ARGS, "--tag", "lease")
    assert leases.stderr == "site/index.html: 1 agreement, 1 page unchanged\n"
    assert drawn == []  # its one page is as drawn for the whole register
    assert Page(Path("site/index.html").read_text()).rows == ["office-lease"]


@pytest.mark.parametrize(
    "record",
    [
        b"not json",
        b'{"gsomia-clock report": 0}',
        b"[]",
        b'{"gsomia-clock report": 1, "made from": "", "todays": {}, "replaced": [], '
        b'"pages": {"index.html": ["", "1", 1]}}',
    ]
    + [
        json.dumps({"gsomia-clock report": 1, "made from": "", "todays": {}, **damage}).encode()
        for damage in (
            {"replaced": [["a", "b"]], "pages": {}},
            {"replaced": [["a", "b", 3]], "pages": {}},
            {"replaced": ["abc"], "pages": {}},
            {"replaced": [], "pages": {"index.html": ["", 1]}},
            {"replaced": [], "pages": {"index.html": [1, 1, 1]}},
            {"replaced": [], "pages": {"index.html": ["", 1, "1"]}},
            {"replaced": [], "pages": {"index.html": "", "x": ["", 1, 1]}},
        )
    ],
)
def test_a_record_damaged_or_of_another_shape_is_not_believed(
    register: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    record: bytes,
) -> None:
    before = _report(capsys)
    Path("site/.gsomia-clock-report").write_bytes(record)
    drawn = _drawn(monkeypatch)
    again = invoke(capsys, *ARGS)
    assert again.returncode == 0
    assert sorted(drawn) == ["cleaning", "crm-subscription", "office-lease"]
    assert _tree(Path("site")) == before  # the record written anew, as the first run wrote it


def test_a_record_that_cannot_be_written_costs_the_next_run_its_time_not_its_answer(
    register: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from gsomia_clock.cli import report_folder

    monkeypatch.setattr(report_folder, "RECORD", "no-such-folder/record")
    first = invoke(capsys, *ARGS)
    assert first.returncode == 0 and first.stderr == "site/index.html: 3 agreements\n"
    drawn = _drawn(monkeypatch)
    again = invoke(capsys, *ARGS)
    assert again.stderr == "site/index.html: 3 agreements, 4 pages unchanged\n"
    assert sorted(drawn) == ["cleaning", "crm-subscription", "office-lease"]


def test_a_page_is_drawn_again_for_what_only_it_shows_a_filter_a_new_code_or_the_day(
    register: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from gsomia_clock.cli import report_folder

    _report(capsys)
    drawn = _drawn(monkeypatch)
    # The clause's text shows on the page alone, not in the register's line.
    text = 'tags = ["berlin"]\ntext = "Either may end it."\n'
    register.write_text(REGISTER.replace('tags = ["berlin"]\n', text))
    _report(capsys)
    assert (
        drawn == ["cleaning"]
        and "Either may end it." in Path("site/agreements/cleaning.html").read_text()
    )
    drawn.clear()
    renewals = invoke(capsys, *ARGS, "--kind", "renewal")  # other next deadlines
    assert renewals.returncode == 0 and sorted(drawn) == ["crm-subscription", "office-lease"]
    drawn.clear()
    monkeypatch.setattr(report_folder, "code_digest", lambda: "another version")
    _report(capsys)
    assert sorted(drawn) == ["cleaning", "crm-subscription", "office-lease"]


def test_an_ended_agreement_is_drawn_again_the_next_day_for_its_today_line(
    register: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ended = 'tags = ["berlin"]\n[[agreement.event]]\ndate = 2024-01-01\nkind = "terminate"\n'
    register.write_text(REGISTER.replace('tags = ["berlin"]\n', ended))
    drawn = _drawn_the_next_day(capsys, monkeypatch)
    assert "cleaning" in drawn  # nothing of its line changed: its picture's today did


def test_a_record_of_the_same_sources_with_replaced_ids_of_another_shape_is_not_believed(
    register: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _report(capsys)
    kept = Path("site/.gsomia-clock-report")
    read = _reads(monkeypatch)
    for damage in ([["a", "b"]], [["a", "b", 3]], ["abc"], [[1, 2, 3]]):
        record = json.loads(kept.read_text())
        record["replaced"] = damage
        kept.write_text(json.dumps(record))
        read.clear()
        again = invoke(capsys, *ARGS)
        assert again.returncode == 0 and read == [1], (damage, again.stderr)
