"""Write a calendar of every bundled agreement's deadlines for the next five years.

    python examples/calendar_of_all_agreements.py [FILE]   (default: treaty-deadlines.ics)

Each deadline gets alarms 30 and 7 days ahead, and reminder events of their own for calendars that
drop alarms from subscribed feeds.
"""

import sys

from gsomia_clock import load_catalog
from gsomia_clock.ics import export, parse_reminder
from gsomia_clock.output import output_path, read_previous, write_whole

# A regular file only (a FIFO or device is refused, exit 2), never this script itself.
path = output_path(sys.argv[1] if len(sys.argv) > 1 else "treaty-deadlines.ics", [__file__])
previous = read_previous(path) if path else None
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
    write_whole(path, data)
    print(f"{path}: {data.count(b'BEGIN:VEVENT')} events over the next five years")
