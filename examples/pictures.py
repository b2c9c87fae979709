"""Draw the pictures of docs/pictures.md: GSOMIA's timeline from 2016 to 2027, and the Paris
Agreement's, band by party.

    python examples/pictures.py [FOLDER]   (default: the current folder)

Today is fixed (24 November 2026) so that the pictures are the same on every run.
"""

import sys
from pathlib import Path

from gsomia_clock import load_catalog
from gsomia_clock.output import write_whole
from gsomia_clock.picture import timeline_svg

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
    write_whole(folder / name, svg.encode())
    marks = svg.count('<g class="mark ')
    print(f"{folder / name}: {marks} marks")
