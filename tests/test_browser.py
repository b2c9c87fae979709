"""The report and the timeline as a person sees them: rendered by a real headless Chromium.

Chromium comes from the Debian packages (`apt-get install chromium`; `.ci/run` installs it); where
it is absent these tests are skipped, saying so. Screenshots are kept as artefacts, in
`$GSOMIA_CLOCK_ARTEFACTS` (default: `build/artefacts` in the project), for a person to look at.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
from itertools import combinations
from pathlib import Path

import pytest

from gsomia_clock import load_catalog
from gsomia_clock.picture import timeline_svg
from gsomia_clock.report import report_pages

from .helpers import Page

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium here (Debian: apt-get install chromium)"
)
ARTEFACTS = Path(
    os.environ.get("GSOMIA_CLOCK_ARTEFACTS")
    or Path(__file__).resolve().parent.parent / "build" / "artefacts"
)
# As the machine's notes say: headless, no sandbox (root), and none of the background
# networking that a closed network refuses.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--virtual-time-budget=5000",
)  # fmt: skip


def chromium(tmp_path: Path, *args: str) -> str:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    done = subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def dom(tmp_path: Path, page: Path) -> str:
    """The page's DOM after Chromium has loaded it (and run its scripts, if any)."""
    return chromium(tmp_path, "--dump-dom", page.as_uri())


def screenshot(tmp_path: Path, page: Path, name: str, size: str = "1280,1000") -> Path:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTEFACTS / name
    chromium(tmp_path, f"--screenshot={shot}", f"--window-size={size}", page.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == tuple(int(n) for n in size.split(","))
    return shot


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    for name, html in report_pages(list(load_catalog().values())).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(html)
    return folder


def test_the_register_page_as_rendered_lists_every_agreement_with_links_that_resolve(
    site: Path, tmp_path: Path
) -> None:
    page = Page(dom(tmp_path, site / "index.html"))
    catalog = load_catalog()
    assert sorted(page.rows) == sorted(catalog)
    assert "Register" in page.words and "last notice day" in page.words
    for link in page.links:
        assert (site / link).is_file(), link
    shot = screenshot(tmp_path, site / "index.html", "register.png")
    assert shot.stat().st_size > 20_000  # a page of text, not a blank one


def test_an_agreement_page_as_rendered_shows_its_timeline_history_and_way_back(
    site: Path, tmp_path: Path
) -> None:
    page = Page(dom(tmp_path, site / "agreements" / "gsomia.html"))
    assert "KR gives notice 23 Aug 2019" in page.words  # drawn in the inline picture
    assert "Friday 22 November 2019" in page.words  # the history
    assert "../index.html" in page.links
    assert (site / "agreements" / "../index.html").resolve().is_file()
    screenshot(tmp_path, site / "agreements" / "gsomia.html", "gsomia-page.png")


# Measures each label of the picture where Chromium laid it out, and writes what it found into
# the page, for --dump-dom to bring back.
MEASURE = """
<script>
const boxes = [...document.querySelectorAll("g.mark text")].map(t => {
  const r = t.getBoundingClientRect();
  return [r.left, r.top, r.right, r.bottom, t.textContent];
});
const inside = document.querySelector("svg").getBoundingClientRect();
document.body.setAttribute("data-boxes", JSON.stringify({boxes, width: inside.width}));
</script>
"""


@pytest.mark.parametrize("ident", ["gsomia", "paris-agreement", "nato", "cfe-treaty"])
def test_no_two_labels_of_a_timeline_overlap_where_chromium_draws_them(
    ident: str, tmp_path: Path
) -> None:
    svg = timeline_svg(load_catalog()[ident], "2016-01-01", "2027-12-31", today="2026-11-24")
    page = tmp_path / f"{ident}.html"
    page.write_text(f"<!doctype html><html><body style='margin:0'>{svg}{MEASURE}</body></html>")
    found = dom(tmp_path, page)
    start = found.index('data-boxes="') + len('data-boxes="')
    measured = json.loads(found[start : found.index('"', start)].replace("&quot;", '"'))
    boxes = measured["boxes"]
    assert boxes, "no labels measured"
    clashes = [
        (a[4], b[4])
        for a, b in combinations(boxes, 2)
        if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5
    ]
    assert clashes == []
    assert all(box[0] >= 0 and box[2] <= measured["width"] + 0.5 for box in boxes)
    standalone = tmp_path / f"{ident}.svg"
    standalone.write_text(svg)
    screenshot(tmp_path, standalone, f"{ident}-timeline.png", size="1200,420")
