"""Draw the pictures of docs/pictures.md: GSOMIA's timeline from 2016 to 2027, the Paris
Agreement's, band by party, and the register of the bundled catalog as a report, with a
screenshot of it where Debian's Chromium is installed.

    python examples/pictures.py [FOLDER]   (default: the current folder)

Today is fixed (Tuesday 24 November 2026) so that the pictures are the same on every run.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from gsomia_clock import load_catalog
from gsomia_clock.picture import timeline_svg
from gsomia_clock.report import report_pages

os.environ["SOURCE_DATE_EPOCH"] = "1795478400"  # 2026-11-24, 00:00 UTC: "today" for the report

folder = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
folder.mkdir(parents=True, exist_ok=True)
catalog = load_catalog()
pictures = {
    "gsomia-timeline.svg": timeline_svg(
        catalog["gsomia"], "2016-11-01", "2027-12-31", today="2026-11-24"
    ),
    "paris-agreement-timeline.svg": timeline_svg(
        catalog["paris-agreement"], "2016-01-01", "2027-12-31", today="2026-11-24"
    ),
}
for name, svg in pictures.items():
    (folder / name).write_bytes(svg.encode())
    marks = svg.count('<g class="mark ')
    print(f"{folder / name}: {marks} marks")

with tempfile.TemporaryDirectory() as site:
    for name, html in report_pages(list(catalog.values())).items():
        (Path(site) / name).parent.mkdir(parents=True, exist_ok=True)
        (Path(site) / name).write_text(html)
    chromium = shutil.which("chromium")
    if chromium is None:
        print("no Chromium here: no screenshot of the report (Debian: apt-get install chromium)")
    else:
        shot = folder / "report.png"
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--hide-scrollbars", f"--user-data-dir={site}/profile", "--window-size=1280,760",
             f"--screenshot={shot.resolve()}", (Path(site) / "index.html").as_uri()],
            check=True, capture_output=True,
        )  # fmt: skip
        print(f"{shot}: the register, as Chromium shows it")
