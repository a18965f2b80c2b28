"""Output and export formats: one module per format name, imported when its format runs.

Each module declares a `FORMAT`: what it offers (a listing writer, a card writer, a whole-dataset
export), the file extension and whether it is binary. `OFFERS` names the modules and what each
offers, so the `--format` choices and `--help` of every command need none of them imported (the
registry used to import all twelve on every call); a test holds it equal to the modules'
declarations and says what to add for a new one. So a new format is one new file in this folder
and its line in `OFFERS`. Modules whose name starts with `_` are shared helpers, not formats.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from importlib import import_module
from typing import TYPE_CHECKING, Any

from kjtimeline.values import Value

if TYPE_CHECKING:  # `--help` reads the choices and needs neither
    from pathlib import Path

    from kjtimeline.listing import Listing
    from kjtimeline.models import Dataset

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


OFFERS: dict[str, tuple[str, ...]] = {
    "csv": ("listing", "export", "excel"),
    "datapackage": ("export",),
    "html": ("export",),
    "ics": ("export",),
    "json": ("listing", "card", "export"),
    "jsonl": ("listing", "export"),
    "markdown": ("listing", "export"),
    "plain": ("listing", "card"),
    "plover": ("export",),
    "sqlite": ("export",),
    "svg": ("export", "chart"),
    "timelinejs": ("export",),
}  # fmt: skip
"""Each format module (in file-name order, the order of the choices) and what its `FORMAT` offers, as
`offers` reads it: "listing", "card", "export" (export or save), "chart", "excel" (for_excel)."""


def offers(declared: Format) -> tuple[str, ...]:
    """What a declaration offers, in the words of `OFFERS`."""
    offered = {
        "listing": declared.listing, "card": declared.card, "export": declared.export or declared.save,
        "chart": declared.chart and declared.export, "excel": declared.for_excel,
    }  # fmt: skip
    return tuple(word for word, given in offered.items() if given)


class _Registry(Mapping[str, Format]):
    """The formats by name; a format's module is imported when the format is first looked up."""

    def __getitem__(self, name: str) -> Format:
        if name not in OFFERS:
            raise KeyError(name)
        declared: Format = import_module(f"{__name__}.{name}").FORMAT
        return declared

    def __iter__(self) -> Iterator[str]:
        return iter(OFFERS)

    def __len__(self) -> int:
        return len(OFFERS)


FORMATS: Mapping[str, Format] = _Registry()


def _offering(word: str) -> tuple[str, ...]:
    return tuple(name for name, offered in OFFERS.items() if word in offered)


LISTING_FORMATS = (TABLE, *_offering("listing"))
CARD_FORMATS = (TABLE, *_offering("card"))
EXPORT_FORMATS = _offering("export")
CHART_FORMATS = _offering("chart")
EXCEL_FORMATS = _offering("excel")


def or_list(names: tuple[str, ...]) -> str:
    """'a, b or c', for help texts."""
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else "".join(names)
