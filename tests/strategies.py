"""Hypothesis strategies shared by every property test: durations, days, whole agreements."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from gsomia_clock import Agreement, CatalogError, Duration
from gsomia_clock.catalog import read_catalog

days = st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31))

durations = st.builds(
    Duration,
    years=st.integers(0, 12),
    months=st.integers(0, 30),
    weeks=st.integers(0, 10),
    days=st.integers(0, 400),
)
positive_durations = durations.filter(lambda d: not d.is_zero)
notices = st.sampled_from(["P90D", "P3M", "P6M", "P1Y", "P30D", "P2W", "P1M15D"])
terms = st.sampled_from(["P1Y", "P6M", "P2Y", "P5Y", "P100D", "P1Y6M", "P3M"])
zones = st.sampled_from(
    [
        "UTC",
        "Asia/Seoul",
        "Europe/Brussels",
        "America/Santiago",
        "America/New_York",
        "Australia/Lord_Howe",
    ]
)
POLICIES = ("immediate", "remaining", "restart")


@st.composite
def agreement_texts(draw: st.DrawFn, *, with_events: bool = True) -> str:
    """The TOML of one agreement; its history may be impossible (load it with `agreements`)."""
    parties = draw(st.sampled_from([["AA", "BB"], ["AA", "BB", "CC"], ["AA"]]))
    in_force = draw(st.dates(min_value=date(1890, 1, 1), max_value=date(2100, 12, 31)))
    lines = [
        "[[agreement]]",
        'id = "generated"',
        'name = "Generated"',
        f"parties = {parties!r}".replace("'", '"'),
        f"in_force = {in_force.isoformat()}",
        f'timezone = "{draw(zones)}"',
    ]
    term = draw(st.none() | terms)
    if term:
        lines.append(f'term = "{term}"')
        if draw(st.integers(0, 3)) > 0:
            lines.append(f'renewal = "{draw(terms)}"')
    exits = draw(st.lists(st.sampled_from(["end-of-term", "after-notice"]), min_size=1, max_size=2))
    for drawn in exits:
        effect = "after-notice" if drawn == "end-of-term" and not term else drawn
        lines += ["[[agreement.exit]]", f'effect = "{effect}"', f'notice = "{draw(notices)}"']
        if draw(st.integers(0, 3)) == 0:
            lines.append(f'not_before = "P{draw(st.integers(1, 5))}Y"')
    if with_events:
        day = in_force
        pending: dict[str, str] = {}
        for _ in range(draw(st.integers(0, 6))):
            day += timedelta(days=draw(st.integers(0, 900)))
            party = draw(st.sampled_from(parties))
            state = pending.get(party)
            if state is None:
                kind = draw(st.sampled_from(["notice", "notice", "extend", "terminate", "join"]))
            elif state == "pending":
                kind = draw(st.sampled_from(["revoke", "suspend", "defer"]))
            else:
                kind = draw(st.sampled_from(["resume", "revoke"]))
            lines += ["[[agreement.event]]", f"date = {day.isoformat()}", f'kind = "{kind}"']
            if kind not in ("extend", "terminate"):
                lines.append(f'party = "{party}"')
            if kind in ("extend", "defer"):
                until = day + timedelta(days=draw(st.integers(0, 900)))
                lines.append(f"until = {until.isoformat()}")
            if kind == "join":
                lines.append(
                    f"effective = {(day + timedelta(days=draw(st.integers(0, 60)))).isoformat()}"
                )
            if kind == "suspend":
                lines.append(f'on_resume = "{draw(st.sampled_from(POLICIES))}"')
            if kind in ("notice", "resume"):
                pending[party] = "pending"
            elif kind == "suspend":
                pending[party] = "suspended"
            elif kind in ("revoke", "join"):
                pending.pop(party, None)
    return "\n".join(lines) + "\n"


@st.composite
def agreements(draw: st.DrawFn, *, with_events: bool = True) -> Agreement:
    """A loadable agreement: generated histories that break the rules are drawn again."""
    text = draw(agreement_texts(with_events=with_events))
    try:
        (found,) = read_catalog(text.encode(), name="generated.toml")
    except CatalogError:
        from hypothesis import reject

        reject()
    return found


def day_near(agreement: Agreement) -> st.SearchStrategy[date]:
    start = agreement.in_force - timedelta(days=400)
    return st.dates(min_value=start, max_value=agreement.in_force + timedelta(days=365 * 12))


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """A catalog text with a few random edits: lines dropped, doubled, swapped, or rewritten."""
    lines = text.splitlines()
    junk = st.sampled_from(
        [
            "= 1",
            'x = "',
            "[[agreement.event]]",
            "[agreement]",
            'kind = "notice"',
            "date = 2021-13-45",
            'party = "ZZ"',
            "until = 1999-01-01",
            'notice = "P-1D"',
            "term = 1.5",
            "in_force = []",
            'effect = "after-notice"',
            "parties = [1, 2]",
            '"\\u0000"',
            "date = 2021-01-01T25:00:00Z",
        ]
    ) | st.text(max_size=30)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        where = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "double", "swap", "rewrite", "insert"]))
        if action == "drop":
            del lines[where]
        elif action == "double":
            lines.insert(where, lines[where])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[where], lines[other] = lines[other], lines[where]
        elif action == "rewrite" and "=" in lines[where]:
            key = lines[where].split("=")[0]
            lines[where] = f"{key}= {draw(junk)}"
        else:
            lines.insert(where, draw(junk))
    return "\n".join(lines) + "\n"
