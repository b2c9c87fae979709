"""How many days are left to give notice before GSOMIA's next renewal?

python examples/days_until_gsomia_deadline.py [YYYY-MM-DD]

Days are counted from today (in Seoul, or the day of SOURCE_DATE_EPOCH), as every command counts.
"""

import sys

from gsomia_clock import load_catalog

gsomia = load_catalog()["gsomia"]
status = gsomia.status(on=sys.argv[1] if len(sys.argv) > 1 else None)
deadline = status.next_last_notice_day
if deadline is None:
    print(f"On {status.on}: no notice deadline ahead ({status.reason})")
else:
    left = (deadline - gsomia.today()).days  # as the commands say it:
    when = {0: "today", 1: "tomorrow"}.get(left) or (
        f"in {left} days" if left > 0 else f"{-left} days ago"
    )
    answer = gsomia.can_withdraw("JP", on=status.on)
    assert answer.closes_at is not None
    print(
        f"On {status.on}: the last day for GSOMIA notice is "
        f"{deadline:%A} {deadline.day} {deadline:%B %Y}, {when}."
    )
    print(f"The window closes at {answer.closes_at.isoformat()} ({answer.closes_at:%H:%M %Z}).")
    print(
        f"A notice by then ends GSOMIA on {answer.effective}; the next renewal is {status.next_renewal}."
    )
