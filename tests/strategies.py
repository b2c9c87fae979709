"""Hypothesis strategies shared by every property test: durations, days, whole agreements.

Agreements are built directly, valid by construction: a history grows event by event, and a
drawn event that the library refuses for the history so far is left out (never the example).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import reject
from hypothesis import strategies as st

from gsomia_clock import (
    Agreement,
    Boundaries,
    ClockError,
    Defer,
    Duration,
    Event,
    Exit,
    Extend,
    Join,
    Notice,
    Resume,
    ResumeOperation,
    Revoke,
    Suspend,
    SuspendOperation,
    Terminate,
    Window,
)

days = st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31))

durations = st.builds(
    Duration,
    years=st.integers(0, 12),
    months=st.integers(0, 30),
    weeks=st.integers(0, 10),
    days=st.integers(0, 400),
)
# Longer than zero by construction (the zero duration becomes one day), not by filtering.
positive_durations = durations.map(lambda d: Duration(days=1) if d.is_zero else d)
notices = st.sampled_from(["P90D", "P3M", "P6M", "P1Y", "P30D", "P2W", "P1M15D"]).map(
    Duration.parse
)
terms = st.sampled_from(["P1Y", "P6M", "P2Y", "P5Y", "P100D", "P1Y6M", "P3M"]).map(Duration.parse)
# Business-day calendars with what counting must get right: a Friday-and-Saturday weekend (IL),
# a weekend that moved (SA, in 2013), working Saturdays (CN, RU, AZ), lunar holidays (KR, CN),
# subdivisions (US-NY, DE-BY, DE-BE).
calendar_codes = st.sampled_from(
    ["US", "US-NY", "DE-BY", "DE-BE", "GB", "KR", "JP", "CN", "SA", "IL", "RU", "AZ"]
)
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
# Candidates drawn for one event before it is left out of the history.
TRIES = 4


def accepted(agreement: Agreement, events: Sequence[Event]) -> Agreement | None:
    """The agreement with this history when the library accepts it (as `read_catalog` would)."""
    try:
        # Made, an agreement has compiled its history (what read_catalog checks).
        return agreement.replace(events=tuple(events))
    except (ClockError, OverflowError):
        return None


# Every strategy below draws the same number of choices whatever the values drawn (a count
# picks how many of them are used): hypothesis's mutations of one example then stay aligned
# instead of being thrown away as invalid.
PARTIES = [("AA", "BB"), ("AA", "BB", "CC"), ("AA",)]
EFFECTS = ["end-of-term", "after-notice", "end-of-period"]
# A clause's calendar of its own (end-of-period), and its windows: (first, every, length).
PERIODS = ["P1Y", "P3M", "P1M", "P6M"]
WINDOWS = [
    ("P1Y", "P2Y", "P6M"),
    ("P2Y", None, "P1Y"),
    ("P10Y", "P10Y", "P1Y"),
    ("P3M", "P1Y", "P1M"),
]
# What a party may plausibly do, by the state of its notice (60 is a multiple of every length).
KINDS = {
    None: ["notice", "notice", "extend", "terminate", "join", "suspend-operation",
           "resume-operation"],
    "pending": ["revoke", "suspend", "defer", "suspend-operation", "resume-operation"],
    "suspended": ["resume", "revoke"],
}  # fmt: skip
EVENTS = 6  # at most, in one history
CANDIDATES = 12  # events drawn for a history, of which those the library accepts are kept

exit_specs = st.tuples(
    st.sampled_from(EFFECTS),
    notices,
    st.integers(0, 3),  # 0: a not_before bar, of `years`
    st.integers(1, 5),  # years
    st.integers(0, 5),  # the clause's form: 1 a window, 2 `earliest`, 3 the bar from the agreement
    st.sampled_from(PERIODS),  # end-of-period: every
    st.lists(st.integers(0, 400), min_size=2, max_size=2),  # anchors: days after in_force
    st.integers(1, 2),  # how many anchors
    st.sampled_from(WINDOWS),
    st.integers(0, 9),  # business days: 6 roll back, 7 roll on, 8 grace days, 9 notice in them
)
event_specs = st.tuples(
    st.integers(0, 900),  # days after the event before
    st.integers(0, 2),  # which party (modulo their number)
    st.integers(0, 59),  # which kind, among those plausible for the party's state
    st.integers(0, 900),  # until: days after the event
    st.integers(0, 60),  # effective (join): days after the event
    st.sampled_from(POLICIES),  # on_resume (suspend)
)


def _window(spec: tuple[str, str | None, str]) -> Window:
    first, every, length = spec
    return Window(Duration.parse(first), every and Duration.parse(every), Duration.parse(length))


@st.composite
def bare_agreements(draw: st.DrawFn) -> Agreement:
    """An agreement with terms and exit clauses but no history, built directly."""
    parties = draw(st.sampled_from(PARTIES))
    in_force = draw(st.dates(min_value=date(1890, 1, 1), max_value=date(2100, 12, 31)))
    timezone = draw(zones)
    term = draw(st.sampled_from([None, "P1Y", "P6M", "P2Y", "P5Y", "P100D", "P1Y6M", "P3M"]))
    renews, renewal = draw(st.integers(0, 3)), draw(terms)
    count, specs = draw(st.integers(1, 2)), draw(st.tuples(exit_specs, exit_specs))
    exits = []
    business_days_used = False
    for kind, notice, barred, years, form, every, offsets, anchors, window, business in specs[
        :count
    ]:
        effect = "after-notice" if kind == "end-of-term" and not term else kind
        ends = effect != "after-notice"
        roll = (
            ("preceding" if business == 6 else "following") if business in (6, 7) and ends else None
        )
        grace = 1 + years % 3 if business == 8 and ends else None
        counted = 1 + 3 * years if business == 9 else None
        business_days_used = business_days_used or bool(roll or grace or counted)
        bar = Duration(years=years) if barred == 0 or form == 3 else None
        period = (
            Boundaries(
                Duration.parse(every),
                tuple(sorted({in_force + timedelta(days=n) for n in offsets[:anchors]})),
            )
            if effect == "end-of-period"
            else None
        )
        exits.append(
            Exit(
                effect,  # type: ignore[arg-type]
                None if counted else notice,
                not_before=bar,
                period=period,
                window=_window(window) if form == 1 else None,
                earliest=notice + Duration(months=2)
                if form == 2 and effect != "after-notice"
                else None,
                not_before_from="agreement" if form == 3 else "party",
                notice_business_days=counted,
                roll=roll,  # type: ignore[arg-type]
                grace=grace,
            )
        )
    return Agreement(
        id="generated",
        name="Generated",
        parties=parties,
        multilateral=len(parties) != 2,
        in_force=in_force,
        timezone=timezone,
        term=Duration.parse(term) if term else None,
        renewal=renewal if term and renews > 0 else None,
        exits=tuple(exits),
        calendar="US" if business_days_used else None,
    )


def _event(
    spec: tuple[int, int, int, int, int, str],
    agreement: Agreement,
    after: date,
    states: dict[str, str],
) -> Event:
    """The event a spec stands for, after the day `after`, given the states of the notices."""
    later, who, which, until, effective, policy = spec
    day = after + timedelta(days=later)
    party = agreement.parties[who % len(agreement.parties)]
    plausible = KINDS[states.get(party)]  # type: ignore[index]
    kind = plausible[which % len(plausible)]
    later_day = day + timedelta(days=until)
    match kind:
        case "notice":
            return Notice(day, party)
        case "revoke":
            return Revoke(day, party)
        case "suspend":
            return Suspend(day, party, on_resume=policy)  # type: ignore[arg-type]
        case "resume":
            return Resume(day, party)
        case "extend":
            return Extend(day, later_day)
        case "defer":
            return Defer(day, party, later_day)
        case "join":
            return Join(day, party, day + timedelta(days=effective))
        case "suspend-operation":
            return SuspendOperation(
                day, party, day + timedelta(days=effective % 3 * 20) if effective % 2 else None
            )
        case "resume-operation":
            return ResumeOperation(day, party)
    return Terminate(day)


@st.composite
def agreements(draw: st.DrawFn, *, with_events: bool = True) -> Agreement:
    """A valid agreement, its history built event by event: a drawn event that the library
    refuses after the history so far is left out, and the next one is tried."""
    agreement = draw(bare_agreements())
    if not with_events:
        return agreement
    wanted = draw(st.integers(0, EVENTS))
    specs = draw(st.lists(event_specs, min_size=CANDIDATES, max_size=CANDIDATES))
    events: list[Event] = []
    states: dict[str, str] = {}  # a party's notice: "pending" or "suspended"
    for spec in specs:
        if len(events) == wanted:
            break
        after = events[-1].date if events else agreement.in_force
        event = _event(spec, agreement, after, states)
        changed = accepted(agreement, [*events, event])
        if changed is None:
            continue
        events.append(event)
        agreement = changed
        if event.kind in ("notice", "resume"):
            states[event.party] = "pending"  # type: ignore[index]
        elif event.kind == "suspend":
            states[event.party] = "suspended"  # type: ignore[index]
        elif event.kind in ("revoke", "join"):
            states.pop(event.party, None)  # type: ignore[arg-type]
    return agreement


def catalog_text(agreement: Agreement) -> str:
    """The catalog file that `read_catalog` reads back as this agreement."""
    lines = [
        "[[agreement]]",
        f"id = {json.dumps(agreement.id)}",
        f"name = {json.dumps(agreement.name)}",
        f"parties = {json.dumps(list(agreement.parties))}",
        f"in_force = {agreement.in_force.isoformat()}",
        f"timezone = {json.dumps(agreement.timezone)}",
    ]
    if agreement.multilateral != (len(agreement.parties) != 2):
        lines.append(f"multilateral = {json.dumps(agreement.multilateral)}")
    if agreement.calendar is not None:
        lines.append(f"calendar = {json.dumps(agreement.calendar)}")
    for key in ("term", "renewal"):
        if getattr(agreement, key) is not None:
            lines.append(f'{key} = "{getattr(agreement, key)}"')
    for clause in agreement.exits:
        lines += [
            "[[agreement.exit]]",
            f'effect = "{clause.effect}"',
            f'notice = "{clause.notice}"'
            if clause.notice is not None
            else f"notice_business_days = {clause.notice_business_days}",
        ]
        if clause.roll is not None:
            lines.append(f'roll = "{clause.roll}"')
        if clause.grace is not None:
            lines.append(f"grace = {clause.grace}")
        for key in ("not_before", "not_effective_before", "earliest"):
            if getattr(clause, key) is not None:
                lines.append(f'{key} = "{getattr(clause, key)}"')
        if clause.not_before_from != "party":
            lines.append(f'not_before_from = "{clause.not_before_from}"')
        if clause.period is not None:
            anchors = ", ".join(a.isoformat() for a in clause.period.anchors)
            lines += [f'every = "{clause.period.every}"', f"anchor = [{anchors}]"]
        if clause.window is not None:
            w = clause.window
            each = f', every = "{w.every}"' if w.every else ""
            lines.append(f'window = {{ first = "{w.first}"{each}, length = "{w.length}" }}')
    for event in agreement.events:
        lines += [
            "[[agreement.event]]",
            f"date = {event.date.isoformat()}",
            f'kind = "{event.kind}"',
        ]
        if event.party is not None:
            lines.append(f'party = "{event.party}"')
        for key in ("until", "effective"):
            if getattr(event, key, None) is not None:
                lines.append(f"{key} = {getattr(event, key).isoformat()}")
        if isinstance(event, Suspend):
            lines.append(f'on_resume = "{event.on_resume}"')
    return "\n".join(lines) + "\n"


def agreement_texts(*, with_events: bool = True) -> st.SearchStrategy[str]:
    """The catalog text of a valid agreement (for the fuzzer to mutate)."""
    return agreements(with_events=with_events).map(catalog_text)


# Agreements tried, each with a party and days for its notice, before an example is given up.
ATTEMPTS = 4
notice_specs = st.tuples(
    bare_agreements(),
    st.integers(0, 2),  # which party (modulo their number)
    st.lists(st.integers(0, 365 * 12), min_size=TRIES, max_size=TRIES),  # days after in_force
)


def _notices(agreement: Agreement, who: int, offsets: list[int]) -> Iterator[Notice]:
    """Notices the party could give, as far as the library accepts them: drawn days first,
    then the first day each clause allows."""
    party = agreement.parties[who % len(agreement.parties)]
    opening = [(x.not_before or Duration()).add_to(agreement.in_force) for x in agreement.exits]
    for day in [*(agreement.in_force + timedelta(days=n) for n in offsets), *sorted(opening)]:
        notice = Notice(day, party)
        if accepted(agreement, [notice]) is not None:
            yield notice


@dataclass(frozen=True)
class RevokedNotice:
    agreement: Agreement  # with no history
    party: str
    revoked: date
    history: Agreement  # the party's notice, then its revocation


@st.composite
def revoked_notices(draw: st.DrawFn) -> RevokedNotice:
    """A party's notice and its revocation, both accepted by the library."""
    attempts = draw(st.lists(notice_specs, min_size=ATTEMPTS, max_size=ATTEMPTS))
    offsets = draw(st.lists(st.integers(0, 400), min_size=TRIES, max_size=TRIES))
    for agreement, who, days in attempts:
        for notice in _notices(agreement, who, days):
            # The revocation comes before the effect: on the day of the notice, it always does.
            for offset in [*offsets, 0]:
                revoked = notice.date + timedelta(days=offset)
                revoke = Revoke(revoked, notice.party)
                history = accepted(agreement, [notice, revoke])
                if history is not None:
                    return RevokedNotice(agreement, notice.party, revoked, history)  # type: ignore[arg-type]
    reject()  # no party of these agreements could give notice (shown in the statistics)


