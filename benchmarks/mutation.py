"""Mutation score per module: how many small bugs planted in a module the test suite catches.

    pip install -e '.[test]' mutmut   # mutmut 3.8
    python benchmarks/mutation.py [--fresh] [--examples N] [MODULE ...]

MODULE is a module of gsomia_clock (`durations`, `terms`, a dotted `cli.agenda_cache` for a
subpackage); the default is MODULES below. For each module this runs `mutmut run` on that
module's mutants, one worker at a time (`--workers N`: N at once), then prints one line per
module (mutants, killed, survived, no tests, timeouts, suspicious, skipped, score, wall time)
and a total. The diffs of
every mutant no test killed go to `.mutation/<module>.txt`, mutmut's log to
`.mutation/<module>.log`; mutmut keeps its working copy and cache in `mutants/`. Both folders
are git-ignored; `--fresh` deletes `mutants/` first (do so after changing tests or the config).
`mutmut browse` and `mutmut show NAME` work on the results afterwards. Not run in CI.

score = (killed + timeouts) / (mutants - skipped), mutmut's own formula: a mutant no selected
test executes ("no tests") counts as not killed.

What runs, from `[tool.mutmut]` in pyproject.toml, and why:
- The in-process tests only. The command-line tests (test_cli, test_examples, the console blocks
  of the docs) start a subprocess that imports the unmutated package, so they cannot kill a
  mutant; test_push needs a Radicale server (slow); test_fuzz is the long corpus run.
- Hypothesis with a fixed profile (below): `--examples` examples (default 30) for the property
  tests that read GSOMIA_CLOCK_EXAMPLES and those without settings, derandomized, no example
  database, so a score does not depend on the run before.
- This file is also a pytest plugin there (`-p benchmarks.mutation`): before every test it
  clears the package's `lru_cache`s. mutmut forks each mutant's run from a process that has
  already run the suite, so cached answers of the real code would hide the mutants (and the
  first test to fill a cache would be the only one mutmut links to the functions behind it).

What mutmut 3 does not mutate: module-level code (constants, compiled patterns, tables) and
decorated functions other than classmethods and staticmethods (`@lru_cache`, `@property`,
`@cached_property`). Those lines count in no score here.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "gsomia_clock"
# The modules measured by default: edit this list as modules are split or renamed.
MODULES = (
    "durations", "terms", "exits", "timeline", "subject", "notices", "status", "withdrawal",
    "deadlines", "remembered", "values", "catalog", "days", "ics", "cli.agenda_cache", "picture",
    "report",
)  # fmt: skip
RESULTS = ROOT / ".mutation"
WORK = ROOT / "mutants"  # mutmut's fixed working folder
KILLED = {"killed", "timeout", "caught by type check", "segfault"}


# --- pytest plugin, loaded inside mutmut's runs by `-p benchmarks.mutation` ---------------------


def pytest_configure(config: object) -> None:
    """A reproducible, small Hypothesis profile for mutation runs."""
    from hypothesis import settings

    examples = int(os.environ.get("GSOMIA_CLOCK_EXAMPLES", "30"))
    settings.register_profile(
        "mutation", max_examples=examples, derandomize=True, database=None, deadline=None
    )
    settings.load_profile("mutation")


def pytest_runtest_setup(item: object) -> None:
    """Forget every answer the package has cached, so each test runs the (mutated) code."""
    for name, module in list(sys.modules.items()):
        if name != PACKAGE and not name.startswith(f"{PACKAGE}."):
            continue
        for value in list(vars(module).values()):
            inner = vars(value).values() if isinstance(value, type) else ()
            for candidate in (value, *inner):
                clear = getattr(candidate, "cache_clear", None)
                if callable(clear) and hasattr(candidate, "cache_info"):
                    clear()


# --- the measurement ----------------------------------------------------------------------------


@dataclass
class Score:
    module: str
    counts: dict[str, int]
    seconds: float

    @property
    def mutants(self) -> int:
        return sum(self.counts.values())

    def count(self, *statuses: str) -> int:
        return sum(self.counts.get(status, 0) for status in statuses)

    @property
    def killed(self) -> int:
        return self.count(*KILLED)

    @property
    def score(self) -> float | None:
        tested = self.mutants - self.count("skipped")
        return 100 * self.count("killed", "timeout") / tested if tested else None


def _mutmut(*args: str, examples: int, log: Path | None = None) -> subprocess.CompletedProcess[str]:
    mutmut = Path(sys.executable).with_name("mutmut")
    command = [str(mutmut)] if mutmut.exists() else [sys.executable, "-m", "mutmut"]
    env = {**os.environ, "GSOMIA_CLOCK_EXAMPLES": str(examples), "PYTHONHASHSEED": "0"}
    done = subprocess.run(
        [*command, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if log is not None:
        log.write_text(done.stdout.replace("\r", "\n") + done.stderr)
    return done


def _source(module: str) -> Path:
    return Path(PACKAGE, *module.split(".")).with_suffix(".py")


def measure(module: str, examples: int, workers: int = 1) -> Score:
    """Run the mutants of one module; write the surviving ones' diffs; count by status."""
    from mutmut.stats import status_by_exit_code

    prefix = f"{PACKAGE}.{module}."
    log = RESULTS / f"{module}.log"
    started = time.perf_counter()
    done = _mutmut("run", "--max-children", str(workers), f"{prefix}*", examples=examples, log=log)
    seconds = time.perf_counter() - started
    if done.returncode != 0 and "nothing matches" not in done.stdout + done.stderr:
        sys.exit(f"mutmut failed on {module}; see {log.relative_to(ROOT)}")
    meta = WORK / f"{_source(module)}.meta"
    codes = json.loads(meta.read_text())["exit_code_by_key"] if meta.exists() else {}
    statuses = {key: status_by_exit_code[code] for key, code in codes.items()}
    counts: dict[str, int] = {}
    for status in statuses.values():
        counts[status] = counts.get(status, 0) + 1
    alive = sorted(key for key, status in statuses.items() if status not in KILLED)
    with (RESULTS / f"{module}.txt").open("w") as out:
        out.write(f"# {len(alive)} mutants of {_source(module)} no test killed\n\n")
        for key in alive:
            diff = _mutmut("show", key, examples=examples).stdout.strip()
            out.write(f"{diff}\n\n" if diff else f"# {key}: {statuses[key]}\n\n")
    return Score(module, counts, seconds)


