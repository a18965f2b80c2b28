"""One JSON document: who made it, the filters, the count, the records, then what they cite."""

from __future__ import annotations

from kjtimeline import __version__
from kjtimeline.listing import Listing
from kjtimeline.models import SCHEMA_VERSION
from kjtimeline.text import to_json


def producer() -> dict[str, object]:
    """The header every JSON document starts with."""
    return {"version": __version__, "schema_version": SCHEMA_VERSION}


def document(listing: Listing) -> dict[str, object]:
    return {
        "kjtimeline": producer(),
        **listing.meta,
        "count": len(listing.records),
        listing.kind: listing.rows(),
        **listing.appendix,
    }


def format_listing(listing: Listing, lang: str) -> str:
    return to_json(document(listing), indent=2) + "\n"