@dataclass(frozen=True)
class RestartedNotice:
    party: str
    resumed: date
    history: Agreement  # a notice, its suspension (on_resume = "restart"), its resumption
    fresh: Agreement  # a notice received on the day of the resumption, and nothing else


@st.composite
def restarted_notices(draw: st.DrawFn) -> RestartedNotice:
    """A notice suspended then resumed under `restart`, and the fresh notice it should equal,
    both accepted by the library; the last try at each step (the same day as the step before)
    always is."""
    attempts = draw(st.lists(notice_specs, min_size=ATTEMPTS, max_size=ATTEMPTS))
    pauses = draw(st.lists(st.integers(0, 60), min_size=TRIES, max_size=TRIES))
    gaps = draw(st.lists(st.integers(0, 1500), min_size=TRIES, max_size=TRIES))
    for agreement, who, days in attempts:
        for notice in _notices(agreement, who, days):
            party = notice.party
            for pause in [*pauses, 0]:
                suspended = notice.date + timedelta(days=pause)
                suspend = Suspend(suspended, party, on_resume="restart")
                if accepted(agreement, [notice, suspend]) is None:
                    continue
                for gap in [*gaps, 0]:
                    resumed = suspended + timedelta(days=gap)
                    resume = Resume(resumed, party)
                    history = accepted(agreement, [notice, suspend, resume])
                    fresh = accepted(agreement, [Notice(resumed, party)])
                    if history is not None and fresh is not None:
                        return RestartedNotice(party, resumed, history, fresh)  # type: ignore[arg-type]
    reject()  # no party of these agreements could give notice (shown in the statistics)


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


