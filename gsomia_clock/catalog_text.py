"""A catalog file as text: where each agreement's table lies, and an event written into one.

A register is the person's file: its comments, order and spacing are theirs. So an event is
recorded by inserting its lines, and only them, at the end of its agreement's table; every other
byte stays as it was. Where a table lies is read line by line (a header `[[agreement]]` outside
a multi-line string starts one); `with_event` then parses the result and checks that it holds
exactly the old document plus that one event, so that a file this reading got wrong is refused,
never damaged.

>>> from datetime import date
>>> text = '[[agreement]]\\nid = "a"  # ours\\n\\n[[agreement]]\\nid = "b"\\n'
>>> print(with_event(text, 0, {"date": date(2026, 12, 7), "kind": "terminate"}), end="")
[[agreement]]
id = "a"  # ours
<BLANKLINE>
[[agreement.event]]
date = 2026-12-07
kind = "terminate"
<BLANKLINE>
[[agreement]]
id = "b"
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

__all__ = ["agreement_lines", "event_toml", "with_event"]

_HEADER = re.compile(r"\s*\[\[\s*agreement\s*\]\]\s*(#.*)?")
_CONTENT = re.compile(r"\s*[^\s#]")  # a line that is neither blank nor a comment alone


def agreement_lines(text: str) -> list[tuple[int, int]]:
    """For each `[[agreement]]` table, in order, its lines: (first, one past its last), as
    indexes into `text.splitlines(keepends=True)`. A table runs to the next header or the end."""
    starts = [n for n, (line, within) in enumerate(_read(text)) if not within and _header(line)]
    count = len(text.splitlines())
    return [(start, end) for start, end in zip(starts, [*starts[1:], count], strict=True)]


def _header(line: str) -> bool:
    return _HEADER.fullmatch(line.rstrip("\r\n")) is not None


def _read(text: str) -> list[tuple[str, bool]]:
    """Each line, and whether it begins inside a multi-line string (and so is all content)."""
    inside: str | None = None  # the quotes of a multi-line string left open
    read = []
    for line in text.splitlines(keepends=True):
        read.append((line, inside is not None))
        inside = _still_open(line, inside)
    return read


def _still_open(line: str, inside: str | None) -> str | None:
    """The multi-line string open after `line` (its quotes), given the one open before it."""
    at = 0
    while True:
        if inside is None:
            found = [(line.find(q, at), q) for q in ('"""', "'''") if line.find(q, at) >= 0]
            if not found:
                return None
            at, inside = min(found)
            at += 3
        else:
            end = line.find(inside, at)
            while end > 0 and inside == '"""' and _escaped(line, end):
                end = line.find(inside, end + 1)
            if end < 0:
                return inside
            at, inside = end + 3, None


def _escaped(line: str, at: int) -> bool:
    backslashes = len(line[:at]) - len(line[:at].rstrip("\\"))
    return backslashes % 2 == 1


def event_toml(event: dict[str, Any]) -> str:
    """`[[agreement.event]]` and its keys, one a line: days as TOML days, text as basic strings."""
    lines = ["[[agreement.event]]"]
    for key, value in event.items():
        if isinstance(value, date):
            shown = value.isoformat()
        else:  # JSON's escapes of a string are TOML's too (\\", \\\\, \\n, \\uXXXX)
            shown = json.dumps(value, ensure_ascii=False)
        lines.append(f"{key} = {shown}")
    return "\n".join(lines) + "\n"


def with_event(text: str, index: int, event: dict[str, Any], parsed: Any = None) -> str:
    """`text` with `event` recorded at the end of its agreement `index` (0-based): after the
    table's last line that is not blank or a comment alone, a blank line before it. ValueError
    if the result is not the old document with that one event more (`parsed`: the old document,
    as tomli read it, if already at hand)."""
    import tomli

    spans = agreement_lines(text)
    read = _read(text)
    lines = [line for line, _ in read]
    if index >= len(spans):
        raise ValueError(f"the file has no agreement {index + 1}")
    first, end = spans[index]
    last = max(n for n in range(first, end) if read[n][1] or _CONTENT.match(lines[n]))
    newline = "\r\n" if lines[first].endswith("\r\n") else "\n"
    if not lines[last].endswith(("\n", "\r")):
        lines[last] += newline
    inserted = ("\n" + event_toml(event)).replace("\n", newline)
    lines.insert(last + 1, inserted)
    result = "".join(lines)
    before = parsed if parsed is not None else tomli.loads(text)
    after = tomli.loads(result)
    expected = [dict(table) for table in before.get("agreement", [])]
    expected[index]["event"] = [*expected[index].get("event", []), event]
    if after != {**before, "agreement": expected}:
        raise ValueError("the event could not be placed in its agreement's table")
    return result
