"""A register a treaty office or a newsroom can publish: static HTML pages, no script, no network.

`index.html` lists the agreements with their state today, their next deadline and the days left,
owner and tags, soonest deadline first; each row links to `agreements/<id>.html`, which shows the
agreement's timeline picture (inline SVG, see `picture.py`), its clause, its exit clauses, its
history and its sources. Every value a catalog brings is escaped, its controls shown as their
codes as in the picture; the pages carry their own style and nothing else.

Written with the standard library (`picture.escaped`, over `html.escape`, on every value from the
catalog): a template engine would be a dependency, and an import, for two page shapes.

>>> from gsomia_clock import load_catalog
>>> pages = report_pages([load_catalog()["gsomia"]])
>>> sorted(pages)
['agreements/gsomia.html', 'index.html']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from .agenda import AgendaItem, agenda
from .days import format_day
from .picture import escaped, timeline_svg
from .selection import Selection
from .status import STATE_WORDS

if TYPE_CHECKING:
    from .agreement import Agreement

__all__ = ["agreement_page", "index_page", "page_name", "report_json", "report_pages"]

_KIND_WORDS = {
    "renewal": "renewal",
    "last-notice-day": "last notice day",
    "effect": "effect of a notice",
    "expiry": "expiry",
    "window-opens": "notice may first be given",
}
_LINK = re.compile(r"https?://[^\s;,)]+")
_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1240px; color: #111; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.35em 0.6em; border-bottom: 1px solid #ccc; vertical-align: top; }
th { background: #f2f2f2; }
td.days { text-align: right; font-variant-numeric: tabular-nums; }
.state { white-space: nowrap; }
.id { color: #555; font-family: monospace; }
blockquote { border-left: 4px solid #2f6db5; margin: 0; padding: 0.2em 1em; background: #f7f9fc; }
svg { max-width: 100%; height: auto; }
""".strip()


def report_json(
    agreements: Sequence[Agreement], selection: Selection | None = None
) -> list[dict[str, Any]]:
    """The register as the contract's agenda objects, each with the path of its page."""
    return [
        {**item.to_dict(), "page": page_name(item.agreement)}
        for item in agenda(agreements, selection)
    ]


def report_pages(
    agreements: Sequence[Agreement], selection: Selection | None = None
) -> dict[str, str]:
    """Every page, by its path in the report's folder: the register as `agenda` lists it (with
    `selection`'s filters), and a page for each agreement in it."""
    items = agenda(agreements, selection)
    by_id = {a.id: a for a in agreements}
    pages = {"index.html": index_page(items, by_id)}
    for item in items:
        pages[page_name(item.agreement)] = agreement_page(by_id[item.agreement], item)
    return pages


_LONGEST_NAME = 200  # of a page's name before `.html`: file systems take 255 bytes at most


def page_name(ident: str) -> str:
    """An agreement's page: its id, which is lower-case letters, digits and '-'; a longer id
    than a file name can hold is cut, and told apart by its digest (201 characters in all, so
    no id of 200 or fewer is ever another's name)."""
    if len(ident) > _LONGEST_NAME:
        from hashlib import sha256

        ident = f"{ident[:184]}-{sha256(ident.encode()).hexdigest()[:16]}"
    return f"agreements/{ident}.html"


