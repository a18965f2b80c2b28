"""JSON: a listing or a card as one document with the `kjtimeline` header; the export is a dataset file.

The export is a dataset file in its own right: it validates against the published schema and loads
back with `--data` to the same records.
"""

from __future__ import annotations

from typing import Any

from kjtimeline import __version__
from kjtimeline.formats import Format
from kjtimeline.listing import Listing
from kjtimeline.models import SCHEMA_VERSION, Dataset, plain
from kjtimeline.text import to_json


def producer() -> dict[str, object]:
    """The header every JSON document starts with."""
    return {"version": __version__, "schema_version": SCHEMA_VERSION}


def _dumps(members: dict[str, Any]) -> str:
    return to_json({"kjtimeline": producer(), **members}, indent=2) + "\n"


def format_listing(listing: Listing, lang: str) -> str:
    return _dumps(listing.document())


def format_card(view: Any) -> str:
    return _dumps(view.document())


def export_json(dataset: Dataset, lang: str = "en") -> bytes:
    return to_json(plain(dataset), indent=2).encode("utf-8") + b"\n"


FORMAT = Format(
    name="json",
    help="the dataset itself: validates against `kjtimeline schema`, loads back with --data",
    extension=".json",
    listing=format_listing,
    card=format_card,
    export=export_json,
)
