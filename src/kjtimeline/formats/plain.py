"""Tab-separated lines for grep, cut and awk: no header, one record a line, lists comma-joined.

Tabs, newlines and other control characters inside a value are written as escapes (\\t, \\n,
\\x1b…), so a line is always one record and no field can steer the terminal.
"""

from __future__ import annotations

from kjtimeline.formats.cells import cell
from kjtimeline.listing import Listing
from kjtimeline.text import visible


def format_listing(listing: Listing, lang: str) -> str:
    columns = listing.selected or listing.plain_fields
    getters = [listing.fields[name] for name in columns]
    lines = ["\t".join(visible(cell(get(record), lang, ",")) for get in getters) for record in listing.records]
    return "".join(line + "\n" for line in lines)
