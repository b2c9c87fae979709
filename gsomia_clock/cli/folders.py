"""The user's own folders for the program: its cache, its settings and its state.

Each is `gsomia-clock` under the first absolute path of: the Windows variable (on Windows), the
XDG variable, the XDG default under the home folder. A relative path in a variable is ignored,
as the XDG Base Directory spec asks; with no home folder to be found there is none.
"""

from __future__ import annotations

import os
import sys

__all__ = ["user_folder"]


def user_folder(variable: str, default: str, windows: str) -> str | None:
    """`…/gsomia-clock`: under `%windows%` on Windows, `$variable`, or `~/default`."""
    bases = (
        os.environ.get(windows, "") if sys.platform == "win32" else "",
        os.environ.get(variable, ""),
        os.path.join(os.path.expanduser("~"), default),
    )
    base = next((found for found in bases if os.path.isabs(found)), None)
    return None if base is None else os.path.join(base, "gsomia-clock")
