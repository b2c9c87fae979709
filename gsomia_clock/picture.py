"""A timeline picture of an agreement, as SVG: its state over time, its deadlines and its history.

One band per party of a multilateral agreement (one for a bilateral agreement, or the party
asked about), coloured by the state from day to day; under it, a thin strip where notice may
still be given before each last notice day; above it, the deadlines (renewals, last notice
days, effects, expiries, openings of a clause); below it, the events (notices, suspensions,
revocations, joins, ...); today as a dashed line. Every mark carries its date in words and a
`<title>` that says what it is, so that a screen reader and a text search find it; states differ
in lightness as well as hue, and marks in shape, so that the picture reads in greyscale too.

Written as text, like the iCal export: SVG is XML, and no drawing library is needed to write
rectangles, paths and words; every word from the catalog goes through `escaped`, which the
report's pages share, so that no name can break the XML or the PNG drawn from it. Each label's
width is fixed (`textLength`, in a monospaced face), so where labels go is known here and checked
by the tests: none overlaps another.

>>> from gsomia_clock import load_catalog
>>> svg = timeline_svg(load_catalog()["gsomia"], "2016-11-01", "2027-12-31", today="2026-11-24")
>>> svg.startswith("<svg") and "KR gives notice" in svg
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import MAXYEAR, MINYEAR, date, datetime
from html import escape
from typing import TYPE_CHECKING, final

from .days import short_day
from .deadlines import DEADLINE_KINDS, Deadline
from .durations import Duration
from .errors import QueryError
from .history import HistoryEntry
from .status import STATE_WORDS, State, state_spans
from .values import Value

if TYPE_CHECKING:
    from .agreement import Agreement

__all__ = ["STATE_COLOURS", "Mark", "escaped", "marks", "png_of", "timeline_svg"]

# Lightness steps as well as hues: the five states stay apart in greyscale.
STATE_COLOURS: dict[State, str] = {
    "not-in-force": "#f2f2f2",
    "in-force": "#2f6db5",
    "notice-pending": "#e07b00",
    "notice-suspended": "#f6d44a",
    "ended": "#3a3a3a",
}
# A shape per kind of mark (an SVG path about the point 0,0), so that kinds differ without colour.
_SHAPES = {
    "renewal": "M0,-6 V6",
    "last-notice-day": "M-5,-6 H5 L0,3 Z",
    "effect": "M0,-6 L5,0 L0,6 L-5,0 Z",
    "expiry": "M-5,-5 H5 V5 H-5 Z",
    "window-opens": "M2,-6 H-2 V6 H2",
    "notice": "M-5,0 A5,5 0 1 0 5,0 A5,5 0 1 0 -5,0",
    "revoke": "M-5,-5 L5,5 M-5,5 L5,-5",
    "suspend": "M-3,-6 V6 M3,-6 V6",
    "resume": "M-4,-6 L5,0 L-4,6 Z",
    "extend": "M-5,0 H5 M2,-4 L6,0 L2,4",
    "defer": "M-5,-5 H5 L-5,5 H5",
    "join": "M-5,0 H5 M0,-5 V5",
    "terminate": "M-6,-6 H6 V6 H-6 Z M-6,-6 L6,6",
    "suspend-operation": "M-5,-5 H5 V5 H-5 Z M-2,-3 V3 M2,-3 V3",
    "resume-operation": "M-5,-5 H5 V5 H-5 Z M-2,-3 L3,0 L-2,3 Z",
}

# What XML cannot hold (the C0 controls but tab, LF and CR; lone surrogates; U+FFFE, U+FFFF),
# what cairo cannot draw (every noncharacter) and what would show as nothing (DEL, C1).
_UNSHOWN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000))
    + "]"
)

WIDTH = 1200
PNG_MOST = 32_767  # cairo's largest surface, in pixels either way
_SIZE = re.compile(r'<svg [^>]*?width="(?P<width>\d+)" height="(?P<height>\d+)"')
_LEFT, _RIGHT = 120, 30  # the band's name on the left
_FONT = 11
_CHAR = 0.6 * _FONT  # a monospaced face: every character this wide (fixed by textLength)
_ROW = 15  # the height of a row of labels
_BAR = 22  # the height of a band's state bar
_STRIP = 5  # the height of the notice strip under it
_GAP = 6  # between two labels in a row


@final
class Mark(Value):
    """One mark of the picture: a deadline (above its band) or an event (below it)."""

    __slots__ = ("day", "kind", "label", "party", "title")
    day: date
    kind: str
    party: str | None  # None: the agreement's, drawn in every band
    label: str  # what is written by it: its date, and for an event who did what
    title: str  # what a screen reader says of it

    def __init__(self, day: date, kind: str, party: str | None, label: str, title: str) -> None:
        self._fill(day, kind, party, label, title)

    @property
    def is_event(self) -> bool:
        return self.kind not in DEADLINE_KINDS


def marks(
    deadlines: Iterable[Deadline], history: Iterable[HistoryEntry], start: date, end: date
) -> list[Mark]:
    """The marks of the days from `start` to `end`: deadlines, then events, each in day order."""
    found = [
        Mark(d.date, d.kind, d.party, day, f"{day}: {d.summary}")
        for d in deadlines
        if start <= d.date <= end
        for day in (short_day(d.date),)
    ]
    for entry in history:
        if start <= entry.date <= end:
            who = f"{entry.party} " if entry.party else ""
            label = f"{who}{_EVENT_WORDS.get(entry.kind, entry.kind)} {short_day(entry.date)}"
            found.append(
                Mark(
                    entry.date,
                    entry.kind,
                    entry.party,
                    label,
                    f"{short_day(entry.date)}: {entry.summary}",
                )
            )
    return found


_EVENT_WORDS = {
    "notice": "gives notice",
    "revoke": "revokes",
    "suspend": "suspends notice",
    "resume": "resumes notice",
    "extend": "extended",
    "defer": "defers",
    "join": "joins",
    "terminate": "terminated",
    "suspend-operation": "suspends operation",
    "resume-operation": "resumes operation",
}


def timeline_svg(
    agreement: Agreement,
    start: date | datetime | str | None = None,
    end: date | datetime | str | None = None,
    *,
    party: str | None = None,
    today: date | datetime | str | None = None,
) -> str:
    """The picture of `agreement` from `start` to `end`, for one party or all, with `today`
    marked (the agreement's today when None). By default it starts a month before the agreement
    came into force (or fifteen years back, for an older one) and ends two years from today (or
    a year after it starts, if later), neither past the calendar's ends. An agreement that comes
    to a deadline more often than yearly (its renewal, or an end-of-period clause's period) is
    drawn over twelve of those periods at most on either side of today (or after its first day,
    when that is later): fifteen years of a monthly subscription would be 720 labels, which
    nobody reads."""
    now = agreement.day(today, name="today")
    rhythm = _rhythm(agreement)
    if start is None:
        month_before = date.fromordinal(max(agreement.in_force.toordinal() - 30, 1))
        start = max(month_before, _years_after(now, -15), _periods_after(now, rhythm, -1))
    first = agreement.day(start, name="from")
    until_given = end is not None
    if end is None:
        ahead = min(_years_after(now, 2), _periods_after(now, rhythm, 1))
        end = max(ahead, min(_years_after(first, 1), _periods_after(first, rhythm, 1)))
    first, last = agreement.period(first, end)
    asked = agreement.party(party)
    bands: Sequence[str | None]
    if asked is not None:
        bands = (asked,)
    elif agreement.multilateral:
        bands = agreement.parties
    else:
        bands = (None,)
    spans = state_spans(agreement.timeline(), first, last, tuple(b for b in bands if b))
    states = dict(zip((None, *(b for b in bands if b)), spans, strict=True))
    try:
        deadlines = agreement.deadlines(first, last, explained=False)  # a mark shows none
    except QueryError as beyond:  # the calendar's end is too near the default last day
        if until_given:
            raise
        raise QueryError(f"{beyond} (the picture's last day unless one is given)") from None
    found = marks(deadlines, agreement.history(), first, last)
    return _Drawing(agreement, first, last, now).draw(bands, states, found)


def png_of(svg: str, *, name: str = "the PNG") -> bytes:
    """The picture as PNG, drawn by cairosvg (the optional `png` extra: a small, well-kept
    renderer over the cairo library; loaded only here). A picture larger than cairo can draw is
    refused, its size said after `name` (the file it was for)."""
    size = _SIZE.match(svg)
    width, height = (int(size[k]) for k in ("width", "height")) if size else (0, 0)
    if max(width, height) > PNG_MOST:
        raise QueryError(
            f"{name}: the picture is {width:,} × {height:,} px, "
            f"and cairo draws a PNG at most {PNG_MOST:,} px each way: write it as SVG, or draw "
            "fewer bands (`party`) or days (`start`, `end`)"
        )
    try:
        import cairosvg  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        raise QueryError(
            "a PNG is drawn by cairosvg: pip install 'gsomia-clock[png]' (or write a .svg)"
        ) from None
    except OSError as error:  # the cairo library itself is missing
        raise QueryError(
            f"a PNG is drawn with the cairo library, which is missing: {error}"
        ) from None
    return bytes(cairosvg.svg2png(bytestring=svg.encode()))


@final
class _Drawing:
    """Where things go: days to x, and rows of labels that do not overlap."""

    def __init__(self, agreement: Agreement, first: date, last: date, today: date) -> None:
        self.agreement, self.first, self.last, self.today = agreement, first, last, today
        self.days = max((last - first).days + 1, 1)
        self._xs: dict[int, float] = {}  # x of each day asked, by its ordinal

    def x(self, day: date | int) -> float:
        ordinal = day if isinstance(day, int) else day.toordinal()
        found = self._xs.get(ordinal)
        if found is None:
            span = WIDTH - _LEFT - _RIGHT
            found = round(_LEFT + span * (ordinal - self.first.toordinal()) / self.days, 1)
            self._xs[ordinal] = found
        return found

    def draw(
        self,
        bands: Sequence[str | None],
        states: dict[str | None, tuple[tuple[int, State], ...]],
        found: Sequence[Mark],
    ) -> str:
        name = self.agreement.name
        body: list[str] = []
        y = 48
        placed = [_placed(m, self.x(m.day)) for m in found]
        for band in bands:
            ours = [p for p in placed if p[0].party in (None, band) or band is None]
            mine = [p[0] for p in ours]
            above = _rows([p for p in ours if not p[0].is_event])
            below = _rows([p for p in ours if p[0].is_event])
            top = y + _ROW * len(above)
            body += self._band(band, top, states[band], mine)
            body += self._labels(above, top, up=True)
            body += self._labels(below, top + _BAR + _STRIP + 4, up=False)
            y = top + _BAR + _STRIP + 12 + _ROW * len(below) + 14
        height = y + 60
        body += self._axis(y)
        body += self._today(height)
        body += self._legend(y + 26)
        title = f"{name}: timeline, {short_day(self.first)} to {short_day(self.last)}"
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
            f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="title" '
            f'font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="{_FONT}">'
        )
        return "\n".join(
            [
                head,
                f'<title id="title">{escaped(title)}</title>',
                '<rect width="100%" height="100%" fill="#ffffff"/>',
                f'<text x="{_LEFT}" y="20" font-size="14" font-weight="bold">{escaped(name)}</text>',
                *body,
                "</svg>",
                "",
            ]
        )

    def _band(
        self,
        band: str | None,
        top: int,
        states: tuple[tuple[int, State], ...],
        mine: Sequence[Mark],
    ) -> list[str]:
        who = band or "–".join(self.agreement.parties)
        out = [f'<text x="{_LEFT - 8}" y="{top + 15}" text-anchor="end">{escaped(who)}</text>']
        last = self.last.toordinal() + 1
        for (begins, state), ends in zip(states, [*(s for s, _ in states[1:]), last], strict=True):
            left, right = self.x(max(begins, self.first.toordinal())), self.x(ends)
            words = f"{STATE_WORDS[state]} from {short_day(date.fromordinal(max(begins, self.first.toordinal())))}"
            out.append(
                f'<rect class="state {state}" x="{left}" y="{top}" width="{round(right - left, 1)}" '
                f'height="{_BAR}" fill="{STATE_COLOURS[state]}" stroke="#888" stroke-width="0.5">'
                f"<title>{escaped(who)}: {escaped(words)}</title></rect>"
            )
        # Where notice may still be given: from the term's start to each last notice day.
        opened = max(self.first, self.agreement.in_force)
        for mark in sorted(mine, key=lambda m: m.day):
            if mark.kind in ("renewal", "window-opens"):
                opened = mark.day
            elif mark.kind == "last-notice-day":
                left, right = self.x(opened), self.x(mark.day.toordinal() + 1)
                out.append(
                    f'<rect class="notice-window" x="{left}" y="{top + _BAR + 1}" '
                    f'width="{round(right - left, 1)}" height="{_STRIP}" fill="#7a3fa0">'
                    f"<title>notice may be given until {escaped(short_day(mark.day))}</title></rect>"
                )
        return out

    def _labels(self, rows: list[list[_Placed]], edge: int, *, up: bool) -> list[str]:
        out = []
        tip = edge + (_BAR // 2 if up else -_BAR // 2 - _STRIP)
        for number, row in enumerate(rows):
            y = edge - 4 - _ROW * number if up else edge + 11 + _ROW * number
            for mark, x, width, left in row:
                shape = _SHAPES.get(mark.kind, _SHAPES["notice"])
                out.append(
                    f'<g class="mark {mark.kind}"><title>{escaped(mark.title)}</title>'
                    f'<line x1="{x}" y1="{y + (3 if up else -11)}" x2="{x}" y2="{tip}" '
                    f'stroke="#999" stroke-width="0.6"/>'
                    f'<path d="{shape}" transform="translate({x},{tip})" fill="#ffffff" '
                    f'stroke="#000" stroke-width="1.4"/>'
                    f'<text x="{left}" y="{y}" textLength="{width}" '
                    f'lengthAdjust="spacingAndGlyphs">{escaped(mark.label)}</text></g>'
                )
        return out

    def _axis(self, y: int) -> list[str]:
        out = [f'<line x1="{_LEFT}" y1="{y}" x2="{WIDTH - _RIGHT}" y2="{y}" stroke="#000"/>']
        years = range(
            self.first.year + (self.first > date(self.first.year, 1, 1)), self.last.year + 1
        )
        step = max(1, len(years) // 25 + 1)
        for year in years[::step]:
            x = self.x(date(year, 1, 1))
            out.append(
                f'<line x1="{x}" y1="{y}" x2="{x}" y2="{y + 5}" stroke="#000"/>'
                f'<text x="{x}" y="{y + 17}" text-anchor="middle">{year}</text>'
            )
        return out

    def _today(self, height: int) -> list[str]:
        if not self.first <= self.today <= self.last:
            return []
        x = self.x(self.today)
        words = f"today, {short_day(self.today)}"
        return [
            f'<g class="today"><title>{escaped(words)}</title>'
            f'<line x1="{x}" y1="28" x2="{x}" y2="{height - 50}" stroke="#c00000" '
            f'stroke-width="1.2" stroke-dasharray="4 3"/>'
            f'<text x="{_label_left(x, _width(words))}" y="36" fill="#c00000">{escaped(words)}</text></g>'
        ]

    def _legend(self, y: int) -> list[str]:
        out, x = [], float(_LEFT)
        for state, colour in STATE_COLOURS.items():
            out.append(
                f'<rect x="{x}" y="{y}" width="14" height="10" fill="{colour}" stroke="#888"/>'
                f'<text x="{x + 18}" y="{y + 9}">{STATE_WORDS[state]}</text>'
            )
            x += 18 + _width(STATE_WORDS[state]) + 16
        out.append(
            f'<rect x="{x}" y="{y + 2}" width="14" height="{_STRIP}" fill="#7a3fa0"/>'
            f'<text x="{x + 18}" y="{y + 9}">notice may be given</text>'
        )
        return out


def _years_after(day: date, years: int) -> date:
    """`day` so many years on (or back), from the 28th at most; or the calendar's end it passes."""
    year = day.year + years
    if not MINYEAR <= year <= MAXYEAR:
        return date.min if year < MINYEAR else date.max
    return day.replace(year=year, day=min(day.day, 28))


_PERIODS_SHOWN = 12  # of a rhythm under a year, on either side of today in a default picture


def _rhythm(agreement: Agreement) -> Duration | None:
    """How often the agreement comes to a deadline, when that is more often than yearly: its
    renewal, or an end-of-period clause's period, whichever is shorter; None otherwise."""
    found = [agreement.renewal] if agreement.renewal is not None else []
    found += [clause.period.every for clause in agreement.exits if clause.period is not None]
    short = [d for d in found if 1 <= d.mean_days < 365]
    return min(short, key=lambda d: d.mean_days) if short else None


def _periods_after(day: date, rhythm: Duration | None, sign: int) -> date:
    """`day` moved by `_PERIODS_SHOWN` of `rhythm`, forward or back (`sign`); the calendar's
    end it passes; with no rhythm, the calendar's end that way (no bound)."""
    if rhythm is None:
        return date.max if sign > 0 else date.min
    span = rhythm * _PERIODS_SHOWN
    try:
        return span.add_to(day) if sign > 0 else span.subtract_from(day)
    except OverflowError:
        return date.max if sign > 0 else date.min


def escaped(text: str) -> str:
    r"""`text` as SVG or HTML holds it, in an element or a quoted attribute: markup escaped, and
    each character that XML cannot hold, cairo cannot draw or a reader would not see written as
    its code, as in a TOML or JSON string, so that a name holding one is still visibly that name
    (tab, LF and CR stay: they show as spaces).

    >>> escaped("<GSOMIA>\x1b[2J"), escaped("A\ufffeB")
    ('&lt;GSOMIA&gt;\\u001b[2J', 'A\\ufffeB')
    """
    return escape(_shown(text))


def _shown(text: str) -> str:
    if text.isascii() and text.isprintable():
        return text  # nothing of _UNSHOWN is printable ASCII: most text, at no regex's cost
    return _UNSHOWN.sub(_code, text)


def _code(found: re.Match[str]) -> str:
    point = ord(found.group())
    return f"\\u{point:04x}" if point <= 0xFFFF else f"\\U{point:08x}"


def _width(text: str) -> float:
    return round(len(_shown(text)) * _CHAR, 1)


def _label_left(x: float, width: float) -> float:
    """A label starts at its mark, but never runs off the right edge."""
    return round(min(x + 3, WIDTH - 2 - width), 1)


# A mark where it is drawn: its x, its label's width, and where its label starts.
_Placed = tuple[Mark, float, float, float]


def _placed(mark: Mark, x: float) -> _Placed:
    width = _width(mark.label)
    return mark, x, width, _label_left(x, width)


def _rows(found: Sequence[_Placed]) -> list[list[_Placed]]:
    """The marks in rows, each in the first row where its label overlaps none before it."""
    rows: list[list[_Placed]] = []
    ends: list[float] = []
    for placed in sorted(found, key=lambda p: (p[0].day, p[0].kind)):
        _, _, width, left = placed
        for number, end in enumerate(ends):
            if left >= end + _GAP:
                rows[number].append(placed)
                ends[number] = left + width
                break
        else:
            rows.append([placed])
            ends.append(left + width)
    return rows