# One end-of-period exit, or one within notice windows, alone: its laws can be stated exactly.
def _alone(draw: st.DrawFn, clause: Exit, in_force: date) -> Agreement:
    """A bilateral agreement with no term whose one exit is `clause`."""
    return Agreement(
        id="alone", name="Alone", parties=("AA", "BB"), in_force=in_force,
        timezone=draw(zones), exits=(clause,),
    )  # fmt: skip


recent_days = st.dates(min_value=date(1900, 1, 1), max_value=date(2090, 12, 31))


@st.composite
def period_agreements(draw: st.DrawFn) -> Agreement:
    """An agreement whose one exit is `end-of-period` (one or two anchors near `in_force`)."""
    in_force = draw(recent_days)
    offsets = draw(st.lists(st.integers(-400, 400), min_size=1, max_size=2, unique=True))
    period = Boundaries(
        draw(st.sampled_from(PERIODS).map(Duration.parse)),
        tuple(sorted(in_force + timedelta(days=n) for n in offsets)),
    )
    return _alone(draw, Exit("end-of-period", draw(notices), period=period), in_force)


@st.composite
def window_agreements(draw: st.DrawFn) -> Agreement:
    """An agreement whose one exit is `after-notice` within windows."""
    window = _window(draw(st.sampled_from(WINDOWS)))
    return _alone(draw, Exit("after-notice", draw(notices), window=window), draw(recent_days))


