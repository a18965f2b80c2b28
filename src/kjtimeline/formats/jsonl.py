"""JSON Lines: one record a line and nothing else, for streaming tools (jq -c, pandas lines=True)."""

from __future__ import annotations

from pathlib import Path

from kjtimeline.formats import Format
from kjtimeline.listing import Listing
from kjtimeline.models import Dataset, plain
from kjtimeline.text import to_json


def format_listing(listing: Listing, lang: str) -> str:
    return "".join(to_json(row) + "\n" for row in listing.rows())


def save_jsonl(dataset: Dataset, lang: str, path: Path) -> None:
    """`export --format jsonl`, a line at a time (memory flat in the number of events)."""
    with path.open("w", encoding="utf-8", newline="\n") as stream:
        stream.writelines(to_json(plain(event), compact=True) + "\n" for event in dataset.events)


FORMAT = Format(
    name="jsonl",
    help="one event a line as JSON",
    extension=".jsonl",
    listing=format_listing,
    save=save_jsonl,
)
