"""A Markdown table of the listing; every character Markdown or HTML would act on is escaped."""

from __future__ import annotations

import re

from kjtimeline.formats.cells import cell
from kjtimeline.listing import Listing
from kjtimeline.text import visible

_MARKUP = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def escape(text: str) -> str:
    """Text that renders as itself: Markdown punctuation backslashed, HTML specials as entities."""
    text = _MARKUP.sub(r"\\\1", visible(text))
    return re.sub(r"[&<>]", lambda m: _HTML[m.group()], text.replace("\\>", ">"))


def format_listing(listing: Listing, lang: str) -> str:
    columns = listing.selected or listing.plain_fields
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in listing.rows():
        lines.append("| " + " | ".join(escape(cell(row[name], lang, ", ")) for name in columns) + " |")
    return "\n".join(lines) + "\n"