# What spreadsheets write: a header of catalog keys and rows of cells, each cell a likely value
# of its column or something a careless hand or another program puts there.
_CELLS = {
    "id": st.sampled_from(["lease", "crm", "a-1", "Lease", "", "x y"]),
    "name": st.sampled_from(["Office lease", "한일 “GSOMIA”", "=HYPERLINK(1)", "'=SUM(1)", ""]),
    "parties": st.sampled_from(["AA;BB", "US;VENDOR", "AA", "AA;AA", ";", "=ZZ();BB"]),
    "in_force": st.sampled_from(["2024-01-01", "0001-01-01", "9999-12-31", "24.08.2027", ""]),
    "term": st.sampled_from(["P1Y", "P1M", "P0D", "3 months", ""]),
    "renewal": st.sampled_from(["P1Y", "P1M", "P99999Y", ""]),
    "effect": st.sampled_from(["end-of-term", "after-notice", "end-of-period", "x", ""]),
    "notice": st.sampled_from(["P90D", "P3M", "P-1D", ""]),
    "notice_business_days": st.sampled_from(["10", "0", "100000", "ten", ""]),
    "calendar": st.sampled_from(["DE-BE", "US", "KR-11", "DE-", ""]),
    "grace": st.sampled_from(["3", "40", ""]),
    "every": st.sampled_from(["P1M", "P1Y", ""]),
    "anchor": st.sampled_from(["2000-01-01", "2000-01-01;2000-01-16", ""]),
    "tags": st.sampled_from(["lease; berlin", "@x", ""]),
    "text": st.text(max_size=20),
}
ENDINGS = ("\n", "\r\n", "\r")  # LF, CRLF, and CR alone (Excel for Mac)
_JUNK = st.sampled_from(['"', '""', '"a"b', ",", ";", "\r", "\n", "\r\n", "\x7f", "\x00", "'"])