def _document(title: str, body: list[str]) -> str:
    return "\n".join(
        [
            "<!doctype html>",
            '<html lang="en">',
            '<head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escaped(title)}</title><style>{_STYLE}</style></head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


def _when(day: date) -> str:
    return f'<time datetime="{day.isoformat()}">{escaped(format_day(day))}</time>'


def index_page(items: Sequence[AgendaItem], by_id: dict[str, Agreement]) -> str:
    rows = []
    for item in items:
        agreement = by_id[item.agreement]
        deadline = item.next_deadline
        due = (
            f"{_when(deadline.date)} {escaped(_KIND_WORDS[deadline.kind])}"
            + (f" ({escaped(deadline.party)})" if deadline.party else "")
            if deadline
            else "none ahead"
        )
        rows.append(
            f'<tr id="{escaped(item.agreement)}">'
            f'<td><a href="{page_name(item.agreement)}">{escaped(agreement.label)}</a> '
            f'<span class="id">{escaped(item.agreement)}</span></td>'
            f'<td class="state">{escaped(STATE_WORDS[item.state])}</td>'
            f"<td>{due}</td>"
            f'<td class="days">{"" if item.days_left is None else item.days_left}</td>'
            f"<td>{escaped(item.owner or '')}</td>"
            f"<td>{escaped(', '.join(item.tags))}</td></tr>"
        )
    count = len(items)
    return _document(
        "Register",
        [
            "<h1>Register</h1>",
            f"<p>{count} agreement{'s' if count != 1 else ''}, the soonest deadline first; the "
            "state and the days left are as of today where each agreement is administered.</p>",
            "<table><thead><tr><th>Agreement</th><th>State today</th><th>Next deadline</th>"
            "<th>Days left</th><th>Owner</th><th>Tags</th></tr></thead>",
            "<tbody>",
            *rows,
            "</tbody></table>",
        ],
    )


def agreement_page(agreement: Agreement, item: AgendaItem) -> str:
    facts = [
        ("Parties", ", ".join(agreement.parties)),
        ("In force", format_day(agreement.in_force)),
        ("Term", agreement.term.words() if agreement.term else "none (in force until ended)"),
        ("Renewal", agreement.renewal.words() if agreement.renewal else "none"),
        ("Time zone", agreement.timezone),
        ("Owner", agreement.owner or ""),
        ("Reference", agreement.reference or ""),
        ("Tags", ", ".join(agreement.tags)),
        ("State today", STATE_WORDS[item.state]),
    ]
    body = [
        '<p><a href="../index.html">← Register</a></p>',
        f"<h1>{escaped(agreement.name)}</h1>",
        "<table>",
        *(f"<tr><th>{k}</th><td>{escaped(v)}</td></tr>" for k, v in facts if v),
    ]
    if item.next_deadline is not None:
        deadline = item.next_deadline
        body.append(
            f"<tr><th>Next deadline</th><td>{_when(deadline.date)}: "
            f"{escaped(deadline.summary)} (in {item.days_left} days)</td></tr>"
        )
    body += ["</table>", "<h2>Timeline</h2>", timeline_svg(agreement)]
    if agreement.text:
        body += ["<h2>Clause</h2>", f"<blockquote>{escaped(agreement.text)}</blockquote>"]
    if agreement.exits:
        body += ["<h2>Exit clauses</h2>", "<ul>"]
        body += [
            f"<li>{escaped(clause.effect)}: notice {escaped(clause.notice_words())}</li>"
            for clause in agreement.exits
        ]
        body.append("</ul>")
    body += ["<h2>History</h2>"]
    entries = agreement.history()
    if entries:
        body.append("<table><thead><tr><th>Day</th><th>Event</th><th>Note</th></tr></thead><tbody>")
        body += [
            f"<tr><td>{_when(e.date)}</td><td>{escaped(e.summary)}</td>"
            f"<td>{escaped(e.note or '')}</td></tr>"
            for e in entries
        ]
        body.append("</tbody></table>")
    else:
        body.append("<p>No events recorded.</p>")
    if agreement.source:
        body += ["<h2>Sources</h2>", f"<p>{_linked(agreement.source)}</p>"]
    return _document(agreement.name, body)


def _linked(text: str) -> str:
    """`text`, escaped, with its web addresses as links."""
    out, end = [], 0
    for found in _LINK.finditer(text):
        url = found.group(0).rstrip(".")
        out += [escaped(text[end : found.start()]), f'<a href="{escaped(url)}">{escaped(url)}</a>']
        end = found.start() + len(url)
    return "".join([*out, escaped(text[end:])])
