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
from typing import Any, NamedTuple

__all__ = ["Merged", "agreement_lines", "event_toml", "merged", "with_event"]

_HEADER = re.compile(r"\s*\[\[\s*agreement\s*\]\]\s*(#.*)?")
_CONTENT = re.compile(r"\s*[^\s#]")  # a line that is neither blank nor a comment alone


def agreement_lines(text: str) -> list[tuple[int, int]]:
    """For each `[[agreement]]` table, in order, its lines: (first, one past its last), as
    indexes into `text.splitlines(keepends=True)`. A table runs to the next header or the end."""
    starts = [n for n, (line, within) in enumerate(_read(text)) if not within and _header(line)]
    return list(zip(starts, [*starts[1:], len(text.splitlines())], strict=False))


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


def _comment(line: str) -> str:
    """The comment that ends a line of one key (`  # the building's`), or "": what follows a
    `#` outside any string."""
    at = _lexed(line, None)[1]
    return line[at:].rstrip("\r\n") if at < len(line) and line[at] == "#" else ""


def _still_open(line: str, inside: str | None) -> str | None:
    """The multi-line string open after `line` (its quotes), given the one open before it: the
    line read as TOML reads it, one-line strings and a comment skipped."""
    if inside is None and '"""' not in line and "'''" not in line:
        return None  # nearly every line: nothing here opens one (and reading it costs)
    return _lexed(line, inside)[0]


def _lexed(line: str, inside: str | None) -> tuple[str | None, int]:
    """`_still_open`, and where reading stopped: the end of the line, or the `#` of a comment."""
    at, size = 0, len(line)
    while at < size:
        if inside is not None:
            end = line.find(inside, at)
            while end > 0 and inside == '"""' and _escaped(line, end):
                end = line.find(inside, end + 1)
            if end < 0:
                return inside, size
            at = end + 3
            while at < size and line[at] == inside[0]:  # up to two quotes end the text itself
                at += 1
            inside = None
        elif line.startswith(('"""', "'''"), at):
            inside, at = line[at : at + 3], at + 3
        elif line[at] == '"':  # a basic string: to its closing quote, escapes skipped
            at += 1
            while at < size and line[at] != '"':
                at += 2 if line[at] == "\\" else 1
            at += 1
        elif line[at] == "'":  # a literal string: no escapes
            found = line.find("'", at + 1)
            at = size if found < 0 else found + 1
        elif line[at] == "#":
            return None, at
        else:
            at += 1
    return inside, size


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


_KEY = re.compile(r"\s*([A-Za-z0-9_-]+)\s*=")
_SUBTABLE = re.compile(r"\s*\[\[?\s*agreement\s*\.")
_EXIT = re.compile(r"\s*\[\[\s*agreement\s*\.\s*exit\s*\]\]")


class Merged(NamedTuple):
    """What `merged` made: the new text, and the ids added, updated, unchanged, only in the file."""

    text: str
    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]
    only_in_file: tuple[str, ...]