@st.composite
def spreadsheets(draw: st.DrawFn) -> bytes:
    """A CSV a spreadsheet (or a hand) might write, as bytes: `,` or `;` between cells, quoted or
    not, any line ending, a byte order mark or not, empty cells after the header's last key,
    cells now and then broken."""
    columns = draw(st.lists(st.sampled_from(list(_CELLS)), min_size=1, max_size=8, unique=True))
    ending = draw(st.sampled_from(ENDINGS))
    delimiter = draw(st.sampled_from([",", ";"]))
    rows = [list(columns) + [""] * draw(st.integers(0, 2))]
    for _ in range(draw(st.integers(0, 4))):
        rows.append([draw(_CELLS[c] | _JUNK) for c in columns])
    quote = draw(st.booleans())
    text = ending.join(
        delimiter.join(f'"{cell}"' if quote and draw(st.booleans()) else cell for cell in row)
        for row in rows
    )
    return (("\ufeff" if draw(st.booleans()) else "") + text + ending).encode(
        "utf-8", "surrogatepass"
    )


@dataclass(frozen=True)
class WrittenRegister:
    """One good register as two CSVs: `plain` (`,`, LF, no byte order mark, no empty header
    cells) and `written` as some spreadsheet writes it, its cells separated by `delimiter`."""

    plain: str
    written: str
    delimiter: str


