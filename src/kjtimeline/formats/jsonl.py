"""JSON Lines: one record a line and nothing else, for streaming tools (jq -c, pandas lines=True)."""

from __future__ import annotations

import json

from kjtimeline.listing import Listing


def format_listing(listing: Listing, lang: str) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in listing.rows())
