"""Instructions per agreement of the agenda's first run, counted by valgrind's callgrind.

Timings on a shared machine vary by a tenth from run to run; an instruction count does not, so a
change to the first run of `agenda --within` (read, check, compile, make the index's row) is
measured here to within a few tenths of a percent. The count of a run that only imports the
package and parses the register with tomli is taken away, leaving our own work.

    python benchmarks/instructions.py            # 3,000 agreements: about a minute
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from register import register_toml

_OURS = """
import sys
from datetime import date
from gsomia_clock.cli.agenda_cache import _built
data = open(sys.argv[1], "rb").read()
_built([("register", data)], False, date(2026, 11, 24), date(2027, 12, 29))
"""
_FLOOR = """
import sys, tomli
import gsomia_clock.catalog, gsomia_clock.cli.agenda_cache
tomli.loads(open(sys.argv[1], encoding="utf-8").read())
"""


def counted(script: str, register: Path) -> int:
    """The instructions callgrind counts for `script` run on `register`."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         sys.executable, "-c", script, str(register)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"no count in callgrind's output:\n{done.stderr}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=3000, help="agreements (3000)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    with tempfile.TemporaryDirectory() as folder:
        register = Path(folder) / "register.toml"
        register.write_text(register_toml(args.count), encoding="utf-8")
        ours, floor = counted(_OURS, register), counted(_FLOOR, register)
    print(f"first run, {args.count:,} agreements: {ours:,} instructions")
    print(f"import and tomli parse alone: {floor:,} instructions")
    print(f"our own work: {(ours - floor) // args.count:,} instructions per agreement")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
