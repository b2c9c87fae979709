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


# The calendars of a contract manager's register: SaaS vendors' countries, German states for leases.
COUNTRIES = ("US-NY", "GB", "DE", "FR", "NL", "US-CA", "JP", "KR")
STATES = ("DE-BE", "DE-BY", "DE-NW", "DE-HH", "DE-HE", "DE-BW")
MIX_ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Europe/London", "Asia/Seoul")
LEASE = (
    "Die Kündigung ist spätestens am dritten Werktag eines Kalendermonats zum Ablauf des "
    "übernächsten Monats zulässig."
)


def mix_toml(count: int, seed: int = 26) -> str:
    """A contract manager's register (issue 26): 40% monthly SaaS subscriptions (P1M, ten
    business days' notice, a country calendar, owner, reference, tags), 30% leases under BGB
    § 573c (end-of-period monthly, P3M, grace 3, a German state's calendar, the clause), 20%
    multi-year vendor contracts (2-5 years, 60-180 days' notice with `earliest`), 10% treaties
    with histories (`register_toml`'s); in force from days over 30 years, in several zones."""
    rng = random.Random(seed)
    out: list[str] = []
    for i in range(count):
        in_force = date(1996, 1, 1) + timedelta(days=rng.randrange(0, 365 * 30))
        shape = rng.random()
        head = [
            "[[agreement]]",
            f'id = "c{i:06d}"',
            f"in_force = {in_force.isoformat()}",
            f'timezone = "{rng.choice(MIX_ZONES)}"',
            f'owner = "{rng.choice(("it", "facilities", "legal", "finance"))}"',
            f'reference = "REF-{i:06d}"',
        ]
        if shape < 0.4:
            lines = [
                *head,
                f'name = "Subscription {i}"',
                'parties = ["US", "VENDOR"]',
                f'calendar = "{rng.choice(COUNTRIES)}"',
                'tags = ["saas", "monthly"]',
                'term = "P1M"',
                'renewal = "P1M"',
                "[[agreement.exit]]",
                'effect = "end-of-term"',
                "notice_business_days = 10",
            ]
        elif shape < 0.7:
            lines = [
                *head,
                f'name = "Lease {i}"',
                'parties = ["TENANT", "LANDLORD"]',
                f'calendar = "{rng.choice(STATES)}"',
                'tags = ["lease"]',
                f'text = "{LEASE}"',
                "[[agreement.exit]]",
                'effect = "end-of-period"',
                'every = "P1M"',
                "anchor = 2000-01-01",
                'notice = "P3M"',
                "grace = 3",
            ]
        elif shape < 0.9:
            years = rng.randrange(2, 6)
            lines = [
                *head,
                f'name = "Vendor contract {i}"',
                'parties = ["US", "VENDOR"]',
                'tags = ["vendor"]',
                f'term = "P{years}Y"',
                f'renewal = "P{rng.choice((1, years))}Y"',
                "[[agreement.exit]]",
                'effect = "end-of-term"',
                f'notice = "P{rng.choice((60, 90, 120, 180))}D"',
                f'earliest = "P{rng.choice((240, 270, 365))}D"',
            ]
        else:
            treaty = register_toml(1, seed=seed * 1_000_003 + i).replace('"a000000"', f'"c{i:06d}"')
            out.append(treaty.strip())
            continue
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def monthly_toml(count: int, seed: int = 30) -> str:
    """Yearly-to-monthly terms in four zones: every agreement renews (P1Y, P6M, P3M or P1M) with
    end-of-term notice, about 5.7 deadlines an agreement in 400 days."""
    rng = random.Random(seed)
    out: list[str] = []
    for i in range(count):
        in_force = date(1996, 1, 1) + timedelta(days=rng.randrange(0, 365 * 30))
        period = rng.choice(("P1Y", "P6M", "P3M", "P1M"))
        notice = {"P1Y": "P90D", "P6M": "P60D", "P3M": "P30D", "P1M": "P14D"}[period]
        out.append(
            "\n".join(
                (
                    "[[agreement]]",
                    f'id = "m{i:06d}"',
                    f'name = "Renewing {i}"',
                    'parties = ["AA", "BB"]',
                    f"in_force = {in_force.isoformat()}",
                    f'timezone = "{rng.choice(ZONES[:4])}"',
                    f'term = "{period}"',
                    f'renewal = "{period}"',
                    "[[agreement.exit]]",
                    'effect = "end-of-term"',
                    f'notice = "{notice}"',
                )
            )
        )
    return "\n\n".join(out) + "\n"


SHAPES = {"treaties": register_toml, "mix": mix_toml, "monthly": monthly_toml}


def main() -> int:
    import argparse
    import sys

    parser = argparse.ArgumentParser(description="Write a synthetic register as a catalog file.")
    parser.add_argument("count", type=int, help="how many agreements, e.g. 100000")
    parser.add_argument("-o", "--output", default="-", help="the file to write (default: stdout)")
    parser.add_argument("--evergreen", action="store_true", help="all renew yearly (treaties)")
    parser.add_argument(
        "--shape", choices=sorted(SHAPES), default="treaties",
        help="treaties (the default), mix (a contract manager's: issue 26), monthly",
    )  # fmt: skip
    args = parser.parse_args()
    if args.evergreen:
        text = register_toml(args.count, evergreen=True)
    else:
        text = SHAPES[args.shape](args.count)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as stream:
            stream.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