def _row(name: str, s: Score) -> str:
    score = "-" if s.score is None else f"{s.score:.1f}%"
    counts = (s.count("survived"), s.count("no tests"), s.count("timeout"))
    others = (s.count("suspicious"), s.count("skipped"))
    cells = (s.mutants, s.killed, *counts, *others)
    return f"{name:<22}" + "".join(f"{c:>9}" for c in cells) + f"{score:>8}{s.seconds:>8.0f}s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE", default=list(MODULES))
    parser.add_argument("--examples", type=int, default=30, help="Hypothesis examples a test")
    parser.add_argument("--fresh", action="store_true", help="delete mutmut's mutants/ first")
    parser.add_argument(
        "--workers", type=int, default=1, help="mutants run at once (default 1: a quiet machine)"
    )
    args = parser.parse_args()
    missing = [m for m in args.modules if not (ROOT / _source(m)).exists()]
    if missing:
        parser.error(f"no such module in {PACKAGE}/: {', '.join(missing)}")
    if args.fresh and WORK.exists():
        shutil.rmtree(WORK)
    RESULTS.mkdir(exist_ok=True)
    heads = ("mutants", "killed", "survived", "no tests", "timeout", "suspect", "skipped")
    print(f"{'module':<22}" + "".join(f"{h:>9}" for h in heads) + f"{'score':>8}{'time':>9}")
    scores = []
    for module in args.modules:
        scores.append(measure(module, args.examples, args.workers))
        print(_row(module, scores[-1]), flush=True)
    total: dict[str, int] = {}
    for s in scores:
        for status, n in s.counts.items():
            total[status] = total.get(status, 0) + n
    print(_row("total", Score("total", total, sum(s.seconds for s in scores))))
    print(f"surviving mutants: {RESULTS.relative_to(ROOT)}/<module>.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
