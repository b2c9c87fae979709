"""Answers as a briefing for people: a line or a few for each, the arithmetic when asked."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..days import format_day, short_day, zone_abbreviation
from ..durations import Duration
from ..shown import printable
from ..status import STATE_WORDS

if TYPE_CHECKING:
    from ..agenda import AgendaItem
    from ..agreement import Agreement
    from ..deadlines import Deadline
    from ..history import HistoryEntry
    from ..status import Status
    from ..withdrawal import WithdrawalAnswer

__all__ = [
    "agenda_text",
    "deadlines_text",
    "history_text",
    "list_text",
    "plural",
    "status_text",
    "ways_out_text",
    "withdrawal_text",
]


def plural(count: int, thing: str) -> str:
    """`1 agreement`, `3 agreements`."""
    return f"{count} {thing}{'s' if count != 1 else ''}"


def _join(lines: Sequence[str]) -> str:
    return "\n".join(printable(line) for line in lines)


def _from(today: date, day: date, *, words: bool = False) -> str:
    """`today`, `tomorrow`, `in 275 days`, `3 days ago`, always counted from today; with `words`
    (--explain), the calendar's months and days too: `in 364 days, 11 months 30 days`.
    """
    days = (day - today).days
    if days in _NEAR:
        return _NEAR[days]
    if abs(days) < 32 or not words:
        return f"in {days} days" if days > 0 else f"{-days} days ago"
    if days > 0:
        return f"in {days} days, {Duration.between(today, day).words()}"
    return f"{-days} days ago, {Duration.between(day, today).words()} before"


_NEAR = {0: "today", 1: "tomorrow", -1: "yesterday"}


class _Dated(dict[tuple[date, date], str]):
    """A day and how far it is from today, in the columns of a listing: a large register's
    listing has thousands of lines and a few hundred days, each worded once."""

    def __call__(self, today: date, day: date) -> str:
        found = self.get((today, day))
        if found is None:
            found = self[today, day] = f"{format_day(day):<28} {_from(today, day):<16}"
        return found


def _row(label: str, value: str) -> str:
    return f"  {label + ':':<18}{value}"


def _explained(lines: list[str], explanation: Sequence[str], explain: bool) -> str:
    if explain and explanation:
        lines.append("")
        lines.append("Why:")
        lines.extend(f"  - {line}" for line in explanation)
    return _join(lines)


def status_text(status: Status, agreement: Agreement, *, today: date, explain: bool = False) -> str:
    """The briefing; "in N days" is counted from `today`, whatever day was asked about."""
    who = f"{agreement.name}, for {status.party}" if status.party else agreement.name
    lines = [f"{who}, on {format_day(status.on)}", _row("State", STATE_WORDS[status.state])]
    if status.term_start and status.term_last_day:
        term = f"{format_day(status.term_start)} → {format_day(status.term_last_day)}"
        lines.append(_row("Current term", term))
    if status.next_renewal:
        lines.append(
            _row(
                "Renews on",
                f"{format_day(status.next_renewal)} ({_from(today, status.next_renewal, words=explain)})",
            )
        )
    if status.effective:
        label = "No longer bound" if status.state == "ended" else "Takes effect"
        at = ""
        if status.effective_at is not None:
            at = f" at {status.effective_at:%H:%M} {zone_abbreviation(status.effective_at)}"
        lines.append(
            _row(
                label,
                f"{format_day(status.effective)}{at} ({_from(today, status.effective, words=explain)})",
            )
        )
    if status.next_last_notice_day:
        day = status.next_last_notice_day
        lines.append(
            _row("Last notice day", f"{format_day(day)} ({_from(today, day, words=explain)})")
        )
    lines.append(f"  {status.reason}")
    return _explained(lines, status.explanation, explain)


def withdrawal_text(
    answer: WithdrawalAnswer, agreement: Agreement, *, today: date, explain: bool = False
) -> str:
    on = answer.on
    verdict = "Yes" if answer.can_withdraw else "No"
    if answer.via == "resume":
        verdict += ", by lifting the suspension of its notice"
    elif answer.via == "notice":
        verdict += ", by giving notice"
    lines = [
        f"Can {answer.party} withdraw from {agreement.name} on {format_day(on)}? {verdict}.",
    ]
    if answer.effective and answer.effective_at:
        at = f"{answer.effective_at:%H:%M} {zone_abbreviation(answer.effective_at)}"
        lines.append(
            _row(
                "No longer bound",
                f"{format_day(answer.effective)} at {at} ({_from(today, answer.effective, words=explain)})",
            )
        )
    if answer.last_notice_day and answer.closes_at:
        closes = f"{answer.closes_at:%H:%M} {zone_abbreviation(answer.closes_at)} on {format_day(answer.closes_at.date(), weekday=False)}"
        lines.append(
            _row(
                "Last notice day",
                f"{format_day(answer.last_notice_day)} ({_from(today, answer.last_notice_day, words=explain)}); the window closes at {closes}",
            )
        )
    if answer.ends:
        last = answer.ends - timedelta(days=1)
        lines.append(
            _row(
                "Bound until", f"{format_day(last)} ({_from(today, last)}), if it does nothing more"
            )
        )
    if answer.readings:
        lines.append(_row("Reading used", f"{answer.reading} (see --on-resume)"))
        lines.append("  The readings of a suspended notice, side by side:")
        for reading in answer.readings:
            mark = "*" if reading.policy == answer.reading else " "
            if reading.effective is None:
                outcome = reading.explanation
            else:
                outcome = f"no longer bound from {format_day(reading.effective)} ({_from(today, reading.effective, words=explain)})"
                if reading.last_notice_day:
                    outcome += f", if resumed by {format_day(reading.last_notice_day)}"
            lines.append(f"   {mark} {reading.policy:<10} {outcome}")
    lines.append(f"  {answer.reason}")
    return _explained(lines, answer.explanation, explain)


def ways_out_text(
    party: str,
    bound: Sequence[WithdrawalAnswer],
    unbound: Sequence[WithdrawalAnswer],
    todays: Mapping[str, date],
    *,
    explain: bool = False,
) -> str:
    """`can-withdraw --party P` over many: a line for each agreement that binds P (whether it
    could get out by acting that day, how, when it would be out, by which day it must act),
    soonest out first; then, with `--all`, those that name P but do not bind it, and why."""
    days = sorted({a.on for a in (*bound, *unbound)})
    on = f"on {format_day(days[0])}" if len(days) == 1 else "today"
    if len(days) > 1:  # each agreement's today, in its own zone
        first, last = format_day(days[0], weekday=False), format_day(days[-1], weekday=False)
        on += f" ({first} to {last}, by each agreement's zone)"
    width = max((len(a.agreement) for a in (*bound, *unbound)), default=0)
    able = sum(a.can_withdraw for a in bound)
    binds = "binds" if len(bound) == 1 else "bind"
    lines = [
        f"{plural(len(bound), 'agreement')} {binds} {party} {on}; acting that day, it could get "
        f"out of {able}, soonest out first:"
        if bound
        else f"No agreement binds {party} {on}."
    ]
    for answer in sorted(bound, key=_out_first):
        lines.append(f"  {answer.agreement:<{width}}  {_way_out(answer, todays[answer.agreement])}")
        if explain:
            lines.extend(f"  {'':<{width}}    - {line}" for line in answer.explanation)
    if unbound:
        lines += ["", f"Naming {party} but not binding it {on}:"]
        lines += [f"  {a.agreement:<{width}}  {a.reason}" for a in unbound]
    return _join(lines)


def _out_first(answer: WithdrawalAnswer) -> tuple[bool, date, str]:
    """When the party would be out: by acting that day, else anyway (`ends`); never last."""
    out = answer.effective or answer.ends
    return (out is None, out or date.min, answer.agreement)


def _way_out(answer: WithdrawalAnswer, today: date) -> str:
    """`yes, by notice: out Monday 8 March 2027 at 00:00 EST (in 90 days); last notice day …`"""
    if answer.can_withdraw and answer.effective:
        how = "yes, by lifting its suspended notice" if answer.via == "resume" else "yes, by notice"
        at = answer.effective_at
        instant = f" at {at:%H:%M} {zone_abbreviation(at)}" if at else ""
        said = (
            f"{how}: out {format_day(answer.effective)}{instant} ({_from(today, answer.effective)})"
        )
        if answer.last_notice_day:
            last = answer.last_notice_day
            said += f"; last notice day {format_day(last)} ({_from(today, last)})"
        return said
    if answer.window_opens:
        opens = answer.window_opens
        return f"not yet: notice may be given from {format_day(opens)} ({_from(today, opens)})"
    if answer.ends:
        return f"no; out {format_day(answer.ends)} anyway ({_from(today, answer.ends)}): {answer.reason}"
    return f"no: {answer.reason}"


def deadlines_text(
    deadlines: Sequence[Deadline], todays: Mapping[str, date], *, explain: bool = False
) -> str:
    """One line per deadline; "in N days" from today where its agreement is administered."""
    if not deadlines:
        return "No deadlines in that period."
    lines = []
    worded = _Dated()
    for deadline in deadlines:
        party = f" [{deadline.party}]" if deadline.party else ""
        lines.append(
            f"{worded(todays[deadline.agreement], deadline.date)} "
            f"{deadline.kind:<16}{deadline.summary}{party}"
        )
        if explain:
            lines.extend(f"    - {line}" for line in deadline.explanation)
    return _join(lines)


def list_text(agreements: Sequence[Agreement]) -> str:
    width = max((len(a.id) for a in agreements), default=0)
    return _join([f"{a.id:<{width}}  {', '.join(a.parties):<24}  {a.name}" for a in agreements])


def agenda_text(
    items: Sequence[AgendaItem],
    todays: Mapping[str, date],
    *,
    header: bool = False,
    colour: bool = False,
) -> str:
    """One line per agreement, soonest deadline first: its day, how far, what, the state today.
    With `header` (a terminal), a row naming the columns; with `colour`, the day and how far
    coloured by how soon (red within a week, yellow within a month)."""
    if not items:
        return "Nothing in the agenda."
    width = max(len(item.agreement) for item in items)
    lines = []
    if header:
        lines.append(f"{'NEXT DEADLINE':<28} {'DAYS LEFT':<16} {'AGREEMENT':<{width}}  "
                     f"{'STATE':<16} {'KIND':<22} NEXT CHANGE (OWNER)")  # fmt: skip
    worded = _Dated()
    for item in items:
        deadline, change = item.next_deadline, item.next_change
        if deadline is None:
            when, what = f"{'no deadline ahead':<28} {'':<16}", ""
        else:
            party = f" [{deadline.party}]" if deadline.party else ""
            when = worded(todays[item.agreement], deadline.date)
            what = f"{deadline.kind}{party}"
        coming = "" if change is None else f"{change.kind} {short_day(change.date)}"
        owner = f"  ({item.owner})" if item.owner else ""
        state = STATE_WORDS[item.state]
        line = f"{when} {item.agreement:<{width}}  {state:<16} {what:<22} {coming}{owner}"
        line = printable(line.rstrip())
        soon = _soon(item.days_left) if colour else ""
        lines.append(f"{soon}{line[: len(when)]}{_RESET}{line[len(when) :]}" if soon else line)
    return "\n".join(lines)  # each line made printable above, before any colour


_RESET = "\x1b[0m"


def _soon(days_left: int | None) -> str:
    """The colour of a deadline this many days away: red within a week, yellow within a month
    (SGR codes every terminal has), none further."""
    if days_left is None or days_left > 30:
        return ""
    return "\x1b[31m" if days_left <= 7 else "\x1b[33m"


def history_text(agreement: Agreement, entries: Sequence[HistoryEntry]) -> str:
    if not entries:
        return f"{agreement.label}: no events recorded."
    lines = [f"{agreement.name}: {plural(len(entries), 'event')}"]
    for entry in entries:
        lines += entry_lines(entry)
    return _join(lines)


def entry_lines(entry: HistoryEntry) -> list[str]:
    """An event as `history` shows it: its day and what it did, and its note below."""
    return [
        f"  {format_day(entry.date)}  {entry.summary}",
        *([f"      {entry.note}"] * bool(entry.note)),
    ]
