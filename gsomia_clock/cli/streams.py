"""Standard output and error that never break the run.

- Where a stream's encoding cannot write the tool's own characters (`→`, `–`, `“`, `”`, `’`,
  `−`, `…`, `×`, in ASCII or Latin-1 terminals, `PYTHONIOENCODING=ascii`, `LANG=C`), human output
  degrades to plain stand-ins (`->`, `-`, `"`, `'`, `...`, `x`), and any other character a
  catalog brings to `?`.
- Data for programs never degrades: TOML, CSV, SVG and iCal are written to standard output as
  UTF-8 bytes whatever its encoding (`PYTHONIOENCODING=cp1252`, what Windows gives a redirected
  output), and JSON with `\\u` escapes when the stream is not Unicode, so each stays valid and
  means the same. Only text for people takes stand-ins.
- A closed standard output, or one that fails when written (a full disk), is an error of the
  run that names it, exit status 2, not a traceback.
"""

from __future__ import annotations

import codecs
import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from ..errors import ClockError

__all__ = [
    "PLAIN", "flush_stdout", "plain_streams", "silence_stdout", "stdout", "unicode_stdout", "warn",
    "write_data", "write_json", "write_stdout",
]  # fmt: skip

PLAIN = "gsomia-clock-plain"  # the name of the codec error handler below
_STAND_INS = {
    "→": "->", "←": "<-", "–": "-", "—": "--", "−": "-", "“": '"', "”": '"', "‘": "'", "’": "'",
    "…": "...", "×": "x", "÷": "/", "·": "*", "•": "*", "≤": "<=", "≥": ">=", "\u00a0": " ",
}  # fmt: skip
_SAMPLE = "→–“”’−…×"


def _stand_in(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(_STAND_INS.get(c, "?") for c in text), error.end


codecs.register_error(PLAIN, _stand_in)


def _encodes(stream: TextIO, text: str) -> bool:
    try:
        text.encode(stream.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def plain_streams() -> None:
    """Let stdout and stderr write stand-ins for what their encoding lacks."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and not _encodes(stream, _SAMPLE):
            stream.reconfigure(errors=PLAIN)


def unicode_stdout() -> bool:
    """Whether standard output writes every character as it is (else JSON escapes them)."""
    return sys.stdout is not None and _encodes(sys.stdout, _SAMPLE + "\U0010ffff")


def stdout() -> TextIO:
    """Standard output, or an error naming it when it is closed (`>&-`)."""
    if sys.stdout is None:
        raise ClockError("standard output is closed (use -o FILE to write a file)")
    return sys.stdout


def is_terminal(stream: TextIO | None) -> bool:
    """Whether `stream` is a terminal (a person reads it, not a program or a file)."""
    if stream is None:
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):  # closed, or no file at all
        return False


def on_terminal() -> bool:
    """Whether standard output is a terminal."""
    return is_terminal(stdout())


def colours() -> bool:
    """Whether standard output may be coloured: a terminal, `NO_COLOR` unset or empty
    (no-color.org), and a `TERM` that is not `dumb`."""
    return on_terminal() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def write_stdout(data: str | bytes) -> None:
    """Text (a line is added) or bytes on standard output, a failure there an error naming it."""
    stream = stdout()
    with _failing():
        if isinstance(data, bytes):
            stream.flush()
            stream.buffer.write(data)
        else:
            print(data, file=stream)


def write_data(text: str) -> None:
    """Data for a program (a line is added), as UTF-8 whatever standard output's encoding: the
    stand-ins that make text readable on a terminal would change what the data says."""
    write_stdout(f"{text}\n".encode())


def write_json(value: object) -> None:
    """JSON for a program: as it is on a Unicode stream, with `\\u` escapes on any other."""
    import json

    write_stdout(json.dumps(value, ensure_ascii=not unicode_stdout(), indent=2))


def warn(text: str) -> None:
    """A line on standard error, unless that is closed (`2>&-`) or cannot be written (a full
    disk): a message that cannot be shown does not change what the run did, nor its status."""
    if sys.stderr is None:
        return
    try:
        print(text, file=sys.stderr, flush=True)
    except OSError:
        sys.stderr = None


def flush_stdout() -> None:
    """Flush standard output now, so that a full or broken one is an error of the run."""
    if sys.stdout is not None:
        with _failing():
            sys.stdout.flush()


def silence_stdout() -> None:
    """Nothing more can be written to standard output: point it at /dev/null, so that Python
    stays quiet when it flushes at exit."""
    if sys.stdout is not None:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


@contextmanager
def _failing() -> Iterator[None]:
    try:
        yield
    except BrokenPipeError:
        raise  # the reader went away (`| head`): the command line ends quietly
    except OSError as error:
        silence_stdout()
        raise ClockError(f"cannot write to standard output ({error.strerror or error})") from None
