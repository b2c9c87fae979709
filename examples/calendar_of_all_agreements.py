"""Write a calendar of every bundled agreement's deadlines for the next five years.

    python examples/calendar_of_all_agreements.py [FILE]   (default: treaty-deadlines.ics)

Each deadline gets alarms 30 and 7 days ahead, and reminder events of their own for calendars that
drop alarms from subscribed feeds.
"""

import sys
from pathlib import Path

from gsomia_clock import load_catalog
from gsomia_clock.ics import export, parse_reminder

name = sys.argv[1] if len(sys.argv) > 1 else "treaty-deadlines.ics"
path = None if name == "-" else Path(name)
# The earlier export, if any: its events keep their SEQUENCE numbers where they are unchanged.
previous = path.read_bytes() if path is not None and path.is_file() else None
# No period given: from today where each agreement is administered, for five years.
data = export(
    load_catalog().values(),
    reminders=[parse_reminder("P30D"), parse_reminder("P7D")],
    reminder_events=True,
    previous=previous,
)
if path is None:  # "-": standard output
    sys.stdout.buffer.write(data)
else:
    path.write_bytes(data)  # (`gsomia-clock ical -o` writes it whole, or not at all)
    print(f"{path}: {data.count(b'BEGIN:VEVENT')} events over the next five years")
