"""What if Japan gave notice of termination today? When would GSOMIA end, and why?

python examples/what_if_japan_gave_notice_today.py [YYYY-MM-DD]
"""

import sys

from gsomia_clock import load_catalog

gsomia = load_catalog()["gsomia"]
answer = gsomia.can_withdraw("JP", on=sys.argv[1] if len(sys.argv) > 1 else None)
print(answer.reason)
for line in answer.explanation:
    print(f"  - {line}")
