"""The long fuzz run: every fuzz target of tests/test_fuzz.py with many examples, and the counts.

    pip install '.[test]' && python benchmarks/fuzz.py [EXAMPLES_PER_TARGET]   (default 20,000)

The test suite runs the same targets with 200 examples each. This prints how many examples each
target ran and passed, and exits non-zero if any failed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    per_target = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--hypothesis-show-statistics",
         str(ROOT / "tests" / "test_fuzz.py")],
        cwd=ROOT, env={**os.environ, "GSOMIA_CLOCK_FUZZ_EXAMPLES": str(per_target)},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    total = 0
    sections = re.split(r"\ntests/test_fuzz\.py::(\w+):\n", done.stdout)
    for name, body in zip(sections[1::2], sections[2::2], strict=True):
        phases = re.findall(r"(\d+) passing, (\d+) failing, and (\d+) invalid", body)
        passing, failing, invalid = (sum(int(p[i]) for p in phases) for i in range(3))
        total += passing
        print(f"{name:<58} {passing:>8,} passing, {failing} failing, {invalid:,} invalid")
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr
    print(f"{'total':<58} {total:>8,} passing examples in {time.perf_counter() - started:.0f} s")
    print(summary)
    if done.returncode != 0:
        print(done.stdout[-4000:], done.stderr[-2000:], sep="\n")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
