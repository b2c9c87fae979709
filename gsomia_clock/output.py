"""`-o FILE`: a file written whole or not at all, and nothing else touched.

- `-` is standard output.
- FILE, when it exists, must be a regular file (through symbolic links): a directory, a FIFO,
  a device or a socket is refused before anything is read or written, so a run never blocks on
  a pipe nor replaces a device node.
- FILE must not be one of the run's input files (a catalog given with `--catalog`, or the
  bundled one), nor a read-only file (which a rename would otherwise replace).
- The data goes to a temporary file beside FILE, then one rename. The new file keeps the
  permissions of the one it replaces (a new one gets 0666 less the umask), and its owner where
  the run may give it (as root). A symbolic link is followed: the file it points to is
  replaced, the link stays.
- If the run is stopped by a signal it can catch (SIGTERM, SIGHUP, SIGQUIT, or Ctrl-C) while the
  file is being written, the temporary file is removed first. One left by a run that was killed
  (SIGKILL) is named after its process, `.NAME.PID.XXXXXXXX`: the next `-o NAME` removes it once
  that process is gone.
"""

from __future__ import annotations

import os
import re
import signal
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType

from .errors import ClockError, named
from .files import NotRegular, kind_of, read_regular

__all__ = ["STDOUT", "output_path", "read_previous", "write_whole"]

STDOUT = "-"
# SIGINT needs no handler: its KeyboardInterrupt passes through `write_whole`'s clean-up.
_SIGNALS = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGHUP", "SIGQUIT") if hasattr(signal, n))


def _refuse(path: Path | str, why: str) -> ClockError:
    return ClockError(f"-o: {named(str(path))} {why}")


def _not_regular(path: Path | str, kind: str) -> ClockError:
    return _refuse(path, f"is {kind}, not a regular file (use -o - for standard output)")


def _cannot(verb: str, path: Path | str, error: OSError) -> ClockError:
    return ClockError(f"-o: cannot {verb} {named(str(path))} ({error.strerror or error})")


def output_path(name: str, inputs: Iterable[str | Path] = ()) -> Path | None:
    """FILE as given to `-o`, checked: None for standard output; else the file to write.

    >>> output_path("-") is None
    True
    """
    if name == STDOUT:
        return None
    if not name:
        raise _refuse(name, "is not a file name (use -o - for standard output)")
    if "\x00" in name:
        raise _refuse(name, "holds a NUL character, which no file name can")
    if name.endswith(os.sep):
        raise _refuse(name, "names a folder, not a file")
    path = Path(name)
    try:
        found = path.stat()
    except FileNotFoundError:
        return path
    except OSError as error:
        raise _cannot("use", name, error) from None
    kind = kind_of(found.st_mode)
    if kind is not None:
        raise _not_regular(name, kind)
    if not found.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise _refuse(name, "is read-only: it is not replaced (make it writable, or name another)")
    for given in inputs:
        try:
            same = os.path.samefile(given, path)
        except OSError:
            continue
        if same:
            raise _refuse(name, f"is an input of this run ({given}): it would be overwritten")
    return path


def read_previous(path: Path) -> bytes | None:
    """The file `-o` is about to replace, or None when there is none yet.

    Opened without blocking and checked again once open, so that a FIFO or device put in its
    place since `output_path` looked is refused rather than waited on.
    """
    try:
        return read_regular(path)
    except FileNotFoundError:
        return None
    except NotRegular as error:
        raise _not_regular(path, error.kind) from None
    except OSError as error:
        raise _cannot("read", path, error) from None


def write_whole(path: Path, data: bytes) -> None:
    """Write the whole file or nothing: a temporary file beside it, then one rename."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    owner: tuple[int, int] | None = None
    try:
        found = target.stat()
        mode, owner = stat.S_IMODE(found.st_mode), (found.st_uid, found.st_gid)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as error:
        raise _cannot("write", path, error) from None
    _sweep(target)
    temporary: list[str] = []  # filled the moment it exists, so that a signal finds it
    with _removed_on_signal(temporary):
        try:
            prefix = f".{target.name}.{os.getpid()}."
            handle, name = tempfile.mkstemp(prefix=prefix, dir=target.parent)
            temporary.append(name)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fchmod(stream.fileno(), mode)
                if owner is not None and owner != (os.geteuid(), os.getegid()):
                    with suppress(PermissionError):  # only root may give it away
                        os.fchown(stream.fileno(), *owner)
                os.fsync(stream.fileno())
            os.replace(name, target)
            temporary.clear()
        except OSError as error:
            raise _cannot("write", path, error) from None
        finally:
            for name in temporary:
                Path(name).unlink(missing_ok=True)


def _sweep(target: Path) -> None:
    """Remove the temporary files an earlier run left beside `target` when it was killed
    (SIGKILL cannot be caught): `.NAME.PID.XXXXXXXX`, of a process that no longer runs."""
    ours = re.compile(re.escape(f".{target.name}.") + r"(\d+)\.[a-z0-9_]{8}")
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        found = ours.fullmatch(entry.name)
        if found is None or _running(int(found.group(1))):
            continue
        with suppress(OSError):
            os.unlink(entry.path)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # another user's, or no number a process has: leave it
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def _removed_on_signal(temporary: list[str]) -> Iterator[None]:
    """While the block runs, a catchable stop signal removes the files in `temporary`, then
    stops the run."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return

    def stop(number: int, frame: FrameType | None) -> None:
        for name in temporary:
            Path(name).unlink(missing_ok=True)
        signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)

    before = {number: signal.signal(number, stop) for number in _SIGNALS}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)
