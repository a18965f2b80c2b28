"""Writing files safely: all or nothing, never over an existing file unless asked, and only ever a
regular file: a device, a pipe, a directory or a symbolic link at the path is refused, even with
`--force` (as root, `-o /dev/full --force` must not replace the device)."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from kjtimeline.errors import KjtimelineError
from kjtimeline.text import visible


def output_path(given: str, default_name: str) -> Path:
    """Where `-o` writes: a file, or `default_name` inside a folder that exists (`-o out/`)."""
    path = Path(given)
    if given.endswith(("/", os.sep)) or _is_directory(path):
        if not _is_directory(path):
            raise KjtimelineError(f"{visible(given)}: no such directory")
        return path / default_name
    return path


def _is_directory(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.lstat().st_mode)
    except OSError:
        return False


def _existing(path: Path) -> os.stat_result | None:
    """The path's own status (a link is not followed), or None if nothing is there."""
    try:
        return path.lstat()
    except FileNotFoundError:
        return None


def _refuse_unless_replaceable(path: Path, force: bool) -> None:
    status = _existing(path)
    if status is None:
        return
    name = visible(str(path))
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        raise KjtimelineError(f"{name}: is a directory; give a file name")
    if stat.S_ISLNK(mode):
        raise KjtimelineError(f"{name}: is a symbolic link; kjtimeline writes only regular files")
    if not stat.S_ISREG(mode):
        raise KjtimelineError(f"{name}: not a regular file (a device or a pipe); kjtimeline writes only regular files")
    if not force:
        raise KjtimelineError(f"{name}: already exists; use --force to overwrite it")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomically(path: Path, data: bytes, force: bool = False) -> None:
    """Write `data` to `path` all or nothing (see `atomic_file`)."""
    with atomic_file(path, force) as temporary:
        temporary.write_bytes(data)


@contextlib.contextmanager
def atomic_file(path: Path, force: bool = False) -> Iterator[Path]:
    """A new, empty temporary file beside `path` to write in; renamed into place when the block ends.

    A failure or an interruption (SIGTERM and SIGHUP too: the entry point turns them into
    exceptions) leaves any previous file untouched and no partial file behind. The new file has
    the permissions the umask gives, as a shell redirection would. The temporary path is for
    writers that need a real file (SQLite) or write more than fits in memory.
    """
    name = visible(str(path))
    try:
        _refuse_unless_replaceable(path, force)
        directory = path.parent if str(path.parent) else Path()
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        os.close(handle)
    except FileNotFoundError:
        raise KjtimelineError(f"{name}: no such directory: {visible(str(path.parent))}") from None
    except OSError as error:
        raise KjtimelineError(f"{name}: cannot write ({error.strerror or error})") from None
    try:
        yield Path(temporary)
        with Path(temporary).open("rb+") as stream:
            os.fsync(stream.fileno())
        _refuse_unless_replaceable(path, force)  # something may have appeared while we were writing
        Path(temporary).chmod(0o666 & ~_umask())
        Path(temporary).replace(path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        if isinstance(error, OSError):
            raise KjtimelineError(f"{name}: cannot write ({error.strerror or error})") from None
        raise
