"""`-o FILE` and `report -o DIR`: files written whole or not at all, and nothing else touched.

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
- `report -o DIR` writes its pages the same way, all together (`write_folder`): each page's place
  is checked as FILE is, before anything is written, and each page goes to its temporary file
  first; only once all are written does each take its place, so a report that cannot be written
  whole leaves the earlier one as it was.
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
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType
from typing import IO

from ..errors import ClockError
from ..files import NotRegular, kind_of, open_regular, read_regular
from ..shown import named

__all__ = [
    "STDOUT", "open_previous", "output_path", "staging", "write_folder", "write_whole",
]  # fmt: skip

STDOUT = "-"
_STEM = 100  # characters of a file's name that its temporary files carry
_TEMPORARY = re.compile(r"\.(.+)\.(\d+)\.[a-z0-9_]{8}")
# SIGINT needs no handler: its KeyboardInterrupt passes through `write_whole`'s clean-up.
_SIGNALS = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGHUP", "SIGQUIT") if hasattr(signal, n))


def _refuse(path: Path | str, why: str) -> ClockError:
    return ClockError(f"-o: {named(str(path))} {why}")


def _not_regular(
    path: Path | str, kind: str, hint: str = " (use -o - for standard output)"
) -> ClockError:
    return _refuse(path, f"is {kind}, not a regular file{hint}")


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
    return _replaceable(name, inputs)


def _replaceable(
    name: str, inputs: Iterable[str | Path], hint: str = " (use -o - for standard output)"
) -> Path:
    """The file `name`, when it is no file yet, or a regular file (through links) that may be
    replaced: writable, and none of the run's `inputs`."""
    path = Path(name)
    try:
        found = path.stat()
    except FileNotFoundError:
        return path
    except OSError as error:
        raise _cannot("use", name, error) from None
    kind = kind_of(found.st_mode)
    if kind is not None:
        raise _not_regular(name, kind, hint)
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


def write_folder(name: str, files: Mapping[str, bytes], inputs: Iterable[str | Path] = ()) -> int:
    """`report -o DIR`: each of `files` (by its path in DIR, `/`-separated) written whole, or
    none of them; the number written (a file that already holds its bytes is left alone). Each
    file's bytes are asked for once, in turn, and staged before the next is asked for: a mapping
    that makes them as they are asked for keeps one file in memory, not the folder.

    DIR and its subfolders are made if need be, and may be links to folders; each file is
    checked as `-o FILE` is (a regular file or none, writable, no input of the run), all before
    anything is written, and staged together (`staging`), so that a report that cannot be
    written whole leaves the earlier one as it was.
    """
    if not name:
        raise _refuse(name, "is not a folder name")
    if "\x00" in name:
        raise _refuse(name, "holds a NUL character, which no file name can")
    inputs = tuple(inputs)
    folder = Path(name)
    parts = [n.split("/") for n in files]
    below = {folder.joinpath(*p[:k]) for p in parts for k in range(1, len(p))}
    folders = [folder, *sorted(below)]  # each after the folder that holds it
    for path in folders:
        try:
            kind = kind_of(path.stat().st_mode)
        except FileNotFoundError:
            if path.is_symlink():
                raise _refuse(path, f"is a link to nothing ({os.readlink(path)})") from None
            continue
        except OSError as error:
            raise _cannot("use", path, error) from None
        if kind != "a directory":
            raise _refuse(path, f"is {kind or 'a regular file'}, not a folder")
    places = [
        (_replaceable(str(folder.joinpath(*part)), inputs, ""), "/".join(part)) for part in parts
    ]
    made: list[Path] = []
    written = 0
    try:
        for path in folders:
            if not path.is_dir():
                try:
                    path.mkdir()
                except OSError as error:
                    raise _cannot("make", path, error) from None
                made.append(path)
        with staging() as stage:
            for path, part in places:
                data = files[part]  # one at a time: `files` may make each as it is asked
                if _held(path) != data:
                    stage(path, data)
                    written += 1
    except BaseException:
        for path in reversed(made):
            with suppress(OSError):
                path.rmdir()  # only when still empty
        raise
    return written


def _held(path: Path) -> bytes | None:
    """What a regular file at `path` holds now, or None (none there, or none to compare)."""
    try:
        return read_regular(path)
    except OSError:
        return None


