"""JSON Lines: one record a line and nothing else, for streaming tools (jq -c, pandas lines=True)."""

from __future__ import annotations

from kjtimeline.listing import Listing
from kjtimeline.text import to_json


def format_listing(listing: Listing, lang: str) -> str:
    return "".join(to_json(row) + "\n" for row in listing.rows())
