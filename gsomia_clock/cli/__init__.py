"""The `gsomia-clock` command: a thin shell over the library, and the only place that knows of
flags, terminals and exit statuses.

- parser.py: the options, each command's parser made only once it is chosen;
- commands.py: one function per command, which asks the library and shows the answer;
- text.py (for people), tables.py (CSV) and streams.py (standard output and error: UTF-8 for data,
  stand-ins for a terminal that lacks a character);
- whole_files.py: `-o FILE` and `report -o DIR`, written whole or not at all;
- agenda_cache.py: the agenda's index, kept in the user's cache folder;
- completion.py: bash and zsh completion, made from the parser;
- collector.py: cyclic garbage collection paused while a catalog is read (the program's choice);
- catalogs.py: which catalog files a run reads, and the agreement a command names;
- settings.py: the settings file (catalogs, bundled, register, calendar, remind, notify);
- register_files.py: `record`, `undo`, `import` onto a catalog, `export`: the register's own
  files read and written as text; journal.py: those changes, locked, kept to be undone;
- folders.py: the user's cache, settings and state folders (XDG, or Windows').

Exit status: 0 success, 2 bad input (a message naming what is at fault), 1 an internal error,
3 `can-withdraw --exit-status` answered no.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from ..errors import ClockError

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line `argv` (default: the process's own); its exit status."""
    from .commands import error_line, run
    from .parser import parser
    from .streams import flush_stdout, plain_streams, silence_stdout, warn

    plain_streams()
    try:
        try:
            args = parser().parse_args(argv)
        except SystemExit as done:  # --help (0, once its text is out) or a usage error (2)
            if done.code == 0:
                flush_stdout()
            return 0 if done.code == 0 else 2
        status = run(args)
        flush_stdout()
        return status
    except ClockError as error:
        error_line(error)
        return 2
    except BrokenPipeError:
        # The reader went away (`| head`): not an error of ours; keep Python quiet at exit.
        silence_stdout()
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if os.environ.get("GSOMIA_CLOCK_DEBUG"):
            raise
        warn(
            f"gsomia-clock: internal error: {type(error).__name__}: {error} "
            "(set GSOMIA_CLOCK_DEBUG=1 for the traceback)"
        )
        return 1