# Columns a good register may have besides id, name, parties and in_force, with their cells: an
# end-of-term exit only with a term, and a row that adds an after-notice exit only with an exit.
_TERM = {"term": st.sampled_from(["P1Y", "P2Y"]), "renewal": st.sampled_from(["P1Y", "P6M", ""])}
_EXIT = {"effect": st.just("end-of-term"), "notice": st.sampled_from(["P90D", "P3M"])}
_MORE_EXIT = {"effect": st.just("after-notice"), "notice": st.sampled_from(["P1Y", "P30D"])}
# Text holding what a CSV must quote: both delimiters, quotes, line ends of every kind.
_PROSE = st.text(st.sampled_from(["a", "Z", " ", ",", ";", '"', "'", "\n", "\r", "ü"]), max_size=12)
_OTHERS = {"tags": st.just("x; y"), "text": _PROSE, "owner": st.sampled_from(["Ops", "Legal"])}


def _csv_line(cells: Sequence[str], delimiter: str) -> str:
    """A row as a spreadsheet writes it: a cell quoted (its quotes doubled) when it holds the
    delimiter, a quote or a line end, which csv.writer does not do for a line end other than its
    own."""
    special = (delimiter, '"', "\n", "\r")
    return delimiter.join(
        '"' + cell.replace('"', '""') + '"' if any(c in cell for c in special) else cell
        for cell in cells
    )


@st.composite
def written_registers(draw: st.DrawFn) -> WrittenRegister:
    """A good register (a few agreements, some with a second exit, the columns in any order) as
    written plainly and as written by a spreadsheet: `,`, `;` or a tab between cells, each line
    ended as LF, CRLF or CR, a byte order mark or not, empty cells after the header's last key."""
    extra = dict(draw(st.sampled_from([{}, _TERM, {**_TERM, **_EXIT}])))
    for column in draw(st.lists(st.sampled_from(list(_OTHERS)), unique=True)):
        extra[column] = _OTHERS[column]
    columns = draw(st.permutations(["id", "name", "parties", "in_force", *extra]))
    ids = draw(st.lists(st.sampled_from(["lease", "crm", "flat", "pact"]), min_size=1, unique=True))
    rows = [columns]
    for ident in ids:
        cells = {
            "id": ident,
            "name": "N" + draw(_PROSE),
            "parties": draw(st.sampled_from(["AA;BB", "US;VENDOR"])),
            "in_force": draw(days).isoformat(),
            **{column: draw(cell) for column, cell in extra.items()},
        }
        rows.append([cells[column] for column in columns])
        if "effect" in extra and draw(st.booleans()):
            more = {column: draw(cell) for column, cell in _MORE_EXIT.items()}
            rows.append([more.get(column, ident if column == "id" else "") for column in columns])
    plain = "".join(_csv_line(row, ",") + "\n" for row in rows)
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    empty = [""] * draw(st.integers(0, 3))
    written = "".join(
        _csv_line([*row, *empty], delimiter) + draw(st.sampled_from(ENDINGS)) for row in rows
    )
    return WrittenRegister(plain, ("\ufeff" if draw(st.booleans()) else "") + written, delimiter)