@contextmanager
def open_previous(path: Path) -> Iterator[IO[bytes] | None]:
    """The file `-o` is about to replace, open to read as a stream (an earlier calendar may be
    far larger than the register it was made of) and closed when done; None when there is none
    yet. Opened without blocking and checked again once open, so that a FIFO or device put in
    its place since `output_path` looked is refused rather than waited on."""
    stream = None
    with _previous(path):
        stream = open_regular(path)
    try:
        yield stream
    finally:
        if stream is not None:
            stream.close()


@contextmanager
def _previous(path: Path) -> Iterator[None]:
    """The errors of reading the file `-o` replaces, said (none when it is not there yet)."""
    try:
        yield
    except FileNotFoundError:
        pass
    except NotRegular as error:
        raise _not_regular(path, error.kind) from None
    except OSError as error:
        raise _cannot("read", path, error) from None


def write_whole(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write the whole file or nothing: a temporary file beside it, then one rename. `data` may
    come in pieces, each written as it is made (a failure while they are made writes nothing)."""
    with staging() as stage:
        stage(path, data)


@contextmanager
def staging() -> Iterator[Callable[[Path, bytes | Iterable[bytes]], None]]:
    """`stage(path, data)` for each file, in turn: `data` goes to a temporary file beside the
    file's place at once (so that no more than one file's data need be held), and once the block
    ends, each takes its place by one rename. If the block fails, or the run is stopped by a
    signal, every temporary file is removed and no file has changed."""
    temporary: list[str] = []  # filled the moment each exists, so that a signal finds it
    staged: list[tuple[Path, str, Path]] = []
    left: dict[Path, dict[str, list[str]]] = {}  # by folder, what killed runs left there

    def stage(path: Path, data: bytes | Iterable[bytes]) -> None:
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
        if target.parent not in left:
            left[target.parent] = _left_behind(target.parent)
        for name in left[target.parent].pop(_stem(target), ()):
            with suppress(OSError):
                os.unlink(name)
        staged.append((path, _staged(path, target, data, temporary), target))

    with _removed_on_signal(temporary):
        try:
            yield stage
            for path, name, target in staged:
                try:
                    os.replace(name, target)
                except OSError as error:
                    raise _cannot("write", path, error) from None
                temporary.remove(name)
        finally:
            for name in temporary:
                Path(name).unlink(missing_ok=True)


def _staged(path: Path, target: Path, data: bytes | Iterable[bytes], temporary: list[str]) -> str:
    """`data` in a new temporary file beside `target`, with the mode and owner of the file it
    is to replace (a new one gets 0666 less the umask), synced; its name."""
    owner: tuple[int, int] | None = None
    try:
        found = target.stat()
        mode, owner = stat.S_IMODE(found.st_mode), (found.st_uid, found.st_gid)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as error:
        raise _cannot("write", path, error) from None
    try:
        prefix = f".{_stem(target)}.{os.getpid()}."
        handle, name = tempfile.mkstemp(prefix=prefix, dir=target.parent)
        temporary.append(name)
        with os.fdopen(handle, "wb") as stream:
            if isinstance(data, bytes):
                stream.write(data)
            else:
                stream.writelines(data)
            stream.flush()
            os.fchmod(stream.fileno(), mode)
            if owner is not None and owner != (os.geteuid(), os.getegid()):
                with suppress(PermissionError):  # only root may give it away
                    os.fchown(stream.fileno(), *owner)
            os.fsync(stream.fileno())
    except OSError as error:
        raise _cannot("write", path, error) from None
    return name


def _stem(target: Path) -> str:
    """The file's name as its temporary files carry it: cut, so that theirs stays a name the
    file system takes when the file's own is near the longest it takes."""
    return target.name[:_STEM]


def _left_behind(folder: Path) -> dict[str, list[str]]:
    """The temporary files that earlier runs left in `folder` when they were killed (SIGKILL
    cannot be caught), by the name of the file each was for: `.NAME.PID.XXXXXXXX`, of a process
    that no longer runs. The folder is read once, however many files are written into it."""
    found: dict[str, list[str]] = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    for entry in entries:
        named = _TEMPORARY.fullmatch(entry.name)
        if named is not None and not _running(int(named.group(2))):
            found.setdefault(named.group(1), []).append(entry.path)
    return found


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
