"""Output formats for listings, one module each, and the registry that names them.

Formats other than `table` return text and import nothing heavy, so the JSON path stays fast;
`table` is drawn by `kjtimeline.render` with Rich.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from kjtimeline.formats import csv, json, jsonl, markdown, plain
from kjtimeline.listing import Listing
from kjtimeline.models import Dataset
from kjtimeline.values import Value

ListingFormatter = Callable[[Listing, str], str]

LISTING_FORMATS: dict[str, ListingFormatter] = {
    "plain": plain.format_listing,
    "json": json.format_listing,
    "jsonl": jsonl.format_listing,
    "csv": csv.format_listing,
    "markdown": markdown.format_listing,
}
"""name -> (listing, language) -> text. `table` is not here: it is Rich's, in kjtimeline.render."""

FORMAT_NAMES = ("table", *LISTING_FORMATS)


class Exporter(Value):
    """A whole-selection export format, imported only when used (keeps start-up light)."""

    module: str
    function: str
    extension: str
    binary: bool = False

    def load(self) -> Callable[[Dataset], bytes]:
        function: Callable[[Dataset], bytes] = getattr(import_module(self.module), self.function)
        return function


EXPORTERS: dict[str, Exporter] = {
    "json": Exporter("kjtimeline.formats.document", "export_json", ".json"),
    "jsonl": Exporter("kjtimeline.formats.document", "export_jsonl", ".jsonl"),
    "csv": Exporter("kjtimeline.formats.csv", "export_csv", ".csv"),
    "markdown": Exporter("kjtimeline.formats.chronology", "export_markdown", ".md"),
    "ics": Exporter("kjtimeline.formats.ics", "export_ics", ".ics"),
    "timelinejs": Exporter("kjtimeline.formats.timelinejs", "export_timelinejs", ".json"),
    "html": Exporter("kjtimeline.formats.html", "export_html", ".html"),
    "plover": Exporter("kjtimeline.formats.plover", "export_plover", ".jsonl"),
    "sqlite": Exporter("kjtimeline.formats.sqlite", "export_sqlite", ".db", binary=True),
}