# What may stand where `report -o DIR` puts a page: nothing, a file of someone's, a folder, a
# FIFO, a link to a file, a folder, a device, nothing or itself.
REPORT_PLACES = (
    "index.html", "agreements", "agreements/pact.html", "agreements/x.html",
    ".gsomia-clock-report",  # the report's record of its pages: see cli/report_folder.py
)  # fmt: skip
REPORT_KINDS = (
    "none", "file", "read-only", "folder", "fifo", "link-file", "link-folder", "link-device",
    "link-nowhere", "link-loop",
)  # fmt: skip
report_trees = st.fixed_dictionaries(
    {place: st.sampled_from(REPORT_KINDS) for place in REPORT_PLACES}
)


@st.composite
def damaged_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` with a few damages: bytes flipped, cut short, cut into, grown, or left as noise."""
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["flip", "truncate", "cut", "insert", "noise"]))
        if action == "flip" and data:
            data = (
                data[:where] + bytes([data[where] ^ draw(st.integers(1, 255))]) + data[where + 1 :]
            )
        elif action == "truncate":
            data = data[:where]
        elif action == "cut":
            data = data[:where] + data[where + draw(st.integers(1, 64)) :]
        elif action == "insert":
            data = data[:where] + draw(st.binary(min_size=1, max_size=16)) + data[where:]
        else:
            data = draw(st.binary(max_size=256))
    return data


# Every kind of value marshal writes that an index could be mistaken to hold.
PLAIN_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
    | st.binary(max_size=8),
    lambda inner: st.tuples(inner, inner) | st.lists(inner, max_size=3)
    | st.builds(tuple, st.lists(inner, max_size=3)),
    max_leaves=6,
)  # fmt: skip


@st.composite
def reshaped(draw: st.DrawFn, value: object) -> object:
    """`value`, nested tuples of plain values, with one part (the whole, a field, or a field of
    a field) put in another's place, dropped, doubled, or given a value of another kind."""
    if not isinstance(value, tuple) or not value or draw(st.integers(0, 5)) == 0:
        return draw(PLAIN_VALUES | st.sampled_from([-1, 0, 2**31, 2**70, "", "~", ()]))
    where = draw(st.integers(0, len(value) - 1))
    action = draw(st.sampled_from(["deeper", "deeper", "deeper", "drop", "double", "swap"]))
    parts = list(value)
    if action == "deeper":
        parts[where] = draw(reshaped(parts[where]))
    elif action == "drop":
        del parts[where]
    elif action == "double":
        parts.insert(where, parts[where])
    else:
        other = draw(st.integers(0, len(parts) - 1))
        parts[where], parts[other] = parts[other], parts[where]
    return tuple(parts)


# Any text a catalog's string may hold (TOML's escapes reach every character but the surrogates),
# and the lone surrogates that Python alone can pass: a third of the characters drawn from the
# controls and surrogates, a third from the noncharacters at the ends of their ranges.
any_text = st.text(
    st.characters()
    | st.characters(categories=["Cc", "Cs"])
    | st.sampled_from("\ufdd0\ufdef\ufffe\uffff\U0001fffe\U0010ffff")
)


# Windows with a next one, each opening after the last (every is longer than zero).
windows = st.builds(Window, positive_durations, positive_durations, positive_durations)


@st.composite
def notice_agreements(draw: st.DrawFn, effect: str) -> Agreement:
    """A bilateral agreement whose one exit is `effect` with one of `notices`: `after-notice`
    with no term, `end-of-term` with terms that always renew (each day has a term end ahead)."""
    clause = Exit(effect, draw(notices))  # type: ignore[arg-type]
    in_force = draw(recent_days)
    if effect == "after-notice":
        return _alone(draw, clause, in_force)
    return Agreement(
        id="renewing", name="Renewing", parties=("AA", "BB"), in_force=in_force,
        timezone=draw(zones), term=draw(terms), renewal=draw(terms), exits=(clause,),
    )  # fmt: skip


def days_in_force(agreement: Agreement) -> st.SearchStrategy[date]:
    """Days from the agreement's entry into force to twelve years after."""
    return st.dates(agreement.in_force, agreement.in_force + timedelta(days=365 * 12))
