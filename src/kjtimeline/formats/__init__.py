"""Output formats for listings, one module each, and the registry that names them.

Formats other than `table` return text and import nothing heavy, so the JSON path stays fast;
`table` is drawn by `kjtimeline.render` with Rich.
"""

from __future__ import annotations

from collections.abc import Callable

from kjtimeline.formats import csv, json, jsonl, markdown, plain
from kjtimeline.listing import Listing

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
