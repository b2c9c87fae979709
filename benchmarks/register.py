"""A synthetic register of agreements with histories, written as a real catalog file.

Deterministic (seeded): the same count gives the same file. Shapes mix what treaty offices hold:
yearly evergreen agreements with end-of-term notice, fixed terms, indefinite treaties with a notice
period and a bar, multilateral conventions with joins; histories with notices, revocations,
suspensions and resumptions, deferrals, extensions.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

ZONES = ("UTC", "Asia/Seoul", "Europe/Brussels", "America/New_York", "Asia/Tokyo")


def register_toml(count: int, seed: int = 2016, *, evergreen: bool = False) -> str:
    """`count` agreements; with `evergreen`, all renew yearly and stay in force: the most
    deadlines per agreement, for the calendar export."""
    rng = random.Random(seed)
    out: list[str] = []
    for i in range(count):
        in_force = date(1990, 1, 1) + timedelta(days=rng.randrange(0, 365 * 35))
        shape = 0 if evergreen else rng.randrange(4)
        lines = [
            "[[agreement]]",
            f'id = "a{i:06d}"',
            f'name = "Agreement {i}"',
            'parties = ["AA", "BB"]' if shape != 3 else 'parties = ["AA", "BB", "CC"]',
            f"in_force = {in_force.isoformat()}",
            f'timezone = "{rng.choice(ZONES)}"',
        ]
        if shape == 0:
            years = 1 if evergreen else rng.choice((1, 2, 5))
            renewal = 1 if evergreen else rng.choice((1, 2))
            lines += [f'term = "P{years}Y"', f'renewal = "P{renewal}Y"']
        if shape == 1:
            lines += [f'term = "P{rng.choice((5, 10, 20))}Y"']
        if shape in (0, 1):
            lines += [
                "[[agreement.exit]]",
                'effect = "end-of-term"',
                f'notice = "P{rng.choice((30, 90, 180))}D"',
            ]
        else:
            lines += [
                "[[agreement.exit]]",
                'effect = "after-notice"',
                f'notice = "P{rng.choice((3, 6, 12))}M"',
            ]
            if rng.random() < 0.5:
                lines.append('not_before = "P3Y"')
        day = in_force + timedelta(days=365 * 4)
        history = rng.choice((0, 2, 3)) if evergreen else rng.randrange(4)
        if shape == 3:
            lines += [
                "[[agreement.event]]",
                f"date = {in_force.isoformat()}",
                'kind = "join"',
                'party = "CC"',
                f"effective = {(in_force + timedelta(days=30)).isoformat()}",
            ]
        if history >= 1:
            lines += [
                "[[agreement.event]]",
                f"date = {day.isoformat()}",
                'kind = "notice"',
                'party = "AA"',
            ]
            if history == 2:
                lines += [
                    "[[agreement.event]]",
                    f"date = {(day + timedelta(days=20)).isoformat()}",
                    'kind = "revoke"',
                    'party = "AA"',
                ]
            if history == 3:
                lines += [
                    "[[agreement.event]]",
                    f"date = {(day + timedelta(days=10)).isoformat()}",
                    'kind = "suspend"',
                    'party = "AA"',
                    'on_resume = "restart"',
                    "[[agreement.event]]",
                    f"date = {(day + timedelta(days=40)).isoformat()}",
                    'kind = "revoke"',
                    'party = "AA"',
                ]
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def main() -> int:
    import argparse
    import sys

    parser = argparse.ArgumentParser(description="Write a synthetic register as a catalog file.")
    parser.add_argument("count", type=int, help="how many agreements, e.g. 100000")
    parser.add_argument("-o", "--output", default="-", help="the file to write (default: stdout)")
    parser.add_argument("--evergreen", action="store_true", help="all renew yearly")
    args = parser.parse_args()
    text = register_toml(args.count, evergreen=args.evergreen)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as stream:
            stream.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
