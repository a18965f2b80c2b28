"""A Markdown table of the listing; every character Markdown or HTML would act on is escaped."""

from __future__ import annotations

import re

from kjtimeline.formats.cells import cell
from kjtimeline.listing import Listing
from kjtimeline.text import visible

_INLINE = re.compile(r"([\\`*_\[\]|~#!])")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def escape(text: str) -> str:
    """Text that renders as itself in CommonMark and GFM tables.

    Inline markup characters are backslashed, HTML specials become entities, and a line that
    would start a list or heading is defused; ordinary punctuation stays readable.
    """
    text = _INLINE.sub(r"\\\1", visible(text))
    text = re.sub(r"[&<>]", lambda m: _HTML[m.group()], text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def format_listing(listing: Listing, lang: str) -> str:
    columns = listing.selected or listing.plain_fields
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in listing.rows():
        lines.append("| " + " | ".join(escape(cell(row[name], lang, ", ")) for name in columns) + " |")
    return "\n".join(lines) + "\n"
