"""CSV for spreadsheets: a header row, one row a record.

- A name in each language becomes a column per language (`title_en`, `title_ko`, …).
- Lists are joined with "; " in one cell.
- Control and invisible characters are shown as escapes (`kjtimeline.text.visible`), line breaks kept.
- A cell a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return)
  gets a leading apostrophe, as OWASP recommends for CSV injection; the text is otherwise unchanged.
"""

from __future__ import annotations

import csv
import io

from kjtimeline.formats import Format
from kjtimeline.formats._cells import cell, is_names
from kjtimeline.listing import Listing, event_listing
from kjtimeline.models import LANGUAGES, Dataset
from kjtimeline.text import visible

LIST_JOINER = "; "
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def format_listing(listing: Listing, lang: str) -> str:
    listing = listing.localized(lang)
    rows = listing.rows()
    header: list[str] = []
    for name in listing.columns:
        sample = next((row[name] for row in rows if row[name] is not None), None)
        header.extend(f"{name}_{code}" for code in LANGUAGES) if is_names(sample) else header.append(name)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        cells: list[str] = []
        for name in listing.columns:
            value = row[name]
            if f"{name}_en" in header:
                cells.extend(cell(value.get(code) if value else None, lang, LIST_JOINER) for code in LANGUAGES)
            else:
                cells.append(cell(value, lang, LIST_JOINER))
        writer.writerow([neutralize(visible(text, keep_newlines=True)) for text in cells])
    return buffer.getvalue()


def export_csv(dataset: Dataset, lang: str = "en") -> bytes:
    """Every event, every field (`export --format csv`)."""
    return format_listing(event_listing(dataset, dataset.events, {}), lang).encode("utf-8")


FORMAT = Format(
    name="csv",
    help='one row an event; names in each language as title_en, title_ko…; lists joined with "; "',
    extension=".csv",
    listing=format_listing,
    export=export_csv,
)
