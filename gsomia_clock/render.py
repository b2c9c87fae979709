"""Answers as a briefing for people and as the contract's JSON for scripts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from .days import format_day, zone_abbreviation

if TYPE_CHECKING:
    from .agreement import Agreement
    from .answers import Deadline, Status, WithdrawalAnswer

__all__ = [
    "agreement_json",
    "deadline_json",
    "deadlines_text",
    "list_text",
    "printable",
    "status_json",
    "status_text",
    "withdrawal_json",
    "withdrawal_text",
]

_STATES = {
    "not-in-force": "not in force",
    "in-force": "in force",
    "notice-pending": "notice pending",
    "notice-suspended": "notice suspended",
    "ended": "ended",
}


# Control characters (C0, DEL, C1), line and paragraph separators, and the bidirectional
# overrides and isolates that can make a terminal show text other than what it holds.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    r"""One line of text safe for a terminal: no escape sequences, no forged lines.

    Catalog text reaches the human output (names, notes, clauses); none of it can move the
    cursor, recolour the screen, hide or reorder what follows, or start a line of its own.

    >>> printable("GSOMIA\x1b[2J\nDONE")
    'GSOMIA [2J DONE'
    """
    return _UNPRINTABLE.sub(" ", text)


def _join(lines: Sequence[str]) -> str:
    return "\n".join(printable(line) for line in lines)


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def status_json(status: Status) -> dict[str, Any]:
    return {
        "agreement": status.agreement,
        "party": status.party,
        "on": _iso(status.on),
        "state": status.state,
        "term_start": _iso(status.term_start),
        "term_end": _iso(status.term_end),
        "next_renewal": _iso(status.next_renewal),
        "effective": _iso(status.effective),
        "effective_at": _iso(status.effective_at),
        "next_last_notice_day": _iso(status.next_last_notice_day),
        "reason": status.reason,
        "explanation": list(status.explanation),
    }


def withdrawal_json(answer: WithdrawalAnswer) -> dict[str, Any]:
    return {
        "agreement": answer.agreement,
        "party": answer.party,
        "on": _iso(answer.on),
        "can_withdraw": answer.can_withdraw,
        "via": answer.via,
        "effective": _iso(answer.effective),
        "effective_at": _iso(answer.effective_at),
        "last_notice_day": _iso(answer.last_notice_day),
        "reason": answer.reason,
        "closes_at": _iso(answer.closes_at),
        "reading": answer.reading,
        "readings": [
            {
                "on_resume": r.policy,
                "effective": _iso(r.effective),
                "effective_at": _iso(r.effective_at),
                "last_notice_day": _iso(r.last_notice_day),
                "explanation": r.explanation,
            }
            for r in answer.readings
        ],
        "explanation": list(answer.explanation),
    }


def deadline_json(deadline: Deadline) -> dict[str, Any]:
    return {
        "agreement": deadline.agreement,
        "date": _iso(deadline.date),
        "kind": deadline.kind,
        "party": deadline.party,
        "summary": deadline.summary,
        "explanation": list(deadline.explanation),
    }


def agreement_json(agreement: Agreement) -> dict[str, Any]:
    return {
        "id": agreement.id,
        "name": agreement.name,
        "parties": list(agreement.parties),
        "multilateral": agreement.multilateral,
        "in_force": _iso(agreement.in_force),
        "timezone": agreement.timezone,
    }


def _from(on: date, day: date, *, words: bool = False) -> str:
    """`the same day`, `the next day`, `in 275 days`, `3 days ago`; with `words` (--explain),
    the calendar's months and days too: `in 275 days, 9 months 2 days`.

    pendulum's calendar-aware differences are what it is best at, but it takes longer to
    import than the rest of a `status` run together, so only --explain pays for it.
    """
    days = (day - on).days
    if days == 0:
        return "the same day"
    if days == 1:
        return "the next day"
    if abs(days) < 32 or not words:
        return f"in {days} days" if days > 0 else f"{-days} days ago"
    import pendulum  # calendar-aware months and days, only for the human rendering

    span = (
        pendulum.date(on.year, on.month, on.day)
        .diff(pendulum.date(day.year, day.month, day.day))
        .in_words()
    )
    return f"in {days} days, {span}" if days > 0 else f"{-days} days ago, {span} before"


def _row(label: str, value: str) -> str:
    return f"  {label + ':':<18}{value}"


def _explained(lines: list[str], explanation: Sequence[str], explain: bool) -> str:
    if explain and explanation:
        lines.append("")
        lines.append("Why:")
        lines.extend(f"  - {line}" for line in explanation)
    return _join(lines)


def status_text(status: Status, agreement: Agreement, *, explain: bool = False) -> str:
    on = status.on
    who = f"{agreement.name}, for {status.party}" if status.party else agreement.name
    lines = [f"{who}, on {format_day(on)}", _row("State", _STATES[status.state])]
    if status.term_start and status.term_end:
        last = date.fromordinal(status.term_end.toordinal() - 1)
        lines.append(_row("Current term", f"{format_day(status.term_start)} → {format_day(last)}"))
    if status.next_renewal:
        lines.append(
            _row(
                "Renews on",
                f"{format_day(status.next_renewal)} ({_from(on, status.next_renewal, words=explain)})",
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
                f"{format_day(status.effective)}{at} ({_from(on, status.effective, words=explain)})",
            )
        )
    if status.next_last_notice_day:
        day = status.next_last_notice_day
        lines.append(
            _row("Last notice day", f"{format_day(day)} ({_from(on, day, words=explain)})")
        )
    lines.append(f"  {status.reason}")
    return _explained(lines, status.explanation, explain)


def withdrawal_text(
    answer: WithdrawalAnswer, agreement: Agreement, *, explain: bool = False
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
                f"{format_day(answer.effective)} at {at} ({_from(on, answer.effective, words=explain)})",
            )
        )
    if answer.last_notice_day and answer.closes_at:
        closes = f"{answer.closes_at:%H:%M} {zone_abbreviation(answer.closes_at)} on {format_day(answer.closes_at.date(), weekday=False)}"
        lines.append(
            _row(
                "Last notice day",
                f"{format_day(answer.last_notice_day)} ({_from(on, answer.last_notice_day, words=explain)}); the window closes at {closes}",
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
                outcome = f"no longer bound from {format_day(reading.effective)} ({_from(on, reading.effective, words=explain)})"
                if reading.last_notice_day:
                    outcome += f", if resumed by {format_day(reading.last_notice_day)}"
            lines.append(f"   {mark} {reading.policy:<10} {outcome}")
    lines.append(f"  {answer.reason}")
    return _explained(lines, answer.explanation, explain)


def deadlines_text(deadlines: Sequence[Deadline], today: date, *, explain: bool = False) -> str:
    if not deadlines:
        return "No deadlines in that period."
    lines = []
    for deadline in deadlines:
        party = f" [{deadline.party}]" if deadline.party else ""
        lines.append(
            f"{format_day(deadline.date):<28} {_from(today, deadline.date):<16} "
            f"{deadline.kind:<16}{deadline.summary}{party}"
        )
        if explain:
            lines.extend(f"    - {line}" for line in deadline.explanation)
    return _join(lines)


def list_text(agreements: Sequence[Agreement]) -> str:
    width = max((len(a.id) for a in agreements), default=0)
    return _join([f"{a.id:<{width}}  {', '.join(a.parties):<24}  {a.name}" for a in agreements])
