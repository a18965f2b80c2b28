"""Tab-separated lines for grep, cut and awk: no header, one record a line, lists comma-joined.

A card is `key<TAB>value[<TAB>value…]` lines, one a field.

Tabs, newlines and other control characters inside a value are written as escapes (\\t, \\n,
\\x1b…), so a line is always one record and no field can steer the terminal.
"""

from __future__ import annotations

from typing import Any

from kjtimeline.formats import Format
from kjtimeline.formats._cells import cell
from kjtimeline.listing import Listing
from kjtimeline.text import visible


def format_listing(listing: Listing, lang: str) -> str:
    listing = listing.localized(lang)
    columns = listing.selected or listing.plain_fields
    getters = [listing.fields[name] for name in columns]
    lines = ["\t".join(visible(cell(get(record), lang, ",")) for get in getters) for record in listing.records]
    return "".join(line + "\n" for line in lines)


def format_card(view: Any) -> str:
    lines = []
    for key, value in view.pairs():
        values = [value] if isinstance(value, str) else list(value)
        lines.append("\t".join([visible(key), *(visible(v) for v in values)]) + "\n")
    return "".join(lines)


FORMAT = Format(
    name="plain",
    help="tab-separated lines for grep, cut and awk",
    extension=".txt",
    listing=format_listing,
    card=format_card,
)
