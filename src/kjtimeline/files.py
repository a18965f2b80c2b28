"""Writing files safely: all or nothing, and never over an existing file unless asked."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from kjtimeline.errors import KjtimelineError


def write_atomically(path: Path, data: bytes, force: bool = False) -> None:
    """Write `data` to a temporary file beside `path`, then rename it into place.

    A failure or an interruption leaves any previous file untouched and no partial file behind.
    """
    if path.is_dir():
        raise KjtimelineError(f"{path}: is a directory; give a file name")
    if path.exists() and not force:
        raise KjtimelineError(f"{path}: already exists; use --force to overwrite it")
    directory = path.parent if str(path.parent) else Path()
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except FileNotFoundError:
        raise KjtimelineError(f"{path}: no such directory: {directory}") from None
    except OSError as error:
        raise KjtimelineError(f"{path}: cannot write ({error.strerror or error})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists() and not force:  # appeared while we were writing
            raise KjtimelineError(f"{path}: already exists; use --force to overwrite it")
        Path(temporary).chmod(0o644)
        Path(temporary).replace(path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        if isinstance(error, OSError):
            raise KjtimelineError(f"{path}: cannot write ({error.strerror or error})") from None
        raise
