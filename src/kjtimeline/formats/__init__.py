"""Output and export formats: one module per format name, found here at import.

Each module declares a `FORMAT`: what it offers (a listing writer, a card writer, a whole-dataset
export), the file extension and whether it is binary. The `--format` choices, their help, and
the format tests all read `FORMATS`, so a new format is one new file in this folder. Modules whose
name starts with `_` are shared helpers, not formats. Nothing heavy is imported at module level:
a format's own dependencies (icalendar, sqlite3) are imported when it runs.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

from kjtimeline.listing import Listing
from kjtimeline.models import Dataset
from kjtimeline.values import Value

TABLE = "table"
"""The terminal view: not a module here, it is drawn by `kjtimeline.render` with Rich."""


class Format(Value, kw_only=True):
    name: str
    help: str
    """One line for `--help`: what you get."""
    extension: str
    """The usual file name ending, dot included."""
    binary: bool = False
    listing: Callable[[Listing, str], str] | None = None
    """(listing, language) -> text, for the listing commands' `--format`."""
    card: Callable[[Any], str] | None = None
    """A one-record view (`views.EventCard`…) -> text, for `event`, `person`, `validate`."""
    export: Callable[[Dataset, str], bytes] | None = None
    """(the whole filtered dataset, language) -> file contents, for `export --format`."""
    save: Callable[[Dataset, str, Path], None] | None = None
    """(dataset, language, path) -> writes the export to a new file at `path` (the CLI's temporary
    file, renamed into place when complete), for formats too big to hold in memory or that need a
    real file. `export --format` uses it in preference to `export`."""
    for_excel: Callable[[Dataset, str, Path], None] | None = None
    """`save` as `export --excel` asks: for Excel, which reads UTF-8 only after a byte-order mark."""
    metadata: Callable[[Dataset, str, Path], tuple[Path, bytes]] | None = None
    """(dataset, language, the export's path) -> a file to write beside a file export, and its
    contents (the sqlite export's Datasette metadata)."""
    chart: bool = False
    """Its export is a picture of the selection, which `stats --format` offers too."""


def _discover() -> dict[str, Format]:
    found: dict[str, Format] = {}
    for path in sorted(Path(__file__).parent.glob("[!_]*.py")):
        declared: Format = import_module(f"{__name__}.{path.stem}").FORMAT
        found[declared.name] = declared
    return found


FORMATS: dict[str, Format] = _discover()

LISTING_FORMATS = (TABLE, *(name for name, f in FORMATS.items() if f.listing))
CARD_FORMATS = (TABLE, *(name for name, f in FORMATS.items() if f.card))
EXPORT_FORMATS = tuple(name for name, f in FORMATS.items() if f.export or f.save)
CHART_FORMATS = tuple(name for name, f in FORMATS.items() if f.chart and f.export)


def or_list(names: tuple[str, ...]) -> str:
    """'a, b or c', for help texts."""
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else "".join(names)
