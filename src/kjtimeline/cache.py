"""A cache of validated datasets: the same files read by the same program are not validated twice.

It spares a command pydantic's import and validator build, which cost more than the rest of the
command. The key is a BLAKE2b hash of the files' bytes, the `--override` flag, the Python version,
the installed pydantic's version and the source of the modules that decide what a valid dataset
is: any change to any of them is a miss. Each entry holds its own key, checked on reading.

Where: $KJTIMELINE_CACHE_DIR, else $XDG_CACHE_HOME/kjtimeline, else ~/.cache/kjtimeline.
KJTIMELINE_NO_CACHE=1 turns it off. It is only a speed-up: an entry that cannot be read or written
is ignored, and inputs over `LARGEST` are not cached (pickling them would cost more memory than
the 8x-the-file budget allows). Entries are pickles, which can run code, so only a folder and
files that you own and no one else can write are read, and links are not followed.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from collections.abc import Sequence
from importlib.machinery import PathFinder
from pathlib import Path

from kjtimeline.errors import KjtimelineError
from kjtimeline.models import Dataset

try:  # hashlib's import loads OpenSSL, a few milliseconds of start-up; this is the same BLAKE2b
    from _blake2 import blake2b
except ImportError:  # pragma: no cover (Python builds without the module)
    from hashlib import blake2b

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
    digest = blake2b(f"{sys.version_info[:2]} {override} {len(contents)}".encode(), digest_size=20)
    here = Path(__file__).parent
    for part in [*(here / name for name in _PROGRAM), _pydantic_version_file()]:
        with contextlib.suppress(OSError):
            digest.update(part.read_bytes())
    for raw in contents:
        digest.update(len(raw).to_bytes(8, "little"))
        digest.update(raw)
    return digest.hexdigest()


def _pydantic_version_file() -> Path:
    """Found without importing pydantic (which is what the cache saves)."""
    spec = PathFinder.find_spec("pydantic")
    folders = spec.submodule_search_locations if spec and spec.submodule_search_locations else ["."]
    return Path(next(iter(folders))) / "version.py"


def read(entry: str | None) -> Dataset | None:
    if entry is None:
        return None
    try:
        folder = directory()
        descriptor = os.open(folder / f"{entry}.pickle", os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(descriptor, "rb") as stream:
            if not (_trusted(folder.stat()) and _trusted(os.fstat(stream.fileno()))):
                return None
            stored_key, found = pickle.loads(stream.read())
    except Exception:  # a missing, truncated, foreign or stale entry is a miss, never an error
        return None
    return found if stored_key == entry and isinstance(found, Dataset) else None


def _trusted(status: os.stat_result) -> bool:
    """Yours and writable by no one else (on Windows, where modes say little, any)."""
    if not hasattr(os, "getuid"):
        return True
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def write(entry: str | None, dataset: Dataset) -> None:
    if entry is None:
        return
    from kjtimeline.files import write_atomically  # tempfile: only when writing

    try:
        folder = directory()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        payload = pickle.dumps((entry, dataset), pickle.HIGHEST_PROTOCOL)
        write_atomically(folder / f"{entry}.pickle", payload, force=True)
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