def merged(text: str, incoming: str, keys: tuple[str, ...], exits: bool) -> Merged:
    """The catalog `text` with the agreements of the catalog `incoming` merged in by id: of an
    agreement in both, each of `keys` takes the incoming value (or goes, when the incoming one
    lacks it), and with `exits` its exit clauses are the incoming ones; every other key, exit,
    event and comment stays, in place. An id new to `text` is added at its end. ValueError if
    the result is not that document (see `with_event`)."""
    import tomli

    before = tomli.loads(text) if text.strip() else {}
    coming = tomli.loads(incoming)
    old_tables = before.get("agreement", [])
    where = {table.get("id"): n for n, table in enumerate(old_tables)}
    lines = text.splitlines(keepends=True)
    old_spans = agreement_lines(text)
    new_lines = incoming.splitlines(keepends=True)
    new_spans = agreement_lines(incoming)
    expected = [dict(table) for table in old_tables]
    added, updated, unchanged, appended = [], [], [], []
    edits: dict[int, list[str]] = {}  # agreement number in text → its region's new lines
    for (first, end), table in zip(new_spans, coming.get("agreement", []), strict=True):
        ident = table["id"]
        if ident not in where:
            added.append(ident)
            appended.append("".join(new_lines[first:end]))
            expected.append(table)
            continue
        n = where[ident]
        wanted = {k: v for k, v in old_tables[n].items() if k not in keys or k in table}
        wanted.update({k: table[k] for k in keys if k in table})
        if exits:
            wanted.pop("exit", None)
            if table.get("exit"):
                wanted["exit"] = table["exit"]
        if wanted == old_tables[n]:
            unchanged.append(ident)
            continue
        updated.append(ident)
        expected[n] = wanted
        region = lines[slice(*old_spans[n])]
        edits[n] = _region_merged(region, new_lines[first:end], keys, exits, old_tables[n], table)
    out = lines[: old_spans[0][0]] if old_spans else lines
    for n, (first, end) in enumerate(old_spans):
        out += edits.get(n, lines[first:end])
    result = "".join(out)
    if appended:
        result = result.rstrip("\n") + "\n\n" if result.strip() else ""
        result += "\n".join(chunk.rstrip("\n") + "\n" for chunk in appended)
    if tomli.loads(result) != {**before, "agreement": expected}:
        raise ValueError("the merged agreements could not be written in place")
    incoming_ids = {table["id"] for table in coming.get("agreement", [])}
    only = tuple(t.get("id") for t in old_tables if t.get("id") not in incoming_ids)
    return Merged(result, tuple(added), tuple(updated), tuple(unchanged), only)


def _region_merged(
    region: list[str],
    incoming: list[str],
    keys: tuple[str, ...],
    exits: bool,
    old: dict[str, Any],
    new: dict[str, Any],
) -> list[str]:
    """An agreement's lines with `keys` set from `incoming`'s lines (and its exits with
    `exits`), every other line kept."""
    key_lines: dict[str, str] = {}
    for line in incoming:
        found = _KEY.match(line)
        if found and not _SUBTABLE.match(line):
            key_lines.setdefault(found[1], line)
        if _SUBTABLE.match(line):
            break
    incoming_exits = _exit_blocks(incoming)
    # The incoming exits as they are written there, one run of lines (with what separates them).
    written = (
        "".join(incoming[incoming_exits[0][0] : incoming_exits[-1][1]]) if incoming_exits else ""
    )
    out: list[str] = []
    top = True
    last_key = 0
    read = _read("".join(region))
    blocks = _exit_blocks(region) if exits else []
    skip = {n for start, stop in blocks for n in range(start, stop)}
    if blocks and not any(
        _SUBTABLE.match(line) and not within
        for line, within in read[blocks[0][0] : blocks[-1][1]]
        if not _EXIT.match(line)
    ):  # one run of exits: replaced by the other run, blank lines between them and all
        skip = set(range(blocks[0][0], blocks[-1][1]))
    for n, (line, within) in enumerate(read):
        if n and not within and _SUBTABLE.match(line):
            top = False
        if n in skip:
            if n == blocks[0][0]:
                out.append(written)
            continue
        found = None if within or not top else _KEY.match(line)
        if found and found[1] in keys:
            key = found[1]
            if key in new and old.get(key) != new[key]:
                kept = _comment(line)  # the person's comment on that line stays with it
                ending = line[len(line.rstrip("\r\n")) :]
                out.append(key_lines[key].rstrip("\r\n") + (f"  {kept}" if kept else "") + ending)
            elif key in new:
                out.append(line)
            last_key = len(out)
            continue
        out.append(line)
        if found:
            last_key = len(out)
    missing = [key_lines[k] for k in keys if k in new and k not in old]
    out[last_key:last_key] = missing
    if exits and not blocks and incoming_exits:
        out += ["\n", written]
    return out


def _exit_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """The [[agreement.exit]] tables among an agreement's lines: (first, one past the last)."""
    read = _read("".join(lines))
    heads = [n for n, (line, within) in enumerate(read) if not within and _SUBTABLE.match(line)]
    blocks = []
    for i, n in enumerate(heads):
        if _EXIT.match(read[n][0]):
            stop = heads[i + 1] if i + 1 < len(heads) else len(read)
            # Blank lines and comments after its last key are the next table's, or the file's.
            while stop > n + 1 and not (read[stop - 1][1] or _CONTENT.match(read[stop - 1][0])):
                stop -= 1
            blocks.append((n, stop))
    return blocks
