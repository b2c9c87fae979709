"""A register of every bundled agreement: its state today and its next deadline.

python examples/register.py [YYYY-MM-DD]
"""

import sys

from gsomia_clock import Duration, load_catalog

catalog = load_catalog()
print(f"{'agreement':<26}{'state':<18}next deadline")
for ident, agreement in catalog.items():
    # Today where each agreement is administered (SOURCE_DATE_EPOCH's day when set).
    on = agreement.day(sys.argv[1] if len(sys.argv) > 1 else None)
    status = agreement.status(on=on)
    upcoming = agreement.deadlines(on, Duration(years=10).add_to(on))
    nxt = f"{upcoming[0].date} {upcoming[0].kind}" if upcoming else "none in ten years"
    print(f"{ident:<26}{status.state:<18}{nxt}")
