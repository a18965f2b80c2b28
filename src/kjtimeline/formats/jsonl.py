"""JSON Lines: one record a line and nothing else, for streaming tools (jq -c, pandas lines=True)."""

from __future__ import annotations

from kjtimeline.formats import Format
from kjtimeline.listing import Listing
from kjtimeline.models import Dataset, plain
from kjtimeline.text import to_json


def format_listing(listing: Listing, lang: str) -> str:
    return "".join(to_json(row) + "\n" for row in listing.rows())


def export_jsonl(dataset: Dataset, lang: str = "en") -> bytes:
    return b"".join(to_json(plain(event), compact=True).encode("utf-8") + b"\n" for event in dataset.events)


FORMAT = Format(
    name="jsonl",
    help="one event a line as JSON",
    extension=".jsonl",
    listing=format_listing,
    export=export_jsonl,
)
