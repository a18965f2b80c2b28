"""A cache of validated datasets: the same files read by the same program are not validated twice.

It spares a command pydantic's import and validator build, which cost more than the rest of the
command. The key is a checksum of the files' bytes, the `--override` flag, the Python version and
the source of the modules that decide what a valid dataset is, so any change to either is a miss.
CRC-32 catches every edit of up to four bytes; a larger one would have to leave the length, the
CRC-32 and the Adler-32 all unchanged (hashlib's import alone would cost more than the rest of a
cached call).

Where: $KJTIMELINE_CACHE_DIR, else $XDG_CACHE_HOME/kjtimeline, else ~/.cache/kjtimeline.
KJTIMELINE_NO_CACHE=1 turns it off. It is only a speed-up: an entry that cannot be read or written
is ignored, and inputs over `LARGEST` are not cached (pickling them would cost more memory than
the 8x-the-file budget allows). Entries are pickles, so only files you own and no one else can
write are read.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path

from kjtimeline.errors import KjtimelineError
from kjtimeline.models import Dataset

LARGEST = 64 * 2**20
KEPT, KEPT_BYTES = 16, 256 * 2**20
"""At most this many entries and bytes are kept; the least recently written go first."""

_PROGRAM = ("models.py", "values.py", "dates.py", "checks.py", "validation.py", "load.py", "cache.py")
"""The modules that decide what a file loads as: a change to any of them is a miss."""


def directory() -> Path:
    if os.environ.get("KJTIMELINE_CACHE_DIR"):
        return Path(os.environ["KJTIMELINE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "kjtimeline"


def key(contents: Sequence[bytes], override: bool) -> str | None:
    """The entry name for these file contents, or None when they are not to be cached."""
    if os.environ.get("KJTIMELINE_NO_CACHE") or sum(map(len, contents)) > LARGEST:
        return None
    here = Path(__file__).parent
    parts = [f"{sys.version_info[:2]} {override}".encode()]
    for name in _PROGRAM:
        with contextlib.suppress(OSError):
            parts.append((here / name).read_bytes())
    crc, adler = 0, 1
    for part in [*parts, *contents]:
        for data in (len(part).to_bytes(8, "little"), part):
            crc, adler = zlib.crc32(data, crc), zlib.adler32(data, adler)
    return f"{sum(map(len, contents)):x}-{crc:08x}{adler:08x}"


def read(entry: str | None) -> Dataset | None:
    if entry is None:
        return None
    try:
        with (directory() / f"{entry}.pickle").open("rb") as stream:
            if not _trusted(os.fstat(stream.fileno())):
                return None
            found = pickle.loads(stream.read())
    except Exception:  # a missing, truncated or stale entry is a miss, never an error
        return None
    return found if isinstance(found, Dataset) else None


def _trusted(status: os.stat_result) -> bool:
    """Ours and writable by no one else: a pickle can run code, so a shared folder must not feed us one."""
    owner = os.getuid() if hasattr(os, "getuid") else status.st_uid
    return status.st_uid == owner and not status.st_mode & 0o022


def write(entry: str | None, dataset: Dataset) -> None:
    if entry is None:
        return
    from kjtimeline.files import write_atomically  # tempfile: only when writing

    try:
        folder = directory()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomically(folder / f"{entry}.pickle", pickle.dumps(dataset, pickle.HIGHEST_PROTOCOL), force=True)
        kept = 0
        for number, (_, size, path) in enumerate(sorted(_entries(folder), reverse=True)):
            kept += size
            if number >= KEPT or kept > KEPT_BYTES:
                path.unlink()
    except (OSError, RuntimeError, KjtimelineError):  # RuntimeError: no home folder
        pass


def _entries(folder: Path) -> list[tuple[float, int, Path]]:
    """(time written, size, path) of every entry."""
    found = []
    for path in folder.glob("*.pickle"):
        status = path.stat()
        found.append((status.st_mtime, status.st_size, path))
    return found
